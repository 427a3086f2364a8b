package io.github.fbtools.examples;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;

/**
 * Runs a batch command ({@code migrate}) of the {@code fbtools} command line in a second JVM that
 * compiles with C1 only ({@code -XX:TieredStopAtLevel=1}) and, unless the JVM options choose a
 * collector, collects with the serial collector ({@code -XX:+UseSerialGC}).
 *
 * <p>Why: a migration of a few thousand scenes lasts seconds, too short for the optimising
 * compiler (C2) to pay off. Measured on a 2-vCPU machine (docs/performance.md, "Migrating a tree"),
 * C2 compiled for about 7.5 s of CPU in an 8 s run of 5,000 scenes, CPU the migration's own
 * threads then lacked; with C1 only, the same run needs about half the user CPU and 1 to 1.5 s
 * less wall time, far more than the second JVM's start (about 0.1 s). The migration's heap is
 * small and short-lived, so the serial collector saves G1's concurrent threads and half of the
 * page faults (about 0.5 s more, measured the same way). A jar cannot carry JVM
 * options, so {@code java -jar fbtools.jar migrate} starts the tuned JVM itself: the same
 * {@code java}, the same class path and JVM options, and the same arguments; standard input,
 * output and error are the same file descriptors, so the output is byte for byte what the command
 * prints in-process, and the exit code is the child's.
 *
 * <p>It does not relaunch when the JVM was started with its own compiler choice (an option that
 * names {@code TieredStopAtLevel}, {@code TieredCompilation}, {@code -Xint} or {@code -Xcomp}),
 * when it is the tuned JVM already (system property {@value #CHILD_PROPERTY}), when the
 * environment variable {@value #ENV_SWITCH} is {@code 0}, or when the second JVM cannot be
 * started (then the command runs in this JVM). {@link Fbtools#run} never relaunches: only {@link
 * Fbtools#main} does.
 *
 * <p>Stopping: a {@code SIGTERM} or Ctrl-C to the first JVM is passed on to the child, and the
 * first JVM waits up to 10 seconds for it. If the first JVM is killed ({@code SIGKILL}), the child
 * notices within a tenth of a second that its parent is gone and halts at once, as if it had been
 * killed itself; the migration is kill-safe scene by scene, so a later run resumes it.
 *
 * <!-- given: String[] args -->
 * <pre>{@code
 * OptionalInt code = TunedJvm.relaunch(args, System.getenv());
 * if (code.isPresent()) {
 *   System.exit(code.getAsInt());
 * }
 * // ... else run the command in this JVM
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
final class TunedJvm {
  /** The system property that marks the tuned JVM; its value is the parent's process id. */
  static final String CHILD_PROPERTY = "fbtools.tuned-jvm.parent";

  /** The environment variable that turns the relaunch off when it is {@code 0}. */
  static final String ENV_SWITCH = "FBTOOLS_TUNED_JVM";

  /** The JVM option the child gets. */
  static final String OPTION = "-XX:TieredStopAtLevel=1";

  /** The collector the child gets unless the JVM options choose one. */
  static final String GC_OPTION = "-XX:+UseSerialGC";

  private static final List<String> COMMANDS = List.of("migrate");

  private static final long WATCH_MILLIS = 100;

  private TunedJvm() {}

  /**
   * Runs the command in a tuned JVM when that is worth it, and returns its exit code; returns
   * empty when the command is to run in this JVM. In the tuned JVM itself it starts the watch on
   * the parent and returns empty.
   *
   * @param args the command line
   * @param env the environment
   * @return the child's exit code, or empty
   */
  static OptionalInt relaunch(String[] args, Map<String, String> env) {
    String parent = System.getProperty(CHILD_PROPERTY);
    if (parent != null) {
      watchParent(parent);
      return OptionalInt.empty();
    }
    if (args.length == 0 || !COMMANDS.contains(args[0])) {
      return OptionalInt.empty(); // decided before the JVM's management classes are loaded
    }
    Optional<String> java = ProcessHandle.current().info().command();
    if (java.isEmpty()) {
      return OptionalInt.empty();
    }
    List<String> command =
        command(
            java.get(),
            ManagementFactory.getRuntimeMXBean().getInputArguments(),
            System.getProperty("java.class.path", ""),
            args,
            env.get(ENV_SWITCH),
            ProcessHandle.current().pid());
    if (command.isEmpty()) {
      return OptionalInt.empty();
    }
    Process child;
    try {
      child = new ProcessBuilder(command).inheritIO().start();
    } catch (IOException | RuntimeException e) {
      return OptionalInt.empty();
    }
    Thread passOn =
        new Thread(
            () -> {
              if (child.isAlive()) {
                child.destroy();
                try {
                  child.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            },
            "fbtools-tuned-jvm-stop");
    Runtime.getRuntime().addShutdownHook(passOn);
    int code;
    try {
      code = child.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalInt.of(Fbtools.EXIT_FAILED);
    }
    try {
      Runtime.getRuntime().removeShutdownHook(passOn);
    } catch (IllegalStateException shuttingDown) {
      // A signal stopped this JVM meanwhile; the hook passes it on.
    }
    return OptionalInt.of(code);
  }

  /**
   * The command line of the tuned JVM, or an empty list when the command runs in this JVM.
   *
   * @param java the {@code java} executable of this JVM
   * @param jvmOptions this JVM's options ({@code RuntimeMXBean.getInputArguments()})
   * @param classPath this JVM's class path
   * @param args the command line of {@code fbtools}
   * @param envSwitch the value of {@value #ENV_SWITCH}, or null
   * @param parentPid this process's id, passed to the child
   * @return the child's command line, or empty
   */
  static List<String> command(
      String java,
      List<String> jvmOptions,
      String classPath,
      String[] args,
      @Nullable String envSwitch,
      long parentPid) {
    checkNotNull(java, "java");
    checkNotNull(jvmOptions, "jvmOptions");
    checkNotNull(classPath, "classPath");
    checkNotNull(args, "args");
    if (args.length == 0
        || !COMMANDS.contains(args[0])
        || "0".equals(envSwitch)
        || classPath.isEmpty()
        || jvmOptions.stream().anyMatch(TunedJvm::choosesCompiler)) {
      return List.of();
    }
    ImmutableList.Builder<String> b = ImmutableList.builder();
    b.add(java);
    b.addAll(jvmOptions);
    b.add(OPTION);
    if (jvmOptions.stream().noneMatch(o -> o.startsWith("-XX:+Use") && o.endsWith("GC"))) {
      b.add(GC_OPTION);
    }
    b.add("-D" + CHILD_PROPERTY + "=" + parentPid);
    b.add("-cp", classPath, Fbtools.class.getName());
    b.add(args);
    return b.build();
  }

  private static boolean choosesCompiler(String option) {
    return option.contains("TieredStopAtLevel")
        || option.contains("TieredCompilation")
        || option.equals("-Xint")
        || option.equals("-Xcomp")
        || option.startsWith("-D" + CHILD_PROPERTY + "=");
  }

  /** In the tuned JVM: halts when the parent is gone (killed), checked ten times a second. */
  private static void watchParent(String parentPid) {
    long pid;
    try {
      pid = Long.parseLong(parentPid);
    } catch (NumberFormatException e) {
      return;
    }
    Thread watch =
        new Thread(
            () -> {
              while (true) {
                Optional<ProcessHandle> parent = ProcessHandle.current().parent();
                if (parent.isEmpty() || parent.get().pid() != pid) {
                  Runtime.getRuntime().halt(Fbtools.EXIT_FAILED);
                }
                try {
                  Thread.sleep(WATCH_MILLIS);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "fbtools-tuned-jvm-watch");
    watch.setDaemon(true);
    watch.start();
  }
}
