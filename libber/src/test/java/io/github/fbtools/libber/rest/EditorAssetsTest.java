package io.github.fbtools.libber.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.json.FbJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The editor's static files over real HTTP: what is served, with which headers, and what not. */
class EditorAssetsTest {
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  @TempDir Path root;
  private FbToolsHttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private void start(boolean editor) throws IOException {
    server = FbToolsHttpServer.builder(FbToolsApi.builder().root(root).build())
        .threads(2).editor(editor).start();
  }

  private HttpResponse<byte[]> send(String method, String rawPath, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.port() + rawPath))
        .timeout(Duration.ofSeconds(30))
        .method(method, HttpRequest.BodyPublishers.noBody());
    headers.forEach(b::header);
    return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpResponse<byte[]> get(String rawPath) throws Exception {
    return send("GET", rawPath, Map.of());
  }

  private static String header(HttpResponse<?> r, String name) {
    return r.headers().firstValue(name).orElse(null);
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = EditorAssets.class.getResourceAsStream(EditorAssets.RESOURCE_DIR + name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void servesEveryFileFromTheJarWithItsTypeAndTheSecurityHeaders() throws Exception {
    start(true);
    assertEquals("http://127.0.0.1:" + server.port() + "/fbtools/editor/",
        server.editorUrl().orElseThrow());
    for (Map.Entry<String, String> f : EditorAssets.FILES.entrySet()) {
      HttpResponse<byte[]> r = get("/fbtools/editor/" + f.getKey());
      assertEquals(200, r.statusCode(), f.getKey());
      assertEquals(f.getValue(), header(r, "Content-Type"), f.getKey());
      assertEquals(List.of(resource(f.getKey()).length), List.of(r.body().length), f.getKey());
      assertEquals("nosniff", header(r, "X-Content-Type-Options"));
      assertEquals(EditorAssets.CONTENT_SECURITY_POLICY, header(r, "Content-Security-Policy"));
      assertEquals("DENY", header(r, "X-Frame-Options"));
      assertEquals("no-referrer", header(r, "Referrer-Policy"));
      assertEquals("no-cache", header(r, "Cache-Control"));
    }
    String csp = EditorAssets.CONTENT_SECURITY_POLICY;
    assertTrue(csp.contains("script-src 'self';") && csp.contains("frame-ancestors 'none'"), csp);
    assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval") || csp.contains("*"),
        csp);
    HttpResponse<byte[]> index = get("/fbtools/editor/");
    assertEquals(200, index.statusCode());
    assertEquals("text/html; charset=utf-8", header(index, "Content-Type"));
    assertEquals(new String(resource("index.html"), "UTF-8"), new String(index.body(), "UTF-8"));
    assertTrue(EditorAssets.load().totalBytes() > 10_000);
  }

  @Test
  void slashAndTheBarePathRedirectToTheEditorKeepingADeepLink() throws Exception {
    start(true);
    HttpResponse<byte[]> r = get("/");
    assertEquals(302, r.statusCode());
    assertEquals("/fbtools/editor/", header(r, "Location"));
    r = get("/?libber=my%20hats");
    assertEquals("/fbtools/editor/?libber=my%20hats", header(r, "Location"));
    r = get("/fbtools/editor?scene=opening");
    assertEquals(302, r.statusCode());
    assertEquals("/fbtools/editor/?scene=opening", header(r, "Location"));
    r = get("/?x=%0d%0aSet-Cookie%3Aa");
    assertEquals("/fbtools/editor/?x=%0d%0aSet-Cookie%3Aa", header(r, "Location"),
        "kept percent-encoded, never decoded into the header");
    assertEquals(null, header(r, "Set-Cookie"));
    r = get("/?x=a'b'()");
    assertEquals("/fbtools/editor/", header(r, "Location"), "an odd query is dropped");
  }

  @Test
  void nothingElseIsServedAndNoPathReachesTheFileSystem() throws Exception {
    start(true);
    for (String path : List.of("/fbtools/editor/nope.js", "/fbtools/editor/../libbers/x.json",
        "/fbtools/editor/%2e%2e/%2e%2e/etc/passwd", "/fbtools/editor/index.html/",
        "/fbtools/editor/io/github/fbtools/libber/editor/main.js", "/fbtools/editor//main.js",
        "/fbtools/editor/MAIN.JS", "/fbtools/editor/main.js%00", "/fbtools/editor/./main.js",
        "/fbtools/editor/editor/", "/fbtools/editor/%6d%61%69%6e.js")) {
      HttpResponse<byte[]> r = get(path);
      assertEquals(404, r.statusCode(), path);
      assertEquals("application/json; charset=utf-8", header(r, "Content-Type"), path);
      Map<String, Object> body = FbJson.parseObject(new String(r.body(), "UTF-8"));
      assertEquals(false, body.get("success"), path);
      assertTrue(((String) body.get("error")).startsWith("no editor file "), path);
    }
    // A POST passes the server's request guard only as JSON (else 415); the editor then refuses it.
    HttpResponse<byte[]> post =
        send("POST", "/fbtools/editor/main.js", Map.of("Content-Type", "application/json"));
    assertEquals(405, post.statusCode());
    assertEquals("GET, HEAD", header(post, "Allow"));
    // The API is still the API.
    assertEquals(200, get("/fbtools/libber/list").statusCode());
  }

  @Test
  void withATokenOnlyTheEditorsFixedFilesAreServedWithoutIt() throws Exception {
    String token = "t0ken-for-the-editor-test";
    server = FbToolsHttpServer.builder(FbToolsApi.builder().root(root).build())
        .threads(2).editor(true).bearerToken(token).start();
    List<String> open = new java.util.ArrayList<>(List.of("/", "/fbtools/editor",
        "/fbtools/editor/", "/?libber=x"));
    for (String f : EditorAssets.FILES.keySet()) {
      open.add("/fbtools/editor/" + f);
    }
    for (String path : open) {
      int status = get(path).statusCode();
      assertTrue(status == 200 || status == 302, path + ": " + status);
      assertEquals(status, send("HEAD", path, Map.of()).statusCode(), path);
    }
    for (String path : List.of("/fbtools/editor/nope.js", "/fbtools/editor/main.js/",
        "/fbtools/editor/%6d%61%69%6e.js", "/fbtools/libber/list", "/fbtools/openapi.json",
        "/fbtools/editor/../libber/list", "/fbtools/editorx/main.js")) {
      HttpResponse<byte[]> r = get(path);
      assertEquals(401, r.statusCode(), path);
      assertEquals("Bearer", header(r, "WWW-Authenticate"), path);
    }
    // Only GET and HEAD of the files: any other method needs the token.
    assertEquals(401, send("POST", "/fbtools/editor/main.js",
        Map.of("Content-Type", "application/json")).statusCode());
    assertEquals(401, send("DELETE", "/fbtools/editor/", Map.of()).statusCode());
    // The other rules still apply to the files.
    assertEquals(403, send("GET", "/fbtools/editor/main.js",
        Map.of("Origin", "http://evil.example")).statusCode());
    assertEquals(200, send("GET", "/fbtools/libber/list",
        Map.of("Authorization", "Bearer " + token)).statusCode());
  }

  @Test
  void headAndRevalidation() throws Exception {
    start(true);
    HttpResponse<byte[]> head = send("HEAD", "/fbtools/editor/main.js", Map.of());
    assertEquals(200, head.statusCode());
    assertEquals(0, head.body().length);
    String etag = header(get("/fbtools/editor/main.js"), "ETag");
    assertTrue(etag != null && etag.startsWith("\""), etag);
    HttpResponse<byte[]> again = send("GET", "/fbtools/editor/main.js", Map.of("If-None-Match", etag));
    assertEquals(304, again.statusCode());
    assertEquals(0, again.body().length);
    assertEquals(200, send("GET", "/fbtools/editor/main.js",
        Map.of("If-None-Match", "\"other\"")).statusCode());
  }

  @Test
  void offByDefault() throws Exception {
    start(false);
    assertTrue(server.editorUrl().isEmpty());
    for (String path : List.of("/", "/fbtools/editor/", "/fbtools/editor/main.js")) {
      HttpResponse<byte[]> r = get(path);
      assertEquals(404, r.statusCode(), path);
      assertTrue(new String(r.body(), "UTF-8").contains("no endpoint"), path);
    }
  }
}
