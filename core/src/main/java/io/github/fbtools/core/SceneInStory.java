package io.github.fbtools.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.github.fbtools.core.json.FormatException;
import io.github.fbtools.core.json.FbJson;
import io.github.fbtools.core.json.JsonFields;
import io.github.fbtools.core.json.JsonFields.Nulls;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.annotation.CheckForNull;

/**
 * One scene of a story, as an item of {@code story.json}'s {@code scenes} array stores it.
 *
 * <p>Unlike the Python reference, {@code scene_id} is written to the file, so a scene keeps its
 * id across save and load (the reference mints a new UUID on every load); a scene read without
 * one gets a {@linkplain #derivedId derived} id, the same on every read. Reading applies the
 * reference's legacy rules: a legacy {@code mask_type} fills an empty {@code mask_name} (a
 * {@code _no_bg} suffix clears {@code mask_background}), and a legacy {@code prompt_type} fills
 * an empty {@code prompt_source}/{@code prompt_key} (in a version 1 story it overrides them).
 * The legacy fields themselves are not written back, as in the reference. Fields this version
 * does not know are kept in {@link #extra()} and written back.
 *
 * <pre>{@code
 * SceneInStory s = SceneInStory.builder("opening", 0).promptKey("girl_pos").useDepth(true).build();
 * }</pre>
 *
 * <p>Two instances are equal exactly when they write the same bytes: JSON objects they carry
 * compare in order, as they are written ({@code docs/equality.md}).
 *
 * <p>Why this class is long: the record has the reference's seventeen fields, and
 * about half of the file is the public {@link Builder} with one documented setter each; the
 * field reading is {@link io.github.fbtools.core.json.JsonFields}'s, the equality {@code
 * JsonEquality}'s.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param sceneId stable id (a UUID unless given)
 * @param sceneName the scene's name (its folder under the scenes root)
 * @param sceneOrder position in the story (ties keep the story's order)
 * @param maskName the mask to use, {@code ""} for none
 * @param maskBackground whether the mask keeps the background
 * @param promptSource {@code prompt}, {@code composition} or {@code custom}
 * @param promptKey the prompt or composition name
 * @param customPrompt the text for {@code custom}
 * @param videoPromptSource {@code auto}, {@code prompt}, {@code composition} or {@code custom}
 * @param videoPromptKey the prompt or composition name for the video
 * @param videoCustomPrompt the video text for {@code custom}
 * @param depthType the depth map kind ({@code depth}, {@code depth_any}, {@code midas}, ...)
 * @param poseType the pose kind ({@code open}, {@code dw}, ...)
 * @param useDepth whether depth is used
 * @param useMask whether the mask is used
 * @param usePose whether the pose is used
 * @param useCanny whether canny edges are used
 * @param extra unknown fields, kept and written back
 */
