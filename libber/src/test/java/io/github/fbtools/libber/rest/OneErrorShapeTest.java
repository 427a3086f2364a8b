package io.github.fbtools.libber.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.libber.PromptStateManager;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Over real HTTP, the awkward requests still get the JSON error shape: a malformed chunked body,
 * {@code HEAD} on a GET route, malformed percent-encoding, and an {@link OutOfMemoryError} in a
 * handler (after which the only worker still serves).
 */
class OneErrorShapeTest {
  private FbToolsHttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private int start(FbToolsApi api) throws IOException {
    server = FbToolsHttpServer.builder(api).threads(1).start();
    return server.port();
  }

  private static void assertErrorShape(int status, RawHttp.Answer a) {
    assertEquals(status, a.status(), a.body());
    assertEquals("application/json; charset=utf-8", a.header("Content-Type"));
    assertEquals(Boolean.FALSE, a.json().get("success"), a.body());
    assertTrue(a.json().get("error") instanceof String, a.body());
  }

  @Test
  void aMalformedChunkedBodyIs400() throws Exception {
    FbToolsApi api = FbToolsApi.builder().build();
    int port = start(api);
    RawHttp.Answer a = RawHttp.sendBytes(port, ("POST /fbtools/prompts/create HTTP/1.1\r\n"
        + "Host: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
        + "\r\nzz\r\n{}\r\n0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    assertErrorShape(400, a);
    assertTrue(a.json().get("error").toString().startsWith("the request body could not be read"),
        a.body());
    assertEquals(0, api.promptSessions().store().size());
    // A well-formed chunked body is fine.
    RawHttp.Answer ok = RawHttp.sendBytes(port, ("POST /fbtools/prompts/create HTTP/1.1\r\n"
        + "Host: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
        + "Connection: close\r\n\r\n2\r\n{}\r\n0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    assertEquals(200, ok.status(), ok.body());
  }

  @Test
  void headOnAGetRouteIs405WithJsonHeaders() throws Exception {
    int port = start(FbToolsApi.builder().build());
    RawHttp.Answer a = RawHttp.sendBytes(port, ("HEAD /fbtools/openapi.json HTTP/1.1\r\n"
        + "Host: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    assertEquals(405, a.status());
    assertEquals("GET", a.header("Allow"));
    assertEquals("application/json; charset=utf-8", a.header("Content-Type"));
    assertEquals("", a.body(), "a HEAD answer has no body");
  }

  @Test
  void malformedPercentEncodingThatReachesTheServerIs400() throws Exception {
    int port = start(FbToolsApi.builder().build());
    // Escapes that are well-formed for the URI but not UTF-8, in the path and in the query.
    assertErrorShape(400, RawHttp.send(port,
        "GET /fbtools/prompts/discover/%C3%28 HTTP/1.1\nHost: 127.0.0.1", ""));
    assertErrorShape(400, RawHttp.send(port,
        "GET /fbtools/prompts/get?session_id=%FF HTTP/1.1\nHost: 127.0.0.1", ""));
  }

  @Test
  void anOutOfMemoryErrorIs503AndTheWorkerLivesOn() throws Exception {
    FbToolsApi api = FbToolsApi.builder()
        .promptSessions(PromptStateManager.over(PromptStateManager.storeBuilder()
            .weigher((PromptCollection c) -> {
              if (!c.prompts().isEmpty()) {
                throw new OutOfMemoryError("Java heap space (simulated)");
              }
              return 1;
            })
            .build()))
        .build();
    int port = start(api); // one worker
    for (int i = 0; i < 3; i++) {
      RawHttp.Answer a = RawHttp.post(port, "/fbtools/prompts/create",
          "Content-Type: application/json", "{\"legacy_data\": {\"a\": \"b\"}}");
      assertErrorShape(503, a);
      assertEquals("5", a.header("Retry-After"));
    }
    assertEquals(200, RawHttp.post(port, "/fbtools/prompts/create",
        "Content-Type: application/json", "{}").status());
  }

  private static RawHttp.Answer get(int port, String target, String host) throws IOException {
    return RawHttp.sendBytes(port, ("GET " + target + " HTTP/1.1\r\nHost: " + host
        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void theRequestTargetIsReadAsSentNotAsAUriWithAnAuthority() throws Exception {
    int port = start(FbToolsApi.builder().build());
    // java.net.URI reads "//fbtools/..." as the authority "fbtools" and the path "/libber/list".
    RawHttp.Answer a = get(port, "//fbtools/openapi.json", "127.0.0.1");
    assertErrorShape(404, a);
    assertEquals("no endpoint \"//fbtools/openapi.json\"", a.json().get("error"));
    assertErrorShape(404, get(port, "//127.0.0.1/fbtools/openapi.json", "127.0.0.1"));
    assertEquals(200, get(port, "/fbtools/openapi.json#x", "127.0.0.1").status());
    assertErrorShape(400, get(port, "/fbtools/prompts/get?session_id=%FF#x", "127.0.0.1"));
  }

  @Test
  void anAbsoluteFormTargetIsServedAndItsAuthorityPassesTheHostRule() throws Exception {
    int port = start(FbToolsApi.builder().build());
    assertEquals(200,
        get(port, "http://127.0.0.1:" + port + "/fbtools/openapi.json", "127.0.0.1").status());
    assertEquals(200,
        get(port, "HTTP://localhost/fbtools/openapi.json", "evil.example").status(),
        "the authority stands for the Host header");
    RawHttp.Answer foreign =
        get(port, "http://evil.example/fbtools/openapi.json", "127.0.0.1");
    assertErrorShape(403, foreign);
    assertTrue(foreign.json().get("error").toString().startsWith("Host \"evil.example\""),
        foreign.body());
    RawHttp.Answer other = get(port, "ftp://127.0.0.1/fbtools/openapi.json", "127.0.0.1");
    assertErrorShape(400, other);
    assertEquals("the request target must be a path starting with '/' (or an absolute http URI),"
        + " not \"ftp://127.0.0.1/fbtools/openapi.json\"", other.json().get("error"));
    assertErrorShape(400, get(port, "http://user@127.0.0.1/fbtools/openapi.json", "127.0.0.1"));
  }

  /**
   * Each malformed request head the JDK's server used to answer itself in HTML (or close without
   * an answer) gets the JSON error shape with {@code Connection: close}, a message that says what
   * was wrong and where, and the connection is closed after the answer.
   */
  @Test
  void malformedRequestHeadsGetTheErrorShapeAndAClose() throws Exception {
    int port = start(FbToolsApi.builder().build());
    String h = "Host: 127.0.0.1\r\n";
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 101; i++) {
      many.append("X-H").append(i).append(": 1\r\n");
    }
    String[][] cases = {
      {"GET /x%zz HTTP/1.1\r\n" + h + "\r\n", "400",
          "request target \"/x%zz\": bad percent-encoding at index 2"},
      {"GET /fbtools/openapi.json?a=%2 HTTP/1.1\r\n" + h + "\r\n", "400",
          "bad percent-encoding at index 24"},
      {"GET /a<b> HTTP/1.1\r\n" + h + "\r\n", "400",
          "request target \"/a<b>\": character 0x3c is not allowed in a URI, at index 2"},
      {"GET /a\u0001b HTTP/1.1\r\n" + h + "\r\n", "400",
          "request target \"/a\\u0001b\": character 0x01 is not allowed"},
      {"GET /a\u00e9 HTTP/1.1\r\n" + h + "\r\n", "400", "character 0xe9 is not allowed"},
      {"GET /a b c HTTP/1.1\r\n" + h + "\r\n", "400",
          "bad request line \"GET /a b c HTTP/1.1\": it must be METHOD SP target SP HTTP/1.1"},
      {"GARBAGE\r\n" + h + "\r\n", "400", "bad request line \"GARBAGE\""},
      {"GET /x HTTP/1.1 \r\n" + h + "\r\n", "400", "bad request line"},
      {"GET /x HTTX/1.1\r\n" + h + "\r\n", "400", "the version must be HTTP/1.1 or HTTP/1.0"},
      {"GET /x HTTP/2.0\r\n" + h + "\r\n", "505", "HTTP version HTTP/2.0 is not supported"},
      {"GET * HTTP/1.1\r\n" + h + "\r\n", "400",
          "the request target must be a path starting with '/' (or an absolute http URI), not"
              + " \"*\""},
      {"GET ?a=b HTTP/1.1\r\n" + h + "\r\n", "400", "not \"?a=b\""},
      {"POST /x HTTP/1.1\r\n" + h + "Content-Length: abc\r\n\r\n{}", "400",
          "Content-Length \"abc\" is not a non-negative decimal number of bytes"},
      {"POST /x HTTP/1.1\r\n" + h + "Content-Length: -5\r\n\r\n{}", "400",
          "Content-Length \"-5\" is not a non-negative decimal"},
      {"POST /x HTTP/1.1\r\n" + h + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}", "400",
          "Content-Length values differ: \"2, 3\""},
      {"POST /x HTTP/1.1\r\n" + h + "Content-Length: 99999999999999999999\r\n\r\n{}", "413",
          "Content-Length \"99999999999999999999\""},
      {"POST /x HTTP/1.1\r\n" + h + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}",
          "400", "both Transfer-Encoding and Content-Length"},
      {"POST /x HTTP/1.1\r\n" + h + "Transfer-Encoding: gzip, chunked\r\n\r\n", "501",
          "transfer coding \"gzip\" is not supported"},
      {"POST /x HTTP/1.1\r\n" + h + "Transfer-Encoding: chunked, chunked\r\n\r\n", "400",
          "chunked must appear exactly once"},
      {"POST /x HTTP/1.0\r\n" + h + "Transfer-Encoding: chunked\r\n\r\n", "400",
          "Transfer-Encoding in an HTTP/1.0 request"},
      {"GET /x HTTP/1.1\r\n" + h + "Bad Name: 1\r\n\r\n", "400",
          "header line 2: the name \"Bad Name\" is not a token"},
      {"GET /x HTTP/1.1\r\n" + h + "X-A : 1\r\n\r\n", "400", "the name \"X-A \" is not a token"},
      {"GET /x HTTP/1.1\r\n" + h + "NoColon\r\n\r\n", "400",
          "header line 2 \"NoColon\" has no colon"},
      {"GET /x HTTP/1.1\r\n" + h + "X-A: 1\r\n  folded\r\n\r\n", "400",
          "header line 3 \"  folded\" continues the previous one (obs-fold)"},
      {"GET /x HTTP/1.1\r\n" + h + "X-A: a\u0000b\r\n\r\n", "400",
          "header \"X-A\": control character 0x00 in the value"},
      {"GET /x HTTP/1.1\r\n" + h + "X-A: a\rb\r\n\r\n", "400", "a CR not followed by LF"},
      {"GET /x HTTP/1.1\r\n" + h + "Host: 127.0.0.1\r\n\r\n", "400", "more than one Host"},
      {"POST /x HTTP/1.1\r\n" + h + "Expect: 200-ok\r\n\r\n", "417",
          "Expect \"200-ok\" is not supported"},
      {"GET /fbtools/openapi.json HTTP/1.1\r\n" + h + "X-Big: " + "a".repeat(17 * 1024)
          + "\r\n\r\n", "431", "the request head is longer than 16384 bytes"},
      {"GET /fbtools/openapi.json HTTP/1.1\r\n" + h + many + "\r\n", "431",
          "the request head has more than 100 header lines"},
      {"GET /" + "a".repeat(17 * 1024) + " HTTP/1.1\r\n" + h + "\r\n", "414",
          "the request line is longer than 16384 bytes"},
    };
    for (String[] c : cases) {
      RawHttp.Answer a = answerThenClose(port, c[0]);
      String what = c[0].length() > 80 ? c[0].substring(0, 80) : c[0];
      assertErrorShape(Integer.parseInt(c[1]), a);
      assertEquals("close", a.header("Connection"), what);
      String error = a.json().get("error").toString();
      assertTrue(error.contains(c[2]), what + " -> " + error);
      assertTrue(error.chars().allMatch(ch -> ch >= 0x20), "raw control character: " + error);
    }
    // Repeated equal Content-Length values are one value; the connection then stays usable.
    RawHttp.Answer same = RawHttp.sendBytes(port, ("POST /fbtools/prompts/create HTTP/1.1\r\n" + h
        + "Content-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 2\r\n"
        + "Connection: close\r\n\r\n{}").getBytes(StandardCharsets.ISO_8859_1));
    assertEquals(200, same.status(), same.body());
    // Below the limit, a long target reaches the router, which answers in the error shape.
    assertErrorShape(404, get(port, "/" + "a".repeat(15 * 1024), "127.0.0.1"));
  }

  /** Sends {@code request}, reads one answer, and asserts the server closes the connection. */
  static RawHttp.Answer answerThenClose(int port, String request) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      RawHttp.Answer a = RawHttp.read(s.getInputStream());
      assertTrue(RawHttp.closedByServer(s), "the connection stayed open after " + a.status());
      return a;
    }
  }
}
