package io.github.fbtools.testkit;

import io.github.fbtools.core.json.FbJson;

/**
 * Python's {@code json.dumps(value, indent=N, ensure_ascii=False)}, as the fbTools extension
 * writes its files: no final newline. Built on the library's writer ({@link FbJson#write}, which
 * is {@code indent=2} plus a newline): in its output no string holds a raw line break, so every
 * line's leading spaces are its indentation, and they scale to any other indent.
 */
final class PythonJson {
  private PythonJson() {}

  static String dumps(Object value, int indent) {
    String two = FbJson.write(value);
    String text = two.substring(0, two.length() - 1);
    if (indent == 2) {
      return text;
    }
    StringBuilder sb = new StringBuilder(text.length() * 2);
    int start = 0;
    while (start <= text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      int spaces = 0;
      while (start + spaces < end && text.charAt(start + spaces) == ' ') {
        spaces++;
      }
      sb.append(" ".repeat(spaces / 2 * indent)).append(text, start + spaces, end);
      if (end < text.length()) {
        sb.append('\n');
      }
      start = end + 1;
    }
    return sb.toString();
  }
}
