package io.github.fbtools.storyexec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.Libber;
import io.github.fbtools.core.LibberSource;
import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.PromptMetadata;
import io.github.fbtools.core.SceneInStory;
import io.github.fbtools.core.StoryInfo;
import io.github.fbtools.core.files.AtomicFiles;
import io.github.fbtools.core.files.PromptFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stage 1 → Stage 2 for a 5-scene story: init an execution, describe the scenes, write 2 variants
 * per scene through the namer and resolver, then (from the metadata alone) collect, pair and name
 * the 4 videos.
 */
class StoryExecutionFlowTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-14T09:30:05Z"), ZoneOffset.UTC);

  @TempDir Path tmp;

  @Test
  void fiveScenesTwoVariantsFourVideos() throws IOException {
    Path stories = Files.createDirectory(tmp.resolve("stories"));
    Path storyRoot = Files.createDirectory(stories.resolve("Lil Tale"));
    Path scenesRoot = Files.createDirectory(tmp.resolve("scenes"));
    AtomicFiles files = AtomicFiles.create();
    PromptFiles promptFiles = PromptFiles.using(files);

    // Scenes in story order 3, 0, 1, 4, 2 (so sorting matters), names with case and spaces.
    String[] names = {"Finale", "Opening", "The Walk", "Epilogue-1", "Café"};
    int[] orders = {3, 0, 1, 4, 2};
    List<SceneInStory> scenes = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      Path dir = Files.createDirectory(scenesRoot.resolve(names[i]));
      promptFiles.write(
          dir,
          PromptCollection.empty()
              .withPrompt("girl_pos", "girl in " + names[i])
              .withPrompt(
                  "style", PromptMetadata.of("%look%").withProcessingType("libber").withLibberName("looks"))
              .withComposition("full", List.of("girl_pos", "style")));
      scenes.add(
          SceneInStory.builder(names[i], orders[i])
              .sceneId("scene-" + i)
              .promptSource(i % 2 == 0 ? "composition" : "prompt")
              .promptKey(i % 2 == 0 ? "full" : "girl_pos")
              .build());
    }
    StoryInfo story = StoryInfo.of("Lil Tale", "/old/place/Lil Tale", scenes);
    LibberSource libbers = LibberSource.of(Map.of("looks", Libber.of(Map.of("look", "golden hour"))));

    // Stage 1.
    ImageTensor source = ExecutionInitTest.image(42);
    ExecutionContext exec =
        ExecutionInit.builder()
            .clock(CLOCK)
            .random(new SplittableRandom(1))
            .files(files)
            .build()
            .init(storyRoot, story.storyName(), "job1", null, source, story.scenes().size());
    assertTrue(exec.execId().value().startsWith("20260314_093005_"), exec.execId().value());
    StorySceneBatch batch =
        StorySceneBatch.builder(story).scenesRoot(scenesRoot).libbers(libbers).execution(exec).load();
    assertEquals(5, batch.sceneCount());

    List<String> written = new ArrayList<>();
    for (int index = 0; index < batch.sceneCount(); index++) {
      SceneDescriptor scene = StoryScenePick.pick(batch, index).orElseThrow();
      assertEquals(index, scene.sceneOrder());
      assertTrue(scene.hasExecution());
      Path imagesDir = java.util.Objects.requireNonNull(scene.execution()).imagesDir();
      assertEquals(exec.imagesDir(), imagesDir);
      String expectedPrompt =
          scene.prompts().source().equals("composition")
              ? "girl in " + scene.sceneName() + " golden hour"
              : "girl in " + scene.sceneName();
      assertEquals(expectedPrompt, scene.prompts().positive());
      for (int variant = 0; variant < 2; variant++) {
        String prefix = StoryImageNamer.prefix(scene.sceneOrder(), scene.sceneName(), variant);
        ResolvedPaths out =
            StoryPathResolver.resolve(imagesDir, prefix, "png", exec.storyRoot());
        assertEquals(
            "jobs/job1/executions/" + exec.execId() + "/images/" + prefix + ".png",
            out.relFilepath());
        files.write(out.absFilepath(), TensorPng.encode(ExecutionInitTest.image(index * 2 + variant)));
        written.add(out.basenameWithExt());
      }
    }
    assertEquals(
        List.of(
            "000_opening_00.png", "000_opening_01.png",
            "001_the_walk_00.png", "001_the_walk_01.png",
            "002_café_00.png", "002_café_01.png",
            "003_finale_00.png", "003_finale_01.png",
            "004_epilogue_1_00.png", "004_epilogue_1_01.png"),
        written);

    // Stage 2: only the story root, job id and exec id are carried over.
    ExecutionContext reopened = ExecutionContext.open(storyRoot, "job1", exec.execId());
    assertEquals(exec, reopened);
    assertEquals(5, reopened.sceneCount());
    CollectedImages collected = StoryImageCollector.collect(reopened.imagesDir());
    assertEquals(10, collected.count());
    assertEquals(0, collected.ignoredCount());
    assertEquals(
        List.of("opening", "the_walk", "café", "finale", "epilogue_1"),
        List.copyOf(collected.sceneGroups().keySet()));
    List<SceneTransition> transitions = collected.transitions();
    assertEquals(4, transitions.size());
    List<String> videos = new ArrayList<>();
    for (SceneTransition t : transitions) {
      assertEquals(0, t.from().variant());
      assertEquals(0, t.to().variant());
      ResolvedPaths video =
          StoryVideoPathResolver.resolve(reopened.videosDir(), t.videoPrefix(), reopened.storyRoot());
      byte[] bytes =
          (t.firstFrame().getFileName() + " -> " + t.nextFirstFrame().getFileName())
              .getBytes(StandardCharsets.UTF_8);
      files.write(video.absFilepath(), bytes);
      assertArrayEquals(bytes, Files.readAllBytes(video.absFilepath()));
      videos.add(video.relFilepath());
    }
    String base = "jobs/job1/executions/" + exec.execId() + "/videos/";
    assertEquals(
        List.of(
            base + "000_opening_to_001_the_walk.mp4",
            base + "001_the_walk_to_002_café.mp4",
            base + "002_café_to_003_finale.mp4",
            base + "003_finale_to_004_epilogue_1.mp4"),
        videos);

    // Everything lies inside the execution's folder (plus the scenes' prompts, written above,
    // and the job's input and output folders, which the batch creates as the reference does).
    Path jobRoot = exec.layout().jobRoot();
    try (Stream<Path> all = Files.walk(tmp)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        assertTrue(
            p.startsWith(exec.root()) || !p.startsWith(storyRoot) || exec.root().startsWith(p)
                || p.equals(jobRoot.resolve("input")) || p.equals(jobRoot.resolve("output")),
            p.toString());
      }
    }
    assertEquals(
        List.of("images", "input", "metadata.json", "videos"),
        ExecutionLayoutTest.listAll(exec.root()).stream()
            .filter(p -> p.getParent().equals(exec.root()))
            .map(p -> p.getFileName().toString())
            .toList());
  }
}
