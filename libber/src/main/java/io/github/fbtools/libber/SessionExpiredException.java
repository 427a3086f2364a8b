package io.github.fbtools.libber;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * The session was found but had expired: it was idle for the store's idle timeout or longer, or
 * it reached its absolute lifetime. The store removed it on this call; from then on the id gives
 * a plain {@link SessionNotFoundException}. Expired sessions are never visible to reads and never
 * resurrected.
 *
 * <p>This is a subclass of {@link SessionNotFoundException}: callers that do not care why a
 * session is gone catch that one. The REST layer answers 404 for both.
 *
 * <!-- given: SessionStore<PromptCollection> store; String id -->
 * <pre>{@code
 * try {
 *   store.update(id, null, c -> c.withPrompt("a", "b"));
 * } catch (SessionExpiredException e) {
 *   // tell the user the editor timed out
 * }
 * }</pre>
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class SessionExpiredException extends SessionNotFoundException {
  private static final long serialVersionUID = 1L;

  /** Why the session expired. */
  private final RemovalCause cause;

  /**
   * Creates the exception.
   *
   * @param id the session's id (only a prefix is kept in the message)
   * @param cause {@link RemovalCause#IDLE_TIMEOUT} or {@link RemovalCause#ABSOLUTE_TIMEOUT}
   */
  public SessionExpiredException(String id, RemovalCause cause) {
    super(
        "session "
            + echo(checkNotNull(id, "id must not be null"))
            + " expired ("
            + (checkNotNull(cause, "cause must not be null") == RemovalCause.ABSOLUTE_TIMEOUT ? "maximum lifetime reached" : "idle too long")
            + ")",
        true);
    this.cause = cause;
  }

  /**
   * Returns why the session expired.
   *
   * @return {@link RemovalCause#IDLE_TIMEOUT} or {@link RemovalCause#ABSOLUTE_TIMEOUT}
   */
  public RemovalCause removalCause() {
    return cause;
  }
}
