package io.github.fbtools.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Redis the session benchmarks run against: the server named by the system property {@code
 * fbtools.redis} ({@code redis://HOST:PORT/DB}), or else a {@code redis-server} started here on a
 * free loopback port with persistence off, and stopped (by its own process) when closed.
 */
final class LocalRedis implements AutoCloseable {
  private final String uri;
  @javax.annotation.Nullable private final Process process;

  private LocalRedis(String uri, @javax.annotation.Nullable Process process) {
    this.uri = uri;
    this.process = process;
  }

  static LocalRedis start() throws IOException, InterruptedException {
    String given = System.getProperty("fbtools.redis");
    if (given != null && !given.isBlank()) {
      return new LocalRedis(given.trim(), null);
    }
    Path binary = Path.of("/usr/bin/redis-server");
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException(
          "the Redis benchmarks need redis-server (apt-get update && apt-get install -y"
              + " redis-server) or -Dfbtools.redis=redis://HOST:PORT/DB");
    }
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path dir = Files.createTempDirectory("fbtools-bench-redis");
    Process p =
        new ProcessBuilder(
                List.of(
                    binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", dir.toString(),
                    "--logfile", dir.resolve("redis.log").toString()))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("redis.out").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!ping(port)) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        p.destroyForcibly();
        throw new IllegalStateException("redis-server did not start on port " + port);
      }
      Thread.sleep(20);
    }
    return new LocalRedis("redis://127.0.0.1:" + port + "/0", p);
  }

  private static boolean ping(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      OutputStream out = s.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readNBytes(7), StandardCharsets.US_ASCII).equals("+PONG\r\n");
    } catch (IOException e) {
      return false;
    }
  }

  String uri() {
    return uri;
  }

  @Override
  public void close() {
    if (process != null) {
      process.destroy();
      try {
        process.waitFor(15, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
