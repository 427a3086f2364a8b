package io.github.fbtools.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Finds the Java usage examples in Javadoc ({@code <pre>{@code ...}}{@code </pre>} blocks) of
 * main sources and compiles them, so an example that no longer matches the API fails the build
 * with the file and line of the example (docs/DEVELOPING.md, "Javadoc examples").
 *
 * <p>The convention:
 *
 * <ul>
 *   <li>Every {@code <pre>{@code} block is Java and is compiled; other text (shell commands,
 *       Python, folder layouts) goes into a plain {@code <pre>} block without {@code {@code}}.
 *   <li>A block is a list of statements, compiled as the body of a method that may throw
 *       anything and may {@code return} a value; a block whose first line starts with {@code
 *       static}, {@code public}, {@code protected} or {@code private} is a list of class members;
 *       a block with a {@code package} line is a whole {@code package-info.java}.
 *   <li>The example's free names are declared in an HTML comment (invisible in the rendered
 *       Javadoc) just before the block: {@code <!-- given: Path sceneDir; PromptFiles promptFiles;
 *       void render(Path file) -->}. Entries are separated by {@code ;}; a variable becomes a
 *       parameter of the method around the example (a static field of the class around
 *       class members), a method (an entry with parentheses) an abstract method of that class.
 *   <li>Imports: the file's own imports, its package, the nested types of the file's class, every
 *       {@code io.github.fbtools} package and the common JDK packages (java.io, java.net,
 *       java.nio.file, java.security, java.time, java.util, java.util.concurrent(.atomic),
 *       java.util.function) and JSR-305's javax.annotation. An example of a public class is compiled outside its package, so it
 *       uses only public API; one of a package-private class is compiled inside its package.
 *   <li>A line that is only {@code ...} stands for code left out: write it as a comment ({@code
 *       // ...}).
 * </ul>
 */
final class JavadocExamples {
  /** The package examples of public classes are compiled in: outside every fbtools package. */
  static final String OUTSIDE_PACKAGE = "fbtools.javadoc.examples";

  private static final List<String> JDK_PACKAGES =
      List.of(
          "java.io",
          "java.net",
          "java.nio.file",
          "java.security",
          "java.time",
          "java.util",
          "java.util.concurrent",
          "java.util.concurrent.atomic",
          "java.util.function",
          "javax.annotation");

  private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;");
  private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.*]+)\\s*;");
  private static final Pattern GIVEN = Pattern.compile("<!--\\s*given:(.*?)-->", Pattern.DOTALL);
  private static final Pattern MEMBERS = Pattern.compile("^(static|public|protected|private)\\b");
  private static final Pattern TYPE_DECLARATION =
      Pattern.compile(
          "^\\s*((?:public|protected|private|static|final|abstract|sealed|non-sealed|strictfp)\\s+)*"
              + "(class|interface|record|enum|@interface)\\s+(\\w+)");

  private JavadocExamples() {}

  /**
   * One Java example.
   *
   * @param file the source file, relative to the project root
   * @param line the 1-based line of the example's first code line in {@code file}
   * @param packageName the source file's package
   * @param topLevelType the source file's top-level type
   * @param publicType whether that type is public (then the example is compiled outside its
   *     package)
   * @param imports the source file's imports (the text after {@code import}, without {@code ;})
   * @param given the entries of the example's {@code given} comment
   * @param code the example's lines, as Javadoc renders them
   */
  record Example(
      String file,
      int line,
      String packageName,
      String topLevelType,
      boolean publicType,
      List<String> imports,
      List<String> given,
      List<String> code) {
    @Override
    public String toString() {
      return file + ":" + line;
    }
  }

  /**
   * Returns the examples of every module's {@code src/main/java} under {@code projectRoot}.
   *
   * @param projectRoot the folder with the parent {@code pom.xml}
   * @return the examples, by file and line
   * @throws IOException if a source cannot be read
   */
  static List<Example> findAll(Path projectRoot) throws IOException {
    List<Example> all = new ArrayList<>();
    for (Path sources : mainSourceRoots(projectRoot)) {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(sources)) {
        files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
      }
      for (Path file : files) {
        all.addAll(find(projectRoot, file));
      }
    }
    return all;
  }

  /**
   * Returns the {@code src/main/java} folders of the modules the root {@code pom.xml} lists.
   *
   * @param projectRoot the folder with the parent {@code pom.xml}
   * @return the folders, in the order of the modules
   * @throws IOException if the pom cannot be read
   */
  static List<Path> mainSourceRoots(Path projectRoot) throws IOException {
    String pom = Files.readString(projectRoot.resolve("pom.xml"), UTF_8);
    Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(pom);
    List<Path> roots = new ArrayList<>();
    while (m.find()) {
      Path sources = projectRoot.resolve(m.group(1).trim()).resolve("src/main/java");
      if (Files.isDirectory(sources)) {
        roots.add(sources);
      }
    }
    return roots;
  }

  /**
   * Returns the packages of every module's {@code src/main/java} under {@code projectRoot}.
   *
   * @param projectRoot the folder with the parent {@code pom.xml}
   * @return the package names, sorted
   * @throws IOException if a folder cannot be read
   */
  static Set<String> packages(Path projectRoot) throws IOException {
    Set<String> packages = new TreeSet<>();
    for (Path sources : mainSourceRoots(projectRoot)) {
      try (Stream<Path> walk = Files.walk(sources)) {
        walk.filter(p -> p.toString().endsWith(".java"))
            .map(p -> sources.relativize(p.getParent()).toString().replace(File.separatorChar, '.'))
            .filter(p -> !p.isEmpty())
            .forEach(packages::add);
      }
    }
    return packages;
  }

  /**
   * Returns the examples of one source file.
   *
   * @param projectRoot the folder file names are reported relative to
   * @param file the source file
   * @return its examples, in order
   * @throws IOException if it cannot be read
   */
  static List<Example> find(Path projectRoot, Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, UTF_8);
    String name = projectRoot.relativize(file).toString().replace('\\', '/');
    String pkg = "";
    List<String> imports = new ArrayList<>();
    for (String l : lines) {
      Matcher p = PACKAGE.matcher(l);
      if (p.find() && pkg.isEmpty()) {
        pkg = p.group(1);
      }
      Matcher i = IMPORT.matcher(l);
      if (i.find()) {
        imports.add((i.group(1) == null ? "" : "static ") + i.group(2));
      }
    }
    String topLevel = file.getFileName().toString().replaceFirst("\\.java$", "");
    boolean publicType = false;
    for (String l : lines) {
      Matcher t = TYPE_DECLARATION.matcher(l);
      if (t.find() && t.group(3).equals(topLevel)) {
        publicType = l.trim().startsWith("public ") || l.contains(" public ");
        break;
      }
    }
    List<Example> found = new ArrayList<>();
    StringBuilder sinceLastBlock = new StringBuilder();
    boolean inDoc = false;
    for (int i = 0; i < lines.size(); i++) {
      String raw = lines.get(i);
      if (!inDoc) {
        if (raw.contains("/**")) {
          inDoc = true;
          sinceLastBlock.setLength(0);
        } else {
          continue;
        }
      }
      String text = docText(raw);
      int pre = text.indexOf("<pre>{@code");
      if (pre >= 0) {
        sinceLastBlock.append(text, 0, pre);
        List<String> given = given(sinceLastBlock.toString());
        sinceLastBlock.setLength(0);
        List<String> code = new ArrayList<>();
        String first = text.substring(pre + "<pre>{@code".length());
        int firstLine = i + 1;
        if (!first.isBlank()) {
          code.add(first);
        } else {
          firstLine = i + 2;
        }
        int j = i + 1;
        for (; j < lines.size(); j++) {
          String t = docText(lines.get(j));
          int end = t.indexOf("}</pre>");
          if (end >= 0) {
            if (!t.substring(0, end).isBlank()) {
              code.add(t.substring(0, end));
            }
            break;
          }
          if (lines.get(j).contains("*/")) {
            throw new IllegalStateException(name + ":" + (i + 1) + ": <pre>{@code without }</pre>");
          }
          code.add(t);
        }
        found.add(
            new Example(
                name,
                firstLine,
                pkg,
                topLevel,
                publicType,
                List.copyOf(imports),
                given,
                List.copyOf(code)));
        i = j;
        continue;
      }
      if (text.contains("</pre>")) {
        sinceLastBlock.setLength(0);
      } else {
        sinceLastBlock.append(text).append('\n');
      }
      if (raw.contains("*/")) {
        inDoc = false;
      }
    }
    return found;
  }

  /** The text of a Javadoc line as {@code {@code}} keeps it: leading space and {@code *} cut. */
  private static String docText(String line) {
    String t = line.replaceFirst("^\\s*/\\*\\*", "").replaceFirst("\\*/\\s*$", "");
    return t.replaceFirst("^\\s*\\* ?", "");
  }

  private static List<String> given(String textBefore) {
    Matcher m = GIVEN.matcher(textBefore);
    String last = null;
    while (m.find()) {
      last = m.group(1);
    }
    if (last == null) {
      return List.of();
    }
    List<String> entries = new ArrayList<>();
    for (String e : last.split(";")) {
      String entry = e.replaceAll("\\s+", " ").trim();
      if (!entry.isEmpty()) {
        entries.add(entry);
      }
    }
    return List.copyOf(entries);
  }

  /** The source javac compiles for one example, and where the example's code starts in it. */
  private record Unit(Example example, String path, String source, int codeStartLine) {}

  /**
   * Compiles the examples against {@code classpath} and returns one message for each error,
   * {@code file:line: message} with the file and line of the example's source.
   *
   * @param examples the examples
   * @param packages the project's packages, imported by every example
   * @param classpath the class path to compile against
   * @param out a folder for the class files
   * @return the errors; empty when every example compiles
   */
  static List<String> compile(
      List<Example> examples, Set<String> packages, String classpath, Path out) {
    List<Unit> units = new ArrayList<>();
    for (int n = 0; n < examples.size(); n++) {
      units.add(unit(examples.get(n), n, packages));
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<JavaFileObject> sources = new ArrayList<>();
    for (Unit u : units) {
      sources.add(new Source(u));
    }
    List<String> options =
        List.of(
            "-classpath",
            classpath,
            "-d",
            out.toString(),
            "-proc:none",
            "-implicit:none",
            "-Xmaxerrs",
            "100000",
            // Go on attributing every example after the first error, so one run lists them all.
            "-XDshould-stop.ifError=FLOW");
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, UTF_8)) {
      javac.getTask(null, files, diagnostics, options, null, sources).call();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Set<String> errors = new LinkedHashSet<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() != Diagnostic.Kind.ERROR) {
        continue;
      }
      String message = d.getMessage(Locale.ROOT).lines().collect(Collectors.joining(" | "));
      if (d.getSource() instanceof Source s) {
        Example e = s.unit.example();
        long line = d.getLineNumber() - s.unit.codeStartLine();
        String where =
            line >= 0 && line < e.code().size()
                ? e.file() + ":" + (e.line() + line) + ": " + e.code().get((int) line).trim()
                : e.file() + ":" + e.line() + " (in the wrapper or the given comment "
                    + e.given() + ")";
        errors.add(where + "\n    error: " + message);
      } else {
        errors.add("(no source): " + message);
      }
    }
    return List.copyOf(errors);
  }

  private static Unit unit(Example e, int n, Set<String> packages) {
    boolean packageInfo = e.code().stream().anyMatch(l -> PACKAGE.matcher(l.trim()).find());
    StringBuilder s = new StringBuilder();
    List<String> imports = imports(e, packages);
    if (packageInfo) {
      // A package-info.java: the imports go on the package line, so lines map one to one.
      String pkg = "";
      for (String l : e.code()) {
        Matcher p = PACKAGE.matcher(l.trim());
        if (p.find()) {
          pkg = p.group(1);
          s.append(l);
          for (String imp : imports) {
            s.append(" import ").append(imp).append(';');
          }
        } else {
          s.append(l);
        }
        s.append('\n');
      }
      return new Unit(e, pkg.replace('.', '/') + "/package-info.java", s.toString(), 1);
    }
    String pkg = e.publicType() ? OUTSIDE_PACKAGE : e.packageName();
    String className = "Example" + n;
    s.append("package ").append(pkg).append(";\n");
    for (String imp : imports) {
      s.append("import ").append(imp).append(";\n");
    }
    s.append("@SuppressWarnings(\"all\")\n");
    s.append("abstract class ").append(className).append(" {\n");
    boolean members =
        e.code().stream()
            .filter(l -> !l.isBlank())
            .findFirst()
            .map(l -> MEMBERS.matcher(l.trim()).find())
            .orElse(false);
    List<String> parameters = new ArrayList<>();
    for (String g : e.given()) {
      if (g.contains("(")) {
        s.append("  abstract ").append(g).append(";\n");
      } else if (members) {
        // Class members see the given names as static fields.
        s.append("  static ").append(g).append(";\n");
      } else {
        parameters.add(g);
      }
    }
    s.append("  Object example(").append(String.join(", ", parameters)).append(")");
    s.append(" throws Throwable {\n");
    if (members) {
      s.append("    return null;\n  }\n");
    } else {
      s.append("    if (true) {\n");
    }
    int codeStart = countLines(s) + 1;
    for (String l : e.code()) {
      s.append(l).append('\n');
    }
    if (!members) {
      s.append("    }\n    return null;\n  }\n");
    }
    s.append("}\n");
    return new Unit(e, pkg.replace('.', '/') + "/" + className + ".java", s.toString(), codeStart);
  }

  private static List<String> imports(Example e, Set<String> packages) {
    Set<String> imports = new LinkedHashSet<>();
    String own = e.packageName();
    for (String imp : e.imports()) {
      String type = imp.startsWith("static ") ? imp.substring("static ".length()) : imp;
      // Types of the file's own package come in below (and may be package-private).
      if (!type.startsWith(own + ".") || !e.publicType()) {
        imports.add(imp);
      }
    }
    if (!own.isEmpty()) {
      imports.add(own + ".*");
      imports.add(own + "." + e.topLevelType() + ".*");
    }
    for (String p : packages) {
      imports.add(p + ".*");
    }
    for (String p : JDK_PACKAGES) {
      imports.add(p + ".*");
    }
    return List.copyOf(imports);
  }

  private static int countLines(CharSequence s) {
    return (int) s.chars().filter(c -> c == '\n').count();
  }

  /** An in-memory source file. */
  private static final class Source extends SimpleJavaFileObject {
    final Unit unit;

    Source(Unit unit) {
      super(URI.create("string:///" + unit.path()), Kind.SOURCE);
      this.unit = unit;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return unit.source();
    }
  }
}
