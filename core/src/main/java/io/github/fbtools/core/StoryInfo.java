package io.github.fbtools.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.github.fbtools.core.json.FormatException;
import com.google.common.collect.ImmutableList;
import io.github.fbtools.core.json.FbJson;
import io.github.fbtools.core.json.JsonFields;
import io.github.fbtools.core.json.JsonFields.Nulls;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.annotation.Nullable;
import javax.annotation.CheckForNull;

/**
 * A story: an ordered list of scenes ({@link SceneInStory}) with a name and a folder, as {@code
 * story.json} stores it.
 *
 * <p>{@link #fromJson(String)} reads version 1 and 2 files (a missing {@code version} is 1, as in
 * the reference); {@link #toJson()} writes version 2 with the reference's keys ({@code version},
 * {@code story_name}, {@code story_dir}, {@code scenes}) followed by unknown fields, and each
 * scene's {@code scene_id}, so ids stay stable across save and load. A scene read without an id
 * (the reference never saves them) gets one derived from the story's and the scene's names
 * ({@link SceneInStory#derivedId}): the same on every read of the same file, and written by the
 * next save. Scene names may repeat within a story.
 *
 * <!-- given: Path storyDir -->
 * <pre>{@code
 * StoryInfo story = StoryInfo.fromJson(Files.readString(storyDir.resolve("story.json")));
 * for (SceneInStory scene : story.scenesInOrder()) {
 *   System.out.println(scene.sceneOrder() + " " + scene.sceneName());
 * }
 * }</pre>
 *
 * <p>Two instances are equal exactly when they write the same bytes: JSON objects they carry
 * compare in order, as they are written ({@code docs/equality.md}).
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param storyName the story's name
 * @param storyDir the story's folder as stored in the file (informational; the library locates
 *     stories by name under a configured root, never by this field)
 * @param scenes the scenes in file order
 * @param extra unknown top-level fields, kept and written back
 */
