package io.github.fbtools.libber;

import io.github.fbtools.core.files.Fingerprint;
import static com.google.common.base.Preconditions.checkNotNull;

import io.github.fbtools.core.ExpansionLimits;
import io.github.fbtools.core.Libber;
import io.github.fbtools.core.LibberSource;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Editing sessions over Libbers: the server-side copy of a Libber that clients edit one operation
 * at a time, each answer carrying the new keys and version.
 *
 * <p>Unlike the reference's process-wide, name-keyed {@code LibberStateManager} (where a second
 * {@code create} of a name silently replaced the first), every session here has its own random id
 * and its own copy: two editors of the same Libber never see each other's unsaved changes unless
 * they share a session. Every edit is one atomic {@link SessionStorage#update}: no edit is lost,
 * the version grows by one, and a stale expected version fails with {@link
 * VersionConflictException}. Substitution ({@link #apply}) reads the session and runs outside any
 * lock. Open, get and close come from {@link StateManager}.
 *
 * <pre>{@code
 * LibberStateManager libbers = LibberStateManager.create();
 * Session<LibberState> s = libbers.open(new LibberState("styles", Libber.empty()));
 * s = libbers.addLib(s.id(), s.version(), "Hair", "long %color% hair");   // key "hair"
 * s = libbers.addLib(s.id(), s.version(), "color", "red");
 * String text = libbers.apply(s.id(), "a woman with %hair%", ExpansionLimits.DEFAULT);
 * }</pre>
 *
 * <p>This class is thread-safe.
 */
public final class LibberStateManager extends StateManager<LibberState> {
  private LibberStateManager(SessionStorage<LibberState> storage) {
    super(checkNotNull(storage, "storage must not be null"));
  }

  /**
   * Creates Libber sessions over a store with the default limits and a weigher that estimates
   * the bytes of each Libber.
   *
   * @return the sessions
   */
  public static LibberStateManager create() {
    return new LibberStateManager(storeBuilder().build());
  }

  /**
   * Creates Libber sessions over the given storage.
   *
   * @param storage the storage; {@link #storeBuilder()} gives an in-memory one with the right
   *     weigher, and a {@link SessionBackend} gives a shared one for {@link #codec()}
   * @return the sessions
   */
  public static LibberStateManager over(SessionStorage<LibberState> storage) {
    return new LibberStateManager(storage);
  }

  /**
   * Returns the JSON form of Libber session states, kind {@code libber}: the fields of the REST
   * answers ({@code name}, {@code keys}, {@code lib_dict}, {@code delimiter}, {@code max_depth})
   * plus {@code fingerprint} and the file's unknown fields ({@code libber_extra}).
   *
   * @return the codec
   */
  public static StateCodec<LibberState> codec() {
    return StateJson.LIBBER;
  }

  /**
   * Returns a store builder whose weigher estimates the heap bytes of a Libber, to be configured
   * further and passed to {@link #over}.
   *
   * @return a new builder
   */
  public static SessionStore.Builder<LibberState> storeBuilder() {
    return SessionStore.<LibberState>builder().defaultWeigher(LibberStateManager::weigh);
  }

  static long weigh(LibberState state) {
    Libber l = state.libber();
    return JsonWeigher.weigh(l.libs())
        + JsonWeigher.weigh(l.extraFields())
        + JsonWeigher.weigh(l.delimiter())
        + JsonWeigher.weigh(state.name())
        + JsonWeigher.weigh(state.fingerprint().toString());
  }

  /**
   * Sets a lib: the key is normalised as {@link Libber#withLib} does (lower case, spaces and
   * dashes to underscores); an existing key is overwritten in place.
   *
   * @param sessionId the session id
   * @param expectedVersion the version the caller last saw, or null
   * @param key the key as given
   * @param value the value
   * @return the updated session
   * @throws SessionNotFoundException if there is no such live session
   * @throws VersionConflictException if {@code expectedVersion} is stale
   * @throws SessionTooLargeException if the Libber would grow over a size limit
   */
  public Session<LibberState> addLib(
      String sessionId, @Nullable Long expectedVersion, String key, String value) {
    checkNotNull(key, "key must not be null");
    checkNotNull(value, "value must not be null");
    return edit(sessionId, expectedVersion, s -> s.withLibber(s.libber().withLib(key, value)));
  }

  /**
   * Removes a lib (the key normalised as {@link Libber#withoutLib} does), if there is one.
   *
   * @param sessionId the session id
   * @param expectedVersion the version the caller last saw, or null
   * @param key the key as given
   * @return the updated session, and whether the key existed
   * @throws SessionNotFoundException if there is no such live session
   * @throws VersionConflictException if {@code expectedVersion} is stale
   */
  public Removal<LibberState> removeLib(
      String sessionId, @Nullable Long expectedVersion, String key) {
    checkNotNull(key, "key must not be null");
    return remove(
        sessionId,
        expectedVersion,
        state -> state.libber().lib(key).isPresent(),
        state -> state.withLibber(state.libber().withoutLib(key)));
  }

  /**
   * Records a save of the session's Libber: the name it was saved under and the file's new
   * fingerprint. This counts as a mutation (the version grows by one); the Libber is unchanged.
   *
   * @param sessionId the session id
   * @param name the name saved under
   * @param fingerprint the file's fingerprint after the save
   * @return the updated session
   * @throws SessionNotFoundException if there is no such live session
   */
  public Session<LibberState> recordSave(String sessionId, String name, Fingerprint fingerprint) {
    checkNotNull(name, "name must not be null");
    checkNotNull(fingerprint, "fingerprint must not be null");
    return edit(sessionId, null, s -> s.withSaved(name, fingerprint));
  }

  /**
   * Substitutes the session's Libber into {@code text}, within {@code limits}. Reads the session
   * (an access) and substitutes outside any lock.
   *
   * @param sessionId the session id
   * @param text the text
   * @param limits the output and step limits
   * @return the text with references expanded
   * @throws io.github.fbtools.core.LibberExpansionException if the limits refuse the expansion
   *     (naming the key chain)
   * @throws SessionNotFoundException if there is no such live session
   */
  public String apply(String sessionId, String text, ExpansionLimits limits) {
    checkNotNull(text, "text must not be null");
    checkNotNull(limits, "limits must not be null");
    return get(sessionId).state().libber().substitute(text, limits);
  }

  /**
   * Returns a {@link LibberSource} over some sessions: the Libber named {@code name} is the one
   * of the session {@code sessionsByName.get(name)}. The sessions are read now, once; the source
   * is an immutable snapshot.
   *
   * @param sessionsByName Libber name to session id
   * @return the source
   * @throws SessionNotFoundException if a session does not exist
   */
  public LibberSource snapshot(Map<String, String> sessionsByName) {
    LinkedHashMap<String, Libber> libbers = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : sessionsByName.entrySet()) {
      libbers.put(e.getKey(), get(e.getValue()).state().libber());
    }
    return LibberSource.of(libbers);
  }
}
