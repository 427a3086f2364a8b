package io.github.fbtools.storyexec;

import io.github.fbtools.core.json.SetOnce;
import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.github.fbtools.core.files.AtomicFiles;
import io.github.fbtools.core.files.SafeNames;
import io.github.fbtools.core.json.FbJson;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import javax.annotation.Nullable;

/**
 * Starts a story execution (Stage 1): creates its folders, saves the source image and records
 * {@code metadata.json}, and returns the {@link ExecutionContext} that Stage 1 and Stage 2 work
 * with. The layout is {@link ExecutionLayout}'s:
 *
 * <pre>
 * {storyRoot}/jobs/{jobId}/executions/{execId}/{input,images,videos}/ and metadata.json
 * </pre>
 *
 * <h2>Steps</h2>
 *
 * <ol>
 *   <li>Check the arguments (job id, scene count, the input) and compute the input hash ({@link
 *       TensorHash#inputHash(ImageTensor)} of the tensor quantised to 8 bits as it is saved, or
 *       of the decoded PNG) before any file-system call.
 *   <li>Resolve the layout below the story root's real path ({@link ExecutionLayout#of}: every
 *       name checked by {@link SafeNames}, no symbolic link out of the story) and create {@code
 *       jobs/{jobId}/executions} with {@link AtomicFiles#createDirectories}.
 *   <li>Without an exec id, claim a new one with {@link #claimExecId} (its folder is created
 *       exclusively, through the atomic writer, so two runs never share one); with one, use it as
 *       given.
 *   <li>Under the lock of {@code metadata.json}: if the execution already records an input, the
 *       same input reuses it (nothing is rewritten; a missing folder or source image is added)
 *       and another input is refused with {@link ExecutionConflictException}, with nothing
 *       written or overwritten. Otherwise create {@code input}, {@code images} and {@code
 *       videos}, publish {@code input/source_{hash}.png} exclusively (an existing one is kept),
 *       and write {@code metadata.json} last, atomically, so an execution with metadata is
 *       complete. A folder left by a crash before its metadata was written is completed by the
 *       next run with the same input, and refused to a different one.
 * </ol>
 *
 * <p>Re-running with the same exec id and input is idempotent: the returned context is the
 * recorded one (its time stamp, story name and scene count are those of the first run).
 *
 * <p>The source image: a tensor (batch 1) is saved as its 8-bit PNG ({@link TensorPng#encode});
 * PNG bytes are saved as given. The hash is always of the image as saved: for a tensor, of the
 * tensor quantised to 8 bits ({@link TensorPng#quantized}, the values the PNG holds), not of its
 * unquantised values; for PNG bytes, of {@link TensorPng#decode}'s tensor, which equals ComfyUI's
 * tensor of the same 8-bit RGB image. So hashing the saved {@code source_{hash}.png} (for example
 * with {@code fbtools hash}) gives the execution's hash, and a tensor and its PNG give the same
 * hash. (A tensor that is not a multiple of 1/255, such as a model's output, hashes as the 8-bit
 * image it becomes; {@code TensorHash.inputHash(tensor)} is still the hash of its raw values.)
 *
 * <!-- given: Path storyRoot; ImageTensor sourceImage -->
 * <pre>{@code
 * ExecutionInit init = ExecutionInit.create();
 * ExecutionContext exec = init.init(storyRoot, "my_story", "job1", null, sourceImage, 5);
 * exec.execId();      // 20260314_093005_k3x9q1
 * exec.imagesDir();   // .../jobs/job1/executions/20260314_093005_k3x9q1/images
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe if the random source is (the default, a {@link
 * SecureRandom}, is); concurrent runs with the same exec id, in threads or processes, are
 * serialised by the metadata file's lock.
 */
public final class ExecutionInit {

  /** How many ids {@link #claimExecId} draws before it gives up: 100. */
  public static final int MAX_ID_ATTEMPTS = 100;

  private static final SecureRandom DEFAULT_RANDOM = new SecureRandom();

  private final Clock clock;
  private final RandomGenerator random;
  private final AtomicFiles files;

