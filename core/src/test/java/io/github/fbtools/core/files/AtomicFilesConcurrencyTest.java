package io.github.fbtools.core.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * T1.8: 8 threads x 100 saves and 2 child JVMs x 200 saves on one file, with a reader checking
 * every read. The final file is exactly one submitted version, every read was a whole version,
 * losers only ever get {@link FileBusyException} after the full lock timeout, and no lock or
 * temporary file remains.
 */
class AtomicFilesConcurrencyTest {
  private static final int THREADS = 8;
  private static final int THREAD_SAVES = 100;
  private static final int CHILDREN = 2;
  private static final int CHILD_SAVES = 200;

  @TempDir Path dir;

  private static Process startChild(Path file, String id) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            "-Xshare:auto",
            "-XX:TieredStopAtLevel=1",
            ConcurrentSaveMain.class.getName(),
            file.toString(),
            id,
            String.valueOf(CHILD_SAVES))
        .redirectErrorStream(true)
        .start();
  }

  @Test
  void threadsAndProcessesSavingOneFileNeverTearItOrLeaveLeftovers() throws Exception {
    Path file = dir.resolve("prompts.json");
    byte[] initial = "{\"initial\": true}\n".getBytes(StandardCharsets.UTF_8);
    Files.write(file, initial);
    Set<String> versions = new HashSet<>();
    versions.add(new String(initial, StandardCharsets.UTF_8));
    for (int t = 0; t < THREADS; t++) {
      for (int i = 0; i < THREAD_SAVES; i++) {
        versions.add(new String(ConcurrentSaveMain.version("thread-" + t, i), StandardCharsets.UTF_8));
      }
    }
    for (int c = 0; c < CHILDREN; c++) {
      for (int i = 0; i < CHILD_SAVES; i++) {
        versions.add(new String(ConcurrentSaveMain.version("child-" + c, i), StandardCharsets.UTF_8));
      }
    }

    List<Process> children = new ArrayList<>();
    List<BufferedReader> outputs = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
    try {
      for (int c = 0; c < CHILDREN; c++) {
        Process p = startChild(file, "child-" + c);
        children.add(p);
        BufferedReader out =
            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        outputs.add(out);
        assertEquals("ready", out.readLine(), "child " + c + " did not start");
      }

      AtomicFiles files = AtomicFiles.create();
      CountDownLatch go = new CountDownLatch(1);
      AtomicInteger saved = new AtomicInteger();
      AtomicInteger busy = new AtomicInteger();
      ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
      List<Future<?>> writers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        String id = "thread-" + t;
        writers.add(
            pool.submit(
                () -> {
                  go.await();
                  for (int i = 0; i < THREAD_SAVES; i++) {
                    try {
                      files.write(file, ConcurrentSaveMain.version(id, i));
                      saved.incrementAndGet();
                    } catch (FileBusyException e) {
                      busy.incrementAndGet();
                      if (e.waited().compareTo(files.lockTimeout()) < 0) {
                        failures.add("busy before the timeout: " + e);
                      }
                    } catch (Exception e) {
                      failures.add(id + ": " + e);
                    }
                  }
                  return null;
                }));
      }
      AtomicBoolean writing = new AtomicBoolean(true);
      AtomicInteger reads = new AtomicInteger();
      Future<?> reader =
          pool.submit(
              () -> {
                go.await();
                while (writing.get()) {
                  try {
                    String seen = Files.readString(file);
                    reads.incrementAndGet();
                    if (!versions.contains(seen)) {
                      failures.add("torn read of " + seen.length() + " chars");
                    }
                  } catch (NoSuchFileException e) {
                    failures.add("the file vanished during a save");
                  }
                  Thread.yield();
                }
                return null;
              });

      for (Process p : children) {
        OutputStream in = p.getOutputStream();
        in.write('\n');
        in.flush();
      }
      go.countDown();
      for (Future<?> w : writers) {
        w.get(10, TimeUnit.MINUTES);
      }
      List<String> childResults = new ArrayList<>();
      for (int c = 0; c < CHILDREN; c++) {
        Process p = children.get(c);
        String rest = outputs.get(c).lines().collect(Collectors.joining("\n"));
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "child " + c + " hangs");
        assertEquals(0, p.exitValue(), "child " + c + " failed: " + rest);
        childResults.add(rest);
      }
      writing.set(false);
      reader.get(1, TimeUnit.MINUTES);

      assertEquals(List.of(), new ArrayList<>(failures));
      assertEquals(THREADS * THREAD_SAVES, saved.get() + busy.get());
      int childSaved = 0;
      int childBusy = 0;
      for (String r : childResults) {
        String[] parts = r.trim().split(" ");
        assertEquals("done", parts[0], r);
        childSaved += Integer.parseInt(parts[1]);
        childBusy += Integer.parseInt(parts[2]);
      }
      assertEquals(CHILDREN * CHILD_SAVES, childSaved + childBusy);
      String last = Files.readString(file);
      assertTrue(versions.contains(last), "the final file is one submitted version");
      assertTrue(saved.get() + childSaved > 0);
      try (Stream<Path> s = Files.list(dir)) {
        assertEquals(
            List.of("prompts.json"),
            s.map(p -> p.getFileName().toString()).collect(Collectors.toList()),
            "no lock or temporary file remains");
      }
      System.out.printf(
          "T1.8: threads saved %d, busy %d; children saved %d, busy %d; %d whole reads; timeout %s%n",
          saved.get(), busy.get(), childSaved, childBusy, reads.get(), Duration.ofMillis(
              files.lockTimeout().toMillis()));
    } finally {
      pool.shutdownNow();
      for (Process p : children) {
        p.destroyForcibly();
      }
    }
  }

  @Test
  void withAZeroTimeoutLosersOnlyEverGetFileBusyException() throws Exception {
    Path file = dir.resolve("scene.json");
    AtomicFiles impatient = AtomicFiles.builder().lockTimeout(Duration.ZERO).build();
    AtomicInteger saved = new AtomicInteger();
    AtomicInteger busy = new AtomicInteger();
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    Set<String> versions = ConcurrentHashMap.newKeySet();
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        String id = "zero-" + t;
        writers.add(
            pool.submit(
                () -> {
                  go.await();
                  for (int i = 0; i < THREAD_SAVES; i++) {
                    byte[] v = ConcurrentSaveMain.version(id, i);
                    versions.add(new String(v, StandardCharsets.UTF_8));
                    try {
                      impatient.write(file, v);
                      saved.incrementAndGet();
                    } catch (FileBusyException e) {
                      busy.incrementAndGet();
                    } catch (Exception e) {
                      failures.add(id + ": " + e);
                    }
                  }
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> w : writers) {
        w.get(10, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(List.of(), new ArrayList<>(failures));
    assertEquals(THREADS * THREAD_SAVES, saved.get() + busy.get());
    assertTrue(versions.contains(Files.readString(file)));
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of("scene.json"), s.map(p -> p.getFileName().toString()).collect(Collectors.toList()));
    }
    System.out.printf("T1.8 zero timeout: saved %d, busy %d%n", saved.get(), busy.get());
  }
}
