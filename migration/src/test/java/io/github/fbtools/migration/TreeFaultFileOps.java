package io.github.fbtools.migration;

import io.github.fbtools.core.files.FaultFileOps;
import io.github.fbtools.core.files.FileOps;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.Nullable;

/**
 * Core's {@link FaultFileOps} over a whole tree of scene folders that several threads work on at
 * once: one {@link FaultFileOps} per scene folder models that folder's durability (it never faults
 * itself), and this class numbers every step of every thread in one sequence and injects the fault
 * at step {@code failAt} of that sequence. Which scene's step that is depends on how the threads
 * interleave; every interleaving must keep the invariant.
 *
 * <ul>
 *   <li>{@link FaultFileOps.Fault#IO_ERROR}: that step throws an {@link IOException}; the others
 *       run.
 *   <li>{@link FaultFileOps.Fault#DEATH} and {@link FaultFileOps.Fault#POWER_LOSS}: the process
 *       "dies": that step and every later one, in every thread, throw {@link TreeCrash} without
 *       running. A step another thread had already begun completes (it happened before the
 *       death). {@link #powerLoss} then rewrites every folder to what a power loss leaves.
 * </ul>
 */
final class TreeFaultFileOps implements FileOps {

  /** The simulated death of the process. */
  static final class TreeCrash extends Error {
    private static final long serialVersionUID = 1L;

    TreeCrash(String message) {
      super(message, null, false, false);
    }
  }

  private final Map<Path, FaultFileOps> scenes = new LinkedHashMap<>();
  private final FileOps outside = FileOps.system();
  private final int failAt;
  private final FaultFileOps.Fault fault;
  private final long pid;
  private final Set<String> threads = new TreeSet<>();
  private int steps;
  private boolean dead;
  private boolean skipDirectoryForce;
  @Nullable private String faulted;

  TreeFaultFileOps(List<Path> sceneDirs, int failAt, FaultFileOps.Fault fault, long pid)
      throws IOException {
    for (Path dir : sceneDirs) {
      scenes.put(dir, new FaultFileOps(dir, 0, FaultFileOps.Fault.NONE, pid));
    }
    this.failAt = failAt;
    this.fault = fault;
    this.pid = pid;
  }

  /** A writer that "forgets" to flush the folders (a deliberately broken variant). */
  TreeFaultFileOps skipDirectoryForce() {
    skipDirectoryForce = true;
    return this;
  }

  /** The names of the threads that ran steps. */
  synchronized Set<String> threads() {
    return new TreeSet<>(threads);
  }

  synchronized int stepCount() {
    return steps;
  }

  synchronized boolean dead() {
    return dead;
  }

  /** The step at which the fault was injected, or null if it was not reached. */
  @Nullable
  synchronized String faultedStep() {
    return faulted;
  }

  private synchronized void step(String op, Path p) throws IOException {
    if (dead) {
      throw new TreeCrash("already dead");
    }
    steps++;
    threads.add(Thread.currentThread().getName());
    if (steps == failAt) {
      faulted = op + " " + p.getParent().getFileName() + "/" + p.getFileName();
      switch (fault) {
        case IO_ERROR:
          throw new IOException("injected failure at step " + failAt + ": " + op);
        case DEATH:
        case POWER_LOSS:
          dead = true;
          throw new TreeCrash("died at step " + failAt + ": " + op);
        default:
          break;
      }
    }
  }

  /** The folder model a path belongs to: a scene folder itself, or a file in one. */
  private FileOps route(Path p) {
    Path abs = p.toAbsolutePath();
    FaultFileOps own = scenes.get(abs);
    if (own == null && abs.getParent() != null) {
      own = scenes.get(abs.getParent());
    }
    return own != null ? own : outside;
  }

  /** After a death: closes what the dead process left open, in every folder. */
  void closeOpenFiles() throws IOException {
    for (FaultFileOps f : scenes.values()) {
      f.closeOpenFiles();
    }
  }

  /** After a death: every folder as a power loss now leaves it. */
  void powerLoss(Instant modified) throws IOException {
    for (FaultFileOps f : scenes.values()) {
      f.materializeDurableState(modified);
    }
  }

  @Override
  public NewFile createNew(Path file) throws IOException {
    step("createNew", file);
    NewFile real = route(file).createNew(file);
    return new NewFile() {
      @Override
      public Path path() {
        return real.path();
      }

      @Override
      public void write(ByteBuffer source) throws IOException {
        step("write", file);
        real.write(source);
      }

      @Override
      public void force() throws IOException {
        step("force", file);
        real.force();
      }

      @Override
      public void close() throws IOException {
        step("close", file);
        real.close();
      }
    };
  }

  @Override
  public void setPermissions(Path file, Set<PosixFilePermission> permissions) throws IOException {
    step("setPermissions", file);
    route(file).setPermissions(file, permissions);
  }

  @Override
  public void setOwnerAndGroup(Path file, UserPrincipal owner, GroupPrincipal group)
      throws IOException {
    step("setOwnerAndGroup", file);
    route(file).setOwnerAndGroup(file, owner, group);
  }

  @Override
  public void moveAtomically(Path source, Path target) throws IOException {
    step("move", target);
    route(target).moveAtomically(source, target);
  }

  @Override
  public void createLink(Path link, Path existing) throws IOException {
    step("link", link);
    route(link).createLink(link, existing);
  }

  @Override
  public void forceDirectory(Path dir) throws IOException {
    step("forceDir", dir.resolve("."));
    if (!skipDirectoryForce) {
      route(dir).forceDirectory(dir);
    }
  }

  @Override
  public boolean deleteIfExists(Path file) throws IOException {
    step("delete", file);
    return route(file).deleteIfExists(file);
  }

  @Override
  public void createDirectory(Path dir) throws IOException {
    step("createDirectory", dir);
    route(dir).createDirectory(dir);
  }

  @Override
  @Nullable
  public BasicFileAttributes attributes(Path file, boolean followLinks) throws IOException {
    step("attributes", file);
    return route(file).attributes(file, followLinks);
  }

  @Override
  public Path toRealPath(Path path) throws IOException {
    step("toRealPath", path);
    return route(path).toRealPath(path);
  }

  @Override
  public List<Path> list(Path dir) throws IOException {
    step("list", dir.resolve("."));
    return route(dir).list(dir);
  }

  @Override
  public byte[] read(Path file, int maxBytes) throws IOException {
    step("read", file);
    return route(file).read(file, maxBytes);
  }

  @Override
  public long currentPid() {
    return pid;
  }

  @Override
  public boolean isAlive(long other) {
    return other == pid ? !dead() : outside.isAlive(other);
  }
}
