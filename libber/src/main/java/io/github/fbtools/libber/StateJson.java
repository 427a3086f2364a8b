package io.github.fbtools.libber;

import io.github.fbtools.core.json.FormatException;
import io.github.fbtools.core.Libber;
import io.github.fbtools.core.LoraEntry;
import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.SceneInfo;
import io.github.fbtools.core.files.Fingerprint;
import io.github.fbtools.core.files.SceneFiles;
import io.github.fbtools.core.json.FbJson;
import io.github.fbtools.core.json.JsonFields;
import io.github.fbtools.core.json.JsonFields.Nulls;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON forms of the three built-in session states ({@link StateCodec}s), one line each,
 * written and read by {@link FbJson}. Each form starts with the fields the REST answers carry for
 * its kind, in the same order, and adds what the state needs to be rebuilt.
 *
 * <p>Stateless and thread-safe.
 */
final class StateJson {
  /** Libber sessions. */
  static final StateCodec<LibberState> LIBBER = new LibberCodec();

  /** Prompt collection sessions. */
  static final StateCodec<PromptCollection> PROMPTS = new PromptsCodec();

  /** Scene sessions. */
  static final StateCodec<SceneState> SCENE = new SceneCodec();

  private StateJson() {}

  /** {@code name, keys, lib_dict, delimiter, max_depth, fingerprint[, libber_extra]}. */
  private static final class LibberCodec implements StateCodec<LibberState> {
    @Override
    public String kind() {
      return "libber";
    }

    @Override
    public String toJson(LibberState state) {
      Libber l = state.libber();
      LinkedHashMap<String, Object> m = new LinkedHashMap<>();
      m.put("name", state.name());
      m.put("keys", l.keys());
      m.put("lib_dict", l.libs());
      m.put("delimiter", l.delimiter());
      m.put("max_depth", (long) l.maxDepth());
      m.put("fingerprint", state.fingerprint().toString());
      if (!l.extraFields().isEmpty()) {
        m.put("libber_extra", l.extraFields());
      }
      return FbJson.writeCompact(m);
    }

    @Override
    public LibberState fromJson(String json) {
      Map<String, Object> doc = FbJson.parseObject(json);
      LinkedHashMap<String, Object> file = new LinkedHashMap<>();
      file.put("libs", object(doc, "lib_dict"));
      file.put("delimiter", string(doc, "delimiter"));
      file.put("max_depth", doc.get("max_depth"));
      Map<String, Object> extra = JsonFields.optionalObject(doc, "", "libber_extra");
      if (extra != null) {
        file.putAll(extra);
      }
      return new LibberState(
          string(doc, "name"), Libber.fromJsonObject(file), fingerprint(doc, "", "fingerprint"));
    }
  }

  /** {@code collection, prompt_names}. */
  private static final class PromptsCodec implements StateCodec<PromptCollection> {
    @Override
    public String kind() {
      return "prompts";
    }

    @Override
    public String toJson(PromptCollection state) {
      LinkedHashMap<String, Object> m = new LinkedHashMap<>();
      m.put("collection", state.toJsonObject());
      m.put("prompt_names", state.promptNames());
      return FbJson.writeCompact(m);
    }

    @Override
    public PromptCollection fromJson(String json) {
      return PromptCollection.fromJsonObject(object(FbJson.parseObject(json), "collection"));
    }
  }

  /**
   * {@code scene_name, collection, prompt_names, pose_name, mask_type, depth_type, resolution,
   * loras, has_pose, pose, metadata_extra, legacy_prompts, fingerprints[, scene_info_name]}.
   */
  private static final class SceneCodec implements StateCodec<SceneState> {
    @Override
    public String kind() {
      return "scene";
    }

