package io.github.fbtools.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 ("Done when"): no class in {@code src/main} is over about 500 lines unless its class
 * Javadoc says why, in a sentence starting "Why this class is long:". The benchmarks module is
 * left out (JMH state classes, not API).
 */
class LongClassesTest {
  /** Lines above which a class must say why it is long. */
  static final int LIMIT = 500;

  /** The reason's opening words. */
  private static final List<String> REASONS = List.of("Why this class is long:");

  @Test
  void everyLongClassSaysWhy() throws IOException {
    Path root = JavadocExamplesTest.projectRoot();
    List<String> missing = new ArrayList<>();
    int checked = 0;
    for (Path sources : JavadocExamples.mainSourceRoots(root)) {
      if (sources.startsWith(root.resolve("benchmarks"))) {
        continue;
      }
      List<Path> files;
      try (Stream<Path> walk = Files.walk(sources)) {
        files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
      }
      for (Path file : files) {
        checked++;
        List<String> lines = Files.readAllLines(file, UTF_8);
        if (lines.size() <= LIMIT) {
          continue;
        }
        String text = String.join("\n", lines).replaceAll("\n\\s*\\*\\s*", " ");
        if (REASONS.stream().noneMatch(text::contains)) {
          missing.add(root.relativize(file) + ": " + lines.size() + " lines, no reason given");
        }
      }
    }
    assertTrue(checked >= 100, "only " + checked + " source files found");
    assertEquals("", String.join("\n", missing));
  }
}
