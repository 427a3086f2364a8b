package io.github.fbtools.core.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Strict UTF-8 validation, eight ASCII bytes at a time. "Strict" is what the JDK's decoder with
 * {@code CodingErrorAction.REPORT} accepts: no overlong forms, no encoded surrogates, nothing above
 * U+10FFFF, no truncated sequence. {@link Parsing#decodeUtf8} validates with it before letting
 * {@code new String(bytes, UTF_8)} (which would replace bad bytes silently) decode.
 *
 * <p>Stateless and thread-safe.
 */
final class Utf8 {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGHS = 0x8080808080808080L;

  private Utf8() {}

  /**
   * Tells whether {@code b[from..]} is valid UTF-8.
   *
   * @return true if valid
   */
  static boolean isValid(byte[] b, int from) {
    final int n = b.length;
    int i = from;
    while (i < n) {
      if (i <= n - 8 && ((long) LONGS.get(b, i) & HIGHS) == 0) {
        i += 8;
        continue;
      }
      int c = b[i];
      if (c >= 0) {
        i++;
        continue;
      }
      c &= 0xFF;
      if (c < 0xC2) {
        return false; // a continuation byte, or an overlong 2-byte form (C0, C1)
      } else if (c < 0xE0) {
        if (i + 1 >= n || !continuation(b[i + 1])) {
          return false;
        }
        i += 2;
      } else if (c < 0xF0) {
        if (i + 2 >= n) {
          return false;
        }
        int c1 = b[i + 1] & 0xFF;
        int lo = c == 0xE0 ? 0xA0 : 0x80; // no overlong 3-byte forms
        int hi = c == 0xED ? 0x9F : 0xBF; // no encoded surrogates
        if (c1 < lo || c1 > hi || !continuation(b[i + 2])) {
          return false;
        }
        i += 3;
      } else if (c < 0xF5) {
        if (i + 3 >= n) {
          return false;
        }
        int c1 = b[i + 1] & 0xFF;
        int lo = c == 0xF0 ? 0x90 : 0x80; // no overlong 4-byte forms
        int hi = c == 0xF4 ? 0x8F : 0xBF; // nothing above U+10FFFF
        if (c1 < lo || c1 > hi || !continuation(b[i + 2]) || !continuation(b[i + 3])) {
          return false;
        }
        i += 4;
      } else {
        return false;
      }
    }
    return true;
  }

  private static boolean continuation(byte b) {
    return (b & 0xC0) == 0x80;
  }
}
