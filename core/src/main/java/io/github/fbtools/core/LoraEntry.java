package io.github.fbtools.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.github.fbtools.core.json.FormatException;
import com.google.common.collect.ImmutableList;
import io.github.fbtools.core.json.FbJson;
import io.github.fbtools.core.json.JsonFields;
import io.github.fbtools.core.json.JsonFields.Nulls;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.annotation.CheckForNull;

/**
 * One LoRA of a scene's stack, as an item of {@code lora_stack.json} stores it: {@code lora},
 * {@code model_target}, {@code strength_model}, {@code strength_clip}, {@code enabled}, {@code
 * blocks}, {@code layer_filter}, {@code low_mem_load}, {@code merge_loras}. Fields this version
 * does not know are kept in {@link #extra()} and written back after the known ones.
 *
 * <p>{@link #fromLegacyLoras(Map)} converts the legacy {@code loras.json} ({@code {"high": [...],
 * "low": [...]}}) the way the reference does in memory: each item whose {@code lora_name} is
 * non-empty and not {@code "none"} (any case) becomes an entry targeting {@value #HIGH_TARGET} or
 * {@value #LOW_TARGET}.
 *
 * <pre>{@code
 * LoraEntry lora = LoraEntry.of("detail.safetensors", LoraEntry.HIGH_TARGET).withStrengthModel(0.8);
 * Map<String, Object> json = lora.toJsonObject();
 * }</pre>
 *
 * <p>Two instances are equal exactly when they write the same bytes: JSON objects they carry
 * compare in order, as they are written ({@code docs/equality.md}).
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param lora the LoRA file name
 * @param modelTarget the model the LoRA applies to
 * @param strengthModel the model strength
 * @param strengthClip the CLIP strength
 * @param enabled whether the LoRA is applied
 * @param blocks the block weights (free-form JSON object)
 * @param layerFilter the layer filter expression
 * @param lowMemLoad whether to load with low memory
 * @param mergeLoras whether to merge LoRAs
 * @param extra unknown fields, kept and written back
 */
