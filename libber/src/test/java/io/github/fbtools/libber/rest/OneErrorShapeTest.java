package io.github.fbtools.libber.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.libber.PromptStateManager;
import java.io.IOException;
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
   * What the JDK's own parser refuses before this server's handler runs, as measured and
   * documented in docs/rest.md ("Errors the JDK answers"): a short HTML answer and a closed
   * connection, or a closed connection without an answer. If a JDK update changes this, the
   * docs must change with it.
   */
  @Test
  void whatTheJdkRefusesItselfIsAsDocumented() throws Exception {
    int port = start(FbToolsApi.builder().build());
    String h = "Host: 127.0.0.1\r\nConnection: close\r\n";
    String[][] html400 = {
      {"GET /x%zz HTTP/1.1\r\n" + h + "\r\n", "URISyntaxException thrown"},
      {"GET /fbtools/openapi.json?a=%2 HTTP/1.1\r\n" + h + "\r\n", "URISyntaxException thrown"},
      {"GET /a<b> HTTP/1.1\r\n" + h + "\r\n", "URISyntaxException thrown"},
      {"POST /x HTTP/1.1\r\n" + h + "Content-Length: abc\r\n\r\n{}",
          "NumberFormatException thrown"},
      {"POST /x HTTP/1.1\r\n" + h + "Content-Length: -5\r\n\r\n{}",
          "Illegal Content-Length value"},
      {"POST /x HTTP/1.1\r\n" + h + "Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}",
          "Conflicting or malformed headers detected"},
      {"POST /x HTTP/1.1\r\n" + h + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}",
          "Conflicting or malformed headers detected"},
      {"GET /x HTTP/1.1\r\n" + h + "Bad Name: 1\r\n\r\n",
          "Header key contains illegal characters"},
      {"GARBAGE\r\n" + h + "\r\n", "Bad request line"},
    };
    for (String[] c : html400) {
      RawHttp.Answer a = RawHttp.sendBytes(port, c[0].getBytes(StandardCharsets.ISO_8859_1));
      assertEquals(400, a.status(), c[0]);
      assertEquals("text/html", a.header("Content-Type"), c[0]);
      assertEquals("<h1>400 Bad Request</h1>" + c[1], a.body(), c[0]);
    }
    for (String target : new String[] {"*", "?a=b"}) {
      RawHttp.Answer a = get(port, target, "127.0.0.1");
      assertEquals(404, a.status(), target);
      assertEquals("<h1>404 Not Found</h1>No context found for request", a.body(), target);
    }
    // Over the JDK's limits on the head (sun.net.httpserver.maxReqHeaderSize, 384 KiB, and
    // maxReqHeaders, 200): the connection is closed without an answer.
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 201; i++) {
      many.append("X-H").append(i).append(": 1\r\n");
    }
    for (String head : new String[] {
        "GET /fbtools/openapi.json HTTP/1.1\r\n" + h + "X-Big: " + "a".repeat(400 * 1024)
            + "\r\n\r\n",
        "GET /fbtools/openapi.json HTTP/1.1\r\n" + h + many + "\r\n"}) {
      try {
        RawHttp.Answer a = RawHttp.sendBytes(port, head.getBytes(StandardCharsets.ISO_8859_1));
        throw new AssertionError("expected no answer, got " + a.status());
      } catch (IOException expected) {
        // closed (or reset) without an answer
      }
    }
    // Below those limits the head reaches this server, which answers in the error shape.
    assertErrorShape(404, get(port, "/" + "a".repeat(300 * 1024), "127.0.0.1"));
  }
}
