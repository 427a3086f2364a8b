package io.github.fbtools.core.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * {@link FbJson#immutableCopy}: Java structures into the value model, as {@link JsonObject} and
 * {@link JsonArray}. Values already in them are deeply immutable and returned as they are. A path
 * string is built only for the error message, on the way out of the recursion.
 *
 * <p>Stateless and thread-safe.
 */
final class ValueCopy {
  private ValueCopy() {}

  /**
   * Copies {@code value} into the value model.
   *
   * @throws IllegalArgumentException naming the path of the first value that is not JSON
   */
  @Nullable
  static Object copy(@Nullable Object value) {
    try {
      return copyOrThrow(value);
    } catch (NotJson e) {
      String at = e.path();
      throw new IllegalArgumentException(e.getMessage() + " at " + (at.isEmpty() ? "/" : at));
    }
  }

  /** Copies without building a path string per key; {@link NotJson} collects one on failure. */
  private static @Nullable Object copyOrThrow(@Nullable Object value) {
    if (value == null
        || value instanceof String
        || value instanceof Boolean
        || value instanceof Long
        || value instanceof Double
        || value instanceof JsonObject
        || value instanceof JsonArray) {
      return value;
    }
    if (value instanceof Number number
        && (number instanceof Integer
            || number instanceof Short
            || number instanceof Byte
            || number instanceof java.util.concurrent.atomic.AtomicInteger
            || number instanceof java.util.concurrent.atomic.AtomicLong)) {
      return number.longValue();
    }
    if (value instanceof BigInteger bi) {
      return bi.bitLength() < 64 ? (Object) bi.longValue() : bi;
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    if (value instanceof BigDecimal bd) {
      return bd.doubleValue();
    }
    if (value instanceof Map<?, ?> in) {
      if (in.isEmpty()) {
        return JsonObject.EMPTY;
      }
      JsonObject.Builder out = new JsonObject.Builder(in.size());
      for (Map.Entry<?, ?> e : in.entrySet()) {
        if (!(e.getKey() instanceof String key)) {
          throw new NotJson("JSON object keys must be strings, found " + FbJson.typeName(e.getKey()));
        }
        Object v;
        try {
          v = copyOrThrow(e.getValue());
        } catch (NotJson inner) {
          throw inner.under("/" + FbJson.escapePointer(key));
        }
        if (!out.put(key, v)) {
          // Only a map whose equal keys are distinct to it (a broken equals) gets here.
          throw new NotJson("JSON object key \"" + key + "\" appears twice");
        }
      }
      return out.build();
    }
    if (value instanceof Iterable<?> iterable) {
      List<Object> out = new ArrayList<>();
      for (Object o : iterable) {
        try {
          out.add(copyOrThrow(o));
        } catch (NotJson inner) {
          throw inner.under("/" + out.size());
        }
      }
      return JsonArray.wrap(out.toArray(), out.size());
    }
    throw new NotJson("not a JSON value: " + value.getClass().getName());
  }

  /** A value that is not JSON, with the path from where it was found (built on the way out). */
  private static final class NotJson extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private String path = "";

    NotJson(String message) {
      super(message, null, false, false);
    }

    NotJson under(String segment) {
      path = segment + path;
      return this;
    }

    String path() {
      return path;
    }
  }
}