  private ExecutionInit(Builder b) {
    this.clock = b.clock != null ? b.clock : Clock.systemUTC();
    this.random = b.random != null ? b.random : DEFAULT_RANDOM;
    this.files = b.files != null ? b.files : AtomicFiles.create();
  }

  /**
   * Returns an initialiser with the system UTC clock, a {@link SecureRandom} and {@link
   * AtomicFiles#create()}.
   *
   * @return the initialiser
   */
  public static ExecutionInit create() {
    return builder().build();
  }

  /**
   * Returns a builder, to set the clock, the random source or the atomic writer.
   *
   * @return a builder with the defaults of {@link #create()}
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts (or reuses) an execution whose input is an image tensor.
   *
   * @param storyRoot the story's folder, an existing directory given by the caller (never the
   *     {@code story_dir} stored in {@code story.json}, which may be stale)
   * @param storyName the story's name, recorded in {@code metadata.json}
   * @param jobId the job id; must pass {@link SafeNames.Kind#JOB}
   * @param execId the exec id to use, or null to generate an unused one
   * @param input the source image, batch 1
   * @param sceneCount how many scenes the story has, at least 0
   * @return the execution
   * @throws io.github.fbtools.core.InvalidNameException if the job id is refused (before any
   *     file-system call) or a segment of the layout is a symbolic link out of its folder
   * @throws IllegalArgumentException if the batch is not 1 or {@code sceneCount} is negative
   * @throws ExecutionConflictException if the execution exists with another input (nothing
   *     written)
   * @throws io.github.fbtools.core.json.FormatException if the execution's {@code metadata.json} is
   *     damaged (nothing written)
   * @throws IOException if the story root does not exist, or a folder or file cannot be created
   */
  public ExecutionContext init(
      Path storyRoot,
      String storyName,
      String jobId,
      @Nullable ExecId execId,
      ImageTensor input,
      int sceneCount)
      throws IOException {
    checkNotNull(input, "input");
    checkArgs(storyRoot, storyName, jobId, sceneCount);
    checkArgument(input.batch() == 1, "input must be one image (batch 1): %s", input.batch());
    return init(
        storyRoot,
        storyName,
        jobId,
        execId,
        TensorHash.inputHash(TensorPng.quantized(input)),
        TensorPng.encode(input),
        sceneCount);
  }

  /**
   * Starts (or reuses) an execution whose input is a PNG file's bytes.
   *
   * @param storyRoot the story's folder, an existing directory given by the caller
   * @param storyName the story's name, recorded in {@code metadata.json}
   * @param jobId the job id; must pass {@link SafeNames.Kind#JOB}
   * @param execId the exec id to use, or null to generate an unused one
   * @param inputPng the source image as PNG bytes, saved as given
   * @param sceneCount how many scenes the story has, at least 0
   * @return the execution
   * @throws io.github.fbtools.core.InvalidNameException if the job id is refused (before any
   *     file-system call) or a segment of the layout is a symbolic link out of its folder
   * @throws IllegalArgumentException if the bytes are not a readable PNG or {@code sceneCount} is
   *     negative
   * @throws ExecutionConflictException if the execution exists with another input (nothing
   *     written)
   * @throws io.github.fbtools.core.json.FormatException if the execution's {@code metadata.json} is
   *     damaged (nothing written)
   * @throws IOException if the story root does not exist, or a folder or file cannot be created
   */
  public ExecutionContext init(
      Path storyRoot,
      String storyName,
      String jobId,
      @Nullable ExecId execId,
      byte[] inputPng,
      int sceneCount)
      throws IOException {
    checkNotNull(inputPng, "inputPng");
    checkArgs(storyRoot, storyName, jobId, sceneCount);
    ImageTensor decoded;
    try {
      decoded = TensorPng.decode(inputPng);
    } catch (IOException e) {
      throw new IllegalArgumentException("inputPng is not a readable PNG: " + e.getMessage(), e);
    }
    return init(
        storyRoot,
        storyName,
        jobId,
        execId,
        TensorHash.inputHash(decoded),
        inputPng.clone(),
        sceneCount);
  }

