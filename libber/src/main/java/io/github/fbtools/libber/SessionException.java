package io.github.fbtools.libber;

import static com.google.common.base.Preconditions.checkNotNull;

import io.github.fbtools.core.FbToolsException;
import java.util.Locale;
import javax.annotation.Nullable;

/**
 * The base type of the exceptions a {@link SessionStore} throws: an unknown, expired or malformed
 * session id, a full store, a session grown too large, a stale expected version, or a storage
 * that cannot be reached.
 *
 * <p>Messages never repeat a whole session id: {@link #echo(String)} keeps at most {@value
 * #MAX_ID_ECHO} characters (control characters escaped), so ids do not leak into logs and hostile
 * ids cannot forge log lines.
 *
 * <!-- given: SessionStore<PromptCollection> store; String id -->
 * <pre>{@code
 * try {
 *   store.get(id);
 * } catch (SessionNotFoundException e) {
 *   return ApiResponse.error(404, e.getMessage());
 * }
 * }</pre>
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public abstract class SessionException extends FbToolsException {
  private static final long serialVersionUID = 1L;

  /** The most characters of a session id that a message repeats. */
  public static final int MAX_ID_ECHO = 8;

  /**
   * Creates the exception.
   *
   * @param message what went wrong; must not hold a whole session id
   */
  protected SessionException(String message) {
    super(checkNotNull(message, "message must not be null"));
  }

  /**
   * Creates the exception with the failure behind it.
   *
   * @param message what went wrong; must not hold a whole session id
   * @param cause the underlying failure, if any
   */
  protected SessionException(String message, @Nullable Throwable cause) {
    super(checkNotNull(message, "message must not be null"), cause);
  }

  /**
   * Quotes at most {@value #MAX_ID_ECHO} characters of a session id, escaping anything outside
   * printable ASCII as {@code \\uXXXX}, and says how long the id was when it was longer.
   *
   * @param id any string
   * @return a safe, bounded rendering such as {@code "AbCdEfGh..."}
   */
  public static String echo(String id) {
    StringBuilder sb = new StringBuilder("\"");
    int n = Math.min(id.length(), MAX_ID_ECHO);
    for (int i = 0; i < n; i++) {
      char c = id.charAt(i);
      if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
        sb.append(c);
      } else {
        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      }
    }
    if (id.length() > MAX_ID_ECHO) {
      sb.append("...");
    }
    return sb.append('"').toString();
  }
}
