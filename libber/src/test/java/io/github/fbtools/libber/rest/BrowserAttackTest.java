package io.github.fbtools.libber.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each attack shape of a web page open in the user's browser, against a real {@link
 * FbToolsHttpServer} on a loopback port with a data folder: every one is refused with the one
 * error shape, and none writes a byte or opens a session. Clients that are not browsers (no
 * {@code Origin}, a loopback {@code Host}, JSON) keep working.
 */
class BrowserAttackTest {
  private static final String SAVE = "/fbtools/scene/save_scene_prompts";
  private static final String PWNED =
      "{\"scene_name\":\"forest\",\"collection\":{\"prompts\":{\"girl_pos\":\"PWNED\"}}}";
  private static final String TOKEN = "s3cret-token-0123456789abcdef";

  @TempDir Path root;
  private FbToolsApi api;
  private FbToolsHttpServer server;
  private int port;
  private Map<String, String> before;

  @BeforeEach
  void setUp() throws IOException {
    api = FbToolsApi.builder().root(root).build();
    Path forest = Files.createDirectory(root.resolve("scenes").resolve("forest"));
    Files.writeString(forest.resolve("prompts.json"), "{\"girl_pos\": \"smiling\"}",
        StandardCharsets.UTF_8);
    before = RawHttp.snapshot(root);
  }

  @AfterEach
  void tearDown() {
    if (server != null) {
      server.close();
    }
  }

  private void start(FbToolsHttpServer.Builder b) throws IOException {
    server = b.start();
    port = server.port();
  }

  private void start() throws IOException {
    start(FbToolsHttpServer.builder(api).threads(2));
  }

  /** The answer is the one error shape with {@code status}, and nothing changed anywhere. */
  private void refused(int status, RawHttp.Answer a) throws IOException {
    assertEquals(status, a.status(), a.body());
    assertEquals("application/json; charset=utf-8", a.header("Content-Type"));
    Map<String, Object> body = a.json();
    assertEquals(Boolean.FALSE, body.get("success"), a.body());
    assertTrue(body.get("error") instanceof String, a.body());
    assertNull(a.header("Access-Control-Allow-Origin"), "no CORS approval");
    assertNothingWritten();
  }

  private void assertNothingWritten() throws IOException {
    assertEquals(before, RawHttp.snapshot(root), "the data folder changed");
    assertEquals(0, api.promptSessions().store().size());
    assertEquals(0, api.libberSessions().store().size());
    assertEquals(0, api.sceneSessions().store().size());
  }

  private RawHttp.Answer attack(String headers) throws IOException {
    return RawHttp.send(port, "POST " + SAVE + " HTTP/1.1\n" + headers, PWNED);
  }

  @Test
  void foreignOriginWithTextPlainIsRefused() throws Exception {
    start();
    RawHttp.Answer a = attack("Host: 127.0.0.1:" + port
        + "\nContent-Type: text/plain\nOrigin: http://evil.example");
    refused(403, a);
    assertTrue(a.json().get("error").toString().contains("Origin \"http://evil.example\""),
        a.body());
  }

  @Test
  void theIssuesCurlIsRefused() throws Exception {
    // curl -H 'Content-Type: text/plain' -H 'Origin: http://evil.example' -H 'Host: evil.example'
    start();
    refused(403, attack("Host: evil.example\nContent-Type: text/plain\nOrigin: http://evil.example"));
  }

  @Test
  void textPlainWithoutOriginIs415() throws Exception {
    start();
    RawHttp.Answer a = attack("Host: 127.0.0.1:" + port + "\nContent-Type: text/plain");
    refused(415, a);
    assertEquals(
        "a POST must have \"Content-Type: application/json\" (UTF-8), not \"text/plain\"",
        a.json().get("error"));
  }

  @Test
  void formAndMultipartContentTypesAre415() throws Exception {
    start();
    refused(415, attack("Host: localhost:" + port
        + "\nContent-Type: application/x-www-form-urlencoded"));
    refused(415, attack("Host: localhost:" + port
        + "\nContent-Type: multipart/form-data; boundary=x"));
    refused(415, attack("Host: localhost:" + port));
    refused(415, attack("Host: localhost:" + port
        + "\nContent-Type: application/json; charset=iso-8859-1"));
  }

