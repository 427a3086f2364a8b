package io.github.fbtools.libber.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.json.FbJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end over real HTTP on loopback with {@link HttpClient}: create a Libber, add libs one by
 * one, apply it, save it, load it into a new session and find the same data; then a scene's
 * round trip through its file.
 */
class HttpEndToEndTest {
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
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

  private Map<String, Object> call(String method, String pathAndQuery, int status, Object... kv)
      throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      body.put((String) kv[i], kv[i + 1]);
    }
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery))
            .timeout(Duration.ofSeconds(30));
    if (method.equals("POST")) {
      b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
          FbJson.writeCompact(FbJson.immutableObject(body)), StandardCharsets.UTF_8));
    } else {
      b.GET();
    }
    HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    String text = new String(r.body(), StandardCharsets.UTF_8);
    assertEquals(status, r.statusCode(), pathAndQuery + " -> " + text);
    assertEquals(ApiResponse.CONTENT_TYPE, r.headers().firstValue("Content-Type").orElse(""));
    return FbJson.parseObject(r.body());
  }

  @Test
  void createAddApplySaveLoadGivesTheSameData() throws Exception {
    server = FbToolsHttpServer.builder(FbToolsApi.builder().root(root).build()).threads(2).start();
    Map<String, Object> s = call("POST", "/fbtools/libber/create", 200,
        "name", "characters", "delimiter", "@", "max_depth", 4);
    String id = (String) s.get("session_id");
    int n = 25;
    for (int i = 0; i < n; i++) {
      s = call("POST", "/fbtools/libber/add_lib", 200, "session_id", id, "expected_version",
          (long) i, "key", "Key " + i, "value", i == 0 ? "base" : "@key_" + (i - 1) + "@+" + i);
    }
    assertEquals((long) n, s.get("version"));
    Map<String, Object> applied = call("POST", "/fbtools/libber/apply", 200,
        "session_id", id, "text", "x @key_3@ y");
    assertEquals("x base+1+2+3 y", applied.get("result"));
    Map<String, Object> saved = call("POST", "/fbtools/libber/save", 200, "session_id", id,
        "expected_version", (long) n);
    assertEquals(true, saved.get("written"));
    assertTrue(Files.exists(root.resolve("libbers").resolve("characters.json")));
    assertEquals(List.of("characters"),
        call("GET", "/fbtools/libber/list", 200).get("libbers"));

    Map<String, Object> loaded = call("POST", "/fbtools/libber/load", 200, "name", "characters");
    String other = (String) loaded.get("session_id");
    assertNotEquals(id, other);
    assertEquals(0L, loaded.get("version"));
    Map<String, Object> original = call("GET", "/fbtools/libber/get_data?session_id=" + id, 200);
    for (String field : List.of("name", "keys", "lib_dict", "delimiter", "max_depth")) {
      assertEquals(original.get(field), loaded.get(field), field);
    }
    assertEquals(applied.get("result"), call("POST", "/fbtools/libber/apply", 200,
        "session_id", other, "text", "x @key_3@ y").get("result"));
    // The loaded session saves without force (same fingerprint); the first one, which now holds a
    // stale fingerprint after the other save changed the file, is refused.
    call("POST", "/fbtools/libber/add_lib", 200, "session_id", other, "key", "extra", "value", "e");
    call("POST", "/fbtools/libber/save", 200, "session_id", other);
    call("POST", "/fbtools/libber/save", 409, "session_id", id);
  }

  @Test
  void aSceneRoundTripsThroughItsFiles() throws Exception {
    Path opening = Files.createDirectories(root.resolve("scenes").resolve("opening"));
    Files.writeString(opening.resolve("prompts.json"), "{\"girl_pos\": \"smiling\"}");
    server = FbToolsHttpServer.builder(FbToolsApi.builder().root(root).build()).threads(2).start();
    String id = (String) call("POST", "/fbtools/scene/open", 200, "scene_name", "opening")
        .get("session_id");
    call("POST", "/fbtools/scene/update_prompts", 200, "session_id", id,
        "prompts", Map.of("wan_prompt", "walks away"));
    call("POST", "/fbtools/scene/update_metadata", 200, "session_id", id, "pose_name", "walk");
    Map<String, Object> saved = call("POST", "/fbtools/scene/save_metadata", 200, "session_id", id);
    Map<String, Object> again = call("POST", "/fbtools/scene/open", 200, "scene_name", "opening");
    for (String field : List.of("collection", "prompt_names", "pose_name", "loras")) {
      assertEquals(saved.get(field), again.get(field), field);
    }
    assertEquals(List.of("girl_pos", "wan_prompt"),
        call("GET", "/fbtools/prompts/discover/opening", 200).get("prompt_names"));
    assertTrue(Files.exists(opening.resolve("prompts.json.v1.backup")));
  }
}
