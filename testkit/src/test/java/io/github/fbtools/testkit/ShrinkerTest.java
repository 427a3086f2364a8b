package io.github.fbtools.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.Libber;
import io.github.fbtools.core.PromptCollection;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Shrinker}: the smallest failing size, and a report that can be pasted into a test. */
class ShrinkerTest {
  /** Fails once a Libber has three or more keys. */
  private static void fewerThanThreeKeys(Libber l) {
    if (l.libs().size() >= 3) {
      throw new AssertionError("too many keys: " + l.libs().size());
    }
  }

  static LongStream seeds() {
    return LongStream.range(0, 20);
  }

  /** The class Javadoc's example. */
  @ParameterizedTest
  @MethodSource("seeds")
  void promptsReadBack(long seed) {
    Shrinker.check(seed, 50, FbGen::promptsJson, text -> PromptCollection.fromJson(text));
  }

  @Test
  void findsTheSmallestFailingSize() {
    for (long seed = 0; seed < 30; seed++) {
      Optional<Shrinker.Failure<Libber>> f =
          Shrinker.smallestFailingSize(seed, 40, FbGen::libber, ShrinkerTest::fewerThanThreeKeys);
      Shrinker.Failure<Libber> failure = f.orElseThrow();
      assertEquals(seed, failure.seed());
      assertEquals(40, failure.askedSize());
      // the smallest: this size fails, every smaller one passes
      assertEquals(FbGen.of(seed).libber(failure.size()), failure.input());
      assertTrue(failure.input().libs().size() >= 3);
      for (int s = 0; s < failure.size(); s++) {
        assertTrue(FbGen.of(seed).libber(s).libs().size() < 3, "size " + s);
      }
      assertTrue(failure.failure().getMessage().startsWith("too many keys"));
    }
  }

  @Test
  void aPropertyThatHoldsHasNoFailingSize() {
    assertEquals(
        Optional.empty(),
        Shrinker.smallestFailingSize(7, 30, FbGen::promptsJson, PromptCollection::fromJson));
  }

  @Test
  void checkPrintsAndThrowsAPasteableReport() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    RuntimeException boom = new IllegalStateException("boom");
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () ->
                Shrinker.check(
                    11,
                    25,
                    FbGen::promptsJson,
                    text -> {
                      if (text.contains("\n")) {
                        throw boom;
                      }
                    },
                    out));
    String report = e.getMessage();
    assertEquals(report + System.lineSeparator(), printed.toString(StandardCharsets.UTF_8));
    assertSame(boom, e.getCause());
    int size = Integer.parseInt(report.replaceAll("(?s).*int size = (\\d+);.*", "$1"));
    String input = FbGen.of(11).promptsJson(size);
    assertTrue(report.startsWith("smallest failing size " + size + " (asked 25) for seed 11:\n"));
    assertTrue(report.contains("\n  long seed = 11L;\n"), report);
    assertTrue(
        report.contains("\n  String input = " + Shrinker.javaLiteral(input) + ";\n"), report);
    assertTrue(report.endsWith("failure: java.lang.IllegalStateException: boom"), report);
    for (int s = 0; s < size; s++) {
      assertTrue(!FbGen.of(11).promptsJson(s).contains("\n"), "size " + s);
    }
  }

  @Test
  void checkReturnsQuietlyWhenThePropertyHolds() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Shrinker.check(
        3,
        20,
        FbGen::promptCollection,
        c -> assertEquals(c, PromptCollection.fromJson(c.toJson())),
        new PrintStream(printed, true, StandardCharsets.UTF_8));
    Shrinker.check(3, 5, FbGen::libber, l -> assertTrue(l.libs().size() <= 5));
    assertEquals(0, printed.size());
  }

  @Test
  void nonTextInputsAreReportedWithToString() {
    Shrinker.Failure<Libber> f =
        Shrinker.smallestFailingSize(2, 40, FbGen::libber, ShrinkerTest::fewerThanThreeKeys)
            .orElseThrow();
    assertTrue(f.report().contains("\n  // input: " + f.input() + "\n"), f::report);
    assertEquals(f.report(), f.toString());
  }

  @Test
  void javaLiteralsEscapeEverythingOutsidePrintableAscii() {
    assertEquals(
        "\"a\\\"b\\\\c\\n\\r\\t\\u0000\\u00e9\\ud83d\\ude00\"",
        Shrinker.javaLiteral("a\"b\\c\n\r\t\u0000é😀"));
    assertEquals("\"\"", Shrinker.javaLiteral(""));
  }

  @Test
  void negativeSizesAreRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Shrinker.smallestFailingSize(1, -1, FbGen::libber, l -> {}));
    assertEquals("size must not be negative: -1", e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> Shrinker.check(1, -2, FbGen::libber, l -> {}));
  }
}
