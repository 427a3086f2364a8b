package io.github.fbtools.core.files;

import static java.util.Objects.requireNonNull;

import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * Something other than a file (a folder, a device, a socket) is where the library expects a file
 * to read or replace. Nothing was read or written.
 *
 * <!-- given: AtomicFiles files; Path sceneDir -->
 * <pre>{@code
 * try {
 *   files.readIfExists(sceneDir.resolve("prompts.json"), FileKind.PROMPTS.maxBytes());
 * } catch (NotAFileException e) {
 *   System.err.println(e.getFile() + " " + e.getReason());   // ... is a folder, not a file
 * }
 * }</pre>
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class NotAFileException extends FileSystemException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param file where a file was expected
   * @param reason what is there instead, for example {@code "is a folder, not a file"}
   */
  public NotAFileException(Path file, String reason) {
    super(file.toString(), null, requireNonNull(reason, "reason"));
  }
}
