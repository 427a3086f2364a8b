package io.github.fbtools.libber.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.json.FbJson;
import io.github.fbtools.libber.PromptStateManager;
import io.github.fbtools.libber.SessionStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The JDK HTTP adapter over real loopback HTTP with java.net.http.HttpClient. */
class FbToolsHttpServerTest {
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private FbToolsHttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private FbToolsHttpServer start(FbToolsApi api) throws IOException {
    server = FbToolsHttpServer.builder(api).threads(2).drainTimeout(Duration.ofSeconds(5)).start();
    return server;
  }

  private URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return client.send(
        HttpRequest.newBuilder(uri(path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String pathAndQuery) throws Exception {
    return client.send(
        HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(30)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static Map<String, Object> json(HttpResponse<String> r) {
    return FbJson.parseObject(r.body());
  }

  @Test
  void servesTheRouterOnLoopback() throws Exception {
    start(FbToolsApi.builder().build());
    assertTrue(server.address().getAddress().isLoopbackAddress());
    HttpResponse<String> created = post("/fbtools/prompts/create", "{}");
    assertEquals(200, created.statusCode());
    assertEquals(
        "application/json; charset=utf-8", created.headers().firstValue("Content-Type").get());
    assertEquals("no-store", created.headers().firstValue("Cache-Control").get());
    String id = (String) json(created).get("session_id");
    HttpResponse<String> added =
        post("/fbtools/prompts/add",
            "{\"session_id\": \"" + id + "\", \"prompt_name\": \"scène\", \"prompt_value\": \"é\"}");
    assertEquals(200, added.statusCode(), added.body());
    HttpResponse<String> names =
        get("/fbtools/prompts/list_names?session_id=" + URLEncoder.encode(id, StandardCharsets.UTF_8));
    assertEquals(
        "{\"success\": true, \"session_id\": \"" + id + "\", \"version\": 1, \"prompt_names\":"
            + " [\"scène\"], \"count\": 1}",
        names.body());
  }

  @Test
  void errorsKeepTheOneShapeOverHttp() throws Exception {
    start(FbToolsApi.builder().build());
    HttpResponse<String> notFound = get("/nothing/here");
    assertEquals(404, notFound.statusCode());
    assertEquals("{\"success\": false, \"error\": \"no endpoint \\\"/nothing/here\\\"\"}",
        notFound.body());
    HttpResponse<String> wrongMethod = get("/fbtools/prompts/create");
    assertEquals(405, wrongMethod.statusCode());
    assertEquals("POST", wrongMethod.headers().firstValue("Allow").get());
    HttpResponse<String> badQuery = get("/fbtools/prompts/get?session_id=%C3");
    assertEquals(400, badQuery.statusCode());
    assertEquals(
        "{\"success\": false, \"error\": \"malformed query: percent-encoded bytes are not"
            + " UTF-8\"}",
        badQuery.body());
    HttpResponse<String> twice = get("/fbtools/prompts/get?session_id=a&session_id=b");
    assertEquals(
        "{\"success\": false, \"error\": \"malformed query: query parameter 'session_id' is"
            + " given twice\"}",
        twice.body());
    HttpResponse<String> badJson = post("/fbtools/prompts/create", "{oops");
    assertEquals(400, badJson.statusCode());
  }

  @Test
  void bodiesOverTheLimitAre413WhetherDeclaredOrStreamed() throws Exception {
    start(FbToolsApi.builder().maxBodyBytes(1000).build());
    String big = "{\"legacy_data\": {\"a\": \"" + "x".repeat(5000) + "\"}}";
    HttpResponse<String> declared = post("/fbtools/prompts/create", big);
    assertEquals(413, declared.statusCode());
    assertEquals(
        "{\"success\": false, \"error\": \"the request body is " + big.length()
            + " bytes, over the limit of 1000 bytes\"}",
        declared.body());
    byte[] bytes = big.getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> streamed =
        client.send(
            HttpRequest.newBuilder(uri("/fbtools/prompts/create"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(413, streamed.statusCode());
    assertEquals(
        "{\"success\": false, \"error\": \"the request body is more than 1000 bytes, over the limit"
            + " of 1000 bytes\"}",
        streamed.body());
    // The server is still fine afterwards.
    assertEquals(200, post("/fbtools/prompts/create", "{}").statusCode());
  }

  @Test
  void closeLetsRequestsInFlightFinishThenStops() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    SessionStore<PromptCollection> slow =
        PromptStateManager.storeBuilder()
            .weigher(
                c -> {
                  entered.countDown();
                  try {
                    release.await(30, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return 1;
                })
            .build();
    start(FbToolsApi.builder().promptSessions(PromptStateManager.over(slow)).build());
    int port = server.port();
    CompletableFuture<HttpResponse<String>> inFlight =
        client.sendAsync(
            HttpRequest.newBuilder(uri("/fbtools/prompts/create"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertTrue(entered.await(30, TimeUnit.SECONDS));
    Thread closer = new Thread(server::close);
    closer.start();
    release.countDown();
    assertEquals(200, inFlight.get(30, TimeUnit.SECONDS).statusCode());
    closer.join(TimeUnit.SECONDS.toMillis(30));
    server.close(); // a second close does nothing
    HttpClient fresh = HttpClient.newHttpClient();
    Exception refused =
        assertThrows(
            Exception.class,
            () ->
                fresh.send(
                    HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/fbtools/prompts/create"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString()));
    assertTrue(refused instanceof ConnectException || refused instanceof IOException, refused.toString());
  }

  @Test
  void builderChecksItsSettings() throws Exception {
    FbToolsHttpServer.Builder b = FbToolsHttpServer.builder(FbToolsApi.builder().build());
    assertThrows(IllegalArgumentException.class, () -> b.port(70000));
    assertThrows(IllegalArgumentException.class, () -> b.threads(0));
    assertThrows(IllegalArgumentException.class, () -> b.queueCapacity(0));
    assertThrows(IllegalArgumentException.class, () -> b.backlog(0));
    assertThrows(IllegalArgumentException.class, () -> b.drainTimeout(Duration.ofSeconds(-1)));
    assertThrows(IllegalArgumentException.class, () -> b.readTimeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> b.writeTimeout(Duration.ofSeconds(-1)));
    server = b.address(InetAddress.getLoopbackAddress()).port(0).queueCapacity(4).backlog(8).start();
    assertTrue(server.port() > 0);
  }

  @Test
  void startingAServerChangesNoSystemProperty() throws Exception {
    String nodelay = System.clearProperty("sun.net.httpserver.nodelay");
    try {
      java.util.Properties before = (java.util.Properties) System.getProperties().clone();
      start(FbToolsApi.builder().build());
      assertEquals(200, post("/fbtools/prompts/create", "{}").statusCode());
      assertEquals(before, System.getProperties());
    } finally {
      if (nodelay != null) {
        System.setProperty("sun.net.httpserver.nodelay", nodelay);
      }
    }
  }

}
