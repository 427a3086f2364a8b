package io.github.fbtools.libber;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Instant;

/**
 * An immutable snapshot of one session of a {@link SessionStorage}: its id, its version, its
 * state, and when it was created and last used.
 *
 * <p>A new session has version 0; every successful update adds one. The times are readings of the
 * storage's {@link java.time.InstantSource}. {@link #toString()} shows only a prefix of the id.
 *
 * <!-- given: SessionStore<PromptCollection> store -->
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
 * @param created when the session was created
 * @param lastAccess when the session was last read or updated
 * @param <T> the state type (immutable)
 */
public record Session<T>(String id, long version, T state, Instant created, Instant lastAccess) {

  /**
   * Checks the components.
   *
   * @param id the session id
   * @param version 0 at creation, plus one per update
   * @param state the session's state
   * @param created when the session was created
   * @param lastAccess when the session was last read or updated
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if {@code version} is negative
   */
  public Session {
    checkNotNull(id, "id must not be null");
    checkNotNull(state, "state must not be null");
    checkNotNull(created, "created must not be null");
    checkNotNull(lastAccess, "lastAccess must not be null");
    checkArgument(version >= 0, "version must be >= 0: %s", version);
  }

  /**
   * Shows the version, the state's type and at most {@value SessionException#MAX_ID_ECHO}
   * characters of the id.
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
