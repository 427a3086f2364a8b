package io.github.fbtools.core.files;

import static com.google.common.base.Preconditions.checkNotNull;

import io.github.fbtools.core.json.FormatException;
import io.github.fbtools.core.InvalidNameException;
import io.github.fbtools.core.Libber;
import io.github.fbtools.core.LibberSource;
import io.github.fbtools.core.PythonText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.annotation.Nullable;

/**
 * Reads and writes Libber files: {@code <libberDir>/<name>.json}, where {@code name} passes {@link
 * SafeNames.Kind#LIBBER} (checked before any file-system call).
 *
 * <h2>Reading</h2>
 *
 * <p>{@link #load} reads the reference's format ({@code libs}) and the documented {@code lib_dict}
 * (see {@link Libber#fromJson}), so a documented file never loads as empty. A missing file (or a
 * missing {@code libberDir}) is {@link Optional#empty()}, so that an unknown name can be told from
 * an empty Libber (a REST layer answers 404); a corrupt file is a {@link FormatException} naming
 * the file, line and column. The result carries the file's {@linkplain Loaded#fingerprint()
 * fingerprint}. Reading never writes anything.
 *
 * <h2>Writing</h2>
 *
 * <p>{@link #write} replaces the file atomically through {@link AtomicFiles}, under its lock, with
 * {@link Libber#toJson()} ({@code libs}, {@code delimiter}, {@code max_depth}, then unknown
 * fields). It refuses with {@link FileChangedException} if an expected fingerprint is given and
 * the file's differs (pass {@link Fingerprint#absent()} to create a Libber only if none exists), and
 * with {@link FormatException} if the current file cannot be read (a file this version cannot
 * read is never overwritten). A file that already holds the same JSON (same values in the same
 * order, perhaps written by Python with other whitespace and no final newline) is left untouched,
 * bytes and time stamp. The folder must exist: it is a configured root, never created here.
 *
 * <!-- given: Path libberDir -->
 * <pre>{@code
 * LibberFiles libbers = LibberFiles.create();
 * Optional<LibberFiles.Loaded> loaded = libbers.load(libberDir, "characters");
 * if (loaded.isEmpty()) {
 *   // 404: no libber of that name
 * }
 * Libber edited = loaded.get().libber().withLib("hair", "long red hair");
 * libbers.write(libberDir, "characters", edited, loaded.get().fingerprint());
 * List<String> names = libbers.list(libberDir);   // ["characters", ...], by code point
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class LibberFiles {
  /** The extension of a Libber file. */
  public static final String EXTENSION = ".json";

  /**
   * A loaded Libber file.
   *
   * @param libber the Libber
   * @param fingerprint the {@link Fingerprint} of the bytes read
   */
  public record Loaded(Libber libber, Fingerprint fingerprint) {
    /**
     * Validates the components.
     *
     * @param libber the Libber
     * @param fingerprint the fingerprint of the bytes read
     * @throws NullPointerException if a component is null
     */
    public Loaded {
      checkNotNull(libber, "libber");
      checkNotNull(fingerprint, "fingerprint");
    }
  }

  /**
   * What a {@link #write} did.
   *
   * @param changed whether the file's bytes changed (false when it already held the same JSON)
   * @param fingerprint the fingerprint of the file after the write
   */
  public record Written(boolean changed, Fingerprint fingerprint) {
    /**
     * Validates the components.
     *
     * @param changed whether the file's bytes changed
     * @param fingerprint the fingerprint of the file after the write
     * @throws NullPointerException if the fingerprint is null
     */
    public Written {
      checkNotNull(fingerprint, "fingerprint");
    }
  }

  private final AtomicFiles files;

  private LibberFiles(AtomicFiles files) {
    this.files = checkNotNull(files, "files");
  }

  /**
   * Returns an instance writing with {@link AtomicFiles#create()}.
   *
   * @return the instance
   */
  public static LibberFiles create() {
    return new LibberFiles(AtomicFiles.create());
  }

  /**
   * Returns an instance reading and writing through {@code files} (its file-operations seam, lock
   * timeout and clock).
   *
   * @param files the atomic writer
   * @return the instance
   */
  public static LibberFiles using(AtomicFiles files) {
    return new LibberFiles(files);
  }

  /**
   * Loads a Libber.
   *
   * @param libberDir the folder of Libber files
   * @param name the Libber's name
   * @return the Libber and its fingerprint, or empty if there is no such file (or no such folder)
   * @throws InvalidNameException if the name is refused (no file-system call was made), or if
   *     the folder holds the same name in another spelling ({@link SafeNames#checkOneSpelling})
   * @throws FormatException if the file is not a valid Libber file (naming file, line and column)
   * @throws UnsafeLinkException if the file is a symbolic link that dangles or leaves the folder
   * @throws IOException if the file cannot be read
   */
  public Optional<Loaded> load(Path libberDir, String name) throws IOException {
    checkNotNull(libberDir, "libberDir");
    SafeNames.validate(SafeNames.Kind.LIBBER, name);
    BasicFileAttributes dir = files.ops().attributes(libberDir, true);
    if (dir == null) {
      return Optional.empty();
    }
    Path file = file(libberDir, name);
    byte[] bytes = JsonFile.read(files, FileKind.LIBBER, file);
    if (bytes == null) {
      return Optional.empty();
    }
    Libber libber = JsonFile.decode(FileKind.LIBBER, bytes, file, Libber::fromJson);
    return Optional.of(new Loaded(libber, Fingerprint.ofNullable(bytes)));
  }

  /**
   * Writes a Libber whatever the file holds now (unless it is corrupt); shorthand for {@code
   * write(libberDir, name, libber, null)}.
   *
   * @param libberDir the folder of Libber files (it must exist)
   * @param name the Libber's name
   * @param libber the Libber
   * @return what the write did
   * @throws InvalidNameException if the name is refused (no file-system call was made), or if
   *     the folder holds the same name in another spelling ({@link SafeNames#checkOneSpelling})
   * @throws FormatException if the current file is corrupt (nothing is written)
   * @throws NoSuchFileException if the folder does not exist
   * @throws FileBusyException if another writer holds the file's lock too long
   * @throws FileTooLargeException if the file would be over the limits of its {@link FileKind}
   *     (nothing is written)
   * @throws IOException if writing fails; the file is then unchanged
   */
  public Written write(Path libberDir, String name, Libber libber) throws IOException {
    return write(libberDir, name, libber, null);
  }

  /**
   * Writes a Libber if its file still has the fingerprint it had when loaded.
   *
   * @param libberDir the folder of Libber files (it must exist)
   * @param name the Libber's name
   * @param libber the Libber
   * @param expectedFingerprint the {@link Loaded#fingerprint()} of the load this edit started from,
   *     {@link Fingerprint#absent()} to create a new file only, or null to write whatever the file
   *     holds now
   * @return what the write did
   * @throws InvalidNameException if the name is refused (no file-system call was made), or if
   *     the folder holds the same name in another spelling ({@link SafeNames#checkOneSpelling})
   * @throws FileChangedException if the file's fingerprint is not {@code expectedFingerprint}
   * @throws FormatException if the current file is corrupt (nothing is written)
   * @throws NoSuchFileException if the folder does not exist
   * @throws FileBusyException if another writer holds the file's lock too long
   * @throws FileTooLargeException if the file would be over the limits of its {@link FileKind}
   *     (nothing is written)
   * @throws IOException if writing fails; the file is then unchanged
   */
  public Written write(
      Path libberDir, String name, Libber libber, @Nullable Fingerprint expectedFingerprint)
      throws IOException {
    checkNotNull(libberDir, "libberDir");
    checkNotNull(libber, "libber");
    SafeNames.validate(SafeNames.Kind.LIBBER, name);
    byte[] bytes = libber.toJson().getBytes(StandardCharsets.UTF_8);
    Path file = file(libberDir, name);
    JsonFile.Replaced r =
        JsonFile.replace(
            files, FileKind.LIBBER, file, bytes, expectedFingerprint, Libber::fromJson);
    return new Written(r.changed(), r.fingerprint());
  }

  /**
   * Returns a {@link LibberSource} over a folder of Libber files, {@code <libberDir>/<name>.json}
   * as the Python extension keeps them: {@code source.libber(name)} is {@link #load}{@code
   * (libberDir, name)}'s Libber ({@code libs} or {@code lib_dict}, the size limit of {@link
   * FileKind#LIBBER}). A name is checked by {@link SafeNames} ({@link SafeNames.Kind#LIBBER})
   * before any file-system call. Each name is read once, on first use, and kept (a missing file
   * too), so one source gives one consistent view during a batch or a composition; make a new
   * source to see later changes.
   *
   * <!-- given: Path dataRoot; PromptCollection prompts -->
   * <pre>{@code
   * LibberSource libbers = LibberFiles.create().source(dataRoot.resolve("libbers"));
   * Map<String, String> composed = prompts.compose(libbers);
   * }</pre>
   *
   * @param libberDir the folder of Libber files (it need not exist: then no Libber is found)
   * @return a thread-safe source whose {@link LibberSource#libber} is empty for a name without a
   *     file, and throws {@link InvalidNameException} for a refused name, {@link FormatException}
   *     for a corrupt file (naming it) and {@link UncheckedIOException} when a file cannot be read
   */
  public LibberSource source(Path libberDir) {
    checkNotNull(libberDir, "libberDir");
    ConcurrentHashMap<String, Optional<Libber>> read = new ConcurrentHashMap<>();
    return name -> {
      SafeNames.validate(SafeNames.Kind.LIBBER, name);
      return read.computeIfAbsent(
          name,
          n -> {
            try {
              return load(libberDir, n).map(Loaded::libber);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    };
  }

  /**
   * Lists the Libbers of a folder: the names of the regular files {@code <name>.json} (or links to
   * such files inside the folder) whose {@code name} passes {@link SafeNames.Kind#LIBBER}; other
   * entries are ignored.
   *
   * @param libberDir the folder of Libber files
   * @return the names sorted by code point (Python's order); empty if the folder does not exist
   * @throws java.nio.file.NotDirectoryException if {@code libberDir} is not a folder
   * @throws IOException if the folder cannot be listed
   */
  public List<String> list(Path libberDir) throws IOException {
    List<String> fileNames =
        JsonFile.list(
            files.ops(),
            libberDir,
            false,
            n -> n.endsWith(EXTENSION) && SafeNames.isValid(SafeNames.Kind.LIBBER, stem(n)));
    return fileNames.stream().map(LibberFiles::stem).sorted(PythonText.CODE_POINT_ORDER).toList();
  }

  private static String stem(String fileName) {
    return fileName.substring(0, fileName.length() - EXTENSION.length());
  }

  /** {@code realDir/<name>.json}; the name has been validated, so it is one segment. */
  private Path file(Path libberDir, String name) throws IOException {
    Path realDir;
    try {
      realDir = files.ops().toRealPath(libberDir);
    } catch (NoSuchFileException e) {
      NoSuchFileException missing =
          new NoSuchFileException(libberDir.toString(), null, "the libber folder does not exist");
      missing.initCause(e);
      throw missing;
    }
    Path file = realDir.resolve(name + EXTENSION);
    if (files.ops().attributes(file, false) == null) {
      SafeNames.checkOneSpelling(files.ops(), realDir, SafeNames.Kind.LIBBER, name, EXTENSION);
    }
    return file;
  }
}
