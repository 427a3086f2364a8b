package io.github.fbtools.libber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.fbtools.core.testing.Gen;
import io.github.fbtools.core.testing.Pbt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * RELIABILITY.md §5, SE6, without Lincheck: (1) a seeded model-based test runs random sequences of
 * create/get/update (with and without an expected version)/delete/time steps against the store and
 * a plain sequential model, comparing every answer; (2) random concurrent histories of 3 threads x
 * 5 operations on one session are checked for linearizability against a register-with-version
 * specification, using real-time order from a global counter.
 */
class SessionLinearizabilityTest {

  enum Kind {
    CREATE,
    GET,
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
          Kind k = Kind.values()[r.nextInt(Kind.values().length)];
          ops.add(new Op(k, r.nextInt(4)));
        }
        return ops;
      };

  @Test
  void se6StoreBehavesLikeTheSequentialModel() {
    Pbt.forAll(
        "session store matches its model",
        OPS,
        ops -> {
          FakeClock ticker = new FakeClock();
          long idle = Duration.ofMinutes(30).toNanos();
          long absolute = Duration.ofHours(2).toNanos();
          List<String> removed = new ArrayList<>();
          SessionStore<String> store =
              SessionStore.<String>builder()
                  .clock(ticker)
                  .absoluteTimeout(Duration.ofNanos(absolute))
                  .maxSessions(3)
                  .removalListener((s, c) -> removed.add(s.id()))
                  .build();
          Map<String, ModelSession> model = new HashMap<>();
          List<String> ids = new ArrayList<>();
          int counter = 0;
          for (Op op : ops) {
            long now = ticker.read();
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
                    fail("expected a full store");
                  } catch (TooManySessionsException expected) {
                    // as the model says
                  }
                }
                model.values().removeIf(x -> x.expired(now, idle, absolute));
              }
              case GET -> {
                if (id == null) {
                  continue;
                }
                if (alive) {
                  Session<String> s = store.get(id);
                  assertEquals(m.state, s.state());
                  assertEquals(m.version, s.version());
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
              case ADVANCE_SHORT -> ticker.advance(Duration.ofMinutes(7));
              case ADVANCE_LONG -> ticker.advance(Duration.ofMinutes(31));
              default -> throw new AssertionError(op);
            }
          }
          // Every session left the store at most once.
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

  /** One operation of a concurrent history. */
  record Event(int thread, String kind, long start, long end, long version, String state) {}

  /**
   * Concurrent histories of 3 threads x 5 operations (updates that append a unique token, with
   * and without an expected version, and gets) on one session. The specification: the session is
   * a register holding a string and its version, each successful update appends one token and adds
   * one to the version. A history is linearizable for it when (a) every observed state is the
   * prefix of the final state with as many tokens as its version, so the successful updates form
   * one order; and (b) that order and every observation respect real time: an operation that ended
   * before another started is ordered before it (versions never go backwards in real time), and an
   * observation of version v never precedes, in real time, the start of the update that made v.
   */
  @Test
  void se6ConcurrentHistoriesAreLinearizable() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      for (int round = 0; round < 2_000; round++) {
        SessionStore<String> store = SessionStore.<String>builder().build();
        Session<String> s = store.create("");
        AtomicLong clock = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Event>>> futures = new ArrayList<>();
        int seed = round;
        for (int t = 0; t < 3; t++) {
          int thread = t;
          futures.add(
              pool.submit(
                  () -> {
                    start.await();
                    List<Event> events = new ArrayList<>();
                    long lastSeen = 0;
                    for (int i = 0; i < 5; i++) {
                      int kind = Math.floorMod(seed * 31 + thread * 7 + i * 13, 3);
                      long begin = clock.incrementAndGet();
                      String token = "[" + thread + "." + i + "]";
                      try {
                        Session<String> r =
                            switch (kind) {
                              case 0 -> store.update(s.id(), null, x -> x + token);
                              case 1 -> store.update(s.id(), lastSeen, x -> x + token);
                              default -> store.get(s.id());
                            };
                        lastSeen = r.version();
                        String what = kind == 2 ? "get" : "update";
                        events.add(
                            new Event(
                                thread, what, begin, clock.incrementAndGet(), r.version(),
                                r.state()));
                      } catch (VersionConflictException e) {
                        lastSeen = e.currentVersion();
                        events.add(
                            new Event(
                                thread,
                                "conflict",
                                begin,
                                clock.incrementAndGet(),
                                e.currentVersion(),
                                (String) e.current().state()));
                      }
                    }
                    return events;
                  }));
        }
        start.countDown();
        List<Event> history = new ArrayList<>();
        for (Future<List<Event>> f : futures) {
          history.addAll(f.get(1, TimeUnit.MINUTES));
        }
        checkLinearizable(store.get(s.id()), history);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void checkLinearizable(Session<String> end, List<Event> history) {
    String finalState = end.state();
    long updates = history.stream().filter(e -> e.kind().equals("update")).count();
    assertEquals(updates, end.version(), "every successful update counted once: " + history);
    List<String> tokens = tokens(finalState);
    assertEquals(updates, tokens.size(), "every successful update is in the state: " + history);
    Map<Long, Event> byVersion = new HashMap<>();
    for (Event e : history) {
      // (a) each observation is the prefix of the final state of its version's length
      List<String> seen = tokens(e.state());
      assertEquals(e.version(), seen.size(), e.toString());
      assertEquals(tokens.subList(0, seen.size()), seen, e.toString());
      if (e.kind().equals("update")) {
        assertTrue(byVersion.put(e.version(), e) == null, "two updates made one version");
        assertTrue(
            finalState.contains("[" + e.thread() + "."), "the update's token is in the state");
      }
    }
    for (Event a : history) {
      for (Event b : history) {
        // (b) real time: if a ended before b started, b does not see an older version
        if (a.end() < b.start()) {
          boolean ok = b.kind().equals("update") ? b.version() > a.version() : b.version() >= a.version();
          assertTrue(ok, "real-time order broken: " + a + " then " + b);
        }
      }
      if (a.version() > 0) {
        Event maker = byVersion.get(a.version());
        assertTrue(maker != null && maker.start() < a.end(), "observed before it was made: " + a);
      }
    }
  }

  private static List<String> tokens(String state) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < state.length()) {
      int close = state.indexOf(']', i);
      out.add(state.substring(i, close + 1));
      i = close + 1;
    }
    return out;
  }
}