public record StoryInfo(
    String storyName, String storyDir, List<SceneInStory> scenes, Map<String, Object> extra) {

  /** The format version this class writes. */
  public static final int VERSION = 2;

  /**
   * The size limits of a {@code story.json} document: 8 MiB and 1,000,000 tokens. {@link
   * #fromJson(String)} reads within them, and so does every reader of the file ({@code
   * core.files.FileKind.STORY}).
   */
  public static final FbJson.Limits JSON_LIMITS = new FbJson.Limits(8 << 20, 1_000_000);

  private static final List<String> KNOWN = List.of("version", "story_name", "story_dir", "scenes");

  /**
   * Validates and copies the components.
   *
   * @param storyName the story's name
   * @param storyDir the story's folder as stored in the file (informational; the library locates
   *     stories by name under a configured root, never by this field)
   * @param scenes the scenes in file order
   * @param extra unknown top-level fields, kept and written back
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if {@code extra} holds a known key or a non-JSON value
   */
  public StoryInfo {
    checkNotNull(storyName, "storyName");
    checkNotNull(storyDir, "storyDir");
    scenes = ImmutableList.copyOf(scenes);
    extra = FbJson.immutableObject(checkNotNull(extra, "extra"));
    for (String k : KNOWN) {
      checkArgument(!extra.containsKey(k), "extra must not hold the known key '%s': %s", k, extra);
    }
  }

  /**
   * Creates a story without unknown fields.
   *
   * @param storyName the story's name
   * @param storyDir the folder as stored in the file
   * @param scenes the scenes
   * @return the story
   */
  public static StoryInfo of(String storyName, String storyDir, List<SceneInStory> scenes) {
    checkNotNull(storyName, "storyName");
    checkNotNull(storyDir, "storyDir");
    checkNotNull(scenes, "scenes");
    return new StoryInfo(storyName, storyDir, scenes, Map.of());
  }

  /**
   * Reads {@code story.json}; a scene without an id (the reference never writes {@code scene_id})
   * gets one derived from the story's and the scene's names ({@link SceneInStory#derivedId}), so
   * reading the same file twice gives the same ids, and saving writes them.
   *
   * @param json the document
   * @return the story
   * @throws FormatException if the document or a scene is malformed
   */
  public static StoryInfo fromJson(String json) {
    checkNotNull(json, "json");
    return parse(json, null);
  }

  /**
   * Reads {@code story.json}, taking ids for scenes without one from {@code ids}.
   *
   * @param json the document
   * @param ids supplies scene ids (inject a deterministic supplier in tests)
   * @return the story
   * @throws FormatException if the document or a scene is malformed
   */
  public static StoryInfo fromJson(String json, Supplier<String> ids) {
    checkNotNull(json, "json");
    return parse(json, checkNotNull(ids, "ids"));
  }

  private static StoryInfo parse(String json, @Nullable Supplier<String> ids) {
    Map<String, Object> doc = FbJson.parseObject(json, JSON_LIMITS);
    try {
      return read(doc, ids);
    } catch (FormatException e) {
      throw FbJson.withLocation(json, e);
    }
  }

  /**
   * Reads an already parsed {@code story.json} object; scenes without an id get a derived one, as
   * {@link #fromJson(String)} gives them.
   *
   * @param doc the object
   * @return the story
   * @throws FormatException if the object or a scene is malformed
   */
  public static StoryInfo fromJsonObject(Map<String, ?> doc) {
    checkNotNull(doc, "doc");
    return read(doc, null);
  }

  /**
   * Reads an already parsed {@code story.json} object.
   *
   * @param doc the object
   * @param ids supplies ids for scenes without one
   * @return the story
   * @throws FormatException if the object or a scene is malformed
   */
  public static StoryInfo fromJsonObject(Map<String, ?> doc, Supplier<String> ids) {
    checkNotNull(doc, "doc");
    return read(doc, checkNotNull(ids, "ids"));
  }

  /** Reads a story; {@code ids} null derives the ids of scenes without one. */
  private static StoryInfo read(Map<String, ?> doc, @Nullable Supplier<String> ids) {
    Map<String, Object> d = FbJson.immutableObject(doc);
    int version = 1;
    Object v = d.get("version");
    if (v != null) {
      if (!(v instanceof Long l) || (l != 1 && l != 2)) {
        throw FormatException.at(
            "/version",
            "unsupported story.json version " + FbJson.writeCompact(v) + " (expected 1 or 2)");
      }
      version = (int) (long) l;
    }
    String name = string(d, "story_name");
    String dir = string(d, "story_dir");
    List<Map<String, Object>> list = JsonFields.objectList(d, "", "scenes", Nulls.REFUSED);
    List<SceneInStory> scenes = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < list.size(); i++) {
      Map<String, Object> m = list.get(i);
      Supplier<String> sceneIds = ids;
      if (sceneIds == null) {
        Object sceneName = m.get("scene_name");
        String key = sceneName instanceof String n ? n : "";
        int occurrence = seen.merge(key, 1, Integer::sum) - 1;
        sceneIds = () -> SceneInStory.derivedId(name, key, occurrence);
      }
      scenes.add(SceneInStory.fromJsonObject(m, version, "/scenes/" + i, sceneIds));
    }
    LinkedHashMap<String, Object> extra = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : d.entrySet()) {
      if (!KNOWN.contains(e.getKey())) {
        extra.put(e.getKey(), e.getValue());
      }
    }
    return new StoryInfo(name, dir, scenes, extra);
  }

  private static String string(Map<String, Object> d, String field) {
    return JsonFields.string(d, "", field, Nulls.REFUSED, "");
  }

  /**
   * Writes the story as {@code story.json} version 2.
   *
   * @return the JSON text, 2-space indented, ending with a newline
   */
  public String toJson() {
    return FbJson.write(toJsonObject());
  }

  /**
   * Returns the document {@link #toJson()} writes.
   *
   * @return an unmodifiable insertion-ordered map
   */
  public Map<String, Object> toJsonObject() {
    LinkedHashMap<String, Object> m = new LinkedHashMap<>();
    m.put("version", (long) VERSION);
    m.put("story_name", storyName);
    m.put("story_dir", storyDir);
    List<Object> list = new ArrayList<>();
    for (SceneInStory s : scenes) {
      list.add(s.toJsonObject());
    }
    m.put("scenes", Collections.unmodifiableList(list));
    m.putAll(extra);
    return Collections.unmodifiableMap(m);
  }

  /**
   * Returns the scenes sorted by {@code scene_order}; scenes with equal order keep the story's
   * order (a stable sort, as the reference's).
   *
   * @return an unmodifiable list
   */
  public List<SceneInStory> scenesInOrder() {
    List<SceneInStory> list = new ArrayList<>(scenes);
    list.sort(Comparator.comparingInt(SceneInStory::sceneOrder));
    return ImmutableList.copyOf(list);
  }

  /**
   * Finds a scene by id.
   *
   * @param sceneId the id
   * @return the scene, if present
   */
  public Optional<SceneInStory> sceneById(String sceneId) {
    checkNotNull(sceneId, "sceneId");
    return scenes.stream().filter(s -> s.sceneId().equals(sceneId)).findFirst();
  }

  /**
   * Finds every scene with a name (names may repeat).
   *
   * @param sceneName the name
   * @return the scenes, in story order
   */
  public List<SceneInStory> scenesByName(String sceneName) {
    checkNotNull(sceneName, "sceneName");
    return scenes.stream()
        .filter(s -> s.sceneName().equals(sceneName))
        .collect(ImmutableList.toImmutableList());
  }

  /**
   * Returns a copy with other scenes.
   *
   * @param newScenes the scenes
   * @return the copy
   */
  public StoryInfo withScenes(List<SceneInStory> newScenes) {
    checkNotNull(newScenes, "newScenes");
    return new StoryInfo(storyName, storyDir, newScenes, extra);
  }

  /**
   * Returns a copy in which the scene with {@code scene}'s id is replaced (in place), or {@code
   * scene} is appended if no scene has that id.
   *
   * @param scene the scene
   * @return the copy
   */
  public StoryInfo withScene(SceneInStory scene) {
    checkNotNull(scene, "scene");
    List<SceneInStory> list = new ArrayList<>(scenes);
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).sceneId().equals(scene.sceneId())) {
        list.set(i, scene);
        return withScenes(list);
      }
    }
    list.add(scene);
    return withScenes(list);
  }

  /**
   * Returns a copy without the scene of that id (this story if there is none).
   *
   * @param sceneId the id
   * @return the copy
   */
  public StoryInfo withoutScene(String sceneId) {
    checkNotNull(sceneId, "sceneId");
    List<SceneInStory> list = new ArrayList<>(scenes);
    return list.removeIf(s -> s.sceneId().equals(sceneId)) ? withScenes(list) : this;
  }

  /**
   * Tells whether {@code o} is a {@code StoryInfo} that writes the same JSON bytes: the parts compare
   * in order, JSON objects included (see {@code docs/equality.md}).
   *
   * @param o another object
   * @return true if equal
   */
  @Override
  public boolean equals(@CheckForNull Object o) {
    return o == this || (o instanceof StoryInfo other && JsonEquality.equal(parts(), other.parts()));
  }

  /**
   * Returns a hash code consistent with {@link #equals}, depending on the order of JSON objects.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return JsonEquality.hash(parts());
  }

  /** The parts the JSON is written from, in order (null for an absent optional part). */
  private List<Object> parts() {
    return Arrays.asList(storyName, storyDir, scenes, extra);
  }
}
