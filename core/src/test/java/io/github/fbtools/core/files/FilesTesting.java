package io.github.fbtools.core.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** Shared helpers of the LibberFiles, SceneFiles and StoryFiles tests. */
final class FilesTesting {
  private FilesTesting() {}

  /** Atomic files without the real (slow) flushes: the tests are about content, not power loss. */
  static AtomicFiles fastFiles() {
    return AtomicFiles.builder().fileOps(FaultFileOps.withoutFlushes()).build();
  }

  /** A {@link FileOps} that counts every call, and forwards it to {@link #fastFiles()}' ops. */
  static final class Counting {
    final AtomicInteger calls = new AtomicInteger();
    final FileOps ops;

    Counting() {
      FileOps delegate = FaultFileOps.withoutFlushes();
      this.ops =
          (FileOps)
              Proxy.newProxyInstance(
                  FileOps.class.getClassLoader(),
                  new Class<?>[] {FileOps.class},
                  (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                      return method.invoke(this, args);
                    }
                    calls.incrementAndGet();
                    try {
                      return method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                      throw e.getCause();
                    }
                  });
    }

    AtomicFiles files() {
      return AtomicFiles.builder().fileOps(ops).build();
    }
  }

  /** The folder of the Python-made fixtures ({@code python/make_fixtures.py}). */
  static Path fixture(String relative) {
    URL url = FilesTesting.class.getResource("python/" + relative);
    if (url == null) {
      throw new IllegalStateException("no fixture python/" + relative);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Copies a fixture folder (recursively) to {@code target}, which it creates. */
  static Path copyFixture(String relative, Path target) throws IOException {
    Path source = fixture(relative);
    try (Stream<Path> walk = Files.walk(source)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path to = target.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    return target;
  }

  static byte[] fixtureBytes(String relative) throws IOException {
    return Files.readAllBytes(fixture(relative));
  }

  static Path write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.write(file, text.getBytes(StandardCharsets.UTF_8));
  }

  static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  /**
   * Everything under {@code dir} that a write could change: each entry's relative path, type,
   * content fingerprint (or link target), modification time and file key (an atomic
   * replacement makes a new one, even with the same bytes within one clock tick), sorted.
   */
  static Map<String, String> snapshot(Path dir) {
    return snapshot(dir, false);
  }

  /**
   * As {@link #snapshot(Path)}, with the folders' modification times too when {@code folderTimes}:
   * a read leaves them as they were, while a refused write may not (taking and releasing a file's
   * lock creates and deletes {@code <name>.lock} next to it).
   */
  static Map<String, String> snapshot(Path dir, boolean folderTimes) {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        BasicFileAttributes a =
            Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        String what;
        if (a.isSymbolicLink()) {
          what = "link -> " + Files.readSymbolicLink(p);
        } else if (a.isDirectory()) {
          what = folderTimes ? "dir " + a.lastModifiedTime().toInstant() : "dir";
        } else {
          what =
              "file "
                  + Fingerprint.ofNullable(Files.readAllBytes(p))
                  + " "
                  + a.lastModifiedTime().toInstant()
                  + " inode "
                  + a.fileKey();
        }
        out.put(dir.relativize(p).toString(), what);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The names in a folder, sorted. */
  static List<String> names(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
