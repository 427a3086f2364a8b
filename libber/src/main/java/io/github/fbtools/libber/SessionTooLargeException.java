package io.github.fbtools.libber;

/**
 * A create or update was refused because the session's state would be too large: over the
 * store's per-session size limit, or growing it would push the total estimated size of all
 * sessions over the store's limit. The session keeps its previous state and version.
 *
 * <p>Sizes are the store's weigher's estimates (see {@link SessionStore.Builder#weigher}). The
 * REST layer answers 413.
 *
 * <!-- given: SessionStore<PromptCollection> store; String id; String text -->
 * <pre>{@code
 * try {
 *   store.update(id, null, c -> c.withPrompt("huge", text));
 * } catch (SessionTooLargeException e) {
 *   // the edit was not applied
 * }
 * }</pre>
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class SessionTooLargeException extends SessionException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which limit would be crossed, with the sizes
   */
  public SessionTooLargeException(String message) {
    super(message);
  }

  /**
   * The exception for a new session whose state alone is over the per-session limit.
   *
   * @param weight the state's weight
   * @param max the per-session limit
   * @return the exception
   */
  public static SessionTooLargeException forNewSession(long weight, long max) {
    return new SessionTooLargeException(
        "session state of about " + weight + " bytes is over the per-session limit of " + max);
  }

  /**
   * The exception for an update that would make a session weigh more than the per-session limit.
   *
   * @param weight the session's weight after the update
   * @param max the per-session limit
   * @return the exception
   */
  public static SessionTooLargeException forSession(long weight, long max) {
    return new SessionTooLargeException(
        "the change would make the session about "
            + weight
            + " bytes, over the per-session limit of "
            + max
            + "; nothing was changed");
  }

  /**
   * The exception for an update that would make all sessions together weigh more than the limit.
   *
   * @param maxTotal the limit on all sessions together
   * @return the exception
   */
  public static SessionTooLargeException forTotal(long maxTotal) {
    return new SessionTooLargeException(
        "the change would grow the sessions over their total limit of "
            + maxTotal
            + " bytes; nothing was changed");
  }
}
