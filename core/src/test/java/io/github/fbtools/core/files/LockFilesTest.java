package io.github.fbtools.core.files;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 item 5 and issue 15 item 2: the in-process lock is per file, so threads of one JVM
 * writing different files never wait for each other (the 64 shared stripes it replaces made a
 * writer of one file busy while another thread wrote an unrelated file of the same stripe).
 */
class LockFilesTest {
  @TempDir Path dir;

  /** Two file names whose lock files fell into the same one of the 64 former stripes. */
  private List<Path> twoFilesOfOneFormerStripe() {
    Path first = dir.resolve("scene-0").resolve("prompts.json").toAbsolutePath();
    int stripe = Math.floorMod((first + AtomicFiles.LOCK_SUFFIX).hashCode(), 64);
    for (int i = 1; i < 10_000; i++) {
      Path other = dir.resolve("scene-" + i).resolve("prompts.json").toAbsolutePath();
      if (Math.floorMod((other + AtomicFiles.LOCK_SUFFIX).hashCode(), 64) == stripe) {
        return List.of(first, other);
      }
    }
    throw new AssertionError("no two names of one stripe among 10,000");
  }

  @Test
  void aWriterOfOneFileNeverMakesAWriterOfAnotherFileBusy() throws Exception {
    List<Path> files = twoFilesOfOneFormerStripe();
    Path held = files.get(0);
    Path other = files.get(1);
    Files.createDirectories(held.getParent());
    Files.createDirectories(other.getParent());
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch leave = new CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<?> holder =
          pool.submit(
              () ->
                  AtomicFiles.create()
                      .underLock(
                          held,
                          locked -> {
                            inside.countDown();
                            try {
                              leave.await(30, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                              throw new InterruptedIOException();
                            }
                            locked.write("held".getBytes(UTF_8));
                            return null;
                          }));
      assertTrue(inside.await(30, TimeUnit.SECONDS));
      AtomicFiles impatient = AtomicFiles.builder().lockTimeout(Duration.ZERO).build();
      impatient.write(other, "other".getBytes(UTF_8));
      assertArrayEquals("other".getBytes(UTF_8), Files.readAllBytes(other));
      // the same file stays busy for another thread
      FileBusyException busy =
          assertThrows(FileBusyException.class, () -> impatient.write(held, new byte[0]));
      assertTrue(busy.getMessage().contains("another thread"), busy.getMessage());
      leave.countDown();
      holder.get(30, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    assertArrayEquals("held".getBytes(UTF_8), Files.readAllBytes(held));
    assertEquals(List.of("prompts.json"), FilesTesting.names(held.getParent()));
    assertEquals(List.of("prompts.json"), FilesTesting.names(other.getParent()));
  }

  @Test
  void aLockIsFreeAgainForAnotherThreadAfterARefusedReentry() throws Exception {
    Path file = dir.resolve("prompts.json");
    AtomicFiles files = AtomicFiles.builder().lockTimeout(Duration.ZERO).build();
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> files.underLock(file, outer -> files.underLock(file, inner -> null)));
    assertTrue(e.getMessage().contains("not reentrant"), e.getMessage());
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      pool.submit(
              () -> {
                files.write(file, "after".getBytes(UTF_8));
                return null;
              })
          .get(30, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    assertArrayEquals("after".getBytes(UTF_8), Files.readAllBytes(file));
    assertEquals(List.of("prompts.json"), FilesTesting.names(dir));
  }

  @Test
  void manyThreadsWritingTheirOwnFilesWithZeroTimeoutAreNeverBusy() throws Exception {
    AtomicFiles impatient = AtomicFiles.builder().lockTimeout(Duration.ZERO).build();
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<Void>> done = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Path own = Files.createDirectories(dir.resolve("scene-" + t)).resolve("prompts.json");
        done.add(
            pool.submit(
                () -> {
                  go.await();
                  for (int i = 0; i < 50; i++) {
                    impatient.write(own, ("v" + i).getBytes(UTF_8));
                  }
                  return null;
                }));
      }
      go.countDown();
      for (Future<Void> f : done) {
        f.get(60, TimeUnit.SECONDS); // a FileBusyException would fail here
      }
    } finally {
      pool.shutdownNow();
    }
    for (int t = 0; t < threads; t++) {
      assertArrayEquals("v49".getBytes(UTF_8), Files.readAllBytes(dir.resolve("scene-" + t + "/prompts.json")));
    }
  }

  @Test
  void sameModeAndOwnerComparesNumbersAndBits() throws IOException {
    Path a = Files.writeString(dir.resolve("a"), "a");
    Path b = Files.writeString(dir.resolve("b"), "b");
    SystemFileOps ops = SystemFileOps.INSTANCE;
    Files.setPosixFilePermissions(a, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    Files.setPosixFilePermissions(b, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    assertTrue(ops.sameModeAndOwner(a, b));
    Files.setPosixFilePermissions(b, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    assertEquals(false, ops.sameModeAndOwner(a, b));
    assertEquals(false, ops.sameModeAndOwner(a, dir.resolve("missing")));
    // and a replaced file keeps the bits it had, through the real file system
    AtomicFiles.create().write(b, "new".getBytes(UTF_8));
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(b)));
  }
}
