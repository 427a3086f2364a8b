package io.github.fbtools.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.Libber;
import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.StoryInfo;
import io.github.fbtools.core.files.AtomicFiles;
import io.github.fbtools.core.json.FbJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleStoryTest {
  private static final Path SOURCE =
      Path.of("src/main/resources/io/github/fbtools/examples/sample");

  @Test
  void indexListsEveryJsonFileOfTheSample() throws IOException {
    List<String> onDisk = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCE)) {
      files
          .filter(Files::isRegularFile)
          .map(p -> SOURCE.relativize(p).toString().replace('\\', '/'))
          .filter(p -> p.endsWith(".json"))
          .sorted()
          .forEach(onDisk::add);
    }
    assertEquals(onDisk, SampleStory.files());
    assertEquals(7, onDisk.size());
  }

  private static String text(String relative) {
    return new String(SampleStory.bytes(relative), StandardCharsets.UTF_8);
  }

  @Test
  void filesAreInThePythonExtensionsFormats() {
    for (String f : SampleStory.files()) {
      String t = text(f);
      // json.dump writes no final newline.
      assertFalse(t.endsWith("\n"), f);
      assertTrue(t.startsWith("{\n"), f);
    }
    // Libber.save and save_story: indent 2, non-ASCII raw.
    assertTrue(text("libbers/noir.json").startsWith("{\n  \"libs\": {\n    \"courier\""));
    assertTrue(text("libbers/noir.json").contains("café"));
    assertTrue(text("stories/night_courier/story.json").startsWith("{\n  \"version\": 2,\n"));
    // save_json_file: indent 4; one old v1 file with indent 2 and ASCII escapes.
    assertTrue(text("scenes/opening/prompts.json").startsWith("{\n    \"girl_pos\""));
    assertTrue(text("scenes/opening/prompts.json").contains("café"));
    assertTrue(text("scenes/chase/prompts.json").startsWith("{\n  \"girl_pos\""));
    assertTrue(text("scenes/chase/prompts.json").contains("se\\u00f1al"));
    assertTrue(text("scenes/ending/prompts.json").contains("relief \\u2014 the"));
    assertTrue(text("scenes/meeting/prompts.json").startsWith("{\n    \"version\": 2,"));
  }

  @Test
  void filesReadWithTheLibrary() {
    Libber noir = Libber.fromJson(text("libbers/noir.json"));
    assertTrue(noir.analyze().isClean());
    assertEquals("a young courier in a yellow raincoat", noir.substitute("%courier%"));
    StoryInfo story = StoryInfo.fromJson(text("stories/night_courier/story.json"));
    assertEquals(SampleStory.STORY, story.storyName());
    assertEquals(4, story.scenes().size());
    for (String scene : List.of("opening", "meeting", "chase", "ending")) {
      PromptCollection c = PromptCollection.fromJson(text("scenes/" + scene + "/prompts.json"));
      assertFalse(c.promptNames().isEmpty(), scene);
    }
    assertEquals(
        2,
        PromptCollection.formatVersionOf(
            FbJson.parseObject(text("scenes/meeting/prompts.json"))));
    assertEquals(
        1,
        PromptCollection.formatVersionOf(
            FbJson.parseObject(text("scenes/chase/prompts.json"))));
  }

  @Test
  void copyWritesTheBytesAsTheyAre(@TempDir Path tmp) throws IOException {
    List<Path> written = SampleStory.copyTo(tmp, AtomicFiles.create());
    assertEquals(SampleStory.files().size(), written.size());
    for (String f : SampleStory.files()) {
      assertArrayEquals(SampleStory.bytes(f), Files.readAllBytes(tmp.resolve(f)), f);
    }
  }
}
