package io.github.fbtools.libber.rest;

import io.github.fbtools.core.ExpansionLimits;
import io.github.fbtools.core.InvalidNameException;
import io.github.fbtools.core.Libber;
import io.github.fbtools.core.json.FbJson;
import io.github.fbtools.libber.EntryNotFoundException;
import io.github.fbtools.libber.LibberState;
import io.github.fbtools.libber.LibberStateManager;
import io.github.fbtools.libber.Removal;
import io.github.fbtools.libber.Session;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code /fbtools/libber/*} endpoints over {@link LibberStateManager}. */
final class LibberRoutes {
  static final String BASE = "/fbtools/libber/";

  private final LibberStateManager libbers;
  private final ExpansionLimits limits;

  private LibberRoutes(LibberStateManager libbers, ExpansionLimits limits) {
    this.libbers = libbers;
    this.limits = limits;
  }

  static List<Endpoint> endpoints(LibberStateManager libbers, ExpansionLimits limits) {
    LibberRoutes r = new LibberRoutes(libbers, limits);
    return List.of(
        Endpoint.of("POST", BASE + "create", r::create, LibberRoutes::state),
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
        if (!(e.getValue() instanceof String)) {
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
        libber = libber.withLib(e.getKey(), (String) e.getValue());
      }
    }
    return answer(libbers.open(new LibberState(name, libber)), Map.of());
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
