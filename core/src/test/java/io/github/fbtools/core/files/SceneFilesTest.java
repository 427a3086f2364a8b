package io.github.fbtools.core.files;

import static io.github.fbtools.core.files.FilesTesting.copyFixture;
import static io.github.fbtools.core.files.FilesTesting.fixtureBytes;
import static io.github.fbtools.core.files.FilesTesting.names;
import static io.github.fbtools.core.files.FilesTesting.read;
import static io.github.fbtools.core.files.FilesTesting.snapshot;
import static io.github.fbtools.core.files.FilesTesting.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.json.FormatException;
import io.github.fbtools.core.InvalidNameException;
import io.github.fbtools.core.LoraEntry;
import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.SceneInfo;
import io.github.fbtools.core.json.FbJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SceneFilesTest {
  @TempDir Path tmp;

  private final SceneFiles scenes = SceneFiles.using(FilesTesting.fastFiles());
  private Path root;

  @BeforeEach
  void copyPythonScenes() throws IOException {
    root = copyFixture("scenes", tmp.resolve("scenes")).toRealPath();
  }

  static final LoraEntry DETAIL =
      new LoraEntry(
          "detail_tweaker.safetensors",
          LoraEntry.HIGH_TARGET,
          0.8,
          1.0,
          true,
          Map.of("double_blocks.0", 1.0),
          "",
          false,
          false,
          Map.of());

  static final LoraEntry NANDU =
      new LoraEntry(
          "ñandú_style.safetensors",
          LoraEntry.LOW_TARGET,
          1.25,
          0.5,
          false,
          Map.of(),
          "attn",
          true,
          true,
          Map.of("future_field", Map.of("kept", List.of(1L, 2L))));

  static final LoraEntry NANDU_FROM_LEGACY =
      new LoraEntry(
          "ñandú_style.safetensors",
          LoraEntry.LOW_TARGET,
          1.25,
          1.0,
          true,
          Map.of(),
          "attn",
          true,
          true,
          Map.of());

  private SceneFiles.Loaded load(String name) throws IOException {
    return scenes.load(root, name).orElseThrow();
  }

  // ---------------------------------------------------------------------------------------------
  // Folders written by Python

  @Test
  void loadsAReferenceSceneSavedBySaveAll() throws IOException {
    SceneFiles.Loaded loaded = load("reference");
    SceneInfo scene = loaded.scene();
    assertEquals("reference", scene.sceneName());
    assertEquals(Optional.of(root.resolve("reference")), scene.sceneDir());
    assertEquals(PromptFiles.State.V2, loaded.promptsState());
    assertEquals("a woman, smiling, café", scene.girlPos());
    assertEquals("slow pan \ud83d\ude00", scene.wanPrompt());
    assertEquals("character", scene.prompt("girl_pos").orElseThrow().category());
    assertEquals(List.of("face"), scene.prompt("girl_pos").orElseThrow().tags());
    assertEquals(List.of("girl_pos", "wan_prompt"), scene.prompts().compositions().get("main"));
    assertEquals(SceneFiles.LoraSource.LORA_STACK, loaded.loraSource());
    assertEquals(List.of(DETAIL, NANDU), scene.loras());
    Map<?, ?> pose = (Map<?, ?>) scene.poseJson().orElseThrow();
    assertEquals(832L, pose.get("canvas_width"));
    assertEquals(1, ((List<?>) pose.get("people")).size());
    assertEquals("", scene.poseName());
    assertEquals(OptionalInt.empty(), scene.resolution());
    assertEquals(
        new SceneFiles.Fingerprints(
            Fingerprint.ofNullable(fixtureBytes("scenes/reference/prompts.json")),
            Fingerprint.ofNullable(fixtureBytes("scenes/reference/lora_stack.json")),
            Fingerprint.absent(),
            Fingerprint.ofNullable(fixtureBytes("scenes/reference/pose.json")),
            Fingerprint.absent()),
        loaded.fingerprints());
  }

  @Test
  void loadsALegacySceneConvertingLorasJsonInMemory() throws IOException {
    Map<String, String> before = snapshot(root, true);
    SceneFiles.Loaded loaded = load("legacy");
    assertEquals(PromptFiles.State.V1, loaded.promptsState());
    assertEquals("a woman, smiling, café", loaded.scene().girlPos());
    assertEquals("four", loaded.scene().fourImagePrompt());
    assertEquals(SceneFiles.LoraSource.LEGACY_LORAS, loaded.loraSource());
    assertEquals(
        List.of(DETAIL, NANDU_FROM_LEGACY),
        loaded.scene().loras(),
        "'none', '' and 'NONE' are skipped");
    assertEquals(
        List.of(List.of(0.5, 0.25, 1.0), List.of(0.4, 0.3, 0.9)),
        loaded.scene().poseJson().orElseThrow());
    assertEquals(
        Fingerprint.ofNullable(fixtureBytes("scenes/legacy/loras.json")),
        loaded.fingerprints().legacyLoras());
    assertEquals(Fingerprint.absent(), loaded.fingerprints().loraStack());
    assertEquals(before, snapshot(root, true), "loading wrote, renamed or deleted nothing");
  }

  @Test
  void loraStackJsonWinsOverLorasJson() throws IOException {
    SceneFiles.Loaded loaded = load("both loras");
    assertEquals(SceneFiles.LoraSource.LORA_STACK, loaded.loraSource());
    assertEquals(List.of(DETAIL), loaded.scene().loras());
    assertEquals(Map.of(), loaded.scene().poseJson().orElseThrow());
    assertEquals(PromptFiles.State.MISSING, loaded.promptsState());
  }

  @Test
  void readsEnsureAsciiAndIndent2() throws IOException {
    SceneInfo scene = load("ascii").scene();
    assertEquals("a woman, smiling, café", scene.girlPos());
    assertEquals(List.of(DETAIL, NANDU), scene.loras());
    assertEquals(Map.of("people", List.of()), scene.poseJson().orElseThrow());
  }

  @Test
  void keepsThePoseAsOpaqueJsonEvenTheReferencesDoubleEncodedString() throws IOException {
    SceneFiles.Loaded loaded = load("pose string");
    assertEquals(Optional.of("{}"), loaded.scene().poseJson());
    assertEquals(PromptFiles.State.MISSING, loaded.promptsState());
    assertEquals(SceneFiles.LoraSource.NONE, loaded.loraSource());
  }

  @Test
  void readsSceneJsonMetadataKeepingUnknownFields() throws IOException {
    write(
        root.resolve("reference/scene.json"),
        "{\"pose_name\": \"standing\", \"mask_type\": \"face\", \"depth_type\": \"midas\","
            + " \"resolution\": 1024, \"masks\": {\"face\": {\"type\": \"color\"}}, \"n\": null}");
    SceneInfo scene = load("reference").scene();
    assertEquals("standing", scene.poseName());
    assertEquals("face", scene.maskType());
    assertEquals("midas", scene.depthType());
    assertEquals(OptionalInt.of(1024), scene.resolution());
    assertEquals(List.of("masks", "n"), List.copyOf(scene.metadataExtra().keySet()));
    write(
        root.resolve("reference/scene.json"),
        "{\"pose_name\": null, \"mask_type\": null, \"depth_type\": null, \"resolution\": null}");
    SceneInfo nulls = load("reference").scene();
    assertEquals("", nulls.poseName());
    assertEquals(OptionalInt.empty(), nulls.resolution());
    assertTrue(nulls.metadataExtra().isEmpty());
  }

  // ---------------------------------------------------------------------------------------------
  // Missing versus corrupt

  @Test
  void aMissingSceneIsEmptyAndAnEmptyFolderIsADefaultScene() throws IOException {
    assertEquals(Optional.empty(), scenes.load(root, "nobody"));
    assertEquals(Optional.empty(), scenes.load(tmp.resolve("no root"), "reference"));
    assertEquals(Optional.empty(), scenes.load(root.resolve("nobody")));
    Files.createDirectory(root.resolve("empty"));
    SceneFiles.Loaded empty = load("empty");
    assertEquals(SceneInfo.builder("empty").sceneDir(root.resolve("empty")).build(), empty.scene());
    assertEquals(PromptFiles.State.MISSING, empty.promptsState());
    assertEquals(SceneFiles.LoraSource.NONE, empty.loraSource());
    assertEquals(SceneFiles.Fingerprints.absent(), empty.fingerprints());
    assertEquals(empty, scenes.load(root.resolve("empty")).orElseThrow());
  }

  @Test
  void aSceneThatIsAFileIsNotAFolder() throws IOException {
    write(root.resolve("plain"), "x");
    assertThrows(NotDirectoryException.class, () -> scenes.load(root, "plain"));
    assertThrows(NotDirectoryException.class, () -> scenes.load(root.resolve("plain")));
    assertThrows(IllegalArgumentException.class, () -> scenes.load(root.getRoot()));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "prompts.json    | {\"version\": 2, \"prompts\": {\"a\": ",
        "prompts.json    | {\"version\": 2, \"prompts\": {\"a\": 1}}",
        "lora_stack.json | {\"high\": []}",
        "lora_stack.json | null",
        "lora_stack.json | [1]",
        "lora_stack.json | [{\"lora\": \"a\"}, {\"strength_model\": \"x\"}]",
        "lora_stack.json | [{\"enabled\": \"yes\"}]",
        "loras.json      | []",
        "loras.json      | {\"high\": {}}",
        "loras.json      | {\"low\": [{\"lora_name\": 3}]}",
        "loras.json      | {\"low\": [{\"lora_name\": \"a\", \"strength\": \"1\"}]}",
        "pose.json       | {\"people\": [",
        "pose.json       | ''",
        "scene.json      | []",
        "scene.json      | {\"resolution\": 0}",
        "scene.json      | {\"resolution\": \"1024\"}",
        "scene.json      | {\"resolution\": 1024.0}",
        "scene.json      | {\"resolution\": 4294967296}",
        "scene.json      | {\"pose_name\": 5}",
        "scene.json      | {\"depth_type\": [\"midas\"]}",
        "scene.json      | {\"a\": 1, \"a\": 2}"
      })
  void aCorruptFileIsAFormatExceptionNamingItAndNothingIsWritten(String file, String text)
      throws IOException {
    Files.createDirectory(root.resolve("bad"));
    Path path = write(root.resolve("bad").resolve(file), text);
    Map<String, String> before = snapshot(tmp, true);
    FormatException e = assertThrows(FormatException.class, () -> scenes.load(root, "bad"));
    assertEquals(path.toString(), e.file().orElseThrow(), e.getMessage());
    assertTrue(e.line() > 0 && e.column() > 0, e.getMessage());
    assertEquals(before, snapshot(tmp, true));
  }

  @Test
  void aCorruptLorasJsonIsNotReadWhenLoraStackJsonExists() throws IOException {
    write(root.resolve("reference/loras.json"), "{\"high\": [");
    SceneFiles.Loaded loaded = load("reference");
    assertEquals(List.of(DETAIL, NANDU), loaded.scene().loras());
    assertEquals(
        Fingerprint.ofNullable("{\"high\": [".getBytes(StandardCharsets.UTF_8)),
        loaded.fingerprints().legacyLoras());
  }

  @Test
  void aFileLinkedOutOfTheSceneFolderIsRefused() throws IOException {
    Path outside = write(tmp.resolve("outside.json"), "[]");
    Files.delete(root.resolve("reference/pose.json"));
    Files.createSymbolicLink(root.resolve("reference/pose.json"), outside);
    assertThrows(UnsafeLinkException.class, () -> scenes.load(root, "reference"));
  }

  @Test
  void aSceneFolderLinkedOutOfTheRootIsRefusedAndNotListed() throws IOException {
    Path outside = copyFixture("scenes/reference", tmp.resolve("elsewhere"));
    Files.createSymbolicLink(root.resolve("escape"), outside);
    assertThrows(InvalidNameException.class, () -> scenes.load(root, "escape"));
    assertThrows(
        InvalidNameException.class,
        () -> scenes.write(root, "escape", SceneInfo.builder("escape").build()));
    assertFalse(scenes.list(root).contains("escape"));
  }

  // ---------------------------------------------------------------------------------------------
  // Writing

  private static SceneInfo fullScene(String name) {
    return SceneInfo.builder(name)
        .prompts(PromptCollection.empty().withPrompt("girl_pos", "smiling").withPrompt("x", "y"))
        .poseName("standing")
        .maskType("face")
        .depthType("midas")
        .resolution(1024)
        .metadataExtra(Map.of("future", List.of(true)))
        .loras(List.of(DETAIL, NANDU))
        .poseJson(Map.of("people", List.of()))
        .build();
  }

  @Test
  void writesANewSceneCreatingItsFolderInTheDocumentedOrder() throws IOException {
    SceneInfo scene = fullScene("ignored name");
    SceneFiles.Written w = scenes.write(root, "new", scene, SceneFiles.Fingerprints.absent());
    assertEquals(List.of("prompts.json", "scene.json", "lora_stack.json", "pose.json"), w.changedFiles());
    Path dir = root.resolve("new");
    assertEquals(List.of("lora_stack.json", "pose.json", "prompts.json", "scene.json"), names(dir));
    assertArrayEquals(
        scene.prompts().toJson().getBytes(StandardCharsets.UTF_8),
        Files.readAllBytes(dir.resolve("prompts.json")));
    assertEquals(
        "{\n  \"pose_name\": \"standing\",\n  \"mask_type\": \"face\",\n  \"depth_type\": \"midas\","
            + "\n  \"resolution\": 1024,\n  \"future\": [\n    true\n  ]\n}\n",
        read(dir.resolve("scene.json")));
    assertEquals(
        FbJson.write(List.of(DETAIL.toJsonObject(), NANDU.toJsonObject())),
        read(dir.resolve("lora_stack.json")));
    assertEquals("{\n  \"people\": []\n}\n", read(dir.resolve("pose.json")));
    SceneFiles.Loaded loaded = load("new");
    assertEquals("new", loaded.scene().sceneName());
    assertEquals(Optional.of(dir), loaded.scene().sceneDir());
    assertEquals(scene, rename(loaded.scene(), scene));
    assertEquals(w.fingerprints(), loaded.fingerprints());
  }

  /** The loaded scene with the name and folder of {@code like}, to compare the content. */
  private static SceneInfo rename(SceneInfo loaded, SceneInfo like) {
    SceneInfo.Builder b = SceneInfo.builder(like.sceneName()).sceneDir(like.sceneDir().orElse(null));
    b.prompts(loaded.prompts())
        .poseName(loaded.poseName())
        .maskType(loaded.maskType())
        .depthType(loaded.depthType())
        .loras(loaded.loras())
        .poseJson(loaded.poseJson().orElse(null))
        .metadataExtra(loaded.metadataExtra());
    loaded.resolution().ifPresent(b::resolution);
    return b.build();
  }

  @Test
  void aSceneWithOnlyPromptsWritesOnlyPromptsJson() throws IOException {
    Path dir = Files.createDirectory(root.resolve("minimal"));
    SceneFiles.Written w = scenes.write(dir, SceneInfo.builder("minimal").build());
    assertEquals(List.of("prompts.json"), w.changedFiles());
    assertEquals(List.of("prompts.json"), names(dir));
    assertEquals(
        new SceneFiles.Fingerprints(
            Fingerprint.ofNullable(Files.readAllBytes(dir.resolve("prompts.json"))),
            Fingerprint.absent(),
            Fingerprint.absent(),
            Fingerprint.absent(),
            Fingerprint.absent()),
        w.fingerprints());
  }

  @Test
  void savingALegacySceneBacksUpPromptsWritesLoraStackAndNeverTouchesLorasJson()
      throws IOException {
    Path dir = root.resolve("legacy");
    byte[] v1 = Files.readAllBytes(dir.resolve("prompts.json"));
    Map<String, String> lorasJson = Map.of("loras.json", snapshot(dir).get("loras.json"));
    SceneFiles.Loaded loaded = load("legacy");
    SceneFiles.Written w = scenes.write(dir, loaded.scene(), loaded.fingerprints());
    assertEquals(
        List.of("prompts.json.v1.backup", "prompts.json", "lora_stack.json"),
        w.changedFiles(),
        "pose.json already holds the same JSON (Python's indent 4 is kept)");
    assertTrue(w.prompts().backupCreated());
    assertArrayEquals(v1, Files.readAllBytes(dir.resolve("prompts.json.v1.backup")));
    assertEquals(lorasJson.get("loras.json"), snapshot(dir).get("loras.json"));
    assertEquals(
        List.of("lora_stack.json", "loras.json", "pose.json", "prompts.json", "prompts.json.v1.backup"),
        names(dir),
        "no temporary, lock or other file is left");

    SceneFiles.Loaded again = load("legacy");
    assertEquals(SceneFiles.LoraSource.LORA_STACK, again.loraSource());
    assertEquals(loaded.scene().loras(), again.scene().loras());
    assertEquals(PromptFiles.State.V2, again.promptsState());
    assertTrue(again.scene().prompts().v1Backup().isPresent());
    assertEquals(w.fingerprints(), again.fingerprints());
    Map<String, String> once = snapshot(dir);
    SceneFiles.Written second = scenes.write(dir, again.scene(), again.fingerprints());
    assertEquals(List.of(), second.changedFiles());
    assertEquals(once, snapshot(dir), "the second save is byte-identical and rewrites nothing");
  }

  @Test
  void removingEveryLoraOfALegacySceneWritesAnEmptyStackSoTheyDoNotComeBack()
      throws IOException {
    Path dir = root.resolve("legacy");
    String lorasJson = snapshot(dir).get("loras.json");
    SceneFiles.Loaded loaded = load("legacy");
    scenes.write(dir, loaded.scene().withLoras(List.of()), loaded.fingerprints());
    assertEquals("[]\n", read(dir.resolve("lora_stack.json")));
    assertEquals(List.of(), load("legacy").scene().loras());
    assertEquals(lorasJson, snapshot(dir).get("loras.json"));
  }

  @Test
  void savingAnUnchangedReferenceSceneRewritesOnlyPromptsJsonAndThenNothing()
      throws IOException {
    Path dir = root.resolve("reference");
    Map<String, String> python = snapshot(dir);
    SceneFiles.Loaded loaded = load("reference");
    SceneFiles.Written w = scenes.write(dir, loaded.scene(), loaded.fingerprints());
    assertEquals(List.of("prompts.json"), w.changedFiles());
    Map<String, String> after = snapshot(dir);
    for (String kept : List.of("lora_stack.json", "pose.json")) {
      assertEquals(python.get(kept), after.get(kept), kept + " keeps Python's bytes (indent 4)");
    }
    assertFalse(after.containsKey("scene.json"), "no metadata, no scene.json");
    SceneFiles.Loaded again = load("reference");
    assertEquals(List.of(), scenes.write(dir, again.scene(), again.fingerprints()).changedFiles());
    assertEquals(after, snapshot(dir));
  }

  @Test
  void aSceneWithoutAPoseLeavesAnExistingPoseJsonAlone() throws IOException {
    Path dir = root.resolve("reference");
    String pose = snapshot(dir).get("pose.json");
    SceneFiles.Loaded loaded = load("reference");
    SceneInfo noPose = loaded.scene().toBuilder().poseJson(null).build();
    SceneFiles.Written w = scenes.write(dir, noPose, loaded.fingerprints());
    assertFalse(w.changedFiles().contains("pose.json"));
    assertEquals(pose, snapshot(dir).get("pose.json"));
    assertEquals(loaded.fingerprints().pose(), w.fingerprints().pose());
  }

  @Test
  void theLegacyPromptFieldsOfASceneAreSavedAsPrompts() throws IOException {
    SceneInfo scene =
        SceneInfo.builder("legacy fields")
            .prompts(PromptCollection.empty().withPrompt("male_pos", "from the collection"))
            .girlPos("g")
            .malePos("shadowed by the collection")
            .wanPrompt("w")
            .wanLowPrompt("wl")
            .fourImagePrompt("f")
            .build();
    scenes.write(root, "legacy fields", scene);
    SceneInfo loaded = load("legacy fields").scene();
    assertEquals("g", loaded.girlPos());
    assertEquals("from the collection", loaded.malePos());
    assertEquals("w", loaded.wanPrompt());
    assertEquals("wl", loaded.wanLowPrompt());
    assertEquals("f", loaded.fourImagePrompt());
  }

  @Test
  void metadataExtraHoldingAKnownFieldIsRefusedBeforeAnythingIsWritten() throws IOException {
    Map<String, String> before = snapshot(tmp, true);
    for (String known : List.of("pose_name", "mask_type", "depth_type", "resolution")) {
      SceneInfo scene = SceneInfo.builder("x").metadataExtra(Map.of(known, "v")).build();
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> scenes.write(root, "reference", scene));
      assertTrue(e.getMessage().contains(known), e.getMessage());
    }
    assertEquals(before, snapshot(tmp, true));
  }

  // ---------------------------------------------------------------------------------------------
  // Changed on disk

  @ParameterizedTest
  @ValueSource(strings = {"prompts.json", "lora_stack.json", "loras.json", "pose.json", "scene.json"})
  void aFileChangedSinceTheLoadRefusesTheWholeSave(String file) throws IOException {
    Path dir = root.resolve("reference");
    write(dir.resolve("scene.json"), "{\"pose_name\": \"a\"}");
    SceneFiles.Loaded loaded = load("reference");
    // Another writer changes (or creates) one file.
    String other =
        switch (file) {
          case "prompts.json" -> "{\"version\": 2, \"prompts\": {\"theirs\": \"t\"}}";
          case "lora_stack.json" -> "[]";
          case "loras.json" -> "{\"high\": []}";
          case "pose.json" -> "{\"people\": [1]}";
          default -> "{\"pose_name\": \"theirs\"}";
        };
    write(dir.resolve(file), other);
    Map<String, String> before = snapshot(tmp);
    SceneInfo edited = fullScene("reference");
    FileChangedException e =
        assertThrows(
            FileChangedException.class, () -> scenes.write(dir, edited, loaded.fingerprints()));
    assertEquals(dir.resolve(file).toString(), e.getFile());
    assertEquals(before, snapshot(tmp), "nothing was written");
    assertEquals(other, read(dir.resolve(file)));
  }

  /**
   * Issue 10 item 2: two saves of one scene started from the same load. Save A keeps prompts.json
   * and changes scene.json; save B changes prompts.json only. Checking without the locks let B
   * write prompts.json and then be refused over scene.json, which A had replaced meanwhile (a
   * scene of both saves, and a refusal that had written). Now B waits for A's locks, then is
   * refused before writing anything, and the scene is all A's.
   */
  @Test
  void twoConcurrentSavesOfOneSceneEndWithOneOfThemWhole() throws Exception {
    Path dir = root.resolve("reference");
    scenes.write(dir, load("reference").scene()); // Python's bytes become this library's
    SceneFiles.Loaded loaded = load("reference");
    String promptsBefore = read(dir.resolve("prompts.json"));
    SceneInfo byA = loaded.scene().toBuilder().poseName("from A").build();
    SceneInfo byB =
        loaded.scene().withPrompts(loaded.scene().prompts().withPrompt("girl_pos", "from B"));

    CountDownLatch aPaused = new CountDownLatch(1);
    CountDownLatch aGo = new CountDownLatch(1);
    FileOps pausing =
        new ForwardingFileOps(FaultFileOps.withoutFlushes()) {
          @Override
          public NewFile createNew(Path file) throws IOException {
            String n = file.getFileName().toString();
            if (n.startsWith("scene.json.") && !n.contains(".lock") && n.endsWith(".tmp")) {
              aPaused.countDown();
              try {
                if (!aGo.await(60, TimeUnit.SECONDS)) {
                  throw new java.io.InterruptedIOException("the test never let it go on");
                }
              } catch (InterruptedException e) {
                throw new java.io.InterruptedIOException();
              }
            }
            return super.createNew(file);
          }
        };
    SceneFiles a = SceneFiles.using(AtomicFiles.builder().fileOps(pausing).build());
    SceneFiles b =
        SceneFiles.using(
            AtomicFiles.builder()
                .fileOps(FaultFileOps.withoutFlushes())
                .lockTimeout(java.time.Duration.ofMinutes(1))
                .build());
    AtomicReference<Object> resultA = new AtomicReference<>();
    AtomicReference<Object> resultB = new AtomicReference<>();
    Thread ta = new Thread(() -> resultA.set(saveOrFailure(a, dir, byA, loaded.fingerprints())));
    Thread tb = new Thread(() -> resultB.set(saveOrFailure(b, dir, byB, loaded.fingerprints())));
    ta.start();
    assertTrue(aPaused.await(30, TimeUnit.SECONDS), "save A reaches scene.json");
    tb.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (tb.getState() != Thread.State.TIMED_WAITING && tb.isAlive()) {
      assertTrue(System.nanoTime() < deadline, "save B waits for a lock");
      Thread.onSpinWait();
    }
    aGo.countDown();
    ta.join(TimeUnit.SECONDS.toMillis(30));
    tb.join(TimeUnit.SECONDS.toMillis(90));
    assertTrue(resultA.get() instanceof SceneFiles.Written, String.valueOf(resultA.get()));
    assertTrue(resultB.get() instanceof FileChangedException, String.valueOf(resultB.get()));
    assertEquals(
        dir.resolve("scene.json").toString(), ((FileChangedException) resultB.get()).getFile());
    assertEquals(promptsBefore, read(dir.resolve("prompts.json")), "B wrote nothing");
    SceneInfo now = load("reference").scene();
    assertEquals("from A", now.poseName());
    assertEquals(loaded.scene().girlPos(), now.girlPos());
    assertEquals(List.of("lora_stack.json", "pose.json", "prompts.json", "scene.json"), names(dir));
  }

  private static Object saveOrFailure(
      SceneFiles files, Path dir, SceneInfo scene, SceneFiles.Fingerprints expected) {
    try {
      return files.write(dir, scene, expected);
    } catch (IOException | RuntimeException e) {
      return e;
    }
  }

  @Test
  void absentFingerprintsCreateANewSceneOnly() throws IOException {
    Map<String, String> before = snapshot(tmp);
    assertThrows(
        FileChangedException.class,
        () -> scenes.write(root, "reference", fullScene("x"), SceneFiles.Fingerprints.absent()));
    assertEquals(before, snapshot(tmp));
  }

  @Test
  void aCorruptFileThatWouldBeReplacedRefusesTheSaveBeforeAnythingIsWritten()
      throws IOException {
    for (String file : List.of("lora_stack.json", "pose.json", "scene.json")) {
      Path dir = Files.createDirectory(root.resolve("torn " + file));
      write(dir.resolve(file), "{\"torn");
      Map<String, String> before = snapshot(dir);
      FormatException e =
          assertThrows(FormatException.class, () -> scenes.write(dir, fullScene("x")));
      assertEquals(dir.resolve(file).toString(), e.file().orElseThrow());
      assertEquals(before, snapshot(dir), file);
      assertFalse(Files.exists(dir.resolve("prompts.json")), "prompts.json is not written either");
    }
  }

  @Test
  void aBackupConflictRefusesTheSaveBeforeAnyOtherFileIsWritten() throws IOException {
    Path dir = root.resolve("legacy");
    write(dir.resolve("prompts.json.v1.backup"), "{\"other\": \"bytes\"}");
    SceneFiles.Loaded loaded = load("legacy");
    Map<String, String> before = snapshot(dir);
    assertThrows(
        BackupConflictException.class,
        () -> scenes.write(dir, fullScene("legacy"), loaded.fingerprints()));
    assertEquals(before, snapshot(dir));
  }

  @Test
  void aFailureAfterPromptsJsonLeavesTheRestAsItWasAndASecondSaveFinishes() throws IOException {
    AtomicBoolean failPose = new AtomicBoolean(true);
    FileOps ops =
        new ForwardingFileOps(FaultFileOps.withoutFlushes()) {
          @Override
          public void moveAtomically(Path source, Path target) throws IOException {
            if (failPose.get() && target.getFileName().toString().equals("pose.json")) {
              throw new IOException("No space left on device");
            }
            super.moveAtomically(source, target);
          }
        };
    SceneFiles faulty = SceneFiles.using(AtomicFiles.builder().fileOps(ops).build());
    Path dir = root.resolve("reference");
    String pose = snapshot(dir).get("pose.json");
    SceneFiles.Loaded loaded = faulty.load(dir).orElseThrow();
    SceneInfo edited =
        loaded.scene().toBuilder()
            .prompts(loaded.scene().prompts().withPrompt("girl_pos", "edited"))
            .poseJson(List.of())
            .build();
    FileSystemException e =
        assertThrows(
            FileSystemException.class, () -> faulty.write(dir, edited, loaded.fingerprints()));
    assertTrue(e.getMessage().contains("No space left"), e.getMessage());
    assertEquals("edited", faulty.load(dir).orElseThrow().scene().girlPos(), "prompts went first");
    assertEquals(pose, snapshot(dir).get("pose.json"), "pose.json is untouched");
    assertEquals(
        List.of("lora_stack.json", "pose.json", "prompts.json"),
        names(dir),
        "no temporary or lock file is left");
    failPose.set(false);
    SceneFiles.Loaded now = faulty.load(dir).orElseThrow();
    SceneFiles.Written w = faulty.write(dir, edited, now.fingerprints());
    assertEquals(List.of("pose.json"), w.changedFiles());
    assertEquals(Optional.of(List.of()), faulty.load(dir).orElseThrow().scene().poseJson());
  }

  // ---------------------------------------------------------------------------------------------
  // Folders and names

  @Test
  void writingByFolderNeedsAnExistingFolder() throws IOException {
    SceneInfo scene = SceneInfo.builder("x").build();
    assertThrows(NoSuchFileException.class, () -> scenes.write(root.resolve("nope"), scene));
    assertFalse(Files.exists(root.resolve("nope")));
    Path file = write(root.resolve("plain"), "x");
    assertThrows(NotDirectoryException.class, () -> scenes.write(file, scene));
    assertThrows(FileSystemException.class, () -> scenes.write(root, "plain", scene));
    assertThrows(NoSuchFileException.class, () -> scenes.write(tmp.resolve("no root"), "a", scene));
    assertEquals("x", read(file));
  }

  @Test
  void hostileNamesAreRefusedBeforeAnyFileSystemCall() {
    FilesTesting.Counting counting = new FilesTesting.Counting();
    SceneFiles spied = SceneFiles.using(counting.files());
    SceneInfo scene = fullScene("x");
    List<String> hostile = SafeNamesTest.hostileNames();
    for (String name : hostile) {
      assertThrows(InvalidNameException.class, () -> spied.load(root, name));
      assertThrows(InvalidNameException.class, () -> spied.write(root, name, scene));
      assertThrows(
          InvalidNameException.class,
          () -> spied.write(root, name, scene, SceneFiles.Fingerprints.absent()));
    }
    assertEquals(0, counting.calls.get(), "file-system calls for " + hostile.size() + " names");
  }

  @Test
  void listsSceneFoldersByCodePoint() throws IOException {
    Files.createDirectory(root.resolve("\uff21"));
    Files.createDirectory(root.resolve("\ud835\udc00"));
    Files.createDirectory(root.resolve(".hidden"));
    Files.createDirectory(root.resolve("aux"));
    write(root.resolve("file.json"), "{}");
    Files.createSymbolicLink(root.resolve("alias"), root.resolve("legacy"));
    Files.createSymbolicLink(root.resolve("dangling"), root.resolve("nowhere"));
    Files.createSymbolicLink(root.resolve("self"), root);
    Files.createSymbolicLink(root.resolve("up"), tmp);
    assertEquals(
        List.of(
            "alias", "ascii", "both loras", "legacy", "pose string", "reference", "\uff21",
            "\ud835\udc00"),
        scenes.list(root));
    assertEquals(List.of(), scenes.list(tmp.resolve("none")));
    assertThrows(NotDirectoryException.class, () -> scenes.list(root.resolve("file.json")));
  }

  @Test
  void fingerprintsAndRecordsRejectNulls() {
    Fingerprint a = Fingerprint.absent();
    assertThrows(NullPointerException.class, () -> new SceneFiles.Fingerprints(null, a, a, a, a));
    assertThrows(NullPointerException.class, () -> new SceneFiles.Fingerprints(a, null, a, a, a));
    assertThrows(NullPointerException.class, () -> new SceneFiles.Fingerprints(a, a, null, a, a));
    assertThrows(NullPointerException.class, () -> new SceneFiles.Fingerprints(a, a, a, null, a));
    assertThrows(NullPointerException.class, () -> new SceneFiles.Fingerprints(a, a, a, a, null));
  }

  @Test
  void createUsesTheRealFileSystem() throws IOException {
    SceneFiles real = SceneFiles.create();
    real.write(root, "real", fullScene("real"));
    assertEquals("smiling", real.load(root, "real").orElseThrow().scene().girlPos());
  }
}
