package io.github.fbtools.libber.rest;

import static io.github.fbtools.libber.rest.ApiTesting.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.files.SafeNames;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
