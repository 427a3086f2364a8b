package io.github.fbtools.migration;

import static com.google.common.base.Preconditions.checkNotNull;

import io.github.fbtools.core.json.FormatException;
import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.files.AtomicFiles;
import io.github.fbtools.core.files.FileKind;
import io.github.fbtools.core.files.PromptFiles;
import io.github.fbtools.core.json.FbJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * The rollback of one scene, as {@link PromptMigrator#rollback(Path)} describes it: checks, then
 * (under the file's lock, unless a dry run) sets the version 2 file aside as {@value
 * PromptMigrator#ROLLBACK_NAME} and puts the backup's bytes back. Never throws for a scene that
 * cannot be rolled back: nothing is changed and the result says why.
 *
 * <p>Immutable and thread-safe.
 */
final class SceneRollback {
  private static final int MAX_BYTES = SceneIo.MAX_BYTES;

  private final SceneIo io;

  SceneRollback(SceneIo io) {
    this.io = io;
  }

  /**
   * Rolls one scene folder back, then sweeps its leftovers (except in a dry run).
   *
   * @param sceneDir the absolute scene folder
   */
  RollbackResult rollback(Path sceneDir) {
    Path file = PromptFiles.file(sceneDir);
    String shown = file.toString();
    AtomicFiles files = io.files();
    RollbackResult r;
    try {
      if (io.dryRun()) {
        r = new Plan(shown, sceneDir, p -> files.readIfExists(p, MAX_BYTES)).run(file, null);
      } else {
        r =
            files.underLock(
                file,
                locked ->
                    new Plan(shown, sceneDir, p -> locked.readIfExists(p, MAX_BYTES))
                        .run(locked.file(), locked));
      }
    } catch (FormatException e) {
      r = failed(shown, file, "not rolled back: " + e.getMessage());
    } catch (IOException | RuntimeException e) {
      r = failed(shown, file, "not rolled back: " + SceneIo.describe(e));
    }
    io.sweep(sceneDir);
    return checkNotNull(r);
  }

  private static RollbackResult failed(String shown, Path file, String reason) {
    return new RollbackResult(shown, file, RollbackResult.Outcome.FAILED, reason, null);
  }

  /** Reads a file next to the locked one (or without a lock, in a dry run). */
  @FunctionalInterface
  private interface Reader {
    @Nullable
    byte[] read(Path file) throws IOException;
  }

  /** The checks and steps of one rollback. */
  private static final class Plan {
    private final String shown;
    private final Path file;
    private final Path backup;
    private final Path aside;
    private final Reader reader;

    Plan(String shown, Path sceneDir, Reader reader) {
      this.shown = shown;
      this.file = PromptFiles.file(sceneDir);
      this.backup = PromptFiles.backupFile(sceneDir);
      this.aside = sceneDir.resolve(PromptMigrator.ROLLBACK_NAME);
      this.reader = reader;
    }

    private RollbackResult refuse(String reason) {
      return failed(shown, file, "not rolled back: " + reason);
    }

    /**
     * Checks, then (given a locked file) writes.
     *
     * @param current the file to read: the locked one (a link's target) or {@code prompts.json}
     * @param locked the locked file to write through, or null for a dry run
     */
    RollbackResult run(Path current, @Nullable AtomicFiles.LockedFile locked) throws IOException {
      byte[] v1 = reader.read(backup);
      if (v1 == null) {
        return refuse("there is no " + PromptFiles.V1_BACKUP_NAME);
      }
      if (v1.length > MAX_BYTES) {
        return refuse(PromptFiles.V1_BACKUP_NAME + " is larger than a prompts.json may be");
      }
      byte[] now = reader.read(current);
      if (now != null && Arrays.equals(now, v1)) {
        return new RollbackResult(
            shown,
            file,
            RollbackResult.Outcome.NOT_NEEDED,
            "prompts.json already holds the bytes of " + PromptFiles.V1_BACKUP_NAME,
            null);
      }
      Map<String, Object> original;
      try {
        original = FbJson.parseObject(v1, FileKind.PROMPTS.limits());
      } catch (FormatException e) {
        return refuse(
            PromptFiles.V1_BACKUP_NAME + " is not a readable JSON object: " + e.getMessage());
      }
      if (now == null) {
        return finish(v1, null, null, locked);
      }
      if (now.length > MAX_BYTES) {
        return refuse("prompts.json is larger than a prompts.json may be");
      }
      PromptCollection collection;
      try {
        Map<String, Object> doc = FbJson.parseObject(now, FileKind.PROMPTS.limits());
        if (PromptCollection.formatVersionOf(doc) == 1) {
          return refuse(
              "prompts.json is version 1 with other bytes than "
                  + PromptFiles.V1_BACKUP_NAME
                  + "; there is no version 2 file to roll back");
        }
        collection = PromptCollection.fromJsonObject(doc);
      } catch (FormatException e) {
        return refuse("prompts.json is unreadable: " + e.inFile(file).getMessage());
      }
      Optional<Map<String, Object>> inFile = collection.v1Backup();
      if (inFile.isPresent() && !inFile.get().equals(original)) {
        return refuse(
            "v1_backup in prompts.json differs from "
                + PromptFiles.V1_BACKUP_NAME
                + "; the backup does not belong to this file");
      }
      byte[] previous = reader.read(aside);
      if (previous != null && !Arrays.equals(previous, now)) {
        return refuse(
            PromptMigrator.ROLLBACK_NAME
                + " exists with other bytes; it is never overwritten (move it away to roll back)");
      }
      return finish(v1, now, previous, locked);
    }

    private RollbackResult finish(
        byte[] v1,
        @Nullable byte[] now,
        @Nullable byte[] previous,
        @Nullable AtomicFiles.LockedFile locked)
        throws IOException {
      Path setAside = now == null ? null : aside;
      if (locked == null) {
        return new RollbackResult(
            shown, file, RollbackResult.Outcome.WOULD_ROLL_BACK, null, setAside);
      }
      if (now != null && previous == null) {
        locked.publishExclusive(aside, now);
      }
      locked.write(v1);
      return new RollbackResult(shown, file, RollbackResult.Outcome.ROLLED_BACK, null, setAside);
    }
  }
}
