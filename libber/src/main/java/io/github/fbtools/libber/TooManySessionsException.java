package io.github.fbtools.libber;

/**
 * A new session was refused because the store is full: it holds its maximum number of sessions,
 * or the new session would push the total estimated size of all sessions over the store's limit.
 * Expired sessions are purged before this is decided; a live session is never evicted to make
 * room.
 *
 * <p>The REST layer answers 503 (the server is at capacity; retry later).
 *
 * <!-- given: SessionStore<PromptCollection> store -->
 * <pre>{@code
 * try {
 *   store.create(PromptCollection.empty());
 * } catch (TooManySessionsException e) {
 *   // close unused editors, or raise SessionStore.Builder.maxSessions
 * }
 * }</pre>
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class TooManySessionsException extends SessionException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which limit was reached, with its value
   */
  public TooManySessionsException(String message) {
    super(message);
  }

  /**
   * The exception for a storage that holds its maximum number of live sessions.
   *
   * @param maxSessions the limit
   * @return the exception
   */
  public static TooManySessionsException forCount(int maxSessions) {
    return new TooManySessionsException(
        "the session store is full: " + maxSessions + " live sessions");
  }

  /**
   * The exception for a new session that would push the total weight over the limit.
   *
   * @param used the total weight of the live sessions
   * @param maxTotal the limit on all sessions together
   * @param requested the new session's weight
   * @return the exception
   */
  public static TooManySessionsException forWeight(long used, long maxTotal, long requested) {
    return new TooManySessionsException(
        "the session store is full: sessions use about "
            + used
            + " of "
            + maxTotal
            + " bytes, "
            + requested
            + " more requested");
  }
}
