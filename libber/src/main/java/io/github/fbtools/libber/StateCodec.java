package io.github.fbtools.libber;

/**
 * The JSON form of one kind of session state, for storages that keep sessions outside the heap
 * (such as the {@code fbtools-redis} module). The JSON holds the same fields the REST answers
 * carry for that kind, plus what the state needs to be rebuilt exactly (file fingerprints, fields
 * the files had that this version does not know); {@code docs/rest.md} describes each form.
 *
 * <p>The session managers give theirs: {@link LibberStateManager#codec()}, {@link
 * PromptStateManager#codec()} and {@link SceneStateManager#codec()}.
 *
 * <pre>{@code
 * StateCodec<PromptCollection> codec = PromptStateManager.codec();
 * String json = codec.toJson(PromptCollection.empty().withPrompt("girl_pos", "smiling"));
 * PromptCollection back = codec.fromJson(json);
 * }</pre>
 *
 * <p>Implementations are immutable and thread-safe.
 *
 * @param <T> the state type
 */
public interface StateCodec<T> {
  /**
   * Names the kind of state: {@code libber}, {@code prompts} or {@code scene} for the built-in
   * kinds. A storage keeps each kind apart under this name; it is 1 to 32 characters of {@code
   * [a-z0-9_]}.
   *
   * @return the kind's name
   */
  String kind();

  /**
   * Writes a state as one line of JSON.
   *
   * @param state the state
   * @return its JSON text
   */
  String toJson(T state);

  /**
   * Reads a state written by {@link #toJson}.
   *
   * @param json the JSON text
   * @return the state
   * @throws io.github.fbtools.core.json.FormatException if the text is not such a state
   */
  T fromJson(String json);
}
