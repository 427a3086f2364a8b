package io.github.fbtools.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

/** Runs {@code fbtools} in-process and captures what it printed. */
record CliRun(int code, String out, String err) {
  static final Instant NOW = Instant.parse("2026-11-28T10:15:30Z");

  /** Deterministic surroundings: not a terminal, a fixed clock, a seeded random source. */
  static CliEnv env(Path tempDir) {
    return env(tempDir, NEVER_AWAITED);
  }

  static CliEnv env(Path tempDir, StopSignal stop) {
    return new CliEnv(
        false, Clock.fixed(NOW, ZoneOffset.UTC), new SplittableRandom(42), tempDir, stop);
  }

  /** For commands that must not wait: awaiting fails the test instead of hanging it. */
  static final StopSignal NEVER_AWAITED =
      new StopSignal() {
        @Override
        public void await() {
          throw new AssertionError("only serve waits for a stop signal");
        }

        @Override
        public void stopped() {}
      };

  static CliRun run(CliEnv env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Fbtools.run(args, o, e, env);
    }
    return new CliRun(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Checks a usage error: exit code 2, nothing on stdout, one line on stderr, no stack trace. */
  CliRun assertUsageError(String expectedInMessage) {
    assertEquals(Fbtools.EXIT_USAGE, code, this::toString);
    assertEquals("", out, this::toString);
    assertOneLineError(expectedInMessage);
    return this;
  }

  /** Checks that stderr is one line holding {@code expected}, without a stack trace. */
  CliRun assertOneLineError(String expected) {
    assertTrue(err.endsWith("\n"), this::toString);
    assertEquals(1, err.split("\n", -1).length - 1, () -> "one line expected: " + this);
    assertTrue(err.contains(expected), () -> "expected '" + expected + "' in: " + this);
    assertFalse(err.contains("\tat "), this::toString);
    assertFalse(err.contains("Exception"), this::toString);
    return this;
  }

  CliRun assertOk() {
    assertEquals(Fbtools.EXIT_OK, code, this::toString);
    assertEquals("", err, this::toString);
    return this;
  }

  @Override
  public String toString() {
    return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }
}
