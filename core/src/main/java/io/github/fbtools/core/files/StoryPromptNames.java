package io.github.fbtools.core.files;

import static com.google.common.base.Preconditions.checkNotNull;

import io.github.fbtools.core.json.FormatException;
import io.github.fbtools.core.InvalidNameException;
import io.github.fbtools.core.PromptNames;
import io.github.fbtools.core.SceneInStory;
import io.github.fbtools.core.StoryInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The prompt names scene folders offer, read from their {@code prompts.json} files: the file side
 * of {@link PromptNames} (which computes them from a {@link io.github.fbtools.core.PromptCollection}
 * without touching the disk).
 *
 * <!-- given: StoryInfo story; Path scenesRoot -->
 * <pre>{@code
 * PromptNames.Index index = StoryPromptNames.inStory(story, scenesRoot);
 * List<String> lacking = index.scenesWithout("girl_pos");   // scenes to fix before a run
 * List<String> names = StoryPromptNames.inScene(scenesRoot.resolve("opening"));
 * }</pre>
 *
 * <p>This class is stateless and thread-safe.
 */
public final class StoryPromptNames {
  private StoryPromptNames() {}

  /**
   * Returns the names a scene folder offers ({@link PromptNames#available}), reading its {@code
   * prompts.json} (a missing file offers none).
   *
   * @param sceneDir the scene's folder
   * @return an unmodifiable sorted list
   * @throws FormatException if the scene's {@code prompts.json} is corrupt
   * @throws IOException if it cannot be read
   */
  public static List<String> inScene(Path sceneDir) throws IOException {
    checkNotNull(sceneDir, "sceneDir");
    return PromptNames.available(PromptFiles.create().read(sceneDir));
  }

  /**
   * Indexes the names offered by each scene of a story. Scenes are found by name under {@code
   * scenesRoot} (a scene whose folder does not exist offers no names).
   *
   * @param story the story
   * @param scenesRoot the folder holding the scene folders
   * @return the index
   * @throws InvalidNameException if a scene name of the story is not a safe folder name
   * @throws FormatException if a scene's {@code prompts.json} is corrupt
   * @throws IOException if a file cannot be read or the root does not exist
   */
  public static PromptNames.Index inStory(StoryInfo story, Path scenesRoot) throws IOException {
    checkNotNull(story, "story");
    Path realRoot = scenesRoot.toRealPath();
    PromptFiles files = PromptFiles.create();
    LinkedHashMap<String, List<String>> byScene = new LinkedHashMap<>();
    for (SceneInStory scene : story.scenes()) {
      String name = scene.sceneName();
      if (byScene.containsKey(name)) {
        continue;
      }
      Path dir = SafeNames.resolveUnderRealRoot(realRoot, SafeNames.Kind.SCENE, name);
      byScene.put(
          name, Files.isDirectory(dir) ? PromptNames.available(files.read(dir)) : List.of());
    }
    return new PromptNames.Index(byScene);
  }
}
