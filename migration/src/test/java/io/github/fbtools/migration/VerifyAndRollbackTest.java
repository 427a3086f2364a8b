package io.github.fbtools.migration;

import static io.github.fbtools.migration.PromptMigratorTest.V1;
import static io.github.fbtools.migration.PromptMigratorTest.bytes;
import static io.github.fbtools.migration.PromptMigratorTest.scene;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.SceneInfo;
import io.github.fbtools.core.files.PromptFiles;
import io.github.fbtools.core.files.SceneFiles;
import io.github.fbtools.migration.VerificationResult.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PromptMigrator#verify} and {@link PromptMigrator#rollback}. */
class VerifyAndRollbackTest {
  @TempDir Path tmp;

  private final PromptMigrator migrator = PromptMigrator.create();

  private Path migrated(String name) throws IOException {
    Path dir = scene(tmp, name, V1);
    assertEquals(MigrationResult.Outcome.MIGRATED, migrator.migrate(dir).outcome());
    return dir;
  }

  private static String problems(VerificationResult v) {
    return String.join(" | ", v.problems());
  }

  // ---------------------------------------------------------------------------------------------
  // Verify

  @Test
  void aMigratedSceneVerifiesAndANativeVersion2OneToo() throws IOException {
    Path dir = migrated("ok");
    VerificationResult v = migrator.verify(dir);
    assertEquals(Status.OK, v.status(), v::toString);
    assertTrue(v.ok());
    assertEquals(dir.resolve("prompts.json").toString(), v.path());
    assertEquals(List.of(), v.problems());
    Path native2 = scene(tmp, "native", "{\"version\": 2, \"prompts\": {}}");
    assertEquals(Status.OK, migrator.verify(native2.resolve("prompts.json")).status());
  }

  /**
   * Issue 10 item 3: a scene forced over a version 1 file that changed on disk after the editor
   * loaded it is one that verify accepts: v1_backup equals the backup file, which holds the bytes
   * the save replaced; rollback then brings those bytes back.
   */
  @Test
  void aForcedSceneSaveOverAChangedVersion1FileVerifiesAndRollsBack() throws IOException {
    Path dir = scene(tmp, "forced", V1);
    SceneFiles scenes = SceneFiles.create();
    SceneInfo loaded = scenes.load(dir).orElseThrow().scene();
    byte[] changed = "{\"girl_pos\": \"changed meanwhile\"}".getBytes(StandardCharsets.UTF_8);
    Files.write(dir.resolve("prompts.json"), changed);
    scenes.write(dir, loaded.withPrompts(loaded.prompts().withPrompt("girl_pos", "mine")), null);
    VerificationResult v = migrator.verify(dir);
    assertEquals(Status.OK, v.status(), v::toString);
    assertArrayEquals(changed, Files.readAllBytes(dir.resolve("prompts.json.v1.backup")));
    assertEquals(RollbackResult.Outcome.ROLLED_BACK, migrator.rollback(dir).outcome());
    assertArrayEquals(changed, Files.readAllBytes(dir.resolve("prompts.json")));
  }

  @Test
  void whatVerifyReportsAsWarnings() throws IOException {
    Path dir = migrated("nobackup");
    Files.delete(dir.resolve("prompts.json.v1.backup"));
    VerificationResult v = migrator.verify(dir);
    assertEquals(Status.WARNING, v.status());
    assertTrue(problems(v).contains("prompts.json.v1.backup is missing; v1_backup in prompts.json still holds"), problems(v));

    Path dropped = scene(tmp, "dropped", "{\"version\": 2, \"prompts\": {}}");
    Files.writeString(dropped.resolve("prompts.json.v1.backup"), V1);
    VerificationResult w = migrator.verify(dropped);
    assertEquals(Status.WARNING, w.status());
    assertTrue(problems(w).contains("exists but prompts.json has no v1_backup"), problems(w));
  }

