package io.github.fbtools.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 8: {@link RedisSessionBackend.Builder} refuses a setting made twice, naming the
 * setting and both values. Needs no Redis: nothing is built.
 */
class BuilderSettingsOnceTest {
  @Test
  void eachSettingIsTakenOnce() {
    List<Consumer<RedisSessionBackend.Builder>> settings =
        List.of(
            b -> b.keyPrefix("app1:"),
            b -> b.clock(() -> Instant.EPOCH),
            b -> b.secureRandom(new SecureRandom()),
            b -> b.idleTimeout(Duration.ofMinutes(1)),
            b -> b.absoluteTimeout(Duration.ofHours(1)),
            b -> b.maxSessions(10),
            b -> b.maxSessionBytes(1000),
            b -> b.maxTotalBytes(100_000),
            b -> b.timeout(Duration.ofSeconds(1)),
            b -> b.retryAfter(Duration.ofSeconds(2)),
            b -> b.maxConnections(4));
    for (Consumer<RedisSessionBackend.Builder> setting : settings) {
      RedisSessionBackend.Builder b = RedisSessionBackend.builder("redis://127.0.0.1:1/0");
      setting.accept(b);
      assertThrows(IllegalStateException.class, () -> setting.accept(b));
    }
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                RedisSessionBackend.builder("redis://127.0.0.1:1/0")
                    .keyPrefix("app1:")
                    .keyPrefix("app2:"));
    assertEquals(
        "keyPrefix was already set to app1:; refusing to set it again to app2: (a builder takes"
            + " each setting once)",
        e.getMessage());
  }
}