  private static void checkArgs(Path storyRoot, String storyName, String jobId, int sceneCount) {
    checkNotNull(storyRoot, "storyRoot");
    checkNotNull(storyName, "storyName");
    checkNotNull(jobId, "jobId");
    SafeNames.validate(SafeNames.Kind.JOB, jobId);
    checkArgument(sceneCount >= 0, "sceneCount must be >= 0: %s", sceneCount);
  }

  /**
   * Refuses, before any folder is made, a {@code metadata.json} over its {@link
   * io.github.fbtools.core.files.FileKind#EXECUTION_METADATA} limits (only a huge story name can
   * make it so). A stand-in id and time stamp of the generated forms have the lengths of the ones
   * that will be written (the injected clock and random source are not used), so the bytes
   * checked have the length of the bytes written.
   */
  private static void checkMetadataSize(
      Path storyRoot,
      String storyName,
      String jobId,
      @Nullable ExecId execId,
      String hash,
      int sceneCount)
      throws IOException {
    Instant now = Instant.EPOCH;
    ExecId probeId =
        execId != null
            ? execId
            : ExecId.generate(Clock.fixed(now, ZoneOffset.UTC), new SplittableRandom(0));
    ExecutionLayout probe = ExecutionLayout.of(storyRoot, jobId, probeId);
    byte[] metadata =
        FbJson.writeBytes(
            new ExecutionContext(probe, hash, storyName, now, sceneCount).toJsonObject());
    ExecutionContext.KIND.checkWritable(probe.metadataFile(), metadata);
  }

  private ExecutionContext init(
      Path storyRoot,
      String storyName,
      String jobId,
      @Nullable ExecId execId,
      String hash,
      byte[] png,
      int sceneCount)
      throws IOException {
    checkMetadataSize(storyRoot, storyName, jobId, execId, hash, sceneCount);
    ExecId id;
    if (execId != null) {
      files.createDirectories(ExecutionLayout.executionsDir(storyRoot, jobId));
      id = execId;
    } else {
      id = claimExecId(storyRoot, jobId);
    }
    ExecutionLayout layout = ExecutionLayout.of(storyRoot, jobId, id);
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    files.createDirectories(layout.root());
    return files.underLock(
        layout.metadataFile(),
        locked -> {
          Optional<ExecutionContext> recorded =
              ExecutionContext.parse(
                  layout,
                  locked.readIfExists(
                      layout.metadataFile(), ExecutionContext.KIND.maxFileBytes()));
          String existing =
              recorded.isPresent() ? recorded.get().inputHash() : otherSource(layout, hash);
          if (existing != null && !existing.equals(hash)) {
            throw new ExecutionConflictException(id, existing, hash, layout.root());
          }
          files.createDirectories(layout.input());
          files.createDirectories(layout.images());
          files.createDirectories(layout.videos());
          Path source = layout.sourceImage(hash);
          if (!Files.exists(source)) {
            try {
              locked.publishExclusive(source, png);
            } catch (FileAlreadyExistsException raced) {
              // Written by someone else in between: the name holds the same hash.
            }
          }
          if (recorded.isPresent()) {
            return recorded.get();
          }
          ExecutionContext context = new ExecutionContext(layout, hash, storyName, now, sceneCount);
          byte[] metadata = FbJson.writeBytes(context.toJsonObject());
          ExecutionContext.KIND.checkWritable(layout.metadataFile(), metadata);
          locked.write(metadata);
          return context;
        });
  }

