package io.github.fbtools.libber.rest;

import static com.google.common.base.Preconditions.checkNotNull;

import io.github.fbtools.core.files.AtomicFiles;
import io.github.fbtools.core.files.SafeNames;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The three folders the file endpoints read and write, as real paths: Libber files, scene
 * folders, story folders. Messages name files only relative to them ({@link #relative}), never by
 * an absolute path.
 *
 * @param libbers the folder of {@code <name>.json} Libber files
 * @param scenes the folder of scene folders
 * @param stories the folder of story folders
 */
record DataRoots(Path libbers, Path scenes, Path stories) {
  static final String LIBBERS = "libbers";
  static final String SCENES = "scenes";
  static final String STORIES = "stories";

  DataRoots {
    checkNotNull(libbers, "libbers must not be null");
    checkNotNull(scenes, "scenes must not be null");
    checkNotNull(stories, "stories must not be null");
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

  /** The three folders given, created if missing. */
  static DataRoots of(Path libbers, Path scenes, Path stories, AtomicFiles files)
      throws IOException {
    files.createDirectories(libbers);
    files.createDirectories(scenes);
    files.createDirectories(stories);
    return new DataRoots(libbers.toRealPath(), scenes.toRealPath(), stories.toRealPath());
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

  @javax.annotation.Nullable
  private static String under(String file, Path root, String label) {
    String prefix = root.toString();
    String sep = root.getFileSystem().getSeparator();
    if (file.startsWith(prefix + sep)) {
      return label + "/" + file.substring(prefix.length() + sep.length()).replace(sep, "/");
    }
    return file.equals(prefix) ? label : null;
  }
}
