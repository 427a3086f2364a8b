package io.github.fbtools.examples;

import static com.google.common.base.Preconditions.checkNotNull;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * What the commands take from their surroundings, injected so tests are deterministic: whether
 * the output is an interactive terminal (progress bars), the clock, the random source, the
 * folder for temporary work (the demo's default output) and what stops {@code serve}.
 *
 * @param terminal whether stdout is an interactive terminal ({@code System.console() != null})
 * @param clock the clock (exec ids, time stamps)
 * @param random the random source used when no {@code --seed} is given
 * @param tempDir the folder that holds the demo's default output folder
 * @param stop when {@code serve} stops
 */
record CliEnv(
    boolean terminal, Clock clock, RandomGenerator random, Path tempDir, StopSignal stop) {
  CliEnv {
    checkNotNull(clock, "clock");
    checkNotNull(random, "random");
    checkNotNull(tempDir, "tempDir");
    checkNotNull(stop, "stop");
  }

  /** The real surroundings: {@code System.console()}, the UTC system clock, a SecureRandom. */
  static CliEnv system() {
    return new CliEnv(
        System.console() != null,
        Clock.systemUTC(),
        new SecureRandom(),
        Path.of(System.getProperty("java.io.tmpdir")),
        StopSignal.untilShutdown());
  }
}
