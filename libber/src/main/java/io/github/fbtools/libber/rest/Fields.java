package io.github.fbtools.libber.rest;

import io.github.fbtools.core.json.FormatException;
import io.github.fbtools.core.json.JsonFields;
import io.github.fbtools.core.json.JsonFields.Nulls;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Typed access to the fields of a request body or query: a thin adapter over core's one JSON field
 * reader ({@link JsonFields}), turning its {@link FormatException} into a 400 whose message is the
 * reader's reason (it names the field and the type found). A missing or null optional field is
 * absent; a missing or null required field is "{@code <field> is required}". Unknown fields are
 * ignored.
 *
 * <p>Stateless and thread-safe.
 */
final class Fields {
  private Fields() {}

  static String requiredString(Map<String, ?> m, String name) {
    try {
      return JsonFields.string(m, "", name, Nulls.REQUIRED, "");
    } catch (FormatException e) {
      throw badRequest(e);
    }
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
    try {
      return JsonFields.optionalString(m, "", name);
    } catch (FormatException e) {
      throw badRequest(e);
    }
  }

  @Nullable
  static Long optionalLong(Map<String, ?> m, String name) {
    try {
      return JsonFields.optionalLong(m, "", name);
    } catch (FormatException e) {
      throw badRequest(e);
    }
  }

  static boolean optionalBoolean(Map<String, ?> m, String name) {
    try {
      return JsonFields.bool(m, "", name, Nulls.AS_ABSENT, false);
    } catch (FormatException e) {
      throw badRequest(e);
    }
  }

  static List<String> optionalStringList(Map<String, ?> m, String name) {
    try {
      return JsonFields.stringList(m, "", name);
    } catch (FormatException e) {
      throw badRequest(e);
    }
  }

  @Nullable
  static Map<String, Object> optionalObject(Map<String, ?> m, String name) {
    try {
      return JsonFields.optionalObject(m, "", name);
    } catch (FormatException e) {
      throw badRequest(e);
    }
  }

  /** An array of objects; missing is empty, an explicit null is refused ("found null"). */
  static List<Map<String, Object>> objectList(Map<String, ?> m, String name) {
    try {
      return JsonFields.objectList(m, "", name, Nulls.REFUSED);
    } catch (FormatException e) {
      throw badRequest(e);
    }
  }

  /** The reader's reason (field and type found, no JSON path) as a 400. */
  private static ApiException badRequest(FormatException e) {
    return ApiException.badRequest(e.reason());
  }
}
