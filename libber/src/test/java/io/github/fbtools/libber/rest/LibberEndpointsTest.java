package io.github.fbtools.libber.rest;

import static io.github.fbtools.libber.rest.ApiTesting.assertError;
import static io.github.fbtools.libber.rest.ApiTesting.assertErrorContaining;
import static io.github.fbtools.libber.rest.ApiTesting.map;
import static io.github.fbtools.libber.rest.ApiTesting.shape;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.fbtools.core.ExpansionLimits;
import io.github.fbtools.libber.FakeTicker;
import io.github.fbtools.libber.LibberStateManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every /fbtools/libber endpoint served so far: success, each error status, exact JSON. */
class LibberEndpointsTest {
  private static final String L = "/fbtools/libber/";
  private static final String UNKNOWN_ID = "B".repeat(43);

  private final FakeTicker ticker = new FakeTicker();
  private final FbToolsApi api =
      FbToolsApi.builder()
          .libberSessions(
              LibberStateManager.over(
                  LibberStateManager.storeBuilder().ticker(ticker).maxSessions(3).build()))
          .expansionLimits(new ExpansionLimits(1000, 10_000))
          .build();
  private final ApiTesting t = new ApiTesting(api);

  private String create(String name) {
    ApiResponse r = t.post(L + "create", map("name", name));
    assertEquals(200, r.status(), r.toString());
    return (String) r.body().get("session_id");
  }

  @Test
  void createEmptyWithDefaults() {
    ApiResponse r = t.post(L + "create", map("name", "styles"));
    assertEquals(
        "{\"success\": true, \"session_id\": \"ID\", \"version\": 0, \"name\": \"styles\","
            + " \"keys\": [], \"lib_dict\": {}, \"delimiter\": \"%\", \"max_depth\": 10}",
        shape(r, (String) r.body().get("session_id")));
  }

  @Test
  void createWithOptionsAndInitialLibs() {
    ApiResponse r =
        t.post(L + "create", map("name", "my styles", "delimiter", "<<", "max_depth", 3,
            "lib_dict", map("Hair Style", "long", "color", "red")));
    assertEquals(
        "{\"success\": true, \"session_id\": \"ID\", \"version\": 0, \"name\": \"my styles\","
            + " \"keys\": [\"color\", \"hair_style\"], \"lib_dict\": {\"hair_style\": \"long\","
            + " \"color\": \"red\"}, \"delimiter\": \"<<\", \"max_depth\": 3}",
        shape(r, (String) r.body().get("session_id")));
  }

  @Test
  void createErrors() {
    assertError(t.post(L + "create", map()), 400, "name is required");
    assertError(t.post(L + "create", map("name", 5)), 400, "name must be a string, found number");
    assertError(t.post(L + "create", map("name", "../x")), 400,
        "invalid libber name \"../x\": only letters, digits, spaces, '.', '_' and '-' are"
            + " allowed, starting with a letter or digit");
    assertError(t.post(L + "create", map("name", "a", "max_depth", 101)), 400,
        "max_depth must be in 0..100: 101");
    assertError(t.post(L + "create", map("name", "a", "max_depth", -1)), 400,
        "max_depth must be in 0..100: -1");
    assertError(t.post(L + "create", map("name", "a", "max_depth", "3")), 400,
        "max_depth must be an integer, found string");
    assertError(t.post(L + "create", map("name", "a", "delimiter", 1)), 400,
        "delimiter must be a string, found number");
    // issue 10 item 12: an empty delimiter was accepted (then "a" becomes "b" everywhere)
    assertError(t.post(L + "create", map("name", "a", "delimiter", "")), 400,
        "delimiter must not be empty (every run of key characters would be a reference)");
    assertError(t.post(L + "create", map("name", "a", "lib_dict", List.of())), 400,
        "lib_dict must be an object, found array");
    assertError(t.post(L + "create", map("name", "a", "lib_dict", map("k", 1))), 400,
        "lib_dict values must be strings; \"k\" is number");
    assertError(t.post(L + "create", map("name", "a", "lib_dict", map("A b", "1", "a-b", "2"))),
        400, "lib_dict keys \"A b\" and \"a-b\" are the same key once normalised");
    assertError(t.post(L + "create", map("name", "a", "session_id", "x")), 400,
        "session ids are chosen by the server: do not send session_id to create");
    create("a");
    create("b");
    create("c");
    assertError(t.post(L + "create", map("name", "d")), 503,
        "the session store is full: 3 live sessions; close sessions you no longer need"
            + " (POST /fbtools/session/close) or try again later");
  }

