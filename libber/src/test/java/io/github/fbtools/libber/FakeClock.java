package io.github.fbtools.libber;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that only moves when told to, starting at 2026-01-01T00:00:00Z. Thread-safe. Shared
 * with other modules' tests through this module's test jar.
 */
public final class FakeClock implements InstantSource {
  private static final long START = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();

  private final AtomicLong nanos = new AtomicLong(START * 1_000_000_000L);

  @Override
  public Instant instant() {
    return Instant.ofEpochSecond(0, nanos.get());
  }

  /** The current reading in nanoseconds since the epoch. */
  public long read() {
    return nanos.get();
  }

  /** Moves time forward. */
  public FakeClock advance(Duration d) {
    nanos.addAndGet(d.toNanos());
    return this;
  }

  /** Moves time forward by {@code n} nanoseconds. */
  public FakeClock advanceNanos(long n) {
    nanos.addAndGet(n);
    return this;
  }
}
