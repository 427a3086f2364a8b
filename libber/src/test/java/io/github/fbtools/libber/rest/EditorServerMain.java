package io.github.fbtools.libber.rest;

import java.nio.file.Path;

/**
 * A server with the editor on a data folder, run as a child process by the recovery test (which
 * kills it with SIGKILL): {@code EditorServerMain ROOT PORT}. It prints {@code LISTENING <port>}
 * once it accepts connections, then runs until killed.
 */
public final class EditorServerMain {
  private EditorServerMain() {}

  /**
   * Starts the server.
   *
   * @param args the data root and the port (0: any free port)
   * @throws Exception if it cannot start
   */
  public static void main(String[] args) throws Exception {
    FbToolsApi api = FbToolsApi.builder().root(Path.of(args[0])).build();
    FbToolsHttpServer server =
        FbToolsHttpServer.builder(api).port(Integer.parseInt(args[1])).editor(true).start();
    System.out.println("LISTENING " + server.port());
    System.out.flush();
    Thread.currentThread().join();
  }
}
