package io.github.fbtools.examples;

import io.github.fbtools.core.json.FbJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import javax.annotation.Nullable;

/** Checks the paths given on the command line and reads input files. Stateless. */
final class Inputs {
  /** The largest input file read, in bytes: 64 MiB. */
  static final long MAX_FILE_BYTES = 64L << 20;

  private Inputs() {}

  /**
   * Returns the path of an existing regular file.
   *
   * @throws UsageException if the path is malformed, missing or not a regular file
   */
  static Path existingFile(String command, String what, String arg) throws UsageException {
    Path path = path(command, what, arg);
    BasicFileAttributes a = attributes(path);
    if (a == null) {
      throw new UsageException(command + ": " + what + " not found: " + arg);
    }
    if (!a.isRegularFile()) {
      throw new UsageException(command + ": " + what + " is not a file: " + arg);
    }
    if (a.size() > MAX_FILE_BYTES) {
      throw new UsageException(
          command + ": " + what + " is larger than " + MAX_FILE_BYTES + " bytes: " + arg);
    }
    return path;
  }

  /**
   * Returns the path of an existing folder.
   *
   * @throws UsageException if the path is malformed, missing or not a folder
   */
  static Path existingDir(String command, String what, String arg) throws UsageException {
    Path path = path(command, what, arg);
    BasicFileAttributes a = attributes(path);
    if (a == null) {
      throw new UsageException(command + ": " + what + " not found: " + arg);
    }
    if (!a.isDirectory()) {
      throw new UsageException(command + ": " + what + " is not a folder: " + arg);
    }
    return path;
  }

  /**
   * Turns an argument into a path.
   *
   * @throws UsageException if it is empty or not a valid path
   */
  static Path path(String command, String what, String arg) throws UsageException {
    if (arg.isEmpty()) {
      throw new UsageException(command + ": " + what + " is empty");
    }
    try {
      return Path.of(arg);
    } catch (java.nio.file.InvalidPathException e) {
      throw new UsageException(
          command + ": " + what + " is not a valid path: " + Text.quoted(arg), e);
    }
  }

  /**
   * Reads a file checked by {@link #existingFile}.
   *
   * @throws UsageException if it cannot be read
   */
  static byte[] read(String command, Path file) throws UsageException {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UsageException(command + ": cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a UTF-8 text file checked by {@link #existingFile}.
   *
   * @throws UsageException if it cannot be read or is not UTF-8
   */
  static String readText(String command, Path file) throws UsageException {
    byte[] bytes = read(command, file);
    try {
      return FbJson.decodeUtf8(bytes);
    } catch (RuntimeException e) {
      throw new UsageException(command + ": " + file + " is not UTF-8 text: " + e.getMessage(), e);
    }
  }

  @Nullable
  private static BasicFileAttributes attributes(Path path) {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class);
    } catch (IOException e) {
      return null;
    }
  }
}
