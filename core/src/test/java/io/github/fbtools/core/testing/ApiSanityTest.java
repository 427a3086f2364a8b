package io.github.fbtools.core.testing;

import static java.util.Objects.requireNonNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The sanity checker the packages' {@code *SanityTest}s use finds a missing null check. */
class ApiSanityTest {
  /** A public class whose static method checks its argument. */
  public static final class Checks {
    private final String name;

    /**
     * Checks its argument.
     *
     * @param name a name
     */
    public Checks(String name) {
      this.name = requireNonNull(name, "name");
    }

    /**
     * Checks its argument.
     *
     * @param other a name
     * @return both names
     */
    public String join(String other) {
      return name + requireNonNull(other, "other");
    }
  }

  /** A public class whose instance method takes null without a word. */
  public static final class AcceptsNull {
    /**
     * Takes null.
     *
     * @param text anything
     * @return its length, or -1
     */
    public int length(String text) {
      return text == null ? -1 : text.length();
    }
  }

  @Test
  void aTypeThatChecksPasses() {
    ApiSanity.withCoreDefaults(Path.of("not-there")).assertNullChecks(List.of(Checks.class));
  }

  @Test
  void aTypeThatTakesNullFailsNamingTheMethod() {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () ->
                ApiSanity.withCoreDefaults(Path.of("not-there"))
                    .assertNullChecks(List.of(Checks.class, AcceptsNull.class)));
    assertTrue(e.getMessage().startsWith("1 of 2 types accept null:"), e.getMessage());
    assertTrue(e.getMessage().contains("AcceptsNull"), e.getMessage());
    assertTrue(e.getMessage().contains("length"), e.getMessage());
  }

  @Test
  void publicTypesListsMainClassesOnly() {
    List<Class<?>> types = ApiSanity.publicTypes("io.github.fbtools.core.files", Set.of());
    assertTrue(types.stream().anyMatch(c -> c.getSimpleName().equals("AtomicFiles")), types.toString());
    assertTrue(
        types.stream().noneMatch(c -> c.getSimpleName().endsWith("Test")), types.toString());
  }
}
