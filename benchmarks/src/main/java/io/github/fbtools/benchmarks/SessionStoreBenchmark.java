package io.github.fbtools.benchmarks;

import io.github.fbtools.core.Libber;
import io.github.fbtools.libber.LibberState;
import io.github.fbtools.libber.LibberStateManager;
import io.github.fbtools.libber.SessionStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * {@link SessionStore#update} throughput, in mutations per second summed over the threads, with 1
 * and 2 threads: each thread on its own session, or both on the same one (every update of a
 * session is atomic, so those serialise).
 *
 * <ul>
 *   <li>{@code state=counter}: a {@code SessionStore<Long>} with the default weigher and the
 *       mutation {@code x -> x + 1}: the cost of the store itself (lookup, expiry check, version,
 *       new snapshot, size accounting).
 *   <li>{@code state=libber}: {@link LibberStateManager#create()} (the store with its JSON weigher)
 *       over the 200-key {@link SubstitutionCorpus} Libber, each mutation an {@link
 *       LibberStateManager#addLib} that overwrites one existing key with a changed value (the
 *       Libber's map is copied, the new state weighed): an editing request without HTTP.
 * </ul>
 *
 * <p>Expected versions are not passed (null), so no update ever fails.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SessionStoreBenchmark {

  /** What the sessions hold. */
  @Param({"counter", "libber"})
  public String state;

  private SessionStore<Long> counters = SessionStore.<Long>builder().build();
  private LibberStateManager libbers = LibberStateManager.create();
  private List<String> keys = List.of();
  private LibberState initial = new LibberState("corpus", Libber.empty());
  private String sharedId = "";

  /** Creates the store and the shared session. */
  @Setup
  public void setUp() {
    SubstitutionCorpus corpus = SubstitutionCorpus.generate(SubstitutionCorpus.SEED);
    initial = new LibberState("corpus", Libber.of(corpus.libs));
    keys = List.copyOf(corpus.libs.keySet());
    counters = SessionStore.<Long>builder().build();
    libbers = LibberStateManager.create();
    sharedId = open();
  }

  String open() {
    return "counter".equals(state)
        ? counters.create(0L).id()
        : libbers.open(initial).id();
  }

  long mutate(String id, long n) {
    if ("counter".equals(state)) {
      return counters.update(id, null, x -> x + 1).version();
    }
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
    @Setup
    public void setUp(SessionStoreBenchmark b) {
      id = b.open();
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
   * Two threads, each on its own session.
   *
   * @param w the thread's session
   * @return the new version
   */
  @Benchmark
  @Threads(2)
  public long twoThreadsOwnSessions(Worker w) {
    return mutate(w.id, w.n++);
  }

  /**
   * Two threads on the same session.
   *
   * @param w the thread's counter
   * @return the new version
   */
  @Benchmark
  @Threads(2)
  public long twoThreadsSameSession(Worker w) {
    return mutate(sharedId, w.n++);
  }
}
