package io.github.fbtools.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's quick start, line for line, so the README stays true. */
class ReadmeQuickStartTest {
  @Test
  void quickStart() {
    // Prompts: read v1 or v2 prompts.json text, edit immutably, write v2.
    PromptCollection prompts = PromptCollection.fromJson("{\"girl_pos\": \"a woman, %style%\"}")
        .withPrompt("girl_pos", PromptMetadata.of("a woman, %style%")
            .withProcessingType(PromptMetadata.LIBBER).withLibberName("styles"))
        .withPrompt("background", "a quiet street")
        .withComposition("full", List.of("girl_pos", "background"));

    // Libber: %key% substitution, identical to the Python reference, bounded and linear-time.
    Libber styles = Libber.of(Map.of("style", "oil painting, %light%", "light", "soft light"));
    Map<String, String> composed = prompts.compose(LibberSource.of(Map.of("styles", styles)));

    assertEquals("a woman, oil painting, soft light a quiet street", composed.get("full"));
    String json = prompts.toJson();
    assertTrue(json.contains("\"v1_backup\": {\n    \"girl_pos\": \"a woman, %style%\"\n  }"), json);
  }
}
