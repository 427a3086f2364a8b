package io.github.fbtools.storyexec;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * One scene of a {@link StorySceneBatch}: what Stage 1 needs to render it, without the images
 * (masks, depth, pose and canny tensors are loaded by the pipeline). The components are the keys
 * of the Python reference's StorySceneBatch descriptor, in its order, plus the optional execution
 * ({@code exec_id}, {@code exec_images_dir}, {@code exec_videos_dir}); {@link #toJsonObject()}
 * writes them with the reference's names.
 *
 * <pre>{@code
 * SceneDescriptor d = batch.descriptors().get(0);
 * d.positivePrompt();   // the scene's prompt, libbers applied
 * d.maskKey();          // "girl_no_bg"
 * d.execImagesDir();    // where Stage 1 writes this scene's images, or null without an execution
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param sceneId the scene's id in the story
 * @param sceneName the scene's name (its folder under the scenes root)
 * @param sceneOrder the scene's order
 * @param maskName the mask's name, {@code ""} for none
 * @param maskBackground whether the mask keeps the background
 * @param maskKey the mask to load: {@link StorySceneBatch#maskKey(String, boolean)}
 * @param promptSource {@code prompt}, {@code composition} or {@code custom}
 * @param promptKey the prompt's or composition's name
 * @param customPrompt the scene's own text, for {@code custom}
 * @param promptType the reference's legacy {@code prompt_type}; always {@code ""} (the story
 *     model applies it when reading and does not keep it)
 * @param depthType the depth map kind
 * @param depthKey the depth image to load: {@link StorySceneBatch#depthKey(String)}
 * @param poseType the pose kind
 * @param poseKey the pose image to load: {@link StorySceneBatch#poseKey(String)}
 * @param useDepth whether depth is used
 * @param useMask whether the mask is used
 * @param usePose whether the pose is used
 * @param useCanny whether canny edges are used
 * @param sceneDir the scene's folder, {@code {scenesRoot}/{sceneName}}
 * @param storyDir the story's folder, as the caller gave it (real path), never the {@code
 *     story_dir} stored in {@code story.json}
 * @param jobId the job id
 * @param jobRoot {@code {storyDir}/jobs/{jobId}}
 * @param jobInputDir {@code {jobRoot}/input}, the reference's folder for generated images
 * @param jobOutputDir {@code {jobRoot}/output}
 * @param sourceInputDir {@code {sceneDir}/input}
 * @param sourceOutputDir {@code {sceneDir}/output}
 * @param positivePrompt the prompt to render the scene with (see {@link StorySceneBatch})
 * @param wanPrompt the scene's {@code wan_prompt}, {@code ""} if absent
 * @param wanLowPrompt the scene's {@code wan_low_prompt}, {@code ""} if absent
 * @param fourImagePrompt the scene's {@code four_image_prompt}, {@code ""} if absent
 * @param girlPos the scene's {@code girl_pos}, {@code ""} if absent
 * @param malePos the scene's {@code male_pos}, {@code ""} if absent
 * @param inputImagePath the first input image of the scene, or null if there is none
 * @param promptData the five legacy prompts by name, in the reference's order ({@code girl_pos},
 *     {@code male_pos}, {@code four_image_prompt}, {@code wan_prompt}, {@code wan_low_prompt})
 * @param execId the execution's id, or null without an execution
 * @param execImagesDir the execution's images folder, or null without an execution
 * @param execVideosDir the execution's videos folder, or null without an execution
 */
public record SceneDescriptor(
    String sceneId,
    String sceneName,
    int sceneOrder,
    String maskName,
    boolean maskBackground,
    String maskKey,
    String promptSource,
    String promptKey,
    String customPrompt,
    String promptType,
    String depthType,
    String depthKey,
    String poseType,
    String poseKey,
    boolean useDepth,
    boolean useMask,
    boolean usePose,
    boolean useCanny,
    Path sceneDir,
    Path storyDir,
    String jobId,
    Path jobRoot,
    Path jobInputDir,
    Path jobOutputDir,
    Path sourceInputDir,
    Path sourceOutputDir,
    String positivePrompt,
    String wanPrompt,
    String wanLowPrompt,
    String fourImagePrompt,
    String girlPos,
    String malePos,
    @Nullable Path inputImagePath,
    Map<String, String> promptData,
    @Nullable ExecId execId,
    @Nullable Path execImagesDir,
    @Nullable Path execVideosDir) {

  /**
   * Checks the components and copies {@code promptData}.
   *
   * @param sceneId the scene's id in the story
   * @param sceneName the scene's name (its folder under the scenes root)
   * @param sceneOrder the scene's order
   * @param maskName the mask's name, {@code ""} for none
   * @param maskBackground whether the mask keeps the background
   * @param maskKey the mask to load: {@link StorySceneBatch#maskKey(String, boolean)}
   * @param promptSource {@code prompt}, {@code composition} or {@code custom}
   * @param promptKey the prompt's or composition's name
   * @param customPrompt the scene's own text, for {@code custom}
   * @param promptType the reference's legacy {@code prompt_type}; always {@code ""} (the story model applies it when reading and does not keep it)
   * @param depthType the depth map kind
   * @param depthKey the depth image to load: {@link StorySceneBatch#depthKey(String)}
   * @param poseType the pose kind
   * @param poseKey the pose image to load: {@link StorySceneBatch#poseKey(String)}
   * @param useDepth whether depth is used
   * @param useMask whether the mask is used
   * @param usePose whether the pose is used
   * @param useCanny whether canny edges are used
   * @param sceneDir the scene's folder, {@code {scenesRoot}/{sceneName}}
   * @param storyDir the story's folder, as the caller gave it (real path), never the {@code story_dir} stored in {@code story.json}
   * @param jobId the job id
   * @param jobRoot {@code {storyDir}/jobs/{jobId}}
   * @param jobInputDir {@code {jobRoot}/input}, the reference's folder for generated images
   * @param jobOutputDir {@code {jobRoot}/output}
   * @param sourceInputDir {@code {sceneDir}/input}
   * @param sourceOutputDir {@code {sceneDir}/output}
   * @param positivePrompt the prompt to render the scene with (see {@link StorySceneBatch})
   * @param wanPrompt the scene's {@code wan_prompt}, {@code ""} if absent
   * @param wanLowPrompt the scene's {@code wan_low_prompt}, {@code ""} if absent
   * @param fourImagePrompt the scene's {@code four_image_prompt}, {@code ""} if absent
   * @param girlPos the scene's {@code girl_pos}, {@code ""} if absent
   * @param malePos the scene's {@code male_pos}, {@code ""} if absent
   * @param inputImagePath the first input image of the scene, or null if there is none
   * @param promptData the five legacy prompts by name, in the reference's order ({@code girl_pos}, {@code male_pos}, {@code four_image_prompt}, {@code wan_prompt}, {@code wan_low_prompt})
   * @param execId the execution's id, or null without an execution
   * @param execImagesDir the execution's images folder, or null without an execution
   * @param execVideosDir the execution's videos folder, or null without an execution
   * @throws NullPointerException if a component that may not be null is null
   * @throws IllegalArgumentException if the three execution components are not all null or all
   *     non-null
   */
  public SceneDescriptor {
    requireNonNull(sceneId, "sceneId");
    requireNonNull(sceneName, "sceneName");
    requireNonNull(maskName, "maskName");
    requireNonNull(maskKey, "maskKey");
    requireNonNull(promptSource, "promptSource");
    requireNonNull(promptKey, "promptKey");
    requireNonNull(customPrompt, "customPrompt");
    requireNonNull(promptType, "promptType");
    requireNonNull(depthType, "depthType");
    requireNonNull(depthKey, "depthKey");
    requireNonNull(poseType, "poseType");
    requireNonNull(poseKey, "poseKey");
    requireNonNull(sceneDir, "sceneDir");
    requireNonNull(storyDir, "storyDir");
    requireNonNull(jobId, "jobId");
    requireNonNull(jobRoot, "jobRoot");
    requireNonNull(jobInputDir, "jobInputDir");
    requireNonNull(jobOutputDir, "jobOutputDir");
    requireNonNull(sourceInputDir, "sourceInputDir");
    requireNonNull(sourceOutputDir, "sourceOutputDir");
    requireNonNull(positivePrompt, "positivePrompt");
    requireNonNull(wanPrompt, "wanPrompt");
    requireNonNull(wanLowPrompt, "wanLowPrompt");
    requireNonNull(fourImagePrompt, "fourImagePrompt");
    requireNonNull(girlPos, "girlPos");
    requireNonNull(malePos, "malePos");
    promptData = ImmutableMap.copyOf(requireNonNull(promptData, "promptData"));
    boolean anyExec = execId != null || execImagesDir != null || execVideosDir != null;
    boolean allExec = execId != null && execImagesDir != null && execVideosDir != null;
    if (anyExec != allExec) {
      throw new IllegalArgumentException(
          "execId, execImagesDir and execVideosDir must be all null or all set: "
              + execId
              + ", "
              + execImagesDir
              + ", "
              + execVideosDir);
    }
  }

  /**
   * Returns the first input image of the scene.
   *
   * @return {@link #inputImagePath()}, if there is one
   */
  public Optional<Path> inputImage() {
    return Optional.ofNullable(inputImagePath);
  }

  /**
   * Tells whether the descriptor carries an execution.
   *
   * @return true if {@link #execId()} is set
   */
  public boolean hasExecution() {
    return execId != null;
  }

  /**
   * Returns the descriptor as the reference's dict: its keys in its order, paths as strings
   * ({@code input_image_path} may be null), then {@code exec_id}, {@code exec_images_dir} and
   * {@code exec_videos_dir} only when there is an execution. Ready for {@link
   * io.github.fbtools.core.json.FbJson#write(Object)}.
   *
   * @return an unmodifiable insertion-ordered map
   */
  public Map<String, Object> toJsonObject() {
    LinkedHashMap<String, Object> m = new LinkedHashMap<>();
    m.put("scene_id", sceneId);
    m.put("scene_name", sceneName);
    m.put("scene_order", (long) sceneOrder);
    m.put("mask_name", maskName);
    m.put("mask_background", maskBackground);
    m.put("mask_key", maskKey);
    m.put("prompt_source", promptSource);
    m.put("prompt_key", promptKey);
    m.put("custom_prompt", customPrompt);
    m.put("prompt_type", promptType);
    m.put("depth_type", depthType);
    m.put("depth_key", depthKey);
    m.put("pose_type", poseType);
    m.put("pose_key", poseKey);
    m.put("use_depth", useDepth);
    m.put("use_mask", useMask);
    m.put("use_pose", usePose);
    m.put("use_canny", useCanny);
    m.put("scene_dir", sceneDir.toString());
    m.put("story_dir", storyDir.toString());
    m.put("job_id", jobId);
    m.put("job_root", jobRoot.toString());
    m.put("job_input_dir", jobInputDir.toString());
    m.put("job_output_dir", jobOutputDir.toString());
    m.put("source_input_dir", sourceInputDir.toString());
    m.put("source_output_dir", sourceOutputDir.toString());
    m.put("positive_prompt", positivePrompt);
    m.put("wan_prompt", wanPrompt);
    m.put("wan_low_prompt", wanLowPrompt);
    m.put("four_image_prompt", fourImagePrompt);
    m.put("girl_pos", girlPos);
    m.put("male_pos", malePos);
    m.put("input_image_path", inputImagePath == null ? null : inputImagePath.toString());
    m.put("prompt_data", Collections.unmodifiableMap(new LinkedHashMap<>(promptData)));
    if (execId != null && execImagesDir != null && execVideosDir != null) {
      m.put("exec_id", execId.value());
      m.put("exec_images_dir", execImagesDir.toString());
      m.put("exec_videos_dir", execVideosDir.toString());
    }
    return Collections.unmodifiableMap(m);
  }
}
