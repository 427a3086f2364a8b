package io.github.fbtools.examples;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How a long-running command ({@code serve}) learns that it should stop: Ctrl-C in a real run,
 * a latch in tests.
 */
interface StopSignal {
  /**
   * Starts listening for the stop (idempotent), before the command says it is running, so a stop
   * that comes right after is a clean one; {@link #await} arms too.
   */
  default void arm() {}

  /** Blocks until the command is asked to stop. */
  void await() throws InterruptedException;

  /** Says that the command has finished stopping (its resources are closed). */
  void stopped();

  /**
   * Stops on Ctrl-C or SIGTERM: the first {@link #await} registers a shutdown hook that releases
   * it and then waits up to 10 seconds for {@link #stopped}, so the server drains and the last
   * lines are printed before the JVM exits. A stop that completes is a clean one: the JVM then
   * exits with {@link Fbtools#EXIT_OK} (it would otherwise exit with 128 plus the signal's number,
   * 130 for Ctrl-C, 143 for SIGTERM); a stop that takes longer keeps that status.
   */
  static StopSignal untilShutdown() {
    return new StopSignal() {
      private final CountDownLatch stop = new CountDownLatch(1);
      private final CountDownLatch done = new CountDownLatch(1);
      private boolean armed;

      @Override
      public synchronized void arm() {
        if (armed) {
          return;
        }
        armed = true;
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      stop.countDown();
                      boolean clean = false;
                      try {
                        clean = done.await(10, TimeUnit.SECONDS);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      if (clean) {
                        Runtime.getRuntime().halt(Fbtools.EXIT_OK);
                      }
                    },
                    "fbtools-stop"));
      }

      @Override
      public void await() throws InterruptedException {
        arm();
        stop.await();
      }

      @Override
      public void stopped() {
        done.countDown();
      }
    };
  }
}
