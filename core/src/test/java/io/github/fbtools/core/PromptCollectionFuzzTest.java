package io.github.fbtools.core;

import static io.github.fbtools.core.testing.Differential.sameError;
import static io.github.fbtools.core.testing.Differential.sameOutcome;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.fbtools.core.json.FbJson;
import io.github.fbtools.core.json.ReferenceFbJson;
import io.github.fbtools.core.testing.Differential.Outcome;
import java.nio.charset.StandardCharsets;

/**
 * Jazzer targets for the {@code prompts.json} codec and the JSON parser under it, differential:
 * every input must give the same value or the same error as the code they replaced ({@link
 * ReferencePromptCodec}, {@link ReferenceFbJson}). Under {@code verify} they run in regression mode
 * on the inputs under {@code
 * src/test/resources/io/github/fbtools/core/PromptCollectionFuzzTestInputs/<method>/}; {@code
 * JAZZER_FUZZ=1} fuzzes for real.
 */
class PromptCollectionFuzzTest {

  @FuzzTest(maxDuration = "60s")
  void fromJson(FuzzedDataProvider data) {
    byte[] bytes = data.consumeRemainingAsBytes();
    Outcome expected = Outcome.of(() -> ReferencePromptCodec.fromJson(bytes));
    Outcome actual = Outcome.of(() -> PromptCollection.fromJson(bytes));
    if (expected.error() != null || actual.error() != null) {
      sameError(expected.error(), actual.error());
      return;
    }
    PromptCollection c = (PromptCollection) actual.value();
    assertEquals(expected.value(), c);
    String written = c.toJson();
    assertEquals(ReferencePromptCodec.toJson(c), written);
    assertEquals(c, PromptCollection.fromJson(written));
  }

  @FuzzTest(maxDuration = "60s")
  void parse(FuzzedDataProvider data) {
    byte[] bytes = data.consumeRemainingAsBytes();
    sameOutcome(Outcome.of(() -> ReferenceFbJson.parse(bytes)), Outcome.of(() -> FbJson.parse(bytes)));
    String latin1 = new String(bytes, StandardCharsets.ISO_8859_1);
    sameOutcome(
        Outcome.of(() -> ReferenceFbJson.parse(latin1)), Outcome.of(() -> FbJson.parse(latin1)));
  }
}
