package io.github.fbtools.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.github.fbtools.core.json.FormatException;
import com.google.common.collect.ImmutableList;
import io.github.fbtools.core.json.FbJson;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import javax.annotation.CheckForNull;
import javax.annotation.Nullable;

/**
 * A scene's metadata: its prompts ({@link PromptCollection}, never null), LoRA stack, pose JSON
 * and the scalar metadata kept in {@code scene.json} (pose name, mask type, depth type,
 * resolution). Image and mask tensors of the Python {@code SceneInfo} are out of scope.
 *
 * <p>The backward-compatible accessors {@link #girlPos()}, {@link #malePos()}, {@link
 * #wanPrompt()}, {@link #wanLowPrompt()} and {@link #fourImagePrompt()} return the collection's
 * prompt of that name ({@code girl_pos}, {@code male_pos}, {@code wan_prompt}, {@code
 * wan_low_prompt}, {@code four_image_prompt}) when present, else the legacy field of the same
 * name, else {@code ""}.
 *
 * <pre>{@code
 * SceneInfo scene = SceneInfo.builder("opening")
 *     .sceneDir(Path.of("scenes/opening"))
 *     .prompts(PromptCollection.empty().withPrompt("girl_pos", "smiling"))
 *     .resolution(1024)
 *     .build();
 * String text = scene.girlPos();   // "smiling"
 * }</pre>
 *
 * <p>Two instances are equal exactly when they write the same bytes: JSON objects they carry
 * compare in order, as they are written ({@code docs/equality.md}).
 *
 * <p>Why this class is long: about half of it is the public {@link Builder} (one
 * documented setter per field) that a value with fifteen optional parts needs; its {@code
 * scene.json} codec is {@code SceneMetadataJson}, its file I/O {@code core.files.SceneFiles}.
 *
 * <p>Instances are immutable and thread-safe; the builder is not.
 */
public final class SceneInfo {
  /** Prompt name behind {@link #girlPos()}. */
  public static final String GIRL_POS = "girl_pos";

  /** Prompt name behind {@link #malePos()}. */
  public static final String MALE_POS = "male_pos";

  /** Prompt name behind {@link #wanPrompt()}. */
  public static final String WAN_PROMPT = "wan_prompt";

  /** Prompt name behind {@link #wanLowPrompt()}. */
  public static final String WAN_LOW_PROMPT = "wan_low_prompt";

  /** Prompt name behind {@link #fourImagePrompt()}. */
  public static final String FOUR_IMAGE_PROMPT = "four_image_prompt";

  /** The five legacy prompt names, in the reference's order. */
  public static final List<String> LEGACY_PROMPT_NAMES =
      ImmutableList.of(GIRL_POS, MALE_POS, WAN_PROMPT, WAN_LOW_PROMPT, FOUR_IMAGE_PROMPT);

  private final String sceneName;
  @Nullable private final Path sceneDir;
  private final PromptCollection prompts;
  private final String legacyGirlPos;
  private final String legacyMalePos;
  private final String legacyWanPrompt;
  private final String legacyWanLowPrompt;
  private final String legacyFourImagePrompt;
  private final String poseName;
  private final String maskType;
  private final String depthType;
  private final OptionalInt resolution;
  private final List<LoraEntry> loras;
  @Nullable private final Object poseJson;
  private final Map<String, Object> metadataExtra;

  private SceneInfo(Builder b) {
    this.sceneName = b.sceneName;
    this.sceneDir = b.sceneDir;
    this.prompts = b.prompts;
    this.legacyGirlPos = b.girlPos;
    this.legacyMalePos = b.malePos;
    this.legacyWanPrompt = b.wanPrompt;
    this.legacyWanLowPrompt = b.wanLowPrompt;
    this.legacyFourImagePrompt = b.fourImagePrompt;
    this.poseName = b.poseName;
    this.maskType = b.maskType;
    this.depthType = b.depthType;
    this.resolution = b.resolution;
    this.loras = ImmutableList.copyOf(b.loras);
    this.poseJson = b.poseJson;
    this.metadataExtra = b.metadataExtra;
  }

  /**
   * Starts a builder for a scene.
   *
   * @param sceneName the scene's name
   * @return a builder with empty prompts and default metadata
   */
  public static Builder builder(String sceneName) {
    checkNotNull(sceneName, "sceneName");
    return new Builder(sceneName);
  }

