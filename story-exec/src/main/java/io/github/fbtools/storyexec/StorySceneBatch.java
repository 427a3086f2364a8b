package io.github.fbtools.storyexec;

import io.github.fbtools.core.json.SetOnce;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.github.fbtools.core.LibberSource;
import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.StoryInfo;
import io.github.fbtools.core.files.AtomicFiles;
import io.github.fbtools.core.files.SafeNames;
import java.io.IOException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import javax.annotation.CheckForNull;
import javax.annotation.Nullable;

/**
 * The scenes of a story, in order, each described for Stage 1 ({@link SceneDescriptor}): the
 * Python reference's StorySceneBatch without the image tensors, plus the optional execution.
 *
 * <h2>What it does</h2>
 *
 * <ul>
 *   <li>Scenes are sorted by {@code scene_order}; scenes with equal order keep the story's order
 *       (a stable sort, as the reference's). Scene names may repeat; each name's prompts are
 *       loaded once.
 *   <li>Folders: {@code scene_dir} is {@code {scenesRoot}/{sceneName}}; {@code story_dir} is the
 *       story root the caller gives (never the {@code story_dir} stored in {@code story.json},
 *       which may be stale); {@code job_root} is {@code {storyRoot}/jobs/{jobId}} with {@code
 *       input} and {@code output} below it, the reference's (flat) job layout, unchanged whether
 *       or not an execution is given. With an execution, {@code exec_id}, {@code exec_images_dir}
 *       and {@code exec_videos_dir} are added.
 *   <li>The positive prompt: {@code custom} gives {@code custom_prompt}; {@code prompt} with a key
 *       gives that prompt's value, libber applied ({@link PromptCollection#resolvedValue}), or
 *       {@code ""} if there is no such prompt; {@code composition} with a key gives that
 *       composition's text ({@link PromptCollection#compose(Map, LibberSource)}) or {@code ""};
 *       anything else (an empty key, another source) gives {@code ""}.
 *   <li>Legacy (version 1) prompt files are used through their migrated collection, with the same
 *       rules. This differs from the reference in three corners: a {@code composition} source
 *       gives the composed text (a migrated collection has no compositions, so {@code ""}) where
 *       the reference crashes; an unknown source or an empty {@code prompt_source} gives {@code
 *       ""} where the reference looks the key up or falls back to the first non-empty legacy
 *       prompt; and {@code prompt_data} holds the five legacy prompts where the reference passes
 *       the whole legacy object.
 *   <li>{@code input_image_path}: the first regular, non-hidden file of {@code {sceneDir}/input}
 *       by code point order ending in {@code .png}, else {@code .jpg}, {@code .jpeg}, {@code
 *       .webp} (the reference's glob on Linux), or null. Keys follow the reference ({@link
 *       #maskKey}, {@link #depthKey}, {@link #poseKey}); {@code prompt_type} is always {@code ""}
 *       (the story model applies that legacy field when it reads {@code story.json}).
 * </ul>
 *
 * <h2>Errors</h2>
 *
 * <p>The batch is all or nothing. Every scene name must pass {@link SafeNames.Kind#SCENE} and the
 * job id {@link SafeNames.Kind#JOB}; these are checked before any file is read, and a refusal
 * fails the whole batch with {@link io.github.fbtools.core.InvalidNameException} naming the bad
 * name (a scene is never silently skipped, and nothing outside the roots is ever read). A prompt
 * file that cannot be read or parsed, or a libber expansion over its limits, also fails the
 * batch. An empty story gives an empty batch.
 *
 * <p>{@link Builder#load()} reads each scene's prompts and input folder, then creates the job's
 * {@code input} and {@code output} folders as the reference does ({@link
 * AtomicFiles#createDirectories}, after every check, so a failed load creates nothing) unless
 * asked for a {@linkplain Builder#readOnly read-only plan}. An empty job id gets a new one ({@link
 * StoryJobs#newJobId}). Prompts naming a Libber the source lacks are used raw and reported by
 * {@link #missingLibbers()}.
 *
 * <!-- given: StoryInfo story; Path scenesRoot; LibberSource libbers; ExecutionContext exec -->
 * <pre>{@code
 * StorySceneBatch batch = StorySceneBatch.builder(story)
 *     .scenesRoot(scenesRoot)   // scenes' prompts.json are read from here by default
 *     .libbers(libbers)
 *     .execution(exec)          // or .storyRoot(storyRoot).jobId("job1") without an execution
 *     .load();
 * SceneDescriptor first = StoryScenePick.pick(batch, 0).orElseThrow();
 * }</pre>
 *
 * <p>Why this class is long: it is the batch's public API and its {@link Builder} (one documented
 * setter per source of a batch); loading is already in {@code SceneBatchLoader}, prompt reading in
 * {@code ScenePromptLoader}, image discovery in {@code SceneInputImages}.
 *
 * <p>Instances are immutable and thread-safe. A {@link Builder} is not thread-safe.
 */
