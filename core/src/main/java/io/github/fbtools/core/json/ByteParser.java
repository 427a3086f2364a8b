package io.github.fbtools.core.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.annotation.Nullable;

/**
 * The fast path of {@link Parsing#parseFast}: a strict, single-pass JSON parser over UTF-8 bytes
 * that builds {@link FbJson}'s value model directly.
 *
 * <p>It accepts a subset of what the reference path (Jackson with the D4 limits) accepts, and
 * gives the same values for it. Anything else, and anything near a limit, makes it give up ({@link
 * Parsing#FAILED}) so that the reference path decides and reports; it never reports an error
 * itself. What it accepts:
 *
 * <ul>
 *   <li>RFC 8259 JSON: whitespace is space, tab, CR and LF; numbers {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}
 *       followed by whitespace, {@code ,}, {@code ]}, {@code }} or the end; literals followed the
 *       same way; strings without raw control characters and with only the escapes {@code \" \\
 *       \/ \b \f \n \r \t \}{@code uXXXX}; exactly one value;
 *   <li>strict UTF-8 inside strings (no overlong forms, no encoded surrogates, nothing above
 *       U+10FFFF) and only ASCII outside them;
 *   <li>a {@code \}{@code u} escape of a surrogate only as a high-low pair;
 *   <li>no key twice in one object;
 *   <li>below every D4 limit with a margin: depth at most {@value #MAX_DEPTH}, strings and names
 *       shorter than {@link FbJson#MAX_STRING_LENGTH} and {@link FbJson#MAX_NAME_LENGTH} chars,
 *       number literals of at most {@value #MAX_NUMBER_CHARS} chars, fewer tokens than the {@link
 *       FbJson.Limits} allow (counted as Jackson counts them), no more bytes than they allow.
 * </ul>
 *
 * <p>Numbers become what Jackson gives: an integer literal a {@link Long} when it fits, else a
 * {@link BigInteger}; a literal with a fraction or an exponent a {@link Double} from {@link
 * Double#parseDouble} (refused when infinite).
 *
 * <p>Strings without escapes or non-ASCII bytes are found eight bytes at a time and copied once;
 * others are decoded run by run into a scratch buffer. Object keys that repeat (field names) come
 * from a small cache, interned as Jackson interns them, instead of being decoded again; keys met
 * once (such as prompt names) never push them out.
 *
 * <p>The same parser reads text whose chars are all Latin-1, given as one byte per char ({@link
 * #parseLatin1}): then a byte from 0x80 up is that char, not part of a UTF-8 sequence.
 *
 * <p>Why this class is long: it is one class on purpose, so that everything it accepts, and every
 * place it gives up, can be checked against the grammar and the limits in one file.
 *
 * <p>Not thread-safe: one instance parses one document.
 */
final class ByteParser {
  /** Deepest nesting accepted here (the reference accepts {@link FbJson#MAX_NESTING_DEPTH}). */
  static final int MAX_DEPTH = FbJson.MAX_NESTING_DEPTH - 1;

  /** Longest number literal accepted here (the reference counts digits, up to 100). */
  static final int MAX_NUMBER_CHARS = 64;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long QUOTES = 0x2222222222222222L;
  private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
  private static final long SPACES = 0x2020202020202020L;
  private static final long LOWS = 0x7F7F7F7F7F7F7F7FL;
  private static final long CONTROL_LIMIT = 0x6060606060606060L;
  private static final long QUESTION_MARKS = 0x3F3F3F3F3F3F3F3FL;

  private static final int NAME_CACHE_SIZE = 256;

  /** Gives up: the reference path decides. No stack trace; one shared instance. */
  private static final class GiveUp extends RuntimeException {
    private static final long serialVersionUID = 1L;

    GiveUp() {
      super("the fast path gives up", null, false, false);
    }
  }

  private static final GiveUp GIVE_UP = new GiveUp();

  private final byte[] b;
  /** Whether the bytes are Latin-1 text (one char each) rather than UTF-8. */
  private final boolean latin1Input;

  /**
   * For Latin-1 input, the text the bytes were copied from: a char above U+00FF was copied as
   * {@code ?}, so each {@code ?} is checked against it.
   */
  @Nullable private final String source;

  private final int end;
  private final int maxTokens;
  private int pos;
  private int tokens;

  /** Decoding scratch: Latin-1 bytes while every char fits, chars after. */
  private byte[] latin1 = new byte[64];

  private char[] chars = new char[0];

