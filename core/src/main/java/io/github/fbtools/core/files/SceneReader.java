package io.github.fbtools.core.files;

import io.github.fbtools.core.LoraEntry;
import io.github.fbtools.core.SceneInfo;
import io.github.fbtools.core.json.FbJson;
import io.github.fbtools.core.json.JsonFields;
import java.io.IOException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * The reading half of {@link SceneFiles}: loads a scene folder's four files (and the legacy
 * {@code loras.json}) through the bounded readers of their {@link FileKind}s, with their
 * fingerprints. The decoders are shared with {@link SceneWriter}, which checks that a file it
 * would replace still decodes.
 *
 * <p>Immutable and thread-safe.
 */
final class SceneReader {
  private final AtomicFiles files;
  private final PromptFiles promptFiles;

  SceneReader(AtomicFiles files, PromptFiles promptFiles) {
    this.files = files;
    this.promptFiles = promptFiles;
  }

  Optional<SceneFiles.Loaded> load(Path dir, String sceneName) throws IOException {
    BasicFileAttributes a = files.ops().attributes(dir, true);
    if (a == null) {
      return Optional.empty();
    }
    if (!a.isDirectory()) {
      throw new NotDirectoryException(dir.toString());
    }
    PromptFiles.Loaded prompts = promptFiles.load(dir);

    Path stackFile = dir.resolve(SceneFiles.LORA_STACK_FILE);
    Path legacyFile = dir.resolve(SceneFiles.LEGACY_LORAS_FILE);
    byte[] stack = JsonFile.read(files, FileKind.LORAS, stackFile);
    byte[] legacy = JsonFile.read(files, FileKind.LORAS, legacyFile);
    List<LoraEntry> loras = List.of();
    SceneFiles.LoraSource source = SceneFiles.LoraSource.NONE;
    if (stack != null) {
      loras = JsonFile.decode(FileKind.LORAS, stack, stackFile, SceneReader::loraStack);
      source = SceneFiles.LoraSource.LORA_STACK;
    } else if (legacy != null) {
      loras = JsonFile.decode(FileKind.LORAS, legacy, legacyFile, SceneReader::legacyLoras);
      source = SceneFiles.LoraSource.LEGACY_LORAS;
    }

    Path poseFile = dir.resolve(SceneFiles.POSE_FILE);
    byte[] pose = JsonFile.read(files, FileKind.POSE, poseFile);
    Object poseJson =
        pose == null ? null : JsonFile.decode(FileKind.POSE, pose, poseFile, JsonValue::of).value;

    Path metadataFile = dir.resolve(SceneFiles.METADATA_FILE);
    byte[] meta = JsonFile.read(files, FileKind.SCENE_METADATA, metadataFile);
    SceneInfo.Builder b =
        SceneInfo.builder(sceneName)
            .sceneDir(dir)
            .prompts(prompts.collection())
            .loras(loras)
            .poseJson(poseJson);
    if (meta != null) {
      JsonFile.decode(
          FileKind.SCENE_METADATA, meta, metadataFile, text -> metadata(text, b));
    }
    SceneFiles.Fingerprints fingerprints =
        new SceneFiles.Fingerprints(
            prompts.fingerprint(),
            Fingerprint.ofNullable(stack),
            Fingerprint.ofNullable(legacy),
            Fingerprint.ofNullable(pose),
            Fingerprint.ofNullable(meta));
    return Optional.of(new SceneFiles.Loaded(b.build(), prompts.state(), source, fingerprints));
  }

  /** A parsed JSON value that may be JSON null (a decoder must not return null). */
  static final class JsonValue {
    @Nullable final Object value;

    private JsonValue(@Nullable Object value) {
      this.value = value;
    }

    static JsonValue of(String text) {
      return new JsonValue(FbJson.parse(text, FileKind.POSE.limits()));
    }
  }

  static List<LoraEntry> loraStack(String text) {
    List<Map<String, Object>> items =
        JsonFields.objectItems(FbJson.parse(text, FileKind.LORAS.limits()), "", SceneFiles.LORA_STACK_FILE);
    List<LoraEntry> loras = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      loras.add(LoraEntry.fromJsonObject(items.get(i), "/" + i));
    }
    return Collections.unmodifiableList(loras);
  }

  private static List<LoraEntry> legacyLoras(String text) {
    return LoraEntry.fromLegacyLoras(FbJson.parseObject(text, FileKind.LORAS.limits()));
  }

  /** Reads {@code scene.json} into {@code b} (the codec is {@link SceneInfo}'s). */
  static SceneInfo.Builder metadata(String text, SceneInfo.Builder b) {
    return b.metadataFromJsonObject(
        FbJson.parseObject(text, FileKind.SCENE_METADATA.limits()));
  }
}
