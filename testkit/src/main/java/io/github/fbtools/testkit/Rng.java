package io.github.fbtools.testkit;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The kit's one random source: SplitMix64, written out here so that a seed gives the same values
 * on every JVM (the JDK's generators are free to change their algorithms).
 *
 * <p>Not thread-safe: each generator method makes its own.
 */
final class Rng {
  private long state;

  Rng(long seed) {
    this.state = seed;
  }

  /** A source for one purpose of one seed, independent of every other purpose and argument. */
  static Rng of(long seed, String purpose, long... args) {
    long h = mix(seed ^ fnv(purpose));
    for (long a : args) {
      h = mix(h + 0x9e3779b97f4a7c15L + a);
    }
    return new Rng(h);
  }

  long nextLong() {
    state += 0x9e3779b97f4a7c15L;
    return mix(state);
  }

  /** A value in {@code 0..bound-1}; {@code bound} must be positive. */
  int nextInt(int bound) {
    return (int) Long.remainderUnsigned(nextLong(), bound);
  }

  /** A value in {@code min..max}. */
  int between(int min, int max) {
    return min + nextInt(max - min + 1);
  }

  boolean nextBoolean() {
    return (nextLong() & 1) != 0;
  }

  /** True once in {@code n} draws on average. */
  boolean oneIn(int n) {
    return nextInt(n) == 0;
  }

  <T> T pick(List<T> values) {
    return values.get(nextInt(values.size()));
  }

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  private static long fnv(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }
}
