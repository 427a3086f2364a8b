package io.github.fbtools.examples;

import io.github.fbtools.core.Libber;
import io.github.fbtools.core.LibberSource;
import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.PromptMetadata;
import java.util.List;
import java.util.Map;

/**
 * The README's quick start as real code: {@code QuickStartTest} checks that the README's Java
 * block is the body of {@link #run()}, line for line, and runs it.
 *
 * <pre>{@code
 * QuickStart.Result r = QuickStart.run();
 * r.composed().get("full");   // "a woman, oil painting, soft light a quiet street"
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class QuickStart {
  private QuickStart() {}

  /**
   * What the quick start computes.
   *
   * @param composed the collection's compositions, composed
   * @param json the collection written as version 2
   */
  public record Result(Map<String, String> composed, String json) {}

  /**
   * Runs the quick start.
   *
   * @return what it computed
   */
  public static Result run() {
    // README:begin
    // Prompts: read v1 or v2 prompts.json text, edit immutably, write v2.
    PromptCollection prompts = PromptCollection.fromJson("{\"girl_pos\": \"a woman, %style%\"}")
        .withPrompt("girl_pos", PromptMetadata.of("a woman, %style%")
            .withProcessingType(PromptMetadata.LIBBER).withLibberName("styles"))
        .withPrompt("background", "a quiet street")
        .withComposition("full", List.of("girl_pos", "background"));

    // Libber: %key% substitution, identical to the Python reference, bounded and linear-time.
    Libber styles = Libber.of(Map.of("style", "oil painting, %light%", "light", "soft light"));
    Map<String, String> composed = prompts.compose(LibberSource.of(Map.of("styles", styles)));
    // composed.get("full") -> "a woman, oil painting, soft light a quiet street"

    String json = prompts.toJson();   // v2, with "v1_backup" holding the original v1 object
    // README:end
    return new Result(composed, json);
  }
}
