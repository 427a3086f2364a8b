package io.github.fbtools.libber.rest;

import static io.github.fbtools.libber.rest.ApiTesting.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.files.SafeNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RELIABILITY.md §4, P1 and P7 on the REST surface: every endpoint that takes a name which later
 * names a file refuses the hostile-name corpus with a 400, changing nothing.
 */
class HostileNameEndpointsTest {
  private final FbToolsApi api = FbToolsApi.builder().build();
  private final ApiTesting t = new ApiTesting(api);

  @Test
  void theCorpusIsRefusedBySafeNamesForEveryKindTheApiTakes() {
    List<String> corpus = HostileNames.all();
    assertTrue(corpus.size() >= 300, "corpus size " + corpus.size());
    for (String name : corpus) {
      for (SafeNames.Kind kind :
          List.of(SafeNames.Kind.STORY, SafeNames.Kind.SCENE, SafeNames.Kind.LIBBER)) {
        assertFalse(SafeNames.isValid(kind, name), kind + " accepted " + name);
      }
    }
  }

  /** prompts/add stores a libber_name that compose and apply later resolve to a file. */
  @Test
  void promptsAddRefusesHostileLibberNames() {
    String id = t.newPromptSession();
    for (String name : HostileNames.all()) {
      if (name.isEmpty()) {
        continue; // an empty libber_name means "none"
      }
      if (hasUnpairedSurrogate(name)) {
        // Not encodable as UTF-8: a client can only send it as a JSON escape, which the parser
        // refuses.
        ApiResponse r =
            t.post("/fbtools/prompts/add", "{\"session_id\": \"" + id + "\", \"prompt_name\":"
                + " \"p\", \"prompt_value\": \"v\", \"libber_name\": \"a\\ud800\"}");
        assertEquals(400, r.status(), r.toString());
        continue;
      }
      ApiResponse r =
          t.post("/fbtools/prompts/add",
              map("session_id", id, "prompt_name", "p", "prompt_value", "v", "libber_name", name));
      assertEquals(400, r.status(), name + " -> " + r);
      assertEquals(false, r.body().get("success"));
      String error = (String) r.body().get("error");
      assertTrue(error.startsWith("invalid libber name "), error);
      assertTrue(error.length() < 64 * 6 + 200, error);
      assertFalse(error.contains("\n") || error.contains("\r") || error.contains("\u0000"), error);
    }
    ApiResponse now = t.get("/fbtools/prompts/get", Map.of("session_id", id));
    assertEquals(0L, now.body().get("version"));
    assertEquals(List.of(), now.body().get("prompt_names"));
  }

  /** libber/create takes the name the Libber will be saved under. */
  @Test
  void libberCreateRefusesHostileNames() {
    for (String name : HostileNames.all()) {
      if (hasUnpairedSurrogate(name)) {
        continue; // cannot be sent as UTF-8; see promptsAddRefusesHostileLibberNames
      }
      ApiResponse r = t.post("/fbtools/libber/create", map("name", name));
      assertEquals(400, r.status(), name + " -> " + r);
      String error = (String) r.body().get("error");
      assertTrue(
          error.startsWith("invalid libber name ") || error.equals("name must not be empty"),
          error);
    }
    assertEquals(0, api.libberSessions().store().size());
  }

  /** process_compositions resolves the libber names of the collection's prompts. */
  @Test
  void processCompositionsRefusesHostileLibberNames() {
    for (String name : HostileNames.all()) {
      if (name.isEmpty() || hasUnpairedSurrogate(name)) {
        continue;
      }
      ApiResponse r =
          t.post("/fbtools/scene/process_compositions",
              map("collection", map("version", 2, "prompts", map("p", map("value", "x",
                  "processing_type", "libber", "libber_name", name)))));
      assertEquals(400, r.status(), name + " -> " + r);
    }
  }