  /**
   * Returns a builder holding this scene's values, to derive a changed copy.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(sceneName);
    b.sceneDir = sceneDir;
    b.prompts = prompts;
    b.girlPos = legacyGirlPos;
    b.malePos = legacyMalePos;
    b.wanPrompt = legacyWanPrompt;
    b.wanLowPrompt = legacyWanLowPrompt;
    b.fourImagePrompt = legacyFourImagePrompt;
    b.poseName = poseName;
    b.maskType = maskType;
    b.depthType = depthType;
    b.resolution = resolution;
    b.loras = loras;
    b.poseJson = poseJson;
    b.metadataExtra = metadataExtra;
    return b;
  }

  /**
   * Returns a copy with other prompts.
   *
   * @param newPrompts the prompts
   * @return the copy
   */
  public SceneInfo withPrompts(PromptCollection newPrompts) {
    checkNotNull(newPrompts, "newPrompts");
    return toBuilder().prompts(newPrompts).build();
  }

  /**
   * Returns a copy with another LoRA stack.
   *
   * @param newLoras the LoRAs, in order
   * @return the copy
   */
  public SceneInfo withLoras(List<LoraEntry> newLoras) {
    checkNotNull(newLoras, "newLoras");
    return toBuilder().loras(newLoras).build();
  }

  /**
   * Returns the scene's name.
   *
   * @return the name
   */
  public String sceneName() {
    return sceneName;
  }

  /**
   * Returns the scene's folder.
   *
   * @return the folder, if known
   */
  public Optional<Path> sceneDir() {
    return Optional.ofNullable(sceneDir);
  }

  /**
   * Returns the scene's prompts.
   *
   * @return the collection (never null; empty if the scene has none)
   */
  public PromptCollection prompts() {
    return prompts;
  }

  /**
   * Returns one prompt's metadata.
   *
   * @param name the prompt's name
   * @return the metadata, if present
   */
  public Optional<PromptMetadata> prompt(String name) {
    checkNotNull(name, "name");
    return prompts.prompt(name);
  }

  /**
   * Returns the {@code girl_pos} prompt's value, else the legacy field, else {@code ""}.
   *
   * @return the text
   */
  public String girlPos() {
    return prompts.promptValue(GIRL_POS).orElse(legacyGirlPos);
  }

  /**
   * Returns the {@code male_pos} prompt's value, else the legacy field, else {@code ""}.
   *
   * @return the text
   */
  public String malePos() {
    return prompts.promptValue(MALE_POS).orElse(legacyMalePos);
  }

  /**
   * Returns the {@code wan_prompt} prompt's value, else the legacy field, else {@code ""}.
   *
   * @return the text
   */
  public String wanPrompt() {
    return prompts.promptValue(WAN_PROMPT).orElse(legacyWanPrompt);
  }

  /**
   * Returns the {@code wan_low_prompt} prompt's value, else the legacy field, else {@code ""}.
   *
   * @return the text
   */
  public String wanLowPrompt() {
    return prompts.promptValue(WAN_LOW_PROMPT).orElse(legacyWanLowPrompt);
  }

  /**
   * Returns the {@code four_image_prompt} prompt's value, else the legacy field, else {@code ""}.
   *
   * @return the text
   */
  public String fourImagePrompt() {
    return prompts.promptValue(FOUR_IMAGE_PROMPT).orElse(legacyFourImagePrompt);
  }

  /**
   * Returns what the accessor of a legacy prompt name returns: {@link #girlPos()} for {@code
   * girl_pos}, {@link #malePos()}, {@link #wanPrompt()}, {@link #wanLowPrompt()} or {@link
   * #fourImagePrompt()} (the prompt's value, else the legacy field, else {@code ""}).
   *
   * <!-- given: SceneInfo scene -->
   * <pre>{@code
   * for (String name : SceneInfo.LEGACY_PROMPT_NAMES) {
   *   String text = scene.legacyPromptValue(name);
   * }
   * }</pre>
   *
   * @param name one of {@link #LEGACY_PROMPT_NAMES}
   * @return the text
   * @throws IllegalArgumentException if {@code name} is not a legacy prompt name
   */
  public String legacyPromptValue(String name) {
    checkNotNull(name, "name");
    switch (name) {
      case GIRL_POS:
        return girlPos();
      case MALE_POS:
        return malePos();
      case WAN_PROMPT:
        return wanPrompt();
      case WAN_LOW_PROMPT:
        return wanLowPrompt();
      case FOUR_IMAGE_PROMPT:
        return fourImagePrompt();
      default:
        throw new IllegalArgumentException(
            "name must be one of " + LEGACY_PROMPT_NAMES + ": \"" + name + "\"");
    }
  }

  /**
   * Returns the pose name ({@code scene.json}).
   *
   * @return the name, {@code ""} if unset
   */
  public String poseName() {
    return poseName;
  }

