package io.github.fbtools.migration;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.fbtools.core.files.AtomicFiles;
import io.github.fbtools.core.files.FileKind;
import io.github.fbtools.core.files.PromptFiles;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.annotation.Nullable;

/**
 * The file access that the migrate, verify and rollback steps of a {@link PromptMigrator} share:
 * its atomic writer, its {@link PromptFiles} over that writer, whether it is a dry run, and the
 * small helpers all three use (the scene folder a path names, an exception in words, the sweep of
 * dead writers' leftovers).
 *
 * <p>Immutable and thread-safe: the workers of a tree run share one.
 */
final class SceneIo {
  /** The largest file read, as {@link PromptFiles} reads it (the kind's limit and a BOM). */
  static final int MAX_BYTES = FileKind.PROMPTS.maxFileBytes();

  private static final System.Logger LOG = System.getLogger(PromptMigrator.class.getName());

  private final AtomicFiles files;
  private final PromptFiles prompts;
  private final boolean dryRun;

  SceneIo(AtomicFiles files, boolean dryRun) {
    this.files = files;
    this.prompts = PromptFiles.using(files);
    this.dryRun = dryRun;
  }

  AtomicFiles files() {
    return files;
  }

  PromptFiles prompts() {
    return prompts;
  }

  boolean dryRun() {
    return dryRun;
  }

  /** Reads a file of a scene (bounded), or null if it does not exist. */
  @Nullable
  byte[] readIfExists(Path file) throws IOException {
    return files.readIfExists(file, MAX_BYTES);
  }

  /** Removes dead writers' leftovers in a scene folder, except in a dry run; best effort. */
  void sweep(Path sceneDir) {
    if (dryRun) {
      return;
    }
    try {
      int removed = files.removeLeftovers(sceneDir);
      if (removed > 0) {
        LOG.log(Level.DEBUG, "removed {0} leftover files in {1}", removed, sceneDir);
      }
    } catch (NoSuchFileException e) {
      // no folder, nothing left over
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "could not remove leftovers in {0}: {1}", sceneDir, e);
    }
  }

  /**
   * The scene folder a path names: the path if it is a folder (or does not exist), its parent if
   * it is named {@code prompts.json}.
   *
   * @throws IllegalArgumentException if the path exists and is neither
   */
  static Path sceneDirOf(Path path) {
    Path abs = path.toAbsolutePath();
    if (Files.isDirectory(abs)) {
      return abs;
    }
    Path name = abs.getFileName();
    Path parent = abs.getParent();
    if (name != null && parent != null && name.toString().equals(PromptFiles.FILE_NAME)) {
      return parent;
    }
    checkArgument(
        !Files.exists(abs, LinkOption.NOFOLLOW_LINKS),
        "path must be a scene folder or its %s: %s",
        PromptFiles.FILE_NAME,
        path);
    return abs;
  }

  /** The path if something exists there (a link counts), else null. */
  @Nullable
  static Path existing(Path file) {
    return Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? file : null;
  }

  /** Why a folder of a tree could not be searched. */
  static String cannotList(IOException e) {
    return "cannot list the folder: " + describe(e);
  }

  /** An exception in words: its simple class name and message. */
  static String describe(Exception e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }
}
