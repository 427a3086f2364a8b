package io.github.fbtools.examples;

import io.github.fbtools.libber.rest.FbToolsApi;
import io.github.fbtools.libber.rest.FbToolsHttpServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code fbtools serve}: the REST API ({@link FbToolsApi}) on the loopback address, served by
 * {@link FbToolsHttpServer}, until Ctrl-C.
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
    return List.of("serve [--port 8188] [--root DIR]");
  }

  @Override
  public String summary() {
    return "Serve the REST API on 127.0.0.1 until Ctrl-C";
  }

  @Override
  public String help() {
    return "Usage: fbtools serve [--port 8188] [--root DIR]\n\n"
        + "Serves the fbtools REST API (editing sessions for prompt collections, libbers and\n"
        + "scenes; see docs/rest.md) on the loopback address 127.0.0.1 until Ctrl-C, which lets\n"
        + "requests in flight finish. Only this machine can connect.\n\n"
        + "Options:\n"
        + "  --port N    the port, 0..65535 (default 8188; 0 picks a free port)\n"
        + "  --root DIR  the data folder: libbers in DIR/libbers, scenes in DIR/scenes, stories\n"
        + "              in DIR/stories (created if missing; DIR must exist). Without it, the\n"
        + "              endpoints that load or save files answer 503. Try the demo's folder.\n"
        + "  -h, --help  show this help\n\n"
        + "Exit codes: 0 stopped normally (Ctrl-C or SIGTERM, once requests in flight are done);\n"
        + "2 bad arguments, DIR missing or unusable (its folders cannot be created), or the port\n"
        + "is in use.\n";
  }

  @Override
  public Set<String> flags() {
    return Set.of();
  }

  @Override
  public Set<String> options() {
    return Set.of("--port", "--root");
  }

  @Override
  public int run(Args args, Io io) throws Exception {
    args.expect();
    int port = (int) args.longOption("--port", DEFAULT_PORT, 0, 65535);
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
    FbToolsApi api = builder.build();
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
    io.env().stop().arm();
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
}
