package io.github.fbtools.libber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.fbtools.core.json.FormatException;
import io.github.fbtools.core.json.FbJson;
import io.github.fbtools.core.testing.Gen;
import io.github.fbtools.core.testing.Pbt;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link SessionStorage}, run against every implementation: the in-memory {@link
 * SessionStore} ({@code InMemorySessionStorageContractTest}) and the Redis one
 * ({@code RedisSessionStorageContractTest} in {@code fbtools-redis}). It covers what the
 * in-memory store's own tests check (RELIABILITY.md §5: SE1 to SE8) in a form that holds for both:
 * ids, versions and conflicts, atomic updates, expiry with an injected clock, bounds that refuse
 * and never evict, removal notifications, no lost update under concurrency, and agreement with a
 * sequential model.
 *
 * <p>States are strings, stored as {@link #TEXT} ({@code {"text": "..."}}); an implementation
 * weighs a state as the UTF-8 bytes of that JSON, so the bounds are exact for both.
 */
public abstract class SessionStorageContract {
  /** The JSON form of a string state: {@code {"text": "..."}}. */
  public static final StateCodec<String> TEXT =
      new StateCodec<>() {
        @Override
        public String kind() {
          return "text";
        }

        @Override
        public String toJson(String state) {
          return FbJson.writeCompact(Map.of("text", state));
        }

        @Override
        public String fromJson(String json) {
          Object text = FbJson.parseObject(json).get("text");
          if (!(text instanceof String)) {
            throw FormatException.at("/text", "text must be a string");
          }
          return (String) text;
        }
      };

  private static final Duration MS = Duration.ofMillis(1);
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{43}");

  /** The clock every storage of a test runs on. */
  protected final FakeClock clock = new FakeClock();

  /** What the removal listener heard, as {@code state:CAUSE}. */
  protected final List<String> removals = Collections.synchronizedList(new ArrayList<>());

  /**
   * Returns a new, empty storage of {@link #TEXT} states with these limits, the clock {@code
   * clock} and the listener {@code listener}, whose weights are the UTF-8 bytes of the states'
   * JSON.
   */
  protected abstract SessionStorage<String> newStorage(
      InstantSource clock, SessionLimits limits, RemovalListener<String> listener);

  /** How many rounds the concurrent tests run (lower for a storage over the network). */
  protected int rounds(int inMemory) {
    return inMemory;
  }

  /** The weight of a state: the UTF-8 bytes of its JSON. */
  protected static long weight(String state) {
    return TEXT.toJson(state).getBytes(StandardCharsets.UTF_8).length;
  }

  private SessionStorage<String> storage(SessionLimits limits) {
    return newStorage(clock, limits, (s, cause) -> removals.add(s.state() + ":" + cause));
  }

  private SessionStorage<String> storage() {
    return storage(SessionLimits.DEFAULT);
  }

  private static SessionLimits limits(int maxSessions, long maxSessionWeight, long maxTotal) {
    return new SessionLimits(
        SessionLimits.DEFAULT.idleTimeout(),
        SessionLimits.DEFAULT.absoluteTimeout(),
        maxSessions,
        maxSessionWeight,
        maxTotal);
  }

  // ---------------------------------------------------------------------------------------
  // Versions, conflicts, atomic updates

  @Test
  void createStartsAtVersionZeroAndUpdatesAddOne() {
    SessionStorage<String> store = storage();
    Session<String> s = store.create("a");
    assertEquals(0, s.version());
    assertEquals("a", s.state());
    assertEquals(clock.instant(), s.created());
    assertEquals(clock.instant(), s.lastAccess());
    clock.advance(Duration.ofSeconds(5));
    Session<String> s1 = store.update(s.id(), null, x -> x + "b");
    assertEquals(1, s1.version());
    assertEquals("ab", s1.state());
    assertEquals(s.created(), s1.created());
    assertEquals(clock.instant(), s1.lastAccess());
    Session<String> s2 = store.update(s.id(), 1L, x -> x + "c");
    assertEquals(2, s2.version());
    assertEquals("abc", store.get(s.id()).state());
    assertEquals(2, store.get(s.id()).version());
    assertEquals(2, store.touch(s.id()));
  }

  @Test
  void anUpdateReturningAnEqualStateStillCountsAsAVersion() {
    SessionStorage<String> store = storage();
    Session<String> s = store.create("a");
    assertEquals(1, store.update(s.id(), 0L, x -> x).version());
  }

  @Test
  void statesKeepEveryCharacter() {
    SessionStorage<String> store = storage();
    String text = "quote \" backslash \\ newline \n tab \t nul \u0000 é 漢字 😀 </script>";
    Session<String> s = store.create(text);
    assertEquals(text, store.get(s.id()).state());
    assertEquals(text + text, store.update(s.id(), 0L, x -> x + x).state());
  }

  @Test
  void staleExpectedVersionConflictsAndChangesNothing() {
    SessionStorage<String> store = storage();
    Session<String> s = store.create("a");
    store.update(s.id(), 0L, x -> "b");
    VersionConflictException e =
        assertThrows(VersionConflictException.class, () -> store.update(s.id(), 0L, x -> "c"));
    assertEquals(1, e.currentVersion());
    assertEquals(0, e.expectedVersion());
    assertEquals("b", e.current().state());
    assertEquals(s.id(), e.current().id());
    assertTrue(e.getMessage().contains("expected version 0, current version is 1"), e.getMessage());
    assertFalse(e.getMessage().contains(s.id()), "message must not hold the whole id");
    assertThrows(VersionConflictException.class, () -> store.update(s.id(), 7L, x -> "d"));
    Session<String> now = store.get(s.id());
    assertEquals("b", now.state());
    assertEquals(1, now.version());
  }

  @Test
  void aThrowingMutationChangesNothing() {
    SessionStorage<String> store = storage();
    Session<String> s = store.create("a");
    assertThrows(
        IllegalStateException.class,
        () ->
            store.update(
                s.id(),
                null,
                x -> {
                  throw new IllegalStateException("boom");
                }));
    assertEquals(0, store.get(s.id()).version());
    assertThrows(NullPointerException.class, () -> store.update(s.id(), null, x -> null));
    assertEquals(0, store.get(s.id()).version());
    assertEquals(weight("a"), store.totalWeight());
  }

  // ---------------------------------------------------------------------------------------
  // Delete and removal notifications

  @Test
  void deleteRemovesOnceAndTellsTheListener() {
    SessionStorage<String> store = storage();
    Session<String> s = store.create("a");
    assertTrue(store.delete(s.id()));
    assertFalse(store.delete(s.id()));
    assertEquals(List.of("a:DELETED"), removals);
    assertThrows(SessionNotFoundException.class, () -> store.get(s.id()));
    assertThrows(SessionNotFoundException.class, () -> store.update(s.id(), null, x -> x));
    assertThrows(SessionNotFoundException.class, () -> store.touch(s.id()));
    assertEquals(0, store.size());
    assertEquals(0, store.totalWeight());
  }

  @Test
  void deletingAnExpiredSessionReportsTheExpiry() {
    SessionStorage<String> store = storage();
    Session<String> s = store.create("a");
    clock.advance(Duration.ofMinutes(31));
    assertFalse(store.delete(s.id()));
    assertEquals(List.of("a:IDLE_TIMEOUT"), removals);
    assertEquals(0, store.size());
  }

  @Test
  void aFailingListenerDoesNotBreakTheStorage() {
    SessionStorage<String> store =
        newStorage(
            clock,
            SessionLimits.DEFAULT,
            (s, cause) -> {
              throw new IllegalStateException("listener bug");
            });
    Session<String> s = store.create("a");
    assertTrue(store.delete(s.id()));
    assertEquals(0, store.size());
  }

  @Test
  void weightsAreAccounted() {
    SessionStorage<String> store = storage();
    Session<String> a = store.create("aaaa");
    Session<String> b = store.create("bb");
    assertEquals(weight("aaaa") + weight("bb"), store.totalWeight());
    store.update(a.id(), null, x -> "a");
    assertEquals(weight("a") + weight("bb"), store.totalWeight());
    store.delete(b.id());
    assertEquals(weight("a"), store.totalWeight());
    clock.advance(Duration.ofHours(1));
    assertEquals(1, store.cleanUp());
    assertEquals(0, store.totalWeight());
    assertEquals(0, store.size());
  }

  @Test
  void limitsAreTheConfiguredOnes() {
    SessionLimits limits =
        new SessionLimits(Duration.ofMinutes(3), Duration.ofMinutes(9), 7, 1000, 5000);
    assertEquals(limits, storage(limits).limits());
  }

  // ---------------------------------------------------------------------------------------
  // Ids (SE1, SE2, SE7)

  @Test
  void se1IdsAreUniqueWellFormedAndNotChosenByCallers() {
    SessionStorage<String> store = storage(limits(2, 1000, 10_000));
    Set<String> seen = new HashSet<>();
    Base64.Decoder decoder = Base64.getUrlDecoder();
    for (int i = 0; i < rounds(2_000); i++) {
      Session<String> s = store.create("x");
      assertTrue(ID.matcher(s.id()).matches(), s.id());
      assertEquals(SessionIds.ID_BYTES, decoder.decode(s.id()).length);
      assertTrue(seen.add(s.id()), "duplicate id");
      assertTrue(store.delete(s.id()));
    }
    assertEquals(0, store.size());
  }

  @Test
  void se2MalformedIdsAreRefusedWithoutEchoingThem() {
    SessionStorage<String> store = storage();
    List<String> bad =
        List.of(
            "A".repeat(10 * 1024),
            "",
            "short",
            "A".repeat(42),
            "A".repeat(44),
            "A".repeat(42) + "=",
            "A".repeat(40) + "../",
            "A".repeat(41) + "\r\n",
            "AAAA*" + "A".repeat(38),
            "\u0000".repeat(43),
            "AAAAAAA\nFORGED LOG LINE" + "A".repeat(20));
    for (String id : bad) {
      InvalidSessionIdException e =
          assertThrows(InvalidSessionIdException.class, () -> store.get(id), id);
      assertThrows(InvalidSessionIdException.class, () -> store.update(id, null, s -> s));
      assertThrows(InvalidSessionIdException.class, () -> store.delete(id));
      assertThrows(InvalidSessionIdException.class, () -> store.touch(id));
      String message = e.getMessage();
      assertFalse(message.contains("\n") || message.contains("\r"), message);
      assertFalse(message.contains("FORGED"), message);
      assertTrue(message.length() < 160, message);
    }
    assertEquals(0, store.size());
  }

  @Test
  void se2UnknownIdsAreNotFoundAndCreateNothing() {
    SessionStorage<String> store = storage();
    Session<String> real = store.create("x");
    SplittableRandom random = new SplittableRandom(42);
    Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
    for (int i = 0; i < rounds(2_000); i++) {
      byte[] bytes = new byte[32];
      random.nextBytes(bytes);
      String id = encoder.encodeToString(bytes);
      SessionNotFoundException e =
          assertThrows(SessionNotFoundException.class, () -> store.get(id));
      assertFalse(e.getMessage().contains(id));
      assertTrue(e.getMessage().contains(id.substring(0, 8)));
      assertThrows(SessionNotFoundException.class, () -> store.update(id, 0L, s -> s + "!"));
      assertThrows(SessionNotFoundException.class, () -> store.touch(id));
      assertFalse(store.delete(id));
    }
    assertEquals(1, store.size());
    assertEquals("x", store.get(real.id()).state());
  }

  @Test
  void se7SessionsAreIsolated() {
    SessionStorage<String> store = storage();
    Session<String> a = store.create("same");
    Session<String> b = store.create("same");
    assertNotEquals(a.id(), b.id());
    store.update(a.id(), null, x -> "changed");
    assertEquals("same", store.get(b.id()).state());
    assertEquals("changed", store.get(a.id()).state());
  }

  // ---------------------------------------------------------------------------------------
  // Expiry with the injected clock (SE3, SE8)

  @Test
  void se3AliveJustBeforeTheIdleTimeoutExpiredJustAfter() {
    SessionStorage<String> store = storage();
    Session<String> s = store.create("a");
    clock.advance(Duration.ofMinutes(30).minus(MS)); // 29:59.999
    assertEquals("a", store.get(s.id()).state());
    clock.advance(Duration.ofMinutes(30).plus(MS)); // idle 30:00.001
    SessionExpiredException e =
        assertThrows(SessionExpiredException.class, () -> store.get(s.id()));
    assertEquals(RemovalCause.IDLE_TIMEOUT, e.removalCause());
    assertTrue(e.getMessage().contains("idle"), e.getMessage());
    SessionNotFoundException again =
        assertThrows(SessionNotFoundException.class, () -> store.get(s.id()));
    assertEquals(SessionNotFoundException.class, again.getClass());
    assertEquals(List.of("a:IDLE_TIMEOUT"), removals);
    assertEquals(0, store.size());
    assertEquals(0, store.totalWeight());
  }

  @Test
  void se3ExactlyThirtyMinutesIdleIsExpired() {
    SessionStorage<String> store = storage();
    Session<String> s = store.create("a");
    clock.advance(Duration.ofMinutes(30));
    assertThrows(SessionExpiredException.class, () -> store.update(s.id(), null, x -> x));
  }

  @Test
  void se3ReadsTouchesAndUpdatesRenewTheIdleTimer() {
    SessionStorage<String> store = storage();
    Session<String> s = store.create("a");
    for (int i = 0; i < 5; i++) { // 5 x 87 min: 7 h 15 min, under the absolute cap
      clock.advance(Duration.ofMinutes(29));
      store.get(s.id());
      clock.advance(Duration.ofMinutes(29));
      store.touch(s.id());
      clock.advance(Duration.ofMinutes(29));
      store.update(s.id(), null, x -> x);
    }
    assertEquals(5, store.get(s.id()).version());
    assertTrue(removals.isEmpty());
  }

  @Test
  void se3AbsoluteCapExpiresEvenWithConstantActivity() {
    SessionStorage<String> store = storage();
    Session<String> s = store.create("a");
    int steps = 0;
    while (steps < 8 * 12 - 1) { // every 5 minutes for 7:55
      clock.advance(Duration.ofMinutes(5));
      steps++;
      store.update(s.id(), null, x -> x);
    }
    clock.advance(Duration.ofMinutes(5).minus(MS)); // 7:59:59.999
    assertEquals(8 * 12 - 1, store.get(s.id()).version());
    clock.advance(MS); // 8:00:00.000
    SessionExpiredException e =
        assertThrows(SessionExpiredException.class, () -> store.get(s.id()));
    assertEquals(RemovalCause.ABSOLUTE_TIMEOUT, e.removalCause());
    assertTrue(e.getMessage().contains("lifetime"), e.getMessage());
    assertEquals(List.of("a:ABSOLUTE_TIMEOUT"), removals);
  }

  @Test
  void se3ExpiredSessionsArePurgedByCleanUpOncePerExpiry() {
    SessionStorage<String> store = storage();
    List<Session<String>> sessions = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      sessions.add(store.create("s" + i));
    }
    clock.advance(Duration.ofMinutes(20));
    for (int i = 0; i < 25; i++) {
      store.get(sessions.get(i).id()); // keep the first half alive
    }
    clock.advance(Duration.ofMinutes(15));
    assertEquals(25, store.cleanUp());
    assertEquals(0, store.cleanUp());
    assertEquals(25, store.size());
    assertEquals(25, removals.size());
    for (int i = 25; i < 50; i++) {
      String id = sessions.get(i).id();
      assertThrows(SessionNotFoundException.class, () -> store.get(id));
    }
    assertEquals(25, removals.size());
    long alive = 0;
    for (int i = 0; i < 25; i++) {
      alive += weight("s" + i);
    }
    assertEquals(alive, store.totalWeight());
  }

  /**
   * SE8: updates race the expiry at the absolute-lifetime boundary. Each update either applies
   * before the expiry (and is then part of the state the listener sees) or fails with
   * SessionNotFoundException; the session never comes back, and the listener hears exactly once.
   */
  @Test
  void se8UpdatesRacingExpiryNeverResurrect() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      for (int run = 0; run < rounds(200); run++) {
        FakeClock t = new FakeClock();
        List<Session<String>> expired = Collections.synchronizedList(new ArrayList<>());
        List<RemovalCause> causes = Collections.synchronizedList(new ArrayList<>());
        SessionStorage<String> store =
            newStorage(
                t,
                new SessionLimits(Duration.ofHours(9), Duration.ofHours(8), 10, 1 << 20, 1 << 22),
                (s, cause) -> {
                  causes.add(cause);
                  expired.add(s);
                });
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
                    for (int i = 0; i < 20; i++) {
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
        Future<?> tick =
            pool.submit(
                () -> {
                  start.await();
                  t.advance(MS); // reaches the absolute lifetime
                  return null;
                });
        start.countDown();
        tick.get(30, TimeUnit.SECONDS);
        int applied = 0;
        for (Future<Integer> f : updaters) {
          applied += f.get(30, TimeUnit.SECONDS);
        }
        assertThrows(SessionNotFoundException.class, () -> store.get(s.id()));
        assertEquals(0, store.size());
        assertEquals(List.of(RemovalCause.ABSOLUTE_TIMEOUT), causes, "run " + run);
        Session<String> last = expired.get(0);
        assertEquals(applied, last.version(), "run " + run);
        assertEquals(applied, last.state().length(), "run " + run);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  // ---------------------------------------------------------------------------------------
  // Bounds (SE4)

  @Test
  void se4TheSessionAfterTheLimitIsRefusedAndNoLiveSessionIsEvicted() {
    int n = 20;
    SessionStorage<String> store = storage(limits(n, 1000, 1 << 20));
    List<Session<String>> live = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      live.add(store.create("s" + i));
    }
    TooManySessionsException e =
        assertThrows(TooManySessionsException.class, () -> store.create("one too many"));
    assertTrue(e.getMessage().contains(n + " live sessions"), e.getMessage());
    assertEquals(n, store.size());
    for (Session<String> s : live) {
      assertEquals(s.state(), store.get(s.id()).state());
    }
    store.delete(live.get(0).id());
    store.create("room");
    assertThrows(TooManySessionsException.class, () -> store.create("again"));
    assertEquals(n, store.size());
  }

  @Test
  void se4ExpiredSessionsArePurgedBeforeRefusing() {
    SessionStorage<String> store = storage(limits(3, 1000, 1 << 20));
    Session<String> old = store.create("old");
    clock.advance(Duration.ofMinutes(20));
    Session<String> a = store.create("a");
    Session<String> b = store.create("b");
    clock.advance(Duration.ofMinutes(15)); // "old" is idle 35 min; a, b 15 min
    Session<String> c = store.create("c");
    assertEquals(3, store.size());
    assertEquals(List.of("old:IDLE_TIMEOUT"), removals);
    assertThrows(SessionNotFoundException.class, () -> store.get(old.id()));
    for (Session<String> s : List.of(a, b, c)) {
      store.get(s.id());
    }
    assertThrows(TooManySessionsException.class, () -> store.create("d"));
  }

  @Test
  void se4AnOversizedStateOrEditIsRefusedAndChangesNothing() {
    long limit = weight("x".repeat(100));
    SessionStorage<String> store = storage(limits(10, limit, 1 << 20));
    assertThrows(SessionTooLargeException.class, () -> store.create("x".repeat(101)));
    assertEquals(0, store.size());
    Session<String> s = store.create("x".repeat(90));
    long before = store.totalWeight();
    SessionTooLargeException e =
        assertThrows(
            SessionTooLargeException.class, () -> store.update(s.id(), null, x -> x + "y".repeat(11)));
    assertTrue(e.getMessage().contains("per-session limit"), e.getMessage());
    Session<String> now = store.get(s.id());
    assertEquals(0, now.version());
    assertEquals("x".repeat(90), now.state());
    assertEquals(before, store.totalWeight());
    assertEquals(1, store.update(s.id(), null, x -> x + "y".repeat(10)).version());
  }

  @Test
  void se4TheTotalSizeIsBounded() {
    long w100 = weight("a".repeat(100));
    long w50 = weight("c".repeat(50));
    SessionStorage<String> store = storage(limits(10, w100, 2 * w100 + w50));
    Session<String> a = store.create("a".repeat(100));
    Session<String> b = store.create("b".repeat(100));
    TooManySessionsException full =
        assertThrows(TooManySessionsException.class, () -> store.create("c".repeat(51)));
    assertTrue(full.getMessage().contains(Long.toString(2 * w100 + w50)), full.getMessage());
    Session<String> c = store.create("c".repeat(50));
    assertEquals(2 * w100 + w50, store.totalWeight());
    SessionTooLargeException grow =
        assertThrows(SessionTooLargeException.class, () -> store.update(c.id(), null, x -> x + "c"));
    assertTrue(grow.getMessage().contains("total limit"), grow.getMessage());
    assertEquals(50, store.get(c.id()).state().length());
    store.update(a.id(), null, x -> "a");
    store.update(c.id(), null, x -> x + "c".repeat(40));
    assertEquals(weight("a") + w100 + weight("c".repeat(90)), store.totalWeight());
    assertEquals(100, store.get(b.id()).state().length());
  }

  @Test
  void se4CreateExpireCyclesLeaveNothingBehind() {
    SessionStorage<String> store = storage(limits(100, 1000, 1 << 20));
    int cycles = rounds(20_000);
    for (int i = 0; i < cycles; i++) {
      store.create("p" + i);
      clock.advance(Duration.ofSeconds(30)); // each lives 30 s, expires at 30 min: <= 61 live
    }
    clock.advance(Duration.ofMinutes(31));
    store.cleanUp();
    assertEquals(0, store.size());
    assertEquals(0, store.totalWeight());
    assertEquals(cycles, removals.size());
  }

  // ---------------------------------------------------------------------------------------
  // No lost updates (SE5)

  private static <T> List<T> runAll(int threads, IntFunction<T> body) throws Exception {
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

  private static Map<Character, Integer> count(String state) {
    Map<Character, Integer> m = new HashMap<>();
    for (char c : state.toCharArray()) {
      m.merge(c, 1, Integer::sum);
    }
    return m;
  }

  @Test
  void se5UnconditionalUpdatesFromManyThreadsLoseNothing() throws Exception {
    SessionStorage<String> store = storage();
    Session<String> s = store.create("");
    int threads = 4;
    int perThread = rounds(5_000);
    runAll(
        threads,
        thread -> {
          char mark = (char) ('a' + thread);
          for (int i = 0; i < perThread; i++) {
            store.update(s.id(), null, x -> x + mark);
          }
          return null;
        });
    Session<String> end = store.get(s.id());
    assertEquals((long) threads * perThread, end.version());
    Map<Character, Integer> counts = count(end.state());
    for (int t = 0; t < threads; t++) {
      assertEquals(perThread, counts.get((char) ('a' + t)), "thread " + t);
    }
  }

  @Test
  void se5VersionedReadModifyWriteLosesNothingAndReportsConflicts() throws Exception {
    SessionStorage<String> store = storage();
    Session<String> s = store.create("");
    int threads = 4;
    int perThread = rounds(1_000);
    AtomicLong conflicts = new AtomicLong();
    runAll(
        threads,
        thread -> {
          char mark = (char) ('a' + thread);
          for (int i = 0; i < perThread; i++) {
            while (true) {
              Session<String> seen = store.get(s.id());
              try {
                Session<String> after = store.update(s.id(), seen.version(), x -> x + mark);
                assertEquals(seen.version() + 1, after.version());
                assertEquals(seen.state() + mark, after.state());
                break;
              } catch (VersionConflictException e) {
                conflicts.incrementAndGet();
                assertTrue(e.currentVersion() > seen.version());
              }
            }
          }
          return null;
        });
    Session<String> end = store.get(s.id());
    assertEquals((long) threads * perThread, end.version());
    Map<Character, Integer> counts = count(end.state());
    for (int t = 0; t < threads; t++) {
      assertEquals(perThread, counts.get((char) ('a' + t)));
    }
  }

  @Test
  void se5AStaleVersionAfterConcurrentEditsConflicts() throws Exception {
    SessionStorage<String> store = storage();
    Session<String> s = store.create("");
    runAll(
        4,
        thread -> {
          for (int i = 0; i < 50; i++) {
            store.update(s.id(), null, x -> x + thread);
          }
          return null;
        });
    VersionConflictException e =
        assertThrows(VersionConflictException.class, () -> store.update(s.id(), 0L, x -> "late"));
    assertEquals(200, e.currentVersion());
    assertEquals(200, store.get(s.id()).state().length());
  }

  // ---------------------------------------------------------------------------------------
  // Agreement with a sequential model (SE6)

  enum Kind {
    CREATE,
    GET,
    TOUCH,
    UPDATE,
    UPDATE_EXPECTED,
    UPDATE_STALE,
    DELETE,
    ADVANCE_SHORT,
    ADVANCE_LONG
  }

  record Op(Kind kind, int target) {}

  /** The model: what a session should be. */
  static final class ModelSession {
    String state;
    long version;
    final long created;
    long lastAccess;

    ModelSession(String state, long now) {
      this.state = state;
      this.created = now;
      this.lastAccess = now;
    }

    boolean expired(long now, long idle, long absolute) {
      return now - created >= absolute || now - lastAccess >= idle;
    }
  }

  private static final Gen<List<Op>> OPS =
      r -> {
        int n = r.nextInt(1, 60);
        List<Op> ops = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          ops.add(new Op(Kind.values()[r.nextInt(Kind.values().length)], r.nextInt(4)));
        }
        return ops;
      };

  @Test
  void se6TheStorageBehavesLikeTheSequentialModel() {
    Pbt.forAll(
        "session storage matches its model",
        rounds(Pbt.tries()),
        OPS,
        ops -> {
          FakeClock t = new FakeClock();
          long idle = Duration.ofMinutes(30).toNanos();
          long absolute = Duration.ofHours(2).toNanos();
          List<String> removed = new ArrayList<>();
          SessionStorage<String> store =
              newStorage(
                  t,
                  new SessionLimits(
                      Duration.ofNanos(idle), Duration.ofNanos(absolute), 3, 1 << 20, 1 << 22),
                  (s, c) -> removed.add(s.id()));
          Map<String, ModelSession> model = new LinkedHashMap<>();
          List<String> ids = new ArrayList<>();
          int counter = 0;
          for (Op op : ops) {
            long now = t.read();
            String id = ids.isEmpty() ? null : ids.get(op.target() % ids.size());
            ModelSession m = id == null ? null : model.get(id);
            boolean alive = m != null && !m.expired(now, idle, absolute);
            switch (op.kind()) {
              case CREATE -> {
                long live =
                    model.values().stream().filter(x -> !x.expired(now, idle, absolute)).count();
                String state = "s" + counter++;
                if (live < 3) {
                  Session<String> s = store.create(state);
                  assertEquals(0, s.version());
                  model.put(s.id(), new ModelSession(state, now));
                  ids.add(s.id());
                } else {
                  try {
                    store.create(state);
                    fail("expected a full storage");
                  } catch (TooManySessionsException expected) {
                    // as the model says
                  }
                }
                model.values().removeIf(x -> x.expired(now, idle, absolute));
              }
              case GET, TOUCH -> {
                if (id == null) {
                  continue;
                }
                if (alive) {
                  if (op.kind() == Kind.GET) {
                    Session<String> s = store.get(id);
                    assertEquals(m.state, s.state());
                    assertEquals(m.version, s.version());
                  } else {
                    assertEquals(m.version, store.touch(id));
                  }
                  m.lastAccess = now;
                } else {
                  expectGone(() -> store.get(id));
                  model.remove(id);
                }
              }
              case UPDATE, UPDATE_EXPECTED, UPDATE_STALE -> {
                if (id == null) {
                  continue;
                }
                Long expected =
                    op.kind() == Kind.UPDATE
                        ? null
                        : op.kind() == Kind.UPDATE_EXPECTED
                            ? (m == null ? 0L : m.version)
                            : (m == null ? 0L : m.version) + 1;
                String suffix = "+" + counter++;
                if (!alive) {
                  expectGone(() -> store.update(id, expected, x -> x + suffix));
                  model.remove(id);
                } else if (op.kind() == Kind.UPDATE_STALE) {
                  try {
                    store.update(id, expected, x -> x + suffix);
                    fail("expected a conflict");
                  } catch (VersionConflictException e) {
                    assertEquals(m.version, e.currentVersion());
                    assertEquals(m.state, e.current().state());
                  }
                } else {
                  Session<String> s = store.update(id, expected, x -> x + suffix);
                  m.state = m.state + suffix;
                  m.version++;
                  m.lastAccess = now;
                  assertEquals(m.state, s.state());
                  assertEquals(m.version, s.version());
                }
              }
              case DELETE -> {
                if (id == null) {
                  continue;
                }
                assertEquals(alive, store.delete(id));
                model.remove(id);
              }
              case ADVANCE_SHORT -> t.advance(Duration.ofMinutes(7));
              case ADVANCE_LONG -> t.advance(Duration.ofMinutes(31));
              default -> throw new AssertionError(op);
            }
          }
          assertEquals(removed.size(), removed.stream().distinct().count());
        });
  }

  private static void expectGone(Runnable r) {
    try {
      r.run();
      fail("expected the session to be gone");
    } catch (SessionNotFoundException expected) {
      // expired now, or purged before
    }
  }
}
