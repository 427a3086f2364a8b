package io.github.fbtools.redis;

import io.github.fbtools.core.json.SetOnce;
import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import io.github.fbtools.core.json.FbJson;
import io.github.fbtools.libber.RemovalListener;
import io.github.fbtools.libber.SessionBackend;
import io.github.fbtools.libber.SessionIds;
import io.github.fbtools.libber.SessionLimits;
import io.github.fbtools.libber.SessionStorage;
import io.github.fbtools.libber.StateCodec;
import io.github.fbtools.libber.StorageUnavailableException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.annotation.Nullable;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Editing sessions kept in Redis, so that several fbtools servers share them: a session created
 * through one server is edited, saved and closed through any other, and survives the restart of
 * any of them. It implements the same {@link SessionStorage} contract as the in-memory {@code
 * SessionStore} (ids, versions, expiry, bounds), on a Redis server that every server reaches.
 *
 * <h2>How sessions are kept</h2>
 *
 * <ul>
 *   <li>Each session is a hash under {@code <prefix><kind>:<id>} (default prefix {@value
 *       #DEFAULT_KEY_PREFIX}, kinds {@code libber}, {@code prompts}, {@code scene}): its state as
 *       JSON (the {@link StateCodec}'s form, the same fields the REST answers carry), its version
 *       beside it, and its creation and last-access times.
 *   <li>Every operation is one Lua script, so it is atomic on the server. An update reads the
 *       state, computes the new one here, then writes it with a compare-and-set on the version it
 *       read: a stale expected version, or another server's update in between, never overwrites
 *       (the update is recomputed from the newer state, or refused with a version conflict when
 *       the caller gave an expected version).
 *   <li>The idle timeout is the key's Redis expiry, renewed on every access and capped at the
 *       absolute timeout after creation (plus a grace of the idle timeout, at most one minute, so
 *       that an access just after the deadline still finds the state and reports the expiry);
 *       the times stored with the session are checked by every script, with this backend's
 *       clock, so a session is refused from the moment it expires. Servers sharing a Redis
 *       should have synchronised clocks (NTP).
 *   <li>The count limit and the byte limit (the UTF-8 bytes of the states' JSON) hold for all
 *       servers together: each kind keeps an index of its sessions by deadline and a byte total
 *       in Redis, updated by the same scripts. A full store refuses new sessions after purging
 *       expired ones; it never evicts a live one.
 *   <li>Removal notifications ({@link #storage(StateCodec, RemovalListener)}) reach the listener
 *       of the server that removed a session: deletes, and expiries that a call or a clean-up
 *       meets while the state is still there. A session that Redis dropped on its own (its key
 *       expired, or Redis restarted without persistence) is no longer there to report; it simply
 *       answers {@code SessionNotFoundException}, as an expired session does.
 * </ul>
 *
 * <h2>When Redis cannot be reached</h2>
 *
 * <p>Every call throws {@link StorageUnavailableException} (the REST layer answers 503 with
 * {@code Retry-After} and the reason) until Redis answers again; nothing needs restarting. A call
 * that loses its connection is retried once on a fresh connection (the pool's idle connections
 * are dropped, since they may all point to a Redis that restarted); a write retried that way is
 * recognised by its token and not applied twice. If even the retry fails, an update may or may
 * not have been applied: send the expected version when retrying it, and a 409 tells.
 *
 * <p>Standalone Redis (or a primary with replicas) 6.2 or newer is supported, not Redis Cluster.
 * Give it {@code maxmemory-policy noeviction}, so that Redis never drops a live session to make
 * room.
 *
 * <!-- given: Path dataDir -->
 * <pre>{@code
 * try (RedisSessionBackend redis =
 *     RedisSessionBackend.builder("redis://127.0.0.1:6379/0").build()) {
 *   FbToolsApi api = FbToolsApi.builder().sessionBackend(redis).root(dataDir).build();
 *   // ...
 * }
 * }</pre>
 *
 * <p>Why this class is long: about half of it is this contract (keys, expiry, failures, versions)
 * and its public {@link Builder}; the storage commands are in {@code RedisSessionStorage}, the
 * scripts in {@code LuaScripts}, the URI parsing in {@code RedisEndpoint}.
 *
 * <p>This class is thread-safe; one instance (one connection pool) serves a whole server.
 */
public final class RedisSessionBackend implements SessionBackend, AutoCloseable {
  /** The default prefix of every key: {@value}. */
  public static final String DEFAULT_KEY_PREFIX = "fbtools:session:";

  /** The default limit on connecting to Redis and on waiting for an answer: 2 seconds. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

  /** The default wait suggested to callers while Redis cannot be reached: 2 seconds. */
  public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(2);

  /** The default number of connections: 16. */
  public static final int DEFAULT_MAX_CONNECTIONS = 16;

  private static final Pattern KIND = Pattern.compile("[a-z0-9_]{1,32}");
  private static final int MAX_REASON = 160;

  private final RedisClient client;
  private final RedisEndpoint endpoint;
  private final String keyPrefix;
  private final InstantSource clock;
  private final SecureRandom random;
  private final SessionLimits limits;
  private final Duration retryAfter;
  private final String opPrefix;
  private final AtomicLong ops = new AtomicLong();
  private final AtomicBoolean closed = new AtomicBoolean();

  private RedisSessionBackend(Builder b) {
    this.endpoint = b.endpoint;
    this.keyPrefix = b.keyPrefix;
    this.clock = b.clock;
    this.random = b.random != null ? b.random : new SecureRandom();
    this.limits =
        new SessionLimits(
            b.idleTimeout, b.absoluteTimeout, b.maxSessions, b.maxSessionBytes, b.maxTotalBytes);
    this.retryAfter = b.retryAfter;
    byte[] instance = new byte[9];
    random.nextBytes(instance);
    this.opPrefix = Base64.getUrlEncoder().withoutPadding().encodeToString(instance) + ":";
    int timeoutMs = (int) Math.min(Integer.MAX_VALUE, b.timeout.toMillis());
    DefaultJedisClientConfig.Builder config =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(timeoutMs)
            .socketTimeoutMillis(timeoutMs)
            .database(endpoint.database())
            .clientName("fbtools");
    if (endpoint.user() != null) {
      config.user(endpoint.user());
    }
    if (endpoint.password() != null) {
      config.password(endpoint.password());
    }
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(b.maxConnections);
    pool.setMaxIdle(b.maxConnections);
    pool.setMaxWait(b.timeout);
    this.client =
        RedisClient.builder()
            .hostAndPort(endpoint.host(), endpoint.port())
            .clientConfig(config.build())
            .poolConfig(pool)
            .build();
  }

  /**
   * Returns a builder for the Redis server at {@code uri}: {@code redis://HOST[:PORT][/DB]}, with
   * {@code [[USER]:PASSWORD@]} before the host if the server wants a password. Nothing connects
   * until the first call.
   *
   * @param uri the server, such as {@code redis://127.0.0.1:6379/0}
   * @return a new builder with the defaults of {@link SessionLimits#DEFAULT}, the key prefix
   *     {@value #DEFAULT_KEY_PREFIX}, the system clock and a 2-second timeout
   * @throws IllegalArgumentException if {@code uri} is not such a URI (the message never repeats
   *     a password)
   */
  public static Builder builder(String uri) {
    return new Builder(RedisEndpoint.parse(uri));
  }

  /**
   * Returns the storage of one kind of session state, without a removal listener.
   *
   * @param codec the JSON form of the state, which names its kind
   * @param <T> the state type
   * @return the storage
   * @throws IllegalArgumentException if the codec's kind is not 1 to 32 of {@code [a-z0-9_]}
   */
  @Override
  public <T> SessionStorage<T> storage(StateCodec<T> codec) {
    return storage(codec, (session, cause) -> {});
  }

  /**
   * Returns the storage of one kind of session state, telling {@code listener} about the
   * removals this server performs (see the class description for which ones).
   *
   * @param codec the JSON form of the state, which names its kind
   * @param listener told once per removal this server performs; called after the removal,
   *     outside any lock; an exception it throws is logged and otherwise ignored
   * @param <T> the state type
   * @return the storage
   * @throws IllegalArgumentException if the codec's kind is not 1 to 32 of {@code [a-z0-9_]}
   */
  public <T> SessionStorage<T> storage(StateCodec<T> codec, RemovalListener<T> listener) {
    checkNotNull(codec, "codec must not be null");
    checkNotNull(listener, "listener must not be null");
    String kind = codec.kind();
    checkArgument(
        KIND.matcher(kind).matches(), "a codec's kind must be 1 to 32 of [a-z0-9_]: %s", kind);
    return new RedisSessionStorage<>(this, codec, listener, keyPrefix + kind + ":");
  }

  /**
   * Checks that Redis answers.
   *
   * @throws StorageUnavailableException if it does not (with the reason)
   */
  public void ping() {
    call(UnifiedJedis::ping);
  }

  /**
   * Returns the limits every storage of this backend enforces; weights are the UTF-8 bytes of the
   * states' JSON.
   *
   * @return the limits
   */
  public SessionLimits limits() {
    return limits;
  }

  /**
   * Returns the prefix of every key this backend reads or writes.
   *
   * @return the prefix
   */
  public String keyPrefix() {
    return keyPrefix;
  }

  /**
   * Describes the server for logs and start-up messages: {@code redis://HOST:PORT/DB}, never a
   * password.
   *
   * @return the description
   */
  @Override
  public String toString() {
    return endpoint.toString();
  }

  /** Closes the connections. Calls afterwards fail; closing again does nothing. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      client.close();
    }
  }

  // ---------------------------------------------------------------------------------------
  // For the storages

  long nowMillis() {
    return clock.instant().toEpochMilli();
  }

  String newId() {
    return SessionIds.generate(random);
  }

  /** A token unique to one write of this backend, to recognise it when it is retried. */
  String nextOp() {
    return opPrefix + Long.toString(ops.incrementAndGet(), 36);
  }

  /** Runs a script (by its SHA-1, loading it again when Redis lost it). */
  List<?> eval(LuaScripts.Script script, List<String> keys, List<String> args) {
    Object reply =
        call(
            c -> {
              try {
                return c.evalsha(script.sha1(), keys, args);
              } catch (JedisDataException e) {
                if (String.valueOf(e.getMessage()).startsWith("NOSCRIPT")) {
                  return c.eval(script.source(), keys, args);
                }
                throw e;
              }
            });
    if (!(reply instanceof List<?> list) || list.isEmpty()) {
      throw new IllegalStateException(
          "unexpected answer of Redis script " + script.name() + ": " + reply);
    }
    return list;
  }

  /**
   * Runs one command, retrying once on a fresh connection if the connection failed, and turns
   * the failures of an unreachable or unwilling Redis into {@link StorageUnavailableException}.
   */
  <R> R call(Function<UnifiedJedis, R> command) {
    checkState(!closed.get(), "this RedisSessionBackend is closed");
    try {
      try {
        return command.apply(client);
      } catch (JedisConnectionException first) {
        // The pool's idle connections may all lead to a Redis that is gone or restarted.
        client.getPool().clear();
        return command.apply(client);
      }
    } catch (JedisDataException e) {
      String m = String.valueOf(e.getMessage());
      String code = m.split(" ", 2)[0].toUpperCase(Locale.ROOT);
      switch (code) {
        case "LOADING", "BUSY", "MASTERDOWN", "READONLY", "OOM", "NOREPLICAS", "TRYAGAIN",
            "NOAUTH", "WRONGPASS", "NOPERM" -> throw unavailable("it answered " + m, e);
        default -> throw new IllegalStateException(
            "Redis at " + endpoint.describe() + " refused a command: " + oneLine(m), e);
      }
    } catch (JedisException e) {
      throw unavailable("it cannot be reached (" + reason(e) + ")", e);
    }
  }

  private StorageUnavailableException unavailable(String what, Throwable cause) {
    return new StorageUnavailableException(
        "the session store (Redis at "
            + endpoint.describe()
            + ") is unavailable: "
            + oneLine(what)
            + "; try again shortly",
        retryAfter,
        cause);
  }

  /** The most telling message of a failure and its causes. */
  private static String reason(Throwable e) {
    Throwable t = e;
    String best = e.getMessage();
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
      if (t.getMessage() != null) {
        best = t.getMessage();
      }
    }
    return best == null ? e.getClass().getSimpleName() : best;
  }

  private static String oneLine(@Nullable String s) {
    String t = s == null ? "" : s.replaceAll("[\\p{Cntrl}]+", " ").trim();
    return t.length() > MAX_REASON ? t.substring(0, MAX_REASON) + "..." : t;
  }

  /**
   * Configures a {@link RedisSessionBackend}.
   *
   * <pre>{@code
   * RedisSessionBackend redis = RedisSessionBackend.builder("redis://10.0.0.5:6379/2")
   *     .keyPrefix("studio-a:session:")
   *     .maxSessions(5_000)
   *     .maxTotalBytes(1L << 30)
   *     .build();
   * }</pre>
   *
   * <p>A builder is not thread-safe; the backend it builds is.
   *
   * <p>Each setting is made at most once: calling a setter a second time is an {@link
   * IllegalStateException} naming the setting and both values (the first would otherwise be lost
   * without a word; docs/decisions.md, "Builders take each setting once").
   */
  public static final class Builder {
    private final SetOnce once = new SetOnce();
    private final RedisEndpoint endpoint;
    private String keyPrefix = DEFAULT_KEY_PREFIX;
    private InstantSource clock = InstantSource.system();
    @Nullable private SecureRandom random;
    private Duration idleTimeout = SessionLimits.DEFAULT.idleTimeout();
    private Duration absoluteTimeout = SessionLimits.DEFAULT.absoluteTimeout();
    private int maxSessions = SessionLimits.DEFAULT.maxSessions();
    private long maxSessionBytes = SessionLimits.DEFAULT.maxSessionWeight();
    private long maxTotalBytes = SessionLimits.DEFAULT.maxTotalWeight();
    private Duration timeout = DEFAULT_TIMEOUT;
    private Duration retryAfter = DEFAULT_RETRY_AFTER;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;

    private Builder(RedisEndpoint endpoint) {
      this.endpoint = endpoint;
    }

    /**
     * Sets the prefix of every key (default {@value #DEFAULT_KEY_PREFIX}), to keep several
     * deployments apart on one Redis.
     *
     * @param prefix 1 to 200 printable ASCII characters without spaces
     * @return this builder
     * @throws IllegalArgumentException if the prefix is empty, too long or has other characters
     */
    public Builder keyPrefix(String prefix) {
      checkNotNull(prefix, "prefix must not be null");
      checkArgument(
          prefix.matches("[!-~]{1,200}"),
          "keyPrefix must be 1 to 200 printable ASCII characters without spaces: %s",
          FbJson.writeCompact(prefix.length() > 200 ? prefix.substring(0, 200) : prefix));
      once.set("keyPrefix", prefix);
      this.keyPrefix = prefix;
      return this;
    }

    /**
     * Sets the clock for the sessions' times and expiry (default {@link
     * InstantSource#system()}): this backend's only source of time.
     *
     * @param source the clock; tests pass a fake one
     * @return this builder
     */
    public Builder clock(InstantSource source) {
      once.set("clock", source);
      this.clock = checkNotNull(source, "clock must not be null");
      return this;
    }

    /**
     * Sets the source of session ids (default: a new {@link SecureRandom}).
     *
     * @param secureRandom a cryptographically strong generator
     * @return this builder
     */
    public Builder secureRandom(SecureRandom secureRandom) {
      once.set("secureRandom", secureRandom);
      this.random = checkNotNull(secureRandom, "secureRandom must not be null");
      return this;
    }

    /**
     * Sets how long a session may go unused (default 30 minutes).
     *
     * @param duration at least 1 millisecond
     * @return this builder
     * @throws IllegalArgumentException if it is shorter
     */
    public Builder idleTimeout(Duration duration) {
      once.set("idleTimeout", duration);
      this.idleTimeout = millis("idleTimeout", duration);
      return this;
    }

    /**
     * Sets the longest a session may live, however active (default 8 hours).
     *
     * @param duration at least 1 millisecond
     * @return this builder
     * @throws IllegalArgumentException if it is shorter
     */
    public Builder absoluteTimeout(Duration duration) {
      once.set("absoluteTimeout", duration);
      this.absoluteTimeout = millis("absoluteTimeout", duration);
      return this;
    }

    /**
     * Sets the most sessions of one kind, across all servers (default 1,000).
     *
     * @param max at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code max} is less than 1
     */
    public Builder maxSessions(int max) {
      checkArgument(max >= 1, "maxSessions must be >= 1: %s", max);
      once.set("maxSessions", max);
      this.maxSessions = max;
      return this;
    }

    /**
     * Sets the most UTF-8 bytes of one session's JSON (default 8 MiB, also the most allowed).
     *
     * @param max 1 to {@link FbJson#MAX_DOCUMENT_LENGTH}
     * @return this builder
     * @throws IllegalArgumentException if {@code max} is outside that range
     */
    public Builder maxSessionBytes(long max) {
      checkArgument(
          max >= 1 && max <= FbJson.MAX_DOCUMENT_LENGTH,
          "maxSessionBytes must be in 1..%s: %s",
          FbJson.MAX_DOCUMENT_LENGTH,
          max);
      once.set("maxSessionBytes", max);
      this.maxSessionBytes = max;
      return this;
    }

    /**
     * Sets the most UTF-8 bytes of the JSON of all sessions of one kind together, across all
     * servers (default 256 MiB). These bytes live in Redis's memory, not in any server's heap
     * (a server holds only the sessions its requests are working on), so unlike the in-memory
     * {@code SessionStore} the default is not a fraction of the heap: size Redis's {@code
     * maxmemory} for three kinds at this limit, plus Redis's own overhead.
     *
     * @param max at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code max} is less than 1
     */
    public Builder maxTotalBytes(long max) {
      checkArgument(max >= 1, "maxTotalBytes must be >= 1: %s", max);
      once.set("maxTotalBytes", max);
      this.maxTotalBytes = max;
      return this;
    }

    /**
     * Sets how long to wait for a connection or an answer before the call fails with {@link
     * StorageUnavailableException} (default 2 seconds).
     *
     * @param duration at least 1 millisecond
     * @return this builder
     * @throws IllegalArgumentException if it is shorter
     */
    public Builder timeout(Duration duration) {
      once.set("timeout", duration);
      this.timeout = millis("timeout", duration);
      return this;
    }

    /**
     * Sets the wait suggested to callers (the REST {@code Retry-After}) while Redis cannot be
     * reached (default 2 seconds).
     *
     * @param duration at least 1 millisecond
     * @return this builder
     * @throws IllegalArgumentException if it is shorter
     */
    public Builder retryAfter(Duration duration) {
      once.set("retryAfter", duration);
      this.retryAfter = millis("retryAfter", duration);
      return this;
    }

    /**
     * Sets the most connections to Redis at once (default 16); a call waits up to the {@link
     * #timeout} for one.
     *
     * @param max at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code max} is less than 1
     */
    public Builder maxConnections(int max) {
      checkArgument(max >= 1, "maxConnections must be >= 1: %s", max);
      once.set("maxConnections", max);
      this.maxConnections = max;
      return this;
    }

    /**
     * Builds the backend. It connects on first use, so a Redis that is down now makes calls fail
     * with {@link StorageUnavailableException} until it is up, not this method.
     *
     * @return the backend; close it to close its connections
     */
    public RedisSessionBackend build() {
      return new RedisSessionBackend(this);
    }

    private static Duration millis(String name, Duration d) {
      checkNotNull(d, "%s must not be null", name);
      checkArgument(d.toMillis() >= 1, "%s must be at least 1 ms: %s", name, d);
      return d;
    }
  }
}
