package io.github.fbtools.libber;

import io.github.fbtools.core.json.SetOnce;
import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;
import javax.annotation.Nullable;

/**
 * Server-side editing sessions in memory, over an immutable state type: the one true copy of a
 * Libber, a prompt collection or a scene that many clients edit at once. This is the default
 * {@link SessionStorage}; the {@code fbtools-redis} module implements the same contract on Redis,
 * for several servers.
 *
 * <h2>Ids</h2>
 *
 * <p>The store chooses every id: 32 bytes from a {@link SecureRandom}, encoded as 43 base64url
 * characters without padding. A client can never pick or overwrite an id. A string that cannot be
 * an id is refused cheaply with {@link InvalidSessionIdException}; an id the store does not hold
 * gives {@link SessionNotFoundException}. Messages repeat at most 8 characters of an id.
 *
 * <h2>Versions and atomic updates</h2>
 *
 * <p>A new session has version 0. {@link #update} applies a function to the current state
 * atomically (no other update of that session runs in between, so no update is ever lost) and
 * adds one to the version, even when the function returns an equal state: one successful update,
 * one version. An update may carry the version the caller last saw; if the session has moved on,
 * nothing changes and {@link VersionConflictException} carries the current session. Without an
 * expected version the update applies to whatever the state is now.
 *
 * <h2>Expiry</h2>
 *
 * <p>A session expires when it has not been read or updated for the idle timeout (default 30
 * minutes) or more, or when it is as old as the absolute timeout (default 8 hours), however
 * active. Time comes from an injected {@link InstantSource}. An expired session is invisible: the
 * first call that meets it removes it and throws {@link SessionExpiredException} (a {@link
 * SessionNotFoundException}); later calls get {@link SessionNotFoundException}. Expired sessions
 * are also purged by {@link #cleanUp()}, which the store runs itself at most once a minute of
 * clock time, piggy-backed on ordinary calls (no background thread). The {@link RemovalListener}
 * is told exactly once per removed session.
 *
 * <h2>Bounds</h2>
 *
 * <p>The store holds at most {@code maxSessions} sessions whose estimated sizes (from the
 * weigher) add up to at most {@code maxTotalWeight}, and no single session may weigh more than
 * {@code maxSessionWeight}. A full store refuses new sessions with {@link
 * TooManySessionsException} after purging expired ones; it never evicts a live session. An update
 * that would cross a size limit is refused with {@link SessionTooLargeException} and changes
 * nothing.
 *
 * <pre>{@code
 * SessionStore<PromptCollection> store = SessionStore.<PromptCollection>builder()
 *     .weigher(c -> 2L * c.toJson().length())
 *     .build();
 * Session<PromptCollection> s = store.create(PromptCollection.empty());
 * s = store.update(s.id(), 0L, c -> c.withPrompt("girl_pos", "smiling"));   // version 1
 * store.update(s.id(), 0L, c -> c.withoutPrompt("girl_pos"));                // VersionConflictException
 * }</pre>
 *
 * <p>This class is thread-safe. Update functions run while the session is locked: they must be
 * quick, free of side effects other than computing the new state, and must not call the store.
 *
 * <p>Why this class is long: create, get, update, delete,
 * expiry and the bounds share one reservation protocol over the session map (the count and the
 * weight are reserved atomically before a session is published or grown, and released exactly
 * once when it is removed) that is easiest to check when it is read in one file; a third of the file is this contract and the
 * public {@link Builder}. Ids ({@code SessionIds}), the limits ({@link SessionLimits}) and the
 * weigher ({@code JsonWeigher}) live elsewhere.
 *
 * @param <T> the state type; must be immutable
 */
public final class SessionStore<T> implements SessionStorage<T> {
  /** The length of every session id, in characters ({@link SessionIds#ID_LENGTH}). */
  public static final int ID_LENGTH = SessionIds.ID_LENGTH;

  /** The number of random bytes in a session id ({@link SessionIds#ID_BYTES}). */
  public static final int ID_BYTES = SessionIds.ID_BYTES;

