package io.github.fbtools.core.files;

import java.io.Closeable;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * The cross-process lock file protocol of {@link AtomicFiles}: {@code <name>.lock} next to the
 * file, holding {@code fbtools-lock pid=<pid> token=<hex>}, written complete under a private name
 * and published with a hard link (which fails if the lock exists), removed by its owner, and
 * broken by others only once stale (its process is dead, or it is 10 minutes old, or it named no
 * owner for 10 seconds). Within this JVM, threads locking one file first queue on a fair lock of
 * that file (one per lock file, dropped when no thread uses it), so threads writing different
 * files never wait for each other.
 *
 * <p>Why this class is long: taking, checking, breaking and releasing a lock file are one
 * protocol between processes, and whether two owners can ever hold one lock can only be checked
 * with all of its steps, and the in-JVM queue in front of them, in one file.
 *
 * <!-- given: LockFiles locks; List<Path> sortedTargets; LongSupplier nanoTime; LeftoverSweeper sweeper -->
 * <pre>{@code
 * try (LockFiles.Held held = locks.lockAll(sortedTargets, nanoTime.getAsLong(), sweeper)) {
 *   // ... write the targets
 * }   // lock files removed, newest first
 * }</pre>
 *
 * <p>Thread-safe; a {@link Held} belongs to the thread that took it.
 */
final class LockFiles {
  private static final System.Logger LOG = System.getLogger(AtomicFiles.class.getName());

  private static final Pattern LOCK_CONTENT =
      Pattern.compile("fbtools-lock pid=([0-9]{1,18}) token=([0-9a-f]{16})\n");
  private static final int MAX_LOCK_BYTES = 256;
  private static final long MAX_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  /** The lock of each lock file that threads of this JVM are taking or holding now. */
  private static final ConcurrentHashMap<Path, FileMutex> IN_PROCESS = new ConcurrentHashMap<>();

  /** How a writer waits between two attempts to take a lock (injectable for tests). */
  @FunctionalInterface
  interface Sleeper {
    void sleep(long nanos) throws InterruptedException;
  }

  private final FileOps ops;
  private final Clock clock;
  private final Duration lockTimeout;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;

  LockFiles(
      FileOps ops, Clock clock, Duration lockTimeout, LongSupplier nanoTime, Sleeper sleeper) {
    this.ops = ops;
    this.clock = clock;
    this.lockTimeout = lockTimeout;
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
  }

  /** A fair lock of one lock file for the threads of this JVM, with the count of its users. */
  private static final class FileMutex {
    final ReentrantLock lock = new ReentrantLock(true);
    int users; // changed only inside IN_PROCESS.compute

    static FileMutex enter(Path lockFile) {
      return IN_PROCESS.compute(
          lockFile,
          (k, m) -> {
            FileMutex mutex = m == null ? new FileMutex() : m;
            mutex.users++;
            return mutex;
          });
    }

    void leave(Path lockFile) {
      IN_PROCESS.computeIfPresent(lockFile, (k, m) -> --m.users == 0 ? null : m);
    }
  }

  /**
   * The locks taken by one {@link #lockAll} call. Closing it removes the lock files and then
   * leaves the in-process locks, newest first; each is released even if releasing another fails.
   */
  final class Held implements Closeable {
    private final Deque<Path> lockFiles = new ArrayDeque<>();
    private final Deque<WriterToken> tokens = new ArrayDeque<>();
    private final Deque<Path> mutexKeys = new ArrayDeque<>();
    private final Deque<FileMutex> mutexes = new ArrayDeque<>();

    private Held() {}

    @Override
    public void close() {
      if (!lockFiles.isEmpty()) {
        Path lockFile = lockFiles.pop();
        WriterToken token = tokens.pop();
        try {
          release(lockFile, token);
        } finally {
          close();
        }
      } else if (!mutexes.isEmpty()) {
        FileMutex mutex = mutexes.pop();
        Path key = mutexKeys.pop();
        try {
          mutex.lock.unlock();
        } finally {
          mutex.leave(key);
          close();
        }
      }
    }
  }

