package io.github.fbtools.migration;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;

/**
 * A child JVM running {@link SoakMain} on the test class path, with its output (stdout and stderr)
 * collected line by line on a daemon thread.
 */
final class ChildJvm {
  private static final String EOF = "\u0000eof";

  private final Process process;
  private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> seen = new ArrayList<>();

  private ChildJvm(Process process) {
    this.process = process;
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  lines.add(line);
                }
              } catch (IOException e) {
                lines.add("output lost: " + e);
              } finally {
                lines.add(EOF);
              }
            },
            "child-output-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  static ChildJvm start(String mode, Path root, long seed) throws IOException {
    return start(mode, root, seed, 0);
  }

  /** Starts {@link SoakMain}; its migrations use {@code jobs} jobs (0: the migrator's default). */
  static ChildJvm start(String mode, Path root, long seed, int jobs) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "-Xshare:auto",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xmx256m",
                SoakMain.class.getName(),
                mode,
                root.toString(),
                String.valueOf(seed)));
    if (jobs > 0) {
      command.add(String.valueOf(jobs));
    }
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    return new ChildJvm(p);
  }

  Process process() {
    return process;
  }

  /**
   * Waits for the next line of output.
   *
   * @return the line, or null at the end of the output or after the timeout
   */
  @Nullable
  String nextLine(long timeout, TimeUnit unit) throws InterruptedException {
    String line = lines.poll(timeout, unit);
    if (line == null || line.equals(EOF)) {
      if (line != null) {
        lines.add(EOF);
      }
      return null;
    }
    seen.add(line);
    return line;
  }

  /** Waits for a line starting with {@code prefix}; false if the output ended or timed out first. */
  boolean awaitLineStartingWith(String prefix, long timeout, TimeUnit unit)
      throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      String line = nextLine(left, TimeUnit.NANOSECONDS);
      if (line == null) {
        return false;
      }
      if (line.startsWith(prefix)) {
        return true;
      }
    }
  }

  void send(String line) throws IOException {
    OutputStream in = process.getOutputStream();
    in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  /** SIGKILL, then waits for the process to be gone; returns all output it printed. */
  List<String> kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(2, TimeUnit.MINUTES);
    return drain();
  }

  /** Waits for the process to exit; returns its exit code, or -1 after the timeout. */
  int waitFor(long timeout, TimeUnit unit) throws InterruptedException {
    if (!process.waitFor(timeout, unit)) {
      process.destroyForcibly();
      return -1;
    }
    return process.exitValue();
  }

  /** All output so far, as text, for failure messages. */
  String output() {
    try {
      return String.join("\n", drain());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return String.join("\n", seen);
    }
  }

  /** All output so far, waiting (briefly) for the end of the output of an exited process. */
  List<String> drain() throws InterruptedException {
    while (nextLine(process.isAlive() ? 0 : 10, TimeUnit.SECONDS) != null) {
      // collect
    }
    return new ArrayList<>(seen);
  }
}
