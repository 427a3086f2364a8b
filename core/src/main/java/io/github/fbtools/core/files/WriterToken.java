package io.github.fbtools.core.files;

import java.io.Closeable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import javax.annotation.Nullable;

/**
 * The owner {@code <pid>.<token>} of a temporary or lock file that a writer of this JVM is using
 * now. A leftover that names this process but no open token is stale: its writer has finished or
 * died with its thread. Closing the token ends its claim, so a writer holds it with
 * try-with-resources (or, for a lock, until the lock is released).
 *
 * <!-- given: FileOps ops; Path file -->
 * <pre>{@code
 * try (WriterToken token = WriterToken.open(ops)) {
 *   Path temp = token.tempFor(file);   // prompts.json.<pid>.<token>.tmp
 *   // ... write temp, then rename it over file
 * }
 * }</pre>
 *
 * <p>Thread-safe; a token belongs to the thread that opened it.
 */
final class WriterToken implements Closeable {
  /** The open tokens of this JVM and the threads that hold them. */
  private static final ConcurrentHashMap<String, Thread> LIVE = new ConcurrentHashMap<>();

  private static final String LOCK_MAGIC = "fbtools-lock";

  private final String id;

  private WriterToken(String id) {
    this.id = id;
  }

  /** Draws a new token for this process and this thread. */
  static WriterToken open(FileOps ops) {
    String id =
        ops.currentPid() + "." + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    LIVE.put(id, Thread.currentThread());
    return new WriterToken(id);
  }

  /** The thread holding the open token {@code id} ({@code <pid>.<hex>}), or null if none does. */
  @Nullable
  static Thread holder(String id) {
    return LIVE.get(id);
  }

  /** {@code <pid>.<hex>}. */
  String id() {
    return id;
  }

  /** This token's temporary file for {@code file}: {@code <name>.<pid>.<token>.tmp}. */
  Path tempFor(Path file) {
    return WriterNames.sibling(file, "." + id + ".tmp");
  }

  /** The content of a lock file owned by this token. */
  byte[] lockContent() {
    int dot = id.indexOf('.');
    return (LOCK_MAGIC + " pid=" + id.substring(0, dot) + " token=" + id.substring(dot + 1) + "\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** The first word of every lock file's content. */
  static String lockMagic() {
    return LOCK_MAGIC;
  }

  @Override
  public void close() {
    LIVE.remove(id);
  }
}
