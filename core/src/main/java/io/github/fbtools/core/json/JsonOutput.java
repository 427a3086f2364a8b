package io.github.fbtools.core.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import javax.annotation.Nullable;

/**
 * {@link FbJson}'s writer: JSON text exactly as Python's {@code json.dumps(value, indent=2,
 * ensure_ascii=False)} (pretty) or {@code json.dumps(value, ensure_ascii=False)} (compact) writes
 * it, into one growing buffer.
 *
 * <p>The buffer holds Latin-1 bytes, one per char, for as long as every char written fits; the
 * first char above U+00FF turns it into a {@code char[]}. So text that is Latin-1 (most prompt
 * text) costs one byte per char and becomes a {@code String} or UTF-8 with a plain copy. Each
 * string is scanned once for the chars it must escape (a table lookup per char) and copied in bulk
 * between them. Maps are written through {@link Map#forEach}, so no entry objects are made. No
 * path string is built unless an error needs one: the keys and indexes of the open containers are
 * kept on a small stack instead.
 *
 * <p>Why this class is long: byte-for-byte agreement with Python's {@code json.dumps} (indents,
 * separators, escapes, float repr) and the two buffer forms are one contract; split, every part
 * would have to restate the buffer's invariants, and the speed comes from them being inlined.
 *
 * <p>Not thread-safe: one instance writes one document.
 */
final class JsonOutput {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGHS = 0x8080808080808080L;
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_DEPTH = 1000;

  /** Chars up to U+00FF that a JSON string must escape: {@code "}, {@code \} and C0 controls. */
  private static final boolean[] ESCAPED = new boolean[256];

  static {
    for (int c = 0; c < 0x20; c++) {
      ESCAPED[c] = true;
    }
    ESCAPED['"'] = true;
    ESCAPED['\\'] = true;
  }

  private final boolean pretty;

  /** The text while every char is Latin-1 ({@link #wide} false). */
  private byte[] bytes;
  /** The text once a char above U+00FF was written ({@link #wide} true). */
  private char[] chars = new char[0];

  private boolean wide;
  private int count;

  /** Per open container (1-based depth): the key being written, or null in an array. */
  private String[] pathKeys = new String[16];
  /** Per open container: the index being written (in an object: members written so far). */
  private int[] pathIndexes = new int[16];

  private int depth;

  /** Writes one member of the object at {@link #depth}; see {@link #object}. */
  private final BiConsumer<Object, Object> member = this::member;

  JsonOutput(boolean pretty, int capacity) {
    this.pretty = pretty;
    this.bytes = new byte[Math.max(16, capacity)];
  }

  /** Writes {@code value} pretty-printed with a final newline. */
  static String pretty(@Nullable Object value) {
    JsonOutput out = new JsonOutput(true, capacityFor(value));
    out.value(value);
    out.put('\n');
    return out.text();
  }

  /** Writes {@code value} pretty-printed with a final newline, as UTF-8. */
  static byte[] prettyUtf8(@Nullable Object value) {
    JsonOutput out = new JsonOutput(true, capacityFor(value));
    out.value(value);
    out.put('\n');
    return out.utf8();
  }

  /** Writes {@code value} on one line. */
  static String compact(@Nullable Object value) {
    JsonOutput out = new JsonOutput(false, 256);
    out.value(value);
    return out.text();
  }

  /**
   * A buffer size for the pretty text of {@code value}: its length without escapes, counted from
   * string lengths and sizes (no char is looked at), plus a little. Growing a buffer from small to
   * large copies and allocates about twice the text; counting first walks the value once more.
   */
  private static int capacityFor(@Nullable Object value) {
    long n = estimate(value, 0);
    return (int) Math.min(n + (n >> 5) + 64, 1 << 26);
  }

  private static long estimate(@Nullable Object value, int depth) {
    if (value instanceof String s) {
      return s.length() + 2;
    } else if (value instanceof Map<?, ?> map) {
      long n = 2 + 2 * depth;
      if (map instanceof JsonObject o) {
        for (int i = 0, size = o.size(); i < size; i++) {
          n += o.keyAt(i).length() + 6 + 2 * depth + estimate(o.valueAt(i), depth + 1);
        }
      } else {
        long[] sum = {n};
        map.forEach(
            (k, v) -> sum[0] += String.valueOf(k).length() + 6 + 2 * depth + estimate(v, depth + 1));
        n = sum[0];
      }
      return n;
    } else if (value instanceof List<?> list) {
      long n = 2 + 2 * depth;
      for (int i = 0, size = list.size(); i < size; i++) {
        n += 4 + 2 * depth + estimate(list.get(i), depth + 1);
      }
      return n;
    }
    return 8;
  }

  String text() {
    return wide
        ? new String(chars, 0, count)
        : new String(bytes, 0, count, StandardCharsets.ISO_8859_1);
  }

