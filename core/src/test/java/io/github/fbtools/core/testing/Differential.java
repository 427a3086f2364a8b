package io.github.fbtools.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.fbtools.core.json.FormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.annotation.Nullable;

/**
 * Assertions for differential tests: new code against the reference it replaced must give the same
 * values (same Java types, same map order) or the same errors (same type, message and, for a
 * {@link FormatException}, location).
 */
public final class Differential {
  private Differential() {}

  /** A value or the exception thrown instead. */
  public static final class Outcome {
    @Nullable private final Object value;
    @Nullable private final Throwable error;

    private Outcome(@Nullable Object value, @Nullable Throwable error) {
      this.value = value;
      this.error = error;
    }

    /**
     * Calls {@code call}.
     *
     * @param call the code under test
     * @return its value, or the runtime exception it threw
     */
    public static Outcome of(Supplier<?> call) {
      try {
        return new Outcome(call.get(), null);
      } catch (RuntimeException e) {
        return new Outcome(null, e);
      }
    }

    /**
     * Returns the value.
     *
     * @return the value, or null if there was none (or an error)
     */
    @Nullable
    public Object value() {
      return value;
    }

    /**
     * Returns the error.
     *
     * @return the exception thrown, or null
     */
    @Nullable
    public Throwable error() {
      return error;
    }
  }

  /**
   * Asserts the same value (see {@link #sameValue}) or the same error (see {@link #sameError}).
   *
   * @param expected the reference's outcome
   * @param actual the outcome under test
   */
  public static void sameOutcome(Outcome expected, Outcome actual) {
    if (expected.error != null || actual.error != null) {
      sameError(expected.error, actual.error);
    } else {
      sameValue(expected.value, actual.value, "");
    }
  }

  /**
   * Asserts the same exception type and message; for a {@link FormatException} also the same
   * line, column, path, reason and file.
   *
   * @param expected the reference's exception
   * @param actual the exception under test
   */
  public static void sameError(@Nullable Throwable expected, @Nullable Throwable actual) {
    if (expected == null || actual == null) {
      fail("expected " + expected + " but got " + actual);
      return;
    }
    assertEquals(expected.getClass(), actual.getClass(), "exception type: " + actual);
    assertEquals(expected.getMessage(), actual.getMessage());
    if (expected instanceof FormatException) {
      FormatException e = (FormatException) expected;
      FormatException a = (FormatException) actual;
      assertEquals(e.line(), a.line(), "line");
      assertEquals(e.column(), a.column(), "column");
      assertEquals(e.path(), a.path(), "path");
      assertEquals(e.reason(), a.reason(), "reason");
      assertEquals(e.file(), a.file(), "file");
    }
  }

  /**
   * Asserts equal values of the same Java types, maps with the same keys in the same order.
   *
   * @param expected the reference's value
   * @param actual the value under test
   * @param path where in the value this is, for messages ({@code ""} at the top)
   */
  public static void sameValue(@Nullable Object expected, @Nullable Object actual, String path) {
    if (expected == null || actual == null) {
      assertEquals(expected, actual, "at " + path);
    } else if (expected instanceof Map) {
      assertTrue(actual instanceof Map, "a map at " + path + ": " + actual);
      Map<?, ?> e = (Map<?, ?>) expected;
      Map<?, ?> a = (Map<?, ?>) actual;
      assertEquals(new ArrayList<>(e.keySet()), new ArrayList<>(a.keySet()), "keys at " + path);
      for (Map.Entry<?, ?> entry : e.entrySet()) {
        sameValue(entry.getValue(), a.get(entry.getKey()), path + "/" + entry.getKey());
      }
    } else if (expected instanceof List) {
      assertTrue(actual instanceof List, "a list at " + path + ": " + actual);
      List<?> e = (List<?>) expected;
      List<?> a = (List<?>) actual;
      assertEquals(e.size(), a.size(), "size at " + path);
      for (int i = 0; i < e.size(); i++) {
        sameValue(e.get(i), a.get(i), path + "/" + i);
      }
    } else if (expected instanceof byte[]) {
      assertTrue(java.util.Arrays.equals((byte[]) expected, (byte[]) actual), "bytes at " + path);
    } else {
      assertEquals(expected.getClass(), actual.getClass(), "type at " + path);
      assertEquals(expected, actual, "at " + path);
    }
  }
}
