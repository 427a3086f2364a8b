package io.github.fbtools.core.files;

import static io.github.fbtools.core.files.FilesTesting.copyFixture;
import static io.github.fbtools.core.files.FilesTesting.fixtureBytes;
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
import io.github.fbtools.core.SceneInStory;
import io.github.fbtools.core.StoryInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoryFilesTest {
  @TempDir Path tmp;

  private final StoryFiles stories = StoryFiles.using(FilesTesting.fastFiles());
  private Path root;

  @BeforeEach
  void copyPythonStories() throws IOException {
    root = copyFixture("stories", tmp.resolve("stories"));
  }

  private static Supplier<String> ids() {
    AtomicInteger n = new AtomicInteger();
    return () -> "id-" + n.incrementAndGet();
  }

  // ---------------------------------------------------------------------------------------------
  // Files written by Python

  @Test
  void loadsTheReferencesStoryJsonWithoutSceneIds() throws IOException {
    StoryFiles.Loaded loaded = stories.load(root, "reference", ids()).orElseThrow();
    StoryInfo story = loaded.story();
    assertEquals("reference", story.storyName());
    assertEquals("/ComfyUI/output/stories/reference", story.storyDir());
    assertEquals(3, story.scenes().size());
    assertEquals(
        List.of("id-1", "id-2", "id-3"), story.scenes().stream().map(SceneInStory::sceneId).toList());
    assertEquals(2, story.scenesByName("opening").size(), "scene names may repeat");
    SceneInStory cafe = story.scenes().get(1);
    assertEquals("café scene", cafe.sceneName());
    assertEquals("face", cafe.maskName());
    assertFalse(cafe.maskBackground());
    assertEquals("custom", cafe.promptSource());
    assertEquals("a quiet café ☕", cafe.customPrompt());
    SceneInStory third = story.scenes().get(2);
    assertEquals("composition", third.promptSource());
    assertEquals("prompt", third.videoPromptSource());
    assertEquals("dw", third.poseType());
    assertTrue(third.usePose() && third.useCanny());
    assertEquals(
        Fingerprint.ofNullable(fixtureBytes("stories/reference/story.json")),
        loaded.fingerprint());
  }

  @Test
  void loadsAVersionOneStoryWithTheLegacyRules() throws IOException {
    List<SceneInStory> scenes =
        stories.load(root, "version one", ids()).orElseThrow().story().scenes();
    SceneInStory a = scenes.get(0);
    assertEquals("custom", a.promptSource());
    assertEquals("", a.promptKey());
    assertEquals("face", a.maskName());
    assertFalse(a.maskBackground());
    SceneInStory b = scenes.get(1);
    assertEquals("prompt", b.promptSource(), "a v1 prompt_type overrides prompt_source");
    assertEquals("girl_pos", b.promptKey());
    assertEquals("body", b.maskName());
    assertTrue(b.maskBackground());
    assertEquals(2, scenes.get(2).sceneOrder(), "the reference's lax \"2\"");
  }

  /**
   * Issue 10 item 21: scenes stored without an id got a random id on every load (the same scene,
   * another id each time). They are derived, so every load agrees, and the next save writes them.
   */
  @Test
  void loadWithoutASupplierDerivesStableIds() throws IOException {
    List<String> first =
        stories.load(root, "reference").orElseThrow().story().scenes().stream()
            .map(SceneInStory::sceneId).toList();
    List<String> second =
        stories.load(root, "reference").orElseThrow().story().scenes().stream()
            .map(SceneInStory::sceneId).toList();
    assertEquals(first, second);
    assertEquals(36, first.get(0).length(), first.get(0));
    assertEquals(3, new java.util.HashSet<>(first).size(), "two scenes named opening differ");
    assertEquals(SceneInStory.derivedId("reference", "opening", 0), first.get(0));
    StoryFiles.Loaded loaded = stories.load(root, "reference").orElseThrow();
    stories.write(root, "reference", loaded.story(), loaded.fingerprint());
    assertTrue(read(root.resolve("reference/story.json")).contains("\"scene_id\": \"" + first.get(0)));
    assertEquals(first,
        stories.load(root, "reference", ids()).orElseThrow().story().scenes().stream()
            .map(SceneInStory::sceneId).toList(), "once saved, the stored ids");
  }

  // ---------------------------------------------------------------------------------------------
  // Missing versus corrupt

  @Test
  void aMissingStoryIsEmpty() throws IOException {
    Files.createDirectory(root.resolve("no file"));
    write(root.resolve("a file"), "{}");
    assertEquals(Optional.empty(), stories.load(root, "nobody"));
    assertEquals(Optional.empty(), stories.load(root, "no file"));
    assertEquals(Optional.empty(), stories.load(root, "a file"));
    assertEquals(Optional.empty(), stories.load(tmp.resolve("no root"), "reference"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"version\": 2, \"story_name\": \"x\", \"scenes\": [",
        "[]",
        "{\"version\": 3}",
        "{\"version\": \"2\"}",
        "{\"scenes\": {}}",
        "{\"scenes\": [{\"scene_name\": \"a\"}]}",
        "{\"scenes\": [{\"scene_name\": \"a\", \"scene_order\": \"x\"}]}",
        "{\"story_name\": 1}",
        "{\"scenes\": [1]}"
      })
  void aCorruptStoryIsAFormatExceptionAndNothingIsWritten(String text) throws IOException {
    Path file = write(root.resolve("bad").resolve(StoryFiles.FILE_NAME), text);
    Map<String, String> before = snapshot(tmp, true);
    FormatException e = assertThrows(FormatException.class, () -> stories.load(root, "bad"));
    assertEquals(file.toRealPath().toString(), e.file().orElseThrow());
    assertTrue(e.line() > 0 && e.column() > 0, e.getMessage());
    assertEquals(before, snapshot(tmp, true));
    Map<String, String> files = snapshot(tmp);
    assertThrows(
        FormatException.class,
        () -> stories.write(root, "bad", StoryInfo.of("bad", "", List.of())));
    assertEquals(files, snapshot(tmp), "a corrupt file is never overwritten");
  }

  @Test
  void aStoryFolderLinkedOutOfTheRootIsRefusedAndNotListed() throws IOException {
    Path outside = copyFixture("stories/reference", tmp.resolve("elsewhere"));
    Files.createSymbolicLink(root.resolve("escape"), outside);
    assertThrows(InvalidNameException.class, () -> stories.load(root, "escape"));
    assertThrows(
        InvalidNameException.class,
        () -> stories.write(root, "escape", StoryInfo.of("x", "", List.of())));
    assertFalse(stories.list(root).contains("escape"));
  }

  // ---------------------------------------------------------------------------------------------
  // Writing

  @Test
  void writesANewStoryCreatingItsFolder() throws IOException {
    StoryInfo story =
        StoryInfo.of(
            "new", "", List.of(SceneInStory.builder("opening", 0).sceneId("s1").useDepth(true).build()));
    StoryFiles.Written w = stories.write(root, "new", story, Fingerprint.absent());
    assertTrue(w.changed());
    Path file = root.resolve("new").resolve(StoryFiles.FILE_NAME);
    assertArrayEquals(story.toJson().getBytes(StandardCharsets.UTF_8), Files.readAllBytes(file));
    assertEquals(Fingerprint.ofNullable(Files.readAllBytes(file)), w.fingerprint());
    StoryFiles.Loaded loaded = stories.load(root, "new").orElseThrow();
    assertEquals(story, loaded.story());
    assertEquals(w.fingerprint(), loaded.fingerprint());
    assertEquals(List.of(StoryFiles.FILE_NAME), FilesTesting.names(root.resolve("new")));
  }

  @Test
  void theReferencesStoryKeepsItsSceneIdsOnceSavedAndTheSecondSaveIsByteIdentical()
      throws IOException {
    StoryFiles.Loaded first = stories.load(root, "reference").orElseThrow();
    StoryFiles.Written w = stories.write(root, "reference", first.story(), first.fingerprint());
    assertTrue(w.changed(), "the ids are written");
    String text = read(root.resolve("reference/story.json"));
    for (SceneInStory s : first.story().scenes()) {
      assertTrue(text.contains("\"scene_id\": \"" + s.sceneId() + "\""), text);
    }
    Map<String, String> once = snapshot(root);
    StoryFiles.Loaded second = stories.load(root, "reference").orElseThrow();
    assertEquals(first.story(), second.story(), "same ids after a reload");
    StoryFiles.Written again =
        stories.write(root, "reference", second.story(), second.fingerprint());
    assertFalse(again.changed());
    assertEquals(w.fingerprint(), again.fingerprint());
    assertEquals(once, snapshot(root));
  }

  @Test
  void aVersionOneStoryIsWrittenAsVersionTwo() throws IOException {
    StoryFiles.Loaded v1 = stories.load(root, "version one", ids()).orElseThrow();
    stories.write(root, "version one", v1.story(), v1.fingerprint());
    String text = read(root.resolve("version one/story.json"));
    assertTrue(text.startsWith("{\n  \"version\": 2,"), text);
    assertFalse(text.contains("prompt_type"), text);
    assertEquals(v1.story(), stories.load(root, "version one").orElseThrow().story());
  }

  /**
   * Issue 10 item 20: a version 1 story.json was rewritten as version 2 without its prompt_type
   * and mask_type; the first write keeps the original bytes in story.json.v1.backup, durably and
   * never overwritten, so the upgrade is lossless.
   */
  @Test
  void aVersionOneStoryIsBackedUpBeforeItIsUpgraded() throws IOException {
    Path dir = root.resolve("version one");
    byte[] original = java.nio.file.Files.readAllBytes(dir.resolve("story.json"));
    assertTrue(new String(original, java.nio.charset.StandardCharsets.UTF_8).contains("prompt_type"));
    StoryFiles.Loaded v1 = stories.load(root, "version one", ids()).orElseThrow();
    StoryFiles.Written w = stories.write(root, "version one", v1.story(), v1.fingerprint());
    assertTrue(w.backupCreated());
    assertTrue(w.changed());
    assertArrayEquals(original, java.nio.file.Files.readAllBytes(dir.resolve("story.json.v1.backup")));
    assertEquals(List.of("story.json", "story.json.v1.backup"), FilesTesting.names(dir));
    // saving again: version 2 now, the backup stays as it is
    StoryFiles.Loaded v2 = stories.load(root, "version one").orElseThrow();
    StoryFiles.Written again =
        stories.write(
            root,
            "version one",
            new StoryInfo("renamed", v2.story().storyDir(), v2.story().scenes(), v2.story().extra()),
            v2.fingerprint());
    assertFalse(again.backupCreated());
    assertArrayEquals(original, java.nio.file.Files.readAllBytes(dir.resolve("story.json.v1.backup")));
  }

  @Test
  void aVersionOneStoryWhoseBackupDiffersIsNotUpgraded() throws IOException {
    Path dir = root.resolve("version one");
    write(dir.resolve("story.json.v1.backup"), "{\"story_name\": \"another\"}");
    Map<String, String> before = snapshot(dir);
    StoryFiles.Loaded v1 = stories.load(root, "version one", ids()).orElseThrow();
    BackupConflictException e =
        assertThrows(
            BackupConflictException.class,
            () -> stories.write(root, "version one", v1.story(), v1.fingerprint()));
    assertTrue(e.getMessage().contains("never overwritten"), e.getMessage());
    assertEquals(before, snapshot(dir), "nothing was written");
    // an identical backup (left by an interrupted upgrade) is kept and the upgrade completes
    write(dir.resolve("story.json.v1.backup"), read(dir.resolve("story.json")));
    StoryFiles.Written w = stories.write(root, "version one", v1.story(), v1.fingerprint());
    assertFalse(w.backupCreated());
    assertTrue(w.changed());
  }

  @Test
  void aStaleFingerprintIsRefusedAndTheFileIsUnchanged() throws IOException {
    StoryFiles.Loaded mine = stories.load(root, "reference", ids()).orElseThrow();
    StoryFiles.Loaded theirs = stories.load(root, "reference", ids()).orElseThrow();
    stories.write(root, "reference", theirs.story().withoutScene("id-3"), theirs.fingerprint());
    Map<String, String> before = snapshot(tmp);
    FileChangedException e =
        assertThrows(
            FileChangedException.class,
            () -> stories.write(root, "reference", mine.story(), mine.fingerprint()));
    assertEquals(mine.fingerprint(), e.expected());
    assertEquals(before, snapshot(tmp));
    assertEquals(2, stories.load(root, "reference").orElseThrow().story().scenes().size());
  }

  @Test
  void absentAsExpectedFingerprintNeverReplacesAStory() throws IOException {
    Map<String, String> before = snapshot(tmp);
    assertThrows(
        FileChangedException.class,
        () -> stories.write(root, "reference", StoryInfo.of("x", "", List.of()), Fingerprint.absent()));
    assertEquals(before, snapshot(tmp));
  }

  @Test
  void writingNeedsAnExistingRootAndAFolderName() throws IOException {
    StoryInfo story = StoryInfo.of("x", "", List.of());
    assertThrows(NoSuchFileException.class, () -> stories.write(tmp.resolve("none"), "x", story));
    write(root.resolve("plain"), "not a folder");
    assertThrows(FileSystemException.class, () -> stories.write(root, "plain", story));
    assertEquals("not a folder", read(root.resolve("plain")));
  }

  // ---------------------------------------------------------------------------------------------
  // Names and listing

  @Test
  void hostileNamesAreRefusedBeforeAnyFileSystemCall() {
    FilesTesting.Counting counting = new FilesTesting.Counting();
    StoryFiles spied = StoryFiles.using(counting.files());
    StoryInfo story = StoryInfo.of("x", "", List.of());
    List<String> hostile = SafeNamesTest.hostileNames();
    for (String name : hostile) {
      assertThrows(InvalidNameException.class, () -> spied.load(root, name));
      assertThrows(InvalidNameException.class, () -> spied.load(root, name, ids()));
      assertThrows(InvalidNameException.class, () -> spied.write(root, name, story));
      assertThrows(
          InvalidNameException.class, () -> spied.write(root, name, story, Fingerprint.absent()));
    }
    assertEquals(0, counting.calls.get(), "file-system calls for " + hostile.size() + " names");
  }

  @Test
  void listsStoryFoldersHoldingAStoryJsonByCodePoint() throws IOException {
    write(root.resolve("\uff21/story.json"), "{}");
    write(root.resolve("\ud835\udc00/story.json"), "{}");
    write(root.resolve("b b/story.json"), "{}");
    Files.createDirectory(root.resolve("empty folder"));
    write(root.resolve("loose.json"), "{}");
    write(root.resolve(".hidden/story.json"), "{}");
    write(root.resolve("story.json"), "{}");
    Files.createSymbolicLink(root.resolve("alias"), root.resolve("reference"));
    Files.createSymbolicLink(root.resolve("dangling"), root.resolve("nowhere"));
    Files.createDirectories(root.resolve("dir as file/story.json"));
    assertEquals(
        List.of("alias", "b b", "reference", "version one", "\uff21", "\ud835\udc00"),
        stories.list(root));
    assertEquals(List.of(), stories.list(tmp.resolve("none")));
    assertEquals(List.of(), stories.list(Files.createDirectory(tmp.resolve("empty root"))));
  }

  @Test
  void createUsesTheRealFileSystem() throws IOException {
    StoryFiles real = StoryFiles.create();
    real.write(root, "real", StoryInfo.of("real", "", List.of()));
    assertEquals("real", real.load(root, "real").orElseThrow().story().storyName());
  }
}
