package io.github.fbtools.core.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Damages JSON documents the way files and fuzzers do, for differential tests of parsers: byte
 * flips (to random bytes and to bytes that matter to JSON and UTF-8), insertions of snippets that
 * probe a parser's edge cases (surrogate escapes, byte-order marks, NUL, huge numbers, duplicate
 * members, deep nesting), deletions, repeated ranges (which often repeat a key) and truncation.
 */
public final class JsonMutator {
  private static final byte[] SPECIAL_BYTES = {
    '"', '\\', '{', '}', '[', ']', ',', ':', ' ', '\n', '\t', 'u', 'e', '-', '.', '0', '1', 0x00,
    0x1f, 0x7f, (byte) 0x80, (byte) 0xbf, (byte) 0xc0, (byte) 0xc1, (byte) 0xc3, (byte) 0xe0,
    (byte) 0xed, (byte) 0xef, (byte) 0xf0, (byte) 0xf4, (byte) 0xf5, (byte) 0xfe, (byte) 0xff
  };

  private static final String[] SNIPPETS = {
    "\\ud800", "\\udc00", "\\ud83d\\ude00", "\\ud83d", "\\u0000", "\\u00e9", "\\uDBFF\\uDFFF",
    "\\u12", "\\x41", "\\/", "\\b\\f\\n\\r\\t", "\ufeff", "\u0000", "\u00e9", "\u4e2d", "\ud83d\ude00",
    "1e999", "-1e999", "-0", "-0.0", "1.0", "1E+2", "123456789012345678901234567890",
    "9223372036854775807", "9223372036854775808", "-9223372036854775809", "0.1", "1e-400",
    "null", "true", "false", "NaN", "Infinity", "[]", "{}", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
    ",\"k\": 1", ",\"value\": \"v\"", ",\"version\": 1", ",\"version\": 2", ",\"prompts\": {}",
    ",\"prompts\": []", ",\"compositions\": {}", ",\"tags\": [\"t\"]", ",\"tags\": null",
    ",\"key\": \"p\"", ",\"name\": \"c\"", ",\"scene_flags\": {\"use_depth\": true}",
    ",\"v1_backup\": {}", "\"\": \"\",", "//", "/*", "'", "\r\n", " "
  };

  private JsonMutator() {}

  /**
   * Applies one to three random mutations to a copy of {@code doc}.
   *
   * @param r the seeded source
   * @param doc a document (usually valid)
   * @return the mutated bytes
   */
  public static byte[] mutate(SplittableRandom r, byte[] doc) {
    byte[] b = doc.clone();
    for (int n = 1 + r.nextInt(3); n > 0; n--) {
      b = mutateOnce(r, b);
    }
    return b;
  }

  private static byte[] mutateOnce(SplittableRandom r, byte[] b) {
    int at = b.length == 0 ? 0 : r.nextInt(b.length + 1);
    switch (r.nextInt(8)) {
      case 0:
        if (b.length > 0) {
          b[Math.min(at, b.length - 1)] = (byte) r.nextInt(256);
        }
        return b;
      case 1:
        if (b.length > 0) {
          b[Math.min(at, b.length - 1)] = SPECIAL_BYTES[r.nextInt(SPECIAL_BYTES.length)];
        }
        return b;
      case 2:
      case 3:
        return insert(b, at, SNIPPETS[r.nextInt(SNIPPETS.length)].getBytes(StandardCharsets.UTF_8));
      case 4:
        {
          int len = Math.min(b.length - at, 1 + r.nextInt(8));
          return delete(b, at, len);
        }
      case 5:
        {
          // Repeat a range right after itself: often a member, which becomes a duplicate key.
          int len = Math.min(b.length - at, 1 + r.nextInt(40));
          return insert(b, at + len, Arrays.copyOfRange(b, at, at + len));
        }
      case 6:
        return Arrays.copyOf(b, at);
      default:
        {
          // Swap two ASCII letters' case or digits: small changes to names and numbers.
          if (b.length > 0) {
            int i = Math.min(at, b.length - 1);
            if (b[i] >= 'a' && b[i] <= 'z') {
              b[i] = (byte) (b[i] - 32);
            } else if (b[i] >= '0' && b[i] <= '8') {
              b[i]++;
            }
          }
          return b;
        }
    }
  }

  private static byte[] insert(byte[] b, int at, byte[] what) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + what.length);
    out.write(b, 0, at);
    out.write(what, 0, what.length);
    out.write(b, at, b.length - at);
    return out.toByteArray();
  }

  private static byte[] delete(byte[] b, int at, int len) {
    byte[] out = new byte[b.length - len];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(b, at + len, out, at, b.length - at - len);
    return out;
  }
}
