package io.github.fbtools.libber.rest;

import static io.github.fbtools.libber.rest.ApiTesting.assertError;
import static io.github.fbtools.libber.rest.ApiTesting.assertErrorContaining;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.libber.PromptSessions;
import io.github.fbtools.libber.SessionStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The router: routing, error mapping, body limits, and the one error shape. */
class FbToolsApiTest {
  private final FbToolsApi api = FbToolsApi.builder().maxBodyBytes(1000).build();
  private final ApiTesting t = new ApiTesting(api);

  @Test
  void listsItsEndpoints() {
    assertEquals(
        List.of(
            "POST /fbtools/prompts/create",
            "POST /fbtools/prompts/add",
            "POST /fbtools/prompts/remove",
            "POST /fbtools/prompts/rename",
            "GET /fbtools/prompts/list_names",
            "GET /fbtools/prompts/get",
            "POST /fbtools/prompts/apply_libber",
            "GET /fbtools/prompts/discover/{scene_name}",
            "POST /fbtools/libber/create",
            "POST /fbtools/libber/load",
            "POST /fbtools/libber/save",
            "GET /fbtools/libber/list",
            "POST /fbtools/libber/add_lib",
            "POST /fbtools/libber/remove_lib",
            "POST /fbtools/libber/apply",
            "GET /fbtools/libber/keys",
            "GET /fbtools/libber/get_lib/{key}",
            "GET /fbtools/libber/get_data",
            "POST /fbtools/scene/process_compositions",
            "POST /fbtools/scene/open",
            "POST /fbtools/scene/update_prompts",
            "POST /fbtools/scene/update_metadata",
            "POST /fbtools/scene/update_loras",
            "POST /fbtools/scene/save_metadata",
            "GET /fbtools/scene/get",
            "GET /fbtools/scene/list",
            "GET /fbtools/scene/list_scenes/{story_name}",
            "GET /fbtools/story/list",
            "GET /fbtools/scene/get_scene_prompts",
            "POST /fbtools/scene/save_scene_prompts",
            "POST /fbtools/session/close",
            "GET /fbtools/openapi.json"),
        api.endpoints());
    assertEquals(1000, api.maxBodyBytes());
    assertEquals(FbToolsApi.DEFAULT_MAX_BODY_BYTES, FbToolsApi.builder().build().maxBodyBytes());
  }

  @Test
  void unknownPathsAre404() {
    assertError(t.get("/fbtools/prompts/nope", Map.of()), 404,
        "no endpoint \"/fbtools/prompts/nope\"");
    assertError(t.get("/fbtools/prompts/get/", Map.of()), 404,
        "no endpoint \"/fbtools/prompts/get/\"");
    assertError(t.get("/", Map.of()), 404, "no endpoint \"/\"");
    ApiResponse longPath = t.get("/" + "x".repeat(10_000), Map.of());
    assertEquals(404, longPath.status());
    assertTrue(longPath.bodyLength() < 200, longPath.toString());
    assertEquals(404, t.get("/fbtools/prompts/%67et\r\n", Map.of()).status());
  }

  @Test
  void pathSegmentsArePercentDecoded() {
    ApiResponse r = api.handle(ApiRequest.post("/fbtools/prompts/%63reate", "{}"));
    assertEquals(200, r.status());
    assertErrorContaining(t.get("/fbtools/prompts/%zz", Map.of()), 400, "malformed path");
    assertErrorContaining(t.get("fbtools/prompts/get", Map.of()), 400, "must start with '/'");
    // %2F decodes inside one segment: it never adds a segment.
    assertEquals(404, t.get("/fbtools/prompts%2Fget", Map.of()).status());
  }

  @Test
  void wrongMethodsAre405WithAllow() {
    ApiResponse r = t.get("/fbtools/prompts/create", Map.of());
    assertError(r, 405, "method \"GET\" is not allowed here; use POST");
    assertEquals(Map.of("Allow", "POST"), r.headers());
    ApiResponse r2 = api.handle(ApiRequest.of("DELETE", "/fbtools/prompts/get", Map.of(),
        new byte[0]));
    assertError(r2, 405, "method \"DELETE\" is not allowed here; use GET");
    assertEquals(405, api.handle(ApiRequest.post("/fbtools/prompts/get", "{}")).status());
  }

  @Test
  void oversizedBodiesAre413() {
    String body = "{\"legacy_data\": {\"a\": \"" + "x".repeat(1000) + "\"}}";
    ApiResponse r = t.post("/fbtools/prompts/create", body);
    assertError(
        r, 413, "the request body is " + body.length() + " bytes, over the limit of 1000");
    assertEquals(200, t.post("/fbtools/prompts/create", " ".repeat(998) + "{}").status());
  }

  @Test
  void malformedBodiesAre400() {
    for (String body : List.of("{", "nul", "{\"a\": }", "\"str\"", "1", "null", "{} {}")) {
      ApiResponse r = t.post("/fbtools/prompts/create", body);
      assertErrorContaining(r, 400, "the request body is not a valid JSON object: ");
    }
    ApiResponse badUtf8 =
        api.handle(ApiRequest.of("POST", "/fbtools/prompts/create", Map.of(),
            new byte[] {'{', (byte) 0xC3, '}'}));
    assertErrorContaining(badUtf8, 400, "invalid UTF-8");
  }

  @Test
  void internalFaultsAre500WithoutDetails() {
    SessionStore<PromptCollection> broken =
        PromptSessions.storeBuilder()
            .weigher(
                c -> {
                  throw new IllegalStateException("secret detail /home/user/file");
                })
            .build();
    FbToolsApi faulty = FbToolsApi.builder().promptSessions(PromptSessions.over(broken)).build();
    ApiResponse r = faulty.handle(ApiRequest.post("/fbtools/prompts/create", "{}"));
    assertError(r, 500, "internal server error (details are in the server log)");
    assertFalse(r.bodyText().contains("secret"));
    assertFalse(r.bodyText().contains("/home"));
  }

  @Test
  void responsesAreCompactUtf8Json() {
    String id = t.newPromptSession();
    ApiResponse r =
        t.post("/fbtools/prompts/add", ApiTesting.map("session_id", id, "prompt_name", "café",
            "prompt_value", "ü\u2028"));
    String text = new String(r.bodyBytes(), StandardCharsets.UTF_8);
    assertTrue(text.contains("\"café\""), text);
    assertEquals(r.bodyLength(), r.bodyBytes().length);
    assertTrue(r.isSuccess());
    assertTrue(r.toString().startsWith("ApiResponse[200 {"));
  }

  @Test
  void builderRefusesBadLimits() {
    assertThrows(IllegalArgumentException.class, () -> FbToolsApi.builder().maxBodyBytes(0));
    assertThrows(IllegalArgumentException.class, () -> ApiResponse.error(200, "x"));
    assertThrows(IllegalArgumentException.class, () -> ApiResponse.of(99, Map.of()));
  }
}
