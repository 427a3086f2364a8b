package io.github.fbtools.migration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.PromptMetadata;
import io.github.fbtools.core.files.AtomicFiles;
import io.github.fbtools.core.files.FaultFileOps;
import io.github.fbtools.core.files.PromptFiles;
import io.github.fbtools.core.json.FbJson;
import io.github.fbtools.core.testing.Gen;
import io.github.fbtools.core.testing.Pbt;
import io.github.fbtools.migration.MigrationResult.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Properties of migrate, verify and rollback over seeded random version 1 files (every value type,
 * odd keys, six writing styles, 0 to 6 KB), with the {@link Pbt} harness. Files are written
 * without physical flushes (durability is T1.1's and T1.2's business), in memory where possible.
 */
class PromptMigratorProperties {
  @TempDir Path diskTmp;
  private Path tmp;
  private final AtomicInteger tries = new AtomicInteger();

  private static final PromptMigrator MIGRATOR =
      PromptMigrator.builder()
          .files(AtomicFiles.builder().fileOps(FaultFileOps.withoutFlushes()).build())
          .build();

  /** A version 1 file: its bytes. */
  private static final Gen<byte[]> V1_FILES =
      r -> V1Files.bytes(r, V1Files.object(r, r.nextInt(6000)));

  @BeforeEach
  void pickFolder() throws IOException {
    tmp = MemoryFolder.create(diskTmp);
  }

  @AfterEach
  void removeFolder() throws IOException {
    MemoryFolder.delete(tmp, diskTmp);
  }

  private Path sceneWith(byte[] v1) {
    try {
      Path dir = Files.createDirectory(tmp.resolve("t" + tries.incrementAndGet()));
      Files.write(dir.resolve("prompts.json"), v1);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void migrationKeepsEveryByteAndEveryPromptAndIsIdempotent() {
    Pbt.forAll(
        "migrate keeps every byte and prompt, and is idempotent",
        V1_FILES,
        v1 -> {
          Path dir = sceneWith(v1);
          MigrationResult r = MIGRATOR.migrate(dir);
          assertEquals(Outcome.MIGRATED, r.outcome(), r::toString);
          List<String> violations = new ArrayList<>();
          try {
            assertEquals(
                MigrationInvariant.State.MIGRATED,
                MigrationInvariant.check(dir, v1, violations).orElse(null),
                violations::toString);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          Map<String, Object> original = FbJson.parseObject(v1);
          Map<String, PromptMetadata> expected = new LinkedHashMap<>();
          original.forEach(
              (k, v) -> {
                if (v instanceof String && !((String) v).isEmpty()) {
                  expected.put(
                      k, PromptMetadata.of((String) v).withCategory(PromptCollection.LEGACY_CATEGORY));
                }
              });
          assertEquals(expected, r.collection().prompts());
          assertTrue(MigrationInvariant.verifiedClean(MIGRATOR.verify(dir)));

          byte[] v2 = read(dir.resolve("prompts.json"));
          assertEquals(Outcome.ALREADY_V2, MIGRATOR.migrate(dir).outcome());
          assertArrayEquals(v2, read(dir.resolve("prompts.json")));
        });
  }

  @Test
  void rollbackThenMigrateAgainGivesTheSameFiles() {
    Pbt.forAll(
        "rollback restores the original bytes; migrating again gives the same v2 bytes",
        V1_FILES,
        v1 -> {
          Path dir = sceneWith(v1);
          assertEquals(Outcome.MIGRATED, MIGRATOR.migrate(dir).outcome());
          byte[] v2 = read(dir.resolve("prompts.json"));
          RollbackResult back = MIGRATOR.rollback(dir);
          assertEquals(RollbackResult.Outcome.ROLLED_BACK, back.outcome(), back::toString);
          assertArrayEquals(v1, read(dir.resolve("prompts.json")));
          assertArrayEquals(v2, read(dir.resolve(PromptMigrator.ROLLBACK_NAME)));
          assertFalse(MIGRATOR.verify(dir).ok(), "version 1 again");
          MigrationResult again = MIGRATOR.migrate(dir);
          assertEquals(Outcome.MIGRATED, again.outcome());
          assertFalse(again.backupCreated());
          assertArrayEquals(v2, read(dir.resolve("prompts.json")));
          assertArrayEquals(v1, read(dir.resolve(PromptFiles.V1_BACKUP_NAME)));
          assertEquals(RollbackResult.Outcome.ROLLED_BACK, MIGRATOR.rollback(dir).outcome(),
              "the set-aside file holds the same bytes: the rollback completes");
          assertArrayEquals(v1, read(dir.resolve("prompts.json")));
        });
  }
}