  @Test
  void whatVerifyReportsAsFailures() throws IOException {
    Path differs = migrated("differs");
    Files.writeString(differs.resolve("prompts.json.v1.backup"), "{\"girl_pos\": \"other\"}");
    assertEquals(List.of("prompts.json.v1.backup differs from v1_backup in prompts.json"), migrator.verify(differs).problems());

    Path corruptBackup = migrated("corruptbackup");
    Files.writeString(corruptBackup.resolve("prompts.json.v1.backup"), "{\"girl_pos\": ");
    VerificationResult cb = migrator.verify(corruptBackup);
    assertEquals(Status.FAILED, cb.status());
    assertTrue(problems(cb).startsWith("prompts.json.v1.backup is not a readable JSON object"), problems(cb));

    Path v1 = scene(tmp, "v1", V1);
    assertEquals(List.of("still version 1: not migrated"), migrator.verify(v1).problems());
    Files.writeString(v1.resolve("prompts.json.v1.backup"), V1);
    assertTrue(problems(migrator.verify(v1)).contains("its backup is in place"));
    Files.writeString(v1.resolve("prompts.json.v1.backup"), "{}");
    assertTrue(problems(migrator.verify(v1)).contains("holds other bytes"));

    Path corrupt = scene(tmp, "corrupt", "[1, 2]");
    VerificationResult c = migrator.verify(corrupt);
    assertEquals(Status.FAILED, c.status());
    assertTrue(problems(c).startsWith("unreadable: " + corrupt.resolve("prompts.json")), problems(c));

    Path empty = Files.createDirectory(tmp.resolve("empty"));
    assertEquals(List.of("prompts.json is missing"), migrator.verify(empty).problems());
    Files.writeString(empty.resolve("prompts.json.v1.backup"), V1);
    assertTrue(problems(migrator.verify(empty)).contains("rollback restores it"));
  }

  @Test
  void verifyTreeChecksEverySceneTheMigrationFinds() throws IOException {
    Path root = Files.createDirectory(tmp.resolve("scenes"));
    scene(root, "a", V1);
    scene(root, "b", V1);
    scene(root, "c", "{\"version\": 2}");
    assertEquals(2, migrator.migrateTree(root).count(MigrationResult.Outcome.MIGRATED));
    Files.delete(root.resolve("b/prompts.json.v1.backup"));
    List<VerificationResult> all = migrator.verifyTree(root);
    assertEquals(
        List.of("a/prompts.json", "b/prompts.json", "c/prompts.json"),
        all.stream().map(VerificationResult::path).collect(java.util.stream.Collectors.toList()));
    assertEquals(
        List.of(Status.OK, Status.WARNING, Status.OK),
        all.stream().map(VerificationResult::status).collect(java.util.stream.Collectors.toList()));
  }

  // ---------------------------------------------------------------------------------------------
  // Rollback

  @Test
  void rollbackRestoresTheOriginalBytesKeepsVersion2AsideAndMigrationWorksAgain() throws IOException {
    Path dir = migrated("scene");
    Path file = dir.resolve("prompts.json");
    byte[] firstV2 = bytes(file);
    PromptFiles pf = PromptFiles.create();
    PromptFiles.Loaded loaded = pf.load(dir);
    pf.write(dir, loaded.collection().withPrompt("added_later", "kept aside"), loaded.fingerprint());
    byte[] editedV2 = bytes(file);

    RollbackResult dry = PromptMigrator.builder().dryRun(true).build().rollback(dir);
    assertEquals(RollbackResult.Outcome.WOULD_ROLL_BACK, dry.outcome());
    assertEquals(dir.resolve("prompts.json.v2.rollback"), dry.setAside());
    assertArrayEquals(editedV2, bytes(file));
    assertEquals(List.of("prompts.json", "prompts.json.v1.backup"), MigrationInvariant.names(dir));

    RollbackResult r = migrator.rollback(file);
    assertEquals(RollbackResult.Outcome.ROLLED_BACK, r.outcome(), r::toString);
    assertNull(r.reason());
    assertEquals(V1, Files.readString(file));
    assertArrayEquals(editedV2, bytes(dir.resolve("prompts.json.v2.rollback")));
    assertEquals(V1, Files.readString(dir.resolve("prompts.json.v1.backup")));
    assertEquals(
        List.of("prompts.json", "prompts.json.v1.backup", "prompts.json.v2.rollback"),
        MigrationInvariant.names(dir));

    RollbackResult again = migrator.rollback(dir);
    assertEquals(RollbackResult.Outcome.NOT_NEEDED, again.outcome());
    assertEquals(V1, Files.readString(file));

    MigrationResult m = migrator.migrate(dir);
    assertEquals(MigrationResult.Outcome.MIGRATED, m.outcome());
    assertFalse(m.backupCreated(), "the backup is reused");
    assertArrayEquals(firstV2, bytes(file), "the same version 2 bytes as the first migration");

    RollbackResult refused = migrator.rollback(dir);
    assertEquals(RollbackResult.Outcome.FAILED, refused.outcome());
    assertTrue(refused.reason().contains("prompts.json.v2.rollback exists with other bytes; it is never overwritten"), refused.reason());
    assertArrayEquals(firstV2, bytes(file));
    assertArrayEquals(editedV2, bytes(dir.resolve("prompts.json.v2.rollback")));
  }

