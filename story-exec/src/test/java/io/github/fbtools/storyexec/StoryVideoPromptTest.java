package io.github.fbtools.storyexec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.fbtools.core.Libber;
import io.github.fbtools.core.LibberSource;
import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.PromptMetadata;
import io.github.fbtools.core.SceneInStory;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 item 7: the reference's {@code resolve_video_prompt}, with its test cases
 * (tests/test_story_video.py, TestResolveVideoPrompt).
 */
class StoryVideoPromptTest {

  private static SceneInStory.Builder scene(String source) {
    return SceneInStory.builder("opening", 0).videoPromptSource(source);
  }

  @Test
  void autoUsesTheImagePrompt() {
    assertEquals(
        "a beautiful landscape",
        StoryVideoPrompt.resolve(scene("auto").build(), "a beautiful landscape", Map.of()));
    assertEquals(
        "by default",
        StoryVideoPrompt.resolve(SceneInStory.builder("s", 0).build(), "by default", Map.of()),
        "auto is the default source");
  }

  @Test
  void customUsesTheCustomVideoPrompt() {
    SceneInStory s = scene("custom").videoCustomPrompt("smooth camera pan over landscape").build();
    assertEquals(
        "smooth camera pan over landscape", StoryVideoPrompt.resolve(s, "ignored", Map.of()));
  }

  @Test
  void promptLooksTheKeyUp() {
    SceneInStory s = scene("prompt").videoPromptKey("video_transition").build();
    assertEquals(
        "cinematic zoom transition",
        StoryVideoPrompt.resolve(
            s, "image", Map.of("video_transition", "cinematic zoom transition")));
    SceneInStory missing = scene("prompt").videoPromptKey("missing_key").build();
    assertEquals("", StoryVideoPrompt.resolve(missing, "image", Map.of()));
    SceneInStory noKey = scene("prompt").build();
    assertEquals("", StoryVideoPrompt.resolve(noKey, "image", Map.of("", "x")));
  }

  @Test
  void compositionReturnsTheKey() {
    SceneInStory s = scene("composition").videoPromptKey("my_composition").build();
    assertEquals("my_composition", StoryVideoPrompt.resolve(s, "image", Map.of()));
  }

  @Test
  void anyOtherSourceFallsBackToTheImagePrompt() {
    assertEquals(
        "fallback prompt",
        StoryVideoPrompt.resolve(scene("unknown").build(), "fallback prompt", Map.of()));
  }

  @Test
  void aCollectionIsSearchedWholeWithLibbersApplied() {
    PromptCollection prompts =
        PromptCollection.empty()
            .withPrompt("pan", PromptMetadata.of("%move%").withProcessingType(PromptMetadata.LIBBER)
                .withLibberName("moves"));
    LibberSource libbers = LibberSource.of(Map.of("moves", Libber.of(Map.of("move", "slow pan"))));
    SceneInStory s = scene("prompt").videoPromptKey("pan").build();
    assertEquals("slow pan", StoryVideoPrompt.resolve(s, "image", prompts, libbers));
    assertEquals(
        "", StoryVideoPrompt.resolve(scene("prompt").videoPromptKey("x").build(), "i", prompts, libbers));
    assertEquals("i", StoryVideoPrompt.resolve(scene("auto").build(), "i", prompts, libbers));
  }
}
