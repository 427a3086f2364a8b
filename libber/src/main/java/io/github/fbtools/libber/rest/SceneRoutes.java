package io.github.fbtools.libber.rest;

import com.google.common.util.concurrent.Striped;
import io.github.fbtools.core.ExpansionLimits;
import io.github.fbtools.core.json.FormatException;
import io.github.fbtools.core.InvalidNameException;
import io.github.fbtools.core.Libber;
import io.github.fbtools.core.LibberSource;
import io.github.fbtools.core.LoraEntry;
import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.PromptMetadata;
import io.github.fbtools.core.SceneInStory;
import io.github.fbtools.core.SceneInfo;
import io.github.fbtools.core.files.BackupConflictException;
import io.github.fbtools.core.files.FileChangedException;
import io.github.fbtools.core.files.LibberFiles;
import io.github.fbtools.core.files.PromptFiles;
import io.github.fbtools.core.files.SafeNames;
import io.github.fbtools.core.files.SceneFiles;
import io.github.fbtools.core.files.StoryFiles;
import io.github.fbtools.core.json.FbJson;
import io.github.fbtools.libber.EntryExistsException;
import io.github.fbtools.libber.EntryNotFoundException;
import io.github.fbtools.libber.LibberStateManager;
import io.github.fbtools.libber.SceneState;
import io.github.fbtools.libber.SceneStateManager;
import io.github.fbtools.libber.Session;
import io.github.fbtools.libber.StorageUnavailableException;
import io.github.fbtools.libber.VersionConflictException;
import java.io.IOException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.function.UnaryOperator;
import javax.annotation.Nullable;

/** The {@code /fbtools/scene/*} endpoints, and the scene sessions behind them. */
final class SceneRoutes {
  static final String BASE = "/fbtools/scene/";
  private static final String SCENE = "scene";
  private static final int MAX_SAVE_ATTEMPTS = 3;

  private final LibberStateManager libbers;
  private final SceneStateManager scenes;
  private final ExpansionLimits limits;
  private final Disk disk;

  /** Serialises the saves of one session (by session id) in this process. */
  private final Striped<Lock> saving = Striped.lock(64);

  private SceneRoutes(
      LibberStateManager libbers, SceneStateManager scenes, ExpansionLimits limits, Disk disk) {
    this.libbers = libbers;
    this.scenes = scenes;
    this.limits = limits;
    this.disk = disk;
  }

  static List<Endpoint> endpoints(
      LibberStateManager libbers, SceneStateManager scenes, ExpansionLimits limits, Disk disk) {
    SceneRoutes r = new SceneRoutes(libbers, scenes, limits, disk);
    return List.of(
        Endpoint.of("POST", BASE + "process_compositions", r::processCompositions, null),
        Endpoint.of("POST", BASE + "open", r::open, SceneRoutes::state),
        Endpoint.of("POST", BASE + "update_prompts", r::updatePrompts, SceneRoutes::state),
        Endpoint.of("POST", BASE + "update_metadata", r::updateMetadata, SceneRoutes::state),
        Endpoint.of("POST", BASE + "update_loras", r::updateLoras, SceneRoutes::state),
        Endpoint.of("POST", BASE + "save_metadata", r::saveMetadata, SceneRoutes::state),
        Endpoint.of("GET", BASE + "get", r::get, SceneRoutes::state),
        Endpoint.of("GET", BASE + "list", r::list, null),
        Endpoint.of("GET", BASE + "list_scenes/{story_name}", r::listScenes, null),
        Endpoint.of("GET", "/fbtools/story/list", r::listStories, null),
        Endpoint.of("GET", BASE + "get_scene_prompts", r::getScenePrompts, null),
        Endpoint.of("POST", BASE + "save_scene_prompts", r::saveScenePrompts, null));
  }

