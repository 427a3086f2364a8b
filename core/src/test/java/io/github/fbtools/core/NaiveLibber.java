package io.github.fbtools.core;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A direct, recursive port of the Python reference's {@code Libber.substitute} (fbTools
 * extension.py:1406-1433), for differential tests. No memo, no limits: only for small inputs.
 */
final class NaiveLibber {
  private NaiveLibber() {}

  static String substitute(Libber libber, String text) {
    return substitute(libber.libs(), libber.delimiter(), libber.maxDepth(), text);
  }

  static String substitute(Map<String, String> libs, String delimiter, int maxDepth, String text) {
    Pattern p =
        Pattern.compile(Pattern.quote(delimiter) + "([a-z0-9_]+)" + Pattern.quote(delimiter));
    return substitute(libs, p, maxDepth, text, 0);
  }

  private static String substitute(
      Map<String, String> libs, Pattern p, int maxDepth, String text, int depth) {
    if (depth >= maxDepth) {
      return text;
    }
    Matcher m = p.matcher(text);
    StringBuilder sb = new StringBuilder();
    int last = 0;
    while (m.find()) {
      String value = libs.get(m.group(1));
      if (value == null) {
        continue; // left as is; the match still consumed its delimiters
      }
      sb.append(text, last, m.start());
      sb.append(substitute(libs, p, maxDepth, value, depth + 1));
      last = m.end();
    }
    return sb.append(text, last, text.length()).toString();
  }
}
