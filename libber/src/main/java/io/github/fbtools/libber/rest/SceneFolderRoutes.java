package io.github.fbtools.libber.rest;

import io.github.fbtools.core.ExpansionLimits;
import io.github.fbtools.core.Libber;
import io.github.fbtools.core.LibberSource;
import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.PromptMetadata;
import io.github.fbtools.core.SceneInStory;
import io.github.fbtools.core.files.BackupConflictException;
import io.github.fbtools.core.files.LibberFiles;
import io.github.fbtools.core.files.PromptFiles;
import io.github.fbtools.core.files.SafeNames;
import io.github.fbtools.core.files.StoryFiles;
import io.github.fbtools.core.json.FbJson;
import io.github.fbtools.libber.EntryNotFoundException;
import io.github.fbtools.libber.LibberStateManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code /fbtools/scene/*} and {@code /fbtools/story/list} endpoints that work on the scene
 * and story folders without a scene session: the lists, the reference's {@code
 * get_scene_prompts} and {@code save_scene_prompts}, and {@code process_compositions}. Split from
 * {@link SceneRoutes}, which keeps the scene sessions and registers these in its route table.
 *
 * <pre>{@code
 * SceneFolderRoutes f = new SceneFolderRoutes(libbers, limits, disk);
 * Endpoint.of("GET", SceneRoutes.BASE + "list", f::list, null);
 * }</pre>
 *
 * <p>Thread-safe: it holds no state of its own.
 */
final class SceneFolderRoutes {
  private final LibberStateManager libbers;
  private final ExpansionLimits limits;
  private final Disk disk;

  SceneFolderRoutes(LibberStateManager libbers, ExpansionLimits limits, Disk disk) {
    this.libbers = libbers;
    this.limits = limits;
    this.disk = disk;
  }

  /** The scene folders under the scenes root, sorted by code point. */
  ApiResponse list(Call call) throws IOException {
    return names("scenes", disk.scenes().list(disk.roots().scenes()));
  }

  /** The story folders under the stories root (those with a story.json), sorted by code point. */
  ApiResponse listStories(Call call) throws IOException {
    return names("stories", disk.stories().list(disk.roots().stories()));
  }

  private static ApiResponse names(String field, List<String> names) {
    LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
    fields.put(field, names);
    fields.put("count", (long) names.size());
    return ApiResponse.ok(fields);
  }

  /** The scenes of a story, in order: name, order and id of each. */
  ApiResponse listScenes(Call call) throws IOException {
    String story = call.param("story_name");
    SafeNames.validate(SafeNames.Kind.STORY, story);
    StoryFiles.Loaded loaded =
        disk.stories()
            .load(disk.roots().stories(), story)
            .orElseThrow(() -> new EntryNotFoundException("story", story));
    List<Object> out = new ArrayList<>();
    for (SceneInStory s : loaded.story().scenesInOrder()) {
      LinkedHashMap<String, Object> m = new LinkedHashMap<>();
      m.put("scene_name", s.sceneName());
      m.put("scene_order", (long) s.sceneOrder());
      m.put("scene_id", s.sceneId());
      out.add(m);
    }
    LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
    fields.put("story_name", story);
    fields.put("scenes", out);
    fields.put("count", (long) out.size());
    return ApiResponse.ok(fields);
  }

  /**
   * The reference's {@code get_scene_prompts}, by scene name: the prompts as a list (with
   * description and tags, which the reference lost), compositions, scene flags, and the Libber
   * names on disk after {@code "none"}.
   */
  ApiResponse getScenePrompts(Call call) throws IOException {
    String name = Fields.requiredNonEmpty(call.query(), "scene_name");
    PromptCollection c = SceneRoutes.load(disk, name).scene().prompts();
    List<Object> prompts = new ArrayList<>();
    for (Map.Entry<String, PromptMetadata> e : c.prompts().entrySet()) {
      PromptMetadata m = e.getValue();
      LinkedHashMap<String, Object> p = new LinkedHashMap<>();
      p.put("key", e.getKey());
      p.put("value", m.value());
      p.put("category", m.category());
      p.put("description", m.description());
      p.put("tags", m.tags());
      p.put("processing_type", m.processingType());
      p.put("libber_name", m.libberName());
      prompts.add(p);
    }
    List<String> libberNames = new ArrayList<>();
    libberNames.add("none");
    libberNames.addAll(disk.libbers().list(disk.roots().libbers()));
    LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
    fields.put("scene_name", name);
    fields.put("prompts", prompts);
    fields.put("compositions", c.compositions());
    fields.put("scene_flags", c.sceneFlags().orElse(Map.of()));
    fields.put("libbers", libberNames);
    return ApiResponse.ok(fields);
  }

