package io.github.fbtools.core.files;

import io.github.fbtools.core.json.SetOnce;
import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.github.fbtools.core.json.FbJson;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.annotation.Nullable;

/**
 * The only code in fbtools-java that writes files. A file is never changed in place: it is
 * replaced as a whole, so that a reader, a crash or a power loss sees either the old bytes or the
 * new bytes, never a mix, a truncated file or an empty one.
 *
 * <h2>How a file is replaced</h2>
 *
 * <ol>
 *   <li>Take the lock {@code <name>.lock} next to the file, as Git does, holding this process's
 *       id and a random token. It is written complete under a private name and published with a
 *       hard link, which, like {@code CREATE_NEW}, fails if the lock exists, so a lock file never
 *       lacks its owner even if its writer dies mid-step (where the file system has no hard
 *       links, it is created in place with {@code CREATE_NEW}). A second writer, thread or process,
 *       waits for it up to the lock timeout (default 2 seconds) and
 *       then gets {@link FileBusyException}. Threads of one process first queue on an in-process
 *       lock of that one file, so writers of different files never wait for each other.
 *   <li>Remove leftovers of earlier writers of this file that died (see below).
 *   <li>Write the bytes to a new temporary file {@code <name>.<pid>.<token>.tmp} in the same
 *       folder, with the permission bits (and, where allowed, the owner and group) of the file
 *       it replaces; flush it to the device ({@code FileChannel.force(true)}).
 *   <li>Rename it over the file with {@code ATOMIC_MOVE} ({@code rename(2)}). There is no
 *       fallback: if the move cannot be atomic, the write fails with {@link
 *       java.nio.file.AtomicMoveNotSupportedException} and the file is untouched.
 *   <li>Flush the folder, which makes the rename durable.
 *   <li>Delete the lock file.
 * </ol>
 *
 * <p>On any failure the temporary file is deleted and the original stays byte for byte as it was;
 * the {@link IOException} is thrown (an exception without a file name, such as "No space left on
 * device", is wrapped in a {@link FileSystemException} that names the file). A write that
 * completed its rename but could not flush the folder also throws: the new bytes are in place but
 * may not survive a power loss.
 *
 * <h2>Leftovers</h2>
 *
 * <p>A process killed mid-write leaves its temporary file, and perhaps its lock file. Both name
 * their owner (process id and token). The next writer of the file, or {@link
 * #removeLeftovers(Path)}, deletes them as soon as the owner is gone (the process is dead, or it
 * is this process and the writer that made them has finished), or once they are 10 minutes
 * old ({@link #STALE_AFTER}: a process id may be reused). Temporary files of a writer that
 * is still running are kept. A lock file that names no owner (a power loss can leave it empty) is
 * removed once 10 seconds old ({@link #UNOWNED_LOCK_GRACE}). A file named {@code *.lock} whose
 * content was not written by this class is never removed: it blocks writers of the file, who get
 * {@link FileBusyException} explaining it.
 *
 * <h2>Symbolic links</h2>
 *
 * <p>If the file to write is a symbolic link, the file it points to is replaced (the link stays a
 * link), provided that file lies inside the folder holding the link (that folder or below it).
 * A link that dangles or points outside that folder is refused with {@link UnsafeLinkException};
 * a link is never replaced by a regular file. Paths are checked by {@link SafeNames} before they
 * get here; this rule keeps a link planted inside a scene folder from redirecting writes.
 *
 * <h2>Limits</h2>
 *
 * <ul>
 *   <li>Local file systems only: {@code force} and the folder flush promise durability only on a
 *       local storage device, and the lock relies on {@code O_EXCL} and on process ids of this
 *       machine (network file systems and processes in other containers are outside the
 *       guarantee).
 *   <li>Folders cannot be flushed on Windows; there the rename is as durable as the file system
 *       makes it.
 *   <li>A replaced file is a new file: other hard links to the old one keep the old bytes, and
 *       ACLs and extended attributes are not copied.
 *   <li>Names ending in {@code .lock}, and names of the form {@code <name>.<pid>.<token>.tmp}, are
 *       reserved for this class and cannot be written.
 *   <li>The lock is not reentrant: writing a file inside {@link #underLock} of the same file
 *       fails with {@link IllegalStateException}.
 * </ul>
 *
 * <!-- given: Path sceneDir; byte[] originalBytes; byte[] v2Bytes -->
 * <pre>{@code
 * AtomicFiles files = AtomicFiles.create();
 * files.writeJson(sceneDir.resolve("pose.json"), Map.of("people", List.of()));
 *
 * // Several steps under one lock: first a backup that is never overwritten, then the new file.
 * Path prompts = sceneDir.resolve("prompts.json");
 * files.underLock(prompts, locked -> {
 *   locked.publishExclusive(sceneDir.resolve("prompts.json.v1.backup"), originalBytes);
 *   locked.write(v2Bytes);
 *   return null;
 * });
 * }</pre>
 *
 * <h2>How the work is divided</h2>
 *
 * <p>This class resolves the files (the symbolic-link rule), takes their locks and hands out
 * {@link LockedFile}s. Three package-private classes do the rest, one job each: the lock file
 * protocol ({@code LockFiles}, whose lock handle is released by try-with-resources), the writer of
 * temporary files, renames and links ({@code FileReplacer}), and the removal of leftovers ({@code
 * LeftoverSweeper}).
 *
 * <p>Why this class is long: it is the written contract of every file write of the library; half
 * of its lines are this documentation and that of its public methods.
 *
 * <p>Instances are immutable and thread-safe; one instance can serve a whole application.
 */
