package io.github.fbtools.libber.rest;

import static io.github.fbtools.libber.rest.ApiTesting.assertError;
import static io.github.fbtools.libber.rest.ApiTesting.assertErrorContaining;
import static io.github.fbtools.libber.rest.ApiTesting.map;
import static io.github.fbtools.libber.rest.ApiTesting.shape;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.libber.FakeTicker;
import io.github.fbtools.libber.PromptSessions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every /fbtools/prompts endpoint: success, each error status, and the exact JSON shape. */
class PromptEndpointsTest {
  private static final String P = "/fbtools/prompts/";
  private static final String UNKNOWN_ID = "A".repeat(43);

  private final FakeTicker ticker = new FakeTicker();
  private final FbToolsApi api =
      FbToolsApi.builder()
          .promptSessions(
              PromptSessions.over(
                  PromptSessions.storeBuilder()
                      .ticker(ticker)
                      .maxSessions(5)
                      .maxSessionWeight(64 * 1024)
                      .build()))
          .build();
  private final ApiTesting t = new ApiTesting(api);

  // ---------------------------------------------------------------------------------- create

  @Test
  void createEmpty() {
    ApiResponse r = t.post(P + "create", "{}");
    String id = (String) r.body().get("session_id");
    assertEquals(200, r.status());
    assertEquals(
        "{\"success\": true, \"session_id\": \"ID\", \"version\": 0, \"collection\": {\"version\": 2,"
            + " \"prompts\": {}, \"compositions\": {}}, \"prompt_names\": []}",
        shape(r, id));
    assertEquals("application/json; charset=utf-8", ApiResponse.CONTENT_TYPE);
    // An empty body is {} too.
    assertEquals(200, t.post(P + "create", "").status());
  }

  @Test
  void createFromLegacyData() {
    ApiResponse r =
        t.post(P + "create", "{\"legacy_data\": {\"girl_pos\": \"smiling\", \"male_pos\": \"\"}}");
    assertEquals(
        "{\"success\": true, \"session_id\": \"ID\", \"version\": 0, \"collection\": {\"version\": 2,"
            + " \"prompts\": {\"girl_pos\": {\"value\": \"smiling\", \"processing_type\": \"raw\","
            + " \"category\": \"legacy\"}}, \"compositions\": {}, \"v1_backup\": {\"girl_pos\":"
            + " \"smiling\", \"male_pos\": \"\"}}, \"prompt_names\": [\"girl_pos\"]}",
        shape(r, (String) r.body().get("session_id")));
  }

  @Test
  void createFromCollection() {
    String collection =
        "{\"version\": 2, \"prompts\": {\"b\": {\"value\": \"x\", \"processing_type\": \"libber\","
            + " \"libber_name\": \"styles\", \"tags\": [\"t\"]}, \"a\": \"plain\"},"
            + " \"compositions\": {\"all\": [\"a\", \"b\"]}, \"scene_flags\": {\"use_depth\": true}}";
    ApiResponse r = t.post(P + "create", "{\"collection\": " + collection + "}");
    assertEquals(
        "{\"success\": true, \"session_id\": \"ID\", \"version\": 0, \"collection\": {\"version\": 2,"
            + " \"prompts\": {\"b\": {\"value\": \"x\", \"processing_type\": \"libber\", \"tags\":"
            + " [\"t\"], \"libber_name\": \"styles\"}, \"a\": {\"value\": \"plain\","
            + " \"processing_type\": \"raw\"}}, \"compositions\": {\"all\": [\"a\", \"b\"]},"
            + " \"scene_flags\": {\"use_depth\": true}}, \"prompt_names\": [\"a\", \"b\"]}",
        shape(r, (String) r.body().get("session_id")));
    // A v1 object given as collection is migrated, as prompts.json would be.
    ApiResponse v1 = t.post(P + "create", "{\"collection\": {\"girl_pos\": \"x\"}}");
    assertEquals(List.of("girl_pos"), v1.body().get("prompt_names"));
  }

