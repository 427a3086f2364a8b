package io.github.fbtools.core;

import java.util.List;

/**
 * A Libber substitution was refused because it would exceed its {@link ExpansionLimits}: too
 * many characters of output, or too many expansion steps. The output is never built in that
 * case; the refusal happens before any large allocation.
 *
 * <p>The message and {@link #keyChain()} name the chain of keys that led to the refusal, from
 * the top-level reference down to the key whose expansion crossed the limit.
 *
 * <!-- given: Libber libber; String text; System.Logger log -->
 * <pre>{@code
 * try {
 *   libber.substitute(text);
 * } catch (LibberExpansionException e) {
 *   log.log(System.Logger.Level.WARNING, "refused: " + e.keyChain());
 * }
 * }</pre>
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class LibberExpansionException extends FbToolsException {
  private static final long serialVersionUID = 1L;

  /** Which limit was crossed. */
  public enum Limit {
    /** {@link ExpansionLimits#maxOutputChars()}. */
    OUTPUT_CHARS,
    /** {@link ExpansionLimits#maxExpansionSteps()}. */
    EXPANSION_STEPS
  }

  /** The limit that was crossed. */
  private final Limit limit;
  /** The keys from the top-level reference down to the refused expansion. */
  @SuppressWarnings("serial") // an immutable Guava list, serializable
  private final List<String> keyChain;

  /**
   * Creates the exception.
   *
   * @param limit the limit that was crossed
   * @param keyChain the keys from the top-level reference down to the refused expansion
   * @param detail what was measured against the limit
   */
  public LibberExpansionException(Limit limit, List<String> keyChain, String detail) {
    super(
        "libber expansion refused ("
            + limit.name().toLowerCase(java.util.Locale.ROOT)
            + " limit): "
            + detail
            + "; key chain: "
            + (keyChain.isEmpty() ? "(none)" : String.join(" -> ", keyChain)));
    this.limit = limit;
    this.keyChain = com.google.common.collect.ImmutableList.copyOf(keyChain);
  }

  /**
   * Returns the limit that was crossed.
   *
   * @return the limit
   */
  public Limit limit() {
    return limit;
  }

  /**
   * Returns the key chain, outermost key first.
   *
   * @return an unmodifiable list of keys
   */
  public List<String> keyChain() {
    return keyChain;
  }
}
