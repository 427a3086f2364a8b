package io.github.fbtools.redis;

import static com.google.common.base.Preconditions.checkNotNull;

import io.github.fbtools.core.json.FormatException;
import io.github.fbtools.libber.RemovalCause;
import io.github.fbtools.libber.RemovalListener;
import io.github.fbtools.libber.Session;
import io.github.fbtools.libber.SessionException;
import io.github.fbtools.libber.SessionExpiredException;
import io.github.fbtools.libber.SessionIds;
import io.github.fbtools.libber.SessionLimits;
import io.github.fbtools.libber.SessionNotFoundException;
import io.github.fbtools.libber.SessionStorage;
import io.github.fbtools.libber.SessionTooLargeException;
import io.github.fbtools.libber.StateCodec;
import io.github.fbtools.libber.TooManySessionsException;
import io.github.fbtools.libber.VersionConflictException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import javax.annotation.Nullable;

/**
 * The sessions of one kind in Redis (see {@link RedisSessionBackend} for the layout and the
 * guarantees). Each operation is one script; an update is a read, the mutation computed here, and
 * a compare-and-set on the version read, repeated on the newer state when another writer won.
 *
 * <p>Thread-safe.
 *
 * @param <T> the state type
 */
final class RedisSessionStorage<T> implements SessionStorage<T> {
  private static final System.Logger LOG = System.getLogger(RedisSessionStorage.class.getName());

  /** Sessions removed per clean-up script, so that one script never runs long. */
  static final int CLEAN_UP_BATCH = 200;

  private final RedisSessionBackend redis;
  private final StateCodec<T> codec;
  private final RemovalListener<T> listener;
  private final String sessionPrefix;
  private final List<String> kindKeys;
  private final String indexKey;
  private final String bytesKey;
  private final SessionLimits limits;
  private final String idle;
  private final String absolute;
  private final String grace;

  RedisSessionStorage(
      RedisSessionBackend redis,
      StateCodec<T> codec,
      RemovalListener<T> listener,
      String sessionPrefix) {
    this.redis = redis;
    this.codec = codec;
    this.listener = listener;
    this.sessionPrefix = sessionPrefix;
    this.indexKey = sessionPrefix + "index";
    this.bytesKey = sessionPrefix + "bytes";
    this.kindKeys = List.of(indexKey, sessionPrefix + "weights", bytesKey);
    this.limits = redis.limits();
    this.idle = Long.toString(limits.idleTimeout().toMillis());
    this.absolute = Long.toString(limits.absoluteTimeout().toMillis());
    this.grace = Long.toString(graceMillis(limits));
  }

  /**
   * How long Redis keeps a session's key after its deadline: the idle timeout, at most a minute.
   * The scripts refuse the session from its deadline on (by the stored times); the grace only
   * lets a call or a clean-up soon after still see the state and report the expiry with it.
   */
  static long graceMillis(SessionLimits limits) {
    return Math.min(60_000L, limits.idleTimeout().toMillis());
  }

  private List<String> keys(String id) {
    return List.of(sessionPrefix + id, kindKeys.get(0), kindKeys.get(1), kindKeys.get(2));
  }

