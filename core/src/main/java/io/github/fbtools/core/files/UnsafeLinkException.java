package io.github.fbtools.core.files;

import static java.util.Objects.requireNonNull;

import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * {@link AtomicFiles} refused to write through a symbolic link: the link dangles, or the file it
 * points to lies outside the folder that holds the link. Nothing was written.
 *
 * <!-- given: AtomicFiles files; Path sceneDir; byte[] bytes -->
 * <pre>{@code
 * try {
 *   files.write(sceneDir.resolve("prompts.json"), bytes);
 * } catch (UnsafeLinkException e) {
 *   System.err.println(e.getFile() + " points to " + e.getOtherFile());
 * }
 * }</pre>
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class UnsafeLinkException extends FileSystemException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param link the symbolic link
   * @param pointsTo where it points (as far as known)
   * @param reason why it was refused
   */
  public UnsafeLinkException(Path link, String pointsTo, String reason) {
    super(
        link.toString(), requireNonNull(pointsTo, "pointsTo"), requireNonNull(reason, "reason"));
  }
}
