package io.github.fbtools.libber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.PromptCollection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** RELIABILITY.md §5, SE4: bounded count and size; a full store rejects, it never evicts. */
class SessionBoundsTest {
  private final FakeTicker ticker = new FakeTicker();

  @Test
  void byteLimitsDefaultToAnEighthOfTheMaximumHeap() {
    long mib = 1L << 20;
    assertEquals(64 * mib, SessionStore.defaultMaxTotalWeight(512 * mib));
    assertEquals(SessionStore.DEFAULT_MAX_TOTAL_WEIGHT,
        SessionStore.defaultMaxTotalWeight(16L * 1024 * mib));
    assertEquals(mib, SessionStore.defaultMaxTotalWeight(4 * mib));
    assertEquals(SessionStore.DEFAULT_MAX_TOTAL_WEIGHT,
        SessionStore.defaultMaxTotalWeight(Long.MAX_VALUE));
    // The builder's default follows this JVM's heap: sessions up to the limit fit, one more
    // byte does not.
    long limit = SessionStore.defaultMaxTotalWeight(Runtime.getRuntime().maxMemory());
    SessionStore<Long> store = SessionStore.<Long>builder().weigher(w -> w).build();
    long perSession = Math.min(SessionStore.DEFAULT_MAX_SESSION_WEIGHT, limit);
    long used = 0;
    while (used + perSession <= limit) {
      store.create(perSession);
      used += perSession;
    }
    long rest = limit - used;
    if (rest > 0) {
      store.create(rest);
    }
    assertThrows(TooManySessionsException.class, () -> store.create(1L));
  }

  @Test
  void se4TheSessionAfterTheLimitIsRefusedAndNoLiveSessionIsEvicted() {
    int n = 100;
    SessionStore<String> store =
        SessionStore.<String>builder().ticker(ticker).maxSessions(n).build();
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
    // Deleting one makes room for exactly one.
    store.delete(live.get(0).id());
    store.create("room");
    assertThrows(TooManySessionsException.class, () -> store.create("again"));
  }

  @Test
  void se4ExpiredSessionsArePurgedBeforeRefusing() {
    SessionStore<String> store =
        SessionStore.<String>builder().ticker(ticker).maxSessions(3).build();
    Session<String> old = store.create("old");
    ticker.advance(Duration.ofMinutes(20));
    Session<String> a = store.create("a");
    Session<String> b = store.create("b");
    ticker.advance(Duration.ofMinutes(15)); // "old" is idle 35 min; a, b 15 min
    Session<String> c = store.create("c");
    assertEquals(3, store.size());
    assertThrows(SessionNotFoundException.class, () -> store.get(old.id()));
    for (Session<String> s : List.of(a, b, c)) {
      store.get(s.id());
    }
    assertThrows(TooManySessionsException.class, () -> store.create("d"));
  }

  @Test
  void se4AnOversizedEditIsRefusedAndChangesNothing() {
    long limit = 4L << 20;
    SessionStore<PromptCollection> store =
        PromptSessions.storeBuilder().ticker(ticker).maxSessionWeight(limit).build();
    Session<PromptCollection> s = store.create(PromptCollection.empty());
    String big = "x".repeat(1 << 20); // about 2 MiB per prompt as UTF-16
    s = store.update(s.id(), null, c -> c.withPrompt("p1", big));
    long before = store.totalWeight();
    String id = s.id();
    SessionTooLargeException e =
        assertThrows(
            SessionTooLargeException.class,
            () -> store.update(id, null, c -> c.withPrompt("p2", big)));
    assertTrue(e.getMessage().contains("per-session limit"), e.getMessage());
    Session<PromptCollection> now = store.get(id);
    assertEquals(1, now.version());
    assertEquals(List.of("p1"), now.state().promptNames());
    assertEquals(before, store.totalWeight());
    assertThrows(
        SessionTooLargeException.class,
        () -> store.create(PromptCollection.empty().withPrompt("a", big).withPrompt("b", big)));
  }

  @Test
  void se4TheTotalSizeIsBounded() {
    SessionStore<String> store =
        SessionStore.<String>builder()
            .ticker(ticker)
            .weigher(String::length)
            .maxSessionWeight(100)
            .maxTotalWeight(250)
            .build();
    Session<String> a = store.create("a".repeat(100));
    Session<String> b = store.create("b".repeat(100));
    TooManySessionsException full =
        assertThrows(TooManySessionsException.class, () -> store.create("c".repeat(60)));
    assertTrue(full.getMessage().contains("250"), full.getMessage());
    Session<String> c = store.create("c".repeat(50));
    assertEquals(250, store.totalWeight());
    SessionTooLargeException grow =
        assertThrows(SessionTooLargeException.class, () -> store.update(c.id(), null, x -> x + "c"));
    assertTrue(grow.getMessage().contains("total limit"), grow.getMessage());
    assertEquals(50, store.get(c.id()).state().length());
    // Shrinking always works, and frees room.
    store.update(a.id(), null, x -> "a");
    store.update(c.id(), null, x -> x + "c".repeat(40));
    assertEquals(1 + 100 + 90, store.totalWeight());
    assertEquals(100, store.get(b.id()).state().length());
  }

  /** SE4: 100,000 create/expire cycles leave nothing behind. */
  @Test
  void se4CreateExpireCyclesLeaveNothingBehind() {
    AtomicInteger expired = new AtomicInteger();
    SessionStore<PromptCollection> store =
        PromptSessions.storeBuilder()
            .ticker(ticker)
            .maxSessions(1_000)
            .removalListener((s, cause) -> expired.incrementAndGet())
            .build();
    PromptCollection state = PromptCollection.empty().withPrompt("p", "x".repeat(100));
    for (int i = 0; i < 100_000; i++) {
      store.create(state);
      ticker.advance(Duration.ofSeconds(2)); // each lives 2 s of ticker time, expires at 30 min
    }
    ticker.advance(Duration.ofMinutes(31));
    store.cleanUp();
    assertEquals(0, store.size());
    assertEquals(0, store.totalWeight());
    assertEquals(100_000, expired.get());
  }
}