  /**
   * Every endpoint that takes a libber, scene or story name and touches files: each hostile name
   * is a 400 naming the kind, no session is opened, and nothing changes on disk, inside the data
   * root or beside it.
   */
  @Test
  void fileEndpointsRefuseHostileNamesAndTouchNothing(@TempDir Path dir) throws IOException {
    Path root = dir.resolve("data");
    FbToolsApi files = FbToolsApi.builder().root(root).build();
    ApiTesting f = new ApiTesting(files);
    Files.writeString(dir.resolve("secret.json"), "{\"libs\": {\"k\": \"secret\"}}");
    Files.createDirectories(dir.resolve("scenes").resolve("x"));
    Path opening = Files.createDirectory(root.resolve("scenes").resolve("opening"));
    Files.writeString(opening.resolve("prompts.json"), "{\"girl_pos\": \"a\"}");
    Files.writeString(root.resolve("libbers").resolve("ok.json"), "{\"libs\": {}}");
    String libber = (String) f.post("/fbtools/libber/load", map("name", "ok")).body().get("session_id");
    String scene =
        (String) f.post("/fbtools/scene/open", map("scene_name", "opening")).body().get("session_id");
    Map<String, String> before = tree(dir);
    int checked = 0;
    for (String name : HostileNames.all()) {
      if (hasUnpairedSurrogate(name)) {
        continue;
      }
      List<ApiResponse> answers = new java.util.ArrayList<>();
      answers.add(f.post("/fbtools/libber/load", map("name", name)));
      answers.add(f.post("/fbtools/libber/save", map("session_id", libber, "name", name, "force", true)));
      answers.add(f.post("/fbtools/scene/open", map("scene_name", name)));
      answers.add(f.get("/fbtools/scene/get_scene_prompts", Map.of("scene_name", name)));
      answers.add(f.post("/fbtools/scene/save_scene_prompts",
          map("scene_name", name, "collection", map("prompts", map("a", "b")))));
      if (!name.isEmpty()) {
        answers.add(f.post("/fbtools/scene/update_prompts", map("session_id", scene, "prompts",
            map("p", map("value", "v", "processing_type", "libber", "libber_name", name)))));
        answers.add(f.get("/fbtools/scene/list_scenes/" + encode(name), Map.of()));
        answers.add(f.get("/fbtools/prompts/discover/" + encode(name), Map.of()));
      }
      for (ApiResponse r : answers) {
        assertEquals(400, r.status(), name + " -> " + r);
        String error = (String) r.body().get("error");
        assertTrue(error.startsWith("invalid libber name ") || error.startsWith("invalid scene name ")
            || error.startsWith("invalid story name ") || error.endsWith(" must not be empty"),
            error);
        assertFalse(error.contains(dir.toString()), error);
        checked++;
      }
    }
    assertTrue(checked > 2000, "checked " + checked);
    assertEquals(before, tree(dir));
    assertEquals(1, files.libberSessions().store().size());
    assertEquals(1, files.sceneSessions().store().size());
    assertEquals(0L, f.get("/fbtools/scene/get", Map.of("session_id", scene)).body().get("version"));
    assertEquals(0L, f.get("/fbtools/libber/get_data", Map.of("session_id", libber)).body().get("version"));
  }

  /** Every file under {@code dir} (relative path to content), to show nothing changed. */
  private static Map<String, String> tree(Path dir) throws IOException {
    Map<String, String> out = new java.util.TreeMap<>();
    try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        out.put(dir.relativize(p).toString(),
            Files.isRegularFile(p) ? Files.readString(p) : Files.isDirectory(p) ? "<dir>" : "<other>");
      }
    }
    return out;
  }

  /** Percent-encodes every byte, so that the router decodes exactly {@code name} as one segment. */
  private static String encode(String name) {
    StringBuilder sb = new StringBuilder();
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      sb.append('%').append(String.format("%02X", b & 0xff));
    }
    return sb.toString();
  }

  private static boolean hasUnpairedSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return true;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return true;
      }
    }
    return false;
  }
}
