package io.github.fbtools.libber.rest;

import static com.google.common.base.Preconditions.checkNotNull;

import io.github.fbtools.core.files.AtomicFiles;
import io.github.fbtools.core.files.PinnedFolder;
import io.github.fbtools.core.files.SafeNames;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.annotation.Nullable;

/**
 * The three folders the file endpoints read and write, as real paths fixed at start-up: Libber
 * files, scene folders, story folders. Messages name files only relative to them ({@link
 * #relative}), never by an absolute path.
 *
 * <p>Each folder's identity (its file key, where the file system has one) is recorded at start-up,
 * and {@link #verify()} checks before every use that the path still leads, without following a
 * symbolic link, to that very folder: a data folder swapped for a symbolic link (or for another
 * folder) after start-up stops the file endpoints instead of being followed.
 *
 * <p>Immutable and thread-safe.
 */
final class DataRoots {
  static final String LIBBERS = "libbers";
  static final String SCENES = "scenes";
  static final String STORIES = "stories";

  private static final System.Logger LOG = System.getLogger(DataRoots.class.getName());

  private final PinnedFolder libbers;
  private final PinnedFolder scenes;
  private final PinnedFolder stories;

  /** A data folder is no longer the folder it was at start-up. */
  static final class MovedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MovedException(String message, Throwable cause) {
      super(message, cause, false, false);
    }
  }

  private DataRoots(PinnedFolder libbers, PinnedFolder scenes, PinnedFolder stories) {
    this.libbers = checkNotNull(libbers, "libbers must not be null");
    this.scenes = checkNotNull(scenes, "scenes must not be null");
    this.stories = checkNotNull(stories, "stories must not be null");
  }

  /** {@code <root>/libbers}, {@code <root>/scenes}, {@code <root>/stories}, created if missing. */
  static DataRoots under(Path root, AtomicFiles files) throws IOException {
    files.createDirectories(root);
    Path real = root.toRealPath();
    return of(
        SafeNames.resolveUnderRealRoot(real, SafeNames.Kind.FILE, LIBBERS),
        SafeNames.resolveUnderRealRoot(real, SafeNames.Kind.FILE, SCENES),
        SafeNames.resolveUnderRealRoot(real, SafeNames.Kind.FILE, STORIES),
        files);
  }

  /**
   * The three folders given, created if missing and pinned; then the leftovers of dead writers
   * (temporary and lock files whose owner process is gone) are swept from them and from the
   * scene and story folders in them.
   */
  static DataRoots of(Path libbers, Path scenes, Path stories, AtomicFiles files)
      throws IOException {
    files.createDirectories(libbers);
    files.createDirectories(scenes);
    files.createDirectories(stories);
    DataRoots roots =
        new DataRoots(PinnedFolder.of(libbers), PinnedFolder.of(scenes), PinnedFolder.of(stories));
    roots.sweep(files);
    return roots;
  }

  Path libbers() {
    return libbers.path();
  }

  Path scenes() {
    return scenes.path();
  }

  Path stories() {
    return stories.path();
  }

  /**
   * Checks that each folder is still the folder it was at start-up.
   *
   * @throws MovedException if one was replaced (by a symbolic link, a file or another folder)
   */
  void verify() {
    for (PinnedFolder f : List.of(libbers, scenes, stories)) {
      try {
        f.check();
      } catch (PinnedFolder.FolderMovedException e) {
        throw new MovedException(
            "the data folder " + e.getFile() + " " + e.getReason()
                + "; refusing to read or write through it",
            e);
      }
    }
  }

  /** Sweeps dead writers' leftovers; a failure is logged, never fatal. */
  private void sweep(AtomicFiles files) {
    int removed = 0;
    for (PinnedFolder dir : List.of(libbers, scenes, stories)) {
      try {
        removed += files.removeLeftoversBelow(dir.path());
      } catch (IOException | RuntimeException e) {
        LOG.log(
            System.Logger.Level.WARNING,
            "could not remove leftovers in {0}: {1}",
            dir.path(),
            e.toString());
      }
    }
    if (removed > 0) {
      LOG.log(
          System.Logger.Level.INFO,
          "removed {0} leftover temporary or lock files of writers that are gone",
          removed);
    }
  }

  /**
   * Names a file for a message: {@code libbers/x.json}, {@code scenes/opening/prompts.json}, …
   * for a file under a root; otherwise only its last segment. Never an absolute path.
   */
  String relative(String file) {
    String r = under(file, libbers, LIBBERS);
    if (r == null) {
      r = under(file, scenes, SCENES);
    }
    if (r == null) {
      r = under(file, stories, STORIES);
    }
    if (r != null) {
      return r;
    }
    int cut = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
    return file.substring(cut + 1);
  }

  @Nullable
  private static String under(String file, PinnedFolder folder, String label) {
    Path root = folder.path();
    String prefix = root.toString();
    String sep = root.getFileSystem().getSeparator();
    if (file.startsWith(prefix + sep)) {
      return label + "/" + file.substring(prefix.length() + sep.length()).replace(sep, "/");
    }
    return file.equals(prefix) ? label : null;
  }
}
