package io.github.fbtools.core.files;

import static java.util.Objects.requireNonNull;

import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Another writer held the lock on a file for longer than the lock timeout of {@link AtomicFiles}
 * (2 seconds by default). Nothing was written. Retrying later is safe.
 *
 * <!-- given: AtomicFiles files; Path target; byte[] bytes; void log(String message) -->
 * <pre>{@code
 * try {
 *   files.write(target, bytes);
 * } catch (FileBusyException e) {
 *   log("busy: " + e.getMessage() + ", owner " + e.ownerPid());
 * }
 * }</pre>
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class FileBusyException extends FileSystemException {
  private static final long serialVersionUID = 1L;

  /** The lock file that was in the way. */
  private final String lockFile;
  /** The process id written in the lock file, or -1 if it names none. */
  private final long ownerPid;
  /** How long the writer waited, in nanoseconds. */
  private final long waitedNanos;

  /**
   * Creates the exception.
   *
   * @param file the file that could not be locked
   * @param lockFile its lock file
   * @param ownerPid the process id written in the lock file, or -1 if unknown
   * @param waited how long the writer waited
   * @param reason who holds the lock, in words
   */
  public FileBusyException(
      Path file, Path lockFile, long ownerPid, Duration waited, String reason) {
    super(
        file.toString(),
        null,
        requireNonNull(reason, "reason") + "; gave up after " + waited.toMillis() + " ms");
    this.lockFile = lockFile.toString();
    this.ownerPid = ownerPid;
    this.waitedNanos = waited.toNanos();
  }

  /**
   * Returns the lock file that was in the way.
   *
   * @return its path
   */
  public Path lockFile() {
    return Path.of(lockFile);
  }

  /**
   * Returns the process id recorded in the lock file.
   *
   * @return the owner's pid, empty if the lock file names none
   */
  public OptionalLong ownerPid() {
    return ownerPid < 0 ? OptionalLong.empty() : OptionalLong.of(ownerPid);
  }

  /**
   * Returns how long the writer waited for the lock.
   *
   * @return the time waited (at least the lock timeout, unless the lock can never be taken)
   */
  public Duration waited() {
    return Duration.ofNanos(waitedNanos);
  }
}
