package io.github.fbtools.libber.rest;

import static io.github.fbtools.libber.rest.ApiTesting.assertError;
import static io.github.fbtools.libber.rest.ApiTesting.assertErrorContaining;
import static io.github.fbtools.libber.rest.ApiTesting.map;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two REST additions the editor needs: {@code rename} in {@code scene/update_prompts} (a
 * rename that keeps the prompt's place and its compositions, as {@code prompts/rename} does) and
 * {@code GET /fbtools/story/list} (to choose a story).
 */
class SceneRenameAndStoryListTest {
  private static final String S = "/fbtools/scene/";

  @TempDir Path root;
  private ApiTesting t;
  private String id;

  @BeforeEach
  void setUp() throws IOException {
    t = new ApiTesting(FbToolsApi.builder().root(root).build());
    Path scene = Files.createDirectories(root.resolve("scenes").resolve("opening"));
    Files.writeString(scene.resolve("prompts.json"), "{\"version\": 2, \"prompts\": {\"a\": \"1\","
        + " \"b\": \"2\", \"c\": \"3\"}, \"compositions\": {\"full\": [\"a\", \"b\", \"a\"]}}",
        StandardCharsets.UTF_8);
    ApiResponse r = t.post(S + "open", map("scene_name", "opening"));
    assertEquals(200, r.status(), r.toString());
    id = (String) r.body().get("session_id");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> collection(ApiResponse r) {
    assertEquals(200, r.status(), r.toString());
    return (Map<String, Object>) r.body().get("collection");
  }

  private static Map<String, Object> ordered(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void renameKeepsThePlaceAndTheCompositionsFollow() {
    ApiResponse r = t.post(S + "update_prompts",
        map("session_id", id, "expected_version", 0L, "rename", ordered("a", "x")));
    Map<String, Object> c = collection(r);
    assertEquals(List.of("x", "b", "c"), List.copyOf(((Map<?, ?>) c.get("prompts")).keySet()));
    assertEquals(Map.of("full", List.of("x", "b", "x")), c.get("compositions"));
    assertEquals(List.of("b", "c", "x"), r.body().get("prompt_names"));
    assertEquals(1L, r.body().get("version"));
  }

  @Test
  void renamesApplyInOrderBeforeSetAndRemove() {
    ApiResponse r = t.post(S + "update_prompts", map("session_id", id,
        "rename", ordered("a", "tmp", "b", "a", "tmp", "b"),
        "prompts", map("b", "two"), "remove", List.of("c")));
    Map<String, Object> c = collection(r);
    assertEquals(ordered("b", ordered("value", "two", "processing_type", "raw"),
        "a", ordered("value", "2", "processing_type", "raw")), c.get("prompts"),
        "a and b swapped, then b set, then c removed");
    assertEquals(Map.of("full", List.of("b", "a", "b")), c.get("compositions"));
  }

  @Test
  void aBadRenameChangesNothing() {
    assertError(t.post(S + "update_prompts", map("session_id", id, "rename", ordered("zz", "y"))),
        404, "no prompt \"zz\"");
    assertError(t.post(S + "update_prompts", map("session_id", id,
        "rename", ordered("a", "x", "b", "c"))), 409, "a prompt \"c\" already exists");
    assertErrorContaining(t.post(S + "update_prompts", map("session_id", id,
        "rename", ordered("a", 3L))), 400, "rename values must be non-empty strings");
    assertErrorContaining(t.post(S + "update_prompts", map("session_id", id,
        "rename", ordered("a", ""))), 400, "rename values must be non-empty strings");
    assertError(t.post(S + "update_prompts", map("session_id", id, "rename", List.of())), 400,
        "rename must be an object, found array");
    assertError(t.post(S + "update_prompts", map("session_id", id)), 400,
        "prompts, rename or remove is required");
    ApiResponse now = t.get(S + "get", Map.of("session_id", id));
    assertEquals(0L, now.body().get("version"), "nothing changed");
    assertEquals(List.of("a", "b", "c"), now.body().get("prompt_names"));
  }

  @Test
  void storyListNamesTheStoriesInCodePointOrder() throws IOException {
    assertEquals("{\"success\": true, \"stories\": [], \"count\": 0}",
        t.get("/fbtools/story/list", Map.of()).bodyText());
    for (String s : List.of("b", "B", "a")) {
      Path dir = Files.createDirectories(root.resolve("stories").resolve(s));
      Files.writeString(dir.resolve("story.json"), "{\"version\": 2, \"story_name\": \"" + s
          + "\", \"story_dir\": \"\", \"scenes\": []}");
    }
    Files.createDirectories(root.resolve("stories").resolve("empty_folder"));
    assertEquals("{\"success\": true, \"stories\": [\"B\", \"a\", \"b\"], \"count\": 3}",
        t.get("/fbtools/story/list", Map.of()).bodyText());
    assertError(t.post("/fbtools/story/list", Map.of()), 405,
        "method \"POST\" is not allowed here; use GET");
  }

  @Test
  void storyListWithoutDataFoldersIs503() {
    ApiTesting none = new ApiTesting(FbToolsApi.builder().build());
    assertEquals(503, none.get("/fbtools/story/list", Map.of()).status());
  }
}
