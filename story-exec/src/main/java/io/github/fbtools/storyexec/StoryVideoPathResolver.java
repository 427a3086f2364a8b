package io.github.fbtools.storyexec;

import java.nio.file.Path;

/**
 * {@link StoryPathResolver} for videos: the same rules, with {@value #DEFAULT_EXTENSION} as the
 * default extension.
 *
 * <!-- given: ExecutionLayout layout; Path outputRoot -->
 * <pre>{@code
 * ResolvedPaths p = StoryVideoPathResolver.resolve(
 *     layout.videos(), StoryVideoNamer.prefix(0, "Opening", "Action"), outputRoot);
 * p.basenameWithExt();   // "000_opening_to_001_action.mp4"
 * }</pre>
 *
 * <p>This class is stateless and thread-safe.
 */
public final class StoryVideoPathResolver {

  /** The extension used when none is given. */
  public static final String DEFAULT_EXTENSION = "mp4";

  private StoryVideoPathResolver() {}

  /**
   * Resolves {@code prefix.mp4} in {@code dir}.
   *
   * @param dir the folder: absolute, or relative to {@code outputRoot}
   * @param prefix the file name without extension, for example from {@link StoryVideoNamer}
   * @param outputRoot the root that the relative paths are relative to
   * @return the eight paths
   * @throws io.github.fbtools.core.InvalidNameException if the prefix or the file name is refused
   * @throws IllegalArgumentException if {@code dir} is not inside {@code outputRoot}
   */
  public static ResolvedPaths resolve(Path dir, String prefix, Path outputRoot) {
    return StoryPathResolver.resolve(dir, prefix, DEFAULT_EXTENSION, outputRoot);
  }

  /**
   * Resolves {@code prefix.extension} in {@code dir}, exactly as {@link
   * StoryPathResolver#resolve}.
   *
   * @param dir the folder: absolute, or relative to {@code outputRoot}
   * @param prefix the file name without extension
   * @param extension for example {@code webm} or {@code .webm}
   * @param outputRoot the root that the relative paths are relative to
   * @return the eight paths
   * @throws io.github.fbtools.core.InvalidNameException if the prefix or the file name is refused
   * @throws IllegalArgumentException if the extension is malformed or {@code dir} is not inside
   *     {@code outputRoot}
   */
  public static ResolvedPaths resolve(Path dir, String prefix, String extension, Path outputRoot) {
    return StoryPathResolver.resolve(dir, prefix, extension, outputRoot);
  }
}
