package io.github.fbtools.libber;

import static com.google.common.base.Preconditions.checkNotNull;

import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.PromptMetadata;
import javax.annotation.Nullable;

/**
 * Editing sessions over prompt collections: the server-side copy of a {@code prompts.json} that
 * clients edit one operation at a time, each answer carrying the new state and version.
 *
 * <p>Every operation is one atomic {@link SessionStore#update} (or read): it cannot lose a
 * concurrent edit, it adds one to the version, and with an expected version it fails with {@link
 * VersionConflictException} instead of overwriting changes the caller has not seen. Sessions
 * expire and are bounded as their {@link SessionStore} says.
 *
 * <pre>{@code
 * PromptSessions prompts = PromptSessions.create();
 * Session<PromptCollection> s = prompts.open(PromptCollection.fromLegacy(Map.of("girl_pos", "smiling")));
 * s = prompts.addPrompt(s.id(), s.version(), "male_pos", PromptMetadata.of("standing"));
 * Removal<PromptCollection> r = prompts.removePrompt(s.id(), s.version(), "girl_pos");
 * }</pre>
 *
 * <p>This class is thread-safe.
 */
public final class PromptSessions {
  private static final String PROMPT = "prompt";

  private final SessionStore<PromptCollection> store;

  private PromptSessions(SessionStore<PromptCollection> store) {
    this.store = checkNotNull(store, "store must not be null");
  }

  /**
   * Creates prompt sessions over a store with the default limits and a weigher that estimates the
   * bytes of each collection.
   *
   * @return the sessions
   */
  public static PromptSessions create() {
    return new PromptSessions(storeBuilder().build());
  }

  /**
   * Creates prompt sessions over the given store.
   *
   * @param store the store; {@link #storeBuilder()} gives a builder with the right weigher
   * @return the sessions
   */
  public static PromptSessions over(SessionStore<PromptCollection> store) {
    return new PromptSessions(store);
  }

  /**
   * Returns a store builder whose weigher estimates the heap bytes of a collection, to be
   * configured further (timeouts, limits, ticker) and passed to {@link #over}.
   *
   * @return a new builder
   */
  public static SessionStore.Builder<PromptCollection> storeBuilder() {
    return SessionStore.<PromptCollection>builder().weigher(PromptSessions::weigh);
  }

  /**
   * Estimates the heap bytes a collection holds.
   *
   * @param collection the collection
   * @return the estimate
   */
  static long weigh(PromptCollection collection) {
    return JsonWeigher.weigh(collection.toJsonObject());
  }

  /**
   * Returns the underlying store.
   *
   * @return the store
   */
  public SessionStore<PromptCollection> store() {
    return store;
  }

  /**
   * Opens a session on a collection.
   *
   * @param collection the initial state
   * @return the new session (version 0)
   * @throws TooManySessionsException if the store is full
   * @throws SessionTooLargeException if the collection is over the per-session size limit
   */
  public Session<PromptCollection> open(PromptCollection collection) {
    return store.create(collection);
  }

  /**
   * Returns the session (counts as an access).
   *
   * @param sessionId the session id
   * @return the current snapshot
   * @throws SessionNotFoundException if there is no such live session
   * @throws InvalidSessionIdException if {@code sessionId} cannot be a session id
   */
  public Session<PromptCollection> get(String sessionId) {
    return store.get(sessionId);
  }

  /**
   * Sets the prompt {@code name} to {@code prompt}, replacing the whole entry if there is one (its
   * position is kept), as the reference's {@code add_prompt} does.
   *
   * @param sessionId the session id
   * @param expectedVersion the version the caller last saw, or null
   * @param name the prompt's name
   * @param prompt the prompt
   * @return the updated session
   * @throws SessionNotFoundException if there is no such live session
   * @throws VersionConflictException if {@code expectedVersion} is stale
   * @throws SessionTooLargeException if the collection would grow over a size limit
   */
  public Session<PromptCollection> addPrompt(
      String sessionId, @Nullable Long expectedVersion, String name, PromptMetadata prompt) {
    checkNotNull(name, "name must not be null");
    checkNotNull(prompt, "prompt must not be null");
    return store.update(sessionId, expectedVersion, c -> c.withPrompt(name, prompt));
  }

  /**
   * Removes the prompt {@code name}, if there is one. Compositions are left as they are (a
   * composition skips names of missing prompts).
   *
   * @param sessionId the session id
   * @param expectedVersion the version the caller last saw, or null
   * @param name the prompt's name
   * @return the updated session, and whether the prompt existed
   * @throws SessionNotFoundException if there is no such live session
   * @throws VersionConflictException if {@code expectedVersion} is stale
   */
  public Removal<PromptCollection> removePrompt(
      String sessionId, @Nullable Long expectedVersion, String name) {
    checkNotNull(name, "name must not be null");
    boolean[] existed = new boolean[1];
    Session<PromptCollection> s =
        store.update(
            sessionId,
            expectedVersion,
            c -> {
              existed[0] = c.prompts().containsKey(name);
              return c.withoutPrompt(name);
            });
    return new Removal<>(s, existed[0]);
  }

  /**
   * Renames the prompt {@code from} to {@code to}, keeping its position and metadata; compositions
   * that list {@code from} list {@code to} instead.
   *
   * @param sessionId the session id
   * @param expectedVersion the version the caller last saw, or null
   * @param from the current name
   * @param to the new name
   * @return the updated session
   * @throws EntryNotFoundException if there is no prompt {@code from} (nothing changes)
   * @throws EntryExistsException if another prompt is already named {@code to} (nothing changes)
   * @throws SessionNotFoundException if there is no such live session
   * @throws VersionConflictException if {@code expectedVersion} is stale
   */
  public Session<PromptCollection> renamePrompt(
      String sessionId, @Nullable Long expectedVersion, String from, String to) {
    checkNotNull(from, "from must not be null");
    checkNotNull(to, "to must not be null");
    return store.update(
        sessionId,
        expectedVersion,
        c -> {
          if (!c.prompts().containsKey(from)) {
            throw new EntryNotFoundException(PROMPT, from);
          }
          if (!from.equals(to) && c.prompts().containsKey(to)) {
            throw new EntryExistsException(PROMPT, to);
          }
          return c.withPromptRenamed(from, to);
        });
  }

  /**
   * Closes the session.
   *
   * @param sessionId the session id
   * @return true if a live session was closed
   * @throws InvalidSessionIdException if {@code sessionId} cannot be a session id
   */
  public boolean close(String sessionId) {
    return store.delete(sessionId);
  }
}