  /** The default idle timeout: 30 minutes. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(30);

  /** The default absolute lifetime: 8 hours. */
  public static final Duration DEFAULT_ABSOLUTE_TIMEOUT = Duration.ofHours(8);

  /** The default maximum number of sessions. */
  public static final int DEFAULT_MAX_SESSIONS = 1_000;

  /** The default maximum estimated size of one session: 8 MiB. */
  public static final long DEFAULT_MAX_SESSION_WEIGHT = 8L << 20;

  /**
   * The most the default maximum estimated size of all sessions together can be: 256 MiB. The
   * default itself is the smaller of this and {@link #DEFAULT_HEAP_FRACTION} of the maximum heap.
   */
  public static final long DEFAULT_MAX_TOTAL_WEIGHT = 256L << 20;

  /**
   * The share of the maximum heap ({@link Runtime#maxMemory()}) that one store's sessions may
   * weigh by default: an eighth, so that the three stores of a server (prompts, Libbers, scenes)
   * together stay under half the heap.
   */
  public static final double DEFAULT_HEAP_FRACTION = 0.125;

  private static final System.Logger LOG = System.getLogger(SessionStore.class.getName());
  private static final long SWEEP_INTERVAL_NANOS = Duration.ofMinutes(1).toNanos();

  private final ConcurrentHashMap<String, Entry<T>> sessions = new ConcurrentHashMap<>();
  private final AtomicInteger reservedSessions = new AtomicInteger();
  private final AtomicLong totalWeight = new AtomicLong();
  private final AtomicLong nextSweep;
  private final InstantSource clock;
  private final SecureRandom random;
  private final long idleNanos;
  private final long absoluteNanos;
  private final SessionLimits limits;
  private final int maxSessions;
  private final long maxSessionWeight;
  private final long maxTotalWeight;
  private final ToLongFunction<? super T> weigher;
  private final RemovalListener<T> listener;

  /** A session, its times in clock nanoseconds (for cheap expiry checks) and its weight. */
  private static final class Entry<T> {
    final Session<T> session;
    final long createdNanos;
    final long lastAccessNanos;
    final long weight;

    Entry(Session<T> session, long createdNanos, long lastAccessNanos, long weight) {
      this.session = session;
      this.createdNanos = createdNanos;
      this.lastAccessNanos = lastAccessNanos;
      this.weight = weight;
    }

    /** This entry, read or updated at {@code now}, with a new version and state. */
    Entry<T> next(long version, T state, long now, long newWeight) {
      Session<T> s = session;
      return new Entry<>(
          new Session<>(s.id(), version, state, s.created(), instant(now)),
          createdNanos,
          now,
          newWeight);
    }
  }

  /** What one compute call saw; written and read by the calling thread only. */
  private static final class Outcome<T> {
    @Nullable Entry<T> result;
    @Nullable Entry<T> removed;
    @Nullable RemovalCause cause;
  }

  private SessionStore(Builder<T> b) {
    this.clock = b.clock;
    this.random = b.random != null ? b.random : new SecureRandom();
    this.idleNanos = b.idleTimeout.toNanos();
    this.absoluteNanos = b.absoluteTimeout.toNanos();
    this.limits =
        new SessionLimits(
            b.idleTimeout, b.absoluteTimeout, b.maxSessions, b.maxSessionWeight, b.maxTotalWeight);
    this.maxSessions = b.maxSessions;
    this.maxSessionWeight = b.maxSessionWeight;
    this.maxTotalWeight = b.maxTotalWeight;
    this.weigher = b.weigher;
    this.listener = b.listener;
    this.nextSweep = new AtomicLong(now() + SWEEP_INTERVAL_NANOS);
  }

  /**
   * Returns a builder with the defaults: 30-minute idle timeout, 8-hour absolute lifetime, {@value
   * #DEFAULT_MAX_SESSIONS} sessions, 256 MiB in all or an eighth of the maximum heap if that is
   * less ({@link #DEFAULT_HEAP_FRACTION}), 8 MiB per session (at most the total), every state
   * weighing 1, the system clock ({@link InstantSource#system()}) and a new {@link SecureRandom}.
   *
   * @param <T> the state type
   * @return a new builder
   */
  public static <T> Builder<T> builder() {
    return new Builder<>();
  }

