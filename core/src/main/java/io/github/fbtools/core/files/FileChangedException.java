package io.github.fbtools.core.files;

import static com.google.common.base.Preconditions.checkNotNull;

import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * A save was refused because the file changed on disk since it was loaded (its fingerprint is not
 * the one the caller expected). Nothing was written. Load the file again, or save without an
 * expected fingerprint to overwrite it deliberately.
 *
 * <!-- given: PromptFiles promptFiles; Path sceneDir; PromptCollection edited -->
 * <pre>{@code
 * PromptFiles.Loaded loaded = promptFiles.load(sceneDir);
 * try {
 *   promptFiles.write(sceneDir, edited, loaded.fingerprint());
 * } catch (FileChangedException e) {
 *   // someone else saved in between: reload and merge
 * }
 * }</pre>
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class FileChangedException extends FileSystemException {
  private static final long serialVersionUID = 1L;

  /** The fingerprint the caller expected. */
  private final Fingerprint expected;

  /** The fingerprint found on disk. */
  private final Fingerprint actual;

  /**
   * Creates the exception.
   *
   * @param file the file
   * @param expected the fingerprint the caller expected
   * @param actual the fingerprint found on disk
   */
  public FileChangedException(Path file, Fingerprint expected, Fingerprint actual) {
    super(
        file.toString(),
        null,
        "changed on disk since it was loaded (expected "
            + checkNotNull(expected, "expected")
            + ", found "
            + checkNotNull(actual, "actual")
            + ")");
    this.expected = expected;
    this.actual = actual;
  }

  /**
   * Returns the fingerprint the caller expected.
   *
   * @return the expected fingerprint
   */
  public Fingerprint expected() {
    return expected;
  }

  /**
   * Returns the fingerprint found on disk.
   *
   * @return the actual fingerprint
   */
  public Fingerprint actual() {
    return actual;
  }
}
