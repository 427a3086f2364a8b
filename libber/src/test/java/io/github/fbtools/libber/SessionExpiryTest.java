package io.github.fbtools.libber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** RELIABILITY.md §5, SE3 (TTL with fake time) and SE8 (expiry races). No sleeping. */
class SessionExpiryTest {
  private static final Duration MS = Duration.ofMillis(1);
  private final FakeClock ticker = new FakeClock();
  private final List<String> removals = Collections.synchronizedList(new ArrayList<>());

  private SessionStore<String> store() {
    return SessionStore.<String>builder()
        .clock(ticker)
        .removalListener((s, cause) -> removals.add(s.state() + ":" + cause))
        .build();
  }

  @Test
  void se3AliveJustBeforeTheIdleTimeoutExpiredJustAfter() {
    SessionStore<String> store = store();
    Session<String> s = store.create("a");
    ticker.advance(Duration.ofMinutes(30).minus(MS)); // 29:59.999
    assertEquals("a", store.get(s.id()).state());
    ticker.advance(Duration.ofMinutes(30).plus(MS)); // idle 30:00.001
    SessionExpiredException e =
        assertThrows(SessionExpiredException.class, () -> store.get(s.id()));
    assertEquals(RemovalCause.IDLE_TIMEOUT, e.removalCause());
    assertTrue(e.getMessage().contains("idle"), e.getMessage());
    // Purged: from now on plainly not found, and the listener heard once.
    SessionNotFoundException again =
        assertThrows(SessionNotFoundException.class, () -> store.get(s.id()));
    assertEquals(SessionNotFoundException.class, again.getClass());
    assertEquals(List.of("a:IDLE_TIMEOUT"), removals);
  }

  @Test
  void se3ExactlyThirtyMinutesIdleIsExpired() {
    SessionStore<String> store = store();
    Session<String> s = store.create("a");
    ticker.advance(Duration.ofMinutes(30));
    assertThrows(SessionExpiredException.class, () -> store.update(s.id(), null, x -> x));
  }

  @Test
  void se3AccessRenewsTheIdleTimer() {
    SessionStore<String> store = store();
    Session<String> s = store.create("a");
    for (int i = 0; i < 8; i++) { // 8 x 58 min: 7 h 44 min, under the absolute cap
      ticker.advance(Duration.ofMinutes(29));
      store.get(s.id());
      ticker.advance(Duration.ofMinutes(29));
      store.update(s.id(), null, x -> x);
    }
    assertEquals(8, store.get(s.id()).version());
    assertTrue(removals.isEmpty());
  }

  @Test
  void se3AbsoluteCapExpiresEvenWithConstantActivity() {
    SessionStore<String> store = store();
    Session<String> s = store.create("a");
    int minutes = 0;
    while (minutes < 8 * 60 - 1) {
      ticker.advance(Duration.ofMinutes(1));
      minutes++;
      store.update(s.id(), null, x -> x);
    }
    ticker.advance(Duration.ofMinutes(1).minus(MS)); // 7:59:59.999
    assertEquals(8 * 60 - 1, store.get(s.id()).version());
    ticker.advance(MS); // 8:00:00.000
    SessionExpiredException e =
        assertThrows(SessionExpiredException.class, () -> store.get(s.id()));
    assertEquals(RemovalCause.ABSOLUTE_TIMEOUT, e.removalCause());
    assertTrue(e.getMessage().contains("lifetime"), e.getMessage());
    assertEquals(List.of("a:ABSOLUTE_TIMEOUT"), removals);
  }

  @Test
  void se3ExpiredSessionsAreInvisibleAndPurgedByCleanUpOncePerExpiry() {
    SessionStore<String> store = store();
    List<Session<String>> sessions = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      sessions.add(store.create("s" + i));
    }
    ticker.advance(Duration.ofMinutes(20));
    for (int i = 0; i < 25; i++) {
      store.get(sessions.get(i).id()); // keep the first half alive
    }
    ticker.advance(Duration.ofMinutes(15));
    assertEquals(25, store.cleanUp());
    assertEquals(0, store.cleanUp());
    assertEquals(25, store.size());
    assertEquals(25, removals.size());
    for (int i = 25; i < 50; i++) {
      String id = sessions.get(i).id();
      assertThrows(SessionNotFoundException.class, () -> store.get(id));
    }
    assertEquals(25, removals.size());
  }

  @Test
  void se3TheStoreSweepsByItselfDuringOrdinaryCalls() {
    SessionStore<String> store = store();
    for (int i = 0; i < 10; i++) {
      store.create("old" + i);
    }
    ticker.advance(Duration.ofMinutes(31));
    Session<String> fresh = store.create("new"); // the call that finds the sweep due
    assertEquals(1, store.size());
    assertEquals(10, removals.size());
    assertEquals("new", store.get(fresh.id()).state());
  }

  /**
   * SE8: updates race the expiry at the absolute-lifetime boundary. Each update either applies
   * before the expiry (and is then part of the state the removal listener sees) or fails with
   * SessionNotFoundException; once expired, the session never comes back, and the listener hears
   * exactly once.
   */
  @Test
  void se8UpdatesRacingExpiryNeverResurrect() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      for (int run = 0; run < 200; run++) {
        FakeClock t = new FakeClock();
        List<Session<String>> expired = Collections.synchronizedList(new ArrayList<>());
        SessionStore<String> store =
            SessionStore.<String>builder()
                .clock(t)
                .idleTimeout(Duration.ofHours(9))
                .removalListener(
                    (s, cause) -> {
                      assertEquals(RemovalCause.ABSOLUTE_TIMEOUT, cause);
                      expired.add(s);
                    })
                .build();
        Session<String> s = store.create("");
        t.advance(Duration.ofHours(8).minus(MS));
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> updaters = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
          updaters.add(
              pool.submit(
                  () -> {
                    start.await();
                    int applied = 0;
                    for (int i = 0; i < 50; i++) {
                      try {
                        store.update(s.id(), null, x -> x + "+");
                        applied++;
                      } catch (SessionNotFoundException e) {
                        // expired (or already purged): fine
                      }
                    }
                    return applied;
                  }));
        }
        Future<?> clock =
            pool.submit(
                () -> {
                  start.await();
                  t.advance(MS); // reaches the absolute lifetime
                  return null;
                });
        start.countDown();
        clock.get(10, TimeUnit.SECONDS);
        int applied = 0;
        for (Future<Integer> f : updaters) {
          applied += f.get(10, TimeUnit.SECONDS);
        }
        // Whatever happened during the race, the session is gone for good now.
        assertThrows(SessionNotFoundException.class, () -> store.get(s.id()));
        assertEquals(0, store.size());
        assertEquals(1, expired.size(), "run " + run);
        // Every applied update is in the state that expired: none happened after the expiry.
        Session<String> last = expired.get(0);
        assertEquals(applied, last.version(), "run " + run);
        assertEquals(applied, last.state().length(), "run " + run);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