  @Test
  void anInterruptedRollbackIsCompleted() throws IOException {
    Path dir = migrated("interrupted");
    byte[] v2 = bytes(dir.resolve("prompts.json"));
    Files.write(dir.resolve("prompts.json.v2.rollback"), v2); // the first step happened, then a crash
    RollbackResult r = migrator.rollback(dir);
    assertEquals(RollbackResult.Outcome.ROLLED_BACK, r.outcome());
    assertEquals(V1, Files.readString(dir.resolve("prompts.json")));
    assertArrayEquals(v2, bytes(dir.resolve("prompts.json.v2.rollback")));
  }

  @Test
  void aLostFileIsRestoredFromTheBackup() throws IOException {
    Path dir = migrated("lost");
    Files.delete(dir.resolve("prompts.json"));
    RollbackResult dry = PromptMigrator.builder().dryRun(true).build().rollback(dir);
    assertEquals(RollbackResult.Outcome.WOULD_ROLL_BACK, dry.outcome());
    assertNull(dry.setAside());
    assertFalse(Files.exists(dir.resolve("prompts.json")));
    RollbackResult r = migrator.rollback(dir);
    assertEquals(RollbackResult.Outcome.ROLLED_BACK, r.outcome());
    assertNull(r.setAside());
    assertEquals(V1, Files.readString(dir.resolve("prompts.json")));
  }

  @Test
  void whatRollbackRefusesLeavingEverythingAsItWas() throws IOException {
    Path noBackup = scene(tmp, "nobackup", "{\"version\": 2}");
    assertRefused(noBackup, "there is no prompts.json.v1.backup");

    Path v1 = scene(tmp, "v1", V1);
    Files.writeString(v1.resolve("prompts.json.v1.backup"), "{\"girl_pos\": \"other\"}");
    assertRefused(v1, "prompts.json is version 1 with other bytes");

    Path mismatch = migrated("mismatch");
    Files.writeString(mismatch.resolve("prompts.json.v1.backup"), "{\"girl_pos\": \"other\"}");
    assertRefused(mismatch, "v1_backup in prompts.json differs from prompts.json.v1.backup");

    Path badBackup = migrated("badbackup");
    Files.writeString(badBackup.resolve("prompts.json.v1.backup"), "{\"girl_pos\"");
    assertRefused(badBackup, "prompts.json.v1.backup is not a readable JSON object");

    Path corrupt = migrated("corrupt");
    Files.writeString(corrupt.resolve("prompts.json"), "{\"version\": 2, ");
    assertRefused(corrupt, "prompts.json is unreadable: " + corrupt.resolve("prompts.json"));

    Path unsupported = migrated("unsupported");
    Files.writeString(unsupported.resolve("prompts.json"), "{\"version\": 3}");
    assertRefused(unsupported, "unsupported prompts.json version 3");
  }

  private void assertRefused(Path dir, String why) throws IOException {
    List<String> before = MigrationInvariant.names(dir);
    byte[] file = bytes(dir.resolve("prompts.json"));
    for (PromptMigrator m : List.of(PromptMigrator.builder().dryRun(true).build(), migrator)) {
      RollbackResult r = m.rollback(dir);
      assertEquals(RollbackResult.Outcome.FAILED, r.outcome(), r::toString);
      assertTrue(r.reason().startsWith("not rolled back: "), r.reason());
      assertTrue(r.reason().contains(why), r.reason());
      assertNull(r.setAside());
    }
    assertEquals(before, MigrationInvariant.names(dir));
    assertArrayEquals(file, bytes(dir.resolve("prompts.json")));
  }

  @Test
  void rollbackOfAVersion2FileWithoutV1BackupKeepsItAside() throws IOException {
    Path dir = scene(tmp, "uisaved", "{\"version\": 2, \"prompts\": {\"a\": \"b\"}}");
    Files.writeString(dir.resolve("prompts.json.v1.backup"), V1);
    RollbackResult r = migrator.rollback(dir);
    assertEquals(RollbackResult.Outcome.ROLLED_BACK, r.outcome());
    assertEquals(V1, Files.readString(dir.resolve("prompts.json")));
    assertEquals(
        PromptCollection.fromJson("{\"version\": 2, \"prompts\": {\"a\": \"b\"}}"),
        PromptCollection.fromJson(Files.readString(dir.resolve("prompts.json.v2.rollback"))));
  }
}
