package io.github.fbtools.core.json;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * The library's one JSON codec: a hardened parser into plain immutable Java values, and a
 * deterministic writer whose output matches Python's {@code json.dumps(..., indent=2,
 * ensure_ascii=False)} plus a final newline.
 *
 * <h2>Value model</h2>
 *
 * <p>A JSON value is represented as: {@code null}; {@link String}; {@link Boolean}; {@link Long}
 * (or {@link BigInteger} beyond the long range); {@link Double}; an unmodifiable {@code
 * List<Object>}; or an unmodifiable, insertion-ordered {@code Map<String, Object>} (which may hold
 * null values). {@link #immutableCopy(Object)} converts any compatible Java structure into this
 * model. Maps and lists built by this class (by parsing or by {@link #immutableCopy(Object)}) are
 * deeply immutable, so {@link #immutableCopy(Object)} returns them as they are instead of copying
 * them again.
 *
 * <h2>Parsing limits</h2>
 *
 * <p>Parsing enforces nesting depth {@value #MAX_NESTING_DEPTH}, strings of at most {@value
 * #MAX_STRING_LENGTH} chars, names of at most {@value #MAX_NAME_LENGTH} chars, numbers of at most
 * {@value #MAX_NUMBER_LENGTH} digits, and a document size and token count: by default {@value
 * #MAX_DOCUMENT_LENGTH} bytes and {@value #MAX_TOKEN_COUNT} tokens ({@link Limits#DEFAULT}); the
 * readers of files pass the limits of the file's kind ({@code
 * io.github.fbtools.core.files.FileKind}), and {@link #checkReadable} tells a writer, before it
 * writes, whether its bytes will parse within them. Duplicate keys, trailing tokens, comments,
 * NaN, invalid UTF-8, UTF-16/32 input and unpaired surrogate escapes are rejected. A UTF-8
 * byte-order mark is accepted and ignored (Python's reader rejects it; accepting it loses
 * nothing). Every failure is a {@link FormatException} with a line and column; no other
 * exception escapes a parse.
 *
 * <h2>Speed</h2>
 *
 * <p>Parsing has two paths that accept the same documents and give the same values. A strict
 * single-pass parser reads UTF-8 bytes, or text whose chars are all Latin-1, straight into the
 * value model (strings found eight bytes at a time, field names cached, duplicates found while
 * each object is built). It gives up on anything unusual: any error, a document near a limit, text
 * with other chars. Jackson with the limits above then reads the document and decides: its value,
 * or its error with line and column. Errors are therefore always Jackson's, and only Jackson
 * refuses a document for a limit. The writers fill one presized buffer of Latin-1 bytes (chars
 * once a char above U+00FF appears), copying strings in bulk between the chars they escape.
 * docs/performance.md has the measurements.
 *
 * <pre>{@code
 * Map<String, Object> doc = FbJson.parseObject("{\"girl_pos\": \"smiling\"}");
 * String text = FbJson.write(doc);   // "{\n  \"girl_pos\": \"smiling\"\n}\n"
 * }</pre>
 *
 * <p>This class is stateless and thread-safe.
 */
public final class FbJson {
  /** Deepest nesting of arrays and objects accepted. */
  public static final int MAX_NESTING_DEPTH = 32;

  /** Longest string value accepted, in chars. */
  public static final int MAX_STRING_LENGTH = 1 << 20;

  /** Longest object key accepted, in chars. */
  public static final int MAX_NAME_LENGTH = 1024;

  /** Longest number literal accepted, in chars. */
  public static final int MAX_NUMBER_LENGTH = 100;

  /** Largest document accepted, in bytes (UTF-8) or chars. */
  public static final int MAX_DOCUMENT_LENGTH = 8 << 20;

  /** Most tokens accepted in one document. */
  public static final int MAX_TOKEN_COUNT = 1_000_000;

  /**
   * The size limits of one parse: the largest document, in bytes (UTF-8, not counting a byte-order
   * mark) or chars, and the most tokens (every value, name, and start and end of an object or
   * array counts one). The other limits (nesting, string, name and number lengths) are the same
   * for every parse.
   *
   * <p>Instances are immutable and thread-safe.
   *
   * @param maxDocumentLength the largest document, at least 1
   * @param maxTokenCount the most tokens, at least 1
   */
  public record Limits(int maxDocumentLength, int maxTokenCount) {
    /** {@value #MAX_DOCUMENT_LENGTH} bytes and {@value #MAX_TOKEN_COUNT} tokens. */
    public static final Limits DEFAULT = new Limits(MAX_DOCUMENT_LENGTH, MAX_TOKEN_COUNT);

    /**
     * Checks the components.
     *
     * @param maxDocumentLength the largest document, at least 1
     * @param maxTokenCount the most tokens, at least 1
     * @throws IllegalArgumentException if a limit is below 1
     */
    public Limits {
      checkArgument(maxDocumentLength >= 1, "maxDocumentLength must be >= 1: %s", maxDocumentLength);
      checkArgument(maxTokenCount >= 1, "maxTokenCount must be >= 1: %s", maxTokenCount);
    }
  }

  private FbJson() {}

  /**
   * Parses a JSON document given as UTF-8 bytes (an optional byte-order mark is skipped), within
   * the {@linkplain Limits#DEFAULT default limits}.
   *
   * @param utf8 the document
   * @return the value, in the value model described above; null for the JSON literal {@code null}
   * @throws FormatException if the bytes are not one valid JSON document within the limits
   */
  @Nullable
  public static Object parse(byte[] utf8) {
    return parse(utf8, Limits.DEFAULT);
  }

  /**
   * Parses a JSON document given as UTF-8 bytes (an optional byte-order mark is skipped).
   *
   * @param utf8 the document
   * @param limits the size limits
   * @return the value; null for the JSON literal {@code null}
   * @throws FormatException if the bytes are not one valid JSON document within the limits
   */
  @Nullable
  public static Object parse(byte[] utf8, Limits limits) {
    Object value = Parsing.parseFast(utf8, limits);
    if (value != Parsing.FAILED) {
      return value;
    }
    return Parsing.parseTextReference(Parsing.decodeUtf8(utf8, limits), limits);
  }

  /**
   * Parses a JSON document given as text, within the {@linkplain Limits#DEFAULT default limits}.
   *
   * @param text the document
   * @return the value; null for the JSON literal {@code null}
   * @throws FormatException if the text is not one valid JSON document within the limits
   */
  @Nullable
  public static Object parse(String text) {
    return parse(text, Limits.DEFAULT);
  }

  /**
   * Parses a JSON document given as text.
   *
   * @param text the document
   * @param limits the size limits (the document's length counts in chars)
   * @return the value; null for the JSON literal {@code null}
   * @throws FormatException if the text is not one valid JSON document within the limits
   */
  @Nullable
  public static Object parse(String text, Limits limits) {
    return Parsing.parseText(text, limits);
  }

  /**
   * Checks, without building any value, that UTF-8 bytes hold one JSON document that {@link
   * #parse(byte[], Limits)} would accept as far as the parser's limits go (size, tokens, nesting,
   * string, name and number lengths) and its syntax. A writer calls it before writing a file, so a
   * file it writes can always be read back.
   *
   * @param utf8 the document
   * @param limits the size limits
   * @throws FormatException naming the limit (with line and column) if the bytes would not parse
   */
  public static void checkReadable(byte[] utf8, Limits limits) {
    if (utf8.length > limits.maxDocumentLength() + (Parsing.bomLength(utf8))) {
      throw new FormatException(
          null,
          1,
          1,
          null,
          "document is "
              + utf8.length
              + " bytes, over the limit of "
              + limits.maxDocumentLength(),
          null);
    }
    int start = Parsing.bomLength(utf8);
    try (JsonParser p = Parsing.factory(limits).createParser(utf8, start, utf8.length - start)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.VALUE_STRING && p.getTextLength() > MAX_STRING_LENGTH) {
          // The parser checks this limit only when a value's text is read as a String.
          throw new JsonParseException(
              p,
              "String value length ("
                  + p.getTextLength()
                  + ") exceeds the maximum allowed ("
                  + MAX_STRING_LENGTH
                  + ")");
        }
      }
    } catch (JsonProcessingException e) {
      throw Parsing.formatException(e);
    } catch (IOException e) {
      throw new FormatException(null, 0, 0, null, "unreadable JSON: " + e.getMessage(), e);
    }
  }

  /**
   * Parses a document whose top level must be a JSON object, within the {@linkplain
   * Limits#DEFAULT default limits}.
   *
   * @param utf8 the document as UTF-8 bytes
   * @return the object, unmodifiable and insertion-ordered
   * @throws FormatException if the document is invalid or not an object
   */
  public static Map<String, Object> parseObject(byte[] utf8) {
    return requireObject(parse(utf8));
  }

  /**
   * Parses a document whose top level must be a JSON object.
   *
   * @param utf8 the document as UTF-8 bytes
   * @param limits the size limits
   * @return the object, unmodifiable and insertion-ordered
   * @throws FormatException if the document is invalid or not an object
   */
  public static Map<String, Object> parseObject(byte[] utf8, Limits limits) {
    return requireObject(parse(utf8, limits));
  }

  /**
   * Parses a document whose top level must be a JSON object, within the {@linkplain
   * Limits#DEFAULT default limits}.
   *
   * @param text the document
   * @return the object, unmodifiable and insertion-ordered
   * @throws FormatException if the document is invalid or not an object
   */
  public static Map<String, Object> parseObject(String text) {
    return requireObject(parse(text));
  }

  /**
   * Parses a document whose top level must be a JSON object.
   *
   * @param text the document
   * @param limits the size limits
   * @return the object, unmodifiable and insertion-ordered
   * @throws FormatException if the document is invalid or not an object
   */
  public static Map<String, Object> parseObject(String text, Limits limits) {
    return requireObject(parse(text, limits));
  }

  private static Map<String, Object> requireObject(@Nullable Object value) {
    if (value instanceof Map<?, ?> object) {
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) object;
      return map;
    }
    throw new FormatException(
        null, 1, 1, "", "expected a JSON object at the top level, found " + typeName(value), null);
  }

  /**
   * Decodes strict UTF-8 (an optional byte-order mark is skipped), within the {@linkplain
   * Limits#DEFAULT default document limit}.
   *
   * @param utf8 the bytes
   * @return the text
   * @throws FormatException if the bytes are not valid UTF-8 or the document is too large
   */
  public static String decodeUtf8(byte[] utf8) {
    return decodeUtf8(utf8, Limits.DEFAULT);
  }

  /**
   * Decodes strict UTF-8 (an optional byte-order mark is skipped).
   *
   * @param utf8 the bytes
   * @param limits the size limits (only the document length is checked here)
   * @return the text
   * @throws FormatException if the bytes are not valid UTF-8 or the document is too large
   */
  public static String decodeUtf8(byte[] utf8, Limits limits) {
    return Parsing.decodeUtf8(utf8, limits);
  }

  /**
   * Returns the index of the first unpaired UTF-16 surrogate in {@code s}, or -1.
   *
   * @param s any string
   * @return index or -1
   */
  static int firstUnpairedSurrogate(String s) {
    return Parsing.firstUnpairedSurrogate(s);
  }

  // ---------------------------------------------------------------------------------------
  // Writing

  /**
   * Writes a value as Python's {@code json.dumps(value, indent=2, ensure_ascii=False)} does, plus
   * a final newline. Equal values give equal text; map keys keep their iteration order.
   *
   * @param value a value of the value model (see {@link #immutableCopy(Object)})
   * @return the JSON text
   * @throws IllegalArgumentException if the value holds something JSON cannot represent (NaN,
   *     infinities, unpaired surrogates, non-string keys, other types)
   */
  public static String write(@Nullable Object value) {
    return JsonOutput.pretty(value);
  }

  /**
   * Writes a value as {@link #write(Object)} does and encodes it as UTF-8.
   *
   * @param value a value of the value model
   * @return the UTF-8 bytes of the JSON text
   * @throws IllegalArgumentException as {@link #write(Object)}
   */
  public static byte[] writeBytes(@Nullable Object value) {
    return JsonOutput.prettyUtf8(value);
  }

  /**
   * Writes a value on one line with Python's default separators ({@code ", "} and {@code ": "}),
   * as {@code json.dumps(value, ensure_ascii=False)} does, without a final newline.
   *
   * @param value a value of the value model
   * @return the JSON text
   * @throws IllegalArgumentException as {@link #write(Object)}
   */
  public static String writeCompact(@Nullable Object value) {
    return JsonOutput.compact(value);
  }

  /**
   * Formats a double as Python's {@code repr(float)} does ({@code 1.0}, {@code 0.0001}, {@code
   * 1e-05}, {@code 1e+16}).
   *
   * @param d a finite double
   * @param path where the value sits, for the error message
   * @return the text
   */
  static String pythonFloatRepr(double d, String path) {
    return PythonFloat.repr(d, path);
  }

  // ---------------------------------------------------------------------------------------
  // Value model helpers

  /**
   * Deep-copies a Java structure into the value model: maps with string keys become
   * unmodifiable insertion-ordered maps, lists and other iterables become unmodifiable lists,
   * integral numbers become {@link Long} (or {@link BigInteger}), other numbers {@link Double};
   * strings, booleans and null are kept. The result never shares mutable state with the
   * argument: maps and lists that this class built (by parsing or by an earlier copy) are deeply
   * immutable already and are returned as they are; any other map or list is copied.
   *
   * @param value the structure
   * @return the copy
   * @throws IllegalArgumentException naming the path of the first value that is not JSON
   */
  @Nullable
  public static Object immutableCopy(@Nullable Object value) {
    return ValueCopy.copy(value);
  }

  /**
   * Deep-copies a map into the value model, as {@link #immutableCopy(Object)} does.
   *
   * @param map the map; its keys must be strings
   * @return an unmodifiable insertion-ordered copy
   * @throws IllegalArgumentException naming the path of the first value that is not JSON
   */
  public static Map<String, Object> immutableObject(Map<String, ?> map) {
    checkNotNull(map, "map");
    @SuppressWarnings("unchecked")
    Map<String, Object> copy = (Map<String, Object>) ValueCopy.copy(map);
    return copy;
  }

  /**
   * Names the JSON type of a value of the value model, for error messages.
   *
   * @param value any value
   * @return "null", "string", "boolean", "number", "array", "object" or the Java class name
   */
  public static String typeName(@Nullable Object value) {
    if (value == null) {
      return "null";
    } else if (value instanceof String) {
      return "string";
    } else if (value instanceof Boolean) {
      return "boolean";
    } else if (value instanceof Number) {
      return "number";
    } else if (value instanceof List) {
      return "array";
    } else if (value instanceof Map) {
      return "object";
    }
    return value.getClass().getName();
  }

  /**
   * Escapes one JSON-pointer segment (RFC 6901: {@code ~} as {@code ~0}, {@code /} as {@code ~1}).
   *
   * @param segment a key
   * @return the escaped segment
   */
  public static String escapePointer(String segment) {
    if (segment.indexOf('~') < 0 && segment.indexOf('/') < 0) {
      return segment;
    }
    return segment.replace("~", "~0").replace("/", "~1");
  }

  /**
   * Finds where the value at a JSON pointer starts in a document, for error messages.
   *
   * @param text a document that parses
   * @param pointer an RFC 6901 pointer such as {@code /prompts/a/value}; {@code ""} is the root
   * @return {@code {line, column}} (1-based), or {@code {0, 0}} if the pointer is not found
   */
  public static int[] locate(String text, String pointer) {
    checkNotNull(text, "text");
    checkNotNull(pointer, "pointer");
    return Locations.locate(text, pointer);
  }

  /**
   * Re-throws a {@link FormatException} about a value of {@code text} with the line and column of
   * its JSON pointer filled in.
   *
   * @param text the document the exception is about
   * @param e an exception whose path names a value of the document
   * @return the exception with a location (that of the nearest enclosing value found, when the
   *     path names a missing field), or {@code e} if it already has one or none can be found
   */
  public static FormatException withLocation(String text, FormatException e) {
    checkNotNull(text, "text");
    checkNotNull(e, "e");
    return Locations.withLocation(text, e);
  }
}
