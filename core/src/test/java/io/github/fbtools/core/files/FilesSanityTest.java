package io.github.fbtools.core.files;

import com.google.common.testing.EqualsTester;
import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.testing.ApiSanity;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 item 1: every public constructor and method of {@code io.github.fbtools.core.files}
 * rejects a null argument, and its value types have value equality.
 */
class FilesSanityTest {
  @Test
  void publicApiRejectsNulls(@TempDir Path tmp) {
    Path path = tmp.resolve("not-there");
    ApiSanity.withCoreDefaults(path).assertNullChecks(
        ApiSanity.publicTypes("io.github.fbtools.core.files", Set.of()));
  }

  @Test
  void valueTypesHaveValueEquality() {
    PromptCollection smiling = PromptCollection.empty().withPrompt("girl_pos", "smiling");
    new EqualsTester()
        .addEqualityGroup(
            new PromptFiles.Written(false, true, Fingerprint.of(new byte[] {1}), smiling),
            new PromptFiles.Written(false, true, Fingerprint.of(new byte[] {1}), smiling))
        .addEqualityGroup(new PromptFiles.Written(true, true, Fingerprint.of(new byte[] {1}), smiling))
        .addEqualityGroup(new PromptFiles.Written(false, true, Fingerprint.of(new byte[] {2}), smiling))
        .addEqualityGroup(new PromptFiles.Written(false, true, Fingerprint.of(new byte[] {1}), PromptCollection.empty()))
        .testEquals();
    new EqualsTester()
        .addEqualityGroup(SceneFiles.Fingerprints.absent(), SceneFiles.Fingerprints.absent())
        .testEquals();
  }
}
