package io.github.fbtools.libber;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * A string given as a session id cannot be one: session ids are exactly {@value
 * SessionStore#ID_LENGTH} characters of the base64url alphabet ({@code [A-Za-z0-9_-]}). The check
 * is cheap (no lookup, no allocation beyond the message) and the message repeats at most {@value
 * SessionException#MAX_ID_ECHO} characters of the input.
 *
 * <p>The REST layer answers 400.
 *
 * <!-- given: SessionStore<PromptCollection> store; ApiRequest request -->
 * <pre>{@code
 * try {
 *   store.get(request.query().get("session_id"));
 * } catch (InvalidSessionIdException e) {
 *   return ApiResponse.error(400, e.getMessage());
 * }
 * }</pre>
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class InvalidSessionIdException extends SessionException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param id the refused string (only a prefix is kept in the message)
   * @param reason what is wrong with it
   */
  public InvalidSessionIdException(String id, String reason) {
    super(
        "malformed session id "
            + echo(checkNotNull(id, "id must not be null"))
            + ": "
            + checkNotNull(reason, "reason must not be null"));
  }
}
