package io.github.fbtools.libber.rest;

import io.github.fbtools.core.files.AtomicFiles;
import io.github.fbtools.core.files.LibberFiles;
import io.github.fbtools.core.files.PromptFiles;
import io.github.fbtools.core.files.SceneFiles;
import io.github.fbtools.core.files.StoryFiles;
import javax.annotation.Nullable;

/**
 * The file side of the API: the configured {@link DataRoots} (or none) and core's readers and
 * writers, all over one {@link AtomicFiles}. Immutable and thread-safe.
 */
final class Disk {
  @Nullable private final DataRoots roots;
  private final LibberFiles libberFiles;
  private final SceneFiles sceneFiles;
  private final StoryFiles storyFiles;
  private final PromptFiles promptFiles;

  Disk(@Nullable DataRoots roots, AtomicFiles files) {
    this.roots = roots;
    this.libberFiles = LibberFiles.using(files);
    this.sceneFiles = SceneFiles.using(files);
    this.storyFiles = StoryFiles.using(files);
    this.promptFiles = PromptFiles.using(files);
  }

  /**
   * The roots, checked to be the folders they were at start-up; a 503 if this server has none
   * configured.
   *
   * @throws DataRoots.MovedException if a data folder was replaced since start-up
   */
  DataRoots roots() {
    if (roots == null) {
      throw new ApiException(
          503, "this server has no data folders configured, so it serves no files");
    }
    roots.verify();
    return roots;
  }

  /**
   * The roots, checked as {@link #roots()} does, or null if none are configured.
   *
   * @throws DataRoots.MovedException if a data folder was replaced since start-up
   */
  @Nullable
  DataRoots rootsOrNull() {
    if (roots != null) {
      roots.verify();
    }
    return roots;
  }

  /** The roots as configured, unchecked, for naming files in messages; null if none. */
  @Nullable
  DataRoots configured() {
    return roots;
  }

  LibberFiles libbers() {
    return libberFiles;
  }

  SceneFiles scenes() {
    return sceneFiles;
  }

  StoryFiles stories() {
    return storyFiles;
  }

  PromptFiles prompts() {
    return promptFiles;
  }
}
