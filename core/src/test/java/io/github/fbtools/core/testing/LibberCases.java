package io.github.fbtools.core.testing;

import io.github.fbtools.core.Libber;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.SplittableRandom;

/**
 * Hand-made corner-case Libbers for property tests (odd delimiters such as {@code a}, {@code _},
 * {@code x%}; keys that cannot match; likely cycles), shared by core's {@code LibberProperties} and
 * fbtools-testkit's differential tests against {@code ReferenceLibber}.
 */
public final class LibberCases {
  private LibberCases() {}

  private static final String[] DELIMITERS = {
    "%", "%", "%", "%", "%%", "<<>>", "$", ".", "|", "{{", "_", "a", "x%", "<", "😀"
  };
  /** Keys drawn into maps and texts, matchable and not. */
  public static final String[] KEYS = {"a", "b", "c", "ab", "a_b", "k1", "_", "x", "A", "a-b"};
  /** Names that are never keys of an acyclic map ("k0", "k1", ...). */
  private static final String[] LEAF_KEYS = {"a", "b", "x", "A", "a_b"};

  private static final String[] TOKENS = {
    "a", "b", "c", "x", " ", "_", "ab", "A", "-", "é", "$", "\\", "😀", "1", "\n"
  };

  /** One Libber and one text, printed in full when a property fails. */
  public record Case(Libber libber, String text) {
    @Override
    public String toString() {
      return "libs="
          + libber.libs()
          + " delimiter=\""
          + libber.delimiter()
          + "\" maxDepth="
          + libber.maxDepth()
          + " text=\""
          + text
          + "\"";
    }
  }

  /**
   * A text of up to {@code maxTokens} tokens: references to {@code keys} (and to {@code zz}),
   * lone delimiters, {@code %%} and other tokens.
   *
   * @param r the seeded source
   * @param delim the delimiter
   * @param maxTokens the most tokens
   * @param keys the keys referenced
   * @return the text
   */
  public static String text(SplittableRandom r, String delim, int maxTokens, String[] keys) {
    int n = r.nextInt(maxTokens + 1);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      double t = r.nextDouble();
      if (t < 0.3) {
        String key = r.nextInt(8) == 0 ? "zz" : keys[r.nextInt(keys.length)];
        sb.append(delim).append(key).append(delim);
      } else if (t < 0.45) {
        sb.append(delim);
      } else if (t < 0.5) {
        sb.append("%%");
      } else {
        sb.append(TOKENS[r.nextInt(TOKENS.length)]);
      }
    }
    return sb.toString();
  }

  /** Any map: cycles are likely; small depths keep the expansion small. */
  public static final Gen<Case> ANY =
      r -> {
        String delim = DELIMITERS[r.nextInt(DELIMITERS.length)];
        LinkedHashMap<String, String> libs = new LinkedHashMap<>();
        int n = r.nextInt(7);
        for (int i = 0; i < n; i++) {
          libs.put(KEYS[r.nextInt(KEYS.length)], text(r, delim, 4, KEYS));
        }
        int depth = r.nextInt(7);
        return new Case(Libber.of(libs, delim, depth), text(r, delim, 12, KEYS));
      };

  /** Acyclic maps (key i only references keys after it), with any depth up to 100. */
  public static final Gen<Case> ACYCLIC =
      r -> {
        String delim = DELIMITERS[r.nextInt(DELIMITERS.length)];
        int n = r.nextInt(8);
        String[] keys = new String[n];
        for (int i = 0; i < n; i++) {
          keys[i] = "k" + i;
        }
        LinkedHashMap<String, String> libs = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
          String[] later = Arrays.copyOfRange(keys, i + 1, n);
          libs.put(keys[i], later.length == 0 ? text(r, delim, 3, LEAF_KEYS) : text(r, delim, 4, later));
        }
        int[] depths = {0, 1, 2, 3, 4, 5, 6, 10, 10, 100};
        return new Case(
            Libber.of(libs, delim, depths[r.nextInt(depths.length)]),
            text(r, delim, 12, keys.length == 0 ? KEYS : keys));
      };
}