  /**
   * Creates a session holding {@code state}, with a new random id and version 0.
   *
   * @param state the initial state
   * @return the new session
   * @throws TooManySessionsException if the store is full (after purging expired sessions)
   * @throws SessionTooLargeException if the state alone is over the per-session size limit
   */
  @Override
  public Session<T> create(T state) {
    checkNotNull(state, "state must not be null");
    long now = now();
    maybeSweep(now);
    long weight = weigh(state);
    if (weight > maxSessionWeight) {
      throw SessionTooLargeException.forNewSession(weight, maxSessionWeight);
    }
    if (!reserve(weight)) {
      cleanUp();
      if (!reserve(weight)) {
        throw reservedSessions.get() >= maxSessions
            ? TooManySessionsException.forCount(maxSessions)
            : TooManySessionsException.forWeight(totalWeight.get(), maxTotalWeight, weight);
      }
    }
    Instant at = instant(now);
    while (true) {
      String id = SessionIds.generate(random);
      Entry<T> entry = new Entry<>(new Session<>(id, 0, state, at, at), now, now, weight);
      if (sessions.putIfAbsent(id, entry) == null) {
        return entry.session;
      }
    }
  }

  /**
   * Returns the session, and counts this as an access (the idle timer restarts).
   *
   * @param id the session id
   * @return the current snapshot
   * @throws InvalidSessionIdException if {@code id} cannot be a session id
   * @throws SessionExpiredException if the session expired (it is removed now)
   * @throws SessionNotFoundException if there is no such session
   */
  @Override
  public Session<T> get(String id) {
    SessionIds.check(id);
    Outcome<T> o = new Outcome<>();
    sessions.computeIfPresent(
        id,
        (k, e) -> {
          long t = now();
          RemovalCause cause = expiry(e, t);
          if (cause != null) {
            o.removed = e;
            o.cause = cause;
            return null;
          }
          Session<T> s = e.session;
          o.result = e.next(s.version(), s.state(), t, e.weight);
          return o.result;
        });
    return finish(id, o);
  }

  /**
   * Counts an access without reading the state: the idle timer restarts.
   *
   * @param id the session id
   * @return the session's current version
   * @throws InvalidSessionIdException if {@code id} cannot be a session id
   * @throws SessionExpiredException if the session expired (it is removed now)
   * @throws SessionNotFoundException if there is no such session
   */
  @Override
  public long touch(String id) {
    return get(id).version();
  }

  /**
   * Applies {@code mutation} to the session's state atomically and adds one to its version.
   *
   * @param id the session id
   * @param expectedVersion the version the caller last saw, or null to apply to the current state
   *     whatever its version
   * @param mutation computes the new state from the current one; must return non-null, be quick
   *     and not call this store. If it throws, nothing changes and the exception propagates.
   * @return the updated session
   * @throws InvalidSessionIdException if {@code id} cannot be a session id
   * @throws SessionExpiredException if the session expired (it is removed now)
   * @throws SessionNotFoundException if there is no such session
   * @throws VersionConflictException if {@code expectedVersion} is not the current version
   * @throws SessionTooLargeException if the new state is over a size limit
   */
  @Override
  public Session<T> update(String id, @Nullable Long expectedVersion, UnaryOperator<T> mutation) {
    SessionIds.check(id);
    checkNotNull(mutation, "mutation must not be null");
    Outcome<T> o = new Outcome<>();
    sessions.computeIfPresent(
        id,
        (k, e) -> {
          long t = now();
          Session<T> s = e.session;
          RemovalCause cause = expiry(e, t);
          if (cause != null) {
            o.removed = e;
            o.cause = cause;
            return null;
          }
          if (expectedVersion != null && expectedVersion != s.version()) {
            throw new VersionConflictException(expectedVersion, s);
          }
          T next = checkNotNull(mutation.apply(s.state()), "mutation returned null");
          long weight = weigh(next);
          if (weight > maxSessionWeight) {
            throw SessionTooLargeException.forSession(weight, maxSessionWeight);
          }
          if (!reserveWeight(weight - e.weight)) {
            throw SessionTooLargeException.forTotal(maxTotalWeight);
          }
          o.result = e.next(s.version() + 1, next, t, weight);
          return o.result;
        });
    return finish(id, o);
  }

