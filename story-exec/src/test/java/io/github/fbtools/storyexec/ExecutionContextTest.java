package io.github.fbtools.storyexec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.files.FileKind;
import io.github.fbtools.core.json.FormatException;
import io.github.fbtools.core.json.FbJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutionContextTest {

  private static final ExecId EXEC = ExecId.parse("20260314_093005_k3x9q1");
  private static final Instant T = Instant.parse("2026-03-14T09:30:05Z");

  @TempDir Path tmp;
  private Path story;
  private ExecutionLayout layout;

  @BeforeEach
  void setUp() throws IOException {
    story = Files.createDirectory(tmp.resolve("my_story"));
    layout = ExecutionLayout.of(story, "job1", EXEC);
  }

  private ExecutionContext context() {
    return new ExecutionContext(layout, "0123456789ab", "My Story", T, 5);
  }

  private Map<String, Object> doc() {
    return new LinkedHashMap<>(context().toJsonObject());
  }

  private void write(Object doc) throws IOException {
    Files.createDirectories(layout.root());
    Files.write(layout.metadataFile(), FbJson.writeBytes(doc));
  }

  @Test
  void metadataHasThePlansKeysInOrderThenTheJobId() {
    assertEquals(
        "{\n"
            + "  \"exec_id\": \"20260314_093005_k3x9q1\",\n"
            + "  \"input_hash\": \"0123456789ab\",\n"
            + "  \"timestamp\": \"2026-03-14T09:30:05Z\",\n"
            + "  \"story_name\": \"My Story\",\n"
            + "  \"scene_count\": 5,\n"
            + "  \"job_id\": \"job1\"\n"
            + "}\n",
        FbJson.write(context().toJsonObject()));
  }

  @Test
  void accessorsDelegateToTheLayout() {
    ExecutionContext c = context();
    assertEquals(EXEC, c.execId());
    assertEquals("job1", c.jobId());
    assertEquals(layout.root(), c.root());
    assertEquals(layout.input(), c.inputDir());
    assertEquals(layout.images(), c.imagesDir());
    assertEquals(layout.videos(), c.videosDir());
    assertEquals(layout.input().resolve("source_0123456789ab.png"), c.sourceImage());
  }

  @Test
  void openReadsWhatWasWritten() throws IOException {
    write(context().toJsonObject());
    assertEquals(context(), ExecutionContext.open(story, "job1", EXEC));
  }

  @Test
  void openAcceptsAFileWithoutJobIdAndWithUnknownKeysAndFractionalSeconds() throws IOException {
    Map<String, Object> doc = doc();
    doc.remove("job_id");
    doc.put("timestamp", "2026-03-14T09:30:05.250Z");
    doc.put("comment", List.of("kept by whoever wrote it"));
    write(doc);
    ExecutionContext c = ExecutionContext.open(story, "job1", EXEC);
    assertEquals(Instant.parse("2026-03-14T09:30:05.250Z"), c.timestamp());
    assertEquals("2026-03-14T09:30:05.250Z", c.toJsonObject().get("timestamp"));
  }

  @Test
  void openOfAMissingExecutionIsNoSuchFile() {
    NoSuchFileException e =
        assertThrows(NoSuchFileException.class, () -> ExecutionContext.open(story, "job1", EXEC));
    assertTrue(e.getMessage().contains("metadata.json"), e.getMessage());
  }

  /**
   * Issue 12: the fields are read by core's one field reader; every one but {@code job_id} is
   * required, so an explicit null reads as "is required" (before: "must be a string, found null"
   * for the strings and "found null null" for {@code scene_count}); a null {@code job_id} is
   * absent, as a missing one; a wrong type has the one message form.
   */
  @Test
  void nullPolicyOfMetadataFields() throws IOException {
    for (String key : List.of("exec_id", "input_hash", "timestamp", "story_name", "scene_count")) {
      Map<String, Object> doc = doc();
      doc.put(key, null);
      write(doc);
      FormatException e =
          assertThrows(FormatException.class, () -> ExecutionContext.open(story, "job1", EXEC));
      assertEquals("/" + key, e.path().orElseThrow());
      assertTrue(e.getMessage().contains(key + " is required"), e.getMessage());
    }
    Map<String, Object> doc = doc();
    doc.put("job_id", null);
    write(doc);
    assertEquals(context(), ExecutionContext.open(story, "job1", EXEC));
    doc.put("job_id", 5L);
    write(doc);
    FormatException e =
        assertThrows(FormatException.class, () -> ExecutionContext.open(story, "job1", EXEC));
    assertTrue(e.getMessage().contains("job_id must be a string, found number"), e.getMessage());
    doc = doc();
    doc.put("scene_count", "5");
    write(doc);
    e = assertThrows(FormatException.class, () -> ExecutionContext.open(story, "job1", EXEC));
    assertTrue(
        e.getMessage().contains("scene_count must be an integer, found string"), e.getMessage());
  }

  @Test
  void badMetadataIsAFormatExceptionNamingTheFileAndTheKey() throws IOException {
    Object[][] cases = {
      {"exec_id", "20260101_000000_aaaaaa", "/exec_id"},
      {"exec_id", 7L, "/exec_id"},
      {"job_id", "job2", "/job_id"},
      {"input_hash", "0123456789AB", "/input_hash"},
      {"input_hash", null, "/input_hash"},
      {"timestamp", "yesterday", "/timestamp"},
      {"timestamp", "2026-03-14T09:30:05", "/timestamp"},
      {"story_name", false, "/story_name"},
      {"scene_count", -1L, "/scene_count"},
      {"scene_count", 1.5, "/scene_count"},
      {"scene_count", "5", "/scene_count"},
      {"scene_count", 1L << 40, "/scene_count"},
    };
    for (Object[] c : cases) {
      Map<String, Object> doc = doc();
      doc.put((String) c[0], c[1]);
      write(doc);
      FormatException e =
          assertThrows(
              FormatException.class,
              () -> ExecutionContext.open(story, "job1", EXEC),
              () -> c[0] + " = " + c[1]);
      assertEquals(c[2], e.path().orElseThrow(), e.getMessage());
      assertEquals(layout.metadataFile().toString(), e.file().orElseThrow());
    }
    for (String key : List.of("exec_id", "input_hash", "timestamp", "story_name", "scene_count")) {
      Map<String, Object> doc = doc();
      doc.remove(key);
      write(doc);
      FormatException e =
          assertThrows(FormatException.class, () -> ExecutionContext.open(story, "job1", EXEC));
      assertTrue(e.getMessage().contains(key), e.getMessage());
    }
  }

  @Test
  void damagedOrHugeMetadataIsAFormatException() throws IOException {
    Files.createDirectories(layout.root());
    Files.writeString(layout.metadataFile(), "{\"exec_id\": ");
    FormatException e =
        assertThrows(FormatException.class, () -> ExecutionContext.open(story, "job1", EXEC));
    assertEquals(layout.metadataFile().toString(), e.file().orElseThrow());
    Files.writeString(layout.metadataFile(), "[]");
    assertThrows(FormatException.class, () -> ExecutionContext.open(story, "job1", EXEC));
    byte[] huge = new byte[FileKind.EXECUTION_METADATA.maxFileBytes() + 1];
    java.util.Arrays.fill(huge, (byte) ' ');
    Files.write(layout.metadataFile(), huge);
    e = assertThrows(FormatException.class, () -> ExecutionContext.open(story, "job1", EXEC));
    assertTrue(e.getMessage().contains("larger than"), e.getMessage());
    Files.write(layout.metadataFile(), "{}".getBytes(StandardCharsets.UTF_8));
    assertThrows(FormatException.class, () -> ExecutionContext.open(story, "job1", EXEC));
  }

  @Test
  void componentsAreChecked() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new ExecutionContext(layout, "not-a-hash!!", "s", T, 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> new ExecutionContext(layout, "0123456789ab", "s", T, -1));
    assertThrows(
        NullPointerException.class, () -> new ExecutionContext(layout, "0123456789ab", "s", null, 1));
  }
}
