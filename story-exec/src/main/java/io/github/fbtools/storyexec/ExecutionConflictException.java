package io.github.fbtools.storyexec;

import static com.google.common.base.Preconditions.checkNotNull;

import io.github.fbtools.core.FbToolsException;
import java.nio.file.Path;

/**
 * {@link ExecutionInit} was asked to initialise an execution that already exists with a different
 * input. Nothing was written or overwritten: the existing execution is unchanged. Choose another
 * exec id (or let one be generated), or pass the same input to reuse the execution.
 *
 * <!-- given: ExecutionInit init; Path storyRoot; ImageTensor otherImage -->
 * <pre>{@code
 * try {
 *   init.init(storyRoot, "my_story", "job1", ExecId.parse("retake"), otherImage, 5);
 * } catch (ExecutionConflictException e) {
 *   e.existingHash();   // the input the execution was made with
 * }
 * }</pre>
 *
 * <p>Instances are immutable once constructed and safe to share between threads.
 */
public final class ExecutionConflictException extends FbToolsException {
  private static final long serialVersionUID = 1L;

  /** The execution id whose folder holds another input. */
  private final String execId;

  /** The input hash already recorded in the execution. */
  private final String existingHash;

  /** The input hash of the refused run. */
  private final String newHash;

  /** The execution folder, as given. */
  private final String folder;

  /**
   * Creates the exception.
   *
   * @param execId the execution's id
   * @param existingHash the input hash the execution already holds
   * @param newHash the input hash that was refused
   * @param folder the execution's folder
   */
  public ExecutionConflictException(
      ExecId execId, String existingHash, String newHash, Path folder) {
    super(
        "execution "
            + checkNotNull(execId, "execId")
            + " already holds input "
            + checkNotNull(existingHash, "existingHash")
            + ", not "
            + checkNotNull(newHash, "newHash")
            + " ("
            + checkNotNull(folder, "folder")
            + "); nothing was overwritten: use another exec id or the same input");
    this.execId = execId.value();
    this.existingHash = existingHash;
    this.newHash = newHash;
    this.folder = folder.toString();
  }

  /**
   * Returns the execution's id.
   *
   * @return the exec id
   */
  public ExecId execId() {
    return ExecId.parse(execId);
  }

  /**
   * Returns the input hash the execution already holds.
   *
   * @return 12 lower-case hex characters
   */
  public String existingHash() {
    return existingHash;
  }

  /**
   * Returns the input hash that was refused.
   *
   * @return 12 lower-case hex characters
   */
  public String newHash() {
    return newHash;
  }

  /**
   * Returns the execution's folder.
   *
   * @return the folder
   */
  public Path folder() {
    return Path.of(folder);
  }
}
