package io.github.fbtools.core;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the references {@code DELIM key DELIM} of one delimiter in a string, exactly as the
 * reference's {@code re.sub(re.escape(delim) + "([a-z0-9_]+)" + re.escape(delim), ...)} does: one
 * left-to-right pass of non-overlapping, leftmost, greedy-with-backtracking matches. A match whose
 * key is unknown still consumes its delimiters; that is the caller's business (it receives every
 * match).
 *
 * <p>Two implementations give identical matches: {@link #forDelimiter} picks a hand-written
 * {@code indexOf} scanner for <em>ordinary</em> delimiters (non-empty, no character of {@code
 * [a-z0-9_]}), where the key run cannot overlap a delimiter and needs no backtracking; every other
 * delimiter (empty, or overlapping the key class, such as {@code _}) goes through {@code
 * java.util.regex} with the reference's pattern, which matches like Python's {@code re} here.
 *
 * <p>Instances are immutable and thread-safe; each {@link Cursor} belongs to one thread.
 */
abstract class LibberScanner {
  private static final boolean[] KEY_CHARS = new boolean[128];

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      KEY_CHARS[c] = true;
    }
    for (char c = '0'; c <= '9'; c++) {
      KEY_CHARS[c] = true;
    }
    KEY_CHARS['_'] = true;
  }

  final String delimiter;

  private LibberScanner(String delimiter) {
    this.delimiter = delimiter;
  }

  /**
   * Returns whether {@code c} is in the reference's key class {@code [a-z0-9_]}.
   *
   * @param c a char
   * @return true for ASCII lower-case letters, digits and underscore
   */
  static boolean isKeyChar(char c) {
    return c < 128 && KEY_CHARS[c];
  }

  /**
   * Returns whether {@code key} can ever be matched: one or more chars of {@code [a-z0-9_]}.
   *
   * @param key a key
   * @return true if some text references it
   */
  static boolean isMatchableKey(String key) {
    if (key.isEmpty()) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      if (!isKeyChar(key.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns whether the fast scanner handles {@code delimiter}: non-empty and without a char of
   * the key class.
   *
   * @param delimiter a delimiter
   * @return true if {@link #forDelimiter} returns the {@code indexOf} scanner
   */
  static boolean isOrdinary(String delimiter) {
    if (delimiter.isEmpty()) {
      return false;
    }
    for (int i = 0; i < delimiter.length(); i++) {
      if (isKeyChar(delimiter.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns the scanner for a delimiter: the fast one for ordinary delimiters, else the regex one.
   *
   * @param delimiter the delimiter
   * @return a scanner
   */
  static LibberScanner forDelimiter(String delimiter) {
    return isOrdinary(delimiter) ? new Fast(delimiter) : regex(delimiter);
  }

  /**
   * Returns the regex scanner for any delimiter (the fast one's reference in tests).
   *
   * @param delimiter the delimiter
   * @return a scanner built on {@code Pattern.quote(delimiter) + "([a-z0-9_]+)" + ...}
   */
  static LibberScanner regex(String delimiter) {
    return new Regex(delimiter);
  }

  /**
   * Starts a pass over {@code s}.
   *
   * @param s the text to scan
   * @return a cursor positioned before the first match
   */
  abstract Cursor cursor(String s);

  /** One pass over one string; mutable, for one thread. */
  abstract static class Cursor {
    /** Index of the opening delimiter of the current match. */
    int start;
    /** Index of the first key char. */
    int keyStart;
    /** Index after the last key char. */
    int keyEnd;
    /** Index after the closing delimiter. */
    int end;

    /**
     * Advances to the next match.
     *
     * @return false when there is none
     */
    abstract boolean next();
  }

  /** The {@code indexOf} scanner for ordinary delimiters. */
  private static final class Fast extends LibberScanner {
    Fast(String delimiter) {
      super(delimiter);
    }

    @Override
    Cursor cursor(String s) {
      return delimiter.length() == 1
          ? new CharCursor(s, delimiter.charAt(0))
          : new StringCursor(s, delimiter);
    }
  }

  /** A one-char ordinary delimiter. */
  private static final class CharCursor extends Cursor {
    private final String s;
    private final char d;
    private int from;

    CharCursor(String s, char d) {
      this.s = s;
      this.d = d;
    }

    @Override
    boolean next() {
      final String text = s;
      final int n = text.length();
      int i = text.indexOf(d, from);
      while (i >= 0) {
        int ks = i + 1;
        int j = ks;
        while (j < n && isKeyChar(text.charAt(j))) {
          j++;
        }
        if (j == ks) {
          // No key: the char after i may itself open a reference (it is not a key char).
          i = ks < n && text.charAt(ks) == d ? ks : text.indexOf(d, ks);
        } else if (j < n && text.charAt(j) == d) {
          start = i;
          keyStart = ks;
          keyEnd = j;
          end = j + 1;
          from = end;
          return true;
        } else {
          // A delimiter cannot start inside the key run, nor at j.
          i = text.indexOf(d, j);
        }
      }
      from = n;
      return false;
    }
  }

  /** A multi-char ordinary delimiter. */
  private static final class StringCursor extends Cursor {
    private final String s;
    private final String d;
    private int from;

    StringCursor(String s, String d) {
      this.s = s;
      this.d = d;
    }

    @Override
    boolean next() {
      final String text = s;
      final int n = text.length();
      final int dlen = d.length();
      int i = text.indexOf(d, from);
      while (i >= 0) {
        int ks = i + dlen;
        int j = ks;
        while (j < n && isKeyChar(text.charAt(j))) {
          j++;
        }
        if (j == ks) {
          // Delimiters may overlap themselves ("<<<a<<"): try the next position.
          i = text.indexOf(d, i + 1);
        } else if (text.startsWith(d, j)) {
          start = i;
          keyStart = ks;
          keyEnd = j;
          end = j + dlen;
          from = end;
          return true;
        } else {
          // The delimiter has no key char, so no occurrence starts in (i, j].
          i = text.indexOf(d, j + 1);
        }
      }
      from = n;
      return false;
    }
  }

  /** The reference's regex, for any delimiter. */
  private static final class Regex extends LibberScanner {
    private final Pattern pattern;

    Regex(String delimiter) {
      super(delimiter);
      // No flags: the class stays ASCII and case-sensitive, as in the reference.
      this.pattern =
          Pattern.compile(Pattern.quote(delimiter) + "([a-z0-9_]+)" + Pattern.quote(delimiter));
    }

    @Override
    Cursor cursor(String s) {
      return new RegexCursor(pattern.matcher(s));
    }
  }

  /** A {@link Matcher} pass. */
  private static final class RegexCursor extends Cursor {
    private final Matcher m;

    RegexCursor(Matcher m) {
      this.m = m;
    }

    @Override
    boolean next() {
      if (!m.find()) {
        return false;
      }
      start = m.start();
      keyStart = m.start(1);
      keyEnd = m.end(1);
      end = m.end();
      return true;
    }
  }
}
