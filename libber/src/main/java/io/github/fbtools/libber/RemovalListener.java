package io.github.fbtools.libber;

/**
 * Told once when a session leaves a {@link SessionStore}: when it is deleted, or when the store
 * finds it expired (on access or during a clean-up). It is called on the thread that removed the
 * session, after the removal, outside any lock; an exception it throws is logged and otherwise
 * ignored.
 *
 * <pre>{@code
 * RemovalListener<Libber> log = (session, cause) ->
 *     System.out.println("session " + session + " removed: " + cause);
 * }</pre>
 *
 * <p>Implementations must be thread-safe: several threads may remove sessions at once.
 *
 * @param <T> the session state type
 */
@FunctionalInterface
public interface RemovalListener<T> {
  /**
   * Called once per removed session.
   *
   * @param session the session as it was when removed
   * @param cause why it was removed
   */
  void onRemoval(Session<T> session, RemovalCause cause);
}