  /**
   * Deletes the session.
   *
   * @param id the session id
   * @return true if a live session was deleted; false if there was none (or it had expired)
   * @throws InvalidSessionIdException if {@code id} cannot be a session id
   */
  @Override
  public boolean delete(String id) {
    SessionIds.check(id);
    Outcome<T> o = new Outcome<>();
    sessions.computeIfPresent(
        id,
        (k, e) -> {
          RemovalCause cause = expiry(e, now());
          o.removed = e;
          o.cause = cause != null ? cause : RemovalCause.DELETED;
          return null;
        });
    if (o.removed == null) {
      return false;
    }
    removed(o);
    return o.cause == RemovalCause.DELETED;
  }

  /**
   * Removes every expired session now, telling the removal listener about each. The store also
   * does this itself, at most once a minute of clock time, during ordinary calls.
   *
   * @return how many sessions were removed
   */
  @Override
  public int cleanUp() {
    int removed = 0;
    List<String> ids = new ArrayList<>();
    long now = now();
    for (Map.Entry<String, Entry<T>> e : sessions.entrySet()) {
      if (expiry(e.getValue(), now) != null) {
        ids.add(e.getKey());
      }
    }
    for (String id : ids) {
      Outcome<T> o = new Outcome<>();
      sessions.computeIfPresent(
          id,
          (k, e) -> {
            RemovalCause cause = expiry(e, now());
            if (cause == null) {
              return e;
            }
            o.removed = e;
            o.cause = cause;
            return null;
          });
      if (o.removed != null) {
        removed(o);
        removed++;
      }
    }
    return removed;
  }

  /**
   * Returns the number of sessions held, including expired ones not purged yet ({@link
   * #cleanUp()} first for an exact count of live ones).
   *
   * @return the number of sessions
   */
  @Override
  public int size() {
    return sessions.size();
  }

  /**
   * Returns the total estimated size of the sessions held, by the store's weigher.
   *
   * @return the sum of the sessions' weights
   */
  @Override
  public long totalWeight() {
    return totalWeight.get();
  }

  @Override
  public SessionLimits limits() {
    return limits;
  }

  /**
   * Returns the maximum number of sessions.
   *
   * @return the limit
   */
  public int maxSessions() {
    return maxSessions;
  }

  /**
   * Tells whether a string has the form of a session id: {@value #ID_LENGTH} characters of the
   * base64url alphabet. Says nothing about whether such a session exists.
   *
   * @param id any string
   * @return true if it could be a session id
   */
  public static boolean isWellFormedId(String id) {
    return SessionIds.isWellFormed(id);
  }

  // ---------------------------------------------------------------------------------------

  /** Reports what a get or update saw, then runs the periodic clean-up if it is due. */
  private Session<T> finish(String id, Outcome<T> o) {
    try {
      return outcome(id, o);
    } finally {
      maybeSweep(now());
    }
  }

  private Session<T> outcome(String id, Outcome<T> o) {
    if (o.removed != null) {
      removed(o);
      throw new SessionExpiredException(id, checkNotNull(o.cause));
    }
    if (o.result == null) {
      throw new SessionNotFoundException(id);
    }
    return o.result.session;
  }

  /** Accounts for a removal done by {@code o}'s compute call and tells the listener. */
  private void removed(Outcome<T> o) {
    Entry<T> e = checkNotNull(o.removed);
    RemovalCause cause = checkNotNull(o.cause);
    reservedSessions.decrementAndGet();
    totalWeight.addAndGet(-e.weight);
    try {
      listener.onRemoval(e.session, cause);
    } catch (RuntimeException failure) {
      LOG.log(System.Logger.Level.WARNING, "session removal listener failed", failure);
    }
  }

