package io.github.fbtools.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.files.FileBusyException;
import io.github.fbtools.core.files.FileChangedException;
import io.github.fbtools.core.files.PromptFiles;
import io.github.fbtools.core.json.FbJson;
import io.github.fbtools.migration.MigrationInvariant.State;
import io.github.fbtools.migration.MigrationResult.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * T1.8: migrators in several threads and processes on one tree, and migrators racing editors.
 * Every scene is migrated exactly once, a loser only ever reads the file again or (after the lock
 * timeout) reports it busy, no edit is ever lost, and no lock or temporary file remains.
 */
class MigrationConcurrencyTest {
  private static final int SCENES = 60;
  private static final int THREADS = 6;
  private static final int CHILDREN = 2;

  @TempDir Path tmp;

  private List<byte[]> tree(Path root, int scenes, long seed) throws Exception {
    SplittableRandom r = new SplittableRandom(seed);
    List<byte[]> originals = new ArrayList<>();
    for (int i = 0; i < scenes; i++) {
      Path dir = Files.createDirectory(root.resolve(String.format("s%02d", i)));
      byte[] v1 = V1Files.bytes(r, V1Files.object(r, 500 + r.nextInt(3000)));
      Files.write(dir.resolve("prompts.json"), v1);
      originals.add(v1);
    }
    return originals;
  }

  private static void checkTree(Path root, List<byte[]> originals) throws Exception {
    List<String> violations = new ArrayList<>();
    for (int i = 0; i < originals.size(); i++) {
      Path dir = root.resolve(String.format("s%02d", i));
      if (MigrationInvariant.check(dir, originals.get(i), violations).orElse(null) != State.MIGRATED) {
        violations.add(dir.getFileName() + " is not migrated");
      }
      if (!MigrationInvariant.names(dir).equals(List.of("prompts.json", "prompts.json.v1.backup"))) {
        violations.add(dir.getFileName() + " holds " + MigrationInvariant.names(dir));
      }
    }
    assertEquals(List.of(), violations);
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void threadsAndProcessesMigratingOneTreeMigrateEverySceneExactlyOnce() throws Exception {
    Path root = Files.createDirectory(tmp.resolve("scenes"));
    List<byte[]> originals = tree(root, SCENES, 8);
    List<ChildJvm> children = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      for (int c = 0; c < CHILDREN; c++) {
        ChildJvm child = ChildJvm.start("concurrent", root, c);
        children.add(child);
        assertTrue(child.awaitLineStartingWith("ready", 3, TimeUnit.MINUTES), child::output);
      }
      CountDownLatch go = new CountDownLatch(1);
      List<Future<MigrationReport>> runs = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        runs.add(
            pool.submit(
                () -> {
                  go.await();
                  return PromptMigrator.create().migrateTree(root);
                }));
      }
      for (ChildJvm child : children) {
        child.send("go");
      }
      go.countDown();

      int migrated = 0;
      int backups = 0;
      int already = 0;
      int busy = 0;
      List<String> other = new ArrayList<>();
      for (Future<MigrationReport> f : runs) {
        for (MigrationResult r : f.get(5, TimeUnit.MINUTES).results()) {
          migrated += r.outcome() == Outcome.MIGRATED ? 1 : 0;
          backups += r.backupCreated() ? 1 : 0;
          already += r.outcome() == Outcome.ALREADY_V2 ? 1 : 0;
          if (r.failed()) {
            if (r.reason().startsWith("not persisted, busy: ")) {
              busy++;
            } else {
              other.add(r.toString());
            }
          }
        }
      }
      for (ChildJvm child : children) {
        assertEquals(0, child.waitFor(5, TimeUnit.MINUTES), child::output);
        String json =
            child.drain().stream().filter(l -> l.startsWith("{")).findFirst().orElseThrow();
        Map<String, Object> report = FbJson.parseObject(json);
        for (Object o : (List<?>) report.get("results")) {
          Map<?, ?> r = (Map<?, ?>) o;
          migrated += "migrated".equals(r.get("outcome")) ? 1 : 0;
          backups += Boolean.TRUE.equals(r.get("backup_created")) ? 1 : 0;
          already += "already_v2".equals(r.get("outcome")) ? 1 : 0;
          if ("failed".equals(r.get("outcome"))) {
            if (String.valueOf(r.get("reason")).startsWith("not persisted, busy: ")) {
              busy++;
            } else {
              other.add(String.valueOf(r));
            }
          }
        }
      }
      System.out.printf(
          "T1.8: %d migrators (%d threads, %d processes) on %d scenes: %d migrated, %d already v2,"
              + " %d busy%n",
          THREADS + CHILDREN, THREADS, CHILDREN, SCENES, migrated, already, busy);
      assertEquals(List.of(), other, "only busy failures are allowed");
      assertEquals(SCENES, migrated, "every scene migrated exactly once");
      assertEquals(SCENES, backups, "every backup created exactly once");
      assertEquals((THREADS + CHILDREN) * SCENES, migrated + already + busy);
      checkTree(root, originals);
    } finally {
      pool.shutdownNow();
      children.forEach(c -> c.process().destroyForcibly());
    }
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void migratorsRacingEditorsNeverLoseAnEdit() throws Exception {
    Path root = Files.createDirectory(tmp.resolve("scenes"));
    List<byte[]> originals = tree(root, 10, 9);
    Set<String> saved = ConcurrentHashMap.newKeySet();
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> work = new ArrayList<>();
    try {
      for (int e = 0; e < 3; e++) {
        int editor = e;
        work.add(
            pool.submit(
                () -> {
                  go.await();
                  SplittableRandom r = new SplittableRandom(editor);
                  PromptFiles files = PromptFiles.create();
                  for (int n = 0; n < 30; n++) {
                    int scene = r.nextInt(10);
                    Path dir = root.resolve(String.format("s%02d", scene));
                    String key = "e" + editor + "_" + n;
                    while (true) {
                      PromptFiles.Loaded l = files.load(dir);
                      try {
                        files.write(dir, l.collection().withPrompt(key, "by editor " + editor), l.fingerprint());
                        saved.add(scene + "/" + key);
                        break;
                      } catch (FileChangedException | FileBusyException retry) {
                        // someone else wrote first: load again and redo the edit
                      }
                    }
                  }
                  return null;
                }));
      }
      for (int m = 0; m < 3; m++) {
        work.add(
            pool.submit(
                () -> {
                  go.await();
                  for (int run = 0; run < 5; run++) {
                    for (MigrationResult r : PromptMigrator.create().migrateTree(root).failures()) {
                      if (!r.reason().startsWith("not persisted, busy: ")) {
                        failures.add(r.toString());
                      }
                    }
                  }
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> f : work) {
        f.get(5, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(List.of(), new ArrayList<>(failures));
    checkTree(root, originals);
    PromptFiles files = PromptFiles.create();
    List<String> lost = new ArrayList<>();
    for (String s : saved) {
      String[] parts = s.split("/");
      Path dir = root.resolve(String.format("s%02d", Integer.parseInt(parts[0])));
      if (files.read(dir).prompt(parts[1]).isEmpty()) {
        lost.add(s);
      }
    }
    assertEquals(90, saved.size());
    assertEquals(List.of(), lost, "edits lost");
  }
}
