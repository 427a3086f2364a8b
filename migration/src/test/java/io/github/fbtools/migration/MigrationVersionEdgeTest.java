package io.github.fbtools.migration;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * T1.10: version detection edges, through the migrator. The rule is ARCHITECTURE.md decision 3 (an
 * integer {@code version} decides; without one, an object or array under {@code prompts} or {@code
 * compositions} means version 2), which differs from the reference where the reference is unsafe:
 * {@code {"version": 2}} alone is version 2 here (the reference calls it version 1), {@code
 * {"version": "2"}} is an error here (the reference's rules disagree on it). A migrated file keeps
 * every original key in {@code v1_backup} and every original byte in the backup file; a refused
 * file is left untouched.
 */
class MigrationVersionEdgeTest {
  @TempDir Path tmp;

  static Stream<Arguments> cases() {
    return Stream.of(
        migrated("empty object", "{}", List.of()),
        migrated("a key named prompts holding a string", "{\"prompts\": \"a string\"}", List.of("prompts")),
        migrated(
            "explicit version 1 with container prompts and compositions",
            "{\"version\": 1, \"prompts\": [\"a\"], \"compositions\": {\"x\": [\"y\"]}, \"girl_pos\": \"g\"}",
            List.of("girl_pos")),
        migrated(
            "non-string values",
            "{\"girl_pos\": \"a\", \"n\": 1, \"f\": 1.5, \"b\": true, \"z\": null, \"l\": [1],"
                + " \"o\": {\"k\": \"v\"}, \"big\": 123456789012345678901234567890}",
            List.of("girl_pos")),
        migrated(
            "empty and whitespace values",
            "{\"girl_pos\": \"\", \"male_pos\": \"  \", \"wan_prompt\": \"\\n\"}",
            List.of("male_pos", "wan_prompt")),
        migrated("null version", "{\"version\": null, \"girl_pos\": \"x\"}", List.of("girl_pos")),
        migrated("null compositions", "{\"compositions\": null, \"girl_pos\": \"x\"}", List.of("girl_pos")),
        migrated(
            "keys named like version 2 fields",
            "{\"v1_backup\": \"s\", \"scene_flags\": \"t\", \"\": \"empty key\"}",
            List.of("", "scene_flags", "v1_backup")),
        migrated("byte-order mark", "\ufeff{\"girl_pos\": \"x\"}", List.of("girl_pos")),
        migrated("non-ASCII keys", "{\"cl\u00e9\": \"v\", \"\ud83d\ude00\": \"w\"}", List.of("cl\u00e9", "\ud83d\ude00")),
        already("version 2 alone", "{\"version\": 2}"),
        already("compositions object without version", "{\"compositions\": {}}"),
        already("prompts object without version", "{\"prompts\": {\"a\": \"b\"}}"),
        refused("version as a string", "{\"version\": \"2\"}", "version must be an integer"),
        refused("version as a float", "{\"version\": 1.0, \"a\": \"b\"}", "version must be an integer"),
        refused("version as a boolean", "{\"version\": true}", "version must be an integer"),
        refused("unsupported version", "{\"version\": 3}", "unsupported prompts.json version 3"),
        refused(
            "prompts array of strings without version (version 2 by the rule)",
            "{\"prompts\": [\"a\", \"b\"]}",
            "prompt array item must be an object"),
        refused("duplicate keys", "{\"girl_pos\": \"x\", \"girl_pos\": \"y\"}", "uplicate"),
        refused("top-level array", "[{\"girl_pos\": \"x\"}]", ""),
        refused("empty file", "", ""),
        refused("trailing text", "{\"a\": \"b\"} x", ""));
  }

  private static Arguments migrated(String name, String text, List<String> prompts) {
    return Arguments.of(name, text, Outcome.MIGRATED, prompts, "");
  }

  private static Arguments already(String name, String text) {
    return Arguments.of(name, text, Outcome.ALREADY_V2, List.of(), "");
  }

  private static Arguments refused(String name, String text, String why) {
    return Arguments.of(name, text, Outcome.FAILED, List.of(), why);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void edge(String name, String text, Outcome expected, List<String> prompts, String why)
      throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("scene"));
    byte[] original = text.getBytes(StandardCharsets.UTF_8);
    Files.write(dir.resolve("prompts.json"), original);
    MigrationResult r = PromptMigrator.create().migrate(dir);
    assertEquals(expected, r.outcome(), r::toString);
    if (expected != Outcome.MIGRATED) {
      assertArrayEquals(original, Files.readAllBytes(dir.resolve("prompts.json")), "untouched");
      assertEquals(List.of("prompts.json"), MigrationInvariant.names(dir));
      if (expected == Outcome.FAILED) {
        assertTrue(r.reason().startsWith("left untouched: " + dir.resolve("prompts.json")), r.reason());
        assertTrue(r.reason().contains(why), r.reason());
      }
      return;
    }
    assertArrayEquals(original, Files.readAllBytes(dir.resolve("prompts.json.v1.backup")));
    PromptCollection c = PromptFiles.create().read(dir);
    assertEquals(prompts, c.promptNames());
    Map<String, Object> backup = c.v1Backup().orElseThrow();
    Map<String, Object> parsed = FbJson.parseObject(original);
    assertEquals(parsed, backup);
    assertEquals(
        List.copyOf(parsed.keySet()), List.copyOf(backup.keySet()), "every key, in order");
    Map<String, Object> nonEmptyStrings = new LinkedHashMap<>();
    parsed.forEach(
        (k, v) -> {
          if (v instanceof String && !((String) v).isEmpty()) {
            nonEmptyStrings.put(k, v);
          }
        });
    nonEmptyStrings.forEach((k, v) -> assertEquals(v, c.promptValue(k).orElseThrow()));
    assertTrue(MigrationInvariant.verifiedClean(PromptMigrator.create().verify(dir)));
    assertEquals(Outcome.ALREADY_V2, PromptMigrator.create().migrate(dir).outcome());
  }
}
