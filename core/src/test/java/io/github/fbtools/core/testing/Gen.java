package io.github.fbtools.core.testing;

import java.util.SplittableRandom;

/**
 * A seeded generator of test inputs for {@link Pbt}.
 *
 * @param <T> the type generated
 */
@FunctionalInterface
public interface Gen<T> {
  /**
   * Draws one value. Must depend only on {@code random}, so a seed reproduces it.
   *
   * @param random the seeded source
   * @return a value
   */
  T next(SplittableRandom random);
}
