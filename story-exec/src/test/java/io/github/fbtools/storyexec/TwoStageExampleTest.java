package io.github.fbtools.storyexec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.fbtools.core.Libber;
import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.PromptMetadata;
import io.github.fbtools.core.SceneInStory;
import io.github.fbtools.core.StoryInfo;
import io.github.fbtools.core.files.AtomicFiles;
import io.github.fbtools.core.files.LibberFiles;
import io.github.fbtools.core.files.PromptFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's two-stage example, compiled and run. Keep the two in sync. */
class TwoStageExampleTest {

  @TempDir Path tmp;

  /** Stands in for the image model. */
  static ImageTensor render(String prompt, int variant) {
    float[] data = new float[3];
    data[0] = (prompt.length() % 256) / 255f;
    data[1] = variant / 255f;
    return new ImageTensor(data, 1, 1, 1, 3);
  }

  /** Stands in for the video model. */
  static byte[] renderVideo(Path firstFrame, Path lastFrame) {
    return (firstFrame.getFileName() + " -> " + lastFrame.getFileName())
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void readmeExample() throws IOException {
    Path storyRoot = Files.createDirectories(tmp.resolve("stories/my_story"));
    Path scenesRoot = Files.createDirectories(tmp.resolve("scenes"));
    Path libberDir = Files.createDirectories(tmp.resolve("libbers"));
    LibberFiles.create()
        .write(libberDir, "noir", Libber.of(Map.of("courier", "a courier in a yellow raincoat")));
    for (String name : List.of("opening", "action", "finale")) {
      PromptFiles.create()
          .write(
              Files.createDirectory(scenesRoot.resolve(name)),
              PromptCollection.empty()
                  .withPrompt(
                      "girl_pos",
                      PromptMetadata.of("%courier%, " + name + " shot")
                          .withProcessingType(PromptMetadata.LIBBER)
                          .withLibberName("noir")));
    }
    StoryInfo story =
        StoryInfo.of(
            "my_story",
            "",
            List.of(
                SceneInStory.builder("opening", 0).promptKey("girl_pos").build(),
                SceneInStory.builder("action", 1).promptKey("girl_pos").build(),
                SceneInStory.builder("finale", 2).promptKey("girl_pos").build()));
    ImageTensor sourceImage = render("source", 0);

    // --- README snippet starts ---
    // Stage 1: start an execution, then render two variants of every scene into it.
    AtomicFiles files = AtomicFiles.create();
    ExecutionContext exec =
        ExecutionInit.create()
            .init(storyRoot, "my_story", "job1", null, sourceImage, story.scenes().size());
    StorySceneBatch batch =
        StorySceneBatch.builder(story)
            .scenesRoot(scenesRoot)
            .libbers(LibberFiles.create().source(libberDir)) // libbers/<name>.json
            .execution(exec)
            .load();
    batch.missingLibbers().forEach((scene, names) ->
        System.err.println(scene + ": no Libber " + names + ", its prompts are used raw"));
    for (SceneDescriptor scene : batch.descriptors()) {
      for (int variant = 0; variant < 2; variant++) {
        String name = StoryImageNamer.prefix(scene.sceneOrder(), scene.sceneName(), variant);
        ResolvedPaths png = StoryPathResolver.resolve(exec.imagesDir(), name, "png", exec.storyRoot());
        files.write(png.absFilepath(), TensorPng.encode(render(scene.prompts().positive(), variant)));
      }
    }

    // Stage 2 (later, perhaps in another process): one video per pair of consecutive scenes.
    ExecutionContext stage2 = ExecutionContext.open(storyRoot, "job1", exec.execId());
    for (SceneTransition t : StoryImageCollector.collect(stage2.imagesDir()).transitions()) {
      ResolvedPaths mp4 =
          StoryVideoPathResolver.resolve(stage2.videosDir(), t.videoPrefix(), stage2.storyRoot());
      files.write(mp4.absFilepath(), renderVideo(t.firstFrame(), t.nextFirstFrame()));
    }
    // --- README snippet ends ---

    try (Stream<Path> videos = Files.list(stage2.videosDir())) {
      assertEquals(
          List.of("000_opening_to_001_action.mp4", "001_action_to_002_finale.mp4"),
          videos.map(p -> p.getFileName().toString()).sorted().toList());
    }
    assertEquals(
        "000_opening_00.png -> 001_action_00.png",
        Files.readString(stage2.videosDir().resolve("000_opening_to_001_action.mp4")));
    assertEquals(6, StoryImageCollector.collect(exec.imagesDir()).count());
    assertEquals(Map.of(), batch.missingLibbers());
    assertEquals(
        "a courier in a yellow raincoat, opening shot",
        batch.descriptors().get(0).prompts().positive(),
        "the Libber came from libbers/noir.json");
  }

  /**
   * Issue 10 item 18: the README's snippet is this test's, character for character (indentation
   * aside), so the README example is compiled and run.
   */
  @Test
  void theReadmeShowsThisTestsSnippet() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    int section = readme.indexOf("## Two-stage story runs");
    int start = readme.indexOf("```java\n", section) + "```java\n".length();
    int end = readme.indexOf("```\n", start);
    String shown = readme.substring(start, end);
    String source =
        Files.readString(
            Path.of("src/test/java/io/github/fbtools/storyexec/TwoStageExampleTest.java"),
            StandardCharsets.UTF_8);
    int from = source.indexOf("// --- README snippet starts ---\n");
    int to = source.indexOf("// --- README snippet ends ---");
    from = source.indexOf('\n', from) + 1;
    String tested = source.substring(from, source.lastIndexOf('\n', to) + 1);
    assertEquals(unindent(shown), unindent(tested));
  }

  /** The lines without their common leading spaces. */
  private static String unindent(String block) {
    List<String> lines = block.lines().toList();
    int indent = Integer.MAX_VALUE;
    for (String l : lines) {
      if (!l.isBlank()) {
        indent = Math.min(indent, l.length() - l.stripLeading().length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String l : lines) {
      sb.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
    }
    return sb.toString();
  }
}