  private final String[] nameCache = new String[NAME_CACHE_SIZE];
  private final byte[][] nameCacheBytes = new byte[NAME_CACHE_SIZE][];
  /** Whether a cached name was met again: it then stays, interned, whatever comes later. */
  private final boolean[] nameCacheHot = new boolean[NAME_CACHE_SIZE];

  private ByteParser(byte[] b, int start, @Nullable String source, int maxTokens) {
    this.b = b;
    this.pos = start;
    this.end = b.length;
    this.maxTokens = maxTokens;
    this.latin1Input = source != null;
    this.source = source;
  }

  /**
   * Parses {@code utf8[start..]}.
   *
   * @return the value, or {@link Parsing#FAILED}
   */
  @Nullable
  static Object parse(byte[] utf8, int start, FbJson.Limits limits) {
    return parse(utf8, start, null, limits);
  }

  /**
   * Parses {@code text}, given also as {@code latin1}: {@code text.getBytes(ISO_8859_1)}, one byte
   * per char, where a char above U+00FF became {@code ?} (the parser then gives up).
   *
   * @return the value, or {@link Parsing#FAILED}
   */
  @Nullable
  static Object parseLatin1(byte[] latin1, String text, FbJson.Limits limits) {
    return parse(latin1, 0, text, limits);
  }

  @Nullable
  private static Object parse(
      byte[] input, int start, @Nullable String source, FbJson.Limits limits) {
    if (input.length - start > limits.maxDocumentLength()) {
      return Parsing.FAILED;
    }
    try {
      ByteParser p = new ByteParser(input, start, source, limits.maxTokenCount());
      p.skipWhitespace();
      Object value = p.value(0);
      p.skipWhitespace();
      if (p.pos != p.end) {
        return Parsing.FAILED;
      }
      return value;
    } catch (GiveUp | ArrayIndexOutOfBoundsException | NumberFormatException e) {
      return Parsing.FAILED;
    }
  }

  private static GiveUp giveUp() {
    return GIVE_UP;
  }

  private void token() {
    if (++tokens >= maxTokens - 1) {
      throw giveUp();
    }
  }

  private void skipWhitespace() {
    while (pos < end) {
      byte c = b[pos];
      if (c == ' ') {
        // Indentation: up to eight spaces at once.
        if (pos <= end - 8) {
          long x = (long) LONGS.get(b, pos) ^ SPACES;
          pos += x == 0 ? 8 : Long.numberOfTrailingZeros(x) >>> 3;
        } else {
          pos++;
        }
      } else if (c == '\n' || c == '\r' || c == '\t') {
        pos++;
      } else {
        return;
      }
    }
  }

  /** The byte at {@code pos}; gives up at the end. */
  private byte peek() {
    if (pos >= end) {
      throw giveUp();
    }
    return b[pos];
  }

