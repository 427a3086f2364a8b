package io.github.fbtools.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * {@link FbJson}'s parsing, in two paths that accept the same documents and give the same values.
 *
 * <ul>
 *   <li>The <b>reference path</b> ({@link #parseTextReference}) parses text with Jackson and the
 *       D4 limits ({@link #STRICT}: duplicate detection on) and reports every failure as a {@link
 *       FormatException} with Jackson's reason and a line and column counted in chars. Bytes reach
 *       it decoded by {@link #decodeUtf8}. Its errors are the library's errors, and it decides
 *       every document the fast path gives up on.
 *   <li>The <b>fast path</b> ({@link ByteParser}) reads UTF-8 bytes ({@link #parseFast}) or text
 *       whose chars are all Latin-1 ({@link #parseFastText}) in one strict pass, without Jackson.
 *       It reports nothing: on anything unusual (an error, a limit approached, a char beyond
 *       Latin-1 in text) it answers {@link #FAILED}, and the caller runs the reference path, whose
 *       result (value or error) is the answer. It may give up on more documents than the
 *       reference refuses, never on fewer; the differential tests ({@code
 *       FbJsonDifferentialProperties}, {@code PromptCollectionFuzzTest}) check this and that both
 *       give the same values.
 * </ul>
 *
 * <p>Both build {@link JsonObject} and {@link JsonArray}, which {@link FbJson#immutableCopy} never
 * copies again. Stateless and thread-safe.
 */
final class Parsing {
  /** What {@link #parseFast} answers when the reference path must decide. */
  static final Object FAILED = new Object();

  private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  /** The reference path's factories, one per size limits: the D4 limits, duplicates refused. */
  private static final ConcurrentHashMap<FbJson.Limits, JsonFactory> FACTORIES =
      new ConcurrentHashMap<>();

  private static final Pattern SOURCE_REF =
      Pattern.compile("\\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)\\]");

  private Parsing() {}

  /** The reference path's factory for {@code limits}. */
  static JsonFactory factory(FbJson.Limits limits) {
    return FACTORIES.computeIfAbsent(
        limits,
        l ->
            JsonFactory.builder()
                .streamReadConstraints(
                    StreamReadConstraints.builder()
                        .maxNestingDepth(FbJson.MAX_NESTING_DEPTH)
                        .maxStringLength(FbJson.MAX_STRING_LENGTH)
                        .maxNameLength(FbJson.MAX_NAME_LENGTH)
                        .maxNumberLength(FbJson.MAX_NUMBER_LENGTH)
                        .maxDocumentLength(l.maxDocumentLength())
                        .maxTokenCount(l.maxTokenCount())
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build());
  }

  /** The length of a UTF-8 byte-order mark at the start of {@code b}: 3 or 0. */
  static int bomLength(byte[] b) {
    return hasBom(b) ? UTF8_BOM.length : 0;
  }

  // ---------------------------------------------------------------------------------------
  // The fast path

  /**
   * Parses UTF-8 bytes (an optional byte-order mark skipped), or answers {@link #FAILED}.
   *
   * @return the value (null for the literal {@code null}) or {@link #FAILED}
   */
  @Nullable
  static Object parseFast(byte[] utf8, FbJson.Limits limits) {
    return ByteParser.parse(utf8, bomLength(utf8), limits);
  }

  /**
   * Parses text: the fast path when it can, else the reference path.
   *
   * @throws FormatException if the text is not one valid JSON document within the limits
   */
  @Nullable
  static Object parseText(String text, FbJson.Limits limits) {
    Object fast = parseFastText(text, limits);
    return fast != FAILED ? fast : parseTextReference(text, limits);
  }

  /**
   * Parses text whose chars are all Latin-1 with the fast parser, or answers {@link #FAILED}
   * (also for any other text: the reference path then reads it).
   */
  @Nullable
  static Object parseFastText(String text, FbJson.Limits limits) {
    if (text.length() > limits.maxDocumentLength()) {
      return FAILED;
    }
    // A char above U+00FF becomes '?': the parser checks every '?' against the text.
    return ByteParser.parseLatin1(text.getBytes(StandardCharsets.ISO_8859_1), text, limits);
  }

  // ---------------------------------------------------------------------------------------
  // The reference path

  /**
   * Parses text with the strict factory, reporting every failure: the reference path.
   *
   * @throws FormatException if the text is not one valid JSON document within the limits
   */
  @Nullable
  static Object parseTextReference(String text, FbJson.Limits limits) {
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

  /**
   * Decodes strict UTF-8 (an optional byte-order mark is skipped).
   *
   * @throws FormatException if the bytes are not valid UTF-8 or the document is too large
   */
  static String decodeUtf8(byte[] utf8, FbJson.Limits limits) {
    int max = limits.maxDocumentLength();
    int start = bomLength(utf8);
    if (utf8.length > max + start) {
      throw new FormatException(
          null, 1, 1, null, "document is " + utf8.length + " bytes, over the limit of " + max, null);
    }
    if (Utf8.isValid(utf8, start)) {
      return new String(utf8, start, utf8.length - start, StandardCharsets.UTF_8);
    }
    // Invalid: the JDK's decoder says why, and where the first bad byte is.
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    CharacterCodingException why;
    try {
      // The JDK's decoder is the judge; the scan above only saves decoding twice.
      return decoder.decode(ByteBuffer.wrap(utf8, start, utf8.length - start)).toString();
    } catch (CharacterCodingException e) {
      why = e;
    }
    int bad = firstInvalidUtf8(utf8, start);
    int[] lc = lineColumnOfByte(utf8, start, bad);
    throw new FormatException(
        null,
        lc[0],
        lc[1],
        null,
        "invalid UTF-8 at byte offset " + bad + " (JSON files must be UTF-8)",
        why);
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

  /** A Jackson failure as the library reports it: Jackson's reason, line and column. */
  static FormatException formatException(JsonProcessingException e) {
    JsonLocation loc = e.getLocation();
    int line = loc == null ? 0 : loc.getLineNr();
    int col = loc == null ? 0 : loc.getColumnNr();
    return new FormatException(null, line, col, null, cleanMessage(e.getOriginalMessage()), e);
  }

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

  /** Reads the value whose first token is {@code t}, refusing unpaired surrogates. */
  @Nullable
  private static Object readValue(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case START_OBJECT:
        {
          JsonObject.Builder map = new JsonObject.Builder();
          JsonToken k;
          while ((k = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            checkSurrogates(p, name);
            Object value = readValue(p, p.nextToken());
            if (!map.put(name, value)) {
              throw new JsonParseException(p, "Duplicate field '" + name + "'");
            }
          }
          if (k != JsonToken.END_OBJECT) {
            throw new JsonParseException(p, "unexpected token " + k + " in object");
          }
          return map.build();
        }
      case START_ARRAY:
        {
          Object[] items = new Object[4];
          int n = 0;
          JsonToken v;
          while ((v = p.nextToken()) != JsonToken.END_ARRAY) {
            if (v == null) {
              throw new JsonParseException(p, "unexpected end of input in array");
            }
            if (n == items.length) {
              items = Arrays.copyOf(items, n * 2);
            }
            items[n++] = readValue(p, v);
          }
          return JsonArray.wrap(n == items.length ? items : Arrays.copyOf(items, n), n);
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
            throw new JsonParseException(
                p, "number out of the range of a 64-bit float: " + p.getText());
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
        throw new JsonParseException(p, "unexpected token " + t);
    }
  }

  private static void checkSurrogates(JsonParser p, String s) throws IOException {
    int bad = firstUnpairedSurrogate(s);
    if (bad >= 0) {
      throw new JsonParseException(
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
}
