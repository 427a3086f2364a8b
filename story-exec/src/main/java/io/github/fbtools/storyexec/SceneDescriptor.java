package io.github.fbtools.storyexec;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableMap;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * One scene of a {@link StorySceneBatch}: what Stage 1 needs to render it, without the images
 * (masks, depth, pose and canny tensors are loaded by the pipeline). The Python reference's
 * StorySceneBatch descriptor is a flat dict of 34 keys; here they are grouped by what they are
 * for: the scene's identity, its {@link Controls} (mask, depth, pose, canny), its {@link Prompts},
 * its {@link Folders}, its first input image, and the optional {@link Execution}. {@link
 * #toJsonObject()} writes the reference's flat dict, with its names and in its order.
 *
 * <!-- given: StorySceneBatch batch -->
 * <pre>{@code
 * SceneDescriptor d = batch.descriptors().get(0);
 * d.prompts().positive();        // the scene's prompt, libbers applied
 * d.controls().maskKey();        // "girl_no_bg"
 * d.folders().sourceInputDir();  // {scenesRoot}/{sceneName}/input
 * d.execution();                // its id and folders; null without an execution
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param sceneId the scene's id in the story
 * @param sceneName the scene's name (its folder under the scenes root)
 * @param sceneOrder the scene's order
 * @param controls the mask, depth, pose and canny settings
 * @param prompts the prompt settings and the resolved prompts
 * @param folders the scene's, the story's and the job's folders
 * @param inputImagePath the first input image of the scene, or null if there is none
 * @param execution the execution's id and folders, or null without an execution
 */
public record SceneDescriptor(
    String sceneId,
    String sceneName,
    int sceneOrder,
    Controls controls,
    Prompts prompts,
    Folders folders,
    @Nullable Path inputImagePath,
    @Nullable Execution execution) {

  /**
   * Checks the components.
   *
   * @param sceneId the scene's id in the story
   * @param sceneName the scene's name (its folder under the scenes root)
   * @param sceneOrder the scene's order
   * @param controls the mask, depth, pose and canny settings
   * @param prompts the prompt settings and the resolved prompts
   * @param folders the scene's, the story's and the job's folders
   * @param inputImagePath the first input image of the scene, or null if there is none
   * @param execution the execution's id and folders, or null without an execution
   * @throws NullPointerException if a component other than the last two is null
   */
  public SceneDescriptor {
    checkNotNull(sceneId, "sceneId");
    checkNotNull(sceneName, "sceneName");
    checkNotNull(controls, "controls");
    checkNotNull(prompts, "prompts");
    checkNotNull(folders, "folders");
  }

  /**
   * How the scene's mask, depth, pose and canny images are used; the keys of the images to load
   * are derived as the reference derives them.
   *
   * @param maskName the mask's name, {@code ""} for none
   * @param maskBackground whether the mask keeps the background
   * @param depthType the depth map kind
   * @param poseType the pose kind
   * @param useDepth whether depth is used
   * @param useMask whether the mask is used
   * @param usePose whether the pose is used
   * @param useCanny whether canny edges are used
   */
  public record Controls(
      String maskName,
      boolean maskBackground,
      String depthType,
      String poseType,
      boolean useDepth,
      boolean useMask,
      boolean usePose,
      boolean useCanny) {

    /**
     * Checks the components.
     *
     * @param maskName the mask's name, {@code ""} for none
     * @param maskBackground whether the mask keeps the background
     * @param depthType the depth map kind
     * @param poseType the pose kind
     * @param useDepth whether depth is used
     * @param useMask whether the mask is used
     * @param usePose whether the pose is used
     * @param useCanny whether canny edges are used
     * @throws NullPointerException if a name or kind is null
     */
    public Controls {
      checkNotNull(maskName, "maskName");
      checkNotNull(depthType, "depthType");
      checkNotNull(poseType, "poseType");
    }

    /**
     * Returns the mask to load.
     *
     * @return {@link StorySceneBatch#maskKey(String, boolean)} of the mask's name and background
     */
    public String maskKey() {
      return StorySceneBatch.maskKey(maskName, maskBackground);
    }

    /**
     * Returns the depth image to load.
     *
     * @return {@link StorySceneBatch#depthKey(String)} of the depth kind
     */
    public String depthKey() {
      return StorySceneBatch.depthKey(depthType);
    }

    /**
     * Returns the pose image to load.
     *
     * @return {@link StorySceneBatch#poseKey(String)} of the pose kind
     */
    public String poseKey() {
      return StorySceneBatch.poseKey(poseType);
    }
  }

  /**
   * Where the scene's prompt comes from, the prompt to render with, and the five legacy prompts.
   *
   * @param source {@code prompt}, {@code composition} or {@code custom}
   * @param key the prompt's or composition's name
   * @param custom the scene's own text, for {@code custom}
   * @param type the reference's legacy {@code prompt_type}; always {@code ""} in a loaded batch
   *     (the story model applies it when reading and does not keep it)
   * @param positive the prompt to render the scene with (see {@link StorySceneBatch})
   * @param data the five legacy prompts by name, in the reference's order ({@code girl_pos},
   *     {@code male_pos}, {@code four_image_prompt}, {@code wan_prompt}, {@code wan_low_prompt}),
   *     {@code ""} where absent
   */
  public record Prompts(
      String source, String key, String custom, String type, String positive, Map<String, String> data) {

    /**
     * Checks the components and copies {@code data}.
     *
     * @param source {@code prompt}, {@code composition} or {@code custom}
     * @param key the prompt's or composition's name
     * @param custom the scene's own text, for {@code custom}
     * @param type the reference's legacy {@code prompt_type}
     * @param positive the prompt to render the scene with
     * @param data the five legacy prompts by name
     * @throws NullPointerException if a component, a name or a prompt is null
     */
    public Prompts {
      checkNotNull(source, "source");
      checkNotNull(key, "key");
      checkNotNull(custom, "custom");
      checkNotNull(type, "type");
      checkNotNull(positive, "positive");
      data = ImmutableMap.copyOf(checkNotNull(data, "data"));
    }

    private String legacy(String name) {
      String value = data.get(name);
      return value == null ? "" : value;
    }

    /**
     * Returns the scene's {@code girl_pos}.
     *
     * @return the prompt, {@code ""} if absent
     */
    public String girlPos() {
      return legacy("girl_pos");
    }

    /**
     * Returns the scene's {@code male_pos}.
     *
     * @return the prompt, {@code ""} if absent
     */
    public String malePos() {
      return legacy("male_pos");
    }

    /**
     * Returns the scene's {@code four_image_prompt}.
     *
     * @return the prompt, {@code ""} if absent
     */
    public String fourImagePrompt() {
      return legacy("four_image_prompt");
    }

    /**
     * Returns the scene's {@code wan_prompt}.
     *
     * @return the prompt, {@code ""} if absent
     */
    public String wanPrompt() {
      return legacy("wan_prompt");
    }

    /**
     * Returns the scene's {@code wan_low_prompt}.
     *
     * @return the prompt, {@code ""} if absent
     */
    public String wanLowPrompt() {
      return legacy("wan_low_prompt");
    }
  }

  /**
   * The folders of a scene in a batch, as the loader resolved them below the real roots.
   *
   * @param sceneDir the scene's folder, {@code {scenesRoot}/{sceneName}}
   * @param storyDir the story's folder, as the caller gave it (real path), never the {@code
   *     story_dir} stored in {@code story.json}
   * @param jobId the job id
   * @param jobRoot {@code {storyDir}/jobs/{jobId}}
   * @param jobInputDir {@code {jobRoot}/input}, the reference's folder for generated images
   * @param jobOutputDir {@code {jobRoot}/output}
   * @param sourceInputDir {@code {sceneDir}/input}
   * @param sourceOutputDir {@code {sceneDir}/output}
   */
  public record Folders(
      Path sceneDir,
      Path storyDir,
      String jobId,
      Path jobRoot,
      Path jobInputDir,
      Path jobOutputDir,
      Path sourceInputDir,
      Path sourceOutputDir) {

    /**
     * Checks the components.
     *
     * @param sceneDir the scene's folder
     * @param storyDir the story's folder
     * @param jobId the job id
     * @param jobRoot the job's folder
     * @param jobInputDir the job's input folder
     * @param jobOutputDir the job's output folder
     * @param sourceInputDir the scene's input folder
     * @param sourceOutputDir the scene's output folder
     * @throws NullPointerException if a component is null
     */
    public Folders {
      checkNotNull(sceneDir, "sceneDir");
      checkNotNull(storyDir, "storyDir");
      checkNotNull(jobId, "jobId");
      checkNotNull(jobRoot, "jobRoot");
      checkNotNull(jobInputDir, "jobInputDir");
      checkNotNull(jobOutputDir, "jobOutputDir");
      checkNotNull(sourceInputDir, "sourceInputDir");
      checkNotNull(sourceOutputDir, "sourceOutputDir");
    }
  }

  /**
   * The execution a descriptor carries.
   *
   * @param execId the execution's id
   * @param imagesDir the execution's images folder, where Stage 1 writes the scene's images
   * @param videosDir the execution's videos folder
   */
  public record Execution(ExecId execId, Path imagesDir, Path videosDir) {

    /**
     * Checks the components.
     *
     * @param execId the execution's id
     * @param imagesDir the execution's images folder
     * @param videosDir the execution's videos folder
     * @throws NullPointerException if a component is null
     */
    public Execution {
      checkNotNull(execId, "execId");
      checkNotNull(imagesDir, "imagesDir");
      checkNotNull(videosDir, "videosDir");
    }

    /**
     * Returns an execution's id and folders.
     *
     * @param context the execution
     * @return its id, images folder and videos folder
     */
    public static Execution of(ExecutionContext context) {
      return new Execution(context.execId(), context.imagesDir(), context.videosDir());
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
   * @return true if {@link #execution()} is set
   */
  public boolean hasExecution() {
    return execution != null;
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
    m.put("mask_name", controls.maskName());
    m.put("mask_background", controls.maskBackground());
    m.put("mask_key", controls.maskKey());
    m.put("prompt_source", prompts.source());
    m.put("prompt_key", prompts.key());
    m.put("custom_prompt", prompts.custom());
    m.put("prompt_type", prompts.type());
    m.put("depth_type", controls.depthType());
    m.put("depth_key", controls.depthKey());
    m.put("pose_type", controls.poseType());
    m.put("pose_key", controls.poseKey());
    m.put("use_depth", controls.useDepth());
    m.put("use_mask", controls.useMask());
    m.put("use_pose", controls.usePose());
    m.put("use_canny", controls.useCanny());
    m.put("scene_dir", folders.sceneDir().toString());
    m.put("story_dir", folders.storyDir().toString());
    m.put("job_id", folders.jobId());
    m.put("job_root", folders.jobRoot().toString());
    m.put("job_input_dir", folders.jobInputDir().toString());
    m.put("job_output_dir", folders.jobOutputDir().toString());
    m.put("source_input_dir", folders.sourceInputDir().toString());
    m.put("source_output_dir", folders.sourceOutputDir().toString());
    m.put("positive_prompt", prompts.positive());
    m.put("wan_prompt", prompts.wanPrompt());
    m.put("wan_low_prompt", prompts.wanLowPrompt());
    m.put("four_image_prompt", prompts.fourImagePrompt());
    m.put("girl_pos", prompts.girlPos());
    m.put("male_pos", prompts.malePos());
    m.put("input_image_path", inputImagePath == null ? null : inputImagePath.toString());
    m.put("prompt_data", Collections.unmodifiableMap(new LinkedHashMap<>(prompts.data())));
    if (execution != null) {
      m.put("exec_id", execution.execId().value());
      m.put("exec_images_dir", execution.imagesDir().toString());
      m.put("exec_videos_dir", execution.videosDir().toString());
    }
    return Collections.unmodifiableMap(m);
  }
}