  @Nullable
  private Object value(int depth) {
    byte c = peek();
    switch (c) {
      case '{':
        return object(depth + 1);
      case '[':
        return array(depth + 1);
      case '"':
        token();
        return string(FbJson.MAX_STRING_LENGTH);
      case 't':
        literal("true");
        return Boolean.TRUE;
      case 'f':
        literal("false");
        return Boolean.FALSE;
      case 'n':
        literal("null");
        return null;
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          token();
          return number();
        }
        throw giveUp();
    }
  }

  private void literal(String word) {
    int n = word.length();
    if (end - pos < n) {
      throw giveUp();
    }
    for (int i = 0; i < n; i++) {
      if (b[pos + i] != word.charAt(i)) {
        throw giveUp();
      }
    }
    pos += n;
    requireDelimiter();
    token();
  }

  /** After a number or a literal: whitespace, a separator, a closing bracket or the end. */
  private void requireDelimiter() {
    if (pos < end) {
      byte c = b[pos];
      if (c != ',' && c != ']' && c != '}' && c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        throw giveUp();
      }
    }
  }

  private JsonObject object(int depth) {
    if (depth > MAX_DEPTH) {
      throw giveUp();
    }
    token();
    pos++; // '{'
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      token();
      return JsonObject.EMPTY;
    }
    JsonObject.Builder members = new JsonObject.Builder(8);
    while (true) {
      if (peek() != '"') {
        throw giveUp();
      }
      token();
      String name = name();
      skipWhitespace();
      if (peek() != ':') {
        throw giveUp();
      }
      pos++;
      skipWhitespace();
      Object value = value(depth);
      if (!members.put(name, value)) {
        throw giveUp(); // a duplicate key: the reference reports it
      }
      skipWhitespace();
      byte c = peek();
      pos++;
      if (c == ',') {
        skipWhitespace();
      } else if (c == '}') {
        token();
        return members.build();
      } else {
        throw giveUp();
      }
    }
  }

  private JsonArray array(int depth) {
    if (depth > MAX_DEPTH) {
      throw giveUp();
    }
    token();
    pos++; // '['
    skipWhitespace();
    if (peek() == ']') {
      pos++;
      token();
      return JsonArray.EMPTY;
    }
    Object[] items = new Object[4];
    int n = 0;
    while (true) {
      Object item = value(depth);
      if (n == items.length) {
        items = Arrays.copyOf(items, n * 2);
      }
      items[n++] = item;
      skipWhitespace();
      byte c = peek();
      pos++;
      if (c == ',') {
        skipWhitespace();
      } else if (c == ']') {
        token();
        return JsonArray.wrap(n == items.length ? items : Arrays.copyOf(items, n), n);
      } else {
        throw giveUp();
      }
    }
  }

  // ---------------------------------------------------------------------------------------
  // Numbers

  private Object number() {
    int start = pos;
    int i = pos;
    if (b[i] == '-') {
      i++;
    }
    int intStart = i;
    i = digits(i);
    int intDigits = i - intStart;
    if (intDigits == 0 || (intDigits > 1 && b[intStart] == '0')) {
      throw giveUp();
    }
    boolean integral = true;
    if (i < end && b[i] == '.') {
      int fracStart = ++i;
      i = digits(i);
      if (i == fracStart) {
        throw giveUp();
      }
      integral = false;
    }
    if (i < end && (b[i] == 'e' || b[i] == 'E')) {
      i++;
      if (i < end && (b[i] == '+' || b[i] == '-')) {
        i++;
      }
      int expStart = i;
      i = digits(i);
      if (i == expStart) {
        throw giveUp();
      }
      integral = false;
    }
    if (i - start > MAX_NUMBER_CHARS) {
      throw giveUp();
    }
    pos = i;
    requireDelimiter();
    if (integral) {
      if (intDigits <= 18) {
        long v = 0;
        for (int k = intStart; k < i; k++) {
          v = v * 10 + (b[k] - '0');
        }
        return b[start] == '-' ? -v : v;
      }
      BigInteger big = new BigInteger(new String(b, start, i - start, StandardCharsets.ISO_8859_1));
      return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }
    double d = Double.parseDouble(new String(b, start, i - start, StandardCharsets.ISO_8859_1));
    if (Double.isInfinite(d)) {
      throw giveUp();
    }
    return d;
  }

  private int digits(int i) {
    while (i < end && b[i] >= '0' && b[i] <= '9') {
      i++;
    }
    return i;
  }

  // ---------------------------------------------------------------------------------------
  // Strings

  /**
   * The index of the first byte at or after {@code i} that is a quote, a backslash, a control
   * character or not ASCII (and, for Latin-1 input, a {@code ?}); {@link #end} if none.
   */
  private int nextSpecial(int i) {
    return latin1Input ? nextSpecialLatin1(i) : nextSpecialUtf8(i);
  }

  private int nextSpecialUtf8(int i) {
    while (i <= end - 8) {
      long x = (long) LONGS.get(b, i);
      // Per byte, without carries between bytes: y is the byte's low 7 bits; y + 0x60 reaches
      // 0x80 unless the byte is a control char; (y ^ c) + 0x7F reaches 0x80 unless the byte is c.
      long y = x & LOWS;
      long ordinary =
          (y + CONTROL_LIMIT) & ((y ^ QUOTES) + LOWS) & ((y ^ BACKSLASHES) + LOWS);
      long t = (x | ~ordinary) & HIGHS;
      if (t != 0) {
        return i + (Long.numberOfTrailingZeros(t) >>> 3);
      }
      i += 8;
    }
    return nextSpecialTail(i);
  }

  private int nextSpecialLatin1(int i) {
    while (i <= end - 8) {
      long x = (long) LONGS.get(b, i);
      long y = x & LOWS;
      long ordinary =
          (y + CONTROL_LIMIT)
              & ((y ^ QUOTES) + LOWS)
              & ((y ^ BACKSLASHES) + LOWS)
              & ((y ^ QUESTION_MARKS) + LOWS);
      long t = (x | ~ordinary) & HIGHS;
      if (t != 0) {
        return i + (Long.numberOfTrailingZeros(t) >>> 3);
      }
      i += 8;
    }
    return nextSpecialTail(i);
  }

  private int nextSpecialTail(int i) {
    while (i < end) {
      int c = b[i];
      if (c == '"' || c == '\\' || c < 0x20 || (latin1Input && c == '?')) {
        return i; // c < 0 for non-ASCII bytes
      }
      i++;
    }
    return end;
  }

  /** Reads a string value at {@code pos} (on its opening quote). */
  private String string(int maxChars) {
    int start = pos + 1;
    int special = nextSpecial(start);
    if (special < end && b[special] == '"') {
      int len = special - start;
      if (len >= maxChars) {
        throw giveUp();
      }
      pos = special + 1;
      return new String(b, start, len, StandardCharsets.ISO_8859_1);
    }
    return decode(start, special, maxChars);
  }

  /** Reads a name at {@code pos}; ASCII names without escapes come from the cache. */
  private String name() {
    int start = pos + 1;
    int special = nextSpecial(start);
    if (special < end && b[special] == '"') {
      int len = special - start;
      if (len >= FbJson.MAX_NAME_LENGTH) {
        throw giveUp();
      }
      pos = special + 1;
      int slot = nameSlot(start, len);
      byte[] cached = nameCacheBytes[slot];
      if (cached != null && Arrays.equals(cached, 0, cached.length, b, start, special)) {
        if (!nameCacheHot[slot]) {
          // A name met twice is a field name: intern it (the same instance as a literal, so
          // switches and equals on it are fast), and keep it whatever unique names come later.
          nameCacheHot[slot] = true;
          nameCache[slot] = nameCache[slot].intern();
        }
        return nameCache[slot];
      }
      String name = new String(b, start, len, StandardCharsets.ISO_8859_1);
      if (!nameCacheHot[slot]) {
        nameCacheBytes[slot] = Arrays.copyOfRange(b, start, special);
        nameCache[slot] = name;
      }
      return name;
    }
    return decode(start, special, FbJson.MAX_NAME_LENGTH);
  }

  /**
   * The name cache's slot for the name {@code b[start..start+len)}: a hash of its first and last
   * eight bytes and its length (a collision only costs a miss; the bytes are compared).
   */
  private int nameSlot(int start, int len) {
    long first;
    long last;
    if (start + 8 <= end) {
      first = (long) LONGS.get(b, start);
      if (len < 8) {
        first &= (1L << (8 * len)) - 1;
      }
    } else {
      first = 0;
      for (int i = start + len - 1; i >= start; i--) {
        first = (first << 8) | (b[i] & 0xFF);
      }
    }
    last = len > 8 ? (long) LONGS.get(b, start + len - 8) : 0;
    long h = (first * 0x9E3779B97F4A7C15L) ^ (last * 0xC2B2AE3D27D4EB4FL) ^ len;
    return (int) (h >>> 56) & (NAME_CACHE_SIZE - 1);
  }

  /**
   * Decodes a string whose first special byte (after {@code start}) is at {@code special}, into
   * the scratch buffers, and leaves {@link #pos} after its closing quote.
   */
  private String decode(int start, int special, int maxChars) {
    int n = 0; // chars decoded
    boolean wide = false; // chars (not latin1) holds the text
    int i = start;
    while (true) {
      // Copy the run of plain ASCII before the special byte.
      int run = special - i;
      if (run > 0) {
        if (wide) {
          ensureChars(n + run);
          for (int k = 0; k < run; k++) {
            chars[n + k] = (char) b[i + k];
          }
        } else {
          ensureLatin1(n + run);
          System.arraycopy(b, i, latin1, n, run);
        }
        n += run;
        i = special;
      }
      if (n >= maxChars) {
        throw giveUp();
      }
      if (i >= end) {
        throw giveUp(); // no closing quote
      }
      int c = b[i];
      int cp; // the code point decoded at i
      if (c == '"') {
        pos = i + 1;
        return wide ? new String(chars, 0, n) : new String(latin1, 0, n, StandardCharsets.ISO_8859_1);
      } else if (c == '\\') {
        if (i + 1 >= end) {
          throw giveUp();
        }
        switch (b[i + 1]) {
          case '"':
            cp = '"';
            break;
          case '\\':
            cp = '\\';
            break;
          case '/':
            cp = '/';
            break;
          case 'b':
            cp = '\b';
            break;
          case 'f':
            cp = '\f';
            break;
          case 'n':
            cp = '\n';
            break;
          case 'r':
            cp = '\r';
            break;
          case 't':
            cp = '\t';
            break;
          case 'u':
            {
              int u = hex4(i + 2);
              if (u >= 0xD800 && u <= 0xDBFF) {
                // A high surrogate must be followed by an escaped low one.
                if (i + 7 < end && b[i + 6] == '\\' && b[i + 7] == 'u') {
                  int low = hex4(i + 8);
                  if (low >= 0xDC00 && low <= 0xDFFF) {
                    cp = Character.toCodePoint((char) u, (char) low);
                    i += 10; // with the 2 below: both escapes, 12 bytes
                    break;
                  }
                }
                throw giveUp();
              }
              if (u >= 0xDC00 && u <= 0xDFFF) {
                throw giveUp();
              }
              cp = u;
              i += 4; // with the 2 below: 6 bytes
              break;
            }
          default:
            throw giveUp();
        }
        i += 2;
      } else if (c == '?' && latin1Input) {
        String text = source;
        if (text == null || text.charAt(i) != '?') {
          throw giveUp(); // a char above U+00FF, which the Latin-1 copy turned into '?'
        }
        cp = '?';
        i++;
      } else if (c >= 0) {
        throw giveUp(); // a raw control character
      } else if (latin1Input) {
        cp = c & 0xFF;
        i++;
      } else {
        c &= 0xFF;
        if (c < 0xC2) {
          throw giveUp();
        } else if (c < 0xE0) {
          if (i + 1 >= end || !continuation(b[i + 1])) {
            throw giveUp();
          }
          cp = ((c & 0x1F) << 6) | (b[i + 1] & 0x3F);
          i += 2;
        } else if (c < 0xF0) {
          if (i + 2 >= end) {
            throw giveUp();
          }
          int c1 = b[i + 1] & 0xFF;
          int lo = c == 0xE0 ? 0xA0 : 0x80; // no overlong 3-byte forms
          int hi = c == 0xED ? 0x9F : 0xBF; // no encoded surrogates
          if (c1 < lo || c1 > hi || !continuation(b[i + 2])) {
            throw giveUp();
          }
          cp = ((c & 0x0F) << 12) | ((c1 & 0x3F) << 6) | (b[i + 2] & 0x3F);
          i += 3;
        } else if (c < 0xF5) {
          if (i + 3 >= end) {
            throw giveUp();
          }
          int c1 = b[i + 1] & 0xFF;
          int lo = c == 0xF0 ? 0x90 : 0x80; // no overlong 4-byte forms
          int hi = c == 0xF4 ? 0x8F : 0xBF; // nothing above U+10FFFF
          if (c1 < lo || c1 > hi || !continuation(b[i + 2]) || !continuation(b[i + 3])) {
            throw giveUp();
          }
          cp = ((c & 0x07) << 18) | ((c1 & 0x3F) << 12) | ((b[i + 2] & 0x3F) << 6) | (b[i + 3] & 0x3F);
          i += 4;
        } else {
          throw giveUp();
        }
      }
      // Append the code point.
      if (!wide && cp > 0xFF) {
        wide = true;
        ensureChars(n + 2);
        for (int k = 0; k < n; k++) {
          chars[k] = (char) (latin1[k] & 0xFF);
        }
      }
      if (wide) {
        ensureChars(n + 2);
        if (cp >= 0x10000) {
          chars[n++] = Character.highSurrogate(cp);
          chars[n++] = Character.lowSurrogate(cp);
        } else {
          chars[n++] = (char) cp;
        }
      } else {
        ensureLatin1(n + 1);
        latin1[n++] = (byte) cp;
      }
      special = nextSpecial(i);
    }
  }

  private int hex4(int i) {
    if (i + 4 > end) {
      throw giveUp();
    }
    int v = 0;
    for (int k = i; k < i + 4; k++) {
      int c = b[k];
      int d;
      if (c >= '0' && c <= '9') {
        d = c - '0';
      } else if (c >= 'a' && c <= 'f') {
        d = c - 'a' + 10;
      } else if (c >= 'A' && c <= 'F') {
        d = c - 'A' + 10;
      } else {
        throw giveUp();
      }
      v = (v << 4) | d;
    }
    return v;
  }

  private static boolean continuation(byte c) {
    return (c & 0xC0) == 0x80;
  }

  private void ensureLatin1(int size) {
    if (latin1.length < size) {
      latin1 = Arrays.copyOf(latin1, Math.max(size, latin1.length * 2));
    }
  }

  private void ensureChars(int size) {
    if (chars.length < size) {
      chars = Arrays.copyOf(chars, Math.max(size, Math.max(64, chars.length * 2)));
    }
  }
}
