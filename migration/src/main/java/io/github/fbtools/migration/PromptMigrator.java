package io.github.fbtools.migration;

import io.github.fbtools.core.json.SetOnce;
import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.github.fbtools.core.json.FormatException;
import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.files.AtomicFiles;
import io.github.fbtools.core.files.PromptFiles;
import io.github.fbtools.migration.MigrationResult.Outcome;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;

/**
 * Upgrades scene {@code prompts.json} files from version 1 to version 2 without ever losing a
 * byte, one file or a whole tree at a time; checks the result and rolls it back.
 *
 * <h2>What a migration does</h2>
 *
 * <p>{@link #migrate(Path)} loads the file with {@link PromptFiles}. A version 1 file is written
 * back as version 2 through {@link PromptFiles#write(Path, PromptCollection,
 * io.github.fbtools.core.files.Fingerprint)}, the one
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
 * <p>Every run except a dry run ends each scene with {@link AtomicFiles#removeLeftovers(Path)}. A
 * second run changes nothing: no file, backup or time stamp. Failures are reported per file, never
 * thrown: one failing scene does not stop the others.
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
 *   <li>scenes are reported in a stable order: by path relative to the root, compared one folder
 *       name at a time by code point.
 * </ul>
 *
 * <h2>Parallel tree runs</h2>
 *
 * <p>{@link #migrateTree(Path)} and {@link #verifyTree(Path)} handle up to {@linkplain
 * Builder#jobs(int) jobs} scenes at once ({@link #defaultJobs()} by default) on a pool that lives
 * for the run ({@code jobs(1)}: the calling thread): the scenes' waits for the device overlap.
 * Each scene keeps the steps and guarantees of a sequential run (durable backup first, atomic
 * replace under the file's lock, kill-safe, idempotent); the report is the same, in the same
 * order; the {@linkplain MigrationListener listener} is called from the calling thread, in order.
 * *
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
 * <!-- given: Path scenes -->
 * <pre>{@code
 * PromptMigrator migrator = PromptMigrator.create();
 * MigrationReport report = migrator.migrateTree(Path.of("ComfyUI/user/default/fbtools/scenes"));
 * System.out.println(report.toJson());
 *
 * PromptMigrator preview = PromptMigrator.builder().dryRun(true).jobs(1).build();
 * preview.migrateTree(scenes).failures().forEach(System.err::println);
 * }</pre>
 *
 * <p>Why this class is long: it is the public face of migrate, verify and rollback (their work is
 * in {@code SceneMigration}, {@code SceneVerification}, {@code SceneRollback}, {@code SceneTree}
 * and {@code ScenePool}); what is left is their documented contract and the public {@link
 * Builder}.
 *
 * <p>Instances are immutable and thread-safe (the listener must be too if the instance is shared
 * between threads that run trees at once; a single tree run calls it from its own thread only). Several migrators, in this process or others, may work on one tree at once: every
 * write happens under the file's lock and only over the bytes that were converted.
 */
public final class PromptMigrator {

  /** How deep {@link #scenes(Path)} looks below the root by default: 3 folders. */
  public static final int DEFAULT_MAX_DEPTH = 3;

  /** The largest {@linkplain Builder#maxDepth(int) depth} accepted: 32. */
  public static final int MAX_DEPTH_LIMIT = 32;

  /** The largest number of {@linkplain Builder#jobs(int) jobs} accepted: 64. */
  public static final int MAX_JOBS = 64;

  /** The name under which {@link #rollback(Path)} keeps the version 2 file it replaced. */
  public static final String ROLLBACK_NAME = PromptFiles.FILE_NAME + ".v2.rollback";

  /**
   * The top-level fields of a version 2 {@code prompts.json}. Prompts of these names (from a
   * version 1 file) are read well here, but the Python extension's scene loader copies prompt
   * values to the top level, where these names are fields ({@code scene_flags} makes the scene
   * unloadable there), so such a scene gets a warning ({@link MigrationResult#warnings()}, {@link
   * #verify}).
   */
  public static final List<String> V2_FIELD_NAMES =
      List.of("version", "prompts", "compositions", "v1_backup", "scene_flags");

  private final boolean dryRun;
  private final MigrationListener listener;
  private final InstantSource clock;
  private final int maxDepth;
  private final int jobs;
  private final SceneMigration migration;
  private final SceneVerification verification;
  private final SceneRollback rollback;

