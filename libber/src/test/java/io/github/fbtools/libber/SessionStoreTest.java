package io.github.fbtools.libber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.PromptMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionStoreTest {
  private final FakeClock ticker = new FakeClock();

  private SessionStore<String> store() {
    return SessionStore.<String>builder().clock(ticker).weigher(s -> s.length()).build();
  }

  @Test
  void createStartsAtVersionZeroAndUpdatesAddOne() {
    SessionStore<String> store = store();
    Session<String> s = store.create("a");
    assertEquals(0, s.version());
    assertEquals("a", s.state());
    assertEquals(SessionStore.ID_LENGTH, s.id().length());
    Session<String> s1 = store.update(s.id(), null, x -> x + "b");
    assertEquals(1, s1.version());
    assertEquals("ab", s1.state());
    Session<String> s2 = store.update(s.id(), 1L, x -> x + "c");
    assertEquals(2, s2.version());
    assertEquals("abc", store.get(s.id()).state());
    assertEquals(2, store.get(s.id()).version());
  }

  @Test
  void anUpdateReturningAnEqualStateStillCountsAsAVersion() {
    SessionStore<String> store = store();
    Session<String> s = store.create("a");
    assertEquals(1, store.update(s.id(), 0L, x -> x).version());
  }

  @Test
  void staleExpectedVersionConflictsAndChangesNothing() {
    SessionStore<String> store = store();
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
    Session<String> now = store.get(s.id());
    assertEquals("b", now.state());
    assertEquals(1, now.version());
  }

  @Test
  void aThrowingMutationChangesNothing() {
    SessionStore<String> store = store();
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
    assertEquals(1, store.totalWeight());
  }

  @Test
  void deleteRemovesOnceAndTellsTheListener() {
    List<String> events = new ArrayList<>();
    SessionStore<String> store =
        SessionStore.<String>builder()
            .clock(ticker)
            .removalListener((s, cause) -> events.add(s.state() + ":" + cause))
            .build();
    Session<String> s = store.create("a");
    assertTrue(store.delete(s.id()));
    assertFalse(store.delete(s.id()));
    assertEquals(List.of("a:DELETED"), events);
    assertThrows(SessionNotFoundException.class, () -> store.get(s.id()));
    assertThrows(SessionNotFoundException.class, () -> store.update(s.id(), null, x -> x));
    assertEquals(0, store.size());
  }

  @Test
  void deletingAnExpiredSessionReportsTheExpiry() {
    List<RemovalCause> causes = new ArrayList<>();
    SessionStore<String> store =
        SessionStore.<String>builder()
            .clock(ticker)
            .removalListener((s, cause) -> causes.add(cause))
            .build();
    Session<String> s = store.create("a");
    ticker.advance(Duration.ofMinutes(31));
    assertFalse(store.delete(s.id()));
    assertEquals(List.of(RemovalCause.IDLE_TIMEOUT), causes);
    assertTrue(causes.get(0).isExpiry());
    assertFalse(RemovalCause.DELETED.isExpiry());
  }

  @Test
  void aFailingListenerDoesNotBreakTheStore() {
    SessionStore<String> store =
        SessionStore.<String>builder()
            .clock(ticker)
            .removalListener(
                (s, cause) -> {
                  throw new IllegalStateException("listener bug");
                })
            .build();
    Session<String> s = store.create("a");
    assertTrue(store.delete(s.id()));
    assertEquals(0, store.size());
  }

  @Test
  void weightsAreAccounted() {
    SessionStore<String> store = store();
    Session<String> a = store.create("aaaa");
    Session<String> b = store.create("bb");
    assertEquals(6, store.totalWeight());
    store.update(a.id(), null, x -> "a");
    assertEquals(3, store.totalWeight());
    store.delete(b.id());
    assertEquals(1, store.totalWeight());
    ticker.advance(Duration.ofHours(1));
    assertEquals(1, store.cleanUp());
    assertEquals(0, store.totalWeight());
    assertEquals(0, store.size());
  }

  @Test
  void negativeWeightsAreRefused() {
    SessionStore<String> store = SessionStore.<String>builder().weigher(s -> -1).build();
    assertThrows(IllegalArgumentException.class, () -> store.create("a"));
  }

  @Test
  void idsAreUniqueAndNotChosenByCallers() {
    SessionStore<String> store = store();
    Session<String> a = store.create("x");
    Session<String> b = store.create("x");
    assertNotEquals(a.id(), b.id());
    assertTrue(SessionStore.isWellFormedId(a.id()));
  }

  @Test
  void se7IsolationAndImmutability() {
    SessionStore<PromptCollection> store = PromptStateManager.storeBuilder().clock(ticker).build();
    PromptCollection shared = PromptCollection.fromLegacy(Map.of("girl_pos", "smiling"));
    Session<PromptCollection> a = store.create(shared);
    Session<PromptCollection> b = store.create(shared);
    store.update(a.id(), null, c -> c.withPrompt("girl_pos", "frowning"));
    assertEquals("smiling", store.get(b.id()).state().promptValue("girl_pos").orElseThrow());
    assertEquals("frowning", store.get(a.id()).state().promptValue("girl_pos").orElseThrow());
    assertEquals("smiling", shared.promptValue("girl_pos").orElseThrow());
    Session<PromptCollection> snapshot = store.get(a.id());
    assertThrows(
        UnsupportedOperationException.class,
        () -> snapshot.state().prompts().put("x", PromptMetadata.of("y")));
    assertThrows(
        UnsupportedOperationException.class, () -> snapshot.state().promptNames().add("x"));
    assertThrows(
        UnsupportedOperationException.class,
        () -> snapshot.state().toJsonObject().put("x", "y"));
  }

  @Test
  void sessionSnapshotsHideTheirIdInToString() {
    SessionStore<String> store = store();
    Session<String> s = store.create("secret state");
    String text = s.toString();
    assertFalse(text.contains(s.id()));
    assertTrue(text.contains(s.id().substring(0, SessionException.MAX_ID_ECHO)));
    assertFalse(text.contains("secret state"));
    assertThrows(IllegalArgumentException.class, () -> new Session<>(s.id(), -1, "x", s.created(), s.created()));
  }

  @Test
  void builderRefusesBadSettings() {
    SessionStore.Builder<String> b = SessionStore.builder();
    assertThrows(IllegalArgumentException.class, () -> b.idleTimeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> b.absoluteTimeout(Duration.ofSeconds(-1)));
    assertThrows(IllegalArgumentException.class, () -> b.maxSessions(0));
    assertThrows(IllegalArgumentException.class, () -> b.maxSessionWeight(0));
    assertThrows(IllegalArgumentException.class, () -> b.maxTotalWeight(0));
    assertThrows(NullPointerException.class, () -> b.clock(null));
    SessionStore<String> store = b.maxSessions(3).build();
    assertEquals(3, store.maxSessions());
  }

  @Test
  void builderDefaultsAreTheDocumentedOnes() {
    SessionStore<String> store = SessionStore.<String>builder().clock(ticker).build();
    assertEquals(SessionStore.DEFAULT_MAX_SESSIONS, store.maxSessions());
    Session<String> s = store.create("x");
    ticker.advance(SessionStore.DEFAULT_IDLE_TIMEOUT.minusNanos(1));
    assertSame("x", store.get(s.id()).state());
    ticker.advance(SessionStore.DEFAULT_IDLE_TIMEOUT);
    assertThrows(SessionExpiredException.class, () -> store.get(s.id()));
  }
}
