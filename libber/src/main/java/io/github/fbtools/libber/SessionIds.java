package io.github.fbtools.libber;

import static com.google.common.base.Preconditions.checkNotNull;

import java.security.SecureRandom;
import java.util.Base64;
import javax.annotation.Nullable;

/**
 * Session ids, for every {@link SessionStorage}: {@value #ID_BYTES} bytes from a {@link
 * SecureRandom}, encoded as {@value #ID_LENGTH} base64url characters without padding, and the
 * cheap check that refuses a string that cannot be one.
 *
 * <pre>{@code
 * String id = SessionIds.generate(new SecureRandom());
 * SessionIds.check(id);                      // passes
 * SessionIds.check("../etc/passwd");         // InvalidSessionIdException
 * }</pre>
 *
 * <p>This class is stateless and thread-safe (the random generator is the caller's).
 */
public final class SessionIds {
  /** The length of every session id, in characters. */
  public static final int ID_LENGTH = 43;

  /** The number of random bytes in a session id. */
  public static final int ID_BYTES = 32;

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private SessionIds() {}

  /**
   * Returns a new id: {@value #ID_BYTES} bytes of {@code random}, base64url without padding.
   *
   * @param random a cryptographically strong generator
   * @return the id
   */
  public static String generate(SecureRandom random) {
    byte[] bytes = new byte[ID_BYTES];
    random.nextBytes(bytes);
    return ENCODER.encodeToString(bytes);
  }

  /**
   * Tells whether a string has the form of a session id: {@value #ID_LENGTH} characters of the
   * base64url alphabet. Says nothing about whether such a session exists.
   *
   * @param id any string
   * @return true if it could be a session id
   */
  public static boolean isWellFormed(String id) {
    return problem(id) == null;
  }

  /**
   * Refuses a string that cannot be a session id.
   *
   * @param id the string
   * @return {@code id}
   * @throws InvalidSessionIdException if it cannot be an id (the message echoes at most {@value
   *     SessionException#MAX_ID_ECHO} characters of it)
   * @throws NullPointerException if {@code id} is null
   */
  public static String check(String id) {
    checkNotNull(id, "session id must not be null");
    String problem = problem(id);
    if (problem != null) {
      throw new InvalidSessionIdException(id, problem);
    }
    return id;
  }

  @Nullable
  private static String problem(String id) {
    if (id.length() != ID_LENGTH) {
      return "expected " + ID_LENGTH + " characters, found " + id.length();
    }
    for (int i = 0; i < ID_LENGTH; i++) {
      char c = id.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_';
      if (!ok) {
        return "only the characters A-Z, a-z, 0-9, '-' and '_' are allowed";
      }
    }
    return null;
  }
}
