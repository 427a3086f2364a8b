package io.github.fbtools.core.files;

import static java.util.Objects.requireNonNull;

import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * A write was refused because the file would be over the limits of its {@link FileKind} (its size,
 * its JSON token count, or a parser limit such as the nesting depth), so the library could not
 * read it back. Nothing was written: the file, and any backup that would have been made first,
 * are as they were.
 *
 * <!-- given: PromptFiles promptFiles; Path sceneDir; PromptCollection huge -->
 * <pre>{@code
 * try {
 *   promptFiles.write(sceneDir, huge);
 * } catch (FileTooLargeException e) {
 *   System.err.println(e.getMessage()); // names the file, the kind and the limit
 * }
 * }</pre>
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class FileTooLargeException extends FileSystemException {
  private static final long serialVersionUID = 1L;

  /** The kind whose limit the file would exceed. */
  private final FileKind kind;

  /**
   * Creates the exception.
   *
   * @param file the file that was not written
   * @param kind the file's kind
   * @param reason what limit it would exceed
   */
  public FileTooLargeException(Path file, FileKind kind, String reason) {
    super(
        file.toString(),
        null,
        requireNonNull(reason, "reason")
            + " (the limits of a "
            + kind.name()
            + " file: "
            + kind.maxBytes()
            + " bytes, "
            + kind.maxTokens()
            + " JSON tokens); nothing was written");
    this.kind = kind;
  }

  /**
   * Returns the kind whose limit the file would exceed.
   *
   * @return the kind
   */
  public FileKind kind() {
    return kind;
  }
}
