package io.github.fbtools.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.files.AtomicFiles;
import io.github.fbtools.core.files.FaultFileOps;
import io.github.fbtools.core.files.FaultFileOps.Fault;
import io.github.fbtools.core.files.PromptFiles;
import io.github.fbtools.migration.MigrationInvariant.State;
import io.github.fbtools.migration.MigrationResult.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import javax.annotation.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * T1.1 of RELIABILITY.md for a tree migrated with several jobs ({@link
 * PromptMigrator.Builder#jobs(int)}): crash-point enumeration over a whole {@link
 * PromptMigrator#migrateTree} of seven scenes on three threads, through {@link TreeFaultFileOps}
 * (core's {@link FaultFileOps}, one per scene folder, under one step sequence for all threads). A
 * clean run counts the K steps of the tree; then for every k in 1..K (and K+1, a crash just after
 * the run returned) and each fault (an I/O error, a process death, a power loss that keeps only
 * what was flushed) the tree is migrated afresh with the fault at step k of whatever interleaving
 * the threads take. After each case every scene must satisfy the migration invariant (or be
 * untouched, for the scenes a migration refuses), every scene the run reported migrated must have
 * survived, and the next real run, again with several jobs, must complete the work, verify clean
 * and leave no temporary or lock file. A death must surface from {@code migrateTree} as the error
 * it is, never as a report.
 */
class MigrationTreeCrashTest {
  private static final long DEAD_PID = 999_999_999L;
  private static final int JOBS = 3;

  @TempDir Path diskTmp;
  private Path tmp;
  private int caseNumber;

  @BeforeEach
  void pickFolder() throws IOException {
    tmp = MemoryFolder.create(diskTmp);
  }

  @AfterEach
  void removeFolder() throws IOException {
    MemoryFolder.delete(tmp, diskTmp);
  }

  /** One scene of the tree: its files, and whether a migration upgrades it. */
  private record Scene(
      String name, byte[] prompts, @Nullable byte[] backup, boolean leftovers, boolean migrates) {}

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<Scene> scenes() {
    String one = "{\"girl_pos\": \"a woman\"}";
    SplittableRandom r = new SplittableRandom(20261204L);
    return List.of(
        new Scene("a_one_key", utf8(one), null, false, true),
        new Scene("b_random", V1Files.bytes(r, V1Files.object(r, 3000)), null, false, true),
        new Scene("c_backup_equal", utf8(one), utf8(one), false, true),
        new Scene("d_already_v2", utf8("{\"version\": 2, \"prompts\": {\"a\": \"b\"}}"), null, false, false),
        new Scene("e_corrupt", utf8("{\"girl_pos\": \"a\",,}"), null, false, false),
        new Scene("f_leftovers", utf8("{\"male_pos\": \"caf\u00e9\", \"n\": 1}"), null, true, true),
        new Scene("g_backup_different", utf8(one), utf8("{\"girl_pos\": \"older\"}"), false, false));
  }

  private Path setUp(List<Scene> scenes) throws IOException {
    Path root = Files.createDirectory(tmp.resolve("tree" + caseNumber++));
    for (Scene s : scenes) {
      Path dir = Files.createDirectory(root.resolve(s.name()));
      Files.write(dir.resolve("prompts.json"), s.prompts());
      if (s.backup() != null) {
        Files.write(dir.resolve("prompts.json.v1.backup"), s.backup());
      }
      if (s.leftovers()) {
        Files.write(dir.resolve("prompts.json." + DEAD_PID + ".00000000000000aa.tmp"), utf8("{\"half"));
        Files.write(
            dir.resolve("prompts.json.lock"),
            utf8("fbtools-lock pid=" + (DEAD_PID - 1) + " token=00000000000000bb\n"));
      }
    }
    return root;
  }

  private static List<Path> dirs(Path root, List<Scene> scenes) {
    List<Path> out = new ArrayList<>();
    for (Scene s : scenes) {
      out.add(root.resolve(s.name()));
    }
    return out;
  }

  private static PromptMigrator migrator(AtomicFiles files) {
    return PromptMigrator.builder().files(files).jobs(JOBS).build();
  }

  /** The real steps without the physical flushes (durability is modelled, not measured here). */
  private static AtomicFiles real() {
    return AtomicFiles.builder().fileOps(FaultFileOps.withoutFlushes()).build();
  }

  private static void untouched(String where, Path dir, Scene s, List<String> v)
      throws IOException {
    if (!Arrays.equals(s.prompts(), MigrationInvariant.read(PromptFiles.file(dir)))) {
      v.add(where + ": " + s.name() + "/prompts.json changed");
    }
    if (!Arrays.equals(s.backup(), MigrationInvariant.read(PromptFiles.backupFile(dir)))) {
      v.add(where + ": " + s.name() + " backup changed");
    }
  }

  /** Runs one case; returns its violations. */
  private List<String> runCase(List<Scene> scenes, Fault fault, int at, boolean broken)
      throws IOException {
    List<String> v = new ArrayList<>();
    Path root = setUp(scenes);
    TreeFaultFileOps ops = new TreeFaultFileOps(dirs(root, scenes), at, fault, DEAD_PID);
    if (broken) {
      ops.skipDirectoryForce();
    }
    // The threads of one run never share a file, and the in-process locks are per file, so no
    // thread waits for another; the timeout only bounds a wait should a bug make one.
    AtomicFiles files =
        AtomicFiles.builder().fileOps(ops).lockTimeout(Duration.ofSeconds(30)).build();
    String where = fault + " at step " + at;
    MigrationReport report = null;
    try {
      report = migrator(files).migrateTree(root);
    } catch (TreeFaultFileOps.TreeCrash crash) {
      if (fault == Fault.IO_ERROR) {
        v.add(where + ": unexpected crash " + crash.getMessage());
      }
    } catch (IOException | RuntimeException | Error e) {
      v.add(where + ": uncaught " + e);
      return v;
    }
    String point = where + " (" + ops.faultedStep() + ")";
    if (fault != Fault.IO_ERROR) {
      if (report != null && ops.dead()) {
        v.add(point + ": the run reported " + report.counts() + " after the process died");
      }
      ops.closeOpenFiles();
      if (fault == Fault.POWER_LOSS) {
        ops.powerLoss(Instant.now().minus(Duration.ofHours(1)));
      }
    }
    for (int i = 0; i < scenes.size(); i++) {
      Scene s = scenes.get(i);
      Path dir = root.resolve(s.name());
      if (!s.migrates()) {
        untouched(point, dir, s, v);
        continue;
      }
      List<String> found = new ArrayList<>();
      Optional<State> state = MigrationInvariant.check(dir, s.prompts(), found);
      found.forEach(x -> v.add(point + ": " + x));
      boolean reported = report != null && report.results().get(i).outcome() == Outcome.MIGRATED;
      if (reported && state.isPresent() && state.get() != State.MIGRATED) {
        v.add(point + ": " + s.name() + " was reported MIGRATED but did not survive");
      }
    }
    recover(point, root, scenes, v);
    if (v.isEmpty()) {
      deleteTree(root); // keeps the folder of hundreds of cases small
    }
    return v;
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }

  /** The next real run, with several jobs, completes the work and leaves nothing behind. */
  private static void recover(String where, Path root, List<Scene> scenes, List<String> v)
      throws IOException {
    MigrationReport again = migrator(real()).migrateTree(root);
    List<VerificationResult> verified = migrator(real()).verifyTree(root);
    for (int i = 0; i < scenes.size(); i++) {
      Scene s = scenes.get(i);
      Path dir = root.resolve(s.name());
      if (s.migrates()) {
        Outcome o = again.results().get(i).outcome();
        if (o != Outcome.MIGRATED && o != Outcome.ALREADY_V2) {
          v.add(where + ": the next run did not complete " + s.name() + ": " + again.results().get(i));
        }
        List<String> found = new ArrayList<>();
        if (MigrationInvariant.check(dir, s.prompts(), found).orElse(null) != State.MIGRATED) {
          v.add(where + ": " + s.name() + " not migrated after the next run: " + found);
        }
        if (!MigrationInvariant.verifiedClean(verified.get(i))) {
          v.add(where + ": verify after the next run: " + verified.get(i));
        }
      } else {
        untouched(where + ", after the next run", dir, s, v);
      }
      List<String> left = MigrationInvariant.leftovers(dir);
      if (!left.isEmpty()) {
        v.add(where + ": " + s.name() + " holds " + left + " after the next run");
      }
    }
  }

  /** Enumerates the cases of the given faults; returns the violations (at most 40) and counts. */
  private List<String> enumerate(List<Fault> faults, boolean broken, int[] counts)
      throws IOException {
    List<Scene> scenes = scenes();
    Path probe = setUp(scenes);
    TreeFaultFileOps counter = new TreeFaultFileOps(dirs(probe, scenes), 0, Fault.NONE, DEAD_PID);
    MigrationReport clean =
        migrator(AtomicFiles.builder().fileOps(counter).build()).migrateTree(probe);
    assertEquals(4, clean.count(Outcome.MIGRATED), clean::toString);
    assertEquals(2, clean.count(Outcome.FAILED), clean::toString);
    assertTrue(
        counter.threads().size() > 1 && counter.threads().stream().allMatch(t -> t.startsWith("fbtools-migrate-")),
        () -> "the scenes ran on the pool's threads: " + counter.threads());
    int k = counter.stepCount();
    counts[0] = k;
    List<String> violations = new ArrayList<>();
    for (Fault fault : faults) {
      int last = fault == Fault.IO_ERROR ? k : k + 1;
      for (int at = 1; at <= last; at++) {
        counts[1]++;
        for (String x : runCase(scenes, fault, at, broken)) {
          if (violations.size() < 40) {
            violations.add(x);
          }
        }
      }
    }
    return violations;
  }

  @Test
  void everyCrashPointOfAParallelTreeMigrationKeepsTheInvariant() throws IOException {
    int[] counts = new int[2];
    List<String> violations =
        enumerate(List.of(Fault.IO_ERROR, Fault.DEATH, Fault.POWER_LOSS), false, counts);
    System.out.printf(
        "T1.1 tree with %d jobs: %d scenes, %d steps, %d cases%n",
        JOBS, scenes().size(), counts[0], counts[1]);
    assertEquals(List.of(), violations);
    assertTrue(counts[0] >= 7 * 10, "steps counted: " + counts[0]);
    assertTrue(counts[1] >= 3 * counts[0], "cases enumerated: " + counts[1]);
  }

  @Test
  void negativeControlAParallelTreeMigrationWithoutFolderFlushesIsCaughtByPowerLoss()
      throws IOException {
    List<String> violations = enumerate(List.of(Fault.POWER_LOSS), true, new int[2]);
    System.out.println(
        "T1.1 tree without folder flushes: " + violations.size() + " violations (40 at most)");
    assertTrue(
        violations.stream().anyMatch(x -> x.contains("was reported MIGRATED but did not survive")),
        () -> String.join("\n", violations));
  }
}
