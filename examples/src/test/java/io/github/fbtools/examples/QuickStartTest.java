package io.github.fbtools.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's Java example is QuickStart's code, and it does what the README says. */
class QuickStartTest {
  private static final Path README = Path.of("../README.md");
  private static final Path SOURCE =
      Path.of("src/main/java/io/github/fbtools/examples/QuickStart.java");

  /** The lines of the README's first {@code ```java} block, without imports and blank lines. */
  static List<String> readmeCode(String readme) {
    int start = readme.indexOf("```java\n");
    assertTrue(start >= 0, "the README has a ```java block");
    int end = readme.indexOf("```", start + 8);
    return codeLines(readme.substring(start + 8, end).lines().toList());
  }

  /** The lines between the README markers of QuickStart.java, without blank lines. */
  static List<String> sourceCode(String source) {
    int start = source.indexOf("// README:begin\n");
    int end = source.indexOf("// README:end");
    return codeLines(source.substring(start + 16, end).lines().toList());
  }

  private static List<String> codeLines(List<String> lines) {
    List<String> code = new ArrayList<>();
    int indent = Integer.MAX_VALUE;
    for (String l : lines) {
      if (!l.isBlank() && !l.startsWith("import ")) {
        indent = Math.min(indent, l.length() - l.stripLeading().length());
      }
    }
    for (String l : lines) {
      if (!l.isBlank() && !l.startsWith("import ")) {
        code.add(l.substring(indent).stripTrailing());
      }
    }
    return code;
  }

  @Test
  void readmeCodeIsQuickStartsCode() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    String source = Files.readString(SOURCE, StandardCharsets.UTF_8);
    List<String> fromReadme = readmeCode(readme);
    assertTrue(fromReadme.size() > 5, fromReadme::toString);
    assertEquals(fromReadme, sourceCode(source));
  }

  @Test
  void quickStartDoesWhatTheReadmeSays() {
    QuickStart.Result r = QuickStart.run();
    assertEquals("a woman, oil painting, soft light a quiet street", r.composed().get("full"));
    assertTrue(r.json().startsWith("{\n  \"version\": 2,\n"), r.json());
    assertTrue(
        r.json().contains("\"v1_backup\": {\n    \"girl_pos\": \"a woman, %style%\"\n  }"),
        r.json());
  }
}