  byte[] utf8() {
    if (wide) {
      return text().getBytes(StandardCharsets.UTF_8);
    }
    // Latin-1 to UTF-8: bytes below 0x80 stay, the others become two bytes each.
    int high = 0;
    int i = 0;
    for (; i <= count - 8; i += 8) {
      high += Long.bitCount((long) LONGS.get(bytes, i) & HIGHS);
    }
    for (; i < count; i++) {
      high += bytes[i] >>> 31;
    }
    if (high == 0) {
      return Arrays.copyOf(bytes, count);
    }
    byte[] out = new byte[count + high];
    int o = 0;
    int from = 0;
    while (from < count) {
      int h = nextHigh(from);
      System.arraycopy(bytes, from, out, o, h - from);
      o += h - from;
      if (h == count) {
        break;
      }
      int c = bytes[h] & 0xFF;
      out[o++] = (byte) (0xC0 | (c >> 6));
      out[o++] = (byte) (0x80 | (c & 0x3F));
      from = h + 1;
    }
    return out;
  }

  /** The index of the first byte from 0x80 up at or after {@code i} in the buffer, or count. */
  private int nextHigh(int i) {
    for (; i <= count - 8; i += 8) {
      long x = (long) LONGS.get(bytes, i) & HIGHS;
      if (x != 0) {
        return i + (Long.numberOfTrailingZeros(x) >>> 3);
      }
    }
    for (; i < count; i++) {
      if (bytes[i] < 0) {
        return i;
      }
    }
    return count;
  }

  // ---------------------------------------------------------------------------------------