public final class StorySceneBatch {

  private static final Map<String, String> DEPTH_KEYS =
      ImmutableMap.of(
          "depth", "depth_image", "depth_any", "depth_any_image", "midas", "depth_midas_image",
          "zoe", "depth_zoe_image", "zoe_any", "depth_zoe_any_image");

  private static final Set<String> POSE_TYPES = Set.of("dense", "dw", "edit", "face", "open", "nlf");

  private static final String NO_BG = "_no_bg";

  private final String jobId;
  private final Path jobRoot;
  private final ImmutableList<SceneDescriptor> descriptors;
  @Nullable private final ExecutionContext execution;
  private final ImmutableMap<String, List<String>> missingLibbers;

  StorySceneBatch(
      String jobId,
      Path jobRoot,
      ImmutableList<SceneDescriptor> descriptors,
      @Nullable ExecutionContext execution,
      ImmutableMap<String, List<String>> missingLibbers) {
    this.jobId = jobId;
    this.jobRoot = jobRoot;
    this.descriptors = descriptors;
    this.execution = execution;
    this.missingLibbers = missingLibbers;
  }

  /**
   * Starts a batch of a story.
   *
   * @param story the story (its {@code story_dir} field is not used)
   * @return a builder
   */
  public static Builder builder(StoryInfo story) {
    return new Builder(story);
  }

  /**
   * Returns the scenes' descriptors, sorted by scene order (stable).
   *
   * @return an unmodifiable list
   */
  public List<SceneDescriptor> descriptors() {
    return descriptors;
  }

  /**
   * Returns the number of scenes.
   *
   * @return {@code descriptors().size()}
   */
  public int sceneCount() {
    return descriptors.size();
  }

  /**
   * Returns the job id.
   *
   * @return the job id
   */
  public String jobId() {
    return jobId;
  }

  /**
   * Returns the job's folder, {@code {storyRoot}/jobs/{jobId}} (the reference's {@code
   * job_root_dir}).
   *
   * @return the folder
   */
  public Path jobRoot() {
    return jobRoot;
  }

  /**
   * Returns the execution the descriptors carry.
   *
   * @return the execution, if one was given
   */
  public Optional<ExecutionContext> execution() {
    return Optional.ofNullable(execution);
  }

  /**
   * Returns, by scene name, the Libbers that the scene's prompts name ({@code processing_type}
   * {@code libber}) and that the batch's {@link Builder#libbers LibberSource} does not have: such
   * prompts were used raw, their {@code %key%} references left as written ({@link
   * PromptCollection#missingLibbers}). Without a source every Libber is missing, which is how a
   * forgotten {@code libbers(...)} shows.
   *
   * @return scene name to the missing Libbers' names (sorted by code point), in the order of the
   *     scenes, only scenes with some; unmodifiable
   */
  public Map<String, List<String>> missingLibbers() {
    return missingLibbers;
  }

  /**
   * Returns the descriptors as the reference's list of dicts ({@link
   * SceneDescriptor#toJsonObject()}).
   *
   * @return an unmodifiable list
   */
  public List<Map<String, Object>> toJsonList() {
    ImmutableList.Builder<Map<String, Object>> out =
        ImmutableList.builderWithExpectedSize(descriptors.size());
    for (SceneDescriptor d : descriptors) {
      out.add(d.toJsonObject());
    }
    return out.build();
  }

  /**
   * The reference's {@code resolve_mask_key(mask_name, mask_background)}: an empty name becomes
   * {@code combined}; without background, {@code _no_bg} is appended unless the key ends with it;
   * with background, a key ending in {@code _no_bg} has every {@code _no_bg} removed.
   *
   * @param maskName the mask's name
   * @param maskBackground whether the mask keeps the background
   * @return the mask key, for example {@code girl_no_bg}
   */
  public static String maskKey(String maskName, boolean maskBackground) {
    checkNotNull(maskName, "maskName");
    String key = maskName.isEmpty() ? "combined" : maskName;
    if (!maskBackground && !key.endsWith(NO_BG)) {
      return key + NO_BG;
    }
    if (maskBackground && key.endsWith(NO_BG)) {
      return key.replace(NO_BG, "");
    }
    return key;
  }