  @Override
  public Session<T> create(T state) {
    checkNotNull(state, "state must not be null");
    String json = codec.toJson(state);
    long bytes = json.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > limits.maxSessionWeight()) {
      throw SessionTooLargeException.forNewSession(bytes, limits.maxSessionWeight());
    }
    boolean cleaned = false;
    while (true) {
      String id = redis.newId();
      long now = redis.nowMillis();
      List<?> r =
          redis.eval(
              LuaScripts.CREATE,
              keys(id),
              List.of(
                  id,
                  Long.toString(now),
                  idle,
                  absolute,
                  Integer.toString(limits.maxSessions()),
                  Long.toString(limits.maxTotalWeight()),
                  Long.toString(bytes),
                  json,
                  redis.nextOp(),
                  grace));
      switch (status(r)) {
        case "OK":
          return new Session<>(id, number(r, 1), state, millis(r, 3), millis(r, 4));
        case "COLLISION":
          continue; // 256 random bits met an existing id: draw again
        case "FULL_COUNT":
        case "FULL_BYTES":
          if (!cleaned) {
            cleaned = true;
            cleanUp();
            continue;
          }
          if (status(r).equals("FULL_COUNT")) {
            throw TooManySessionsException.forCount(limits.maxSessions());
          }
          throw TooManySessionsException.forWeight(
              number(r, 1), limits.maxTotalWeight(), bytes);
        default:
          throw unexpected(r);
      }
    }
  }

  @Override
  public Session<T> get(String id) {
    List<?> r = read(id, true);
    return session(id, r, 1);
  }

  @Override
  public long touch(String id) {
    return number(read(id, false), 1);
  }

  /** GET (and touch): OK v s c a, or the not-found and expired exceptions. */
  private List<?> read(String id, boolean withState) {
    SessionIds.check(id);
    List<?> r =
        redis.eval(
            LuaScripts.GET,
            keys(id),
            List.of(
                id,
                Long.toString(redis.nowMillis()),
                idle,
                absolute,
                withState ? "1" : "0",
                grace));
    gone(id, r);
    if (!status(r).equals("OK")) {
      throw unexpected(r);
    }
    return r;
  }

  @Override
  public Session<T> update(String id, @Nullable Long expectedVersion, UnaryOperator<T> mutation) {
    SessionIds.check(id);
    checkNotNull(mutation, "mutation must not be null");
    Session<T> current = get(id);
    if (expectedVersion != null && expectedVersion != current.version()) {
      throw new VersionConflictException(expectedVersion, current);
    }
    while (true) {
      T next = checkNotNull(mutation.apply(current.state()), "mutation returned null");
      String json = codec.toJson(next);
      long bytes = json.getBytes(StandardCharsets.UTF_8).length;
      if (bytes > limits.maxSessionWeight()) {
        throw SessionTooLargeException.forSession(bytes, limits.maxSessionWeight());
      }
      List<?> r =
          redis.eval(
              LuaScripts.UPDATE,
              keys(id),
              List.of(
                  id,
                  Long.toString(redis.nowMillis()),
                  idle,
                  absolute,
                  Long.toString(current.version()),
                  json,
                  Long.toString(bytes),
                  Long.toString(limits.maxTotalWeight()),
                  redis.nextOp(),
                  grace));
      gone(id, r);
      switch (status(r)) {
        case "OK":
          return new Session<>(id, number(r, 1), next, millis(r, 3), millis(r, 4));
        case "CONFLICT":
          Session<T> newer = session(id, r, 1);
          if (expectedVersion != null) {
            throw new VersionConflictException(expectedVersion, newer);
          }
          current = newer; // another writer won: recompute on its state
          continue;
        case "TOTAL":
          throw SessionTooLargeException.forTotal(limits.maxTotalWeight());
        default:
          throw unexpected(r);
      }
    }
  }

  @Override
  public boolean delete(String id) {
    SessionIds.check(id);
    List<?> r =
        redis.eval(
            LuaScripts.DELETE,
            keys(id),
            List.of(id, Long.toString(redis.nowMillis()), idle, absolute, grace));
    switch (status(r)) {
      case "DEL":
        tell(session(id, r, 1), RemovalCause.DELETED);
        return true;
      case "EXP":
        tell(session(id, r, 2), RemovalCause.valueOf(string(r, 1)));
        return false;
      case "NF":
        return false;
      default:
        throw unexpected(r);
    }
  }

  @Override
  public int cleanUp() {
    int removed = 0;
    while (true) {
      List<?> r =
          redis.eval(
              LuaScripts.CLEAN_UP,
              kindKeys,
              List.of(
                  sessionPrefix,
                  Long.toString(redis.nowMillis()),
                  idle,
                  absolute,
                  Integer.toString(CLEAN_UP_BATCH),
                  grace));
      removed += (int) number(r, 0);
      for (int i = 2; i + 6 <= r.size(); i += 6) { // id cause v s c a
        tell(
            session(string(r, i), r.subList(i + 2, i + 6), 0),
            RemovalCause.valueOf(string(r, i + 1)));
      }
      if (number(r, 1) == 0) {
        return removed;
      }
    }
  }

  @Override
  public int size() {
    return (int) (long) redis.call(c -> c.zcard(indexKey));
  }

  @Override
  public long totalWeight() {
    // The total key is absent until the kind's first session.
    return Long.parseLong(redis.call(c -> Objects.requireNonNullElse(c.get(bytesKey), "0")));
  }

  @Override
  public SessionLimits limits() {
    return limits;
  }

  @Override
  public String toString() {
    return "RedisSessionStorage[" + redis + ", keys " + sessionPrefix + "*]";
  }

  // ---------------------------------------------------------------------------------------

  /** Throws for NF and EXP answers (telling the listener about the expiry). */
  private void gone(String id, List<?> r) {
    switch (status(r)) {
      case "NF" -> throw new SessionNotFoundException(id);
      case "EXP" -> {
        RemovalCause cause = RemovalCause.valueOf(string(r, 1));
        tell(session(id, r, 2), cause);
        throw new SessionExpiredException(id, cause);
      }
      default -> {
        // a live session's answer
      }
    }
  }

  /** The session from {@code v s c a} at {@code from}. */
  private Session<T> session(String id, List<?> r, int from) {
    String json = string(r, from + 1);
    T state;
    try {
      state = codec.fromJson(json);
    } catch (FormatException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "the "
              + codec.kind()
              + " session "
              + SessionException.echo(id)
              + " in Redis holds a state this version cannot read: "
              + e.getMessage(),
          e);
    }
    return new Session<>(id, number(r, from), state, millis(r, from + 2), millis(r, from + 3));
  }

  private void tell(Session<T> session, RemovalCause cause) {
    try {
      listener.onRemoval(session, cause);
    } catch (RuntimeException failure) {
      LOG.log(System.Logger.Level.WARNING, "session removal listener failed", failure);
    }
  }

  private static String status(List<?> r) {
    return string(r, 0);
  }

  private static String string(List<?> r, int i) {
    Object o = r.get(i);
    if (o instanceof byte[] b) {
      return new String(b, StandardCharsets.UTF_8);
    }
    if (o == null) {
      throw new IllegalStateException("unexpected empty item " + i + " in a Redis answer");
    }
    return o.toString();
  }

  private static long number(List<?> r, int i) {
    Object o = r.get(i);
    if (o instanceof Long l) {
      return l;
    }
    try {
      return Long.parseLong(string(r, i));
    } catch (NumberFormatException e) {
      throw new IllegalStateException("unexpected item " + i + " in a Redis answer", e);
    }
  }

  private static Instant millis(List<?> r, int i) {
    return Instant.ofEpochMilli(number(r, i));
  }

  private static IllegalStateException unexpected(List<?> r) {
    return new IllegalStateException("unexpected Redis answer " + status(r));
  }
}
