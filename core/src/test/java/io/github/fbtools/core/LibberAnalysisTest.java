package io.github.fbtools.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LibberAnalysisTest {
  private static Map<String, String> map(String... kv) {
    LinkedHashMap<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void cleanLibber() {
    LibberAnalysis a = Libber.of(map("a", "%b% %c%", "b", "B", "c", "%b%")).analyze();
    assertTrue(a.isClean());
    assertEquals(List.of(), a.cycles());
    assertEquals(List.of(), a.cyclicKeys());
    assertEquals(Map.of(), a.undefinedReferences());
    assertEquals(List.of(), a.unmatchableKeys());
    assertTrue(Libber.empty().analyze().isClean());
  }

  @Test
  void javadocExample() {
    LibberAnalysis a = Libber.of(Map.of("a", "%b%", "b", "%a% %zz%", "Hair", "red")).analyze();
    assertEquals(List.of(List.of("a", "b", "a")), a.cycles());
    assertEquals(Map.of("b", List.of("zz")), a.undefinedReferences());
    assertEquals(List.of("Hair"), a.unmatchableKeys());
  }

  @Test
  void selfCycle() {
    LibberAnalysis a = Libber.of(map("a", "x%a%")).analyze();
    assertEquals(List.of(List.of("a", "a")), a.cycles());
    assertEquals(List.of("a"), a.cyclicKeys());
    assertFalse(a.isClean());
  }

  @Test
  void cyclesStartAtTheirFirstKeyInCodePointOrder() {
    LibberAnalysis a =
        Libber.of(map("c", "C %a%", "a", "A %b%", "b", "B %c%", "z", "%y%", "y", "%z%", "q", "%c%"))
            .analyze();
    assertEquals(List.of(List.of("a", "b", "c", "a"), List.of("y", "z", "y")), a.cycles());
    assertEquals(List.of("a", "b", "c", "y", "z"), a.cyclicKeys());
  }

  @Test
  void oneShortestCyclePerGroupButEveryCyclicKeyListed() {
    // a→b→a and a→c→d→a share a: one group, shortest cycle reported.
    LibberAnalysis a = Libber.of(map("a", "%c% %b%", "b", "%a%", "c", "%d%", "d", "%a%")).analyze();
    assertEquals(List.of(List.of("a", "b", "a")), a.cycles());
    assertEquals(List.of("a", "b", "c", "d"), a.cyclicKeys());
  }

  @Test
  void fiftyCycle() {
    LinkedHashMap<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < 50; i++) {
      m.put("k" + i, "%k" + ((i + 1) % 50) + "%");
    }
    LibberAnalysis a = Libber.of(m).analyze();
    assertEquals(1, a.cycles().size());
    List<String> cycle = a.cycles().get(0);
    assertEquals(51, cycle.size());
    assertEquals("k0", cycle.get(0));
    assertEquals("k1", cycle.get(1));
    assertEquals("k0", cycle.get(50));
    assertEquals(50, a.cyclicKeys().size());
  }

  @Test
  void longAcyclicChainHasNoCycleAndNoStackOverflow() {
    LinkedHashMap<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < 100_000; i++) {
      m.put("k" + i, "%k" + (i + 1) + "%");
    }
    LibberAnalysis a = Libber.of(m, "%", 100).analyze();
    assertEquals(List.of(), a.cycles());
    assertEquals(Map.of("k99999", List.of("k100000")), a.undefinedReferences());
    // Closing the chain into one 100,000-key cycle.
    m.put("k99999", "%k0%");
    LibberAnalysis closed = Libber.of(m, "%", 100).analyze();
    assertEquals(100_001, closed.cycles().get(0).size());
  }

  @Test
  void undefinedReferencesPerKeyDistinctInOrder() {
    LibberAnalysis a =
        Libber.of(map("b", "%zz% %a% %yy% %zz%", "a", "A %Foo% %x-y%", "Up", "%nope%")).analyze();
    assertEquals(
        Map.of("Up", List.of("nope"), "b", List.of("zz", "yy")), a.undefinedReferences());
    assertEquals(List.of("Up", "b"), new ArrayList<>(a.undefinedReferences().keySet()));
  }

  @Test
  void unmatchableKeys() {
    LibberAnalysis a =
        Libber.of(map("ok_1", "", "Foo", "", "a-b", "", "", "", "café", "", "a b", "")).analyze();
    assertEquals(List.of("", "Foo", "a b", "a-b", "café"), a.unmatchableKeys());
    assertFalse(a.isClean());
  }

  @Test
  void usesTheLibbersDelimiter() {
    Libber l = Libber.of(map("a", "<<b>> %a%", "b", "<<a>> <<q>>"), "<<>>", 10);
    LibberAnalysis a = Libber.of(map("a", "<<b>> %a%", "b", "<<a>> <<q>>"), "<<", 10).analyze();
    assertEquals(List.of(), l.analyze().cycles());
    assertEquals(Map.of(), l.analyze().undefinedReferences());
    assertTrue(a.cycles().isEmpty());
    Libber angle = Libber.of(map("a", "<<b<< %a%", "b", "<<a<< <<q<<"), "<<", 10);
    assertEquals(List.of(List.of("a", "b", "a")), angle.analyze().cycles());
    assertEquals(Map.of("b", List.of("q")), angle.analyze().undefinedReferences());
    Libber underscore = Libber.of(map("my_key", "_my_key_"), "_", 10);
    assertEquals(List.of(List.of("my_key", "my_key")), underscore.analyze().cycles());
  }

  @Test
  void recordCopiesItsComponents() {
    List<List<String>> cycles = new ArrayList<>();
    cycles.add(new ArrayList<>(List.of("a", "a")));
    LibberAnalysis a =
        new LibberAnalysis(cycles, List.of("a"), Map.of("a", List.of("z")), List.of("B"));
    cycles.get(0).add("x");
    assertEquals(List.of(List.of("a", "a")), a.cycles());
    assertThrows(UnsupportedOperationException.class, () -> a.cycles().get(0).add("b"));
    assertThrows(UnsupportedOperationException.class, () -> a.undefinedReferences().clear());
    assertEquals(a, new LibberAnalysis(List.of(List.of("a", "a")), List.of("a"),
        Map.of("a", List.of("z")), List.of("B")));
  }
}
