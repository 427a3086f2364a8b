package io.github.fbtools.storyexec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.fbtools.core.InvalidNameException;
import io.github.fbtools.core.SceneInStory;
import io.github.fbtools.core.StoryInfo;
import io.github.fbtools.core.files.SafeNames;
import io.github.fbtools.core.testing.Gen;
import io.github.fbtools.core.testing.Gens;
import io.github.fbtools.core.testing.Pbt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile scene names, job ids and exec ids never create (or read) anything outside the story
 * root: each is either refused with {@link InvalidNameException} or stays one segment below it.
 */
class HostileNamesProperties {

  /** Tries per property: each one touches the file system, so fewer than the default. */
  private static final int TRIES = Math.max(1, Pbt.tries() / 5);

  private static final String[] NASTY = {
    "..", ".", "/", "\\", "../", "..\\", "/etc/passwd", "C:", "C:\\Windows", "\\\\server\\share",
    "%2e%2e", "%2f", "\u0000", "\n", "\u2215", "\uFF0F", "\uFF0E\uFF0E", "\u2024\u2024", "con",
    "NUL.txt", "aux", "lpt1", " ", "~", "$HOME", "*", "?", "jobs", "executions", "..\u0301",
    "a\u202Eb", "\uD83D\uDE00", "\u0130", "ß", "x".repeat(70)
  };

  private static final Gen<String> NAMES =
      r -> {
        switch (r.nextInt(4)) {
          case 0:
            return NASTY[r.nextInt(NASTY.length)];
          case 1:
            return NASTY[r.nextInt(NASTY.length)] + Gens.strings("ab./\\_-", 0, 4).next(r)
                + NASTY[r.nextInt(NASTY.length)];
          case 2:
            return Gens.strings("aZ09._- /\\:~%\u0000\uFF0E\u2215", 1, 12).next(r);
          default:
            return Gens.unicodeStrings(1, 10).next(r);
        }
      };

  @TempDir Path tmp;
  private Path story;
  private Path scenes;
  private Path outside;

  @BeforeEach
  void setUp() throws IOException {
    story = Files.createDirectories(tmp.resolve("stories/my_story"));
    scenes = Files.createDirectories(tmp.resolve("scenes"));
    outside = Files.createDirectories(tmp.resolve("stories/outside"));
  }

  private List<Path> everything() {
    try (Stream<Path> s = Files.walk(tmp)) {
      return s.toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void assertNothingOutsideTheStory() {
    for (Path p : everything()) {
      boolean expected =
          p.equals(tmp)
              || p.startsWith(story)
              || p.equals(story.getParent())
              || p.equals(outside)
              || p.equals(scenes);
      assertTrue(expected, () -> "created outside the story root: " + p);
    }
  }

  @Test
  void hostileJobAndExecIdsAreRefusedOrStayInside() {
    ExecutionInit init = ExecutionInit.create();
    ImageTensor input = ExecutionInitTest.image(1);
    int[] accepted = {0};
    Pbt.forAll(
        "hostile job and exec ids stay inside the story root",
        TRIES,
        r -> new String[] {NAMES.next(r), NAMES.next(r), r.nextBoolean() ? "job1" : null},
        in -> {
          String jobId = in[2] != null ? in[2] : in[0];
          ExecId execId;
          try {
            execId = ExecId.parse(in[1]);
          } catch (InvalidNameException e) {
            execId = null; // refused before anything else; a generated id is used instead
          }
          try {
            ExecutionContext c = init.init(story, "s", jobId, execId, input, 1);
            accepted[0]++;
            assertTrue(SafeNames.isValid(SafeNames.Kind.JOB, jobId), jobId);
            assertEquals(story.toRealPath().resolve("jobs").resolve(jobId), c.layout().jobRoot());
            assertEquals(c.layout().executionsDir(), c.root().getParent());
          } catch (InvalidNameException refused) {
            assertTrue(!SafeNames.isValid(SafeNames.Kind.JOB, jobId), jobId);
          } catch (IOException e) {
            fail(e);
          }
          assertNothingOutsideTheStory();
        });
    assertTrue(accepted[0] > 0, "some tries use a valid job id");
  }

  @Test
  void hostileSceneNamesAreRefusedOrStayInside() {
    Pbt.forAll(
        "hostile scene names are refused or resolve to one folder in the scenes root",
        TRIES,
        r -> NAMES.next(r),
        name -> {
          StoryInfo info =
              StoryInfo.of("s", "/x", List.of(SceneInStory.builder(name, 0).build()));
          try {
            SceneDescriptor d =
                StorySceneBatch.builder(info)
                    .storyRoot(story)
                    .scenesRoot(scenes)
                    .jobId("job1")
                    .prompts(
                        (n, dir) -> {
                          assertEquals(scenes.toRealPath(), dir.getParent());
                          return io.github.fbtools.core.PromptCollection.empty();
                        })
                    .load()
                    .descriptors()
                    .get(0);
            assertTrue(SafeNames.isValid(SafeNames.Kind.SCENE, name), name);
            assertEquals(scenes.toRealPath().resolve(name), d.folders().sceneDir());
            assertEquals(d.folders().sceneDir(), d.folders().sourceInputDir().getParent());
          } catch (InvalidNameException refused) {
            assertTrue(!SafeNames.isValid(SafeNames.Kind.SCENE, name), name);
          } catch (IOException e) {
            fail(e);
          }
          assertNothingOutsideTheStory();
        });
  }
}
