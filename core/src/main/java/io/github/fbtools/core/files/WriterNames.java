package io.github.fbtools.core.files;

import static com.google.common.base.Preconditions.checkArgument;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The names of the files {@link AtomicFiles} makes next to the files it writes: lock files
 * {@code <name>.lock} and temporary files {@code <name>.<pid>.<token>.tmp} (also used for lock
 * files being prepared or removed), and the rule that callers cannot write under those names.
 *
 * <!-- given: Path file -->
 * <pre>{@code
 * Path lock = WriterNames.sibling(file, AtomicFiles.LOCK_SUFFIX); // prompts.json.lock
 * WriterNames.checkName("prompts.json");                          // passes
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
final class WriterNames {
  /** {@code <name>.<pid>.<token>.tmp}: temporary files, and lock files being prepared or removed. */
  static final Pattern LEFTOVER = Pattern.compile("(.+)\\.([0-9]{1,18})\\.([0-9a-f]{16})\\.tmp");

  private WriterNames() {}

  /** The folder of {@code file}; a path without one (a root, an empty path) is refused. */
  static Path parentOf(Path file) {
    Path parent = file.getParent();
    if (parent == null || file.getFileName() == null) {
      // not checkArgument: SpotBugs would not see that parent is non-null after it
      throw new IllegalArgumentException("file must name a file inside a folder: " + file);
    }
    return parent;
  }

  /** The last segment of {@code file} as a string. */
  static String name(Path file) {
    return String.valueOf(file.getFileName());
  }

  /** {@code file} with {@code suffix} appended to its name. */
  static Path sibling(Path file, String suffix) {
    return file.resolveSibling(name(file) + suffix);
  }

  /** Refuses a name reserved for lock and temporary files. */
  static void checkName(String name) {
    checkArgument(
        !name.endsWith(AtomicFiles.LOCK_SUFFIX) && !LEFTOVER.matcher(name).matches(),
        "file name is reserved for lock and temporary files: %s",
        name);
  }
}
