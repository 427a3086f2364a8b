package io.github.fbtools.libber.rest;

import io.github.fbtools.core.ExpansionLimits;
import io.github.fbtools.core.InvalidNameException;
import io.github.fbtools.core.Libber;
import io.github.fbtools.core.files.Fingerprint;
import io.github.fbtools.core.files.FileChangedException;
import io.github.fbtools.core.files.LibberFiles;
import io.github.fbtools.core.files.SafeNames;
import io.github.fbtools.core.json.FbJson;
import io.github.fbtools.libber.EntryNotFoundException;
import io.github.fbtools.libber.LibberState;
import io.github.fbtools.libber.LibberStateManager;
import io.github.fbtools.libber.Removal;
import io.github.fbtools.libber.Session;
import io.github.fbtools.libber.StorageUnavailableException;
import io.github.fbtools.libber.VersionConflictException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code /fbtools/libber/*} endpoints over {@link LibberStateManager}. */
final class LibberRoutes {
  static final String BASE = "/fbtools/libber/";

  private final LibberStateManager libbers;
  private final ExpansionLimits limits;
  private final Disk disk;

  private LibberRoutes(LibberStateManager libbers, ExpansionLimits limits, Disk disk) {
    this.libbers = libbers;
    this.limits = limits;
    this.disk = disk;
  }

  static List<Endpoint> endpoints(LibberStateManager libbers, ExpansionLimits limits, Disk disk) {
    LibberRoutes r = new LibberRoutes(libbers, limits, disk);
    return List.of(
        Endpoint.of("POST", BASE + "create", r::create, LibberRoutes::state),
        Endpoint.of("POST", BASE + "load", r::load, LibberRoutes::state),
        Endpoint.of("POST", BASE + "save", r::save, LibberRoutes::state),
        Endpoint.of("GET", BASE + "list", r::list, null),
        Endpoint.of("POST", BASE + "add_lib", r::addLib, LibberRoutes::state),
        Endpoint.of("POST", BASE + "remove_lib", r::removeLib, LibberRoutes::state),
        Endpoint.of("POST", BASE + "apply", r::apply, LibberRoutes::state),
        Endpoint.of("GET", BASE + "keys", r::keys, LibberRoutes::state),
        Endpoint.of("GET", BASE + "get_lib/{key}", r::getLib, LibberRoutes::state),
        Endpoint.of("GET", BASE + "get_data", r::getData, LibberRoutes::state));
  }

  /**
   * The state fields of every libber answer: {@code name}, {@code keys} (sorted), {@code
   * lib_dict} (insertion order), {@code delimiter}, {@code max_depth}.
   */
  static Map<String, Object> state(Object state) {
    LibberState s = (LibberState) state;
    Libber l = s.libber();
    LinkedHashMap<String, Object> m = new LinkedHashMap<>();
    m.put("name", s.name());
    m.put("keys", l.keys());
    m.put("lib_dict", l.libs());
    m.put("delimiter", l.delimiter());
    m.put("max_depth", (long) l.maxDepth());
    return m;
  }

  private static ApiResponse answer(Session<LibberState> s, Map<String, Object> first) {
    LinkedHashMap<String, Object> fields = new LinkedHashMap<>(first);
    fields.putAll(state(s.state()));
    return ApiResponse.ok(Routes.sessionFields(s, fields));
  }

