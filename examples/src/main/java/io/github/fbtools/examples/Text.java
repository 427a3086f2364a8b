package io.github.fbtools.examples;

import java.util.ArrayList;
import java.util.List;

/** Small text helpers for the command line's output. Stateless. */
final class Text {
  private Text() {}

  /**
   * Quotes a value for a one-line message: in double quotes, with control characters, quotes and
   * backslashes escaped, and cut after 200 code points.
   */
  static String quoted(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    int count = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (++count > 200) {
        sb.append("...");
        break;
      }
      if (cp == '"' || cp == '\\') {
        sb.append('\\').appendCodePoint(cp);
      } else if (cp == '\n') {
        sb.append("\\n");
      } else if (cp == '\t') {
        sb.append("\\t");
      } else if (cp == '\r') {
        sb.append("\\r");
      } else if (Character.isISOControl(cp)) {
        sb.append(String.format("\\u%04x", cp));
      } else {
        sb.appendCodePoint(cp);
      }
    }
    return sb.append('"').toString();
  }

  /** Makes a message one line: line breaks and tabs become spaces. */
  static String oneLine(String s) {
    return s.replaceAll("[\\r\\n\\t]+", " ").strip();
  }

  /**
   * Width of a string on a terminal, in columns, as {@code wcwidth} counts it: East Asian wide
   * and fullwidth characters (CJK, Hangul, fullwidth forms, most emoji) take 2, combining marks,
   * format characters and Hangul medial vowels take 0, every other character 1.
   */
  static int width(String s) {
    int w = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      w += columns(cp);
    }
    return w;
  }

  /** The columns one code point takes (see {@link #width}). */
  static int columns(int cp) {
    int type = Character.getType(cp);
    if (type == Character.NON_SPACING_MARK
        || type == Character.ENCLOSING_MARK
        || type == Character.FORMAT
        || (cp >= 0x1160 && cp <= 0x11ff)) {
      return 0;
    }
    boolean wide =
        cp >= 0x1100
            && (cp <= 0x115f
                || cp == 0x2329
                || cp == 0x232a
                || (cp >= 0x2e80 && cp <= 0xa4cf && cp != 0x303f)
                || (cp >= 0xac00 && cp <= 0xd7a3)
                || (cp >= 0xf900 && cp <= 0xfaff)
                || (cp >= 0xfe10 && cp <= 0xfe19)
                || (cp >= 0xfe30 && cp <= 0xfe6f)
                || (cp >= 0xff00 && cp <= 0xff60)
                || (cp >= 0xffe0 && cp <= 0xffe6)
                || (cp >= 0x1f300 && cp <= 0x1f64f)
                || (cp >= 0x1f900 && cp <= 0x1f9ff)
                || (cp >= 0x20000 && cp <= 0x2fffd)
                || (cp >= 0x30000 && cp <= 0x3fffd));
    return wide ? 2 : 1;
  }

  /** Pads {@code s} with spaces to {@code width} columns ({@link #width}). */
  static String pad(String s, int width) {
    int w = width(s);
    return w >= width ? s : s + " ".repeat(width - w);
  }

  /**
   * Formats rows as left-aligned columns separated by two spaces, each line prefixed by {@code
   * indent}; trailing spaces are removed.
   */
  static List<String> table(String indent, List<List<String>> rows) {
    int columns = 0;
    for (List<String> row : rows) {
      columns = Math.max(columns, row.size());
    }
    int[] widths = new int[columns];
    for (List<String> row : rows) {
      for (int c = 0; c < row.size(); c++) {
        widths[c] = Math.max(widths[c], width(row.get(c)));
      }
    }
    List<String> lines = new ArrayList<>(rows.size());
    for (List<String> row : rows) {
      StringBuilder sb = new StringBuilder(indent);
      for (int c = 0; c < row.size(); c++) {
        sb.append(c + 1 < row.size() ? pad(row.get(c), widths[c] + 2) : row.get(c));
      }
      lines.add(sb.toString().stripTrailing());
    }
    return lines;
  }

  /**
   * Returns {@code "1 scene"} or {@code "2 scenes"}; a noun ending in a consonant and {@code y}
   * takes {@code ies} ({@code "2 other entries"}).
   */
  static String count(long n, String singular) {
    return n + " " + (n == 1 ? singular : plural(singular));
  }

  private static String plural(String noun) {
    int n = noun.length();
    if (n >= 2 && noun.charAt(n - 1) == 'y' && "aeiou".indexOf(noun.charAt(n - 2)) < 0) {
      return noun.substring(0, n - 1) + "ies";
    }
    return noun + "s";
  }
}
