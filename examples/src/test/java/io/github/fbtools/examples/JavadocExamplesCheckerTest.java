package io.github.fbtools.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checker behind {@link JavadocExamplesTest}: it fails on a broken example with the file and
 * line of the example, and it compiles what the convention (docs/DEVELOPING.md) allows.
 */
class JavadocExamplesCheckerTest {
  /**
   * Writes a one-module project with one source file, compiles that file to {@code
   * root/classes} and returns its examples.
   */
  private static List<JavadocExamples.Example> project(Path root, String fileName, String source)
      throws IOException {
    Files.writeString(root.resolve("pom.xml"), "<modules><module>m</module></modules>", UTF_8);
    Path dir = root.resolve("m/src/main/java/io/github/fbtools/checked");
    Files.createDirectories(dir);
    Path file = dir.resolve(fileName);
    Files.writeString(file, source, UTF_8);
    Path classes = root.resolve("classes");
    Files.createDirectories(classes);
    int rc =
        ToolProvider.getSystemJavaCompiler()
            .run(null, null, null, "-d", classes.toString(), file.toString());
    assertEquals(0, rc, "the checked class itself compiles");
    return JavadocExamples.findAll(root);
  }

  /** Compiles the examples against the checked class and this module's test class path. */
  private static List<String> compile(Path root, List<JavadocExamples.Example> examples)
      throws IOException {
    Path out = root.resolve("out");
    Files.createDirectories(out);
    Set<String> packages = new TreeSet<>(JavadocExamplesTest.projectPackages());
    packages.add("io.github.fbtools.checked");
    String classPath =
        root.resolve("classes") + File.pathSeparator + JavadocExamplesTest.testClassPath();
    return JavadocExamples.compile(examples, packages, classPath, out);
  }

  @Test
  void aBrokenExampleFailsWithItsFileAndLine(@TempDir Path root) throws IOException {
    List<JavadocExamples.Example> examples =
        project(
            root,
            "Broken.java",
            """
            package io.github.fbtools.checked;

            /**
             * An example calling a method that does not exist.
             *
             * <pre>{@code
             * Libber libber = Libber.empty();
             * libber.noSuchMethod("x");
             * }</pre>
             */
            public final class Broken {}
            """);
    assertEquals(1, examples.size());
    assertEquals("m/src/main/java/io/github/fbtools/checked/Broken.java:7", examples.get(0).toString());
    List<String> errors = compile(root, examples);
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(
        errors.get(0).startsWith(
            "m/src/main/java/io/github/fbtools/checked/Broken.java:8: libber.noSuchMethod(\"x\");"),
        errors.get(0));
    assertTrue(errors.get(0).contains("cannot find symbol"), errors.get(0));
  }

  @Test
  void theTwoExamplesIssue12NamedAsWrongFail(@TempDir Path root) throws IOException {
    // FormatException's old example called PromptFiles.read statically; InvalidNameException's
    // named ApiResponse.badRequest, which does not exist.
    List<JavadocExamples.Example> examples =
        project(
            root,
            "Old.java",
            """
            package io.github.fbtools.checked;

            /**
             * <!-- given: Path sceneDir; String userInput -->
             * <pre>{@code
             * try {
             *   PromptFiles.read(sceneDir);
             * } catch (FormatException e) {
             *   System.err.println(e.getMessage());
             * }
             * }</pre>
             *
             * <!-- given: String userInput -->
             * <pre>{@code
             * try {
             *   SafeNames.validate(SafeNames.Kind.SCENE, userInput);
             * } catch (InvalidNameException e) {
             *   return io.github.fbtools.libber.rest.ApiResponse.badRequest(e.getMessage());
             * }
             * }</pre>
             */
            public final class Old {}
            """);
    assertEquals(2, examples.size());
    List<String> errors = compile(root, examples);
    assertEquals(2, errors.size(), errors.toString());
    assertTrue(errors.get(0).startsWith("m/src/main/java/io/github/fbtools/checked/Old.java:7:"), errors.get(0));
    assertTrue(errors.get(1).startsWith("m/src/main/java/io/github/fbtools/checked/Old.java:18:"), errors.get(1));
  }

  @Test
  void givenNamesMembersPackageInfoAndPlainPreCompile(@TempDir Path root) throws IOException {
    List<JavadocExamples.Example> examples =
        project(
            root,
            "Fine.java",
            """
            package io.github.fbtools.checked;

            import java.util.Optional;

            /**
             * Free names come from the given comment; a method entry becomes abstract.
             *
             * <!-- given: Path sceneDir; Map<String, List<String>> byScene;
             *      void render(Path file) -->
             * <pre>{@code
             * render(sceneDir.resolve("prompts.json"));
             * Optional<String> first = byScene.keySet().stream().findFirst();
             * // ...
             * return first;
             * }</pre>
             *
             * <pre>{@code
             * static final Libber EMPTY = Libber.empty();
             * }</pre>
             *
             * <pre>{@code
             * @javax.annotation.ParametersAreNonnullByDefault
             * package io.github.fbtools.elsewhere;
             * }</pre>
             *
             * <pre>
             * scenes/{opening}/prompts.json   not Java: never compiled
             * </pre>
             */
            public final class Fine {}
            """);
    assertEquals(3, examples.size(), examples.toString());
    assertEquals(
        List.of("Path sceneDir", "Map<String, List<String>> byScene", "void render(Path file)"),
        examples.get(0).given());
    assertEquals(List.of(), compile(root, examples));
  }

  @Test
  void anExampleOfAPublicClassSeesOnlyPublicApi(@TempDir Path root) throws IOException {
    List<JavadocExamples.Example> examples =
        project(
            root,
            "Hidden.java",
            """
            package io.github.fbtools.checked;

            /**
             * Hidden.secret() is package-private: a user could not call it.
             *
             * <pre>{@code
             * Hidden.secret();
             * }</pre>
             */
            public final class Hidden {
              static void secret() {}
            }
            """);
    List<String> errors = compile(root, examples);
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).contains("Hidden.java:7: Hidden.secret();"), errors.get(0));
  }
}