  /**
   * The reference's depth key: {@code depth}, {@code depth_any}, {@code midas}, {@code zoe} and
   * {@code zoe_any} map to {@code depth_image}, {@code depth_any_image}, {@code
   * depth_midas_image}, {@code depth_zoe_image} and {@code depth_zoe_any_image}; anything else to
   * {@code depth_image}.
   *
   * @param depthType the depth kind
   * @return the key of the depth image to load
   */
  public static String depthKey(String depthType) {
    String key = DEPTH_KEYS.get(checkNotNull(depthType, "depthType"));
    return key != null ? key : "depth_image";
  }

  /**
   * The reference's pose key: {@code dense}, {@code dw}, {@code edit}, {@code face}, {@code open}
   * and {@code nlf} map to {@code pose_<type>_image}; anything else to {@code pose_open_image}.
   *
   * @param poseType the pose kind
   * @return the key of the pose image to load
   */
  public static String poseKey(String poseType) {
    return POSE_TYPES.contains(checkNotNull(poseType, "poseType"))
        ? "pose_" + poseType + "_image"
        : "pose_open_image";
  }

  /**
   * Compares the job id, job folder, descriptors, execution and {@linkplain #missingLibbers()
   * missing Libbers}: everything the batch tells.
   *
   * @param o another object
   * @return true if {@code o} is an equal batch
   */
  @Override
  public boolean equals(@CheckForNull Object o) {
    return o instanceof StorySceneBatch b
        && jobId.equals(b.jobId)
        && jobRoot.equals(b.jobRoot)
        && descriptors.equals(b.descriptors)
        && Objects.equals(execution, b.execution)
        && missingLibbers.equals(b.missingLibbers);
  }

  /**
   * Hashes the job id, job folder, descriptors, execution and missing Libbers.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return Objects.hash(jobId, jobRoot, descriptors, execution, missingLibbers);
  }

  /**
   * Summarises the batch.
   *
   * @return for example {@code StorySceneBatch[job=job1, scenes=5, exec=20260314_093005_k3x9q1]}
   */
  @Override
  public String toString() {
    return "StorySceneBatch[job="
        + jobId
        + ", scenes="
        + descriptors.size()
        + ", exec="
        + (execution == null ? "none" : execution.execId())
        + "]";
  }

  /**
   * Collects what a batch is loaded from; {@link #load()} then reads the files. Each setting may
   * be made once: a second call of the same setter throws {@link IllegalStateException}. Not
   * thread-safe.
   *
   * <p>Each setting is made at most once: calling a setter a second time is an {@link
   * IllegalStateException} naming the setting and both values (the first would otherwise be lost
   * without a word; docs/decisions.md, "Builders take each setting once").
   */
  public static final class Builder {
    private final SetOnce once = new SetOnce();
    private final StoryInfo story;
    @Nullable private Path storyRoot;
    @Nullable private Path scenesRoot;
    @Nullable private String jobId;
    @Nullable private ScenePromptLoader prompts;
    @Nullable private LibberSource libbers;
    @Nullable private ExecutionContext execution;
    @Nullable private AtomicFiles files;
    @Nullable private RandomGenerator random;
    @Nullable private Boolean readOnly;

    private Builder(StoryInfo story) {
      this.story = checkNotNull(story, "story");
    }

