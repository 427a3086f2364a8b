package io.github.fbtools.storyexec;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.testing.EqualsTester;
import io.github.fbtools.core.testing.ApiSanity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 item 1: every public constructor and method of {@code io.github.fbtools.storyexec}
 * rejects a null argument, and its value types have value equality.
 */
class StoryExecSanityTest {
  @Test
  void publicApiRejectsNulls(@TempDir Path tmp) throws IOException {
    Path path = tmp.resolve("not-there");
    Path storyRoot = Files.createDirectory(tmp.resolve("story"));
    ExecId execId = ExecId.parse("retake-1");
    ApiSanity.withCoreDefaults(path)
        .setDefault(ExecId.class, execId)
        .setDefault(ImageTensor.class, new ImageTensor(new float[3], 1, 1, 1, 3))
        .setDefault(StoryImage.class, new StoryImage(path.resolve("000_opening_00.png"), 0, "opening", 0))
        .setDefault(ExecutionLayout.class, ExecutionLayout.of(storyRoot, "job1", execId))
        .assertNullChecks(
        ApiSanity.publicTypes("io.github.fbtools.storyexec", Set.of()));
  }

  @Test
  void valueTypesHaveValueEquality(@TempDir Path tmp) {
    new EqualsTester()
        .addEqualityGroup(
            new ImageTensor(new float[] {0f, 0.5f, 1f}, 1, 1, 1, 3),
            new ImageTensor(new float[] {0f, 0.5f, 1f}, 1, 1, 1, 3))
        .addEqualityGroup(new ImageTensor(new float[] {0f, 0.5f, 0.25f}, 1, 1, 1, 3))
        .addEqualityGroup(new ImageTensor(new float[] {0f, 0.5f, 1f}, 1, 1, 3, 1))
        .addEqualityGroup(new ImageTensor(new float[] {0f, 0.5f, 1f}, 3, 1, 1, 1))
        .testEquals();
    new EqualsTester()
        .addEqualityGroup(ExecId.parse("retake-1"), ExecId.parse("retake-1"))
        .addEqualityGroup(ExecId.parse("retake-2"))
        .testEquals();
    StoryImage opening = new StoryImage(tmp.resolve("000_opening_00.png"), 0, "opening", 0);
    StoryImage action = new StoryImage(tmp.resolve("001_action_00.png"), 1, "action", 0);
    new EqualsTester()
        .addEqualityGroup(
            opening, new StoryImage(tmp.resolve("000_opening_00.png"), 0, "opening", 0))
        .addEqualityGroup(action)
        .testEquals();
    new EqualsTester()
        .addEqualityGroup(
            new CollectedImages(List.of(opening, action), 0),
            new CollectedImages(List.of(opening, action), 0))
        .addEqualityGroup(new CollectedImages(List.of(opening, action), 1))
        .addEqualityGroup(new CollectedImages(List.of(opening), 0))
        .testEquals();
  }

  /**
   * Two batches that differ only in the Libbers their prompts named but the source lacked are not
   * equal: {@link StorySceneBatch#missingLibbers()} tells them apart.
   */
  @Test
  void batchesWithOtherMissingLibbersAreNotEqual(@TempDir Path tmp) {
    new EqualsTester()
        .addEqualityGroup(
            new StorySceneBatch("job1", tmp, ImmutableList.of(), null, ImmutableMap.of()),
            new StorySceneBatch("job1", tmp, ImmutableList.of(), null, ImmutableMap.of()))
        .addEqualityGroup(
            new StorySceneBatch(
                "job1",
                tmp,
                ImmutableList.of(),
                null,
                ImmutableMap.of("opening", List.of("styles"))))
        .addEqualityGroup(
            new StorySceneBatch("job2", tmp, ImmutableList.of(), null, ImmutableMap.of()))
        .testEquals();
  }
}
