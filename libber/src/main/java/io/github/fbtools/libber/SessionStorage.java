package io.github.fbtools.libber;

import java.util.function.UnaryOperator;
import javax.annotation.Nullable;

/**
 * Where editing sessions live: the small interface the session managers ({@link
 * LibberStateManager}, {@link PromptStateManager}, {@link SceneStateManager}) work through. The
 * in-memory {@link SessionStore} is the default; the {@code fbtools-redis} module keeps sessions
 * in Redis, so that several servers share them.
 *
 * <h2>Contract (every implementation)</h2>
 *
 * <ul>
 *   <li><b>Ids</b> are chosen by the storage: 32 bytes from a {@link java.security.SecureRandom},
 *       as {@value SessionStore#ID_LENGTH} base64url characters. A string that cannot be an id
 *       gives {@link InvalidSessionIdException}; an id the storage does not hold gives {@link
 *       SessionNotFoundException}.
 *   <li><b>Versions</b>: a new session has version 0; each successful {@link #update} adds one.
 *       An update with an expected version that is not the current one changes nothing and throws
 *       {@link VersionConflictException} with the current session. An update is atomic: no other
 *       update of the session happens between the read of the state it is computed from and its
 *       write, so no update is ever lost.
 *   <li><b>Expiry</b>: a session expires when unused for the idle timeout (default 30 minutes),
 *       or at the absolute timeout after its creation (default 8 hours), however active. Reads
 *       ({@link #get}, {@link #touch}) and updates restart the idle timer. The call that first
 *       meets an expired session removes it and throws {@link SessionExpiredException}; later
 *       calls get {@link SessionNotFoundException}; an expired session never comes back.
 *   <li><b>Bounds</b>: at most {@link SessionLimits#maxSessions()} sessions, each weighing at most
 *       {@link SessionLimits#maxSessionWeight()}, together at most {@link
 *       SessionLimits#maxTotalWeight()}. A full storage refuses new sessions ({@link
 *       TooManySessionsException}) after purging expired ones and never evicts a live session; an
 *       update over a limit throws {@link SessionTooLargeException} and changes nothing. What a
 *       weight measures is the implementation's (an estimate of heap bytes in memory, the bytes of
 *       the stored JSON in Redis).
 *   <li><b>Removal notifications</b> reach the {@link RemovalListener} once per removal the
 *       implementation performs itself (deletes, expiries it meets); a shared storage cannot
 *       report sessions its server dropped on its own, and says so.
 *   <li><b>Unavailable storage</b>: an implementation that depends on another process throws
 *       {@link StorageUnavailableException} when it cannot reach it; nothing is changed by a
 *       call that throws it. The in-memory store never does.
 * </ul>
 *
 * <pre>{@code
 * SessionStorage<PromptCollection> storage = PromptStateManager.storeBuilder().build();
 * Session<PromptCollection> s = storage.create(PromptCollection.empty());
 * s = storage.update(s.id(), s.version(), c -> c.withPrompt("girl_pos", "smiling"));
 * storage.delete(s.id());
 * }</pre>
 *
 * <p>Implementations are thread-safe. An update function may be called more than once for one
 * update (a shared storage retries when another server won the race): it must be quick, free of
 * side effects other than computing the new state, and must not call the storage.
 *
 * @param <T> the state type; must be immutable
 */
public interface SessionStorage<T> {
  /**
   * Creates a session holding {@code state}, with a new random id and version 0.
   *
   * @param state the initial state
   * @return the new session
   * @throws TooManySessionsException if the storage is full (after purging expired sessions)
   * @throws SessionTooLargeException if the state alone is over the per-session limit
   * @throws StorageUnavailableException if the storage cannot be reached
   */
  Session<T> create(T state);

  /**
   * Returns the session, and counts this as an access (the idle timer restarts).
   *
   * @param id the session id
   * @return the current snapshot
   * @throws InvalidSessionIdException if {@code id} cannot be a session id
   * @throws SessionExpiredException if the session expired (it is removed now)
   * @throws SessionNotFoundException if there is no such session
   * @throws StorageUnavailableException if the storage cannot be reached
   */
  Session<T> get(String id);

  /**
   * Counts an access without reading the state: the idle timer restarts.
   *
   * @param id the session id
   * @return the session's current version
   * @throws InvalidSessionIdException if {@code id} cannot be a session id
   * @throws SessionExpiredException if the session expired (it is removed now)
   * @throws SessionNotFoundException if there is no such session
   * @throws StorageUnavailableException if the storage cannot be reached
   */
  long touch(String id);

  /**
   * Applies {@code mutation} to the session's state atomically and adds one to its version.
   *
   * @param id the session id
   * @param expectedVersion the version the caller last saw, or null to apply to the current state
   *     whatever its version
   * @param mutation computes the new state from the current one; must return non-null, be quick,
   *     be free of side effects and not call this storage (it may run more than once). If it
   *     throws, nothing changes and the exception propagates.
   * @return the updated session
   * @throws InvalidSessionIdException if {@code id} cannot be a session id
   * @throws SessionExpiredException if the session expired (it is removed now)
   * @throws SessionNotFoundException if there is no such session
   * @throws VersionConflictException if {@code expectedVersion} is not the current version
   * @throws SessionTooLargeException if the new state is over a size limit
   * @throws StorageUnavailableException if the storage cannot be reached (nothing changed)
   */
  Session<T> update(String id, @Nullable Long expectedVersion, UnaryOperator<T> mutation);

  /**
   * Deletes the session.
   *
   * @param id the session id
   * @return true if a live session was deleted; false if there was none (or it had expired)
   * @throws InvalidSessionIdException if {@code id} cannot be a session id
   * @throws StorageUnavailableException if the storage cannot be reached
   */
  boolean delete(String id);

  /**
   * Removes every expired session now, telling the removal listener about each one whose state
   * is still known.
   *
   * @return how many sessions were removed
   * @throws StorageUnavailableException if the storage cannot be reached
   */
  int cleanUp();

  /**
   * Returns the number of sessions held, including expired ones not purged yet ({@link
   * #cleanUp()} first for an exact count of live ones).
   *
   * @return the number of sessions
   * @throws StorageUnavailableException if the storage cannot be reached
   */
  int size();

  /**
   * Returns the total weight of the sessions held, as the size limits count it.
   *
   * @return the sum of the sessions' weights
   * @throws StorageUnavailableException if the storage cannot be reached
   */
  long totalWeight();

  /**
   * Returns the timeouts and bounds this storage enforces.
   *
   * @return the limits
   */
  SessionLimits limits();
}