    @Override
    public String toJson(SceneState state) {
      SceneInfo s = state.scene();
      LinkedHashMap<String, Object> m = new LinkedHashMap<>();
      m.put("scene_name", state.sceneName());
      m.put("collection", s.prompts().toJsonObject());
      m.put("prompt_names", s.prompts().promptNames());
      m.put("pose_name", s.poseName());
      m.put("mask_type", s.maskType());
      m.put("depth_type", s.depthType());
      m.put(
          "resolution",
          s.resolution().isPresent() ? (Object) (long) s.resolution().getAsInt() : null);
      List<Object> loras = new ArrayList<>();
      for (LoraEntry l : s.loras()) {
        loras.add(l.toJsonObject());
      }
      m.put("loras", loras);
      m.put("has_pose", s.poseJson().isPresent());
      m.put("pose", s.poseJson().orElse(null));
      m.put("metadata_extra", s.metadataExtra());
      LinkedHashMap<String, Object> legacy = new LinkedHashMap<>();
      for (String name : SceneInfo.LEGACY_PROMPT_NAMES) {
        // Only the values the collection does not shadow can ever be seen or saved.
        String value = s.legacyPromptValue(name);
        if (s.prompts().prompt(name).isEmpty() && !value.isEmpty()) {
          legacy.put(name, value);
        }
      }
      m.put("legacy_prompts", legacy);
      SceneFiles.Fingerprints f = state.fingerprints();
      LinkedHashMap<String, Object> fp = new LinkedHashMap<>();
      fp.put("prompts", f.prompts().toString());
      fp.put("lora_stack", f.loraStack().toString());
      fp.put("legacy_loras", f.legacyLoras().toString());
      fp.put("pose", f.pose().toString());
      fp.put("metadata", f.metadata().toString());
      m.put("fingerprints", fp);
      if (!s.sceneName().equals(state.sceneName())) {
        m.put("scene_info_name", s.sceneName());
      }
      return FbJson.writeCompact(m);
    }

    @Override
    public SceneState fromJson(String json) {
      Map<String, Object> doc = FbJson.parseObject(json);
      String sceneName = string(doc, "scene_name");
      String infoName =
          doc.containsKey("scene_info_name") ? string(doc, "scene_info_name") : sceneName;
      SceneInfo.Builder b =
          SceneInfo.builder(infoName)
              .prompts(PromptCollection.fromJsonObject(object(doc, "collection")))
              .poseName(string(doc, "pose_name"))
              .maskType(string(doc, "mask_type"))
              .depthType(string(doc, "depth_type"))
              .poseJson(doc.get("pose"))
              .metadataExtra(object(doc, "metadata_extra"));
      Long resolution = JsonFields.optionalLong(doc, "", "resolution");
      if (resolution != null) {
        if (resolution < 1 || resolution > Integer.MAX_VALUE) {
          throw FormatException.at(
              "/resolution", "resolution must be in 1.." + Integer.MAX_VALUE + ": " + resolution);
        }
        b.resolution(resolution.intValue());
      }
      List<LoraEntry> loras = new ArrayList<>();
      List<Map<String, Object>> items = JsonFields.objectList(doc, "", "loras", Nulls.REQUIRED);
      for (int i = 0; i < items.size(); i++) {
        loras.add(LoraEntry.fromJsonObject(items.get(i), "/loras/" + i));
      }
      b.loras(loras);
      Map<String, Object> legacy = object(doc, "legacy_prompts");
      for (String name : legacy.keySet()) {
        String value = string(legacy, "/legacy_prompts", name);
        switch (name) {
          case SceneInfo.GIRL_POS -> b.girlPos(value);
          case SceneInfo.MALE_POS -> b.malePos(value);
          case SceneInfo.WAN_PROMPT -> b.wanPrompt(value);
          case SceneInfo.WAN_LOW_PROMPT -> b.wanLowPrompt(value);
          case SceneInfo.FOUR_IMAGE_PROMPT -> b.fourImagePrompt(value);
          default -> throw FormatException.at(
              "/legacy_prompts/" + FbJson.escapePointer(name), "not a legacy prompt field");
        }
      }
      Map<String, Object> fp = object(doc, "fingerprints");
      SceneFiles.Fingerprints fingerprints =
          new SceneFiles.Fingerprints(
              fingerprint(fp, "/fingerprints", "prompts"),
              fingerprint(fp, "/fingerprints", "lora_stack"),
              fingerprint(fp, "/fingerprints", "legacy_loras"),
              fingerprint(fp, "/fingerprints", "pose"),
              fingerprint(fp, "/fingerprints", "metadata"));
      return new SceneState(sceneName, b.build(), fingerprints);
    }

  }

  // ---------------------------------------------------------------------------------------
  // Field readers for these forms (core's one reader, JsonFields): every field is required
  // unless said otherwise.

  private static String string(Map<String, Object> doc, String path, String field) {
    return JsonFields.string(doc, path, field, Nulls.REQUIRED, "");
  }

  private static String string(Map<String, Object> doc, String field) {
    return string(doc, "", field);
  }

  /** A fingerprint's text form ({@link Fingerprint#parse}); required. */
  private static Fingerprint fingerprint(Map<String, Object> doc, String path, String field) {
    String text = string(doc, path, field);
    try {
      return Fingerprint.parse(text);
    } catch (IllegalArgumentException e) {
      throw FormatException.at(path + "/" + FbJson.escapePointer(field), e.getMessage());
    }
  }

  private static Map<String, Object> object(Map<String, Object> doc, String field) {
    return JsonFields.object(doc, "", field, Nulls.REQUIRED);
  }
}
