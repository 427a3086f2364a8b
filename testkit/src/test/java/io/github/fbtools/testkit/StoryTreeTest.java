package io.github.fbtools.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.PromptMetadata;
import io.github.fbtools.core.SceneInStory;
import io.github.fbtools.core.StoryInfo;
import io.github.fbtools.core.files.LibberFiles;
import io.github.fbtools.core.files.PromptFiles;
import io.github.fbtools.core.files.SceneFiles;
import io.github.fbtools.core.files.StoryFiles;
import io.github.fbtools.core.json.FbJson;
import io.github.fbtools.migration.MigrationReport;
import io.github.fbtools.migration.MigrationResult;
import io.github.fbtools.migration.PromptMigrator;
import io.github.fbtools.migration.VerificationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generated story folders load through the library, migrate and verify cleanly. */
class StoryTreeTest {
  @TempDir Path tmp;

  @Test
  void generatedStoryTreesLoadMigrateAndVerifyCleanly() throws IOException {
    int v1Total = 0;
    int legacyLoras = 0;
    int stacks = 0;
    for (long seed = 0; seed < 12; seed++) {
      int count = (int) (seed % 4) * 4;
      Path dir = tmp.resolve("tree" + seed);
      Path storyDir = FbGen.of(seed).storyTree(dir, count);
      Path scenes = dir.resolve("scenes");
      assertEquals(dir.resolve("stories"), storyDir.getParent());

      StoryInfo story =
          StoryFiles.create()
              .load(dir.resolve("stories"), storyDir.getFileName().toString())
              .orElseThrow()
              .story();
      List<String> sceneNames = SceneFiles.create().list(scenes);
      assertEquals(count, sceneNames.size());
      List<String> inStory = new ArrayList<>();
      for (SceneInStory s : story.scenesInOrder()) {
        inStory.add(s.sceneName());
      }
      assertEquals(sceneNames, inStory);

      int v1 = 0;
      for (String name : sceneNames) {
        Path sceneDir = scenes.resolve(name);
        SceneFiles.create().load(scenes, name).orElseThrow();
        PromptFiles.Loaded prompts = PromptFiles.create().load(sceneDir);
        if (prompts.state() == PromptFiles.State.V1) {
          v1++;
        }
        legacyLoras += Files.exists(sceneDir.resolve(SceneFiles.LEGACY_LORAS_FILE)) ? 1 : 0;
        stacks += Files.exists(sceneDir.resolve(SceneFiles.LORA_STACK_FILE)) ? 1 : 0;
        for (PromptMetadata m : prompts.collection().prompts().values()) {
          if (m.libberName() != null) {
            assertTrue(
                LibberFiles.create().load(dir.resolve("libbers"), m.libberName()).isPresent(),
                m.libberName());
          }
        }
      }
      v1Total += v1;

      PromptMigrator migrator = PromptMigrator.create();
      MigrationReport report = migrator.migrateTree(scenes);
      assertFalse(report.hasFailures(), report::toJson);
      assertEquals(v1, report.count(MigrationResult.Outcome.MIGRATED), report::toJson);
      assertEquals(count - v1, report.count(MigrationResult.Outcome.ALREADY_V2), report::toJson);
      for (VerificationResult v : migrator.verifyTree(scenes)) {
        assertEquals(VerificationResult.Status.OK, v.status(), v::toString);
      }
      MigrationReport again = migrator.migrateTree(scenes);
      assertEquals(0, again.count(MigrationResult.Outcome.MIGRATED), again::toJson);
    }
    assertTrue(v1Total > 3, "v1 scenes: " + v1Total);
    assertTrue(legacyLoras > 3 && stacks > 3, legacyLoras + " loras.json, " + stacks + " stacks");
  }

  @Test
  void theStoryFileIsWhatSaveStoryWrites() throws IOException {
    Path storyDir = FbGen.of(3).storyTree(tmp, 3);
    String text = Files.readString(storyDir.resolve(StoryFiles.FILE_NAME));
    assertFalse(text.endsWith("\n"));
    Map<String, Object> doc = FbJson.parseObject(text);
    assertEquals(List.of("version", "story_name", "story_dir", "scenes"), List.copyOf(doc.keySet()));
    @SuppressWarnings("unchecked")
    Map<String, Object> first = (Map<String, Object>) ((List<?>) doc.get("scenes")).get(0);
    assertEquals(
        List.of(
            "scene_name", "scene_order", "mask_name", "mask_background", "prompt_source",
            "prompt_key", "custom_prompt", "video_prompt_source", "video_prompt_key",
            "video_custom_prompt", "depth_type", "pose_type", "use_depth", "use_mask", "use_pose",
            "use_canny"),
        List.copyOf(first.keySet()));
    assertEquals(text, PythonJson.dumps(doc, 2));
  }

  @Test
  void theSameSeedWritesTheSameBytes() throws IOException {
    FbGen.of(77).storyTree(tmp.resolve("a"), 9);
    FbGen.of(77).storyTree(tmp.resolve("b"), 9);
    FbGen.of(78).storyTree(tmp.resolve("c"), 9);
    Map<String, byte[]> a = files(tmp.resolve("a"));
    Map<String, byte[]> b = files(tmp.resolve("b"));
    assertEquals(a.keySet(), b.keySet());
    for (String k : a.keySet()) {
      assertArrayEquals(a.get(k), b.get(k), k);
    }
    assertFalse(a.keySet().equals(files(tmp.resolve("c")).keySet()));
  }

  @Test
  void sceneCountsOutOfRangeAreRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FbGen.of(1).storyTree(tmp, -1));
    assertEquals("scenes must be in 0..10000: -1", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> FbGen.of(1).storyTree(tmp, 10_001));
    assertThrows(IllegalArgumentException.class, () -> FbGen.of(1).promptsJson(-1));
    assertThrows(IllegalArgumentException.class, () -> FbGen.of(1).libber(-3));
  }

  @Test
  void anEmptyCollectionAndAnEmptyLibberAtSizeZero() {
    for (long seed = 0; seed < 50; seed++) {
      PromptCollection c = FbGen.of(seed).promptCollection(0);
      assertTrue(c.prompts().isEmpty(), c::toString);
      assertTrue(FbGen.of(seed).libber(0).libs().isEmpty());
      assertEquals("", FbGen.of(seed).libberText(FbGen.of(seed).libber(0), 0));
    }
  }

  private static Map<String, byte[]> files(Path root) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (Files.isRegularFile(p)) {
          out.put(root.relativize(p).toString(), Files.readAllBytes(p));
        }
      }
    }
    return out;
  }
}
