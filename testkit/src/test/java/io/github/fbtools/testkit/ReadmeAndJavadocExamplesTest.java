package io.github.fbtools.testkit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The README's copyable property test is {@link PromptFilesProperties} (which runs here), and
 * every line of every class Javadoc example in the kit is code that a test of this module runs.
 */
class ReadmeAndJavadocExamplesTest {
  private static final Path MAIN = Path.of("src/main/java/io/github/fbtools/testkit");
  private static final Path TESTS = Path.of("src/test/java/io/github/fbtools/testkit");

  private static String squash(String s) {
    return s.replaceAll("\\s+", " ").strip();
  }

  @Test
  void theReadmeShowsThePropertyTestAsItRuns() throws IOException {
    Path readme = Path.of("..", "README.md");
    Assumptions.assumeTrue(Files.exists(readme), "not run from the module folder");
    String source = Files.readString(TESTS.resolve("PromptFilesProperties.java"));
    String example = source.substring(source.indexOf("import static"));
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    assertTrue(text.contains(example), "README.md lacks PromptFilesProperties as it is:\n" + example);
    assertTrue(text.contains("<artifactId>fbtools-testkit</artifactId>"));
  }

  @Test
  void everyJavadocExampleLineRunsInATest() throws IOException {
    StringBuilder tests = new StringBuilder();
    try (Stream<Path> files = Files.list(TESTS)) {
      for (Path p : files.sorted().toList()) {
        tests.append(squash(Files.readString(p))).append('\n');
      }
    }
    List<String> missing = new ArrayList<>();
    int checked = 0;
    Pattern pre = Pattern.compile("<pre>\\{@code\\n(.*?)\\n \\* }</pre>", Pattern.DOTALL);
    try (Stream<Path> files = Files.list(MAIN)) {
      for (Path p : files.sorted().toList()) {
        Matcher m = pre.matcher(Files.readString(p));
        while (m.find()) {
          for (String line : m.group(1).split("\n")) {
            String code = line.replaceFirst("^\\s*\\*", "").replaceFirst("//.*$", "");
            code = squash(code.replace("&#64;", "@"));
            if (code.isEmpty() || code.equals("}") || code.equals("{")) {
              continue;
            }
            checked++;
            if (!tests.toString().contains(code)) {
              missing.add(p.getFileName() + ": " + code);
            }
          }
        }
      }
    }
    assertTrue(checked > 15, "lines checked: " + checked);
    assertTrue(missing.isEmpty(), "Javadoc example lines no test runs: " + missing);
    assertFalse(tests.toString().isEmpty());
  }
}