  @Test
  void originNullIsRefused() throws Exception {
    start();
    refused(403, attack("Host: 127.0.0.1:" + port
        + "\nContent-Type: application/json\nOrigin: null"));
  }

  @Test
  void rebindingHostIsRefusedEvenWithAMatchingOrigin() throws Exception {
    start();
    RawHttp.Answer a = attack("Host: evil.example:" + port
        + "\nContent-Type: application/json\nOrigin: http://evil.example:" + port);
    refused(403, a);
    assertTrue(a.json().get("error").toString().startsWith("Host \"evil.example:"), a.body());
  }

  @Test
  void secFetchSiteCrossSiteIsRefusedInAnyCase() throws Exception {
    start();
    refused(403, attack("Host: 127.0.0.1:" + port
        + "\nContent-Type: application/json\nSec-Fetch-Site: CROSS-SITE"));
    RawHttp.Answer get = RawHttp.send(port,
        "GET /fbtools/scene/list HTTP/1.1\nHost: 127.0.0.1:" + port
            + "\nSec-Fetch-Site: cross-site", "");
    refused(403, get);
  }

  @Test
  void aLoopbackHostOnAnotherPortIsRefused() throws Exception {
    start();
    refused(403, attack("Host: 127.0.0.1:1\nContent-Type: application/json"));
    refused(400, RawHttp.sendBytes(port, ("POST " + SAVE + " HTTP/1.0\r\n"
        + "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
        .getBytes(StandardCharsets.ISO_8859_1)));
  }

  @Test
  void preflightsAreNotApprovedUnlessAnOriginIsAllowed() throws Exception {
    start();
    RawHttp.Answer a = RawHttp.send(port, "OPTIONS " + SAVE + " HTTP/1.1\nHost: 127.0.0.1:"
        + port + "\nOrigin: http://evil.example\nAccess-Control-Request-Method: POST"
        + "\nAccess-Control-Request-Headers: content-type", "");
    refused(403, a);
    RawHttp.Answer own = RawHttp.send(port, "OPTIONS " + SAVE + " HTTP/1.1\nHost: 127.0.0.1:"
        + port + "\nOrigin: http://127.0.0.1:" + port + "\nAccess-Control-Request-Method: POST",
        "");
    refused(403, own);
  }

  @Test
  void missingOrWrongTokenIs401() throws Exception {
    start(FbToolsHttpServer.builder(api).bearerToken(TOKEN));
    RawHttp.Answer none = attack("Host: 127.0.0.1:" + port + "\nContent-Type: application/json");
    refused(401, none);
    assertEquals("Bearer", none.header("WWW-Authenticate"));
    refused(401, attack("Host: 127.0.0.1:" + port
        + "\nContent-Type: application/json\nAuthorization: Bearer " + TOKEN + "x"));
    refused(401, attack("Host: 127.0.0.1:" + port
        + "\nContent-Type: application/json\nAuthorization: Basic " + TOKEN));
    refused(401, attack("Host: 127.0.0.1:" + port
        + "\nContent-Type: application/json\nAuthorization: Bearer "));
    assertFalse(none.body().contains(TOKEN));
    RawHttp.Answer ok = RawHttp.post(port, "/fbtools/libber/list",
        "Content-Type: application/json\nAuthorization: bearer " + TOKEN, "{}");
    assertEquals(405, ok.status(), ok.body()); // past the guard: the router answers
    RawHttp.Answer list = RawHttp.send(port, "GET /fbtools/libber/list HTTP/1.1\nHost: 127.0.0.1:"
        + port + "\nAuthorization: Bearer " + TOKEN, "");
    assertEquals(200, list.status(), list.body());
  }

  @Test
  void aNonLoopbackAddressNeedsAToken() throws Exception {
    FbToolsHttpServer.Builder b =
        FbToolsHttpServer.builder(api).address(InetAddress.getByName("0.0.0.0"));
    IllegalStateException e = assertThrows(IllegalStateException.class, b::start);
    assertEquals("binding 0.0.0.0 (not a loopback address) needs a bearer token", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> b.bearerToken("short"));
    assertThrows(IllegalArgumentException.class, () -> b.bearerToken("has a space in it, sadly"));
  }

  @Test
  void clientsThatAreNotBrowsersKeepWorking() throws Exception {
    start();
    for (String host : new String[] {"127.0.0.1:" + port, "localhost", "LOCALHOST:" + port,
        "[::1]:" + port}) {
      RawHttp.Answer a = RawHttp.send(port, "POST " + SAVE + " HTTP/1.1\nHost: " + host
          + "\nContent-Type: Application/JSON; charset=\"UTF-8\"", PWNED);
      assertEquals(200, a.status(), host + ": " + a.body());
    }
    assertTrue(Files.readString(root.resolve("scenes/forest/prompts.json")).contains("PWNED"));
  }

  @Test
  void pagesOfTheServersOwnOriginAreServed() throws Exception {
    start();
    RawHttp.Answer a = attack("Host: localhost:" + port + "\nContent-Type: application/json"
        + "\nOrigin: http://localhost:" + port + "\nSec-Fetch-Site: same-origin");
    assertEquals(200, a.status(), a.body());
    assertNull(a.header("Access-Control-Allow-Origin"));
  }

  @Test
  void anExplicitlyAllowedOriginGetsExactlyThatOriginApproved() throws Exception {
    String origin = "http://localhost:5173";
    start(FbToolsHttpServer.builder(api).allowOrigin(origin + "/"));
    RawHttp.Answer pre = RawHttp.send(port, "OPTIONS " + SAVE + " HTTP/1.1\nHost: 127.0.0.1:"
        + port + "\nOrigin: " + origin + "\nAccess-Control-Request-Method: POST", "");
    assertEquals(204, pre.status(), pre.body());
    assertEquals(origin, pre.header("Access-Control-Allow-Origin"));
    assertEquals("GET, POST", pre.header("Access-Control-Allow-Methods"));
    RawHttp.Answer post = attack("Host: 127.0.0.1:" + port + "\nContent-Type: application/json"
        + "\nOrigin: " + origin + "\nSec-Fetch-Site: cross-site");
    assertEquals(200, post.status(), post.body());
    assertEquals(origin, post.header("Access-Control-Allow-Origin"));
    assertEquals("Origin", post.header("Vary"));
    // Still JSON only, and other origins still refused.
    RawHttp.Answer plain = attack("Host: 127.0.0.1:" + port + "\nContent-Type: text/plain"
        + "\nOrigin: " + origin);
    assertEquals(415, plain.status());
    RawHttp.Answer other = attack("Host: 127.0.0.1:" + port + "\nContent-Type: application/json"
        + "\nOrigin: http://localhost:5174");
    assertEquals(403, other.status());
  }

  @Test
  void allowedHostsAreMatchedWithoutRegardToCase() throws Exception {
    start(FbToolsHttpServer.builder(api).allowHost("Studio.Local").allowHost("proxy:8443"));
    assertEquals(200, RawHttp.send(port, "GET /fbtools/scene/list HTTP/1.1\nHost: studio.local",
        "").status());
    assertEquals(200, RawHttp.send(port, "GET /fbtools/scene/list HTTP/1.1\nHost: PROXY:8443",
        "").status());
    refused(403, RawHttp.send(port, "GET /fbtools/scene/list HTTP/1.1\nHost: proxy:9000", ""));
    assertThrows(IllegalArgumentException.class,
        () -> FbToolsHttpServer.builder(api).allowHost("a/b"));
    assertThrows(IllegalArgumentException.class,
        () -> FbToolsHttpServer.builder(api).allowOrigin("http://x/path"));
  }

  @Test
  void answersCarryHeadersThatKeepOtherPagesOut() throws Exception {
    start();
    RawHttp.Answer a =
        RawHttp.send(port, "GET /fbtools/scene/list HTTP/1.1\nHost: 127.0.0.1", "");
    assertEquals(200, a.status());
    assertEquals("nosniff", a.header("X-Content-Type-Options"));
    assertEquals("same-origin", a.header("Cross-Origin-Resource-Policy"));
    assertEquals("default-src 'none'; frame-ancestors 'none'",
        a.header("Content-Security-Policy"));
  }
}
