package io.github.fbtools.storyexec;

import static com.google.common.base.Preconditions.checkNotNull;

import java.nio.file.Path;

/**
 * Stage 2's optional last unit of work: the clip of a story's last scene, which starts on the
 * scene's first image and has no next scene to end on (see {@link CollectedImages#finalClip()}).
 *
 * <!-- given: CollectedImages collected; Path videosDir; Path outputRoot; void renderVideo(Path firstFrame, @Nullable Path nextFirstFrame, Path out) -->
 * <pre>{@code
 * collected.finalClip().ifPresent(clip -> {
 *   ResolvedPaths out = StoryVideoPathResolver.resolve(videosDir, clip.videoPrefix(), outputRoot);
 *   renderVideo(clip.firstFrame(), null, out.absFilepath());
 * });
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param from the first image of the last scene
 * @param videoPrefix {@link StoryVideoNamer#finalPrefix(int, String)} of the scene, for example
 *     {@code 002_finale}
 */
public record FinalClip(StoryImage from, String videoPrefix) {

  /**
   * Creates the record.
   *
   * @param from the first image of the last scene
   * @param videoPrefix the clip's name without extension
   */
  public FinalClip {
    checkNotNull(from, "from");
    checkNotNull(videoPrefix, "videoPrefix");
  }

  /**
   * Returns the first frame of the clip.
   *
   * @return {@code from().path()}
   */
  public Path firstFrame() {
    return from.path();
  }
}
