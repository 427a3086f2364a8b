package io.github.fbtools.storyexec;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.CheckForNull;
import javax.annotation.Nullable;

/**
 * The images {@link StoryImageCollector} found in a folder, sorted, grouped by scene and paired
 * for Stage 2.
 *
 * <!-- given: Path imagesDir -->
 * <pre>{@code
 * CollectedImages found = StoryImageCollector.collect(imagesDir, null, null);
 * found.count();                       // 12
 * found.sceneGroups().keySet();        // [opening, action, finale]
 * found.transitions().get(0).videoPrefix();   // 000_opening_to_001_action
 * found.finalClip().get().videoPrefix();      // 002_finale
 * found.ignoredCount();                // 2 (e.g. notes.txt and a folder)
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class CollectedImages {

  private final ImmutableList<StoryImage> images;
  private final int ignoredCount;
  private final ImmutableList<Path> imagePaths;
  private final ImmutableMap<String, List<Path>> sceneGroups;
  private final ImmutableList<SceneTransition> transitions;
  @Nullable private final FinalClip finalClip;

  /**
   * Creates the result from images already in {@link StoryImageCollector}'s order.
   *
   * @param images sorted by order, scene, variant, extension and file name
   * @param ignoredCount how many entries were not images
   */
  CollectedImages(List<StoryImage> images, int ignoredCount) {
    checkArgument(ignoredCount >= 0, "ignoredCount must be >= 0: %s", ignoredCount);
    this.images = ImmutableList.copyOf(images);
    this.ignoredCount = ignoredCount;

    ImmutableList.Builder<Path> paths = ImmutableList.builderWithExpectedSize(images.size());
    Map<String, ImmutableList.Builder<Path>> groups = new LinkedHashMap<>();
    ImmutableList.Builder<SceneTransition> pairs = ImmutableList.builder();
    StoryImage sceneStart = null;
    for (StoryImage image : this.images) {
      paths.add(image.path());
      groups.computeIfAbsent(image.scene(), k -> ImmutableList.builder()).add(image.path());
      if (sceneStart == null) {
        sceneStart = image;
      } else if (image.order() != sceneStart.order() || !image.scene().equals(sceneStart.scene())) {
        pairs.add(
            new SceneTransition(
                sceneStart,
                image,
                StoryVideoNamer.prefix(
                    sceneStart.order(), sceneStart.scene(), image.order(), image.scene())));
        sceneStart = image;
      }
    }
    this.imagePaths = paths.build();
    ImmutableMap.Builder<String, List<Path>> map =
        ImmutableMap.builderWithExpectedSize(groups.size());
    groups.forEach((scene, builder) -> map.put(scene, builder.build()));
    this.sceneGroups = map.build();
    this.transitions = pairs.build();
    this.finalClip =
        sceneStart == null
            ? null
            : new FinalClip(
                sceneStart, StoryVideoNamer.finalPrefix(sceneStart.order(), sceneStart.scene()));
  }

  /**
   * Returns the images with what their names say, sorted by order, then scene (by code point),
   * then variant, then extension ({@code png}, {@code jpg}, {@code jpeg}, {@code webp}), then file
   * name.
   *
   * @return the images; unmodifiable
   */
  public List<StoryImage> images() {
    return images;
  }

  /**
   * Returns the images' paths in the order of {@link #images()}.
   *
   * @return the paths; unmodifiable
   */
  public List<Path> imagePaths() {
    return imagePaths;
  }

  /**
   * Returns the number of images.
   *
   * @return {@code imagePaths().size()}
   */
  public int count() {
    return images.size();
  }

  /**
   * Returns the images grouped by scene slug, the groups in the order of their first image and the
   * paths of each in the order of {@link #images()}. A slug used at two orders is one group.
   *
   * @return scene slug to paths; unmodifiable
   */
  public Map<String, List<Path>> sceneGroups() {
    return sceneGroups;
  }

  /**
   * Returns how many directory entries were not images: names that do not parse (or have another
   * extension), and entries with an image name that are not regular files (folders, symbolic
   * links). Hidden entries (names starting with {@code .}) are not counted. Images left out by a
   * filter are not counted either.
   *
   * @return the count
   */
  public int ignoredCount() {
    return ignoredCount;
  }

  /**
   * Returns the videos Stage 2 makes: one for each pair of consecutive scenes, where a scene is one
   * (order, slug) and scenes follow {@link #images()}'s order. Each goes from the scene's first
   * image (lowest variant) to the next scene's first image. {@code n} scenes give {@code n - 1}
   * transitions; the last scene's own clip, if wanted, is {@link #finalClip()}.
   *
   * @return the transitions in story order; unmodifiable
   */
  public List<SceneTransition> transitions() {
    return transitions;
  }

  /**
   * Returns the clip of the last scene, from its first image (lowest variant), which has no next
   * scene (the reference makes one: its {@code pair_consecutive_scenes} pairs the last scene with
   * {@code None}). Optional: {@link #transitions()} stays {@code n - 1} videos, as the two-stage
   * layout documents, and a Stage 2 that wants the last scene's clip too adds this one.
   *
   * @return the last scene's clip, named {@link StoryVideoNamer#finalPrefix}; empty when there
   *     are no images
   */
  public Optional<FinalClip> finalClip() {
    return Optional.ofNullable(finalClip);
  }

  /**
   * Compares the images and the ignored count.
   *
   * @param o another object
   * @return true if {@code o} is a {@code CollectedImages} with equal images and count
   */
  @Override
  public boolean equals(@CheckForNull Object o) {
    return o instanceof CollectedImages c
        && c.ignoredCount == ignoredCount
        && c.images.equals(images);
  }

  /**
   * Hashes the images and the ignored count.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return 31 * images.hashCode() + ignoredCount;
  }

  /**
   * Summarises the result.
   *
   * @return for example {@code CollectedImages[count=12, scenes=3, ignored=2]}
   */
  @Override
  public String toString() {
    return "CollectedImages[count="
        + images.size()
        + ", scenes="
        + sceneGroups.size()
        + ", ignored="
        + ignoredCount
        + "]";
  }
}