public record SceneInStory(
    String sceneId,
    String sceneName,
    int sceneOrder,
    String maskName,
    boolean maskBackground,
    String promptSource,
    String promptKey,
    String customPrompt,
    String videoPromptSource,
    String videoPromptKey,
    String videoCustomPrompt,
    String depthType,
    String poseType,
    boolean useDepth,
    boolean useMask,
    boolean usePose,
    boolean useCanny,
    Map<String, Object> extra) {

  /** The keys of a scene item, in the order {@link #toJsonObject()} writes them. */
  static final List<String> KEYS =
      List.of(
          "scene_id",
          "scene_name",
          "scene_order",
          "mask_name",
          "mask_background",
          "prompt_source",
          "prompt_key",
          "custom_prompt",
          "video_prompt_source",
          "video_prompt_key",
          "video_custom_prompt",
          "depth_type",
          "pose_type",
          "use_depth",
          "use_mask",
          "use_pose",
          "use_canny");

  private static final List<String> LEGACY_KEYS = List.of("prompt_type", "mask_type");

  /**
   * Validates the components.
   *
   * @param sceneId stable id (a UUID unless given)
   * @param sceneName the scene's name (its folder under the scenes root)
   * @param sceneOrder position in the story (ties keep the story's order)
   * @param maskName the mask to use, {@code ""} for none
   * @param maskBackground whether the mask keeps the background
   * @param promptSource {@code prompt}, {@code composition} or {@code custom}
   * @param promptKey the prompt or composition name
   * @param customPrompt the text for {@code custom}
   * @param videoPromptSource {@code auto}, {@code prompt}, {@code composition} or {@code custom}
   * @param videoPromptKey the prompt or composition name for the video
   * @param videoCustomPrompt the video text for {@code custom}
   * @param depthType the depth map kind ({@code depth}, {@code depth_any}, {@code midas}, ...)
   * @param poseType the pose kind ({@code open}, {@code dw}, ...)
   * @param useDepth whether depth is used
   * @param useMask whether the mask is used
   * @param usePose whether the pose is used
   * @param useCanny whether canny edges are used
   * @param extra unknown fields, kept and written back
   * @throws NullPointerException if a string component or {@code extra} is null
   * @throws IllegalArgumentException if {@code extra} holds a known key or a non-JSON value
   */
  public SceneInStory {
    checkNotNull(sceneId, "sceneId");
    checkNotNull(sceneName, "sceneName");
    checkNotNull(maskName, "maskName");
    checkNotNull(promptSource, "promptSource");
    checkNotNull(promptKey, "promptKey");
    checkNotNull(customPrompt, "customPrompt");
    checkNotNull(videoPromptSource, "videoPromptSource");
    checkNotNull(videoPromptKey, "videoPromptKey");
    checkNotNull(videoCustomPrompt, "videoCustomPrompt");
    checkNotNull(depthType, "depthType");
    checkNotNull(poseType, "poseType");
    extra = FbJson.immutableObject(checkNotNull(extra, "extra"));
    for (String k : KEYS) {
      checkArgument(!extra.containsKey(k), "extra must not hold the known key '%s': %s", k, extra);
    }
  }

  /**
   * Starts a builder with the reference's defaults and a random UUID as id.
   *
   * @param sceneName the scene's name
   * @param sceneOrder its position
   * @return the builder
   */
  public static Builder builder(String sceneName, int sceneOrder) {
    checkNotNull(sceneName, "sceneName");
    return new Builder(sceneName, sceneOrder);
  }

  /**
   * Returns a builder holding this scene's values.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(sceneName, sceneOrder);
    b.sceneId = sceneId;
    b.maskName = maskName;
    b.maskBackground = maskBackground;
    b.promptSource = promptSource;
    b.promptKey = promptKey;
    b.customPrompt = customPrompt;
    b.videoPromptSource = videoPromptSource;
    b.videoPromptKey = videoPromptKey;
    b.videoCustomPrompt = videoCustomPrompt;
    b.depthType = depthType;
    b.poseType = poseType;
    b.useDepth = useDepth;
    b.useMask = useMask;
    b.usePose = usePose;
    b.useCanny = useCanny;
    b.extra = extra;
    return b;
  }

  /**
   * The id a scene read without one gets ({@link StoryInfo#fromJson(String)}): a name-based UUID
   * (version 3) of the story's name, the scene's name and how many scenes of that name come
   * before it in the file. The same file always gives the same ids, different scenes of one story
   * different ones, and the id does not change when scenes of other names are added, removed or
   * reordered. It is written to {@code story.json} by the next save, after which it is the
   * scene's stored id.
   *
   * @param storyName the story's {@code story_name}
   * @param sceneName the scene's {@code scene_name}
   * @param occurrence how many earlier scenes of the story have the same name (0 for the first)
   * @return a 36-character UUID string
   * @throws IllegalArgumentException if {@code occurrence} is negative
   */
  public static String derivedId(String storyName, String sceneName, int occurrence) {
    checkNotNull(storyName, "storyName");
    checkNotNull(sceneName, "sceneName");
    checkArgument(occurrence >= 0, "occurrence must be >= 0: %s", occurrence);
    String seed = "fbtools scene id\n" + storyName + "\n" + sceneName + "\n" + occurrence;
    return java.util.UUID.nameUUIDFromBytes(seed.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .toString();
  }

  /**
   * Reads one scene item of {@code story.json}, applying the legacy rules of the class
   * description.
   *
   * @param item the parsed item
   * @param storyVersion the story file's version (1 or 2)
   * @param path the item's JSON pointer, for error messages
   * @param ids supplies an id when the item has none (or an empty one)
   * @return the scene
   * @throws FormatException if a field is missing or has the wrong type
   */
  public static SceneInStory fromJsonObject(
      Map<String, ?> item, int storyVersion, String path, Supplier<String> ids) {
    checkNotNull(item, "item");
    checkNotNull(path, "path");
    checkNotNull(ids, "ids");
    Map<String, Object> m = FbJson.immutableObject(item);
    Builder b = new Builder(requiredName(m, path), requiredOrder(m, path));
    String id = str(m, "scene_id", "", path);
    b.sceneId = id.isEmpty() ? checkNotNull(ids.get(), "ids supplied null") : id;
    b.maskName = str(m, "mask_name", "", path);
    b.maskBackground = bool(m, "mask_background", true, path);
    b.promptSource = str(m, "prompt_source", "", path);
    b.promptKey = str(m, "prompt_key", "", path);
    b.customPrompt = str(m, "custom_prompt", "", path);
    b.videoPromptSource = str(m, "video_prompt_source", "auto", path);
    b.videoPromptKey = str(m, "video_prompt_key", "", path);
    b.videoCustomPrompt = str(m, "video_custom_prompt", "", path);
    b.depthType = str(m, "depth_type", "depth", path);
    b.poseType = str(m, "pose_type", "open", path);
    b.useDepth = bool(m, "use_depth", false, path);
    b.useMask = bool(m, "use_mask", false, path);
    b.usePose = bool(m, "use_pose", false, path);
    b.useCanny = bool(m, "use_canny", false, path);

    String maskType = str(m, "mask_type", "", path);
    if (!maskType.isEmpty() && b.maskName.isEmpty()) {
      if (maskType.endsWith("_no_bg")) {
        b.maskName = maskType.replace("_no_bg", "");
        b.maskBackground = false;
      } else {
        b.maskName = maskType;
        b.maskBackground = true;
      }
    }
    String promptType = str(m, "prompt_type", "", path);
    boolean sourceGiven = !b.promptSource.isEmpty();
    if (!promptType.isEmpty() && (storyVersion == 1 || !sourceGiven)) {
      if (promptType.equals("custom")) {
        b.promptSource = "custom";
        b.promptKey = "";
      } else {
        b.promptSource = "prompt";
        b.promptKey = promptType;
      }
    }
    if (b.promptSource.isEmpty() && !m.containsKey("prompt_source")) {
      b.promptSource = "prompt";
    }
    LinkedHashMap<String, Object> extra = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : m.entrySet()) {
      if (!KEYS.contains(e.getKey()) && !LEGACY_KEYS.contains(e.getKey())) {
        extra.put(e.getKey(), e.getValue());
      }
    }
    b.extra = Collections.unmodifiableMap(extra);
    return b.build();
  }

  /**
   * Returns the item as {@code story.json} stores it: {@code scene_id} first, then the
   * reference's sixteen keys in its order, then unknown fields.
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
    m.put("prompt_source", promptSource);
    m.put("prompt_key", promptKey);
    m.put("custom_prompt", customPrompt);
    m.put("video_prompt_source", videoPromptSource);
    m.put("video_prompt_key", videoPromptKey);
    m.put("video_custom_prompt", videoCustomPrompt);
    m.put("depth_type", depthType);
    m.put("pose_type", poseType);
    m.put("use_depth", useDepth);
    m.put("use_mask", useMask);
    m.put("use_pose", usePose);
    m.put("use_canny", useCanny);
    m.putAll(extra);
    return Collections.unmodifiableMap(m);
  }

  private static String requiredName(Map<String, Object> m, String path) {
    return JsonFields.string(m, path, "scene_name", Nulls.REQUIRED, "");
  }

  private static int requiredOrder(Map<String, Object> m, String path) {
    Object v = m.get("scene_order");
    String p = path + "/scene_order";
    if (v == null) {
      throw JsonFields.required(path, "scene_order");
    }
    if (v instanceof Long l) {
      if (l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
        return (int) (long) l;
      }
    } else if (v instanceof Double d) {
      if (d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE) {
        return (int) (double) d;
      }
    } else if (v instanceof String s) {
      // The reference's lax parsing accepts "1" (but not "x").
      try {
        return Integer.parseInt(PythonText.strip(s));
      } catch (NumberFormatException e) {
        throw FormatException.at(p, "scene_order must be an integer, found \"" + v + "\"");
      }
    }
    throw FormatException.at(
        p, "scene_order must be an integer, found " + FbJson.typeName(v) + " " + FbJson.writeCompact(v));
  }

  private static String str(Map<String, Object> m, String field, String dflt, String path) {
    return JsonFields.string(m, path, field, Nulls.REFUSED, dflt);
  }

  private static boolean bool(Map<String, Object> m, String field, boolean dflt, String path) {
    return JsonFields.bool(m, path, field, Nulls.REFUSED, dflt);
  }

  /**
   * Tells whether {@code o} is a {@code SceneInStory} that writes the same JSON bytes: the parts compare
   * in order, JSON objects included (see {@code docs/equality.md}).
   *
   * @param o another object
   * @return true if equal
   */
  @Override
  public boolean equals(@CheckForNull Object o) {
    return o == this || (o instanceof SceneInStory other && JsonEquality.equal(parts(), other.parts()));
  }

  /**
   * Returns a hash code consistent with {@link #equals}, depending on the order of JSON objects.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return JsonEquality.hash(parts());
  }

  /** The parts the JSON is written from, in order (null for an absent optional part). */
  private List<Object> parts() {
    return Arrays.asList(sceneId, sceneName, sceneOrder, maskName, maskBackground, promptSource, promptKey, customPrompt, videoPromptSource, videoPromptKey, videoCustomPrompt, depthType, poseType, useDepth, useMask, usePose, useCanny, extra);
  }

  /**
   * Builds a {@link SceneInStory} with the reference's defaults. Not thread-safe.
   *
   * <p>A setting may be made again, the last call wins: {@link SceneInStory#toBuilder()} derives
   * changed copies that way, so a second call is not a mistake here (unlike the once-only
   * configuration builders of the other modules, such as {@code PromptMigrator.Builder};
   * docs/decisions.md, "Builders take each setting once").
   */
  public static final class Builder {
    private String sceneId;
    private final String sceneName;
    private final int sceneOrder;
    private String maskName = "";
    private boolean maskBackground = true;
    private String promptSource = "prompt";
    private String promptKey = "";
    private String customPrompt = "";
    private String videoPromptSource = "auto";
    private String videoPromptKey = "";
    private String videoCustomPrompt = "";
    private String depthType = "depth";
    private String poseType = "open";
    private boolean useDepth;
    private boolean useMask;
    private boolean usePose;
    private boolean useCanny;
    private Map<String, Object> extra = Map.of();

    private Builder(String sceneName, int sceneOrder) {
      this.sceneName = checkNotNull(sceneName, "sceneName");
      this.sceneOrder = sceneOrder;
      this.sceneId = java.util.UUID.randomUUID().toString();
    }

    /**
     * Sets the id.
     *
     * @param id the id
     * @return this builder
     */
    public Builder sceneId(String id) {
      this.sceneId = checkNotNull(id, "sceneId");
      return this;
    }

    /**
     * Sets the mask name.
     *
     * @param name the mask, {@code ""} for none
     * @return this builder
     */
    public Builder maskName(String name) {
      this.maskName = checkNotNull(name, "maskName");
      return this;
    }

    /**
     * Sets whether the mask keeps the background.
     *
     * @param keep true to keep it
     * @return this builder
     */
    public Builder maskBackground(boolean keep) {
      this.maskBackground = keep;
      return this;
    }

    /**
     * Sets the prompt source.
     *
     * @param source {@code prompt}, {@code composition} or {@code custom}
     * @return this builder
     */
    public Builder promptSource(String source) {
      this.promptSource = checkNotNull(source, "promptSource");
      return this;
    }

    /**
     * Sets the prompt key.
     *
     * @param key a prompt or composition name
     * @return this builder
     */
    public Builder promptKey(String key) {
      this.promptKey = checkNotNull(key, "promptKey");
      return this;
    }

    /**
     * Sets the custom prompt.
     *
     * @param text the text
     * @return this builder
     */
    public Builder customPrompt(String text) {
      this.customPrompt = checkNotNull(text, "customPrompt");
      return this;
    }

    /**
     * Sets the video prompt source.
     *
     * @param source {@code auto}, {@code prompt}, {@code composition} or {@code custom}
     * @return this builder
     */
    public Builder videoPromptSource(String source) {
      this.videoPromptSource = checkNotNull(source, "videoPromptSource");
      return this;
    }

    /**
     * Sets the video prompt key.
     *
     * @param key a prompt or composition name
     * @return this builder
     */
    public Builder videoPromptKey(String key) {
      this.videoPromptKey = checkNotNull(key, "videoPromptKey");
      return this;
    }

    /**
     * Sets the custom video prompt.
     *
     * @param text the text
     * @return this builder
     */
    public Builder videoCustomPrompt(String text) {
      this.videoCustomPrompt = checkNotNull(text, "videoCustomPrompt");
      return this;
    }

    /**
     * Sets the depth type.
     *
     * @param type the type
     * @return this builder
     */
    public Builder depthType(String type) {
      this.depthType = checkNotNull(type, "depthType");
      return this;
    }

    /**
     * Sets the pose type.
     *
     * @param type the type
     * @return this builder
     */
    public Builder poseType(String type) {
      this.poseType = checkNotNull(type, "poseType");
      return this;
    }

    /**
     * Sets whether depth is used.
     *
     * @param use the flag
     * @return this builder
     */
    public Builder useDepth(boolean use) {
      this.useDepth = use;
      return this;
    }

    /**
     * Sets whether the mask is used.
     *
     * @param use the flag
     * @return this builder
     */
    public Builder useMask(boolean use) {
      this.useMask = use;
      return this;
    }

    /**
     * Sets whether the pose is used.
     *
     * @param use the flag
     * @return this builder
     */
    public Builder usePose(boolean use) {
      this.usePose = use;
      return this;
    }

    /**
     * Sets whether canny edges are used.
     *
     * @param use the flag
     * @return this builder
     */
    public Builder useCanny(boolean use) {
      this.useCanny = use;
      return this;
    }

    /**
     * Sets the unknown fields.
     *
     * @param fields a JSON object without known keys
     * @return this builder
     */
    public Builder extra(Map<String, ?> fields) {
      checkNotNull(fields, "fields");
      this.extra = FbJson.immutableObject(fields);
      return this;
    }

    /**
     * Builds the scene.
     *
     * @return the scene
     */
    public SceneInStory build() {
      return new SceneInStory(
          sceneId,
          sceneName,
          sceneOrder,
          maskName,
          maskBackground,
          promptSource,
          promptKey,
          customPrompt,
          videoPromptSource,
          videoPromptKey,
          videoCustomPrompt,
          depthType,
          poseType,
          useDepth,
          useMask,
          usePose,
          useCanny,
          extra);
    }
  }
}