  /** The clock's reading in nanoseconds since the epoch. */
  private long now() {
    Instant t = clock.instant();
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
  }

  private static Instant instant(long epochNanos) {
    return Instant.ofEpochSecond(0, epochNanos);
  }

  @Nullable
  private RemovalCause expiry(Entry<T> e, long now) {
    if (now - e.createdNanos >= absoluteNanos) {
      return RemovalCause.ABSOLUTE_TIMEOUT;
    }
    if (now - e.lastAccessNanos >= idleNanos) {
      return RemovalCause.IDLE_TIMEOUT;
    }
    return null;
  }

  private void maybeSweep(long now) {
    long next = nextSweep.get();
    if (now - next >= 0 && nextSweep.compareAndSet(next, now + SWEEP_INTERVAL_NANOS)) {
      cleanUp();
    }
  }

  /** Reserves a place and {@code weight} for a new session; false (nothing reserved) if full. */
  private boolean reserve(long weight) {
    while (true) {
      int n = reservedSessions.get();
      if (n >= maxSessions) {
        return false;
      }
      if (reservedSessions.compareAndSet(n, n + 1)) {
        break;
      }
    }
    if (!reserveWeight(weight)) {
      reservedSessions.decrementAndGet();
      return false;
    }
    return true;
  }

  private boolean reserveWeight(long delta) {
    while (true) {
      long w = totalWeight.get();
      long next = w + delta;
      if (delta > 0 && next > maxTotalWeight) {
        return false;
      }
      if (totalWeight.compareAndSet(w, next)) {
        return true;
      }
    }
  }

  private long weigh(T state) {
    long w = weigher.applyAsLong(state);
    checkArgument(w >= 0, "the weigher returned a negative weight: %s", w);
    return w;
  }

  /**
   * The default total weight for a JVM whose maximum heap is {@code maxHeapBytes}: {@link
   * #DEFAULT_HEAP_FRACTION} of it, at most {@link #DEFAULT_MAX_TOTAL_WEIGHT}, at least 1 MiB.
   */
  static long defaultMaxTotalWeight(long maxHeapBytes) {
    if (maxHeapBytes <= 0 || maxHeapBytes == Long.MAX_VALUE) {
      return DEFAULT_MAX_TOTAL_WEIGHT;
    }
    long share = (long) (maxHeapBytes * DEFAULT_HEAP_FRACTION);
    return Math.max(1L << 20, Math.min(DEFAULT_MAX_TOTAL_WEIGHT, share));
  }

  /**
   * Configures a {@link SessionStore}. Every setting has a default (see {@link
   * SessionStore#builder()}).
   *
   * <pre>{@code
   * SessionStore<Libber> store = SessionStore.<Libber>builder()
   *     .idleTimeout(Duration.ofMinutes(30))
   *     .absoluteTimeout(Duration.ofHours(8))
   *     .maxSessions(500)
   *     .weigher(l -> 2L * l.toJson().length())
   *     .maxSessionWeight(4L << 20)
   *     .build();
   * }</pre>
   *
   * <p>A builder is not thread-safe; the stores it builds are.
   *
   * <p>Each setting is made at most once: calling a setter a second time is an {@link
   * IllegalStateException} naming the setting and both values (the first would otherwise be lost
   * without a word; docs/decisions.md, "Builders take each setting once").
   *
   * @param <T> the state type
   */
  public static final class Builder<T> {
    private final SetOnce once = new SetOnce();
    private InstantSource clock = InstantSource.system();
    @Nullable private SecureRandom random;
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private Duration absoluteTimeout = DEFAULT_ABSOLUTE_TIMEOUT;
    private int maxSessions = DEFAULT_MAX_SESSIONS;
    private long maxTotalWeight = defaultMaxTotalWeight(Runtime.getRuntime().maxMemory());
    private long maxSessionWeight = Math.min(DEFAULT_MAX_SESSION_WEIGHT, maxTotalWeight);
    private ToLongFunction<? super T> weigher = state -> 1L;
    private RemovalListener<T> listener = (session, cause) -> {};

