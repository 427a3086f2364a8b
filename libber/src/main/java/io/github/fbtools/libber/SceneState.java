package io.github.fbtools.libber;

import static com.google.common.base.Preconditions.checkNotNull;

import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.SceneInfo;
import io.github.fbtools.core.files.PromptFiles;
import io.github.fbtools.core.files.SafeNames;
import io.github.fbtools.core.files.SceneFiles;

/**
 * The state of one scene editing session: the scene folder's name, the scene, and the
 * fingerprints its files had when it was opened or last saved by this session, so that a save
 * can refuse to overwrite files changed on disk in between.
 *
 * <!-- given: Path scenesRoot -->
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
    checkNotNull(sceneName, "sceneName must not be null");
    checkNotNull(scene, "scene must not be null");
    checkNotNull(fingerprints, "fingerprints must not be null");
    SafeNames.validate(SafeNames.Kind.SCENE, sceneName);
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

  /**
   * Returns this state after a save: the files' new fingerprints, and the scene's prompts carrying
   * the {@code v1_backup} the saved {@code prompts.json} carries ({@link PromptFiles#withBackupOf};
   * a forced save over a version 1 file changed on disk backs up that file, and the session must
   * follow it, or its next save would conflict with the backup it has just made). Edits made since
   * the save started are kept.
   *
   * @param written what the save did
   * @return the new state
   */
  public SceneState afterSave(SceneFiles.Written written) {
    checkNotNull(written, "written must not be null");
    PromptCollection prompts =
        PromptFiles.withBackupOf(scene.prompts(), written.prompts().collection());
    SceneInfo next = prompts == scene.prompts() ? scene : scene.withPrompts(prompts);
    return new SceneState(sceneName, next, written.fingerprints());
  }
}
