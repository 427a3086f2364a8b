package io.github.fbtools.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.files.AtomicFiles;
import io.github.fbtools.core.json.FbJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrateCommandTest {
  @TempDir Path tmp;
  private Path scenes;
  private CliEnv env;

  @BeforeEach
  void sample() throws IOException {
    SampleStory.copyTo(tmp, AtomicFiles.create());
    scenes = tmp.resolve("scenes");
    env = CliRun.env(tmp);
  }

  private byte[] bytes(String scene, String file) throws IOException {
    return Files.readAllBytes(scenes.resolve(scene).resolve(file));
  }

  @Test
  void migratesTheVersion1FilesKeepingBackups() throws IOException {
    CliRun r = CliRun.run(env, "migrate", scenes.toString()).assertOk();
    String real = scenes.toRealPath().toString();
    assertTrue(
        r.out().startsWith(
            "  [1/4] chase/prompts.json: migrated (backup created)\n"
                + "  [2/4] ending/prompts.json: already_v2\n"),
        r::toString);
    assertTrue(
        r.out().contains(
            "Migrated " + real + "\n"
                + "  FILE                  OUTCOME     BACKUP / REASON\n"
                + "  chase/prompts.json    migrated    prompts.json.v1.backup (created)\n"
                + "  ending/prompts.json   already_v2\n"
                + "  meeting/prompts.json  already_v2\n"
                + "  opening/prompts.json  migrated    prompts.json.v1.backup (created)\n"
                + "4 files: 2 migrated, 2 already_v2, 0 failed ("),
        r::toString);
    for (String scene : List.of("opening", "chase")) {
      // The backup holds the Python-written bytes; the file is version 2 carrying them.
      byte[] original = SampleStory.bytes("scenes/" + scene + "/prompts.json");
      assertArrayEquals(original, bytes(scene, "prompts.json.v1.backup"), scene);
      PromptCollection migrated =
          PromptCollection.fromJson(new String(bytes(scene, "prompts.json"), UTF8));
      assertEquals(
          FbJson.parseObject(original), migrated.v1Backup().orElseThrow(), scene);
      assertEquals(
          2,
          PromptCollection.formatVersionOf(FbJson.parseObject(bytes(scene, "prompts.json"))));
    }
    for (String scene : List.of("meeting", "ending")) {
      assertArrayEquals(
          SampleStory.bytes("scenes/" + scene + "/prompts.json"), bytes(scene, "prompts.json"));
      assertFalse(Files.exists(scenes.resolve(scene).resolve("prompts.json.v1.backup")));
    }

    // A second run changes nothing.
    byte[] opening = bytes("opening", "prompts.json");
    CliRun again = CliRun.run(env, "migrate", scenes.toString()).assertOk();
    assertTrue(again.out().contains("4 files: 4 already_v2, 0 failed"), again::toString);
    assertArrayEquals(opening, bytes("opening", "prompts.json"));
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  /** Issue 10 item 16: a folder without any prompts.json says so instead of a silent "0 files". */
  @Test
  void aFolderWithoutPromptsFilesSaysSo() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("nothing here"));
    CliRun r = CliRun.run(env, "migrate", empty.toString()).assertOk();
    assertTrue(
        r.out().contains("\n  no prompts.json found: scene folders are looked for in "
            + empty.toRealPath() + " and up to 3 folders below it (jobs/ and hidden folders are"
            + " skipped)\n0 files: 0 failed"),
        r::toString);
    CliRun v = CliRun.run(env, "verify", empty.toString()).assertOk();
    assertTrue(v.out().contains("  no prompts.json found: "), v::toString);
  }

  /**
   * Issue 10 item 16: a failure in a read-only folder named the internal {@code
   * prompts.json.lock.<pid>.<token>.tmp}; it names the scene's file.
   */
  @Test
  void aReadOnlySceneFolderFailureNamesTheScenesFile() throws Exception {
    Path dir = scenes.resolve("opening");
    Process p = new ProcessBuilder("chattr", "+i", dir.toString()).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    org.junit.jupiter.api.Assumptions.assumeTrue(
        p.waitFor() == 0, "chattr +i is refused here (not ext4, or no e2fsprogs)");
    CliRun r;
    try {
      r = CliRun.run(env, "migrate", dir.toString());
    } finally {
      new ProcessBuilder("chattr", "-i", dir.toString()).start().waitFor();
    }
    assertEquals(Fbtools.EXIT_FAILED, r.code(), r::toString);
    String real = dir.toRealPath().resolve("prompts.json").toString();
    assertTrue(r.out().contains("Exception: " + real + ": taking its lock prompts.json.lock: "),
        r::toString);
    assertFalse(r.out().contains(".tmp"), r::toString);
  }

  /** Issue 10 item 11: prompts named after version 2 fields are migrated with a warning. */
  @Test
  void aSceneWithPromptsNamedAfterVersion2FieldsIsMigratedWithAWarning() throws IOException {
    Path odd = Files.createDirectories(tmp.resolve("odd").resolve("odd"));
    Files.writeString(odd.resolve("prompts.json"), "{\"scene_flags\": \"dark\", \"girl_pos\": \"a\"}");
    CliRun r = CliRun.run(env, "migrate", tmp.resolve("odd").toString()).assertOk();
    assertTrue(
        r.out().contains("  odd/prompts.json  migrated  prompts.json.v1.backup (created); warning:"
            + " prompts named after version 2 fields (scene_flags): "),
        r::toString);
    CliRun json = CliRun.run(env, "migrate", tmp.resolve("odd").toString(), "--json");
    assertEquals(Fbtools.EXIT_OK, json.code(), json::toString);
    assertTrue(json.out().contains("\"warnings\": [\n        \"prompts named after version 2 fields"
        + " (scene_flags)"), json::toString);
    CliRun verify = CliRun.run(env, "verify", tmp.resolve("odd").toString());
    assertEquals(Fbtools.EXIT_OK, verify.code(), verify::toString);
    assertTrue(verify.out().contains("prompts named after version 2 fields (scene_flags)"),
        verify::toString);
  }

  @Test
  void dryRunWritesNothing() throws IOException {
    CliRun r = CliRun.run(env, "migrate", "--dry-run", scenes.toString()).assertOk();
    assertTrue(r.out().contains("Dry run (nothing written) in "), r::toString);
    // issue 10 item 16: a backup it would create was labelled "(kept)"
    assertTrue(
        r.out().contains("  opening/prompts.json  would_migrate  prompts.json.v1.backup would be"
            + " created\n"),
        r::toString);
    assertFalse(r.out().contains("(kept)"), r::toString);
    assertTrue(r.out().contains("4 files: 2 would_migrate, 2 already_v2, 0 failed"), r::toString);
    assertArrayEquals(
        SampleStory.bytes("scenes/opening/prompts.json"), bytes("opening", "prompts.json"));
    assertFalse(Files.exists(scenes.resolve("opening/prompts.json.v1.backup")));
  }

  @Test
  @SuppressWarnings("unchecked")
  void jsonReportOnStdoutProgressOnStderr() {
    CliRun r = CliRun.run(env, "migrate", scenes.toString(), "--json");
    assertEquals(Fbtools.EXIT_OK, r.code(), r::toString);
    Map<String, Object> doc = FbJson.parseObject(r.out());
    assertEquals(false, doc.get("dry_run"));
    assertEquals(4L, doc.get("total"));
    assertEquals(2L, ((Map<String, Object>) doc.get("counts")).get("migrated"));
    List<Map<String, Object>> results = (List<Map<String, Object>>) doc.get("results");
    assertEquals("chase/prompts.json", results.get(0).get("path"));
    assertEquals("migrated", results.get(0).get("outcome"));
    assertEquals(true, results.get(0).get("backup_created"));
    assertEquals("chase/prompts.json.v1.backup", results.get(0).get("backup"));
    assertEquals(
        "  [1/4] chase/prompts.json: migrated (backup created)\n"
            + "  [2/4] ending/prompts.json: already_v2\n"
            + "  [3/4] meeting/prompts.json: already_v2\n"
            + "  [4/4] opening/prompts.json: migrated (backup created)\n",
        r.err());
  }

  @Test
  void progressBarOnATerminal() {
    CliEnv terminal =
        new CliEnv(true, Clock.systemUTC(), new SplittableRandom(1), tmp, CliRun.NEVER_AWAITED);
    CliRun r = CliRun.run(terminal, "migrate", scenes.toString()).assertOk();
    assertTrue(r.out().startsWith("\r[#######-----------------------] 1/4 chase/prompts.json"),
        r::toString);
    assertTrue(r.out().contains("\r[##############################] 4/4 opening/prompts.json"),
        r::toString);
    assertFalse(r.out().contains("[1/4]"), r::toString);
  }

  @Test
  void aCorruptFileIsReportedAndLeftUntouched() throws IOException {
    byte[] corrupt = "{\"girl_pos\": \"unterminated".getBytes(UTF8);
    TestFiles.write(scenes.resolve("chase/prompts.json"), corrupt);
    CliRun r = CliRun.run(env, "migrate", scenes.toString());
    assertEquals(Fbtools.EXIT_FAILED, r.code(), r::toString);
    assertEquals("", r.err());
    assertTrue(r.out().contains("  chase/prompts.json    failed"), r::toString);
    assertTrue(r.out().contains("4 files: 1 migrated, 2 already_v2, 1 failed"), r::toString);
    assertArrayEquals(corrupt, bytes("chase", "prompts.json"));
    assertFalse(Files.exists(scenes.resolve("chase/prompts.json.v1.backup")));
    // The other scenes went on.
    assertTrue(Files.exists(scenes.resolve("opening/prompts.json.v1.backup")));

    CliRun json = CliRun.run(env, "migrate", "--json", scenes.toString());
    assertEquals(Fbtools.EXIT_FAILED, json.code(), json::toString);
    Map<?, ?> counts = (Map<?, ?>) FbJson.parseObject(json.out()).get("counts");
    assertEquals(1L, counts.get("failed"));
    assertEquals(3L, counts.get("already_v2"));
  }

  @Test
  void aPromptsJsonFileMeansItsScene() throws IOException {
    CliRun r =
        CliRun.run(env, "migrate", scenes.resolve("opening/prompts.json").toString()).assertOk();
    assertTrue(r.out().contains("1 file: 1 migrated, 0 failed"), r::toString);
    assertArrayEquals(
        SampleStory.bytes("scenes/chase/prompts.json"), bytes("chase", "prompts.json"));
  }

  @Test
  void badArguments() throws IOException {
    CliRun.run(env, "migrate").assertUsageError("fbtools migrate: missing PATH");
    CliRun.run(env, "migrate", tmp.resolve("nope").toString()).assertUsageError("PATH not found");
    CliRun.run(env, "migrate", scenes.resolve("opening/loras.json").toString())
        .assertUsageError("PATH must be a folder or a prompts.json file");
    CliRun.run(env, "migrate", scenes.toString(), "--force").assertUsageError("unknown option");
    CliRun.run(env, "migrate", scenes.toString(), "x").assertUsageError("unexpected argument");
    CliRun.run(env, "migrate", scenes.toString(), "--jobs", "0")
        .assertUsageError("fbtools migrate: --jobs must be in 1..64: 0");
    CliRun.run(env, "migrate", scenes.toString(), "--jobs", "65")
        .assertUsageError("fbtools migrate: --jobs must be in 1..64: 65");
    CliRun.run(env, "migrate", scenes.toString(), "--jobs", "two")
        .assertUsageError("fbtools migrate: --jobs must be an integer");
    CliRun.run(env, "migrate", scenes.toString(), "--jobs")
        .assertUsageError("--jobs");
  }

  /** Issue 15: --jobs N migrates several scenes at a time; output and files are the same. */
  @Test
  void anyNumberOfJobsPrintsAndWritesTheSame() throws IOException {
    Path other = tmp.resolve("other");
    SampleStory.copyTo(other, AtomicFiles.create());
    Path otherScenes = other.resolve("scenes");
    for (int i = 0; i < 30; i++) {
      for (Path root : List.of(scenes, otherScenes)) {
        Path dir = Files.createDirectories(root.resolve(String.format("extra_%02d", i)));
        Files.writeString(dir.resolve("prompts.json"), "{\"girl_pos\": \"extra " + i + "\"}");
      }
    }
    CliRun one = CliRun.run(env, "migrate", scenes.toString(), "--jobs", "1").assertOk();
    CliRun eight = CliRun.run(env, "migrate", otherScenes.toString(), "--jobs", "8").assertOk();
    assertEquals(
        withoutRootAndTime(one.out(), scenes), withoutRootAndTime(eight.out(), otherScenes));
    assertTrue(eight.out().contains("34 files: 32 migrated, 2 already_v2, 0 failed"), eight::toString);
    assertTrue(
        eight.out().startsWith("  [1/34] chase/prompts.json: migrated (backup created)\n"
            + "  [2/34] ending/prompts.json: already_v2\n"
            + "  [3/34] extra_00/prompts.json: migrated (backup created)\n"),
        "progress is per file, in the report's order: " + eight.out());
    for (int i = 0; i < 30; i++) {
      String scene = String.format("extra_%02d", i);
      for (String file : List.of("prompts.json", "prompts.json.v1.backup")) {
        assertArrayEquals(
            Files.readAllBytes(scenes.resolve(scene).resolve(file)),
            Files.readAllBytes(otherScenes.resolve(scene).resolve(file)),
            scene + "/" + file);
      }
    }
    CliRun help = CliRun.run(env, "migrate", "--help").assertOk();
    assertTrue(help.out().contains("--jobs N    migrate up to N scenes at a time"), help::toString);
  }

  private static String withoutRootAndTime(String out, Path root) throws IOException {
    return out.replace(root.toRealPath().toString(), "ROOT").replaceAll("\\(\\d+ ms\\)", "(T ms)");
  }
}
