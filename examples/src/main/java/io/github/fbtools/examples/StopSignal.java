package io.github.fbtools.examples;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How a long-running command ({@code serve}) learns that it should stop: Ctrl-C in a real run,
 * a latch in tests.
 */
interface StopSignal {
  /** Blocks until the command is asked to stop. */
  void await() throws InterruptedException;

  /** Says that the command has finished stopping (its resources are closed). */
  void stopped();

  /**
   * Stops on Ctrl-C or SIGTERM: the first {@link #await} registers a shutdown hook that releases
   * it and then waits up to 10 seconds for {@link #stopped}, so the server drains and the last
   * lines are printed before the JVM exits.
   */
  static StopSignal untilShutdown() {
    return new StopSignal() {
      private final CountDownLatch stop = new CountDownLatch(1);
      private final CountDownLatch done = new CountDownLatch(1);

      @Override
      public void await() throws InterruptedException {
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      stop.countDown();
                      try {
                        done.await(10, TimeUnit.SECONDS);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                    },
                    "fbtools-stop"));
        stop.await();
      }

      @Override
      public void stopped() {
        done.countDown();
      }
    };
  }
}
