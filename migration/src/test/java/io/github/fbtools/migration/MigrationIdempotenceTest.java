package io.github.fbtools.migration;

import io.github.fbtools.core.files.Fingerprint;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.files.PromptFiles;
import io.github.fbtools.core.json.FbJson;
import io.github.fbtools.migration.MigrationResult.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * T1.6: a second and a third run change nothing (bytes, names, time stamps), and the {@code
 * v1_backup} section and the backup file stay byte-identical through 100 edits.
 */
class MigrationIdempotenceTest {
  @TempDir Path tmp;

  /** Every file under the root: its bytes (as text of their hash) and its time stamp. */
  private static Map<String, String> snapshot(Path root) throws IOException {
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        if (Files.isRegularFile(p)) {
          FileTime t = Files.getLastModifiedTime(p);
          m.put(root.relativize(p).toString(), Fingerprint.of(Files.readAllBytes(p)) + " " + t.toInstant());
        }
      }
    }
    return m;
  }

  @Test
  void runningTheMigrationAgainChangesNothing() throws IOException {
    Path root = Files.createDirectory(tmp.resolve("scenes"));
    SplittableRandom r = new SplittableRandom(6);
    for (int i = 0; i < 20; i++) {
      Path dir = Files.createDirectory(root.resolve("scene_" + i));
      Files.write(dir.resolve("prompts.json"), V1Files.bytes(r, V1Files.object(r, 500 + r.nextInt(5000))));
    }
    PromptMigrator migrator = PromptMigrator.create();
    MigrationReport first = migrator.migrateTree(root);
    assertEquals(20, first.count(Outcome.MIGRATED));
    Map<String, String> after1 = snapshot(root);
    assertEquals(40, after1.size());
    for (int run = 2; run <= 3; run++) {
      MigrationReport again = migrator.migrateTree(root);
      assertEquals(20, again.count(Outcome.ALREADY_V2), "run " + run);
      assertEquals(after1, snapshot(root), "run " + run + " changed a file, a name or a time stamp");
    }
  }

  @Test
  void theBackupNeverChangesThroughAHundredEdits() throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("scene"));
    SplittableRandom r = new SplittableRandom(66);
    byte[] v1 = V1Files.bytes(r, V1Files.object(r, 3000));
    Files.write(dir.resolve("prompts.json"), v1);
    PromptMigrator migrator = PromptMigrator.create();
    for (int run = 1; run <= 3; run++) {
      migrator.migrate(dir);
    }
    Path backup = dir.resolve("prompts.json.v1.backup");
    byte[] backupBytes = Files.readAllBytes(backup);
    FileTime backupTime = Files.getLastModifiedTime(backup);
    Map<String, Object> original = FbJson.parseObject(v1);
    String section = "\"v1_backup\": " + nested(original);

    PromptFiles files = PromptFiles.create();
    for (int i = 0; i < 100; i++) {
      PromptFiles.Loaded loaded = files.load(dir);
      PromptCollection c = loaded.collection();
      String key = "edit_" + r.nextInt(10);
      PromptCollection edited =
          switch (r.nextInt(4)) {
            case 0 -> c.withoutPrompt(key);
            case 1 -> c.withComposition("mix_" + r.nextInt(3), List.of(key, "girl_pos"));
            case 2 -> c.withSceneFlags(Map.of("flag", r.nextBoolean()));
            default -> c.withPrompt(key, V1Files.text(r, 1 + r.nextInt(100)));
          };
      files.write(dir, edited, loaded.fingerprint());
      String text = Files.readString(dir.resolve("prompts.json"));
      assertTrue(text.contains(section), "edit " + i + ": the v1_backup section changed");
      assertEquals(original, files.read(dir).v1Backup().orElseThrow());
      assertArrayEquals(backupBytes, Files.readAllBytes(backup), "edit " + i);
      assertEquals(backupTime, Files.getLastModifiedTime(backup), "edit " + i);
    }
    assertArrayEquals(v1, backupBytes);
    assertTrue(Arrays.equals(v1, Files.readAllBytes(backup)));
    assertEquals(List.of("prompts.json", "prompts.json.v1.backup"), MigrationInvariant.names(dir));
    String json = Files.readString(dir.resolve("prompts.json"), StandardCharsets.UTF_8);
    assertTrue(MigrationInvariant.verifiedClean(migrator.verify(dir)), json);
  }

  /** How a top-level field's object value is written: its own lines indented by two spaces. */
  private static String nested(Map<String, Object> value) {
    String text = FbJson.write(value);
    return text.substring(0, text.length() - 1).replace("\n", "\n  ");
  }
}
