package io.github.fbtools.core.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FileOps#system()}'s {@code read}: exactly the first {@code min(size, maxBytes)} bytes for
 * every size around its buffer steps, and memory sized by the file, not by the limit (a
 * {@code prompts.json} is read with a limit of 8 MiB; a migration of 500 scenes used to allocate
 * 8 MiB per read).
 */
class SystemFileOpsReadTest {
  @TempDir Path dir;

  private final FileOps ops = FileOps.system();

  @Test
  void readsExactlyTheFirstBytesUpToTheLimit() throws IOException {
    SplittableRandom r = new SplittableRandom(7);
    int[] sizes = {0, 1, 2, 8191, 8192, 8193, 16_385, 100_000};
    int[] limits = {0, 1, 2, 8191, 8192, 8193, 16_384, 100_000, 1 << 20, Integer.MAX_VALUE};
    for (int size : sizes) {
      byte[] content = new byte[size];
      r.nextBytes(content);
      Path f = dir.resolve("f" + size);
      Files.write(f, content);
      for (int limit : limits) {
        byte[] expected = Arrays.copyOf(content, Math.min(size, limit));
        assertArrayEquals(expected, ops.read(f, limit), "size " + size + ", limit " + limit);
      }
    }
  }

  @Test
  void aFileLongerThanItsReportedSizeIsReadUpToTheLimit() throws IOException {
    // /proc files report size 0 but have content: the buffer must grow.
    Path status = Path.of("/proc/self/status");
    Assumptions.assumeTrue(Files.isReadable(status), "no /proc here");
    byte[] all = ops.read(status, 1 << 20);
    assertTrue(all.length > 100, "read " + all.length + " bytes of " + status);
    assertTrue(new String(all, java.nio.charset.StandardCharsets.US_ASCII).startsWith("Name:"));
    assertArrayEquals(Arrays.copyOf(all, 10), ops.read(status, 10));
  }

  @Test
  void aSmallFileReadWithAHugeLimitAllocatesLittle() throws IOException {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Assumptions.assumeTrue(
        mx instanceof com.sun.management.ThreadMXBean
            && ((com.sun.management.ThreadMXBean) mx).isThreadAllocatedMemorySupported(),
        "this JVM does not count allocated bytes per thread");
    com.sun.management.ThreadMXBean counter = (com.sun.management.ThreadMXBean) mx;
    Path f = Files.write(dir.resolve("small.json"), "{\"girl_pos\": \"a\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    ops.read(f, 8 << 20); // warm up
    long before = counter.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < 10; i++) {
      ops.read(f, 8 << 20);
    }
    long allocated = counter.getCurrentThreadAllocatedBytes() - before;
    assertTrue(allocated < 1 << 20, "10 reads of an 18-byte file allocated " + allocated + " bytes");
  }
}
