package io.github.fbtools.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ExpansionLimitsTest {
  @Test
  void defaults() {
    assertEquals(16_777_216, ExpansionLimits.DEFAULT.maxOutputChars());
    assertEquals(1_000_000, ExpansionLimits.DEFAULT.maxExpansionSteps());
  }

  @Test
  void negativeComponentsAreRejectedNamingTheValue() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new ExpansionLimits(-1, 5));
    assertEquals("maxOutputChars must be >= 0: -1", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new ExpansionLimits(5, -2));
    assertEquals("maxExpansionSteps must be >= 0: -2", e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> ExpansionLimits.DEFAULT.withMaxOutputChars(-1));
    assertThrows(
        IllegalArgumentException.class, () -> ExpansionLimits.DEFAULT.withMaxExpansionSteps(-1));
  }

  @Test
  void withers() {
    ExpansionLimits d = ExpansionLimits.DEFAULT;
    assertSame(d, d.withMaxOutputChars(d.maxOutputChars()));
    assertSame(d, d.withMaxExpansionSteps(d.maxExpansionSteps()));
    assertEquals(new ExpansionLimits(7, 1_000_000), d.withMaxOutputChars(7));
    assertEquals(new ExpansionLimits(16_777_216, 3), d.withMaxExpansionSteps(3));
    assertEquals(new ExpansionLimits(0, 0), new ExpansionLimits(0, 0));
    assertNotEquals(d, d.withMaxExpansionSteps(3));
  }
}
