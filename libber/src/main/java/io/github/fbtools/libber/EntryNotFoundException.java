package io.github.fbtools.libber;

import static com.google.common.base.Preconditions.checkNotNull;

import io.github.fbtools.core.FbToolsException;
import io.github.fbtools.core.InvalidNameException;

/**
 * An operation named an entry of a session's state that does not exist: a prompt of a prompt
 * collection, a key of a Libber. Nothing was changed.
 *
 * <p>The REST layer answers 404.
 *
 * <!-- given: PromptStateManager prompts; String id -->
 * <pre>{@code
 * try {
 *   prompts.renamePrompt(id, null, "old", "new");
 * } catch (EntryNotFoundException e) {
 *   System.err.println(e.getMessage());   // no prompt "old"
 * }
 * }</pre>
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class EntryNotFoundException extends FbToolsException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param kind what kind of entry, for example {@code "prompt"}
   * @param name the missing name (at most 64 characters are repeated, control characters escaped)
   */
  public EntryNotFoundException(String kind, String name) {
    super(
        "no "
            + checkNotNull(kind, "kind must not be null")
            + " "
            + InvalidNameException.echo(checkNotNull(name, "name must not be null")));
  }
}
