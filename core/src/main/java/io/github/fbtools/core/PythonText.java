package io.github.fbtools.core;

import java.util.Comparator;

/**
 * The few Python string semantics the file formats depend on: ordering by code point (Python's
 * {@code sorted()} on {@code str}) and Python's notion of whitespace ({@code str.isspace()}, used
 * by {@code str.strip()}).
 *
 * <p>Java's {@link String#compareTo} compares UTF-16 units, which disagrees with Python when a
 * supplementary character (U+1F600) meets a BMP character at or above U+E000 (U+FF21).
 *
 * <pre>{@code
 * List<String> names = new ArrayList<>(collection.prompts().keySet());
 * names.sort(PythonText.CODE_POINT_ORDER);
 * String joined = PythonText.strip("  lead  tail \u3000");   // "lead  tail"
 * }</pre>
 *
 * <p>This class is stateless and thread-safe.
 */
public final class PythonText {
  /** Orders strings by Unicode code point, as Python sorts {@code str}. */
  public static final Comparator<String> CODE_POINT_ORDER = PythonText::compareCodePoints;

  private PythonText() {}

  /**
   * Compares two strings by code point.
   *
   * @param a first string
   * @param b second string
   * @return negative, zero or positive as {@code a} sorts before, with or after {@code b}
   */
  public static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  /**
   * Tells whether a code point is whitespace for Python's {@code str.isspace()}.
   *
   * @param cp a code point
   * @return true for U+0009..U+000D, U+001C..U+0020, U+0085, U+00A0, U+1680, U+2000..U+200A,
   *     U+2028, U+2029, U+202F, U+205F and U+3000
   */
  public static boolean isWhitespace(int cp) {
    return (cp >= 0x09 && cp <= 0x0d)
        || (cp >= 0x1c && cp <= 0x20)
        || cp == 0x85
        || cp == 0xa0
        || cp == 0x1680
        || (cp >= 0x2000 && cp <= 0x200a)
        || cp == 0x2028
        || cp == 0x2029
        || cp == 0x202f
        || cp == 0x205f
        || cp == 0x3000;
  }

  /**
   * Removes leading and trailing whitespace as Python's {@code str.strip()} does.
   *
   * @param s any string
   * @return {@code s} without Python whitespace at either end
   */
  public static String strip(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isWhitespace(s.charAt(start))) {
      start++;
    }
    while (end > start && isWhitespace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }
}
