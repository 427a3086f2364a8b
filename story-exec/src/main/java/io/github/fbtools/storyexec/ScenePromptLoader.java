package io.github.fbtools.storyexec;

import com.google.common.collect.ImmutableMap;
import io.github.fbtools.core.PromptCollection;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where {@link StorySceneBatch} gets each scene's prompts: a scene's {@code prompts.json} read by
 * the library's prompt file reader, prompts held in memory, or an editing session.
 *
 * <p>A version 1 ("legacy") {@code prompts.json} is given as its migrated collection ({@link
 * PromptCollection#fromJson(String)} does that), so legacy scenes are treated like any other.
 *
 * <pre>{@code
 * ScenePromptLoader fromMemory = ScenePromptLoader.of(Map.of("opening", openingPrompts));
 * ScenePromptLoader fromFiles = (name, dir) ->
 *     PromptCollection.fromJson(Files.readAllBytes(dir.resolve("prompts.json")));
 * }</pre>
 *
 * <p>Implementations used from several threads must be thread-safe; {@link #of} is.
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
   * Returns a loader backed by a copy of a map from scene name to prompts; a scene that is not in
   * the map has no prompts ({@link PromptCollection#empty()}).
   *
   * @param prompts the prompts by scene name; copied
   * @return the loader
   * @throws NullPointerException if a name or collection is null
   */
  static ScenePromptLoader of(Map<String, PromptCollection> prompts) {
    ImmutableMap<String, PromptCollection> copy = ImmutableMap.copyOf(prompts);
    return (sceneName, sceneDir) -> copy.getOrDefault(sceneName, PromptCollection.empty());
  }
}
