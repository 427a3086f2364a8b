package io.github.fbtools.storyexec;

import io.github.fbtools.core.testing.ApiSanity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12 item 1: every public constructor and method of {@code io.github.fbtools.storyexec} rejects a null argument. */
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
}
