package io.github.fbtools.storyexec;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Names the video between two scenes of a story execution: {@code
 * {order:03d}_{slug}_to_{nextOrder:03d}_{nextSlug}}, for example {@code
 * 000_opening_to_001_action}. Orders and slugs follow exactly the rules of {@link
 * StoryImageNamer} (at least 3 digits, negative orders refused, {@link StoryImageNamer#slug}).
 *
 * <p>The Python reference writes {@code {a:03d}_to_{b:03d}_{from}_to_{to}.mp4} with only spaces
 * replaced; this class follows the plan's form instead, so the video name reads as the two image
 * names it joins.
 *
 * <pre>{@code
 * StoryVideoNamer.prefix(0, "Opening", 1, "Action");   // "000_opening_to_001_action"
 * StoryVideoNamer.prefix(0, "Opening", "Action");      // the same: nextOrder = order + 1
 * StoryVideoNamer.finalPrefix(2, "Finale");            // "002_finale": the last scene's clip
 * }</pre>
 *
 * <p>This class is stateless and thread-safe.
 */
public final class StoryVideoNamer {

  private StoryVideoNamer() {}

  /**
   * Names the video from one scene to the next.
   *
   * @param order the first scene's order, at least 0
   * @param sceneName the first scene's name (slugged here)
   * @param nextOrder the next scene's order, at least 0
   * @param nextSceneName the next scene's name (slugged here)
   * @return {@code {order:03d}_{slug}_to_{nextOrder:03d}_{nextSlug}}
   * @throws IllegalArgumentException if an order is negative
   */
  public static String prefix(int order, String sceneName, int nextOrder, String nextSceneName) {
    checkNotNull(sceneName, "sceneName");
    checkNotNull(nextSceneName, "nextSceneName");
    StringBuilder sb = new StringBuilder(40);
    StoryImageNamer.appendOrder(sb, order, "order");
    sb.append('_').append(StoryImageNamer.slug(sceneName)).append("_to_");
    StoryImageNamer.appendOrder(sb, nextOrder, "nextOrder");
    sb.append('_').append(StoryImageNamer.slug(nextSceneName));
    return sb.toString();
  }

  /**
   * Names the video from one scene to the scene with the next order, {@code order + 1}.
   *
   * @param order the first scene's order, 0 to {@code Integer.MAX_VALUE - 1}
   * @param sceneName the first scene's name (slugged here)
   * @param nextSceneName the next scene's name (slugged here)
   * @return {@code {order:03d}_{slug}_to_{order+1:03d}_{nextSlug}}
   * @throws IllegalArgumentException if {@code order} is negative or {@code Integer.MAX_VALUE}
   */
  public static String prefix(int order, String sceneName, String nextSceneName) {
    checkArgument(
        order != Integer.MAX_VALUE,
        "order must be < %s when nextOrder is order + 1: %s",
        Integer.MAX_VALUE,
        order);
    return prefix(order, sceneName, order + 1, nextSceneName);
  }

  /**
   * Names the clip of the last scene of a story, which has no next scene to go to (the
   * reference's {@code pair_consecutive_scenes} pairs it with {@code None}, and its {@code
   * generate_video_filename} names it {@code {order:03d}_{name}}): {@code {order:03d}_{slug}}, the
   * same slug rules as the transitions. It never equals a transition's name, which always holds
   * {@code _to_} and the next order.
   *
   * @param order the scene's order, at least 0
   * @param sceneName the scene's name (slugged here)
   * @return {@code {order:03d}_{slug}}, for example {@code 002_finale}
   * @throws IllegalArgumentException if {@code order} is negative
   */
  public static String finalPrefix(int order, String sceneName) {
    checkNotNull(sceneName, "sceneName");
    StringBuilder sb = new StringBuilder(24);
    StoryImageNamer.appendOrder(sb, order, "order");
    return sb.append('_').append(StoryImageNamer.slug(sceneName)).toString();
  }
}