  void value(@Nullable Object value) {
    if (value instanceof String s) {
      string(s);
    } else if (value == null) {
      put("null");
    } else if (value instanceof Map<?, ?> map) {
      object(map);
    } else if (value instanceof List<?> list) {
      array(list);
    } else if (value instanceof Boolean b) {
      put(b ? "true" : "false");
    } else if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte
        || value instanceof BigInteger) {
      put(value.toString());
    } else if (value instanceof Number number
        && (number instanceof Double || number instanceof Float || number instanceof BigDecimal)) {
      double d = number.doubleValue();
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException("JSON cannot represent " + d + " at " + pathOrSlash());
      }
      put(PythonFloat.repr(d, ""));
    } else {
      throw new IllegalArgumentException(
          "not a JSON value: " + value.getClass().getName() + " at " + pathOrSlash());
    }
  }

  private void object(Map<?, ?> map) {
    if (map.isEmpty()) {
      put("{}");
      return;
    }
    put('{');
    push();
    pathIndexes[depth] = 0;
    if (map instanceof JsonObject o) {
      for (int i = 0, n = o.size(); i < n; i++) {
        member(o.keyAt(i), o.valueAt(i));
      }
    } else {
      map.forEach(member);
    }
    depth--;
    newline();
    put('}');
  }

  private void member(@Nullable Object key, @Nullable Object value) {
    if (!(key instanceof String name)) {
      depth--;
      throw new IllegalArgumentException(
          "JSON object keys must be strings, found " + FbJson.typeName(key) + " at " + path());
    }
    pathKeys[depth] = name;
    if (pathIndexes[depth]++ > 0) {
      put(',');
      if (!pretty) {
        put(' ');
      }
    }
    newline();
    string((String) key);
    put(':');
    put(' ');
    value(value);
  }

  private void array(List<?> list) {
    if (list.isEmpty()) {
      put("[]");
      return;
    }
    put('[');
    push();
    pathKeys[depth] = null;
    for (int i = 0, n = list.size(); i < n; i++) {
      pathIndexes[depth] = i;
      if (i > 0) {
        put(',');
        if (!pretty) {
          put(' ');
        }
      }
      newline();
      value(list.get(i));
    }
    depth--;
    newline();
    put(']');
  }

  private void push() {
    if (++depth == pathKeys.length) {
      if (depth >= MAX_DEPTH) {
        throw new IllegalArgumentException(
            "JSON value nested deeper than " + MAX_DEPTH + " levels (a cycle?) at " + path());
      }
      pathKeys = Arrays.copyOf(pathKeys, depth * 2);
      pathIndexes = Arrays.copyOf(pathIndexes, depth * 2);
    }
  }

  private void newline() {
    if (pretty) {
      int n = 2 * depth;
      ensure(n + 1);
      if (wide) {
        chars[count] = '\n';
        Arrays.fill(chars, count + 1, count + 1 + n, ' ');
      } else {
        bytes[count] = '\n';
        Arrays.fill(bytes, count + 1, count + 1 + n, (byte) ' ');
      }
      count += n + 1;
    }
  }

  /**
   * Writes {@code s} as a JSON string: quoted, with {@code "}, {@code \}, and the C0 controls
   * escaped as Python escapes them, everything else (non-ASCII included) as it is.
   */
  void string(String s) {
    int len = s.length();
    ensure(len + 2);
    put('"');
    int from = 0;
    while (true) {
      int special = wide ? nextSpecialWide(s, from, len) : nextSpecialLatin1(s, from, len);
      if (special > from) {
        copy(s, from, special);
      }
      if (special == len) {
        break;
      }
      char c = s.charAt(special);
      if (c > 0xFF && !wide) {
        inflate(); // then look at this char again, as the wide buffer sees it
        from = special;
        continue;
      }
      from = special + 1 + escape(s, special);
    }
    put('"');
  }

  /** The index of the first char at or after {@code from} that is escaped or above U+00FF. */
  private static int nextSpecialLatin1(String s, int from, int len) {
    for (int i = from; i < len; i++) {
      char c = s.charAt(i);
      if (c > 0xFF || ESCAPED[c]) {
        return i;
      }
    }
    return len;
  }

  /** The index of the first char at or after {@code from} that is escaped or a surrogate. */
  private static int nextSpecialWide(String s, int from, int len) {
    for (int i = from; i < len; i++) {
      char c = s.charAt(i);
      if (c > 0xFF ? Character.isSurrogate(c) : ESCAPED[c]) {
        return i;
      }
    }
    return len;
  }

  /** Copies {@code s[from..to)}, whose chars are known to fit the buffer as it is. */
  @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int) keeps the low byte: exact here
  private void copy(String s, int from, int to) {
    int n = to - from;
    ensure(n);
    if (wide) {
      s.getChars(from, to, chars, count);
    } else {
      s.getBytes(from, to, bytes, count);
    }
    count += n;
  }

  /**
   * Writes the special char at {@code i}: an escape, or a valid surrogate pair as it is.
   *
   * @return how many chars after {@code i} were written too (1 for a pair, else 0)
   */
  private int escape(String s, int i) {
    char c = s.charAt(i);
    switch (c) {
      case '"':
        put('\\', '"');
        return 0;
      case '\\':
        put('\\', '\\');
        return 0;
      case '\n':
        put('\\', 'n');
        return 0;
      case '\r':
        put('\\', 'r');
        return 0;
      case '\t':
        put('\\', 't');
        return 0;
      case '\b':
        put('\\', 'b');
        return 0;
      case '\f':
        put('\\', 'f');
        return 0;
      default:
        if (c < 0x20) {
          put('\\', 'u');
          put('0', '0');
          put((char) HEX[c >> 4], (char) HEX[c & 0xF]);
          return 0;
        }
        if (Character.isHighSurrogate(c)
            && i + 1 < s.length()
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          put(c, s.charAt(i + 1)); // the buffer is wide: surrogates are above U+00FF
          return 1;
        }
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "unpaired surrogate \\u%04x at index %d of a string at %s: not encodable as UTF-8",
                (int) c,
                i,
                pathOrSlash()));
    }
  }

  /** Switches the buffer to chars. */
  private void inflate() {
    char[] c = new char[Math.max(bytes.length, 16)];
    for (int i = 0; i < count; i++) {
      c[i] = (char) (bytes[i] & 0xFF);
    }
    chars = c;
    bytes = new byte[0];
    wide = true;
  }

  /** Writes an ASCII char. */
  private void put(char c) {
    ensure(1);
    if (wide) {
      chars[count++] = c;
    } else {
      bytes[count++] = (byte) c;
    }
  }

  /** Writes two chars: ASCII, or (only when wide) anything. */
  private void put(char c1, char c2) {
    ensure(2);
    if (wide) {
      chars[count++] = c1;
      chars[count++] = c2;
    } else {
      bytes[count++] = (byte) c1;
      bytes[count++] = (byte) c2;
    }
  }

  /** Writes ASCII text. */
  private void put(String ascii) {
    copy(ascii, 0, ascii.length());
  }

  private void ensure(int more) {
    int capacity = wide ? chars.length : bytes.length;
    if (capacity - count < more) {
      long wanted = Math.max((long) capacity * 2, (long) count + more);
      if (wanted > Integer.MAX_VALUE - 16) {
        throw new IllegalArgumentException("JSON text longer than a Java array can hold");
      }
      if (wide) {
        chars = Arrays.copyOf(chars, (int) wanted);
      } else {
        bytes = Arrays.copyOf(bytes, (int) wanted);
      }
    }
  }

  // ---------------------------------------------------------------------------------------
  // Paths, only for error messages

  /** The JSON pointer of the value being written; "" at the top. */
  private String path() {
    StringBuilder sb = new StringBuilder();
    for (int d = 1; d <= depth; d++) {
      sb.append('/');
      if (pathKeys[d] != null) {
        sb.append(FbJson.escapePointer(pathKeys[d]));
      } else {
        sb.append(pathIndexes[d]);
      }
    }
    return sb.toString();
  }

  private String pathOrSlash() {
    String p = path();
    return p.isEmpty() ? "/" : p;
  }
}