  /**
   * Returns the mask type ({@code scene.json}).
   *
   * @return the type, {@code ""} if unset
   */
  public String maskType() {
    return maskType;
  }

  /**
   * Returns the depth type ({@code scene.json}).
   *
   * @return the type, {@code ""} if unset
   */
  public String depthType() {
    return depthType;
  }

  /**
   * Returns the resolution ({@code scene.json}).
   *
   * @return the resolution in pixels, if set
   */
  public OptionalInt resolution() {
    return resolution;
  }

  /**
   * Returns the LoRA stack ({@code lora_stack.json}, or the legacy {@code loras.json}).
   *
   * @return an unmodifiable list, empty if the scene has none
   */
  public List<LoraEntry> loras() {
    return loras;
  }

  /**
   * Returns the pose ({@code pose.json}), kept as opaque JSON.
   *
   * @return the deeply unmodifiable JSON value, if the scene has one
   */
  public Optional<Object> poseJson() {
    return Optional.ofNullable(poseJson);
  }

  /**
   * Returns the fields of {@code scene.json} this version does not know, kept and written back.
   *
   * @return an unmodifiable insertion-ordered map
   */
  public Map<String, Object> metadataExtra() {
    return metadataExtra;
  }

  /**
   * Returns the document of {@code scene.json}: {@code pose_name}, {@code mask_type}, {@code
   * depth_type}, {@code resolution} when set, then {@link #metadataExtra()}.
   *
   * @return an unmodifiable insertion-ordered map
   * @throws IllegalArgumentException if {@link #metadataExtra()} holds one of the known fields
   */
  public Map<String, Object> metadataJsonObject() {
    return SceneMetadataJson.toObject(this);
  }

  /**
   * Tells whether the scene has anything to write to {@code scene.json}: a non-empty pose name,
   * mask type or depth type, a resolution, or unknown fields.
   *
   * @return true if {@link #metadataJsonObject()} holds more than empty defaults
   */
  public boolean hasMetadata() {
    return SceneMetadataJson.hasMetadata(this);
  }

