package io.github.fbtools.examples;

import io.github.fbtools.core.json.FbToolsException;
import io.github.fbtools.core.json.FormatException;
import io.github.fbtools.core.InvalidNameException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The {@code fbtools} command line: a demo on an embedded sample story and tools around the
 * library (the version 1 to 2 migration with verify and rollback, Libber substitution and checks,
 * input hashes, the Stage 2 view of an execution, the REST API).
 *
 * <pre>
 * java -jar examples/target/fbtools.jar demo
 * java -jar examples/target/fbtools.jar libber apply libbers/noir.json "%style%"
 * </pre>
 *
 * <p>From Java, {@link #run} runs a command in-process and returns its exit code:
 *
 * <pre>{@code
 * int code = Fbtools.run(new String[] {"hash", "input.png"}, System.out, System.err);
 * }</pre>
 *
 * <p>Exit codes: {@value #EXIT_OK} when the command did what it was asked, {@value #EXIT_FAILED}
 * when it ran and something failed or was found wrong, {@value #EXIT_USAGE} when the command line
 * cannot be used (unknown argument, bad value, missing or wrong path, unreadable input). Errors are
 * one line on stderr, never a stack trace.
 *
 * <p>This class is stateless and thread-safe: each call of {@link #run} is independent, so calls
 * from several threads are safe as long as they do not write to the same folders.
 */
public final class Fbtools {
  /** Exit code: success. */
  public static final int EXIT_OK = 0;

  /** Exit code: the command ran and a step failed, or a check found problems. */
  public static final int EXIT_FAILED = 1;

  /** Exit code: the command line or an input cannot be used. */
  public static final int EXIT_USAGE = 2;

  private static final String PROGRAM = "fbtools";

  private Fbtools() {}

  /**
   * Runs {@code fbtools} with the process's streams (stdout and stderr as UTF-8) and exits with
   * the command's exit code. {@code migrate} runs in a second JVM that compiles with C1 only,
   * which makes a short batch faster (see {@code TunedJvm}; {@code FBTOOLS_TUNED_JVM=0} turns
   * it off).
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    OptionalInt tuned = TunedJvm.relaunch(args, System.getenv());
    if (tuned.isPresent()) {
      System.exit(tuned.getAsInt());
    }
    PrintStream out =
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    PrintStream err =
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    int code = run(args, out, err, CliEnv.system());
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * Runs a command in-process, writing its results to {@code out} and its errors to {@code err}.
   * Uses {@code System.console()} to decide whether {@code out} is a terminal.
   *
   * @param args the command line, e.g. {@code {"demo", "--out", "work"}}
   * @param out where results go
   * @param err where errors (and progress, for JSON output) go
   * @return the exit code: {@value #EXIT_OK}, {@value #EXIT_FAILED} or {@value #EXIT_USAGE}
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, CliEnv.system());
  }

  static int run(String[] args, PrintStream out, PrintStream err, CliEnv env) {
    Io io = new Io(out, err, env);
    Map<String, Command> commands = commands();
    List<String> list = Arrays.asList(args.clone());
    if (list.isEmpty()) {
      err.println(PROGRAM + ": missing command (see " + PROGRAM + " --help)");
      return EXIT_USAGE;
    }
    String first = list.get(0);
    if (first.equals("--help") || first.equals("-h") || first.equals("help")) {
      return help(list.subList(1, list.size()), commands, io);
    }
    Command command = commands.get(first);
    if (command == null) {
      err.println(
          PROGRAM
              + ": "
              + (first.startsWith("-") ? "unknown option " : "unknown command ")
              + Text.quoted(first)
              + " (see "
              + PROGRAM
              + " --help)");
      return EXIT_USAGE;
    }
    CommandSpec spec = CommandSpec.of(command);
    String name = PROGRAM + " " + spec.name();
    try {
      Args parsed =
          Args.parse(
              name,
              list.subList(1, list.size()),
              spec.flags(),
              spec.options(),
              spec.repeatableOptions());
      if (parsed.help()) {
        out.print(spec.help());
        return EXIT_OK;
      }
      return command.run(parsed, io);
    } catch (UsageException e) {
      err.println(Text.oneLine(e.getMessage()) + " (see " + name + " --help)");
      return EXIT_USAGE;
    } catch (FormatException | InvalidNameException e) {
      err.println(name + ": " + Text.oneLine(e.getMessage()));
      return EXIT_USAGE;
    } catch (NoSuchFileException e) {
      err.println(name + ": no such file or folder: " + e.getFile());
      return EXIT_USAGE;
    } catch (NotDirectoryException e) {
      err.println(name + ": not a folder: " + e.getFile());
      return EXIT_USAGE;
    } catch (AccessDeniedException e) {
      err.println(name + ": permission denied: " + e.getFile());
      return EXIT_USAGE;
    } catch (FileSystemException e) {
      err.println(name + ": " + Text.oneLine(String.valueOf(e.getMessage())));
      return EXIT_FAILED;
    } catch (IOException | UncheckedIOException | FbToolsException e) {
      err.println(name + ": " + Text.oneLine(String.valueOf(e.getMessage())));
      return EXIT_FAILED;
    } catch (Exception e) {
      err.println(name + ": internal error: " + Text.oneLine(String.valueOf(e)));
      return EXIT_FAILED;
    }
  }

  /** The commands, in the order of the main help. */
  static Map<String, Command> commands() {
    Map<String, Command> map = new LinkedHashMap<>();
    for (Command c :
        List.of(
            new DemoCommand(),
            new MigrateCommand(),
            new VerifyCommand(),
            new RollbackCommand(),
            new LibberCommand(),
            new HashCommand(),
            new CollectCommand(),
            new ServeCommand())) {
      map.put(c.name(), c);
    }
    return map;
  }

  private static int help(List<String> rest, Map<String, Command> commands, Io io) {
    if (rest.isEmpty()) {
      io.out().print(mainHelp(commands));
      return EXIT_OK;
    }
    Command command = commands.get(rest.get(0));
    if (command == null || rest.size() > 1) {
      io.err()
          .println(
              PROGRAM
                  + " help: unknown command "
                  + Text.quoted(String.join(" ", rest))
                  + " (see "
                  + PROGRAM
                  + " --help)");
      return EXIT_USAGE;
    }
    io.out().print(command.help());
    return EXIT_OK;
  }

  static String mainHelp(Map<String, Command> commands) {
    StringBuilder sb = new StringBuilder();
    sb.append("Usage: ").append(PROGRAM).append(" COMMAND [ARGS...]\n\n");
    sb.append("The fbtools-java command line: a demo on an embedded sample story, and tools for\n");
    sb.append("the files of fbTools (ComfyUI) story pipelines.\n\n");
    sb.append("Commands:\n");
    List<List<String>> rows = new ArrayList<>();
    for (Command c : commands.values()) {
      List<String> synopsis = c.synopsis();
      for (int i = 0; i < synopsis.size(); i++) {
        rows.add(List.of(synopsis.get(i), i == 0 ? c.summary() : ""));
      }
    }
    for (String line : Text.table("  ", rows)) {
      sb.append(line).append('\n');
    }
    sb.append("\n");
    sb.append("Run '").append(PROGRAM).append(" COMMAND --help' for a command's options.\n");
    sb.append("An argument that starts with '-' (a TEXT such as '-x') goes after '--',\n")
        .append("which ends the options: ")
        .append(PROGRAM)
        .append(" libber apply FILE -- '-%key%'.\n");
    sb.append("Exit codes: 0 success; 1 a step failed or a check found problems;\n");
    sb.append("2 bad command line, missing or unusable path or input.\n");
    return sb.toString();
  }
}