public final class AtomicFiles {

  /** How long a writer waits for another writer's lock by default: 2 seconds. */
  public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(2);

  /**
   * Age after which a temporary or lock file is removed even if the process id it names is alive
   * (that id may belong to another process by now): 10 minutes.
   */
  public static final Duration STALE_AFTER = Duration.ofMinutes(10);

  /**
   * Age after which a lock file that names no owner (left empty by a power loss) is removed: 10
   * seconds.
   */
  public static final Duration UNOWNED_LOCK_GRACE = Duration.ofSeconds(10);

  /** The suffix of lock files. */
  public static final String LOCK_SUFFIX = ".lock";

  private static final System.Logger LOG = System.getLogger(AtomicFiles.class.getName());

  private final FileOps ops;
  private final Duration lockTimeout;
  private final LongSupplier nanoTime;
  private final LockFiles locks;
  private final LeftoverSweeper sweeper;
  private final FileReplacer writer;

  private AtomicFiles(Builder b) {
    this.ops = b.fileOps;
    this.lockTimeout = b.lockTimeout;
    this.nanoTime = b.nanoTime;
    this.locks = new LockFiles(ops, b.clock, lockTimeout, nanoTime, b.sleeper);
    this.sweeper = new LeftoverSweeper(ops, b.clock, locks);
    this.writer = new FileReplacer(ops);
  }

  /**
   * Returns a writer on the real file system with the system clock and the default lock timeout.
   *
   * @return a new instance
   */
  public static AtomicFiles create() {
    return builder().build();
  }

  /**
   * Returns a builder, to set the lock timeout, the clock or the {@link FileOps}.
   *
   * @return a new builder with the defaults
   */
  public static Builder builder() {
    return new Builder();
  }

  /** The file-system primitives this instance uses, for the readers and listers of this package. */
  FileOps ops() {
    return ops;
  }

  /**
   * Returns how long a writer waits for another writer's lock.
   *
   * @return the lock timeout
   */
  public Duration lockTimeout() {
    return lockTimeout;
  }

  /**
   * Replaces (or creates) {@code file} with {@code bytes}, atomically and durably, under its lock.
   *
   * @param file the file to write; its folder must exist
   * @param bytes the complete new content
   * @throws NoSuchFileException if the folder does not exist
   * @throws FileBusyException if another writer held the lock for the whole lock timeout
   * @throws UnsafeLinkException if {@code file} is a symbolic link that dangles or leaves its
   *     folder
   * @throws NotAFileException if a folder (or anything but a file) is where the file should be
   * @throws java.nio.file.AtomicMoveNotSupportedException if the rename cannot be atomic
   * @throws IOException if the write fails; the file is then unchanged
   * @throws IllegalArgumentException if the file name is reserved for lock or temporary files
   */
  public void write(Path file, byte[] bytes) throws IOException {
    underLock(
        file,
        locked -> {
          locked.write(bytes);
          return null;
        });
  }

