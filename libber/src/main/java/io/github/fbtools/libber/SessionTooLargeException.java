package io.github.fbtools.libber;

/**
 * A create or update was refused because the session's state would be too large: over the
 * store's per-session size limit, or growing it would push the total estimated size of all
 * sessions over the store's limit. The session keeps its previous state and version.
 *
 * <p>Sizes are the store's weigher's estimates (see {@link SessionStore.Builder#weigher}). The
 * REST layer answers 413.
 *
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
}
