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

  /** The roots; a 503 if this server has none configured. */
  DataRoots roots() {
    if (roots == null) {
      throw new ApiException(
          503, "this server has no data folders configured, so it serves no files");
    }
    return roots;
  }

  @Nullable
  DataRoots rootsOrNull() {
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
