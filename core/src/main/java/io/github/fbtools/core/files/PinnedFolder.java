package io.github.fbtools.core.files;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * A folder whose real path and identity are fixed once (say at a server's start-up) and checked
 * again before each use: {@link #check()} fails if the path no longer leads, without following a
 * symbolic link, to that very folder, because it was replaced by a symbolic link, a file or
 * another folder (or one of its parents was).
 *
 * <pre>{@code
 * PinnedFolder scenes = PinnedFolder.of(Path.of("/data/scenes"));
 * // ...
 * Path dir = scenes.check();   // FolderMovedException if /data/scenes was swapped meanwhile
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe. The check narrows, but cannot close, the window
 * between the check and a later file-system call.
 */
public final class PinnedFolder {
  private final Path path;
  @Nullable private final Object key;
  private final FileOps ops;

  private PinnedFolder(Path path, @Nullable Object key, FileOps ops) {
    this.path = path;
    this.key = key;
    this.ops = ops;
  }

  /**
   * Pins a folder: its real path and its file key (where the file system has one).
   *
   * @param dir an existing folder (it may be reached through symbolic links now; its real path is
   *     what is pinned)
   * @return the pinned folder
   * @throws NotDirectoryException if {@code dir} is not a folder
   * @throws IOException if it does not exist or cannot be read
   */
  public static PinnedFolder of(Path dir) throws IOException {
    return of(FileOps.system(), dir);
  }

  static PinnedFolder of(FileOps ops, Path dir) throws IOException {
    requireNonNull(dir, "dir");
    Path real = ops.toRealPath(dir);
    BasicFileAttributes a = ops.attributes(real, false);
    if (a == null || !a.isDirectory()) {
      throw new NotDirectoryException(dir.toString());
    }
    return new PinnedFolder(real, a.fileKey(), ops);
  }

  /**
   * Returns the real path pinned.
   *
   * @return an absolute real path
   */
  public Path path() {
    return path;
  }

  /**
   * Checks that the folder is still the one pinned.
   *
   * @return {@link #path()}
   * @throws FolderMovedException if it was replaced, or can no longer be read
   */
  public Path check() throws FolderMovedException {
    String problem;
    try {
      BasicFileAttributes a = ops.attributes(path, false);
      if (a == null) {
        problem = "is gone";
      } else if (a.isSymbolicLink()) {
        problem = "is now a symbolic link";
      } else if (!a.isDirectory()) {
        problem = "is no longer a folder";
      } else if (!Objects.equals(a.fileKey(), key)) {
        problem = "is now another folder";
      } else if (!ops.toRealPath(path).equals(path)) {
        problem = "is now reached through a symbolic link";
      } else {
        return path;
      }
    } catch (IOException e) {
      problem = "cannot be read (" + e.getClass().getSimpleName() + ")";
    }
    throw new FolderMovedException(path, problem);
  }

  /**
   * Shows the pinned path.
   *
   * @return a description for logs
   */
  @Override
  public String toString() {
    return "PinnedFolder[" + path + "]";
  }

  /**
   * A {@link PinnedFolder} is no longer the folder that was pinned. Nothing was read or written
   * through it.
   *
   * <p>Instances are immutable and safe to share between threads.
   */
  public static final class FolderMovedException extends FileSystemException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param dir the pinned path
     * @param problem what changed, for example {@code "is now a symbolic link"}
     */
    public FolderMovedException(Path dir, String problem) {
      super(dir.toString(), null, requireNonNull(problem, "problem") + " since it was pinned");
    }
  }
}
