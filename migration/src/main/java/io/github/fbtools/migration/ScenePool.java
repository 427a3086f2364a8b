package io.github.fbtools.migration;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import com.google.common.util.concurrent.Uninterruptibles;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.annotation.Nullable;

/**
 * Runs one task per scene of a tree on a small bounded pool and hands the results to a consumer
 * <em>on the calling thread, in the tree's order</em>, each as soon as it and every scene before
 * it are done. So a listener and a report see exactly what a sequential run shows, in the same
 * order, from the same thread; only the scenes' file work overlaps (their flushes above all, which
 * wait for the device, not the processor).
 *
 * <ul>
 *   <li>With one job, or one scene, there is no pool: the calling thread does everything (and
 *       stops before the next scene once it is interrupted).
 *   <li>Otherwise {@code min(jobs, scenes)} daemon threads, created for the run and stopped at its
 *       end, work on at most {@value #LOOKAHEAD} times as many scenes as there are threads ahead
 *       of the consumer, so memory stays bounded however large the tree.
 *   <li>If the consumer or a task throws (an {@link Error} such as an out-of-memory, or a listener's
 *       exception), no further scene is started, the scenes being handled are completed, and the
 *       throwable propagates: every scene is then either fully handled or untouched. The same
 *       happens when the calling thread is interrupted, which ends the run with an {@link
 *       InterruptedIOException} (the interrupt flag is kept).
 * </ul>
 *
 * <p>Stateless; each call has its own pool.
 */
final class ScenePool {
  /** How many scenes per thread may be queued, running or done ahead of the consumer. */
  static final int LOOKAHEAD = 4;

  private static final ThreadFactory THREADS =
      new ThreadFactoryBuilder().setNameFormat("fbtools-migrate-%d").setDaemon(true).build();

  private ScenePool() {}

  /**
   * Runs {@code task} for every entry and gives each result to {@code consumer}, in order.
   *
   * @param entries the scenes, in the order of the report
   * @param jobs how many scenes may be handled at once, at least 1
   * @param task the work on one scene; it runs on a pool thread (or this one with one job)
   * @param consumer takes each result on the calling thread, in the order of {@code entries}
   * @throws InterruptedIOException if the calling thread was interrupted while it waited
   */
  static <R> void run(
      List<SceneTree.Entry> entries,
      int jobs,
      Function<SceneTree.Entry, R> task,
      Consumer<? super R> consumer)
      throws InterruptedIOException {
    int n = entries.size();
    if (jobs <= 1 || n <= 1) {
      for (int i = 0; i < n; i++) {
        if (Thread.currentThread().isInterrupted()) {
          throw interrupted(i, n, null);
        }
        consumer.accept(task.apply(entries.get(i)));
      }
      return;
    }
    int threads = Math.min(jobs, n);
    int window = threads * LOOKAHEAD;
    ExecutorService pool = Executors.newFixedThreadPool(threads, THREADS);
    Deque<Future<R>> inFlight = new ArrayDeque<>(window);
    int next = 0;
    int handed = 0;
    try {
      while (handed < n) {
        while (next < n && inFlight.size() < window) {
          SceneTree.Entry e = entries.get(next++);
          inFlight.add(pool.submit(() -> task.apply(e)));
        }
        R result = get(inFlight.element(), handed, n);
        inFlight.remove();
        consumer.accept(result);
        handed++;
      }
    } finally {
      // After a failure: scenes not started yet stay untouched; the ones running complete.
      for (Future<R> f : inFlight) {
        f.cancel(false);
      }
      pool.shutdown();
      Uninterruptibles.awaitTerminationUninterruptibly(pool);
    }
  }

  private static <R> R get(Future<R> future, int handed, int total)
      throws InterruptedIOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interrupted(handed, total, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Error error) {
        throw error;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("a scene task failed: " + cause, cause);
    }
  }

  private static InterruptedIOException interrupted(
      int handed, int total, @Nullable InterruptedException cause) {
    InterruptedIOException stop =
        new InterruptedIOException(
            "interrupted after "
                + handed
                + " of "
                + total
                + " scenes; the scenes being handled were completed, the rest left untouched");
    stop.initCause(cause);
    return stop;
  }
}
