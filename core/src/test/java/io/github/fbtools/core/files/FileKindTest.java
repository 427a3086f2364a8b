package io.github.fbtools.core.files;

import static io.github.fbtools.core.files.FilesTesting.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.json.FormatException;
import io.github.fbtools.core.Libber;
import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.SceneInfo;
import io.github.fbtools.core.json.FbJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 item 4: one limit per file kind, applied by every reader and writer of the kind, and a
 * write over it refused before anything is written (never written, then unreadable).
 */
class FileKindTest {
  @TempDir Path tmp;

  private final AtomicFiles files = FilesTesting.fastFiles();

  @Test
  void theDocumentedLimits() {
    assertEquals(32 << 20, FileKind.PROMPTS.maxBytes());
    assertEquals(4_000_000, FileKind.PROMPTS.maxTokens());
    assertEquals(16 << 20, FileKind.LIBBER.maxBytes());
    assertEquals(8 << 20, FileKind.SCENE_METADATA.maxBytes());
    assertEquals(8 << 20, FileKind.LORAS.maxBytes());
    assertEquals(16 << 20, FileKind.POSE.maxBytes());
    assertEquals(8 << 20, FileKind.STORY.maxBytes());
    assertEquals(1 << 20, FileKind.EXECUTION_METADATA.maxBytes());
    assertEquals(List.of("metadata.json"), FileKind.EXECUTION_METADATA.fileNames());
    assertEquals((32 << 20) + 3, FileKind.PROMPTS.maxFileBytes());
    assertEquals(
        new FbJson.Limits(FileKind.LIBBER.maxBytes(), FileKind.LIBBER.maxTokens()),
        FileKind.LIBBER.limits());
    assertEquals(
        List.of("prompts.json", "prompts.json.v1.backup", "prompts.json.v2.rollback"),
        FileKind.PROMPTS.fileNames());
    assertEquals(List.of("lora_stack.json", "loras.json"), FileKind.LORAS.fileNames());
  }

  /** The check that writers in other modules call: size, then readability, naming the kind. */
  @Test
  void checkWritableRefusesWhatCouldNotBeReadBack() throws IOException {
    Path file = tmp.resolve("metadata.json");
    FileKind kind = FileKind.EXECUTION_METADATA;
    kind.checkWritable(file, FbJson.writeBytes(Map.of("a", "b")));
    byte[] big = FbJson.writeBytes(Map.of("a", "x".repeat(kind.maxBytes())));
    FileTooLargeException e =
        assertThrows(FileTooLargeException.class, () -> kind.checkWritable(file, big));
    assertEquals(kind, e.kind());
    assertTrue(e.getMessage().contains("EXECUTION_METADATA"), e.getMessage());
    byte[] deep =
        ("[".repeat(FbJson.MAX_NESTING_DEPTH + 1) + "]".repeat(FbJson.MAX_NESTING_DEPTH + 1))
            .getBytes(StandardCharsets.UTF_8);
    e = assertThrows(FileTooLargeException.class, () -> kind.checkWritable(file, deep));
    assertTrue(e.getMessage().contains("would not be readable"), e.getMessage());
    assertTrue(Files.notExists(file));
  }

  /** A collection whose prompts.json is about {@code mib} MiB. */
  private static PromptCollection collectionOf(int mib) {
    PromptCollection c = PromptCollection.empty();
    String value = "w".repeat(1000);
    for (int i = 0; i < mib * 1024; i++) {
      c = c.withPrompt("p" + i, value);
    }
    return c;
  }

  @Test
  void aPromptsFileOverTheOldEightMibLimitIsWrittenAndReadBack() throws IOException {
    Path scene = Files.createDirectories(tmp.resolve("scene"));
    PromptCollection big = collectionOf(10);
    PromptFiles prompts = PromptFiles.using(files);
    prompts.write(scene, big);
    assertTrue(Files.size(PromptFiles.file(scene)) > FbJson.MAX_DOCUMENT_LENGTH);
    assertEquals(big, prompts.read(scene));
    assertEquals(big, PromptCollection.fromJson(Files.readAllBytes(PromptFiles.file(scene))));
    assertEquals(big, SceneFiles.using(files).load(scene).orElseThrow().scene().prompts());
  }

