package io.github.fbtools.migration;

import io.github.fbtools.core.files.Fingerprint;
import io.github.fbtools.core.json.FormatException;
import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.files.BackupConflictException;
import io.github.fbtools.core.files.FileBusyException;
import io.github.fbtools.core.files.FileChangedException;
import io.github.fbtools.core.files.PromptFiles;
import io.github.fbtools.migration.MigrationResult.Outcome;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;

/**
 * The migration of one scene, as {@link PromptMigrator#migrate(Path)} describes it: load, then
 * (unless a dry run) write version 2 through {@link PromptFiles}, the one place of the
 * non-destructive rule, over exactly the bytes that were converted, loading again when another
 * writer changed them; then sweep dead writers' leftovers. Never throws for a scene that cannot be
 * migrated: the result says why.
 *
 * <p>Immutable and thread-safe: the workers of a tree run share one, each on its own scene.
 */
final class SceneMigration {
  /** A dry run's note on a version 1 file whose backup does not exist yet. */
  static final String WOULD_CREATE_BACKUP = PromptFiles.V1_BACKUP_NAME + " would be created";

  /** A dry run's note on a version 1 file whose identical backup exists (an interrupted run). */
  static final String WOULD_KEEP_BACKUP =
      PromptFiles.V1_BACKUP_NAME + " exists with the same bytes and would be kept";

  /** How many times a file that keeps changing under a migration is loaded again. */
  static final int MAX_ATTEMPTS = 5;

  private static final System.Logger LOG = System.getLogger(PromptMigrator.class.getName());

  private final SceneIo io;

  SceneMigration(SceneIo io) {
    this.io = io;
  }

  /**
   * Migrates one scene folder, then sweeps its leftovers (except in a dry run).
   *
   * @param sceneDir the absolute scene folder
   * @param shown the file's path as the result reports it
   */
  MigrationResult migrate(Path sceneDir, String shown) {
    MigrationResult r = migrateOnce(sceneDir, shown);
    io.sweep(sceneDir);
    return r;
  }

  /** The result for a folder of a tree that could not be listed. */
  static MigrationResult unlisted(SceneTree.Entry e, IOException error) {
    return new MigrationResult(
        e.relative(), e.dir(), Outcome.FAILED, SceneIo.cannotList(error), null, false, null);
  }

  private MigrationResult migrateOnce(Path sceneDir, String shown) {
    Path file = PromptFiles.file(sceneDir);
    Path backup = PromptFiles.backupFile(sceneDir);
    PromptCollection collection = null;
    try {
      for (int attempt = 1; ; attempt++) {
        PromptFiles.Loaded loaded = io.prompts().load(sceneDir);
        if (loaded.state() == PromptFiles.State.MISSING) {
          return new MigrationResult(
              shown, file, Outcome.MISSING, missingNote(sceneDir, backup),
              SceneIo.existing(backup), false, null);
        }
        if (loaded.state() == PromptFiles.State.V2) {
          return new MigrationResult(
              shown, file, Outcome.ALREADY_V2, null, SceneIo.existing(backup), false,
              loaded.collection(), fieldNameWarnings(loaded.collection()));
        }
        collection = loaded.collection();
        if (io.dryRun()) {
          return plan(shown, file, backup, loaded);
        }
        try {
          PromptFiles.Written w = io.prompts().write(sceneDir, collection, loaded.fingerprint());
          return new MigrationResult(
              shown, file, Outcome.MIGRATED, null, backup, w.backupCreated(), collection,
              fieldNameWarnings(collection));
        } catch (FileChangedException e) {
          if (attempt >= MAX_ATTEMPTS) {
            return failed(
                shown,
                file,
                backup,
                "not persisted: the file changed under the migration "
                    + MAX_ATTEMPTS
                    + " times in a row; last: "
                    + e.getMessage(),
                collection);
          }
          LOG.log(Level.DEBUG, "{0} changed while migrating it; loading it again", file);
        }
      }
    } catch (FormatException e) {
      return failed(shown, file, backup, "left untouched: " + e.getMessage(), null);
    } catch (FileBusyException e) {
      return failed(shown, file, backup, "not persisted, busy: " + e.getMessage(), collection);
    } catch (BackupConflictException e) {
      return failed(shown, file, backup, "not persisted: " + e.getMessage(), collection);
    } catch (IOException e) {
      return failed(shown, file, backup, "not persisted: " + SceneIo.describe(e), collection);
    } catch (RuntimeException e) {
      return failed(
          shown, file, backup, "not persisted, unexpected " + SceneIo.describe(e), collection);
    }
  }

  /** A dry run's verdict on a version 1 file. */
  private MigrationResult plan(String shown, Path file, Path backup, PromptFiles.Loaded loaded)
      throws IOException {
    byte[] existing = io.readIfExists(backup);
    if (existing != null && !Fingerprint.of(existing).equals(loaded.fingerprint())) {
      return failed(
          shown,
          file,
          backup,
          "would fail: "
              + PromptFiles.V1_BACKUP_NAME
              + " exists and differs from the version 1 file it would back up; a backup is"
              + " never overwritten (move it aside to upgrade this file)",
          loaded.collection());
    }
    return new MigrationResult(
        shown,
        file,
        Outcome.WOULD_MIGRATE,
        existing == null ? WOULD_CREATE_BACKUP : WOULD_KEEP_BACKUP,
        backup,
        false,
        loaded.collection(),
        fieldNameWarnings(loaded.collection()));
  }

  /**
   * The warning on a collection with prompts named after version 2 fields ({@link
   * PromptMigrator#V2_FIELD_NAMES}), or none.
   */
  static List<String> fieldNameWarnings(PromptCollection collection) {
    List<String> named = new ArrayList<>();
    for (String field : PromptMigrator.V2_FIELD_NAMES) {
      if (collection.prompt(field).isPresent()) {
        named.add(field);
      }
    }
    if (named.isEmpty()) {
      return List.of();
    }
    return List.of(
        "prompts named after version 2 fields ("
            + String.join(", ", named)
            + "): this library reads them, but the Python extension's scene loader copies prompt"
            + " values to the top level, where these names are fields (a prompt named scene_flags"
            + " makes the scene unloadable there); rename these prompts");
  }

  private static MigrationResult failed(
      String shown, Path file, Path backup, String reason, @Nullable PromptCollection collection) {
    return new MigrationResult(
        shown, file, Outcome.FAILED, reason, SceneIo.existing(backup), false, collection);
  }

  @Nullable
  private static String missingNote(Path sceneDir, Path backup) {
    if (Files.exists(backup, LinkOption.NOFOLLOW_LINKS)) {
      return "no prompts.json, but " + PromptFiles.V1_BACKUP_NAME + " exists (rollback restores it)";
    }
    return Files.isDirectory(sceneDir) ? null : "no such folder";
  }
}