  @Test
  void createErrors() {
    assertError(t.post(P + "create", "{\"legacy_data\": {}, \"collection\": {}}"), 400,
        "give legacy_data or collection, not both");
    assertError(t.post(P + "create", "{\"legacy_data\": \"x\"}"), 400,
        "legacy_data must be an object, found string");
    assertError(t.post(P + "create", "{\"collection\": [1]}"), 400,
        "collection must be an object, found array");
    assertError(
        t.post(P + "create", "{\"collection\": {\"version\": 2, \"prompts\": {\"a\": 5}}}"),
        400,
        "invalid collection: at /prompts/a: prompt entry must be a string or an object, found"
            + " number");
    assertError(t.post(P + "create", "{\"collection\": {\"version\": 7}}"), 400,
        "invalid collection: at /version: unsupported prompts.json version 7 (this library reads"
            + " versions 1 and 2)");
    assertError(t.post(P + "create", "{\"session_id\": \"mine\"}"), 400,
        "session ids are chosen by the server: do not send session_id to create");
    assertErrorContaining(t.post(P + "create", "{\"legacy_data\": "), 400,
        "the request body is not a valid JSON object: ");
    assertErrorContaining(t.post(P + "create", "[]"), 400,
        "expected a JSON object at the top level, found array");
    assertErrorContaining(t.post(P + "create", "{\"a\": 1, \"a\": 2}"), 400, "Duplicate field");
  }

  @Test
  void createInAFullStoreIs503() {
    for (int i = 0; i < 5; i++) {
      t.newPromptSession();
    }
    assertError(t.post(P + "create", "{}"), 503, "the session store is full: 5 live sessions;"
        + " close sessions you no longer need (POST /fbtools/session/close) or try again later");
  }

  @Test
  void createTooLargeIs413() {
    String big = "x".repeat(40 * 1024);
    ApiResponse r = t.post(P + "create", map("legacy_data", map("a", big)));
    assertErrorContaining(r, 413, "over the per-session limit of 65536");
  }

  // ---------------------------------------------------------------------------------- add

  @Test
  void addSetsTheWholeEntry() {
    String id = t.newPromptSession();
    ApiResponse r =
        t.post(
            P + "add",
            map(
                "session_id", id,
                "prompt_name", "girl_pos",
                "prompt_value", "a %style% woman",
                "category", "people",
                "description", "the lead",
                "tags", List.of("face", "lead"),
                "processing_type", "libber",
                "libber_name", "styles"));
    assertEquals(
        "{\"success\": true, \"session_id\": \"ID\", \"version\": 1, \"collection\": {\"version\": 2,"
            + " \"prompts\": {\"girl_pos\": {\"value\": \"a %style% woman\", \"processing_type\":"
            + " \"libber\", \"category\": \"people\", \"description\": \"the lead\", \"tags\":"
            + " [\"face\", \"lead\"], \"libber_name\": \"styles\"}}, \"compositions\": {}},"
            + " \"prompt_names\": [\"girl_pos\"]}",
        shape(r, id));
    // Adding again with only a value resets the metadata, as the reference's add_prompt does.
    ApiResponse again =
        t.post(
            P + "add",
            map("session_id", id, "expected_version", 1, "prompt_name", "girl_pos",
                "prompt_value", "plain", "category", null, "tags", null));
    assertEquals(
        "{\"success\": true, \"session_id\": \"ID\", \"version\": 2, \"collection\": {\"version\": 2,"
            + " \"prompts\": {\"girl_pos\": {\"value\": \"plain\", \"processing_type\": \"raw\"}},"
            + " \"compositions\": {}}, \"prompt_names\": [\"girl_pos\"]}",
        shape(again, id));
  }

