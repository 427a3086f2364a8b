package io.github.fbtools.storyexec;

import static com.google.common.base.Preconditions.checkNotNull;

import io.github.fbtools.core.LibberSource;
import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.SceneInStory;
import java.util.Map;

/**
 * The prompt of a scene's video, as the reference's {@code resolve_video_prompt} chooses it from
 * the scene's {@code video_prompt_source}:
 *
 * <ul>
 *   <li>{@code auto} (the default): the scene's image prompt, its {@code positive_prompt};
 *   <li>{@code custom}: {@code video_custom_prompt};
 *   <li>{@code prompt}: the prompt named {@code video_prompt_key}, or {@code ""} if the key is
 *       empty or names no prompt;
 *   <li>{@code composition}: the key itself, {@code video_prompt_key} (the reference leaves the
 *       composition to be resolved by the caller);
 *   <li>anything else: the image prompt.
 * </ul>
 *
 * <!-- given: StoryInfo story; StorySceneBatch batch -->
 * <pre>{@code
 * SceneInStory scene = story.scenesInOrder().get(0);
 * SceneDescriptor d = batch.descriptors().get(0);
 * String videoPrompt = StoryVideoPrompt.resolve(scene, d.prompts().positive(), d.prompts().data());
 * }</pre>
 *
 * <p>This class is stateless and thread-safe.
 */
public final class StoryVideoPrompt {
  private StoryVideoPrompt() {}

  /**
   * Resolves a scene's video prompt exactly as the reference's {@code resolve_video_prompt}.
   *
   * @param scene the scene, whose video fields decide
   * @param positivePrompt the scene's image prompt ({@link SceneDescriptor.Prompts#positive()})
   * @param promptData the prompts to look a {@code prompt} key up in, by name
   * @return the video prompt
   */
  public static String resolve(
      SceneInStory scene, String positivePrompt, Map<String, String> promptData) {
    checkNotNull(scene, "scene");
    checkNotNull(positivePrompt, "positivePrompt");
    checkNotNull(promptData, "promptData");
    String key = scene.videoPromptKey();
    switch (scene.videoPromptSource()) {
      case "custom":
        return scene.videoCustomPrompt();
      case "prompt":
        if (key.isEmpty()) {
          return "";
        }
        String value = promptData.get(key);
        return value == null ? "" : value;
      case "composition":
        return key;
      default: // "auto", and the reference's fallback for any other source
        return positivePrompt;
    }
  }

  /**
   * Resolves a scene's video prompt with its prompts given as a collection: a {@code prompt} key
   * is looked up among all of them, Libbers applied ({@link PromptCollection#resolvedValue}); the
   * other sources as {@link #resolve(SceneInStory, String, Map)}.
   *
   * @param scene the scene, whose video fields decide
   * @param positivePrompt the scene's image prompt
   * @param prompts the scene's prompts
   * @param libbers where Libbers named by the prompts come from
   * @return the video prompt
   */
  public static String resolve(
      SceneInStory scene, String positivePrompt, PromptCollection prompts, LibberSource libbers) {
    checkNotNull(prompts, "prompts");
    checkNotNull(libbers, "libbers");
    String key = scene.videoPromptKey();
    if (scene.videoPromptSource().equals("prompt") && !key.isEmpty()) {
      return prompts.resolvedValue(key, libbers).orElse("");
    }
    return resolve(scene, positivePrompt, Map.of());
  }
}
