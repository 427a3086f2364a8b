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
 * <p>Every edit is one atomic {@link SessionStorage#update}: no edit is lost, the version grows by
 * one, and a stale expected version fails with {@link VersionConflictException}. The state keeps
 * the fingerprints of the scene's files from the load or the last save, for a guarded save. Open,
 * get and close come from {@link StateManager}.
 *
 * <!-- given: Path scenesRoot -->
 * <pre>{@code
 * SceneStateManager scenes = SceneStateManager.create();
 * SceneFiles.Loaded loaded = SceneFiles.create().load(scenesRoot, "opening").orElseThrow();
 * Session<SceneState> s =
 *     scenes.open(new SceneState("opening", loaded.scene(), loaded.fingerprints()));
 * s = scenes.update(s.id(), s.version(), scene -> scene.toBuilder().poseName("standing").build());
 * }</pre>
 *
 * <p>This class is thread-safe.
 */
public final class SceneStateManager extends StateManager<SceneState> {
  private SceneStateManager(SessionStorage<SceneState> storage) {
    super(checkNotNull(storage, "storage must not be null"));
  }

  /**
   * Creates scene sessions over a store with the default limits and a weigher that estimates the
   * bytes of each scene.
   *
   * @return the sessions
   */
  public static SceneStateManager create() {
    return new SceneStateManager(storeBuilder().build());
  }

  /**
   * Creates scene sessions over the given storage.
   *
   * @param storage the storage; {@link #storeBuilder()} gives an in-memory one with the right
   *     weigher, and a {@link SessionBackend} gives a shared one for {@link #codec()}
   * @return the sessions
   */
  public static SceneStateManager over(SessionStorage<SceneState> storage) {
    return new SceneStateManager(storage);
  }

  /**
   * Returns the JSON form of scene session states, kind {@code scene}: the fields of the REST
   * answers ({@code scene_name}, {@code collection}, {@code prompt_names}, {@code pose_name},
   * {@code mask_type}, {@code depth_type}, {@code resolution}, {@code loras}, {@code has_pose})
   * plus the pose itself, the unknown fields of {@code scene.json}, the legacy prompt fields the
   * collection lacks and the files' fingerprints. The scene's folder is not kept: a server finds
   * it by the scene's name under its own scenes root.
   *
   * @return the codec
   */
  public static StateCodec<SceneState> codec() {
    return StateJson.SCENE;
  }

  /**
   * Returns a store builder whose weigher estimates the heap bytes of a scene, to be configured
   * further and passed to {@link #over}.
   *
   * @return a new builder
   */
  public static SessionStore.Builder<SceneState> storeBuilder() {
    return SessionStore.<SceneState>builder().defaultWeigher(SceneStateManager::weigh);
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
        + 5 * JsonWeigher.weigh(state.fingerprints().prompts().toString());
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
    return edit(sessionId, expectedVersion, s -> s.withScene(edit.apply(s.scene())));
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
    return edit(sessionId, null, s -> s.withFingerprints(fingerprints));
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
    return edit(sessionId, null, s -> s.afterSave(written));
  }
}
