package io.github.fbtools.libber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import io.github.fbtools.core.PromptCollection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** RELIABILITY.md §5, SE5: no lost updates. */
class SessionConcurrencyTest {
  private static final int THREADS = 8;

  /** Per-thread counters, immutable. */
  record Counts(ImmutableList<Long> perThread) {
    static Counts zero() {
      List<Long> zeros = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        zeros.add(0L);
      }
      return new Counts(ImmutableList.copyOf(zeros));
    }

    Counts plusOne(int thread) {
      List<Long> next = new ArrayList<>(perThread);
      next.set(thread, next.get(thread) + 1);
      return new Counts(ImmutableList.copyOf(next));
    }
  }

  private static <T> List<T> runAll(int threads, java.util.function.IntFunction<T> body)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return body.apply(thread);
                }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get(5, TimeUnit.MINUTES));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /** 8 threads x 20,000 unconditional mutations of one session: 0 lost updates. */
  @Test
  void eightThreadsTimesTwentyThousandMutationsLoseNothing() throws Exception {
    SessionStore<Counts> store = SessionStore.<Counts>builder().build();
    Session<Counts> s = store.create(Counts.zero());
    int perThread = 20_000;
    runAll(
        THREADS,
        thread -> {
          for (int i = 0; i < perThread; i++) {
            store.update(s.id(), null, c -> c.plusOne(thread));
          }
          return null;
        });
    Session<Counts> end = store.get(s.id());
    assertEquals((long) THREADS * perThread, end.version());
    for (int t = 0; t < THREADS; t++) {
      assertEquals(perThread, end.state().perThread().get(t), "thread " + t);
    }
  }

  /**
   * Versioned edits (read, then update with the version read, retry on conflict): every edit lands
   * exactly once, and conflicts are reported, never silently overwritten.
   */
  @Test
  void versionedReadModifyWriteLosesNothing() throws Exception {
    SessionStore<Counts> store = SessionStore.<Counts>builder().build();
    Session<Counts> s = store.create(Counts.zero());
    int perThread = 2_000;
    AtomicLong conflicts = new AtomicLong();
    runAll(
        THREADS,
        thread -> {
          for (int i = 0; i < perThread; i++) {
            while (true) {
              Session<Counts> seen = store.get(s.id());
              try {
                store.update(s.id(), seen.version(), c -> c.plusOne(thread));
                break;
              } catch (VersionConflictException e) {
                conflicts.incrementAndGet();
                assertTrue(e.currentVersion() > seen.version());
              }
            }
          }
          return null;
        });
    Session<Counts> end = store.get(s.id());
    assertEquals((long) THREADS * perThread, end.version());
    for (int t = 0; t < THREADS; t++) {
      assertEquals(perThread, end.state().perThread().get(t));
    }
    System.out.println("versioned edits: " + conflicts.get() + " conflicts retried");
  }

  @Test
  void staleVersionAfterConcurrentEditsConflicts() throws Exception {
    SessionStore<PromptCollection> store = PromptStateManager.storeBuilder().build();
    Session<PromptCollection> s = store.create(PromptCollection.empty());
    runAll(
        4,
        thread -> {
          for (int i = 0; i < 100; i++) {
            store.update(s.id(), null, c -> c.withPrompt("t" + thread, "v"));
          }
          return null;
        });
    VersionConflictException e =
        assertThrows(
            VersionConflictException.class,
            () -> store.update(s.id(), 0L, c -> c.withPrompt("late", "x")));
    assertEquals(400, e.currentVersion());
    assertEquals(List.of("t0", "t1", "t2", "t3"), store.get(s.id()).state().promptNames());
  }
}
