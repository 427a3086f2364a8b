package io.github.fbtools.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.Libber;
import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.json.FbJson;
import io.github.fbtools.libber.FakeClock;
import io.github.fbtools.libber.LibberState;
import io.github.fbtools.libber.LibberStateManager;
import io.github.fbtools.libber.PromptStateManager;
import io.github.fbtools.libber.RemovalCause;
import io.github.fbtools.libber.Session;
import io.github.fbtools.libber.SessionExpiredException;
import io.github.fbtools.libber.SessionLimits;
import io.github.fbtools.libber.SessionNotFoundException;
import io.github.fbtools.libber.SessionStorage;
import io.github.fbtools.libber.SessionStorageContract;
import io.github.fbtools.libber.StorageUnavailableException;
import io.github.fbtools.libber.TooManySessionsException;
import io.github.fbtools.libber.SessionTooLargeException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * What the Redis backend adds to the shared contract: its URI and settings, the key layout, limits
 * shared by several backends (servers), Redis's own expiry with short real timeouts, and what
 * happens when Redis is down, loses its data, or refuses commands.
 */
class RedisSessionBackendTest {
  private static RedisServer redis;
  private static RedisClient raw;
  private static final AtomicInteger PREFIXES = new AtomicInteger();

  private final List<RedisSessionBackend> backends = new ArrayList<>();
  private final FakeClock clock = new FakeClock();

  @BeforeAll
  static void startRedis() {
    redis = RedisServer.start();
    raw = RedisClient.create("127.0.0.1", redis.port());
  }

