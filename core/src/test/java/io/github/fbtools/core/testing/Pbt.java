package io.github.fbtools.core.testing;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A small seeded property-test harness for plain JUnit 5 (no jqwik).
 *
 * <p>{@link #forAll} draws inputs from a {@link Gen} with a fresh {@link SplittableRandom} per try
 * and checks the property on each. Every try has its own seed, derived from the property's name
 * (so runs are reproducible and CI is deterministic). On the first failure it prints and throws an
 * {@link AssertionError} naming the property, the try, the seed and the input.
 *
 * <p>System properties:
 *
 * <ul>
 *   <li>{@code pbt.tries}: tries per property (default {@value #DEFAULT_TRIES}); the Maven
 *       property of the same name sets it, and the {@code soak} profile raises it;
 *   <li>{@code pbt.seed}: re-run exactly one try with this seed (printed on failure);
 *   <li>{@code pbt.random=true}: derive seeds from the clock instead of the name, to explore.
 * </ul>
 *
 * <pre>{@code
 * @Test
 * void reverseTwiceIsIdentity() {
 *   Pbt.forAll("reverse twice", Gens.strings("ab%", 0, 20), s ->
 *       assertEquals(s, new StringBuilder(s).reverse().reverse().toString()));
 * }
 * }</pre>
 */
public final class Pbt {
  /** Tries per property when {@code pbt.tries} is not set. */
  public static final int DEFAULT_TRIES = 1000;

  private Pbt() {}

  /**
   * Returns the configured number of tries.
   *
   * @return {@code pbt.tries}, or {@value #DEFAULT_TRIES}
   */
  public static int tries() {
    String v = System.getProperty("pbt.tries");
    if (v == null || v.isBlank()) {
      return DEFAULT_TRIES;
    }
    return Integer.parseInt(v.trim());
  }

  /**
   * Checks {@code property} on {@link #tries()} inputs drawn from {@code gen}.
   *
   * @param name the property's name (also the seed source)
   * @param gen the input generator
   * @param property throws (an assertion error or any exception) when the property fails
   * @param <T> the input type
   * @return the number of tries that ran
   */
  public static <T> int forAll(String name, Gen<T> gen, Consumer<? super T> property) {
    return forAll(name, tries(), gen, property);
  }

  /**
   * Checks {@code property} on {@code tries} inputs drawn from {@code gen} (a {@code pbt.seed}
   * system property overrides this and runs that single seed).
   *
   * @param name the property's name (also the seed source)
   * @param tries how many inputs to check
   * @param gen the input generator
   * @param property throws when the property fails
   * @param <T> the input type
   * @return the number of tries that ran
   */
  public static <T> int forAll(String name, int tries, Gen<T> gen, Consumer<? super T> property) {
    String fixed = System.getProperty("pbt.seed");
    if (fixed != null && !fixed.isBlank()) {
      check(name, 0, Long.parseLong(fixed.trim()), gen, property);
      return 1;
    }
    long base =
        Boolean.getBoolean("pbt.random")
            ? System.nanoTime()
            : mix(fnv(name.getBytes(StandardCharsets.UTF_8)));
    for (int i = 0; i < tries; i++) {
      check(name, i, mix(base + i), gen, property);
    }
    return tries;
  }

  private static <T> void check(
      String name, int attempt, long seed, Gen<T> gen, Consumer<? super T> property) {
    T input = null;
    try {
      input = gen.next(new SplittableRandom(seed));
      property.accept(input);
    } catch (Throwable t) {
      String message =
          "Property '"
              + name
              + "' failed at try "
              + attempt
              + " with seed "
              + seed
              + " (re-run with -Dpbt.seed="
              + seed
              + ")\n  input: "
              + describe(input)
              + "\n  failure: "
              + t;
      System.err.println(message);
      AssertionError error = new AssertionError(message, t);
      throw error;
    }
  }

  /**
   * Renders an input for a failure message, with control characters visible.
   *
   * @param input the input
   * @return a printable description
   */
  public static String describe(Object input) {
    if (input == null) {
      return "null";
    }
    String s;
    if (input instanceof byte[]) {
      byte[] b = (byte[]) input;
      StringBuilder sb = new StringBuilder("byte[" + b.length + "] ");
      for (int i = 0; i < Math.min(b.length, 512); i++) {
        sb.append(String.format("%02x", b[i]));
      }
      s = sb.toString();
    } else {
      s = String.valueOf(input);
    }
    StringBuilder out = new StringBuilder();
    s.codePoints()
        .limit(4000)
        .forEach(
            cp -> {
              if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
                out.append(String.format("\\u%04x", cp));
              } else {
                out.appendCodePoint(cp);
              }
            });
    return out.toString();
  }

  private static long fnv(byte[] bytes) {
    long h = 0xcbf29ce484222325L;
    for (byte b : bytes) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
