package io.github.fbtools.core.files;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.annotation.Nullable;

/**
 * A {@link FileOps} that numbers every step and injects one fault at step {@code failAt}:
 *
 * <ul>
 *   <li>{@link Fault#IO_ERROR}: that step throws an {@link IOException} without running; later
 *       steps run normally.
 *   <li>{@link Fault#DEATH}: the process "dies" before the step: {@link SimulatedCrash} is thrown
 *       and every later step throws it too without running (so no clean-up code can run).
 *       Written data stays where the OS put it.
 *   <li>{@link Fault#POWER_LOSS}: as DEATH, and {@link #materializeDurableState} then rewrites
 *       the folder to what a power loss would leave: only bytes covered by a later {@code force}
 *       of their file, only names covered by a later flush of the folder (the semantics of
 *       LazyFS and RocksDB's FaultInjectionTestFS, emulated in-process).
 * </ul>
 *
 * <p>The durability model covers the files directly in one folder (where all the steps of a
 * save happen): a name table as of the last folder flush, a live name table, and per file (inode)
 * the live bytes and the bytes as of its last force. Hard links share an inode. Since durability
 * is modelled, {@code force} and {@code forceDirectory} update the model only and skip the real,
 * slow flush.
 *
 * <p>Public so that other modules' crash tests (the migration's T1.1) reuse it from core's test
 * jar.
 */
public final class FaultFileOps extends ForwardingFileOps {

  /** What happens at the faulted step. */
  public enum Fault {
    NONE,
    IO_ERROR,
    DEATH,
    POWER_LOSS
  }

  /** The simulated death of the process: nothing after it runs. */
  public static final class SimulatedCrash extends Error {
    private static final long serialVersionUID = 1L;

    SimulatedCrash(String message) {
      super(message, null, false, false);
    }
  }

  private static final class Inode {
    final ByteArrayOutputStream live = new ByteArrayOutputStream();
    byte[] durable = new byte[0];
  }

  private final Path dir;
  private final int failAt;
  private final Fault fault;
  private final long pid;
  private final List<String> steps = new ArrayList<>();
  private final Map<String, Inode> liveNames = new TreeMap<>();
  private Map<String, Inode> durableNames = new TreeMap<>();
  private final List<FileChannel> openChannels = new ArrayList<>();
  private boolean dead;
  private boolean skipFileForce;
  private boolean skipDirectoryForce;

