package io.github.fbtools.libber;

import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Estimates the heap bytes held by a value of {@link io.github.fbtools.core.json.FbJson}'s value
 * model: 2 bytes per char of every string and key, plus a fixed overhead per string, number,
 * list, map and entry. It is an estimate for the session size limits, not an exact measure.
 *
 * <p>Stateless and thread-safe.
 */
final class JsonWeigher {
  /** Overhead of a String object and its array. */
  static final long STRING = 40;
  /** Overhead of a boxed number, boolean or null slot. */
  static final long SCALAR = 16;
  /** Overhead of a list or map object. */
  static final long CONTAINER = 48;
  /** Overhead of one map entry or list slot. */
  static final long SLOT = 32;

  private JsonWeigher() {}

  static long weigh(@Nullable Object value) {
    if (value instanceof String s) {
      return STRING + 2L * s.length();
    }
    if (value instanceof Map<?, ?> map) {
      long w = CONTAINER;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        w += SLOT + weigh(e.getKey()) + weigh(e.getValue());
      }
      return w;
    }
    if (value instanceof List<?> list) {
      long w = CONTAINER;
      for (Object o : list) {
        w += SLOT + weigh(o);
      }
      return w;
    }
    return SCALAR;
  }
}