    private Builder() {}

    /**
     * Sets the time source for expiry and for the sessions' times (default: {@link
     * InstantSource#system()}). It is the store's only source of time.
     *
     * @param clock the clock; tests pass a fake one
     * @return this builder
     */
    public Builder<T> clock(InstantSource clock) {
      once.set("clock", clock);
      this.clock = checkNotNull(clock, "clock must not be null");
      return this;
    }

    /**
     * Sets the source of session ids (default: a new {@link SecureRandom}).
     *
     * @param random a cryptographically strong generator
     * @return this builder
     */
    public Builder<T> secureRandom(SecureRandom random) {
      once.set("secureRandom", random);
      this.random = checkNotNull(random, "random must not be null");
      return this;
    }

    /**
     * Sets how long a session may go unused before it expires (default 30 minutes).
     *
     * @param timeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    public Builder<T> idleTimeout(Duration timeout) {
      checkArgument(
          !timeout.isNegative() && !timeout.isZero(), "idleTimeout must be positive: %s", timeout);
      once.set("idleTimeout", timeout);
      this.idleTimeout = timeout;
      return this;
    }

    /**
     * Sets the longest a session may live, however active (default 8 hours).
     *
     * @param timeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    public Builder<T> absoluteTimeout(Duration timeout) {
      checkArgument(
          !timeout.isNegative() && !timeout.isZero(),
          "absoluteTimeout must be positive: %s",
          timeout);
      once.set("absoluteTimeout", timeout);
      this.absoluteTimeout = timeout;
      return this;
    }

    /**
     * Sets the maximum number of sessions (default {@value #DEFAULT_MAX_SESSIONS}).
     *
     * @param max at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code max} is less than 1
     */
    public Builder<T> maxSessions(int max) {
      checkArgument(max >= 1, "maxSessions must be >= 1: %s", max);
      once.set("maxSessions", max);
      this.maxSessions = max;
      return this;
    }

    /**
     * Sets how sessions are weighed for the size limits: an estimate of the bytes a state holds.
     * It is called on every create and update (while the session is locked), so it should be
     * proportional in cost to the state. The default weighs every state as 1.
     *
     * @param weigher returns a non-negative weight for a state
     * @return this builder
     */
    public Builder<T> weigher(ToLongFunction<? super T> weigher) {
      once.set("weigher", weigher);
      this.weigher = checkNotNull(weigher, "weigher must not be null");
      return this;
    }

    /**
     * Sets the weigher a session manager's {@code storeBuilder()} starts with, without counting
     * as the one {@link #weigher} call: a caller may still replace it once.
     */
    Builder<T> defaultWeigher(ToLongFunction<? super T> weigher) {
      this.weigher = checkNotNull(weigher, "weigher must not be null");
      return this;
    }

    /**
     * Sets the maximum weight of one session (default 8 MiB, or the default total if less).
     *
     * @param max at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code max} is less than 1
     */
    public Builder<T> maxSessionWeight(long max) {
      checkArgument(max >= 1, "maxSessionWeight must be >= 1: %s", max);
      once.set("maxSessionWeight", max);
      this.maxSessionWeight = max;
      return this;
    }

    /**
     * Sets the maximum total weight of all sessions (default: an eighth of the maximum heap, at
     * most 256 MiB).
     *
     * @param max at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code max} is less than 1
     */
    public Builder<T> maxTotalWeight(long max) {
      checkArgument(max >= 1, "maxTotalWeight must be >= 1: %s", max);
      once.set("maxTotalWeight", max);
      this.maxTotalWeight = max;
      return this;
    }

    /**
     * Sets the listener told once about every removed session (default: none).
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder<T> removalListener(RemovalListener<T> listener) {
      once.set("removalListener", listener);
      this.listener = checkNotNull(listener, "listener must not be null");
      return this;
    }

    /**
     * Builds the store.
     *
     * @return a new, empty store
     */
    public SessionStore<T> build() {
      return new SessionStore<>(this);
    }
  }
}