  /**
   * Creates the fake over the real file system; every file now in {@code dir} is taken as durable.
   *
   * @param dir the folder whose durability is modelled
   * @param failAt the 1-based step that fails (0 or past the end: none)
   * @param fault what happens there
   * @param pid the process id this fake writer reports
   */
  public FaultFileOps(Path dir, int failAt, Fault fault, long pid) throws IOException {
    super(FileOps.system());
    this.dir = dir;
    this.failAt = failAt;
    this.fault = fault;
    this.pid = pid;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          Inode inode = new Inode();
          byte[] content = Files.readAllBytes(p);
          inode.live.writeBytes(content);
          inode.durable = content;
          liveNames.put(name(p), inode);
        }
      }
    }
    durableNames = new TreeMap<>(liveNames);
  }

  /** A writer that "forgets" to flush its temporary file (a deliberately broken variant). */
  public FaultFileOps skipFileForce() {
    skipFileForce = true;
    return this;
  }

  /** A writer that "forgets" to flush the folder (a deliberately broken variant). */
  public FaultFileOps skipDirectoryForce() {
    skipDirectoryForce = true;
    return this;
  }

  public synchronized int stepCount() {
    return steps.size();
  }

  public synchronized List<String> steps() {
    return new ArrayList<>(steps);
  }

  /** The step at which the fault was injected, or null if it was not reached. */
  @Nullable
  public synchronized String faultedStep() {
    return failAt >= 1 && failAt <= steps.size() ? steps.get(failAt - 1) : null;
  }

  public synchronized boolean dead() {
    return dead;
  }

  private synchronized void step(String op, Path p) throws IOException {
    if (dead) {
      throw new SimulatedCrash("already dead");
    }
    steps.add(op + " " + p.getFileName());
    if (steps.size() == failAt) {
      switch (fault) {
        case IO_ERROR:
          throw new IOException("injected failure at step " + failAt + ": " + op);
        case DEATH:
        case POWER_LOSS:
          dead = true;
          throw new SimulatedCrash("died at step " + failAt + ": " + op);
        default:
          break;
      }
    }
  }

  private boolean inDir(Path p) {
    return dir.equals(p.toAbsolutePath().getParent());
  }

  private static String name(Path p) {
    return String.valueOf(p.getFileName());
  }

  // ---- writing steps

  @Override
  public NewFile createNew(Path file) throws IOException {
    step("createNew", file);
    FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    Inode inode = new Inode();
    synchronized (this) {
      openChannels.add(channel);
      if (inDir(file)) {
        liveNames.put(name(file), inode);
      }
    }
    return new ModelFile(file, channel, inode);
  }

  /** For the naive writer of the negative control: open, truncating, an existing file. */
  public NewFile openTruncating(Path file) throws IOException {
    step("openTruncate", file);
    FileChannel channel =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);
    Inode inode;
    synchronized (this) {
      openChannels.add(channel);
      inode = liveNames.computeIfAbsent(name(file), n -> new Inode());
      inode.live.reset();
    }
    return new ModelFile(file, channel, inode);
  }

  private final class ModelFile implements NewFile {
    private final Path path;
    private final FileChannel channel;
    private final Inode inode;

    ModelFile(Path path, FileChannel channel, Inode inode) {
      this.path = path;
      this.channel = channel;
      this.inode = inode;
    }

    @Override
    public Path path() {
      return path;
    }

    @Override
    public void write(ByteBuffer source) throws IOException {
      step("write", path);
      ByteBuffer copy = source.duplicate();
      while (source.hasRemaining()) {
        channel.write(source);
      }
      byte[] bytes = new byte[copy.remaining()];
      copy.get(bytes);
      synchronized (FaultFileOps.this) {
        inode.live.writeBytes(bytes);
      }
    }

    @Override
    public void force() throws IOException {
      step("force", path);
      if (skipFileForce) {
        return;
      }
      synchronized (FaultFileOps.this) {
        inode.durable = inode.live.toByteArray();
      }
    }

    @Override
    public void close() throws IOException {
      step("close", path);
      channel.close();
    }
  }

  @Override
  public void setPermissions(Path file, Set<PosixFilePermission> permissions) throws IOException {
    step("setPermissions", file);
    super.setPermissions(file, permissions);
  }

  @Override
  public void setOwnerAndGroup(Path file, UserPrincipal owner, GroupPrincipal group)
      throws IOException {
    step("setOwnerAndGroup", file);
    super.setOwnerAndGroup(file, owner, group);
  }

  @Override
  public void moveAtomically(Path source, Path target) throws IOException {
    step("move", target);
    super.moveAtomically(source, target);
    synchronized (this) {
      if (inDir(source) && inDir(target)) {
        Inode inode = liveNames.remove(name(source));
        if (inode != null) {
          liveNames.put(name(target), inode);
        }
      }
    }
  }

  @Override
  public void createLink(Path link, Path existing) throws IOException {
    step("link", link);
    super.createLink(link, existing);
    synchronized (this) {
      if (inDir(link) && inDir(existing)) {
        liveNames.put(name(link), liveNames.get(name(existing)));
      }
    }
  }

  @Override
  public void forceDirectory(Path d) throws IOException {
    step("forceDir", d);
    if (skipDirectoryForce) {
      return;
    }
    synchronized (this) {
      if (dir.equals(d.toAbsolutePath())) {
        durableNames = new TreeMap<>(liveNames);
      }
    }
  }

  @Override
  public boolean deleteIfExists(Path file) throws IOException {
    step("delete", file);
    boolean deleted = super.deleteIfExists(file);
    synchronized (this) {
      if (inDir(file)) {
        liveNames.remove(name(file));
      }
    }
    return deleted;
  }

  @Override
  public void createDirectory(Path d) throws IOException {
    step("createDirectory", d);
    super.createDirectory(d);
  }

  // ---- reading steps (faults can hit them too)

  @Override
  @Nullable
  public BasicFileAttributes attributes(Path file, boolean followLinks) throws IOException {
    step("attributes", file);
    return super.attributes(file, followLinks);
  }

  @Override
  public Path toRealPath(Path path) throws IOException {
    step("toRealPath", path);
    return super.toRealPath(path);
  }

  @Override
  public List<Path> list(Path d) throws IOException {
    step("list", d);
    return super.list(d);
  }

  @Override
  public byte[] read(Path file, int maxBytes) throws IOException {
    step("read", file);
    return super.read(file, maxBytes);
  }

  @Override
  public long currentPid() {
    return pid;
  }

  @Override
  public boolean isAlive(long other) {
    return other == pid ? !dead() : super.isAlive(other);
  }

  /** The real steps without the physical flushes, for fast recovery runs in tests. */
  public static FileOps withoutFlushes() {
    return new ForwardingFileOps(FileOps.system()) {
      @Override
      public NewFile createNew(Path file) throws IOException {
        NewFile real = super.createNew(file);
        return new NewFile() {
          @Override
          public Path path() {
            return real.path();
          }

          @Override
          public void write(ByteBuffer source) throws IOException {
            real.write(source);
          }

          @Override
          public void force() {}

          @Override
          public void close() throws IOException {
            real.close();
          }
        };
      }

      @Override
      public void forceDirectory(Path d) {}
    };
  }

  // ---- after the crash

  /** Closes what the dead process left open (its OS would). */
  public synchronized void closeOpenFiles() throws IOException {
    for (FileChannel c : openChannels) {
      c.close();
    }
    openChannels.clear();
  }

  /**
   * Rewrites {@code dir} to its state after a power loss now: the names of the last folder flush,
   * each with the bytes of its file's last force, dated {@code modified}.
   */
  public synchronized void materializeDurableState(Instant modified) throws IOException {
    closeOpenFiles();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Files.delete(p);
      }
    }
    Map<Inode, Path> written = new HashMap<>();
    for (Map.Entry<String, Inode> e : durableNames.entrySet()) {
      Path p = dir.resolve(e.getKey());
      Path first = written.get(e.getValue());
      if (first != null) {
        Files.createLink(p, first);
      } else {
        Files.write(p, e.getValue().durable);
        written.put(e.getValue(), p);
      }
      Files.setLastModifiedTime(p, FileTime.from(modified));
    }
  }
}
