package io.github.fbtools.storyexec;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.github.fbtools.core.files.SafeNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Where one story execution lives, below the story's folder:
 *
 * <pre>
 * {storyRoot}/jobs/{jobId}/executions/{execId}/
 *     input/source_{inputHash}.png
 *     images/{order:03d}_{scene}_{variant:02d}.png
 *     videos/{order:03d}_{scene}_to_{nextOrder:03d}_{nextScene}.mp4
 *     metadata.json
 * </pre>
 *
 * <p>The record holds the three things that decide the layout (the story's folder, the job id and
 * the exec id); every folder and file is derived from them by the accessor methods. Pure path
 * arithmetic: none of the accessors touches the file system or creates anything ({@link
 * ExecutionInit} creates the folders).
 *
 * <h2>Safety</h2>
 *
 * <ul>
 *   <li>The story root is a directory given by the caller (for example {@code
 *       <stories>/<story_name>}), never the {@code story_dir} stored inside {@code story.json},
 *       which may be stale (the Python reference writes to that stored path, so a moved story
 *       keeps writing to its old place).
 *   <li>{@link #of} takes the story root's real path and resolves every segment below it, one at
 *       a time, with {@link SafeNames}: the job id as {@link SafeNames.Kind#JOB}, the exec id as
 *       {@link SafeNames.Kind#EXEC_ID} (an {@link ExecId} always passes), the literal folder
 *       names as {@link SafeNames.Kind#FILE}. Names are checked before any file-system call; a
 *       segment that already exists as a symbolic link pointing out of its folder (or dangling)
 *       is refused. So nothing in the layout can lie outside the story root.
 *   <li>The canonical constructor checks the names and that the story root is absolute and
 *       normalised, but makes no file-system call; use {@link #of} to also check links.
 * </ul>
 *
 * <!-- given: Path storiesDir; ExecId execId; String hash -->
 * <pre>{@code
 * ExecutionLayout layout = ExecutionLayout.of(storiesDir.resolve("my_story"), "job1", execId);
 * layout.images();              // .../my_story/jobs/job1/executions/20260314_093005_k3x9q1/images
 * layout.sourceImage(hash);     // .../input/source_3f2a9c0d1e4b.png
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param storyRoot the story's folder: absolute and normalised ({@link #of} gives its real path)
 * @param jobId the job id; passes {@link SafeNames.Kind#JOB}
 * @param execId the execution's id
 */
public record ExecutionLayout(Path storyRoot, String jobId, ExecId execId) {

  /** The folder below the story root that holds one folder per job. */
  public static final String JOBS = "jobs";

  /** The folder below a job that holds one folder per execution. */
  public static final String EXECUTIONS = "executions";

  /** The folder of an execution that holds the source image. */
  public static final String INPUT = "input";

  /** The folder of an execution that holds Stage 1's images. */
  public static final String IMAGES = "images";

  /** The folder of an execution that holds Stage 2's videos. */
  public static final String VIDEOS = "videos";

  /** The execution's metadata file. */
  public static final String METADATA = "metadata.json";

  /** The beginning of the source image's file name, before the input hash. */
  public static final String SOURCE_PREFIX = "source_";

  /**
   * Checks the components; makes no file-system call.
   *
   * @param storyRoot the story's folder, absolute and normalised
   * @param jobId the job id
   * @param execId the exec id
   * @throws IllegalArgumentException if {@code storyRoot} is not absolute or not normalised
   * @throws io.github.fbtools.core.InvalidNameException if {@code jobId} is refused
   */
  public ExecutionLayout {
    checkNotNull(storyRoot, "storyRoot");
    checkNotNull(jobId, "jobId");
    checkNotNull(execId, "execId");
    checkArgument(
        storyRoot.isAbsolute() && storyRoot.normalize().equals(storyRoot),
        "storyRoot must be absolute and normalised: %s",
        storyRoot);
    SafeNames.validate(SafeNames.Kind.JOB, jobId);
  }

  /**
   * Computes the layout of one execution and checks that it stays inside the story root (see the
   * class description). Creates nothing.
   *
   * @param storyRoot the story's folder; must exist (it may be a symbolic link)
   * @param jobId the job id
   * @param execId the exec id
   * @return the layout, with the story root's real path
   * @throws io.github.fbtools.core.InvalidNameException if {@code jobId} is refused (before any
   *     file-system call), or an existing segment is a symbolic link that leaves its folder
   * @throws NotDirectoryException if {@code storyRoot} is not a directory
   * @throws IOException if {@code storyRoot} does not exist or cannot be read
   */
  public static ExecutionLayout of(Path storyRoot, String jobId, ExecId execId)
      throws IOException {
    checkNotNull(storyRoot, "storyRoot");
    checkNotNull(jobId, "jobId");
    checkNotNull(execId, "execId");
    SafeNames.validate(SafeNames.Kind.JOB, jobId);
    Path realRoot = realStoryRoot(storyRoot);
    Path executions = executionsUnder(realRoot, jobId);
    SafeNames.resolveUnderRealRoot(executions, SafeNames.Kind.EXEC_ID, execId.value());
    ExecutionLayout layout = new ExecutionLayout(realRoot, jobId, execId);
    Path root = layout.root();
    for (String folder : new String[] {INPUT, IMAGES, VIDEOS, METADATA}) {
      SafeNames.resolveUnderRealRoot(root, SafeNames.Kind.FILE, folder);
    }
    return layout;
  }

  /**
   * Computes and checks {@code {storyRoot}/jobs/{jobId}/executions}, the folder that holds one
   * folder per execution of a job, as {@link #of} does. Creates nothing.
   *
   * @param storyRoot the story's folder; must exist
   * @param jobId the job id
   * @return the folder, below the story root's real path
   * @throws io.github.fbtools.core.InvalidNameException if {@code jobId} is refused (before any
   *     file-system call), or an existing segment is a symbolic link that leaves its folder
   * @throws NotDirectoryException if {@code storyRoot} is not a directory
   * @throws IOException if {@code storyRoot} does not exist or cannot be read
   */
  public static Path executionsDir(Path storyRoot, String jobId) throws IOException {
    checkNotNull(storyRoot, "storyRoot");
    checkNotNull(jobId, "jobId");
    SafeNames.validate(SafeNames.Kind.JOB, jobId);
    return executionsUnder(realStoryRoot(storyRoot), jobId);
  }

  /** The real path of an existing story folder. */
  static Path realStoryRoot(Path storyRoot) throws IOException {
    Path realRoot = storyRoot.toRealPath();
    if (!Files.isDirectory(realRoot)) {
      throw new NotDirectoryException(storyRoot.toString());
    }
    return realRoot;
  }

  /** {@code realRoot/jobs/jobId/executions}, each segment resolved by {@link SafeNames}. */
  private static Path executionsUnder(Path realRoot, String jobId) throws IOException {
    Path jobs = SafeNames.resolveUnderRealRoot(realRoot, SafeNames.Kind.FILE, JOBS);
    Path job = SafeNames.resolveUnderRealRoot(jobs, SafeNames.Kind.JOB, jobId);
    return SafeNames.resolveUnderRealRoot(job, SafeNames.Kind.FILE, EXECUTIONS);
  }

  /**
   * Returns the job's folder, {@code {storyRoot}/jobs/{jobId}}, which is also the Python
   * reference's job root.
   *
   * @return the folder
   */
  public Path jobRoot() {
    return storyRoot.resolve(JOBS).resolve(jobId);
  }

  /**
   * Returns the folder that holds the job's executions, {@code {jobRoot}/executions}.
   *
   * @return the folder
   */
  public Path executionsDir() {
    return jobRoot().resolve(EXECUTIONS);
  }

  /**
   * Returns the execution's folder, {@code {jobRoot}/executions/{execId}}.
   *
   * @return the folder
   */
  public Path root() {
    return executionsDir().resolve(execId.value());
  }

  /**
   * Returns the folder of the source image, {@code {root}/input}.
   *
   * @return the folder
   */
  public Path input() {
    return root().resolve(INPUT);
  }

  /**
   * Returns the folder of Stage 1's images, {@code {root}/images}.
   *
   * @return the folder
   */
  public Path images() {
    return root().resolve(IMAGES);
  }

  /**
   * Returns the folder of Stage 2's videos, {@code {root}/videos}.
   *
   * @return the folder
   */
  public Path videos() {
    return root().resolve(VIDEOS);
  }

  /**
   * Returns the metadata file, {@code {root}/metadata.json}.
   *
   * @return the file
   */
  public Path metadataFile() {
    return root().resolve(METADATA);
  }

  /**
   * Returns the source image of an input, {@code {root}/input/source_{inputHash}.png}.
   *
   * @param inputHash an input hash: {@value TensorHash#INPUT_HASH_LENGTH} lower-case hex
   *     characters (see {@link TensorHash#inputHash(ImageTensor)})
   * @return the file
   * @throws IllegalArgumentException if {@code inputHash} is not such a hash
   */
  public Path sourceImage(String inputHash) {
    return input().resolve(sourceImageName(inputHash));
  }

  /** {@code source_{hash}.png}, checking the hash. */
  static String sourceImageName(String inputHash) {
    checkInputHash(inputHash);
    return SOURCE_PREFIX + inputHash + ".png";
  }

  /** Checks that a string is an input hash: 12 lower-case hex characters. */
  static String checkInputHash(String inputHash) {
    checkNotNull(inputHash, "inputHash");
    checkArgument(
        isInputHash(inputHash),
        "inputHash must be %s lower-case hex characters: %s",
        TensorHash.INPUT_HASH_LENGTH,
        io.github.fbtools.core.InvalidNameException.echo(inputHash));
    return inputHash;
  }

  /** True if {@code s} is 12 lower-case hex characters. */
  static boolean isInputHash(String s) {
    if (s.length() != TensorHash.INPUT_HASH_LENGTH) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }
}
