package io.github.fbtools.core.files;

import static com.google.common.base.Preconditions.checkNotNull;

import io.github.fbtools.core.PythonText;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.annotation.Nullable;

/** The real {@link FileOps}: {@link Files} and {@link FileChannel}. Stateless and thread-safe. */
final class SystemFileOps implements FileOps {
  static final SystemFileOps INSTANCE = new SystemFileOps();

  private static final boolean WINDOWS = File.separatorChar == '\\';
  private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};
  private static final LinkOption[] FOLLOW = {};
  private static final String OWNERSHIP = "unix:mode,uid,gid";
  /** The bits {@link PosixFilePermission} covers: read, write, execute for owner, group, others. */
  private static final int PERMISSION_BITS = 0777;

  private SystemFileOps() {}

  @Override
  public NewFile createNew(Path file) throws IOException {
    FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    return new ChannelFile(file, channel);
  }

  private static final class ChannelFile implements NewFile {
    private final Path path;
    private final FileChannel channel;

    ChannelFile(Path path, FileChannel channel) {
      this.path = path;
      this.channel = channel;
    }

    @Override
    public Path path() {
      return path;
    }

    @Override
    public void write(ByteBuffer source) throws IOException {
      while (source.hasRemaining()) {
        channel.write(source);
      }
    }

    @Override
    public void force() throws IOException {
      channel.force(true);
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }

  @Override
  public void setPermissions(Path file, Set<PosixFilePermission> permissions) throws IOException {
    view(file).setPermissions(permissions);
  }

  @Override
  public void setOwnerAndGroup(Path file, UserPrincipal owner, GroupPrincipal group)
      throws IOException {
    checkNotNull(owner, "owner");
    checkNotNull(group, "group");
    PosixFileAttributeView view = view(file);
    view.setOwner(owner);
    view.setGroup(group);
  }

  private static PosixFileAttributeView view(Path file) throws IOException {
    PosixFileAttributeView view =
        Files.getFileAttributeView(file, PosixFileAttributeView.class, NO_FOLLOW);
    if (view == null) {
      throw new UnsupportedPosixException(file);
    }
    return view;
  }

  /** The file system has no POSIX attributes. */
  private static final class UnsupportedPosixException extends java.nio.file.FileSystemException {
    private static final long serialVersionUID = 1L;

    UnsupportedPosixException(Path file) {
      super(file.toString(), null, "POSIX file attributes are not supported here");
    }
  }

  @Override
  public void moveAtomically(Path source, Path target) throws IOException {
    Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public void createLink(Path link, Path existing) throws IOException {
    try {
      Files.createLink(link, existing);
    } catch (UnsupportedOperationException e) {
      throw new java.nio.file.FileSystemException(
          link.toString(), existing.toString(), "hard links are not supported here");
    }
  }

  @Override
  public void forceDirectory(Path dir) throws IOException {
    if (WINDOWS) {
      // Windows cannot open a directory as a channel; its renames are flushed with the file
      // system's metadata (as Lucene's IOUtils.fsync does, only check that it exists).
      if (!Files.isDirectory(dir)) {
        throw new NoSuchFileException(dir.toString());
      }
      return;
    }
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  @Override
  public boolean deleteIfExists(Path file) throws IOException {
    return Files.deleteIfExists(file);
  }

  @Override
  public void createDirectory(Path dir) throws IOException {
    Files.createDirectory(dir);
  }

  @Override
  @Nullable
  public BasicFileAttributes attributes(Path file, boolean followLinks) throws IOException {
    LinkOption[] options = followLinks ? FOLLOW : NO_FOLLOW;
    try {
      if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        return Files.readAttributes(file, PosixFileAttributes.class, options);
      }
      return Files.readAttributes(file, BasicFileAttributes.class, options);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /**
   * Whether {@code file} already has the permission bits, owner and group of {@code like}, compared
   * by their numbers ({@code unix:mode}, {@code unix:uid}, {@code unix:gid}), so that no user or
   * group name is looked up. False where the file system has no such attributes, or if either file
   * is gone: the caller then copies them the portable way.
   */
  boolean sameModeAndOwner(Path file, Path like) throws IOException {
    if (!file.getFileSystem().supportedFileAttributeViews().contains("unix")) {
      return false;
    }
    Map<String, Object> mine;
    Map<String, Object> theirs;
    try {
      mine = Files.readAttributes(file, OWNERSHIP, NO_FOLLOW);
      theirs = Files.readAttributes(like, OWNERSHIP, NO_FOLLOW);
    } catch (NoSuchFileException e) {
      return false;
    }
    return mine.get("mode") instanceof Integer m
        && theirs.get("mode") instanceof Integer t
        && (m & PERMISSION_BITS) == (t & PERMISSION_BITS)
        && Objects.equals(mine.get("uid"), theirs.get("uid"))
        && Objects.equals(mine.get("gid"), theirs.get("gid"));
  }

  @Override
  public Path toRealPath(Path path) throws IOException {
    return path.toRealPath();
  }

  @Override
  public List<Path> list(Path dir) throws IOException {
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path p : stream) {
        entries.add(p);
      }
    }
    entries.sort(Comparator.comparing(p -> String.valueOf(p.getFileName()), PythonText.CODE_POINT_ORDER));
    return entries;
  }

  @Override
  public byte[] read(Path file, int maxBytes) throws IOException {
    try (SeekableByteChannel channel =
        Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      // Sized by the file, not by the limit: callers pass limits of megabytes for files of a few
      // kilobytes. One byte more than the size sees a file that grew; the buffer grows up to the
      // limit if it did (or if the size is unknown, as for special files).
      ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(maxBytes, channel.size() + 1));
      while (true) {
        if (!buffer.hasRemaining()) {
          if (buffer.capacity() >= maxBytes) {
            break;
          }
          ByteBuffer bigger =
              ByteBuffer.allocate((int) Math.min(maxBytes, Math.max(8192L, 2L * buffer.capacity())));
          buffer.flip();
          buffer = bigger.put(buffer);
        }
        if (channel.read(buffer) < 0) {
          break;
        }
      }
      return Arrays.copyOf(buffer.array(), buffer.position());
    }
  }

  @Override
  public long currentPid() {
    return ProcessHandle.current().pid();
  }

  @Override
  public boolean isAlive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
