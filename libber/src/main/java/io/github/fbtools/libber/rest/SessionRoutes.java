package io.github.fbtools.libber.rest;

import io.github.fbtools.libber.LibberStateManager;
import io.github.fbtools.libber.PromptStateManager;
import io.github.fbtools.libber.SceneStateManager;
import io.github.fbtools.libber.SessionException;
import io.github.fbtools.libber.SessionNotFoundException;
import io.github.fbtools.libber.SessionStorage;
import io.github.fbtools.libber.SessionStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * {@code POST /fbtools/session/close}, which ends a session of any kind, and the lookup that tells
 * which kind of session an id belongs to (for the message of an endpoint given an id of another
 * kind).
 *
 * <p>Each kind of session lives in its own {@link SessionStorage} (its own map in memory, its own
 * key space on Redis), so both ask each kind's storage in turn: an id is only ever held by one of
 * them. The kind names are those of the state codecs ({@code prompts}, {@code libber}, {@code
 * scene}).
 */
final class SessionRoutes {
  static final String PROMPTS = PromptStateManager.codec().kind();
  static final String LIBBER = LibberStateManager.codec().kind();
  static final String SCENE = SceneStateManager.codec().kind();

  /** The kinds in the order they are asked, each with its storage. */
  private final Map<String, SessionStorage<?>> kinds;

  SessionRoutes(
      PromptStateManager prompts, LibberStateManager libbers, SceneStateManager scenes) {
    LinkedHashMap<String, SessionStorage<?>> m = new LinkedHashMap<>();
    m.put(PROMPTS, prompts.store());
    m.put(LIBBER, libbers.store());
    m.put(SCENE, scenes.store());
    this.kinds = m;
  }

  List<Endpoint> endpoints() {
    return List.of(Endpoint.of("POST", "/fbtools/session/close", this::close, null));
  }

  /** Closes the session, whatever its kind; 404 if no kind holds it. */
  private ApiResponse close(Call call) {
    String id = Routes.sessionId(call.body());
    String kind = null;
    for (Map.Entry<String, SessionStorage<?>> e : kinds.entrySet()) {
      if (e.getValue().delete(id)) {
        kind = e.getKey();
        break;
      }
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
   * Names the kind of live session {@code id} is, or null if none (or if it is not an id, or a
   * storage cannot be reached now: the caller then keeps its own answer). Looking counts as an
   * access of that session ({@link SessionStorage#touch}, which reads no state).
   */
  @Nullable
  String kindOf(String id) {
    if (!SessionStore.isWellFormedId(id)) {
      return null;
    }
    for (Map.Entry<String, SessionStorage<?>> e : kinds.entrySet()) {
      if (holds(e.getValue(), id)) {
        return e.getKey();
      }
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
    if (needed == null || !(id instanceof String s)) {
      return null;
    }
    String kind = kindOf(s);
    if (kind == null || kind.equals(needed)) {
      return null;
    }
    return "session "
        + SessionException.echo(s)
        + " is a "
        + kind
        + " session; this endpoint needs a "
        + needed
        + " session";
  }

  /** Whether {@code storage} holds a live session {@code id}; any session failure is a no. */
  private static boolean holds(SessionStorage<?> storage, String id) {
    try {
      storage.touch(id);
      return true;
    } catch (SessionException e) {
      return false;
    }
  }
}
