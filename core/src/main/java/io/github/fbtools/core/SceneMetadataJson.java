package io.github.fbtools.core;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.fbtools.core.json.FormatException;
import io.github.fbtools.core.json.FbJson;
import io.github.fbtools.core.json.JsonFields;
import io.github.fbtools.core.json.JsonFields.Nulls;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code scene.json} codec of {@link SceneInfo}: the scalar metadata {@code pose_name},
 * {@code mask_type}, {@code depth_type} and {@code resolution}, followed by the fields this version
 * does not know ({@link SceneInfo#metadataExtra()}), which are kept and written back. A null or
 * missing string field reads as {@code ""}, a null or missing {@code resolution} as none
 * ({@code docs/json-fields.md}).
 *
 * <p>Stateless and thread-safe.
 */
final class SceneMetadataJson {
  static final String POSE_NAME = "pose_name";
  static final String MASK_TYPE = "mask_type";
  static final String DEPTH_TYPE = "depth_type";
  static final String RESOLUTION = "resolution";
  private static final List<String> KNOWN = List.of(POSE_NAME, MASK_TYPE, DEPTH_TYPE, RESOLUTION);

  private SceneMetadataJson() {}

  /** Sets the builder's {@code scene.json} fields from a parsed document. */
  static SceneInfo.Builder read(Map<String, ?> doc, SceneInfo.Builder b) {
    LinkedHashMap<String, Object> extra = new LinkedHashMap<>();
    for (Map.Entry<String, ?> e : doc.entrySet()) {
      if (!KNOWN.contains(e.getKey())) {
        extra.put(e.getKey(), e.getValue());
      }
    }
    Object r = doc.get(RESOLUTION);
    if (r != null && !(r instanceof Long l && l >= 1 && l <= Integer.MAX_VALUE)) {
      throw FormatException.at(
          "/" + RESOLUTION,
          RESOLUTION
              + " must be an integer from 1 to "
              + Integer.MAX_VALUE
              + ", found "
              + FbJson.typeName(r)
              + (r instanceof Number ? " " + r : ""));
    }
    b.poseName(JsonFields.string(doc, "", POSE_NAME, Nulls.AS_ABSENT, ""))
        .maskType(JsonFields.string(doc, "", MASK_TYPE, Nulls.AS_ABSENT, ""))
        .depthType(JsonFields.string(doc, "", DEPTH_TYPE, Nulls.AS_ABSENT, ""))
        .metadataExtra(extra);
    if (r == null) {
      b.noResolution();
    } else {
      b.resolution((int) (long) (Long) r);
    }
    return b;
  }

  /** Whether a scene has anything to write to {@code scene.json}. */
  static boolean hasMetadata(SceneInfo scene) {
    return !scene.poseName().isEmpty()
        || !scene.maskType().isEmpty()
        || !scene.depthType().isEmpty()
        || scene.resolution().isPresent()
        || !scene.metadataExtra().isEmpty();
  }

  /** The document of {@code scene.json}. */
  static Map<String, Object> toObject(SceneInfo scene) {
    LinkedHashMap<String, Object> m = new LinkedHashMap<>();
    m.put(POSE_NAME, scene.poseName());
    m.put(MASK_TYPE, scene.maskType());
    m.put(DEPTH_TYPE, scene.depthType());
    if (scene.resolution().isPresent()) {
      m.put(RESOLUTION, (long) scene.resolution().getAsInt());
    }
    for (Map.Entry<String, Object> e : scene.metadataExtra().entrySet()) {
      String k = e.getKey();
      checkArgument(
          !KNOWN.contains(k), "metadataExtra must not hold the known field '%s' (set it on the scene)", k);
      m.put(k, e.getValue());
    }
    return Collections.unmodifiableMap(m);
  }
}
