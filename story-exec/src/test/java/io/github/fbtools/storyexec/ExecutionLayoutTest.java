package io.github.fbtools.storyexec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.InvalidNameException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExecutionLayoutTest {

  private static final ExecId EXEC = ExecId.parse("20260314_093005_k3x9q1");

  @TempDir Path tmp;

  @Test
  void derivesEveryFolderFromTheThreeNames() throws IOException {
    Path story = Files.createDirectory(tmp.resolve("my_story"));
    ExecutionLayout layout = ExecutionLayout.of(story, "job1", EXEC);
    Path real = story.toRealPath();
    Path root = real.resolve("jobs/job1/executions/20260314_093005_k3x9q1");
    assertEquals(real, layout.storyRoot());
    assertEquals("job1", layout.jobId());
    assertEquals(EXEC, layout.execId());
    assertEquals(real.resolve("jobs/job1"), layout.jobRoot());
    assertEquals(real.resolve("jobs/job1/executions"), layout.executionsDir());
    assertEquals(root, layout.root());
    assertEquals(root.resolve("input"), layout.input());
    assertEquals(root.resolve("images"), layout.images());
    assertEquals(root.resolve("videos"), layout.videos());
    assertEquals(root.resolve("metadata.json"), layout.metadataFile());
    assertEquals(
        root.resolve("input/source_0123456789ab.png"), layout.sourceImage("0123456789ab"));
    assertEquals(real.resolve("jobs/job1/executions"), ExecutionLayout.executionsDir(story, "job1"));
    assertEquals(List.of(), listAll(story), "nothing is created");
  }

  @Test
  void theStoryRootIsItsRealPath() throws IOException {
    Path story = Files.createDirectory(tmp.resolve("real_story"));
    Path link = Files.createSymbolicLink(tmp.resolve("linked_story"), story);
    assertEquals(
        story.toRealPath(), ExecutionLayout.of(link, "job1", EXEC).storyRoot());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "..", "../x", "a/b", "a\\b", "/abs", "C:x", "con", "job..1", "job.", " job", "jöb",
        "job\u0000", "job 1", "-job", ".hidden"
      })
  void hostileJobIdsAreRefusedBeforeAnyFileSystemCall(String jobId) {
    Path missing = tmp.resolve("does_not_exist");
    assertThrows(InvalidNameException.class, () -> ExecutionLayout.of(missing, jobId, EXEC));
    assertThrows(InvalidNameException.class, () -> ExecutionLayout.executionsDir(missing, jobId));
    assertThrows(
        InvalidNameException.class, () -> new ExecutionLayout(tmp.toAbsolutePath(), jobId, EXEC));
  }

  @Test
  void aLinkOutOfTheStoryIsRefusedAtEveryLevel() throws IOException {
    Path outside = Files.createDirectory(tmp.resolve("outside"));
    for (int level = 0; level < 5; level++) {
      Path story = Files.createDirectory(tmp.resolve("story" + level));
      Path[] chain = {
        story.resolve("jobs"),
        story.resolve("jobs/job1"),
        story.resolve("jobs/job1/executions"),
        story.resolve("jobs/job1/executions/" + EXEC),
        story.resolve("jobs/job1/executions/" + EXEC + "/images")
      };
      for (int i = 0; i < level; i++) {
        Files.createDirectory(chain[i]);
      }
      Files.createSymbolicLink(chain[level], outside);
      InvalidNameException e =
          assertThrows(InvalidNameException.class, () -> ExecutionLayout.of(story, "job1", EXEC));
      assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
    }
    assertEquals(List.of(), listAll(outside));
  }

  @Test
  void aDanglingLinkIsRefused() throws IOException {
    Path story = Files.createDirectory(tmp.resolve("story"));
    Files.createSymbolicLink(story.resolve("jobs"), tmp.resolve("gone"));
    assertThrows(InvalidNameException.class, () -> ExecutionLayout.of(story, "job1", EXEC));
  }

  @Test
  void aLinkThatStaysInsideItsFolderIsAccepted() throws IOException {
    Path story = Files.createDirectory(tmp.resolve("story"));
    Path job = Files.createDirectories(story.resolve("jobs/job1"));
    Files.createDirectory(job.resolve("real_executions"));
    Files.createSymbolicLink(job.resolve("executions"), job.resolve("real_executions"));
    ExecutionLayout layout = ExecutionLayout.of(story, "job1", EXEC);
    assertTrue(layout.root().startsWith(layout.storyRoot()));
  }

  @Test
  void theStoryRootMustBeAnExistingDirectory() throws IOException {
    assertThrows(
        NoSuchFileException.class, () -> ExecutionLayout.of(tmp.resolve("nope"), "job1", EXEC));
    Path file = Files.writeString(tmp.resolve("file"), "x");
    assertThrows(NotDirectoryException.class, () -> ExecutionLayout.of(file, "job1", EXEC));
  }

  @Test
  void theConstructorChecksWithoutTouchingTheFileSystem() {
    Path root = tmp.toAbsolutePath().resolve("never_created");
    ExecutionLayout layout = new ExecutionLayout(root, "job1", EXEC);
    assertEquals(root.resolve("jobs/job1/executions/" + EXEC), layout.root());
    assertThrows(
        IllegalArgumentException.class, () -> new ExecutionLayout(Path.of("relative"), "j", EXEC));
    assertThrows(
        IllegalArgumentException.class,
        () -> new ExecutionLayout(root.resolve("a/../b"), "j", EXEC));
    assertThrows(NullPointerException.class, () -> new ExecutionLayout(root, "j", null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "0123456789a", "0123456789abc", "0123456789AB", "0123456789ag", "../../../x"})
  void sourceImagesNeedARealInputHash(String hash) {
    ExecutionLayout layout = new ExecutionLayout(tmp.toAbsolutePath(), "job1", EXEC);
    assertThrows(IllegalArgumentException.class, () -> layout.sourceImage(hash));
  }

  static List<Path> listAll(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> !p.equals(dir)).sorted().toList();
    }
  }
}
