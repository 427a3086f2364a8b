package io.github.fbtools.migration;

import static io.github.fbtools.migration.MigrationResult.Outcome.ALREADY_V2;
import static io.github.fbtools.migration.MigrationResult.Outcome.FAILED;
import static io.github.fbtools.migration.MigrationResult.Outcome.MIGRATED;
import static io.github.fbtools.migration.MigrationResult.Outcome.MISSING;
import static io.github.fbtools.migration.MigrationResult.Outcome.WOULD_MIGRATE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.PromptMetadata;
import io.github.fbtools.core.files.AtomicFiles;
import io.github.fbtools.core.files.FileOps;
import io.github.fbtools.core.files.ForwardingFileOps;
import io.github.fbtools.core.files.PromptFiles;
import io.github.fbtools.core.json.FbJson;
import io.github.fbtools.migration.MigrationResult.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The migrator's API: which files, outcomes, dry run, listener, report, verify and rollback. */
class PromptMigratorTest {
  static final String V1 =
      "{\n    \"girl_pos\": \"a woman, caf\\u00e9\",\n    \"male_pos\": \"\",\n"
          + "    \"wan_prompt\": \"slow pan\",\n    \"seed\": 42\n}";

  @TempDir Path tmp;

  static Path scene(Path parent, String name, String content) throws IOException {
    Path dir = Files.createDirectories(parent.resolve(name));
    Files.writeString(dir.resolve("prompts.json"), content);
    return dir;
  }

  static byte[] bytes(Path p) throws IOException {
    return Files.readAllBytes(p);
  }

  // ---------------------------------------------------------------------------------------------
  // One file

  @Test
  void aVersion1SceneGetsItsBackupThenVersion2() throws IOException {
    Path dir = scene(tmp, "opening", V1);
    byte[] original = bytes(dir.resolve("prompts.json"));

    MigrationResult r = PromptMigrator.create().migrate(dir);

    assertEquals(MIGRATED, r.outcome(), r::toString);
    assertTrue(r.backupCreated());
    assertNull(r.reason());
    assertEquals(dir.resolve("prompts.json").toString(), r.path());
    assertEquals(dir.resolve("prompts.json.v1.backup"), r.backup());
    assertArrayEquals(original, bytes(dir.resolve("prompts.json.v1.backup")));
    PromptCollection onDisk = PromptFiles.create().read(dir);
    assertEquals(onDisk, r.collection());
    assertEquals(List.of("girl_pos", "wan_prompt"), onDisk.promptNames());
    assertEquals(
        PromptMetadata.of("a woman, caf\u00e9").withCategory(PromptCollection.LEGACY_CATEGORY),
        onDisk.prompt("girl_pos").orElseThrow());
    assertEquals(FbJson.parseObject(original), onDisk.v1Backup().orElseThrow());
    assertEquals(List.of("prompts.json", "prompts.json.v1.backup"), MigrationInvariant.names(dir));
    assertTrue(r.toString().endsWith("prompts.json: migrated (backup created)"), r::toString);
  }

