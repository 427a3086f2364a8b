package io.github.fbtools.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.files.AtomicFiles;
import io.github.fbtools.core.json.FbJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyRollbackCommandTest {
  @TempDir Path tmp;
  private Path scenes;
  private String real;
  private CliEnv env;

  @BeforeEach
  void migratedSample() throws IOException {
    SampleStory.copyTo(tmp, AtomicFiles.create());
    scenes = tmp.resolve("scenes");
    real = scenes.toRealPath().toString();
    env = CliRun.env(tmp);
    CliRun.run(env, "migrate", scenes.toString()).assertOk();
  }

  @Test
  void verifyAfterMigration() {
    CliRun r = CliRun.run(env, "verify", scenes.toString()).assertOk();
    assertEquals(
        "Verified " + real + "\n"
            + "  FILE                  STATUS  PROBLEMS\n"
            + "  chase/prompts.json    ok\n"
            + "  ending/prompts.json   ok\n"
            + "  meeting/prompts.json  ok\n"
            + "  opening/prompts.json  ok\n"
            + "4 scenes: 4 ok, 0 warning, 0 failed\n",
        r.out());
  }

  @Test
  @SuppressWarnings("unchecked")
  void verifyFindsWarningsAndFailures() throws IOException {
    Files.delete(scenes.resolve("opening/prompts.json.v1.backup"));
    TestFiles.write(scenes.resolve("ending/prompts.json"), "{\"girl_pos\": \"a v1 file\"}");
    CliRun r = CliRun.run(env, "verify", scenes.toString());
    assertEquals(Fbtools.EXIT_FAILED, r.code(), r::toString);
    assertTrue(r.out().contains("  ending/prompts.json   failed"), r::toString);
    assertTrue(r.out().contains("  opening/prompts.json  warning"), r::toString);
    assertTrue(r.out().endsWith("4 scenes: 2 ok, 1 warning, 1 failed\n"), r::toString);

    CliRun j = CliRun.run(env, "verify", "--json", scenes.toString());
    assertEquals(Fbtools.EXIT_FAILED, j.code(), j::toString);
    Map<String, Object> doc = FbJson.parseObject(j.out());
    assertEquals(real, doc.get("root"));
    assertEquals(4L, doc.get("total"));
    assertEquals(Map.of("ok", 2L, "warning", 1L, "failed", 1L), doc.get("counts"));
    List<Map<String, Object>> results = (List<Map<String, Object>>) doc.get("results");
    assertEquals("ending/prompts.json", results.get(1).get("path"));
    assertEquals("failed", results.get(1).get("status"));
    assertFalse(((List<?>) results.get(1).get("problems")).isEmpty());
    assertEquals(List.of(), results.get(0).get("problems"));

    // Only warnings: exit 0.
    TestFiles.write(scenes.resolve("ending/prompts.json"),
        SampleStory.bytes("scenes/ending/prompts.json"));
    CliRun w = CliRun.run(env, "verify", scenes.toString()).assertOk();
    assertTrue(w.out().endsWith("4 scenes: 3 ok, 1 warning, 0 failed\n"), w::toString);
  }

  @Test
  void rollbackRestoresTheVersion1Bytes() throws IOException {
    byte[] v2 = Files.readAllBytes(scenes.resolve("opening/prompts.json"));
    CliRun dry = CliRun.run(env, "rollback", "--dry-run", scenes.toString()).assertOk();
    assertTrue(dry.out().contains("  opening/prompts.json  would_roll_back"), dry::toString);
    assertArrayEquals(v2, Files.readAllBytes(scenes.resolve("opening/prompts.json")));

    CliRun r = CliRun.run(env, "rollback", scenes.toString()).assertOk();
    assertEquals(
        "Rolled back in " + real + "\n"
            + "  FILE                  OUTCOME      KEPT AS / REASON\n"
            + "  chase/prompts.json    rolled_back  prompts.json.v2.rollback\n"
            + "  opening/prompts.json  rolled_back  prompts.json.v2.rollback\n"
            + "  ending/prompts.json   skipped      no prompts.json.v1.backup\n"
            + "  meeting/prompts.json  skipped      no prompts.json.v1.backup\n"
            + "2 scenes with a backup, 2 skipped\n",
        r.out());
    for (String scene : List.of("opening", "chase")) {
      assertArrayEquals(
          SampleStory.bytes("scenes/" + scene + "/prompts.json"),
          Files.readAllBytes(scenes.resolve(scene).resolve("prompts.json")));
      assertTrue(Files.exists(scenes.resolve(scene).resolve("prompts.json.v1.backup")));
    }
    assertArrayEquals(v2, Files.readAllBytes(scenes.resolve("opening/prompts.json.v2.rollback")));

    // Again: nothing to do. Migrating again reuses the backups.
    CliRun again = CliRun.run(env, "rollback", scenes.toString()).assertOk();
    assertTrue(again.out().contains("not_needed"), again::toString);
    CliRun m = CliRun.run(env, "migrate", scenes.toString()).assertOk();
    assertTrue(m.out().contains("opening/prompts.json  migrated    prompts.json.v1.backup (kept)"),
        m::toString);
  }

  @Test
  @SuppressWarnings("unchecked")
  void rollbackJson() throws IOException {
    CliRun r =
        CliRun.run(env, "rollback", "--json", scenes.resolve("opening").toString()).assertOk();
    Map<String, Object> doc = FbJson.parseObject(r.out());
    assertEquals(scenes.resolve("opening").toRealPath().toString(), doc.get("root"));
    assertEquals(false, doc.get("dry_run"));
    List<Map<String, Object>> results = (List<Map<String, Object>>) doc.get("results");
    assertEquals(1, results.size());
    assertEquals("prompts.json", results.get(0).get("path"));
    assertEquals("rolled_back", results.get(0).get("outcome"));
    assertEquals("prompts.json.v2.rollback", results.get(0).get("set_aside"));
    assertEquals(List.of(), doc.get("skipped"));
  }

  @Test
  void rollbackFailureIsReported() throws IOException {
    // A backup that is not a version 1 file cannot be restored.
    TestFiles.write(scenes.resolve("opening/prompts.json.v1.backup"), "not json");
    CliRun r = CliRun.run(env, "rollback", scenes.toString());
    assertEquals(Fbtools.EXIT_FAILED, r.code(), r::toString);
    assertTrue(r.out().contains("  opening/prompts.json  failed"), r::toString);
  }

  @Test
  void badArguments() {
    CliRun.run(env, "verify").assertUsageError("fbtools verify: missing PATH");
    CliRun.run(env, "verify", tmp.resolve("nope").toString()).assertUsageError("PATH not found");
    CliRun.run(env, "rollback").assertUsageError("fbtools rollback: missing PATH");
    CliRun.run(env, "rollback", tmp.resolve("nope").toString())
        .assertUsageError("PATH not found");
    CliRun.run(env, "rollback", scenes.toString(), "--all").assertUsageError("unknown option");
  }
}
