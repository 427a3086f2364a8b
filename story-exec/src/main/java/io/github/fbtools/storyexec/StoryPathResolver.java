package io.github.fbtools.storyexec;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.github.fbtools.core.InvalidNameException;
import io.github.fbtools.core.files.SafeNames;
import java.nio.file.Path;

/**
 * Computes where an output file goes: the eight {@link ResolvedPaths} of {@code prefix.extension}
 * in a folder under the output root. Pure path arithmetic: it makes no file-system call and
 * creates nothing.
 *
 * <h2>Rules</h2>
 *
 * <ul>
 *   <li>{@code prefix} must pass {@link SafeNames.Kind#FILE} (no separators, no {@code ..}, no
 *       Windows device names), and so must {@code prefix.extension}; otherwise {@link
 *       io.github.fbtools.core.InvalidNameException}.
 *   <li>{@code extension} is 1 to {@value #MAX_EXTENSION_LENGTH} ASCII letters or digits, with or
 *       without one leading {@code .} ({@code png} and {@code .png} are the same); its case is
 *       kept. Anything else is an {@link IllegalArgumentException}.
 *   <li>{@code dir} is absolute, or relative to {@code outputRoot} (not to the working directory).
 *       Both are made absolute and normalised; the folder must then be {@code outputRoot} or lie
 *       below it, compared by path elements (so {@code /out-evil} is not inside {@code /out}),
 *       otherwise {@link IllegalArgumentException} quoting both. Symbolic links are not followed:
 *       the check is lexical, as the folder need not exist yet.
 * </ul>
 *
 * <!-- given: ExecutionLayout layout; Path outputRoot -->
 * <pre>{@code
 * ResolvedPaths p = StoryPathResolver.resolve(
 *     layout.images(), StoryImageNamer.prefix(0, "Opening", 0), "png", outputRoot);
 * p.relFilepath();   // "executions/20260314_093005_k3x9q1/images/000_opening_00.png"
 * }</pre>
 *
 * <p>This class is stateless and thread-safe.
 */
public final class StoryPathResolver {

  /** The longest extension accepted, without its dot. */
  public static final int MAX_EXTENSION_LENGTH = 16;

  private StoryPathResolver() {}

  /**
   * Resolves {@code prefix.extension} in {@code dir}.
   *
   * @param dir the folder: absolute, or relative to {@code outputRoot}
   * @param prefix the file name without extension, for example from {@link StoryImageNamer}
   * @param extension for example {@code png} or {@code .png}
   * @param outputRoot the root that the relative paths are relative to
   * @return the eight paths
   * @throws io.github.fbtools.core.InvalidNameException if the prefix or the file name is refused
   * @throws IllegalArgumentException if the extension is malformed or {@code dir} is not inside
   *     {@code outputRoot}
   */
  public static ResolvedPaths resolve(Path dir, String prefix, String extension, Path outputRoot) {
    checkNotNull(dir, "dir");
    checkNotNull(prefix, "prefix");
    checkNotNull(extension, "extension");
    checkNotNull(outputRoot, "outputRoot");
    SafeNames.validate(SafeNames.Kind.FILE, prefix);
    String fileName = prefix + '.' + normaliseExtension(extension);
    SafeNames.validate(SafeNames.Kind.FILE, fileName);

    Path root = outputRoot.toAbsolutePath().normalize();
    Path folder = root.resolve(dir).toAbsolutePath().normalize();
    checkArgument(
        folder.startsWith(root),
        "dir must be inside outputRoot: dir %s (normalised %s) is not under outputRoot %s"
            + " (normalised %s)",
        dir,
        folder,
        outputRoot,
        root);
    String relDir = slashJoined(root.relativize(folder));
    String relPrefix = relDir.isEmpty() ? "" : relDir + "/";
    return new ResolvedPaths(
        folder,
        folder.resolve(fileName),
        folder.resolve(prefix),
        relDir,
        relPrefix + fileName,
        relPrefix + prefix,
        prefix,
        fileName);
  }

  /** Strips one leading dot and checks the rest. */
  static String normaliseExtension(String extension) {
    String ext = extension.startsWith(".") ? extension.substring(1) : extension;
    boolean ok = !ext.isEmpty() && ext.length() <= MAX_EXTENSION_LENGTH;
    for (int i = 0; ok && i < ext.length(); i++) {
      char c = ext.charAt(i);
      ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
    checkArgument(
        ok,
        "extension must be 1 to %s ASCII letters or digits, with or without a leading '.': %s",
        MAX_EXTENSION_LENGTH,
        InvalidNameException.echo(extension));
    return ext;
  }

  /** The path's elements joined with {@code /}; {@code ""} for the empty path. */
  private static String slashJoined(Path relative) {
    StringBuilder sb = new StringBuilder();
    for (Path element : relative) {
      String name = element.toString();
      if (name.isEmpty()) {
        continue; // relativize(x, x) is the empty path, which iterates as one empty element
      }
      if (sb.length() > 0) {
        sb.append('/');
      }
      sb.append(name);
    }
    return sb.toString();
  }
}
