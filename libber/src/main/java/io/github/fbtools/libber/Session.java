package io.github.fbtools.libber;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * An immutable snapshot of one session of a {@link SessionStore}: its id, its version, its state,
 * and when it was created and last used.
 *
 * <p>A new session has version 0; every successful update adds one. The times are readings of the
 * store's {@link com.google.common.base.Ticker} in nanoseconds: only differences between them are
 * meaningful. {@link #toString()} shows only a prefix of the id.
 *
 * <pre>{@code
 * Session<PromptCollection> s = store.create(PromptCollection.empty());
 * s = store.update(s.id(), s.version(), c -> c.withPrompt("girl_pos", "smiling"));
 * assert s.version() == 1;
 * }</pre>
 *
 * <p>Instances are immutable (provided the state is) and thread-safe.
 *
 * @param id the session id: 43 base64url characters encoding 32 random bytes
 * @param version 0 at creation, plus one per update
 * @param state the session's state
 * @param createdNanos the store's ticker reading when the session was created
 * @param lastAccessNanos the store's ticker reading when the session was last read or updated
 * @param <T> the state type (immutable)
 */
public record Session<T>(
    String id, long version, T state, long createdNanos, long lastAccessNanos) {

  /**
   * Checks the components.
   *
   * @param id the session id
   * @param version 0 at creation, plus one per update
   * @param state the session's state
   * @param createdNanos the store's ticker reading at creation
   * @param lastAccessNanos the store's ticker reading at the last read or update
   * @throws NullPointerException if {@code id} or {@code state} is null
   * @throws IllegalArgumentException if {@code version} is negative
   */
  public Session {
    checkNotNull(id, "id must not be null");
    checkNotNull(state, "state must not be null");
    checkArgument(version >= 0, "version must be >= 0: %s", version);
  }

  /**
   * Shows the version, the state's type and at most {@value SessionException#MAX_ID_ECHO} characters of
   * the id.
   *
   * @return a description for logs
   */
  @Override
  public String toString() {
    return "Session[id="
        + SessionException.echo(id)
        + ", version="
        + version
        + ", state="
        + state.getClass().getSimpleName()
        + "]";
  }
}
