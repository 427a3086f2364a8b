package io.github.fbtools.libber;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;
import javax.annotation.Nullable;

/**
 * The session storage cannot be reached now (for example, its Redis server is down or does not
 * answer in time). The call changed nothing that the caller could see, and may succeed if tried
 * again later: {@link #retryAfter()} suggests when.
 *
 * <p>The REST layer answers 503 with a {@code Retry-After} header and the one-line reason; it
 * writes nothing to the data folders for such a request.
 *
 * <!-- given: LibberStateManager libbers; String id; long version; void scheduleRetry(Duration after) -->
 * <pre>{@code
 * try {
 *   libbers.addLib(id, version, "hair", "long");
 * } catch (StorageUnavailableException e) {
 *   scheduleRetry(e.retryAfter());
 * }
 * }</pre>
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class StorageUnavailableException extends SessionException {
  private static final long serialVersionUID = 1L;

  /** How long to wait before trying again. */
  private final Duration retryAfter;

  /**
   * Creates the exception.
   *
   * @param message the one-line reason, without any session id
   * @param retryAfter how long a caller should wait before trying again (positive)
   * @param cause the underlying failure, if any
   * @throws IllegalArgumentException if {@code retryAfter} is not positive
   */
  public StorageUnavailableException(
      String message, Duration retryAfter, @Nullable Throwable cause) {
    super(message, cause);
    checkNotNull(retryAfter, "retryAfter must not be null");
    checkArgument(
        !retryAfter.isNegative() && !retryAfter.isZero(),
        "retryAfter must be positive: %s",
        retryAfter);
    this.retryAfter = retryAfter;
  }

  /**
   * Returns how long a caller should wait before trying again.
   *
   * @return a positive duration
   */
  public Duration retryAfter() {
    return retryAfter;
  }
}
