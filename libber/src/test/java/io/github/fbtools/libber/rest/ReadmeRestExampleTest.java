package io.github.fbtools.libber.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.json.FbJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's REST snippet (on a free port instead of 8188), with the request it mentions. */
class ReadmeRestExampleTest {
  @TempDir Path dataFolder;

  @Test
  void readmeSnippetServesTheLibberFamily() throws Exception {
    FbToolsApi api = FbToolsApi.builder().root(dataFolder).build();   // <root>/libbers, scenes, stories
    try (FbToolsHttpServer server = FbToolsHttpServer.builder(api).port(0).start()) {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + server.port() + "/fbtools/libber/create"))
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"styles\"}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      assertEquals(200, r.statusCode(), r.body());
      Map<String, Object> body = FbJson.parseObject(r.body());
      assertEquals(Boolean.TRUE, body.get("success"));
      assertEquals(0L, body.get("version"));
      assertEquals(43, ((String) body.get("session_id")).length());
    }
    for (String folder : new String[] {"libbers", "scenes", "stories"}) {
      assertTrue(Files.isDirectory(dataFolder.resolve(folder)), folder);
    }
  }
}