  @Test
  void addErrors() {
    String id = t.newPromptSession();
    assertError(t.post(P + "add", map("prompt_name", "a", "prompt_value", "b")), 400,
        "session_id is required");
    assertError(t.post(P + "add", map("session_id", 5, "prompt_name", "a", "prompt_value", "b")),
        400, "session_id must be a string, found number");
    assertError(
        t.post(P + "add", map("session_id", "bad id", "prompt_name", "a", "prompt_value", "b")),
        400, "malformed session id \"bad id\": expected 43 characters, found 6");
    assertError(
        t.post(P + "add", map("session_id", UNKNOWN_ID, "prompt_name", "a", "prompt_value", "b")),
        404, "no session \"AAAAAAAA...\" (unknown, deleted or expired)");
    assertError(t.post(P + "add", map("session_id", id, "prompt_value", "b")), 400,
        "prompt_name is required");
    assertError(t.post(P + "add", map("session_id", id, "prompt_name", "", "prompt_value", "b")),
        400, "prompt_name must not be empty");
    assertError(t.post(P + "add", map("session_id", id, "prompt_name", "a")), 400,
        "prompt_value is required");
    // issue 10 item 14: an unknown processing_type was accepted (and left the prompt raw)
    assertError(t.post(P + "add", map("session_id", id, "prompt_name", "a", "prompt_value", "b",
        "processing_type", "Libber")), 400,
        "processing_type must be \"raw\" or \"libber\": \"Libber\"");
    assertError(
        t.post(P + "add", map("session_id", id, "prompt_name", "a", "prompt_value", List.of())),
        400, "prompt_value must be a string, found array");
    assertError(
        t.post(P + "add",
            map("session_id", id, "prompt_name", "a", "prompt_value", "b", "tags", "t")),
        400, "tags must be an array of strings, found string");
    assertError(
        t.post(P + "add",
            map("session_id", id, "prompt_name", "a", "prompt_value", "b", "tags", List.of(1))),
        400, "tags must be an array of strings, found an item of type number");
    assertError(
        t.post(P + "add",
            map("session_id", id, "prompt_name", "a", "prompt_value", "b", "category", true)),
        400, "category must be a string, found boolean");
    assertError(
        t.post(P + "add", map("session_id", id, "prompt_name", "a", "prompt_value", "b",
            "expected_version", "0")),
        400, "expected_version must be an integer, found string");
    assertError(
        t.post(P + "add", map("session_id", id, "prompt_name", "a", "prompt_value", "b",
            "expected_version", 1.5)),
        400, "expected_version must be an integer, found number");
    assertErrorContaining(
        t.post(P + "add", "{\"session_id\": \"" + id + "\", \"prompt_name\": \"a\","
            + " \"prompt_value\": \"b\", \"expected_version\": 123456789012345678901234567890}"),
        400, "expected_version is out of range");
    assertError(
        t.post(P + "add", map("session_id", id, "prompt_name", "a", "prompt_value", "b",
            "libber_name", "../etc/passwd")),
        400, "invalid libber name \"../etc/passwd\": only letters, digits, spaces, '.', '_' and"
            + " '-' are allowed, starting with a letter or digit");
    // None of these changed anything.
    assertEquals(0L, t.get(P + "get", Map.of("session_id", id)).body().get("version"));
  }

  @Test
  void addTooLargeIs413AndChangesNothing() {
    String id = t.newPromptSession();
    ApiResponse r =
        t.post(P + "add", map("session_id", id, "prompt_name", "a", "prompt_value",
            "x".repeat(40 * 1024)));
    assertErrorContaining(r, 413, "over the per-session limit of 65536; nothing was changed");
    assertEquals(0L, t.get(P + "get", Map.of("session_id", id)).body().get("version"));
  }

  @Test
  void staleExpectedVersionIs409WithTheCurrentState() {
    String id = t.newPromptSession();
    t.post(P + "add", map("session_id", id, "prompt_name", "a", "prompt_value", "1"));
    ApiResponse r =
        t.post(P + "add", map("session_id", id, "expected_version", 0, "prompt_name", "b",
            "prompt_value", "2"));
    assertEquals(409, r.status());
    assertEquals(
        "{\"success\": false, \"error\": \"version conflict on session \\\"" + id.substring(0, 8)
            + "...\\\": expected version 0, current version is 1\", \"session_id\": \"ID\","
            + " \"version\": 1, \"collection\": {\"version\": 2, \"prompts\": {\"a\": {\"value\":"
            + " \"1\", \"processing_type\": \"raw\"}}, \"compositions\": {}}, \"prompt_names\":"
            + " [\"a\"]}",
        shape(r, id));
  }

