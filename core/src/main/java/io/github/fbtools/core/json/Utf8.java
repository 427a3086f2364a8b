package io.github.fbtools.core.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Strict UTF-8 validation of a document's bytes, eight ASCII bytes at a time. "Strict" is what the
 * JDK's decoder with {@code CodingErrorAction.REPORT} accepts: no overlong forms, no encoded
 * surrogates, nothing above U+10FFFF, no truncated sequence.
 *
 * <p>Stateless and thread-safe.
 */
final class Utf8 {
  /** {@link #scan} result bit: the bytes are not valid UTF-8. */
  static final int INVALID = 1;

  /**
   * {@link #scan} result bit: a backslash is followed by {@code u} somewhere, so a JSON string may
   * hold a {@code \}{@code uXXXX} escape (the only way valid UTF-8 JSON can spell an unpaired
   * surrogate).
   */
  static final int UNICODE_ESCAPE = 2;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;

  private Utf8() {}

  /**
   * Validates {@code b[from..]} and reports what a parser needs to know about it.
   *
   * @return a combination of {@link #INVALID} and {@link #UNICODE_ESCAPE} (0 for valid UTF-8
   *     without {@code \}{@code u}); scanning stops at the first invalid byte
   */
  static int scan(byte[] b, int from) {
    final int n = b.length;
    int flags = 0;
    int i = from;
    while (i < n) {
      if (i <= n - 8) {
        long x = (long) LONGS.get(b, i);
        long bs = x ^ BACKSLASHES;
        // Bytes that are '\\' (zero after the xor); a byte right after one may be flagged too,
        // which only costs a look at the byte after it.
        long backslashes = (bs - ONES) & ~bs & HIGHS;
        if ((x & HIGHS) == 0) {
          while (backslashes != 0) {
            int next = i + (Long.numberOfTrailingZeros(backslashes) >>> 3) + 1;
            if (next < n && b[next] == 'u') {
              flags |= UNICODE_ESCAPE;
            }
            backslashes &= backslashes - 1;
          }
          i += 8;
          continue;
        }
        // Non-ASCII in this word: check its bytes one by one from here.
      }
      int c = b[i];
      if (c >= 0) {
        if (c == '\\' && i + 1 < n && b[i + 1] == 'u') {
          flags |= UNICODE_ESCAPE;
        }
        i++;
        continue;
      }
      c &= 0xFF;
      if (c < 0xC2) {
        return flags | INVALID; // a continuation byte, or an overlong 2-byte form (C0, C1)
      } else if (c < 0xE0) {
        if (i + 1 >= n || !continuation(b[i + 1])) {
          return flags | INVALID;
        }
        i += 2;
      } else if (c < 0xF0) {
        if (i + 2 >= n) {
          return flags | INVALID;
        }
        int c1 = b[i + 1] & 0xFF;
        int lo = c == 0xE0 ? 0xA0 : 0x80; // no overlong 3-byte forms
        int hi = c == 0xED ? 0x9F : 0xBF; // no encoded surrogates
        if (c1 < lo || c1 > hi || !continuation(b[i + 2])) {
          return flags | INVALID;
        }
        i += 3;
      } else if (c < 0xF5) {
        if (i + 3 >= n) {
          return flags | INVALID;
        }
        int c1 = b[i + 1] & 0xFF;
        int lo = c == 0xF0 ? 0x90 : 0x80; // no overlong 4-byte forms
        int hi = c == 0xF4 ? 0x8F : 0xBF; // nothing above U+10FFFF
        if (c1 < lo || c1 > hi || !continuation(b[i + 2]) || !continuation(b[i + 3])) {
          return flags | INVALID;
        }
        i += 4;
      } else {
        return flags | INVALID;
      }
    }
    return flags;
  }

  private static boolean continuation(byte b) {
    return (b & 0xC0) == 0x80;
  }
}
