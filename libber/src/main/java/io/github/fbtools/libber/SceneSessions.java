package io.github.fbtools.libber;

import static com.google.common.base.Preconditions.checkNotNull;

import io.github.fbtools.core.LoraEntry;
import io.github.fbtools.core.SceneInfo;
import io.github.fbtools.core.files.SceneFiles;
import java.util.function.UnaryOperator;
import javax.annotation.Nullable;

/**
 * Editing sessions over scenes: the server-side copy of a scene folder (prompts, metadata, LoRAs,
 * pose) that clients edit one operation at a time until they save it.
 *
 * <p>Every edit is one atomic {@link SessionStore#update}: no edit is lost, the version grows by
 * one, and a stale expected version fails with {@link VersionConflictException}. The state keeps
 * the fingerprints of the scene's files from the load or the last save, for a guarded save.
 *
 * <pre>{@code
 * SceneSessions scenes = SceneSessions.create();
 * SceneFiles.Loaded loaded = SceneFiles.create().load(scenesRoot, "opening").orElseThrow();
 * Session<SceneState> s =
 *     scenes.open(new SceneState("opening", loaded.scene(), loaded.fingerprints()));
 * s = scenes.update(s.id(), s.version(), scene -> scene.toBuilder().poseName("standing").build());
 * }</pre>
 *
 * <p>This class is thread-safe.
 */
public final class SceneSessions {
  private final SessionStore<SceneState> store;

  private SceneSessions(SessionStore<SceneState> store) {
    this.store = checkNotNull(store, "store must not be null");
  }

  /**
   * Creates scene sessions over a store with the default limits and a weigher that estimates the
   * bytes of each scene.
   *
   * @return the sessions
   */
  public static SceneSessions create() {
    return new SceneSessions(storeBuilder().build());
  }

  /**
   * Creates scene sessions over the given store.
   *
   * @param store the store; {@link #storeBuilder()} gives a builder with the right weigher
   * @return the sessions
   */
  public static SceneSessions over(SessionStore<SceneState> store) {
    return new SceneSessions(store);
  }

  /**
   * Returns a store builder whose weigher estimates the heap bytes of a scene, to be configured
   * further and passed to {@link #over}.
   *
   * @return a new builder
   */
  public static SessionStore.Builder<SceneState> storeBuilder() {
    return SessionStore.<SceneState>builder().weigher(SceneSessions::weigh);
  }

  static long weigh(SceneState state) {
    SceneInfo s = state.scene();
    long w = JsonWeigher.weigh(s.prompts().toJsonObject()) + JsonWeigher.weigh(s.metadataExtra());
    for (LoraEntry l : s.loras()) {
      w += JsonWeigher.weigh(l.toJsonObject());
    }
    return w
        + JsonWeigher.weigh(s.poseJson().orElse(null))
        + JsonWeigher.weigh(s.poseName())
        + JsonWeigher.weigh(s.maskType())
        + JsonWeigher.weigh(s.depthType())
        + JsonWeigher.weigh(state.sceneName())
        + 5 * JsonWeigher.weigh(state.fingerprints().prompts());
  }

  /**
   * Returns the underlying store.
   *
   * @return the store
   */
  public SessionStore<SceneState> store() {
    return store;
  }

  /**
   * Opens a session on a scene.
   *
   * @param state the scene, its name and its files' fingerprints
   * @return the new session (version 0)
   * @throws TooManySessionsException if the store is full
   * @throws SessionTooLargeException if the scene is over the per-session size limit
   */
  public Session<SceneState> open(SceneState state) {
    return store.create(state);
  }

  /**
   * Returns the session (counts as an access).
   *
   * @param sessionId the session id
   * @return the current snapshot
   * @throws SessionNotFoundException if there is no such live session
   * @throws InvalidSessionIdException if {@code sessionId} cannot be a session id
   */
  public Session<SceneState> get(String sessionId) {
    return store.get(sessionId);
  }

  /**
   * Edits the scene atomically.
   *
   * @param sessionId the session id
   * @param expectedVersion the version the caller last saw, or null
   * @param edit computes the new scene from the current one (quick, without I/O); if it throws,
   *     nothing changes
   * @return the updated session
   * @throws SessionNotFoundException if there is no such live session
   * @throws VersionConflictException if {@code expectedVersion} is stale
   * @throws SessionTooLargeException if the scene would grow over a size limit
   */
  public Session<SceneState> update(
      String sessionId, @Nullable Long expectedVersion, UnaryOperator<SceneInfo> edit) {
    checkNotNull(edit, "edit must not be null");
    return store.update(sessionId, expectedVersion, s -> s.withScene(edit.apply(s.scene())));
  }

  /**
   * Records a save of the session's scene: its files' new fingerprints. This counts as a mutation
   * (the version grows by one); the scene is unchanged.
   *
   * @param sessionId the session id
   * @param fingerprints the fingerprints after the save
   * @return the updated session
   * @throws SessionNotFoundException if there is no such live session
   */
  public Session<SceneState> recordSave(String sessionId, SceneFiles.Fingerprints fingerprints) {
    checkNotNull(fingerprints, "fingerprints must not be null");
    return store.update(sessionId, null, s -> s.withFingerprints(fingerprints));
  }

  /**
   * Records a save of the session's scene ({@link SceneState#afterSave}): its files' new
   * fingerprints, and the {@code v1_backup} the saved {@code prompts.json} carries. This counts as
   * a mutation (the version grows by one); edits made since the save started are kept.
   *
   * @param sessionId the session id
   * @param written what the save did
   * @return the updated session
   * @throws SessionNotFoundException if there is no such live session
   */
  public Session<SceneState> recordSave(String sessionId, SceneFiles.Written written) {
    checkNotNull(written, "written must not be null");
    return store.update(sessionId, null, s -> s.afterSave(written));
  }

  /**
   * Closes the session.
   *
   * @param sessionId the session id
   * @return true if a live session was closed
   * @throws InvalidSessionIdException if {@code sessionId} cannot be a session id
   */
  public boolean close(String sessionId) {
    return store.delete(sessionId);
  }
}
