package io.github.fbtools.migration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.files.FileKind;
import io.github.fbtools.core.files.PromptFiles;
import io.github.fbtools.core.json.FbJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 item 4: one size limit per file kind ({@link FileKind#PROMPTS}), used by every reader
 * and writer, so a migration never writes a file that verify, migrate and rollback then refuse.
 */
class MigrationSizeLimitTest {
  @TempDir Path tmp;

  private final PromptMigrator migrator = PromptMigrator.create();

  /** A version 1 file of {@code count} prompts whose values are {@code valueLength} chars. */
  static byte[] v1(int count, int valueLength) {
    StringBuilder sb = new StringBuilder(count * (valueLength + 20)).append('{');
    String value = "v".repeat(valueLength);
    for (int i = 0; i < count; i++) {
      sb.append(i == 0 ? "" : ", ").append("\"p").append(i).append("\": \"").append(value).append('"');
    }
    return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The report's case: a 2.9 MB version 1 file of 31,000 prompts becomes 8.6 MB of version 2,
   * over the old 8 MiB read limit, and verify, migrate and rollback then refused it.
   */
  @Test
  void aVersion1FileOf31000PromptsMigratesVerifiesAndRollsBack() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("big"));
    byte[] original = v1(31_000, 80);
    assertTrue(original.length > 2_800_000, "about 2.9 MB: " + original.length);
    Files.write(dir.resolve("prompts.json"), original);

    MigrationResult r = migrator.migrate(dir);
    assertEquals(MigrationResult.Outcome.MIGRATED, r.outcome(), r::toString);
    long v2 = Files.size(dir.resolve("prompts.json"));
    assertTrue(v2 > FbJson.MAX_DOCUMENT_LENGTH, "over the old 8 MiB limit: " + v2);
    assertTrue(v2 <= FileKind.PROMPTS.maxBytes(), "within the prompts limit: " + v2);

    assertEquals(31_000, PromptFiles.create().read(dir).prompts().size());
    VerificationResult v = migrator.verify(dir);
    assertEquals(VerificationResult.Status.OK, v.status(), v::toString);
    assertEquals(MigrationResult.Outcome.ALREADY_V2, migrator.migrate(dir).outcome());
    RollbackResult back = migrator.rollback(dir);
    assertEquals(RollbackResult.Outcome.ROLLED_BACK, back.outcome(), back::toString);
    assertArrayEquals(original, Files.readAllBytes(dir.resolve("prompts.json")));
  }

  /**
   * A version 1 file that fits the limit but whose version 2 form would not: the scene fails
   * before anything is written (no backup, no half-written file) and stays as it was.
   */
  @Test
  void aVersion1FileWhoseVersion2FormWouldBeOverTheLimitFailsUntouched() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("huge"));
    byte[] original = v1(17, 1_000_000); // each value is kept twice in version 2
    assertTrue(original.length < FileKind.PROMPTS.maxBytes(), "the v1 file fits the limit");
    Files.write(dir.resolve("prompts.json"), original);

    MigrationResult r = migrator.migrate(dir);
    assertEquals(MigrationResult.Outcome.FAILED, r.outcome(), r::toString);
    assertTrue(r.reason().contains("FileTooLargeException"), r.reason());
    assertTrue(r.reason().contains("over the limit of its kind"), r.reason());
    assertArrayEquals(original, Files.readAllBytes(dir.resolve("prompts.json")));
    try (var s = Files.list(dir)) {
      assertEquals(
          List.of("prompts.json"), s.map(p -> p.getFileName().toString()).sorted().toList());
    }
    VerificationResult v = migrator.verify(dir);
    assertEquals(VerificationResult.Status.FAILED, v.status());
    assertTrue(v.problems().get(0).contains("still version 1"), v::toString);
    assertFalse(Files.exists(dir.resolve(PromptFiles.V1_BACKUP_NAME)));
  }
}
