package io.github.fbtools.migration;

import io.github.fbtools.core.PythonText;
import io.github.fbtools.core.files.PromptFiles;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import javax.annotation.Nullable;

/**
 * Finds the scene folders under a root (the walk rule of {@link PromptMigrator#scenes(Path)}).
 * Reads only; never writes.
 */
final class SceneTree {
  /** Folders never entered (below the root): execution outputs. */
  static final String JOBS = "jobs";

  private SceneTree() {}

  /**
   * A scene folder found, or a folder that could not be listed.
   *
   * @param dir the folder (absolute, under the real root)
   * @param segments its path relative to the root, one name per element
   * @param error why it could not be listed, or null for a scene folder
   */
  record Entry(Path dir, List<String> segments, @Nullable IOException error) {
    Entry {
      segments = List.copyOf(segments);
    }

    /** The folder's path relative to the root with {@code /} separators ("" for the root). */
    String relative() {
      return String.join("/", segments);
    }

    /** The path of a file in the folder, relative to the root. */
    String relative(String fileName) {
      return segments.isEmpty() ? fileName : relative() + "/" + fileName;
    }
  }

  private static final Comparator<List<String>> SEGMENT_ORDER =
      (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
          int c = PythonText.CODE_POINT_ORDER.compare(a.get(i), b.get(i));
          if (c != 0) {
            return c;
          }
        }
        return Integer.compare(a.size(), b.size());
      };

  /**
   * Walks {@code root}.
   *
   * @param root the real path of an existing folder
   * @param maxDepth how deep to look (0: the root only)
   * @return the scene folders and unlistable folders, sorted by path (code point order, one
   *     segment at a time)
   */
  static List<Entry> find(Path root, int maxDepth) throws IOException {
    if (!Files.isDirectory(root)) {
      throw new NotDirectoryException(root.toString());
    }
    List<Entry> out = new ArrayList<>();
    Files.walkFileTree(
        root,
        EnumSet.noneOf(FileVisitOption.class),
        maxDepth,
        new SimpleFileVisitor<Path>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (!dir.equals(root) && skipped(dir)) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            if (isScene(dir)) {
              out.add(new Entry(dir, segments(root, dir), null));
              return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            // Folders at the depth limit come here, not to preVisitDirectory. Links are files here:
            // a link to a folder is never followed.
            if (attrs.isDirectory() && (file.equals(root) || !skipped(file)) && isScene(file)) {
              out.add(new Entry(file, segments(root, file), null));
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException exc) {
            if (exc instanceof NoSuchFileException || (!file.equals(root) && skipped(file))) {
              return FileVisitResult.CONTINUE; // gone since the folder was listed, or not ours
            }
            out.add(new Entry(file, segments(root, file), isScene(file) ? null : exc));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, @Nullable IOException exc) {
            if (exc != null) {
              out.add(new Entry(dir, segments(root, dir), exc));
            }
            return FileVisitResult.CONTINUE;
          }
        });
    out.sort(Comparator.comparing(Entry::segments, SEGMENT_ORDER));
    return out;
  }

  /** Hidden folders and {@code jobs} output trees are not entered. */
  static boolean skipped(Path dir) {
    String name = String.valueOf(dir.getFileName());
    return name.startsWith(".") || name.equals(JOBS);
  }

  /** A folder holding a {@code prompts.json} or its version 1 backup (a link counts). */
  static boolean isScene(Path dir) {
    return Files.exists(PromptFiles.file(dir), LinkOption.NOFOLLOW_LINKS)
        || Files.exists(PromptFiles.backupFile(dir), LinkOption.NOFOLLOW_LINKS);
  }

  private static List<String> segments(Path root, Path dir) {
    List<String> s = new ArrayList<>();
    for (Path p : root.relativize(dir)) {
      String n = p.toString();
      if (!n.isEmpty()) {
        s.add(n);
      }
    }
    return s;
  }
}
