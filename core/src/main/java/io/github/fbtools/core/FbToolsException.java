package io.github.fbtools.core;

import javax.annotation.Nullable;

/**
 * The unchecked base type of every exception fbtools-java defines for bad data: malformed files
 * ({@link FormatException}), refused names ({@link InvalidNameException}) and refused Libber
 * expansions ({@link LibberExpansionException}).
 *
 * <p>File-system failures are reported separately, as checked {@link java.io.IOException}s, so a
 * caller can tell "the data is bad" from "the disk failed".
 *
 * <!-- given: String text -->
 * <pre>{@code
 * try {
 *   PromptCollection c = PromptCollection.fromJson(text);
 * } catch (FbToolsException e) {
 *   System.err.println("bad prompts: " + e.getMessage());
 * }
 * }</pre>
 *
 * <p>Instances are immutable once constructed and safe to share between threads.
 */
public class FbToolsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what was wrong, and where
   */
  public FbToolsException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what was wrong, and where
   * @param cause the underlying failure, if any
   */
  public FbToolsException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