  @AfterAll
  static void stopRedis() {
    if (raw != null) {
      raw.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  @AfterEach
  void closeBackends() {
    backends.forEach(RedisSessionBackend::close);
  }

  private static String prefix() {
    return "backend" + PREFIXES.incrementAndGet() + ":";
  }

  private RedisSessionBackend backend(RedisSessionBackend.Builder b) {
    RedisSessionBackend backend = b.build();
    backends.add(backend);
    return backend;
  }

  private RedisSessionBackend backend(String prefix) {
    return backend(RedisSessionBackend.builder(redis.uri()).keyPrefix(prefix).clock(clock));
  }

  // ---------------------------------------------------------------------------------------
  // URI and settings

  @Test
  void urisAreParsedAndCheckedWithoutEchoingPasswords() {
    RedisEndpoint e = RedisEndpoint.parse("redis://10.1.2.3:6380/4");
    assertEquals(new RedisEndpoint("10.1.2.3", 6380, 4, null, null), e);
    assertEquals(
        new RedisEndpoint("cache", RedisEndpoint.DEFAULT_PORT, 0, null, null),
        RedisEndpoint.parse("redis://cache"));
    assertEquals(
        new RedisEndpoint("h", 1, 0, "app", "s3cr:t"), RedisEndpoint.parse("redis://app:s3cr%3At@h:1/"));
    assertEquals(
        new RedisEndpoint("h", 1, 0, null, "pw"), RedisEndpoint.parse("redis://:pw@h:1"));
    assertEquals(
        new RedisEndpoint("::1", 7000, 0, null, null), RedisEndpoint.parse("redis://[::1]:7000"));
    assertEquals("redis://***@h:1/0", RedisEndpoint.parse("redis://:pw@h:1").toString());
    for (String bad :
        List.of(
            "http://h:1",
            "redis://",
            "redis:///0",
            "redis://h:1/x",
            "redis://h:1/0?x=1",
            "redis://h:99999",
            "redis://:secret@h:1/zz",
            "not a uri at all")) {
      IllegalArgumentException ex =
          assertThrows(IllegalArgumentException.class, () -> RedisSessionBackend.builder(bad), bad);
      assertFalse(ex.getMessage().contains("secret"), ex.getMessage());
    }
  }

  @Test
  void builderRefusesBadSettings() {
    RedisSessionBackend.Builder b = RedisSessionBackend.builder(redis.uri());
    assertThrows(IllegalArgumentException.class, () -> b.keyPrefix(""));
    assertThrows(IllegalArgumentException.class, () -> b.keyPrefix("has space"));
    assertThrows(IllegalArgumentException.class, () -> b.keyPrefix("x".repeat(201)));
    assertThrows(IllegalArgumentException.class, () -> b.idleTimeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> b.absoluteTimeout(Duration.ofNanos(10)));
    assertThrows(IllegalArgumentException.class, () -> b.timeout(Duration.ofSeconds(-1)));
    assertThrows(IllegalArgumentException.class, () -> b.retryAfter(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> b.maxSessions(0));
    assertThrows(IllegalArgumentException.class, () -> b.maxSessionBytes(0));
    assertThrows(
        IllegalArgumentException.class, () -> b.maxSessionBytes(FbJson.MAX_DOCUMENT_LENGTH + 1));
    assertThrows(IllegalArgumentException.class, () -> b.maxTotalBytes(0));
    assertThrows(IllegalArgumentException.class, () -> b.maxConnections(0));
    assertThrows(NullPointerException.class, () -> b.clock(null));
    RedisSessionBackend backend = backend(b.maxSessions(5).keyPrefix(prefix()));
    assertEquals(5, backend.limits().maxSessions());
    assertEquals(SessionLimits.DEFAULT.idleTimeout(), backend.limits().idleTimeout());
    assertThrows(
        IllegalArgumentException.class,
        () -> backend.storage(new NamedCodec("Bad-Kind")));
    backend.close();
    backend.close();
    assertThrows(IllegalStateException.class, backend::ping);
  }

  /** A codec with any kind name, for the kind check. */
  private record NamedCodec(String kind) implements io.github.fbtools.libber.StateCodec<String> {
    @Override
    public String toJson(String state) {
      return SessionStorageContract.TEXT.toJson(state);
    }

    @Override
    public String fromJson(String json) {
      return SessionStorageContract.TEXT.fromJson(json);
    }
  }

  // ---------------------------------------------------------------------------------------
  // Layout

  @Test
  void sessionsAreHashesUnderThePrefixWithTheirJsonAndVersion() {
    String prefix = prefix();
    RedisSessionBackend backend = backend(prefix);
    LibberStateManager libbers = LibberStateManager.over(backend.storage(LibberStateManager.codec()));
    Session<LibberState> s = libbers.open(new LibberState("styles", Libber.empty()));
    s = libbers.addLib(s.id(), 0L, "Hair", "long");
    String key = prefix + "libber:" + s.id();
    Map<String, String> hash = raw.hgetAll(key);
    assertEquals("1", hash.get("v"));
    assertEquals(LibberStateManager.codec().toJson(s.state()), hash.get("s"));
    Map<String, Object> json = FbJson.parseObject(hash.get("s"));
    assertEquals("styles", json.get("name"));
    assertEquals(Map.of("hair", "long"), json.get("lib_dict"));
    assertEquals(Long.toString(clock.instant().toEpochMilli()), hash.get("c"));
    assertTrue(raw.pttl(key) > 0);
    assertEquals(1, raw.zcard(prefix + "libber:index"));
    assertEquals(
        Long.toString(hash.get("s").getBytes(java.nio.charset.StandardCharsets.UTF_8).length),
        raw.get(prefix + "libber:bytes"));
    assertEquals(prefix, backend.keyPrefix());
    assertTrue(backend.toString().startsWith("redis://127.0.0.1:"), backend.toString());
  }

  @Test
  void kindsAreKeptApart() {
    RedisSessionBackend backend = backend(prefix());
    LibberStateManager libbers = LibberStateManager.over(backend.storage(LibberStateManager.codec()));
    PromptStateManager prompts = PromptStateManager.over(backend.storage(PromptStateManager.codec()));
    Session<LibberState> l = libbers.open(new LibberState("a", Libber.empty()));
    Session<PromptCollection> p = prompts.open(PromptCollection.empty());
    assertThrows(SessionNotFoundException.class, () -> prompts.get(l.id()));
    assertThrows(SessionNotFoundException.class, () -> libbers.get(p.id()));
    assertEquals(1, libbers.store().size());
    assertEquals(1, prompts.store().size());
  }

  @Test
  void aStateRedisCannotDecodeIsAServerFaultNotBadInput() {
    String prefix = prefix();
    SessionStorage<String> store = backend(prefix).storage(SessionStorageContract.TEXT);
    Session<String> s = store.create("a");
    raw.hset(prefix + "text:" + s.id(), "s", "{\"not\": \"text\"}");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.get(s.id()));
    assertTrue(e.getMessage().contains("cannot read"), e.getMessage());
    assertFalse(e.getMessage().contains(s.id()), e.getMessage());
    raw.set(prefix + "text:" + s.id(), "a string, not a hash");
    assertThrows(IllegalStateException.class, () -> store.get(s.id()));
  }

  // ---------------------------------------------------------------------------------------
  // Shared limits: two backends are two servers

  @Test
  void theCountLimitHoldsAcrossServers() {
    String prefix = prefix();
    SessionStorage<String> a =
        backend(RedisSessionBackend.builder(redis.uri()).keyPrefix(prefix).clock(clock).maxSessions(3))
            .storage(SessionStorageContract.TEXT);
    SessionStorage<String> b =
        backend(RedisSessionBackend.builder(redis.uri()).keyPrefix(prefix).clock(clock).maxSessions(3))
            .storage(SessionStorageContract.TEXT);
    Session<String> first = a.create("1");
    a.create("2");
    b.create("3");
    assertThrows(TooManySessionsException.class, () -> a.create("4"));
    assertThrows(TooManySessionsException.class, () -> b.create("4"));
    assertEquals(3, a.size());
    assertTrue(b.delete(first.id()));
    Session<String> fourth = b.create("4");
    assertEquals("4", a.get(fourth.id()).state());
    assertThrows(TooManySessionsException.class, () -> a.create("5"));
  }

  @Test
  void theByteLimitsHoldAcrossServers() {
    String prefix = prefix();
    long w = SessionStorageContract.TEXT.toJson("x".repeat(100)).length();
    RedisSessionBackend.Builder config =
        RedisSessionBackend.builder(redis.uri())
            .keyPrefix(prefix)
            .clock(clock)
            .maxSessionBytes(w)
            .maxTotalBytes(2 * w);
    SessionStorage<String> a = backend(config).storage(SessionStorageContract.TEXT);
    SessionStorage<String> b = backend(config).storage(SessionStorageContract.TEXT);
    Session<String> s = a.create("x".repeat(100));
    Session<String> t = b.create("y".repeat(50));
    assertEquals(a.totalWeight(), b.totalWeight());
    assertThrows(TooManySessionsException.class, () -> b.create("z".repeat(100)));
    assertThrows(SessionTooLargeException.class, () -> a.create("z".repeat(101)));
    assertThrows(SessionTooLargeException.class, () -> b.update(t.id(), null, x -> x + x + "y"));
    b.update(s.id(), null, x -> "x");
    b.create("z".repeat(90));
    assertEquals(3, a.size());
  }

  // ---------------------------------------------------------------------------------------
  // Redis's own expiry, with short real timeouts

  private static void sleep(long ms) throws InterruptedException {
    Thread.sleep(ms); // Redis itself must expire the key: real time has to pass
  }

  @Test
  void redisDropsAnIdleSessionByItselfAndAccessRenewsIt() throws Exception {
    String prefix = prefix();
    List<RemovalCause> heard = Collections.synchronizedList(new ArrayList<>());
    RedisSessionBackend backend =
        backend(
            RedisSessionBackend.builder(redis.uri())
                .keyPrefix(prefix)
                .idleTimeout(Duration.ofMillis(1000))
                .absoluteTimeout(Duration.ofMinutes(5)));
    SessionStorage<String> store =
        backend.storage(SessionStorageContract.TEXT, (s, cause) -> heard.add(cause));
    Session<String> kept = store.create("kept");
    Session<String> idle = store.create("idle");
    String idleKey = prefix + "text:" + idle.id();
    // The key's expiry is the idle timeout plus the grace (here the idle timeout again).
    long ttl = raw.pttl(idleKey);
    assertTrue(ttl > 1000 && ttl <= 2000, "pttl " + ttl);
    for (int i = 0; i < 11; i++) {
      sleep(200);
      assertEquals(0, store.touch(kept.id()));
    }
    // 2.2 s later: "idle" is past its deadline and its grace, and Redis removed it by itself.
    assertFalse(raw.exists(idleKey), "Redis expired the key");
    assertThrows(SessionNotFoundException.class, () -> store.get(idle.id()));
    assertEquals("kept", store.get(kept.id()).state());
    assertTrue(heard.isEmpty(), "Redis dropped it alone: nothing to report " + heard);
    // The bookkeeping followed: the count and the bytes are the live session's only.
    assertEquals(1, store.size());
    assertEquals(
        SessionStorageContract.TEXT.toJson("kept").length(), store.totalWeight());
  }

  @Test
  void anAccessJustAfterTheDeadlineReportsTheExpiryWithTheState() throws Exception {
    List<String> heard = Collections.synchronizedList(new ArrayList<>());
    RedisSessionBackend backend =
        backend(
            RedisSessionBackend.builder(redis.uri())
                .keyPrefix(prefix())
                .idleTimeout(Duration.ofMillis(1000))
                .absoluteTimeout(Duration.ofMinutes(5)));
    SessionStorage<String> store =
        backend.storage(SessionStorageContract.TEXT, (s, c) -> heard.add(s.state() + ":" + c));
    Session<String> s = store.create("late");
    sleep(1200); // past the deadline, within the grace
    SessionExpiredException e = assertThrows(SessionExpiredException.class, () -> store.get(s.id()));
    assertEquals(RemovalCause.IDLE_TIMEOUT, e.removalCause());
    assertEquals(List.of("late:IDLE_TIMEOUT"), heard);
  }

  @Test
  void theAbsoluteCapEndsAnActiveSessionAndBoundsItsRedisExpiry() throws Exception {
    String prefix = prefix();
    RedisSessionBackend backend =
        backend(
            RedisSessionBackend.builder(redis.uri())
                .keyPrefix(prefix)
                .idleTimeout(Duration.ofSeconds(20))
                .absoluteTimeout(Duration.ofMillis(600)));
    SessionStorage<String> store = backend.storage(SessionStorageContract.TEXT);
    Session<String> s = store.create("busy");
    String key = prefix + "text:" + s.id();
    // Never more than the cap (plus the one-minute grace) ahead, however often it is used.
    assertTrue(raw.pttl(key) <= 600 + 20_000, "pttl " + raw.pttl(key));
    boolean expired = false;
    for (int i = 0; i < 40 && !expired; i++) {
      sleep(50);
      try {
        store.update(s.id(), null, x -> x + ".");
      } catch (SessionExpiredException e) {
        assertEquals(RemovalCause.ABSOLUTE_TIMEOUT, e.removalCause());
        expired = true;
      }
    }
    assertTrue(expired, "the cap ended the session");
    assertFalse(raw.exists(key));
  }

  // ---------------------------------------------------------------------------------------
  // Redis down, restarted, refusing

  @Test
  void anUnreachableRedisIsA503WithTheReasonAndRetryAfter() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    RedisSessionBackend backend =
        backend(
            RedisSessionBackend.builder("redis://127.0.0.1:" + port + "/0")
                .timeout(Duration.ofMillis(500))
                .retryAfter(Duration.ofSeconds(3)));
    SessionStorage<String> store = backend.storage(SessionStorageContract.TEXT);
    StorageUnavailableException e =
        assertThrows(StorageUnavailableException.class, () -> store.create("x"));
    assertEquals(Duration.ofSeconds(3), e.retryAfter());
    assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
    assertTrue(e.getMessage().contains("cannot be reached"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertThrows(StorageUnavailableException.class, backend::ping);
    assertThrows(StorageUnavailableException.class, store::size);
    assertThrows(
        StorageUnavailableException.class,
        () -> store.get("A".repeat(43)));
  }

  @Test
  void aRefusingRedisIsUnavailableAndAScriptItLostIsLoadedAgain() {
    String prefix = prefix();
    SessionStorage<String> store = backend(prefix).storage(SessionStorageContract.TEXT);
    Session<String> s = store.create("a");
    raw.scriptFlush();
    assertEquals("ab", store.update(s.id(), 0L, x -> x + "b").state());
    raw.configSet("maxmemory", "1");
    try {
      StorageUnavailableException e =
          assertThrows(StorageUnavailableException.class, () -> store.create("b"));
      assertTrue(e.getMessage().contains("OOM"), e.getMessage());
    } finally {
      raw.configSet("maxmemory", "0");
    }
    assertEquals(1, store.get(s.id()).version());
  }

  @Test
  void aRetriedWriteIsRecognisedByItsToken() {
    String prefix = prefix();
    RedisSessionBackend backend = backend(prefix);
    SessionStorage<String> store = backend.storage(SessionStorageContract.TEXT);
    Session<String> s = store.create("a");
    List<String> keys =
        List.of(prefix + "text:" + s.id(), prefix + "text:index", prefix + "text:weights",
            prefix + "text:bytes");
    String now = Long.toString(clock.instant().toEpochMilli());
    String json = SessionStorageContract.TEXT.toJson("b");
    List<String> args =
        List.of(s.id(), now, "1800000", "28800000", "0", json, Integer.toString(json.length()),
            "1000000", "token-1", "60000");
    assertEquals("OK", string(backend.eval(LuaScripts.UPDATE, keys, args).get(0)));
    // The same write again (as after a lost reply): recognised, not applied twice.
    List<?> again = backend.eval(LuaScripts.UPDATE, keys, args);
    assertEquals("OK", string(again.get(0)));
    assertEquals("1", string(again.get(1)));
    // Another write from the same stale version: a conflict.
    List<String> other = new ArrayList<>(args);
    other.set(8, "token-2");
    assertEquals("CONFLICT", string(backend.eval(LuaScripts.UPDATE, keys, other).get(0)));
    assertEquals(1, store.get(s.id()).version());
    assertEquals("b", store.get(s.id()).state());
  }

  private static String string(Object o) {
    return o instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : String.valueOf(o);
  }

  @Test
  void aRestartedRedisHasLostItsSessionsAndServesAgainAtOnce() {
    RedisServer own = RedisServer.start();
    try {
      RedisSessionBackend backend =
          backend(RedisSessionBackend.builder(own.uri()).timeout(Duration.ofSeconds(1)));
      SessionStorage<String> store = backend.storage(SessionStorageContract.TEXT);
      List<Session<String>> before = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        before.add(store.create("s" + i)); // leaves idle connections in the pool
      }
      own.kill();
      StorageUnavailableException down =
          assertThrows(StorageUnavailableException.class, () -> store.get(before.get(0).id()));
      assertNotNull(down.getMessage());
      own.startAgain();
      // Without persistence the new Redis is empty: the sessions are gone, as if expired.
      for (Session<String> s : before) {
        assertThrows(SessionNotFoundException.class, () -> store.get(s.id()));
      }
      Session<String> fresh = store.create("again");
      assertEquals("again!", store.update(fresh.id(), 0L, x -> x + "!").state());
      assertEquals(1, store.size());
    } finally {
      own.close();
    }
  }

  @Test
  void aPingAnswersWhenRedisIsUp() {
    backend(prefix()).ping();
    assertNull(raw.get("no-such-key-" + PREFIXES.get()));
  }
}
