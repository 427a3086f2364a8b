package io.github.fbtools.storyexec;

import static com.google.common.base.Preconditions.checkNotNull;

import java.nio.file.Path;

/**
 * Stage 2's unit of work: the video from one scene to the next, between the first frame of each
 * (see {@link CollectedImages#transitions()}).
 *
 * <!-- given: CollectedImages collected; Path videosDir; Path outputRoot; void renderVideo(Path firstFrame, @Nullable Path nextFirstFrame, Path out) -->
 * <pre>{@code
 * for (SceneTransition t : collected.transitions()) {
 *   ResolvedPaths out = StoryVideoPathResolver.resolve(videosDir, t.videoPrefix(), outputRoot);
 *   renderVideo(t.firstFrame(), t.nextFirstFrame(), out.absFilepath());
 * }
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param from the first image of the scene the video starts from
 * @param to the first image of the scene the video ends at
 * @param videoPrefix {@link StoryVideoNamer#prefix(int, String, int, String)} of the two scenes,
 *     for example {@code 000_opening_to_001_action}
 */
public record SceneTransition(StoryImage from, StoryImage to, String videoPrefix) {

  /**
   * Creates the record.
   *
   * @param from the first image of the scene the video starts from
   * @param to the first image of the scene the video ends at
   * @param videoPrefix the video's name without extension
   */
  public SceneTransition {
    checkNotNull(from, "from");
    checkNotNull(to, "to");
    checkNotNull(videoPrefix, "videoPrefix");
  }

  /**
   * Returns the first frame of the video.
   *
   * @return {@code from().path()}
   */
  public Path firstFrame() {
    return from.path();
  }

  /**
   * Returns the last frame of the video: the first image of the next scene.
   *
   * @return {@code to().path()}
   */
  public Path nextFirstFrame() {
    return to.path();
  }
}
