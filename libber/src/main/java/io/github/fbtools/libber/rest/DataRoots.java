package io.github.fbtools.libber.rest;

import static com.google.common.base.Preconditions.checkNotNull;

import io.github.fbtools.core.files.AtomicFiles;
import io.github.fbtools.core.files.SafeNames;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;
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

  private final Path libbers;
  private final Path scenes;
  private final Path stories;
  @Nullable private final Object libbersKey;
  @Nullable private final Object scenesKey;
  @Nullable private final Object storiesKey;

  /** A data folder is no longer the folder it was at start-up. */
  static final class MovedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MovedException(String message) {
      super(message, null, false, false);
    }
  }

  private DataRoots(Path libbers, Path scenes, Path stories) throws IOException {
    this.libbers = checkNotNull(libbers, "libbers must not be null");
    this.scenes = checkNotNull(scenes, "scenes must not be null");
    this.stories = checkNotNull(stories, "stories must not be null");
    this.libbersKey = key(libbers);
    this.scenesKey = key(scenes);
    this.storiesKey = key(stories);
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
   * The three folders given, created if missing; then the leftovers of dead writers (temporary
   * and lock files whose owner process is gone) are swept from them and from the scene and story
   * folders in them.
   */
  static DataRoots of(Path libbers, Path scenes, Path stories, AtomicFiles files)
      throws IOException {
    files.createDirectories(libbers);
    files.createDirectories(scenes);
    files.createDirectories(stories);
    DataRoots roots =
        new DataRoots(libbers.toRealPath(), scenes.toRealPath(), stories.toRealPath());
    roots.sweep(files);
    return roots;
  }

  Path libbers() {
    return libbers;
  }

  Path scenes() {
    return scenes;
  }

  Path stories() {
    return stories;
  }

  /**
   * Checks that each folder is still the folder it was at start-up.
   *
   * @throws MovedException if one was replaced (by a symbolic link, a file or another folder)
   */
  void verify() {
    check(libbers, libbersKey, LIBBERS);
    check(scenes, scenesKey, SCENES);
    check(stories, storiesKey, STORIES);
  }

  private static void check(Path dir, @Nullable Object expectedKey, String label) {
    String problem;
    try {
      BasicFileAttributes a =
          Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (a.isSymbolicLink()) {
        problem = "is now a symbolic link";
      } else if (!a.isDirectory()) {
        problem = "is no longer a folder";
      } else if (!Objects.equals(a.fileKey(), expectedKey)) {
        problem = "is now another folder";
      } else if (!dir.toRealPath().equals(dir)) {
        problem = "is now reached through a symbolic link";
      } else {
        return;
      }
    } catch (IOException e) {
      problem = "cannot be read (" + e.getClass().getSimpleName() + ")";
    }
    throw new MovedException(
        "the " + label + " data folder " + dir + " " + problem
            + " since the server started; refusing to read or write through it");
  }

  @Nullable
  private static Object key(Path dir) throws IOException {
    return Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
        .fileKey();
  }

  /** Sweeps dead writers' leftovers; a failure is logged, never fatal. */
  private void sweep(AtomicFiles files) {
    int removed = 0;
    for (Path dir : List.of(libbers, scenes, stories)) {
      removed += sweepOne(files, dir);
    }
    for (Path dir : List.of(scenes, stories)) {
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
        for (Path entry : entries) {
          if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
            removed += sweepOne(files, entry);
          }
        }
      } catch (IOException | RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "could not list {0}: {1}", dir, e.toString());
      }
    }
    if (removed > 0) {
      LOG.log(
          System.Logger.Level.INFO,
          "removed {0} leftover temporary or lock files of writers that are gone",
          removed);
    }
  }

  private static int sweepOne(AtomicFiles files, Path dir) {
    try {
      return files.removeLeftovers(dir);
    } catch (IOException | RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "could not remove leftovers in {0}: {1}",
          dir,
          e.toString());
      return 0;
    }
  }

  /** Whether {@code p} lies in one of the folders (or is one). */
  boolean contains(Path p) {
    Path a = p.toAbsolutePath().normalize();
    return a.startsWith(libbers) || a.startsWith(scenes) || a.startsWith(stories);
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
  private static String under(String file, Path root, String label) {
    String prefix = root.toString();
    String sep = root.getFileSystem().getSeparator();
    if (file.startsWith(prefix + sep)) {
      return label + "/" + file.substring(prefix.length() + sep.length()).replace(sep, "/");
    }
    return file.equals(prefix) ? label : null;
  }
}
