package io.github.fbtools.libber;

import com.google.common.base.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A ticker that only moves when told to. Thread-safe. */
public final class FakeTicker extends Ticker {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  @Override
  public long read() {
    return nanos.get();
  }

  /** Moves time forward. */
  public FakeTicker advance(Duration d) {
    nanos.addAndGet(d.toNanos());
    return this;
  }

  /** Moves time forward by {@code n} nanoseconds. */
  public FakeTicker advanceNanos(long n) {
    nanos.addAndGet(n);
    return this;
  }
}