  @Test
  void migrateTakesTheSceneFolderOrItsPromptsJson() throws IOException {
    Path a = scene(tmp, "a", V1);
    Path b = scene(tmp, "b", V1);
    assertEquals(MIGRATED, PromptMigrator.create().migrate(a.resolve("prompts.json")).outcome());
    assertEquals(MIGRATED, PromptMigrator.create().migrate(b).outcome());
    assertArrayEquals(bytes(a.resolve("prompts.json")), bytes(b.resolve("prompts.json")));

    Files.writeString(a.resolve("notes.txt"), "x");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> PromptMigrator.create().migrate(a.resolve("notes.txt")));
    assertTrue(e.getMessage().contains("scene folder or its prompts.json"), e.getMessage());
  }

  @Test
  void version2MissingAndAbsentFoldersAreLeftAlone() throws IOException {
    PromptMigrator m = PromptMigrator.create();
    Path v2 = scene(tmp, "v2", "{\"version\": 2, \"prompts\": {\"a\": \"x\"}}");
    byte[] before = bytes(v2.resolve("prompts.json"));
    MigrationResult r = m.migrate(v2);
    assertEquals(ALREADY_V2, r.outcome());
    assertNull(r.backup());
    assertEquals("x", r.collection().promptValue("a").orElseThrow());
    assertArrayEquals(before, bytes(v2.resolve("prompts.json")));
    assertEquals(List.of("prompts.json"), MigrationInvariant.names(v2));

    Path empty = Files.createDirectory(tmp.resolve("empty"));
    MigrationResult missing = m.migrate(empty);
    assertEquals(MISSING, missing.outcome());
    assertNull(missing.reason());
    assertNull(missing.collection());
    assertEquals(List.of(), MigrationInvariant.names(empty));

    Files.writeString(empty.resolve("prompts.json.v1.backup"), V1);
    MigrationResult onlyBackup = m.migrate(empty.resolve("prompts.json"));
    assertEquals(MISSING, onlyBackup.outcome());
    assertTrue(onlyBackup.reason().contains("prompts.json.v1.backup exists"), onlyBackup::toString);
    assertEquals(empty.resolve("prompts.json.v1.backup"), onlyBackup.backup());

    MigrationResult absent = m.migrate(tmp.resolve("no-such-scene"));
    assertEquals(MISSING, absent.outcome());
    assertEquals("no such folder", absent.reason());
    assertFalse(Files.exists(tmp.resolve("no-such-scene")));
  }

  @Test
  void aCorruptFileFailsWithFileLineAndColumnAndIsLeftUntouched() throws IOException {
    Path dir = scene(tmp, "bad", "{\n  \"girl_pos\": \"a\",\n  oops\n}");
    byte[] before = bytes(dir.resolve("prompts.json"));
    MigrationResult r = PromptMigrator.create().migrate(dir);
    assertEquals(FAILED, r.outcome());
    assertTrue(r.failed());
    assertTrue(r.reason().startsWith("left untouched: " + dir.resolve("prompts.json") + ":3:"), r.reason());
    assertNull(r.collection());
    assertArrayEquals(before, bytes(dir.resolve("prompts.json")));
    assertEquals(List.of("prompts.json"), MigrationInvariant.names(dir));
  }

  @Test
  void aDifferentBackupIsNeverOverwrittenAndTheDryRunForeseesIt() throws IOException {
    Path dir = scene(tmp, "conflict", V1);
    Files.writeString(dir.resolve("prompts.json.v1.backup"), "{\"girl_pos\": \"older\"}");
    byte[] file = bytes(dir.resolve("prompts.json"));
    byte[] backup = bytes(dir.resolve("prompts.json.v1.backup"));

    MigrationResult dry = PromptMigrator.builder().dryRun(true).build().migrate(dir);
    assertEquals(FAILED, dry.outcome());
    assertTrue(dry.reason().startsWith("would fail: prompts.json.v1.backup exists and differs"), dry.reason());

    MigrationResult r = PromptMigrator.create().migrate(dir);
    assertEquals(FAILED, r.outcome());
    assertTrue(r.reason().startsWith("not persisted: "), r.reason());
    assertTrue(r.reason().contains("never overwritten"), r.reason());
    assertNotNull(r.collection(), "the v2 collection is still returned in memory");
    assertEquals(dir.resolve("prompts.json.v1.backup"), r.backup());
    assertArrayEquals(file, bytes(dir.resolve("prompts.json")));
    assertArrayEquals(backup, bytes(dir.resolve("prompts.json.v1.backup")));
  }

  @Test
  void aBackupEqualToTheFileIsReused() throws IOException {
    Path dir = scene(tmp, "reuse", V1);
    Files.writeString(dir.resolve("prompts.json.v1.backup"), V1);
    MigrationResult dry = PromptMigrator.builder().dryRun(true).build().migrate(dir);
    assertEquals(WOULD_MIGRATE, dry.outcome());
    MigrationResult r = PromptMigrator.create().migrate(dir);
    assertEquals(MIGRATED, r.outcome());
    assertFalse(r.backupCreated());
  }

  @Test
  void aDryRunWritesNothingAtAll() throws IOException {
    Path root = Files.createDirectory(tmp.resolve("scenes"));
    Path a = scene(root, "a", V1);
    scene(root, "b", "{\"version\": 2}");
    Path leftover = a.resolve("prompts.json.999999999.00000000000000aa.tmp");
    Files.writeString(leftover, "{\"half");
    byte[] before = bytes(a.resolve("prompts.json"));

    PromptMigrator dry = PromptMigrator.builder().dryRun(true).build();
    assertTrue(dry.dryRun());
    MigrationResult one = dry.migrate(a);
    assertEquals(WOULD_MIGRATE, one.outcome());
    assertEquals(a.resolve("prompts.json.v1.backup"), one.backup());
    assertFalse(one.backupCreated());
    assertEquals(
        "a woman, caf\u00e9", one.collection().promptValue("girl_pos").orElseThrow());
    MigrationReport report = dry.migrateTree(root);
    assertTrue(report.dryRun());
    assertEquals(1, report.count(WOULD_MIGRATE));
    assertEquals(1, report.count(ALREADY_V2));

    assertArrayEquals(before, bytes(a.resolve("prompts.json")));
    assertEquals(
        List.of("prompts.json", "prompts.json.999999999.00000000000000aa.tmp"),
        MigrationInvariant.names(a),
        "no backup, no lock, and not even a dead writer's leftover was removed");
  }

  @Test
  void aFileChangedByAnotherWriterIsLoadedAgainAndNeverClobbered() throws IOException {
    Path dir = scene(tmp, "racing", V1);
    Path file = dir.resolve("prompts.json");
    String edited = "{\"version\": 2, \"prompts\": {\"edited\": \"by someone else\"}}\n";
    AtomicInteger reads = new AtomicInteger();
    FileOps racing =
        new ForwardingFileOps(FileOps.system()) {
          @Override
          public byte[] read(Path f, int maxBytes) throws IOException {
            // The second read of prompts.json is the one under the lock, just before the write.
            if (f.equals(file) && reads.incrementAndGet() == 2) {
              Files.writeString(file, edited);
            }
            return super.read(f, maxBytes);
          }
        };
    MigrationResult r =
        PromptMigrator.builder().files(AtomicFiles.builder().fileOps(racing).build()).build().migrate(dir);
    assertEquals(ALREADY_V2, r.outcome(), r::toString);
    assertEquals(edited, Files.readString(file));
    assertFalse(Files.exists(dir.resolve("prompts.json.v1.backup")));
  }

  @Test
  void aFileThatNeverStopsChangingFailsAfterFiveAttempts() throws IOException {
    Path dir = scene(tmp, "restless", V1);
    Path file = dir.resolve("prompts.json");
    AtomicInteger reads = new AtomicInteger();
    FileOps restless =
        new ForwardingFileOps(FileOps.system()) {
          @Override
          public byte[] read(Path f, int maxBytes) throws IOException {
            if (f.equals(file) && reads.incrementAndGet() % 2 == 0) {
              Files.writeString(file, "{\"girl_pos\": \"v" + reads.get() + "\"}");
            }
            return super.read(f, maxBytes);
          }
        };
    MigrationResult r =
        PromptMigrator.builder().files(AtomicFiles.builder().fileOps(restless).build()).build().migrate(dir);
    assertEquals(FAILED, r.outcome());
    assertTrue(r.reason().contains("changed under the migration 5 times"), r.reason());
    assertEquals(10, reads.get());
    assertFalse(Files.exists(dir.resolve("prompts.json.v1.backup")));
  }

  @Test
  void aLockHeldByALiveProcessFailsBusyAndIsKept() throws IOException {
    Path dir = scene(tmp, "locked", V1);
    long live = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(1L);
    byte[] lock = ("fbtools-lock pid=" + live + " token=00000000000000aa\n").getBytes(StandardCharsets.US_ASCII);
    Files.write(dir.resolve("prompts.json.lock"), lock);
    PromptMigrator impatient =
        PromptMigrator.builder().files(AtomicFiles.builder().lockTimeout(Duration.ZERO).build()).build();
    MigrationResult r = impatient.migrate(dir);
    assertEquals(FAILED, r.outcome());
    assertTrue(r.reason().startsWith("not persisted, busy: "), r.reason());
    assertNotNull(r.collection());
    assertEquals(V1, Files.readString(dir.resolve("prompts.json")));
    assertArrayEquals(lock, bytes(dir.resolve("prompts.json.lock")));
    assertEquals(List.of("prompts.json", "prompts.json.lock"), MigrationInvariant.names(dir));
  }

  @Test
  void anUnexpectedRuntimeFailureIsReportedAsAFailure() throws IOException {
    Path dir = scene(tmp, "odd", V1);
    FileOps broken =
        new ForwardingFileOps(FileOps.system()) {
          @Override
          public byte[] read(Path f, int maxBytes) {
            throw new IllegalStateException("broken disk driver");
          }
        };
    PromptMigrator m =
        PromptMigrator.builder().files(AtomicFiles.builder().fileOps(broken).build()).build();
    MigrationResult r = m.migrate(dir);
    assertEquals(FAILED, r.outcome());
    assertEquals("not persisted, unexpected IllegalStateException: broken disk driver", r.reason());
    assertEquals(VerificationResult.Status.FAILED, m.verify(dir).status());
    assertEquals(RollbackResult.Outcome.FAILED, m.rollback(dir).outcome());
    assertEquals(V1, Files.readString(dir.resolve("prompts.json")));
  }

  // ---------------------------------------------------------------------------------------------
  // Trees

  @Test
  void theTreeWalkFindsSceneFoldersByTheDocumentedRule() throws IOException {
    Path root = Files.createDirectory(tmp.resolve("root"));
    scene(root, "b_scene", V1);
    scene(root, "a_scene", V1);
    scene(root.resolve("a_scene"), "output", V1); // inside a scene: not searched
    scene(root.resolve("story"), "s1", V1);
    scene(root.resolve("jobs"), "j1", V1); // execution outputs: skipped
    scene(root.resolve(".trash"), "t1", V1); // hidden: skipped
    scene(root.resolve("d1/d2"), "d3", V1); // depth 3: found
    scene(root.resolve("d1/d2/d3x"), "d4", V1); // depth 4: too deep
    Path outside = scene(tmp, "outside", V1);
    Files.createSymbolicLink(root.resolve("linked"), outside); // never followed
    Files.createDirectories(root.resolve("backup_only"));
    Files.writeString(root.resolve("backup_only/prompts.json.v1.backup"), V1);
    Files.createDirectories(root.resolve("no_prompts/input"));
    Files.writeString(root.resolve("loose.json"), "{}");

    PromptMigrator m = PromptMigrator.create();
    Path real = root.toRealPath();
    assertEquals(
        List.of(
            real.resolve("a_scene"),
            real.resolve("b_scene"),
            real.resolve("backup_only"),
            real.resolve("d1/d2/d3"),
            real.resolve("story/s1")),
        m.scenes(root));
    assertEquals(
        List.of(real.resolve("d1/d2/d3"), real.resolve("d1/d2/d3x/d4")),
        PromptMigrator.builder().maxDepth(4).build().scenes(root.resolve("d1")),
        "depth counts from the given root");
    assertEquals(List.of(), PromptMigrator.builder().maxDepth(0).build().scenes(root));
    assertEquals(
        List.of(real.resolve("a_scene")),
        PromptMigrator.builder().maxDepth(0).build().scenes(root.resolve("a_scene")),
        "the root itself can be the scene");

    MigrationReport report = m.migrateTree(root);
    assertEquals(real, report.root());
    assertEquals(
        List.of(
            "a_scene/prompts.json",
            "b_scene/prompts.json",
            "backup_only/prompts.json",
            "d1/d2/d3/prompts.json",
            "story/s1/prompts.json"),
        report.results().stream().map(MigrationResult::path).collect(java.util.stream.Collectors.toList()));
    assertEquals(4, report.count(MIGRATED));
    assertEquals(1, report.count(MISSING));
    assertEquals(V1, Files.readString(outside.resolve("prompts.json")), "the link was not followed");
    assertEquals(V1, Files.readString(root.resolve("jobs/j1/prompts.json")));
    assertEquals(V1, Files.readString(root.resolve("a_scene/output/prompts.json")));

    MigrationReport single = m.migrateTree(root.resolve("a_scene"));
    assertEquals("prompts.json", single.results().get(0).path());
    assertEquals(ALREADY_V2, single.results().get(0).outcome());
  }

  @Test
  void aTreeRootMustBeAnExistingFolderAndTheDepthIsBounded() throws IOException {
    PromptMigrator m = PromptMigrator.create();
    assertThrows(NoSuchFileException.class, () -> m.migrateTree(tmp.resolve("nope")));
    Path file = Files.writeString(tmp.resolve("file.json"), "{}");
    assertThrows(NotDirectoryException.class, () -> m.migrateTree(file));
    assertThrows(NotDirectoryException.class, () -> m.verifyTree(file));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PromptMigrator.builder().maxDepth(33));
    assertEquals("maxDepth must be in 0..32: 33", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> PromptMigrator.builder().maxDepth(-1));
    assertEquals(PromptMigrator.DEFAULT_MAX_DEPTH, m.maxDepth());
    assertEquals(32, PromptMigrator.builder().maxDepth(32).build().maxDepth());
  }

  @Test
  void oneFailingSceneDoesNotStopTheOthers() throws IOException {
    Path root = Files.createDirectory(tmp.resolve("scenes"));
    scene(root, "s1", V1);
    scene(root, "s2", "{\"girl_pos\": ");
    scene(root, "s3", "{\"version\": 7}");
    scene(root, "s4", V1);
    MigrationReport report = PromptMigrator.create().migrateTree(root);
    assertEquals(List.of(MIGRATED, FAILED, FAILED, MIGRATED), outcomes(report));
    assertTrue(report.hasFailures());
    assertEquals(2, report.failures().size());
    assertTrue(report.failures().get(1).reason().contains("unsupported prompts.json version 7"));
    assertEquals("{\"girl_pos\": ", Files.readString(root.resolve("s2/prompts.json")));
  }

  @Test
  void theListenerHearsEveryFileInOrderWithItsCollection() throws IOException {
    Path root = Files.createDirectory(tmp.resolve("scenes"));
    scene(root, "x", V1);
    scene(root, "y", "{\"version\": 2, \"prompts\": {\"p\": \"q\"}}");
    List<String> heard = new ArrayList<>();
    PromptMigrator m =
        PromptMigrator.builder()
            .listener(
                new MigrationListener() {
                  @Override
                  public void started(int total) {
                    heard.add("started " + total);
                  }

                  @Override
                  public void fileDone(MigrationResult result) {
                    heard.add(result.path() + " " + result.outcome() + " " + (result.collection() != null));
                  }
                })
            .build();
    MigrationReport report = m.migrateTree(root);
    assertEquals(
        List.of("started 2", "x/prompts.json MIGRATED true", "y/prompts.json ALREADY_V2 true"), heard);
    assertTrue(report.results().stream().allMatch(r -> r.collection() == null), "the report keeps no collections");

    PromptMigrator throwing =
        PromptMigrator.builder()
            .listener(
                new MigrationListener() {
                  @Override
                  public void fileDone(MigrationResult result) {
                    throw new IllegalStateException("stop");
                  }
                })
            .build();
    assertThrows(IllegalStateException.class, () -> throwing.migrateTree(root));
    MigrationListener.NONE.started(1);
    MigrationListener.NONE.fileDone(report.results().get(0));
  }

  @Test
  void theReportCountsAndWritesStableJson() throws IOException {
    Path root = Files.createDirectory(tmp.resolve("scenes"));
    scene(root, "a", "{\"girl_pos\": \"x\"}");
    scene(root, "b", "{\"version\": 2}");
    Files.createDirectory(root.resolve("c"));
    Files.writeString(root.resolve("c/prompts.json.v1.backup"), "{}");
    InstantSource clock =
        new InstantSource() {
          Instant now = Instant.parse("2026-12-04T10:00:00Z");

          @Override
          public Instant instant() {
            Instant t = now;
            now = now.plusMillis(1500);
            return t;
          }
        };
    MigrationReport report = PromptMigrator.builder().clock(clock).build().migrateTree(root);
    assertEquals(Duration.ofMillis(1500), report.duration());
    assertEquals(3, report.total());
    assertFalse(report.hasFailures());
    assertEquals(List.of(), report.failures());
    assertEquals(
        Map.of(MIGRATED, 1, WOULD_MIGRATE, 0, ALREADY_V2, 1, MISSING, 1, FAILED, 0), report.counts());
    assertEquals(List.of(Outcome.values()), new ArrayList<>(report.counts().keySet()));
    String expected =
        "{\n"
            + "  \"root\": " + FbJson.writeCompact(root.toRealPath().toString()) + ",\n"
            + "  \"dry_run\": false,\n"
            + "  \"duration_ms\": 1500,\n"
            + "  \"total\": 3,\n"
            + "  \"counts\": {\n"
            + "    \"migrated\": 1,\n"
            + "    \"would_migrate\": 0,\n"
            + "    \"already_v2\": 1,\n"
            + "    \"missing\": 1,\n"
            + "    \"failed\": 0\n"
            + "  },\n"
            + "  \"results\": [\n"
            + "    {\n"
            + "      \"path\": \"a/prompts.json\",\n"
            + "      \"outcome\": \"migrated\",\n"
            + "      \"reason\": null,\n"
            + "      \"backup\": \"a/prompts.json.v1.backup\",\n"
            + "      \"backup_created\": true,\n"
            + "      \"warnings\": []\n"
            + "    },\n"
            + "    {\n"
            + "      \"path\": \"b/prompts.json\",\n"
            + "      \"outcome\": \"already_v2\",\n"
            + "      \"reason\": null,\n"
            + "      \"backup\": null,\n"
            + "      \"backup_created\": false,\n"
            + "      \"warnings\": []\n"
            + "    },\n"
            + "    {\n"
            + "      \"path\": \"c/prompts.json\",\n"
            + "      \"outcome\": \"missing\",\n"
            + "      \"reason\": \"no prompts.json, but prompts.json.v1.backup exists (rollback restores it)\",\n"
            + "      \"backup\": \"c/prompts.json.v1.backup\",\n"
            + "      \"backup_created\": false,\n"
            + "      \"warnings\": []\n"
            + "    }\n"
            + "  ]\n"
            + "}\n";
    assertEquals(expected, report.toJson());
    assertEquals(FbJson.parseObject(report.toJson()), FbJson.parseObject(report.toJson()));

    MigrationResult single = PromptMigrator.create().migrate(root.resolve("a"));
    MigrationReport ofSingle =
        new MigrationReport(root, false, List.of(single), Duration.ZERO);
    assertTrue(
        ofSingle
            .toJson()
            .contains("\"backup\": " + FbJson.writeCompact(root.resolve("a/prompts.json.v1.backup").toString())),
        "a single file's backup is given as its path is: " + ofSingle.toJson());
    assertThrows(
        IllegalArgumentException.class,
        () -> new MigrationReport(root, false, List.of(), Duration.ofMillis(-1)));
  }

  @Test
  void resultsValidateTheirComponents() {
    Path f = tmp.resolve("prompts.json");
    assertThrows(
        IllegalArgumentException.class,
        () -> new MigrationResult("p", f, FAILED, null, null, false, null));
    MigrationResult ok = new MigrationResult("p", f, MIGRATED, null, null, false, PromptCollection.empty());
    MigrationResult stripped = ok.withoutCollection();
    assertNull(stripped.collection());
    assertSame(stripped, stripped.withoutCollection());
    assertEquals("p: failed: why", new MigrationResult("p", f, FAILED, "why", null, false, null).toString());
    assertEquals("already_v2", ALREADY_V2.jsonName());
    assertThrows(
        IllegalArgumentException.class,
        () -> new RollbackResult("p", f, RollbackResult.Outcome.FAILED, null, null));
    assertEquals("would_roll_back", RollbackResult.Outcome.WOULD_ROLL_BACK.jsonName());
    assertThrows(
        IllegalArgumentException.class,
        () -> new VerificationResult("p", f, VerificationResult.Status.OK, List.of("a problem")));
    assertThrows(
        IllegalArgumentException.class,
        () -> new VerificationResult("p", f, VerificationResult.Status.WARNING, List.of()));
  }

  static List<Outcome> outcomes(MigrationReport report) {
    List<Outcome> out = new ArrayList<>();
    report.results().forEach(r -> out.add(r.outcome()));
    return out;
  }

  /**
   * Issue 10 item 11: a version 1 file whose keys are version 2 field names migrates to a file the
   * reference's scene loader cannot read; the scene is reported migrated with a warning naming
   * the keys, in the result, the JSON report and verify.
   */
  @Test
  void promptsNamedAfterVersion2FieldsMigrateWithAWarning() throws IOException {
    Path root = Files.createDirectory(tmp.resolve("scenes"));
    Path dir =
        scene(root, "odd", "{\"girl_pos\": \"a\", \"scene_flags\": \"x\", \"prompts\": \"y\","
            + " \"version\": 1}");
    scene(root, "plain", V1);
    MigrationResult dry = PromptMigrator.builder().dryRun(true).build().migrate(dir);
    assertEquals(WOULD_MIGRATE, dry.outcome());
    assertEquals(1, dry.warnings().size());
    MigrationReport report = PromptMigrator.create().migrateTree(root);
    MigrationResult odd = report.results().get(0);
    assertEquals(MIGRATED, odd.outcome());
    assertEquals(1, odd.warnings().size(), odd::toString);
    String warning = odd.warnings().get(0);
    assertTrue(warning.startsWith("prompts named after version 2 fields (prompts, scene_flags)"), warning);
    assertTrue(odd.toString().contains("; warning: prompts named after"), odd::toString);
    assertEquals(List.of(), report.results().get(1).warnings());
    assertFalse(report.hasFailures());
    Map<String, Object> json = FbJson.parseObject(report.toJson());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> results = (List<Map<String, Object>>) json.get("results");
    assertEquals(List.of(warning), results.get(0).get("warnings"));
    assertEquals(List.of(), results.get(1).get("warnings"));
    assertEquals(List.of("girl_pos", "prompts", "scene_flags"),
        PromptFiles.create().read(dir).promptNames(), "this library reads them");
    VerificationResult v = PromptMigrator.create().verify(dir);
    assertEquals(VerificationResult.Status.WARNING, v.status(), v::toString);
    assertEquals(List.of(warning), v.problems());
    MigrationResult again = PromptMigrator.create().migrate(dir);
    assertEquals(ALREADY_V2, again.outcome());
    assertEquals(List.of(warning), again.warnings());
    assertEquals(odd, odd.withoutCollection().withoutCollection());
  }
}
