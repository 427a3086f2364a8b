package io.github.fbtools.migration;

import com.google.common.testing.EqualsTester;
import io.github.fbtools.core.testing.ApiSanity;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 item 1: every public constructor and method of {@code io.github.fbtools.migration}
 * rejects a null argument, and its results have value equality.
 */
class MigrationSanityTest {
  @Test
  void publicApiRejectsNulls(@TempDir Path tmp) {
    Path path = tmp.resolve("not-there");
    ApiSanity.withCoreDefaults(path).assertNullChecks(
        ApiSanity.publicTypes("io.github.fbtools.migration", Set.of()));
  }

  @Test
  void resultsHaveValueEquality(@TempDir Path tmp) {
    Path file = tmp.resolve("opening/prompts.json");
    Path backup = tmp.resolve("opening/prompts.json.v1.backup");
    new EqualsTester()
        .addEqualityGroup(
            new MigrationResult("opening", file, MigrationResult.Outcome.MIGRATED, null, backup, true, null),
            new MigrationResult("opening", file, MigrationResult.Outcome.MIGRATED, null, backup, true, null))
        .addEqualityGroup(
            new MigrationResult("opening", file, MigrationResult.Outcome.MIGRATED, null, backup, false, null))
        .addEqualityGroup(
            new MigrationResult("opening", file, MigrationResult.Outcome.FAILED, "corrupt", null, false, null))
        .testEquals();
    new EqualsTester()
        .addEqualityGroup(
            new RollbackResult("opening", file, RollbackResult.Outcome.NOT_NEEDED, null, null),
            new RollbackResult("opening", file, RollbackResult.Outcome.NOT_NEEDED, null, null))
        .addEqualityGroup(
            new RollbackResult("opening", file, RollbackResult.Outcome.FAILED, "no backup", null))
        .testEquals();
    new EqualsTester()
        .addEqualityGroup(
            new VerificationResult("opening", file, VerificationResult.Status.OK, List.of()),
            new VerificationResult("opening", file, VerificationResult.Status.OK, List.of()))
        .addEqualityGroup(
            new VerificationResult(
                "opening", file, VerificationResult.Status.WARNING, List.of("no backup")))
        .testEquals();
  }
}