  /**
   * Replaces (or creates) {@code file} with the JSON text of {@code value}, written by {@link
   * FbJson#writeBytes(Object)} (UTF-8, 2-space indent, non-ASCII raw, final newline), as {@link
   * #write(Path, byte[])} does.
   *
   * @param file the file to write
   * @param value a value of {@link FbJson}'s value model
   * @throws IllegalArgumentException if the value cannot be written as JSON (checked before any
   *     file is touched) or the file name is reserved
   * @throws IOException as {@link #write(Path, byte[])}
   */
  public void writeJson(Path file, @Nullable Object value) throws IOException {
    write(file, FbJson.writeBytes(value));
  }

  /**
   * Creates {@code file} with {@code bytes}, only if nothing exists under that name, and never
   * replaces anything: the bytes go to a temporary file that is flushed and then published with a
   * hard link ({@code link(2)}, which fails atomically if the name exists), so the file appears
   * complete or not at all. The new file has the default permission bits. Needs a file system
   * with hard links.
   *
   * @param file the file to create; its folder must exist
   * @param bytes its content
   * @throws FileAlreadyExistsException if {@code file} exists (nothing was changed)
   * @throws IOException if the file cannot be created; nothing is left behind
   * @throws IllegalArgumentException if the file name is reserved
   */
  public void publishExclusive(Path file, byte[] bytes) throws IOException {
    writer.publish(file.toAbsolutePath(), bytes, null);
  }

  /**
   * Reads a file as the library's readers do: through the same {@link FileOps} seam and the same
   * symbolic-link rule as {@link #write} (a link is followed only to a file inside its folder).
   * Reads at most {@code maxBytes + 1} bytes, so a result longer than {@code maxBytes} tells the
   * caller the file is too large without reading all of it.
   *
   * @param file the file
   * @param maxBytes the largest size the caller accepts
   * @return the bytes, or null if nothing exists at {@code file}
   * @throws UnsafeLinkException if {@code file} is a symbolic link that dangles or leaves its
   *     folder
   * @throws NotAFileException if a folder is where the file should be
   * @throws IOException if it cannot be read
   */
  @Nullable
  public byte[] readIfExists(Path file, int maxBytes) throws IOException {
    Path target = resolveTarget(file);
    return readTarget(target, maxBytes);
  }

  @Nullable
  private byte[] readTarget(Path target, int maxBytes) throws IOException {
    checkArgument(maxBytes >= 0, "maxBytes must be >= 0: %s", maxBytes);
    try {
      return ops.read(target, maxBytes == Integer.MAX_VALUE ? maxBytes : maxBytes + 1);
    } catch (NoSuchFileException e) {
      return null;
    } catch (FileSystemException e) {
      throw e;
    } catch (IOException e) {
      BasicFileAttributes a = ops.attributes(target, false);
      if (a != null && a.isDirectory()) {
        // The JDK's "Is a directory" names no file; say which one, so callers can report it.
        NotAFileException named = new NotAFileException(target, "is a folder, not a file");
        named.initCause(e);
        throw named;
      }
      throw e;
    }
  }

  /**
   * Runs {@code action} while holding the lock of {@code file}, so that several steps (for example
   * a backup and then the file itself) happen with no other writer in between. The lock is
   * released when the action returns or throws.
   *
   * @param file the file to lock (if it is a symbolic link, the file it points to, as {@link
   *     #write} resolves it)
   * @param action the steps, given a {@link LockedFile} valid only during the call
   * @param <T> what the action returns
   * @return the action's result
   * @throws FileBusyException if another writer held the lock for the whole lock timeout
   * @throws UnsafeLinkException if {@code file} is a symbolic link that dangles or leaves its
   *     folder
   * @throws IOException if taking the lock fails or the action throws it
   * @throws IllegalStateException if this thread already holds the lock of {@code file}
   */
  public <T> T underLock(Path file, LockedAction<T> action) throws IOException {
    checkNotNull(action, "action");
    return underLocks(List.of(file), locked -> action.run(locked.get(0)));
  }

