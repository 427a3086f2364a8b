package io.github.fbtools.core.files;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import javax.annotation.Nullable;

/**
 * The writer of {@link AtomicFiles}: replaces a file by a flushed temporary file renamed over it,
 * then flushes the folder; publishes a new file by a flushed temporary file hard-linked to its
 * name. The caller holds the file's lock where one is needed.
 *
 * <!-- given: Path lockedFile; byte[] bytes; Path backup; byte[] original -->
 * <pre>{@code
 * FileReplacer writer = new FileReplacer(FileOps.system());
 * writer.replace(lockedFile, bytes);                      // temp, fsync, rename, folder fsync
 * writer.publish(backup, original, lockedFile);  // temp, fsync, link (refuses an existing name), folder fsync
 * }</pre>
 *
 * <p>Thread-safe.
 */
final class FileReplacer {
  private static final System.Logger LOG = System.getLogger(AtomicFiles.class.getName());

  private final FileOps ops;

  FileReplacer(FileOps ops) {
    this.ops = ops;
  }

  /** Replaces (or creates) {@code file}, a resolved target, with {@code bytes}. */
  void replace(Path file, byte[] bytes) throws IOException {
    Path dir = file.getParent();
    BasicFileAttributes existing = ops.attributes(file, false);
    if (existing != null && !existing.isRegularFile()) {
      if (existing.isSymbolicLink()) {
        throw new UnsafeLinkException(file, "?", "became a symbolic link; refusing to replace it");
      }
      throw new NotAFileException(
          file, existing.isDirectory() ? "is a folder, not a file" : "is not a regular file");
    }
    try (WriterToken token = WriterToken.open(ops)) {
      Path temp = token.tempFor(file);
      boolean moved = false;
      try {
        FileOps.NewFile out = ops.createNew(temp);
        writeFully(out, bytes, existing instanceof PosixFileAttributes p ? p : null, file);
        ops.moveAtomically(temp, file);
        moved = true;
        ops.forceDirectory(dir);
      } catch (IOException | RuntimeException e) {
        if (!moved) {
          FileErrors.deleteAfterFailure(ops, temp, e);
        }
        throw FileErrors.withFile(e, file, temp, moved ? "flushing the folder" : "writing");
      }
    }
  }

  /**
   * Creates {@code file} exclusively with {@code bytes}, with the permission bits and owner of
   * {@code likeFile} if it is given and exists. Whether something exists under the name is decided
   * by {@code link(2)} alone, atomically; the temporary file is then removed.
   */
  void publish(Path file, byte[] bytes, @Nullable Path likeFile) throws IOException {
    Path dir = WriterNames.parentOf(file);
    WriterNames.checkName(WriterNames.name(file));
    BasicFileAttributes like = likeFile == null ? null : ops.attributes(likeFile, false);
    try (WriterToken token = WriterToken.open(ops)) {
      Path temp = token.tempFor(file);
      boolean linked = false;
      try {
        FileOps.NewFile out = ops.createNew(temp);
        writeFully(out, bytes, like instanceof PosixFileAttributes p ? p : null, likeFile);
        ops.createLink(file, temp);
        linked = true;
        try {
          ops.deleteIfExists(temp);
        } catch (IOException e) {
          LOG.log(Level.WARNING, "could not delete {0}; the next writer will: {1}", temp, e);
        }
        ops.forceDirectory(dir);
      } catch (IOException | RuntimeException e) {
        FileErrors.deleteAfterFailure(ops, temp, e);
        if (e instanceof FileAlreadyExistsException exists) {
          throw exists;
        }
        throw FileErrors.withFile(e, file, temp, linked ? "flushing the folder" : "writing");
      }
    }
  }

  /** Writes, flushes and closes a new file, copying {@code like}'s permissions and owner first. */
  private void writeFully(
      FileOps.NewFile out, byte[] bytes, @Nullable PosixFileAttributes like, @Nullable Path likeFile)
      throws IOException {
    try (out) {
      if (like != null && likeFile != null) {
        copyOwnership(out.path(), like, likeFile);
      }
      out.write(ByteBuffer.wrap(bytes));
      out.force();
    }
  }

  /**
   * Gives {@code temp} the permission bits, owner and group of {@code like} (the attributes of
   * {@code likeFile}). On the real file system the numeric ids and bits are compared first, and
   * nothing is changed when they already match (the common case: no user or group name is looked
   * up and no {@code chmod} is made).
   */
  private void copyOwnership(Path temp, PosixFileAttributes like, Path likeFile)
      throws IOException {
    if (ops instanceof SystemFileOps system && system.sameModeAndOwner(temp, likeFile)) {
      return;
    }
    ops.setPermissions(temp, like.permissions());
    BasicFileAttributes mine = ops.attributes(temp, false);
    if (mine instanceof PosixFileAttributes p
        && (!p.owner().equals(like.owner()) || !p.group().equals(like.group()))) {
      try {
        ops.setOwnerAndGroup(temp, like.owner(), like.group());
      } catch (IOException e) {
        // Only a privileged process may give a file away; the bits are kept regardless.
        LOG.log(Level.DEBUG, "could not copy the owner of a file to {0}: {1}", temp, e);
      }
    }
  }
}
