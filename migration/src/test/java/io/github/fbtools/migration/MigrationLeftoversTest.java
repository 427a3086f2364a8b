package io.github.fbtools.migration;

import static io.github.fbtools.migration.PromptMigratorTest.scene;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.fbtools.core.files.AtomicFiles;
import io.github.fbtools.migration.MigrationResult.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * T1.9: a tree run removes the stale temporary and lock files of dead writers in every scene it
 * visits (migrated, already version 2, missing or failed alike), keeps those of writers that may
 * still be running and every file it did not write; a dry run removes nothing.
 */
class MigrationLeftoversTest {
  private static final long LIVE_PID =
      ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(1L);

  @TempDir Path tmp;

  private final Instant now = Instant.parse("2026-01-01T12:00:00Z");

  private static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    long pid = p.pid();
    return ProcessHandle.of(pid).isPresent() ? 999_999_999L : pid;
  }

  private Path leftover(Path dir, String base, long pid, int n, Duration age) throws IOException {
    Path p = dir.resolve(String.format("%s.%d.%016x.tmp", base, pid, n));
    Files.write(p, "{\"half".getBytes(StandardCharsets.UTF_8));
    Files.setLastModifiedTime(p, FileTime.from(now.minus(age)));
    return p;
  }

  private static Set<String> all(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString())
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  @Test
  void aTreeRunRemovesTenStaleLeftoversAndKeepsTwoFreshOnes() throws Exception {
    long dead = deadPid();
    long self = ProcessHandle.current().pid();
    Path root = Files.createDirectory(tmp.resolve("scenes"));
    Path v1 = scene(root, "a_v1", PromptMigratorTest.V1);
    Path v2 = scene(root, "b_v2", "{\"version\": 2}");
    Path corrupt = scene(root, "c_corrupt", "{");
    Path missing = Files.createDirectory(root.resolve("d_missing"));
    Files.writeString(missing.resolve("prompts.json.v1.backup"), PromptMigratorTest.V1);

    List<Path> stale = new ArrayList<>();
    stale.add(leftover(v1, "prompts.json", dead, 1, Duration.ofSeconds(1)));
    stale.add(leftover(v1, "prompts.json.v1.backup", dead, 2, Duration.ofSeconds(1)));
    stale.add(leftover(v2, "prompts.json", LIVE_PID, 3, Duration.ofMinutes(11)));
    stale.add(leftover(v2, "prompts.json.lock", dead, 4, Duration.ofSeconds(1)));
    stale.add(leftover(corrupt, "prompts.json", self, 5, Duration.ofSeconds(1)));
    stale.add(leftover(corrupt, "prompts.json.v1.backup", dead, 6, Duration.ofHours(2)));
    stale.add(leftover(missing, "prompts.json", dead, 7, Duration.ofSeconds(1)));
    stale.add(leftover(missing, "pose.json", dead, 8, Duration.ofSeconds(1)));
    Path lock = v2.resolve("prompts.json.lock");
    Files.writeString(lock, "fbtools-lock pid=" + dead + " token=00000000000000bb\n");
    stale.add(lock);
    Path lock2 = corrupt.resolve("prompts.json.lock");
    Files.writeString(lock2, "fbtools-lock pid=" + LIVE_PID + " token=00000000000000cc\n");
    Files.setLastModifiedTime(lock2, FileTime.from(now.minus(Duration.ofMinutes(30))));
    stale.add(lock2);
    assertEquals(10, stale.size());
    List<Path> fresh =
        List.of(
            leftover(v1, "prompts.json", LIVE_PID, 11, Duration.ofSeconds(5)),
            leftover(missing, "prompts.json.v1.backup", LIVE_PID, 12, Duration.ofMinutes(9)));
    Files.writeString(v1.resolve("notes.tmp"), "mine");
    Files.writeString(v2.resolve("poetry.lock"), "# not ours");

    Set<String> before = all(root);
    AtomicFiles files = AtomicFiles.builder().clock(Clock.fixed(now, ZoneOffset.UTC)).build();
    MigrationReport dry =
        PromptMigrator.builder().dryRun(true).files(files).build().migrateTree(root);
    assertEquals(before, all(root), "a dry run removes nothing");
    assertEquals(
        List.of(Outcome.WOULD_MIGRATE, Outcome.ALREADY_V2, Outcome.FAILED, Outcome.MISSING),
        PromptMigratorTest.outcomes(dry));

    MigrationReport report = PromptMigrator.builder().files(files).build().migrateTree(root);
    assertEquals(
        List.of(Outcome.MIGRATED, Outcome.ALREADY_V2, Outcome.FAILED, Outcome.MISSING),
        PromptMigratorTest.outcomes(report));

    Set<String> expected = new TreeSet<>(before);
    stale.forEach(p -> expected.remove(root.relativize(p).toString()));
    expected.add("a_v1/prompts.json.v1.backup");
    assertEquals(expected, all(root));
    fresh.forEach(p -> assertEquals(true, Files.exists(p), p + " belongs to a live writer"));
  }
}
