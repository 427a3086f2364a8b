package io.github.fbtools.core.files;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * The file-system and process primitives that {@link AtomicFiles} and {@link SafeNames} use, one
 * method per step. Every write, flush, rename, link, delete and directory flush of the library goes
 * through this interface, so a test can count the steps of an operation and make any one of them
 * fail (an I/O error, a process death, a power loss).
 *
 * <p>{@link #system()} is the real implementation, backed by {@link java.nio.file.Files} and
 * {@link java.nio.channels.FileChannel}. Other implementations are meant for tests and delegate
 * to it.
 *
 * <pre>{@code
 * FileOps failing = new ForwardingFileOps(FileOps.system()) {
 *   @Override
 *   public void forceDirectory(Path dir) throws IOException {
 *     throw new IOException("injected");
 *   }
 * };
 * AtomicFiles files = AtomicFiles.builder().fileOps(failing).build();
 * }</pre>
 *
 * <p>Implementations must be thread-safe; {@link #system()} is.
 */
public interface FileOps {

  /**
   * Returns the real implementation.
   *
   * @return the shared instance backed by the default file system
   */
  static FileOps system() {
    return SystemFileOps.INSTANCE;
  }

  /**
   * A new file open for writing, written only through these methods, and closed with
   * try-with-resources. Not thread-safe: one writer at a time.
   */
  interface NewFile extends Closeable {
    /**
     * Returns the file's path.
     *
     * @return the path given to {@link FileOps#createNew}
     */
    Path path();

    /**
     * Writes all remaining bytes of {@code source} at the current position.
     *
     * @param source the bytes; its position ends at its limit
     * @throws IOException if the write fails (a full disk, for example)
     */
    void write(ByteBuffer source) throws IOException;

    /**
     * Flushes the file's content and metadata to the storage device ({@code
     * FileChannel.force(true)}).
     *
     * @throws IOException if the flush fails
     */
    void force() throws IOException;

    /**
     * Closes the file. Calling it again has no effect.
     *
     * @throws IOException if closing fails
     */
    @Override
    void close() throws IOException;
  }

  /**
   * Creates a file that must not exist yet ({@code CREATE_NEW}: fails on an existing file and on
   * a symbolic link) and opens it for writing. Its permission bits are the platform defaults
   * (mode 0666 less the umask on Linux), as for any new file.
   *
   * @param file the new file
   * @return the open file
   * @throws java.nio.file.FileAlreadyExistsException if {@code file} exists
   * @throws IOException if it cannot be created
   */
  NewFile createNew(Path file) throws IOException;

  /**
   * Sets the POSIX permission bits of a file.
   *
   * @param file the file (not followed if it is a link)
   * @param permissions the bits
   * @throws IOException if they cannot be set
   */
  void setPermissions(Path file, Set<PosixFilePermission> permissions) throws IOException;

  /**
   * Sets the owner and group of a file.
   *
   * @param file the file
   * @param owner the new owner
   * @param group the new group
   * @throws IOException if they cannot be set (usually a missing privilege)
   */
  void setOwnerAndGroup(Path file, UserPrincipal owner, GroupPrincipal group) throws IOException;

  /**
   * Renames {@code source} to {@code target} as one atomic file-system operation ({@code
   * ATOMIC_MOVE}, {@code rename(2)}), replacing an existing {@code target}. Never falls back to a
   * copy.
   *
   * @param source the file to rename
   * @param target its new name
   * @throws java.nio.file.AtomicMoveNotSupportedException if the move cannot be atomic
   * @throws IOException if the rename fails
   */
  void moveAtomically(Path source, Path target) throws IOException;

  /**
   * Creates a hard link {@code link} to {@code existing}; fails atomically if {@code link} exists.
   *
   * @param link the new name
   * @param existing an existing file
   * @throws java.nio.file.FileAlreadyExistsException if {@code link} exists
   * @throws IOException if the link cannot be created (also where hard links are unsupported)
   */
  void createLink(Path link, Path existing) throws IOException;

  /**
   * Flushes a directory, so that the names created, renamed or deleted in it survive a power
   * loss. Does nothing on Windows, where directories cannot be flushed.
   *
   * @param dir the directory
   * @throws IOException if the flush fails
   */
  void forceDirectory(Path dir) throws IOException;

  /**
   * Deletes a file (or a link, never its target) if it exists.
   *
   * @param file the file
   * @return true if it existed and was deleted
   * @throws IOException if it exists and cannot be deleted
   */
  boolean deleteIfExists(Path file) throws IOException;

  /**
   * Creates one directory whose parent exists.
   *
   * @param dir the new directory
   * @throws java.nio.file.FileAlreadyExistsException if something exists at {@code dir}
   * @throws IOException if it cannot be created
   */
  void createDirectory(Path dir) throws IOException;

  /**
   * Reads the attributes of a file: {@link java.nio.file.attribute.PosixFileAttributes} where the
   * file system supports them, otherwise {@link BasicFileAttributes}.
   *
   * @param file the file
   * @param followLinks whether to read the target of a symbolic link rather than the link
   * @return the attributes, or null if nothing exists at {@code file}
   * @throws IOException if they cannot be read
   */
  @Nullable
  BasicFileAttributes attributes(Path file, boolean followLinks) throws IOException;

  /**
   * Returns the real path of an existing file ({@link Path#toRealPath}): absolute, with every
   * symbolic link resolved.
   *
   * @param path the path
   * @return its real path
   * @throws IOException if it does not exist or a link cannot be followed
   */
  Path toRealPath(Path path) throws IOException;

  /**
   * Lists a directory.
   *
   * @param dir the directory
   * @return its entries, sorted by name so that every run takes the same steps
   * @throws IOException if it cannot be listed
   */
  List<Path> list(Path dir) throws IOException;

  /**
   * Reads at most {@code maxBytes} bytes from the start of a file, not following a symbolic link.
   *
   * @param file the file
   * @param maxBytes the most bytes to read
   * @return the bytes read
   * @throws IOException if it cannot be read
   */
  byte[] read(Path file, int maxBytes) throws IOException;

  /**
   * Returns the id of this process.
   *
   * @return {@code ProcessHandle.current().pid()}
   */
  long currentPid();

  /**
   * Tells whether a process with this id is running on this machine (as far as this process can
   * see: processes in another PID namespace, such as another container, look dead).
   *
   * @param pid a process id
   * @return true if it is alive
   */
  boolean isAlive(long pid);
}
