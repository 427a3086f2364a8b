package io.github.fbtools.core.files;

import io.github.fbtools.core.json.FbJson;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 *       then gets {@link FileBusyException}.
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

  /** {@code <name>.<pid>.<token>.tmp}: temporary files, and lock files being removed. */
  private static final Pattern LEFTOVER =
      Pattern.compile("(.+)\\.([0-9]{1,18})\\.([0-9a-f]{16})\\.tmp");

  private static final String LOCK_MAGIC = "fbtools-lock";
  private static final Pattern LOCK_CONTENT =
      Pattern.compile("fbtools-lock pid=([0-9]{1,18}) token=([0-9a-f]{16})\n");
  private static final int MAX_LOCK_BYTES = 256;
  private static final long MAX_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  /**
   * The owners ({@code <pid>.<token>}) of the temporary and lock files that writers of this JVM
   * are using now. A leftover that names this process but is not listed here is stale.
   */
  private static final ConcurrentHashMap<String, Thread> LIVE = new ConcurrentHashMap<>();

  /** Keeps the threads of this JVM that write one file from racing each other on its lock file. */
  private static final ReentrantLock[] STRIPES = new ReentrantLock[64];

  static {
    for (int i = 0; i < STRIPES.length; i++) {
      STRIPES[i] = new ReentrantLock(true);
    }
  }

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

  private AtomicFiles(Builder b) {
    this.ops = b.fileOps;
    this.clock = b.clock;
    this.lockTimeout = b.lockTimeout;
    this.nanoTime = b.nanoTime;
    this.sleeper = b.sleeper;
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
    publish(file.toAbsolutePath(), bytes, null);
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
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes must be >= 0: " + maxBytes);
    }
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
    Objects.requireNonNull(action, "action");
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
  public <T> T underLocks(List<Path> files, MultiLockedAction<T> action) throws IOException {
    Objects.requireNonNull(action, "action");
    if (files.isEmpty()) {
      throw new IllegalArgumentException("files must not be empty");
    }
    long start = nanoTime.getAsLong();
    List<Path> targets = new ArrayList<>(files.size());
    for (Path f : files) {
      Path target = resolveTarget(f);
      if (targets.contains(target)) {
        throw new IllegalArgumentException("files must not name one file twice: " + target);
      }
      targets.add(target);
    }
    List<Path> order = new ArrayList<>(targets);
    Collections.sort(order);
    TreeSet<Integer> stripeIndexes = new TreeSet<>();
    for (Path target : order) {
      stripeIndexes.add(stripeOf(sibling(target, LOCK_SUFFIX)));
    }
    Deque<ReentrantLock> stripesHeld = new ArrayDeque<>();
    Deque<Path> locksHeld = new ArrayDeque<>();
    Deque<String> tokens = new ArrayDeque<>();
    try {
      for (int index : stripeIndexes) {
        ReentrantLock stripe = STRIPES[index];
        long left = lockTimeout.toNanos() - (nanoTime.getAsLong() - start);
        boolean entered;
        try {
          entered = stripe.tryLock(Math.max(0, left), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw interrupted(order.get(0));
        }
        if (!entered) {
          Path target = order.get(0);
          throw new FileBusyException(
              target,
              sibling(target, LOCK_SUFFIX),
              ops.currentPid(),
              waitedSince(start),
              "another thread of this process is writing it");
        }
        stripesHeld.push(stripe);
      }
      for (Path target : order) {
        Path lockFile = sibling(target, LOCK_SUFFIX);
        String token;
        try {
          token = acquire(target, lockFile, start);
        } catch (NoSuchFileException e) {
          NoSuchFileException missing =
              new NoSuchFileException(
                  target.toString(),
                  String.valueOf(target.getParent()),
                  "its folder does not exist");
          missing.initCause(e);
          throw missing;
        }
        locksHeld.push(lockFile);
        tokens.push(token);
        removeLeftovers(parentOf(target), name(target));
      }
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
    } finally {
      releaseAll(locksHeld, tokens, stripesHeld);
    }
  }

  /**
   * Releases the lock files, then the stripes, newest first; every one is released even if
   * releasing another throws, whatever it throws.
   */
  private void releaseAll(
      Deque<Path> locksHeld, Deque<String> tokens, Deque<ReentrantLock> stripesHeld) {
    if (!locksHeld.isEmpty()) {
      Path lockFile = locksHeld.pop();
      String token = tokens.pop();
      try {
        release(lockFile, token);
      } finally {
        releaseAll(locksHeld, tokens, stripesHeld);
      }
    } else if (!stripesHeld.isEmpty()) {
      ReentrantLock stripe = stripesHeld.pop();
      try {
        stripe.unlock();
      } finally {
        releaseAll(locksHeld, tokens, stripesHeld);
      }
    }
  }

  private static int stripeOf(Path lockFile) {
    return Math.floorMod(lockFile.toString().hashCode(), STRIPES.length);
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
    return removeLeftovers(dir.toAbsolutePath(), null);
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
          removed += removeLeftovers(entry, null);
        } catch (IOException e) {
          LOG.log(Level.WARNING, "could not remove leftovers in {0}: {1}", entry, e.toString());
        }
      }
    }
    return removed + removeLeftovers(d, null);
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
      replace(file, bytes);
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
      replace(file, FbJson.writeBytes(value));
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
      BasicFileAttributes like = ops.attributes(file, false);
      publish(
          other.toAbsolutePath(),
          bytes,
          like instanceof PosixFileAttributes ? (PosixFileAttributes) like : null);
    }

    private void checkOpen() {
      if (!open) {
        throw new IllegalStateException("the lock on " + file + " has been released");
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Replacing and publishing

  private void replace(Path file, byte[] bytes) throws IOException {
    Path dir = file.getParent();
    BasicFileAttributes existing = ops.attributes(file, false);
    if (existing != null && !existing.isRegularFile()) {
      if (existing.isSymbolicLink()) {
        throw new UnsafeLinkException(file, "?", "became a symbolic link; refusing to replace it");
      }
      throw new NotAFileException(
          file, existing.isDirectory() ? "is a folder, not a file" : "is not a regular file");
    }
    String token = register();
    Path temp = sibling(file, "." + token + ".tmp");
    boolean moved = false;
    try {
      FileOps.NewFile out = ops.createNew(temp);
      writeFully(out, bytes, existing instanceof PosixFileAttributes ? (PosixFileAttributes) existing : null);
      ops.moveAtomically(temp, file);
      moved = true;
      ops.forceDirectory(dir);
    } catch (IOException | RuntimeException e) {
      if (!moved) {
        deleteAfterFailure(temp, e);
      }
      throw withFile(e, file, temp, moved ? "flushing the folder" : "writing");
    } finally {
      LIVE.remove(token);
    }
  }

  private void publish(Path file, byte[] bytes, @Nullable PosixFileAttributes like)
      throws IOException {
    Path dir = parentOf(file);
    checkName(name(file));
    if (ops.attributes(file, false) != null) {
      throw new FileAlreadyExistsException(file.toString());
    }
    String token = register();
    Path temp = sibling(file, "." + token + ".tmp");
    boolean linked = false;
    try {
      FileOps.NewFile out = ops.createNew(temp);
      writeFully(out, bytes, like);
      ops.createLink(file, temp);
      linked = true;
      try {
        ops.deleteIfExists(temp);
      } catch (IOException e) {
        LOG.log(Level.WARNING, "could not delete {0}; the next writer will: {1}", temp, e);
      }
      ops.forceDirectory(dir);
    } catch (IOException | RuntimeException e) {
      deleteAfterFailure(temp, e);
      if (e instanceof FileAlreadyExistsException) {
        throw (FileAlreadyExistsException) e;
      }
      throw withFile(e, file, temp, linked ? "flushing the folder" : "writing");
    } finally {
      LIVE.remove(token);
    }
  }

  /** Writes, flushes and closes a new file, copying {@code like}'s permissions and owner first. */
  private void writeFully(FileOps.NewFile out, byte[] bytes, @Nullable PosixFileAttributes like)
      throws IOException {
    Throwable failure = null;
    try {
      if (like != null) {
        copyOwnership(out.path(), like);
      }
      out.write(ByteBuffer.wrap(bytes));
      out.force();
    } catch (Throwable t) {
      failure = t;
      throw t;
    } finally {
      if (failure == null) {
        out.close();
      } else {
        try {
          out.close();
        } catch (IOException e) {
          failure.addSuppressed(e);
        }
      }
    }
  }

  private void copyOwnership(Path temp, PosixFileAttributes like) throws IOException {
    ops.setPermissions(temp, like.permissions());
    BasicFileAttributes mine = ops.attributes(temp, false);
    if (mine instanceof PosixFileAttributes) {
      PosixFileAttributes p = (PosixFileAttributes) mine;
      if (!p.owner().equals(like.owner()) || !p.group().equals(like.group())) {
        try {
          ops.setOwnerAndGroup(temp, like.owner(), like.group());
        } catch (IOException e) {
          // Only a privileged process may give a file away; the bits are kept regardless.
          LOG.log(Level.DEBUG, "could not copy the owner of a file to {0}: {1}", temp, e);
        }
      }
    }
  }

  private void deleteAfterFailure(Path temp, Exception failure) {
    try {
      ops.deleteIfExists(temp);
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Targets and names

  private Path resolveTarget(Path file) throws IOException {
    Path target = file.toAbsolutePath();
    Path folder = parentOf(target);
    checkName(name(target));
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
    checkName(name(real));
    return real;
  }

  private static Path parentOf(Path file) {
    Path parent = file.getParent();
    if (parent == null || file.getFileName() == null) {
      throw new IllegalArgumentException("file must name a file inside a folder: " + file);
    }
    return parent;
  }

  private static String name(Path file) {
    return String.valueOf(file.getFileName());
  }

  private static Path sibling(Path file, String suffix) {
    return file.resolveSibling(name(file) + suffix);
  }

  private static void checkName(String name) {
    if (name.endsWith(LOCK_SUFFIX) || LEFTOVER.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "file name is reserved for lock and temporary files: " + name);
    }
  }

  /**
   * Returns {@code e} to rethrow: unchecked exceptions and typed {@link IOException}s as they are,
   * a plain {@link IOException} (which names no file, like "No space left on device") wrapped in a
   * {@link FileSystemException} that names the file and the step.
   */
  private static RuntimeException withFile(Exception e, Path file, Path temp, String step)
      throws IOException {
    if (e instanceof RuntimeException) {
      return (RuntimeException) e;
    }
    IOException io = (IOException) e;
    if (io instanceof FileSystemException
        && temp.toString().equals(((FileSystemException) io).getFile())) {
      throw onBehalfOf((FileSystemException) io, file, step + " its temporary file");
    }
    if (io.getClass() != IOException.class) {
      throw io;
    }
    FileSystemException named =
        new FileSystemException(file.toString(), null, step + ": " + io.getMessage());
    named.initCause(io);
    throw named;
  }

  /**
   * A failure on one of this class's own files of {@code target} (its temporary file, or the
   * private name of its lock), named after {@code target}, which the caller knows, instead of a
   * {@code <name>.<pid>.<token>.tmp} name it does not. An {@link
   * AccessDeniedException} stays one; any other becomes a {@link
   * FileSystemException}. The original is the cause.
   */
  private static FileSystemException onBehalfOf(
      FileSystemException e, Path target, String step) {
    String why = e.getReason();
    if (why == null) {
      why =
          e instanceof AccessDeniedException
              ? "permission denied"
              : e.getClass().getSimpleName();
    }
    String reason = step + ": " + why;
    FileSystemException named =
        e instanceof AccessDeniedException
            ? new AccessDeniedException(target.toString(), null, reason)
            : new FileSystemException(target.toString(), null, reason);
    named.initCause(e);
    return named;
  }

  // ---------------------------------------------------------------------------------------------
  // Locks

  private String register() {
    String token = ops.currentPid() + "." + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    LIVE.put(token, Thread.currentThread());
    return token;
  }

  private static byte[] lockContent(String token) {
    int dot = token.indexOf('.');
    return (LOCK_MAGIC + " pid=" + token.substring(0, dot) + " token=" + token.substring(dot + 1)
            + "\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private String acquire(Path target, Path lockFile, long start) throws IOException {
    String token = register();
    Path prepared = sibling(lockFile, "." + token + ".tmp");
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
        throw onBehalfOf(e, target, "taking its lock " + lockFile.getFileName());
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
          throw interrupted(target);
        }
        backoff = Math.min(backoff * 2, MAX_BACKOFF_NANOS);
      }
    } finally {
      try {
        removeQuietly(prepared);
      } finally {
        if (!held) {
          LIVE.remove(token);
        }
      }
    }
  }

  /** Writes the lock's content under its private name. */
  private void prepareLock(Path prepared, String token) throws IOException {
    FileOps.NewFile out = ops.createNew(prepared);
    try {
      writeLock(out, lockContent(token));
    } catch (IOException | RuntimeException e) {
      deleteAfterFailure(prepared, e);
      throw e;
    }
  }

  /**
   * Publishes the prepared lock; false if a lock exists. Where the file system has no hard
   * links, falls back to creating the lock in place (a death between creating and writing it
   * then leaves a lock without owner, removed after {@link #UNOWNED_LOCK_GRACE}).
   */
  private boolean tryLinkLock(Path lockFile, Path prepared, String token) throws IOException {
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

  private boolean tryCreateLock(Path lockFile, String token) throws IOException {
    FileOps.NewFile out;
    try {
      out = ops.createNew(lockFile);
    } catch (FileAlreadyExistsException e) {
      return false;
    }
    try {
      writeLock(out, lockContent(token));
    } catch (IOException | RuntimeException e) {
      deleteAfterFailure(lockFile, e);
      throw e;
    }
    return true;
  }

  private static void writeLock(FileOps.NewFile out, byte[] content) throws IOException {
    Throwable failure = null;
    try {
      out.write(ByteBuffer.wrap(content));
    } catch (Throwable t) {
      failure = t;
      throw t;
    } finally {
      if (failure == null) {
        out.close();
      } else {
        try {
          out.close();
        } catch (IOException e) {
          failure.addSuppressed(e);
        }
      }
    }
  }

  private void release(Path lockFile, String token) {
    try {
      byte[] content = ops.read(lockFile, MAX_LOCK_BYTES);
      if (Arrays.equals(content, lockContent(token))) {
        ops.deleteIfExists(lockFile);
      } else {
        LOG.log(
            Level.WARNING,
            "lock file {0} was taken over by another writer after it went stale; left in place",
            lockFile);
      }
    } catch (IOException e) {
      LOG.log(Level.WARNING, "could not remove lock file {0}; the next writer will: {1}", lockFile, e);
    } finally {
      LIVE.remove(token);
    }
  }

  private enum LockState {
    GONE,
    OWNED,
    UNOWNED,
    FOREIGN
  }

  /** What a lock file says about its owner. */
  private static final class LockInfo {
    static final LockInfo GONE_INFO = new LockInfo(LockState.GONE, -1, null, new byte[0], false, false);

    final LockState state;
    final long pid;
    @Nullable final Object fileKey;
    final byte[] content;
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
      switch (state) {
        case OWNED:
          return "process " + pid + " holds its lock " + lockFile.getFileName();
        case UNOWNED:
          return "its lock file "
              + lockFile.getFileName()
              + " names no owner yet (removed once "
              + UNOWNED_LOCK_GRACE.toSeconds()
              + " s old)";
        default:
          return "its lock file "
              + lockFile.getFileName()
              + " was not written by fbtools-java; remove it if no program is writing the file";
      }
    }
  }

  private LockInfo inspect(Path lockFile) throws IOException {
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
    boolean expired = age.compareTo(STALE_AFTER) > 0 || age.compareTo(STALE_AFTER.negated()) < 0;
    String text = new String(content, StandardCharsets.ISO_8859_1);
    Matcher m = LOCK_CONTENT.matcher(text);
    if (m.matches()) {
      long pid = Long.parseLong(m.group(1));
      String token = pid + "." + m.group(2);
      if (pid == ops.currentPid()) {
        Thread holder = LIVE.get(token);
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
          age.compareTo(UNOWNED_LOCK_GRACE) > 0 || age.compareTo(STALE_AFTER.negated()) < 0;
      return new LockInfo(LockState.UNOWNED, -1, a.fileKey(), content, stale, false);
    }
    return new LockInfo(LockState.FOREIGN, -1, a.fileKey(), content, false, false);
  }

  /** Empty, NUL bytes (a power loss), or a prefix of this class's lock format. */
  private static boolean isUnowned(String text) {
    String t = text.replace("\0", "");
    if (t.isEmpty()) {
      return true;
    }
    String head = t.length() <= LOCK_MAGIC.length() ? t : t.substring(0, LOCK_MAGIC.length());
    return LOCK_MAGIC.startsWith(head) && !LOCK_CONTENT.matcher(text).matches();
  }

  /**
   * Removes a stale lock without ever removing a fresh one that replaced it meanwhile: the lock is
   * first renamed to a private name, then compared with what was judged stale; a different lock
   * is put back with a hard link (which fails if yet another lock appeared).
   */
  private void breakLock(Path lockFile, LockInfo stale) throws IOException {
    String token = register();
    try {
      Path grabbed = sibling(lockFile, "." + token + ".tmp");
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
    } finally {
      LIVE.remove(token);
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

  // ---------------------------------------------------------------------------------------------
  // Leftovers

  /**
   * Removes stale leftovers in {@code dir}: those of {@code onlyFor} (temporary files of it and of
   * its lock) while holding its lock, best effort; or every one (and stale lock files) when
   * {@code onlyFor} is null.
   */
  private int removeLeftovers(Path dir, @Nullable String onlyFor) throws IOException {
    int removed = 0;
    try {
      for (Path entry : ops.list(dir)) {
        String n = name(entry);
        Matcher m = LEFTOVER.matcher(n);
        if (m.matches()) {
          String base = m.group(1);
          if (onlyFor != null && !base.equals(onlyFor) && !base.equals(onlyFor + LOCK_SUFFIX)) {
            continue;
          }
          long pid = Long.parseLong(m.group(2));
          if (ownerGone(pid, pid + "." + m.group(3), entry) && ops.deleteIfExists(entry)) {
            removed++;
          }
        } else if (onlyFor == null && n.endsWith(LOCK_SUFFIX)) {
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
    LockInfo info = inspect(lockFile);
    if (!info.stale) {
      return 0;
    }
    if (info.state == LockState.UNOWNED) {
      // An empty *.lock is only taken for ours if the file it locks is there.
      String locked = n.substring(0, n.length() - LOCK_SUFFIX.length());
      if (locked.isEmpty() || ops.attributes(dir.resolve(locked), false) == null) {
        return 0;
      }
    }
    breakLock(lockFile, info);
    return ops.attributes(lockFile, false) == null ? 1 : 0;
  }

  private boolean ownerGone(long pid, String token, Path entry) throws IOException {
    if (pid == ops.currentPid()) {
      if (!LIVE.containsKey(token)) {
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
    return age.compareTo(STALE_AFTER) > 0 || age.compareTo(STALE_AFTER.negated()) < 0;
  }

  // ---------------------------------------------------------------------------------------------

  private Duration waitedSince(long start) {
    return Duration.ofNanos(Math.max(0, nanoTime.getAsLong() - start));
  }

  private static InterruptedIOException interrupted(Path target) {
    return new InterruptedIOException("interrupted while waiting for the lock on " + target);
  }

  /**
   * Configures an {@link AtomicFiles}.
   *
   * <pre>{@code
   * AtomicFiles files = AtomicFiles.builder().lockTimeout(Duration.ofSeconds(5)).build();
   * }</pre>
   *
   * <p>Not thread-safe; the instances it builds are.
   */
  public static final class Builder {
    private FileOps fileOps = FileOps.system();
    private Clock clock = Clock.systemUTC();
    private Duration lockTimeout = DEFAULT_LOCK_TIMEOUT;
    private LongSupplier nanoTime = System::nanoTime;
    private Sleeper sleeper = TimeUnit.NANOSECONDS::sleep;

    private Builder() {}

    /**
     * Sets the file-system primitives (default {@link FileOps#system()}).
     *
     * @param fileOps the primitives
     * @return this builder
     */
    public Builder fileOps(FileOps fileOps) {
      this.fileOps = Objects.requireNonNull(fileOps, "fileOps");
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
      this.clock = Objects.requireNonNull(clock, "clock");
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
      if (lockTimeout.isNegative() || lockTimeout.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException("lockTimeout must be in 0s..1h: " + lockTimeout);
      }
      this.lockTimeout = lockTimeout;
      return this;
    }

    Builder nanoTime(LongSupplier nanoTime) {
      this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
      return this;
    }

    Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
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
