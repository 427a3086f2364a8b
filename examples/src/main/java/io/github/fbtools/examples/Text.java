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

  /** Width of a string on a terminal, counted in code points. */
  static int width(String s) {
    return s.codePointCount(0, s.length());
  }

  /** Pads {@code s} with spaces to {@code width} code points. */
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

  /** Returns {@code "1 scene"} or {@code "2 scenes"}. */
  static String count(long n, String singular) {
    return n + " " + (n == 1 ? singular : singular + "s");
  }
}
