package io.github.fbtools.core.files;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.annotation.CheckForNull;
import javax.annotation.Nullable;

/**
 * What a file held when it was read: the SHA-256 of its bytes, or {@linkplain #absent() absent}
 * when there was no file. A save that passes the fingerprint of its load is refused ({@link
 * FileChangedException}) if the file changed in between. It is the one fingerprint of the library:
 * {@link PromptFiles}, {@link SceneFiles}, {@link StoryFiles}, {@link LibberFiles} and the
 * sessions of {@code fbtools-libber} all use it.
 *
 * <p>Its text form ({@link #toString()}, read back by {@link #parse}) is {@code sha256:} and 64
 * lower-case hex digits, or {@code absent}: the form the library has always written where it keeps
 * a fingerprint (the sessions' stored state), so stored state stays readable. Two fingerprints
 * are equal exactly when their text forms are, that is when the bytes were equal (or both files
 * were absent).
 *
 * <!-- given: byte[] bytes; String stored -->
 * <pre>{@code
 * Fingerprint f = Fingerprint.of(bytes);
 * String text = f.toString();                  // "sha256:9f86d0..."
 * boolean same = Fingerprint.parse(text).equals(f);
 * boolean changed = !Fingerprint.parse(stored).equals(f);
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Fingerprint {
  private static final String SHA256 = "sha256:";
  private static final String ABSENT_TEXT = "absent";
  private static final Fingerprint ABSENT = new Fingerprint(ABSENT_TEXT);

  /** The text form, which is also what equality compares. */
  private final String text;

  private Fingerprint(String text) {
    this.text = text;
  }

  /**
   * Returns the fingerprint of a file's content.
   *
   * @param contents the bytes read
   * @return {@code sha256:} and the SHA-256 of the bytes in lower-case hex
   */
  public static Fingerprint of(byte[] contents) {
    checkNotNull(contents, "contents");
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return new Fingerprint(SHA256 + HexFormat.of().formatHex(md.digest(contents)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** The fingerprint of a file read as {@code contents}, or {@link #absent()} for null. */
  static Fingerprint ofNullable(@Nullable byte[] contents) {
    return contents == null ? ABSENT : of(contents);
  }

  /**
   * Returns the fingerprint of a file that does not exist: a save that expects it creates the
   * file only if nobody else did meanwhile.
   *
   * @return the absent fingerprint, {@code absent}
   */
  public static Fingerprint absent() {
    return ABSENT;
  }

  /**
   * Reads a fingerprint's text form, as {@link #toString()} writes it.
   *
   * @param text {@code absent}, or {@code sha256:} and 64 lower-case hex digits
   * @return the fingerprint
   * @throws IllegalArgumentException if {@code text} is neither, naming it
   */
  public static Fingerprint parse(String text) {
    checkNotNull(text, "text");
    if (text.equals(ABSENT_TEXT)) {
      return ABSENT;
    }
    checkArgument(
        isSha256(text),
        "fingerprint must be \"absent\" or \"sha256:\" and 64 lower-case hex digits: \"%s\"",
        text.length() > 80 ? text.substring(0, 80) + "..." : text);
    return new Fingerprint(text);
  }

  private static boolean isSha256(String text) {
    if (text.length() != SHA256.length() + 64 || !text.startsWith(SHA256)) {
      return false;
    }
    for (int i = SHA256.length(); i < text.length(); i++) {
      char c = text.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Tells whether this is the fingerprint of a file that does not exist.
   *
   * @return true for {@link #absent()}
   */
  public boolean isAbsent() {
    return this == ABSENT;
  }

  /**
   * Returns the text form: {@code absent}, or {@code sha256:} and 64 lower-case hex digits.
   *
   * @return the text, which {@link #parse} reads back
   */
  @Override
  public String toString() {
    return text;
  }

  /**
   * Tells whether {@code o} is a fingerprint of the same bytes (or also absent).
   *
   * @param o another object
   * @return true if equal
   */
  @Override
  public boolean equals(@CheckForNull Object o) {
    return o == this || (o instanceof Fingerprint f && text.equals(f.text));
  }

  /**
   * Returns a hash code consistent with {@link #equals}.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return text.hashCode();
  }
}
