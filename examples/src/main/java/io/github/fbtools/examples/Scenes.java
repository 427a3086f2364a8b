package io.github.fbtools.examples;

import io.github.fbtools.core.files.PromptFiles;
import java.nio.file.Files;
import java.nio.file.Path;

/** The PATH argument of migrate, verify and rollback. Stateless. */
final class Scenes {
  private Scenes() {}

  /**
   * Returns the folder a command works on: PATH if it is a folder, its folder if it is a {@code
   * prompts.json} file.
   *
   * @throws UsageException if PATH is missing or another kind of file
   */
  static Path root(String command, String arg) throws UsageException {
    Path path = Inputs.path(command, "PATH", arg);
    if (Files.isDirectory(path)) {
      return path;
    }
    if (Files.isRegularFile(path)) {
      Path name = path.getFileName();
      Path parent = path.toAbsolutePath().getParent();
      if (name != null && name.toString().equals(PromptFiles.FILE_NAME) && parent != null) {
        return parent;
      }
      throw new UsageException(
          command + ": PATH must be a folder or a prompts.json file: " + arg);
    }
    throw new UsageException(command + ": PATH not found: " + arg);
  }
}
