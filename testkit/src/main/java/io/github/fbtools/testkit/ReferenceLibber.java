package io.github.fbtools.testkit;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.github.fbtools.core.Libber;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plain, obviously correct Libber substitution with the Python reference's semantics: a direct
 * recursive port of fbTools' {@code Libber.substitute} (extension.py:1406-1433), published as an
 * oracle for differential tests of {@link Libber#substitute(String)} and of anything built on it.
 *
 * <p>The rules: a reference is the delimiter, one or more of {@code [a-z0-9_]}, the delimiter,
 * matched left to right without overlap (a regular expression over the quoted delimiter); a
 * reference to a defined key is replaced by that key's value, itself substituted one level deeper;
 * a reference to an undefined key is left as written (its delimiters are still consumed by the
 * match); at depth {@code maxDepth} a value is returned as it is. Keys are looked up exactly as
 * stored, as the reference does.
 *
 * <p>It has no memo and no limits: its work grows with the number of expansions, exponentially for
 * a key whose value names another key twice, level after level. Use it on small Libbers (the kit's
 * {@link FbGen#libber(int)} with sizes up to about 10 and a text of a few dozen tokens); {@link
 * Libber} itself refuses oversized expansions with a {@code LibberExpansionException}, which this
 * oracle never throws.
 *
 * <!-- given: void assertEquals(Object expected, Object actual) -->
 * <pre>{@code
 * Libber libber = Libber.of(Map.of("who", "a %what%", "what", "cat"));
 * String expected = ReferenceLibber.substitute(libber, "I see %who%.");   // "I see a cat."
 * assertEquals(expected, libber.substitute("I see %who%."));
 * }</pre>
 *
 * <p>This class is stateless and thread-safe.
 */
public final class ReferenceLibber {
  private ReferenceLibber() {}

  /**
   * Substitutes {@code text} with a Libber's entries, delimiter and maximum depth.
   *
   * @param libber the Libber
   * @param text the text
   * @return the substituted text, as the Python reference gives it
   */
  public static String substitute(Libber libber, String text) {
    checkNotNull(libber, "libber");
    return substitute(libber.libs(), libber.delimiter(), libber.maxDepth(), text);
  }

  /**
   * Substitutes {@code text} with the given entries, delimiter and maximum depth.
   *
   * @param libs the entries, keys as stored
   * @param delimiter the delimiter (may be empty, as in the reference)
   * @param maxDepth how many levels of values are substituted; must not be negative
   * @param text the text
   * @return the substituted text, as the Python reference gives it
   * @throws IllegalArgumentException if {@code maxDepth} is negative
   */
  public static String substitute(
      Map<String, String> libs, String delimiter, int maxDepth, String text) {
    checkNotNull(libs, "libs");
    checkNotNull(delimiter, "delimiter");
    checkNotNull(text, "text");
    checkArgument(maxDepth >= 0, "maxDepth must not be negative: %s", maxDepth);
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