  /**
   * Claims a new execution of a job: draws ids ({@link ExecId#generate(Clock, RandomGenerator)}
   * with this initialiser's clock and random source) until one's folder {@code
   * {storyRoot}/jobs/{jobId}/executions/{execId}} can be created, and creates it. Each attempt
   * creates the folder through the atomic writer ({@link AtomicFiles#createDirectory}: {@code
   * mkdir}, which fails if the folder exists, then a flush of {@code executions} so that the claim
   * survives a power loss); a taken id is skipped. So an existing folder is never reused, and two
   * concurrent callers, threads or processes, never get the same one. {@link #init} calls this
   * when it is given no exec id; call it directly to reserve an id before the input is known.
   *
   * @param storyRoot the story's folder, an existing directory
   * @param jobId the job id; must pass {@link SafeNames.Kind#JOB}
   * @return the id; its folder now exists, empty, and was created by this call
   * @throws io.github.fbtools.core.InvalidNameException if the job id is refused (before any
   *     file-system call) or a segment of the layout is a symbolic link out of its folder
   * @throws IOException if the story root does not exist, a folder cannot be created, or {@value
   *     #MAX_ID_ATTEMPTS} ids in a row were taken
   */
  public ExecId claimExecId(Path storyRoot, String jobId) throws IOException {
    checkNotNull(storyRoot, "storyRoot");
    checkNotNull(jobId, "jobId");
    SafeNames.validate(SafeNames.Kind.JOB, jobId);
    Path executions = ExecutionLayout.executionsDir(storyRoot, jobId);
    files.createDirectories(executions);
    for (int attempt = 0; attempt < MAX_ID_ATTEMPTS; attempt++) {
      ExecId id = ExecId.generate(clock, random);
      try {
        files.createDirectory(ExecutionLayout.of(storyRoot, jobId, id).root());
        return id;
      } catch (FileAlreadyExistsException taken) {
        // Someone holds this id already: draw another.
      }
    }
    throw new IOException(
        "no unused exec id in " + executions + " after " + MAX_ID_ATTEMPTS + " attempts");
  }

  /**
   * The hash of a source image in the input folder other than {@code hash}'s, or {@code hash}
   * itself if only that one is there, or null if there is none.
   */
  @Nullable
  private static String otherSource(ExecutionLayout layout, String hash) throws IOException {
    String found = null;
    try (DirectoryStream<Path> entries =
        Files.newDirectoryStream(layout.input(), ExecutionLayout.SOURCE_PREFIX + "*.png")) {
      for (Path entry : entries) {
        Path fileName = entry.getFileName();
        String name = fileName == null ? "" : fileName.toString();
        String h =
            name.substring(ExecutionLayout.SOURCE_PREFIX.length(), name.length() - ".png".length());
        if (ExecutionLayout.isInputHash(h)) {
          if (!h.equals(hash)) {
            return h;
          }
          found = h;
        }
      }
    } catch (NoSuchFileException e) {
      return null;
    }
    return found;
  }

  /**
   * Options of an {@link ExecutionInit}. Each setting may be made once: a second call of the same
   * setter throws {@link IllegalStateException}. Not thread-safe.
   *
   * <p>Each setting is made at most once: calling a setter a second time is an {@link
   * IllegalStateException} naming the setting and both values (the first would otherwise be lost
   * without a word; docs/decisions.md, "Builders take each setting once").
   */
  public static final class Builder {
    private final SetOnce once = new SetOnce();
    @Nullable private Clock clock;
    @Nullable private RandomGenerator random;
    @Nullable private AtomicFiles files;

    private Builder() {}

    /**
     * Sets the clock of generated exec ids and of {@code metadata.json}'s time stamp (truncated
     * to seconds, written in UTC); default {@link Clock#systemUTC()}.
     *
     * @param clock the clock
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public Builder clock(Clock clock) {
      checkNotNull(clock, "clock");
      once.set("clock", clock);
      this.clock = clock;
      return this;
    }

    /**
     * Sets the random source of generated exec ids (default: a {@link SecureRandom}).
     *
     * @param random the source
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public Builder random(RandomGenerator random) {
      checkNotNull(random, "random");
      once.set("random", random);
      this.random = random;
      return this;
    }

    /**
     * Sets the atomic writer that creates the folders and writes the files (default {@link
     * AtomicFiles#create()}).
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
     * Builds the initialiser.
     *
     * @return the initialiser
     */
    public ExecutionInit build() {
      return new ExecutionInit(this);
    }
  }
}