  /**
   * Takes the locks of {@code order} (resolved targets, sorted, distinct): first the in-process
   * lock of each, then each lock file, removing {@code sweep}'s leftovers of each file once its
   * lock is held. The lock timeout counts from {@code start} for all of them together. If one
   * cannot be taken, those already taken are released.
   */
  Held lockAll(List<Path> order, long start, LeftoverSweeper sweep) throws IOException {
    Held held = new Held();
    try {
      for (Path target : order) {
        Path lockFile = WriterNames.sibling(target, AtomicFiles.LOCK_SUFFIX);
        FileMutex mutex = FileMutex.enter(lockFile);
        boolean entered = false;
        try {
          long left = lockTimeout.toNanos() - (nanoTime.getAsLong() - start);
          entered = mutex.lock.tryLock(Math.max(0, left), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw FileErrors.interrupted(target);
        } finally {
          if (!entered) {
            mutex.leave(lockFile);
          }
        }
        if (!entered) {
          throw new FileBusyException(
              target,
              lockFile,
              ops.currentPid(),
              waitedSince(start),
              "another thread of this process is writing it");
        }
        held.mutexKeys.push(lockFile);
        held.mutexes.push(mutex);
      }
      for (Path target : order) {
        Path lockFile = WriterNames.sibling(target, AtomicFiles.LOCK_SUFFIX);
        WriterToken token;
        try {
          token = acquire(target, lockFile, start);
        } catch (NoSuchFileException e) {
          NoSuchFileException missing =
              new NoSuchFileException(
                  target.toString(), String.valueOf(target.getParent()), "its folder does not exist");
          missing.initCause(e);
          throw missing;
        }
        held.lockFiles.push(lockFile);
        held.tokens.push(token);
        sweep.removeLeftovers(WriterNames.parentOf(target), WriterNames.name(target));
      }
      return held;
    } catch (IOException | RuntimeException | Error e) {
      held.close();
      throw e;
    }
  }

  private Duration waitedSince(long start) {
    return Duration.ofNanos(Math.max(0, nanoTime.getAsLong() - start));
  }

  /** Takes {@code lockFile}, waiting up to the timeout; returns the token that owns it. */
  private WriterToken acquire(Path target, Path lockFile, long start) throws IOException {
    WriterToken token = WriterToken.open(ops);
    Path prepared = token.tempFor(lockFile);
    boolean held = false;
    try {
      // The lock is written complete under a private name, then published with link(2), which
      // fails if the lock exists: a lock file is never seen without its owner, even if this
      // process dies between two steps.
      try {
        prepareLock(prepared, token);
      } catch (NoSuchFileException e) {
        throw e; // the folder is missing: the caller says so
      } catch (FileSystemException e) {
        throw FileErrors.onBehalfOf(e, target, "taking its lock " + lockFile.getFileName());
      }
      long backoff = TimeUnit.MILLISECONDS.toNanos(1);
      while (true) {
        if (tryLinkLock(lockFile, prepared, token)) {
          held = true;
          return token;
        }
        LockInfo info = inspect(lockFile);
        if (info.state == LockState.GONE) {
          continue;
        }
        if (info.heldByThisThread) {
          throw new IllegalStateException(
              "this thread already holds the lock on " + target + "; locks are not reentrant");
        }
        if (info.stale) {
          breakLock(lockFile, info);
          continue;
        }
        long waited = nanoTime.getAsLong() - start;
        long left = lockTimeout.toNanos() - waited;
        if (left <= 0) {
          throw new FileBusyException(
              target, lockFile, info.pid, Duration.ofNanos(waited), info.describe(lockFile));
        }
        try {
          sleeper.sleep(Math.min(backoff, left));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw FileErrors.interrupted(target);
        }
        backoff = Math.min(backoff * 2, MAX_BACKOFF_NANOS);
      }
    } finally {
      try {
        removeQuietly(prepared);
      } finally {
        if (!held) {
          token.close();
        }
      }
    }
  }

  /** Writes the lock's content under its private name. */
  private void prepareLock(Path prepared, WriterToken token) throws IOException {
    FileOps.NewFile out = ops.createNew(prepared);
    try {
      writeLock(out, token.lockContent());
    } catch (IOException | RuntimeException e) {
      FileErrors.deleteAfterFailure(ops, prepared, e);
      throw e;
    }
  }

  /**
   * Publishes the prepared lock; false if a lock exists. Where the file system has no hard links,
   * falls back to creating the lock in place (a death between creating and writing it then leaves
   * a lock without owner, removed after {@link AtomicFiles#UNOWNED_LOCK_GRACE}).
   */
  private boolean tryLinkLock(Path lockFile, Path prepared, WriterToken token) throws IOException {
    try {
      ops.createLink(lockFile, prepared);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (FileSystemException e) {
      if (ops.attributes(lockFile, false) != null) {
        return false;
      }
      LOG.log(Level.DEBUG, "no hard links in {0}, creating lock files in place: {1}", lockFile, e);
      return tryCreateLock(lockFile, token);
    }
  }

  private void removeQuietly(Path file) {
    try {
      ops.deleteIfExists(file);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "could not delete {0}; the next writer will: {1}", file, e);
    }
  }

  private boolean tryCreateLock(Path lockFile, WriterToken token) throws IOException {
    FileOps.NewFile out;
    try {
      out = ops.createNew(lockFile);
    } catch (FileAlreadyExistsException e) {
      return false;
    }
    try {
      writeLock(out, token.lockContent());
    } catch (IOException | RuntimeException e) {
      FileErrors.deleteAfterFailure(ops, lockFile, e);
      throw e;
    }
    return true;
  }

  private static void writeLock(FileOps.NewFile out, byte[] content) throws IOException {
    try (out) {
      out.write(ByteBuffer.wrap(content));
    }
  }

  private void release(Path lockFile, WriterToken token) {
    try (token) {
      byte[] content = ops.read(lockFile, MAX_LOCK_BYTES);
      if (Arrays.equals(content, token.lockContent())) {
        ops.deleteIfExists(lockFile);
      } else {
        LOG.log(
            Level.WARNING,
            "lock file {0} was taken over by another writer after it went stale; left in place",
            lockFile);
      }
    } catch (IOException e) {
      LOG.log(Level.WARNING, "could not remove lock file {0}; the next writer will: {1}", lockFile, e);
    }
  }

  /** What a lock file is. */
  enum LockState {
    GONE,
    OWNED,
    UNOWNED,
    FOREIGN
  }

  /** What a lock file says about its owner. */
  static final class LockInfo {
    static final LockInfo GONE_INFO = new LockInfo(LockState.GONE, -1, null, new byte[0], false, false);

    final LockState state;
    final long pid;
    /** Its file key, to tell it from a lock that replaced it. */
    @Nullable final Object fileKey;
    final byte[] content;
    /** Whether its owner is gone (it may be removed). */
    final boolean stale;
    final boolean heldByThisThread;

    LockInfo(
        LockState state,
        long pid,
        @Nullable Object fileKey,
        byte[] content,
        boolean stale,
        boolean heldByThisThread) {
      this.state = state;
      this.pid = pid;
      this.fileKey = fileKey;
      this.content = content;
      this.stale = stale;
      this.heldByThisThread = heldByThisThread;
    }

    String describe(Path lockFile) {
      return switch (state) {
        case OWNED -> "process " + pid + " holds its lock " + lockFile.getFileName();
        case UNOWNED -> "its lock file "
            + lockFile.getFileName()
            + " names no owner yet (removed once "
            + AtomicFiles.UNOWNED_LOCK_GRACE.toSeconds()
            + " s old)";
        default -> "its lock file "
            + lockFile.getFileName()
            + " was not written by fbtools-java; remove it if no program is writing the file";
      };
    }
  }

  /** Reads a lock file and judges whether its owner is gone. */
  LockInfo inspect(Path lockFile) throws IOException {
    BasicFileAttributes a = ops.attributes(lockFile, false);
    if (a == null) {
      return LockInfo.GONE_INFO;
    }
    if (!a.isRegularFile()) {
      return new LockInfo(LockState.FOREIGN, -1, a.fileKey(), new byte[0], false, false);
    }
    byte[] content;
    try {
      content = ops.read(lockFile, MAX_LOCK_BYTES);
    } catch (NoSuchFileException e) {
      return LockInfo.GONE_INFO;
    }
    Duration age = Duration.between(a.lastModifiedTime().toInstant(), clock.instant());
    boolean expired =
        age.compareTo(AtomicFiles.STALE_AFTER) > 0
            || age.compareTo(AtomicFiles.STALE_AFTER.negated()) < 0;
    String text = new String(content, StandardCharsets.ISO_8859_1);
    Matcher m = LOCK_CONTENT.matcher(text);
    if (m.matches()) {
      long pid = Long.parseLong(m.group(1));
      if (pid == ops.currentPid()) {
        Thread holder = WriterToken.holder(pid + "." + m.group(2));
        return new LockInfo(
            LockState.OWNED,
            pid,
            a.fileKey(),
            content,
            holder == null,
            holder == Thread.currentThread());
      }
      boolean stale = expired || !ops.isAlive(pid);
      return new LockInfo(LockState.OWNED, pid, a.fileKey(), content, stale, false);
    }
    if (isUnowned(text)) {
      boolean stale =
          age.compareTo(AtomicFiles.UNOWNED_LOCK_GRACE) > 0
              || age.compareTo(AtomicFiles.STALE_AFTER.negated()) < 0;
      return new LockInfo(LockState.UNOWNED, -1, a.fileKey(), content, stale, false);
    }
    return new LockInfo(LockState.FOREIGN, -1, a.fileKey(), content, false, false);
  }

  /** Empty, NUL bytes (a power loss), or a prefix of this protocol's lock format. */
  private static boolean isUnowned(String text) {
    String t = text.replace("\0", "");
    if (t.isEmpty()) {
      return true;
    }
    String magic = WriterToken.lockMagic();
    String head = t.length() <= magic.length() ? t : t.substring(0, magic.length());
    return magic.startsWith(head) && !LOCK_CONTENT.matcher(text).matches();
  }

  /**
   * Removes a stale lock without ever removing a fresh one that replaced it meanwhile: the lock is
   * first renamed to a private name, then compared with what was judged stale; a different lock
   * is put back with a hard link (which fails if yet another lock appeared).
   */
  void breakLock(Path lockFile, LockInfo stale) throws IOException {
    try (WriterToken token = WriterToken.open(ops)) {
      Path grabbed = token.tempFor(lockFile);
      try {
        ops.moveAtomically(lockFile, grabbed);
      } catch (NoSuchFileException e) {
        return;
      }
      boolean same;
      try {
        BasicFileAttributes a = ops.attributes(grabbed, false);
        byte[] content = ops.read(grabbed, MAX_LOCK_BYTES);
        same =
            a != null
                && Objects.equals(a.fileKey(), stale.fileKey)
                && Arrays.equals(content, stale.content);
      } catch (IOException | RuntimeException e) {
        restoreLock(lockFile, grabbed, e);
        throw e;
      }
      if (same) {
        ops.deleteIfExists(grabbed);
        LOG.log(Level.INFO, "removed stale lock file {0}", lockFile);
      } else {
        restoreLock(lockFile, grabbed, null);
      }
    }
  }

  /** Puts back a lock taken by {@link #breakLock} that could not be shown to be the stale one. */
  private void restoreLock(Path lockFile, Path grabbed, @Nullable Exception failure) {
    try {
      ops.createLink(lockFile, grabbed);
      ops.deleteIfExists(grabbed);
    } catch (IOException | RuntimeException e) {
      if (failure != null) {
        failure.addSuppressed(e);
      } else {
        LOG.log(
            Level.WARNING,
            "a lock on {0} was taken while a stale one was removed; two writers may overlap"
                + " (each write stays atomic): {1}",
            lockFile,
            e);
      }
    }
  }
}
