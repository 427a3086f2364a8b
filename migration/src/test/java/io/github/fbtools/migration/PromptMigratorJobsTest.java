package io.github.fbtools.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.Uninterruptibles;
import io.github.fbtools.core.files.AtomicFiles;
import io.github.fbtools.core.files.FileOps;
import io.github.fbtools.core.files.ForwardingFileOps;
import io.github.fbtools.core.files.PromptFiles;
import io.github.fbtools.core.json.FbJson;
import io.github.fbtools.migration.MigrationInvariant.State;
import io.github.fbtools.migration.MigrationResult.Outcome;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tree runs on a pool ({@link PromptMigrator.Builder#jobs(int)}): the same report and the same
 * files as a sequential run, the listener on the caller's thread in the report's order, really
 * several scenes at once but never more than the jobs, a clean stop when the listener throws or
 * the caller is interrupted, and the builder's checks.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PromptMigratorJobsTest {
  private static final String POOL_THREAD = "fbtools-migrate-";

  @TempDir Path tmp;

  /** A tree of every kind of scene a migration meets, nested up to two folders deep. */
  private static List<byte[]> tree(Path root, int scenes) throws IOException {
    SplittableRandom r = new SplittableRandom(20261204L);
    List<byte[]> originals = new ArrayList<>();
    for (int i = 0; i < scenes; i++) {
      Path dir =
          Files.createDirectories(
              i % 5 == 0 ? root.resolve("story" + i / 10).resolve("s" + i) : root.resolve("s" + i));
      byte[] bytes;
      switch (i % 9) {
        case 3:
          bytes = utf8("{\"version\": 2, \"prompts\": {\"a\": \"b\"}}");
          break;
        case 5:
          bytes = utf8("{\"girl_pos\": \"a\",,}");
          break;
        case 7:
          bytes = utf8("{\"scene_flags\": \"a prompt named after a field\", \"x\": \"y\"}");
          break;
        default:
          bytes = V1Files.bytes(r, V1Files.object(r, 200 + r.nextInt(3000)));
          break;
      }
      Files.write(dir.resolve("prompts.json"), bytes);
      if (i % 11 == 4) {
        Files.write(dir.resolve("prompts.json.v1.backup"), utf8("{\"other\": \"bytes\"}"));
      }
      if (i % 13 == 6) {
        Files.delete(dir.resolve("prompts.json"));
        Files.write(dir.resolve("prompts.json.v1.backup"), bytes);
      }
      originals.add(bytes);
    }
    return originals;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Every file of a tree: relative path to its text. */
  private static Map<String, String> files(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        if (Files.isRegularFile(p)) {
          out.put(root.relativize(p).toString(), Files.readString(p, StandardCharsets.UTF_8));
        }
      }
    }
    return out;
  }

  /**
   * A report's JSON without what differs between two trees and two runs: the root (also where
   * reasons name a file) and the duration.
   */
  private static Map<String, Object> comparable(MigrationReport report) {
    String json = report.toJson().replace(report.root().toString(), "ROOT");
    Map<String, Object> doc = new LinkedHashMap<>(FbJson.parseObject(json));
    doc.remove("root");
    doc.remove("duration_ms");
    return doc;
  }

  private static PromptMigrator jobs(int jobs) {
    return PromptMigrator.builder().jobs(jobs).build();
  }

  @Test
  void aParallelRunReportsAndWritesExactlyWhatASequentialRunDoes() throws IOException {
    Path one = Files.createDirectory(tmp.resolve("one"));
    Path six = Files.createDirectory(tmp.resolve("six"));
    tree(one, 60);
    tree(six, 60);

    MigrationReport dryOne = PromptMigrator.builder().dryRun(true).jobs(1).build().migrateTree(one);
    MigrationReport drySix = PromptMigrator.builder().dryRun(true).jobs(6).build().migrateTree(six);
    assertEquals(comparable(dryOne), comparable(drySix));
    assertEquals(files(one), files(six));

    MigrationReport sequential = jobs(1).migrateTree(one);
    MigrationReport parallel = jobs(6).migrateTree(six);
    assertEquals(comparable(sequential), comparable(parallel));
    assertEquals(60, parallel.total());
    assertTrue(parallel.count(Outcome.MIGRATED) > 30, parallel::toString);
    assertTrue(parallel.count(Outcome.FAILED) > 5, parallel::toString);
    assertTrue(parallel.count(Outcome.MISSING) > 2, parallel::toString);
    assertTrue(parallel.count(Outcome.ALREADY_V2) > 5, parallel::toString);
    assertTrue(parallel.results().stream().anyMatch(r -> !r.warnings().isEmpty()));
    assertEquals(files(one), files(six), "the same files with the same bytes");

    List<VerificationResult> verifiedOne = jobs(1).verifyTree(one);
    List<VerificationResult> verifiedSix = jobs(6).verifyTree(six);
    assertEquals(verifiedOne.size(), verifiedSix.size());
    for (int i = 0; i < verifiedOne.size(); i++) {
      assertEquals(verifiedOne.get(i).path(), verifiedSix.get(i).path());
      assertEquals(verifiedOne.get(i).status(), verifiedSix.get(i).status());
      assertEquals(
          String.join("\n", verifiedOne.get(i).problems()).replace(one.toRealPath().toString(), "ROOT"),
          String.join("\n", verifiedSix.get(i).problems()).replace(six.toRealPath().toString(), "ROOT"));
    }

    MigrationReport again = jobs(6).migrateTree(six);
    assertEquals(0, again.count(Outcome.MIGRATED), "idempotent");
    assertEquals(files(one), files(six), "the second run changed nothing");
  }

  @Test
  void theListenerIsCalledFromTheCallersThreadInTheReportsOrder() throws IOException {
    Path root = Files.createDirectory(tmp.resolve("scenes"));
    tree(root, 40);
    Thread caller = Thread.currentThread();
    List<String> heard = new ArrayList<>();
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    MigrationListener listener =
        new MigrationListener() {
          @Override
          public void started(int total) {
            threads.add(Thread.currentThread());
            heard.add("started " + total);
          }

          @Override
          public void fileDone(MigrationResult result) {
            threads.add(Thread.currentThread());
            heard.add(result.path() + " " + (result.collection() != null || result.failed()));
          }
        };
    MigrationReport report =
        PromptMigrator.builder().jobs(8).listener(listener).build().migrateTree(root);

    assertEquals(Set.of(caller), threads);
    List<String> expected = new ArrayList<>();
    expected.add("started 40");
    for (MigrationResult r : report.results()) {
      expected.add(r.path() + " " + (r.outcome() != Outcome.MISSING));
    }
    assertEquals(expected, heard);
  }

  /** Counts the threads that migrate, holding the first {@code gate} loads until all arrived. */
  private static final class GateOps extends ForwardingFileOps {
    final Set<String> threads = ConcurrentHashMap.newKeySet();
    final int gateSize;
    final CountDownLatch gate;
    final AtomicInteger arrivals = new AtomicInteger();

    GateOps(int gateSize) {
      super(FileOps.system());
      this.gateSize = gateSize;
      this.gate = new CountDownLatch(gateSize);
    }

    @Override
    public byte[] read(Path file, int maxBytes) throws IOException {
      threads.add(Thread.currentThread().getName());
      if (file.getFileName().toString().equals(PromptFiles.FILE_NAME)
          && arrivals.incrementAndGet() <= gateSize) {
        gate.countDown();
        try {
          // The first loads happen before any lock is taken: they can wait for each other. If
          // the scenes ran one at a time, the first would wait here in vain (and the test fail).
          gate.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return super.read(file, maxBytes);
    }
  }

  @Test
  void severalScenesAreMigratedAtOnceButNeverMoreThanTheJobs() throws IOException {
    Path root = Files.createDirectory(tmp.resolve("scenes"));
    for (int i = 0; i < 24; i++) {
      Path dir = Files.createDirectory(root.resolve(String.format("s%02d", i)));
      Files.writeString(dir.resolve("prompts.json"), "{\"girl_pos\": \"scene " + i + "\"}");
    }
    GateOps ops = new GateOps(3);
    PromptMigrator migrator =
        PromptMigrator.builder()
            .jobs(3)
            .files(AtomicFiles.builder().fileOps(ops).build())
            .build();
    MigrationReport report = migrator.migrateTree(root);

    assertEquals(24, report.count(Outcome.MIGRATED), report::toString);
    assertEquals(0, ops.gate.getCount(), "three scenes were loading at the same time");
    assertEquals(3, ops.threads.size(), () -> "threads: " + ops.threads);
    assertTrue(ops.threads.stream().allMatch(t -> t.startsWith(POOL_THREAD)), ops.threads::toString);
    // The pool is shut down and awaited before migrateTree returns; a worker thread may still be
    // alive for a moment after it has signalled termination, so give the threads time to end.
    Set<String> left = poolThreads();
    for (int i = 0; i < 100 && !left.isEmpty(); i++) {
      Uninterruptibles.sleepUninterruptibly(20, TimeUnit.MILLISECONDS);
      left = poolThreads();
    }
    assertEquals(Set.of(), left, "the pool's threads did not end");

    GateOps sequential = new GateOps(0);
    Path other = Files.createDirectory(tmp.resolve("other"));
    Files.createDirectory(other.resolve("a"));
    Files.writeString(other.resolve("a/prompts.json"), "{}");
    Files.createDirectory(other.resolve("b"));
    Files.writeString(other.resolve("b/prompts.json"), "{}");
    PromptMigrator.builder()
        .jobs(1)
        .files(AtomicFiles.builder().fileOps(sequential).build())
        .build()
        .migrateTree(other);
    assertEquals(Set.of(Thread.currentThread().getName()), sequential.threads);
  }

  private static Set<String> poolThreads() {
    Set<String> names = new TreeSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith(POOL_THREAD) && t.isAlive()) {
        names.add(t.getName());
      }
    }
    return names;
  }

  /** Checks that every scene is either migrated or untouched; returns how many are migrated. */
  private static int migratedOrUntouched(Path root, List<byte[]> originals) throws IOException {
    List<String> violations = new ArrayList<>();
    int migrated = 0;
    for (int i = 0; i < originals.size(); i++) {
      Path dir = root.resolve(String.format("s%02d", i));
      if (MigrationInvariant.check(dir, originals.get(i), violations).orElse(null)
          == State.MIGRATED) {
        migrated++;
      }
      assertEquals(List.of(), MigrationInvariant.leftovers(dir), dir::toString);
    }
    assertEquals(List.of(), violations);
    return migrated;
  }

  private static List<byte[]> flatTree(Path root, int scenes) throws IOException {
    SplittableRandom r = new SplittableRandom(7L);
    List<byte[]> originals = new ArrayList<>();
    for (int i = 0; i < scenes; i++) {
      Path dir = Files.createDirectory(root.resolve(String.format("s%02d", i)));
      byte[] v1 = V1Files.bytes(r, V1Files.object(r, 500 + r.nextInt(1000)));
      Files.write(dir.resolve("prompts.json"), v1);
      originals.add(v1);
    }
    return originals;
  }

  private static MigrationListener onFile(Consumer<MigrationResult> action) {
    return new MigrationListener() {
      @Override
      public void fileDone(MigrationResult result) {
        action.accept(result);
      }
    };
  }

  @Test
  void aThrowingListenerStopsTheRunWithEveryFileCompleteOrUntouched() throws IOException {
    Path root = Files.createDirectory(tmp.resolve("scenes"));
    List<byte[]> originals = flatTree(root, 60);
    AtomicInteger calls = new AtomicInteger();
    PromptMigrator migrator =
        PromptMigrator.builder()
            .jobs(4)
            .listener(
                onFile(
                    r -> {
                      if (calls.incrementAndGet() == 3) {
                        throw new IllegalStateException("stop at the third file");
                      }
                    }))
            .build();

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> migrator.migrateTree(root));
    assertEquals("stop at the third file", e.getMessage());
    int migrated = migratedOrUntouched(root, originals);
    assertTrue(migrated >= 3, "the files heard were migrated: " + migrated);
    assertTrue(
        migrated <= 3 + 4 * ScenePool.LOOKAHEAD,
        "no scene is started once the listener threw: " + migrated);
    // The pool is shut down and awaited before migrateTree returns; a worker thread may still be
    // alive for a moment after it has signalled termination, so give the threads time to end.
    Set<String> left = poolThreads();
    for (int i = 0; i < 100 && !left.isEmpty(); i++) {
      Uninterruptibles.sleepUninterruptibly(20, TimeUnit.MILLISECONDS);
      left = poolThreads();
    }
    assertEquals(Set.of(), left, "the pool's threads did not end");

    MigrationReport rest = PromptMigrator.builder().jobs(4).build().migrateTree(root);
    assertEquals(60 - migrated, rest.count(Outcome.MIGRATED));
    assertEquals(60, migratedOrUntouched(root, originals));
  }

  @Test
  void anInterruptStopsTheRunWithEveryFileCompleteOrUntouched() throws IOException {
    Path root = Files.createDirectory(tmp.resolve("scenes"));
    List<byte[]> originals = flatTree(root, 40);
    AtomicInteger calls = new AtomicInteger();
    PromptMigrator migrator =
        PromptMigrator.builder()
            .jobs(2)
            .listener(
                onFile(
                    r -> {
                      if (calls.incrementAndGet() == 1) {
                        Thread.currentThread().interrupt();
                      }
                    }))
            .build();
    int handed;
    try {
      InterruptedIOException e =
          assertThrows(InterruptedIOException.class, () -> migrator.migrateTree(root));
      Matcher m = Pattern.compile("interrupted after (\\d+) of 40 scenes; .*").matcher(e.getMessage());
      assertTrue(m.matches(), e.getMessage());
      handed = Integer.parseInt(m.group(1));
      assertTrue(Thread.currentThread().isInterrupted(), "the interrupt flag is kept");
    } finally {
      Thread.interrupted();
    }
    assertTrue(handed >= 1 && handed < 40, "handed: " + handed);
    int migrated = migratedOrUntouched(root, originals);
    assertTrue(
        migrated >= handed && migrated <= handed + 2 * ScenePool.LOOKAHEAD,
        "migrated: " + migrated + ", handed: " + handed);
    // The pool is shut down and awaited before migrateTree returns; a worker thread may still be
    // alive for a moment after it has signalled termination, so give the threads time to end.
    Set<String> left = poolThreads();
    for (int i = 0; i < 100 && !left.isEmpty(); i++) {
      Uninterruptibles.sleepUninterruptibly(20, TimeUnit.MILLISECONDS);
      left = poolThreads();
    }
    assertEquals(Set.of(), left, "the pool's threads did not end");

    PromptMigrator sequential =
        PromptMigrator.builder().jobs(1).listener(onFile(r -> Thread.currentThread().interrupt())).build();
    try {
      InterruptedIOException e =
          assertThrows(InterruptedIOException.class, () -> sequential.migrateTree(root));
      assertTrue(e.getMessage().startsWith("interrupted after 1 of 40 scenes"), e.getMessage());
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void theBuilderChecksJobsAndRefusesASettingMadeTwice() {
    PromptMigrator defaults = PromptMigrator.create();
    assertEquals(PromptMigrator.defaultJobs(), defaults.jobs());
    assertTrue(defaults.jobs() >= 4 && defaults.jobs() <= 16, "default jobs: " + defaults.jobs());
    assertEquals(
        Math.max(4, Math.min(16, 4 * Runtime.getRuntime().availableProcessors())),
        PromptMigrator.defaultJobs());
    assertEquals(1, jobs(1).jobs());
    assertEquals(PromptMigrator.MAX_JOBS, jobs(PromptMigrator.MAX_JOBS).jobs());

    IllegalArgumentException zero =
        assertThrows(IllegalArgumentException.class, () -> PromptMigrator.builder().jobs(0));
    assertEquals("jobs must be in 1..64: 0", zero.getMessage());
    assertThrows(IllegalArgumentException.class, () -> PromptMigrator.builder().jobs(65));
    IllegalArgumentException deep =
        assertThrows(IllegalArgumentException.class, () -> PromptMigrator.builder().maxDepth(33));
    assertEquals("maxDepth must be in 0..32: 33", deep.getMessage());

    List<Consumer<PromptMigrator.Builder>> settings =
        List.of(
            b -> b.jobs(2),
            b -> b.dryRun(false),
            b -> b.maxDepth(1),
            b -> b.listener(MigrationListener.NONE),
            b -> b.files(AtomicFiles.create()),
            b -> b.clock(() -> Instant.EPOCH));
    for (Consumer<PromptMigrator.Builder> setting : settings) {
      PromptMigrator.Builder b = PromptMigrator.builder();
      setting.accept(b);
      IllegalStateException twice = assertThrows(IllegalStateException.class, () -> setting.accept(b));
      assertTrue(twice.getMessage().contains(" was already set to "), twice.getMessage());
      assertSame(PromptMigrator.class, b.build().getClass(), "the first setting still builds");
    }
    assertThrows(NullPointerException.class, () -> PromptMigrator.builder().clock(null));
  }
}
