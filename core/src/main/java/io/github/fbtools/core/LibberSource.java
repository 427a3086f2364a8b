package io.github.fbtools.core;

import com.google.common.collect.ImmutableMap;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a {@link Libber} by name, for operations that substitute with the Libber a prompt names
 * (for example {@code PromptCollection.compose}). A source decides where Libbers come from: a
 * fixed map ({@link #of}), a folder of Libber files ({@code
 * io.github.fbtools.core.files.LibberFiles#source}: this interface itself never touches the file
 * system), a session store.
 *
 * <!-- given: Libber characters -->
 * <pre>{@code
 * LibberSource source = LibberSource.of(Map.of("characters", characters));
 * Optional<Libber> l = source.libber("characters");
 * }</pre>
 *
 * <p>Implementations should be thread-safe; the ones returned here are immutable.
 */
@FunctionalInterface
public interface LibberSource {
  /**
   * Returns the Libber with this name.
   *
   * @param name the Libber's name, compared exactly
   * @return the Libber, if there is one with this name
   */
  Optional<Libber> libber(String name);

  /**
   * Returns a source without any Libber.
   *
   * @return a source whose {@link #libber} is always empty
   */
  static LibberSource none() {
    return name -> Optional.empty();
  }

  /**
   * Returns a source backed by a copy of a map from name to Libber.
   *
   * @param libbers the Libbers by name; copied, so later changes to the map are not seen
   * @return the source
   * @throws NullPointerException if a name or Libber is null
   */
  static LibberSource of(Map<String, Libber> libbers) {
    ImmutableMap<String, Libber> copy = ImmutableMap.copyOf(libbers);
    return name -> Optional.ofNullable(copy.get(name));
  }
}