  @Test
  void aLibberFileOverTheOldLimitIsWrittenAndReadBack() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("libbers"));
    Map<String, String> libs = new LinkedHashMap<>();
    for (int i = 0; i < 10 * 1024; i++) {
      libs.put("k" + i, "x".repeat(1000));
    }
    Libber big = Libber.of(libs);
    LibberFiles.using(files).write(dir, "big", big);
    assertTrue(Files.size(dir.resolve("big.json")) > FbJson.MAX_DOCUMENT_LENGTH);
    assertEquals(big, LibberFiles.using(files).load(dir, "big").orElseThrow().libber());
    assertEquals(big, Libber.fromJson(Files.readString(dir.resolve("big.json"))));
  }

  @Test
  void aSceneFileOverItsLimitIsRefusedBeforeAnyFileOfTheSceneIsWritten() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("scene"));
    Files.writeString(dir.resolve("prompts.json"), "{\"girl_pos\": \"v1\"}");
    Map<String, String> before = snapshot(dir);
    List<Object> chunks = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      chunks.add("m".repeat(1 << 20));
    }
    SceneInfo tooBig =
        SceneInfo.builder("scene").metadataExtra(Map.of("notes", chunks)).build();
    FileTooLargeException e =
        assertThrows(
            FileTooLargeException.class, () -> SceneFiles.using(files).write(dir, tooBig));
    assertEquals(dir.resolve("scene.json").toString(), e.getFile());
    assertEquals(FileKind.SCENE_METADATA, e.kind());
    assertTrue(e.getMessage().contains("nothing was written"), e.getMessage());
    assertEquals(before, snapshot(dir), "prompts.json was not upgraded, no backup was made");
  }

  @Test
  void aPoseNestedDeeperThanTheReaderAcceptsIsNotWritten() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("scene"));
    Object deep = List.of();
    for (int i = 0; i < FbJson.MAX_NESTING_DEPTH + 2; i++) {
      deep = List.of(deep);
    }
    SceneInfo scene = SceneInfo.builder("scene").poseJson(deep).build();
    FileTooLargeException e =
        assertThrows(FileTooLargeException.class, () -> SceneFiles.using(files).write(dir, scene));
    assertTrue(e.getMessage().contains("would not be readable"), e.getMessage());
    assertEquals(List.of(), FilesTesting.names(dir));
    // and a file that deep written by another tool is refused when read, not half-read
    Files.writeString(dir.resolve("pose.json"), "[".repeat(40) + "]".repeat(40));
    assertThrows(FormatException.class, () -> SceneFiles.using(files).load(dir));
  }

  @Test
  void aStoryOverItsLimitIsNotWritten() throws IOException {
    Path root = Files.createDirectories(tmp.resolve("stories"));
    List<io.github.fbtools.core.SceneInStory> scenes = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      scenes.add(
          io.github.fbtools.core.SceneInStory.builder("s" + i, i)
              .customPrompt("c".repeat(1 << 20))
              .build());
    }
    io.github.fbtools.core.StoryInfo story =
        io.github.fbtools.core.StoryInfo.of("tale", "", scenes);
    assertThrows(
        FileTooLargeException.class, () -> StoryFiles.using(files).write(root, "tale", story));
    assertEquals(List.of(), FilesTesting.names(root));
    byte[] bytes = story.toJson().getBytes(StandardCharsets.UTF_8);
    assertTrue(bytes.length > FileKind.STORY.maxBytes());
  }

  @Test
  void aPromptsFileOverItsLimitIsRefusedBeforeTheBackupOrTheFileIsWritten() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("scene"));
    Files.writeString(dir.resolve("prompts.json"), "{\"girl_pos\": \"v1\"}");
    Map<String, String> before = snapshot(dir);
    PromptCollection tooBig = PromptCollection.empty();
    String value = "p".repeat(FbJson.MAX_STRING_LENGTH - 16);
    for (int i = 0; i * (long) value.length() <= FileKind.PROMPTS.maxBytes(); i++) {
      tooBig = tooBig.withPrompt("p" + i, value);
    }
    PromptCollection finalTooBig = tooBig;
    FileTooLargeException e =
        assertThrows(
            FileTooLargeException.class,
            () -> PromptFiles.using(files).write(dir, finalTooBig));
    assertEquals(FileKind.PROMPTS, e.kind());
    assertEquals(dir.resolve("prompts.json").toString(), e.getFile());
    assertEquals(before, snapshot(dir), "no backup, no version 2, no leftover");
  }

  @Test
  void aLibberOverItsLimitIsNotWritten() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("libbers"));
    Map<String, String> libs = new LinkedHashMap<>();
    String value = "x".repeat(FbJson.MAX_STRING_LENGTH - 16);
    for (int i = 0; i * (long) value.length() <= FileKind.LIBBER.maxBytes(); i++) {
      libs.put("k" + i, value);
    }
    Libber tooBig = Libber.of(libs);
    FileTooLargeException e =
        assertThrows(
            FileTooLargeException.class, () -> LibberFiles.using(files).write(dir, "big", tooBig));
    assertEquals(FileKind.LIBBER, e.kind());
    assertEquals(List.of(), FilesTesting.names(dir));
  }
}
