package io.github.fbtools.libber.rest;

import io.github.fbtools.libber.Session;
import java.util.LinkedHashMap;
import java.util.Map;

/** Helpers shared by the route families. */
final class Routes {
  private Routes() {}

  /** The required {@code session_id} field of a body or query. */
  static String sessionId(Map<String, ?> fields) {
    return Fields.requiredNonEmpty(fields, "session_id");
  }

  /** {@code session_id}, {@code version}, then {@code fields}, in that order. */
  static Map<String, Object> sessionFields(Session<?> s, Map<String, ?> fields) {
    LinkedHashMap<String, Object> m = new LinkedHashMap<>();
    m.put("session_id", s.id());
    m.put("version", s.version());
    m.putAll(fields);
    return m;
  }
}
