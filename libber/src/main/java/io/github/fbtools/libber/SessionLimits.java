package io.github.fbtools.libber;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;

/**
 * The timeouts and bounds a {@link SessionStorage} enforces.
 *
 * <!-- given: SessionStorage<?> storage -->
 * <pre>{@code
 * SessionLimits limits = storage.limits();
 * System.out.println("sessions expire after " + limits.idleTimeout() + " unused");
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param idleTimeout how long a session may go unused (positive)
 * @param absoluteTimeout how long a session may live, however active (positive)
 * @param maxSessions the most sessions held at once (at least 1)
 * @param maxSessionWeight the most one session may weigh (at least 1)
 * @param maxTotalWeight the most all sessions together may weigh (at least 1)
 */
public record SessionLimits(
    Duration idleTimeout,
    Duration absoluteTimeout,
    int maxSessions,
    long maxSessionWeight,
    long maxTotalWeight) {

  /**
   * The defaults: 30 minutes idle, 8 hours in all, 1,000 sessions, 8 MiB each, 256 MiB in all. A
   * shared storage such as Redis takes them as they are; the in-memory {@link SessionStore} takes
   * an eighth of the maximum heap in all if that is less ({@link
   * SessionStore#DEFAULT_HEAP_FRACTION}), since its sessions live in the heap.
   */
  public static final SessionLimits DEFAULT =
      new SessionLimits(
          Duration.ofMinutes(30), Duration.ofHours(8), 1_000, 8L << 20, 256L << 20);

  /**
   * Checks the components.
   *
   * @param idleTimeout how long a session may go unused
   * @param absoluteTimeout how long a session may live
   * @param maxSessions the most sessions held at once
   * @param maxSessionWeight the most one session may weigh
   * @param maxTotalWeight the most all sessions together may weigh
   * @throws IllegalArgumentException if a timeout is not positive or a bound is below 1
   * @throws NullPointerException if a timeout is null
   */
  public SessionLimits {
    checkNotNull(idleTimeout, "idleTimeout must not be null");
    checkNotNull(absoluteTimeout, "absoluteTimeout must not be null");
    checkArgument(
        !idleTimeout.isNegative() && !idleTimeout.isZero(),
        "idleTimeout must be positive: %s",
        idleTimeout);
    checkArgument(
        !absoluteTimeout.isNegative() && !absoluteTimeout.isZero(),
        "absoluteTimeout must be positive: %s",
        absoluteTimeout);
    checkArgument(maxSessions >= 1, "maxSessions must be >= 1: %s", maxSessions);
    checkArgument(maxSessionWeight >= 1, "maxSessionWeight must be >= 1: %s", maxSessionWeight);
    checkArgument(maxTotalWeight >= 1, "maxTotalWeight must be >= 1: %s", maxTotalWeight);
  }
}
