package io.github.fbtools.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.ExpansionLimits;
import io.github.fbtools.core.Libber;
import io.github.fbtools.core.LibberAnalysis;
import io.github.fbtools.core.LibberExpansionException;
import org.junit.jupiter.api.Test;

/** Each {@link LibberOptions} option gives the Libber it promises. */
class LibberOptionsTest {
  @Test
  void defaultsGiveCleanLibbersWithThePercentDelimiter() {
    for (long seed = 0; seed < 300; seed++) {
      Libber l = FbGen.of(seed).libber((int) (seed % 12));
      assertTrue(l.analyze().isClean(), l::toString);
      assertEquals("%", l.delimiter());
      assertTrue(l.libs().size() <= seed % 12, l::toString);
    }
  }

  @Test
  void cyclesUndefinedAndUnmatchableKeysAreThere() {
    LibberOptions all =
        LibberOptions.builder().cycles(true).undefinedKeys(true).unmatchableKeys(true).build();
    int undefined = 0;
    for (long seed = 0; seed < 300; seed++) {
      Libber l = FbGen.of(seed).libber(1 + (int) (seed % 8), all);
      LibberAnalysis a = l.analyze();
      assertFalse(a.cycles().isEmpty(), l::toString);
      assertFalse(a.unmatchableKeys().isEmpty(), l::toString);
      assertFalse(a.undefinedReferences().isEmpty(), l::toString);
      undefined += a.undefinedReferences().values().stream().mapToInt(java.util.List::size).sum();
      assertTrue(l.maxDepth() <= 6, l::toString);
    }
    assertTrue(undefined > 100, "with undefined references: " + undefined);
  }

  @Test
  void otherDelimitersAreNotThePercent() {
    LibberOptions other = LibberOptions.builder().otherDelimiters(true).build();
    for (long seed = 0; seed < 100; seed++) {
      Libber l = FbGen.of(seed).libber(5, other);
      assertNotEquals("%", l.delimiter());
      assertFalse(l.delimiter().matches(".*[a-z0-9_].*"), l.delimiter());
    }
  }

  @Test
  void anExpansionBombExpandsToAtLeastItsSizeAndIsRefusedBelowIt() {
    for (int n : new int[] {1, 2, 3, 1000, 1024, 1025, 100_000}) {
      for (long seed = 0; seed < 5; seed++) {
        Libber l =
            FbGen.of(seed)
                .libber(
                    4, LibberOptions.builder().otherDelimiters(seed % 2 == 0).expansionBomb(n).build());
        String d = l.delimiter();
        String out = l.substitute(d + FbGen.BOMB_KEY + d);
        assertTrue(out.length() >= n && out.length() < 2 * n, n + ": " + out.length());
        if (n > 1) {
          LibberExpansionException e =
              assertThrows(
                  LibberExpansionException.class,
                  () -> l.substitute(d + FbGen.BOMB_KEY + d, new ExpansionLimits(n - 1, 1_000_000)));
          assertEquals(LibberExpansionException.Limit.OUTPUT_CHARS, e.limit());
        }
        if (n <= 1024) {
          assertEquals(out, ReferenceLibber.substitute(l, d + FbGen.BOMB_KEY + d));
        }
      }
    }
  }

  @Test
  void theBuilderAndItsChecks() {
    LibberOptions o = LibberOptions.builder().cycles(true).expansionBomb(10).build();
    assertEquals(new LibberOptions(true, false, false, false, 10), o);
    assertEquals(o, o.toBuilder().build());
    assertEquals(LibberOptions.defaults(), o.toBuilder().cycles(false).expansionBomb(0).build());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LibberOptions.builder().expansionBomb(-1));
    assertEquals("outputChars must be in 0..1073741824: -1", e.getMessage());
    IllegalArgumentException r =
        assertThrows(
            IllegalArgumentException.class, () -> new LibberOptions(false, false, false, false, -2));
    assertEquals("expansionBomb must be in 0..1073741824: -2", r.getMessage());
  }

  @Test
  void theJavadocExample() {
    LibberOptions hostile = LibberOptions.builder().cycles(true).undefinedKeys(true).build();
    Libber libber = FbGen.of(42).libber(8, hostile);
    assertFalse(libber.analyze().cycles().isEmpty());
  }
}
