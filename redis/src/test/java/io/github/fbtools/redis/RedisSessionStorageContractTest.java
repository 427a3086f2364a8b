package io.github.fbtools.redis;

import io.github.fbtools.libber.RemovalListener;
import io.github.fbtools.libber.SessionLimits;
import io.github.fbtools.libber.SessionStorage;
import io.github.fbtools.libber.SessionStorageContract;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The {@link SessionStorage} contract, run against Redis (a real {@code redis-server}); each
 * storage gets its own key prefix. The concurrent and repeated checks run a tenth of the
 * in-memory rounds, each being a network round trip.
 */
class RedisSessionStorageContractTest extends SessionStorageContract {
  private static RedisServer redis;
  private static final AtomicInteger PREFIXES = new AtomicInteger();

  private final List<RedisSessionBackend> backends = new ArrayList<>();

  @BeforeAll
  static void startRedis() {
    redis = RedisServer.start();
  }

  @AfterAll
  static void stopRedis() {
    if (redis != null) {
      redis.close();
    }
  }

  @AfterEach
  void closeBackends() {
    backends.forEach(RedisSessionBackend::close);
  }

  @Override
  protected SessionStorage<String> newStorage(
      InstantSource clock, SessionLimits limits, RemovalListener<String> listener) {
    RedisSessionBackend backend =
        RedisSessionBackend.builder(redis.uri())
            .keyPrefix("contract" + PREFIXES.incrementAndGet() + ":")
            .clock(clock)
            .idleTimeout(limits.idleTimeout())
            .absoluteTimeout(limits.absoluteTimeout())
            .maxSessions(limits.maxSessions())
            .maxSessionBytes(limits.maxSessionWeight())
            .maxTotalBytes(limits.maxTotalWeight())
            .build();
    backends.add(backend);
    return backend.storage(TEXT, listener);
  }

  @Override
  protected int rounds(int inMemory) {
    return Math.max(10, inMemory / 10);
  }
}
