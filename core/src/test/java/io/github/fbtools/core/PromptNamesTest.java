package io.github.fbtools.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.fbtools.core.json.FormatException;
import io.github.fbtools.core.files.PromptFiles;
import io.github.fbtools.core.files.StoryPromptNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptNamesTest {
  @TempDir Path scenes;

  @Test
  void availableNamesAreV2NamesPlusStringKeysOfTheBackup() {
    Map<String, Object> v1 = new LinkedHashMap<>();
    v1.put("girl_pos", "g");
    v1.put("male_pos", "");
    v1.put("count", 3);
    v1.put("version_note", null);
    PromptCollection c = PromptCollection.fromLegacy(v1).withPrompt("zeta", "z").withPrompt("\uff21", "a");
    assertEquals(List.of("girl_pos", "male_pos", "zeta", "\uff21"), PromptNames.available(c));
    assertEquals(List.of(), PromptNames.available(PromptCollection.empty()));
  }

  @Test
  void storyIndex() throws IOException {
    Files.createDirectories(scenes.resolve("one"));
    Files.writeString(scenes.resolve("one/prompts.json"), "{\"girl_pos\": \"g\", \"male_pos\": \"\"}");
    Files.createDirectories(scenes.resolve("two"));
    PromptFiles.create().write(scenes.resolve("two"), PromptCollection.empty().withPrompt("girl_pos", "x").withPrompt("extra", "e"));
    StoryInfo story =
        StoryInfo.of(
            "s",
            "",
            List.of(
                SceneInStory.builder("one", 0).build(),
                SceneInStory.builder("two", 1).build(),
                SceneInStory.builder("missing", 2).build(),
                SceneInStory.builder("one", 3).build()));
    PromptNames.Index index = StoryPromptNames.inStory(story, scenes);
    assertEquals(List.of("extra", "girl_pos", "male_pos"), index.names());
    assertEquals(List.of("one", "two"), index.scenesWith("girl_pos"));
    assertEquals(List.of("missing"), index.scenesWithout("girl_pos"));
    assertEquals(List.of("one", "missing"), index.scenesWithout("extra"));
    assertEquals(List.of("extra", "girl_pos"), StoryPromptNames.inScene(scenes.resolve("two")));
    assertEquals(List.of("one", "two", "missing"), List.copyOf(index.byScene().keySet()));
    StoryInfo hostile = StoryInfo.of("s", "", List.of(SceneInStory.builder("../etc", 0).build()));
    assertThrows(InvalidNameException.class, () -> StoryPromptNames.inStory(hostile, scenes));
    Files.writeString(scenes.resolve("one/prompts.json"), "{\"version\": 2, \"prompts\": 5}");
    assertThrows(FormatException.class, () -> StoryPromptNames.inStory(story, scenes));
  }
}
