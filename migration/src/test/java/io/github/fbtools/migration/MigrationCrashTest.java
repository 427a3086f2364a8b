package io.github.fbtools.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.json.FormatException;
import io.github.fbtools.core.files.AtomicFiles;
import io.github.fbtools.core.files.FaultFileOps;
import io.github.fbtools.core.files.FaultFileOps.Fault;
import io.github.fbtools.core.files.FaultFileOps.SimulatedCrash;
import io.github.fbtools.core.files.PromptFiles;
import io.github.fbtools.migration.MigrationInvariant.State;
import io.github.fbtools.migration.MigrationResult.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import javax.annotation.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * T1.1 of RELIABILITY.md for the migration: crash-point enumeration through core's {@link
 * FaultFileOps}. For each fixture, a clean run counts the K steps of the operation; then for every
 * k in 1..K (and K+1: a crash just after it returned) and each fault (an I/O error, a process
 * death, a power loss that keeps only what was flushed) the operation runs on a fresh copy with
 * the fault at step k. The checker then asserts the migration invariant, a clean re-open, and that
 * the next real run completes the work and leaves no temporary or lock file.
 *
 * <p>Operations: {@link PromptMigrator#migrate} (20 fixtures: empty, one key, 200 keys,
 * non-ASCII, empty strings, keys named {@code prompts}/{@code version}, a byte-order mark and CRLF,
 * a private file, already version 2, a backup present, partial or different, a corrupt file, an
 * unsupported version, a dead writer's leftovers, and seeded random files), a save of an edit
 * through {@link PromptFiles} on a migrated scene, and {@link PromptMigrator#rollback}. The same
 * checker must catch a migration whose writer skips the folder flush.
 */
class MigrationCrashTest {
  private static final long DEAD_PID = 999_999_999L;

  @TempDir Path diskTmp;
  private Path tmp;
  private int caseNumber;

  /** The cases run in memory where possible: durability is modelled here, not measured. */
  @BeforeEach
  void pickFolder() throws IOException {
    tmp = MemoryFolder.create(diskTmp);
  }

  @AfterEach
  void removeFolder() throws IOException {
    MemoryFolder.delete(tmp, diskTmp);
  }

  /** A starting state: the files of a scene folder. */
  private static final class Fixture {
    final String name;
    final byte[] prompts;
    @Nullable final byte[] backup;
    @Nullable final String permissions;
    final boolean leftovers;
    /** What the migration must end with: MIGRATED, or the files untouched. */
    final boolean migrates;

    Fixture(
        String name,
        String prompts,
        @Nullable String backup,
        @Nullable String permissions,
        boolean leftovers,
        boolean migrates) {
      this(name, utf8(prompts), backup == null ? null : utf8(backup), permissions, leftovers, migrates);
    }

    Fixture(
        String name,
        byte[] prompts,
        @Nullable byte[] backup,
        @Nullable String permissions,
        boolean leftovers,
        boolean migrates) {
      this.name = name;
      this.prompts = prompts;
      this.backup = backup;
      this.permissions = permissions;
      this.leftovers = leftovers;
      this.migrates = migrates;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<Fixture> migrationFixtures() {
    String one = "{\"girl_pos\": \"a woman\"}";
    StringBuilder many = new StringBuilder("{\n");
    for (int i = 0; i < 200; i++) {
      many.append("    \"key_").append(i).append("\": \"value ").append(i).append(" caf\u00e9\"")
          .append(i < 199 ? ",\n" : "\n");
    }
    many.append("}");
    List<Fixture> f = new ArrayList<>();
    f.add(new Fixture("empty v1", "{}", null, null, false, true));
    f.add(new Fixture("one key", one, null, null, false, true));
    f.add(new Fixture("200 keys", many.toString(), null, null, false, true));
    f.add(new Fixture(
        "non-ASCII, escaped",
        "{\n    \"girl_pos\": \"caf\\u00e9 \\u65e5\\u672c \\ud83d\\ude00\",\n    \"cl\u00e9\": \"\u05e9\u05dc\u05d5\u05dd\"\n}",
        null, null, false, true));
    f.add(new Fixture("empty strings only", "{\"girl_pos\": \"\", \"male_pos\": \"\"}", null, null, false, true));
    f.add(new Fixture(
        "keys named prompts and version",
        "{\"version\": 1, \"prompts\": \"a key named prompts\", \"compositions\": null, \"\": 0}",
        null, null, false, true));
    f.add(new Fixture("BOM and CRLF", "\ufeff{\r\n  \"girl_pos\": \"x\",\r\n  \"n\": [1, {}]\r\n}\r\n", null, null, false, true));
    f.add(new Fixture("private file", one, null, "rw-------", false, true));
    f.add(new Fixture("already v2", "{\"version\": 2, \"prompts\": {\"a\": \"b\"}}", null, null, false, false));
    f.add(new Fixture("backup present and equal", one, one, null, false, true));
    f.add(new Fixture("backup partial", one, one.substring(0, 10), null, false, false));
    f.add(new Fixture("backup different", one, "{\"girl_pos\": \"older\"}", null, false, false));
    f.add(new Fixture("corrupt", "{\"girl_pos\": \"a\",,}", null, null, false, false));
    f.add(new Fixture("unsupported version", "{\"version\": 3, \"prompts\": {}}", null, null, false, false));
    f.add(new Fixture("dead writer's leftovers", one, null, null, true, true));
    f.add(new Fixture("null version", "{\"version\": null, \"girl_pos\": \"x\", \"b\": true}", null, "rw-r--r--", false, true));
    SplittableRandom r = new SplittableRandom(20261128L);
    for (int i = 0; i < 4; i++) {
      int size = i == 0 ? 20_000 : 1000 + r.nextInt(4000);
      f.add(new Fixture("random v1 #" + i + " (" + size + " B)", V1Files.bytes(r, V1Files.object(r, size)), null, null, i == 3, true));
    }
    return f;
  }

  // ---------------------------------------------------------------------------------------------
  // Scenarios

  /** One operation under test, with its checker and its recovery. */
  private abstract static class Scenario {
    final String name;

    Scenario(String name) {
      this.name = name;
    }

    /** Brings the folder to the operation's starting state (with the real code). */
    void prepare(Path dir, Fixture f) throws IOException {}

    /** Runs the operation with the faulty writer; returns whether it reported success. */
    abstract boolean run(AtomicFiles files, Path dir, Fixture f) throws IOException;

    /** Checks the folder at any instant; returns the state, or adds violations. */
    abstract void check(String where, Path dir, Fixture f, boolean completed, List<String> v)
        throws IOException;

    /** Runs the operation again with the real code and checks the end state. */
    abstract void recover(String where, Path dir, Fixture f, List<String> v) throws IOException;
  }

  private static PromptMigrator migrator(AtomicFiles files) {
    return PromptMigrator.builder().files(files).build();
  }

  private static AtomicFiles real() {
    return AtomicFiles.builder().fileOps(FaultFileOps.withoutFlushes()).build();
  }

  private static final Scenario MIGRATE =
      new Scenario("migrate") {
        @Override
        boolean run(AtomicFiles files, Path dir, Fixture f) {
          MigrationResult r = migrator(files).migrate(dir);
          return r.outcome() == Outcome.MIGRATED;
        }

        @Override
        void check(String where, Path dir, Fixture f, boolean completed, List<String> v)
            throws IOException {
          if (!f.migrates) {
            untouched(where, dir, f, v);
            return;
          }
          List<String> found = new ArrayList<>();
          Optional<State> s = MigrationInvariant.check(dir, f.prompts, found);
          found.forEach(x -> v.add(where + ": " + x));
          if (completed && s.isPresent() && s.get() != State.MIGRATED) {
            v.add(where + ": migrate returned MIGRATED but the version 2 file did not survive");
          }
        }

        @Override
        void recover(String where, Path dir, Fixture f, List<String> v) throws IOException {
          MigrationResult r = migrator(real()).migrate(dir);
          if (f.migrates) {
            if (r.outcome() != Outcome.MIGRATED && r.outcome() != Outcome.ALREADY_V2) {
              v.add(where + ": the next migration did not complete: " + r);
            }
            List<String> found = new ArrayList<>();
            if (MigrationInvariant.check(dir, f.prompts, found).orElse(null) != State.MIGRATED) {
              v.add(where + ": not migrated after the next run: " + found);
            }
            VerificationResult ok = migrator(real()).verify(dir);
            if (!MigrationInvariant.verifiedClean(ok)) {
              v.add(where + ": verify after the next run: " + ok.problems());
            }
          } else {
            untouched(where + ", after the next run", dir, f, v);
          }
        }
      };

  private static void untouched(String where, Path dir, Fixture f, List<String> v)
      throws IOException {
    if (!Arrays.equals(f.prompts, MigrationInvariant.read(PromptFiles.file(dir)))) {
      v.add(where + ": prompts.json changed");
    }
    if (!Arrays.equals(f.backup, MigrationInvariant.read(PromptFiles.backupFile(dir)))) {
      v.add(where + ": the backup changed");
    }
  }

  /** An edit saved through PromptFiles over a migrated scene. */
  private static final Scenario SAVE =
      new Scenario("save an edit") {
        @Override
        void prepare(Path dir, Fixture f) throws IOException {
          migrator(real()).migrate(dir);
        }

        @Override
        boolean run(AtomicFiles files, Path dir, Fixture f) throws IOException {
          PromptFiles pf = PromptFiles.using(files);
          PromptFiles.Loaded l = pf.load(dir);
          pf.write(dir, l.collection().withPrompt("edited", "by the crash test \u2713"), l.fingerprint());
          return true;
        }

        @Override
        void check(String where, Path dir, Fixture f, boolean completed, List<String> v)
            throws IOException {
          List<String> found = new ArrayList<>();
          if (MigrationInvariant.check(dir, f.prompts, found).orElse(null) != State.MIGRATED) {
            v.add(where + ": not a migrated scene any more: " + found);
            return;
          }
          boolean edited =
              PromptFiles.create().read(dir).promptValue("edited").isPresent();
          if (completed && !edited) {
            v.add(where + ": the save returned but the edit did not survive");
          }
        }

        @Override
        void recover(String where, Path dir, Fixture f, List<String> v) throws IOException {
          real().removeLeftovers(dir);
          run(real(), dir, f);
          check(where + ", after the next save", dir, f, true, v);
        }
      };

  /** A rollback of a migrated and edited scene. */
  private static final Scenario ROLLBACK =
      new Scenario("rollback") {
        @Override
        void prepare(Path dir, Fixture f) throws IOException {
          migrator(real()).migrate(dir);
          SAVE.run(real(), dir, f);
        }

        @Override
        boolean run(AtomicFiles files, Path dir, Fixture f) {
          return migrator(files).rollback(dir).outcome() == RollbackResult.Outcome.ROLLED_BACK;
        }

        @Override
        void check(String where, Path dir, Fixture f, boolean completed, List<String> v)
            throws IOException {
          byte[] now = MigrationInvariant.read(PromptFiles.file(dir));
          byte[] aside = MigrationInvariant.read(dir.resolve(PromptMigrator.ROLLBACK_NAME));
          if (!Arrays.equals(f.prompts, MigrationInvariant.read(PromptFiles.backupFile(dir)))) {
            v.add(where + ": the backup changed");
          }
          boolean original = Arrays.equals(now, f.prompts);
          boolean edited = !original && now != null && isEdited(now);
          if (!original && !edited) {
            v.add(where + ": prompts.json is neither the edited v2 nor the original: " + MigrationInvariant.describe(now));
          }
          if (aside != null) {
            if (!isEdited(aside)) {
              v.add(where + ": the set-aside file is not the edited v2: " + MigrationInvariant.describe(aside));
            }
          } else if (original) {
            v.add(where + ": the original is back but the edited v2 is lost");
          }
          if (completed && !original) {
            v.add(where + ": rollback returned but the original did not survive");
          }
        }

        @Override
        void recover(String where, Path dir, Fixture f, List<String> v) throws IOException {
          RollbackResult r = migrator(real()).rollback(dir);
          if (r.outcome() != RollbackResult.Outcome.ROLLED_BACK
              && r.outcome() != RollbackResult.Outcome.NOT_NEEDED) {
            v.add(where + ": the next rollback did not complete: " + r.reason());
          }
          check(where + ", after the next rollback", dir, f, true, v);
          if (!Files.exists(dir.resolve(PromptMigrator.ROLLBACK_NAME))) {
            v.add(where + ": no set-aside file after the next rollback");
          }
        }
      };

  /** Whether the bytes are a version 2 file holding the crash test's edit. */
  private static boolean isEdited(byte[] bytes) {
    try {
      return io.github.fbtools.core.PromptCollection.fromJson(bytes).promptValue("edited").isPresent();
    } catch (FormatException e) {
      return false;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The enumeration

  private static final class Report {
    int cases;
    int maxSteps;
    final List<String> violations = new ArrayList<>();

    void addAll(List<String> v) {
      for (String s : v) {
        if (violations.size() < 40) {
          violations.add(s);
        }
      }
    }
  }

  private Path setUp(Scenario s, Fixture f) throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("case" + caseNumber++));
    Path file = dir.resolve("prompts.json");
    Files.write(file, f.prompts);
    if (f.permissions != null) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(f.permissions));
    }
    if (f.backup != null) {
      Files.write(dir.resolve("prompts.json.v1.backup"), f.backup);
    }
    if (f.leftovers) {
      Files.write(dir.resolve("prompts.json." + DEAD_PID + ".00000000000000aa.tmp"), utf8("{\"half"));
      Files.write(dir.resolve("prompts.json.v1.backup." + (DEAD_PID - 2) + ".00000000000000cc.tmp"), utf8("{"));
      Files.write(
          dir.resolve("prompts.json.lock"),
          utf8("fbtools-lock pid=" + (DEAD_PID - 1) + " token=00000000000000bb\n"));
    }
    s.prepare(dir, f);
    return dir;
  }

  private Report enumerate(
      Scenario s, List<Fixture> fixtures, List<Fault> faults, UnaryOperator<FaultFileOps> variant)
      throws IOException {
    Report report = new Report();
    for (Fixture f : fixtures) {
      Path probe = setUp(s, f);
      FaultFileOps counter = variant.apply(new FaultFileOps(probe, 0, Fault.NONE, DEAD_PID));
      s.run(writer(counter), probe, f);
      int k = counter.stepCount();
      report.maxSteps = Math.max(report.maxSteps, k);
      for (Fault fault : faults) {
        int last = fault == Fault.IO_ERROR ? k : k + 1;
        for (int at = 1; at <= last; at++) {
          report.cases++;
          report.addAll(runCase(s, f, fault, at, variant));
        }
      }
    }
    return report;
  }

  private static AtomicFiles writer(FaultFileOps ops) {
    return AtomicFiles.builder().fileOps(ops).lockTimeout(Duration.ZERO).build();
  }

  private List<String> runCase(
      Scenario s, Fixture f, Fault fault, int at, UnaryOperator<FaultFileOps> variant)
      throws IOException {
    List<String> v = new ArrayList<>();
    Path dir = setUp(s, f);
    FaultFileOps ops = variant.apply(new FaultFileOps(dir, at, fault, DEAD_PID));
    String where = s.name + " / " + f + " / " + fault + " at step " + at;
    boolean completed = false;
    boolean returned = false;
    try {
      completed = s.run(writer(ops), dir, f);
      returned = true;
    } catch (SimulatedCrash crash) {
      if (fault == Fault.IO_ERROR) {
        v.add(where + ": unexpected crash");
      }
    } catch (IOException | RuntimeException | Error e) {
      if (fault == Fault.IO_ERROR && e instanceof IOException && s == SAVE) {
        // a save reports a failed write by throwing; the migrator never does
      } else {
        v.add(where + ": uncaught " + e);
        return v;
      }
    }
    where += " (" + ops.faultedStep() + ")";
    if (fault != Fault.IO_ERROR) {
      if (!returned && !ops.dead()) {
        v.add(where + ": did not stop at the crash");
      }
      ops.closeOpenFiles();
      if (fault == Fault.POWER_LOSS) {
        ops.materializeDurableState(Instant.now().minus(Duration.ofHours(1)));
      }
    }
    s.check(where, dir, f, completed, v);
    // A re-open is a clean load, or a typed error on a file left untouched.
    try {
      PromptFiles.create().load(dir);
    } catch (FormatException e) {
      if (f.migrates || s != MIGRATE) {
        v.add(where + ": the re-open failed: " + e);
      }
    }
    s.recover(where, dir, f, v);
    List<String> left = MigrationInvariant.leftovers(dir);
    if (!left.isEmpty()) {
      v.add(where + ": left " + left + " after the next run");
    }
    if (v.isEmpty()) {
      deleteCase(dir);
    }
    return v;
  }

  /** Removes a checked case, so that the folder of thousands of cases stays small. */
  private static void deleteCase(Path dir) throws IOException {
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Files.delete(p);
      }
    }
    Files.delete(dir);
  }

  private static final List<Fault> ALL = List.of(Fault.IO_ERROR, Fault.DEATH, Fault.POWER_LOSS);

  // ---------------------------------------------------------------------------------------------

  @Test
  void everyCrashPointOfAMigrationKeepsTheInvariant() throws IOException {
    List<Fixture> fixtures = migrationFixtures();
    Report report = enumerate(MIGRATE, fixtures, ALL, o -> o);
    System.out.printf(
        "T1.1 migrate: %d fixtures, %d cases, up to %d steps%n",
        fixtures.size(), report.cases, report.maxSteps);
    assertEquals(List.of(), report.violations);
    assertEquals(20, fixtures.size());
    assertTrue(report.cases >= 1500, "cases enumerated: " + report.cases);
  }

  @Test
  void everyCrashPointOfASaveOverAMigratedSceneKeepsTheInvariant() throws IOException {
    List<Fixture> fixtures = migrationFixtures().subList(1, 4);
    Report report = enumerate(SAVE, fixtures, ALL, o -> o);
    System.out.printf("T1.1 save: %d cases, up to %d steps%n", report.cases, report.maxSteps);
    assertEquals(List.of(), report.violations);
    assertTrue(report.cases >= 3 * 3 * 20, "cases enumerated: " + report.cases);
  }

  @Test
  void everyCrashPointOfARollbackKeepsBothVersions() throws IOException {
    List<Fixture> fixtures = migrationFixtures().subList(1, 4);
    Report report = enumerate(ROLLBACK, fixtures, ALL, o -> o);
    System.out.printf("T1.1 rollback: %d cases, up to %d steps%n", report.cases, report.maxSteps);
    assertEquals(List.of(), report.violations);
    assertTrue(report.cases >= 3 * 3 * 20, "cases enumerated: " + report.cases);
  }

  @Test
  void negativeControlAMigrationWithoutFolderFlushesIsCaughtByPowerLoss() throws IOException {
    Report report =
        enumerate(
            MIGRATE,
            migrationFixtures().subList(1, 3),
            List.of(Fault.POWER_LOSS),
            FaultFileOps::skipDirectoryForce);
    System.out.println("T1.1 migrate without folder flushes: " + report.violations.size() + " violations");
    assertFalse(report.violations.isEmpty(), "the checker must catch a missing folder flush");
    assertTrue(
        report.violations.stream().anyMatch(x -> x.contains("returned MIGRATED but the version 2 file did not survive")),
        () -> String.join("\n", report.violations));
  }

  @Test
  void negativeControlAMigrationWithoutFileFlushesIsCaughtByPowerLoss() throws IOException {
    Report report =
        enumerate(
            MIGRATE,
            migrationFixtures().subList(1, 3),
            List.of(Fault.POWER_LOSS),
            FaultFileOps::skipFileForce);
    assertFalse(report.violations.isEmpty(), "the checker must catch a missing file flush");
  }
}
