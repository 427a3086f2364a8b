package io.github.fbtools.libber;

import static com.google.common.base.Preconditions.checkNotNull;

import io.github.fbtools.core.FbToolsException;
import io.github.fbtools.core.InvalidNameException;

/**
 * An operation would create an entry whose name is already taken, for example renaming a prompt
 * to the name of another prompt. Nothing was changed.
 *
 * <p>The REST layer answers 409 with the session's current state.
 *
 * <!-- given: PromptStateManager prompts; String id -->
 * <pre>{@code
 * try {
 *   prompts.renamePrompt(id, null, "a", "b");
 * } catch (EntryExistsException e) {
 *   System.err.println(e.getMessage());   // a prompt "b" already exists
 * }
 * }</pre>
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class EntryExistsException extends FbToolsException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param kind what kind of entry, for example {@code "prompt"}
   * @param name the taken name (at most 64 characters are repeated, control characters escaped)
   */
  public EntryExistsException(String kind, String name) {
    super(
        "a "
            + checkNotNull(kind, "kind must not be null")
            + " "
            + InvalidNameException.echo(checkNotNull(name, "name must not be null"))
            + " already exists");
  }
}
