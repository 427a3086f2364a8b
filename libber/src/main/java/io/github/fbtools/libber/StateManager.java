package io.github.fbtools.libber;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import javax.annotation.Nullable;

/**
 * What every session manager does: open a session on a state, get it, close it, and run each
 * edit as one atomic update of a {@link SessionStorage}. {@link LibberStateManager}, {@link
 * PromptStateManager} and {@link SceneStateManager} add their kind's edits on top.
 *
 * <p>Every edit is one {@link SessionStorage#update}: no edit is lost, the version grows by one,
 * and a stale expected version fails with {@link VersionConflictException} instead of overwriting
 * changes the caller has not seen. Sessions expire and are bounded as the storage says.
 *
 * <pre>{@code
 * PromptStateManager prompts = PromptStateManager.create();
 * Session<PromptCollection> s = prompts.open(PromptCollection.empty());
 * s = prompts.get(s.id());
 * prompts.close(s.id());
 * }</pre>
 *
 * <p>This class cannot be subclassed outside its package. Instances are thread-safe.
 *
 * @param <T> the session state type (immutable)
 */
public abstract class StateManager<T> {
  private final SessionStorage<T> storage;

  /** Subclasses (final, in this package) check {@code storage} for null before calling this. */
  StateManager(SessionStorage<T> storage) {
    this.storage = storage;
  }

  /**
   * Returns the storage the sessions live in.
   *
   * @return the storage
   */
  public final SessionStorage<T> store() {
    return storage;
  }

  /**
   * Opens a session on a state.
   *
   * @param state the initial state
   * @return the new session (version 0)
   * @throws TooManySessionsException if the storage is full
   * @throws SessionTooLargeException if the state is over the per-session size limit
   * @throws StorageUnavailableException if the storage cannot be reached
   */
  public final Session<T> open(T state) {
    return storage.create(checkNotNull(state, "state must not be null"));
  }

  /**
   * Returns the session (counts as an access).
   *
   * @param sessionId the session id
   * @return the current snapshot
   * @throws SessionNotFoundException if there is no such live session
   * @throws InvalidSessionIdException if {@code sessionId} cannot be a session id
   * @throws StorageUnavailableException if the storage cannot be reached
   */
  public final Session<T> get(String sessionId) {
    return storage.get(sessionId);
  }

  /**
   * Closes the session.
   *
   * @param sessionId the session id
   * @return true if a live session was closed
   * @throws InvalidSessionIdException if {@code sessionId} cannot be a session id
   * @throws StorageUnavailableException if the storage cannot be reached
   */
  public final boolean close(String sessionId) {
    return storage.delete(sessionId);
  }

  /** One atomic edit of the session's state. */
  final Session<T> edit(String sessionId, @Nullable Long expectedVersion, UnaryOperator<T> edit) {
    return storage.update(sessionId, expectedVersion, edit);
  }

  /**
   * One atomic edit that removes an entry: {@code present} tells, on the state the edit is
   * computed from, whether the entry exists. The edit may run more than once (a shared storage
   * retries); the answer is the one of the run that was applied.
   */
  final Removal<T> remove(
      String sessionId,
      @Nullable Long expectedVersion,
      Predicate<? super T> present,
      UnaryOperator<T> edit) {
    boolean[] existed = new boolean[1];
    Session<T> s =
        storage.update(
            sessionId,
            expectedVersion,
            state -> {
              existed[0] = present.test(state);
              return edit.apply(state);
            });
    return new Removal<>(s, existed[0]);
  }
}
