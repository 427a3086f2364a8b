package io.github.fbtools.core.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.fbtools.core.testing.Pbt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seeded properties of {@link StoryFiles}. */
class StoryFilesProperties {
  @TempDir Path tmp;

  private final StoryFiles stories = StoryFiles.using(FilesTesting.fastFiles());

  @Test
  void everyStoryRoundTripsWithItsIdsAndTheSecondSaveChangesNothing() {
    Fingerprint[] fingerprint = {Fingerprint.absent()};
    Pbt.forAll(
        "story write, load, write",
        LibberFilesProperties.ioTries(),
        FilesGens::story,
        story -> {
          try {
            StoryFiles.Written w = stories.write(tmp, "s", story, fingerprint[0]);
            StoryFiles.Loaded loaded =
                stories
                    .load(tmp, "s", () -> {
                      throw new AssertionError("every scene has an id");
                    })
                    .orElseThrow();
            assertEquals(story, loaded.story());
            assertEquals(w.fingerprint(), loaded.fingerprint());
            Map<String, String> once = FilesTesting.snapshot(tmp);
            StoryFiles.Written again = stories.write(tmp, "s", loaded.story(), loaded.fingerprint());
            assertFalse(again.changed());
            assertEquals(once, FilesTesting.snapshot(tmp));
            fingerprint[0] = again.fingerprint();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