  // ---------------------------------------------------------------------------------- remove

  @Test
  void removeSaysWhetherItRemoved() {
    String id = t.newPromptSession();
    t.post(P + "add", map("session_id", id, "prompt_name", "a", "prompt_value", "1"));
    ApiResponse r = t.post(P + "remove", map("session_id", id, "prompt_name", "a"));
    assertEquals(
        "{\"success\": true, \"session_id\": \"ID\", \"version\": 2, \"removed\": true,"
            + " \"collection\": {\"version\": 2, \"prompts\": {}, \"compositions\": {}},"
            + " \"prompt_names\": []}",
        shape(r, id));
    ApiResponse again =
        t.post(P + "remove", map("session_id", id, "expected_version", 2, "prompt_name", "a"));
    assertEquals(
        "{\"success\": true, \"session_id\": \"ID\", \"version\": 3, \"removed\": false,"
            + " \"collection\": {\"version\": 2, \"prompts\": {}, \"compositions\": {}},"
            + " \"prompt_names\": []}",
        shape(again, id));
  }

  @Test
  void removeErrors() {
    String id = t.newPromptSession();
    assertError(t.post(P + "remove", map("session_id", id)), 400, "prompt_name is required");
    assertError(t.post(P + "remove", map("prompt_name", "a")), 400, "session_id is required");
    assertEquals(404, t.post(P + "remove", map("session_id", UNKNOWN_ID, "prompt_name", "a"))
        .status());
    assertEquals(409, t.post(P + "remove", map("session_id", id, "prompt_name", "a",
        "expected_version", 9)).status());
  }

  // ---------------------------------------------------------------------------------- rename

  @Test
  void renameKeepsTheEntry() {
    String id = t.newPromptSession();
    t.post(P + "add", map("session_id", id, "prompt_name", "a", "prompt_value", "1",
        "category", "c"));
    ApiResponse r =
        t.post(P + "rename", map("session_id", id, "prompt_name", "a", "new_name", "b"));
    assertEquals(
        "{\"success\": true, \"session_id\": \"ID\", \"version\": 2, \"collection\": {\"version\": 2,"
            + " \"prompts\": {\"b\": {\"value\": \"1\", \"processing_type\": \"raw\", \"category\":"
            + " \"c\"}}, \"compositions\": {}}, \"prompt_names\": [\"b\"]}",
        shape(r, id));
  }

  @Test
  void renameErrors() {
    String id = t.newPromptSession();
    t.post(P + "add", map("session_id", id, "prompt_name", "a", "prompt_value", "1"));
    t.post(P + "add", map("session_id", id, "prompt_name", "b", "prompt_value", "2"));
    assertError(t.post(P + "rename", map("session_id", id, "prompt_name", "z", "new_name", "y")),
        404, "no prompt \"z\"");
    ApiResponse taken =
        t.post(P + "rename", map("session_id", id, "prompt_name", "a", "new_name", "b"));
    assertEquals(409, taken.status());
    assertEquals(
        "{\"success\": false, \"error\": \"a prompt \\\"b\\\" already exists\", \"session_id\":"
            + " \"ID\", \"version\": 2, \"collection\": {\"version\": 2, \"prompts\": {\"a\":"
            + " {\"value\": \"1\", \"processing_type\": \"raw\"}, \"b\": {\"value\": \"2\","
            + " \"processing_type\": \"raw\"}}, \"compositions\": {}}, \"prompt_names\": [\"a\","
            + " \"b\"]}",
        shape(taken, id));
    assertError(t.post(P + "rename", map("session_id", id, "prompt_name", "a")), 400,
        "new_name is required");
    assertEquals(409, t.post(P + "rename", map("session_id", id, "prompt_name", "a",
        "new_name", "c", "expected_version", 0)).status());
    assertEquals(404, t.post(P + "rename", map("session_id", UNKNOWN_ID, "prompt_name", "a",
        "new_name", "c")).status());
  }

  // ---------------------------------------------------------------------------------- reads

