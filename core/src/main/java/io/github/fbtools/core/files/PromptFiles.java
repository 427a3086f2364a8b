package io.github.fbtools.core.files;

import static com.google.common.base.Preconditions.checkNotNull;

import io.github.fbtools.core.json.FormatException;
import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.json.FbJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * Reads and writes a scene's {@code prompts.json}, and is the one place that enforces the
 * non-destructive upgrade from version 1 to version 2.
 *
 * <h2>Reading</h2>
 *
 * <p>{@link #load(Path)} reads {@code <sceneDir>/prompts.json} of either version. A missing file
 * is an empty collection ({@link State#MISSING}); a corrupt file is a {@link FormatException}
 * naming the file, line and column, never an empty collection. The result carries a {@linkplain
 * Loaded#fingerprint() fingerprint} of the bytes read, for saves that must not overwrite a file
 * changed by someone else in between.
 *
 * <h2>Writing: the non-destructive rule</h2>
 *
 * <p>{@link #write} replaces the file atomically (through {@link AtomicFiles}) and, under the
 * file's lock:
 *
 * <ol>
 *   <li>if the current file is corrupt, refuses with {@link FormatException}: nothing is written
 *       over data this version cannot read;
 *   <li>if an expected fingerprint is given and the file's differs, refuses with {@link
 *       FileChangedException};
 *   <li>if the current file is version 1, first publishes {@value #V1_BACKUP_NAME} with the
 *       file's original bytes, durably and exclusively (an existing backup is never overwritten:
 *       if it holds other bytes the write is refused with {@link BackupConflictException}), and
 *       only then writes the version 2 file, which carries the original object of <em>that</em>
 *       file as {@code v1_backup}, whatever {@code v1_backup} the collection given carries (one
 *       loaded from an earlier version 1 file, which another tool has changed since, describes a
 *       file that is no longer there: a forced save over the changed file backs up the bytes it
 *       replaces, and the scene stays consistent, {@code v1_backup} equal to the backup file);
 *   <li>if the current file is version 2 with a {@code v1_backup}, the written file keeps it
 *       exactly, even if the collection given has none (the reference's UI save path dropped it);
 *       a collection carrying a <em>different</em> backup is refused.
 * </ol>
 *
 * <p>Every refusal happens before anything is written: a refused write leaves the file and its
 * backup as they were. {@link Written#collection()} is the collection as written, with the {@code
 * v1_backup} the file carries; an editor that keeps a collection across saves follows it with
 * {@link #withBackupOf}, so its next save does not conflict with the backup it has just made.
 *
 * <p>A file that already holds the JSON to be written (the same values in the same order, whatever
 * its whitespace, escapes or final newline: a version 2 file Python wrote with a 4-space indent)
 * is not rewritten: the file and its time stamp stay as they were, {@link Written#changed()} is
 * false and the fingerprint is that of the file's own bytes. So saving twice changes nothing the
 * second time, and saving an unchanged file the Python extension wrote changes nothing either.
 *
 * <!-- given: Path sceneDir -->
 * <pre>{@code
 * PromptFiles prompts = PromptFiles.create();
 * PromptFiles.Loaded loaded = prompts.load(sceneDir);          // v1 or v2, or empty if missing
 * PromptCollection edited = loaded.collection().withPrompt("girl_pos", "smiling");
 * prompts.write(sceneDir, edited, loaded.fingerprint());       // backup first if it was v1
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class PromptFiles {
  /** The file's name in a scene folder. */
  public static final String FILE_NAME = "prompts.json";

  /** The name of the copy of the original version 1 file. */
  public static final String V1_BACKUP_NAME = FILE_NAME + ".v1.backup";

  /** What a scene's {@code prompts.json} was when loaded. */
  public enum State {
    /** There is no file. */
    MISSING,
    /** A version 1 (legacy) file. */
    V1,
    /** A version 2 file. */
    V2
  }

  /**
   * A loaded {@code prompts.json}.
   *
   * @param collection the prompts (empty when the file is missing; version 2 in memory always)
   * @param state what the file was
   * @param fingerprint the {@link Fingerprint} of the bytes read ({@link Fingerprint#absent()} for no file)
   */
  public record Loaded(PromptCollection collection, State state, Fingerprint fingerprint) {
    /**
     * Validates the components.
     *
     * @param collection the prompts (empty when the file is missing; version 2 in memory always)
     * @param state what the file was
     * @param fingerprint the {@link Fingerprint} of the bytes read ({@link Fingerprint#absent()} for no file)
     * @throws NullPointerException if a component is null
     */
    public Loaded {
      checkNotNull(collection, "collection");
      checkNotNull(state, "state");
      checkNotNull(fingerprint, "fingerprint");
    }
  }

  /**
   * What a {@link #write} did.
   *
   * @param backupCreated whether {@value #V1_BACKUP_NAME} was created by this write
   * @param changed whether the file's bytes changed (false when it already held the same JSON)
   * @param fingerprint the fingerprint of the file after the write
   * @param collection the collection as the file now holds it (with the {@code v1_backup} it
   *     carries)
   */
  public record Written(
      boolean backupCreated, boolean changed, Fingerprint fingerprint, PromptCollection collection) {
    /**
     * Validates the components.
     *
     * @param backupCreated whether {@value #V1_BACKUP_NAME} was created by this write
     * @param changed whether the file's bytes changed (false when it already held the same JSON)
     * @param fingerprint the fingerprint of the file after the write
     * @param collection the collection as the file now holds it
     * @throws NullPointerException if the fingerprint or the collection is null
     */
    public Written {
      checkNotNull(fingerprint, "fingerprint");
      checkNotNull(collection, "collection");
    }
  }

  private final AtomicFiles files;

  private PromptFiles(AtomicFiles files) {
    this.files = checkNotNull(files, "files");
  }

  /**
   * Returns an instance writing with {@link AtomicFiles#create()}.
   *
   * @return the instance
   */
  public static PromptFiles create() {
    return new PromptFiles(AtomicFiles.create());
  }

  /**
   * Returns an instance reading and writing through {@code files} (its file-operations seam, lock
   * timeout and clock).
   *
   * @param files the atomic writer
   * @return the instance
   */
  public static PromptFiles using(AtomicFiles files) {
    return new PromptFiles(files);
  }

  /**
   * Returns the path of a scene's {@code prompts.json}.
   *
   * @param sceneDir the scene's folder
   * @return {@code sceneDir/prompts.json}
   */
  public static Path file(Path sceneDir) {
    return sceneDir.resolve(FILE_NAME);
  }

  /**
   * Returns the path of a scene's {@value #V1_BACKUP_NAME}.
   *
   * @param sceneDir the scene's folder
   * @return {@code sceneDir/prompts.json.v1.backup}
   */
  public static Path backupFile(Path sceneDir) {
    return sceneDir.resolve(V1_BACKUP_NAME);
  }

  /**
   * Loads a scene's {@code prompts.json}.
   *
   * @param sceneDir the scene's folder (already resolved, e.g. with {@link SafeNames#resolve})
   * @return the collection, what the file was, and its fingerprint
   * @throws FormatException if the file exists but is not a valid {@code prompts.json} (it names
   *     the file, line and column)
   * @throws IOException if the file cannot be read
   */
  public Loaded load(Path sceneDir) throws IOException {
    Path file = file(sceneDir);
    byte[] bytes = JsonFile.read(files, FileKind.PROMPTS, file);
    if (bytes == null) {
      return new Loaded(PromptCollection.empty(), State.MISSING, Fingerprint.absent());
    }
    Parsed parsed = parse(bytes, file);
    return new Loaded(parsed.collection, parsed.state, Fingerprint.ofNullable(bytes));
  }

  /**
   * Loads a scene's prompts; shorthand for {@code load(sceneDir).collection()}.
   *
   * @param sceneDir the scene's folder
   * @return the collection, empty if the file is missing
   * @throws FormatException if the file is corrupt
   * @throws IOException if it cannot be read
   */
  public PromptCollection read(Path sceneDir) throws IOException {
    return load(sceneDir).collection();
  }

  /**
   * Writes a scene's {@code prompts.json} under the non-destructive rule of the class description.
   *
   * @param sceneDir the scene's folder (it must exist)
   * @param collection the prompts to write
   * @return what the write did
   * @throws FormatException if the current file is corrupt (nothing is written)
   * @throws BackupConflictException if a backup would have to change (nothing is written)
   * @throws FileBusyException if another writer holds the file's lock too long
   * @throws FileTooLargeException if the file would be over the limits of its {@link FileKind}
   *     (nothing is written)
   * @throws IOException if reading or writing fails; the file is then unchanged
   */
  public Written write(Path sceneDir, PromptCollection collection) throws IOException {
    return write(sceneDir, collection, null);
  }

  /**
   * Writes a scene's {@code prompts.json} if the file still has the fingerprint it had when
   * loaded.
   *
   * @param sceneDir the scene's folder (it must exist)
   * @param collection the prompts to write
   * @param expectedFingerprint the {@link Loaded#fingerprint()} of the load this edit started
   *     from, or null to write whatever the file holds now
   * @return what the write did
   * @throws FileChangedException if the file's fingerprint is not {@code expectedFingerprint}
   * @throws FormatException if the current file is corrupt (nothing is written)
   * @throws BackupConflictException if a backup would have to change (nothing is written)
   * @throws FileBusyException if another writer holds the file's lock too long
   * @throws FileTooLargeException if the file would be over the limits of its {@link FileKind}
   *     (nothing is written)
   * @throws IOException if reading or writing fails; the file is then unchanged
   */
  public Written write(
      Path sceneDir, PromptCollection collection, @Nullable Fingerprint expectedFingerprint)
      throws IOException {
    checkNotNull(collection, "collection");
    Path file = file(sceneDir);
    return files.underLock(
        file,
        locked -> {
          byte[] current = JsonFile.read(locked, FileKind.PROMPTS);
          Plan plan = plan(locked, file, current, collection, expectedFingerprint);
          return commit(locked, plan);
        });
  }

  /**
   * A write of {@code prompts.json} checked under its lock and ready to {@link #commit}: nothing
   * has been written yet.
   */
  static final class Plan {
    final Path backup;
    @Nullable final byte[] backupToPublish;
    /** The bytes to write if {@link #changed}, else the file's bytes, which stay. */
    final byte[] bytes;
    final boolean changed;
    final PromptCollection collection;

    Plan(
        Path backup,
        @Nullable byte[] backupToPublish,
        byte[] bytes,
        boolean changed,
        PromptCollection collection) {
      this.backup = backup;
      this.backupToPublish = backupToPublish;
      this.bytes = bytes;
      this.changed = changed;
      this.collection = collection;
    }
  }

  /**
   * Checks a write of {@code collection} over {@code current} (the bytes of the locked file, read
   * under its lock) by every rule of the class description, and computes what to write. Writes
   * nothing: every refusal happens here, before the first byte is written.
   *
   * @param locked the locked {@code prompts.json}, to read its backup through
   * @param file the scene's {@code prompts.json} as named by the caller (its backup is next to it)
   */
  static Plan plan(
      AtomicFiles.LockedFile locked,
      Path file,
      @Nullable byte[] current,
      PromptCollection collection,
      @Nullable Fingerprint expectedFingerprint)
      throws IOException {
    Path backup = file.resolveSibling(V1_BACKUP_NAME);
    Fingerprint before = Fingerprint.ofNullable(current);
    if (expectedFingerprint != null && !expectedFingerprint.equals(before)) {
      throw new FileChangedException(file, expectedFingerprint, before);
    }
    PromptCollection toWrite = collection;
    byte[] backupToPublish = null;
    Parsed parsed = null;
    if (current != null) {
      parsed = parse(current, file);
      if (parsed.state == State.V1) {
        byte[] existing = locked.readIfExists(backup, current.length);
        if (existing == null) {
          backupToPublish = current;
        } else if (!Arrays.equals(existing, current)) {
          throw new BackupConflictException(
              file,
              backup,
              "the backup exists and differs from the version 1 file it would back up;"
                  + " a backup is never overwritten (move it aside to upgrade this file)");
        }
        toWrite = replaceBackup(toWrite, parsed.document);
      } else {
        Optional<Map<String, Object>> onDisk = parsed.collection.v1Backup();
        if (onDisk.isPresent()) {
          toWrite = keepBackup(toWrite, onDisk.get(), file, backup);
        }
      }
    }
    byte[] bytes = FbJson.writeBytes(toWrite.toJsonObject()); // the bytes of toJson()
    JsonFile.requireReadable(FileKind.PROMPTS, file, bytes);
    boolean changed =
        current == null
            || parsed == null
            || !JsonFile.sameJson(current, parsed.document, bytes); // parsed once, above
    return new Plan(backup, backupToPublish, changed ? bytes : current, changed, toWrite);
  }

  /** Carries out a {@link #plan}: the backup first (durably, exclusively), then the file. */
  static Written commit(AtomicFiles.LockedFile locked, Plan plan) throws IOException {
    if (plan.backupToPublish != null) {
      locked.publishExclusive(plan.backup, plan.backupToPublish);
    }
    if (plan.changed) {
      locked.write(plan.bytes);
    }
    return new Written(
        plan.backupToPublish != null, plan.changed, Fingerprint.of(plan.bytes), plan.collection);
  }

  /**
   * Returns {@code collection} with the {@code v1_backup} of {@code saved} (or none if it has
   * none), for an editor that keeps editing a collection after saving it: {@link
   * Written#collection()} may carry a backup the edited collection lacks or holds differently
   * (a forced save over a version 1 file changed on disk backs up that file). This is the one way
   * a collection's {@code v1_backup} is ever replaced: to follow the file it was saved to. The
   * collection is rebuilt from its JSON form; everything else is kept.
   *
   * @param collection the edited collection
   * @param saved the collection a save wrote ({@link Written#collection()})
   * @return {@code collection} itself if its backup is already {@code saved}'s, else a copy
   */
  public static PromptCollection withBackupOf(PromptCollection collection, PromptCollection saved) {
    checkNotNull(collection, "collection");
    Optional<Map<String, Object>> backup = checkNotNull(saved, "saved").v1Backup();
    if (collection.v1Backup().equals(backup)) {
      return collection;
    }
    LinkedHashMap<String, Object> doc = new LinkedHashMap<>(collection.toJsonObject());
    doc.remove("v1_backup");
    backup.ifPresent(b -> doc.put("v1_backup", b));
    return PromptCollection.fromJsonObject(doc);
  }

  /** The collection with the original object of the version 1 file it replaces as its backup. */
  private static PromptCollection replaceBackup(PromptCollection c, Map<String, Object> v1Doc) {
    if (c.v1Backup().isEmpty()) {
      return c.withV1Backup(v1Doc);
    }
    LinkedHashMap<String, Object> doc = new LinkedHashMap<>(c.toJsonObject());
    doc.put("v1_backup", v1Doc);
    return PromptCollection.fromJsonObject(doc);
  }

  private static PromptCollection keepBackup(
      PromptCollection c, Map<String, Object> backupDoc, Path file, Path backup)
      throws BackupConflictException {
    try {
      return c.withV1Backup(backupDoc);
    } catch (IllegalStateException e) {
      throw new BackupConflictException(
          file,
          backup,
          "the collection carries a v1_backup different from the file's; a backup never changes");
    }
  }

  private static final class Parsed {
    final State state;
    final PromptCollection collection;
    final Map<String, Object> document;

    Parsed(State state, PromptCollection collection, Map<String, Object> document) {
      this.state = state;
      this.collection = collection;
      this.document = document;
    }
  }

  private static Parsed parse(byte[] bytes, Path file) {
    return JsonFile.decodeObject(
        FileKind.PROMPTS,
        bytes,
        file,
        doc -> {
          State state = PromptCollection.formatVersionOf(doc) == 1 ? State.V1 : State.V2;
          return new Parsed(state, PromptCollection.fromJsonObject(doc), doc);
        });
  }
}
