package io.github.fbtools.testkit;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * What {@link FbGen#libber(int, LibberOptions)} puts into a generated Libber besides ordinary
 * entries. Without options ({@link #defaults()}) a Libber has the default delimiter {@code %},
 * matchable keys ({@code [a-z0-9_]+}) and values that only reference keys defined after them, so
 * it has no cycle and every reference is defined ({@code libber.analyze().isClean()}).
 *
 * <ul>
 *   <li>{@link Builder#cycles(boolean) cycles}: values may reference any key, and the last key's
 *       value references itself, so the Libber has at least one cycle (for any size from 1); the
 *       maximum depth is then at most 6, so the expansion stays small;
 *   <li>{@link Builder#undefinedKeys(boolean) undefinedKeys}: values also reference keys that are
 *       not defined ({@code undefined_0}, ...), which substitution leaves as written (the first
 *       key's value always does, for any size from 1);
 *   <li>{@link Builder#unmatchableKeys(boolean) unmatchableKeys}: keys that no reference can ever
 *       match (upper case, {@code -}, a space, non-ASCII, the empty key);
 *   <li>{@link Builder#otherDelimiters(boolean) otherDelimiters}: a delimiter other than {@code %}
 *       ({@code %%}, {@code <<>>}, {@code $}, {@code |}, <code>{{</code>, {@code ##}, {@code .}, {@code
 *       é}, an emoji); none of them holds a key character, so references stay unambiguous;
 *   <li>{@link Builder#expansionBomb(int) expansionBomb(n)}: a key {@value FbGen#BOMB_KEY} whose
 *       reference expands to at least {@code n} and fewer than {@code 2n} characters (a chain of
 *       keys each naming the next twice), with a maximum depth high enough for all of it.
 * </ul>
 *
 * <!-- given: void assertFalse(boolean condition) -->
 * <pre>{@code
 * LibberOptions hostile = LibberOptions.builder().cycles(true).undefinedKeys(true).build();
 * Libber libber = FbGen.of(42).libber(8, hostile);
 * assertFalse(libber.analyze().cycles().isEmpty());
 * }</pre>
 *
 * <p>A value references at most two keys (one in a Libber of more than 10 keys), so without cycles
 * and bombs an expansion stays within about {@code 2^10} times the Libber's size.
 *
 * <p>Instances are immutable and thread-safe; a builder is not thread-safe.
 *
 * @param cycles whether the Libber has cycles
 * @param undefinedKeys whether values reference undefined keys
 * @param unmatchableKeys whether some keys can never match
 * @param otherDelimiters whether the delimiter is one other than {@code %}
 * @param expansionBomb the least output of the bomb key's expansion; 0 for no bomb
 */
public record LibberOptions(
    boolean cycles,
    boolean undefinedKeys,
    boolean unmatchableKeys,
    boolean otherDelimiters,
    int expansionBomb) {

  /** The largest {@link #expansionBomb()} accepted: 2^30 characters. */
  public static final int MAX_BOMB = 1 << 30;

  private static final LibberOptions DEFAULTS = new LibberOptions(false, false, false, false, 0);

  /**
   * Validates the components.
   *
   * @param cycles whether the Libber has cycles
   * @param undefinedKeys whether values reference undefined keys
   * @param unmatchableKeys whether some keys can never match
   * @param otherDelimiters whether the delimiter is one other than {@code %}
   * @param expansionBomb the least output of the bomb key's expansion; 0 for no bomb
   * @throws IllegalArgumentException if {@code expansionBomb} is outside {@code 0..}{@value
   *     #MAX_BOMB}
   */
  public LibberOptions {
    checkArgument(
        expansionBomb >= 0 && expansionBomb <= MAX_BOMB,
        "expansionBomb must be in 0..%s: %s",
        MAX_BOMB,
        expansionBomb);
  }

  /**
   * Returns the options of an ordinary Libber: no cycle, no undefined or unmatchable key, the
   * delimiter {@code %}, no bomb.
   *
   * @return the default options
   */
  public static LibberOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Returns a builder starting from {@link #defaults()}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder(DEFAULTS);
  }

  /**
   * Returns a builder starting from these options.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Builds {@link LibberOptions}. Not thread-safe.
   *
   * <p>A setter may be called again and the last value wins: this builder makes a value, often
   * from an existing one ({@code toBuilder()}), and setting a field over it is what it is for
   * (docs/decisions.md, "Builders take each setting once", says which builders refuse instead).
   */
  public static final class Builder {
    private boolean cycles;
    private boolean undefinedKeys;
    private boolean unmatchableKeys;
    private boolean otherDelimiters;
    private int expansionBomb;

    private Builder(LibberOptions from) {
      cycles = from.cycles;
      undefinedKeys = from.undefinedKeys;
      unmatchableKeys = from.unmatchableKeys;
      otherDelimiters = from.otherDelimiters;
      expansionBomb = from.expansionBomb;
    }

    /**
     * Sets whether the Libber has cycles.
     *
     * @param value true for at least one cycle
     * @return this builder
     */
    public Builder cycles(boolean value) {
      cycles = value;
      return this;
    }

    /**
     * Sets whether values reference undefined keys.
     *
     * @param value true for references to undefined keys
     * @return this builder
     */
    public Builder undefinedKeys(boolean value) {
      undefinedKeys = value;
      return this;
    }

    /**
     * Sets whether some keys can never match a reference.
     *
     * @param value true for unmatchable keys
     * @return this builder
     */
    public Builder unmatchableKeys(boolean value) {
      unmatchableKeys = value;
      return this;
    }

    /**
     * Sets whether the delimiter is one other than {@code %}.
     *
     * @param value true for another delimiter
     * @return this builder
     */
    public Builder otherDelimiters(boolean value) {
      otherDelimiters = value;
      return this;
    }

    /**
     * Adds an expansion bomb: the key {@value FbGen#BOMB_KEY}, whose reference expands to at
     * least {@code outputChars} and fewer than twice as many characters.
     *
     * @param outputChars the least output, 1 to {@value LibberOptions#MAX_BOMB}; 0 for no bomb
     * @return this builder
     * @throws IllegalArgumentException if {@code outputChars} is out of range
     */
    public Builder expansionBomb(int outputChars) {
      checkArgument(
          outputChars >= 0 && outputChars <= MAX_BOMB,
          "outputChars must be in 0..%s: %s",
          MAX_BOMB,
          outputChars);
      expansionBomb = outputChars;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     */
    public LibberOptions build() {
      return new LibberOptions(
          cycles, undefinedKeys, unmatchableKeys, otherDelimiters, expansionBomb);
    }
  }
}
