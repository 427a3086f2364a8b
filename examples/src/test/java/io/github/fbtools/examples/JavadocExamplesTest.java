package io.github.fbtools.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 item 7: every usage example in the Javadoc of every module's main sources compiles
 * against the current API, and every public class has one. The convention is described in
 * {@link JavadocExamples} and docs/DEVELOPING.md; {@code JavadocExamplesCheckerTest} shows the
 * check fails on a broken example.
 */
class JavadocExamplesTest {
  /** The project's root: the folder whose pom.xml lists this module. */
  static Path projectRoot() throws IOException {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path pom = dir.resolve("pom.xml");
      if (Files.isRegularFile(pom)
          && Files.readString(pom, UTF_8).contains("<module>examples</module>")) {
        return dir;
      }
    }
    throw new IllegalStateException("no parent pom.xml listing <module>examples</module>");
  }

  /** The class path the examples compile against: this module's test class path. */
  static String testClassPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank()
        ? surefire
        : System.getProperty("java.class.path");
  }

  /** The project's packages on this module's class path: all but the benchmarks'. */
  static Set<String> projectPackages() throws IOException {
    Set<String> packages = new TreeSet<>(JavadocExamples.packages(projectRoot()));
    packages.removeIf(p -> p.startsWith("io.github.fbtools.benchmarks"));
    return packages;
  }

  @Test
  void everyJavadocExampleCompiles(@TempDir Path out) throws IOException {
    Path root = projectRoot();
    List<JavadocExamples.Example> examples = JavadocExamples.findAll(root);
    // The guard against a checker that silently finds nothing: the project has over 100.
    assertTrue(examples.size() >= 100, "only " + examples.size() + " examples found");
    for (String module : List.of("core", "migration", "story-exec", "testkit", "libber", "redis", "examples")) {
      assertTrue(
          examples.stream().anyMatch(e -> e.file().startsWith(module + "/src/main/java/")),
          "no example found in " + module);
    }
    List<String> errors =
        JavadocExamples.compile(examples, projectPackages(), testClassPath(), out);
    assertEquals(
        "",
        String.join("\n", errors),
        errors.size() + " errors in " + examples.size() + " Javadoc examples");
  }

  private static final Pattern PUBLIC_TYPE =
      Pattern.compile(
          "^public\\s+(?:(?:final|abstract|sealed|non-sealed|strictfp)\\s+)*"
              + "(?:class|interface|record|enum|@interface)\\s+(\\w+)",
          Pattern.MULTILINE);

  /**
   * Every public top-level type of a published module has, in its class Javadoc, a usage example
   * and a sentence about threads. The benchmarks module is left out: its public classes are JMH
   * benchmarks, not API.
   */
  @Test
  void everyPublicClassHasAnExampleAndAThreadSafetySentence() throws IOException {
    Path root = projectRoot();
    List<String> missing = new ArrayList<>();
    int checked = 0;
    for (Path sources : JavadocExamples.mainSourceRoots(root)) {
      if (sources.startsWith(root.resolve("benchmarks"))) {
        continue;
      }
      List<Path> files;
      try (Stream<Path> walk = Files.walk(sources)) {
        files =
            walk.filter(p -> p.toString().endsWith(".java"))
                .filter(p -> !p.endsWith("package-info.java"))
                .sorted()
                .toList();
      }
      for (Path file : files) {
        String source = Files.readString(file, UTF_8);
        Matcher m = PUBLIC_TYPE.matcher(source);
        if (!m.find()) {
          continue;
        }
        checked++;
        String before = source.substring(0, m.start());
        int doc = before.lastIndexOf("/**");
        String javadoc = doc < 0 ? "" : before.substring(doc);
        String name = root.relativize(file).toString();
        if (!javadoc.contains("<pre>{@code")) {
          missing.add(name + ": no usage example (<pre>{@code ...}</pre>)");
        }
        if (!javadoc.toLowerCase(java.util.Locale.ROOT).contains("thread")) {
          missing.add(name + ": no thread-safety sentence");
        }
      }
    }
    assertTrue(checked >= 80, "only " + checked + " public classes found");
    assertEquals("", String.join("\n", missing));
  }
}
