package io.github.fbtools.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.annotation.Nullable;

/**
 * The reference for the differential tests: {@link FbJson} as it was before issue 15 made it
 * faster (main at the merge of issue 10, with the per-kind {@link FbJson.Limits}), verbatim but
 * for the class name and for using {@link FbJson.Limits}. It decodes bytes with the JDK's decoder,
 * parses text with Jackson into {@code LinkedHashMap}s, deep-copies in {@link #immutableCopy}, and
 * writes through a {@code StringBuilder} building a path string per key. {@code
 * FbJsonDifferentialProperties} checks that the new code gives the same values, bytes and errors.
 */
public final class ReferenceFbJson {
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

  private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private static final ConcurrentHashMap<FbJson.Limits, JsonFactory> FACTORIES = new ConcurrentHashMap<>();

  private static final JsonFactory FACTORY = factory(FbJson.Limits.DEFAULT);

  private ReferenceFbJson() {}

  private static JsonFactory factory(FbJson.Limits limits) {
    return FACTORIES.computeIfAbsent(
        limits,
        l ->
            JsonFactory.builder()
                .streamReadConstraints(
                    StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(MAX_STRING_LENGTH)
                        .maxNameLength(MAX_NAME_LENGTH)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .maxDocumentLength(l.maxDocumentLength())
                        .maxTokenCount(l.maxTokenCount())
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build());
  }

  /**
   * Returns the stream-read constraints every parse applies (for inspection and tests).
   *
   * @return the constraints
   */
  public static StreamReadConstraints constraints() {
    return FACTORY.streamReadConstraints();
  }

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
    return parse(utf8, FbJson.Limits.DEFAULT);
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
  public static Object parse(byte[] utf8, FbJson.Limits limits) {
    return parse(decodeUtf8(utf8, limits), limits);
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
    return parse(text, FbJson.Limits.DEFAULT);
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
  public static Object parse(String text, FbJson.Limits limits) {
    if (text.length() > limits.maxDocumentLength()) {
      throw new FormatException(
          null,
          1,
          1,
          null,
          "document is "
              + text.length()
              + " chars, over the limit of "
              + limits.maxDocumentLength(),
          null);
    }
    if (text.isBlank()) {
      throw new FormatException(null, 1, 1, null, "empty document: no JSON value", null);
    }
    try (JsonParser p = factory(limits).createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new FormatException(null, 1, 1, null, "empty document: no JSON value", null);
      }
      Object value = readValue(p, first);
      JsonToken trailing = p.nextToken();
      if (trailing != null) {
        JsonLocation loc = p.currentTokenLocation();
        throw new FormatException(
            null,
            loc.getLineNr(),
            loc.getColumnNr(),
            null,
            "unexpected content after the JSON value",
            null);
      }
      return value;
    } catch (JsonProcessingException e) {
      throw formatException(e);
    } catch (IOException e) {
      // A String source cannot fail to read; keep the contract anyway.
      throw new FormatException(null, 0, 0, null, "unreadable JSON: " + e.getMessage(), e);
    }
  }

  private static FormatException formatException(JsonProcessingException e) {
    JsonLocation loc = e.getLocation();
    int line = loc == null ? 0 : loc.getLineNr();
    int col = loc == null ? 0 : loc.getColumnNr();
    return new FormatException(null, line, col, null, cleanMessage(e.getOriginalMessage()), e);
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
  public static void checkReadable(byte[] utf8, FbJson.Limits limits) {
    if (utf8.length > limits.maxDocumentLength() + (hasBom(utf8) ? UTF8_BOM.length : 0)) {
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
    int start = hasBom(utf8) ? UTF8_BOM.length : 0;
    try (JsonParser p = factory(limits).createParser(utf8, start, utf8.length - start)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.VALUE_STRING && p.getTextLength() > MAX_STRING_LENGTH) {
          // The parser checks this limit only when a value's text is read as a String.
          throw syntax(
              p,
              "String value length ("
                  + p.getTextLength()
                  + ") exceeds the maximum allowed ("
                  + MAX_STRING_LENGTH
                  + ")");
        }
      }
    } catch (JsonProcessingException e) {
      throw formatException(e);
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
  public static Map<String, Object> parseObject(byte[] utf8, FbJson.Limits limits) {
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
  public static Map<String, Object> parseObject(String text, FbJson.Limits limits) {
    return requireObject(parse(text, limits));
  }

  private static Map<String, Object> requireObject(@Nullable Object value) {
    if (value instanceof Map) {
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) value;
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
    return decodeUtf8(utf8, FbJson.Limits.DEFAULT);
  }

  /**
   * Decodes strict UTF-8 (an optional byte-order mark is skipped).
   *
   * @param utf8 the bytes
   * @param limits the size limits (only the document length is checked here)
   * @return the text
   * @throws FormatException if the bytes are not valid UTF-8 or the document is too large
   */
  public static String decodeUtf8(byte[] utf8, FbJson.Limits limits) {
    int max = limits.maxDocumentLength();
    if (utf8.length > max + (hasBom(utf8) ? UTF8_BOM.length : 0)) {
      throw new FormatException(
          null,
          1,
          1,
          null,
          "document is " + utf8.length + " bytes, over the limit of " + max,
          null);
    }
    int start = hasBom(utf8) ? UTF8_BOM.length : 0;
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(utf8, start, utf8.length - start);
    try {
      CharBuffer out = decoder.decode(in);
      return out.toString();
    } catch (CharacterCodingException e) {
      // Find the first bad byte to report a position.
      int bad = firstInvalidUtf8(utf8, start);
      int[] lc = lineColumnOfByte(utf8, start, bad);
      throw new FormatException(
          null,
          lc[0],
          lc[1],
          null,
          "invalid UTF-8 at byte offset " + bad + " (JSON files must be UTF-8)",
          e);
    }
  }

  private static final java.util.regex.Pattern SOURCE_REF =
      java.util.regex.Pattern.compile("\\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)\\]");

  /** Jackson's message without its "[Source: REDACTED ...]" part (the location is ours to give). */
  private static String cleanMessage(@Nullable String message) {
    if (message == null || message.isBlank()) {
      return "invalid JSON";
    }
    return SOURCE_REF.matcher(message).replaceAll("line $1, column $2");
  }

  private static boolean hasBom(byte[] b) {
    return b.length >= 3 && b[0] == UTF8_BOM[0] && b[1] == UTF8_BOM[1] && b[2] == UTF8_BOM[2];
  }

  private static int firstInvalidUtf8(byte[] b, int start) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(b, start, b.length - start);
    CharBuffer out = CharBuffer.allocate(Math.max(16, b.length));
    decoder.decode(in, out, true);
    return in.position();
  }

  private static int[] lineColumnOfByte(byte[] b, int start, int offset) {
    int line = 1;
    int col = 1;
    for (int i = start; i < offset && i < b.length; i++) {
      if (b[i] == '\n') {
        line++;
        col = 1;
      } else if ((b[i] & 0xC0) != 0x80) {
        col++;
      }
    }
    return new int[] {line, col};
  }

  private static @Nullable Object readValue(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case START_OBJECT:
        {
          LinkedHashMap<String, Object> map = new LinkedHashMap<>();
          JsonToken k;
          while ((k = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            checkSurrogates(p, name);
            JsonToken v = p.nextToken();
            map.put(name, readValue(p, v));
          }
          if (k != JsonToken.END_OBJECT) {
            throw syntax(p, "unexpected token " + k + " in object");
          }
          return Collections.unmodifiableMap(map);
        }
      case START_ARRAY:
        {
          ArrayList<Object> list = new ArrayList<>();
          JsonToken v;
          while ((v = p.nextToken()) != JsonToken.END_ARRAY) {
            if (v == null) {
              throw syntax(p, "unexpected end of input in array");
            }
            list.add(readValue(p, v));
          }
          list.trimToSize();
          return Collections.unmodifiableList(list);
        }
      case VALUE_STRING:
        {
          String s = p.getText();
          checkSurrogates(p, s);
          return s;
        }
      case VALUE_NUMBER_INT:
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          return p.getBigIntegerValue();
        }
        return p.getLongValue();
      case VALUE_NUMBER_FLOAT:
        {
          double d = p.getDoubleValue();
          if (Double.isInfinite(d)) {
            throw syntax(p, "number out of the range of a 64-bit float: " + p.getText());
          }
          return d;
        }
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw syntax(p, "unexpected token " + t);
    }
  }

  private static void checkSurrogates(JsonParser p, String s) throws IOException {
    int bad = firstUnpairedSurrogate(s);
    if (bad >= 0) {
      throw syntax(
          p,
          String.format(
              Locale.ROOT, "unpaired surrogate \\u%04x in a string", (int) s.charAt(bad)));
    }
  }

  /**
   * Returns the index of the first unpaired UTF-16 surrogate in {@code s}, or -1.
   *
   * @param s any string
   * @return index or -1
   */
  static int firstUnpairedSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return i;
        }
      } else if (Character.isLowSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  private static JsonProcessingException syntax(JsonParser p, String msg) {
    return new com.fasterxml.jackson.core.JsonParseException(p, msg);
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
    StringBuilder sb = new StringBuilder(256);
    writeValue(sb, value, 0, true, "");
    return sb.append('\n').toString();
  }

  /**
   * Writes a value as {@link #write(Object)} does and encodes it as UTF-8.
   *
   * @param value a value of the value model
   * @return the UTF-8 bytes of the JSON text
   * @throws IllegalArgumentException as {@link #write(Object)}
   */
  public static byte[] writeBytes(@Nullable Object value) {
    return write(value).getBytes(StandardCharsets.UTF_8);
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
    StringBuilder sb = new StringBuilder(128);
    writeValue(sb, value, 0, false, "");
    return sb.toString();
  }

  private static void writeValue(
      StringBuilder sb, @Nullable Object value, int depth, boolean pretty, String path) {
    if (value == null) {
      sb.append("null");
    } else if (value instanceof String) {
      writeString(sb, (String) value, path);
    } else if (value instanceof Boolean) {
      sb.append(((Boolean) value).booleanValue() ? "true" : "false");
    } else if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte
        || value instanceof BigInteger) {
      sb.append(value.toString());
    } else if (value instanceof Double || value instanceof Float) {
      sb.append(pythonFloatRepr(((Number) value).doubleValue(), path));
    } else if (value instanceof BigDecimal) {
      sb.append(pythonFloatRepr(((BigDecimal) value).doubleValue(), path));
    } else if (value instanceof Map) {
      Map<?, ?> map = (Map<?, ?>) value;
      if (map.isEmpty()) {
        sb.append("{}");
        return;
      }
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof String)) {
          throw new IllegalArgumentException(
              "JSON object keys must be strings, found " + typeName(e.getKey()) + " at " + path);
        }
        String key = (String) e.getKey();
        if (!first) {
          sb.append(',');
          if (!pretty) {
            sb.append(' ');
          }
        }
        first = false;
        newline(sb, depth + 1, pretty);
        String childPath = path + "/" + escapePointer(key);
        writeString(sb, key, childPath);
        sb.append(": ");
        writeValue(sb, e.getValue(), depth + 1, pretty, childPath);
      }
      newline(sb, depth, pretty);
      sb.append('}');
    } else if (value instanceof List) {
      List<?> list = (List<?>) value;
      if (list.isEmpty()) {
        sb.append("[]");
        return;
      }
      sb.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          sb.append(',');
          if (!pretty) {
            sb.append(' ');
          }
        }
        newline(sb, depth + 1, pretty);
        writeValue(sb, list.get(i), depth + 1, pretty, path + "/" + i);
      }
      newline(sb, depth, pretty);
      sb.append(']');
    } else {
      throw new IllegalArgumentException(
          "not a JSON value: " + value.getClass().getName() + " at " + (path.isEmpty() ? "/" : path));
    }
  }

  private static void newline(StringBuilder sb, int depth, boolean pretty) {
    if (pretty) {
      sb.append('\n');
      for (int i = 0; i < depth; i++) {
        sb.append("  ");
      }
    }
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private static void writeString(StringBuilder sb, String s, String path) {
    int bad = firstUnpairedSurrogate(s);
    if (bad >= 0) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "unpaired surrogate \\u%04x at index %d of a string at %s: not encodable as UTF-8",
              (int) s.charAt(bad),
              bad,
              path.isEmpty() ? "/" : path));
    }
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        case '\b':
          sb.append("\\b");
          break;
        case '\f':
          sb.append("\\f");
          break;
        default:
          if (c < 0x20) {
            sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
          } else {
            sb.append(c);
          }
      }
    }
    sb.append('"');
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
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException(
          "JSON cannot represent " + d + " at " + (path.isEmpty() ? "/" : path));
    }
    if (d == 0.0) {
      return (Double.doubleToRawLongBits(d) < 0) ? "-0.0" : "0.0";
    }
    BigDecimal bd = shortestDecimal(Math.abs(d));
    String digits = bd.unscaledValue().toString();
    int sciExp = digits.length() - 1 - bd.scale();
    StringBuilder sb = new StringBuilder(24);
    if (d < 0) {
      sb.append('-');
    }
    if (sciExp >= -4 && sciExp < 16) {
      String plain = bd.toPlainString();
      sb.append(plain);
      if (plain.indexOf('.') < 0) {
        sb.append(".0");
      }
    } else {
      sb.append(digits.charAt(0));
      if (digits.length() > 1) {
        sb.append('.').append(digits, 1, digits.length());
      }
      sb.append('e').append(sciExp < 0 ? '-' : '+');
      int abs = Math.abs(sciExp);
      if (abs < 10) {
        sb.append('0');
      }
      sb.append(abs);
    }
    return sb.toString();
  }

  /**
   * The shortest decimal that reads back as {@code d} (correctly rounded), as Python's repr and
   * Java 19+'s {@code Double.toString} produce; Java 17's {@code Double.toString} is not always
   * shortest (it gives {@code 4.9E-324} for {@code Double.MIN_VALUE}).
   */
  private static BigDecimal shortestDecimal(double d) {
    BigDecimal exact = new BigDecimal(d);
    for (int digits = 1; digits < 17; digits++) {
      BigDecimal candidate = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
      if (candidate.doubleValue() == d) {
        return candidate.stripTrailingZeros();
      }
    }
    return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
  }

  // ---------------------------------------------------------------------------------------
  // Value model helpers

  /**
   * Deep-copies a Java structure into the value model: maps with string keys become
   * unmodifiable insertion-ordered maps, lists and other iterables become unmodifiable lists,
   * integral numbers become {@link Long} (or {@link BigInteger}), other numbers {@link Double};
   * strings, booleans and null are kept. Values already in the model are copied too, so the
   * result never shares mutable state with the argument.
   *
   * @param value the structure
   * @return the copy
   * @throws IllegalArgumentException naming the path of the first value that is not JSON
   */
  @Nullable
  public static Object immutableCopy(@Nullable Object value) {
    return copy(value, "");
  }

  /**
   * Deep-copies a map into the value model, as {@link #immutableCopy(Object)} does.
   *
   * @param map the map; its keys must be strings
   * @return an unmodifiable insertion-ordered copy
   * @throws IllegalArgumentException naming the path of the first value that is not JSON
   */
  public static Map<String, Object> immutableObject(Map<String, ?> map) {
    @SuppressWarnings("unchecked")
    Map<String, Object> copy = (Map<String, Object>) copy(map, "");
    return copy;
  }

  private static @Nullable Object copy(@Nullable Object value, String path) {
    if (value == null || value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Long || value instanceof Double) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof java.util.concurrent.atomic.AtomicInteger
        || value instanceof java.util.concurrent.atomic.AtomicLong) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger) {
      BigInteger bi = (BigInteger) value;
      return bi.bitLength() < 64 ? (Object) bi.longValue() : bi;
    }
    if (value instanceof Float) {
      return ((Float) value).doubleValue();
    }
    if (value instanceof BigDecimal) {
      return ((BigDecimal) value).doubleValue();
    }
    if (value instanceof Map) {
      LinkedHashMap<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        if (!(e.getKey() instanceof String)) {
          throw new IllegalArgumentException(
              "JSON object keys must be strings, found "
                  + typeName(e.getKey())
                  + " at "
                  + (path.isEmpty() ? "/" : path));
        }
        String key = (String) e.getKey();
        out.put(key, copy(e.getValue(), path + "/" + escapePointer(key)));
      }
      return Collections.unmodifiableMap(out);
    }
    if (value instanceof Iterable) {
      ArrayList<Object> out = new ArrayList<>();
      int i = 0;
      for (Object o : (Iterable<?>) value) {
        out.add(copy(o, path + "/" + i++));
      }
      out.trimToSize();
      return Collections.unmodifiableList(out);
    }
    throw new IllegalArgumentException(
        "not a JSON value: "
            + value.getClass().getName()
            + " at "
            + (path.isEmpty() ? "/" : path));
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
    List<String> segs = new ArrayList<>();
    if (!pointer.isEmpty()) {
      for (String s : pointer.substring(1).split("/", -1)) {
        segs.add(s.replace("~1", "/").replace("~0", "~"));
      }
    }
    try (JsonParser p = FACTORY.createParser(text)) {
      JsonToken t = p.nextToken();
      for (String seg : segs) {
        if (t == JsonToken.START_OBJECT) {
          boolean found = false;
          while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            t = p.nextToken();
            if (name.equals(seg)) {
              found = true;
              break;
            }
            p.skipChildren();
          }
          if (!found) {
            return new int[] {0, 0};
          }
        } else if (t == JsonToken.START_ARRAY) {
          int index;
          try {
            index = Integer.parseInt(seg);
          } catch (NumberFormatException e) {
            return new int[] {0, 0};
          }
          t = p.nextToken();
          for (int i = 0; i < index && t != JsonToken.END_ARRAY && t != null; i++) {
            p.skipChildren();
            t = p.nextToken();
          }
          if (t == JsonToken.END_ARRAY || t == null) {
            return new int[] {0, 0};
          }
        } else {
          return new int[] {0, 0};
        }
      }
      JsonLocation loc = p.currentTokenLocation();
      return new int[] {loc.getLineNr(), loc.getColumnNr()};
    } catch (IOException | RuntimeException e) {
      return new int[] {0, 0};
    }
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
    if (e.line() > 0 || e.path().isEmpty()) {
      return e;
    }
    // A missing field is reported at its parent: walk up until a value is found.
    String pointer = e.path().get();
    while (true) {
      int[] lc = locate(text, pointer);
      if (lc[0] > 0) {
        return e.atLocation(lc[0], lc[1]);
      }
      if (pointer.isEmpty()) {
        return e;
      }
      pointer = pointer.substring(0, pointer.lastIndexOf('/'));
    }
  }
}
