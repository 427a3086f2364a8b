package io.github.fbtools.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.ExpansionLimits;
import io.github.fbtools.core.Libber;
import io.github.fbtools.core.LibberExpansionException;
import io.github.fbtools.core.testing.Gen;
import io.github.fbtools.core.testing.LibberCases;
import io.github.fbtools.core.testing.LibberCases.Case;
import io.github.fbtools.core.testing.Pbt;
import org.junit.jupiter.api.Test;

/**
 * The project's differential tests of {@link Libber#substitute} against the published oracle
 * {@link ReferenceLibber} (moved here from core's {@code LibberProperties}, whose tests cannot
 * depend on the kit): on {@link FbGen} Libbers with every option, 100,000 cases; and on core's
 * hand-made corner-case maps (odd delimiters such as {@code a}, {@code _}, {@code x%}), {@value
 * Pbt#DEFAULT_TRIES} tries each.
 */
class LibberReferenceProperties {
  /** The cases of {@link #libberAgreesWithTheReferenceOnGeneratedCases()}. */
  static final int GENERATED_CASES = 100_000;

  /** A generated Libber and text, printed with the seed and sizes that recreate them. */
  record Generated(long seed, int size, int textSize, LibberOptions options) {
    Libber libber() {
      return FbGen.of(seed).libber(size, options);
    }

    String text(Libber libber) {
      return FbGen.of(seed).libberText(libber, textSize);
    }
  }

  private static final Gen<Generated> GENERATED =
      r -> {
        LibberOptions options =
            LibberOptions.builder()
                .cycles(r.nextInt(3) == 0)
                .undefinedKeys(r.nextBoolean())
                .unmatchableKeys(r.nextInt(4) == 0)
                .otherDelimiters(r.nextInt(3) == 0)
                .expansionBomb(r.nextInt(20) == 0 ? 1 + r.nextInt(64) : 0)
                .build();
        return new Generated(r.nextLong(), r.nextInt(9), r.nextInt(16), options);
      };

  @Test
  void libberAgreesWithTheReferenceOnGeneratedCases() {
    int[] withCycles = new int[1];
    int ran =
        Pbt.forAll(
            "libber = ReferenceLibber (FbGen)",
            Math.max(Pbt.tries(), GENERATED_CASES),
            GENERATED,
            g -> {
              Libber libber = g.libber();
              String text = g.text(libber);
              assertEquals(
                  ReferenceLibber.substitute(libber, text),
                  libber.substitute(text),
                  () -> g + ": " + libber + " text=" + text);
              if (g.options().cycles() && g.size() > 0) {
                withCycles[0]++;
              }
            });
    assertTrue(ran >= GENERATED_CASES || System.getProperty("pbt.seed") != null, "ran " + ran);
    assertTrue(withCycles[0] > ran / 5, "cases with cycles: " + withCycles[0]);
  }

  // ---------------------------------------------------------------------------------------
  // Core's corner-case maps (LibberCases, core's test jar)

  private static final Gen<Case> ANY = LibberCases.ANY;
  private static final Gen<Case> ACYCLIC = LibberCases.ACYCLIC;

  /** A case and limits. */
  record Limited(Case c, ExpansionLimits limits) {}

  @Test
  void substitutionEqualsTheReferenceOnAnyMap() {
    Pbt.forAll(
        "libber = naive reference (any map)",
        ANY,
        c ->
            assertEquals(
                ReferenceLibber.substitute(c.libber(), c.text()), c.libber().substitute(c.text())));
  }

  @Test
  void substitutionEqualsTheReferenceOnAcyclicMaps() {
    Pbt.forAll(
        "libber = naive reference (acyclic)",
        ACYCLIC,
        c ->
            assertEquals(
                ReferenceLibber.substitute(c.libber(), c.text()), c.libber().substitute(c.text())));
  }

  @Test
  void outputIsWithinTheLimitOrATypedRefusal() {
    Pbt.forAll(
        "output <= limit or LibberExpansionException",
        r -> new Limited(ANY.next(r), new ExpansionLimits(r.nextInt(300), r.nextInt(30))),
        in -> {
          Case c = in.c();
          ExpansionLimits limits = in.limits();
          String expected = ReferenceLibber.substitute(c.libber(), c.text());
          try {
            String out = c.libber().substitute(c.text(), limits);
            assertTrue(out.length() <= limits.maxOutputChars());
            assertEquals(expected, out);
          } catch (LibberExpansionException e) {
            if (e.limit() == LibberExpansionException.Limit.OUTPUT_CHARS) {
              assertTrue(
                  expected.length() > limits.maxOutputChars(),
                  "refused an output of " + expected.length() + " chars: " + e.getMessage());
            }
            for (String k : e.keyChain()) {
              assertTrue(c.libber().libs().containsKey(k), k);
            }
          }
          // The output limit is exact: the real length always passes.
          assertEquals(
              expected,
              c.libber()
                  .substitute(c.text(), new ExpansionLimits(expected.length(), Integer.MAX_VALUE)));
        });
  }
}
