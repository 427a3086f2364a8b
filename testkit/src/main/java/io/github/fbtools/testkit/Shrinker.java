package io.github.fbtools.testkit;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.io.PrintStream;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * Finds the smallest size at which a property still fails for a seed, and describes that case so
 * it can be pasted into a test.
 *
 * <p>Every {@link FbGen} method is a function of a seed and a size, so a failure is fully described
 * by {@code (seed, size)}. Given a failing pair, {@link #smallestFailingSize} tries the same seed at
 * sizes {@code 0, 1, 2, ...} up to the failing size and returns the first that fails (sizes are
 * not monotone: size 3 may fail where size 2 passes, so every size is tried, at most {@code
 * size + 1} runs). {@link #check} runs a property once and, if it fails, shrinks, prints the case
 * to standard error and throws an {@link AssertionError} with the same text.
 *
 * <!-- given: long seed -->
 * <pre>{@code
 * // in a @ParameterizedTest with @MethodSource("seeds"), one call per seed:
 * Shrinker.check(seed, 50, FbGen::promptsJson, text -> PromptCollection.fromJson(text));
 * // on failure, printed and thrown:
 * // smallest failing size 2 (asked 50) for seed 7:
 * //   long seed = 7L;
 * //   int size = 2;
 * //   String input = "{\n    \"girl_pos\": \"\"\n}";
 * //   failure: org.opentest4j.AssertionFailedError: ...
 * }</pre>
 *
 * <p>This class is stateless and thread-safe (as far as the generator and property are).
 */
public final class Shrinker {
  private Shrinker() {}

  /**
   * Makes the input of one size from a generator.
   *
   * @param <T> the input type
   */
  @FunctionalInterface
  public interface SizedGen<T> {
    /**
     * Makes an input.
     *
     * @param gen the seed's generator
     * @param size the size
     * @return the input
     */
    T make(FbGen gen, int size);
  }

  /**
   * A property of an input: returns normally when it holds, throws (an assertion error or any
   * exception) when it fails.
   *
   * @param <T> the input type
   */
  @FunctionalInterface
  public interface Property<T> {
    /**
     * Checks the property.
     *
     * @param input the input
     * @throws Exception when the property fails
     */
    void check(T input) throws Exception;
  }

  /**
   * The smallest failing case found.
   *
   * @param seed the seed
   * @param size the smallest failing size
   * @param askedSize the size that was known to fail
   * @param input the input at {@code size}
   * @param failure what the property threw at {@code size}
   * @param <T> the input type
   */
  public record Failure<T>(long seed, int size, int askedSize, T input, Throwable failure) {
    /**
     * Validates the components.
     *
     * @param seed the seed
     * @param size the smallest failing size
     * @param askedSize the size that was known to fail
     * @param input the input at {@code size}
     * @param failure what the property threw
     */
    public Failure {
      checkNotNull(input, "input");
      checkNotNull(failure, "failure");
    }

    /**
     * Describes the case in lines that can be pasted into a test: the seed and size, the input
     * (as a Java string literal when it is text) and the failure.
     *
     * @return the description
     */
    public String report() {
      return "smallest failing size "
          + size
          + " (asked "
          + askedSize
          + ") for seed "
          + seed
          + ":\n  long seed = "
          + seed
          + "L;\n  int size = "
          + size
          + (input instanceof String
              ? ";\n  String input = " + javaLiteral((String) input) + ";"
              : ";\n  // input: " + input)
          + "\n  failure: "
          + failure;
    }

    @Override
    public String toString() {
      return report();
    }
  }

  /**
   * Returns the smallest size, from 0 to {@code size}, at which {@code property} fails for {@code
   * seed}; empty if it holds at every size up to and including {@code size}.
   *
   * @param seed the seed
   * @param size the largest size tried (typically one that failed)
   * @param gen makes the input of a size
   * @param property the property
   * @param <T> the input type
   * @return the smallest failing case, or empty
   * @throws IllegalArgumentException if {@code size} is negative
   */
  public static <T> Optional<Failure<T>> smallestFailingSize(
      long seed, int size, SizedGen<T> gen, Property<? super T> property) {
    checkArgument(size >= 0, "size must not be negative: %s", size);
    checkNotNull(gen, "gen");
    checkNotNull(property, "property");
    FbGen g = FbGen.of(seed);
    for (int s = 0; s <= size; s++) {
      T input = gen.make(g, s);
      Throwable t = failure(property, input);
      if (t != null) {
        return Optional.of(new Failure<>(seed, s, size, input, t));
      }
    }
    return Optional.empty();
  }

  /**
   * Checks {@code property} on the input of {@code (seed, size)}; if it fails, finds the smallest
   * failing size, prints its {@linkplain Failure#report() report} to standard error and throws.
   *
   * @param seed the seed
   * @param size the size
   * @param gen makes the input of a size
   * @param property the property
   * @param <T> the input type
   * @throws AssertionError if the property fails, with the report as message and the smallest
   *     case's failure as cause
   * @throws IllegalArgumentException if {@code size} is negative
   */
  public static <T> void check(long seed, int size, SizedGen<T> gen, Property<? super T> property) {
    check(seed, size, gen, property, System.err);
  }

  /**
   * As {@link #check(long, int, SizedGen, Property)}, printing the report to {@code out}.
   *
   * @param seed the seed
   * @param size the size
   * @param gen makes the input of a size
   * @param property the property
   * @param out where the report is printed
   * @param <T> the input type
   * @throws AssertionError if the property fails
   * @throws IllegalArgumentException if {@code size} is negative
   */
  public static <T> void check(
      long seed, int size, SizedGen<T> gen, Property<? super T> property, PrintStream out) {
    checkArgument(size >= 0, "size must not be negative: %s", size);
    checkNotNull(out, "out");
    T input = gen.make(FbGen.of(seed), size);
    Throwable first = failure(property, input);
    if (first == null) {
      return;
    }
    Failure<T> smallest =
        smallestFailingSize(seed, size, gen, property)
            .orElse(new Failure<>(seed, size, size, input, first));
    String report = smallest.report();
    out.println(report);
    throw new AssertionError(report, smallest.failure());
  }

  @Nullable
  private static <T> Throwable failure(Property<? super T> property, T input) {
    try {
      property.check(input);
      return null;
    } catch (Exception | AssertionError e) {
      return e;
    }
  }

  /**
   * Writes text as a Java string literal: quotes, backslashes and line breaks escaped, and every
   * character outside printable ASCII as a {@code \}{@code uXXXX} escape, so it survives any
   * editor.
   *
   * @param text the text
   * @return the literal, in double quotes
   */
  public static String javaLiteral(String text) {
    checkNotNull(text, "text");
    StringBuilder sb = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c >= 0x20 && c < 0x7f) {
            sb.append(c);
          } else {
            sb.append(String.format("\\u%04x", (int) c));
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
