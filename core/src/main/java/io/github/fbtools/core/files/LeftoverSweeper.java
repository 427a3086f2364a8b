package io.github.fbtools.core.files;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import javax.annotation.Nullable;

/**
 * Removes what dead writers of {@link AtomicFiles} left in a folder: temporary files whose owner
 * (process id and token in the name) is gone, and stale lock files (through {@link
 * LockFiles#breakLock}, which never removes a fresh lock). Files of writers still running, and
 * files the writer did not make, are kept.
 *
 * <!-- given: LeftoverSweeper sweeper; Path sceneDir -->
 * <pre>{@code
 * int removed = sweeper.removeLeftovers(sceneDir, null);            // every leftover
 * sweeper.removeLeftovers(sceneDir, "prompts.json");                // those of one file, under its lock
 * }</pre>
 *
 * <p>Thread-safe.
 */
final class LeftoverSweeper {
  private static final System.Logger LOG = System.getLogger(AtomicFiles.class.getName());

  private final FileOps ops;
  private final Clock clock;
  private final LockFiles locks;

  LeftoverSweeper(FileOps ops, Clock clock, LockFiles locks) {
    this.ops = ops;
    this.clock = clock;
    this.locks = locks;
  }

  /**
   * Removes stale leftovers in {@code dir}: those of {@code onlyFor} (temporary files of it and of
   * its lock) while holding its lock, best effort; or every one (and stale lock files) when
   * {@code onlyFor} is null.
   */
  int removeLeftovers(Path dir, @Nullable String onlyFor) throws IOException {
    int removed = 0;
    try {
      for (Path entry : ops.list(dir)) {
        String n = WriterNames.name(entry);
        Matcher m = WriterNames.LEFTOVER.matcher(n);
        if (m.matches()) {
          String base = m.group(1);
          if (onlyFor != null
              && !base.equals(onlyFor)
              && !base.equals(onlyFor + AtomicFiles.LOCK_SUFFIX)) {
            continue;
          }
          long pid = Long.parseLong(m.group(2));
          if (ownerGone(pid, pid + "." + m.group(3), entry) && ops.deleteIfExists(entry)) {
            removed++;
          }
        } else if (onlyFor == null && n.endsWith(AtomicFiles.LOCK_SUFFIX)) {
          removed += removeIfStaleLock(dir, entry, n);
        }
      }
    } catch (IOException | RuntimeException e) {
      if (onlyFor == null) {
        throw e;
      }
      LOG.log(Level.WARNING, "could not remove leftovers of {0} in {1}: {2}", onlyFor, dir, e);
    }
    return removed;
  }

  private int removeIfStaleLock(Path dir, Path lockFile, String n) throws IOException {
    LockFiles.LockInfo info = locks.inspect(lockFile);
    if (!info.stale) {
      return 0;
    }
    if (info.state == LockFiles.LockState.UNOWNED) {
      // An empty *.lock is only taken for ours if the file it locks is there.
      String locked = n.substring(0, n.length() - AtomicFiles.LOCK_SUFFIX.length());
      if (locked.isEmpty() || ops.attributes(dir.resolve(locked), false) == null) {
        return 0;
      }
    }
    locks.breakLock(lockFile, info);
    return ops.attributes(lockFile, false) == null ? 1 : 0;
  }

  private boolean ownerGone(long pid, String token, Path entry) throws IOException {
    if (pid == ops.currentPid()) {
      if (WriterToken.holder(token) == null) {
        return true;
      }
    } else if (!ops.isAlive(pid)) {
      return true;
    }
    BasicFileAttributes a = ops.attributes(entry, false);
    if (a == null) {
      return false;
    }
    Instant modified = a.lastModifiedTime().toInstant();
    Duration age = Duration.between(modified, clock.instant());
    return age.compareTo(AtomicFiles.STALE_AFTER) > 0
        || age.compareTo(AtomicFiles.STALE_AFTER.negated()) < 0;
  }
}
