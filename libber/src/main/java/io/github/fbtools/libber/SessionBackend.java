package io.github.fbtools.libber;

/**
 * A place that keeps editing sessions of every kind, such as a Redis server shared by several
 * fbtools servers ({@code io.github.fbtools.redis.RedisSessionBackend}). It gives one {@link
 * SessionStorage} per kind of state; the REST API builds its three session managers over it with
 * {@code FbToolsApi.Builder.sessionBackend}.
 *
 * <p>Without a backend, each session manager keeps its sessions in its own in-memory {@link
 * SessionStore}, which is the default.
 *
 * <!-- given: SessionBackend backend -->
 * <pre>{@code
 * // backend: e.g. RedisSessionBackend.builder(uri).build() from fbtools-redis
 * LibberStateManager libbers =
 *     LibberStateManager.over(backend.storage(LibberStateManager.codec()));
 * }</pre>
 *
 * <p>Implementations are thread-safe.
 */
public interface SessionBackend {
  /**
   * Returns the storage of one kind of state ({@link StateCodec#kind()}). Sessions of different
   * kinds never see each other: an id of one kind is unknown to the storage of another.
   *
   * @param codec the JSON form of the state, which names its kind
   * @param <T> the state type
   * @return the storage
   */
  <T> SessionStorage<T> storage(StateCodec<T> codec);
}