  /**
   * Runs {@code action} while holding the locks of several files at once, so that checks of all of
   * them and writes to any of them happen with no other writer in between (a scene save checks
   * and writes its files this way). The locks are taken in one fixed order, that of the files'
   * absolute paths, whatever the order given, so two writers locking overlapping sets of files wait
   * for each other instead of deadlocking; the lock timeout counts from the start of the call for
   * all of them together. If one lock cannot be taken, those already taken are released and
   * nothing runs. All are released when the action returns or throws.
   *
   * @param files the files to lock (for a symbolic link, the file it points to), at least one; two
   *     of them must not be the same file
   * @param action the steps, given one {@link LockedFile} per file, in the order of {@code files},
   *     valid only during the call
   * @param <T> what the action returns
   * @return the action's result
   * @throws FileBusyException if another writer held a lock for the whole lock timeout
   * @throws UnsafeLinkException if a file is a symbolic link that dangles or leaves its folder
   * @throws IOException if taking a lock fails or the action throws it
   * @throws IllegalArgumentException if {@code files} is empty or names one file twice
   * @throws IllegalStateException if this thread already holds the lock of one of the files
   */
  @SuppressWarnings("try") // the locks are held for the body and released by close()
  public <T> T underLocks(List<Path> files, MultiLockedAction<T> action) throws IOException {
    checkNotNull(action, "action");
    checkArgument(!files.isEmpty(), "files must not be empty");
    long start = nanoTime.getAsLong();
    List<Path> targets = new ArrayList<>(files.size());
    for (Path f : files) {
      Path target = resolveTarget(f);
      checkArgument(!targets.contains(target), "files must not name one file twice: %s", target);
      targets.add(target);
    }
    List<Path> order = new ArrayList<>(targets);
    Collections.sort(order);
    try (LockFiles.Held held = locks.lockAll(order, start, sweeper)) {
      List<LockedFile> locked = new ArrayList<>(targets.size());
      for (Path target : targets) {
        locked.add(new LockedFile(target));
      }
      try {
        return action.run(Collections.unmodifiableList(locked));
      } finally {
        for (LockedFile l : locked) {
          l.open = false;
        }
      }
    }
  }

  /**
   * Creates one new folder and flushes its parent, so that the folder survives a power loss. The
   * folder must not exist: the creation is atomic ({@code mkdir(2)}), so of two callers, threads
   * or processes, creating the same folder exactly one succeeds. That makes it a claim, for
   * example of a freshly drawn id's folder.
   *
   * @param dir the folder; its parent must exist
   * @throws java.nio.file.FileAlreadyExistsException if something exists at {@code dir} (the
   *     claim is someone else's)
   * @throws java.nio.file.NoSuchFileException if the parent does not exist
   * @throws IOException if the folder cannot be created or its parent flushed
   */
  public void createDirectory(Path dir) throws IOException {
    Path d = dir.toAbsolutePath();
    ops.createDirectory(d);
    Path parent = d.getParent();
    if (parent != null) {
      ops.forceDirectory(parent);
    }
  }

  /**
   * Creates a folder and any missing parents, flushing each parent so that the new folders
   * survive a power loss. Existing folders (or links to folders) are accepted.
   *
   * @param dir the folder
   * @throws FileSystemException if a part of the path exists and is not a folder
   * @throws IOException if a folder cannot be created
   */
  public void createDirectories(Path dir) throws IOException {
    Deque<Path> missing = new ArrayDeque<>();
    Path p = dir.toAbsolutePath();
    while (p != null) {
      BasicFileAttributes a = ops.attributes(p, true);
      if (a != null) {
        if (!a.isDirectory()) {
          throw new FileSystemException(p.toString(), null, "exists and is not a folder");
        }
        break;
      }
      missing.push(p);
      p = p.getParent();
    }
    while (!missing.isEmpty()) {
      Path d = missing.pop();
      try {
        ops.createDirectory(d);
      } catch (FileAlreadyExistsException e) {
        BasicFileAttributes a = ops.attributes(d, true);
        if (a == null || !a.isDirectory()) {
          throw e;
        }
        continue;
      }
      Path parent = d.getParent();
      if (parent != null) {
        ops.forceDirectory(parent);
      }
    }
  }

