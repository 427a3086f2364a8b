package io.github.fbtools.libber.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.libber.PromptSessions;
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
        .promptSessions(PromptSessions.over(PromptSessions.storeBuilder()
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
}
