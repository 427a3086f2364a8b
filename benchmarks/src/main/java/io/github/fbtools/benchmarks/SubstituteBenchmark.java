package io.github.fbtools.benchmarks;

import io.github.fbtools.core.Libber;
import java.util.concurrent.TimeUnit;
import org.apache.commons.text.StringSubstitutor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link Libber#substitute(String)} on the {@link SubstitutionCorpus} (1 KiB, 64 KiB and 1 MiB
 * texts, {@code max_depth} 10, default limits), side by side with Commons Text's {@code
 * StringSubstitutor(map, "%", "%")} (its defaults otherwise) and {@link ReferenceRegexLibber}, a
 * plain regex port of the Python reference.
 *
 * <p>The score is the time per call; input MB/s = {@code bytes} / (µs per call), since 1 byte/µs
 * = 1 MB/s ({@code benchmarks/summarize.py} prints it).
 *
 * <p>{@link #setUp()} checks that the three give the same output on the text and throws if not.
 * They agree on this corpus only: {@code StringSubstitutor} differs from the reference on stray
 * {@code %} ({@code "50% off %a%"}), on {@code $%a%} (its escape char), on {@code %%a%%}, on keys
 * outside {@code [a-z0-9_]}, on cycles (it throws) and beyond {@code max_depth} (it has no depth
 * limit); the corpus has none of those (no {@code %} or {@code $} outside references, acyclic,
 * height at most 5 below the depth limit of 10).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SubstituteBenchmark {

  /** The text size in bytes (= chars: the corpus is ASCII). */
  @Param({"1024", "65536", "1048576"})
  public int bytes;

  private String text = "";
  private Libber libber = Libber.empty();
  private ReferenceRegexLibber regexPort = new ReferenceRegexLibber(java.util.Map.of(), "%", 10);
  private StringSubstitutor commonsText = new StringSubstitutor();

  /** Builds the corpus and checks that all three implementations agree on it. */
  @Setup
  public void setUp() {
    SubstitutionCorpus corpus = SubstitutionCorpus.generate(SubstitutionCorpus.SEED);
    text = corpus.text(bytes, SubstitutionCorpus.SEED + bytes);
    libber = Libber.of(corpus.libs, "%", 10);
    regexPort = new ReferenceRegexLibber(corpus.libs, "%", 10);
    commonsText = new StringSubstitutor(corpus.libs, "%", "%");

    String expected = regexPort.substitute(text);
    String ours = libber.substitute(text);
    String theirs = commonsText.replace(text);
    if (!ours.equals(expected)) {
      throw new IllegalStateException(
          "Libber and the regex port differ on the " + bytes + "-byte text");
    }
    if (!theirs.equals(expected)) {
      throw new IllegalStateException(
          "StringSubstitutor and the regex port differ on the " + bytes + "-byte text");
    }
    System.out.printf(
        "%n# corpus: %d keys, text %d B with %d references, output %d chars (%.2fx), out sha12 %s%n",
        corpus.libs.size(),
        text.length(),
        SubstitutionCorpus.countReferences(text),
        expected.length(),
        expected.length() / (double) text.length(),
        SubstitutionCorpus.sha12(expected));
  }

  /**
   * This library.
   *
   * @param cpu counts the call
   * @return the output
   */
  @Benchmark
  public String libber(CpuTime cpu) {
    cpu.call();
    return libber.substitute(text);
  }

  /**
   * The plain regex port of the reference (recursive, no memo).
   *
   * @param cpu counts the call
   * @return the output
   */
  @Benchmark
  public String regexPort(CpuTime cpu) {
    cpu.call();
    return regexPort.substitute(text);
  }

  /**
   * Commons Text {@code StringSubstitutor} with {@code %} prefix and suffix.
   *
   * @param cpu counts the call
   * @return the output
   */
  @Benchmark
  public String stringSubstitutor(CpuTime cpu) {
    cpu.call();
    return commonsText.replace(text);
  }
}
