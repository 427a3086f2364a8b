package io.github.fbtools.core.files;

import io.github.fbtools.core.json.FormatException;
import io.github.fbtools.core.PythonText;
import io.github.fbtools.core.json.FbJson;
import java.io.IOException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
  /** Turns the text of a file into its model; throws {@link FormatException} with a JSON path. */
  @FunctionalInterface
  interface Decoder<T> {
    T decode(String text);
  }

  /** Turns a parsed JSON object into its model; throws {@link FormatException} with a JSON path. */
  @FunctionalInterface
  interface ObjectDecoder<T> {
    T decode(Map<String, Object> document);
  }

  /**
   * What {@link #replace} did.
   *
   * @param changed whether the file's bytes changed
   * @param fingerprint the file's fingerprint afterwards
   */
  record Replaced(boolean changed, Fingerprint fingerprint) {}

  private JsonFile() {}

  /**
   * Reads a file of a kind: at most its limit and a byte-order mark, plus one byte to tell that it
   * is over.
   */
  @Nullable
  static byte[] read(AtomicFiles files, FileKind kind, Path file) throws IOException {
    return files.readIfExists(file, kind.maxFileBytes());
  }

  /** {@link #read} for a caller holding the file's lock. */
  @Nullable
  static byte[] read(AtomicFiles.LockedFile locked, FileKind kind) throws IOException {
    return locked.readIfExists(locked.file(), kind.maxFileBytes());
  }

  /**
   * Decodes the bytes of {@code file}, a file of {@code kind}.
   *
   * @throws FormatException naming the file, line and column if the bytes are over the kind's
   *     limit, not UTF-8, not JSON or not what the decoder accepts
   */
  static <T> T decode(FileKind kind, byte[] bytes, Path file, Decoder<T> decoder) {
    checkSize(kind, bytes, file);
    String text = "";
    try {
      text = FbJson.decodeUtf8(bytes, kind.limits());
      return decoder.decode(text);
    } catch (FormatException e) {
      throw FbJson.withLocation(text, e).inFile(file);
    }
  }

  /**
   * Decodes the bytes of {@code file}, a file of {@code kind} whose top level is a JSON object, as
   * {@link #decode} does but parsing the bytes directly (no text in between): the same size check,
   * limits and errors (file, line, column, JSON path).
   *
   * @throws FormatException naming the file, line and column if the bytes are over the kind's
   *     limit, not UTF-8, not a JSON object or not what the decoder accepts
   */
  static <T> T decodeObject(FileKind kind, byte[] bytes, Path file, ObjectDecoder<T> decoder) {
    checkSize(kind, bytes, file);
    try {
      return decoder.decode(FbJson.parseObject(bytes, kind.limits()));
    } catch (FormatException e) {
      // A field's error has a JSON path but no line yet: the text is decoded only to find it.
      String text =
          e.line() > 0 || e.path().isEmpty() ? "" : FbJson.decodeUtf8(bytes, kind.limits());
      throw FbJson.withLocation(text, e).inFile(file);
    }
  }

  /**
   * Refuses a file read over its kind's limit with a message naming the kind.
   *
   * @throws FormatException if {@code bytes} are more than {@link FileKind#maxFileBytes()}
   */
  static void checkSize(FileKind kind, byte[] bytes, Path file) {
    if (bytes.length > kind.maxFileBytes()) {
      throw new FormatException(
          file.toString(),
          0,
          0,
          null,
          "file is larger than "
              + kind.maxBytes()
              + " bytes, the limit of a "
              + kind.name()
              + " file (FileKind)",
          null);
    }
  }

  /**
   * Refuses to write {@code bytes} as {@code file} if the library could not read them back: over
   * the size or token limit of the kind, or over a parser limit such as the nesting depth.
   *
   * @throws FileTooLargeException if so; nothing has been written
   */
  static void requireReadable(FileKind kind, Path file, byte[] bytes)
      throws FileTooLargeException {
    kind.checkWritable(file, bytes);
  }

  /**
   * Replaces {@code file}, a file of {@code kind}, with {@code bytes} under its lock, unless the
   * bytes would be over the kind's limits ({@link FileTooLargeException}), the fingerprint differs
   * from {@code expected} ({@link FileChangedException}), the current file cannot be decoded
   * ({@link FormatException}: a file this version cannot read is never overwritten) or it already
   * holds the same JSON (then nothing is written, and the file keeps its bytes and time stamp).
   */
  static Replaced replace(
      AtomicFiles files,
      FileKind kind,
      Path file,
      byte[] bytes,
      @Nullable Fingerprint expected,
      Decoder<?> validator)
      throws IOException {
    requireReadable(kind, file, bytes);
    return files.underLock(
        file,
        locked -> {
          byte[] current = read(locked, kind);
          if (!check(kind, file, current, bytes, expected, validator)) {
            return new Replaced(false, Fingerprint.ofNullable(current));
          }
          locked.write(bytes);
          return new Replaced(true, Fingerprint.ofNullable(bytes));
        });
  }

  /**
   * The checks of {@link #replace}, for a caller that holds the file's lock and read {@code
   * current} under it (and checked {@code bytes} with {@link #requireReadable}): refuses if the
   * fingerprint differs from {@code expected} or the current file cannot be decoded, and tells
   * whether {@code bytes} must be written (false when the file already holds the same JSON).
   * Writes nothing.
   *
   * @throws FileChangedException if the fingerprint is not {@code expected}
   * @throws FormatException if the current file cannot be decoded
   */
  static boolean check(
      FileKind kind,
      Path file,
      @Nullable byte[] current,
      byte[] bytes,
      @Nullable Fingerprint expected,
      Decoder<?> validator)
      throws FileChangedException {
    Fingerprint before = Fingerprint.ofNullable(current);
    if (expected != null && !expected.equals(before)) {
      throw new FileChangedException(file, expected, before);
    }
    if (current == null) {
      return true;
    }
    decode(kind, current, file, validator);
    return !sameJson(kind, current, bytes);
  }

  /**
   * Whether {@code current} (a file of {@code kind} that decodes) already holds exactly the JSON
   * of {@code bytes}: the same bytes, or the same values in the same order, written with other
   * whitespace, other escapes or without the final newline (as Python's {@code json.dump} writes
   * them).
   */
  static boolean sameJson(FileKind kind, byte[] current, byte[] bytes) {
    return Arrays.equals(current, bytes)
        || Arrays.equals(FbJson.writeBytes(FbJson.parse(current, kind.limits())), bytes);
  }

  /**
   * {@link #sameJson(FileKind, byte[], byte[])} for a caller that has already parsed {@code
   * current} into {@code currentDocument}: nothing is parsed again.
   */
  static boolean sameJson(byte[] current, @Nullable Object currentDocument, byte[] bytes) {
    return Arrays.equals(current, bytes)
        || Arrays.equals(FbJson.writeBytes(currentDocument), bytes);
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
