package io.github.fbtools.testkit;

import static com.google.common.base.Preconditions.checkNotNull;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.annotation.CheckForNull;

/**
 * One hostile input and the outcome the library promises for it: a malformed {@code
 * prompts.json} ({@link FbGen#hostilePromptsJson()}) or a refused name ({@link
 * FbGen#hostileName()}). {@link #target()} says which call the promise is about, {@link
 * #expected()} which exception it throws, and {@link #expectOutcome(Attempt)} checks it without
 * any test framework.
 *
 * <!-- given: long seed -->
 * <pre>{@code
 * HostileInput bad = FbGen.of(seed).hostilePromptsJson();
 * bad.expectOutcome(() -> PromptCollection.fromJson(bad.bytes()));   // FormatException, or an AssertionError
 * HostileInput name = FbGen.of(seed).hostileName();
 * name.expectOutcome(() -> SafeNames.validate(SafeNames.Kind.SCENE, name.text()));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class HostileInput {
  private final String kind;
  private final String description;
  private final byte[] bytes;
  private final String target;
  private final Class<? extends RuntimeException> expected;

  HostileInput(
      String kind,
      String description,
      byte[] bytes,
      String target,
      Class<? extends RuntimeException> expected) {
    this.kind = kind;
    this.description = description;
    this.bytes = bytes.clone();
    this.target = target;
    this.expected = expected;
  }

  /** Code to run against a hostile input. */
  @FunctionalInterface
  public interface Attempt {
    /**
     * Runs the call the promise is about.
     *
     * @throws Exception whatever the call throws
     */
    void run() throws Exception;
  }

  /**
   * Returns the kind of hostility, a short stable label such as {@code "truncated"}, {@code
   * "duplicate-key"} or {@code "traversal"}.
   *
   * @return the kind
   */
  public String kind() {
    return kind;
  }

  /**
   * Returns what is wrong with the input, in words.
   *
   * @return the description
   */
  public String description() {
    return description;
  }

  /**
   * Returns the input's bytes (a file's content; a name's UTF-8 encoding).
   *
   * @return a fresh copy of the bytes
   */
  public byte[] bytes() {
    return bytes.clone();
  }

  /**
   * Returns the input as text: the UTF-8 decoding of {@link #bytes()} (bytes that are not UTF-8
   * become U+FFFD, so give a parser the bytes, not this text, where that matters).
   *
   * @return the text
   */
  public String text() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * Returns the call the promise is about, for example {@code
   * "PromptCollection.fromJson(byte[])"}.
   *
   * @return the call, in words
   */
  public String target() {
    return target;
  }

  /**
   * Returns the exception the library promises for this input.
   *
   * @return the exception type, for example {@code FormatException.class}
   */
  public Class<? extends RuntimeException> expected() {
    return expected;
  }

  /**
   * Runs {@code attempt} and checks that it throws the promised exception (or a subclass).
   *
   * @param attempt the call the promise is about, given this input
   * @return the exception thrown, for further checks of its message
   * @throws AssertionError if the attempt returns normally or throws anything else (then the
   *     cause)
   */
  public RuntimeException expectOutcome(Attempt attempt) {
    checkNotNull(attempt, "attempt");
    Throwable thrown = null;
    try {
      attempt.run();
    } catch (Exception e) {
      if (expected.isInstance(e)) {
        return expected.cast(e);
      }
      thrown = e;
    }
    throw new AssertionError(
        "expected "
            + expected.getSimpleName()
            + " from "
            + target
            + " for "
            + this
            + ", but "
            + (thrown == null ? "it returned normally" : "it threw " + thrown),
        thrown);
  }

  /**
   * Returns the kind, the description and the start of the input, with control characters
   * escaped.
   *
   * @return a one-line description
   */
  @Override
  public String toString() {
    String t = text();
    StringBuilder sb = new StringBuilder();
    t.codePoints()
        .limit(120)
        .forEach(
            cp -> {
              if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || Character.getType(cp) == Character.FORMAT) {
                sb.append(String.format("\\u%04x", cp));
              } else {
                sb.appendCodePoint(cp);
              }
            });
    return kind
        + " ("
        + description
        + "): \""
        + sb
        + (t.codePointCount(0, t.length()) > 120 ? "...\" (" + bytes.length + " bytes)" : "\"");
  }

  @Override
  public boolean equals(@CheckForNull Object o) {
    if (!(o instanceof HostileInput h)) {
      return false;
    }
    return kind.equals(h.kind)
        && description.equals(h.description)
        && Arrays.equals(bytes, h.bytes)
        && target.equals(h.target)
        && expected.equals(h.expected);
  }

  @Override
  public int hashCode() {
    return kind.hashCode() * 31 + Arrays.hashCode(bytes);
  }
}
