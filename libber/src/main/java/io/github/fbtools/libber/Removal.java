package io.github.fbtools.libber;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * The result of a remove operation on a session: the session after the update, and whether the
 * named entry existed (and so was removed). Removing an absent entry still counts as an update
 * and adds one to the version.
 *
 * <!-- given: PromptStateManager prompts; String id -->
 * <pre>{@code
 * Removal<PromptCollection> r = prompts.removePrompt(id, null, "girl_pos");
 * if (!r.removed()) System.out.println("there was no girl_pos");
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param session the session after the update
 * @param removed true if the entry existed before the update
 * @param <T> the session state type
 */
public record Removal<T>(Session<T> session, boolean removed) {
  /**
   * Checks the components.
   *
   * @param session the session after the update
   * @param removed true if the entry existed before the update
   * @throws NullPointerException if {@code session} is null
   */
  public Removal {
    checkNotNull(session, "session must not be null");
  }
}
