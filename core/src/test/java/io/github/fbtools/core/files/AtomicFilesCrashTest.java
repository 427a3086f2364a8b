package io.github.fbtools.core.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.files.FaultFileOps.Fault;
import io.github.fbtools.core.files.FaultFileOps.SimulatedCrash;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.annotation.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * T1.1 and T1.3 of RELIABILITY.md: crash-point enumeration through the {@link FileOps} seam.
 *
 * <p>For each fixture, a clean run counts the K steps of the operation. Then for every k in 1..K
 * (and K+1, a crash right after the operation returned) and each fault (an I/O error, a process
 * death, a power loss) the operation runs on a fresh copy of the fixture with the fault at step k.
 * The real code then recovers ({@link AtomicFiles#removeLeftovers}, then one more real run), and
 * the checker asserts: the file holds the old bytes or the new bytes, never anything else; a run
 * that returned normally is durable; no temporary or lock file remains; only typed exceptions.
 *
 * <p>The same checker must find violations in a writer that skips the flush of its temporary
 * file, in one that skips the flush of the folder, and in a naive truncate-and-write writer.
 */
class AtomicFilesCrashTest {
  private static final long DEAD_PID = 999_999_999L;
  private static final String TARGET = "prompts.json";
  private static final String BACKUP = "prompts.json.v1.backup";

  @TempDir Path tmp;
  private int caseNumber;

  /** One starting state. {@code old == null}: the target does not exist. */
  private static final class Fixture {
    final String name;
    @Nullable final byte[] old;
    final byte[] next;
    @Nullable final String permissions;
    final boolean staleLeftovers;
    final boolean backupPresent;

    Fixture(
        String name,
        @Nullable byte[] old,
        byte[] next,
        @Nullable String permissions,
        boolean staleLeftovers,
        boolean backupPresent) {
      this.name = name;
      this.old = old;
      this.next = next;
      this.permissions = permissions;
      this.staleLeftovers = staleLeftovers;
      this.backupPresent = backupPresent;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  @FunctionalInterface
  private interface Scenario {
    void run(AtomicFiles files, FaultFileOps ops, Path dir, Fixture f) throws IOException;
  }

  /** What the checker found over all cases of one enumeration. */
  private static final class Report {
    int cases;
    int steps;
    final List<String> violations = new ArrayList<>();

    void add(String v) {
      if (violations.size() < 50) {
        violations.add(v);
      } else if (violations.size() == 50) {
        violations.add("...");
      }
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] big(String seed, int size) {
    StringBuilder sb = new StringBuilder("{\n  \"version\": 2,\n  \"prompts\": {\n");
    int i = 0;
    while (sb.length() < size) {
      sb.append("    \"k").append(i).append("\": \"").append(seed).append(i).append("\",\n");
      i++;
    }
    sb.append("    \"end\": \"").append(seed).append("\"\n  }\n}\n");
    return utf8(sb.toString());
  }

  private static List<Fixture> saveFixtures() {
    return List.of(
        new Fixture("new file", null, utf8("{\"a\": 1}\n"), null, false, false),
        new Fixture("small to big", utf8("{\"girl_pos\": \"a\"}\n"), big("new", 40_000), null, false, false),
        new Fixture("big to small", big("old", 40_000), utf8("{}\n"), "rw-r--r--", false, false),
        new Fixture(
            "non-ASCII, private",
            utf8("{\"p\": \"caf\u00e9 \u65e5\u672c \ud83d\ude00\"}\n"),
            utf8("{\"p\": \"\u05e9\u05dc\u05d5\u05dd \u0301\"}\n"),
            "rw-------",
            false,
            false),
        new Fixture("empty to text", new byte[0], utf8("{\"x\": \"\"}\n"), null, false, false),
        new Fixture(
            "with leftovers of a dead writer",
            utf8("{\"old\": true}\n"),
            utf8("{\"new\": true}\n"),
            null,
            true,
            false));
  }

  private static List<Fixture> migrationFixtures() {
    return List.of(
        new Fixture(
            "v1 to v2",
            utf8("{\"girl_pos\": \"a\", \"male_pos\": \"\"}\n"),
            utf8("{\n  \"version\": 2,\n  \"prompts\": {\"girl_pos\": \"a\"}\n}\n"),
            null,
            false,
            false),
        new Fixture("v1 to v2, big, private", big("v1", 30_000), big("v2", 45_000), "rw-------", false, false),
        new Fixture(
            "backup already there",
            utf8("{\"prompts\": \"a key named prompts\"}\n"),
            utf8("{\"version\": 2}\n"),
            null,
            false,
            true),
        new Fixture(
            "v1 with leftovers", utf8("{\"version\": 1}\n"), utf8("{\"version\": 2}\n"), null, true, false));
  }

  // ---------------------------------------------------------------------------------------------
  // Scenarios

  /** A normal save. */
  private static final Scenario SAVE = (files, ops, dir, f) -> files.write(dir.resolve(TARGET), f.next);

  /** The v1 to v2 sequence under one lock: durable backup first (never overwritten), then v2. */
  private static final Scenario MIGRATE =
      (files, ops, dir, f) ->
          files.underLock(
              dir.resolve(TARGET),
              locked -> {
                byte[] current = Files.readAllBytes(locked.file());
                if (Arrays.equals(current, f.next)) {
                  return null; // already migrated
                }
                Path backup = dir.resolve(BACKUP);
                if (!Files.exists(backup)) {
                  locked.publishExclusive(backup, current);
                } else if (!Arrays.equals(Files.readAllBytes(backup), current)) {
                  throw new IOException("backup differs from the v1 file");
                }
                locked.write(f.next);
                return null;
              });

  /** T1.3: the reference's way, truncate and write in 4 KiB chunks, flushed at the end. */
  private static final Scenario NAIVE =
      (files, ops, dir, f) -> {
        FileOps.NewFile out = ops.openTruncating(dir.resolve(TARGET));
        for (int i = 0; i < f.next.length; i += 4096) {
          out.write(ByteBuffer.wrap(f.next, i, Math.min(4096, f.next.length - i)));
        }
        out.force();
        out.close();
      };

  // ---------------------------------------------------------------------------------------------
  // The enumeration and the checker

  private Path setUp(Fixture f) throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("case" + caseNumber++));
    if (f.old != null) {
      Path target = dir.resolve(TARGET);
      Files.write(target, f.old);
      if (f.permissions != null) {
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(f.permissions));
      }
      if (f.backupPresent) {
        Files.write(dir.resolve(BACKUP), f.old);
      }
    }
    if (f.staleLeftovers) {
      Files.write(dir.resolve(TARGET + "." + DEAD_PID + ".00000000000000aa.tmp"), utf8("{\"half"));
      Files.write(
          dir.resolve(TARGET + ".lock"),
          utf8("fbtools-lock pid=" + (DEAD_PID - 1) + " token=00000000000000bb\n"));
    }
    return dir;
  }

  private Report enumerate(
      Scenario scenario, boolean migration, List<Fixture> fixtures, UnaryOperator<FaultFileOps> variant)
      throws IOException {
    return enumerate(
        scenario, migration, fixtures, variant, List.of(Fault.IO_ERROR, Fault.DEATH, Fault.POWER_LOSS));
  }

  private Report enumerate(
      Scenario scenario,
      boolean migration,
      List<Fixture> fixtures,
      UnaryOperator<FaultFileOps> variant,
      List<Fault> faults)
      throws IOException {
    Report report = new Report();
    for (Fixture f : fixtures) {
      Path probe = setUp(f);
      FaultFileOps counter = variant.apply(new FaultFileOps(probe, 0, Fault.NONE, DEAD_PID));
      try {
        scenario.run(writer(counter), counter, probe, f);
      } catch (IOException e) {
        report.add(f + ": the clean run failed: " + e);
        continue;
      }
      int k = counter.stepCount();
      report.steps = Math.max(report.steps, k);
      for (Fault fault : faults) {
        int last = fault == Fault.IO_ERROR ? k : k + 1;
        for (int at = 1; at <= last; at++) {
          report.cases++;
          runCase(scenario, migration, f, fault, at, variant, report);
        }
      }
    }
    return report;
  }

  private static AtomicFiles writer(FaultFileOps ops) {
    return AtomicFiles.builder().fileOps(ops).lockTimeout(Duration.ZERO).build();
  }

  private void runCase(
      Scenario scenario,
      boolean migration,
      Fixture f,
      Fault fault,
      int at,
      UnaryOperator<FaultFileOps> variant,
      Report report)
      throws IOException {
    Path dir = setUp(f);
    Set<String> before = leftovers(dir);
    FaultFileOps ops = variant.apply(new FaultFileOps(dir, at, fault, DEAD_PID));
    String where = f + " / " + fault + " at step " + at;
    boolean completed = false;
    try {
      scenario.run(writer(ops), ops, dir, f);
      completed = true;
    } catch (SimulatedCrash crash) {
      if (fault == Fault.IO_ERROR) {
        report.add(where + ": unexpected crash");
      }
    } catch (IOException e) {
      if (fault != Fault.IO_ERROR) {
        report.add(where + ": IOException while crashing: " + e);
      }
    } catch (RuntimeException | Error e) {
      report.add(where + ": uncaught " + e);
      return;
    }
    where += " (" + ops.faultedStep() + ")";
    if (fault == Fault.DEATH || fault == Fault.POWER_LOSS) {
      if (!completed && !ops.dead()) {
        report.add(where + ": did not stop at the crash");
      }
      ops.closeOpenFiles();
      if (fault == Fault.POWER_LOSS) {
        ops.materializeDurableState(Instant.now().minus(Duration.ofHours(1)));
      }
    } else {
      String step = String.valueOf(ops.faultedStep());
      boolean mayLeave = step.startsWith("delete") || step.equals("read " + TARGET + ".lock");
      Set<String> left = leftovers(dir);
      left.removeAll(before);
      if (!mayLeave && !left.isEmpty()) {
        report.add(where + ": left " + left + " behind after an I/O error");
      }
    }

    // Recovery with the real code, as the next process would run it (minus the physical
    // flushes, which this test models instead of measuring).
    AtomicFiles real = AtomicFiles.builder().fileOps(FaultFileOps.withoutFlushes()).build();
    try {
      real.removeLeftovers(dir);
    } catch (IOException | RuntimeException e) {
      report.add(where + ": recovery threw " + e);
      return;
    }
    if (leftovers(dir).stream().anyMatch(n -> n.endsWith(".tmp"))) {
      report.add(where + ": temporary files after recovery: " + leftovers(dir));
    }
    checkInvariant(where, dir, f, migration, completed, report);

    // The next run succeeds and leaves nothing behind.
    try {
      if (migration) {
        MIGRATE.run(real, null, dir, f);
        checkInvariant(where + ", after re-running", dir, f, true, true, report);
      } else {
        byte[] again = utf8("{\"again\": " + at + "}\n");
        real.write(dir.resolve(TARGET), again);
        if (!Arrays.equals(again, read(dir.resolve(TARGET)))) {
          report.add(where + ": the next save did not land");
        }
      }
    } catch (IOException | RuntimeException e) {
      report.add(where + ": the next run failed: " + e);
    }
    if (!leftovers(dir).isEmpty()) {
      report.add(where + ": left " + leftovers(dir) + " after the next run");
    }
  }

  private static void checkInvariant(
      String where, Path dir, Fixture f, boolean migration, boolean completed, Report report)
      throws IOException {
    byte[] target = read(dir.resolve(TARGET));
    byte[] backup = read(dir.resolve(BACKUP));
    boolean isOld = f.old == null ? target == null : Arrays.equals(target, f.old);
    boolean isNew = Arrays.equals(target, f.next);
    if (!isOld && !isNew) {
      report.add(where + ": target is neither old nor new: " + describe(target));
      return;
    }
    if (completed && !isNew) {
      report.add(where + ": the operation returned but the new bytes did not survive");
    }
    if (migration) {
      if (isNew && !Arrays.equals(backup, f.old)) {
        report.add(where + ": v2 is visible but the backup is " + describe(backup));
      }
      if (isOld && backup != null && !Arrays.equals(backup, f.old)) {
        report.add(where + ": the backup is not a complete copy: " + describe(backup));
      }
    }
  }

  @Nullable
  private static byte[] read(Path p) throws IOException {
    return Files.exists(p) ? Files.readAllBytes(p) : null;
  }

  private static String describe(@Nullable byte[] b) {
    if (b == null) {
      return "absent";
    }
    String s = new String(b, StandardCharsets.UTF_8);
    return b.length + " bytes \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
  }

  private static Set<String> leftovers(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> !n.equals(TARGET) && !n.equals(BACKUP))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The tests

  @Test
  void everyCrashPointOfASaveKeepsOldOrNew() throws IOException {
    Report report = enumerate(SAVE, false, saveFixtures(), o -> o);
    System.out.println("T1.1 save: " + report.cases + " cases, up to " + report.steps + " steps");
    assertEquals(List.of(), report.violations);
    assertTrue(report.cases >= 6 * 3 * 14, "cases enumerated: " + report.cases);
  }

  @Test
  void everyCrashPointOfTheBackupThenV2SequenceKeepsTheMigrationInvariant() throws IOException {
    Report report = enumerate(MIGRATE, true, migrationFixtures(), o -> o);
    System.out.println(
        "T1.1 backup+v2: " + report.cases + " cases, up to " + report.steps + " steps");
    assertEquals(List.of(), report.violations);
    assertTrue(report.cases >= 4 * 3 * 14, "cases enumerated: " + report.cases);
  }

  @Test
  void aWriterThatSkipsTheFlushOfItsTemporaryFileIsCaughtByPowerLoss() throws IOException {
    Report report =
        enumerate(SAVE, false, saveFixtures(), FaultFileOps::skipFileForce, List.of(Fault.POWER_LOSS));
    System.out.println("skip temp fsync: " + report.violations.size() + " violations");
    assertFalse(report.violations.isEmpty(), "the checker must catch a missing file flush");
    Report others =
        enumerate(
            SAVE, false, saveFixtures().subList(0, 2), FaultFileOps::skipFileForce,
            List.of(Fault.IO_ERROR, Fault.DEATH));
    assertEquals(List.of(), others.violations, "only a power loss exposes it");
  }

  @Test
  void aWriterThatSkipsTheFlushOfTheFolderIsCaughtByPowerLoss() throws IOException {
    Report report =
        enumerate(
            SAVE, false, saveFixtures(), FaultFileOps::skipDirectoryForce, List.of(Fault.POWER_LOSS));
    System.out.println("skip dir fsync: " + report.violations.size() + " violations");
    assertFalse(report.violations.isEmpty(), "the checker must catch a missing folder flush");
    assertTrue(
        report.violations.stream()
            .anyMatch(v -> v.contains("returned but the new bytes did not survive")),
        () -> "a completed save is lost: " + report.violations);
  }

  @Test
  void aBackupSequenceThatSkipsTheFolderFlushIsCaught() throws IOException {
    Report report =
        enumerate(
            MIGRATE,
            true,
            migrationFixtures().subList(0, 2),
            FaultFileOps::skipDirectoryForce,
            List.of(Fault.POWER_LOSS));
    assertFalse(report.violations.isEmpty(), "the checker must catch a missing folder flush");
  }

  @Test
  void negativeControlTheNaiveWriterIsCaught() throws IOException {
    Report report = enumerate(NAIVE, false, saveFixtures(), o -> o);
    System.out.println(
        "T1.3 naive writer: " + report.violations.size() + " violations in " + report.cases + " cases");
    assertTrue(
        report.violations.stream().anyMatch(v -> v.contains("neither old nor new")),
        () -> "the checker must see a torn file: " + report.violations);
  }
}
