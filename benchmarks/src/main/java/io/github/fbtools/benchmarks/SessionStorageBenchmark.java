package io.github.fbtools.benchmarks;

import io.github.fbtools.core.Libber;
import io.github.fbtools.libber.LibberState;
import io.github.fbtools.libber.LibberStateManager;
import io.github.fbtools.redis.RedisSessionBackend;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Session mutations through Redis and in memory, side by side in one run: {@link
 * LibberStateManager#addLib} (one key of the 200-key {@link SubstitutionCorpus} Libber overwritten
 * with a changed value, no expected version) over the in-memory {@code SessionStore} ({@code
 * storage=memory}) or {@link RedisSessionBackend} on a local {@code redis-server} ({@code
 * storage=redis}; see {@link LocalRedis}). Each mutation through Redis is two scripts: a read of
 * the state, and the compare-and-set of the new one (with the Libber's JSON, about 13 KB, both
 * ways).
 *
 * <p>Both modes run: throughput (mutations per second, summed over the threads) and sample time
 * (the latency distribution, whose p0.99 is the p99 reported). 1 and 4 threads, each on its own
 * session; and 4 threads on one session, where every compare-and-set that loses to another
 * thread is recomputed.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SessionStorageBenchmark {

  /** Where the sessions live. */
  @Param({"memory", "redis"})
  public String storage;

  private LibberStateManager libbers = LibberStateManager.create();
  @Nullable private LocalRedis redis;
  @Nullable private RedisSessionBackend backend;
  private List<String> keys = List.of();
  private LibberState initial = new LibberState("corpus", Libber.empty());
  private String sharedId = "";

  /**
   * Starts Redis if needed and opens the shared session.
   *
   * @throws Exception if Redis cannot start
   */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    SubstitutionCorpus corpus = SubstitutionCorpus.generate(SubstitutionCorpus.SEED);
    initial = new LibberState("corpus", Libber.of(corpus.libs));
    keys = List.copyOf(corpus.libs.keySet());
    if ("redis".equals(storage)) {
      redis = LocalRedis.start();
      backend =
          RedisSessionBackend.builder(redis.uri())
              .keyPrefix("bench" + System.nanoTime() + ":")
              .maxSessions(100_000)
              .maxTotalBytes(1L << 34)
              .build();
      libbers = LibberStateManager.over(backend.storage(LibberStateManager.codec()));
    } else {
      libbers = LibberStateManager.create();
    }
    sharedId = libbers.open(initial).id();
  }

  /**
   * Closes the connections and stops the Redis this benchmark started.
   */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (backend != null) {
      backend.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  long mutate(String id, long n) {
    String key = keys.get((int) (n % keys.size()));
    String value = ((n / keys.size()) & 1) == 0 ? "long red hair" : "short blue hair";
    return libbers.addLib(id, null, key, value).version();
  }

  /** One benchmark thread: its own session and its mutation counter. */
  @State(Scope.Thread)
  public static class Worker {
    String id = "";
    long n;

    /**
     * Opens this thread's session.
     *
     * @param b the benchmark state
     */
    @Setup(Level.Trial)
    public void setUp(SessionStorageBenchmark b) {
      id = b.libbers.open(b.initial).id();
    }
  }

  /**
   * One thread.
   *
   * @param w the thread's session
   * @return the new version
   */
  @Benchmark
  @Threads(1)
  public long oneThread(Worker w) {
    return mutate(w.id, w.n++);
  }

  /**
   * Four threads, each on its own session.
   *
   * @param w the thread's session
   * @return the new version
   */
  @Benchmark
  @Threads(4)
  public long fourThreads(Worker w) {
    return mutate(w.id, w.n++);
  }

  /**
   * Four threads on one session.
   *
   * @param w the thread's counter
   * @return the new version
   */
  @Benchmark
  @Threads(4)
  public long fourThreadsOneSession(Worker w) {
    return mutate(sharedId, w.n++);
  }
}
