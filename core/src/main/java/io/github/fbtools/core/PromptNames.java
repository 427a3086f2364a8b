package io.github.fbtools.core;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.github.fbtools.core.files.PromptFiles;
import io.github.fbtools.core.files.SafeNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Which prompt names a scene offers, and which scenes of a story offer a name: the data behind
 * the prompt-key selectors of a story editor.
 *
 * <p>A scene's available names are its version 2 prompt names plus every key of its {@code
 * v1_backup} whose value is a string (the legacy names, such as {@code girl_pos}, even when empty),
 * sorted by code point.
 *
 * <!-- given: StoryInfo story; Path scenesRoot -->
 * <pre>{@code
 * PromptNames.Index index = PromptNames.inStory(story, scenesRoot);
 * List<String> all = index.names();
 * List<String> lacking = index.scenesWithout("girl_pos");   // scenes to fix before a run
 * }</pre>
 *
 * <p>This class is stateless and thread-safe; {@link Index} is immutable.
 */
public final class PromptNames {
  private PromptNames() {}

  /**
   * Returns the names a collection offers: its prompt names plus the string-valued keys of its
   * {@code v1_backup}.
   *
   * @param collection the prompts
   * @return an unmodifiable list sorted by code point, without duplicates
   */
  public static List<String> available(PromptCollection collection) {
    TreeSet<String> names = new TreeSet<>(PythonText.CODE_POINT_ORDER);
    names.addAll(collection.prompts().keySet());
    collection
        .v1Backup()
        .ifPresent(
            b ->
                b.forEach(
                    (k, v) -> {
                      if (v instanceof String) {
                        names.add(k);
                      }
                    }));
    return ImmutableList.copyOf(names);
  }

  /**
   * Returns the names a scene folder offers, reading its {@code prompts.json} (a missing file
   * offers none).
   *
   * @param sceneDir the scene's folder
   * @return an unmodifiable sorted list
   * @throws FormatException if the scene's {@code prompts.json} is corrupt
   * @throws IOException if it cannot be read
   */
  public static List<String> available(Path sceneDir) throws IOException {
    return available(PromptFiles.create().read(sceneDir));
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
  public static Index inStory(StoryInfo story, Path scenesRoot) throws IOException {
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
          name,
          Files.isDirectory(dir) ? available(files.read(dir)) : List.of());
    }
    return new Index(byScene);
  }

  /**
   * The prompt names offered by each scene of a story.
   *
   * @param byScene scene name to its available names, in story order (first occurrence of a name)
   */
  public record Index(Map<String, List<String>> byScene) {
    /**
     * Copies the map.
     *
     * @param byScene scene name to its available names, in story order
     * @throws NullPointerException if a name or list is null
     */
    public Index {
      ImmutableMap.Builder<String, List<String>> b = ImmutableMap.builder();
      byScene.forEach((k, v) -> b.put(k, ImmutableList.copyOf(v)));
      byScene = b.buildOrThrow();
    }

    /**
     * Returns every name offered by at least one scene.
     *
     * @return an unmodifiable list sorted by code point
     */
    public List<String> names() {
      TreeSet<String> all = new TreeSet<>(PythonText.CODE_POINT_ORDER);
      byScene.values().forEach(all::addAll);
      return ImmutableList.copyOf(all);
    }

    /**
     * Returns the scenes that offer {@code name}, in story order.
     *
     * @param name a prompt name
     * @return an unmodifiable list of scene names
     */
    public List<String> scenesWith(String name) {
      return byScene.entrySet().stream()
          .filter(e -> e.getValue().contains(name))
          .map(Map.Entry::getKey)
          .collect(ImmutableList.toImmutableList());
    }

    /**
     * Returns the scenes that do not offer {@code name}, in story order.
     *
     * @param name a prompt name
     * @return an unmodifiable list of scene names
     */
    public List<String> scenesWithout(String name) {
      return byScene.entrySet().stream()
          .filter(e -> !e.getValue().contains(name))
          .map(Map.Entry::getKey)
          .collect(ImmutableList.toImmutableList());
    }
  }
}
