package io.github.fbtools.core.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * {@link FbJson}'s writer: JSON text exactly as Python's {@code json.dumps(value, indent=2,
 * ensure_ascii=False)} (pretty) or {@code json.dumps(value, ensure_ascii=False)} (compact) writes
 * it, into one growing {@code char[]}.
 *
 * <p>A string without characters to escape is copied in one bulk copy after one scan; strings
 * with escapes are copied run by run. No path string is built unless an error needs one: the keys
 * and indexes of the open containers are kept on a small stack instead.
 *
 * <p>Not thread-safe: one instance writes one document.
 */
final class JsonOutput {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final int MAX_DEPTH = 1000;

  private final boolean pretty;
  private char[] buf;
  private int count;

  /** Per open container (1-based depth): the key being written, or null in an array. */
  private String[] pathKeys = new String[16];
  /** Per open container: the index being written in an array. */
  private int[] pathIndexes = new int[16];
  private int depth;

  JsonOutput(boolean pretty, int capacity) {
    this.pretty = pretty;
    this.buf = new char[Math.max(16, capacity)];
  }

  /** Writes {@code value} pretty-printed with a final newline. */
  static String pretty(@Nullable Object value) {
    JsonOutput out = new JsonOutput(true, 256);
    out.value(value);
    out.raw('\n');
    return out.text();
  }

  /** Writes {@code value} pretty-printed with a final newline, as UTF-8. */
  static byte[] prettyUtf8(@Nullable Object value) {
    JsonOutput out = new JsonOutput(true, 256);
    out.value(value);
    out.raw('\n');
    return out.utf8();
  }

  /** Writes {@code value} on one line. */
  static String compact(@Nullable Object value) {
    JsonOutput out = new JsonOutput(false, 128);
    out.value(value);
    return out.text();
  }

  String text() {
    return new String(buf, 0, count);
  }

  byte[] utf8() {
    return text().getBytes(StandardCharsets.UTF_8);
  }

  // ---------------------------------------------------------------------------------------

  void value(@Nullable Object value) {
    if (value == null) {
      raw("null");
    } else if (value instanceof String) {
      string((String) value);
    } else if (value instanceof Map) {
      object((Map<?, ?>) value);
    } else if (value instanceof List) {
      array((List<?>) value);
    } else if (value instanceof Boolean) {
      raw(((Boolean) value).booleanValue() ? "true" : "false");
    } else if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte
        || value instanceof BigInteger) {
      raw(value.toString());
    } else if (value instanceof Double
        || value instanceof Float
        || value instanceof BigDecimal) {
      double d = ((Number) value).doubleValue();
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException("JSON cannot represent " + d + " at " + pathOrSlash());
      }
      raw(PythonFloat.repr(d, ""));
    } else {
      throw new IllegalArgumentException(
          "not a JSON value: " + value.getClass().getName() + " at " + pathOrSlash());
    }
  }

  private void object(Map<?, ?> map) {
    if (map.isEmpty()) {
      raw("{}");
      return;
    }
    raw('{');
    push();
    if (map instanceof JsonObject) {
      JsonObject o = (JsonObject) map;
      for (int i = 0, n = o.size(); i < n; i++) {
        member(i == 0, o.keyAt(i), o.valueAt(i));
      }
    } else {
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        Object key = e.getKey();
        if (!(key instanceof String)) {
          depth--;
          throw new IllegalArgumentException(
              "JSON object keys must be strings, found "
                  + FbJson.typeName(key)
                  + " at "
                  + path());
        }
        member(first, (String) key, e.getValue());
        first = false;
      }
    }
    depth--;
    newline();
    raw('}');
  }

  private void member(boolean first, String key, @Nullable Object value) {
    pathKeys[depth] = key;
    if (!first) {
      raw(',');
      if (!pretty) {
        raw(' ');
      }
    }
    newline();
    string(key);
    raw(':');
    raw(' ');
    value(value);
  }

  private void array(List<?> list) {
    if (list.isEmpty()) {
      raw("[]");
      return;
    }
    raw('[');
    push();
    pathKeys[depth] = null;
    for (int i = 0, n = list.size(); i < n; i++) {
      pathIndexes[depth] = i;
      if (i > 0) {
        raw(',');
        if (!pretty) {
          raw(' ');
        }
      }
      newline();
      value(list.get(i));
    }
    depth--;
    newline();
    raw(']');
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
      buf[count++] = '\n';
      Arrays.fill(buf, count, count + n, ' ');
      count += n;
    }
  }

  /**
   * Writes {@code s} as a JSON string: quoted, with {@code "}, {@code \}, and the C0 controls
   * escaped as Python escapes them, everything else (non-ASCII included) as it is.
   */
  void string(String s) {
    int len = s.length();
    ensure(len + 2);
    buf[count++] = '"';
    int from = 0;
    while (true) {
      int special = nextSpecial(s, from, len);
      int run = special - from;
      if (run > 0) {
        ensure(run + 1);
        s.getChars(from, special, buf, count);
        count += run;
      }
      if (special == len) {
        break;
      }
      from = special + 1 + escape(s, special);
    }
    ensure(1);
    buf[count++] = '"';
  }

  /** The index of the first char at or after {@code from} that is not copied as it is. */
  private static int nextSpecial(String s, int from, int len) {
    for (int i = from; i < len; i++) {
      char c = s.charAt(i);
      if (c <= '\\') {
        if (c < 0x20 || c == '"' || c == '\\') {
          return i;
        }
      } else if ((c & 0xF800) == 0xD800) {
        return i;
      }
    }
    return len;
  }

  /**
   * Writes the special char at {@code i}: an escape, or a valid surrogate pair as it is.
   *
   * @return how many chars after {@code i} were written too (1 for a pair, else 0)
   */
  private int escape(String s, int i) {
    char c = s.charAt(i);
    ensure(6);
    switch (c) {
      case '"':
        buf[count++] = '\\';
        buf[count++] = '"';
        return 0;
      case '\\':
        buf[count++] = '\\';
        buf[count++] = '\\';
        return 0;
      case '\n':
        buf[count++] = '\\';
        buf[count++] = 'n';
        return 0;
      case '\r':
        buf[count++] = '\\';
        buf[count++] = 'r';
        return 0;
      case '\t':
        buf[count++] = '\\';
        buf[count++] = 't';
        return 0;
      case '\b':
        buf[count++] = '\\';
        buf[count++] = 'b';
        return 0;
      case '\f':
        buf[count++] = '\\';
        buf[count++] = 'f';
        return 0;
      default:
        if (c < 0x20) {
          buf[count++] = '\\';
          buf[count++] = 'u';
          buf[count++] = '0';
          buf[count++] = '0';
          buf[count++] = HEX[c >> 4];
          buf[count++] = HEX[c & 0xF];
          return 0;
        }
        if (Character.isHighSurrogate(c)
            && i + 1 < s.length()
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          buf[count++] = c;
          buf[count++] = s.charAt(i + 1);
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

  private void raw(char c) {
    ensure(1);
    buf[count++] = c;
  }

  private void raw(String s) {
    int n = s.length();
    ensure(n);
    s.getChars(0, n, buf, count);
    count += n;
  }

  private void ensure(int more) {
    if (buf.length - count < more) {
      long wanted = Math.max((long) buf.length * 2, (long) count + more);
      if (wanted > Integer.MAX_VALUE - 16) {
        throw new IllegalArgumentException("JSON text longer than a Java array can hold");
      }
      buf = Arrays.copyOf(buf, (int) wanted);
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
