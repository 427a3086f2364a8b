package io.github.fbtools.benchmarks;

import io.github.fbtools.core.ExpansionLimits;
import io.github.fbtools.core.Libber;
import io.github.fbtools.core.LibberExpansionException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The doubling attack: {@code k0 = "%k1%%k1%"}, ..., {@code k39 = "%k40%%k40%"}, {@code k40 =
 * "lol"}, text {@code "%k0%"}.
 *
 * <ul>
 *   <li>At {@code max_depth} 100 the reference would build 2^40 copies of {@code lol} (3 TiB of
 *       chars); {@link #refuseAtDepth100()} times how long {@link Libber#substitute(String)} takes
 *       to refuse it at {@link ExpansionLimits#DEFAULT} (target: under 5 ms).
 *   <li>At {@code max_depth} 10 the output is 2^9 copies of {@code "%k10%%k10%"} (5,120 chars):
 *       {@link #expandAtDepth10()}, side by side with the regex port of the reference.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DoublingAttackBenchmark {
  static final int CHAIN = 40;
  static final String TEXT = "%k0%";

  private Libber depth100 = Libber.empty();
  private Libber depth10 = Libber.empty();
  private ReferenceRegexLibber regexDepth10 = new ReferenceRegexLibber(Map.of(), "%", 10);

  /** Builds the chain and checks both outcomes. */
  @Setup
  public void setUp() {
    Map<String, String> libs = new LinkedHashMap<>();
    for (int i = 0; i < CHAIN; i++) {
      libs.put("k" + i, "%k" + (i + 1) + "%%k" + (i + 1) + "%");
    }
    libs.put("k" + CHAIN, "lol");
    depth100 = Libber.of(libs, "%", 100);
    depth10 = Libber.of(libs, "%", 10);
    regexDepth10 = new ReferenceRegexLibber(libs, "%", 10);

    String expected = "%k10%%k10%".repeat(1 << 9);
    if (!depth10.substitute(TEXT).equals(expected)
        || !regexDepth10.substitute(TEXT).equals(expected)) {
      throw new IllegalStateException("max_depth 10 does not give 2^9 x %k10%%k10%");
    }
    try {
      depth100.substitute(TEXT);
      throw new IllegalStateException("max_depth 100 was not refused");
    } catch (LibberExpansionException e) {
      System.out.printf("%n# max_depth 100 refused: %s%n", e.getMessage());
    }
  }

  /**
   * Refusal at {@code max_depth} 100 with the default limits.
   *
   * @param cpu counts the call
   * @return the exception (so that the work is not dead code)
   */
  @Benchmark
  public Object refuseAtDepth100(CpuTime cpu) {
    cpu.call();
    try {
      return depth100.substitute(TEXT);
    } catch (LibberExpansionException e) {
      return e;
    }
  }

  /**
   * Expansion at {@code max_depth} 10 (5,120 chars of output).
   *
   * @param cpu counts the call
   * @return the output
   */
  @Benchmark
  public String expandAtDepth10(CpuTime cpu) {
    cpu.call();
    return depth10.substitute(TEXT);
  }

  /**
   * The same with the regex port of the reference (no memo: 2^10 - 1 recursive calls).
   *
   * @param cpu counts the call
   * @return the output
   */
  @Benchmark
  public String expandAtDepth10RegexPort(CpuTime cpu) {
    cpu.call();
    return regexDepth10.substitute(TEXT);
  }
}
