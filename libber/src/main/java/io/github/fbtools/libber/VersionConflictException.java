package io.github.fbtools.libber;

/**
 * An update carried an expected version that is not the session's current version: someone else
 * changed the session since the caller last saw it. Nothing was changed. The exception carries
 * the session as it is now, so the caller can show the current state and retry.
 *
 * <p>The REST layer answers 409 with {@code version} and the current state.
 *
 * <!-- given: SessionStore<PromptCollection> store; String id; long seenVersion; void render(Session<?> current) -->
 * <pre>{@code
 * try {
 *   store.update(id, seenVersion, c -> c.withPrompt("a", "b"));
 * } catch (VersionConflictException e) {
 *   render(e.current());   // the other client's changes
 * }
 * }</pre>
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class VersionConflictException extends SessionException {
  private static final long serialVersionUID = 1L;

  /** The session as it is now (immutable; not serialized). */
  private final transient Session<?> current;

  /** The version the caller expected. */
  private final long expectedVersion;

  /**
   * Creates the exception.
   *
   * @param expectedVersion the version the caller expected
   * @param current the session as it is now
   */
  public VersionConflictException(long expectedVersion, Session<?> current) {
    super(
        "version conflict on session "
            + echo(current.id())
            + ": expected version "
            + expectedVersion
            + ", current version is "
            + current.version());
    this.expectedVersion = expectedVersion;
    this.current = current;
  }

  /**
   * Returns the session as it is now: its current version and state.
   *
   * @return the current session snapshot
   */
  public Session<?> current() {
    return current;
  }

  /**
   * Returns the current version of the session.
   *
   * @return the version
   */
  public long currentVersion() {
    return current.version();
  }

  /**
   * Returns the version the caller expected.
   *
   * @return the stale version
   */
  public long expectedVersion() {
    return expectedVersion;
  }
}
