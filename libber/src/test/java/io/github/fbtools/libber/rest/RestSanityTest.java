package io.github.fbtools.libber.rest;

import io.github.fbtools.core.testing.ApiSanity;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 item 1: every public constructor and method of {@code io.github.fbtools.libber.rest}
 * rejects a null argument.
 */
class RestSanityTest {
  @Test
  void publicApiRejectsNulls(@TempDir Path tmp) {
    Path path = tmp.resolve("not-there");
    ApiSanity.withCoreDefaults(path).assertNullChecks(
        ApiSanity.publicTypes("io.github.fbtools.libber.rest", Set.of()));
  }
}
