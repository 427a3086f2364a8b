package io.github.fbtools.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A secondary JMH result, {@code <benchmark>:cpu}, in the score's unit per call: the benchmark
 * thread's own CPU time (user + system, {@link ThreadMXBean#getCurrentThreadCpuTime()}) per call.
 * Unlike the wall-clock score it does not grow while other processes hold the CPU (the machine
 * these run on is shared by several builds), though it still includes the cache effects of
 * sharing, and a JIT starved of CPU still leaves slower code running for longer. GC and JIT
 * threads are not counted.
 *
 * <p>How: an {@link AuxCounters.Type#OPERATIONS} counter is reported by JMH in average-time mode
 * as iteration time / counter. Setting the counter to {@code calls x wall / cpu} at the end of
 * each iteration (wall and CPU measured around the same iteration) makes that {@code cpu /
 * calls}, averaged over iterations like the primary score.
 *
 * <p>A benchmark method takes this state as a parameter and calls {@link #call()} once per call.
 * Used by one benchmark thread only.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class CpuTime {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** The reported value: calls scaled by wall time / CPU time (see the class comment). */
  public double cpu;

  private long calls;
  private long startCpu;
  private long startWall;

  /** Starts an iteration. */
  @Setup(Level.Iteration)
  public void start() {
    calls = 0;
    cpu = 0;
    startWall = System.nanoTime();
    startCpu = THREADS.getCurrentThreadCpuTime();
  }

  /** Ends an iteration. */
  @TearDown(Level.Iteration)
  public void stop() {
    long cpuNanos = THREADS.getCurrentThreadCpuTime() - startCpu;
    long wallNanos = System.nanoTime() - startWall;
    cpu = cpuNanos <= 0 ? 0 : calls * (double) wallNanos / cpuNanos;
  }

  /** Counts one call of the benchmark method. */
  public void call() {
    calls++;
  }
}