  /**
   * The reference's {@code save_scene_prompts}, by scene name: writes {@code collection} as the
   * scene's prompts.json through {@link PromptFiles#write} (the non-destructive rule: a v1 file is
   * backed up first, and an existing {@code v1_backup} is kept even if the collection lacks it).
   */
  ApiResponse saveScenePrompts(Call call) throws IOException {
    Map<String, Object> b = call.body();
    String name = Fields.requiredNonEmpty(b, "scene_name");
    SafeNames.validate(SafeNames.Kind.SCENE, name);
    PromptCollection collection = collectionData(b, true);
    Path dir =
        SceneRoutes.load(disk, name)
            .scene()
            .sceneDir()
            .orElseThrow(() -> new IllegalStateException("a loaded scene has a folder"));
    PromptFiles.Written written;
    try {
      written = disk.prompts().write(dir, collection);
    } catch (BackupConflictException e) {
      throw new ApiException(409, SceneRoutes.backupConflict(name));
    }
    LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
    fields.put("scene_name", name);
    fields.put("written", written.changed());
    fields.put("backup_created", written.backupCreated());
    fields.put(
        "message",
        "Saved "
            + collection.prompts().size()
            + " prompts and "
            + collection.compositions().size()
            + " compositions to "
            + name);
    return ApiResponse.ok(fields);
  }

  /**
   * The {@code collection} of {@code save_scene_prompts} and {@code process_compositions}: 400
   * "collection data required" if it is missing, null or an empty object (the reference's rule: an
   * empty object is not a version 1 collection with nothing in it), and, for a save ({@code
   * replacing}), also if it is a version 1 object with no prompts, which would otherwise replace
   * the scene's prompts with none; a version 2 collection with no prompts is how to clear them.
   */
  static PromptCollection collectionData(Map<String, Object> body, boolean replacing) {
    Map<String, Object> c = Fields.optionalObject(body, "collection");
    if (c == null) {
      throw ApiException.badRequest("collection data required: collection is missing");
    }
    if (c.isEmpty()) {
      throw ApiException.badRequest(
          "collection data required: collection is an empty object"
              + (replacing ? ", which would erase the scene's prompts" : ""));
    }
    PromptCollection collection = PromptRoutes.collection(body);
    if (replacing
        && collection.prompts().isEmpty()
        && PromptCollection.formatVersionOf(c) == 1) {
      throw ApiException.badRequest(
          "collection data required: collection is a version 1 object with no prompts, which"
              + " would erase the scene's prompts (send {\"version\": 2, \"prompts\": {}} to"
              + " clear them)");
    }
    return collection;
  }

  /**
   * Composes a collection's compositions. Libbers named by prompts come from the sessions given
   * in {@code libber_sessions} (libber name to session id), else, when the server has data
   * folders, from {@code <libbers>/<name>.json}.
   */
  ApiResponse processCompositions(Call call) throws IOException {
    Map<String, Object> b = call.body();
    PromptCollection collection = collectionData(b, false);
    for (PromptMetadata m : collection.prompts().values()) {
      String lib = m.libberName();
      if (m.usesLibber() && lib != null) {
        SafeNames.validate(SafeNames.Kind.LIBBER, lib);
      }
    }
    Map<String, Object> sessions = Fields.optionalObject(b, "libber_sessions");
    LinkedHashMap<String, String> byName = new LinkedHashMap<>();
    if (sessions != null) {
      for (Map.Entry<String, Object> e : sessions.entrySet()) {
        if (!(e.getValue() instanceof String id)) {
          throw ApiException.badRequest(
              "libber_sessions values must be session ids (strings), found "
                  + FbJson.typeName(e.getValue()));
        }
        byName.put(e.getKey(), id);
      }
    }
    LibberSource fromSessions = libbers.snapshot(byName);
    LibberSource source = fromSessions;
    DataRoots roots = disk.rootsOrNull();
    if (roots != null) {
      LinkedHashMap<String, Libber> all = new LinkedHashMap<>();
      for (PromptMetadata m : collection.prompts().values()) {
        String lib = m.libberName();
        if (m.usesLibber() && lib != null && !all.containsKey(lib)) {
          Optional<Libber> l = fromSessions.libber(lib);
          if (l.isEmpty()) {
            l = disk.libbers().load(roots.libbers(), lib).map(LibberFiles.Loaded::libber);
          }
          l.ifPresent(x -> all.put(lib, x));
        }
      }
      source = LibberSource.of(all);
    }
    Map<String, String> composed = Substitutions.compose(collection, source, limits);
    LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
    fields.put("prompt_dict", composed);
    fields.put("missing_libbers", collection.missingLibbers(source));
    fields.put("status", "Processed " + composed.size() + " compositions");
    return ApiResponse.ok(fields);
  }
}
