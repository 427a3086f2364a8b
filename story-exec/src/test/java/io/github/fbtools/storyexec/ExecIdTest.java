package io.github.fbtools.storyexec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.InvalidNameException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExecIdTest {

  private static final Instant T = Instant.parse("2026-03-14T09:30:05.999Z");
  private static final Clock UTC = Clock.fixed(T, ZoneOffset.UTC);

  /** Returns the scripted values of nextInt(bound), cycling; nothing else is used. */
  static final class Script implements RandomGenerator {
    private final int[] values;
    private int next;
    int calls;

    Script(int... values) {
      this.values = values;
    }

    @Override
    public synchronized int nextInt(int bound) {
      assertEquals(36, bound);
      calls++;
      return values[next++ % values.length];
    }

    @Override
    public long nextLong() {
      throw new AssertionError("only nextInt(bound) is expected");
    }
  }

  @Test
  void generatedFromAFixedClockAndScriptedRandom() {
    ExecId id = ExecId.generate(UTC, new Script(0, 9, 10, 35, 20, 1));
    assertEquals("20260314_093005_09azk1", id.value());
    assertEquals("20260314_093005_09azk1", id.toString());
  }

  @Test
  void generatedFromASeededRandomIsStable() {
    ExecId a = ExecId.generate(UTC, new SplittableRandom(42));
    ExecId b = ExecId.generate(UTC, new SplittableRandom(42));
    assertEquals(a, b);
    assertTrue(a.value().matches("20260314_093005_[0-9a-z]{6}"), a.value());
  }

  @Test
  void theTimeIsUtcWhateverTheClocksZone() {
    for (String zone : new String[] {"Pacific/Kiritimati", "America/Los_Angeles", "Asia/Kolkata"}) {
      Clock clock = Clock.fixed(T, ZoneId.of(zone));
      assertEquals(
          "20260314_093005_000000", ExecId.generate(clock, new Script(0)).value(), zone);
    }
    Clock midnight = Clock.fixed(Instant.parse("1999-12-31T23:59:59Z"), ZoneId.of("Asia/Tokyo"));
    assertEquals("19991231_235959_zzzzzz", ExecId.generate(midnight, new Script(35)).value());
  }

  @Test
  void yearsOutsideFourDigitsAreRefused() {
    Clock far = Clock.fixed(Instant.parse("+10000-01-01T00:00:00Z"), ZoneOffset.UTC);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ExecId.generate(far, new Script(0)));
    assertEquals("clock year must be in 0..9999: 10000", e.getMessage());
    Clock early = Clock.fixed(Instant.parse("-0001-01-01T00:00:00Z"), ZoneOffset.UTC);
    assertThrows(IllegalArgumentException.class, () -> ExecId.generate(early, new Script(0)));
    Clock zero = Clock.fixed(Instant.parse("0000-01-02T03:04:05Z"), ZoneOffset.UTC);
    assertEquals("00000102_030405_111111", ExecId.generate(zero, new Script(1)).value());
  }

  @Test
  void theDefaultGeneratorGivesTheGeneratedForm() {
    ExecId id = ExecId.generate();
    assertTrue(id.value().matches("\\d{8}_\\d{6}_[0-9a-z]{6}"), id.value());
    assertEquals(id, ExecId.parse(id.value()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "20260314_093005_k3x9q1",
        "retake-2",
        "a",
        "A.b_c-d",
        "0",
        "Run.2026.v1",
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"
      })
  void safeIdsAreAccepted(String text) {
    assertEquals(text, ExecId.parse(text).value());
    assertEquals(new ExecId(text), ExecId.parse(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "../x",
        "..",
        ".",
        "a/b",
        "a\\b",
        "/abs",
        "C:x",
        "con",
        "CON",
        "nul.txt",
        "lpt9",
        "x.",
        " x",
        "x ",
        "-x",
        "_x",
        ".hidden",
        "a..b",
        "ümlaut",
        "a b",
        "a\u0000b",
        "%2e%2e",
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-x"
      })
  void hostileIdsAreRefused(String text) {
    InvalidNameException e = assertThrows(InvalidNameException.class, () -> ExecId.parse(text));
    assertEquals("exec id", e.kind());
    assertThrows(InvalidNameException.class, () -> new ExecId(text));
  }

  @Test
  void nullIsRefused() {
    assertThrows(NullPointerException.class, () -> ExecId.parse(null));
  }
}
