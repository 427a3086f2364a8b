package io.github.fbtools.libber;

import static com.google.common.base.Preconditions.checkNotNull;

import io.github.fbtools.core.Libber;
import io.github.fbtools.core.files.Fingerprint;
import io.github.fbtools.core.files.SafeNames;

/**
 * The state of one Libber editing session: the Libber, the name it is saved under ({@code
 * <libber folder>/<name>.json}) and the fingerprint that file had when it was loaded or last
 * saved by this session ({@link Fingerprint#absent()} for a Libber created in memory), so that a
 * save can refuse to overwrite a file changed on disk in between.
 *
 * <pre>{@code
 * LibberState state = new LibberState("characters", Libber.empty().withLib("hair", "long"));
 * LibberState next = state.withLibber(state.libber().withLib("eyes", "green"));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param name the Libber's name; a valid {@link SafeNames.Kind#LIBBER} name
 * @param libber the Libber
 * @param fingerprint the fingerprint of {@code <name>.json} at the last load or save, or {@link
 *     Fingerprint#absent()}
 */
public record LibberState(String name, Libber libber, Fingerprint fingerprint) {
  /**
   * Checks the components.
   *
   * @param name the Libber's name
   * @param libber the Libber
   * @param fingerprint the file's fingerprint at the last load or save
   * @throws io.github.fbtools.core.InvalidNameException if {@code name} is not a valid libber name
   * @throws NullPointerException if a component is null
   */
  public LibberState {
    checkNotNull(name, "name must not be null");
    checkNotNull(libber, "libber must not be null");
    checkNotNull(fingerprint, "fingerprint must not be null");
    SafeNames.validate(SafeNames.Kind.LIBBER, name);
  }

  /**
   * A state for a Libber created in memory: its file is expected to be absent.
   *
   * @param name the Libber's name
   * @param libber the Libber
   * @throws io.github.fbtools.core.InvalidNameException if {@code name} is not a valid libber name
   */
  public LibberState(String name, Libber libber) {
    this(name, libber, Fingerprint.absent());
  }

  /**
   * Returns this state with another Libber.
   *
   * @param newLibber the Libber
   * @return the new state, or this one if the Libber is the same instance
   */
  public LibberState withLibber(Libber newLibber) {
    return newLibber == libber ? this : new LibberState(name, newLibber, fingerprint);
  }

  /**
   * Returns this state after a save: the name saved under and the file's new fingerprint.
   *
   * @param newName the name the Libber was saved under
   * @param newFingerprint the file's fingerprint after the save
   * @return the new state
   */
  public LibberState withSaved(String newName, Fingerprint newFingerprint) {
    return new LibberState(newName, libber, newFingerprint);
  }
}
