package io.github.fbtools.examples;

import io.github.fbtools.libber.StorageUnavailableException;
import io.github.fbtools.libber.rest.FbToolsApi;
import io.github.fbtools.libber.rest.FbToolsHttpServer;
import io.github.fbtools.redis.RedisSessionBackend;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * {@code fbtools serve}: the REST API ({@link FbToolsApi}) on the loopback address (or another
 * address with a bearer token), served by {@link FbToolsHttpServer}, until Ctrl-C; sessions in
 * memory, or in Redis with {@code --sessions redis://HOST:PORT[/DB]} so that several servers share
 * them.
 */
final class ServeCommand extends SpecCommand {
  private static final String NAME = "fbtools serve";

  /** The default port, ComfyUI's. */
  static final int DEFAULT_PORT = 8188;

  private static final CommandSpec SPEC =
      new CommandSpec(
          "serve",
          List.of(
              "serve [--port 8188] [--root DIR] [--host ADDR --token-file FILE]"
                  + " [--allow-host NAME]... [--allow-origin URL]..."
                  + " [--sessions memory|redis://HOST:PORT[/DB]]"),
          "Serve the REST API and the browser editor on 127.0.0.1 until Ctrl-C",
          "Usage: fbtools serve [--port 8188] [--root DIR] [--host ADDR --token-file FILE]\n"
              + "                     [--allow-host NAME]... [--allow-origin URL]...\n"
              + "                     [--sessions memory|redis://HOST:PORT[/DB]]\n\n"
              + "Serves the fbtools REST API (editing sessions for prompt collections, libbers and\n"
              + "scenes; see docs/rest.md) on the loopback address 127.0.0.1 until Ctrl-C, which lets\n"
              + "requests in flight finish. Only this machine can connect, and other web pages open\n"
              + "in its browser cannot use it (see \"Security\" in docs/rest.md). It also serves the\n"
              + "browser editor for libbers, prompts and scenes at http://127.0.0.1:PORT/fbtools/editor/\n"
              + "(and redirects / there); see docs/editor.md.\n\n"
              + "Options:\n"
              + "  --port N            the port, 0..65535 (default 8188; 0 picks a free port)\n"
              + "  --root DIR          the data folder: libbers in DIR/libbers, scenes in DIR/scenes,\n"
              + "                      stories in DIR/stories (created if missing; DIR must exist).\n"
              + "                      Without it, the endpoints that load or save files answer 503.\n"
              + "                      Try the demo's folder.\n"
              + "  --host ADDR         the address to listen on (default 127.0.0.1). An address that\n"
              + "                      is not a loopback address needs --token-file.\n"
              + "  --token-file FILE   require \"Authorization: Bearer <token>\" on every request; the\n"
              + "                      token is the file's first line (at least 16 printable ASCII\n"
              + "                      characters). It is never printed or logged.\n"
              + "  --allow-host NAME   also accept NAME (or NAME:PORT) in the Host header, e.g. the\n"
              + "                      name a reverse proxy or another machine uses (repeatable)\n"
              + "  --allow-origin URL  let pages from URL (http(s)://host[:port]) call the API from a\n"
              + "                      browser; CORS is approved for exactly that origin (repeatable)\n"
              + "  --sessions S        where editing sessions live: memory (the default: this process\n"
              + "                      only) or redis://HOST:PORT[/DB] (a Redis server shared by\n"
              + "                      several servers: a session opened on one is edited on any\n"
              + "                      other, and survives a restart; while Redis is down, requests\n"
              + "                      answer 503 and nothing is written). Keys start with\n"
              + "                      fbtools:session:.\n"
              + "  -h, --help          show this help\n\n"
              + "Exit codes: 0 stopped normally (Ctrl-C or SIGTERM, once requests in flight are done);\n"
              + "2 bad arguments, DIR or FILE missing, DIR unusable (its folders cannot be created), a\n"
              + "non-loopback --host without --token-file, or the port is in use.\n",
          Set.of(),
          Set.of("--port", "--root", "--host", "--token-file", "--sessions"),
          Set.of("--allow-host", "--allow-origin"));

  ServeCommand() {
    super(SPEC);
  }

  @Override
  public int run(Args args, Io io) throws Exception {
    args.expect();
    int port = (int) args.longOption("--port", DEFAULT_PORT, 0, 65535);
    InetAddress host = InetAddress.getLoopbackAddress();
    if (args.option("--host").isPresent()) {
      host = address(args.option("--host").get());
    }
    String token = null;
    if (args.option("--token-file").isPresent()) {
      token = token(args.option("--token-file").get());
    }
    if (!host.isLoopbackAddress() && token == null) {
      throw new UsageException(
          NAME + ": --host " + host.getHostAddress() + " is not a loopback address: anyone who"
              + " can reach it could edit your files; give --token-file FILE as well");
    }
    FbToolsApi.Builder builder = FbToolsApi.builder();
    Path root = null;
    if (args.option("--root").isPresent()) {
      root = Inputs.existingDir(NAME, "--root", args.option("--root").get()).toRealPath();
      try {
        builder.root(root);
      } catch (IOException e) {
        throw new UsageException(
            NAME
                + ": --root "
                + root
                + " cannot be used: its libbers, scenes and stories folders cannot be created ("
                + Text.oneLine(String.valueOf(e.getMessage()))
                + ")",
            e);
      }
    }
    RedisSessionBackend redis = sessions(args);
    try {
      if (redis != null) {
        builder.sessionBackend(redis);
      }
      return serve(args, builder.build(), host, port, token, root, redis, io);
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
      Args args,
      FbToolsApi api,
      InetAddress host,
      int port,
      @Nullable String token,
      @Nullable Path root,
      @Nullable RedisSessionBackend redis,
      Io io)
      throws Exception {
    FbToolsHttpServer server;
    try {
      FbToolsHttpServer.Builder serverBuilder =
          FbToolsHttpServer.builder(api).address(host).port(port).editor(true);
      for (String name : args.options("--allow-host")) {
        serverBuilder.allowHost(name);
      }
      for (String origin : args.options("--allow-origin")) {
        serverBuilder.allowOrigin(origin);
      }
      if (token != null) {
        serverBuilder.bearerToken(token);
      }
      server = serverBuilder.start();
    } catch (IllegalArgumentException e) {
      throw new UsageException(NAME + ": " + e.getMessage(), e);
    } catch (BindException e) {
      throw new UsageException(
          NAME + ": cannot listen on port " + port + ": " + e.getMessage()
              + "; choose another with --port", e);
    }
    io.env().stop().arm();
    try {
      io.out()
          .println(
              "fbtools serve: listening on http://"
                  + hostForUrl(server.address().getAddress())
                  + ":"
                  + server.port()
                  + "/fbtools/ (Ctrl-C to stop)");
      if (token != null) {
        io.out().println("  every request needs \"Authorization: Bearer <token>\" (--token-file)");
      }
      io.out()
          .println(
              root == null
                  ? "  no data folder (--root): the endpoints that load or save files answer 503"
                  : "  data: " + root.resolve("libbers") + ", " + root.resolve("scenes") + ", "
                      + root.resolve("stories"));
      io.out().println("  editor: " + server.editorUrl().orElseThrow()
          + (root == null ? "" : "  (open it in a browser; ?libber=NAME or ?scene=NAME opens one)"));
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

  /** An IP address (no name resolution: a name here would be resolved once, unseen). */
  private static InetAddress address(String text) throws UsageException {
    String t = text.startsWith("[") && text.endsWith("]")
        ? text.substring(1, text.length() - 1)
        : text;
    boolean literal = t.matches("[0-9.]+") || (t.contains(":") && t.matches("[0-9A-Fa-f:.]+"));
    if (t.equals("localhost")) {
      return InetAddress.getLoopbackAddress();
    }
    if (!literal) {
      throw new UsageException(
          NAME + ": --host must be an IP address such as 127.0.0.1, 0.0.0.0 or ::1: "
              + Text.quoted(text));
    }
    try {
      return InetAddress.getByName(t);
    } catch (IOException e) {
      throw new UsageException(NAME + ": --host is not an IP address: " + Text.quoted(text), e);
    }
  }

  /** The token: the file's first line, trimmed. Never echoed. */
  private static String token(String file) throws UsageException {
    Path path = Inputs.existingFile(NAME, "--token-file", file);
    String text = Inputs.readText(NAME, path);
    int nl = text.indexOf('\n');
    String token = (nl < 0 ? text : text.substring(0, nl)).trim();
    if (token.length() < 16 || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new UsageException(
          NAME + ": the token in " + path.getFileName() + " must be at least 16 printable ASCII"
              + " characters without spaces, on the first line");
    }
    return token;
  }

  private static String hostForUrl(InetAddress a) {
    String h = a.getHostAddress();
    int zone = h.indexOf('%');
    if (zone >= 0) {
      h = h.substring(0, zone);
    }
    return h.contains(":") ? "[" + h + "]" : h;
  }
}
