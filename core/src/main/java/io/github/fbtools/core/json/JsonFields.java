package io.github.fbtools.core.json;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.math.BigInteger;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * <b>Internal:</b> the library's one reader of typed fields of a parsed JSON object ({@link
 * FbJson}'s value model), used by every codec of {@code io.github.fbtools.core} and by the REST
 * router of {@code fbtools-libber}. It is public only so that other modules of this library can
 * share it; it is not part of the supported API and may change in any release.
 *
 * <p>Every call states what JSON {@code null} means for that field ({@link Nulls}); the policy of
 * each file's fields is listed in one table in {@code docs/json-fields.md}. A missing field or a
 * field of the wrong type is a {@link FormatException} whose JSON path names the field ({@code
 * /scenes/2/mask_name}) and whose reason reads {@code "<field> must be <type>, found <type>"}; the
 * file, line and column are added by the caller that knows them ({@link
 * FbJson#withLocation(String, FormatException)}, {@link FormatException#inFile}).
 *
 * <!-- given: Map<String, Object> doc; Map<String, Object> item -->
 * <pre>{@code
 * String name = JsonFields.string(doc, "", "story_name", JsonFields.Nulls.REFUSED, "");
 * boolean enabled = JsonFields.bool(item, "/3", "enabled", JsonFields.Nulls.AS_ABSENT, true);
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class JsonFields {
  private JsonFields() {}

  /** What JSON {@code null} means for one field. */
  public enum Nulls {
    /** The field must be present and not null: missing or null is "{@code <field> is required}". */
    REQUIRED,
    /** The field may be missing (then the default applies), but an explicit null is an error. */
    REFUSED,
    /** A null field is the same as a missing one: the default applies. */
    AS_ABSENT
  }

  /** Where a field's object is, computed only when an error is reported. */
  @FunctionalInterface
  public interface Where {
    /**
     * Returns the JSON pointer of the object holding the field.
     *
     * @return the pointer, {@code ""} for the document itself
     */
    String pointer();
  }

  // ---------------------------------------------------------------------------------------
  // Fields of a map

  /**
   * Reads a string field.
   *
   * @param object the object
   * @param path the JSON pointer of {@code object}, for errors
   * @param field the field's name
   * @param nulls what null means
   * @param dflt the value of a missing (or, with {@link Nulls#AS_ABSENT}, null) field
   * @return the string
   * @throws FormatException if the field has another type, or is missing or null where refused
   */
  public static String string(
      Map<String, ?> object, String path, String field, Nulls nulls, String dflt) {
    checkNotNull(object, "object");
    checkNotNull(path, "path");
    checkNotNull(field, "field");
    checkNotNull(nulls, "nulls");
    checkNotNull(dflt, "dflt");
    Object v = object.get(field);
    return string(v, v != null || object.containsKey(field), () -> path, field, nulls, dflt);
  }

  /**
   * Reads a string field whose null or absence means "none".
   *
   * @param object the object
   * @param path the JSON pointer of {@code object}, for errors
   * @param field the field's name
   * @return the string, or null if the field is missing or null
   * @throws FormatException if the field has another type
   */
  @Nullable
  public static String optionalString(Map<String, ?> object, String path, String field) {
    checkNotNull(object, "object");
    checkNotNull(path, "path");
    checkNotNull(field, "field");
    return optionalString(object.get(field), () -> path, field);
  }

  /**
   * Reads a boolean field.
   *
   * @param object the object
   * @param path the JSON pointer of {@code object}, for errors
   * @param field the field's name
   * @param nulls what null means
   * @param dflt the value of a missing (or, with {@link Nulls#AS_ABSENT}, null) field
   * @return the boolean
   * @throws FormatException if the field has another type, or is missing or null where refused
   */
  public static boolean bool(
      Map<String, ?> object, String path, String field, Nulls nulls, boolean dflt) {
    Boolean b = typed(object, path, field, nulls, Boolean.class, "a boolean");
    return b == null ? dflt : b;
  }

  /**
   * Reads a number field (an integer or a float) as a double.
   *
   * @param object the object
   * @param path the JSON pointer of {@code object}, for errors
   * @param field the field's name
   * @param nulls what null means
   * @param dflt the value of a missing (or, with {@link Nulls#AS_ABSENT}, null) field
   * @return the number
   * @throws FormatException if the field has another type, or is missing or null where refused
   */
  public static double number(
      Map<String, ?> object, String path, String field, Nulls nulls, double dflt) {
    Number n = typed(object, path, field, nulls, Number.class, "a number");
    return n == null ? dflt : n.doubleValue();
  }

  /**
   * Reads an integer field whose null or absence means "none".
   *
   * @param object the object
   * @param path the JSON pointer of {@code object}, for errors
   * @param field the field's name
   * @return the integer, or null if the field is missing or null
   * @throws FormatException if the field is not an integer or does not fit a {@code long}
   */
  @Nullable
  public static Long optionalLong(Map<String, ?> object, String path, String field) {
    checkNotNull(object, "object");
    checkNotNull(path, "path");
    checkNotNull(field, "field");
    Object v = object.get(field);
    if (v == null) {
      return null;
    }
    if (v instanceof Long l) {
      return l;
    }
    if (v instanceof BigInteger) {
      throw FormatException.at(pointer(path, field), field + " is out of range: " + v);
    }
    throw wrongType(path, field, "an integer", v);
  }

  /**
   * Reads an object field.
   *
   * @param object the object
   * @param path the JSON pointer of {@code object}, for errors
   * @param field the field's name
   * @param nulls what null means
   * @return the object; an empty map if the field is missing (or, with {@link Nulls#AS_ABSENT},
   *     null)
   * @throws FormatException if the field has another type, or is missing or null where refused
   */
  public static Map<String, Object> object(
      Map<String, ?> object, String path, String field, Nulls nulls) {
    checkNotNull(object, "object");
    checkNotNull(path, "path");
    checkNotNull(field, "field");
    checkNotNull(nulls, "nulls");
    Object v = object.get(field);
    if (absent(v, object, field, path, nulls)) {
      return Map.of();
    }
    return asObject(v, path, field);
  }

  /**
   * Reads an object field whose null or absence means "none".
   *
   * @param object the object
   * @param path the JSON pointer of {@code object}, for errors
   * @param field the field's name
   * @return the object, or null if the field is missing or null
   * @throws FormatException if the field has another type
   */
  @Nullable
  public static Map<String, Object> optionalObject(
      Map<String, ?> object, String path, String field) {
    checkNotNull(object, "object");
    checkNotNull(path, "path");
    checkNotNull(field, "field");
    Object v = object.get(field);
    return v == null ? null : asObject(v, path, field);
  }

  /**
   * Reads an array field.
   *
   * @param object the object
   * @param path the JSON pointer of {@code object}, for errors
   * @param field the field's name
   * @param nulls what null means
   * @return the array; an empty list if the field is missing (or, with {@link Nulls#AS_ABSENT},
   *     null)
   * @throws FormatException if the field has another type, or is missing or null where refused
   */
  public static List<?> list(Map<String, ?> object, String path, String field, Nulls nulls) {
    List<?> l = typed(object, path, field, nulls, List.class, "an array");
    return l == null ? List.of() : l;
  }

  /**
   * Reads an array-of-strings field whose null or absence means an empty list.
   *
   * @param object the object
   * @param path the JSON pointer of {@code object}, for errors
   * @param field the field's name
   * @return an unmodifiable list
   * @throws FormatException if the field is not an array, or an item is not a string (the path
   *     names the item)
   */
  public static List<String> stringList(Map<String, ?> object, String path, String field) {
    checkNotNull(object, "object");
    checkNotNull(path, "path");
    checkNotNull(field, "field");
    return stringList(object.get(field), () -> path, field);
  }

  /**
   * Reads an array-of-objects field, such as a file's list of scenes or LoRAs.
   *
   * @param object the object
   * @param path the JSON pointer of {@code object}, for errors
   * @param field the field's name
   * @param nulls what null means
   * @return the items, an unmodifiable list; empty if the field is missing (or, with {@link
   *     Nulls#AS_ABSENT}, null)
   * @throws FormatException if the field is not an array ({@code "<field> must be an array of
   *     objects, found <type>"}), an item is not an object ({@code "... found an item of type
   *     <type>"}, the path names the item), or the field is missing or null where refused
   */
  public static List<Map<String, Object>> objectList(
      Map<String, ?> object, String path, String field, Nulls nulls) {
    checkNotNull(object, "object");
    checkNotNull(path, "path");
    checkNotNull(field, "field");
    checkNotNull(nulls, "nulls");
    Object v = object.get(field);
    if (absent(v, object, field, path, nulls)) {
      return List.of();
    }
    return objectItems(v, pointer(path, field), field);
  }

  /**
   * Checks that a value is an array of objects: a whole document (such as {@code
   * lora_stack.json}) or a field already taken out of its object.
   *
   * @param array the value
   * @param pointer the JSON pointer of the value itself ({@code ""} for a document)
   * @param what the field's (or file's) name, for the message
   * @return the items, an unmodifiable list
   * @throws FormatException if the value is not an array ({@code "<what> must be an array of
   *     objects, found <type>"}) or an item is not an object ({@code "... found an item of type
   *     <type>"}, the path names the item)
   */
  public static List<Map<String, Object>> objectItems(
      @Nullable Object array, String pointer, String what) {
    checkNotNull(pointer, "pointer");
    checkNotNull(what, "what");
    if (!(array instanceof List<?> list)) {
      throw FormatException.at(
          pointer, what + " must be an array of objects, found " + FbJson.typeName(array));
    }
    for (int i = 0, n = list.size(); i < n; i++) {
      Object item = list.get(i);
      if (!(item instanceof Map)) {
        throw FormatException.at(
            pointer + "/" + i,
            what + " must be an array of objects, found an item of type " + FbJson.typeName(item));
      }
    }
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> objects = (List<Map<String, Object>>) list;
    return Collections.unmodifiableList(objects);
  }

  // ---------------------------------------------------------------------------------------
  // Values already taken out of their object (readers that collect an object's fields in one
  // pass), with the path computed only for an error

  /**
   * Checks a string field's value.
   *
   * @param v the value
   * @param present whether the field is present (a null {@code v} with {@code present} is JSON
   *     null)
   * @param where the JSON pointer of the field's object, computed only for an error
   * @param field the field's name
   * @param nulls what null means
   * @param dflt the value of a missing (or, with {@link Nulls#AS_ABSENT}, null) field
   * @return the string
   * @throws FormatException if the value has another type, or is missing or null where refused
   */
  public static String string(
      @Nullable Object v, boolean present, Where where, String field, Nulls nulls, String dflt) {
    checkNotNull(where, "where");
    checkNotNull(field, "field");
    checkNotNull(nulls, "nulls");
    checkNotNull(dflt, "dflt");
    if (v instanceof String s) {
      return s;
    }
    if (v == null && absent(present, where, field, nulls)) {
      return dflt;
    }
    throw wrongType(where.pointer(), field, "a string", v);
  }

  /**
   * Checks the value of a string field whose null or absence means "none".
   *
   * @param v the value
   * @param where the JSON pointer of the field's object, computed only for an error
   * @param field the field's name
   * @return the string, or null
   * @throws FormatException if the value has another type
   */
  @Nullable
  public static String optionalString(@Nullable Object v, Where where, String field) {
    checkNotNull(where, "where");
    checkNotNull(field, "field");
    if (v == null) {
      return null;
    }
    if (v instanceof String s) {
      return s;
    }
    throw wrongType(where.pointer(), field, "a string", v);
  }

  /**
   * Checks the value of an array-of-strings field whose null or absence means an empty list.
   *
   * @param v the value
   * @param where the JSON pointer of the field's object, computed only for an error
   * @param field the field's name
   * @return an unmodifiable list
   * @throws FormatException if the value is not an array, or an item is not a string
   */
  public static List<String> stringList(@Nullable Object v, Where where, String field) {
    checkNotNull(where, "where");
    checkNotNull(field, "field");
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> list)) {
      throw wrongType(where.pointer(), field, "an array of strings", v);
    }
    // The item's path is built only for an error.
    for (int i = 0, n = list.size(); i < n; i++) {
      Object item = list.get(i);
      if (!(item instanceof String)) {
        throw FormatException.at(
            pointer(where.pointer(), field) + "/" + i,
            field + " must be an array of strings, found an item of type " + FbJson.typeName(item));
      }
    }
    @SuppressWarnings("unchecked")
    List<String> strings = (List<String>) list;
    return ImmutableList.copyOf(strings);
  }

  /**
   * The one error for a field of the wrong type: {@code "<field> must be <expected>, found
   * <type>"} at the field's path.
   *
   * @param path the JSON pointer of the field's object
   * @param field the field's name
   * @param expected what the field must be, such as {@code "a string"}
   * @param found the value found
   * @return the exception, to throw
   */
  public static FormatException wrongType(
      String path, String field, String expected, @Nullable Object found) {
    checkNotNull(path, "path");
    checkNotNull(field, "field");
    checkNotNull(expected, "expected");
    return FormatException.at(
        pointer(path, field),
        field + " must be " + expected + ", found " + FbJson.typeName(found));
  }

  /**
   * The one error for a required field that is missing or null.
   *
   * @param path the JSON pointer of the field's object
   * @param field the field's name
   * @return the exception, to throw
   */
  public static FormatException required(String path, String field) {
    checkNotNull(path, "path");
    checkNotNull(field, "field");
    return FormatException.at(pointer(path, field), field + " is required");
  }

  /** A field of one type: null if it reads as missing; throws for a wrong type or a refusal. */
  @Nullable
  private static <T> T typed(
      Map<String, ?> object,
      String path,
      String field,
      Nulls nulls,
      Class<T> type,
      String expected) {
    checkNotNull(object, "object");
    checkNotNull(path, "path");
    checkNotNull(field, "field");
    checkNotNull(nulls, "nulls");
    Object v = object.get(field);
    if (absent(v, object, field, path, nulls)) {
      return null;
    }
    if (type.isInstance(v)) {
      return type.cast(v);
    }
    throw wrongType(path, field, expected, v);
  }

  private static Map<String, Object> asObject(Object v, String path, String field) {
    if (v instanceof Map<?, ?> object) {
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) object;
      return m;
    }
    throw wrongType(path, field, "an object", v);
  }

  /** Whether a value is to be read as missing; throws for a required one. */
  private static boolean absent(
      @Nullable Object v, Map<String, ?> object, String field, String path, Nulls nulls) {
    return v == null && absent(object.containsKey(field), () -> path, field, nulls);
  }

  /** For a null value: whether it reads as missing; throws for a required one. */
  private static boolean absent(boolean present, Where where, String field, Nulls nulls) {
    switch (nulls) {
      case REQUIRED:
        throw required(where.pointer(), field);
      case REFUSED:
        return !present; // a present null falls through to the caller's "must be ..., found null"
      default:
        return true;
    }
  }

  private static String pointer(String path, String field) {
    return path + "/" + FbJson.escapePointer(field);
  }
}
