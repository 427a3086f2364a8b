package io.github.fbtools.core;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
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
 * <p>Reading them from scene folders is {@link io.github.fbtools.core.files.StoryPromptNames}'s
 * job (file I/O lives in {@code core.files}).
 *
 * <!-- given: StoryInfo story; Path scenesRoot -->
 * <pre>{@code
 * PromptNames.Index index = StoryPromptNames.inStory(story, scenesRoot);
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
    checkNotNull(collection, "collection");
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
      checkNotNull(name, "name");
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
      checkNotNull(name, "name");
      return byScene.entrySet().stream()
          .filter(e -> !e.getValue().contains(name))
          .map(Map.Entry::getKey)
          .collect(ImmutableList.toImmutableList());
    }
  }
}
