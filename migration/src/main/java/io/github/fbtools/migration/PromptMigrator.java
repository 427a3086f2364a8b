package io.github.fbtools.migration;

import static java.util.Objects.requireNonNull;

import com.google.common.base.Ticker;
import io.github.fbtools.core.FormatException;
import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.files.AtomicFiles;
import io.github.fbtools.core.files.BackupConflictException;
import io.github.fbtools.core.files.FileBusyException;
import io.github.fbtools.core.files.FileChangedException;
import io.github.fbtools.core.files.FileKind;
import io.github.fbtools.core.files.PromptFiles;
import io.github.fbtools.core.json.FbJson;
import io.github.fbtools.migration.MigrationResult.Outcome;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * Upgrades scene {@code prompts.json} files from version 1 to version 2 without ever losing a
 * byte, one file or a whole tree at a time; checks the result and rolls it back.
 *
 * <h2>What a migration does</h2>
 *
 * <p>{@link #migrate(Path)} loads the file with {@link PromptFiles}. A version 1 file is written
 * back as version 2 through {@link PromptFiles#write(Path, PromptCollection, String)}, the one
 * place of the non-destructive rule: {@code prompts.json.v1.backup} is first published with the
 * file's original bytes, durably and exclusively (an existing backup with the same bytes is
 * reused; one with other bytes is never overwritten and the file {@link Outcome#FAILED fails}),
 * and only then is the version 2 file, carrying the original object as {@code v1_backup}, put in
 * place atomically. The write happens only if the file still has the bytes that were converted; if
 * another writer changed it in between, the file is loaded again (up to five times). A version 2
 * file and a missing file are left alone; a corrupt file fails with the {@link FormatException}'s
 * message (file, line and column) and is left untouched. A crash, a kill or a power loss at any
 * moment leaves either the original version 1 bytes (perhaps with a complete backup) or a complete
 * version 2 file with its durable backup, and running the migration again completes it.
 *
 * <p>Every run except a dry run ends each scene with {@link AtomicFiles#removeLeftovers(Path)}, so
 * no temporary or lock file of a dead writer remains. Running a migration twice changes nothing
 * the second time: no file, backup or time stamp. Failures are reported per file, never thrown:
 * one failing scene does not stop the others.
 *
 * <h2>Which files</h2>
 *
 * <p>{@link #migrate(Path)}, {@link #verify(Path)} and {@link #rollback(Path)} take a scene folder
 * or the {@code prompts.json} in it (which need not exist). {@link #migrateTree(Path)} and {@link
 * #verifyTree(Path)} take a root, such as a ComfyUI scenes folder, a story folder or any folder
 * holding scene folders, and handle every scene folder {@link #scenes(Path)} finds there:
 *
 * <ul>
 *   <li>a scene folder is a folder, the root included, that holds {@code prompts.json} or {@code
 *       prompts.json.v1.backup} (so a scene whose file was lost is reported {@link
 *       Outcome#MISSING});
 *   <li>folders are searched down to {@linkplain Builder#maxDepth(int) a depth} of {@value
 *       #DEFAULT_MAX_DEPTH} below the root by default (0 is the root itself);
 *   <li>a scene folder is not searched further (its {@code input} and {@code output} folders hold
 *       images), nor are {@code jobs} folders (execution outputs) and hidden folders (names
 *       starting with {@code .});
 *   <li>symbolic links to folders are never followed, so the walk never leaves the root (migrate a
 *       linked scene by its own path); a {@code prompts.json} that is a link is read and written
 *       through it only if it points inside its folder ({@link AtomicFiles}' rule);
 *   <li>scenes are handled one at a time in a stable order: by path relative to the root, compared
 *       one folder name at a time by code point.
 * </ul>
 *
 * <h2>Dry run</h2>
 *
 * <p>{@linkplain Builder#dryRun(boolean) A dry run} reads only: it takes no lock, writes no file
 * and removes no leftover. A version 1 file is reported {@link Outcome#WOULD_MIGRATE}, with the
 * note {@code "prompts.json.v1.backup would be created"} (or {@code "... exists with the same
 * bytes and would be kept"}) as its {@link MigrationResult#reason()}, or {@link Outcome#FAILED}
 * when its backup exists with other bytes (the real run would refuse).
 *
 * <h2>Verify and rollback</h2>
 *
 * <p>{@link #verify(Path)} checks that the file is a readable version 2 file and that, if it
 * carries {@code v1_backup}, the backup file holds the same JSON value; see {@link
 * VerificationResult.Status} for what is a warning and what a failure. {@link #rollback(Path)}
 * puts the original version 1 bytes back from the backup and keeps the version 2 file as {@value
 * #ROLLBACK_NAME}; the backup stays, so a later migration reuses it.
 *
 * <pre>{@code
 * PromptMigrator migrator = PromptMigrator.create();
 * MigrationReport report = migrator.migrateTree(Path.of("ComfyUI/user/default/fbtools/scenes"));
 * System.out.println(report.toJson());
 *
 * PromptMigrator preview = PromptMigrator.builder().dryRun(true).build();
 * preview.migrateTree(scenes).failures().forEach(System.err::println);
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe (the listener must be too if the instance is
 * shared). Several migrators, in this process or others, may work on one tree at once: every
 * write happens under the file's lock and only over the bytes that were converted.
 */
public final class PromptMigrator {

  /** How deep {@link #scenes(Path)} looks below the root by default: 3 folders. */
  public static final int DEFAULT_MAX_DEPTH = 3;

  /** The largest {@linkplain Builder#maxDepth(int) depth} accepted: 32. */
  public static final int MAX_DEPTH_LIMIT = 32;

  /** The name under which {@link #rollback(Path)} keeps the version 2 file it replaced. */
  public static final String ROLLBACK_NAME = PromptFiles.FILE_NAME + ".v2.rollback";

  /**
   * The top-level fields of a version 2 {@code prompts.json}. A version 1 file may hold prompts of
   * these names; migrated, they are prompts of a version 2 file, which this library reads well,
   * but the Python extension's scene loader ({@code load_prompt_json}) copies prompt values up to
   * the top level of the file's data, where these names are fields: a prompt named {@code
   * scene_flags} (or {@code v1_backup} in a file without one) makes the scene unloadable there, and
   * the others are not seen as prompts by that loader's legacy view. Such a scene is reported with
   * a warning ({@link MigrationResult#warnings()}, and by {@link #verify}).
   */
  public static final List<String> V2_FIELD_NAMES =
      List.of("version", "prompts", "compositions", "v1_backup", "scene_flags");

  /** A dry run's note on a version 1 file whose backup does not exist yet. */
  static final String WOULD_CREATE_BACKUP = PromptFiles.V1_BACKUP_NAME + " would be created";

  /** A dry run's note on a version 1 file whose identical backup exists (an interrupted run). */
  static final String WOULD_KEEP_BACKUP =
      PromptFiles.V1_BACKUP_NAME + " exists with the same bytes and would be kept";

  /** How many times a file that keeps changing under a migration is loaded again. */
  static final int MAX_ATTEMPTS = 5;

  /** The largest file read, as {@link PromptFiles} reads it (the kind's limit and a BOM). */
  private static final int MAX_BYTES = FileKind.PROMPTS.maxFileBytes();

  private static final System.Logger LOG = System.getLogger(PromptMigrator.class.getName());

  private final AtomicFiles files;
  private final PromptFiles prompts;
  private final boolean dryRun;
  private final MigrationListener listener;
  private final Ticker ticker;
  private final int maxDepth;

  private PromptMigrator(Builder b) {
    this.files = b.files;
    this.prompts = PromptFiles.using(b.files);
    this.dryRun = b.dryRun;
    this.listener = b.listener;
    this.ticker = b.ticker;
    this.maxDepth = b.maxDepth;
  }

  /**
   * Returns a migrator with the defaults: not a dry run, no listener, {@link
   * AtomicFiles#create()}, the system ticker, depth {@value #DEFAULT_MAX_DEPTH}.
   *
   * @return a new migrator
   */
  public static PromptMigrator create() {
    return builder().build();
  }

  /**
   * Returns a builder with the defaults of {@link #create()}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Tells whether this migrator only reads.
   *
   * @return true for a dry run
   */
  public boolean dryRun() {
    return dryRun;
  }

  /**
   * Returns how deep {@link #scenes(Path)} looks below a root.
   *
   * @return the depth, 0 for the root only
   */
  public int maxDepth() {
    return maxDepth;
  }

  // ---------------------------------------------------------------------------------------------
  // Migrate

  /**
   * Migrates one scene's {@code prompts.json}. Never throws for a file that cannot be migrated:
   * the result says {@link Outcome#FAILED} and why, and the file is as it was.
   *
   * @param path a scene folder, or its {@code prompts.json} (a missing file gives {@link
   *     Outcome#MISSING}, as does a folder that does not exist)
   * @return what happened; {@link MigrationResult#path()} is the file's absolute path
   * @throws IllegalArgumentException if {@code path} exists and is neither a folder nor named
   *     {@code prompts.json}
   */
  public MigrationResult migrate(Path path) {
    Path sceneDir = sceneDirOf(path);
    return migrateScene(sceneDir, PromptFiles.file(sceneDir).toString());
  }

  /**
   * Migrates every scene found under {@code root} by the rule of the class description, one after
   * the other, telling the listener as it goes. A scene that fails does not stop the others.
   *
   * @param root a folder
   * @return the report, with one result per scene folder (and per folder that could not be
   *     listed), paths relative to the root's real path
   * @throws NoSuchFileException if {@code root} does not exist
   * @throws java.nio.file.NotDirectoryException if {@code root} is not a folder
   * @throws IOException if the root cannot be read at all
   */
  public MigrationReport migrateTree(Path root) throws IOException {
    long start = ticker.read();
    Path real = root.toRealPath();
    List<SceneTree.Entry> entries = SceneTree.find(real, maxDepth);
    listener.started(entries.size());
    List<MigrationResult> results = new ArrayList<>(entries.size());
    for (SceneTree.Entry e : entries) {
      MigrationResult r;
      IOException error = e.error();
      if (error == null) {
        r = migrateScene(e.dir(), e.relative(PromptFiles.FILE_NAME));
      } else {
        r =
            new MigrationResult(
                e.relative(), e.dir(), Outcome.FAILED, cannotList(error), null, false, null);
      }
      results.add(r.withoutCollection());
      listener.fileDone(r);
    }
    return new MigrationReport(
        real, dryRun, results, Duration.ofNanos(Math.max(0, ticker.read() - start)));
  }

  /**
   * Returns the scene folders under {@code root}, by the rule of the class description, in the
   * order a tree run handles them. Reads only.
   *
   * @param root a folder
   * @return the absolute real paths of the scene folders
   * @throws NoSuchFileException if {@code root} does not exist
   * @throws java.nio.file.NotDirectoryException if {@code root} is not a folder
   * @throws IOException if the root cannot be read
   */
  public List<Path> scenes(Path root) throws IOException {
    List<Path> out = new ArrayList<>();
    for (SceneTree.Entry e : SceneTree.find(root.toRealPath(), maxDepth)) {
      if (e.error() == null) {
        out.add(e.dir());
      }
    }
    return List.copyOf(out);
  }

  private MigrationResult migrateScene(Path sceneDir, String shown) {
    MigrationResult r = migrateOnce(sceneDir, shown);
    sweep(sceneDir);
    return r;
  }

  private MigrationResult migrateOnce(Path sceneDir, String shown) {
    Path file = PromptFiles.file(sceneDir);
    Path backup = PromptFiles.backupFile(sceneDir);
    PromptCollection collection = null;
    try {
      for (int attempt = 1; ; attempt++) {
        PromptFiles.Loaded loaded = prompts.load(sceneDir);
        if (loaded.state() == PromptFiles.State.MISSING) {
          return new MigrationResult(
              shown, file, Outcome.MISSING, missingNote(sceneDir, backup), existing(backup), false,
              null);
        }
        if (loaded.state() == PromptFiles.State.V2) {
          return new MigrationResult(
              shown, file, Outcome.ALREADY_V2, null, existing(backup), false,
              loaded.collection(), fieldNameWarnings(loaded.collection()));
        }
        collection = loaded.collection();
        if (dryRun) {
          return plan(shown, file, backup, loaded);
        }
        try {
          PromptFiles.Written w = prompts.write(sceneDir, collection, loaded.fingerprint());
          return new MigrationResult(
              shown, file, Outcome.MIGRATED, null, backup, w.backupCreated(), collection,
              fieldNameWarnings(collection));
        } catch (FileChangedException e) {
          if (attempt >= MAX_ATTEMPTS) {
            return failed(
                shown,
                file,
                backup,
                "not persisted: the file changed under the migration "
                    + MAX_ATTEMPTS
                    + " times in a row; last: "
                    + e.getMessage(),
                collection);
          }
          LOG.log(Level.DEBUG, "{0} changed while migrating it; loading it again", file);
        }
      }
    } catch (FormatException e) {
      return failed(shown, file, backup, "left untouched: " + e.getMessage(), null);
    } catch (FileBusyException e) {
      return failed(shown, file, backup, "not persisted, busy: " + e.getMessage(), collection);
    } catch (BackupConflictException e) {
      return failed(shown, file, backup, "not persisted: " + e.getMessage(), collection);
    } catch (IOException e) {
      return failed(shown, file, backup, "not persisted: " + describe(e), collection);
    } catch (RuntimeException e) {
      return failed(shown, file, backup, "not persisted, unexpected " + describe(e), collection);
    }
  }

  /** A dry run's verdict on a version 1 file. */
  private MigrationResult plan(
      String shown, Path file, Path backup, PromptFiles.Loaded loaded) throws IOException {
    byte[] existing = files.readIfExists(backup, MAX_BYTES);
    if (existing != null && !PromptFiles.fingerprint(existing).equals(loaded.fingerprint())) {
      return failed(
          shown,
          file,
          backup,
          "would fail: "
              + PromptFiles.V1_BACKUP_NAME
              + " exists and differs from the version 1 file it would back up; a backup is"
              + " never overwritten (move it aside to upgrade this file)",
          loaded.collection());
    }
    return new MigrationResult(
        shown,
        file,
        Outcome.WOULD_MIGRATE,
        existing == null ? WOULD_CREATE_BACKUP : WOULD_KEEP_BACKUP,
        backup,
        false,
        loaded.collection(),
        fieldNameWarnings(loaded.collection()));
  }

  /**
   * The warning on a collection with prompts named after version 2 fields ({@link
   * #V2_FIELD_NAMES}), or none.
   */
  static List<String> fieldNameWarnings(PromptCollection collection) {
    List<String> named = new ArrayList<>();
    for (String field : V2_FIELD_NAMES) {
      if (collection.prompt(field).isPresent()) {
        named.add(field);
      }
    }
    if (named.isEmpty()) {
      return List.of();
    }
    return List.of(
        "prompts named after version 2 fields ("
            + String.join(", ", named)
            + "): this library reads them, but the Python extension's scene loader copies prompt"
            + " values to the top level, where these names are fields (a prompt named scene_flags"
            + " makes the scene unloadable there); rename these prompts");
  }

  private static MigrationResult failed(
      String shown, Path file, Path backup, String reason, @Nullable PromptCollection collection) {
    return new MigrationResult(
        shown, file, Outcome.FAILED, reason, existing(backup), false, collection);
  }

  @Nullable
  private static String missingNote(Path sceneDir, Path backup) {
    if (Files.exists(backup, LinkOption.NOFOLLOW_LINKS)) {
      return "no prompts.json, but " + PromptFiles.V1_BACKUP_NAME + " exists (rollback restores it)";
    }
    return Files.isDirectory(sceneDir) ? null : "no such folder";
  }

  @Nullable
  private static Path existing(Path file) {
    return Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? file : null;
  }

  /** Removes dead writers' leftovers in a scene folder, except in a dry run; best effort. */
  private void sweep(Path sceneDir) {
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

  // ---------------------------------------------------------------------------------------------
  // Verify

  /**
   * Checks one scene: {@code prompts.json} is a readable version 2 file, and if it carries {@code
   * v1_backup}, {@code prompts.json.v1.backup} exists and holds the same JSON value. Reads only.
   *
   * <p>A missing backup file next to a {@code v1_backup} is a {@linkplain
   * VerificationResult.Status#WARNING warning}, not a failure: the original object is still in
   * the file, only its exact bytes are gone. So is a backup file next to a file without {@code
   * v1_backup} (a tool that drops it saved the file; the original is still in the backup).
   *
   * @param path a scene folder or its {@code prompts.json}
   * @return the verdict; {@link VerificationResult#path()} is the file's absolute path
   * @throws IllegalArgumentException if {@code path} exists and is neither a folder nor named
   *     {@code prompts.json}
   */
  public VerificationResult verify(Path path) {
    Path sceneDir = sceneDirOf(path);
    return verifyScene(sceneDir, PromptFiles.file(sceneDir).toString());
  }

  /**
   * Verifies every scene found under {@code root}, as {@link #migrateTree(Path)} finds them.
   *
   * @param root a folder
   * @return one verdict per scene folder (a folder that could not be listed fails), in order,
   *     paths relative to the root's real path
   * @throws NoSuchFileException if {@code root} does not exist
   * @throws java.nio.file.NotDirectoryException if {@code root} is not a folder
   * @throws IOException if the root cannot be read at all
   */
  public List<VerificationResult> verifyTree(Path root) throws IOException {
    List<VerificationResult> out = new ArrayList<>();
    for (SceneTree.Entry e : SceneTree.find(root.toRealPath(), maxDepth)) {
      IOException error = e.error();
      if (error == null) {
        out.add(verifyScene(e.dir(), e.relative(PromptFiles.FILE_NAME)));
      } else {
        out.add(
            new VerificationResult(
                e.relative(), e.dir(), VerificationResult.Status.FAILED, List.of(cannotList(error))));
      }
    }
    return List.copyOf(out);
  }

  private VerificationResult verifyScene(Path sceneDir, String shown) {
    Path file = PromptFiles.file(sceneDir);
    Path backup = PromptFiles.backupFile(sceneDir);
    List<String> failures = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    try {
      PromptFiles.Loaded loaded = prompts.load(sceneDir);
      byte[] backupBytes = files.readIfExists(backup, MAX_BYTES);
      switch (loaded.state()) {
        case MISSING:
          failures.add(
              backupBytes == null
                  ? "prompts.json is missing"
                  : "prompts.json is missing, but "
                      + PromptFiles.V1_BACKUP_NAME
                      + " exists (rollback restores it)");
          break;
        case V1:
          if (backupBytes == null) {
            failures.add("still version 1: not migrated");
          } else if (PromptFiles.fingerprint(backupBytes).equals(loaded.fingerprint())) {
            failures.add("still version 1: not migrated (its backup is in place, as after a rollback)");
          } else {
            failures.add(
                "still version 1, and "
                    + PromptFiles.V1_BACKUP_NAME
                    + " holds other bytes: a migration will refuse it until that backup is moved"
                    + " aside");
          }
          break;
        default:
          checkBackup(loaded.collection().v1Backup(), backupBytes, failures, warnings);
          warnings.addAll(fieldNameWarnings(loaded.collection()));
          break;
      }
    } catch (FormatException e) {
      failures.add("unreadable: " + e.getMessage());
    } catch (IOException | RuntimeException e) {
      failures.add("cannot read: " + describe(e));
    }
    VerificationResult.Status status =
        !failures.isEmpty()
            ? VerificationResult.Status.FAILED
            : !warnings.isEmpty() ? VerificationResult.Status.WARNING : VerificationResult.Status.OK;
    failures.addAll(warnings);
    return new VerificationResult(shown, file, status, failures);
  }

  private static void checkBackup(
      Optional<Map<String, Object>> v1Backup,
      @Nullable byte[] backupBytes,
      List<String> failures,
      List<String> warnings) {
    if (v1Backup.isEmpty()) {
      if (backupBytes != null) {
        warnings.add(
            PromptFiles.V1_BACKUP_NAME
                + " exists but prompts.json has no v1_backup (a tool that drops it saved the"
                + " file; the original is in the backup)");
      }
      return;
    }
    if (backupBytes == null) {
      warnings.add(
          PromptFiles.V1_BACKUP_NAME
              + " is missing; v1_backup in prompts.json still holds the original object (not its"
              + " exact bytes)");
      return;
    }
    try {
      Map<String, Object> onDisk = FbJson.parseObject(backupBytes, FileKind.PROMPTS.limits());
      if (!onDisk.equals(v1Backup.get())) {
        failures.add(PromptFiles.V1_BACKUP_NAME + " differs from v1_backup in prompts.json");
      }
    } catch (FormatException e) {
      failures.add(
          PromptFiles.V1_BACKUP_NAME + " is not a readable JSON object: " + e.getMessage());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Rollback

  /**
   * Puts a scene's original version 1 bytes back from {@code prompts.json.v1.backup}, keeping the
   * version 2 file it replaces as {@value #ROLLBACK_NAME}. Under the file's lock: the version 2
   * file is first published as {@value #ROLLBACK_NAME} (durably and exclusively), then {@code
   * prompts.json} is replaced atomically by the backup's bytes. The backup stays, so a later
   * {@link #migrate(Path)} reuses it. Never throws for a scene that cannot be rolled back: nothing
   * is changed and the result says why. It is refused when:
   *
   * <ul>
   *   <li>there is no backup, or it is not a readable JSON object;
   *   <li>{@code prompts.json} is unreadable, or version 1 with other bytes than the backup;
   *   <li>{@code prompts.json} carries a {@code v1_backup} that differs from the backup file;
   *   <li>{@value #ROLLBACK_NAME} exists with other bytes than {@code prompts.json} (it is never
   *       overwritten; with the same bytes it is the trace of an interrupted rollback, which is
   *       then completed).
   * </ul>
   *
   * <p>A missing {@code prompts.json} is restored from the backup. A file that already holds the
   * backup's bytes is {@link RollbackResult.Outcome#NOT_NEEDED}. A dry run only reports.
   *
   * @param path a scene folder or its {@code prompts.json}
   * @return what happened; {@link RollbackResult#path()} is the file's absolute path
   * @throws IllegalArgumentException if {@code path} exists and is neither a folder nor named
   *     {@code prompts.json}
   */
  public RollbackResult rollback(Path path) {
    Path sceneDir = sceneDirOf(path);
    Path file = PromptFiles.file(sceneDir);
    String shown = file.toString();
    RollbackResult r;
    try {
      if (dryRun) {
        r = new RollbackPlan(shown, sceneDir, p -> files.readIfExists(p, MAX_BYTES)).run(file, null);
      } else {
        r =
            files.underLock(
                file,
                locked ->
                    new RollbackPlan(shown, sceneDir, p -> locked.readIfExists(p, MAX_BYTES))
                        .run(locked.file(), locked));
      }
    } catch (FormatException e) {
      r = rollbackFailed(shown, file, "not rolled back: " + e.getMessage());
    } catch (IOException | RuntimeException e) {
      r = rollbackFailed(shown, file, "not rolled back: " + describe(e));
    }
    sweep(sceneDir);
    return requireNonNull(r);
  }

  private static RollbackResult rollbackFailed(String shown, Path file, String reason) {
    return new RollbackResult(shown, file, RollbackResult.Outcome.FAILED, reason, null);
  }

  /** Reads a file next to the locked one (or without a lock, in a dry run). */
  @FunctionalInterface
  private interface Reader {
    @Nullable
    byte[] read(Path file) throws IOException;
  }

  /** The checks and steps of one rollback. */
  private static final class RollbackPlan {
    private final String shown;
    private final Path file;
    private final Path backup;
    private final Path aside;
    private final Reader reader;

    RollbackPlan(String shown, Path sceneDir, Reader reader) {
      this.shown = shown;
      this.file = PromptFiles.file(sceneDir);
      this.backup = PromptFiles.backupFile(sceneDir);
      this.aside = sceneDir.resolve(ROLLBACK_NAME);
      this.reader = reader;
    }

    private RollbackResult refuse(String reason) {
      return rollbackFailed(shown, file, "not rolled back: " + reason);
    }

    /**
     * Checks, then (given a locked file) writes.
     *
     * @param current the file to read: the locked one (a link's target) or {@code prompts.json}
     * @param locked the locked file to write through, or null for a dry run
     */
    RollbackResult run(Path current, @Nullable AtomicFiles.LockedFile locked) throws IOException {
      byte[] v1 = reader.read(backup);
      if (v1 == null) {
        return refuse("there is no " + PromptFiles.V1_BACKUP_NAME);
      }
      if (v1.length > MAX_BYTES) {
        return refuse(PromptFiles.V1_BACKUP_NAME + " is larger than a prompts.json may be");
      }
      byte[] now = reader.read(current);
      if (now != null && Arrays.equals(now, v1)) {
        return new RollbackResult(
            shown,
            file,
            RollbackResult.Outcome.NOT_NEEDED,
            "prompts.json already holds the bytes of " + PromptFiles.V1_BACKUP_NAME,
            null);
      }
      Map<String, Object> original;
      try {
        original = FbJson.parseObject(v1, FileKind.PROMPTS.limits());
      } catch (FormatException e) {
        return refuse(PromptFiles.V1_BACKUP_NAME + " is not a readable JSON object: " + e.getMessage());
      }
      if (now == null) {
        return finish(v1, null, null, locked);
      }
      if (now.length > MAX_BYTES) {
        return refuse("prompts.json is larger than a prompts.json may be");
      }
      Map<String, Object> doc;
      PromptCollection collection;
      try {
        doc = FbJson.parseObject(now, FileKind.PROMPTS.limits());
        if (PromptCollection.formatVersionOf(doc) == 1) {
          return refuse(
              "prompts.json is version 1 with other bytes than "
                  + PromptFiles.V1_BACKUP_NAME
                  + "; there is no version 2 file to roll back");
        }
        collection = PromptCollection.fromJsonObject(doc);
      } catch (FormatException e) {
        return refuse("prompts.json is unreadable: " + e.inFile(file).getMessage());
      }
      Optional<Map<String, Object>> inFile = collection.v1Backup();
      if (inFile.isPresent() && !inFile.get().equals(original)) {
        return refuse(
            "v1_backup in prompts.json differs from "
                + PromptFiles.V1_BACKUP_NAME
                + "; the backup does not belong to this file");
      }
      byte[] previous = reader.read(aside);
      if (previous != null && !Arrays.equals(previous, now)) {
        return refuse(
            ROLLBACK_NAME
                + " exists with other bytes; it is never overwritten (move it away to roll back)");
      }
      return finish(v1, now, previous, locked);
    }

    private RollbackResult finish(
        byte[] v1,
        @Nullable byte[] now,
        @Nullable byte[] previous,
        @Nullable AtomicFiles.LockedFile locked)
        throws IOException {
      Path setAside = now == null ? null : aside;
      if (locked == null) {
        return new RollbackResult(shown, file, RollbackResult.Outcome.WOULD_ROLL_BACK, null, setAside);
      }
      if (now != null && previous == null) {
        locked.publishExclusive(aside, now);
      }
      locked.write(v1);
      return new RollbackResult(shown, file, RollbackResult.Outcome.ROLLED_BACK, null, setAside);
    }
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * The scene folder a path names: the path if it is a folder (or does not exist), its parent if
   * it is named {@code prompts.json}.
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
    if (!Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
      return abs;
    }
    throw new IllegalArgumentException(
        "path must be a scene folder or its " + PromptFiles.FILE_NAME + ": " + path);
  }

  private static String cannotList(IOException e) {
    return "cannot list the folder: " + describe(e);
  }

  /** An exception in words: its simple class name and message. */
  static String describe(Exception e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  /**
   * Configures a {@link PromptMigrator}.
   *
   * <pre>{@code
   * PromptMigrator migrator = PromptMigrator.builder()
   *     .dryRun(true)
   *     .listener(progressBar)
   *     .files(AtomicFiles.builder().lockTimeout(Duration.ofSeconds(10)).build())
   *     .build();
   * }</pre>
   *
   * <p>Not thread-safe; the migrators it builds are.
   */
  public static final class Builder {
    private boolean dryRun;
    private MigrationListener listener = MigrationListener.NONE;
    private AtomicFiles files = AtomicFiles.create();
    private Ticker ticker = Ticker.systemTicker();
    private int maxDepth = DEFAULT_MAX_DEPTH;

    private Builder() {}

    /**
     * Makes the migrator only read (default false): no lock, no write, no removal.
     *
     * @param dryRun true for a dry run
     * @return this builder
     */
    public Builder dryRun(boolean dryRun) {
      this.dryRun = dryRun;
      return this;
    }

    /**
     * Sets the listener that hears the progress of tree runs (default {@link
     * MigrationListener#NONE}).
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(MigrationListener listener) {
      this.listener = requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Sets the atomic writer every read and write goes through (default {@link
     * AtomicFiles#create()}): its file-operations seam, lock timeout and clock.
     *
     * @param files the writer
     * @return this builder
     */
    public Builder files(AtomicFiles files) {
      this.files = requireNonNull(files, "files");
      return this;
    }

    /**
     * Sets the ticker that measures a report's duration (default {@link Ticker#systemTicker()}).
     *
     * @param ticker the ticker
     * @return this builder
     */
    public Builder ticker(Ticker ticker) {
      this.ticker = requireNonNull(ticker, "ticker");
      return this;
    }

    /**
     * Sets how deep tree runs look for scene folders below the root (default {@value
     * #DEFAULT_MAX_DEPTH}; 0 is the root only).
     *
     * @param maxDepth from 0 to {@value #MAX_DEPTH_LIMIT}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder maxDepth(int maxDepth) {
      if (maxDepth < 0 || maxDepth > MAX_DEPTH_LIMIT) {
        throw new IllegalArgumentException(
            "maxDepth must be in 0.." + MAX_DEPTH_LIMIT + ": " + maxDepth);
      }
      this.maxDepth = maxDepth;
      return this;
    }

    /**
     * Builds the migrator.
     *
     * @return a new, immutable migrator
     */
    public PromptMigrator build() {
      return new PromptMigrator(this);
    }
  }
}