  @Test
  void addLibNormalisesAndAnswersTheNewState() {
    String id = create("styles");
    ApiResponse r = t.post(L + "add_lib", map("session_id", id, "key", "Hair Color",
        "value", "red"));
    assertEquals(
        "{\"success\": true, \"session_id\": \"ID\", \"version\": 1, \"key\": \"hair_color\","
            + " \"name\": \"styles\", \"keys\": [\"hair_color\"], \"lib_dict\": {\"hair_color\":"
            + " \"red\"}, \"delimiter\": \"%\", \"max_depth\": 10}",
        shape(r, id));
    ApiResponse empty = t.post(L + "add_lib", map("session_id", id, "key", "e", "value", "",
        "expected_version", 1));
    assertEquals(2L, empty.body().get("version"));
  }

  @Test
  void addLibErrors() {
    String id = create("styles");
    assertError(t.post(L + "add_lib", map("session_id", id, "value", "v")), 400,
        "key is required");
    assertError(t.post(L + "add_lib", map("session_id", id, "key", "", "value", "v")), 400,
        "key must not be empty");
    assertError(t.post(L + "add_lib", map("session_id", id, "key", "k")), 400,
        "value is required");
    assertError(t.post(L + "add_lib", map("session_id", id, "key", "k", "value", 1)), 400,
        "value must be a string, found number");
    assertError(t.post(L + "add_lib", map("key", "k", "value", "v")), 400,
        "session_id is required");
    assertEquals(404,
        t.post(L + "add_lib", map("session_id", UNKNOWN_ID, "key", "k", "value", "v")).status());
    ApiResponse stale = t.post(L + "add_lib", map("session_id", id, "key", "k", "value", "v",
        "expected_version", 5));
    assertEquals(
        "{\"success\": false, \"error\": \"version conflict on session \\\"" + id.substring(0, 8)
            + "...\\\": expected version 5, current version is 0\", \"session_id\": \"ID\","
            + " \"version\": 0, \"name\": \"styles\", \"keys\": [], \"lib_dict\": {},"
            + " \"delimiter\": \"%\", \"max_depth\": 10}",
        shape(stale, id));
    assertEquals(409, stale.status());
  }

  @Test
  void removeLibSaysWhetherItRemoved() {
    String id = create("styles");
    t.post(L + "add_lib", map("session_id", id, "key", "a", "value", "1"));
    ApiResponse r = t.post(L + "remove_lib", map("session_id", id, "key", "A"));
    assertEquals(
        "{\"success\": true, \"session_id\": \"ID\", \"version\": 2, \"key\": \"a\", \"removed\":"
            + " true, \"name\": \"styles\", \"keys\": [], \"lib_dict\": {}, \"delimiter\": \"%\","
            + " \"max_depth\": 10}",
        shape(r, id));
    ApiResponse again = t.post(L + "remove_lib", map("session_id", id, "key", "a"));
    assertEquals(false, again.body().get("removed"));
    assertEquals(3L, again.body().get("version"));
    assertError(t.post(L + "remove_lib", map("session_id", id)), 400, "key is required");
    assertEquals(404, t.post(L + "remove_lib", map("session_id", UNKNOWN_ID, "key", "a"))
        .status());
    assertEquals(409, t.post(L + "remove_lib", map("session_id", id, "key", "a",
        "expected_version", 0)).status());
  }

  @Test
  void applySubstitutes() {
    String id = create("styles");
    t.post(L + "add_lib", map("session_id", id, "key", "hair", "value", "long %color% hair"));
    t.post(L + "add_lib", map("session_id", id, "key", "color", "value", "red"));
    ApiResponse r = t.post(L + "apply", map("session_id", id, "text", "with %hair%, %Hair%"));
    assertEquals(
        "{\"success\": true, \"session_id\": \"ID\", \"version\": 2, \"name\": \"styles\","
            + " \"text\": \"with %hair%, %Hair%\", \"result\": \"with long red hair, %Hair%\"}",
        shape(r, id));
    assertEquals("", t.post(L + "apply", map("session_id", id, "text", "")).body().get("result"));
    assertError(t.post(L + "apply", map("session_id", id)), 400, "text is required");
    assertError(t.post(L + "apply", map("session_id", id, "text", List.of())), 400,
        "text must be a string, found array");
    assertEquals(404, t.post(L + "apply", map("session_id", UNKNOWN_ID, "text", "x")).status());
  }

  @Test
  void expansionRefusedByItsLimitsIs400NamingTheKeyChain() {
    String id = create("bomb");
    t.post(L + "add_lib", map("session_id", id, "key", "a", "value", "%b%%b%%b%%b%"));
    t.post(L + "add_lib", map("session_id", id, "key", "b", "value", "%c%%c%%c%%c%"));
    t.post(L + "add_lib", map("session_id", id, "key", "c", "value", "x".repeat(100)));
    ApiResponse r = t.post(L + "apply", map("session_id", id, "text", "%a%"));
    assertErrorContaining(r, 400, "libber expansion refused (output_chars limit)");
    assertErrorContaining(r, 400, "key chain: a");
  }

