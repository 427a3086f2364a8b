package io.github.fbtools.storyexec;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableMap;
import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.files.PromptFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where {@link StorySceneBatch} gets each scene's prompts: the scene's {@code prompts.json}
 * ({@link #files()}, the default), prompts held in memory ({@link #of}), or an editing session.
 *
 * <p>A version 1 ("legacy") {@code prompts.json} is given as its migrated collection ({@link
 * PromptFiles} does that), so legacy scenes are treated like any other.
 *
 * <!-- given: PromptCollection openingPrompts -->
 * <pre>{@code
 * ScenePromptLoader fromFiles = ScenePromptLoader.files();   // <sceneDir>/prompts.json
 * ScenePromptLoader fromMemory = ScenePromptLoader.of(Map.of("opening", openingPrompts));
 * }</pre>
 *
 * <p>Implementations used from several threads must be thread-safe; {@link #files()} and {@link
 * #of} are.
 */
@FunctionalInterface
public interface ScenePromptLoader {

  /**
   * Returns the prompts of one scene.
   *
   * @param sceneName the scene's name, already checked with {@link
   *     io.github.fbtools.core.files.SafeNames.Kind#SCENE}
   * @param sceneDir the scene's folder, {@code {scenesRoot}/{sceneName}} (it may not exist)
   * @return the scene's prompts; {@link PromptCollection#empty()} if it has none
   * @throws IOException if the prompts cannot be read
   */
  PromptCollection load(String sceneName, Path sceneDir) throws IOException;

  /**
   * Returns a loader that reads {@code <sceneDir>/prompts.json} with {@link PromptFiles#create()}:
   * a missing file is an empty collection, a version 1 file its migrated collection, and a corrupt
   * file a {@link io.github.fbtools.core.FormatException} naming the file (never an empty
   * collection).
   *
   * @return the loader
   */
  static ScenePromptLoader files() {
    return files(PromptFiles.create());
  }

  /**
   * Returns a loader that reads {@code <sceneDir>/prompts.json} with the given {@link
   * PromptFiles}.
   *
   * @param promptFiles the reader
   * @return the loader
   */
  static ScenePromptLoader files(PromptFiles promptFiles) {
    checkNotNull(promptFiles, "promptFiles");
    return (sceneName, sceneDir) -> {
      checkNotNull(sceneName, "sceneName");
      return promptFiles.read(checkNotNull(sceneDir, "sceneDir"));
    };
  }

  /**
   * Returns a loader backed by a copy of a map from scene name to prompts; a scene that is not in
   * the map has no prompts ({@link PromptCollection#empty()}).
   *
   * @param prompts the prompts by scene name; copied
   * @return the loader
   * @throws NullPointerException if a name or collection is null
   */
  static ScenePromptLoader of(Map<String, PromptCollection> prompts) {
    ImmutableMap<String, PromptCollection> copy = ImmutableMap.copyOf(prompts);
    return (sceneName, sceneDir) -> {
      checkNotNull(sceneDir, "sceneDir");
      PromptCollection found = copy.get(checkNotNull(sceneName, "sceneName"));
      return found != null ? found : PromptCollection.empty();
    };
  }
}
