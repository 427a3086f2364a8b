package io.github.fbtools.core.files;

import static com.google.common.base.Preconditions.checkNotNull;

import io.github.fbtools.core.json.FormatException;
import io.github.fbtools.core.InvalidNameException;
import io.github.fbtools.core.StoryInfo;
import io.github.fbtools.core.json.FbJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.annotation.Nullable;

/**
 * Reads and writes stories: {@code <storiesRoot>/<storyName>/story.json}, where {@code storyName}
 * passes {@link SafeNames.Kind#STORY} (checked before any file-system call) and resolves to one
 * folder under the root.
 *
 * <h2>Reading</h2>
 *
 * <p>{@link #load} reads version 1 and 2 files as {@link StoryInfo#fromJson(String, Supplier)}
 * does, including the reference's files, which hold no {@code scene_id}: such scenes get ids
 * derived from the story's and the scene's names ({@link
 * io.github.fbtools.core.SceneInStory#derivedId}, unless a supplier is given), the same on every
 * load, and written by the next save. A missing story (no folder, or no {@code story.json} in
 * it) is {@link Optional#empty()}; a corrupt file is a {@link FormatException} naming the file,
 * line and column. Reading never writes anything.
 *
 * <h2>Writing</h2>
 *
 * <p>{@link #write} creates the story's folder if needed and replaces {@code story.json}
 * atomically through {@link AtomicFiles}, under its lock, with {@link StoryInfo#toJson()} (version
 * 2, every scene's {@code scene_id} included). It refuses with {@link FileChangedException} if an
 * expected fingerprint is given and the file's differs ({@link Fingerprint#absent()}: create only),
 * and with {@link FormatException} if the current file cannot be read (never overwritten). A file
 * that already holds the same JSON is left untouched. The stored {@code story_dir} field is kept
 * as given; stories are always located by name under the root, never by that field.
 *
 * <p>A version 1 file is rewritten as version 2: its legacy {@code prompt_type} and {@code
 * mask_type} fields are not written back (their meaning is carried by {@code prompt_source}, {@code
 * prompt_key} and {@code mask_name}, as in the reference). So that the upgrade loses nothing, the
 * first write over a version 1 file first publishes {@value #V1_BACKUP_NAME} with the file's
 * original bytes, durably and exclusively, as {@link PromptFiles} does for {@code prompts.json}:
 * an existing backup with the same bytes is kept, one with other bytes is never overwritten (the
 * write is then refused with {@link BackupConflictException} before anything is written).
 *
 * <!-- given: Path storiesRoot -->
 * <pre>{@code
 * StoryFiles stories = StoryFiles.create();
 * StoryFiles.Loaded loaded = stories.load(storiesRoot, "my story").orElseThrow();
 * StoryInfo edited = loaded.story().withScene(SceneInStory.builder("finale", 3).build());
 * stories.write(storiesRoot, "my story", edited, loaded.fingerprint());
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class StoryFiles {
  /** The file's name in a story folder. */
  public static final String FILE_NAME = "story.json";

  /** The name of the copy of a version 1 {@code story.json} made before it is upgraded. */
  public static final String V1_BACKUP_NAME = FILE_NAME + ".v1.backup";

  /**
   * A loaded {@code story.json}.
   *
   * @param story the story
   * @param fingerprint the {@link Fingerprint} of the bytes read
   */
  public record Loaded(StoryInfo story, Fingerprint fingerprint) {
    /**
     * Validates the components.
     *
     * @param story the story
     * @param fingerprint the fingerprint of the bytes read
     * @throws NullPointerException if a component is null
     */
    public Loaded {
      checkNotNull(story, "story");
      checkNotNull(fingerprint, "fingerprint");
    }
  }

  /**
   * What a {@link #write} did.
   *
   * @param changed whether the file's bytes changed (false when it already held the same JSON)
   * @param fingerprint the fingerprint of the file after the write
   * @param backupCreated whether this write created {@value #V1_BACKUP_NAME}
   */
  public record Written(boolean changed, Fingerprint fingerprint, boolean backupCreated) {
    /**
     * Validates the components.
     *
     * @param changed whether the file's bytes changed
     * @param fingerprint the fingerprint of the file after the write
     * @param backupCreated whether this write created the version 1 backup
     * @throws NullPointerException if the fingerprint is null
     */
    public Written {
      checkNotNull(fingerprint, "fingerprint");
    }
  }

  private final AtomicFiles files;

  private StoryFiles(AtomicFiles files) {
    this.files = checkNotNull(files, "files");
  }

  /**
   * Returns an instance writing with {@link AtomicFiles#create()}.
   *
   * @return the instance
   */
  public static StoryFiles create() {
    return new StoryFiles(AtomicFiles.create());
  }

  /**
   * Returns an instance reading and writing through {@code files} (its file-operations seam, lock
   * timeout and clock).
   *
   * @param files the atomic writer
   * @return the instance
   */
  public static StoryFiles using(AtomicFiles files) {
    return new StoryFiles(files);
  }

  /**
   * Loads a story; scenes stored without an id get a derived one ({@link
   * io.github.fbtools.core.SceneInStory#derivedId}), the same on every load of the same file.
   *
   * @param storiesRoot the folder of story folders
   * @param storyName the story's name
   * @return the story and its fingerprint, or empty if there is no such story
   * @throws InvalidNameException if the name is refused (no file-system call was made) or its
   *     folder is a symbolic link out of the root
   * @throws FormatException if {@code story.json} is not a valid story (naming file, line and
   *     column)
   * @throws IOException if it cannot be read
   */
  public Optional<Loaded> load(Path storiesRoot, String storyName) throws IOException {
    return loadWith(storiesRoot, storyName, null);
  }

  /**
   * Loads a story, taking the ids of scenes stored without one from {@code ids}.
   *
   * @param storiesRoot the folder of story folders
   * @param storyName the story's name
   * @param ids supplies scene ids (inject a deterministic supplier in tests)
   * @return the story and its fingerprint, or empty if there is no such story
   * @throws InvalidNameException if the name is refused (no file-system call was made) or its
   *     folder is a symbolic link out of the root
   * @throws FormatException if {@code story.json} is not a valid story
   * @throws IOException if it cannot be read
   */
  public Optional<Loaded> load(Path storiesRoot, String storyName, Supplier<String> ids)
      throws IOException {
    return loadWith(storiesRoot, storyName, checkNotNull(ids, "ids"));
  }

  private Optional<Loaded> loadWith(
      Path storiesRoot, String storyName, @Nullable Supplier<String> ids) throws IOException {
    checkNotNull(storiesRoot, "storiesRoot");
    SafeNames.validate(SafeNames.Kind.STORY, storyName);
    if (files.ops().attributes(storiesRoot, true) == null) {
      return Optional.empty();
    }
    Path storyDir = SafeNames.resolve(files.ops(), storiesRoot, SafeNames.Kind.STORY, storyName);
    BasicFileAttributes dir = files.ops().attributes(storyDir, true);
    if (dir == null || !dir.isDirectory()) {
      return Optional.empty();
    }
    Path file = storyDir.resolve(FILE_NAME);
    byte[] bytes = JsonFile.read(files, FileKind.STORY, file);
    if (bytes == null) {
      return Optional.empty();
    }
    StoryInfo story =
        JsonFile.decode(
            FileKind.STORY,
            bytes,
            file,
            text -> ids == null ? StoryInfo.fromJson(text) : StoryInfo.fromJson(text, ids));
    return Optional.of(new Loaded(story, Fingerprint.ofNullable(bytes)));
  }

  /**
   * Writes a story whatever its file holds now (unless it is corrupt); shorthand for {@code
   * write(storiesRoot, storyName, story, null)}.
   *
   * @param storiesRoot the folder of story folders (it must exist)
   * @param storyName the story's name
   * @param story the story
   * @return what the write did
   * @throws InvalidNameException if the name is refused (no file-system call was made)
   * @throws FormatException if the current file is corrupt (nothing is written)
   * @throws BackupConflictException if the file is version 1 and {@value #V1_BACKUP_NAME} exists
   *     with other bytes (nothing is written)
   * @throws NoSuchFileException if {@code storiesRoot} does not exist
   * @throws FileBusyException if another writer holds the file's lock too long
   * @throws FileTooLargeException if the file would be over the limits of its {@link FileKind}
   *     (nothing is written)
   * @throws IOException if writing fails; the file is then unchanged
   */
  public Written write(Path storiesRoot, String storyName, StoryInfo story) throws IOException {
    return write(storiesRoot, storyName, story, null);
  }

  /**
   * Writes a story if its file still has the fingerprint it had when loaded, creating the story's
   * folder if needed.
   *
   * @param storiesRoot the folder of story folders (it must exist)
   * @param storyName the story's name
   * @param story the story
   * @param expectedFingerprint the {@link Loaded#fingerprint()} of the load this edit started from,
   *     {@link Fingerprint#absent()} to create a new story only, or null to write whatever the file
   *     holds now
   * @return what the write did
   * @throws InvalidNameException if the name is refused (no file-system call was made) or its
   *     folder is a symbolic link out of the root
   * @throws FileChangedException if the file's fingerprint is not {@code expectedFingerprint}
   * @throws FormatException if the current file is corrupt (nothing is written)
   * @throws BackupConflictException if the file is version 1 and {@value #V1_BACKUP_NAME} exists
   *     with other bytes (nothing is written)
   * @throws NoSuchFileException if {@code storiesRoot} does not exist
   * @throws FileBusyException if another writer holds the file's lock too long
   * @throws FileTooLargeException if the file would be over the limits of its {@link FileKind}
   *     (nothing is written)
   * @throws IOException if writing fails; the file is then unchanged
   */
  public Written write(
      Path storiesRoot, String storyName, StoryInfo story, @Nullable Fingerprint expectedFingerprint)
      throws IOException {
    checkNotNull(storiesRoot, "storiesRoot");
    checkNotNull(story, "story");
    SafeNames.validate(SafeNames.Kind.STORY, storyName);
    byte[] bytes = story.toJson().getBytes(StandardCharsets.UTF_8);
    Path storyDir = SafeNames.resolve(files.ops(), storiesRoot, SafeNames.Kind.STORY, storyName);
    JsonFile.requireReadable(FileKind.STORY, storyDir.resolve(FILE_NAME), bytes);
    BasicFileAttributes dir = files.ops().attributes(storyDir, true);
    if (dir == null) {
      files.createDirectories(storyDir);
    } else if (!dir.isDirectory()) {
      throw new FileSystemException(storyDir.toString(), null, "exists and is not a folder");
    }
    Path file = storyDir.resolve(FILE_NAME);
    Path backup = storyDir.resolve(V1_BACKUP_NAME);
    return files.underLock(
        file,
        locked -> {
          byte[] current = JsonFile.read(locked, FileKind.STORY);
          if (!JsonFile.check(
              FileKind.STORY,
              file,
              current,
              bytes,
              expectedFingerprint,
              text -> StoryInfo.fromJson(text, () -> "id"))) {
            return new Written(false, Fingerprint.ofNullable(current), false);
          }
          boolean backupCreated = false;
          if (current != null && isVersion1(current)) {
            byte[] existing = locked.readIfExists(backup, current.length);
            if (existing == null) {
              locked.publishExclusive(backup, current);
              backupCreated = true;
            } else if (!Arrays.equals(existing, current)) {
              throw new BackupConflictException(
                  file,
                  backup,
                  "the backup exists and differs from the version 1 file it would back up;"
                      + " a backup is never overwritten (move it aside to upgrade this story)");
            }
          }
          locked.write(bytes);
          return new Written(true, Fingerprint.ofNullable(bytes), backupCreated);
        });
  }

  /** Whether a {@code story.json} that decodes is version 1 (its {@code version} missing or 1). */
  private static boolean isVersion1(byte[] current) {
    Object v = FbJson.parseObject(current, FileKind.STORY.limits()).get("version");
    return v == null || Long.valueOf(1).equals(v);
  }

  /**
   * Lists the stories under a root: the folders (or links to folders below the root) whose names
   * pass {@link SafeNames.Kind#STORY} and that hold a {@code story.json}.
   *
   * @param storiesRoot the folder of story folders
   * @return the names sorted by code point (Python's order); empty if the root does not exist
   * @throws java.nio.file.NotDirectoryException if {@code storiesRoot} is not a folder
   * @throws IOException if the root cannot be listed
   */
  public List<String> list(Path storiesRoot) throws IOException {
    List<String> folders =
        JsonFile.list(
            files.ops(), storiesRoot, true, n -> SafeNames.isValid(SafeNames.Kind.STORY, n));
    if (folders.isEmpty()) {
      return folders;
    }
    Path realRoot = files.ops().toRealPath(storiesRoot);
    List<String> stories = new ArrayList<>(folders.size());
    for (String name : folders) {
      BasicFileAttributes a = files.ops().attributes(realRoot.resolve(name).resolve(FILE_NAME), true);
      if (a != null && a.isRegularFile()) {
        stories.add(name);
      }
    }
    return List.copyOf(stories);
  }
}
