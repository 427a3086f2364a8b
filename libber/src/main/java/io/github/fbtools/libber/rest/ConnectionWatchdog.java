package io.github.fbtools.libber.rest;

import java.io.InterruptedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Cuts off stalled clients of one {@link FbToolsHttpServer} without any JVM-wide setting.
 *
 * <p>The JDK server reads a request head, and the server reads the body and writes the answer, on
 * a worker thread, in blocking mode, on a {@link java.nio.channels.SocketChannel}. Such a channel
 * is interruptible: interrupting the thread blocked on it closes the connection. Every worker
 * therefore runs with a {@link Slot} that the server arms with a deadline while the thread waits
 * for the client (head, body, answer) and disarms while the API works (so no file write is ever
 * interrupted). A single timer thread looks at the armed slots ten times a second and interrupts
 * the threads past their deadline.
 *
 * <p>Thread-safe.
 */
final class ConnectionWatchdog implements AutoCloseable {
  /** How often the armed slots are checked. */
  static final long TICK_MILLIS = 100;

  private static final AtomicLong SERVERS = new AtomicLong();

  private final Map<Thread, Slot> slots = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer;
  private final LongSupplier nanoTime;
  private final AtomicLong cutOff = new AtomicLong();

  /** The deadline of one worker thread. */
  static final class Slot {
    private final Thread thread;
    private final LongSupplier nanoTime;
    private long deadline; // guarded by this
    private boolean armed; // guarded by this
    private boolean fired; // guarded by this
    private String waitingFor = ""; // guarded by this

    Slot(Thread thread, LongSupplier nanoTime) {
      this.thread = thread;
      this.nanoTime = nanoTime;
    }

    /** Lets the watchdog cut the connection if {@code waitingFor} is not done by then. */
    synchronized void arm(String waitingFor, long timeoutNanos) {
      this.waitingFor = waitingFor;
      this.deadline = nanoTime.getAsLong() + timeoutNanos;
      this.armed = true;
    }

    /**
     * Ends the waiting; from now on the thread is never interrupted by the watchdog.
     *
     * @throws InterruptedIOException if the deadline had passed and the connection was cut
     */
    void disarm() throws InterruptedIOException {
      boolean wasFired;
      String what;
      synchronized (this) {
        armed = false;
        wasFired = fired;
        what = waitingFor;
      }
      if (wasFired) {
        Thread.interrupted();
        throw new InterruptedIOException("the client took too long: " + what);
      }
    }

    synchronized boolean fired() {
      return fired;
    }

    private synchronized boolean fireIfDue(long now) {
      if (armed && !fired && now - deadline >= 0) {
        fired = true;
        thread.interrupt();
        return true;
      }
      return false;
    }
  }

  ConnectionWatchdog(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
    long n = SERVERS.incrementAndGet();
    ScheduledThreadPoolExecutor t =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread thread = new Thread(r, "fbtools-http-watchdog-" + n);
              thread.setDaemon(true);
              return thread;
            });
    t.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    this.timer = t;
    timer.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
  }

  /**
   * Wraps an executor so that every task runs with a slot of its own, armed at once for {@code
   * headTimeoutNanos} (the JDK reads the request head first).
   */
  Executor guarding(Executor executor, long headTimeoutNanos) {
    return task ->
        executor.execute(
            () -> {
              Thread current = Thread.currentThread();
              Slot slot = new Slot(current, nanoTime);
              slot.arm("the request head", headTimeoutNanos);
              slots.put(current, slot);
              try {
                task.run();
              } finally {
                slots.remove(current);
                Thread.interrupted();
              }
            });
  }

  /**
   * Returns the slot of the calling worker thread.
   *
   * @return the slot, or a detached one if the thread is not a guarded worker
   */
  Slot current() {
    Slot s = slots.get(Thread.currentThread());
    return s != null ? s : new Slot(Thread.currentThread(), nanoTime);
  }

  /** How many connections were cut off so far. */
  long cutOff() {
    return cutOff.get();
  }

  private void tick() {
    long now = nanoTime.getAsLong();
    for (Slot s : slots.values()) {
      if (s.fireIfDue(now)) {
        cutOff.incrementAndGet();
      }
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
