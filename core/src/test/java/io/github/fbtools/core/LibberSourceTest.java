package io.github.fbtools.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LibberSourceTest {
  @Test
  void noneFindsNothing() {
    assertEquals(Optional.empty(), LibberSource.none().libber("anything"));
  }

  @Test
  void ofFindsByExactNameAndCopiesTheMap() {
    Libber a = Libber.of(Map.of("x", "X"));
    Map<String, Libber> m = new HashMap<>();
    m.put("chars", a);
    LibberSource s = LibberSource.of(m);
    m.put("later", Libber.empty());
    assertEquals(Optional.of(a), s.libber("chars"));
    assertEquals(Optional.empty(), s.libber("Chars"));
    assertEquals(Optional.empty(), s.libber("later"));
  }

  @Test
  void isAFunctionalInterface() {
    LibberSource s = name -> name.equals("x") ? Optional.of(Libber.empty()) : Optional.empty();
    assertEquals(Optional.of(Libber.empty()), s.libber("x"));
  }

  @Test
  void nullEntriesAreRejected() {
    Map<String, Libber> m = new HashMap<>();
    m.put("a", null);
    assertThrows(NullPointerException.class, () -> LibberSource.of(m));
  }
}