  /**
   * Tells whether {@code o} is a scene with the same name and folder that writes the same bytes
   * to each of its files: every part compares in order, JSON objects ({@link #metadataExtra()},
   * {@link #poseJson()}, the prompts' maps) included (see {@code docs/equality.md}).
   *
   * @param o another object
   * @return true if equal
   */
  @Override
  public boolean equals(@CheckForNull Object o) {
    return o == this || (o instanceof SceneInfo other && JsonEquality.equal(parts(), other.parts()));
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

  /** The parts the files are written from, in order (null for an absent optional part). */
  private List<Object> parts() {
    return java.util.Arrays.asList(
        sceneName,
        sceneDir,
        prompts,
        legacyGirlPos,
        legacyMalePos,
        legacyWanPrompt,
        legacyWanLowPrompt,
        legacyFourImagePrompt,
        poseName,
        maskType,
        depthType,
        resolution,
        loras,
        poseJson,
        metadataExtra);
  }

  /**
   * Returns a short description for logs.
   *
   * @return the scene name, folder and prompt names
   */
  @Override
  public String toString() {
    return "SceneInfo{" + sceneName + ", dir=" + sceneDir + ", " + prompts + "}";
  }

  /**
   * Builds a {@link SceneInfo}. Not thread-safe; use one builder per thread.
   *
   * <p>A setting may be made again, the last call wins: {@link SceneInfo#toBuilder()} derives
   * changed copies that way, so a second call is not a mistake here (unlike the once-only
   * configuration builders of the other modules, such as {@code PromptMigrator.Builder};
   * docs/decisions.md, "Builders take each setting once").
   */
  public static final class Builder {
    private final String sceneName;
    @Nullable private Path sceneDir;
    private PromptCollection prompts = PromptCollection.empty();
    private String girlPos = "";
    private String malePos = "";
    private String wanPrompt = "";
    private String wanLowPrompt = "";
    private String fourImagePrompt = "";
    private String poseName = "";
    private String maskType = "";
    private String depthType = "";
    private OptionalInt resolution = OptionalInt.empty();
    private List<LoraEntry> loras = List.of();
    @Nullable private Object poseJson;
    private Map<String, Object> metadataExtra = Map.of();

    private Builder(String sceneName) {
      this.sceneName = checkNotNull(sceneName, "sceneName must not be null");
    }

    /**
     * Sets the scene's folder.
     *
     * @param dir the folder, or null
     * @return this builder
     */
    public Builder sceneDir(@Nullable Path dir) {
      this.sceneDir = dir;
      return this;
    }

    /**
     * Sets the prompts.
     *
     * @param collection the prompts
     * @return this builder
     */
    public Builder prompts(PromptCollection collection) {
      this.prompts = checkNotNull(collection, "prompts must not be null");
      return this;
    }

    /**
     * Sets the legacy {@code girl_pos} field (used when the collection has no such prompt).
     *
     * @param text the text
     * @return this builder
     */
    public Builder girlPos(String text) {
      this.girlPos = checkNotNull(text, "girlPos must not be null");
      return this;
    }

    /**
     * Sets the legacy {@code male_pos} field.
     *
     * @param text the text
     * @return this builder
     */
    public Builder malePos(String text) {
      this.malePos = checkNotNull(text, "malePos must not be null");
      return this;
    }

    /**
     * Sets the legacy {@code wan_prompt} field.
     *
     * @param text the text
     * @return this builder
     */
    public Builder wanPrompt(String text) {
      this.wanPrompt = checkNotNull(text, "wanPrompt must not be null");
      return this;
    }

    /**
     * Sets the legacy {@code wan_low_prompt} field.
     *
     * @param text the text
     * @return this builder
     */
    public Builder wanLowPrompt(String text) {
      this.wanLowPrompt = checkNotNull(text, "wanLowPrompt must not be null");
      return this;
    }

    /**
     * Sets the legacy {@code four_image_prompt} field.
     *
     * @param text the text
     * @return this builder
     */
    public Builder fourImagePrompt(String text) {
      this.fourImagePrompt = checkNotNull(text, "fourImagePrompt must not be null");
      return this;
    }

    /**
     * Sets the pose name.
     *
     * @param name the name ({@code ""} for none)
     * @return this builder
     */
    public Builder poseName(String name) {
      this.poseName = checkNotNull(name, "poseName must not be null");
      return this;
    }

    /**
     * Sets the mask type.
     *
     * @param type the type ({@code ""} for none)
     * @return this builder
     */
    public Builder maskType(String type) {
      this.maskType = checkNotNull(type, "maskType must not be null");
      return this;
    }

    /**
     * Sets the depth type.
     *
     * @param type the type ({@code ""} for none)
     * @return this builder
     */
    public Builder depthType(String type) {
      this.depthType = checkNotNull(type, "depthType must not be null");
      return this;
    }

    /**
     * Sets the resolution.
     *
     * @param pixels a positive resolution
     * @return this builder
     * @throws IllegalArgumentException if {@code pixels} is not positive
     */
    public Builder resolution(int pixels) {
      checkArgument(pixels > 0, "resolution must be positive: %s", pixels);
      this.resolution = OptionalInt.of(pixels);
      return this;
    }

    /**
     * Clears the resolution.
     *
     * @return this builder
     */
    public Builder noResolution() {
      this.resolution = OptionalInt.empty();
      return this;
    }

    /**
     * Sets the LoRA stack.
     *
     * @param entries the LoRAs, in order
     * @return this builder
     */
    public Builder loras(List<LoraEntry> entries) {
      checkNotNull(entries, "entries");
      this.loras = ImmutableList.copyOf(entries);
      return this;
    }

    /**
     * Sets the pose JSON.
     *
     * @param json a JSON value (object or array, as {@code pose.json} holds), or null for none
     * @return this builder
     * @throws IllegalArgumentException if the value is not JSON
     */
    public Builder poseJson(@Nullable Object json) {
      this.poseJson = FbJson.immutableCopy(json);
      return this;
    }

    /**
     * Sets the unknown fields of {@code scene.json}, kept and written back.
     *
     * @param extra a JSON object
     * @return this builder
     * @throws IllegalArgumentException if the map holds a value that is not JSON
     */
    public Builder metadataExtra(Map<String, ?> extra) {
      checkNotNull(extra, "extra");
      this.metadataExtra = FbJson.immutableObject(extra);
      return this;
    }

    /**
     * Sets the fields {@code scene.json} holds (pose name, mask type, depth type, resolution and
     * the unknown fields) from its parsed document; a null or missing string field reads as
     * {@code ""}, a null or missing resolution as none.
     *
     * @param doc the parsed {@code scene.json} object
     * @return this builder
     * @throws FormatException if a field has the wrong type or the resolution is not from 1 to
     *     {@link Integer#MAX_VALUE}
     */
    public Builder metadataFromJsonObject(Map<String, ?> doc) {
      checkNotNull(doc, "doc");
      return SceneMetadataJson.read(doc, this);
    }

    /**
     * Builds the scene.
     *
     * @return the scene
     */
    public SceneInfo build() {
      return new SceneInfo(this);
    }
  }
}
