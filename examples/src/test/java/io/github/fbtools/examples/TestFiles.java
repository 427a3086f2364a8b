package io.github.fbtools.examples;

import io.github.fbtools.core.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Writes test inputs through the library's writer, as everything else in the project does. */
final class TestFiles {
  private static final AtomicFiles FILES = AtomicFiles.create();

  private TestFiles() {}

  static Path write(Path file, String text) throws IOException {
    return write(file, text.getBytes(StandardCharsets.UTF_8));
  }

  static Path write(Path file, byte[] bytes) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      FILES.createDirectories(parent);
    }
    FILES.write(file, bytes);
    return file;
  }

  static Path mkdirs(Path dir) throws IOException {
    FILES.createDirectories(dir);
    return dir;
  }
}
