package io.github.fbtools.libber;

import static com.google.common.base.Preconditions.checkNotNull;

import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.PromptMetadata;
import javax.annotation.Nullable;

/**
 * Editing sessions over prompt collections: the server-side copy of a {@code prompts.json} that
 * clients edit one operation at a time, each answer carrying the new state and version.
 *
 * <p>Every operation is one atomic {@link SessionStorage#update} (or read): it cannot lose a
 * concurrent edit, it adds one to the version, and with an expected version it fails with {@link
 * VersionConflictException} instead of overwriting changes the caller has not seen. Sessions
 * expire and are bounded as their {@link SessionStorage} says. Open, get and close come from
 * {@link StateManager}.
 *
 * <pre>{@code
 * PromptStateManager prompts = PromptStateManager.create();
 * Session<PromptCollection> s = prompts.open(PromptCollection.fromLegacy(Map.of("girl_pos", "smiling")));
 * s = prompts.addPrompt(s.id(), s.version(), "male_pos", PromptMetadata.of("standing"));
 * Removal<PromptCollection> r = prompts.removePrompt(s.id(), s.version(), "girl_pos");
 * }</pre>
 *
 * <p>This class is thread-safe.
 */
public final class PromptStateManager extends StateManager<PromptCollection> {
  private static final String PROMPT = "prompt";

  private PromptStateManager(SessionStorage<PromptCollection> storage) {
    super(checkNotNull(storage, "storage must not be null"));
  }

  /**
   * Creates prompt sessions over a store with the default limits and a weigher that estimates the
   * bytes of each collection.
   *
   * @return the sessions
   */
  public static PromptStateManager create() {
    return new PromptStateManager(storeBuilder().build());
  }

  /**
   * Creates prompt sessions over the given storage.
   *
   * @param storage the storage; {@link #storeBuilder()} gives an in-memory one with the right
   *     weigher, and a {@link SessionBackend} gives a shared one for {@link #codec()}
   * @return the sessions
   */
  public static PromptStateManager over(SessionStorage<PromptCollection> storage) {
    return new PromptStateManager(storage);
  }

  /**
   * Returns the JSON form of prompt session states, kind {@code prompts}: the {@code collection}
   * (the prompts.json v2 object) and {@code prompt_names}, as the REST answers carry them.
   *
   * @return the codec
   */
  public static StateCodec<PromptCollection> codec() {
    return StateJson.PROMPTS;
  }

  /**
   * Returns a store builder whose weigher estimates the heap bytes of a collection, to be
   * configured further (timeouts, limits, ticker) and passed to {@link #over}.
   *
   * @return a new builder
   */
  public static SessionStore.Builder<PromptCollection> storeBuilder() {
    return SessionStore.<PromptCollection>builder().defaultWeigher(PromptStateManager::weigh);
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
    return edit(sessionId, expectedVersion, c -> c.withPrompt(name, prompt));
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
    return remove(
        sessionId, expectedVersion, c -> c.prompts().containsKey(name), c -> c.withoutPrompt(name));
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
    return edit(
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
}