  private ApiResponse create(Call call) {
    Map<String, Object> b = call.body();
    if (b.containsKey("session_id")) {
      throw ApiException.badRequest(
          "session ids are chosen by the server: do not send session_id to create");
    }
    String name = Fields.requiredNonEmpty(b, "name");
    String delimiter = Fields.optionalString(b, "delimiter");
    if (delimiter != null && delimiter.isEmpty()) {
      throw ApiException.badRequest(
          "delimiter must not be empty (every run of key characters would be a reference)");
    }
    Long maxDepth = Fields.optionalLong(b, "max_depth");
    if (maxDepth != null && (maxDepth < 0 || maxDepth > Libber.MAX_DEPTH_LIMIT)) {
      throw ApiException.badRequest(
          "max_depth must be in 0.." + Libber.MAX_DEPTH_LIMIT + ": " + maxDepth);
    }
    Map<String, Object> dict = Fields.optionalObject(b, "lib_dict");
    Libber libber =
        Libber.of(
            Map.of(),
            delimiter == null ? Libber.DEFAULT_DELIMITER : delimiter,
            maxDepth == null ? Libber.DEFAULT_MAX_DEPTH : maxDepth.intValue());
    if (dict != null) {
      LinkedHashMap<String, String> seen = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : dict.entrySet()) {
        if (!(e.getValue() instanceof String value)) {
          throw ApiException.badRequest(
              "lib_dict values must be strings; "
                  + InvalidNameException.echo(e.getKey())
                  + " is "
                  + FbJson.typeName(e.getValue()));
        }
        String key = Libber.normalizeKey(e.getKey());
        String before = seen.put(key, e.getKey());
        if (before != null) {
          throw ApiException.badRequest(
              "lib_dict keys "
                  + InvalidNameException.echo(before)
                  + " and "
                  + InvalidNameException.echo(e.getKey())
                  + " are the same key once normalised");
        }
        libber = libber.withLib(e.getKey(), value);
      }
    }
    return answer(libbers.open(new LibberState(name, libber)), Map.of());
  }

  /** Opens a new session on {@code <libbers>/<name>.json}; 404 if there is no such file. */
  private ApiResponse load(Call call) throws IOException {
    Map<String, Object> b = call.body();
    if (b.containsKey("session_id")) {
      throw ApiException.badRequest(
          "session ids are chosen by the server: do not send session_id to load");
    }
    String name = Fields.requiredNonEmpty(b, "name");
    SafeNames.validate(SafeNames.Kind.LIBBER, name);
    LibberFiles.Loaded loaded =
        disk.libbers()
            .load(disk.roots().libbers(), name)
            .orElseThrow(() -> new EntryNotFoundException("libber", name));
    return answer(
        libbers.open(new LibberState(name, loaded.libber(), loaded.fingerprint())), Map.of());
  }

  /**
   * Writes the session's Libber to {@code <libbers>/<name>.json} (its own name, or {@code name}
   * to save under another one, which the session then keeps), refusing with a 409 if the file
   * changed since the session loaded or saved it (or exists, for a new name or a created
   * session), unless {@code force} is true.
   */
  private ApiResponse save(Call call) throws IOException {
    Map<String, Object> b = call.body();
    String id = Routes.sessionId(b);
    Long expected = Fields.optionalLong(b, "expected_version");
    String asName = Fields.optionalString(b, "name");
    if (asName != null) {
      SafeNames.validate(SafeNames.Kind.LIBBER, asName);
    }
    boolean force = Fields.optionalBoolean(b, "force");
    Session<LibberState> s = libbers.get(id);
    if (expected != null && expected != s.version()) {
      throw new VersionConflictException(expected, s);
    }
    LibberState state = s.state();
    String name = asName == null ? state.name() : asName;
    Fingerprint expectedFingerprint =
        force ? null : name.equals(state.name()) ? state.fingerprint() : Fingerprint.absent();
    LibberFiles.Written written;
    try {
      written = disk.libbers().write(disk.roots().libbers(), name, state.libber(), expectedFingerprint);
    } catch (FileChangedException e) {
      Session<LibberState> now = libbers.get(id);
      throw new ApiException(
          409,
          "libber "
              + InvalidNameException.echo(name)
              + (e.expected().isAbsent()
                  ? " already exists on disk"
                  : " changed on disk since this session loaded or saved it")
              + "; nothing was written (send \"force\": true to overwrite it)",
          Routes.sessionFields(now, state(now.state())));
    }
    Session<LibberState> after;
    try {
      after = libbers.recordSave(id, name, written.fingerprint());
    } catch (StorageUnavailableException e) {
      throw Routes.writtenButUnrecorded("libber " + InvalidNameException.echo(name), e);
    }
    return answer(after, Map.of("written", written.changed()));
  }

  /** The names of the Libber files on disk, sorted by code point. */
  private ApiResponse list(Call call) throws IOException {
    List<String> names = disk.libbers().list(disk.roots().libbers());
    LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
    fields.put("libbers", names);
    fields.put("count", (long) names.size());
    return ApiResponse.ok(fields);
  }

  private ApiResponse addLib(Call call) {
    Map<String, Object> b = call.body();
    String id = Routes.sessionId(b);
    Long expected = Fields.optionalLong(b, "expected_version");
    String key = Fields.requiredNonEmpty(b, "key");
    String value = Fields.requiredString(b, "value");
    Session<LibberState> s = libbers.addLib(id, expected, key, value);
    return answer(s, Map.of("key", Libber.normalizeKey(key)));
  }

  private ApiResponse removeLib(Call call) {
    Map<String, Object> b = call.body();
    String id = Routes.sessionId(b);
    Long expected = Fields.optionalLong(b, "expected_version");
    String key = Fields.requiredNonEmpty(b, "key");
    Removal<LibberState> r = libbers.removeLib(id, expected, key);
    LinkedHashMap<String, Object> first = new LinkedHashMap<>();
    first.put("key", Libber.normalizeKey(key));
    first.put("removed", r.removed());
    return answer(r.session(), first);
  }

  private ApiResponse apply(Call call) {
    Map<String, Object> b = call.body();
    Session<LibberState> s = libbers.get(Routes.sessionId(b));
    String text = Fields.requiredString(b, "text");
    String result = s.state().libber().substitute(text, limits);
    LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
    fields.put("name", s.state().name());
    fields.put("text", text);
    fields.put("result", result);
    return ApiResponse.ok(Routes.sessionFields(s, fields));
  }

  private ApiResponse keys(Call call) {
    Session<LibberState> s = libbers.get(Routes.sessionId(call.query()));
    LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
    fields.put("name", s.state().name());
    fields.put("keys", s.state().libber().keys());
    return ApiResponse.ok(Routes.sessionFields(s, fields));
  }

  private ApiResponse getLib(Call call) {
    Session<LibberState> s = libbers.get(Routes.sessionId(call.query()));
    String key = Libber.normalizeKey(call.param("key"));
    String value =
        s.state()
            .libber()
            .lib(key)
            .orElseThrow(() -> new EntryNotFoundException("lib", key));
    LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
    fields.put("key", key);
    fields.put("value", value);
    return ApiResponse.ok(Routes.sessionFields(s, fields));
  }

  private ApiResponse getData(Call call) {
    return answer(libbers.get(Routes.sessionId(call.query())), Map.of());
  }
}
