package io.github.fbtools.storyexec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.InvalidNameException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExecIdTest {

  private static final Instant T = Instant.parse("2026-03-14T09:30:05.999Z");
  private static final Clock UTC = Clock.fixed(T, ZoneOffset.UTC);

  /** Returns the scripted values of nextInt(bound), cycling; nothing else is used. */
  static final class Script implements RandomGenerator {
    private final int[] values;
    private int next;
    int calls;

    Script(int... values) {
      this.values = values;
    }

    @Override
    public synchronized int nextInt(int bound) {
      assertEquals(36, bound);
      calls++;
      return values[next++ % values.length];
    }

    @Override
    public long nextLong() {
      throw new AssertionError("only nextInt(bound) is expected");
    }
  }

  @Test
  void generatedFromAFixedClockAndScriptedRandom() {
    ExecId id = ExecId.generate(UTC, new Script(0, 9, 10, 35, 20, 1));
    assertEquals("20260314_093005_09azk1", id.value());
    assertEquals("20260314_093005_09azk1", id.toString());
  }

  @Test
  void generatedFromASeededRandomIsStable() {
    ExecId a = ExecId.generate(UTC, new SplittableRandom(42));
    ExecId b = ExecId.generate(UTC, new SplittableRandom(42));
    assertEquals(a, b);
    assertTrue(a.value().matches("20260314_093005_[0-9a-z]{6}"), a.value());
  }

  @Test
  void theTimeIsUtcWhateverTheClocksZone() {
    for (String zone : new String[] {"Pacific/Kiritimati", "America/Los_Angeles", "Asia/Kolkata"}) {
      Clock clock = Clock.fixed(T, ZoneId.of(zone));
      assertEquals(
          "20260314_093005_000000", ExecId.generate(clock, new Script(0)).value(), zone);
    }
    Clock midnight = Clock.fixed(Instant.parse("1999-12-31T23:59:59Z"), ZoneId.of("Asia/Tokyo"));
    assertEquals("19991231_235959_zzzzzz", ExecId.generate(midnight, new Script(35)).value());
  }

  @Test
  void yearsOutsideFourDigitsAreRefused() {
    Clock far = Clock.fixed(Instant.parse("+10000-01-01T00:00:00Z"), ZoneOffset.UTC);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ExecId.generate(far, new Script(0)));
    assertEquals("clock year must be in 0..9999: 10000", e.getMessage());
    Clock early = Clock.fixed(Instant.parse("-0001-01-01T00:00:00Z"), ZoneOffset.UTC);
    assertThrows(IllegalArgumentException.class, () -> ExecId.generate(early, new Script(0)));
    Clock zero = Clock.fixed(Instant.parse("0000-01-02T03:04:05Z"), ZoneOffset.UTC);
    assertEquals("00000102_030405_111111", ExecId.generate(zero, new Script(1)).value());
  }

  @Test
  void theDefaultGeneratorGivesTheGeneratedForm() {
    ExecId id = ExecId.generate();
    assertTrue(id.value().matches("\\d{8}_\\d{6}_[0-9a-z]{6}"), id.value());
    assertEquals(id, ExecId.parse(id.value()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "20260314_093005_k3x9q1",
        "retake-2",
        "a",
        "A.b_c-d",
        "0",
        "Run.2026.v1",
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"
      })
  void safeIdsAreAccepted(String text) {
    assertEquals(text, ExecId.parse(text).value());
    assertEquals(new ExecId(text), ExecId.parse(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "../x",
        "..",
        ".",
        "a/b",
        "a\\b",
        "/abs",
        "C:x",
        "con",
        "CON",
        "nul.txt",
        "lpt9",
        "x.",
        " x",
        "x ",
        "-x",
        "_x",
        ".hidden",
        "a..b",
        "ümlaut",
        "a b",
        "a\u0000b",
        "%2e%2e",
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-x"
      })
  void hostileIdsAreRefused(String text) {
    InvalidNameException e = assertThrows(InvalidNameException.class, () -> ExecId.parse(text));
    assertEquals("exec id", e.kind());
    assertThrows(InvalidNameException.class, () -> new ExecId(text));
  }

  @Test
  void nullIsRefused() {
    assertThrows(NullPointerException.class, () -> ExecId.parse(null));
  }

  @Test
  void generateUnusedCreatesTheFolder(@TempDir Path executions) throws IOException {
    ExecId id = ExecId.generateUnused(executions, UTC, new Script(1, 2, 3, 4, 5, 6));
    assertEquals("20260314_093005_123456", id.value());
    assertTrue(Files.isDirectory(executions.resolve(id.value())));
    ExecId any = ExecId.generateUnused(executions);
    assertTrue(Files.isDirectory(executions.resolve(any.value())));
  }

  @Test
  void generateUnusedNeverReusesAFolder(@TempDir Path executions) throws IOException {
    // The random source repeats: ids 000000, 111111, 222222, 000000, 111111, 222222, 333333 ...
    Files.createDirectory(executions.resolve("20260314_093005_000000"));
    Files.createDirectory(executions.resolve("20260314_093005_111111"));
    Files.createDirectory(executions.resolve("20260314_093005_222222"));
    Files.writeString(executions.resolve("20260314_093005_111111").resolve("keep"), "x");
    int[] script = new int[6 * 7];
    for (int i = 0; i < script.length; i++) {
      int id = i / 6;
      script[i] = id < 6 ? id % 3 : 3;
    }
    Script random = new Script(script);
    ExecId id = ExecId.generateUnused(executions, UTC, random);
    assertEquals("20260314_093005_333333", id.value());
    assertEquals(7 * 6, random.calls, "six taken ids were skipped");
    assertEquals("x", Files.readString(executions.resolve("20260314_093005_111111/keep")));
    try (Stream<Path> list = Files.list(executions)) {
      assertEquals(4, list.count());
    }
  }

  @Test
  void generateUnusedGivesUpAfterMaxAttempts(@TempDir Path executions) throws IOException {
    Files.createDirectory(executions.resolve("20260314_093005_000000"));
    Script random = new Script(0);
    IOException e =
        assertThrows(IOException.class, () -> ExecId.generateUnused(executions, UTC, random));
    assertTrue(e.getMessage().contains("after 100 attempts"), e.getMessage());
    assertEquals(ExecId.MAX_ATTEMPTS * ExecId.RANDOM_LENGTH, random.calls);
  }

  @Test
  void generateUnusedNeedsAnExistingFolder(@TempDir Path tmp) {
    assertThrows(
        NoSuchFileException.class,
        () -> ExecId.generateUnused(tmp.resolve("missing"), UTC, new Script(0)));
  }

  @Test
  void concurrentCallersNeverShareAFolder(@TempDir Path executions) throws Exception {
    // Every thread draws the same sequence of ids from the same clock and seed, so they all
    // race for the same folders; each must still end up with its own.
    int threads = 16;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Callable<List<ExecId>>> jobs = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        jobs.add(
            () -> {
              SplittableRandom random = new SplittableRandom(99);
              start.await();
              List<ExecId> mine = new ArrayList<>();
              for (int k = 0; k < 4; k++) {
                mine.add(ExecId.generateUnused(executions, UTC, random));
              }
              return mine;
            });
      }
      List<Future<List<ExecId>>> results = new ArrayList<>();
      for (Callable<List<ExecId>> job : jobs) {
        results.add(pool.submit(job));
      }
      start.countDown();
      Set<ExecId> all = new HashSet<>();
      for (Future<List<ExecId>> f : results) {
        for (ExecId id : f.get(1, TimeUnit.MINUTES)) {
          assertTrue(all.add(id), "handed out twice: " + id);
        }
      }
      assertEquals(threads * 4, all.size());
      try (Stream<Path> list = Files.list(executions)) {
        assertEquals(threads * 4, list.count());
      }
    } finally {
      pool.shutdown();
      assertTrue(pool.awaitTermination(1, TimeUnit.MINUTES));
    }
  }
}
