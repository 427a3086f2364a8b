package io.github.fbtools.core.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.files.FaultFileOps.Fault;
import io.github.fbtools.core.json.FbJson;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  private static final long DEAD_PID = 999_999_999L;
  private static final long LIVE_PID =
      ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(1L);

  @TempDir Path dir;

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private Set<String> names() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static String perms(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  /** A nano clock that only moves when the writer sleeps, so waits cost no real time. */
  private static final class FakeTime {
    final AtomicLong nanos = new AtomicLong();
    final AtomicInteger sleeps = new AtomicInteger();

    AtomicFiles.Builder apply(AtomicFiles.Builder b) {
      return b.nanoTime(nanos::get)
          .sleeper(
              n -> {
                sleeps.incrementAndGet();
                nanos.addAndGet(n);
              });
    }
  }

  private void writeLock(Path lock, long pid) throws IOException {
    Files.write(lock, utf8("fbtools-lock pid=" + pid + " token=0123456789abcdef\n"));
  }

  // ---------------------------------------------------------------------------------------------
  // Writing

  @Test
  void writeCreatesThenReplacesAndLeavesNothingElse() throws IOException {
    AtomicFiles files = AtomicFiles.create();
    Path target = dir.resolve("prompts.json");
    files.write(target, utf8("one"));
    assertArrayEquals(utf8("one"), Files.readAllBytes(target));
    files.write(target, utf8("two, longer"));
    files.write(target, new byte[0]);
    assertArrayEquals(new byte[0], Files.readAllBytes(target));
    assertEquals(Set.of("prompts.json"), names());
  }

  @Test
  void writeJsonWritesFbJsonBytes() throws IOException {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("version", 2);
    value.put("prompts", Map.of("girl_pos", "caf\u00e9 \ud83d\ude00"));
    Path target = dir.resolve("prompts.json");
    AtomicFiles.create().writeJson(target, value);
    assertArrayEquals(FbJson.writeBytes(value), Files.readAllBytes(target));
    assertThrows(
        IllegalArgumentException.class,
        () -> AtomicFiles.create().writeJson(dir.resolve("bad.json"), Double.NaN));
    assertEquals(Set.of("prompts.json"), names());
  }

  @Test
  void aSaveTakesTheDocumentedStepsInOrder() throws IOException {
    Path target = dir.resolve("prompts.json");
    Files.write(target, utf8("old"));
    FaultFileOps ops = new FaultFileOps(dir, 0, Fault.NONE, 4242);
    AtomicFiles.builder().fileOps(ops).build().write(target, utf8("new"));
    List<String> steps =
        ops.steps().stream()
            .map(s -> s.replaceAll("\\.4242\\.[0-9a-f]{16}\\.tmp", ".TMP"))
            .collect(Collectors.toList());
    assertEquals(
        List.of(
            "attributes prompts.json",
            "createNew prompts.json.lock.TMP",
            "write prompts.json.lock.TMP",
            "close prompts.json.lock.TMP",
            "link prompts.json.lock",
            "delete prompts.json.lock.TMP",
            "list " + dir.getFileName(),
            "attributes prompts.json",
            "createNew prompts.json.TMP",
            "setPermissions prompts.json.TMP",
            "attributes prompts.json.TMP",
            "write prompts.json.TMP",
            "force prompts.json.TMP",
            "close prompts.json.TMP",
            "move prompts.json",
            "forceDir " + dir.getFileName(),
            "read prompts.json.lock",
            "delete prompts.json.lock"),
        steps);
  }

  @Test
  void permissionBitsOfTheReplacedFileAreKept() throws IOException {
    AtomicFiles files = AtomicFiles.create();
    for (String mode : List.of("rw-r--r--", "rw-------", "rwxr-x---", "r--r--r--")) {
      Path target = dir.resolve("f-" + mode.replace('-', '_'));
      Files.write(target, utf8("old"));
      Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(mode));
      files.write(target, utf8("new"));
      assertEquals(mode, perms(target), "mode after a save");
      assertArrayEquals(utf8("new"), Files.readAllBytes(target));
    }
  }

  @Test
  void aNewFileGetsTheDefaultBitsNotThoseOfATempFile() throws IOException {
    Path reference = dir.resolve("reference");
    Files.newByteChannel(reference, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)
        .close();
    Path target = dir.resolve("new.json");
    AtomicFiles.create().write(target, utf8("{}"));
    assertEquals(perms(reference), perms(target));
  }

  @Test
  void aMissingFolderIsNamedInTheError() {
    Path target = dir.resolve("missing").resolve("prompts.json");
    java.nio.file.NoSuchFileException e =
        assertThrows(
            java.nio.file.NoSuchFileException.class,
            () -> AtomicFiles.create().write(target, utf8("x")));
    assertEquals(target.toString(), e.getFile());
    assertTrue(e.getMessage().contains("its folder does not exist"), e.getMessage());
  }

  @Test
  void aTargetThatIsNotARegularFileIsRefused() throws IOException {
    Path target = Files.createDirectory(dir.resolve("prompts.json"));
    NotAFileException e =
        assertThrows(NotAFileException.class, () -> AtomicFiles.create().write(target, utf8("x")));
    assertTrue(e.getMessage().contains("is a folder, not a file"), e.getMessage());
    assertEquals(target.toString(), e.getFile());
    assertEquals(Set.of("prompts.json"), names());
    NotAFileException read =
        assertThrows(NotAFileException.class, () -> AtomicFiles.create().readIfExists(target, 10));
    assertEquals(target.toString(), read.getFile());
    assertEquals("is a folder, not a file", read.getReason());
  }

  @Test
  void reservedNamesAreRefusedBeforeTouchingAnything() throws IOException {
    FaultFileOps ops = new FaultFileOps(dir, 0, Fault.NONE, 1);
    AtomicFiles files = AtomicFiles.builder().fileOps(ops).build();
    for (String name :
        List.of("prompts.json.lock", ".lock", "prompts.json.123.0123456789abcdef.tmp")) {
      assertThrows(IllegalArgumentException.class, () -> files.write(dir.resolve(name), utf8("x")));
      assertThrows(
          IllegalArgumentException.class, () -> files.publishExclusive(dir.resolve(name), utf8("x")));
    }
    assertThrows(
        IllegalArgumentException.class, () -> files.write(Path.of("/"), utf8("x")));
    assertEquals(0, ops.stepCount());
    assertEquals(Set.of(), names());
  }

  // ---------------------------------------------------------------------------------------------
  // Failures: typed, nothing changed, nothing left

  private AtomicFiles failingAt(String op, IOException failure) {
    FileOps ops =
        new ForwardingFileOps(FileOps.system()) {
          @Override
          public NewFile createNew(Path file) throws IOException {
            if (op.equals("createNew") && file.getFileName().toString().startsWith("prompts.json.")
                && !file.getFileName().toString().startsWith("prompts.json.lock")) {
              throw failure;
            }
            NewFile real = super.createNew(file);
            if (!op.equals("force")) {
              return real;
            }
            return new NewFile() {
              @Override
              public Path path() {
                return real.path();
              }

              @Override
              public void write(java.nio.ByteBuffer source) throws IOException {
                real.write(source);
              }

              @Override
              public void force() throws IOException {
                throw failure;
              }

              @Override
              public void close() throws IOException {
                real.close();
              }
            };
          }

          @Override
          public void moveAtomically(Path source, Path target) throws IOException {
            if (op.equals("move")) {
              throw failure;
            }
            super.moveAtomically(source, target);
          }
        };
    return AtomicFiles.builder().fileOps(ops).build();
  }

  @Test
  void accessDeniedIsThrownAsIsAndNothingChanges() throws IOException {
    Path target = dir.resolve("prompts.json");
    Files.write(target, utf8("original"));
    AtomicFiles files = failingAt("createNew", new AccessDeniedException(target.toString()));
    assertThrows(AccessDeniedException.class, () -> files.write(target, utf8("new")));
    assertArrayEquals(utf8("original"), Files.readAllBytes(target));
    assertEquals(Set.of("prompts.json"), names());
  }

  @Test
  void aNonAtomicMoveFailsClosed() throws IOException {
    Path target = dir.resolve("prompts.json");
    Files.write(target, utf8("original"));
    AtomicFiles files =
        failingAt("move", new AtomicMoveNotSupportedException("a", "b", "cross-device"));
    assertThrows(AtomicMoveNotSupportedException.class, () -> files.write(target, utf8("new")));
    assertArrayEquals(utf8("original"), Files.readAllBytes(target));
    assertEquals(Set.of("prompts.json"), names());
  }

  @Test
  void anUnnamedIoExceptionIsWrappedWithTheFileAndStep() throws IOException {
    Path target = dir.resolve("prompts.json");
    Files.write(target, utf8("original"));
    IOException disk = new IOException("No space left on device");
    AtomicFiles files = failingAt("force", disk);
    FileSystemException e =
        assertThrows(FileSystemException.class, () -> files.write(target, utf8("new")));
    assertEquals(target.toString(), e.getFile());
    assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
    assertSame(disk, e.getCause());
    assertArrayEquals(utf8("original"), Files.readAllBytes(target));
    assertEquals(Set.of("prompts.json"), names());
  }

  @Test
  void aFailingActionReleasesTheLock() throws IOException {
    Path target = dir.resolve("prompts.json");
    AtomicFiles files = AtomicFiles.create();
    IOException boom = new IOException("boom");
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                files.underLock(
                    target,
                    locked -> {
                      throw boom;
                    }));
    assertSame(boom, e);
    assertEquals(Set.of(), names());
    files.write(target, utf8("fine"));
  }

  // ---------------------------------------------------------------------------------------------
  // Exclusive publishing

  @Test
  void publishExclusiveCreatesOnceAndNeverOverwrites() throws IOException {
    AtomicFiles files = AtomicFiles.create();
    Path backup = dir.resolve("prompts.json.v1.backup");
    files.publishExclusive(backup, utf8("v1"));
    assertArrayEquals(utf8("v1"), Files.readAllBytes(backup));
    assertThrows(FileAlreadyExistsException.class, () -> files.publishExclusive(backup, utf8("x")));
    assertArrayEquals(utf8("v1"), Files.readAllBytes(backup));
    assertEquals(Set.of("prompts.json.v1.backup"), names());
  }

  @Test
  void publishExclusiveLosesARaceWithoutDamage() throws IOException {
    Path backup = dir.resolve("prompts.json.v1.backup");
    FileOps racing =
        new ForwardingFileOps(FileOps.system()) {
          @Override
          public void createLink(Path link, Path existing) throws IOException {
            Files.write(link, utf8("the other writer's"));
            super.createLink(link, existing);
          }
        };
    AtomicFiles files = AtomicFiles.builder().fileOps(racing).build();
    assertThrows(FileAlreadyExistsException.class, () -> files.publishExclusive(backup, utf8("v1")));
    assertArrayEquals(utf8("the other writer's"), Files.readAllBytes(backup));
    assertEquals(Set.of("prompts.json.v1.backup"), names());
  }

  @Test
  void aPublishUnderTheLockTakesThePermissionsOfTheLockedFile() throws IOException {
    Path target = dir.resolve("prompts.json");
    Files.write(target, utf8("v1"));
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
    Path backup = dir.resolve("prompts.json.v1.backup");
    AtomicFiles.create()
        .underLock(
            target,
            locked -> {
              locked.publishExclusive(backup, Files.readAllBytes(locked.file()));
              locked.writeJson(Map.of("version", 2));
              return null;
            });
    assertEquals("rw-------", perms(backup));
    assertEquals("rw-------", perms(target));
    assertArrayEquals(utf8("v1"), Files.readAllBytes(backup));
    assertEquals(Set.of("prompts.json", "prompts.json.v1.backup"), names());
  }

  @Test
  void withoutHardLinksLocksStillWorkAndPublishingFailsCleanly() throws IOException {
    FileOps noLinks =
        new ForwardingFileOps(FileOps.system()) {
          @Override
          public void createLink(Path link, Path existing) throws IOException {
            throw new FileSystemException(link.toString(), null, "Operation not permitted");
          }
        };
    AtomicFiles files = AtomicFiles.builder().fileOps(noLinks).build();
    Path target = dir.resolve("prompts.json");
    files.write(target, utf8("saved"));
    assertArrayEquals(utf8("saved"), Files.readAllBytes(target));
    assertThrows(
        FileSystemException.class,
        () -> files.publishExclusive(dir.resolve("prompts.json.v1.backup"), utf8("v1")));
    assertEquals(Set.of("prompts.json"), names());
  }

  // ---------------------------------------------------------------------------------------------
  // Locks

  @Test
  void aLiveOwnersLockMakesTheWriterGiveUpAfterTheTimeout() throws IOException {
    Path target = dir.resolve("prompts.json");
    Files.write(target, utf8("original"));
    Path lock = dir.resolve("prompts.json.lock");
    writeLock(lock, LIVE_PID);
    byte[] lockBytes = Files.readAllBytes(lock);
    FakeTime time = new FakeTime();
    AtomicFiles files = time.apply(AtomicFiles.builder()).build();
    assertEquals(AtomicFiles.DEFAULT_LOCK_TIMEOUT, files.lockTimeout());
    FileBusyException e =
        assertThrows(FileBusyException.class, () -> files.write(target, utf8("new")));
    assertEquals(LIVE_PID, e.ownerPid().orElseThrow());
    assertEquals(lock, e.lockFile());
    assertTrue(e.waited().compareTo(AtomicFiles.DEFAULT_LOCK_TIMEOUT) >= 0, e.waited().toString());
    assertTrue(e.getMessage().contains("process " + LIVE_PID), e.getMessage());
    assertTrue(time.sleeps.get() <= 60, "attempts: " + time.sleeps.get());
    assertArrayEquals(utf8("original"), Files.readAllBytes(target));
    assertArrayEquals(lockBytes, Files.readAllBytes(lock));
    assertEquals(Set.of("prompts.json", "prompts.json.lock"), names());
  }

  /**
   * Issue 10 item 16: a failure on this class's own files (the private name of the lock, the
   * temporary file) names the file the caller asked for, keeping the type and the reason.
   */
  @Test
  void failuresOnTemporaryFilesNameTheTargetFile() throws IOException {
    Path target = dir.resolve("prompts.json");
    FileOps denied =
        new ForwardingFileOps(FileOps.system()) {
          @Override
          public NewFile createNew(Path file) throws IOException {
            throw new AccessDeniedException(file.toString(), null, "read-only (injected)");
          }
        };
    AtomicFiles files = AtomicFiles.builder().fileOps(denied).build();
    AccessDeniedException e =
        assertThrows(AccessDeniedException.class, () -> files.write(target, utf8("x")));
    assertEquals(target.toString(), e.getFile());
    assertEquals("taking its lock prompts.json.lock: read-only (injected)", e.getReason());
    assertTrue(e.getCause() instanceof AccessDeniedException);
    assertEquals(Set.of(), names());
    // the lock is taken, the temporary file cannot be created
    FileOps noTemp =
        new ForwardingFileOps(FileOps.system()) {
          @Override
          public NewFile createNew(Path file) throws IOException {
            if (!file.getFileName().toString().contains(".lock")) {
              throw new java.nio.file.FileSystemException(file.toString(), null, "Read-only file system");
            }
            return super.createNew(file);
          }
        };
    java.nio.file.FileSystemException f =
        assertThrows(
            java.nio.file.FileSystemException.class,
            () -> AtomicFiles.builder().fileOps(noTemp).build().write(target, utf8("x")));
    assertEquals(target.toString(), f.getFile());
    assertEquals("writing its temporary file: Read-only file system", f.getReason());
    assertEquals(Set.of(), names());
  }

  @Test
  void underLocksHandsTheFilesInTheOrderGivenAndWritesThroughEach() throws IOException {
    AtomicFiles files = AtomicFiles.create();
    Path b = dir.resolve("b.json");
    Path a = dir.resolve("a.json");
    List<Path> seen =
        files.underLocks(
            List.of(b, a),
            locked -> {
              assertEquals(Set.of("a.json.lock", "b.json.lock"), names(), "both locks are held");
              locked.get(0).write(utf8("B"));
              locked.get(1).write(utf8("A"));
              return List.of(locked.get(0).file(), locked.get(1).file());
            });
    assertEquals(List.of(b, a), seen);
    assertArrayEquals(utf8("A"), Files.readAllBytes(a));
    assertArrayEquals(utf8("B"), Files.readAllBytes(b));
    assertEquals(Set.of("a.json", "b.json"), names());
    assertThrows(IllegalArgumentException.class, () -> files.underLocks(List.of(), l -> null));
    IllegalArgumentException twice =
        assertThrows(IllegalArgumentException.class, () -> files.underLocks(List.of(a, a), l -> null));
    assertTrue(twice.getMessage().contains("twice"), twice.getMessage());
  }

  @Test
  void underLocksReleasesTheLocksItTookWhenALaterOneIsBusy() throws IOException {
    Path a = dir.resolve("a.json");
    Path b = dir.resolve("b.json");
    Path lock = dir.resolve("b.json.lock");
    writeLock(lock, LIVE_PID);
    FakeTime time = new FakeTime();
    AtomicFiles files = time.apply(AtomicFiles.builder()).build();
    AtomicBoolean ran = new AtomicBoolean();
    FileBusyException e =
        assertThrows(
            FileBusyException.class,
            () ->
                files.underLocks(
                    List.of(b, a),
                    l -> {
                      ran.set(true);
                      return null;
                    }));
    assertEquals(lock, e.lockFile());
    assertFalse(ran.get(), "nothing runs without every lock");
    assertEquals(Set.of("b.json.lock"), names(), "a.json's lock was released");
    Files.delete(lock);
    assertEquals("ok", files.underLocks(List.of(a, b), l -> "ok"));
  }

  @Test
  void aLockOfADeadProcessIsRemovedAtOnce() throws IOException {
    Path target = dir.resolve("prompts.json");
    writeLock(dir.resolve("prompts.json.lock"), DEAD_PID);
    AtomicFiles.builder().lockTimeout(Duration.ZERO).build().write(target, utf8("new"));
    assertEquals(Set.of("prompts.json"), names());
  }

  @Test
  void aLockOfThisProcessWhoseWriterIsGoneIsRemovedAtOnce() throws IOException {
    Path target = dir.resolve("prompts.json");
    writeLock(dir.resolve("prompts.json.lock"), ProcessHandle.current().pid());
    AtomicFiles.builder().lockTimeout(Duration.ZERO).build().write(target, utf8("new"));
    assertEquals(Set.of("prompts.json"), names());
  }

  @Test
  void aLockOfALiveProcessIsRemovedAfterTenMinutes() throws IOException {
    Path target = dir.resolve("prompts.json");
    Path lock = dir.resolve("prompts.json.lock");
    writeLock(lock, LIVE_PID);
    Instant modified = Files.getLastModifiedTime(lock).toInstant();
    Clock nineMinutes = Clock.fixed(modified.plus(Duration.ofMinutes(9)), ZoneOffset.UTC);
    FakeTime time = new FakeTime();
    AtomicFiles early = time.apply(AtomicFiles.builder().clock(nineMinutes)).build();
    assertThrows(FileBusyException.class, () -> early.write(target, utf8("new")));
    Clock elevenMinutes = Clock.fixed(modified.plus(Duration.ofMinutes(11)), ZoneOffset.UTC);
    AtomicFiles.builder().clock(elevenMinutes).build().write(target, utf8("new"));
    assertEquals(Set.of("prompts.json"), names());
  }

  @Test
  void aLockWithoutOwnerIsRemovedAfterTheGrace() throws IOException {
    Path target = dir.resolve("prompts.json");
    Path lock = dir.resolve("prompts.json.lock");
    Files.write(lock, new byte[] {0, 0, 0});
    Instant modified = Files.getLastModifiedTime(lock).toInstant();
    FakeTime time = new FakeTime();
    Clock fresh = Clock.fixed(modified.plusSeconds(5), ZoneOffset.UTC);
    FileBusyException e =
        assertThrows(
            FileBusyException.class,
            () ->
                time.apply(AtomicFiles.builder().clock(fresh))
                    .build()
                    .write(target, utf8("new")));
    assertTrue(e.ownerPid().isEmpty());
    assertTrue(e.getMessage().contains("names no owner"), e.getMessage());
    Clock old = Clock.fixed(modified.plusSeconds(11), ZoneOffset.UTC);
    AtomicFiles.builder().clock(old).build().write(target, utf8("new"));
    assertEquals(Set.of("prompts.json"), names());
  }

  @Test
  void aForeignLockFileIsNeverRemoved() throws IOException {
    Path target = dir.resolve("prompts.json");
    Path lock = dir.resolve("prompts.json.lock");
    Files.write(lock, utf8("held by some other tool\n"));
    Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minus(Duration.ofDays(30))));
    FakeTime time = new FakeTime();
    AtomicFiles files = time.apply(AtomicFiles.builder()).build();
    FileBusyException e =
        assertThrows(FileBusyException.class, () -> files.write(target, utf8("new")));
    assertTrue(e.getMessage().contains("not written by fbtools-java"), e.getMessage());
    assertEquals(0, files.removeLeftovers(dir));
    Files.delete(lock);
    Files.createDirectory(lock);
    assertThrows(FileBusyException.class, () -> files.write(target, utf8("new")));
    assertEquals(Set.of("prompts.json.lock"), names());
  }

  @Test
  void aFreshLockThatReplacedAStaleOneIsPutBack() throws IOException {
    Path target = dir.resolve("prompts.json");
    Path lock = dir.resolve("prompts.json.lock");
    writeLock(lock, DEAD_PID);
    byte[] fresh = utf8("fbtools-lock pid=" + LIVE_PID + " token=fedcba9876543210\n");
    AtomicInteger swaps = new AtomicInteger();
    FileOps racing =
        new ForwardingFileOps(FileOps.system()) {
          @Override
          public void moveAtomically(Path source, Path t) throws IOException {
            if (source.equals(lock) && swaps.getAndIncrement() == 0) {
              // Another process removed the stale lock and took its own meanwhile.
              Files.delete(lock);
              Files.write(lock, fresh);
            }
            super.moveAtomically(source, t);
          }
        };
    FakeTime time = new FakeTime();
    AtomicFiles files = time.apply(AtomicFiles.builder().fileOps(racing)).build();
    FileBusyException e =
        assertThrows(FileBusyException.class, () -> files.write(target, utf8("new")));
    assertEquals(LIVE_PID, e.ownerPid().orElseThrow());
    assertArrayEquals(fresh, Files.readAllBytes(lock));
    assertEquals(Set.of("prompts.json.lock"), names());
  }

  @Test
  void aLockTakenOverMeanwhileIsNotDeletedOnRelease() throws IOException {
    Path target = dir.resolve("prompts.json");
    Path lock = dir.resolve("prompts.json.lock");
    byte[] other = utf8("fbtools-lock pid=" + LIVE_PID + " token=fedcba9876543210\n");
    AtomicFiles.create()
        .underLock(
            target,
            locked -> {
              Files.write(lock, other);
              locked.write(utf8("mine"));
              return null;
            });
    assertArrayEquals(other, Files.readAllBytes(lock));
  }

  @Test
  void locksAreNotReentrantAndALockedFileDiesWithItsCall() throws IOException {
    Path target = dir.resolve("prompts.json");
    AtomicFiles files = AtomicFiles.create();
    List<AtomicFiles.LockedFile> escaped = new ArrayList<>();
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                files.underLock(
                    target,
                    locked -> {
                      escaped.add(locked);
                      files.write(target, utf8("nested"));
                      return null;
                    }));
    assertTrue(e.getMessage().contains("not reentrant"), e.getMessage());
    assertEquals(Set.of(), names());
    AtomicFiles.LockedFile stale = escaped.get(0);
    assertEquals(target, stale.file());
    assertThrows(IllegalStateException.class, () -> stale.write(utf8("late")));
    assertThrows(IllegalStateException.class, () -> stale.writeJson(Map.of()));
    assertThrows(
        IllegalStateException.class, () -> stale.publishExclusive(dir.resolve("b"), utf8("late")));
    assertEquals("ok", files.underLock(target, locked -> "ok"));
  }

  @Test
  void anotherThreadOfThisProcessMakesAZeroTimeoutWriterBusy() throws Exception {
    Path target = dir.resolve("prompts.json");
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch leave = new CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<?> holder =
          pool.submit(
              () ->
                  AtomicFiles.create()
                      .underLock(
                          target,
                          locked -> {
                            inside.countDown();
                            try {
                              leave.await(30, TimeUnit.SECONDS);
                            } catch (InterruptedException ie) {
                              throw new InterruptedIOException();
                            }
                            locked.write(utf8("holder"));
                            return null;
                          }));
      assertTrue(inside.await(30, TimeUnit.SECONDS));
      AtomicFiles impatient = AtomicFiles.builder().lockTimeout(Duration.ZERO).build();
      FileBusyException e =
          assertThrows(FileBusyException.class, () -> impatient.write(target, utf8("me")));
      assertTrue(e.getMessage().contains("another thread"), e.getMessage());
      leave.countDown();
      holder.get(30, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    assertArrayEquals(utf8("holder"), Files.readAllBytes(target));
    assertEquals(Set.of("prompts.json"), names());
  }

  @Test
  void anInterruptedWaitThrowsInterruptedIoException() throws IOException {
    Path target = dir.resolve("prompts.json");
    writeLock(dir.resolve("prompts.json.lock"), LIVE_PID);
    AtomicFiles files =
        AtomicFiles.builder()
            .sleeper(
                n -> {
                  throw new InterruptedException();
                })
            .build();
    try {
      assertThrows(InterruptedIOException.class, () -> files.write(target, utf8("x")));
      assertTrue(Thread.currentThread().isInterrupted());
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void builderChecksItsArguments() {
    AtomicFiles.Builder b = AtomicFiles.builder();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> b.lockTimeout(Duration.ofSeconds(-1)));
    assertEquals("lockTimeout must be in 0s..1h: PT-1S", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> b.lockTimeout(Duration.ofMinutes(61)));
    assertEquals(Duration.ofSeconds(5), b.lockTimeout(Duration.ofSeconds(5)).build().lockTimeout());
  }

  // ---------------------------------------------------------------------------------------------
  // Symbolic links (T1.7)

  @Test
  void aLinkToAFileInItsFolderIsWrittenThroughAndStaysALink() throws IOException {
    Path real = Files.createDirectory(dir.resolve("versions")).resolve("prompts.v3.json");
    Files.write(real, utf8("v3"));
    Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-r-----"));
    Path link = Files.createSymbolicLink(dir.resolve("prompts.json"), Path.of("versions/prompts.v3.json"));
    AtomicFiles.create().write(link, utf8("v4"));
    assertTrue(Files.isSymbolicLink(link));
    assertEquals(Path.of("versions/prompts.v3.json"), Files.readSymbolicLink(link));
    assertArrayEquals(utf8("v4"), Files.readAllBytes(real));
    assertEquals("rw-r-----", perms(real));
    try (Stream<Path> s = Files.list(real.getParent())) {
      assertEquals(List.of(real), s.collect(Collectors.toList()));
    }
    assertEquals(Set.of("prompts.json", "versions"), names());
  }

  @Test
  void aLinkOutOfItsFolderIsRefusedAndNothingMoves() throws IOException {
    Path scene = Files.createDirectory(dir.resolve("scene"));
    Path outside = dir.resolve("outside.json");
    Files.write(outside, utf8("secret"));
    Path link = Files.createSymbolicLink(scene.resolve("prompts.json"), outside);
    UnsafeLinkException e =
        assertThrows(UnsafeLinkException.class, () -> AtomicFiles.create().write(link, utf8("x")));
    assertEquals(link.toString(), e.getFile());
    assertTrue(Files.isSymbolicLink(link));
    assertArrayEquals(utf8("secret"), Files.readAllBytes(outside));
    try (Stream<Path> s = Files.list(scene)) {
      assertEquals(List.of(link), s.collect(Collectors.toList()));
    }
    Path toFolder = Files.createSymbolicLink(scene.resolve("self"), scene);
    assertThrows(UnsafeLinkException.class, () -> AtomicFiles.create().write(toFolder, utf8("x")));
  }

  @Test
  void aDanglingLinkIsRefused() throws IOException {
    Path link = Files.createSymbolicLink(dir.resolve("prompts.json"), dir.resolve("missing.json"));
    assertThrows(UnsafeLinkException.class, () -> AtomicFiles.create().write(link, utf8("x")));
    assertFalse(Files.exists(dir.resolve("missing.json")));
    assertEquals(Set.of("prompts.json"), names());
  }

  @Test
  void aTargetSwappedForALinkWhileLockedIsRefused() throws IOException {
    Path target = dir.resolve("prompts.json");
    Files.write(target, utf8("old"));
    Path outside = Files.createTempFile(dir.getParent(), "outside", ".json");
    try {
      AtomicFiles files = AtomicFiles.create();
      assertThrows(
          UnsafeLinkException.class,
          () ->
              files.underLock(
                  target,
                  locked -> {
                    Files.delete(target);
                    Files.createSymbolicLink(target, outside);
                    locked.write(utf8("new"));
                    return null;
                  }));
      assertTrue(Files.isSymbolicLink(target));
      assertEquals(0, Files.size(outside));
    } finally {
      Files.delete(outside);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Folders

  @Test
  void createDirectoriesCreatesMissingFoldersAndFlushesTheirParents() throws IOException {
    FaultFileOps ops = new FaultFileOps(dir, 0, Fault.NONE, 1);
    AtomicFiles files = AtomicFiles.builder().fileOps(ops).build();
    Path deep = dir.resolve("story").resolve("scenes").resolve("opening");
    files.createDirectories(deep);
    assertTrue(Files.isDirectory(deep));
    assertEquals(
        3, ops.steps().stream().filter(s -> s.startsWith("createDirectory")).count());
    assertEquals(3, ops.steps().stream().filter(s -> s.startsWith("forceDir")).count());
    files.createDirectories(deep);
    Path file = dir.resolve("file");
    Files.write(file, utf8("x"));
    assertThrows(FileSystemException.class, () -> files.createDirectories(file.resolve("sub")));
  }

  @Test
  void createDirectoriesAcceptsAFolderCreatedConcurrently() throws IOException {
    Path target = dir.resolve("a");
    FileOps racing =
        new ForwardingFileOps(FileOps.system()) {
          @Override
          public void createDirectory(Path d) throws IOException {
            Files.createDirectory(d);
            super.createDirectory(d);
          }
        };
    AtomicFiles.builder().fileOps(racing).build().createDirectories(target);
    assertTrue(Files.isDirectory(target));
    FileOps racingFile =
        new ForwardingFileOps(FileOps.system()) {
          @Override
          public void createDirectory(Path d) throws IOException {
            Files.write(d, utf8("x"));
            super.createDirectory(d);
          }
        };
    assertThrows(
        FileAlreadyExistsException.class,
        () -> AtomicFiles.builder().fileOps(racingFile).build().createDirectories(dir.resolve("b")));
  }

  @Test
  void unixOpsReportAttributesAndProcesses() throws IOException {
    FileOps ops = FileOps.system();
    assertNull(ops.attributes(dir.resolve("missing"), false));
    assertInstanceOf(
        java.nio.file.attribute.PosixFileAttributes.class, ops.attributes(dir, true));
    assertTrue(ops.isAlive(ops.currentPid()));
    assertFalse(ops.isAlive(DEAD_PID));
    Path f = dir.resolve("f");
    Files.write(f, utf8("0123456789"));
    assertArrayEquals(utf8("0123"), ops.read(f, 4));
    assertArrayEquals(utf8("0123456789"), ops.read(f, 100));
    Set<PosixFilePermission> bits = PosixFilePermissions.fromString("rw-rw----");
    ops.setPermissions(f, bits);
    assertEquals(bits, Files.getPosixFilePermissions(f));
  }
}
