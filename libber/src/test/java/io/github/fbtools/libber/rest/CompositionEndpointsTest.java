package io.github.fbtools.libber.rest;

import static io.github.fbtools.libber.rest.ApiTesting.assertError;
import static io.github.fbtools.libber.rest.ApiTesting.assertErrorContaining;
import static io.github.fbtools.libber.rest.ApiTesting.map;
import static io.github.fbtools.libber.rest.ApiTesting.shape;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.fbtools.core.ExpansionLimits;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code POST /fbtools/prompts/apply_libber} and {@code POST /fbtools/scene/process_compositions}. */
class CompositionEndpointsTest {
  private static final String UNKNOWN_ID = "C".repeat(43);

  private final FbToolsApi api =
      FbToolsApi.builder().expansionLimits(new ExpansionLimits(200, 10_000)).build();
  private final ApiTesting t = new ApiTesting(api);

  private String libber(String name, Map<String, Object> libs) {
    ApiResponse r = t.post("/fbtools/libber/create", map("name", name, "lib_dict", libs));
    assertEquals(200, r.status(), r.toString());
    return (String) r.body().get("session_id");
  }

  private static final String COLLECTION =
      "{\"version\": 2, \"prompts\": {\"girl\": {\"value\": \"a %hair% woman\", \"category\":"
          + " \"people\"}, \"plain\": \"no refs\", \"styled\": {\"value\": \"%hair%\","
          + " \"processing_type\": \"libber\", \"libber_name\": \"styles\"}}, \"compositions\":"
          + " {\"full\": [\"girl\", \"plain\", \"styled\", \"missing\"], \"empty\": []}}";

  @Test
  void applyLibberSubstitutesEveryValueAndNamesTheChangedOnes() {
    String id = libber("styles", map("hair", "red-haired"));
    ApiResponse r =
        t.post("/fbtools/prompts/apply_libber",
            "{\"session_id\": \"" + id + "\", \"collection\": " + COLLECTION + "}");
    assertEquals(
        "{\"success\": true, \"session_id\": \"ID\", \"version\": 0, \"name\": \"styles\","
            + " \"collection\": {\"version\": 2, \"prompts\": {\"girl\": {\"value\": \"a"
            + " red-haired woman\", \"processing_type\": \"raw\", \"category\": \"people\"},"
            + " \"plain\": {\"value\": \"no refs\", \"processing_type\": \"raw\"}, \"styled\":"
            + " {\"value\": \"red-haired\", \"processing_type\": \"libber\", \"libber_name\":"
            + " \"styles\"}}, \"compositions\": {\"full\": [\"girl\", \"plain\", \"styled\","
            + " \"missing\"], \"empty\": []}}, \"prompt_names\": [\"girl\", \"plain\","
            + " \"styled\"], \"changed\": [\"girl\", \"styled\"]}",
        shape(r, id));
  }

  @Test
  void applyLibberErrors() {
    String id = libber("styles", map("hair", "x".repeat(150)));
    assertError(t.post("/fbtools/prompts/apply_libber", map("session_id", id)), 400,
        "collection is required");
    assertError(t.post("/fbtools/prompts/apply_libber", map("session_id", id, "collection", 1)),
        400, "collection must be an object, found number");
    assertErrorContaining(
        t.post("/fbtools/prompts/apply_libber",
            map("session_id", id, "collection", map("version", 2, "prompts", map("a", 1)))),
        400, "invalid collection: at /prompts/a");
    assertEquals(404, t.post("/fbtools/prompts/apply_libber",
        map("session_id", UNKNOWN_ID, "collection", map())).status());
    assertError(t.post("/fbtools/prompts/apply_libber", map("collection", map())), 400,
        "session_id is required");
    // Each value fits the limit of 200 chars, both together do not.
    ApiResponse tooBig =
        t.post("/fbtools/prompts/apply_libber",
            map("session_id", id, "collection",
                map("version", 2, "prompts", map("a", "%hair%", "b", "%hair%"))));
    assertErrorContaining(tooBig, 400, "the answer would be longer than 200 chars");
    // A prompts session id is not a libber session id, and the answer says so.
    String promptsId = t.newPromptSession();
    assertErrorContaining(t.post("/fbtools/prompts/apply_libber",
        map("session_id", promptsId, "collection", map())), 400,
        "is a prompts session; this endpoint needs a libber session");
  }

  @Test
  void processCompositionsUsesTheLibberSessionsGiven() {
    String id = libber("styles", map("hair", "red-haired"));
    ApiResponse r =
        t.post("/fbtools/scene/process_compositions",
            "{\"libber_sessions\": {\"styles\": \"" + id + "\"}, \"collection\": " + COLLECTION
                + "}");
    assertEquals(
        "{\"success\": true, \"prompt_dict\": {\"full\": \"a %hair% woman no refs red-haired\","
            + " \"empty\": \"\"}, \"missing_libbers\": [], \"status\": \"Processed 2"
            + " compositions\"}",
        r.bodyText());
    ApiResponse without =
        t.post("/fbtools/scene/process_compositions", "{\"collection\": " + COLLECTION + "}");
    assertEquals(
        "{\"success\": true, \"prompt_dict\": {\"full\": \"a %hair% woman no refs %hair%\","
            + " \"empty\": \"\"}, \"missing_libbers\": [\"styles\"], \"status\": \"Processed 2"
            + " compositions\"}",
        without.bodyText());
  }

  @Test
  void processCompositionsErrors() {
    assertError(t.post("/fbtools/scene/process_compositions", map()), 400,
        "collection data required: collection is missing");
    assertError(t.post("/fbtools/scene/process_compositions",
        map("collection", map("version", 2), "libber_sessions", List.of())), 400,
        "libber_sessions must be an object, found array");
    assertError(t.post("/fbtools/scene/process_compositions",
        map("collection", map("version", 2), "libber_sessions", map("styles", 1))), 400,
        "libber_sessions values must be session ids (strings), found number");
    assertEquals(404, t.post("/fbtools/scene/process_compositions",
        map("collection", map("version", 2), "libber_sessions", map("styles", UNKNOWN_ID))).status());
    assertErrorContaining(t.post("/fbtools/scene/process_compositions",
        map("collection", map("version", 2), "libber_sessions", map("styles", "bad"))), 400,
        "malformed session id");
    // The composed answer is bounded too: one prompt repeated past the limit.
    List<String> many = java.util.Collections.nCopies(30, "p");
    ApiResponse tooBig =
        t.post("/fbtools/scene/process_compositions",
            map("collection", map("version", 2, "prompts", map("p", "x".repeat(10)),
                "compositions", map("big", many))));
    assertErrorContaining(tooBig, 400, "the answer would be longer than 200 chars");
    assertError(
        t.post("/fbtools/scene/process_compositions",
            map("collection", map("version", 2, "prompts", map("p", map("value", "x",
                "processing_type", "libber", "libber_name", "../../etc/passwd"))))),
        400, "invalid libber name \"../../etc/passwd\": only letters, digits, spaces, '.', '_'"
            + " and '-' are allowed, starting with a letter or digit");
  }
}
