package io.github.fbtools.core;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The limits one {@link Libber#substitute(String, ExpansionLimits)} call works within: how long
 * its output may be and how many expansion steps it may take.
 *
 * <p>A <em>step</em> is one reference to a known key in the top-level text, or one distinct
 * (key, depth) expansion computed. Because expansions are memoised per (key, depth), the steps
 * taken by a call are at most the number of top-level references plus {@code keys × maxDepth},
 * however large the output would be. Both limits are checked while the output length is being
 * computed, before any output is built: a substitution past either limit is refused with a
 * {@link LibberExpansionException} without allocating its output. The output limit also applies
 * to text that holds no reference at all (the output is the text itself).
 *
 * <!-- given: Libber libber; String userText -->
 * <pre>{@code
 * ExpansionLimits small = ExpansionLimits.DEFAULT.withMaxOutputChars(64 * 1024);
 * String prompt = libber.substitute(userText, small);
 * }</pre>
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @param maxOutputChars the longest output allowed, in UTF-16 chars ({@code >= 0})
 * @param maxExpansionSteps the most expansion steps allowed ({@code >= 0})
 */
public record ExpansionLimits(int maxOutputChars, int maxExpansionSteps) {
  /** 16,777,216 output chars (16 Mi) and 1,000,000 expansion steps. */
  public static final ExpansionLimits DEFAULT = new ExpansionLimits(16_777_216, 1_000_000);

  /**
   * Creates limits.
   *
   * @param maxOutputChars the longest output allowed, in UTF-16 chars
   * @param maxExpansionSteps the most expansion steps allowed
   * @throws IllegalArgumentException if either is negative
   */
  public ExpansionLimits {
    checkArgument(maxOutputChars >= 0, "maxOutputChars must be >= 0: %s", maxOutputChars);
    checkArgument(maxExpansionSteps >= 0, "maxExpansionSteps must be >= 0: %s", maxExpansionSteps);
  }

  /**
   * Returns these limits with another output limit.
   *
   * @param chars the longest output allowed, in UTF-16 chars
   * @return limits with {@code maxOutputChars == chars}; this instance if unchanged
   * @throws IllegalArgumentException if {@code chars} is negative
   */
  public ExpansionLimits withMaxOutputChars(int chars) {
    return chars == maxOutputChars ? this : new ExpansionLimits(chars, maxExpansionSteps);
  }

  /**
   * Returns these limits with another step limit.
   *
   * @param steps the most expansion steps allowed
   * @return limits with {@code maxExpansionSteps == steps}; this instance if unchanged
   * @throws IllegalArgumentException if {@code steps} is negative
   */
  public ExpansionLimits withMaxExpansionSteps(int steps) {
    return steps == maxExpansionSteps ? this : new ExpansionLimits(maxOutputChars, steps);
  }
}