  @Test
  void listNamesAndGet() {
    String id = t.newPromptSession();
    t.post(P + "add", map("session_id", id, "prompt_name", "b", "prompt_value", "2"));
    t.post(P + "add", map("session_id", id, "prompt_name", "B", "prompt_value", "3"));
    t.post(P + "add", map("session_id", id, "prompt_name", "a", "prompt_value", "1"));
    ApiResponse names = t.get(P + "list_names", Map.of("session_id", id));
    assertEquals(
        "{\"success\": true, \"session_id\": \"ID\", \"version\": 3, \"prompt_names\": [\"B\","
            + " \"a\", \"b\"], \"count\": 3}",
        shape(names, id));
    ApiResponse get = t.get(P + "get", Map.of("session_id", id));
    assertEquals(
        "{\"success\": true, \"session_id\": \"ID\", \"version\": 3, \"collection\": {\"version\": 2,"
            + " \"prompts\": {\"b\": {\"value\": \"2\", \"processing_type\": \"raw\"}, \"B\":"
            + " {\"value\": \"3\", \"processing_type\": \"raw\"}, \"a\": {\"value\": \"1\","
            + " \"processing_type\": \"raw\"}}, \"compositions\": {}}, \"prompt_names\": [\"B\","
            + " \"a\", \"b\"]}",
        shape(get, id));
  }

  @Test
  void readErrors() {
    for (String ep : List.of("list_names", "get")) {
      assertError(t.get(P + ep, Map.of()), 400, "session_id is required");
      assertError(t.get(P + ep, Map.of("session_id", "")), 400, "session_id must not be empty");
      assertErrorContaining(t.get(P + ep, Map.of("session_id", "x")), 400, "malformed session id");
      assertEquals(404, t.get(P + ep, Map.of("session_id", UNKNOWN_ID)).status());
    }
  }

  @Test
  void expiredSessionsAre404() {
    String id = t.newPromptSession();
    ticker.advance(Duration.ofMinutes(31));
    assertError(t.get(P + "get", Map.of("session_id", id)), 404,
        "session \"" + id.substring(0, 8) + "...\" expired (idle too long)");
    assertError(t.get(P + "get", Map.of("session_id", id)), 404,
        "no session \"" + id.substring(0, 8) + "...\" (unknown, deleted or expired)");
  }

  /**
   * The UI-sync scenario for prompt collections: two clients edit one session in turn; each
   * response shows the other's changes; a stale expected_version is a 409 with the current state;
   * nothing is lost.
   */
  @Test
  void twoClientsEditingInTurnSeeEachOthersChanges() {
    String id = t.newPromptSession();
    ApiResponse a1 =
        t.post(P + "add", map("session_id", id, "expected_version", 0, "prompt_name", "from_a",
            "prompt_value", "A"));
    assertEquals(1L, a1.body().get("version"));
    ApiResponse b1 =
        t.post(P + "add", map("session_id", id, "expected_version", 1, "prompt_name", "from_b",
            "prompt_value", "B"));
    assertEquals(List.of("from_a", "from_b"), b1.body().get("prompt_names"));
    // Client A still thinks the version is 1: refused, and shown B's change.
    ApiResponse stale =
        t.post(P + "remove", map("session_id", id, "expected_version", 1, "prompt_name",
            "from_b"));
    assertEquals(409, stale.status());
    assertEquals(2L, stale.body().get("version"));
    assertEquals(List.of("from_a", "from_b"), stale.body().get("prompt_names"));
    // A re-renders and renames its own prompt on the current version.
    ApiResponse a2 =
        t.post(P + "rename", map("session_id", id, "expected_version", 2, "prompt_name",
            "from_a", "new_name", "a_renamed"));
    assertEquals(3L, a2.body().get("version"));
    ApiResponse b2 = t.get(P + "get", Map.of("session_id", id));
    assertEquals(List.of("a_renamed", "from_b"), b2.body().get("prompt_names"));
    assertEquals(
        PromptCollection.empty().withPrompt("a_renamed", "A").withPrompt("from_b", "B")
            .toJsonObject(),
        b2.body().get("collection"));
  }
}
