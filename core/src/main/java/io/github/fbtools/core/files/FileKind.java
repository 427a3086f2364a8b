package io.github.fbtools.core.files;

import static com.google.common.base.Preconditions.checkNotNull;

import io.github.fbtools.core.Libber;
import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.StoryInfo;
import io.github.fbtools.core.json.FbJson;
import io.github.fbtools.core.json.FormatException;
import java.nio.file.Path;
import java.util.List;

/**
 * The kinds of JSON file the library reads and writes, each with one size limit that every reader
 * and every writer of that kind applies: a file over the limit is refused when read ({@link
 * io.github.fbtools.core.json.FormatException}), and a write whose bytes would be over it, or would
 * not parse back within it, fails with {@link FileTooLargeException} before anything is written.
 * So the library never writes a file that it cannot read back.
 *
 * <table>
 *   <caption>The limits</caption>
 *   <tr><th>kind</th><th>files</th><th>largest file</th><th>most JSON tokens</th></tr>
 *   <tr><td>{@link #PROMPTS}</td><td>{@code prompts.json}, {@code prompts.json.v1.backup},
 *       {@code prompts.json.v2.rollback}</td><td>32 MiB</td><td>4,000,000</td></tr>
 *   <tr><td>{@link #LIBBER}</td><td>{@code <libbers>/<name>.json}</td><td>16 MiB</td>
 *       <td>2,000,000</td></tr>
 *   <tr><td>{@link #SCENE_METADATA}</td><td>{@code scene.json}</td><td>8 MiB</td>
 *       <td>1,000,000</td></tr>
 *   <tr><td>{@link #LORAS}</td><td>{@code lora_stack.json}, {@code loras.json}</td>
 *       <td>8 MiB</td><td>1,000,000</td></tr>
 *   <tr><td>{@link #POSE}</td><td>{@code pose.json}</td><td>16 MiB</td><td>2,000,000</td></tr>
 *   <tr><td>{@link #STORY}</td><td>{@code story.json}, {@code story.json.v1.backup}</td>
 *       <td>8 MiB</td><td>1,000,000</td></tr>
 *   <tr><td>{@link #EXECUTION_METADATA}</td><td>a story execution's {@code metadata.json}
 *       ({@code fbtools-story-exec})</td><td>1 MiB</td><td>1,000,000</td></tr>
 * </table>
 *
 * <p>A byte-order mark does not count. Every JSON value, object key, and start and end of an
 * object or array is one token. The other parser limits ({@link FbJson#MAX_NESTING_DEPTH},
 * {@link FbJson#MAX_STRING_LENGTH}, {@link FbJson#MAX_NAME_LENGTH}, {@link
 * FbJson#MAX_NUMBER_LENGTH}) are the same for every kind, and a write is checked against them too.
 *
 * <p>Why these numbers: the Python extension has no limits, so they are set well above what it
 * writes in practice. A version 2 {@code prompts.json} takes about 280 bytes and 11 tokens per
 * prompt (each prompt is an object, and the {@code v1_backup} of an upgraded file repeats the
 * original): a 2.9 MB version 1 file of 31,000 prompts becomes 8.6 MB and about 350,000 tokens,
 * and 32 MiB holds about 120,000 prompts. A version 1 file too large to be upgraded within the
 * limit is refused by the migration before anything is written, and is left as it is.
 *
 * <p>A writer in another module of the library checks its bytes with {@link #checkWritable}
 * before it writes anything, as the writers of this package do.
 *
 * <!-- given: Path file -->
 * <pre>{@code
 * if (Files.size(file) > FileKind.PROMPTS.maxBytes()) {
 *   System.err.println(file + " is over " + FileKind.PROMPTS.maxBytes() + " bytes");
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public enum FileKind {
  /** A scene's prompts: {@code prompts.json} and the copies made of it. */
  PROMPTS(
      PromptCollection.JSON_LIMITS,
      List.of(
          PromptFiles.FILE_NAME,
          PromptFiles.V1_BACKUP_NAME,
          PromptFiles.FILE_NAME + ".v2.rollback")),
  /** A Libber file, {@code <libbers>/<name>.json}. */
  LIBBER(Libber.JSON_LIMITS, List.of("<name>.json")),
  /** A scene's metadata, {@code scene.json}. */
  SCENE_METADATA(8 << 20, 1_000_000, List.of(SceneFiles.METADATA_FILE)),
  /** A scene's LoRAs: {@code lora_stack.json} and the legacy {@code loras.json}. */
  LORAS(8 << 20, 1_000_000, List.of(SceneFiles.LORA_STACK_FILE, SceneFiles.LEGACY_LORAS_FILE)),
  /** A scene's pose, {@code pose.json}. */
  POSE(16 << 20, 2_000_000, List.of(SceneFiles.POSE_FILE)),
  /** A story, {@code story.json}, and the copy of its version 1 file. */
  STORY(StoryInfo.JSON_LIMITS, List.of(StoryFiles.FILE_NAME, StoryFiles.FILE_NAME + ".v1.backup")),
  /**
   * A story execution's {@code metadata.json} ({@code jobs/<job>/executions/<exec>/metadata.json},
   * written and read by {@code fbtools-story-exec}); 1 MiB, far above its six short fields.
   */
  EXECUTION_METADATA(1 << 20, 1_000_000, List.of("metadata.json"));

  private final FbJson.Limits limits;
  private final List<String> fileNames;

  FileKind(int maxBytes, int maxTokens, List<String> fileNames) {
    this(new FbJson.Limits(maxBytes, maxTokens), fileNames);
  }

  /** A kind whose value type reads its documents itself, within the limits it declares. */
  FileKind(FbJson.Limits limits, List<String> fileNames) {
    this.limits = limits;
    this.fileNames = fileNames;
  }

  /**
   * Returns the largest file of this kind, in bytes (a byte-order mark not counted).
   *
   * @return the limit
   */
  public int maxBytes() {
    return limits.maxDocumentLength();
  }

  /**
   * Returns the most JSON tokens a file of this kind may hold.
   *
   * @return the limit
   */
  public int maxTokens() {
    return limits.maxTokenCount();
  }

  /**
   * Returns the limits as the parser takes them.
   *
   * @return the size and token limits
   */
  public FbJson.Limits limits() {
    return limits;
  }

  /**
   * Returns the names of the files of this kind, for messages and documentation.
   *
   * @return the names ({@code <name>.json} for a Libber)
   */
  public List<String> fileNames() {
    return fileNames;
  }

  /**
   * Refuses to write {@code bytes} as {@code file}, a file of this kind, if the library could not
   * read them back: over this kind's size or token limit, or over a parser limit such as the
   * nesting depth. Every writer of the kind calls it before it writes anything.
   *
   * @param file the file that would be written, for the message
   * @param bytes the complete content that would be written
   * @throws FileTooLargeException if so; nothing has been written by this check
   */
  public void checkWritable(Path file, byte[] bytes) throws FileTooLargeException {
    checkNotNull(file, "file");
    checkNotNull(bytes, "bytes");
    if (bytes.length > maxBytes()) {
      throw new FileTooLargeException(
          file, this, "the file would be " + bytes.length + " bytes, over the limit of its kind");
    }
    try {
      FbJson.checkReadable(bytes, limits);
    } catch (FormatException e) {
      FileTooLargeException tooLarge =
          new FileTooLargeException(
              file, this, "the file would not be readable: " + e.getMessage());
      tooLarge.initCause(e);
      throw tooLarge;
    }
  }

  /**
   * Returns the largest size a file of this kind may have on disk: {@link #maxBytes()} plus a
   * UTF-8 byte-order mark (3 bytes), which is accepted and not counted.
   *
   * @return the limit in bytes
   */
  public int maxFileBytes() {
    return limits.maxDocumentLength() + 3;
  }
}
