package io.github.fbtools.redis;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} for tests: started on a free loopback port with persistence off
 * ({@code --save "" --appendonly no}), in a temporary folder, and stopped by its own process (never
 * by name). Without {@code redis-server} on the machine, {@link #start()} skips the calling test
 * with the command that installs it; with the environment variable {@code CI} set, it fails
 * instead. Shared with other modules' tests through this module's test jar.
 */
public final class RedisServer implements AutoCloseable {
  /** The command that installs Redis on Debian. */
  public static final String INSTALL = "apt-get update && apt-get install -y redis-server";

  private final Path binary;
  private final Path dir;
  private final int port;
  private final boolean persistent;
  private Process process;

  private RedisServer(Path binary, Path dir, int port, boolean persistent, Process process) {
    this.binary = binary;
    this.dir = dir;
    this.port = port;
    this.persistent = persistent;
    this.process = process;
  }

  /**
   * Starts a server, or skips the test (fails it under {@code CI}) when Redis cannot start.
   *
   * @return the running server
   */
  public static RedisServer start() {
    return start(false);
  }

  /**
   * Starts a server that writes every change to its append-only file before answering ({@code
   * --appendonly yes --appendfsync always}), so that {@link #startAgain()} after {@link #kill()}
   * comes back with its data. Skips or fails as {@link #start()} does.
   *
   * @return the running server
   */
  public static RedisServer startPersistent() {
    return start(true);
  }

  private static RedisServer start(boolean persistent) {
    Path binary = find();
    if (binary == null) {
      unavailable("redis-server is not installed; install it with: " + INSTALL);
    }
    try {
      Path dir = Files.createTempDirectory("fbtools-redis-test");
      IOException last = null;
      for (int attempt = 0; attempt < 5; attempt++) {
        int port = freePort();
        try {
          Process p = launch(binary, dir, port, persistent);
          return new RedisServer(binary, dir, port, persistent, p);
        } catch (IOException e) {
          last = e; // the port was taken in between, or the server failed: try another
        }
      }
      unavailable("redis-server did not start: " + last + " (see " + dir + "/redis.log)");
      throw new AssertionError("unreachable");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void unavailable(String message) {
    if (System.getenv("CI") != null) {
      fail(message + " (CI is set, so this fails instead of skipping)");
    }
    Assumptions.abort(message);
  }

  private static Path find() {
    List<Path> candidates = new ArrayList<>();
    candidates.add(Path.of("/usr/bin/redis-server"));
    candidates.add(Path.of("/usr/local/bin/redis-server"));
    String path = System.getenv("PATH");
    if (path != null) {
      for (String d : path.split(java.io.File.pathSeparator)) {
        if (!d.isEmpty()) {
          candidates.add(Path.of(d, "redis-server"));
        }
      }
    }
    for (Path p : candidates) {
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static Process launch(Path binary, Path dir, int port, boolean persistent)
      throws IOException {
    List<String> cmd =
        List.of(
            binary.toString(),
            "--port",
            Integer.toString(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            persistent ? "yes" : "no",
            "--appendfsync",
            "always",
            "--dir",
            dir.toString(),
            "--daemonize",
            "no",
            "--logfile",
            dir.resolve("redis.log").toString(),
            "--maxmemory-policy",
            "noeviction");
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("redis.out").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IOException("redis-server exited with " + p.exitValue() + " on port " + port);
      }
      if (ping(port)) {
        return p;
      }
      try {
        Thread.sleep(20); // polling a process that is starting, not timing a test
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
        throw new IOException("interrupted while starting redis-server", e);
      }
    }
    p.destroyForcibly();
    throw new IOException("redis-server did not answer on port " + port + " within 15 s");
  }

  /** Sends PING over a raw socket: true on +PONG. */
  private static boolean ping(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      s.setSoTimeout(1000);
      OutputStream out = s.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      byte[] buf = new byte[7];
      int n = in.readNBytes(buf, 0, 7);
      return n == 7 && new String(buf, StandardCharsets.US_ASCII).equals("+PONG\r\n");
    } catch (IOException e) {
      return false;
    }
  }

  /** {@code redis://127.0.0.1:PORT/0}. */
  public String uri() {
    return "redis://127.0.0.1:" + port + "/0";
  }

  /** The port. */
  public int port() {
    return port;
  }

  /** The server's process id. */
  public long pid() {
    return process.pid();
  }

  /** Kills the server at once (SIGKILL to its own process): everything it held is lost. */
  public void kill() {
    process.destroyForcibly();
    waitFor();
  }

  /**
   * Starts a new server on the same port and folder, after {@link #kill()}: empty, or with the
   * data of its append-only file for a {@link #startPersistent()} one.
   */
  public void startAgain() {
    if (process.isAlive()) {
      throw new IllegalStateException("the server is still running");
    }
    try {
      process = launch(binary, dir, port, persistent);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void waitFor() {
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        throw new IllegalStateException("redis-server " + process.pid() + " did not stop");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the server (SIGTERM to its own process) and deletes its folder. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      waitFor();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temporary folder is harmless
    }
  }
}
