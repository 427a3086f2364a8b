package io.github.fbtools.core.files;

import static com.google.common.base.Preconditions.checkNotNull;

import io.github.fbtools.core.json.FormatException;
import io.github.fbtools.core.InvalidNameException;
import io.github.fbtools.core.LoraEntry;
import io.github.fbtools.core.SceneInfo;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * Reads and writes a scene folder, {@code <scenesRoot>/<sceneName>}, where {@code sceneName}
 * passes {@link SafeNames.Kind#SCENE} (checked before any file-system call) and resolves to one
 * folder under the root. A scene is four files, each optional:
 *
 * <table>
 *   <caption>The files of a scene folder</caption>
 *   <tr><th>file</th><th>holds</th></tr>
 *   <tr><td>{@code prompts.json}</td><td>the prompts, read and written only through {@link
 *       PromptFiles} (version 1 or 2; the non-destructive upgrade lives there)</td></tr>
 *   <tr><td>{@code lora_stack.json}</td><td>a JSON array of LoRA objects ({@link
 *       LoraEntry#toJsonObject()}); when it is absent, the legacy {@code loras.json} ({@code
 *       {"high": [...], "low": [...]}}) is converted in memory ({@link
 *       LoraEntry#fromLegacyLoras})</td></tr>
 *   <tr><td>{@code pose.json}</td><td>the pose, any JSON value, kept as it is (JSON {@code null}
 *       counts as no pose)</td></tr>
 *   <tr><td>{@code scene.json}</td><td>{@code pose_name}, {@code mask_type}, {@code depth_type}
 *       (strings; null or absent is {@code ""}), {@code resolution} (an integer from 1 to
 *       2<sup>31</sup>-1; null or absent is none) and any other field, kept in {@link
 *       SceneInfo#metadataExtra()}</td></tr>
 * </table>
 *
 * <h2>Reading</h2>
 *
 * <p>{@link #load} returns the scene with what each file was and a {@linkplain Fingerprints
 * fingerprint per file}. A missing scene folder is {@link Optional#empty()}; a missing file gives
 * its defaults. A file whose content is wrong, including a {@code lora_stack.json} that is not an
 * array, is a {@link FormatException} naming the file, line and column: nothing is dropped
 * silently. Reading never writes, deletes or renames anything; in particular {@code loras.json} is
 * only ever read.
 *
 * <h2>Writing</h2>
 *
 * <p>{@link #write} saves a scene as one unit: it takes the locks of {@code prompts.json}, {@code
 * scene.json}, {@code lora_stack.json} and {@code pose.json} together ({@link
 * AtomicFiles#underLocks}, in a fixed order, so two saves of one scene wait for each other instead
 * of deadlocking) and holds them across two phases.
 *
 * <ol>
 *   <li><b>Checks, before anything is written.</b> Every file is read under the locks; if expected
 *       fingerprints are given and any of the five files ({@code loras.json} included) differs,
 *       the save is refused with {@link FileChangedException}; if a file that would be replaced
 *       cannot be read, it is refused with {@link FormatException} (a file this version cannot
 *       read is never overwritten); the rules of {@link PromptFiles} (a version 1 backup that
 *       conflicts) are checked too.
 *   <li><b>Writes, in this order</b>, each file atomically through {@link AtomicFiles}:
 *       <ol>
 *         <li>{@code prompts.json}, under the non-destructive rule of {@link PromptFiles},
 *             always (the legacy prompt fields of the {@link SceneInfo} that its collection lacks,
 *             such as {@link SceneInfo#girlPos()}, are added to it as prompts, so no text set on
 *             the scene is lost);
 *         <li>{@code scene.json}, if the scene has any metadata or the file exists;
 *         <li>{@code lora_stack.json}, if the scene has LoRAs or {@code lora_stack.json} or {@code
 *             loras.json} exists (an empty stack is then written as {@code []}, so LoRAs removed
 *             from a legacy scene do not come back from {@code loras.json} on the next load);
 *         <li>{@code pose.json}, if the scene has a pose.
 *       </ol>
 * </ol>
 *
 * <p>So a refused save ({@link FileChangedException}, {@link FormatException}, {@link
 * BackupConflictException}, {@link FileBusyException}) has written nothing, and no other writer
 * that goes through {@link AtomicFiles} (this class, {@link PromptFiles}, a migration, in this
 * process or another) can slip in between the checks and the writes: two concurrent saves of one
 * scene end with all four files of one of them, and the other is refused or saves after it. Only
 * an I/O failure part-way (a full disk) can leave the files written before it in their new state
 * and the others in their old one; {@code prompts.json} goes first so that such a failure never
 * loses the user's prompt edits, and saving again is then safe, since files that already hold the
 * content are skipped.
 *
 * <p>This class never deletes a file: a scene without a pose leaves an existing {@code pose.json}
 * as it is, and {@code loras.json} is never written, renamed or deleted. A file that already holds
 * the JSON to be written (the same values in the same order, whatever its whitespace, escapes or
 * final newline, as Python writes them) is left untouched, bytes and time stamp, so saving an
 * unchanged scene rewrites nothing twice.
 *
 * <p>The work is split by job into package-private classes: {@code SceneReader} loads the files,
 * {@code SceneWriter} saves them; the codecs live next to their values ({@code
 * SceneMetadataJson}, {@link io.github.fbtools.core.LoraEntry}), the guarded file steps in {@code
 * JsonFile} and {@link PromptFiles}.
 *
 * <!-- given: Path scenesRoot -->
 * <pre>{@code
 * SceneFiles scenes = SceneFiles.create();
 * SceneFiles.Loaded loaded = scenes.load(scenesRoot, "opening").orElseThrow();
 * SceneInfo edited = loaded.scene().withPrompts(
 *     loaded.scene().prompts().withPrompt("girl_pos", "smiling"));
 * scenes.write(scenesRoot, "opening", edited, loaded.fingerprints());   // refused if changed
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SceneFiles {
  /** The LoRA stack's file name. */
  public static final String LORA_STACK_FILE = "lora_stack.json";

  /** The legacy LoRA file's name, only ever read. */
  public static final String LEGACY_LORAS_FILE = "loras.json";

  /** The pose's file name. */
  public static final String POSE_FILE = "pose.json";

  /** The scene metadata's file name. */
  public static final String METADATA_FILE = "scene.json";


  /** Where a loaded scene's LoRAs came from. */
  public enum LoraSource {
    /** Neither {@code lora_stack.json} nor {@code loras.json} exists. */
    NONE,
    /** {@code lora_stack.json}. */
    LORA_STACK,
    /** The legacy {@code loras.json}, converted in memory. */
    LEGACY_LORAS
  }

  /**
   * The fingerprints of a scene's files, each {@link Fingerprint#absent()} for a file that does
   * not exist.
   *
   * @param prompts of {@code prompts.json}
   * @param loraStack of {@code lora_stack.json}
   * @param legacyLoras of {@code loras.json}
   * @param pose of {@code pose.json}
   * @param metadata of {@code scene.json}
   */
  public record Fingerprints(
      Fingerprint prompts,
      Fingerprint loraStack,
      Fingerprint legacyLoras,
      Fingerprint pose,
      Fingerprint metadata) {
    /**
     * Validates the components.
     *
     * @param prompts of {@code prompts.json}
     * @param loraStack of {@code lora_stack.json}
     * @param legacyLoras of {@code loras.json}
     * @param pose of {@code pose.json}
     * @param metadata of {@code scene.json}
     * @throws NullPointerException if a component is null
     */
    public Fingerprints {
      checkNotNull(prompts, "prompts");
      checkNotNull(loraStack, "loraStack");
      checkNotNull(legacyLoras, "legacyLoras");
      checkNotNull(pose, "pose");
      checkNotNull(metadata, "metadata");
    }

    /**
     * Returns the fingerprints of a scene with none of its files, to save a new scene only if
     * nobody created one meanwhile.
     *
     * @return five times {@link Fingerprint#absent()}
     */
    public static Fingerprints absent() {
      Fingerprint a = Fingerprint.absent();
      return new Fingerprints(a, a, a, a, a);
    }
  }

  /**
   * A loaded scene.
   *
   * @param scene the scene, named after its folder, with {@link SceneInfo#sceneDir()} set
   * @param promptsState what {@code prompts.json} was
   * @param loraSource where the LoRAs came from
   * @param fingerprints the fingerprints of the files read, for a later {@link #write}
   */
  public record Loaded(
      SceneInfo scene,
      PromptFiles.State promptsState,
      LoraSource loraSource,
      Fingerprints fingerprints) {
    /**
     * Validates the components.
     *
     * @param scene the scene
     * @param promptsState what {@code prompts.json} was
     * @param loraSource where the LoRAs came from
     * @param fingerprints the fingerprints of the files read
     * @throws NullPointerException if a component is null
     */
    public Loaded {
      checkNotNull(scene, "scene");
      checkNotNull(promptsState, "promptsState");
      checkNotNull(loraSource, "loraSource");
      checkNotNull(fingerprints, "fingerprints");
    }
  }

  /**
   * What a {@link #write} did.
   *
   * @param prompts what the write of {@code prompts.json} did
   * @param changedFiles the names of the files whose bytes changed, in the order written ({@code
   *     prompts.json.v1.backup} included when it was created); empty when the scene was already
   *     saved
   * @param fingerprints the fingerprints of the scene's files afterwards, for the next save
   */
  public record Written(
      PromptFiles.Written prompts, List<String> changedFiles, Fingerprints fingerprints) {
    /**
     * Validates and copies the components.
     *
     * @param prompts what the write of {@code prompts.json} did
     * @param changedFiles the names of the files whose bytes changed
     * @param fingerprints the fingerprints afterwards
     * @throws NullPointerException if a component is null
     */
    public Written {
      checkNotNull(prompts, "prompts");
      changedFiles = List.copyOf(changedFiles);
      checkNotNull(fingerprints, "fingerprints");
    }
  }

  private final AtomicFiles files;
  private final SceneReader reader;
  private final SceneWriter writer;

  private SceneFiles(AtomicFiles files) {
    this.files = checkNotNull(files, "files");
    this.reader = new SceneReader(files, PromptFiles.using(files));
    this.writer = new SceneWriter(files);
  }

  /**
   * Returns an instance writing with {@link AtomicFiles#create()}.
   *
   * @return the instance
   */
  public static SceneFiles create() {
    return new SceneFiles(AtomicFiles.create());
  }

  /**
   * Returns an instance reading and writing through {@code files} (its file-operations seam, lock
   * timeout and clock).
   *
   * @param files the atomic writer
   * @return the instance
   */
  public static SceneFiles using(AtomicFiles files) {
    return new SceneFiles(files);
  }

  /**
   * Lists the scenes under a root: the folders (or links to folders below the root) whose names
   * pass {@link SafeNames.Kind#SCENE}; files, other names and links that dangle or leave the root
   * are skipped.
   *
   * @param scenesRoot the folder of scene folders
   * @return the names sorted by code point (Python's order); empty if the root does not exist
   * @throws NotDirectoryException if {@code scenesRoot} is not a folder
   * @throws IOException if the root cannot be listed
   */
  public List<String> list(Path scenesRoot) throws IOException {
    return JsonFile.list(
        files.ops(), scenesRoot, true, n -> SafeNames.isValid(SafeNames.Kind.SCENE, n));
  }

  // ---------------------------------------------------------------------------------------------
  // Reading

  /**
   * Loads a scene by name.
   *
   * @param scenesRoot the folder of scene folders
   * @param sceneName the scene's name
   * @return the scene, or empty if there is no such folder (or no root)
   * @throws InvalidNameException if the name is refused (no file-system call was made) or its
   *     folder is a symbolic link out of the root
   * @throws FormatException if a file of the scene is corrupt (naming file, line and column)
   * @throws NotDirectoryException if {@code <scenesRoot>/<sceneName>} is not a folder
   * @throws UnsafeLinkException if a file is a symbolic link that dangles or leaves the folder
   * @throws IOException if a file cannot be read
   */
  public Optional<Loaded> load(Path scenesRoot, String sceneName) throws IOException {
    checkNotNull(scenesRoot, "scenesRoot");
    SafeNames.validate(SafeNames.Kind.SCENE, sceneName);
    if (files.ops().attributes(scenesRoot, true) == null) {
      return Optional.empty();
    }
    Path dir = SafeNames.resolve(files.ops(), scenesRoot, SafeNames.Kind.SCENE, sceneName);
    return reader.load(dir, sceneName);
  }

  /**
   * Loads the scene in a folder (already resolved, e.g. with {@link SafeNames#resolve}); the scene
   * is named after the folder.
   *
   * @param sceneDir the scene's folder
   * @return the scene, or empty if the folder does not exist
   * @throws FormatException if a file of the scene is corrupt (naming file, line and column)
   * @throws NotDirectoryException if {@code sceneDir} is not a folder
   * @throws UnsafeLinkException if a file is a symbolic link that dangles or leaves the folder
   * @throws IOException if a file cannot be read
   * @throws IllegalArgumentException if {@code sceneDir} has no name (a file-system root)
   */
  public Optional<Loaded> load(Path sceneDir) throws IOException {
    Path name = sceneDir.toAbsolutePath().normalize().getFileName();
    if (name == null) {
      // not checkArgument: SpotBugs would not see that name is non-null after it
      throw new IllegalArgumentException("sceneDir must name a folder: " + sceneDir);
    }
    return reader.load(sceneDir, name.toString());
  }


  // ---------------------------------------------------------------------------------------------
  // Writing

  /**
   * Saves a scene by name whatever its files hold now (corrupt files still refuse); shorthand for
   * {@code write(scenesRoot, sceneName, scene, null)}.
   *
   * @param scenesRoot the folder of scene folders (it must exist)
   * @param sceneName the scene's name
   * @param scene the scene (its own name and folder are ignored)
   * @return what the save did
   * @throws InvalidNameException if the name is refused (no file-system call was made)
   * @throws FormatException if a file that would be replaced is corrupt (nothing is written)
   * @throws BackupConflictException if the prompts' version 1 backup conflicts (nothing is
   *     written)
   * @throws IOException if reading or writing fails (see the class description)
   * @throws IllegalArgumentException if {@link SceneInfo#metadataExtra()} holds a known field of
   *     {@code scene.json} (nothing is written)
   */
  public Written write(Path scenesRoot, String sceneName, SceneInfo scene) throws IOException {
    return write(scenesRoot, sceneName, scene, null);
  }

  /**
   * Saves a scene by name, creating its folder if needed, if none of its files changed since they
   * had {@code expected}'s fingerprints.
   *
   * @param scenesRoot the folder of scene folders (it must exist)
   * @param sceneName the scene's name
   * @param scene the scene (its own name and folder are ignored)
   * @param expected the {@link Loaded#fingerprints()} of the load this edit started from, {@link
   *     Fingerprints#absent()} to create a new scene only, or null to save whatever the files hold
   *     now
   * @return what the save did
   * @throws InvalidNameException if the name is refused (no file-system call was made) or its
   *     folder is a symbolic link out of the root
   * @throws FileChangedException if a file's fingerprint differs from the expected one
   * @throws FormatException if a file that would be replaced is corrupt
   * @throws BackupConflictException if the prompts' version 1 backup conflicts
   * @throws NoSuchFileException if {@code scenesRoot} does not exist
   * @throws FileBusyException if another writer holds a file's lock too long
   * @throws FileTooLargeException if the file would be over the limits of its {@link FileKind}
   *     (nothing is written)
   * @throws IOException if reading or writing fails (see the class description)
   * @throws IllegalArgumentException if {@link SceneInfo#metadataExtra()} holds a known field of
   *     {@code scene.json} (nothing is written)
   */
  public Written write(
      Path scenesRoot, String sceneName, SceneInfo scene, @Nullable Fingerprints expected)
      throws IOException {
    checkNotNull(scenesRoot, "scenesRoot");
    checkNotNull(scene, "scene");
    SafeNames.validate(SafeNames.Kind.SCENE, sceneName);
    Path dir = SafeNames.resolve(files.ops(), scenesRoot, SafeNames.Kind.SCENE, sceneName);
    BasicFileAttributes a = files.ops().attributes(dir, true);
    if (a != null && !a.isDirectory()) {
      throw new FileSystemException(dir.toString(), null, "exists and is not a folder");
    }
    return writer.save(dir, scene, expected, a == null);
  }

  /**
   * Saves a scene into an existing folder whatever its files hold now; shorthand for {@code
   * write(sceneDir, scene, null)}.
   *
   * @param sceneDir the scene's folder (it must exist)
   * @param scene the scene (its own name and folder are ignored)
   * @return what the save did
   * @throws FormatException if a file that would be replaced is corrupt (nothing is written)
   * @throws BackupConflictException if the prompts' version 1 backup conflicts
   * @throws NoSuchFileException if the folder does not exist
   * @throws IOException if reading or writing fails (see the class description)
   * @throws IllegalArgumentException if {@link SceneInfo#metadataExtra()} holds a known field of
   *     {@code scene.json} (nothing is written)
   */
  public Written write(Path sceneDir, SceneInfo scene) throws IOException {
    return write(sceneDir, scene, null);
  }

  /**
   * Saves a scene into an existing folder (already resolved, e.g. with {@link SafeNames#resolve})
   * if none of its files changed since they had {@code expected}'s fingerprints.
   *
   * @param sceneDir the scene's folder (it must exist)
   * @param scene the scene (its own name and folder are ignored)
   * @param expected the {@link Loaded#fingerprints()} of the load this edit started from, or null
   *     to save whatever the files hold now
   * @return what the save did
   * @throws FileChangedException if a file's fingerprint differs from the expected one
   * @throws FormatException if a file that would be replaced is corrupt
   * @throws BackupConflictException if the prompts' version 1 backup conflicts
   * @throws NoSuchFileException if the folder does not exist
   * @throws NotDirectoryException if {@code sceneDir} is not a folder
   * @throws FileBusyException if another writer holds a file's lock too long
   * @throws FileTooLargeException if the file would be over the limits of its {@link FileKind}
   *     (nothing is written)
   * @throws IOException if reading or writing fails (see the class description)
   * @throws IllegalArgumentException if {@link SceneInfo#metadataExtra()} holds a known field of
   *     {@code scene.json} (nothing is written)
   */
  public Written write(Path sceneDir, SceneInfo scene, @Nullable Fingerprints expected)
      throws IOException {
    checkNotNull(scene, "scene");
    BasicFileAttributes a = files.ops().attributes(sceneDir, true);
    if (a == null) {
      throw new NoSuchFileException(sceneDir.toString(), null, "the scene folder does not exist");
    }
    if (!a.isDirectory()) {
      throw new NotDirectoryException(sceneDir.toString());
    }
    return writer.save(sceneDir, scene, expected, false);
  }
}
