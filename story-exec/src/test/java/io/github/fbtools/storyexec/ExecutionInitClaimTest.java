package io.github.fbtools.storyexec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.InvalidNameException;
import io.github.fbtools.core.files.AtomicFiles;
import io.github.fbtools.core.files.FileOps;
import io.github.fbtools.core.files.ForwardingFileOps;
import io.github.fbtools.storyexec.ExecIdTest.Script;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
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

/**
 * {@link ExecutionInit#claimExecId}: a new execution's folder is claimed through the injected
 * atomic writer (created exclusively, its parent flushed), never reused, never shared between
 * concurrent callers; {@link ExecId} itself is a pure value.
 */
class ExecutionInitClaimTest {
  private static final Clock UTC =
      Clock.fixed(Instant.parse("2026-03-14T09:30:05.999Z"), ZoneOffset.UTC);

  @TempDir Path story;

  private static ExecutionInit init(RandomGenerator random, AtomicFiles files) {
    return ExecutionInit.builder().clock(UTC).random(random).files(files).build();
  }

  private Path executions() {
    return story.resolve("jobs/job1/executions");
  }

  @Test
  void theClaimCreatesTheFolderThroughTheInjectedWriterAndFlushesItsParent() throws IOException {
    List<String> steps = Collections.synchronizedList(new ArrayList<>());
    FileOps recording =
        new ForwardingFileOps(FileOps.system()) {
          @Override
          public void createDirectory(Path dir) throws IOException {
            steps.add("mkdir " + story.toRealPath().relativize(dir));
            super.createDirectory(dir);
          }

          @Override
          public void forceDirectory(Path dir) throws IOException {
            steps.add("flush " + story.toRealPath().relativize(dir));
            super.forceDirectory(dir);
          }
        };
    ExecutionInit init =
        init(new Script(1, 2, 3, 4, 5, 6), AtomicFiles.builder().fileOps(recording).build());

    ExecId id = init.claimExecId(story, "job1");

    assertEquals("20260314_093005_123456", id.value());
    assertTrue(Files.isDirectory(executions().resolve(id.value())));
    try (Stream<Path> inside = Files.list(executions().resolve(id.value()))) {
      assertEquals(0, inside.count(), "the claimed folder is empty");
    }
    assertEquals(
        List.of(
            "mkdir jobs",
            "flush ",
            "mkdir jobs/job1",
            "flush jobs",
            "mkdir jobs/job1/executions",
            "flush jobs/job1",
            "mkdir jobs/job1/executions/20260314_093005_123456",
            "flush jobs/job1/executions"),
        steps);
    ExecId any = ExecutionInit.create().claimExecId(story, "job1");
    assertTrue(Files.isDirectory(executions().resolve(any.value())));
  }

  @Test
  void aTakenIdIsSkippedAndItsFolderNeverReused() throws IOException {
    // The random source repeats: ids 000000, 111111, 222222, 000000, 111111, 222222, 333333 ...
    Files.createDirectories(executions().resolve("20260314_093005_000000"));
    Files.createDirectory(executions().resolve("20260314_093005_111111"));
    Files.createDirectory(executions().resolve("20260314_093005_222222"));
    Files.writeString(executions().resolve("20260314_093005_111111").resolve("keep"), "x");
    int[] script = new int[6 * 7];
    for (int i = 0; i < script.length; i++) {
      int id = i / 6;
      script[i] = id < 6 ? id % 3 : 3;
    }
    Script random = new Script(script);
    ExecId id = init(random, AtomicFiles.create()).claimExecId(story, "job1");
    assertEquals("20260314_093005_333333", id.value());
    assertEquals(7 * 6, random.calls, "six taken ids were skipped");
    assertEquals("x", Files.readString(executions().resolve("20260314_093005_111111/keep")));
    try (Stream<Path> list = Files.list(executions())) {
      assertEquals(4, list.count());
    }
  }

  @Test
  void theClaimGivesUpAfterMaxAttempts() throws IOException {
    Files.createDirectories(executions().resolve("20260314_093005_000000"));
    Script random = new Script(0);
    IOException e =
        assertThrows(
            IOException.class, () -> init(random, AtomicFiles.create()).claimExecId(story, "job1"));
    assertTrue(e.getMessage().contains("after 100 attempts"), e.getMessage());
    assertEquals(ExecutionInit.MAX_ID_ATTEMPTS * ExecId.RANDOM_LENGTH, random.calls);
  }

  @Test
  void theClaimNeedsAnExistingStoryAndASafeJobId() {
    ExecutionInit init = init(new Script(0), AtomicFiles.create());
    assertThrows(NoSuchFileException.class, () -> init.claimExecId(story.resolve("missing"), "j"));
    assertThrows(InvalidNameException.class, () -> init.claimExecId(story, "../j"));
    assertThrows(NullPointerException.class, () -> init.claimExecId(story, null));
    assertTrue(Files.notExists(story.resolve("jobs")), "nothing created for a refused job id");
  }

  @Test
  void concurrentCallersNeverShareAFolder() throws Exception {
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
              ExecutionInit init = init(new SplittableRandom(99), AtomicFiles.create());
              start.await();
              List<ExecId> mine = new ArrayList<>();
              for (int k = 0; k < 4; k++) {
                mine.add(init.claimExecId(story, "job1"));
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
      try (Stream<Path> list = Files.list(executions())) {
        assertEquals(threads * 4, list.count());
      }
    } finally {
      pool.shutdown();
      assertTrue(pool.awaitTermination(1, TimeUnit.MINUTES));
    }
  }
}
