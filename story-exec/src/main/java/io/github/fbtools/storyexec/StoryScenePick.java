package io.github.fbtools.storyexec;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Picks one scene of a batch by index, as the Python reference's StoryScenePick selects its
 * descriptor (the images it then loads are the pipeline's business).
 *
 * <ul>
 *   <li>The descriptors are sorted by {@code scene_order}; equal orders keep the batch's order (a
 *       stable sort).
 *   <li>The index is clamped to {@code [0, n - 1]}: a negative index picks the first scene, an
 *       index past the end the last.
 *   <li>An empty batch gives an empty result.
 * </ul>
 *
 * <p>The prompt to render with is the descriptor's {@link SceneDescriptor.Prompts#positive()},
 * unchanged; with an execution, {@link SceneDescriptor.Execution#imagesDir()} is where the
 * scene's images go.
 *
 * <!-- given: StorySceneBatch batch; int sceneIndex; int variant -->
 * <pre>{@code
 * SceneDescriptor scene = StoryScenePick.pick(batch, sceneIndex).orElseThrow();
 * String prefix = StoryImageNamer.prefix(scene.sceneOrder(), scene.sceneName(), variant);
 * }</pre>
 *
 * <p>This class is stateless and thread-safe.
 */
public final class StoryScenePick {

  private static final Comparator<SceneDescriptor> BY_ORDER =
      Comparator.comparingInt(SceneDescriptor::sceneOrder);

  private StoryScenePick() {}

  /**
   * Picks a scene of a batch.
   *
   * @param batch the batch
   * @param index the scene's position in scene order, clamped to {@code [0, n - 1]}
   * @return the scene, or empty if the batch has none
   */
  public static Optional<SceneDescriptor> pick(StorySceneBatch batch, int index) {
    return pick(checkNotNull(batch, "batch").descriptors(), index);
  }

  /**
   * Picks a scene of a list of descriptors, sorting them by scene order first.
   *
   * @param descriptors the descriptors, in any order
   * @param index the scene's position in scene order, clamped to {@code [0, n - 1]}
   * @return the scene, or empty if the list is empty
   * @throws NullPointerException if the list or an element is null
   */
  public static Optional<SceneDescriptor> pick(List<SceneDescriptor> descriptors, int index) {
    checkNotNull(descriptors, "descriptors");
    if (descriptors.isEmpty()) {
      return Optional.empty();
    }
    List<SceneDescriptor> sorted = new ArrayList<>(descriptors);
    sorted.sort(BY_ORDER);
    return Optional.of(sorted.get(clamp(index, sorted.size())));
  }

  /**
   * Clamps an index as the reference does: {@code max(0, min(size - 1, index))}.
   *
   * @param index any index
   * @param size the list's size, at least 1
   * @return the index in {@code [0, size - 1]}
   * @throws IllegalArgumentException if {@code size} is less than 1
   */
  public static int clamp(int index, int size) {
    checkArgument(size >= 1, "size must be >= 1: %s", size);
    return Math.max(0, Math.min(size - 1, index));
  }
}
