package io.github.fbtools.libber.rest;

import io.github.fbtools.libber.LibberStateManager;
import io.github.fbtools.libber.PromptSessions;
import io.github.fbtools.libber.SceneSessions;
import io.github.fbtools.libber.SessionException;
import io.github.fbtools.libber.SessionNotFoundException;
import io.github.fbtools.libber.SessionStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * {@code POST /fbtools/session/close}, which ends a session of any kind, and the lookup that tells
 * which kind of session an id belongs to (for the message of an endpoint given an id of another
 * kind).
 */
final class SessionRoutes {
  static final String PROMPTS = "prompts";
  static final String LIBBER = "libber";
  static final String SCENE = "scene";

  private final PromptSessions prompts;
  private final LibberStateManager libbers;
  private final SceneSessions scenes;

  SessionRoutes(PromptSessions prompts, LibberStateManager libbers, SceneSessions scenes) {
    this.prompts = prompts;
    this.libbers = libbers;
    this.scenes = scenes;
  }

  List<Endpoint> endpoints() {
    return List.of(Endpoint.of("POST", "/fbtools/session/close", this::close, null));
  }

  /** Closes the session, whatever its kind; 404 if no kind holds it. */
  private ApiResponse close(Call call) {
    String id = Routes.sessionId(call.body());
    String kind = null;
    if (prompts.close(id)) {
      kind = PROMPTS;
    } else if (libbers.close(id)) {
      kind = LIBBER;
    } else if (scenes.close(id)) {
      kind = SCENE;
    }
    if (kind == null) {
      throw new SessionNotFoundException(id);
    }
    LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
    fields.put("session_id", id);
    fields.put("kind", kind);
    fields.put("closed", true);
    return ApiResponse.ok(fields);
  }

  /**
   * The kind of session an endpoint's {@code session_id} must be, from its path template; null
   * for endpoints that take none.
   */
  @Nullable
  static String kindNeeded(String template) {
    if (template.equals(PromptRoutes.BASE + "apply_libber")) {
      return LIBBER;
    }
    if (template.startsWith(PromptRoutes.BASE)) {
      return PROMPTS;
    }
    if (template.startsWith(LibberRoutes.BASE)) {
      return LIBBER;
    }
    if (template.startsWith("/fbtools/scene/")) {
      return SCENE;
    }
    return null;
  }

  /**
   * Names the kind of live session {@code id} is, or null if none (or if it is not an id). Looking
   * counts as an access of that session.
   */
  @Nullable
  String kindOf(String id) {
    if (!SessionStore.isWellFormedId(id)) {
      return null;
    }
    if (holds(() -> prompts.get(id))) {
      return PROMPTS;
    }
    if (holds(() -> libbers.get(id))) {
      return LIBBER;
    }
    if (holds(() -> scenes.get(id))) {
      return SCENE;
    }
    return null;
  }

  /**
   * The message for an endpoint that needs a session of kind {@code needed} but was given the id
   * of another kind of session, or null if {@code id} is not such an id.
   */
  @Nullable
  String mismatch(@Nullable String needed, Map<String, ?> fields) {
    Object id = fields.get("session_id");
    if (needed == null || !(id instanceof String)) {
      return null;
    }
    String kind = kindOf((String) id);
    if (kind == null || kind.equals(needed)) {
      return null;
    }
    return "session "
        + SessionException.echo((String) id)
        + " is a "
        + kind
        + " session; this endpoint needs a "
        + needed
        + " session";
  }

  private static boolean holds(Runnable lookup) {
    try {
      lookup.run();
      return true;
    } catch (SessionException e) {
      return false;
    }
  }
}
