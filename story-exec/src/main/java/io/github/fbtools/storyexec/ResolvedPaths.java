package io.github.fbtools.storyexec;

import static com.google.common.base.Preconditions.checkNotNull;

import java.nio.file.Path;

/**
 * The eight paths of one output file, as {@link StoryPathResolver} computes them.
 *
 * <p>Absolute ones are {@link Path}s (absolute and normalised, in the output root's file system).
 * Relative ones are {@link String}s relative to the output root that always use {@code /} (as
 * ComfyUI's {@code subfolder} and web paths do); the output root itself is the empty string.
 * Names are {@link String}s.
 *
 * <p>For {@code dir = /out/executions/20260314_093005_k3x9q1/images}, prefix {@code
 * 000_opening_00}, extension {@code png} and output root {@code /out}:
 *
 * <pre>
 * absDirectory      /out/executions/20260314_093005_k3x9q1/images
 * absFilepath       /out/executions/20260314_093005_k3x9q1/images/000_opening_00.png
 * absFilepathNoExt  /out/executions/20260314_093005_k3x9q1/images/000_opening_00
 * relDirectory      "executions/20260314_093005_k3x9q1/images"
 * relFilepath       "executions/20260314_093005_k3x9q1/images/000_opening_00.png"
 * relFilepathNoExt  "executions/20260314_093005_k3x9q1/images/000_opening_00"
 * basename          "000_opening_00"
 * basenameWithExt   "000_opening_00.png"
 * </pre>
 *
 * <!-- given: Path imagesDir; Path outputRoot; AtomicFiles files; byte[] png -->
 * <pre>{@code
 * ResolvedPaths p = StoryPathResolver.resolve(imagesDir, "000_opening_00", "png", outputRoot);
 * files.write(p.absFilepath(), png);       // the image itself
 * String subfolder = p.relDirectory();     // what ComfyUI's image list calls the folder
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param absDirectory the folder
 * @param absFilepath the file
 * @param absFilepathNoExt the file without its extension
 * @param relDirectory the folder relative to the output root, {@code ""} for the root itself
 * @param relFilepath the file relative to the output root
 * @param relFilepathNoExt the file without its extension, relative to the output root
 * @param basename the file name without its extension (the prefix)
 * @param basenameWithExt the file name
 */
public record ResolvedPaths(
    Path absDirectory,
    Path absFilepath,
    Path absFilepathNoExt,
    String relDirectory,
    String relFilepath,
    String relFilepathNoExt,
    String basename,
    String basenameWithExt) {

  /**
   * Creates the record; {@link StoryPathResolver} is the usual way.
   *
   * @param absDirectory the folder
   * @param absFilepath the file
   * @param absFilepathNoExt the file without its extension
   * @param relDirectory the folder relative to the output root
   * @param relFilepath the file relative to the output root
   * @param relFilepathNoExt the file without its extension, relative to the output root
   * @param basename the file name without its extension
   * @param basenameWithExt the file name
   */
  public ResolvedPaths {
    checkNotNull(absDirectory, "absDirectory");
    checkNotNull(absFilepath, "absFilepath");
    checkNotNull(absFilepathNoExt, "absFilepathNoExt");
    checkNotNull(relDirectory, "relDirectory");
    checkNotNull(relFilepath, "relFilepath");
    checkNotNull(relFilepathNoExt, "relFilepathNoExt");
    checkNotNull(basename, "basename");
    checkNotNull(basenameWithExt, "basenameWithExt");
  }
}
