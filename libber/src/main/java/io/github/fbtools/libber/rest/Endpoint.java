package io.github.fbtools.libber.rest;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.annotation.Nullable;

/**
 * One route of the router: a method, a path template whose segments are literals or one {@code
 * {parameter}}, the handler, and how the family renders a session state (for 409 answers).
 *
 * @param method the HTTP method
 * @param segments the template's segments, for example {@code [fbtools, libber, get_lib, {key}]}
 * @param handler answers the call
 * @param stateFields renders a state of the family's session type as response fields, or null
 */
record Endpoint(
    String method,
    List<String> segments,
    Handler handler,
    @Nullable Function<Object, Map<String, Object>> stateFields) {

  /** Answers one call. */
  @FunctionalInterface
  interface Handler {
    ApiResponse handle(Call call) throws IOException;
  }

  static Endpoint of(
      String method,
      String template,
      Handler handler,
      @Nullable Function<Object, Map<String, Object>> stateFields) {
    checkArgument(template.startsWith("/"), "template must start with '/': %s", template);
    return new Endpoint(
        method, List.of(template.substring(1).split("/", -1)), handler, stateFields);
  }

  String template() {
    return "/" + String.join("/", segments);
  }

  /** Matches decoded path segments; returns the parameters, or null if the path does not fit. */
  @Nullable
  Map<String, String> match(List<String> path) {
    if (path.size() != segments.size()) {
      return null;
    }
    Map<String, String> params = Map.of();
    for (int i = 0; i < segments.size(); i++) {
      String t = segments.get(i);
      String p = path.get(i);
      if (t.startsWith("{") && t.endsWith("}")) {
        if (p.isEmpty()) {
          return null;
        }
        params = Map.of(t.substring(1, t.length() - 1), p);
      } else if (!t.equals(p)) {
        return null;
      }
    }
    return params;
  }
}
