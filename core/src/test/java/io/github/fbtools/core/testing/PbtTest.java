package io.github.fbtools.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PbtTest {
  @Test
  void runsTheConfiguredNumberOfTriesWithDistinctInputs() {
    List<String> seen = new ArrayList<>();
    int ran = Pbt.forAll("collect", 50, Gens.strings("abc", 5, 5), seen::add);
    assertEquals(50, ran);
    assertEquals(50, seen.size());
    assertTrue(seen.stream().distinct().count() > 40, "inputs should vary: " + seen);
  }

  @Test
  void sameNameGivesSameInputs() {
    List<String> a = new ArrayList<>();
    List<String> b = new ArrayList<>();
    Pbt.forAll("same", 20, Gens.strings("abcdef", 3, 9), a::add);
    Pbt.forAll("same", 20, Gens.strings("abcdef", 3, 9), b::add);
    assertEquals(a, b);
    List<String> c = new ArrayList<>();
    Pbt.forAll("other", 20, Gens.strings("abcdef", 3, 9), c::add);
    assertNotEquals(a, c);
  }

  @Test
  void failureNamesSeedAndInputAndTheSeedReproducesIt() {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () ->
                Pbt.forAll(
                    "fails on b",
                    1000,
                    Gens.strings("ab", 4, 4),
                    s -> {
                      if (s.startsWith("bb")) {
                        throw new IllegalStateException("boom " + s);
                      }
                    }));
    String msg = e.getMessage();
    assertTrue(msg.contains("fails on b"), msg);
    assertTrue(msg.contains("-Dpbt.seed="), msg);
    assertTrue(msg.contains("input: bb"), msg);
    String seed = msg.replaceAll("(?s).*-Dpbt\\.seed=(-?\\d+).*", "$1");
    String previous = System.getProperty("pbt.seed");
    System.setProperty("pbt.seed", seed);
    try {
      List<String> replay = new ArrayList<>();
      int ran = Pbt.forAll("replay", 1000, Gens.strings("ab", 4, 4), replay::add);
      assertEquals(1, ran);
      assertTrue(replay.get(0).startsWith("bb"), "replayed input " + replay);
    } finally {
      if (previous == null) {
        System.clearProperty("pbt.seed");
      } else {
        System.setProperty("pbt.seed", previous);
      }
    }
  }
}
