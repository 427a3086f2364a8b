package io.github.fbtools.migration;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.github.fbtools.core.PromptCollection;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.annotation.Nullable;

/**
 * What {@link PromptMigrator} did with one scene's {@code prompts.json}.
 *
 * <!-- given: Path sceneDir -->
 * <pre>{@code
 * MigrationResult r = PromptMigrator.create().migrate(sceneDir);
 * if (r.outcome() == MigrationResult.Outcome.FAILED) {
 *   System.err.println(r.path() + ": " + r.reason());
 * }
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param path the file's path as reported: relative to the tree's root with {@code /} separators
 *     in a {@link MigrationReport}, the absolute path for {@link PromptMigrator#migrate(Path)}; for
 *     a folder that could not be listed, that folder's path
 * @param file the absolute path of the {@code prompts.json} (or of the folder that could not be
 *     listed)
 * @param outcome what happened
 * @param reason why it failed (for {@link Outcome#FAILED}), or a note on another outcome (for
 *     example that a backup exists without its file); null when there is nothing to say
 * @param backup the {@code prompts.json.v1.backup} next to the file if it exists after the run
 *     (or, in a dry run, would be created or reused); null otherwise
 * @param backupCreated whether this run created the backup
 * @param collection the version 2 prompts as migrated, also when they could not be written ("not
 *     persisted": a read-only folder, a full disk); null when the file is missing or unreadable,
 *     and always null in the results a {@link MigrationReport} keeps (the {@link
 *     MigrationListener} sees it)
 * @param warnings what a file that was migrated (or is version 2) may still do wrong elsewhere:
 *     prompts named after version 2 fields ({@link PromptMigrator#V2_FIELD_NAMES}), which the
 *     Python extension's scene loader confuses with those fields; empty when there is none
 */
public record MigrationResult(
    String path,
    Path file,
    Outcome outcome,
    @Nullable String reason,
    @Nullable Path backup,
    boolean backupCreated,
    @Nullable PromptCollection collection,
    List<String> warnings) {

  /** What happened to one file. */
  public enum Outcome {
    /** The version 1 file was upgraded: its backup is in place and the file is version 2. */
    MIGRATED,
    /** Dry run: the version 1 file would be upgraded; nothing was written. */
    WOULD_MIGRATE,
    /** The file is already version 2; nothing was written. */
    ALREADY_V2,
    /** The scene has no {@code prompts.json}; nothing was written. */
    MISSING,
    /** The file could not be read or written; it is as it was. {@link #reason()} says why. */
    FAILED;

    /**
     * Returns the name used in JSON reports: the constant's name in lower case.
     *
     * @return for example {@code "already_v2"}
     */
    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Validates the components.
   *
   * @param path the file's path as reported
   * @param file the absolute path of the file
   * @param outcome what happened
   * @param reason why it failed, or a note; null when there is nothing to say
   * @param backup the backup next to the file, or null
   * @param backupCreated whether this run created the backup
   * @param collection the version 2 prompts, or null
   * @param warnings warnings on a file that is fine otherwise, possibly empty
   * @throws NullPointerException if {@code path}, {@code file}, {@code outcome} or {@code
   *     warnings} is null
   * @throws IllegalArgumentException if a failure has no reason
   */
  public MigrationResult {
    checkNotNull(path, "path");
    checkNotNull(file, "file");
    checkNotNull(outcome, "outcome");
    warnings = List.copyOf(warnings);
    checkArgument(
        outcome != Outcome.FAILED || reason != null, "a FAILED result needs a reason: %s", path);
  }

  /**
   * Creates a result without warnings.
   *
   * @param path the file's path as reported
   * @param file the absolute path of the file
   * @param outcome what happened
   * @param reason why it failed, or a note; null when there is nothing to say
   * @param backup the backup next to the file, or null
   * @param backupCreated whether this run created the backup
   * @param collection the version 2 prompts, or null
   * @throws NullPointerException if {@code path}, {@code file} or {@code outcome} is null
   * @throws IllegalArgumentException if a failure has no reason
   */
  public MigrationResult(
      String path,
      Path file,
      Outcome outcome,
      @Nullable String reason,
      @Nullable Path backup,
      boolean backupCreated,
      @Nullable PromptCollection collection) {
    this(path, file, outcome, reason, backup, backupCreated, collection, List.of());
  }

  /**
   * Tells whether this result is a failure.
   *
   * @return {@code outcome() == FAILED}
   */
  public boolean failed() {
    return outcome == Outcome.FAILED;
  }

  /** Returns this result without its collection, as a report keeps it. */
  MigrationResult withoutCollection() {
    return collection == null
        ? this
        : new MigrationResult(path, file, outcome, reason, backup, backupCreated, null, warnings);
  }

  /**
   * Describes the result on one line, without the collection.
   *
   * @return for example {@code "scene_a/prompts.json: migrated (backup created)"}
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(path).append(": ").append(outcome.jsonName());
    if (backupCreated) {
      sb.append(" (backup created)");
    }
    if (reason != null) {
      sb.append(": ").append(reason);
    }
    for (String w : warnings) {
      sb.append("; warning: ").append(w);
    }
    return sb.toString();
  }
}
