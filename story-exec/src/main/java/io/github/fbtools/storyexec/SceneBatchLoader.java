package io.github.fbtools.storyexec;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.github.fbtools.core.LibberSource;
import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.SceneInStory;
import io.github.fbtools.core.StoryInfo;
import io.github.fbtools.core.files.AtomicFiles;
import io.github.fbtools.core.files.SafeNames;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import javax.annotation.Nullable;

/**
 * Loads a {@link StorySceneBatch} by the rules of its class description: checks every name,
 * resolves the folders below the real roots, reads each scene's prompts once, finds its input
 * image ({@link SceneInputImages}), describes each scene, and finally (unless read-only) creates
 * the job's {@code input} and {@code output} folders through the atomic writer.
 *
 * <p>Stateless and thread-safe.
 */
final class SceneBatchLoader {
  /** The five legacy prompts of {@code prompt_data}, in the reference's order. */
  static final List<String> PROMPT_DATA_KEYS =
      List.of("girl_pos", "male_pos", "four_image_prompt", "wan_prompt", "wan_low_prompt");

  private SceneBatchLoader() {}

  /**
   * What one load needs, as {@link StorySceneBatch.Builder} collected it.
   *
   * @param story the story
   * @param scenesRoot the folder of scene folders
   * @param storyRoot the story's folder
   * @param jobId the job id, {@code ""} for a new one
   * @param prompts where scenes' prompts come from
   * @param libbers where Libbers come from
   * @param execution the execution the descriptors carry, or null
   * @param files the atomic writer the job's folders are created through
   * @param random draws a new job id
   * @param readOnly whether the load creates no folder
   */
  record Request(
      StoryInfo story,
      Path scenesRoot,
      Path storyRoot,
      String jobId,
      ScenePromptLoader prompts,
      LibberSource libbers,
      @Nullable ExecutionContext execution,
      AtomicFiles files,
      RandomGenerator random,
      boolean readOnly) {}

  /** Loads the batch a request describes. */
  static StorySceneBatch load(Request r) throws IOException {
    String job = r.jobId().isEmpty() ? StoryJobs.newJobId(r.storyRoot(), r.random()) : r.jobId();
    SafeNames.validate(SafeNames.Kind.JOB, job);
    List<SceneInStory> ordered = r.story().scenesInOrder();
    for (SceneInStory scene : ordered) {
      SafeNames.validate(SafeNames.Kind.SCENE, scene.sceneName());
    }
    Path realStory = ExecutionLayout.realStoryRoot(r.storyRoot());
    ExecutionContext execution = r.execution();
    if (execution != null) {
      checkArgument(
          execution.jobId().equals(job),
          "jobId must be the execution's job id %s: %s",
          execution.jobId(),
          job);
      checkArgument(
          execution.layout().storyRoot().equals(realStory),
          "storyRoot must be the execution's story root %s: %s (real path %s)",
          execution.layout().storyRoot(),
          r.storyRoot(),
          realStory);
    }
    Path jobs = SafeNames.resolveUnderRealRoot(realStory, SafeNames.Kind.FILE, ExecutionLayout.JOBS);
    Path jobDir = SafeNames.resolveUnderRealRoot(jobs, SafeNames.Kind.JOB, job);
    Path jobInput = SafeNames.resolveUnderRealRoot(jobDir, SafeNames.Kind.FILE, "input");
    Path jobOutput = SafeNames.resolveUnderRealRoot(jobDir, SafeNames.Kind.FILE, "output");
    Path realScenes = ExecutionLayout.realStoryRoot(r.scenesRoot());
    SceneDescriptor.Execution exec =
        execution == null ? null : SceneDescriptor.Execution.of(execution);

    Map<String, PromptCollection> loaded = new HashMap<>();
    ImmutableMap.Builder<String, List<String>> missing = ImmutableMap.builder();
    List<SceneDescriptor> out = new ArrayList<>(ordered.size());
    for (SceneInStory scene : ordered) {
      String name = scene.sceneName();
      Path sceneDir = SafeNames.resolveUnderRealRoot(realScenes, SafeNames.Kind.SCENE, name);
      PromptCollection collection = loaded.get(name);
      if (collection == null) {
        collection =
            checkNotNull(r.prompts().load(name, sceneDir), "prompts loaded for %s", name);
        loaded.put(name, collection);
        List<String> notFound = collection.missingLibbers(r.libbers());
        if (!notFound.isEmpty()) {
          missing.put(name, notFound);
        }
      }
      Path sourceInput = sceneDir.resolve("input");
      SceneDescriptor.Folders folders =
          new SceneDescriptor.Folders(
              sceneDir,
              realStory,
              job,
              jobDir,
              jobInput,
              jobOutput,
              sourceInput,
              sceneDir.resolve("output"));
      out.add(
          new SceneDescriptor(
              scene.sceneId(),
              name,
              scene.sceneOrder(),
              controls(scene),
              prompts(scene, collection, r.libbers()),
              folders,
              SceneInputImages.first(sourceInput),
              exec));
    }
    if (!r.readOnly()) {
      r.files().createDirectories(jobInput);
      r.files().createDirectories(jobOutput);
    }
    return new StorySceneBatch(
        job, jobDir, ImmutableList.copyOf(out), execution, missing.buildOrThrow());
  }

  private static SceneDescriptor.Controls controls(SceneInStory scene) {
    return new SceneDescriptor.Controls(
        scene.maskName(),
        scene.maskBackground(),
        scene.depthType(),
        scene.poseType(),
        scene.useDepth(),
        scene.useMask(),
        scene.usePose(),
        scene.useCanny());
  }

  private static SceneDescriptor.Prompts prompts(
      SceneInStory scene, PromptCollection collection, LibberSource libbers) {
    Map<String, String> data = new LinkedHashMap<>();
    for (String key : PROMPT_DATA_KEYS) {
      data.put(key, collection.resolvedValue(key, libbers).orElse(""));
    }
    return new SceneDescriptor.Prompts(
        scene.promptSource(),
        scene.promptKey(),
        scene.customPrompt(),
        "",
        positivePrompt(scene, collection, libbers),
        data);
  }

  /** The positive prompt of a scene, by the rules of {@link StorySceneBatch}'s description. */
  static String positivePrompt(
      SceneInStory scene, PromptCollection prompts, LibberSource libbers) {
    String source = scene.promptSource();
    String key = scene.promptKey();
    if (source.equals("custom")) {
      return scene.customPrompt();
    }
    if (key.isEmpty()) {
      return "";
    }
    if (source.equals("prompt")) {
      return prompts.resolvedValue(key, libbers).orElse("");
    }
    if (source.equals("composition")) {
      List<String> parts = prompts.compositions().get(key);
      return parts == null ? "" : prompts.compose(Map.of(key, parts), libbers).get(key);
    }
    return "";
  }
}
