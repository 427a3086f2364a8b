package io.github.fbtools.core.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AtomicFiles#createDirectory}: an exclusive, durable claim of one new folder. */
class AtomicFilesCreateDirectoryTest {
  @TempDir Path tmp;

  @Test
  void createsOneFolderThroughTheSeamAndFlushesItsParent() throws IOException {
    List<String> steps = new ArrayList<>();
    FileOps recording =
        new ForwardingFileOps(FileOps.system()) {
          @Override
          public void createDirectory(Path dir) throws IOException {
            steps.add("mkdir " + tmp.relativize(dir));
            super.createDirectory(dir);
          }

          @Override
          public void forceDirectory(Path dir) throws IOException {
            steps.add("flush " + tmp.relativize(dir));
            super.forceDirectory(dir);
          }
        };
    AtomicFiles files = AtomicFiles.builder().fileOps(recording).build();
    Files.createDirectory(tmp.resolve("executions"));

    files.createDirectory(tmp.resolve("executions/a"));

    assertTrue(Files.isDirectory(tmp.resolve("executions/a")));
    assertEquals(List.of("mkdir executions/a", "flush executions"), steps);
  }

  @Test
  void refusesAnExistingFolderOrFileAndAMissingParent() throws IOException {
    AtomicFiles files = AtomicFiles.create();
    Path taken = Files.createDirectory(tmp.resolve("taken"));
    Files.writeString(taken.resolve("keep"), "x");
    assertThrows(FileAlreadyExistsException.class, () -> files.createDirectory(taken));
    assertEquals("x", Files.readString(taken.resolve("keep")));
    Path file = Files.writeString(tmp.resolve("file"), "y");
    assertThrows(FileAlreadyExistsException.class, () -> files.createDirectory(file));
    assertThrows(
        NoSuchFileException.class, () -> files.createDirectory(tmp.resolve("missing/child")));
  }
}
