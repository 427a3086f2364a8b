package io.github.fbtools.libber.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.fbtools.core.json.FbJson;
import java.util.LinkedHashMap;
import java.util.Map;

/** Helpers for calling the router in tests. */
final class ApiTesting {
  private final FbToolsApi api;

  ApiTesting(FbToolsApi api) {
    this.api = api;
  }

  ApiResponse post(String path, String json) {
    return api.handle(ApiRequest.post(path, json));
  }

  ApiResponse post(String path, Map<String, ?> body) {
    return api.handle(ApiRequest.post(path, FbJson.writeCompact(FbJson.immutableObject(body))));
  }

  ApiResponse get(String path, Map<String, String> query) {
    return api.handle(ApiRequest.get(path, query));
  }

  /** Creates an empty prompts session and returns its id. */
  String newPromptSession() {
    ApiResponse r = post("/fbtools/prompts/create", "{}");
    assertEquals(200, r.status(), r.toString());
    return (String) r.body().get("session_id");
  }

  /** The body text with the session id replaced by {@code ID}, for exact shape comparisons. */
  static String shape(ApiResponse r, String id) {
    return r.bodyText().replace(id, "ID");
  }

  static void assertError(ApiResponse r, int status, String message) {
    assertEquals(status, r.status(), r.toString());
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("success", false);
    expected.put("error", message);
    assertEquals(FbJson.writeCompact(expected), r.bodyText());
  }

  /** Asserts the one error shape with a message containing {@code part}. */
  static void assertErrorContaining(ApiResponse r, int status, String part) {
    assertEquals(status, r.status(), r.toString());
    assertEquals(false, r.body().get("success"), r.toString());
    String error = (String) r.body().get("error");
    if (!error.contains(part)) {
      throw new AssertionError("error '" + error + "' does not contain '" + part + "'");
    }
  }

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}
