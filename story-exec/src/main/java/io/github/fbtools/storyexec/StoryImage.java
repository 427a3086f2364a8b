package io.github.fbtools.storyexec;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.nio.file.Path;

/**
 * One image file of a story execution, with what its name says: {@code
 * {order:03d}_{scene}_{variant:02d}.{ext}} (or the reference's {@code {order:03d}_{scene}.{ext}},
 * variant 0). See {@link StoryImageCollector} for the parsing rules.
 *
 * <pre>{@code
 * StoryImageCollector.parse(Path.of("images/012_opening_03.png"))
 *     .map(StoryImage::scene);   // Optional["opening"]
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param path the file
 * @param order the scene's order, at least 0
 * @param scene the scene's slug as written in the file name
 * @param variant the image's number within the scene, at least 0
 */
public record StoryImage(Path path, int order, String scene, int variant) {

  /**
   * Creates the record; {@link StoryImageCollector} is the usual way.
   *
   * @param path the file
   * @param order the scene's order, at least 0
   * @param scene the scene's slug, not empty
   * @param variant the image's number within the scene, at least 0
   * @throws IllegalArgumentException if a number is negative or the scene is empty
   */
  public StoryImage {
    checkNotNull(path, "path");
    checkNotNull(scene, "scene");
    checkArgument(order >= 0, "order must be >= 0: %s", order);
    checkArgument(!scene.isEmpty(), "scene must not be empty");
    checkArgument(variant >= 0, "variant must be >= 0: %s", variant);
  }
}