  /**
   * The state fields of every scene session answer: {@code scene_name}, {@code collection} (the
   * prompts.json v2 object), {@code prompt_names}, {@code pose_name}, {@code mask_type}, {@code
   * depth_type}, {@code resolution} (or null), {@code loras} (the lora_stack.json entries) and
   * {@code has_pose}.
   */
  static Map<String, Object> state(Object state) {
    SceneState st = (SceneState) state;
    SceneInfo s = st.scene();
    LinkedHashMap<String, Object> m = new LinkedHashMap<>();
    m.put("scene_name", st.sceneName());
    m.put("collection", s.prompts().toJsonObject());
    m.put("prompt_names", s.prompts().promptNames());
    m.put("pose_name", s.poseName());
    m.put("mask_type", s.maskType());
    m.put("depth_type", s.depthType());
    m.put("resolution", s.resolution().isPresent() ? (Object) (long) s.resolution().getAsInt() : null);
    List<Object> loras = new ArrayList<>();
    for (LoraEntry l : s.loras()) {
      loras.add(l.toJsonObject());
    }
    m.put("loras", loras);
    m.put("has_pose", s.poseJson().isPresent());
    return m;
  }

  private static ApiResponse answer(Session<SceneState> s, Map<String, Object> first) {
    LinkedHashMap<String, Object> fields = new LinkedHashMap<>(first);
    fields.putAll(state(s.state()));
    return ApiResponse.ok(Routes.sessionFields(s, fields));
  }

  /** Loads a scene by name; 404 if there is no such folder. */
  private SceneFiles.Loaded load(String sceneName) throws IOException {
    SafeNames.validate(SafeNames.Kind.SCENE, sceneName);
    Optional<SceneFiles.Loaded> loaded;
    try {
      loaded = disk.scenes().load(disk.roots().scenes(), sceneName);
    } catch (NotDirectoryException e) {
      loaded = Optional.empty();
    }
    return loaded.orElseThrow(() -> new EntryNotFoundException(SCENE, sceneName));
  }

  private ApiResponse open(Call call) throws IOException {
    Map<String, Object> b = call.body();
    if (b.containsKey("session_id")) {
      throw ApiException.badRequest(
          "session ids are chosen by the server: do not send session_id to open");
    }
    String name = Fields.requiredNonEmpty(b, "scene_name");
    SceneFiles.Loaded loaded = load(name);
    return answer(
        scenes.open(new SceneState(name, loaded.scene(), loaded.fingerprints())), Map.of());
  }

  private ApiResponse get(Call call) {
    return answer(scenes.get(Routes.sessionId(call.query())), Map.of());
  }

  /**
   * Renames prompts ({@code rename}: old name to new name, in order, each keeping its position and
   * metadata, compositions following), then sets prompts ({@code prompts}: name to a new value,
   * keeping the entry's metadata, or to a whole entry object, replacing it), then removes the
   * names in {@code remove}. All or nothing: an unknown name to rename is a 404, a new name that
   * is taken a 409, and then nothing changes.
   */
  private ApiResponse updatePrompts(Call call) {
    Map<String, Object> b = call.body();
    String id = Routes.sessionId(b);
    Long expected = Fields.optionalLong(b, "expected_version");
    Map<String, Object> set = Fields.optionalObject(b, "prompts");
    List<String> remove = Fields.optionalStringList(b, "remove");
    Map<String, Object> renameFields = Fields.optionalObject(b, "rename");
    if (set == null && !b.containsKey("remove") && renameFields == null) {
      throw ApiException.badRequest("prompts, rename or remove is required");
    }
    LinkedHashMap<String, String> rename = new LinkedHashMap<>();
    if (renameFields != null) {
      for (Map.Entry<String, Object> e : renameFields.entrySet()) {
        if (!(e.getValue() instanceof String) || ((String) e.getValue()).isEmpty()) {
          throw ApiException.badRequest(
              "rename values must be non-empty strings (the new names); "
                  + InvalidNameException.echo(e.getKey())
                  + " maps to "
                  + FbJson.typeName(e.getValue()));
        }
        rename.put(e.getKey(), (String) e.getValue());
      }
    }
    LinkedHashMap<String, Object> parsed = new LinkedHashMap<>();
    if (set != null) {
      for (Map.Entry<String, Object> e : set.entrySet()) {
        parsed.put(e.getKey(), entry(e.getKey(), e.getValue()));
      }
    }
    Session<SceneState> s =
        scenes.update(
            id,
            expected,
            scene -> {
              PromptCollection c = scene.prompts();
              for (Map.Entry<String, String> e : rename.entrySet()) {
                String from = e.getKey();
                String to = e.getValue();
                if (!c.prompts().containsKey(from)) {
                  throw new EntryNotFoundException("prompt", from);
                }
                if (!from.equals(to) && c.prompts().containsKey(to)) {
                  throw new EntryExistsException("prompt", to);
                }
                c = c.withPromptRenamed(from, to);
              }
              for (Map.Entry<String, Object> e : parsed.entrySet()) {
                String name = e.getKey();
                if (e.getValue() instanceof PromptMetadata) {
                  c = c.withPrompt(name, (PromptMetadata) e.getValue());
                } else {
                  String value = (String) e.getValue();
                  Optional<PromptMetadata> old = c.prompt(name);
                  c =
                      old.isPresent()
                          ? c.withPrompt(name, old.get().withValue(value))
                          : c.withPrompt(name, value);
                }
              }
              for (String name : remove) {
                c = c.withoutPrompt(name);
              }
              return scene.withPrompts(c);
            });
    return answer(s, Map.of());
  }