  @Test
  void reads() {
    String id = create("styles");
    t.post(L + "add_lib", map("session_id", id, "key", "b", "value", "2"));
    t.post(L + "add_lib", map("session_id", id, "key", "a", "value", "1"));
    assertEquals(
        "{\"success\": true, \"session_id\": \"ID\", \"version\": 2, \"name\": \"styles\","
            + " \"keys\": [\"a\", \"b\"]}",
        shape(t.get(L + "keys", Map.of("session_id", id)), id));
    assertEquals(
        "{\"success\": true, \"session_id\": \"ID\", \"version\": 2, \"key\": \"a\", \"value\":"
            + " \"1\"}",
        shape(t.get(L + "get_lib/A", Map.of("session_id", id)), id));
    assertEquals("2", t.get(L + "get_lib/%42", Map.of("session_id", id)).body().get("value"));
    assertError(t.get(L + "get_lib/zz", Map.of("session_id", id)), 404, "no lib \"zz\"");
    assertError(t.get(L + "get_lib/x%2Fy", Map.of("session_id", id)), 404, "no lib \"x/y\"");
    assertError(t.get(L + "get_lib/", Map.of("session_id", id)), 404,
        "no endpoint \"/fbtools/libber/get_lib/\"");
    assertEquals(
        "{\"success\": true, \"session_id\": \"ID\", \"version\": 2, \"name\": \"styles\","
            + " \"keys\": [\"a\", \"b\"], \"lib_dict\": {\"b\": \"2\", \"a\": \"1\"},"
            + " \"delimiter\": \"%\", \"max_depth\": 10}",
        shape(t.get(L + "get_data", Map.of("session_id", id)), id));
    for (String ep : List.of("keys", "get_lib/a", "get_data")) {
      assertError(t.get(L + ep, Map.of()), 400, "session_id is required");
      assertEquals(400, t.get(L + ep, Map.of("session_id", "short")).status());
      assertEquals(404, t.get(L + ep, Map.of("session_id", UNKNOWN_ID)).status());
    }
    ticker.advance(Duration.ofMinutes(30));
    assertEquals(404, t.get(L + "keys", Map.of("session_id", id)).status());
  }

  /**
   * The UI-sync scenario: two clients edit the same libber session in turn and both see each
   * other's changes in the responses; a stale expected_version gets 409 with the current state;
   * nothing is lost.
   */
  @Test
  void twoClientsEditingOneLibberSeeEachOthersChanges() {
    String id = create("shared");
    // Client A adds a key on version 0.
    ApiResponse a1 = t.post(L + "add_lib", map("session_id", id, "expected_version", 0,
        "key", "from_a", "value", "A"));
    assertEquals(1L, a1.body().get("version"));
    assertEquals(List.of("from_a"), a1.body().get("keys"));
    // Client B last saw version 1 (it rendered A's answer from get_data), adds its own key.
    ApiResponse b1 = t.post(L + "add_lib", map("session_id", id, "expected_version", 1,
        "key", "from_b", "value", "B"));
    assertEquals(2L, b1.body().get("version"));
    assertEquals(List.of("from_a", "from_b"), b1.body().get("keys"));
    // Client A, still on version 1, tries to change its key: 409 with the current state.
    ApiResponse stale = t.post(L + "add_lib", map("session_id", id, "expected_version", 1,
        "key", "from_a", "value", "A2"));
    assertEquals(409, stale.status());
    assertEquals(2L, stale.body().get("version"));
    assertEquals(List.of("from_a", "from_b"), stale.body().get("keys"));
    assertEquals(Map.of("from_a", "A", "from_b", "B"), stale.body().get("lib_dict"));
    // A re-renders from the 409 and retries on version 2; B then sees A's change.
    ApiResponse a2 = t.post(L + "add_lib", map("session_id", id, "expected_version", 2,
        "key", "from_a", "value", "A2"));
    assertEquals(3L, a2.body().get("version"));
    ApiResponse b2 = t.post(L + "remove_lib", map("session_id", id, "expected_version", 3,
        "key", "nothing"));
    assertEquals(Map.of("from_a", "A2", "from_b", "B"), b2.body().get("lib_dict"));
    assertEquals(4L, b2.body().get("version"));
    ApiResponse data = t.get(L + "get_data", Map.of("session_id", id));
    assertEquals(Map.of("from_a", "A2", "from_b", "B"), data.body().get("lib_dict"));
    assertEquals("A2 B", t.post(L + "apply", map("session_id", id, "text", "%from_a% %from_b%"))
        .body().get("result"));
  }
}
