package io.github.fbtools.migration;

import static io.github.fbtools.migration.PromptMigratorTest.scene;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.files.AtomicFiles;
import io.github.fbtools.core.files.FileOps;
import io.github.fbtools.core.files.ForwardingFileOps;
import io.github.fbtools.core.files.PromptFiles;
import io.github.fbtools.migration.MigrationResult.Outcome;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * T1.4 (a full disk: a 256 KiB tmpfs) and T1.5 (a read-only scene: {@code chattr +i}, which binds
 * root too, and an {@link AccessDeniedException} injected through the file-operations seam where
 * the machine has no chattr). The mount and chattr tests are skipped, saying why, where the
 * machine refuses them.
 */
class MigrationDiskTest {
  @TempDir Path tmp;

  private static int run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }

  private static int tryRun(String what, String... command) throws InterruptedException {
    try {
      return run(command);
    } catch (IOException e) {
      Assumptions.abort("cannot run " + what + ": " + e);
      return -1;
    }
  }

  private static byte[] v1OfSize(int size) {
    return V1Files.python(V1Files.object(new SplittableRandom(size), size), "    ", false)
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Fills the file system of {@code dir} until only about {@code leave} bytes are free. */
  private static void fillLeaving(Path filler, long leave) throws IOException {
    Files.deleteIfExists(filler);
    long usable = Files.getFileStore(filler.getParent()).getUsableSpace();
    long size = Math.max(0, (usable - leave) / 4096 * 4096);
    byte[] block = new byte[4096];
    Arrays.fill(block, (byte) 'f');
    try (OutputStream out = Files.newOutputStream(filler)) {
      for (long n = 0; n < size; n += block.length) {
        out.write(block);
      }
    }
  }

  private static void fillCompletely(Path filler) throws IOException {
    byte[] block = new byte[4096];
    try (OutputStream out = Files.newOutputStream(filler)) {
      while (true) {
        out.write(block);
        out.flush();
      }
    } catch (IOException expected) {
      // full
    }
  }

  @Test
  void aFullDiskFailsTheSceneKeepsItsBytesLeavesNoTemporaryFileAndTheNextRunCompletes()
      throws Exception {
    Path mount = Files.createDirectory(tmp.resolve("small"));
    int rc = tryRun("mount", "mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mount.toString());
    Assumptions.assumeTrue(rc == 0, "this machine refuses to mount a 256 KiB tmpfs (rc " + rc + ")");
    try {
      Path root = Files.createDirectory(mount.resolve("scenes"));
      byte[] v1 = v1OfSize(40_000);
      Path big = Files.createDirectory(root.resolve("a_big"));
      Files.write(big.resolve("prompts.json"), v1);
      Path filler = mount.resolve("filler");
      PromptMigrator migrator = PromptMigrator.create();

      // 1. Not even the lock fits: nothing is written, nothing is left.
      fillCompletely(filler);
      MigrationResult noLock = migrator.migrate(big);
      assertEquals(Outcome.FAILED, noLock.outcome());
      assertTrue(noLock.reason().contains("No space left on device"), noLock.reason());
      assertEquals(List.of("prompts.json"), MigrationInvariant.names(big));
      assertArrayEquals(v1, Files.readAllBytes(big.resolve("prompts.json")));

      // 2. The backup does not fit: no backup, no temporary file, the file untouched; a small scene
      //    after it in the same run still migrates.
      fillLeaving(filler, 24_576);
      Path small = scene(root, "b_small", "{\"girl_pos\": \"small\"}");
      MigrationReport report = migrator.migrateTree(root);
      assertEquals(List.of(Outcome.FAILED, Outcome.MIGRATED), PromptMigratorTest.outcomes(report));
      MigrationResult failed = report.results().get(0);
      assertTrue(failed.reason().startsWith("not persisted: "), failed.reason());
      assertTrue(failed.reason().contains("No space left on device"), failed.reason());
      assertNull(failed.backup());
      assertEquals(List.of("prompts.json"), MigrationInvariant.names(big));
      assertArrayEquals(v1, Files.readAllBytes(big.resolve("prompts.json")));
      assertEquals(List.of("prompts.json", "prompts.json.v1.backup"), MigrationInvariant.names(small));

      // 3. The backup fits, the version 2 file (about twice as big) does not: the complete backup
      //    stays, the file is untouched.
      Files.delete(filler);
      fillLeaving(filler, 40_000 + 4096 * 6);
      MigrationResult half = migrator.migrate(big);
      assertEquals(Outcome.FAILED, half.outcome(), half::toString);
      assertTrue(half.reason().contains("No space left on device"), half.reason());
      assertNotNull(half.collection(), "the version 2 collection is still returned in memory");
      assertEquals(List.of("prompts.json", "prompts.json.v1.backup"), MigrationInvariant.names(big));
      assertArrayEquals(v1, Files.readAllBytes(big.resolve("prompts.json")));
      assertArrayEquals(v1, Files.readAllBytes(big.resolve("prompts.json.v1.backup")));

      // A normal save of an edit on the full disk fails the same way and changes nothing.
      byte[] smallV2 = Files.readAllBytes(small.resolve("prompts.json"));
      PromptFiles pf = PromptFiles.create();
      PromptFiles.Loaded loaded = pf.load(small);
      IOException full =
          assertThrows(
              IOException.class,
              () ->
                  pf.write(
                      small,
                      loaded.collection().withPrompt("long", V1Files.text(new SplittableRandom(1), 200_000)),
                      loaded.fingerprint()));
      assertTrue(String.valueOf(full.getMessage()).contains("No space left on device"), full.getMessage());
      assertArrayEquals(smallV2, Files.readAllBytes(small.resolve("prompts.json")));
      assertEquals(List.of("prompts.json", "prompts.json.v1.backup"), MigrationInvariant.names(small));

      // 4. Space freed: the next run completes, reusing the backup.
      Files.delete(filler);
      MigrationReport again = migrator.migrateTree(root);
      assertEquals(List.of(Outcome.MIGRATED, Outcome.ALREADY_V2), PromptMigratorTest.outcomes(again));
      assertFalse(again.results().get(0).backupCreated());
      List<String> violations = new java.util.ArrayList<>();
      assertEquals(MigrationInvariant.State.MIGRATED, MigrationInvariant.check(big, v1, violations).orElse(null));
      assertEquals(List.of(), violations);
      assertTrue(migrator.verify(big).ok());
    } finally {
      run("umount", mount.toString());
    }
  }

  @Test
  void anImmutableSceneFolderFailsTypedAndNothingChanges() throws Exception {
    Path dir = scene(tmp, "frozen", PromptMigratorTest.V1);
    byte[] v1 = Files.readAllBytes(dir.resolve("prompts.json"));
    int rc = tryRun("chattr", "chattr", "+i", dir.toString());
    Assumptions.assumeTrue(rc == 0, "chattr +i is refused here (rc " + rc + ", not ext4?)");
    PromptMigrator migrator = PromptMigrator.create();
    MigrationResult r;
    RollbackResult rb;
    try {
      r = migrator.migrate(dir);
      rb = migrator.rollback(dir);
    } finally {
      run("chattr", "-i", dir.toString());
    }
    assertEquals(Outcome.FAILED, r.outcome());
    assertTrue(r.reason().startsWith("not persisted: "), r.reason());
    assertNotNull(r.collection(), "the version 2 collection is still returned in memory");
    assertEquals(RollbackResult.Outcome.FAILED, rb.outcome());
    assertEquals(List.of("prompts.json"), MigrationInvariant.names(dir), "no backup, no lock, no temp");
    assertArrayEquals(v1, Files.readAllBytes(dir.resolve("prompts.json")));

    assertEquals(Outcome.MIGRATED, migrator.migrate(dir).outcome(), "works once writable again");
  }

  @Test
  void anImmutableFileKeepsItsBytesAndTheBackupIsReusedLater() throws Exception {
    Path dir = scene(tmp, "frozenfile", PromptMigratorTest.V1);
    Path file = dir.resolve("prompts.json");
    byte[] v1 = Files.readAllBytes(file);
    int rc = tryRun("chattr", "chattr", "+i", file.toString());
    Assumptions.assumeTrue(rc == 0, "chattr +i is refused here (rc " + rc + ", not ext4?)");
    MigrationResult r;
    try {
      r = PromptMigrator.create().migrate(dir);
    } finally {
      run("chattr", "-i", file.toString());
    }
    assertEquals(Outcome.FAILED, r.outcome());
    assertTrue(r.reason().contains("Operation not permitted"), r.reason());
    assertArrayEquals(v1, Files.readAllBytes(file));
    assertEquals(List.of("prompts.json", "prompts.json.v1.backup"), MigrationInvariant.names(dir));
    assertArrayEquals(v1, Files.readAllBytes(dir.resolve("prompts.json.v1.backup")));

    MigrationResult again = PromptMigrator.create().migrate(dir);
    assertEquals(Outcome.MIGRATED, again.outcome());
    assertFalse(again.backupCreated());
  }

  @Test
  void anInjectedAccessDeniedFailsTypedWithNothingWritten() throws IOException {
    Path dir = scene(tmp, "denied", PromptMigratorTest.V1);
    byte[] v1 = Files.readAllBytes(dir.resolve("prompts.json"));
    FileOps readOnly =
        new ForwardingFileOps(FileOps.system()) {
          @Override
          public NewFile createNew(Path file) throws AccessDeniedException {
            throw new AccessDeniedException(file.toString(), null, "read-only scene (injected)");
          }
        };
    PromptMigrator migrator =
        PromptMigrator.builder().files(AtomicFiles.builder().fileOps(readOnly).build()).build();
    MigrationResult r = migrator.migrate(dir);
    assertEquals(Outcome.FAILED, r.outcome());
    assertTrue(r.reason().startsWith("not persisted: AccessDeniedException: "), r.reason());
    assertTrue(r.reason().contains("read-only scene (injected)"), r.reason());
    // issue 10 item 16: the scene's file is named, not the lock's private .tmp name
    assertTrue(
        r.reason().contains(dir.resolve("prompts.json") + ": taking its lock prompts.json.lock: "),
        r.reason());
    assertFalse(r.reason().contains(".tmp"), r.reason());
    assertNotNull(r.collection());
    assertEquals(
        r.collection(), PromptFiles.create().read(dir), "the v2 collection migration would have written");
    assertArrayEquals(v1, Files.readAllBytes(dir.resolve("prompts.json")));
    assertEquals(List.of("prompts.json"), MigrationInvariant.names(dir));
  }
}
