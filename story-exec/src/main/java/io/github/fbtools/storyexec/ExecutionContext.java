package io.github.fbtools.storyexec;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.github.fbtools.core.json.FormatException;
import io.github.fbtools.core.json.FbJson;
import io.github.fbtools.core.files.AtomicFiles;
import io.github.fbtools.core.files.FileKind;
import io.github.fbtools.core.json.JsonFields;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * One story execution, as {@link ExecutionInit} created it and its {@code metadata.json}
 * records it: the {@link ExecutionLayout} (exec id, job id and folders), the input hash, the
 * story's name, when it was created and how many scenes the story had.
 *
 * <h2>metadata.json</h2>
 *
 * <p>Keys in this order: {@code exec_id}, {@code input_hash} (12 lower-case hex characters, see
 * {@link TensorHash#inputHash(ImageTensor)}), {@code timestamp} (ISO-8601 in UTC, for example
 * {@code 2026-03-14T09:30:05Z}), {@code story_name}, {@code scene_count}, then {@code job_id}
 * (an addition to the plan's five keys, so the file says which job it belongs to). Written by
 * {@link #toJsonObject()} through the library's JSON writer; read by {@link #open}, which ignores
 * keys it does not know and accepts a file without {@code job_id}.
 *
 * <!-- given: Path storyRoot; String execIdText -->
 * <pre>{@code
 * // Stage 2, in another process: find the execution Stage 1 made.
 * ExecutionContext exec = ExecutionContext.open(storyRoot, "job1", ExecId.parse(execIdText));
 * CollectedImages images = StoryImageCollector.collect(exec.imagesDir());
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param layout the execution's folders
 * @param inputHash the input hash, 12 lower-case hex characters
 * @param storyName the story's name, as recorded (informational)
 * @param timestamp when the execution was created
 * @param sceneCount how many scenes the story had, at least 0
 */
public record ExecutionContext(
    ExecutionLayout layout, String inputHash, String storyName, Instant timestamp, int sceneCount) {

  /**
   * The kind of {@code metadata.json}, whose limits (1 MiB) {@link #open} and {@link
   * ExecutionInit} apply: the one size limit of the file.
   */
  static final FileKind KIND = FileKind.EXECUTION_METADATA;

  private static final AtomicFiles READER = AtomicFiles.create();

  /**
   * Checks the components.
   *
   * @param layout the execution's folders
   * @param inputHash the input hash
   * @param storyName the story's name
   * @param timestamp when the execution was created
   * @param sceneCount how many scenes the story had
   * @throws IllegalArgumentException if {@code inputHash} is not 12 lower-case hex characters or
   *     {@code sceneCount} is negative
   */
  public ExecutionContext {
    checkNotNull(layout, "layout");
    checkNotNull(inputHash, "inputHash");
    checkNotNull(storyName, "storyName");
    checkNotNull(timestamp, "timestamp");
    ExecutionLayout.checkInputHash(inputHash);
    checkArgument(sceneCount >= 0, "sceneCount must be >= 0: %s", sceneCount);
  }

  /**
   * Reads the execution of an exec id from its {@code metadata.json}, for example in Stage 2.
   * Reads only; creates nothing.
   *
   * @param storyRoot the story's folder
   * @param jobId the job id
   * @param execId the exec id
   * @return the execution
   * @throws io.github.fbtools.core.InvalidNameException if the job id is refused, or a folder of
   *     the layout is a symbolic link out of its folder
   * @throws NoSuchFileException if the execution (its {@code metadata.json}) does not exist
   * @throws FormatException if {@code metadata.json} is not valid, names another exec id or job
   *     id, or is larger than 1 MiB
   * @throws io.github.fbtools.core.files.UnsafeLinkException if {@code metadata.json} is a
   *     symbolic link out of its folder
   * @throws IOException if a file cannot be read
   */
  public static ExecutionContext open(Path storyRoot, String jobId, ExecId execId)
      throws IOException {
    ExecutionLayout layout = ExecutionLayout.of(storyRoot, jobId, execId);
    Optional<ExecutionContext> context =
        parse(layout, READER.readIfExists(layout.metadataFile(), KIND.maxFileBytes()));
    if (context.isEmpty()) {
      throw new NoSuchFileException(
          layout.metadataFile().toString(), null, "no execution " + execId + " in job " + jobId);
    }
    return context.get();
  }

  /**
   * Parses the bytes of {@code layout}'s metadata file, as read by {@link
   * AtomicFiles#readIfExists} with {@link #KIND}'s {@link FileKind#maxFileBytes()}; empty if
   * there were none.
   */
  static Optional<ExecutionContext> parse(ExecutionLayout layout, @Nullable byte[] bytes) {
    Path file = layout.metadataFile();
    if (bytes == null) {
      return Optional.empty();
    }
    if (bytes.length > KIND.maxFileBytes()) {
      throw FormatException.at(
              "",
              "file is larger than "
                  + KIND.maxBytes()
                  + " bytes, the limit of a "
                  + KIND.name()
                  + " file (FileKind)")
          .inFile(file);
    }
    try {
      return Optional.of(fromJsonObject(layout, FbJson.parseObject(bytes, KIND.limits())));
    } catch (FormatException e) {
      throw e.inFile(file);
    }
  }

  /** Reads a parsed {@code metadata.json} of {@code layout}'s execution. */
  static ExecutionContext fromJsonObject(ExecutionLayout layout, Map<String, ?> doc) {
    String execId = string(doc, "exec_id");
    if (!execId.equals(layout.execId().value())) {
      throw FormatException.at(
          "/exec_id", "names exec id " + FbJson.writeCompact(execId) + ", not " + layout.execId());
    }
    String job = JsonFields.optionalString(doc, "", "job_id");
    if (job != null && !job.equals(layout.jobId())) {
      throw FormatException.at(
          "/job_id", "names job id " + FbJson.writeCompact(job) + ", not " + layout.jobId());
    }
    String hash = string(doc, "input_hash");
    if (!ExecutionLayout.isInputHash(hash)) {
      throw FormatException.at(
          "/input_hash", "must be 12 lower-case hex characters: " + FbJson.writeCompact(hash));
    }
    Instant timestamp;
    String time = string(doc, "timestamp");
    try {
      timestamp = DateTimeFormatter.ISO_INSTANT.parse(time, Instant::from);
    } catch (DateTimeParseException e) {
      throw new FormatException(
          null,
          0,
          0,
          "/timestamp",
          "must be an ISO-8601 UTC time such as 2026-03-14T09:30:05Z: " + FbJson.writeCompact(time),
          e);
    }
    Long count = JsonFields.optionalLong(doc, "", "scene_count");
    if (count == null) {
      throw JsonFields.required("", "scene_count");
    }
    if (count < 0 || count > Integer.MAX_VALUE) {
      throw FormatException.at(
          "/scene_count", "scene_count must be in 0.." + Integer.MAX_VALUE + ": " + count);
    }
    return new ExecutionContext(
        layout, hash, string(doc, "story_name"), timestamp, (int) (long) count);
  }

  /** Every field of {@code metadata.json} is required: missing or null is "is required". */
  private static String string(Map<String, ?> doc, String key) {
    return JsonFields.string(doc, "", key, JsonFields.Nulls.REQUIRED, "");
  }

  /**
   * Returns the content of {@code metadata.json}, keys in the order of the class description.
   *
   * @return an unmodifiable insertion-ordered map
   */
  public Map<String, Object> toJsonObject() {
    LinkedHashMap<String, Object> m = new LinkedHashMap<>();
    m.put("exec_id", layout.execId().value());
    m.put("input_hash", inputHash);
    m.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(timestamp));
    m.put("story_name", storyName);
    m.put("scene_count", (long) sceneCount);
    m.put("job_id", layout.jobId());
    return Collections.unmodifiableMap(m);
  }

  /**
   * Returns the story's folder (its real path), a natural output root for {@link
   * StoryPathResolver}.
   *
   * @return {@code layout().storyRoot()}
   */
  public Path storyRoot() {
    return layout.storyRoot();
  }

  /**
   * Returns the exec id.
   *
   * @return {@code layout().execId()}
   */
  public ExecId execId() {
    return layout.execId();
  }

  /**
   * Returns the job id.
   *
   * @return {@code layout().jobId()}
   */
  public String jobId() {
    return layout.jobId();
  }

  /**
   * Returns the execution's folder.
   *
   * @return {@code layout().root()}
   */
  public Path root() {
    return layout.root();
  }

  /**
   * Returns the folder of the source image.
   *
   * @return {@code layout().input()}
   */
  public Path inputDir() {
    return layout.input();
  }

  /**
   * Returns the folder of Stage 1's images.
   *
   * @return {@code layout().images()}
   */
  public Path imagesDir() {
    return layout.images();
  }

  /**
   * Returns the folder of Stage 2's videos.
   *
   * @return {@code layout().videos()}
   */
  public Path videosDir() {
    return layout.videos();
  }

  /**
   * Returns the source image, {@code input/source_{inputHash}.png}.
   *
   * @return the file
   */
  public Path sourceImage() {
    return layout.sourceImage(inputHash);
  }
}