public record LoraEntry(
    String lora,
    String modelTarget,
    double strengthModel,
    double strengthClip,
    boolean enabled,
    Map<String, Object> blocks,
    String layerFilter,
    boolean lowMemLoad,
    boolean mergeLoras,
    Map<String, Object> extra) {

  /** The target of the legacy {@code high} list. */
  public static final String HIGH_TARGET = "Wan2.2-Wrapper-High";

  /** The target of the legacy {@code low} list. */
  public static final String LOW_TARGET = "Wan2.2-Wrapper-Low";

  private static final List<String> KNOWN =
      ImmutableList.of(
          "lora",
          "model_target",
          "strength_model",
          "strength_clip",
          "enabled",
          "blocks",
          "layer_filter",
          "low_mem_load",
          "merge_loras");

  /**
   * Validates and copies the components.
   *
   * @param lora the LoRA file name
   * @param modelTarget the model the LoRA applies to
   * @param strengthModel the model strength
   * @param strengthClip the CLIP strength
   * @param enabled whether the LoRA is applied
   * @param blocks the block weights (free-form JSON object)
   * @param layerFilter the layer filter expression
   * @param lowMemLoad whether to load with low memory
   * @param mergeLoras whether to merge LoRAs
   * @param extra unknown fields, kept and written back
   * @throws IllegalArgumentException if a strength is not finite, or a map holds a non-JSON value
   *     or {@code extra} holds a known field
   */
  public LoraEntry {
    checkNotNull(lora, "lora must not be null");
    checkNotNull(modelTarget, "modelTarget must not be null");
    checkNotNull(layerFilter, "layerFilter must not be null");
    checkArgument(Double.isFinite(strengthModel), "strengthModel must be finite: %s", strengthModel);
    checkArgument(Double.isFinite(strengthClip), "strengthClip must be finite: %s", strengthClip);
    blocks = FbJson.immutableObject(checkNotNull(blocks, "blocks must not be null"));
    extra = FbJson.immutableObject(checkNotNull(extra, "extra must not be null"));
    for (String k : KNOWN) {
      checkArgument(!extra.containsKey(k), "extra must not hold the known field '%s'", k);
    }
  }

  /**
   * Creates an enabled entry with strengths 1.0 and no blocks or filter.
   *
   * @param lora the LoRA file name
   * @param modelTarget the model it applies to
   * @return the entry
   */
  public static LoraEntry of(String lora, String modelTarget) {
    checkNotNull(lora, "lora");
    checkNotNull(modelTarget, "modelTarget");
    return new LoraEntry(lora, modelTarget, 1.0, 1.0, true, Map.of(), "", false, false, Map.of());
  }

  /**
   * Returns a copy with another model strength.
   *
   * @param strength the strength
   * @return the copy
   */
  public LoraEntry withStrengthModel(double strength) {
    return new LoraEntry(
        lora, modelTarget, strength, strengthClip, enabled, blocks, layerFilter, lowMemLoad,
        mergeLoras, extra);
  }

  /**
   * Returns a copy with another CLIP strength.
   *
   * @param strength the strength
   * @return the copy
   */
  public LoraEntry withStrengthClip(double strength) {
    return new LoraEntry(
        lora, modelTarget, strengthModel, strength, enabled, blocks, layerFilter, lowMemLoad,
        mergeLoras, extra);
  }

  /**
   * Returns a copy that is enabled or not.
   *
   * @param isEnabled whether the LoRA is applied
   * @return the copy
   */
  public LoraEntry withEnabled(boolean isEnabled) {
    return new LoraEntry(
        lora, modelTarget, strengthModel, strengthClip, isEnabled, blocks, layerFilter,
        lowMemLoad, mergeLoras, extra);
  }

  /**
   * Reads one item of {@code lora_stack.json}.
   *
   * @param item the parsed JSON object
   * @param path the JSON pointer of the item, for error messages
   * @return the entry
   * @throws FormatException if a field has the wrong type
   */
  public static LoraEntry fromJsonObject(Map<String, ?> item, String path) {
    checkNotNull(item, "item");
    checkNotNull(path, "path");
    Map<String, Object> m = FbJson.immutableObject(item);
    LinkedHashMap<String, Object> extra = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : m.entrySet()) {
      if (!KNOWN.contains(e.getKey())) {
        extra.put(e.getKey(), e.getValue());
      }
    }
    return new LoraEntry(
        string(m, "lora", "", path),
        string(m, "model_target", "", path),
        number(m, "strength_model", 1.0, path),
        number(m, "strength_clip", 1.0, path),
        bool(m, "enabled", true, path),
        object(m, "blocks", path),
        string(m, "layer_filter", "", path),
        bool(m, "low_mem_load", false, path),
        bool(m, "merge_loras", false, path),
        extra);
  }

  /**
   * Returns the item as {@code lora_stack.json} stores it (known fields first, in the order of
   * the class description, then unknown fields).
   *
   * @return an unmodifiable insertion-ordered map
   */
  public Map<String, Object> toJsonObject() {
    LinkedHashMap<String, Object> m = new LinkedHashMap<>();
    m.put("lora", lora);
    m.put("model_target", modelTarget);
    m.put("strength_model", strengthModel);
    m.put("strength_clip", strengthClip);
    m.put("enabled", enabled);
    m.put("blocks", blocks);
    m.put("layer_filter", layerFilter);
    m.put("low_mem_load", lowMemLoad);
    m.put("merge_loras", mergeLoras);
    m.putAll(extra);
    return Collections.unmodifiableMap(m);
  }

  /**
   * Converts a legacy {@code loras.json} object ({@code {"high": [...], "low": [...]}}) into
   * entries, as the reference does: items of {@code high} then {@code low}; each item's {@code
   * lora_name} becomes {@code lora} (items with an empty name or {@code "none"} in any case are
   * skipped), {@code strength} becomes {@code strength_model} (default 1.0), {@code
   * strength_clip} is 1.0, {@code enabled} true, and {@code blocks}, {@code layer_filter}, {@code
   * low_mem_load}, {@code merge_loras} are taken over with their defaults.
   *
   * @param loras the parsed legacy object
   * @return the entries, in order
   * @throws FormatException if {@code high} or {@code low} is not an array of objects, or a field
   *     has the wrong type
   */
  public static List<LoraEntry> fromLegacyLoras(Map<String, ?> loras) {
    checkNotNull(loras, "loras");
    Map<String, Object> m = FbJson.immutableObject(loras);
    ImmutableList.Builder<LoraEntry> out = ImmutableList.builder();
    for (String side : List.of("high", "low")) {
      List<Map<String, Object>> items = JsonFields.objectList(m, "", side, Nulls.AS_ABSENT);
      for (int i = 0; i < items.size(); i++) {
        String path = "/" + side + "/" + i;
        Map<String, Object> item = items.get(i);
        String loraName = string(item, "lora_name", "", path);
        if (loraName.isEmpty() || loraName.toLowerCase(Locale.ROOT).equals("none")) {
          continue;
        }
        out.add(
            new LoraEntry(
                loraName,
                side.equals("high") ? HIGH_TARGET : LOW_TARGET,
                number(item, "strength", 1.0, path),
                1.0,
                true,
                object(item, "blocks", path),
                string(item, "layer_filter", "", path),
                bool(item, "low_mem_load", false, path),
                bool(item, "merge_loras", false, path),
                Map.of()));
      }
    }
    return out.build();
  }

  private static String string(Map<String, Object> m, String field, String dflt, String path) {
    return JsonFields.string(m, path, field, Nulls.AS_ABSENT, dflt);
  }

  private static double number(Map<String, Object> m, String field, double dflt, String path) {
    return JsonFields.number(m, path, field, Nulls.AS_ABSENT, dflt);
  }

  private static boolean bool(Map<String, Object> m, String field, boolean dflt, String path) {
    return JsonFields.bool(m, path, field, Nulls.AS_ABSENT, dflt);
  }

  private static Map<String, Object> object(Map<String, Object> m, String field, String path) {
    return JsonFields.object(m, path, field, Nulls.AS_ABSENT);
  }

  /**
   * Tells whether {@code o} is a {@code LoraEntry} that writes the same JSON bytes: the parts compare
   * in order, JSON objects included (see {@code docs/equality.md}).
   *
   * @param o another object
   * @return true if equal
   */
  @Override
  public boolean equals(@CheckForNull Object o) {
    return o == this || (o instanceof LoraEntry other && JsonEquality.equal(parts(), other.parts()));
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
    return Arrays.asList(lora, modelTarget, strengthModel, strengthClip, enabled, blocks, layerFilter, lowMemLoad, mergeLoras, extra);
  }
}
