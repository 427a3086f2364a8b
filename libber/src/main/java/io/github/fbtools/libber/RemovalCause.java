package io.github.fbtools.libber;

/**
 * Why a session left a {@link SessionStore}, as passed to its {@link RemovalListener}.
 *
 * <!-- given: AtomicLong expired -->
 * <pre>{@code
 * SessionStore.<PromptCollection>builder()
 *     .removalListener((session, cause) -> {
 *       if (cause.isExpiry()) expired.incrementAndGet();
 *     })
 *     .build();
 * }</pre>
 *
 * <p>Enum constants are immutable and thread-safe.
 */
public enum RemovalCause {
  /** The session was idle for the idle timeout or longer. */
  IDLE_TIMEOUT,
  /** The session reached its absolute lifetime, however active it was. */
  ABSOLUTE_TIMEOUT,
  /** The session was deleted with {@link SessionStore#delete(String)}. */
  DELETED;

  /**
   * Tells whether this cause is an expiry rather than an explicit deletion.
   *
   * @return true for {@link #IDLE_TIMEOUT} and {@link #ABSOLUTE_TIMEOUT}
   */
  public boolean isExpiry() {
    return this != DELETED;
  }
}
