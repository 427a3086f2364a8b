package io.github.fbtools.libber.rest;

import com.google.common.util.concurrent.Striped;
import io.github.fbtools.core.ExpansionLimits;
import io.github.fbtools.core.json.FormatException;
import io.github.fbtools.core.InvalidNameException;
import io.github.fbtools.core.LoraEntry;
import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.PromptMetadata;
import io.github.fbtools.core.SceneInfo;
import io.github.fbtools.core.files.BackupConflictException;
import io.github.fbtools.core.files.FileChangedException;
import io.github.fbtools.core.files.PromptFiles;
import io.github.fbtools.core.files.SafeNames;
import io.github.fbtools.core.files.SceneFiles;
import io.github.fbtools.core.json.FbJson;
import io.github.fbtools.core.json.JsonFields;
import io.github.fbtools.core.json.JsonFields.Nulls;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.function.UnaryOperator;
import javax.annotation.Nullable;

/**
 * The {@code /fbtools/scene/*} endpoints of the scene sessions (open, update, save, get), and the
 * route table of every scene endpoint; those without a session are in {@link SceneFolderRoutes}.
 */
final class SceneRoutes {
  static final String BASE = "/fbtools/scene/";
  private static final String SCENE = "scene";
  private static final int MAX_SAVE_ATTEMPTS = 3;

  private final SceneStateManager scenes;
  private final Disk disk;

  /** Serialises the saves of one session (by session id) in this process. */
  private final Striped<Lock> saving = Striped.lock(64);

  private SceneRoutes(SceneStateManager scenes, Disk disk) {
    this.scenes = scenes;
    this.disk = disk;
  }

  static List<Endpoint> endpoints(
      LibberStateManager libbers, SceneStateManager scenes, ExpansionLimits limits, Disk disk) {
    SceneRoutes r = new SceneRoutes(scenes, disk);
    SceneFolderRoutes f = new SceneFolderRoutes(libbers, limits, disk);
    return List.of(
        Endpoint.of("POST", BASE + "process_compositions", f::processCompositions, null),
        Endpoint.of("POST", BASE + "open", r::open, SceneRoutes::state),
        Endpoint.of("POST", BASE + "update_prompts", r::updatePrompts, SceneRoutes::state),
        Endpoint.of("POST", BASE + "update_metadata", r::updateMetadata, SceneRoutes::state),
        Endpoint.of("POST", BASE + "update_loras", r::updateLoras, SceneRoutes::state),
        Endpoint.of("POST", BASE + "save_metadata", r::saveMetadata, SceneRoutes::state),
        Endpoint.of("GET", BASE + "get", r::get, SceneRoutes::state),
        Endpoint.of("GET", BASE + "list", f::list, null),
        Endpoint.of("GET", BASE + "list_scenes/{story_name}", f::listScenes, null),
        Endpoint.of("GET", "/fbtools/story/list", f::listStories, null),
        Endpoint.of("GET", BASE + "get_scene_prompts", f::getScenePrompts, null),
        Endpoint.of("POST", BASE + "save_scene_prompts", f::saveScenePrompts, null));
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
  static SceneFiles.Loaded load(Disk disk, String sceneName) throws IOException {
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
    SceneFiles.Loaded loaded = load(disk, name);
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
        if (!(e.getValue() instanceof String to) || to.isEmpty()) {
          throw ApiException.badRequest(
              "rename values must be non-empty strings (the new names); "
                  + InvalidNameException.echo(e.getKey())
                  + " maps to "
                  + FbJson.typeName(e.getValue()));
        }
        rename.put(e.getKey(), to);
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
                if (e.getValue() instanceof PromptMetadata m) {
                  c = c.withPrompt(name, m);
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
    if (!(value instanceof Map<?, ?> fields)) {
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
    List<Map<String, Object>> items = Fields.objectList(b, field);
    List<LoraEntry> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Map<String, Object> item = items.get(i);
      String path = "/" + field + "/" + i;
      String where = "invalid LoRA entry at " + path + ": ";
      try {
        // The REST layer requires the LoRA file's name; the file reader defaults it to "".
        String loraName = JsonFields.string(item, path, "lora", Nulls.REQUIRED, "");
        if (loraName.isEmpty()) {
          throw ApiException.badRequest(where + "lora must not be empty");
        }
        out.add(LoraEntry.fromJsonObject(item, path));
      } catch (FormatException e) {
        throw ApiException.badRequest(where + e.reason());
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest(where + e.getMessage());
      }
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

  static String backupConflict(String sceneName) {
    return "scene "
        + InvalidNameException.echo(sceneName)
        + ": "
        + PromptFiles.V1_BACKUP_NAME
        + " already exists with other content, or the collection carries another v1_backup;"
        + " a backup is never overwritten, so nothing was written";
  }
}
