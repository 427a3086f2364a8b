package io.github.fbtools.core.files;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * A {@link FileOps} that forwards every call to another one. Subclass it and override the steps
 * to observe or break, typically in a test.
 *
 * <pre>{@code
 * AtomicInteger forces = new AtomicInteger();
 * FileOps counting = new ForwardingFileOps(FileOps.system()) {
 *   @Override
 *   public void forceDirectory(Path dir) throws IOException {
 *     forces.incrementAndGet();
 *     super.forceDirectory(dir);
 *   }
 * };
 * }</pre>
 *
 * <p>Thread-safe if the delegate and the overriding methods are.
 */
public class ForwardingFileOps implements FileOps {
  private final FileOps delegate;

  /**
   * Creates an instance that forwards to {@code delegate}.
   *
   * @param delegate where calls go (not null, as every parameter of this package)
   */
  public ForwardingFileOps(FileOps delegate) {
    // The check runs in the argument of this(...), before any instance exists: a constructor
    // that throws after that would leave a partly built subclass instance behind (SpotBugs
    // CT_CONSTRUCTOR_THROW).
    this(requireNonNull(delegate, "delegate"), true);
  }

  @SuppressWarnings("unused") // the flag only tells this constructor apart
  private ForwardingFileOps(FileOps checkedDelegate, boolean checked) {
    this.delegate = checkedDelegate;
  }

  /**
   * Returns where calls go.
   *
   * @return the delegate
   */
  protected final FileOps delegate() {
    return delegate;
  }

  @Override
  public NewFile createNew(Path file) throws IOException {
    return delegate.createNew(file);
  }

  @Override
  public void setPermissions(Path file, Set<PosixFilePermission> permissions) throws IOException {
    delegate.setPermissions(file, permissions);
  }

  @Override
  public void setOwnerAndGroup(Path file, UserPrincipal owner, GroupPrincipal group)
      throws IOException {
    delegate.setOwnerAndGroup(file, owner, group);
  }

  @Override
  public void moveAtomically(Path source, Path target) throws IOException {
    delegate.moveAtomically(source, target);
  }

  @Override
  public void createLink(Path link, Path existing) throws IOException {
    delegate.createLink(link, existing);
  }

  @Override
  public void forceDirectory(Path dir) throws IOException {
    delegate.forceDirectory(dir);
  }

  @Override
  public boolean deleteIfExists(Path file) throws IOException {
    return delegate.deleteIfExists(file);
  }

  @Override
  public void createDirectory(Path dir) throws IOException {
    delegate.createDirectory(dir);
  }

  @Override
  @Nullable
  public BasicFileAttributes attributes(Path file, boolean followLinks) throws IOException {
    return delegate.attributes(file, followLinks);
  }

  @Override
  public Path toRealPath(Path path) throws IOException {
    return delegate.toRealPath(path);
  }

  @Override
  public List<Path> list(Path dir) throws IOException {
    return delegate.list(dir);
  }

  @Override
  public byte[] read(Path file, int maxBytes) throws IOException {
    return delegate.read(file, maxBytes);
  }

  @Override
  public long currentPid() {
    return delegate.currentPid();
  }

  @Override
  public boolean isAlive(long pid) {
    return delegate.isAlive(pid);
  }
}
