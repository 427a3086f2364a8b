package io.github.fbtools.core;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * The one equality of the library's values: two values are equal exactly when they write the same
 * JSON bytes. JSON objects (maps) are compared <em>in order</em>, entry by entry, because the
 * writers keep insertion order ({@link Map#equals} ignores it); arrays (lists) item by item;
 * anything else with its own {@code equals} (a {@code Long} is never equal to a {@code Double},
 * as {@code 1} and {@code 1.0} are different text). A value class lists the parts it is written
 * from and compares them through {@link #equal} and {@link #hash}; see {@code docs/equality.md}.
 *
 * <p>Stateless and thread-safe.
 */
final class JsonEquality {
  private JsonEquality() {}

  /**
   * Tells whether two values (JSON values, lists of parts, or values of this package) are equal,
   * comparing maps in iteration order, deeply.
   */
  static boolean equal(@Nullable Object a, @Nullable Object b) {
    if (a == b) {
      return true;
    }
    if (a == null || b == null) {
      return false;
    }
    if (a instanceof Map<?, ?> ma) {
      return b instanceof Map<?, ?> mb && orderedEqual(ma, mb);
    }
    if (a instanceof List<?> la) {
      return b instanceof List<?> lb && orderedEqual(la, lb);
    }
    return !(b instanceof Map) && !(b instanceof List) && a.equals(b);
  }

  /** A hash code consistent with {@link #equal}: it depends on the order of map entries. */
  static int hash(@Nullable Object a) {
    if (a instanceof Map<?, ?> m) {
      int h = 1;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        h = 31 * h + (31 * e.getKey().hashCode() + hash(e.getValue()));
      }
      return h;
    }
    if (a instanceof List<?> l) {
      int h = 7;
      for (Object o : l) {
        h = 31 * h + hash(o);
      }
      return h;
    }
    return a == null ? 0 : a.hashCode();
  }

  private static boolean orderedEqual(Map<?, ?> a, Map<?, ?> b) {
    if (a.size() != b.size()) {
      return false;
    }
    Iterator<? extends Map.Entry<?, ?>> i = a.entrySet().iterator();
    Iterator<? extends Map.Entry<?, ?>> j = b.entrySet().iterator();
    while (i.hasNext() && j.hasNext()) {
      Map.Entry<?, ?> e = i.next();
      Map.Entry<?, ?> f = j.next();
      if (!e.getKey().equals(f.getKey()) || !equal(e.getValue(), f.getValue())) {
        return false;
      }
    }
    return !i.hasNext() && !j.hasNext();
  }

  private static boolean orderedEqual(List<?> a, List<?> b) {
    int n = a.size();
    if (n != b.size()) {
      return false;
    }
    for (int k = 0; k < n; k++) {
      if (!equal(a.get(k), b.get(k))) {
        return false;
      }
    }
    return true;
  }
}