    /**
     * Sets the story's folder, under which {@code jobs/} lies. Not needed with an {@link
     * #execution}, which knows it.
     *
     * @param storyRoot an existing directory, for example {@code <stories>/<story_name>}
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public Builder storyRoot(Path storyRoot) {
      checkNotNull(storyRoot, "storyRoot");
      once.set("storyRoot", storyRoot);
      this.storyRoot = storyRoot;
      return this;
    }

    /**
     * Sets the folder that holds one folder per scene. Required.
     *
     * @param scenesRoot an existing directory
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public Builder scenesRoot(Path scenesRoot) {
      checkNotNull(scenesRoot, "scenesRoot");
      once.set("scenesRoot", scenesRoot);
      this.scenesRoot = scenesRoot;
      return this;
    }

    /**
     * Sets the job id. Not needed with an {@link #execution}, which knows it. An empty id asks for
     * a new one, as the reference does: {@link StoryJobs#newJobId} (12 lower-case hex characters
     * that no job folder of the story uses yet).
     *
     * @param jobId a name that passes {@link SafeNames.Kind#JOB} (checked by {@link #load}), or
     *     {@code ""} for a new one
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public Builder jobId(String jobId) {
      checkNotNull(jobId, "jobId");
      once.set("jobId", jobId);
      this.jobId = jobId;
      return this;
    }

    /**
     * Sets where scenes' prompts come from; {@link ScenePromptLoader#files()} (each scene's
     * {@code prompts.json}) by default.
     *
     * @param prompts the loader
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public Builder prompts(ScenePromptLoader prompts) {
      checkNotNull(prompts, "prompts");
      once.set("prompts", prompts);
      this.prompts = prompts;
      return this;
    }

    /**
     * Sets where libbers named by prompts come from; {@link LibberSource#none()} by default (such
     * prompts are then used raw, as {@link PromptCollection#resolvedValue} describes).
     *
     * @param libbers the source
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public Builder libbers(LibberSource libbers) {
      checkNotNull(libbers, "libbers");
      once.set("libbers", libbers);
      this.libbers = libbers;
      return this;
    }

    /**
     * Sets the execution the descriptors carry; null for none (the default). Its story root and
     * job id are used when {@link #storyRoot} and {@link #jobId} are not set, else must match.
     *
     * @param execution the execution, or null
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public Builder execution(@Nullable ExecutionContext execution) {
      once.set("execution", execution != null ? execution : "none (null)");
      this.execution = execution;
      return this;
    }

    /**
     * Sets the randomness a generated job id is drawn from (default: a {@link SecureRandom}).
     *
     * @param random the source (inject a seeded one in tests)
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public Builder random(RandomGenerator random) {
      checkNotNull(random, "random");
      once.set("random", random);
      this.random = random;
      return this;
    }

    /**
     * Sets the atomic writer the job's folders are created through (default {@link
     * AtomicFiles#create()}).
     *
     * @param files the writer
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public Builder files(AtomicFiles files) {
      checkNotNull(files, "files");
      once.set("files", files);
      this.files = files;
      return this;
    }

    /**
     * Makes {@link #load} a read-only plan (default false): it then creates no folder, and a job
     * folder that does not exist yet is only named in the descriptors.
     *
     * @param readOnly true for a plan that writes nothing
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public Builder readOnly(boolean readOnly) {
      once.set("readOnly", readOnly);
      this.readOnly = readOnly;
      return this;
    }

    /**
     * Loads the batch: checks every name, then reads each scene's prompts and input folder, and
     * finally (unless {@link #readOnly}) creates the job's {@code input} and {@code output}
     * folders, as the reference does, through {@link AtomicFiles#createDirectories} (existing
     * ones are kept). A load that fails creates nothing. The builder may load again (for example
     * after the scenes' files changed).
     *
     * @return the batch
     * @throws IllegalStateException if the scenes root, or the story root or job id (without an
     *     execution) is missing
     * @throws IllegalArgumentException if the story root or job id differ from the execution's
     * @throws io.github.fbtools.core.InvalidNameException if the job id or a scene name is
     *     refused (before any file is read), or a segment is a symbolic link out of its folder
     * @throws io.github.fbtools.core.json.FormatException if a scene's prompts cannot be parsed (as
     *     the loader reports it)
     * @throws io.github.fbtools.core.LibberExpansionException if a libber expansion is refused by
     *     its limits
     * @throws NotDirectoryException if a root is not a directory
     * @throws java.nio.file.FileAlreadyExistsException if no free job id was found for an empty
     *     one
     * @throws IOException if a root does not exist, a file cannot be read or a folder cannot be
     *     created
     */
    public StorySceneBatch load() throws IOException {
      ExecutionContext e = execution;
      String job = jobId != null && !(jobId.isEmpty() && e != null) ? jobId : e != null ? e.jobId() : null;
      Path root = storyRoot != null ? storyRoot : e != null ? e.layout().storyRoot() : null;
      return SceneBatchLoader.load(
          new SceneBatchLoader.Request(
              story,
              required(scenesRoot, "scenesRoot"),
              required(root, "storyRoot"),
              required(job, "jobId"),
              prompts != null ? prompts : ScenePromptLoader.files(),
              libbers != null ? libbers : LibberSource.none(),
              execution,
              files != null ? files : AtomicFiles.create(),
              random != null ? random : new SecureRandom(),
              readOnly != null && readOnly));
    }

    private static <T> T required(@Nullable T value, String name) {
      if (value == null) {
        throw new IllegalStateException(name + " must be set");
      }
      return value;
    }
  }
}
