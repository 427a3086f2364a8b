package io.github.fbtools.libber.rest;

import io.github.fbtools.libber.Session;
import io.github.fbtools.libber.StorageUnavailableException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Helpers shared by the route families. */
final class Routes {
  private Routes() {}

  /** The required {@code session_id} field of a body or query. */
  static String sessionId(Map<String, ?> fields) {
    return Fields.requiredNonEmpty(fields, "session_id");
  }

  /**
   * The 503 of a save whose files were written but whose session could not record the new
   * fingerprints because the session storage became unreachable in between: it says so (the
   * session's next save is refused as "changed on disk" unless forced, so nothing is overwritten
   * unseen).
   */
  static ApiException writtenButUnrecorded(String what, StorageUnavailableException e) {
    return new ApiException(
        ApiResponse.error(
                503,
                what
                    + " was written to disk, but the session could not record it: "
                    + e.getMessage())
            .withHeader("Retry-After", FbToolsApi.retryAfterSeconds(e)));
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
