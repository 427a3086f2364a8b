package io.github.fbtools.migration;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link PromptMigrator#verify(Path)} found in one scene.
 *
 * <!-- given: Path sceneDir -->
 * <pre>{@code
 * VerificationResult v = PromptMigrator.create().verify(sceneDir);
 * if (v.status() != VerificationResult.Status.OK) {
 *   v.problems().forEach(p -> System.err.println(v.path() + ": " + p));
 * }
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param path the file's path as reported (relative to the tree's root in {@link
 *     PromptMigrator#verifyTree(Path)}, absolute otherwise)
 * @param file the absolute path of the {@code prompts.json}
 * @param status the verdict
 * @param problems what is wrong or worth knowing, one sentence each; empty when {@link
 *     Status#OK}
 */
public record VerificationResult(String path, Path file, Status status, List<String> problems) {

  /** The verdict on one scene. */
  public enum Status {
    /**
     * A version 2 file that parses; if it carries {@code v1_backup}, {@code
     * prompts.json.v1.backup} exists and holds the same JSON value.
     */
    OK,
    /**
     * Nothing is lost, but something is not as the migration leaves it: the backup file is
     * missing while {@code v1_backup} still holds the original object, or a backup file exists
     * while the file has no {@code v1_backup}, or prompts are named after version 2 fields
     * ({@link PromptMigrator#V2_FIELD_NAMES}), which the Python extension's scene loader confuses
     * with those fields.
     */
    WARNING,
    /**
     * The file is missing, unreadable or still version 1, or the backup file and {@code
     * v1_backup} disagree or the backup is unreadable.
     */
    FAILED
  }

  /**
   * Validates and copies the components.
   *
   * @param path the file's path as reported
   * @param file the absolute path of the file
   * @param status the verdict
   * @param problems what is wrong or worth knowing; empty exactly when the status is OK
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if the status and the problems disagree
   */
  public VerificationResult {
    checkNotNull(path, "path");
    checkNotNull(file, "file");
    checkNotNull(status, "status");
    problems = List.copyOf(problems);
    checkArgument(
        (status == Status.OK) == problems.isEmpty(),
        "status %s with problems %s: %s",
        status,
        problems,
        path);
  }

  /**
   * Tells whether the scene verified without problems.
   *
   * @return {@code status() == OK}
   */
  public boolean ok() {
    return status == Status.OK;
  }
}
