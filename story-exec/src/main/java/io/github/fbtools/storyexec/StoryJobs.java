package io.github.fbtools.storyexec;

import static com.google.common.base.Preconditions.checkNotNull;

import io.github.fbtools.core.PythonText;
import io.github.fbtools.core.files.SafeNames;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The jobs of a story, {@code {storyRoot}/jobs/{jobId}}: the reference's {@code list_job_ids} and
 * its generated job ids.
 *
 * <!-- given: Path storyRoot -->
 * <pre>{@code
 * List<String> jobs = StoryJobs.list(storyRoot);                 // newest first
 * String fresh = StoryJobs.newJobId(storyRoot, new SecureRandom()); // "3f9a0c1b7e42"
 * }</pre>
 *
 * <p>This class is stateless and thread-safe.
 */
public final class StoryJobs {
  /** How many random ids {@link #newJobId} tries before it gives up, as the reference does. */
  public static final int MAX_ID_ATTEMPTS = 100;

  private static final Comparator<Job> NEWEST_FIRST =
      Comparator.comparing(Job::modified, Comparator.reverseOrder())
          .thenComparing(Job::name, PythonText.CODE_POINT_ORDER);

  private record Job(String name, FileTime modified) {}

  private StoryJobs() {}

  /**
   * Lists a story's jobs as the reference's {@code list_job_ids} does: the folders in {@code
   * {storyRoot}/jobs}, newest modification time first (equal times by name, in code point order).
   * Files are ignored, and so are symbolic links and folders whose names are not valid job ids
   * ({@link SafeNames.Kind#JOB}), which no job could use. A story without a {@code jobs} folder
   * has none.
   *
   * @param storyRoot the story's folder
   * @return the job ids, newest first; empty if there is no {@code jobs} folder
   * @throws NotDirectoryException if {@code storyRoot} or its {@code jobs} is not a folder
   * @throws IOException if {@code storyRoot} does not exist or a folder cannot be read
   */
  public static List<String> list(Path storyRoot) throws IOException {
    checkNotNull(storyRoot, "storyRoot");
    Path jobs =
        SafeNames.resolveUnderRealRoot(
            ExecutionLayout.realStoryRoot(storyRoot), SafeNames.Kind.FILE, ExecutionLayout.JOBS);
    List<Job> found = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(jobs)) {
      for (Path entry : entries) {
        Path fileName = entry.getFileName();
        String name = fileName == null ? "" : fileName.toString();
        if (!SafeNames.isValid(SafeNames.Kind.JOB, name)) {
          continue;
        }
        BasicFileAttributes a;
        try {
          a = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
          continue; // removed meanwhile
        }
        if (a.isDirectory()) {
          found.add(new Job(name, a.lastModifiedTime()));
        }
      }
    } catch (NoSuchFileException e) {
      return List.of();
    }
    found.sort(NEWEST_FIRST);
    List<String> names = new ArrayList<>(found.size());
    for (Job j : found) {
      names.add(j.name());
    }
    return List.copyOf(names);
  }

  /**
   * Generates a job id as the reference does ({@code uuid4().hex[:12]}): 12 lower-case hex
   * characters, drawn again (up to {@value #MAX_ID_ATTEMPTS} times) while {@code
   * {storyRoot}/jobs/{id}} exists.
   *
   * @param storyRoot the story's folder
   * @param random the source of randomness (inject a seeded one in tests)
   * @return a job id no folder of the story uses yet
   * @throws FileAlreadyExistsException if every id drawn was taken
   * @throws IOException if {@code storyRoot} does not exist or cannot be read
   */
  public static String newJobId(Path storyRoot, RandomGenerator random) throws IOException {
    checkNotNull(storyRoot, "storyRoot");
    checkNotNull(random, "random");
    Path jobs =
        SafeNames.resolveUnderRealRoot(
            ExecutionLayout.realStoryRoot(storyRoot), SafeNames.Kind.FILE, ExecutionLayout.JOBS);
    for (int attempt = 0; attempt < MAX_ID_ATTEMPTS; attempt++) {
      String id = randomId(random);
      if (!Files.exists(jobs.resolve(id), LinkOption.NOFOLLOW_LINKS)) {
        return id;
      }
    }
    throw new FileAlreadyExistsException(
        jobs.toString(),
        null,
        "no free job id after " + MAX_ID_ATTEMPTS + " random ones; give a job id");
  }

  /** 12 lower-case hex characters: 48 random bits. */
  static String randomId(RandomGenerator random) {
    return HexFormat.of().toHexDigits(random.nextLong()).substring(4);
  }
}
