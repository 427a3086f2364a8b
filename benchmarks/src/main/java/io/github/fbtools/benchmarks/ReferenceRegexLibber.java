package io.github.fbtools.benchmarks;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plain port of the Python reference's {@code Libber.substitute} (REFERENCE §2.2): the pattern
 * {@code quote(delim) + "([a-z0-9_]+)" + quote(delim)}, one non-overlapping left-to-right pass,
 * each known key replaced by its value substituted recursively one level deeper, unknown
 * references left as they are, text at depth {@code >= maxDepth} returned unchanged. No memo and
 * no limits: the baseline the anchors call "Java literal port".
 *
 * <p>Immutable and thread-safe.
 */
final class ReferenceRegexLibber {
  private final Map<String, String> libs;
  private final Pattern pattern;
  private final int maxDepth;

  ReferenceRegexLibber(Map<String, String> libs, String delimiter, int maxDepth) {
    this.libs = Map.copyOf(libs);
    this.pattern =
        Pattern.compile(Pattern.quote(delimiter) + "([a-z0-9_]+)" + Pattern.quote(delimiter));
    this.maxDepth = maxDepth;
  }

  String substitute(String text) {
    return substitute(text, 0);
  }

  private String substitute(String text, int depth) {
    if (depth >= maxDepth) {
      return text;
    }
    Matcher m = pattern.matcher(text);
    if (!m.find()) {
      return text;
    }
    StringBuilder sb = new StringBuilder(text.length() + (text.length() >> 1));
    int last = 0;
    do {
      String value = libs.get(m.group(1));
      if (value != null) {
        // Appended literally: never Matcher.appendReplacement, which would interpret $ and \.
        sb.append(text, last, m.start()).append(substitute(value, depth + 1));
        last = m.end();
      }
    } while (m.find());
    return sb.append(text, last, text.length()).toString();
  }
}
