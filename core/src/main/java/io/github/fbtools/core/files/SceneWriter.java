package io.github.fbtools.core.files;

import io.github.fbtools.core.LoraEntry;
import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.SceneInfo;
import io.github.fbtools.core.json.FbJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;

/**
 * The writing half of {@link SceneFiles}: saves a scene's four files under their locks, all
 * checks before the first write, {@code prompts.json} first (the order and the guarantees are
 * described on {@link SceneFiles}).
 *
 * <p>Immutable and thread-safe.
 */
final class SceneWriter {
  private final AtomicFiles files;

  SceneWriter(AtomicFiles files) {
    this.files = files;
  }

  SceneFiles.Written save(
      Path dir, SceneInfo scene, @Nullable SceneFiles.Fingerprints expected, boolean createFolder)
      throws IOException {
    // Everything is serialised before the first file-system call that could write.
    PromptCollection prompts = withLegacyFields(scene);
    List<Object> stackItems = new ArrayList<>(scene.loras().size());
    for (LoraEntry e : scene.loras()) {
      stackItems.add(e.toJsonObject());
    }
    byte[] stackBytes = FbJson.writeBytes(stackItems);
    byte[] poseBytes = scene.poseJson().isPresent() ? FbJson.writeBytes(scene.poseJson().get()) : null;
    byte[] metadataBytes = FbJson.writeBytes(scene.metadataJsonObject());

    Path promptsFile = PromptFiles.file(dir);
    Path stackFile = dir.resolve(SceneFiles.LORA_STACK_FILE);
    Path legacyFile = dir.resolve(SceneFiles.LEGACY_LORAS_FILE);
    Path poseFile = dir.resolve(SceneFiles.POSE_FILE);
    Path metadataFile = dir.resolve(SceneFiles.METADATA_FILE);

    // A file the library could not read back is never written (checked before any lock).
    JsonFile.requireReadable(FileKind.SCENE_METADATA, metadataFile, metadataBytes);
    JsonFile.requireReadable(FileKind.LORAS, stackFile, stackBytes);
    if (poseBytes != null) {
      JsonFile.requireReadable(FileKind.POSE, poseFile, poseBytes);
    }
    if (createFolder) {
      if (expected != null) {
        // A folder that does not exist holds none of the files.
        check(promptsFile, expected.prompts(), null);
        check(stackFile, expected.loraStack(), null);
        check(legacyFile, expected.legacyLoras(), null);
        check(poseFile, expected.pose(), null);
        check(metadataFile, expected.metadata(), null);
      }
      files.createDirectories(dir);
    }
    // Every file this save may write is locked, in one fixed order, across the checks and the
    // writes: no other writer comes in between, and a refusal leaves every file as it was.
    return files.underLocks(
        List.of(promptsFile, metadataFile, stackFile, poseFile),
        locked -> {
          AtomicFiles.LockedFile lockedPrompts = locked.get(0);
          AtomicFiles.LockedFile lockedMetadata = locked.get(1);
          AtomicFiles.LockedFile lockedStack = locked.get(2);
          AtomicFiles.LockedFile lockedPose = locked.get(3);
          // Phase 1: reads and checks; nothing is written.
          byte[] current = JsonFile.read(lockedPrompts, FileKind.PROMPTS);
          byte[] meta = JsonFile.read(lockedMetadata, FileKind.SCENE_METADATA);
          byte[] stack = JsonFile.read(lockedStack, FileKind.LORAS);
          byte[] pose = JsonFile.read(lockedPose, FileKind.POSE);
          byte[] legacy = JsonFile.read(files, FileKind.LORAS, legacyFile); // only ever read
          if (expected != null) {
            check(promptsFile, expected.prompts(), current);
            check(stackFile, expected.loraStack(), stack);
            check(legacyFile, expected.legacyLoras(), legacy);
            check(poseFile, expected.pose(), pose);
            check(metadataFile, expected.metadata(), meta);
          }
          PromptFiles.Plan promptsPlan =
              PromptFiles.plan(lockedPrompts, promptsFile, current, prompts, null);
          boolean writeStack = !scene.loras().isEmpty() || stack != null || legacy != null;
          boolean writeMetadata = scene.hasMetadata() || meta != null;
          boolean metadataChanged =
              writeMetadata
                  && JsonFile.check(
                      FileKind.SCENE_METADATA,
                      metadataFile,
                      meta,
                      metadataBytes,
                      null,
                      text -> SceneReader.metadata(text, scene.toBuilder()));
          boolean stackChanged =
              writeStack
                  && JsonFile.check(
                      FileKind.LORAS, stackFile, stack, stackBytes, null, SceneReader::loraStack);
          boolean poseChanged =
              poseBytes != null
                  && JsonFile.check(FileKind.POSE, poseFile, pose, poseBytes, null, SceneReader.JsonValue::of);

          // Phase 2: writes, prompts first (see the class description).
          List<String> changed = new ArrayList<>(5);
          PromptFiles.Written promptsWritten = PromptFiles.commit(lockedPrompts, promptsPlan);
          if (promptsWritten.backupCreated()) {
            changed.add(PromptFiles.V1_BACKUP_NAME);
          }
          if (promptsWritten.changed()) {
            changed.add(PromptFiles.FILE_NAME);
          }
          Fingerprint metadataFingerprint = Fingerprint.ofNullable(meta);
          if (metadataChanged) {
            lockedMetadata.write(metadataBytes);
            changed.add(SceneFiles.METADATA_FILE);
            metadataFingerprint = Fingerprint.ofNullable(metadataBytes);
          }
          Fingerprint stackFingerprint = Fingerprint.ofNullable(stack);
          if (stackChanged) {
            lockedStack.write(stackBytes);
            changed.add(SceneFiles.LORA_STACK_FILE);
            stackFingerprint = Fingerprint.ofNullable(stackBytes);
          }
          Fingerprint poseFingerprint = Fingerprint.ofNullable(pose);
          if (poseChanged) {
            lockedPose.write(poseBytes);
            changed.add(SceneFiles.POSE_FILE);
            poseFingerprint = Fingerprint.ofNullable(poseBytes);
          }
          return new SceneFiles.Written(
              promptsWritten,
              changed,
              new SceneFiles.Fingerprints(
                  promptsWritten.fingerprint(),
                  stackFingerprint,
                  Fingerprint.ofNullable(legacy),
                  poseFingerprint,
                  metadataFingerprint));
        });
  }

  private static void check(Path file, Fingerprint expected, @Nullable byte[] current)
      throws FileChangedException {
    Fingerprint actual = Fingerprint.ofNullable(current);
    if (!expected.equals(actual)) {
      throw new FileChangedException(file, expected, actual);
    }
  }

  /** The scene's collection, plus its legacy prompt fields that the collection lacks. */
  private static PromptCollection withLegacyFields(SceneInfo scene) {
    PromptCollection c = scene.prompts();
    for (String name : SceneInfo.LEGACY_PROMPT_NAMES) {
      if (c.prompt(name).isEmpty()) {
        String legacy = scene.legacyPromptValue(name);
        if (!legacy.isEmpty()) {
          c = c.withPrompt(name, legacy);
        }
      }
    }
    return c;
  }

}
