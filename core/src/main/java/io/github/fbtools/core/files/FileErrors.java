package io.github.fbtools.core.files;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * How {@link AtomicFiles} and its lock protocol report failures on their own files: named after
 * the file the caller asked for, never after a {@code <name>.<pid>.<token>.tmp} name it does not
 * know.
 *
 * <!-- given: FileOps ops; Path file; Path temp; void write(Path temp) throws IOException -->
 * <pre>{@code
 * try {
 *   write(temp);
 * } catch (IOException | RuntimeException e) {
 *   FileErrors.deleteAfterFailure(ops, temp, e);
 *   throw FileErrors.withFile(e, file, temp, "writing");
 * }
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
final class FileErrors {
  private FileErrors() {}

  /**
   * Returns {@code e} to rethrow: unchecked exceptions and typed {@link IOException}s as they are,
   * a plain {@link IOException} (which names no file, like "No space left on device") wrapped in a
   * {@link FileSystemException} that names the file and the step.
   */
  static RuntimeException withFile(Exception e, Path file, Path temp, String step)
      throws IOException {
    if (e instanceof RuntimeException r) {
      return r;
    }
    IOException io = (IOException) e;
    if (io instanceof FileSystemException fs && temp.toString().equals(fs.getFile())) {
      throw onBehalfOf(fs, file, step + " its temporary file");
    }
    if (io.getClass() != IOException.class) {
      throw io;
    }
    FileSystemException named =
        new FileSystemException(file.toString(), null, step + ": " + io.getMessage());
    named.initCause(io);
    throw named;
  }

  /**
   * A failure on one of the writer's own files of {@code target} (its temporary file, or the
   * private name of its lock), named after {@code target}. An {@link AccessDeniedException} stays
   * one; any other becomes a {@link FileSystemException}. The original is the cause.
   */
  static FileSystemException onBehalfOf(FileSystemException e, Path target, String step) {
    String why = e.getReason();
    if (why == null) {
      why = e instanceof AccessDeniedException ? "permission denied" : e.getClass().getSimpleName();
    }
    String reason = step + ": " + why;
    FileSystemException named =
        e instanceof AccessDeniedException
            ? new AccessDeniedException(target.toString(), null, reason)
            : new FileSystemException(target.toString(), null, reason);
    named.initCause(e);
    return named;
  }

  /** Deletes a file left by a failed step; a failure to delete is added to {@code failure}. */
  static void deleteAfterFailure(FileOps ops, Path temp, Exception failure) {
    try {
      ops.deleteIfExists(temp);
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /** The exception of a wait for a lock that was interrupted. */
  static InterruptedIOException interrupted(Path target) {
    return new InterruptedIOException("interrupted while waiting for the lock on " + target);
  }
}