  /**
   * Removes the leftovers of dead writers in one folder: temporary files and lock files whose
   * owner is gone, as described in the class comment. Files of writers that are still running,
   * and files this class did not write, are kept.
   *
   * @param dir the folder
   * @return how many files were removed
   * @throws IOException if the folder cannot be listed or a stale file cannot be removed
   */
  public int removeLeftovers(Path dir) throws IOException {
    return sweeper.removeLeftovers(dir.toAbsolutePath(), null);
  }

  /**
   * Removes the leftovers of dead writers, as {@link #removeLeftovers(Path)} does, in {@code dir}
   * and in each folder directly in it (symbolic links are not followed): for example a folder of
   * scene folders at a server's start-up. A folder that cannot be cleaned is skipped.
   *
   * @param dir the folder
   * @return how many files were removed
   * @throws IOException if {@code dir} cannot be listed
   */
  public int removeLeftoversBelow(Path dir) throws IOException {
    Path d = dir.toAbsolutePath();
    int removed = 0;
    for (Path entry : ops.list(d)) {
      BasicFileAttributes a = ops.attributes(entry, false);
      if (a != null && a.isDirectory()) {
        try {
          removed += sweeper.removeLeftovers(entry, null);
        } catch (IOException e) {
          LOG.log(Level.WARNING, "could not remove leftovers in {0}: {1}", entry, e.toString());
        }
      }
    }
    return removed + sweeper.removeLeftovers(d, null);
  }

  /**
   * The steps an {@link #underLock} call runs.
   *
   * @param <T> what the steps return
   */
  @FunctionalInterface
  public interface LockedAction<T> {
    /**
     * Runs the steps.
     *
     * @param file the locked file, to write through
     * @return any result
     * @throws IOException if a step fails
     */
    @Nullable
    T run(LockedFile file) throws IOException;
  }

  /**
   * The steps an {@link #underLocks} call runs.
   *
   * @param <T> what the steps return
   */
  @FunctionalInterface
  public interface MultiLockedAction<T> {
    /**
     * Runs the steps.
     *
     * @param files the locked files, in the order given to {@link #underLocks}, to write through
     * @return any result
     * @throws IOException if a step fails
     */
    @Nullable
    T run(List<LockedFile> files) throws IOException;
  }

  /**
   * A file locked by {@link #underLock} or {@link #underLocks}, valid during that call only and on
   * that thread only.
   */
  public final class LockedFile {
    private final Path file;
    private boolean open = true;

    private LockedFile(Path file) {
      this.file = file;
    }

    /**
     * Returns the locked file: an absolute path, the link's target if a symbolic link was given.
     *
     * @return the file
     */
    public Path file() {
      return file;
    }

    /**
     * Reads the locked file (or another file next to it), as {@link AtomicFiles#readIfExists}
     * does for an already resolved path.
     *
     * @param other the file to read: {@link #file()} or a file in its folder
     * @param maxBytes the largest size the caller accepts; at most {@code maxBytes + 1} bytes are
     *     read
     * @return the bytes, or null if nothing exists there
     * @throws IOException if it cannot be read
     * @throws IllegalStateException if the {@link #underLock} call has returned
     */
    @Nullable
    public byte[] readIfExists(Path other, int maxBytes) throws IOException {
      checkOpen();
      return readTarget(other.toAbsolutePath(), maxBytes);
    }

    /**
     * Replaces (or creates) the locked file with {@code bytes}, as {@link AtomicFiles#write}.
     *
     * @param bytes the complete new content
     * @throws IOException if the write fails; the file is then unchanged
     * @throws IllegalStateException if the {@link #underLock} call has returned
     */
    public void write(byte[] bytes) throws IOException {
      checkOpen();
      writer.replace(file, bytes);
    }

    /**
     * Replaces (or creates) the locked file with the JSON text of {@code value}.
     *
     * @param value a value of {@link FbJson}'s value model
     * @throws IOException if the write fails; the file is then unchanged
     * @throws IllegalArgumentException if the value cannot be written as JSON
     * @throws IllegalStateException if the {@link #underLock} call has returned
     */
    public void writeJson(@Nullable Object value) throws IOException {
      checkOpen();
      writer.replace(file, FbJson.writeBytes(value));
    }

