package io.github.fbtools.libber;

import com.google.common.testing.EqualsTester;
import io.github.fbtools.core.Libber;
import io.github.fbtools.core.testing.ApiSanity;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 item 1: every public constructor and method of {@code io.github.fbtools.libber}
 * rejects a null argument, and its value types have value equality.
 */
class LibberSanityTest {
  @Test
  void publicApiRejectsNulls(@TempDir Path tmp) {
    Path path = tmp.resolve("not-there");
    ApiSanity.withCoreDefaults(path).assertNullChecks(
        ApiSanity.publicTypes("io.github.fbtools.libber", Set.of()));
  }

  @Test
  void valueTypesHaveValueEquality() {
    Libber hair = Libber.empty().withLib("hair", "long");
    new EqualsTester()
        .addEqualityGroup(new LibberState("styles", hair), new LibberState("styles", hair))
        .addEqualityGroup(new LibberState("styles", Libber.empty()))
        .addEqualityGroup(new LibberState("characters", hair))
        .testEquals();
    String id = "a".repeat(SessionStore.ID_LENGTH);
    Instant t0 = Instant.parse("2026-03-14T09:30:05Z");
    Session<Libber> s = new Session<>(id, 0, hair, t0, t0);
    new EqualsTester()
        .addEqualityGroup(s, new Session<>(id, 0, hair, t0, t0))
        .addEqualityGroup(new Session<>(id, 1, hair, t0, t0))
        .addEqualityGroup(new Session<>(id, 0, Libber.empty(), t0, t0))
        .testEquals();
    new EqualsTester()
        .addEqualityGroup(new Removal<>(s, true), new Removal<>(s, true))
        .addEqualityGroup(new Removal<>(s, false))
        .testEquals();
    Duration minute = Duration.ofMinutes(1);
    new EqualsTester()
        .addEqualityGroup(
            new SessionLimits(minute, minute.multipliedBy(2), 10, 100, 1000),
            new SessionLimits(minute, minute.multipliedBy(2), 10, 100, 1000))
        .addEqualityGroup(new SessionLimits(minute, minute.multipliedBy(2), 11, 100, 1000))
        .testEquals();
  }
}
