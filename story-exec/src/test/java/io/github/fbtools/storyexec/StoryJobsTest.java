package io.github.fbtools.storyexec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 items 7 and 8: the reference's {@code list_job_ids}, with its test cases
 * (tests/test_story_video.py, TestListJobIds), and its generated job ids.
 */
class StoryJobsTest {
  @TempDir Path story;

  private Path job(String name, long epochSecond) throws IOException {
    Path dir = Files.createDirectories(story.resolve("jobs").resolve(name));
    Files.setLastModifiedTime(dir, FileTime.from(Instant.ofEpochSecond(epochSecond)));
    return dir;
  }

  @Test
  void noJobsFolderMeansNoJobs() throws IOException {
    assertEquals(List.of(), StoryJobs.list(story));
  }

  @Test
  void aSingleJob() throws IOException {
    job("abc123", 1_000);
    assertEquals(List.of("abc123"), StoryJobs.list(story));
  }

  @Test
  void newestModificationTimeFirst() throws IOException {
    job("old_job", 1_000);
    job("new_job", 2_000);
    job("middle", 1_500);
    job("b_tie", 1_200);
    job("a_tie", 1_200);
    assertEquals(List.of("new_job", "middle", "a_tie", "b_tie", "old_job"), StoryJobs.list(story));
  }

  @Test
  void filesLinksAndNamesNoJobCouldUseAreIgnored() throws IOException {
    job("job1", 1_000);
    Files.writeString(story.resolve("jobs").resolve("some_file.txt"), "ignore me");
    Files.createDirectories(story.resolve("jobs").resolve(".hidden"));
    Files.createDirectories(story.resolve("jobs").resolve("con"));
    Path outside = Files.createDirectories(story.resolve("elsewhere"));
    Files.createSymbolicLink(story.resolve("jobs").resolve("linked"), outside);
    assertEquals(List.of("job1"), StoryJobs.list(story));
  }

  @Test
  void aStoryThatIsNotAFolder() throws IOException {
    assertThrows(NoSuchFileException.class, () -> StoryJobs.list(story.resolve("missing")));
    Path file = Files.writeString(story.resolve("file"), "x");
    assertThrows(NotDirectoryException.class, () -> StoryJobs.list(file));
  }

  @Test
  void newJobIdsAreTwelveLowerCaseHexCharactersNotTaken() throws IOException {
    String id = StoryJobs.newJobId(story, new SplittableRandom(1));
    assertTrue(id.matches("[0-9a-f]{12}"), id);
    assertEquals(StoryJobs.randomId(new SplittableRandom(1)), id);
    job(id, 1_000);
    String next = StoryJobs.newJobId(story, new SplittableRandom(1));
    assertTrue(next.matches("[0-9a-f]{12}") && !next.equals(id), next);
    // a source that always draws one taken id gives up after 100 tries
    java.util.random.RandomGenerator stuck = () -> 0L;
    job(StoryJobs.randomId(stuck), 1_000);
    FileAlreadyExistsException e =
        assertThrows(FileAlreadyExistsException.class, () -> StoryJobs.newJobId(story, stuck));
    assertTrue(e.getMessage().contains("100"), e.getMessage());
  }
}
