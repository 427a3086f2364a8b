package io.github.fbtools.libber.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.PromptMetadata;
import io.github.fbtools.libber.PromptStateManager;
import io.github.fbtools.libber.Session;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that stall, against a real {@link FbToolsHttpServer} (read timeout 1 s, write timeout 2
 * s, 2 API threads): a request head or body that never ends, and a reader that never reads, are
 * cut off; none of them keeps a normal client from being answered, and none changes anything. No
 * system property is involved.
 */
class StalledClientTest {
  private static final Duration HANG_GUARD = Duration.ofSeconds(60);

  @TempDir Path root;
  private FbToolsHttpServer server;
  private final List<Socket> sockets = new ArrayList<>();

  @AfterEach
  void tearDown() throws IOException {
    for (Socket s : sockets) {
      s.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private FbToolsHttpServer start(FbToolsApi api) throws IOException {
    server =
        FbToolsHttpServer.builder(api)
            .threads(2)
            .readTimeout(Duration.ofSeconds(1))
            .writeTimeout(Duration.ofSeconds(2))
            .start();
    return server;
  }

  private Socket open(String partial) throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
    sockets.add(s);
    s.setSoTimeout((int) HANG_GUARD.toMillis());
    s.getOutputStream().write(partial.getBytes(StandardCharsets.ISO_8859_1));
    s.getOutputStream().flush();
    return s;
  }

  private RawHttp.Answer normalRequest() throws IOException {
    return RawHttp.send(server.port(),
        "GET /fbtools/openapi.json HTTP/1.1\nHost: 127.0.0.1:" + server.port(), "");
  }

  /** Waits (at most the hang guard) until the server has cut off {@code n} connections. */
  private void awaitCutOff(long n) throws InterruptedException {
    long deadline = System.nanoTime() + HANG_GUARD.toNanos();
    while (server.stalledConnectionsClosed() < n && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(server.stalledConnectionsClosed() >= n,
        "cut off: " + server.stalledConnectionsClosed() + " of " + n);
  }

  @Test
  void sixteenStalledHeadsDoNotKeepANormalClientWaiting() throws Exception {
    FbToolsApi api = FbToolsApi.builder().root(root).build();
    Map<String, String> before = RawHttp.snapshot(root);
    start(api);
    List<Socket> stalled = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      stalled.add(open("POST /fbtools/scene/save_scene_prompts HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Content-Type: application/json\r\n"));
    }
    // A normal client is answered while the 16 are still stalled (more workers than API threads).
    RawHttp.Answer answer = normalRequest();
    assertEquals(200, answer.status(), answer.body());
    awaitCutOff(16);
    for (Socket s : stalled) {
      assertTrue(RawHttp.closedByServer(s), "a stalled head was left open");
    }
    assertEquals(200, normalRequest().status());
    assertEquals(before, RawHttp.snapshot(root));
  }

  @Test
  void aBodyThatNeverEndsIsCutOffAndChangesNothing() throws Exception {
    FbToolsApi api = FbToolsApi.builder().root(root).build();
    Map<String, String> before = RawHttp.snapshot(root);
    start(api);
    Socket s = open("POST /fbtools/libber/create HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"name\": ");
    awaitCutOff(1);
    assertTrue(RawHttp.closedByServer(s));
    assertEquals(0, api.libberSessions().store().size());
    assertEquals(before, RawHttp.snapshot(root));
    assertEquals(200, normalRequest().status());
  }

  @Test
  void aRefusedRequestWhoseBodyNeverEndsIsAnsweredThenCutOff() throws Exception {
    FbToolsApi api = FbToolsApi.builder().root(root).build();
    Map<String, String> before = RawHttp.snapshot(root);
    start(api);
    Socket s = open("POST /fbtools/libber/create HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Content-Type: text/plain\r\nContent-Length: 50000\r\n\r\n{\"name\": ");
    RawHttp.Answer refused = RawHttp.read(s.getInputStream());
    assertEquals(415, refused.status(), refused.body());
    // Closing the exchange drains the unread body; the stalled sender is cut off there too.
    awaitCutOff(1);
    assertTrue(RawHttp.closedByServer(s));
    assertEquals(0, api.libberSessions().store().size());
    assertEquals(before, RawHttp.snapshot(root));
  }

  @Test
  void aReaderThatNeverReadsIsCutOff() throws Exception {
    PromptStateManager prompts = PromptStateManager.over(
        PromptStateManager.storeBuilder().maxSessionWeight(1L << 30).maxTotalWeight(1L << 30).build());
    FbToolsApi api = FbToolsApi.builder().promptSessions(prompts).build();
    PromptCollection big = PromptCollection.empty();
    String value = "x".repeat(1 << 20);
    for (int i = 0; i < 24; i++) {
      big = big.withPrompt("p" + i, PromptMetadata.of(value));
    }
    Session<PromptCollection> s = prompts.open(big);
    start(api);
    Socket slow = new Socket();
    sockets.add(slow);
    slow.setReceiveBufferSize(4096);
    slow.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
    slow.setSoTimeout((int) HANG_GUARD.toMillis());
    slow.getOutputStream().write(("GET /fbtools/prompts/get?session_id=" + s.id()
        + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    slow.getOutputStream().flush();
    awaitCutOff(1);
    long read = 0;
    InputStream in = slow.getInputStream();
    byte[] buffer = new byte[65536];
    try {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        read += n;
      }
    } catch (IOException reset) {
      // the server closed the connection with data unread
    }
    assertTrue(read < 24L << 20, "the whole answer arrived: " + read + " bytes");
    assertEquals(200, normalRequest().status());
  }

  @Test
  void aConnectionThatSendsNothingHoldsNoWorker() throws Exception {
    start(FbToolsApi.builder().build());
    for (int i = 0; i < 80; i++) {
      open("");
    }
    // 80 silent connections: more than threads + queueCapacity, yet a request is answered.
    RawHttp.Answer answer = RawHttp.send(server.port(),
        "GET /fbtools/openapi.json HTTP/1.1\nHost: 127.0.0.1", "");
    assertEquals(200, answer.status());
    assertFalse(answer.body().isEmpty());
  }

  /**
   * Sockets opened by the thousand must not exhaust the process's file descriptors or shut out a
   * later client: beyond maxIdleConnections, the connections that have waited longest are closed.
   */
  @Test
  void idleConnectionsBeyondTheLimitAreClosedOldestFirst() throws Exception {
    server =
        FbToolsHttpServer.builder(FbToolsApi.builder().build())
            .threads(2)
            .maxIdleConnections(8)
            .start();
    List<Socket> silent = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      silent.add(open(""));
      Thread.sleep(5); // a distinct waiting time each
    }
    RawHttp.Answer answer = normalRequest();
    assertEquals(200, answer.status(), answer.body());
    for (Socket s : silent.subList(0, 12)) {
      assertTrue(RawHttp.closedByServer(s), "an idle connection over the limit was left open");
    }
    // The newest still wait (no answer, no close, until the idle timeout). The normal request's
    // own connection may have come back to wait between requests for a moment, which closes one
    // more of the oldest: so the 7 newest, not 8.
    for (Socket s : silent.subList(13, 20)) {
      s.setSoTimeout(200);
      assertFalse(RawHttp.closedByServer(s), "a connection within the limit was closed");
    }
    // One of them can still send its request and be answered.
    Socket last = silent.get(19);
    last.setSoTimeout((int) HANG_GUARD.toMillis());
    last.getOutputStream().write(
        ("GET /fbtools/openapi.json HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    last.getOutputStream().flush();
    String status =
        new java.io.BufferedReader(
                new java.io.InputStreamReader(last.getInputStream(), StandardCharsets.ISO_8859_1))
            .readLine();
    assertEquals("HTTP/1.1 200 OK", status);
  }
}
