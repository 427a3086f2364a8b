package io.github.fbtools.core.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * T1.4 (disk full on a 256 KiB tmpfs) and T1.5 (read-only folder and file with {@code chattr +i},
 * which binds root too). Each test is skipped, saying why, where the machine refuses the mount or
 * the attribute.
 */
class AtomicFilesDiskTest {
  @TempDir Path tmp;

  private static int run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }

  private static byte[] payload(int size, char fill) {
    byte[] b = new byte[size];
    Arrays.fill(b, (byte) fill);
    return b;
  }

  private static Set<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
    }
  }

  @Test
  void aFullDiskFailsTypedLeavesTheOriginalAndNoTemporaryFile() throws Exception {
    Path mount = Files.createDirectory(tmp.resolve("small"));
    int rc = -1;
    try {
      rc = run("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mount.toString());
    } catch (IOException e) {
      Assumptions.abort("cannot run mount: " + e);
    }
    Assumptions.assumeTrue(rc == 0, "this machine refuses to mount a 256 KiB tmpfs (rc " + rc + ")");
    try {
      AtomicFiles files = AtomicFiles.create();
      Path target = mount.resolve("prompts.json");
      byte[] original = "{\"girl_pos\": \"original\"}\n".getBytes(StandardCharsets.UTF_8);
      files.write(target, original);

      // A save larger than the whole disk.
      IOException big =
          assertThrows(IOException.class, () -> files.write(target, payload(400_000, 'x')));
      assertTrue(big instanceof FileSystemException, "names the file: " + big);
      assertTrue(
          String.valueOf(big.getMessage()).contains("No space left on device"), big.getMessage());
      assertArrayEquals(original, Files.readAllBytes(target));
      assertEquals(Set.of("prompts.json"), names(mount));

      // The backup-then-v2 sequence on a full disk: no backup, no v2, nothing left.
      Path backup = mount.resolve("prompts.json.v1.backup");
      Path filler = mount.resolve("filler");
      Files.write(filler, payload(200_000, 'f'));
      assertThrows(
          IOException.class,
          () ->
              files.underLock(
                  target,
                  locked -> {
                    locked.publishExclusive(backup, payload(100_000, 'b'));
                    locked.write(payload(100_000, 'v'));
                    return null;
                  }));
      assertArrayEquals(original, Files.readAllBytes(target));
      assertEquals(Set.of("filler", "prompts.json"), names(mount));

      // Fill the disk to the last byte, so even the lock file cannot be written.
      Files.delete(filler);
      Path full = mount.resolve("full");
      try (var out = Files.newOutputStream(full)) {
        byte[] block = payload(4096, 'z');
        while (true) {
          out.write(block);
          out.flush();
        }
      } catch (IOException expected) {
        // the disk is full now
      }
      assertThrows(IOException.class, () -> files.write(target, payload(10_000, 'y')));
      assertArrayEquals(original, Files.readAllBytes(target));
      assertEquals(Set.of("full", "prompts.json"), names(mount));

      // Space freed: the next save succeeds.
      Files.delete(full);
      byte[] next = payload(100_000, 'n');
      files.write(target, next);
      assertArrayEquals(next, Files.readAllBytes(target));
      assertEquals(Set.of("prompts.json"), names(mount));
    } finally {
      run("umount", mount.toString());
    }
  }

  @Test
  void anImmutableFolderOrFileFailsTypedAndNothingChanges() throws Exception {
    Path scene = Files.createDirectory(tmp.resolve("scene"));
    Path target = scene.resolve("prompts.json");
    byte[] original = "{\"v\": 1}\n".getBytes(StandardCharsets.UTF_8);
    Files.write(target, original);
    int rc = -1;
    try {
      rc = run("chattr", "+i", scene.toString());
    } catch (IOException e) {
      Assumptions.abort("cannot run chattr: " + e);
    }
    Assumptions.assumeTrue(rc == 0, "chattr +i is refused here (rc " + rc + ", not ext4?)");
    AtomicFiles files = AtomicFiles.create();
    try {
      assertThrows(FileSystemException.class, () -> files.write(target, "{}".getBytes(StandardCharsets.UTF_8)));
      assertThrows(
          FileSystemException.class,
          () ->
              files.underLock(
                  target,
                  locked -> {
                    locked.publishExclusive(scene.resolve("prompts.json.v1.backup"), original);
                    return null;
                  }));
      assertThrows(
          FileSystemException.class,
          () -> files.publishExclusive(scene.resolve("prompts.json.v1.backup"), original));
    } finally {
      run("chattr", "-i", scene.toString());
    }
    assertArrayEquals(original, Files.readAllBytes(target));
    assertEquals(Set.of("prompts.json"), names(scene));

    // The file itself immutable: its folder is writable, but it cannot be replaced.
    assertEquals(0, run("chattr", "+i", target.toString()));
    try {
      assertThrows(FileSystemException.class, () -> files.write(target, "{}".getBytes(StandardCharsets.UTF_8)));
      assertEquals(Set.of("prompts.json"), names(scene));
    } finally {
      run("chattr", "-i", target.toString());
    }
    assertArrayEquals(original, Files.readAllBytes(target));
    assertFalse(Files.exists(scene.resolve("prompts.json.lock")));
  }
}
