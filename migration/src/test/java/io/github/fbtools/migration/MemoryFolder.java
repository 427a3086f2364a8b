package io.github.fbtools.migration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A scratch folder in memory ({@code /dev/shm}) where the machine has one, for tests that create
 * thousands of small folders and model durability instead of measuring it ({@link
 * io.github.fbtools.core.files.FaultFileOps}, flush-free writers): a busy disk makes them slow for
 * nothing. Elsewhere the given disk folder is used.
 */
final class MemoryFolder {
  private MemoryFolder() {}

  static Path create(Path diskFallback) throws IOException {
    Path shm = Path.of("/dev/shm");
    return Files.isDirectory(shm) && Files.isWritable(shm)
        ? Files.createTempDirectory(shm, "fbtools-migration-")
        : diskFallback;
  }

  static void delete(Path folder, Path diskFallback) throws IOException {
    if (folder.equals(diskFallback)) {
      return; // JUnit removes its own folder
    }
    try (Stream<Path> all = Files.walk(folder)) {
      for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}
