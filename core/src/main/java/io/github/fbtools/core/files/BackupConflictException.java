package io.github.fbtools.core.files;

import static java.util.Objects.requireNonNull;

import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * A write over a version 1 {@code prompts.json} was refused because {@code
 * prompts.json.v1.backup} already exists with different bytes, or the collection to write carries
 * a {@code v1_backup} that differs from the file's. A backup is never overwritten; nothing was
 * written. Move the old backup aside if it is no longer wanted, then write again.
 *
 * <!-- given: PromptFiles promptFiles; Path sceneDir; PromptCollection collection -->
 * <pre>{@code
 * try {
 *   promptFiles.write(sceneDir, collection);
 * } catch (BackupConflictException e) {
 *   System.err.println("left untouched: " + e.getMessage());
 * }
 * }</pre>
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class BackupConflictException extends FileSystemException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param file the file whose write was refused
   * @param backup the backup file involved
   * @param reason what differs
   */
  public BackupConflictException(Path file, Path backup, String reason) {
    super(file.toString(), backup.toString(), requireNonNull(reason, "reason"));
  }
}
