package io.github.fbtools.storyexec;

import io.github.fbtools.core.PythonText;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;

/**
 * Finds a scene's input image, as the reference's StorySceneBatch does: the first regular file of
 * {@code {sceneDir}/input}, by code point order, whose name ends in {@code .png}, else {@code
 * .jpg}, else {@code .jpeg}, else {@code .webp} (lower case, as the reference's glob on Linux).
 * Hidden files (name starting with {@code .}) and symbolic links are skipped; a missing folder has
 * no image. Reads only.
 *
 * <p>Stateless and thread-safe.
 */
final class SceneInputImages {
  /** The extensions looked for, in order of preference. */
  static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".webp");

  private SceneInputImages() {}

  /** The first input image in a scene's input folder, or null if there is none. */
  @Nullable
  static Path first(Path sourceInput) throws IOException {
    List<List<Path>> byExtension = new ArrayList<>();
    for (int i = 0; i < EXTENSIONS.size(); i++) {
      byExtension.add(new ArrayList<>());
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(sourceInput)) {
      for (Path entry : entries) {
        Path fileName = entry.getFileName();
        String name = fileName == null ? "" : fileName.toString();
        if (name.startsWith(".")) {
          continue;
        }
        for (int i = 0; i < EXTENSIONS.size(); i++) {
          if (name.endsWith(EXTENSIONS.get(i))
              && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
            byExtension.get(i).add(entry);
            break;
          }
        }
      }
    } catch (NoSuchFileException | NotDirectoryException e) {
      return null;
    }
    for (List<Path> candidates : byExtension) {
      Path best = null;
      for (Path p : candidates) {
        if (best == null
            || PythonText.compareCodePoints(p.toString(), best.toString()) < 0) {
          best = p;
        }
      }
      if (best != null) {
        return best;
      }
    }
    return null;
  }
}
