package io.github.fbtools.libber.rest;

import io.github.fbtools.core.ExpansionLimits;
import io.github.fbtools.core.json.FormatException;
import io.github.fbtools.core.InvalidNameException;
import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.PromptMetadata;
import io.github.fbtools.core.PromptNames;
import io.github.fbtools.core.files.SafeNames;
import io.github.fbtools.core.files.SceneFiles;
import io.github.fbtools.libber.EntryExistsException;
import io.github.fbtools.libber.EntryNotFoundException;
import io.github.fbtools.libber.LibberState;
import io.github.fbtools.libber.LibberStateManager;
import io.github.fbtools.libber.PromptStateManager;
import io.github.fbtools.libber.Removal;
import io.github.fbtools.libber.Session;
import java.io.IOException;
import java.nio.file.NotDirectoryException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code /fbtools/prompts/*} endpoints over {@link PromptStateManager}. */
final class PromptRoutes {
  static final String BASE = "/fbtools/prompts/";

  private final PromptStateManager sessions;
  private final LibberStateManager libbers;
  private final ExpansionLimits limits;
  private final Disk disk;

  private PromptRoutes(
      PromptStateManager sessions, LibberStateManager libbers, ExpansionLimits limits, Disk disk) {
    this.sessions = sessions;
    this.libbers = libbers;
    this.limits = limits;
    this.disk = disk;
  }

  static List<Endpoint> endpoints(
      PromptStateManager sessions, LibberStateManager libbers, ExpansionLimits limits, Disk disk) {
    PromptRoutes r = new PromptRoutes(sessions, libbers, limits, disk);
    return List.of(
        Endpoint.of("POST", BASE + "create", r::create, PromptRoutes::state),
        Endpoint.of("POST", BASE + "add", r::add, PromptRoutes::state),
        Endpoint.of("POST", BASE + "remove", r::remove, PromptRoutes::state),
        Endpoint.of("POST", BASE + "rename", r::rename, PromptRoutes::state),
        Endpoint.of("GET", BASE + "list_names", r::listNames, PromptRoutes::state),
        Endpoint.of("GET", BASE + "get", r::get, PromptRoutes::state),
        Endpoint.of("POST", BASE + "apply_libber", r::applyLibber, LibberRoutes::state),
        Endpoint.of("GET", BASE + "discover/{scene_name}", r::discover, null));
  }

  /** The state fields of every prompts answer: {@code collection}, {@code prompt_names}. */
  static Map<String, Object> state(Object state) {
    PromptCollection c = (PromptCollection) state;
    LinkedHashMap<String, Object> m = new LinkedHashMap<>();
    m.put("collection", c.toJsonObject());
    m.put("prompt_names", c.promptNames());
    return m;
  }

  private static ApiResponse answer(Session<PromptCollection> s) {
    return ApiResponse.ok(Routes.sessionFields(s, state(s.state())));
  }

  private ApiResponse create(Call call) {
    Map<String, Object> body = call.body();
    if (body.containsKey("session_id")) {
      throw ApiException.badRequest(
          "session ids are chosen by the server: do not send session_id to create");
    }
    Map<String, Object> legacy = Fields.optionalObject(body, "legacy_data");
    Map<String, Object> collection = Fields.optionalObject(body, "collection");
    if (legacy != null && collection != null) {
      throw ApiException.badRequest("give legacy_data or collection, not both");
    }
    PromptCollection initial;
    try {
      if (collection != null) {
        initial = PromptCollection.fromJsonObject(collection);
      } else if (legacy != null) {
        initial = PromptCollection.fromLegacy(legacy);
      } else {
        initial = PromptCollection.empty();
      }
    } catch (FormatException e) {
      throw ApiException.badRequest(
          "invalid " + (collection != null ? "collection" : "legacy_data") + ": " + e.getMessage());
    }
    return answer(sessions.open(initial));
  }

  private ApiResponse add(Call call) {
    Map<String, Object> b = call.body();
    String id = Routes.sessionId(b);
    Long expected = Fields.optionalLong(b, "expected_version");
    String name = Fields.requiredNonEmpty(b, "prompt_name");
    String value = Fields.requiredString(b, "prompt_value");
    String libberName = Fields.optionalString(b, "libber_name");
    if (libberName != null && !libberName.isEmpty()) {
      SafeNames.validate(SafeNames.Kind.LIBBER, libberName);
    }
    String processingType = Fields.optionalString(b, "processing_type");
    if (processingType != null) {
      checkProcessingType(processingType, "processing_type");
    }
    PromptMetadata prompt =
        new PromptMetadata(
            value,
            Fields.optionalString(b, "category"),
            Fields.optionalString(b, "description"),
            Fields.optionalStringList(b, "tags"),
            processingType == null ? PromptMetadata.RAW : processingType,
            libberName);
    return answer(sessions.addPrompt(id, expected, name, prompt));
  }

