package io.github.fbtools.storyexec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.json.FormatException;
import io.github.fbtools.core.InvalidNameException;
import io.github.fbtools.core.files.FileKind;
import io.github.fbtools.core.files.FileTooLargeException;
import io.github.fbtools.core.files.AtomicFiles;
import io.github.fbtools.core.files.FileOps;
import io.github.fbtools.core.files.ForwardingFileOps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutionInitTest {

  private static final Instant T = Instant.parse("2026-03-14T09:30:05.750Z");
  private static final Clock CLOCK = Clock.fixed(T, ZoneOffset.UTC);
  private static final ExecId EXEC = ExecId.parse("retake-2");

  @TempDir Path tmp;
  private Path story;
  private ExecutionInit init;

  @BeforeEach
  void setUp() throws IOException {
    story = Files.createDirectory(tmp.resolve("my_story"));
    init = ExecutionInit.builder().clock(CLOCK).random(new SplittableRandom(7)).build();
  }

  /** A 2x3 RGB image whose values are multiples of 1/255, as ComfyUI loads an 8-bit PNG. */
  static ImageTensor image(int seed) {
    float[] data = new float[2 * 3 * 3];
    for (int i = 0; i < data.length; i++) {
      data[i] = ((seed * 31 + i * 17) % 256) / 255f;
    }
    return new ImageTensor(data, 1, 2, 3, 3);
  }

  /** Every file under {@code dir} with its bytes (folders as empty arrays), sorted by path. */
  static Map<String, byte[]> snapshot(Path dir) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        out.put(dir.relativize(p).toString(), Files.isDirectory(p) ? new byte[0] : Files.readAllBytes(p));
      }
    }
    return out;
  }

  static void assertSameTree(Map<String, byte[]> expected, Map<String, byte[]> actual) {
    assertEquals(expected.keySet(), actual.keySet());
    expected.forEach((k, v) -> assertArrayEquals(v, actual.get(k), k));
  }

  @Test
  void createsTheLayoutSavesTheSourceAndWritesMetadata() throws IOException {
    ImageTensor input = image(1);
    ExecutionContext c = init.init(story, "My Story", "job1", EXEC, input, 5);
    Path root = story.toRealPath().resolve("jobs/job1/executions/retake-2");
    assertEquals(root, c.root());
    assertEquals(EXEC, c.execId());
    assertEquals("job1", c.jobId());
    assertEquals(TensorHash.inputHash(input), c.inputHash());
    assertEquals(Instant.parse("2026-03-14T09:30:05Z"), c.timestamp(), "truncated to seconds");
    assertEquals("My Story", c.storyName());
    assertEquals(5, c.sceneCount());
    assertTrue(Files.isDirectory(c.inputDir()));
    assertTrue(Files.isDirectory(c.imagesDir()));
    assertTrue(Files.isDirectory(c.videosDir()));
    assertEquals(root.resolve("input/source_" + c.inputHash() + ".png"), c.sourceImage());
    assertArrayEquals(TensorPng.encode(input), Files.readAllBytes(c.sourceImage()));
    assertEquals(
        "{\n"
            + "  \"exec_id\": \"retake-2\",\n"
            + "  \"input_hash\": \""
            + c.inputHash()
            + "\",\n"
            + "  \"timestamp\": \"2026-03-14T09:30:05Z\",\n"
            + "  \"story_name\": \"My Story\",\n"
            + "  \"scene_count\": 5,\n"
            + "  \"job_id\": \"job1\"\n"
            + "}\n",
        Files.readString(root.resolve("metadata.json")));
    assertEquals(c, ExecutionContext.open(story, "job1", EXEC));
    List<String> names = new ArrayList<>(snapshot(root).keySet());
    assertEquals(
        List.of("", "images", "input", "input/source_" + c.inputHash() + ".png", "metadata.json", "videos"),
        names,
        "no lock or temporary file is left");
  }

  /** Issue 12 item 8: each setting of the builder is taken once, naming both values. */
  @Test
  void builderTakesEachSettingOnce() {
    List<java.util.function.Consumer<ExecutionInit.Builder>> settings =
        List.of(
            b -> b.clock(CLOCK),
            b -> b.random(new SplittableRandom(1)),
            b -> b.files(AtomicFiles.create()));
    for (java.util.function.Consumer<ExecutionInit.Builder> setting : settings) {
      ExecutionInit.Builder b = ExecutionInit.builder();
      setting.accept(b);
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> setting.accept(b));
      assertTrue(e.getMessage().contains(" was already set to "), e.getMessage());
      b.build();
    }
  }

  /**
   * Issue 12: metadata.json has one size limit, FileKind.EXECUTION_METADATA, used by its reader
   * and its writer; a story name that would make it larger is refused before any folder or file
   * is made, with a generated id or a given one.
   */
  @Test
  void metadataOverItsFileKindLimitIsRefusedBeforeAnythingIsWritten() throws IOException {
    Map<String, byte[]> before = snapshot(story);
    String huge = "n".repeat(FileKind.EXECUTION_METADATA.maxBytes());
    for (ExecId id : java.util.Arrays.asList(null, EXEC)) {
      FileTooLargeException e =
          assertThrows(
              FileTooLargeException.class,
              () -> init.init(story, huge, "job1", id, image(1), 1));
      assertEquals(FileKind.EXECUTION_METADATA, e.kind());
      assertTrue(e.getMessage().contains("metadata.json"), e.getMessage());
      assertSameTree(before, snapshot(story));
    }
    // Just under the limit is written, and read back by the same kind's reader.
    String large = "n".repeat(FileKind.EXECUTION_METADATA.maxBytes() - 400);
    ExecutionContext c = init.init(story, large, "job1", EXEC, image(1), 1);
    assertEquals(c, ExecutionContext.open(story, "job1", EXEC));
  }

  @Test
  void generatesAnUnusedExecIdFromTheClockAndRandom() throws IOException {
    ExecutionContext a = init.init(story, "s", "job1", null, image(1), 1);
    ExecId expected = ExecId.generate(CLOCK, new SplittableRandom(7));
    assertEquals(expected, a.execId());
    assertTrue(a.execId().value().startsWith("20260314_093005_"), a.execId().value());
    // The same seed again: the first id is taken, so the next one is drawn.
    ExecutionInit again = ExecutionInit.builder().clock(CLOCK).random(new SplittableRandom(7)).build();
    ExecutionContext b = again.init(story, "s", "job1", null, image(1), 1);
    assertFalse(a.execId().equals(b.execId()));
    assertEquals(a.inputHash(), b.inputHash());
  }

  @Test
  void reRunningWithTheSameInputReusesTheExecutionAndRewritesNothing() throws IOException {
    ImageTensor input = image(3);
    ExecutionContext first = init.init(story, "My Story", "job1", EXEC, input, 5);
    Path metadata = first.layout().metadataFile();
    FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    Files.setLastModifiedTime(metadata, old);
    Files.setLastModifiedTime(first.sourceImage(), old);
    Map<String, byte[]> before = snapshot(story);

    ExecutionInit later =
        ExecutionInit.builder().clock(Clock.offset(CLOCK, java.time.Duration.ofHours(5))).build();
    ExecutionContext second = later.init(story, "Renamed", "job1", EXEC, input, 7);
    assertEquals(first, second, "the recorded execution is returned");
    assertSameTree(before, snapshot(story));
    assertEquals(old, Files.getLastModifiedTime(metadata));
    assertEquals(old, Files.getLastModifiedTime(first.sourceImage()));

    // PNG bytes of the same 8-bit image give the same hash, so they reuse it too.
    ExecutionContext third =
        init.init(story, "My Story", "job1", EXEC, TensorPng.encode(input), 5);
    assertEquals(first, third);

    // A missing folder or source image is restored; nothing else changes.
    Files.delete(first.sourceImage());
    Files.delete(first.videosDir());
    assertEquals(first, init.init(story, "My Story", "job1", EXEC, input, 5));
    assertSameTree(before, snapshot(story));
  }

  @Test
  void aDifferentInputIsRefusedAndNothingIsOverwritten() throws IOException {
    ExecutionContext first = init.init(story, "My Story", "job1", EXEC, image(1), 5);
    Files.writeString(first.imagesDir().resolve("000_opening_00.png"), "stage 1 output");
    Map<String, byte[]> before = snapshot(story);
    ImageTensor other = image(2);
    ExecutionConflictException e =
        assertThrows(
            ExecutionConflictException.class,
            () -> init.init(story, "My Story", "job1", EXEC, other, 5));
    assertEquals(first.inputHash(), e.existingHash());
    assertEquals(TensorHash.inputHash(other), e.newHash());
    assertEquals(EXEC, e.execId());
    assertEquals(first.root(), e.folder());
    assertTrue(e.getMessage().contains("nothing was overwritten"), e.getMessage());
    assertSameTree(before, snapshot(story));
    assertThrows(
        ExecutionConflictException.class,
        () -> init.init(story, "My Story", "job1", EXEC, TensorPng.encode(other), 5));
    assertSameTree(before, snapshot(story));
    // Another job or exec id is independent.
    init.init(story, "My Story", "job2", EXEC, other, 5);
    init.init(story, "My Story", "job1", ExecId.parse("retake-3"), other, 5);
  }

  @Test
  void aFolderLeftBeforeItsMetadataIsCompletedForTheSameInputAndRefusedForAnother()
      throws IOException {
    ImageTensor input = image(4);
    String hash = TensorHash.inputHash(input);
    ExecutionLayout layout = ExecutionLayout.of(story, "job1", EXEC);
    Files.createDirectories(layout.input());
    byte[] leftover = TensorPng.encode(input);
    Files.write(layout.sourceImage(hash), leftover);
    Files.writeString(layout.input().resolve("notes.txt"), "not a source");
    Files.writeString(layout.input().resolve("source_nothex.png"), "not a hash");

    ExecutionConflictException e =
        assertThrows(
            ExecutionConflictException.class,
            () -> init.init(story, "s", "job1", EXEC, image(5), 2));
    assertEquals(hash, e.existingHash());
    assertFalse(Files.exists(layout.metadataFile()));

    ExecutionContext c = init.init(story, "s", "job1", EXEC, input, 2);
    assertEquals(hash, c.inputHash());
    assertArrayEquals(leftover, Files.readAllBytes(c.sourceImage()));
    assertEquals(c, ExecutionContext.open(story, "job1", EXEC));
  }

  @Test
  void pngInputIsSavedAsGivenAndHashedAsItsTensor() throws IOException {
    ImageTensor input = image(6);
    byte[] png = TensorPng.encode(input);
    ExecutionContext c = init.init(story, "s", "job1", EXEC, png, 1);
    assertEquals(TensorHash.inputHash(TensorPng.decode(png)), c.inputHash());
    assertEquals(TensorHash.inputHash(input), c.inputHash(), "8-bit values survive the PNG");
    assertArrayEquals(png, Files.readAllBytes(c.sourceImage()));
  }

  /**
   * Issue 10 item 19: a tensor whose values are not 8-bit (a model's output) was hashed
   * unquantised but saved as an 8-bit PNG, so hashing the saved PNG gave another hash. The hash
   * is of what is saved.
   */
  @Test
  void aTensorIsHashedAsTheImageItIsSavedAs() throws IOException {
    float[] data = {0.1234f, 0.5f, 0.999f, 0.0001f, 1.5f, -0.2f, Float.NaN, 0.33333f, 0.7f};
    ImageTensor raw = new ImageTensor(data, 1, 1, 3, 3);
    assertNotEquals(TensorHash.inputHash(raw), TensorHash.inputHash(TensorPng.quantized(raw)));
    ExecutionContext c = init.init(story, "s", "job1", EXEC, raw, 1);
    byte[] saved = Files.readAllBytes(c.sourceImage());
    assertEquals(TensorHash.inputHash(TensorPng.decode(saved)), c.inputHash());
    assertEquals(TensorHash.inputHash(TensorPng.quantized(raw)), c.inputHash());
    // the saved PNG, given as bytes, is the same input
    assertEquals(c, init.init(story, "s", "job1", EXEC, saved, 1));
    // quantized is what decode gives for encode's bytes, value for value
    assertArrayEquals(
        TensorPng.decode(TensorPng.encode(raw)).data(), TensorPng.quantized(raw).data());
    // 8-bit values (a loaded image) are unchanged
    assertEquals(image(3), TensorPng.quantized(image(3)));
  }

  @Test
  void badArgumentsAreRefusedBeforeAnythingIsCreated() throws IOException {
    Map<String, byte[]> before = snapshot(tmp);
    assertThrows(
        IllegalArgumentException.class,
        () -> init.init(story, "s", "job1", EXEC, new byte[] {1, 2, 3}, 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> init.init(story, "s", "job1", EXEC, new ImageTensor(new float[6], 2, 1, 1, 3), 1));
    assertThrows(
        IllegalArgumentException.class, () -> init.init(story, "s", "job1", EXEC, image(1), -1));
    for (String job : List.of("../x", "..", "/abs", "a/b", "", "con", "jöb")) {
      assertThrows(
          InvalidNameException.class, () -> init.init(story, "s", job, null, image(1), 1), job);
    }
    assertThrows(
        NoSuchFileException.class,
        () -> init.init(tmp.resolve("no_story"), "s", "job1", EXEC, image(1), 1));
    assertThrows(NullPointerException.class, () -> init.init(story, null, "job1", EXEC, image(1), 1));
    assertSameTree(before, snapshot(tmp));
  }

  @Test
  void aLinkOutOfTheStoryIsRefusedAndNothingIsCreatedOutside() throws IOException {
    Path outside = Files.createDirectory(tmp.resolve("outside"));
    Files.createDirectories(story.resolve("jobs"));
    Files.createSymbolicLink(story.resolve("jobs/job1"), outside);
    assertThrows(InvalidNameException.class, () -> init.init(story, "s", "job1", EXEC, image(1), 1));
    assertThrows(InvalidNameException.class, () -> init.init(story, "s", "job1", null, image(1), 1));
    assertEquals(List.of(), ExecutionLayoutTest.listAll(outside));
  }

  @Test
  void damagedMetadataIsReportedAndKept() throws IOException {
    ExecutionContext c = init.init(story, "s", "job1", EXEC, image(1), 1);
    Files.writeString(c.layout().metadataFile(), "{\"exec_id\": \"retake-2\"");
    Map<String, byte[]> before = snapshot(story);
    FormatException e =
        assertThrows(FormatException.class, () -> init.init(story, "s", "job1", EXEC, image(1), 1));
    assertEquals(c.layout().metadataFile().toString(), e.file().orElseThrow());
    assertSameTree(before, snapshot(story));
  }

  @Test
  void aFailedMetadataWriteLeavesNoMetadataAndTheNextRunCompletes() throws IOException {
    FileOps failing =
        new ForwardingFileOps(FileOps.system()) {
          @Override
          public void moveAtomically(Path source, Path target) throws IOException {
            if (target.getFileName().toString().equals("metadata.json")) {
              throw new IOException("injected: disk gone");
            }
            super.moveAtomically(source, target);
          }
        };
    ExecutionInit broken =
        ExecutionInit.builder()
            .clock(CLOCK)
            .files(AtomicFiles.builder().fileOps(failing).build())
            .build();
    IOException e =
        assertThrows(IOException.class, () -> broken.init(story, "s", "job1", EXEC, image(1), 1));
    assertTrue(e.getMessage().contains("injected"), e.getMessage());
    ExecutionLayout layout = ExecutionLayout.of(story, "job1", EXEC);
    assertFalse(Files.exists(layout.metadataFile()));
    assertThrows(NoSuchFileException.class, () -> ExecutionContext.open(story, "job1", EXEC));
    ExecutionContext c = init.init(story, "s", "job1", EXEC, image(1), 1);
    assertEquals(c, ExecutionContext.open(story, "job1", EXEC));
    assertEquals(
        List.of("", "images", "input", "input/source_" + c.inputHash() + ".png", "metadata.json", "videos"),
        new ArrayList<>(snapshot(c.root()).keySet()));
  }

  @Test
  void concurrentRunsWithOneExecIdAgreeAndDifferentInputsConflict() throws Exception {
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<ExecutionContext>> same = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        same.add(
            pool.submit(
                () -> {
                  start.await();
                  return ExecutionInit.builder()
                      .clock(Clock.offset(CLOCK, java.time.Duration.ofSeconds(0)))
                      .build()
                      .init(story, "s", "job1", EXEC, image(1), 3);
                }));
      }
      start.countDown();
      ExecutionContext first = same.get(0).get(30, TimeUnit.SECONDS);
      for (Future<ExecutionContext> f : same) {
        assertEquals(first, f.get(30, TimeUnit.SECONDS));
      }

      ExecId contested = ExecId.parse("contested");
      CountDownLatch go = new CountDownLatch(1);
      List<Future<String>> different = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        ImageTensor input = image(10 + i);
        Callable<String> task =
            () -> {
              go.await();
              try {
                return init.init(story, "s", "job1", contested, input, 3).inputHash();
              } catch (ExecutionConflictException e) {
                return "conflict:" + e.existingHash();
              }
            };
        different.add(pool.submit(task));
      }
      go.countDown();
      List<String> results = new ArrayList<>();
      for (Future<String> f : different) {
        results.add(f.get(30, TimeUnit.SECONDS));
      }
      String winner = ExecutionContext.open(story, "job1", contested).inputHash();
      assertEquals(1, results.stream().filter(winner::equals).count(), results.toString());
      assertEquals(
          threads - 1, results.stream().filter(("conflict:" + winner)::equals).count(), results.toString());
      ExecutionLayout layout = ExecutionLayout.of(story, "job1", contested);
      try (Stream<Path> s = Files.list(layout.input())) {
        assertEquals(List.of(layout.sourceImage(winner)), s.toList(), "losers wrote nothing");
      }
    } finally {
      pool.shutdownNow();
      assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
    }
  }

  @Test
  void createUsesTheSystemDefaults() throws IOException {
    ExecutionContext c = ExecutionInit.create().init(story, "s", "job1", null, image(1), 0);
    assertTrue(c.execId().value().matches("\\d{8}_\\d{6}_[0-9a-z]{6}"), c.execId().value());
    assertEquals(0, c.sceneCount());
  }
}
