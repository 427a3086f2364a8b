package io.github.fbtools.libber;

import static com.google.common.base.Preconditions.checkNotNull;

import io.github.fbtools.core.SceneInfo;
import io.github.fbtools.core.files.SafeNames;
import io.github.fbtools.core.files.SceneFiles;

/**
 * The state of one scene editing session: the scene folder's name, the scene, and the
 * fingerprints its files had when it was opened or last saved by this session, so that a save
 * can refuse to overwrite files changed on disk in between.
 *
 * <pre>{@code
 * SceneFiles.Loaded loaded = SceneFiles.create().load(scenesRoot, "opening").orElseThrow();
 * SceneState state = new SceneState("opening", loaded.scene(), loaded.fingerprints());
 * SceneState next = state.withScene(state.scene().toBuilder().poseName("standing").build());
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param sceneName the scene folder's name; a valid {@link SafeNames.Kind#SCENE} name
 * @param scene the scene
 * @param fingerprints the fingerprints of the scene's files at the last load or save
 */
public record SceneState(String sceneName, SceneInfo scene, SceneFiles.Fingerprints fingerprints) {
  /**
   * Checks the components.
   *
   * @param sceneName the scene folder's name
   * @param scene the scene
   * @param fingerprints the fingerprints of the scene's files
   * @throws io.github.fbtools.core.InvalidNameException if {@code sceneName} is not a valid scene
   *     name
   * @throws NullPointerException if a component is null
   */
  public SceneState {
    SafeNames.validate(SafeNames.Kind.SCENE, checkNotNull(sceneName, "sceneName must not be null"));
    checkNotNull(scene, "scene must not be null");
    checkNotNull(fingerprints, "fingerprints must not be null");
  }

  /**
   * Returns this state with another scene.
   *
   * @param newScene the scene
   * @return the new state, or this one if the scene is the same instance
   */
  public SceneState withScene(SceneInfo newScene) {
    return newScene == scene ? this : new SceneState(sceneName, newScene, fingerprints);
  }

  /**
   * Returns this state after a save, with the files' new fingerprints.
   *
   * @param newFingerprints the fingerprints after the save
   * @return the new state
   */
  public SceneState withFingerprints(SceneFiles.Fingerprints newFingerprints) {
    return new SceneState(sceneName, scene, newFingerprints);
  }
}
