package io.github.fbtools.core;

import java.util.Comparator;
import java.util.Locale;

/**
 * The few Python string semantics the file formats depend on: ordering by code point (Python's
 * {@code sorted()} on {@code str}), Python's notion of whitespace ({@code str.isspace()}, used by
 * {@code str.strip()}) and its lower case ({@code str.lower()} of CPython 3.11, the reference's
 * version, used to normalise Libber keys).
 *
 * <p>Java's {@link String#compareTo} compares UTF-16 units, which disagrees with Python when a
 * supplementary character (U+1F600) meets a BMP character at or above U+E000 (U+FF21).
 *
 * <!-- given: PromptCollection collection -->
 * <pre>{@code
 * List<String> names = new ArrayList<>(collection.prompts().keySet());
 * names.sort(PythonText.CODE_POINT_ORDER);
 * String joined = PythonText.strip("  lead  tail \u3000");   // "lead  tail"
 * String key = PythonText.lower("\uA7C0 Old Polish O");       // "\uA7C1 old polish o"
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

  /**
   * Lower-cases a string as CPython 3.11's {@code str.lower()} does (Unicode 14.0), whatever
   * Unicode version this JVM has: Java's {@link String#toLowerCase(Locale) toLowerCase}({@link
   * Locale#ROOT}) (full case mapping, {@code U+0130} to two code points, the final sigma rule),
   * corrected for the letters whose lower case Unicode 14.0 added (Java 17 has Unicode 13.0:
   * {@code U+2C2F}, {@code U+A7C0}, {@code U+A7D0}, {@code U+A7D6}, {@code U+A7D8} and the
   * Vithkuqi capitals {@code U+10570..U+10595}) and for those that later versions added (Java 21
   * to 25 lower-case {@code U+1C89}, {@code U+A7CB}, {@code U+A7CC}, {@code U+A7DA}, {@code
   * U+A7DC} and the Garay capitals {@code U+10D50..U+10D65}; CPython 3.11 keeps them).
   *
   * <p>One corner is not covered: whether a {@code Σ} next to one of those letters is a final
   * sigma follows this JVM's Unicode version.
   *
   * @param s any string
   * @return its lower case, as CPython 3.11 gives it
   */
  public static String lower(String s) {
    String lowered = s.toLowerCase(Locale.ROOT);
    if (!hasVersionDependentLetter(s)) {
      return lowered;
    }
    StringBuilder sb = new StringBuilder(lowered.length());
    int j = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      int start = j;
      // Java lower-cases code point by code point; only U+0130 becomes two code points.
      int produced = cp == 0x130 ? 2 : 1;
      for (int k = 0; k < produced; k++) {
        j += Character.charCount(lowered.codePointAt(j));
      }
      int fixed = unicode14Lower(cp);
      if (fixed < 0) {
        sb.append(lowered, start, j);
      } else {
        sb.appendCodePoint(fixed);
      }
    }
    return sb.toString();
  }

  private static boolean hasVersionDependentLetter(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0x1C89 || c == 0x2C2F || (c >= 0xA7C0 && c <= 0xA7DC) || (c == 0xD801)
          || c == 0xD803) {
        return true; // U+105xx and U+10Dxx start with these high surrogates
      }
    }
    return false;
  }

  /**
   * The lower case CPython 3.11 gives a letter whose lower case depends on the Unicode version,
   * or -1 for any other code point (Java's lower case is then CPython's).
   */
  private static int unicode14Lower(int cp) {
    switch (cp) {
      // Added in Unicode 14.0.
      case 0x2C2F:
        return 0x2C5F;
      case 0xA7C0:
      case 0xA7D0:
      case 0xA7D6:
      case 0xA7D8:
        return cp + 1;
      // Added in Unicode 15.0 to 16.0: not lower-cased by CPython 3.11.
      case 0x1C89:
      case 0xA7CB:
      case 0xA7CC:
      case 0xA7DA:
      case 0xA7DC:
        return cp;
      default:
        break;
    }
    if ((cp >= 0x10570 && cp <= 0x1057A)
        || (cp >= 0x1057C && cp <= 0x1058A)
        || (cp >= 0x1058C && cp <= 0x10592)
        || (cp >= 0x10594 && cp <= 0x10595)) {
      return cp + 0x27; // Vithkuqi, Unicode 14.0
    }
    if (cp >= 0x10D50 && cp <= 0x10D65) {
      return cp; // Garay, Unicode 16.0
    }
    return -1;
  }
}