  /** A new value (String) or a whole entry (PromptMetadata), 400 if neither. */
  private static Object entry(String name, Object value) {
    if (name.isEmpty()) {
      throw ApiException.badRequest("prompt names must not be empty");
    }
    if (value instanceof String) {
      return value;
    }
    if (!(value instanceof Map)) {
      throw ApiException.badRequest(
          "prompts values must be strings or objects; "
              + InvalidNameException.echo(name)
              + " is "
              + FbJson.typeName(value));
    }
    PromptMetadata m;
    try {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("version", 2L);
      doc.put("prompts", Map.of(name, value));
      m = PromptCollection.fromJsonObject(doc).prompt(name).orElseThrow();
    } catch (FormatException e) {
      throw ApiException.badRequest(
          "invalid prompt " + InvalidNameException.echo(name) + ": " + e.reason());
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> fields = (Map<String, Object>) value;
    if (fields.containsKey("processing_type")) {
      PromptRoutes.checkProcessingType(
          m.processingType(), "prompts/" + name + "/processing_type");
    }
    String lib = m.libberName();
    if (lib != null && !lib.isEmpty()) {
      SafeNames.validate(SafeNames.Kind.LIBBER, lib);
    }
    return m;
  }

  /**
   * Sets the metadata given: {@code pose_name}, {@code mask_type}, {@code depth_type} (strings),
   * {@code resolution} (1..2^31-1, or null to clear), {@code loras} (the whole stack).
   */
  private ApiResponse updateMetadata(Call call) {
    Map<String, Object> b = call.body();
    String id = Routes.sessionId(b);
    Long expected = Fields.optionalLong(b, "expected_version");
    String pose = Fields.optionalString(b, "pose_name");
    String mask = Fields.optionalString(b, "mask_type");
    String depth = Fields.optionalString(b, "depth_type");
    boolean clearResolution = b.containsKey("resolution") && b.get("resolution") == null;
    Long resolution = Fields.optionalLong(b, "resolution");
    if (resolution != null && (resolution < 1 || resolution > Integer.MAX_VALUE)) {
      throw ApiException.badRequest(
          "resolution must be in 1.." + Integer.MAX_VALUE + ": " + resolution);
    }
    List<LoraEntry> loras = b.containsKey("loras") ? loras(b, "loras") : null;
    UnaryOperator<SceneInfo> edit =
        scene -> {
          SceneInfo.Builder sb = scene.toBuilder();
          if (pose != null) {
            sb.poseName(pose);
          }
          if (mask != null) {
            sb.maskType(mask);
          }
          if (depth != null) {
            sb.depthType(depth);
          }
          if (resolution != null) {
            sb.resolution(resolution.intValue());
          } else if (clearResolution) {
            sb.noResolution();
          }
          if (loras != null) {
            sb.loras(loras);
          }
          return sb.build();
        };
    return answer(scenes.update(id, expected, edit), Map.of());
  }

  /** Appends the entries of {@code add}, after removing every entry whose lora is in {@code remove}. */
  private ApiResponse updateLoras(Call call) {
    Map<String, Object> b = call.body();
    String id = Routes.sessionId(b);
    Long expected = Fields.optionalLong(b, "expected_version");
    List<LoraEntry> add = b.containsKey("add") ? loras(b, "add") : List.of();
    List<String> remove = Fields.optionalStringList(b, "remove");
    if (!b.containsKey("add") && !b.containsKey("remove")) {
      throw ApiException.badRequest("add or remove is required");
    }
    int[] removed = new int[1];
    Session<SceneState> s =
        scenes.update(
            id,
            expected,
            scene -> {
              List<LoraEntry> next = new ArrayList<>();
              int gone = 0;
              for (LoraEntry l : scene.loras()) {
                if (remove.contains(l.lora())) {
                  gone++;
                } else {
                  next.add(l);
                }
              }
              next.addAll(add);
              removed[0] = gone;
              return scene.withLoras(next);
            });
    return answer(s, Map.of("removed", (long) removed[0]));
  }

  /** A field holding an array of LoRA objects, each read by {@link LoraEntry#fromJsonObject}. */
  private static List<LoraEntry> loras(Map<String, Object> b, String field) {
    Object v = b.get(field);
    if (!(v instanceof List)) {
      throw ApiException.badRequest(
          field + " must be an array of objects, found " + FbJson.typeName(v));
    }
    List<LoraEntry> out = new ArrayList<>();
    int i = 0;
    for (Object o : (List<?>) v) {
      if (!(o instanceof Map)) {
        throw ApiException.badRequest(
            field + " must be an array of objects, found an item of type " + FbJson.typeName(o));
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> item = (Map<String, Object>) o;
      Object lora = item.get("lora");
      String where = "invalid LoRA entry at /" + field + "/" + i + ": ";
      if (lora == null) {
        throw ApiException.badRequest(where + "lora (the LoRA file's name) is required");
      }
      if (!(lora instanceof String)) {
        throw ApiException.badRequest(
            where + "lora must be a string, found " + FbJson.typeName(lora));
      }
      if (((String) lora).isEmpty()) {
        throw ApiException.badRequest(where + "lora must not be empty");
      }
      try {
        out.add(LoraEntry.fromJsonObject(item, "/" + field + "/" + i));
      } catch (FormatException e) {
        throw ApiException.badRequest("invalid LoRA entry: " + e.getMessage());
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("invalid LoRA entry at /" + field + "/" + i + ": " + e.getMessage());
      }
      i++;
    }
    return out;
  }

  /**
   * Writes the session's scene through {@link SceneFiles#write} with the fingerprints of its load
   * or last save (409 if a file changed on disk, unless {@code force}; 409 if the v1 backup would
   * have to change).
   */
  private ApiResponse saveMetadata(Call call) throws IOException {
    Map<String, Object> b = call.body();
    String id = Routes.sessionId(b);
    Long expected = Fields.optionalLong(b, "expected_version");
    boolean force = Fields.optionalBoolean(b, "force");
    scenes.get(id); // 404 before waiting for the session's save lock
    Lock lock = saving.get(id);
    lock.lock();
    try {
      return saveLocked(id, expected, force);
    } finally {
      lock.unlock();
    }
  }

  /**
   * One session's save, while no other save of that session runs in this process: the snapshot
   * is taken after the previous save recorded its fingerprints, so a session never conflicts
   * with its own previous save. A save by the same session on another server (sessions shared
   * through a session storage) may have written the files meanwhile: if the session's recorded
   * fingerprints moved while this save was refused, it is tried again from the new snapshot.
   */
  private ApiResponse saveLocked(String id, @Nullable Long expected, boolean force)
      throws IOException {
    for (int attempt = 1; ; attempt++) {
      Session<SceneState> s = scenes.get(id);
      if (expected != null && expected != s.version()) {
        throw new VersionConflictException(expected, s);
      }
      SceneState st = s.state();
      SceneFiles.Written written;
      try {
        written =
            disk.scenes()
                .write(
                    disk.roots().scenes(),
                    st.sceneName(),
                    st.scene(),
                    force ? null : st.fingerprints());
      } catch (FileChangedException e) {
        Session<SceneState> now = scenes.get(id);
        if (attempt < MAX_SAVE_ATTEMPTS
            && !now.state().fingerprints().equals(st.fingerprints())
            && (expected == null || expected == now.version())) {
          continue;
        }
        throw new ApiException(
            409,
            "scene "
                + InvalidNameException.echo(st.sceneName())
                + ": "
                + disk.roots().relative(e.getFile())
                + " changed on disk since this session opened or saved it; nothing was written"
                + " (send \"force\": true to overwrite it)",
            Routes.sessionFields(now, state(now.state())));
      } catch (BackupConflictException e) {
        Session<SceneState> now = scenes.get(id);
        throw new ApiException(
            409, backupConflict(st.sceneName()), Routes.sessionFields(now, state(now.state())));
      }
      Session<SceneState> after;
      try {
        after = scenes.recordSave(id, written);
      } catch (StorageUnavailableException e) {
        throw Routes.writtenButUnrecorded(
            "scene " + InvalidNameException.echo(st.sceneName()), e);
      }
      return answer(after, Map.of("changed_files", written.changedFiles()));
    }
  }

  private static String backupConflict(String sceneName) {
    return "scene "
        + InvalidNameException.echo(sceneName)
        + ": "
        + PromptFiles.V1_BACKUP_NAME
        + " already exists with other content, or the collection carries another v1_backup;"
        + " a backup is never overwritten, so nothing was written";
  }

  /** The scene folders under the scenes root, sorted by code point. */
  private ApiResponse list(Call call) throws IOException {
    List<String> names = disk.scenes().list(disk.roots().scenes());
    LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
    fields.put("scenes", names);
    fields.put("count", (long) names.size());
    return ApiResponse.ok(fields);
  }

  /** The story folders under the stories root (those with a story.json), sorted by code point. */
  private ApiResponse listStories(Call call) throws IOException {
    List<String> names = disk.stories().list(disk.roots().stories());
    LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
    fields.put("stories", names);
    fields.put("count", (long) names.size());
    return ApiResponse.ok(fields);
  }

  /** The scenes of a story, in order: name, order and id of each. */
  private ApiResponse listScenes(Call call) throws IOException {
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
  private ApiResponse getScenePrompts(Call call) throws IOException {
    String name = Fields.requiredNonEmpty(call.query(), "scene_name");
    PromptCollection c = load(name).scene().prompts();
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
  private ApiResponse saveScenePrompts(Call call) throws IOException {
    Map<String, Object> b = call.body();
    String name = Fields.requiredNonEmpty(b, "scene_name");
    SafeNames.validate(SafeNames.Kind.SCENE, name);
    PromptCollection collection = collectionData(b, true);
    Path dir =
        load(name)
            .scene()
            .sceneDir()
            .orElseThrow(() -> new IllegalStateException("a loaded scene has a folder"));
    PromptFiles.Written written;
    try {
      written = disk.prompts().write(dir, collection);
    } catch (BackupConflictException e) {
      throw new ApiException(409, backupConflict(name));
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
  private ApiResponse processCompositions(Call call) throws IOException {
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
        if (!(e.getValue() instanceof String)) {
          throw ApiException.badRequest(
              "libber_sessions values must be session ids (strings), found "
                  + FbJson.typeName(e.getValue()));
        }
        byName.put(e.getKey(), (String) e.getValue());
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
