package io.github.fbtools.libber;

import static com.google.common.base.Preconditions.checkNotNull;

import io.github.fbtools.core.Libber;
import io.github.fbtools.core.files.SafeNames;

/**
 * The state of one Libber editing session: the Libber and the name it is saved under ({@code
 * <libber folder>/<name>.json}).
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
 */
public record LibberState(String name, Libber libber) {
  /**
   * Checks the components.
   *
   * @param name the Libber's name
   * @param libber the Libber
   * @throws io.github.fbtools.core.InvalidNameException if {@code name} is not a valid libber name
   * @throws NullPointerException if a component is null
   */
  public LibberState {
    SafeNames.validate(SafeNames.Kind.LIBBER, checkNotNull(name, "name must not be null"));
    checkNotNull(libber, "libber must not be null");
  }

  /**
   * Returns this state with another Libber.
   *
   * @param newLibber the Libber
   * @return the new state, or this one if the Libber is the same instance
   */
  public LibberState withLibber(Libber newLibber) {
    return newLibber == libber ? this : new LibberState(name, newLibber);
  }
}
