package io.github.fbtools.libber.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The server's own HTTP/1.1 connection handling over a raw socket: keep-alive, pipelining,
 * HTTP/1.0, {@code Expect: 100-continue}, chunked bodies, and clean closes when no answer can be
 * formed.
 */
class HttpConnectionTest {
  private static final String OPENAPI = "GET /fbtools/openapi.json HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  private final List<Socket> sockets = new ArrayList<>();
  private FbToolsHttpServer server;

  @AfterEach
  void stop() throws IOException {
    for (Socket s : sockets) {
      s.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private int start() throws IOException {
    server = FbToolsHttpServer.builder(FbToolsApi.builder().build())
        .threads(2)
        .readTimeout(Duration.ofSeconds(1))
        .writeTimeout(Duration.ofSeconds(2))
        .start();
    return server.port();
  }

  private Socket open(int port) throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
    sockets.add(s);
    s.setSoTimeout(20_000);
    return s;
  }

  private static void write(Socket s, String text) throws IOException {
    s.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
    s.getOutputStream().flush();
  }

  private static String createPrompts(String extraHeaders, String body) {
    return "POST /fbtools/prompts/create HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Content-Type: application/json\r\n" + extraHeaders + "\r\n" + body;
  }

  @Test
  void twoRequestsOnOneKeptAliveConnection() throws Exception {
    Socket s = open(start());
    write(s, OPENAPI + "\r\n");
    RawHttp.Answer first = RawHttp.read(s.getInputStream());
    assertEquals(200, first.status());
    assertNull(first.header("Connection"), "HTTP/1.1 keeps the connection by default");
    write(s, createPrompts("Content-Length: 2\r\n", "{}"));
    RawHttp.Answer second = RawHttp.read(s.getInputStream());
    assertEquals(200, second.status(), second.body());
    assertEquals(Boolean.TRUE, second.json().get("success"));
  }

  @Test
  void aPipelinedPairIsAnsweredInOrder() throws Exception {
    Socket s = open(start());
    write(s, createPrompts("Content-Length: 2\r\n", "{}")
        + "GET /fbtools/nope HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    InputStream in = s.getInputStream();
    RawHttp.Answer first = RawHttp.read(in);
    assertEquals(200, first.status(), first.body());
    RawHttp.Answer second = RawHttp.read(in);
    assertEquals(404, second.status(), second.body());
    assertEquals("close", second.header("Connection"));
    assertTrue(RawHttp.closedByServer(s));
  }

  @Test
  void http10ClosesUnlessAskedToKeepAlive() throws Exception {
    int port = start();
    Socket plain = open(port);
    write(plain, "GET /fbtools/openapi.json HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n");
    RawHttp.Answer a = RawHttp.read(plain.getInputStream());
    assertEquals(200, a.status());
    assertEquals("close", a.header("Connection"));
    assertTrue(RawHttp.closedByServer(plain));

    Socket kept = open(port);
    write(kept, "GET /fbtools/openapi.json HTTP/1.0\r\nHost: 127.0.0.1\r\n"
        + "Connection: keep-alive\r\n\r\n");
    RawHttp.Answer b = RawHttp.read(kept.getInputStream());
    assertEquals(200, b.status());
    assertEquals("keep-alive", b.header("Connection"));
    write(kept, "GET /fbtools/openapi.json HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n");
    assertEquals(200, RawHttp.read(kept.getInputStream()).status());
    assertTrue(RawHttp.closedByServer(kept));
  }

  @Test
  void expectContinueGets100ThenTheAnswer() throws Exception {
    Socket s = open(start());
    write(s, createPrompts("Content-Length: 2\r\nExpect: 100-continue\r\n", ""));
    InputStream in = s.getInputStream();
    assertEquals("HTTP/1.1 100 Continue\r\n\r\n", readHead(in));
    write(s, "{}");
    RawHttp.Answer a = RawHttp.read(in);
    assertEquals(200, a.status(), a.body());
    // Refused before the body is read: no 100, the answer, and the connection closes.
    write(s, "POST /fbtools/prompts/create HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Content-Type: text/plain\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n");
    RawHttp.Answer refused = RawHttp.read(in);
    assertEquals(415, refused.status(), refused.body());
    assertEquals("close", refused.header("Connection"));
    assertTrue(RawHttp.closedByServer(s));
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    while (!b.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        break;
      }
      b.write(c);
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }

  @Test
  void aChunkedBodyWithExtensionsAndTrailersIsRead() throws Exception {
    Socket s = open(start());
    write(s, createPrompts("Transfer-Encoding: chunked\r\n",
        "1;ext=1\r\n{\r\n1\r\n}\r\n0\r\nX-Trailer: 1\r\n\r\n"));
    RawHttp.Answer a = RawHttp.read(s.getInputStream());
    assertEquals(200, a.status(), a.body());
    write(s, OPENAPI + "\r\n");
    assertEquals(200, RawHttp.read(s.getInputStream()).status(), "the connection is reusable");
  }

  @Test
  void aMalformedChunkIs400AndCloses() throws Exception {
    int port = start();
    for (String body : new String[] {
        "2\r\n{}XX0\r\n\r\n", "-1\r\n{}\r\n0\r\n\r\n", "2 2\r\n{}\r\n0\r\n\r\n",
        "fffffffffffffffff\r\n"}) {
      RawHttp.Answer a = OneErrorShapeTest.answerThenClose(port,
          createPrompts("Transfer-Encoding: chunked\r\n", body));
      assertEquals(400, a.status(), body);
      assertEquals("application/json; charset=utf-8", a.header("Content-Type"));
      assertEquals(Boolean.FALSE, a.json().get("success"));
      assertTrue(a.json().get("error").toString().contains("malformed chunked body"), a.body());
    }
  }

  @Test
  void aChunkedBodyOverTheLimitIs413() throws Exception {
    server = FbToolsHttpServer.builder(FbToolsApi.builder().maxBodyBytes(1024).build()).start();
    String chunk = Integer.toHexString(2048) + "\r\n" + "a".repeat(2048) + "\r\n";
    RawHttp.Answer a = OneErrorShapeTest.answerThenClose(server.port(),
        createPrompts("Transfer-Encoding: chunked\r\n", chunk + "0\r\n\r\n"));
    assertEquals(413, a.status(), a.body());
  }

  @Test
  void aClientThatSendsNothingOrHalfAHeadIsClosedWithoutAnAnswer() throws Exception {
    int port = start();
    Socket nothing = open(port);
    nothing.shutdownOutput();
    assertEquals(-1, nothing.getInputStream().read());
    Socket half = open(port);
    write(half, "GET /fbtools/openapi.json HTTP/1.1\r\nHost: 127.");
    half.shutdownOutput();
    assertEquals(-1, half.getInputStream().read(), "no answer can be formed");
  }

  @Test
  void aHalfHeadThatStallsIsCutOffAfterTheReadTimeoutWithoutBlockingOthers() throws Exception {
    int port = start();
    Socket stalled = open(port);
    write(stalled, "GET /fbtools/openapi.json HTTP/1.1\r\nHost: 1");
    long t0 = System.nanoTime();
    // Meanwhile another client is answered at once.
    Socket other = open(port);
    write(other, OPENAPI + "\r\n");
    assertEquals(200, RawHttp.read(other.getInputStream()).status());
    assertTrue(RawHttp.closedByServer(stalled));
    long waited = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(waited >= 900 && waited < 10_000, "cut off after " + waited + " ms");
    assertEquals(1, server.stalledConnectionsClosed());
  }

  @Test
  void headOfANormalRouteHasNoBodyAndTheConnectionStaysUsable() throws Exception {
    Socket s = open(start());
    write(s, "HEAD /fbtools/openapi.json HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" + OPENAPI + "\r\n");
    InputStream in = s.getInputStream();
    String head = readHead(in);
    assertTrue(head.startsWith("HTTP/1.1 405 "), head);
    RawHttp.Answer next = RawHttp.read(in);
    assertEquals(200, next.status(), "the HEAD answer had no body to skip");
    assertFalse(next.body().isEmpty());
  }
}
