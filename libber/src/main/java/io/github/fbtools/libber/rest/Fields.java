package io.github.fbtools.libber.rest;

import io.github.fbtools.core.json.FbJson;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Typed access to the fields of a request body or query. A missing required field, or a field of
 * the wrong type, is a 400 that names the field and the type found. Unknown fields are ignored.
 *
 * <p>Stateless and thread-safe.
 */
final class Fields {
  private Fields() {}

  static String requiredString(Map<String, ?> m, String name) {
    String s = optionalString(m, name);
    if (s == null) {
      throw ApiException.badRequest(name + " is required");
    }
    return s;
  }

  static String requiredNonEmpty(Map<String, ?> m, String name) {
    String s = requiredString(m, name);
    if (s.isEmpty()) {
      throw ApiException.badRequest(name + " must not be empty");
    }
    return s;
  }

  @Nullable
  static String optionalString(Map<String, ?> m, String name) {
    Object v = m.get(name);
    if (v == null || v instanceof String) {
      return (String) v;
    }
    throw wrongType(name, "a string", v);
  }

  @Nullable
  static Long optionalLong(Map<String, ?> m, String name) {
    Object v = m.get(name);
    if (v == null || v instanceof Long) {
      return (Long) v;
    }
    if (v instanceof java.math.BigInteger) {
      throw ApiException.badRequest(name + " is out of range: " + v);
    }
    throw wrongType(name, "an integer", v);
  }

  static boolean optionalBoolean(Map<String, ?> m, String name) {
    Object v = m.get(name);
    if (v == null) {
      return false;
    }
    if (v instanceof Boolean) {
      return (Boolean) v;
    }
    throw wrongType(name, "a boolean", v);
  }

  static List<String> optionalStringList(Map<String, ?> m, String name) {
    Object v = m.get(name);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List)) {
      throw wrongType(name, "an array of strings", v);
    }
    List<?> list = (List<?>) v;
    for (Object o : list) {
      if (!(o instanceof String)) {
        throw ApiException.badRequest(
            name + " must be an array of strings, found an item of type " + FbJson.typeName(o));
      }
    }
    @SuppressWarnings("unchecked")
    List<String> strings = (List<String>) list;
    return List.copyOf(strings);
  }

  @Nullable
  static Map<String, Object> optionalObject(Map<String, ?> m, String name) {
    Object v = m.get(name);
    if (v == null) {
      return null;
    }
    if (v instanceof Map) {
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) v;
      return map;
    }
    throw wrongType(name, "an object", v);
  }

  private static ApiException wrongType(String name, String expected, Object found) {
    return ApiException.badRequest(
        name + " must be " + expected + ", found " + FbJson.typeName(found));
  }
}
