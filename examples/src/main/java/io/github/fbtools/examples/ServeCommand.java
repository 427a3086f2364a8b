package io.github.fbtools.examples;

import io.github.fbtools.libber.StorageUnavailableException;
import io.github.fbtools.libber.rest.FbToolsApi;
import io.github.fbtools.libber.rest.FbToolsHttpServer;
import io.github.fbtools.redis.RedisSessionBackend;
import java.net.BindException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * {@code fbtools serve}: the REST API ({@link FbToolsApi}) on the loopback address, served by
 * {@link FbToolsHttpServer}, until Ctrl-C; sessions in memory, or in Redis with {@code --sessions
 * redis://HOST:PORT[/DB]} so that several servers share them.
 */
final class ServeCommand implements Command {
  private static final String NAME = "fbtools serve";

  /** The default port, ComfyUI's. */
  static final int DEFAULT_PORT = 8188;

  @Override
  public String name() {
    return "serve";
  }

  @Override
  public List<String> synopsis() {
    return List.of("serve [--port 8188] [--root DIR] [--sessions memory|redis://HOST:PORT[/DB]]");
  }

  @Override
  public String summary() {
    return "Serve the REST API on 127.0.0.1 until Ctrl-C";
  }

  @Override
  public String help() {
    return "Usage: fbtools serve [--port 8188] [--root DIR]"
        + " [--sessions memory|redis://HOST:PORT[/DB]]\n\n"
        + "Serves the fbtools REST API (editing sessions for prompt collections, libbers and\n"
        + "scenes; see docs/rest.md) on the loopback address 127.0.0.1 until Ctrl-C, which lets\n"
        + "requests in flight finish. Only this machine can connect.\n\n"
        + "Options:\n"
        + "  --port N    the port, 0..65535 (default 8188; 0 picks a free port)\n"
        + "  --root DIR  the data folder: libbers in DIR/libbers, scenes in DIR/scenes, stories\n"
        + "              in DIR/stories (created if missing; DIR must exist). Without it, the\n"
        + "              endpoints that load or save files answer 503. Try the demo's folder.\n"
        + "  --sessions S where editing sessions live: memory (the default: this process only)\n"
        + "              or redis://HOST:PORT[/DB] (a Redis server shared by several servers:\n"
        + "              a session opened on one is edited on any other, and survives a\n"
        + "              restart; while Redis is down, requests answer 503 and nothing is\n"
        + "              written). Keys start with fbtools:session:.\n"
        + "  -h, --help  show this help\n\n"
        + "Exit codes: 0 stopped normally; 2 bad arguments, DIR missing, or the port is in use.\n";
  }

  @Override
  public Set<String> flags() {
    return Set.of();
  }

  @Override
  public Set<String> options() {
    return Set.of("--port", "--root", "--sessions");
  }

  @Override
  public int run(Args args, Io io) throws Exception {
    args.expect();
    int port = (int) args.longOption("--port", DEFAULT_PORT, 0, 65535);
    FbToolsApi.Builder builder = FbToolsApi.builder();
    Path root = null;
    if (args.option("--root").isPresent()) {
      root = Inputs.existingDir(NAME, "--root", args.option("--root").get()).toRealPath();
      builder.root(root);
    }
    RedisSessionBackend redis = sessions(args);
    try {
      if (redis != null) {
        builder.sessionBackend(redis);
      }
      return serve(builder.build(), port, root, redis, io);
    } finally {
      if (redis != null) {
        redis.close();
      }
    }
  }

  /** The Redis backend of {@code --sessions redis://...}; null for memory (the default). */
  @Nullable
  private static RedisSessionBackend sessions(Args args) throws UsageException {
    String value = args.option("--sessions").orElse("memory");
    if (value.equals("memory")) {
      return null;
    }
    try {
      return RedisSessionBackend.builder(value).build();
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          NAME + ": --sessions must be memory or redis://HOST:PORT[/DB]: " + e.getMessage(), e);
    }
  }

  private static int serve(
      FbToolsApi api,
      int port,
      @Nullable Path root,
      @Nullable RedisSessionBackend redis,
      Io io)
      throws Exception {
    FbToolsHttpServer server;
    try {
      server =
          FbToolsHttpServer.builder(api)
              .address(InetAddress.getLoopbackAddress())
              .port(port)
              .start();
    } catch (BindException e) {
      throw new UsageException(
          NAME + ": cannot listen on port " + port + ": " + e.getMessage()
              + "; choose another with --port", e);
    }
    try {
      io.out()
          .println(
              "fbtools serve: listening on http://127.0.0.1:"
                  + server.port()
                  + "/fbtools/ (Ctrl-C to stop)");
      io.out()
          .println(
              root == null
                  ? "  no data folder (--root): the endpoints that load or save files answer 503"
                  : "  data: " + root.resolve("libbers") + ", " + root.resolve("scenes") + ", "
                      + root.resolve("stories"));
      io.out().println("  sessions: " + sessionsLine(redis));
      for (String endpoint : api.endpoints()) {
        io.out().println("  " + endpoint);
      }
      io.out().flush();
      io.env().stop().await();
    } finally {
      server.close();
      io.out().println("fbtools serve: stopped");
      io.out().flush();
      io.env().stop().stopped();
    }
    return Fbtools.EXIT_OK;
  }

  private static String sessionsLine(@Nullable RedisSessionBackend redis) {
    if (redis == null) {
      return "in memory (this process only; --sessions redis://HOST:PORT to share them)";
    }
    String line = "in Redis at " + redis + ", keys " + redis.keyPrefix() + "*";
    try {
      redis.ping();
      return line;
    } catch (StorageUnavailableException e) {
      return line + " (not answering now: requests get 503 until it does)";
    }
  }
}
