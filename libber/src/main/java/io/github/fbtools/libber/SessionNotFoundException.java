package io.github.fbtools.libber;

/**
 * No live session has the given id: it was never created, it was deleted, or it expired and has
 * been purged. (An expiry that the store itself observes on this very call is reported as the
 * subclass {@link SessionExpiredException}.)
 *
 * <p>The REST layer answers 404.
 *
 * <!-- given: SessionStore<PromptCollection> store; String id -->
 * <pre>{@code
 * try {
 *   store.get(id);
 * } catch (SessionNotFoundException e) {
 *   // ask the user to reopen the editor
 * }
 * }</pre>
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public class SessionNotFoundException extends SessionException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for an id the store does not hold.
   *
   * @param id the id that was looked up (only a prefix is kept in the message)
   */
  public SessionNotFoundException(String id) {
    this("no session " + echo(id) + " (unknown, deleted or expired)", true);
  }

  /**
   * Creates the exception with a ready message.
   *
   * @param message the message; must not hold a whole session id
   * @param unused distinguishes this constructor
   */
  SessionNotFoundException(String message, boolean unused) {
    super(message);
  }
}