  private PromptMigrator(Builder b) {
    this.dryRun = b.dryRun != null && b.dryRun;
    this.listener = b.listener != null ? b.listener : MigrationListener.NONE;
    this.clock = b.clock != null ? b.clock : InstantSource.system();
    this.maxDepth = b.maxDepth != null ? b.maxDepth : DEFAULT_MAX_DEPTH;
    this.jobs = b.jobs != null ? b.jobs : defaultJobs();
    SceneIo io = new SceneIo(b.files != null ? b.files : AtomicFiles.create(), dryRun);
    this.migration = new SceneMigration(io);
    this.verification = new SceneVerification(io);
    this.rollback = new SceneRollback(io);
  }

  /**
   * Returns a migrator with the defaults: not a dry run, no listener, {@link
   * AtomicFiles#create()}, the system clock, depth {@value #DEFAULT_MAX_DEPTH}, {@link
   * #defaultJobs()} jobs.
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
   * The number of {@linkplain Builder#jobs(int) jobs} a migrator has by default: four times the
   * processors this JVM may use, at least 4 and at most 16. A scene's work is mostly waiting for
   * the device to flush two small files and the folder, so several scenes per processor keep both
   * the processors and the device busy; on two processors, 8 jobs were measurably faster than 2
   * or 4 and no slower than 16 or 32 (docs/performance.md).
   *
   * @return from 4 to 16
   */
  public static int defaultJobs() {
    return Math.max(4, Math.min(16, 4 * Runtime.getRuntime().availableProcessors()));
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

  /**
   * Returns how many scenes a tree run handles at once.
   *
   * @return from 1 (one after the other, on the calling thread) to {@value #MAX_JOBS}
   */
  public int jobs() {
    return jobs;
  }

  // ---------------------------------------------------------------------------------------------
  // Migrate

  /**
   * Migrates one scene's {@code prompts.json}, on the calling thread. Never throws for a file that
   * cannot be migrated: the result says {@link Outcome#FAILED} and why, and the file is as it was.
   *
   * @param path a scene folder, or its {@code prompts.json} (a missing file gives {@link
   *     Outcome#MISSING}, as does a folder that does not exist)
   * @return what happened; {@link MigrationResult#path()} is the file's absolute path
   * @throws IllegalArgumentException if {@code path} exists and is neither a folder nor named
   *     {@code prompts.json}
   */
  public MigrationResult migrate(Path path) {
    Path sceneDir = SceneIo.sceneDirOf(path);
    return migration.migrate(sceneDir, PromptFiles.file(sceneDir).toString());
  }

  /**
   * Migrates every scene found under {@code root} (class description), up to {@link #jobs()} at a
   * time, telling the listener (on this thread, in the report's order). A failing scene does not
   * stop the others. If the listener throws or this thread is interrupted, no further scene starts,
   * the scenes in flight complete, and the exception propagates.
   *
   * @param root a folder
   * @return the report, with one result per scene folder (and per folder that could not be
   *     listed), paths relative to the root's real path, in the order of the class description
   * @throws NoSuchFileException if {@code root} does not exist
   * @throws java.nio.file.NotDirectoryException if {@code root} is not a folder
   * @throws java.io.InterruptedIOException if this thread was interrupted during the run
   * @throws IOException if the root cannot be read at all
   */
  public MigrationReport migrateTree(Path root) throws IOException {
    Instant start = clock.instant();
    Path real = root.toRealPath();
    List<SceneTree.Entry> entries = SceneTree.find(real, maxDepth);
    listener.started(entries.size());
    List<MigrationResult> results = new ArrayList<>(entries.size());
    ScenePool.run(
        entries,
        jobs,
        e -> {
          IOException error = e.error();
          return error == null
              ? migration.migrate(e.dir(), e.relative(PromptFiles.FILE_NAME))
              : SceneMigration.unlisted(e, error);
        },
        r -> {
          results.add(r.withoutCollection());
          listener.fileDone(r);
        });
    Duration took = Duration.between(start, clock.instant());
    return new MigrationReport(real, dryRun, results, took.isNegative() ? Duration.ZERO : took);
  }

  /**
   * Returns the scene folders under {@code root} (class description), in a tree run's order.
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
    Path sceneDir = SceneIo.sceneDirOf(path);
    return verification.verify(sceneDir, PromptFiles.file(sceneDir).toString());
  }

  /**
   * Verifies every scene found under {@code root}, as {@link #migrateTree(Path)} finds them, up to
   * {@link #jobs()} at a time (the listener is not called).
   *
   * @param root a folder
   * @return one verdict per scene folder (a folder that could not be listed fails), in order,
   *     paths relative to the root's real path
   * @throws NoSuchFileException if {@code root} does not exist
   * @throws java.nio.file.NotDirectoryException if {@code root} is not a folder
   * @throws java.io.InterruptedIOException if this thread was interrupted during the run
   * @throws IOException if the root cannot be read at all
   */
  public List<VerificationResult> verifyTree(Path root) throws IOException {
    List<SceneTree.Entry> entries = SceneTree.find(root.toRealPath(), maxDepth);
    List<VerificationResult> out = new ArrayList<>(entries.size());
    ScenePool.run(
        entries,
        jobs,
        e -> {
          IOException error = e.error();
          return error == null
              ? verification.verify(e.dir(), e.relative(PromptFiles.FILE_NAME))
              : SceneVerification.unlisted(e, error);
        },
        out::add);
    return List.copyOf(out);
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
    return rollback.rollback(SceneIo.sceneDirOf(path));
  }

  /**
   * Configures a {@link PromptMigrator}. Each setting may be made once: a second call of the same
   * setter throws {@link IllegalStateException} (a builder passed through several hands would
   * otherwise silently lose the first choice).
   *
   * <!-- given: MigrationListener progressBar -->
   * <pre>{@code
   * PromptMigrator migrator = PromptMigrator.builder()
   *     .dryRun(true)
   *     .listener(progressBar)
   *     .jobs(4)
   *     .files(AtomicFiles.builder().lockTimeout(Duration.ofSeconds(10)).build())
   *     .build();
   * }</pre>
   *
   * <p>Not thread-safe; the migrators it builds are.
   *
   * <p>Each setting is made at most once: calling a setter a second time is an {@link
   * IllegalStateException} naming the setting and both values (the first would otherwise be lost
   * without a word; docs/decisions.md, "Builders take each setting once").
   */
  public static final class Builder {
    private final SetOnce once = new SetOnce();
    @Nullable private Boolean dryRun;
    @Nullable private MigrationListener listener;
    @Nullable private AtomicFiles files;
    @Nullable private InstantSource clock;
    @Nullable private Integer maxDepth;
    @Nullable private Integer jobs;

    private Builder() {}

    /**
     * Makes the migrator only read (default false): no lock, no write, no removal.
     *
     * @param dryRun true for a dry run
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public Builder dryRun(boolean dryRun) {
      once.set("dryRun", dryRun);
      this.dryRun = dryRun;
      return this;
    }

    /**
     * Sets the listener that hears the progress of tree runs (default {@link
     * MigrationListener#NONE}), called on the thread that called {@link #migrateTree}, in order.
     *
     * @param listener the listener
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public Builder listener(MigrationListener listener) {
      checkNotNull(listener, "listener");
      once.set("listener", listener);
      this.listener = listener;
      return this;
    }

    /**
     * Sets the atomic writer every read and write goes through (default {@link
     * AtomicFiles#create()}): its file-operations seam, lock timeout and clock.
     *
     * @param files the writer
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public Builder files(AtomicFiles files) {
      checkNotNull(files, "files");
      once.set("files", files);
      this.files = files;
      return this;
    }

    /**
     * Sets the clock of a report's {@linkplain MigrationReport#duration() duration} (default {@link
     * InstantSource#system()}; one that goes back gives zero), the migrator's only time source.
     *
     * @param clock the clock; tests pass a fake one
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public Builder clock(InstantSource clock) {
      checkNotNull(clock, "clock");
      once.set("clock", clock);
      this.clock = clock;
      return this;
    }

    /**
     * Sets how deep tree runs look for scene folders below the root (default {@value
     * #DEFAULT_MAX_DEPTH}; 0 is the root only).
     *
     * @param maxDepth from 0 to {@value #MAX_DEPTH_LIMIT}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if it was already set
     */
    public Builder maxDepth(int maxDepth) {
      checkArgument(
          maxDepth >= 0 && maxDepth <= MAX_DEPTH_LIMIT,
          "maxDepth must be in 0..%s: %s",
          MAX_DEPTH_LIMIT,
          maxDepth);
      once.set("maxDepth", maxDepth);
      this.maxDepth = maxDepth;
      return this;
    }

    /**
     * Sets how many scenes a tree run handles at once (default {@link #defaultJobs()}). With 1,
     * scenes are handled one after the other on the calling thread.
     *
     * @param jobs from 1 to {@value #MAX_JOBS}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if it was already set
     */
    public Builder jobs(int jobs) {
      checkArgument(jobs >= 1 && jobs <= MAX_JOBS, "jobs must be in 1..%s: %s", MAX_JOBS, jobs);
      once.set("jobs", jobs);
      this.jobs = jobs;
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
