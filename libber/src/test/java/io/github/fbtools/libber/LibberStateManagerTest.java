package io.github.fbtools.libber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.ExpansionLimits;
import io.github.fbtools.core.InvalidNameException;
import io.github.fbtools.core.Libber;
import io.github.fbtools.core.LibberExpansionException;
import io.github.fbtools.core.LibberSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LibberStateManagerTest {
  private final LibberStateManager libbers =
      LibberStateManager.over(LibberStateManager.storeBuilder().clock(new FakeClock()).build());

  @Test
  void editsAreNormalisedVersionedAndIsolated() {
    Session<LibberState> a = libbers.open(new LibberState("styles", Libber.empty()));
    Session<LibberState> b = libbers.open(new LibberState("styles", Libber.empty()));
    a = libbers.addLib(a.id(), 0L, "Long Hair", "long %color% hair");
    a = libbers.addLib(a.id(), 1L, "color", "red");
    assertEquals(List.of("color", "long_hair"), a.state().libber().keys());
    assertEquals(2, a.version());
    assertEquals(List.of(), libbers.get(b.id()).state().libber().keys());
    assertEquals(
        "a woman with long red hair",
        libbers.apply(a.id(), "a woman with %long_hair%", ExpansionLimits.DEFAULT));
    Removal<LibberState> r = libbers.removeLib(a.id(), 2L, "COLOR");
    assertTrue(r.removed());
    assertEquals(List.of("long_hair"), r.session().state().libber().keys());
    Removal<LibberState> again = libbers.removeLib(a.id(), null, "color");
    assertFalse(again.removed());
    assertEquals(4, again.session().version());
    String id = a.id();
    assertThrows(VersionConflictException.class, () -> libbers.addLib(id, 0L, "x", "y"));
  }

  @Test
  void applyIsBoundedByItsLimits() {
    Session<LibberState> s =
        libbers.open(
            new LibberState(
                "bomb",
                Libber.of(Map.of("a", "%b%%b%", "b", "%c%%c%", "c", "xxxxxxxxxx"), "%", 10)));
    LibberExpansionException e =
        assertThrows(
            LibberExpansionException.class,
            () -> libbers.apply(s.id(), "%a%", new ExpansionLimits(30, 1000)));
    assertEquals(List.of("a"), e.keyChain().subList(0, 1));
  }

  @Test
  void snapshotsAreSourcesOverSessions() {
    Session<LibberState> s = libbers.open(new LibberState("styles", Libber.empty()));
    libbers.addLib(s.id(), null, "x", "X");
    LibberSource source = libbers.snapshot(Map.of("styles", s.id()));
    libbers.addLib(s.id(), null, "x", "changed later");
    assertEquals("X", source.libber("styles").orElseThrow().substitute("%x%"));
    assertTrue(source.libber("other").isEmpty());
    assertThrows(
        SessionNotFoundException.class, () -> libbers.snapshot(Map.of("a", "A".repeat(43))));
  }

  @Test
  void stateNamesAreLibberNames() {
    assertThrows(InvalidNameException.class, () -> new LibberState("../x", Libber.empty()));
    LibberState s = new LibberState("ok", Libber.empty());
    assertSame(s, s.withLibber(s.libber()));
    assertTrue(libbers.close(libbers.open(s).id()));
    assertTrue(LibberStateManager.create().store().limits().maxSessions() > 0);
  }
}
