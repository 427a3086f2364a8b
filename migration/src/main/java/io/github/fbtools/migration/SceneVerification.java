package io.github.fbtools.migration;

import io.github.fbtools.core.files.Fingerprint;
import io.github.fbtools.core.json.FormatException;
import io.github.fbtools.core.files.FileKind;
import io.github.fbtools.core.files.PromptFiles;
import io.github.fbtools.core.json.FbJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * The check of one scene, as {@link PromptMigrator#verify(Path)} describes it. Reads only.
 *
 * <p>Immutable and thread-safe: the workers of a tree run share one.
 */
final class SceneVerification {
  private final SceneIo io;

  SceneVerification(SceneIo io) {
    this.io = io;
  }

  /** The verdict for a folder of a tree that could not be listed. */
  static VerificationResult unlisted(SceneTree.Entry e, IOException error) {
    return new VerificationResult(
        e.relative(),
        e.dir(),
        VerificationResult.Status.FAILED,
        List.of(SceneIo.cannotList(error)));
  }

  /**
   * Checks one scene folder.
   *
   * @param sceneDir the absolute scene folder
   * @param shown the file's path as the result reports it
   */
  VerificationResult verify(Path sceneDir, String shown) {
    Path file = PromptFiles.file(sceneDir);
    Path backup = PromptFiles.backupFile(sceneDir);
    List<String> failures = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    try {
      PromptFiles.Loaded loaded = io.prompts().load(sceneDir);
      byte[] backupBytes = io.readIfExists(backup);
      switch (loaded.state()) {
        case MISSING:
          failures.add(
              backupBytes == null
                  ? "prompts.json is missing"
                  : "prompts.json is missing, but "
                      + PromptFiles.V1_BACKUP_NAME
                      + " exists (rollback restores it)");
          break;
        case V1:
          failures.add(stillVersion1(loaded, backupBytes));
          break;
        default:
          checkBackup(loaded.collection().v1Backup(), backupBytes, failures, warnings);
          warnings.addAll(SceneMigration.fieldNameWarnings(loaded.collection()));
          break;
      }
    } catch (FormatException e) {
      failures.add("unreadable: " + e.getMessage());
    } catch (IOException | RuntimeException e) {
      failures.add("cannot read: " + SceneIo.describe(e));
    }
    VerificationResult.Status status =
        !failures.isEmpty()
            ? VerificationResult.Status.FAILED
            : !warnings.isEmpty() ? VerificationResult.Status.WARNING : VerificationResult.Status.OK;
    failures.addAll(warnings);
    return new VerificationResult(shown, file, status, failures);
  }

  private static String stillVersion1(PromptFiles.Loaded loaded, @Nullable byte[] backupBytes) {
    if (backupBytes == null) {
      return "still version 1: not migrated";
    }
    if (Fingerprint.of(backupBytes).equals(loaded.fingerprint())) {
      return "still version 1: not migrated (its backup is in place, as after a rollback)";
    }
    return "still version 1, and "
        + PromptFiles.V1_BACKUP_NAME
        + " holds other bytes: a migration will refuse it until that backup is moved aside";
  }

  private static void checkBackup(
      Optional<Map<String, Object>> v1Backup,
      @Nullable byte[] backupBytes,
      List<String> failures,
      List<String> warnings) {
    if (v1Backup.isEmpty()) {
      if (backupBytes != null) {
        warnings.add(
            PromptFiles.V1_BACKUP_NAME
                + " exists but prompts.json has no v1_backup (a tool that drops it saved the"
                + " file; the original is in the backup)");
      }
      return;
    }
    if (backupBytes == null) {
      warnings.add(
          PromptFiles.V1_BACKUP_NAME
              + " is missing; v1_backup in prompts.json still holds the original object (not its"
              + " exact bytes)");
      return;
    }
    try {
      Map<String, Object> onDisk = FbJson.parseObject(backupBytes, FileKind.PROMPTS.limits());
      if (!onDisk.equals(v1Backup.get())) {
        failures.add(PromptFiles.V1_BACKUP_NAME + " differs from v1_backup in prompts.json");
      }
    } catch (FormatException e) {
      failures.add(
          PromptFiles.V1_BACKUP_NAME + " is not a readable JSON object: " + e.getMessage());
    }
  }
}
