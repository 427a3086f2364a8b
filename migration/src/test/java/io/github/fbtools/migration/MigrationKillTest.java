package io.github.fbtools.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.files.PromptFiles;
import io.github.fbtools.migration.MigrationInvariant.State;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * T1.2 (kill -9 soak, CI size) and T1.3 (its negative control) of RELIABILITY.md, on the real
 * file system of the build.
 *
 * <p>A tree of 500 scenes with version 1 files of 1 to 20 KB. A child JVM migrates the tree, then
 * edits random scenes through {@link PromptFiles} until the parent kills it with SIGKILL ({@link
 * Process#destroyForcibly()}) at a seeded random moment, 0 to 1.5 s after it started work (while
 * scenes are left to migrate) or, every other kill once the tree is migrated, after it finished
 * the migration and started editing; the
 * parent then checks every scene against the migration invariant and starts the next child, which
 * migrates again (the migration is idempotent). After the last kill a clean child run must
 * complete: 500 of 500 migrated, verified, and not one temporary or lock file left.
 *
 * <p>The children migrate on a pool ({@link PromptMigrator.Builder#jobs(int)}): the k-th child with
 * 4, 2, 8 and 1 jobs in turn (so three kills in four hit a parallel migration, several scenes in
 * flight at once), the final run with 4; {@code -Dfbtools.soak.jobs=N} fixes the number for every
 * child. A parallel migration of the tree is over in about a second, so every third kill of the
 * first two thirds first turns a third of the scenes (picked at random) back into fresh version 1
 * scenes and kills within 0.6 s: kills keep landing in the middle of parallel migrations.
 *
 * <p>Sizes: {@code -Dfbtools.soak.kills=N} (default 50) and {@code -Dfbtools.soak.scenes=N}
 * (default 500), {@code -Dfbtools.soak.seed=N}. The test prints what it measured; it asserts only
 * correctness (no timing), and its waits are generous, for a loaded two-core machine.
 */
class MigrationKillTest {
  private static final int KILLS = Integer.getInteger("fbtools.soak.kills", 50);
  private static final int SCENES = Integer.getInteger("fbtools.soak.scenes", 500);
  private static final long SEED = Long.getLong("fbtools.soak.seed", 20261128L);
  private static final int MAX_DELAY_MS = 1500;
  private static final int FRESH_DELAY_MS = 600;
  private static final int FIXED_JOBS = Integer.getInteger("fbtools.soak.jobs", 0);
  private static final int[] JOBS_CYCLE = {4, 2, 8, 1};

  /** How many jobs the child of the given kill (or 0: the final run) migrates with. */
  private static int jobsFor(int kill) {
    return FIXED_JOBS > 0 ? FIXED_JOBS : kill == 0 ? 4 : JOBS_CYCLE[kill % JOBS_CYCLE.length];
  }

  @TempDir Path tmp;

  /** Writes the tree; returns the original bytes of each scene, in {@link #sceneDir} order. */
  private List<byte[]> writeTree(Path root, long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    List<byte[]> originals = new ArrayList<>();
    for (int i = 0; i < SCENES; i++) {
      byte[] v1 = V1Files.bytes(r, V1Files.object(r, 1000 + r.nextInt(19_000)));
      Path dir = Files.createDirectories(sceneDir(root, i));
      Files.write(dir.resolve(PromptFiles.FILE_NAME), v1);
      originals.add(v1);
    }
    return originals;
  }

  private static Path sceneDir(Path root, int i) {
    return root.resolve(String.format("%03d_scene", i));
  }

  /** Checks every scene; returns how many are migrated, adding violations. */
  private static int checkAll(Path root, List<byte[]> originals, List<String> violations)
      throws IOException {
    int migrated = 0;
    for (int i = 0; i < originals.size(); i++) {
      Optional<State> s = MigrationInvariant.check(sceneDir(root, i), originals.get(i), violations);
      if (s.orElse(null) == State.MIGRATED) {
        migrated++;
      }
    }
    return migrated;
  }

  /**
   * Turns a third of the scenes, picked at random, back into fresh version 1 scenes (their
   * original bytes, no backup, nothing else); returns how many of them were migrated.
   */
  private static int resetScenes(Path root, List<byte[]> originals, SplittableRandom r)
      throws IOException {
    int wasMigrated = 0;
    for (int n = 0; n < originals.size() / 3; n++) {
      int i = r.nextInt(originals.size());
      Path dir = sceneDir(root, i);
      List<String> found = new ArrayList<>();
      if (MigrationInvariant.check(dir, originals.get(i), found).orElse(null) == State.MIGRATED) {
        wasMigrated++;
      }
      for (String name : MigrationInvariant.names(dir)) {
        Files.delete(dir.resolve(name));
      }
      Files.write(dir.resolve(PromptFiles.FILE_NAME), originals.get(i));
    }
    return wasMigrated;
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.MINUTES)
  void sigkillAtRandomMomentsLosesNothingAndTheFinalRunCompletes() throws Exception {
    long start = System.nanoTime();
    Path root = Files.createDirectory(tmp.resolve("scenes"));
    List<byte[]> originals = writeTree(root, SEED);
    SplittableRandom moments = new SplittableRandom(SEED ^ 0x5eedL);
    List<String> violations = new ArrayList<>();
    long filesChecked = 0;
    int killsDuringMigration = 0;
    int killsDuringParallelMigration = 0;
    int killsDuringRerun = 0;
    int killsDuringEdits = 0;
    int migratedSoFar = 0;
    int migratedAtFirstKill = -1;
    int freshStarts = 0;
    for (int kill = 1; kill <= KILLS; kill++) {
      int jobs = jobsFor(kill);
      boolean fresh = kill <= KILLS * 2 / 3 && kill % 3 == 0;
      if (fresh) {
        freshStarts++;
        migratedSoFar -= resetScenes(root, originals, moments);
      }
      ChildJvm child = ChildJvm.start("soak", root, SEED + kill, jobs);
      assertTrue(
          child.awaitLineStartingWith("ready", 3, TimeUnit.MINUTES),
          () -> "child did not start: " + child.output());
      // While scenes are left to migrate, kills count from the start of the work and hit the
      // migration (for the last third of the kills at the latest, the tree is then finished).
      // Then odd kills still count from the start (they hit a re-run over the migrated tree or the
      // first edits) and even ones from the end of the migration (they hit the edits).
      boolean afterMigration =
          !fresh && (migratedSoFar == SCENES || kill > KILLS * 2 / 3) && kill % 2 == 0;
      if (afterMigration) {
        assertTrue(
            child.awaitLineStartingWith("migrated ", 10, TimeUnit.MINUTES),
            () -> "the child did not finish the migration: " + child.output());
      }
      int delay = moments.nextInt((fresh ? FRESH_DELAY_MS : MAX_DELAY_MS) + 1);
      if (child.process().waitFor(delay, TimeUnit.MILLISECONDS)) {
        throw new AssertionError("the child exited by itself: " + child.output());
      }
      List<String> output = child.kill();
      output.stream().filter(l -> l.startsWith("FAILED")).forEach(violations::add);
      int migrated = checkAll(root, originals, violations);
      if (output.stream().anyMatch(l -> l.startsWith("migrated "))) {
        killsDuringEdits++;
      } else if (migrated < SCENES) {
        killsDuringMigration++;
        killsDuringParallelMigration += jobs > 1 ? 1 : 0;
      } else {
        killsDuringRerun++;
      }
      filesChecked += 2L * originals.size();
      if (kill == 1) {
        migratedAtFirstKill = migrated;
      }
      migratedSoFar = migrated;
      assertEquals(
          List.of(), violations, "after kill " + kill + " at " + delay + " ms, " + jobs + " jobs");
    }

    ChildJvm last = ChildJvm.start("final", root, SEED, jobsFor(0));
    int rc = last.waitFor(5, TimeUnit.MINUTES);
    assertEquals(0, rc, () -> "the final run failed: " + last.output());
    assertEquals(SCENES, checkAll(root, originals, violations), "all migrated after the final run");
    filesChecked += 2L * originals.size();
    assertEquals(List.of(), violations);
    int leftovers = 0;
    for (int i = 0; i < SCENES; i++) {
      List<String> names = MigrationInvariant.names(sceneDir(root, i));
      if (!names.equals(List.of("prompts.json", "prompts.json.v1.backup"))) {
        leftovers++;
        violations.add(sceneDir(root, i).getFileName() + " holds " + names);
      }
    }
    assertEquals(List.of(), violations, "no temporary or lock file remains");
    List<VerificationResult> verified = PromptMigrator.builder().jobs(4).build().verifyTree(root);
    assertEquals(SCENES, verified.size());
    assertTrue(
        verified.stream().allMatch(MigrationInvariant::verifiedClean), () -> verified.toString());

    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "T1.2: %d scenes, %d SIGKILLs (%d after turning a third of the scenes back into v1; %d during"
            + " the migration, %d of them with several jobs, %d during a re-run over the migrated"
            + " tree, %d during edits; %d scenes migrated at the first kill, %d before the final run),"
            + " %d files checked, 0 lost, 0 corrupt, %d/%d migrated after the final run,"
            + " %d leftover files, %.1f s (seed %d)%n",
        SCENES,
        KILLS,
        freshStarts,
        killsDuringMigration,
        killsDuringParallelMigration,
        killsDuringRerun,
        killsDuringEdits,
        migratedAtFirstKill,
        migratedSoFar,
        filesChecked,
        SCENES,
        SCENES,
        leftovers,
        seconds,
        SEED);
  }

  @Test
  @Timeout(value = 15, unit = TimeUnit.MINUTES)
  void negativeControlTheSameHarnessCatchesANaiveWriter() throws Exception {
    long start = System.nanoTime();
    Path root = Files.createDirectory(tmp.resolve("naive"));
    List<byte[]> originals = writeTree(root, SEED + 1);
    SplittableRandom moments = new SplittableRandom(SEED ^ 0xbadL);
    List<String> violations = new ArrayList<>();
    int kills = 0;
    while (violations.isEmpty() && kills < KILLS) {
      kills++;
      ChildJvm child = ChildJvm.start("naive", root, SEED + kills);
      assertTrue(
          child.awaitLineStartingWith("ready", 3, TimeUnit.MINUTES),
          () -> "child did not start: " + child.output());
      if (child.process().waitFor(moments.nextInt(MAX_DELAY_MS + 1), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("the child exited by itself: " + child.output());
      }
      child.kill();
      checkAll(root, originals, violations);
    }
    System.out.printf(
        "T1.3: the naive writer was caught after %d SIGKILLs (%.1f s): %s%n",
        kills, (System.nanoTime() - start) / 1e9, violations.isEmpty() ? "-" : violations.get(0));
    assertFalse(violations.isEmpty(), "the harness must catch a truncate-and-write writer");
  }
}