  private ApiResponse remove(Call call) {
    Map<String, Object> b = call.body();
    String id = Routes.sessionId(b);
    Long expected = Fields.optionalLong(b, "expected_version");
    String name = Fields.requiredNonEmpty(b, "prompt_name");
    Removal<PromptCollection> r = sessions.removePrompt(id, expected, name);
    LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
    fields.put("removed", r.removed());
    fields.putAll(state(r.session().state()));
    return ApiResponse.ok(Routes.sessionFields(r.session(), fields));
  }

  private ApiResponse rename(Call call) {
    Map<String, Object> b = call.body();
    String id = Routes.sessionId(b);
    Long expected = Fields.optionalLong(b, "expected_version");
    String from = Fields.requiredNonEmpty(b, "prompt_name");
    String to = Fields.requiredNonEmpty(b, "new_name");
    try {
      return answer(sessions.renamePrompt(id, expected, from, to));
    } catch (EntryExistsException e) {
      Session<PromptCollection> now = sessions.get(id);
      throw new ApiException(409, e.getMessage(), Routes.sessionFields(now, state(now.state())));
    }
  }

  private ApiResponse listNames(Call call) {
    Session<PromptCollection> s = sessions.get(Routes.sessionId(call.query()));
    List<String> names = s.state().promptNames();
    LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
    fields.put("prompt_names", names);
    fields.put("count", (long) names.size());
    return ApiResponse.ok(Routes.sessionFields(s, fields));
  }

  /** Substitutes a libber session's Libber into every value of a given collection. */
  private ApiResponse applyLibber(Call call) {
    Map<String, Object> b = call.body();
    Session<LibberState> libber = libbers.get(Routes.sessionId(b));
    PromptCollection collection = collection(b);
    Substitutions.Applied applied =
        Substitutions.applyTo(collection, libber.state().libber(), limits);
    LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
    fields.put("name", libber.state().name());
    fields.putAll(state(applied.collection()));
    fields.put("changed", applied.changed());
    return ApiResponse.ok(Routes.sessionFields(libber, fields));
  }

  /**
   * Refuses a {@code processing_type} other than {@code raw} and {@code libber}, the two the
   * editing endpoints know (a file may hold others, kept as written; the reference accepts any
   * string and treats all but {@code libber} as raw, so a typo such as {@code Libber} silently
   * left the prompt raw).
   *
   * @param value the value sent
   * @param where the field's name or JSON path, for the message
   */
  static void checkProcessingType(String value, String where) {
    if (!value.equals(PromptMetadata.RAW) && !value.equals(PromptMetadata.LIBBER)) {
      throw ApiException.badRequest(
          where
              + " must be \""
              + PromptMetadata.RAW
              + "\" or \""
              + PromptMetadata.LIBBER
              + "\": "
              + InvalidNameException.echo(value));
    }
  }

  /** The required {@code collection} field, read as prompts.json of either version (400 if bad). */
  static PromptCollection collection(Map<String, Object> body) {
    Map<String, Object> c = Fields.optionalObject(body, "collection");
    if (c == null) {
      throw ApiException.badRequest("collection is required");
    }
    try {
      return PromptCollection.fromJsonObject(c);
    } catch (FormatException e) {
      throw ApiException.badRequest("invalid collection: " + e.getMessage());
    }
  }

  /**
   * The prompt names a scene offers ({@link PromptNames#available}: its v2 prompt names and the
   * string keys of its {@code v1_backup}); 404 if there is no such scene.
   */
  private ApiResponse discover(Call call) throws IOException {
    String name = call.param("scene_name");
    SafeNames.validate(SafeNames.Kind.SCENE, name);
    Optional<SceneFiles.Loaded> loaded;
    try {
      loaded = disk.scenes().load(disk.roots().scenes(), name);
    } catch (NotDirectoryException e) {
      loaded = Optional.empty();
    }
    PromptCollection c =
        loaded.orElseThrow(() -> new EntryNotFoundException("scene", name)).scene().prompts();
    List<String> names = PromptNames.available(c);
    LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
    fields.put("scene_name", name);
    fields.put("prompt_names", names);
    fields.put("count", (long) names.size());
    return ApiResponse.ok(fields);
  }

  private ApiResponse get(Call call) {
    return answer(sessions.get(Routes.sessionId(call.query())));
  }
}
