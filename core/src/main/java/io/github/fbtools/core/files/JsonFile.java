package io.github.fbtools.core.files;

import io.github.fbtools.core.FormatException;
import io.github.fbtools.core.PythonText;
import io.github.fbtools.core.json.FbJson;
import java.io.IOException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import javax.annotation.Nullable;

/**
 * What {@link LibberFiles}, {@link SceneFiles} and {@link StoryFiles} share: bounded reading and
 * decoding with the file, line and column in every error, the guarded replacement of a file
 * (fingerprint check, refusal to overwrite a file that cannot be read, no rewrite when the content
 * is already the same), and the listing of a root folder.
 *
 * <p>Stateless and thread-safe.
 */
final class JsonFile {
  /** The largest file read, in bytes: the JSON document limit plus a byte-order mark. */
  static final int MAX_BYTES = PromptFiles.MAX_FILE_BYTES;

  /** Turns the text of a file into its model; throws {@link FormatException} with a JSON path. */
  @FunctionalInterface
  interface Decoder<T> {
    T decode(String text);
  }

  /**
   * What {@link #replace} did.
   *
   * @param changed whether the file's bytes changed
   * @param fingerprint the file's fingerprint afterwards
   */
  record Replaced(boolean changed, String fingerprint) {}

  private JsonFile() {}

  /**
   * Decodes the bytes of {@code file}.
   *
   * @throws FormatException naming the file, line and column if the bytes are too many, not UTF-8,
   *     not JSON or not what the decoder accepts
   */
  static <T> T decode(byte[] bytes, Path file, Decoder<T> decoder) {
    if (bytes.length > MAX_BYTES) {
      throw new FormatException(
          file.toString(),
          0,
          0,
          null,
          "file is larger than " + FbJson.MAX_DOCUMENT_LENGTH + " bytes",
          null);
    }
    String text = "";
    try {
      text = FbJson.decodeUtf8(bytes);
      return decoder.decode(text);
    } catch (FormatException e) {
      throw FbJson.withLocation(text, e).inFile(file);
    }
  }

  /**
   * Replaces {@code file} with {@code bytes} under its lock, unless the fingerprint differs from
   * {@code expected} ({@link FileChangedException}), the current file cannot be decoded ({@link
   * FormatException}: a file this version cannot read is never overwritten) or it already holds
   * the same JSON (then nothing is written, and the file keeps its bytes and time stamp).
   */
  static Replaced replace(
      AtomicFiles files,
      Path file,
      byte[] bytes,
      @Nullable String expected,
      Decoder<?> validator)
      throws IOException {
    return files.underLock(
        file,
        locked -> {
          byte[] current = locked.readIfExists(locked.file(), MAX_BYTES);
          if (!check(file, current, bytes, expected, validator)) {
            return new Replaced(false, PromptFiles.fingerprint(current));
          }
          locked.write(bytes);
          return new Replaced(true, PromptFiles.fingerprint(bytes));
        });
  }

  /**
   * The checks of {@link #replace}, for a caller that holds the file's lock and read {@code
   * current} under it: refuses if the fingerprint differs from {@code expected} or the current
   * file cannot be decoded, and tells whether {@code bytes} must be written (false when the file
   * already holds the same JSON). Writes nothing.
   *
   * @throws FileChangedException if the fingerprint is not {@code expected}
   * @throws FormatException if the current file cannot be decoded
   */
  static boolean check(
      Path file,
      @Nullable byte[] current,
      byte[] bytes,
      @Nullable String expected,
      Decoder<?> validator)
      throws FileChangedException {
    String before = PromptFiles.fingerprint(current);
    if (expected != null && !expected.equals(before)) {
      throw new FileChangedException(file, expected, before);
    }
    if (current == null) {
      return true;
    }
    decode(current, file, validator);
    return !sameJson(current, bytes);
  }

  /**
   * Whether {@code current} (a file that decodes) already holds exactly the JSON of {@code bytes}:
   * the same bytes, or the same values in the same order, written with other whitespace, other
   * escapes or without the final newline (as Python's {@code json.dump} writes them).
   */
  static boolean sameJson(byte[] current, byte[] bytes) {
    return Arrays.equals(current, bytes)
        || Arrays.equals(FbJson.writeBytes(FbJson.parse(current)), bytes);
  }

  /**
   * Lists the entries of {@code root} that are folders ({@code folders}) or regular files, directly
   * or through a symbolic link that stays below the root, and whose name passes {@code
   * nameFilter}; returns their names sorted by code point. A missing root has no entries.
   *
   * @throws NotDirectoryException if the root exists and is not a folder
   * @throws IOException if it cannot be listed
   */
  static List<String> list(FileOps ops, Path root, boolean folders, Predicate<String> nameFilter)
      throws IOException {
    BasicFileAttributes rootAttributes = ops.attributes(root, true);
    if (rootAttributes == null) {
      return List.of();
    }
    if (!rootAttributes.isDirectory()) {
      throw new NotDirectoryException(root.toString());
    }
    Path realRoot = ops.toRealPath(root);
    List<String> names = new ArrayList<>();
    for (Path entry : ops.list(realRoot)) {
      String name = String.valueOf(entry.getFileName());
      if (!nameFilter.test(name)) {
        continue;
      }
      BasicFileAttributes a = ops.attributes(entry, false);
      if (a != null && a.isSymbolicLink()) {
        a = linkTarget(ops, realRoot, entry);
      }
      if (a != null && (folders ? a.isDirectory() : a.isRegularFile())) {
        names.add(name);
      }
    }
    names.sort(PythonText.CODE_POINT_ORDER);
    return List.copyOf(names);
  }

  /** The attributes of a link's target if it lies strictly below {@code realRoot}, else null. */
  @Nullable
  private static BasicFileAttributes linkTarget(FileOps ops, Path realRoot, Path link)
      throws IOException {
    Path real;
    try {
      real = ops.toRealPath(link);
    } catch (IOException e) {
      return null; // dangling or looping
    }
    if (!real.startsWith(realRoot) || real.equals(realRoot)) {
      return null;
    }
    return ops.attributes(real, false);
  }
}