    /**
     * Creates {@code other} exclusively, as {@link AtomicFiles#publishExclusive}, giving it the
     * permission bits (and, where allowed, the owner) of the locked file if that exists. Meant
     * for files that belong to the locked one, such as {@code prompts.json.v1.backup}.
     *
     * @param other the file to create
     * @param bytes its content
     * @throws FileAlreadyExistsException if {@code other} exists (nothing was changed)
     * @throws IOException if it cannot be created; nothing is left behind
     * @throws IllegalStateException if the {@link #underLock} call has returned
     */
    public void publishExclusive(Path other, byte[] bytes) throws IOException {
      checkOpen();
      writer.publish(other.toAbsolutePath(), bytes, file);
    }

    private void checkOpen() {
      if (!open) {
        throw new IllegalStateException("the lock on " + file + " has been released");
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Targets and names

  private Path resolveTarget(Path file) throws IOException {
    Path target = file.toAbsolutePath();
    Path folder = WriterNames.parentOf(target);
    WriterNames.checkName(WriterNames.name(target));
    BasicFileAttributes a = ops.attributes(target, false);
    if (a == null || !a.isSymbolicLink()) {
      return target;
    }
    Path real;
    try {
      real = ops.toRealPath(target);
    } catch (IOException e) {
      throw new UnsafeLinkException(
          target, "?", "is a symbolic link that cannot be followed (" + e.getMessage() + ")");
    }
    Path realFolder = ops.toRealPath(folder);
    if (!real.startsWith(realFolder) || real.equals(realFolder)) {
      throw new UnsafeLinkException(
          target, real.toString(), "is a symbolic link to a file outside its folder");
    }
    WriterNames.checkName(WriterNames.name(real));
    return real;
  }

  /**
   * Configures an {@link AtomicFiles}.
   *
   * <pre>{@code
   * AtomicFiles files = AtomicFiles.builder().lockTimeout(Duration.ofSeconds(5)).build();
   * }</pre>
   *
   * <p>Not thread-safe; the instances it builds are.
   *
   * <p>Each setting is made at most once: calling a setter a second time is an {@link
   * IllegalStateException} naming the setting and both values (the first would otherwise be lost
   * without a word; docs/decisions.md, "Builders take each setting once").
   */
  public static final class Builder {
    private final SetOnce once = new SetOnce();
    private FileOps fileOps = FileOps.system();
    private Clock clock = Clock.systemUTC();
    private Duration lockTimeout = DEFAULT_LOCK_TIMEOUT;
    private LongSupplier nanoTime = System::nanoTime;
    private LockFiles.Sleeper sleeper = TimeUnit.NANOSECONDS::sleep;

    private Builder() {}

    /**
     * Sets the file-system primitives (default {@link FileOps#system()}).
     *
     * @param fileOps the primitives
     * @return this builder
     */
    public Builder fileOps(FileOps fileOps) {
      once.set("fileOps", fileOps);
      this.fileOps = checkNotNull(fileOps, "fileOps");
      return this;
    }

    /**
     * Sets the clock that dates leftovers (default {@link Clock#systemUTC()}); it is compared with
     * file modification times.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      once.set("clock", clock);
      this.clock = checkNotNull(clock, "clock");
      return this;
    }

    /**
     * Sets how long a writer waits for another writer's lock before it gives up with {@link
     * FileBusyException} (default 2 seconds; zero tries once).
     *
     * @param lockTimeout from zero to one hour
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder lockTimeout(Duration lockTimeout) {
      checkArgument(
          !lockTimeout.isNegative() && lockTimeout.compareTo(Duration.ofHours(1)) <= 0,
          "lockTimeout must be in 0s..1h: %s",
          lockTimeout);
      once.set("lockTimeout", lockTimeout);
      this.lockTimeout = lockTimeout;
      return this;
    }

    Builder nanoTime(LongSupplier nanoTime) {
      this.nanoTime = checkNotNull(nanoTime, "nanoTime");
      return this;
    }

    Builder sleeper(LockFiles.Sleeper sleeper) {
      this.sleeper = checkNotNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Builds the writer.
     *
     * @return a new, immutable instance
     */
    public AtomicFiles build() {
      return new AtomicFiles(this);
    }
  }
}
