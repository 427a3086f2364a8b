package io.github.fbtools.migration;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.nio.file.Path;
import java.util.Locale;
import javax.annotation.Nullable;

/**
 * What {@link PromptMigrator#rollback(Path)} did with one scene.
 *
 * <!-- given: Path sceneDir -->
 * <pre>{@code
 * RollbackResult r = PromptMigrator.create().rollback(sceneDir);
 * if (r.outcome() == RollbackResult.Outcome.ROLLED_BACK && r.setAside() != null) {
 *   System.out.println("the version 2 file is kept as " + r.setAside());
 * }
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param path the file's path as given (absolute)
 * @param file the absolute path of the {@code prompts.json}
 * @param outcome what happened
 * @param reason why it failed or was not needed; null when rolled back
 * @param setAside the {@code prompts.json.v2.rollback} holding the version 2 file that was
 *     replaced (or would be, in a dry run); null when there was none
 */
public record RollbackResult(
    String path,
    Path file,
    Outcome outcome,
    @Nullable String reason,
    @Nullable Path setAside) {

  /** What happened to one file. */
  public enum Outcome {
    /** The file holds the original version 1 bytes again. */
    ROLLED_BACK,
    /** Dry run: the file would be rolled back; nothing was written. */
    WOULD_ROLL_BACK,
    /** The file already holds the backup's bytes; nothing was written. */
    NOT_NEEDED,
    /** Nothing was changed; {@link #reason()} says why. */
    FAILED;

    /**
     * Returns the name used in JSON: the constant's name in lower case.
     *
     * @return for example {@code "rolled_back"}
     */
    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Validates the components.
   *
   * @param path the file's path as given
   * @param file the absolute path of the file
   * @param outcome what happened
   * @param reason why it failed or was not needed, or null
   * @param setAside the set-aside version 2 file, or null
   * @throws NullPointerException if {@code path}, {@code file} or {@code outcome} is null
   * @throws IllegalArgumentException if a failure has no reason
   */
  public RollbackResult {
    checkNotNull(path, "path");
    checkNotNull(file, "file");
    checkNotNull(outcome, "outcome");
    checkArgument(
        outcome != Outcome.FAILED || reason != null, "a FAILED result needs a reason: %s", path);
  }
}
