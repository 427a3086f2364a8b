package io.github.fbtools.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.json.FormatException;
import io.github.fbtools.core.json.FbJson;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoryInfoTest {

  /** A story.json as the reference's save_story writes it (indent 2, no trailing newline). */
  static final String REFERENCE_STORY =
      "{\n"
          + "  \"version\": 2,\n"
          + "  \"story_name\": \"demo\",\n"
          + "  \"story_dir\": \"/comfy/output/stories/demo\",\n"
          + "  \"scenes\": [\n"
          + "    {\n"
          + "      \"scene_name\": \"action\",\n"
          + "      \"scene_order\": 1,\n"
          + "      \"mask_name\": \"\",\n"
          + "      \"mask_background\": true,\n"
          + "      \"prompt_source\": \"composition\",\n"
          + "      \"prompt_key\": \"full\",\n"
          + "      \"custom_prompt\": \"\",\n"
          + "      \"video_prompt_source\": \"auto\",\n"
          + "      \"video_prompt_key\": \"\",\n"
          + "      \"video_custom_prompt\": \"\",\n"
          + "      \"depth_type\": \"midas\",\n"
          + "      \"pose_type\": \"dw\",\n"
          + "      \"use_depth\": true,\n"
          + "      \"use_mask\": false,\n"
          + "      \"use_pose\": true,\n"
          + "      \"use_canny\": false\n"
          + "    },\n"
          + "    {\n"
          + "      \"scene_name\": \"opening\",\n"
          + "      \"scene_order\": 0,\n"
          + "      \"mask_name\": \"girl\",\n"
          + "      \"mask_background\": false,\n"
          + "      \"prompt_source\": \"prompt\",\n"
          + "      \"prompt_key\": \"girl_pos\",\n"
          + "      \"custom_prompt\": \"\",\n"
          + "      \"video_prompt_source\": \"custom\",\n"
          + "      \"video_prompt_key\": \"\",\n"
          + "      \"video_custom_prompt\": \"she waves\",\n"
          + "      \"depth_type\": \"depth\",\n"
          + "      \"pose_type\": \"open\",\n"
          + "      \"use_depth\": false,\n"
          + "      \"use_mask\": true,\n"
          + "      \"use_pose\": false,\n"
          + "      \"use_canny\": false\n"
          + "    }\n"
          + "  ]\n"
          + "}";

  static Supplier<String> ids() {
    AtomicInteger n = new AtomicInteger();
    return () -> "id-" + n.getAndIncrement();
  }

  @Test
  void readsAReferenceFileAndGivesMissingIdsFromTheSupplier() {
    StoryInfo story = StoryInfo.fromJson(REFERENCE_STORY, ids());
    assertEquals("demo", story.storyName());
    assertEquals("/comfy/output/stories/demo", story.storyDir());
    assertEquals(2, story.scenes().size());
    SceneInStory action = story.scenes().get(0);
    assertEquals("id-0", action.sceneId());
    assertEquals("composition", action.promptSource());
    assertEquals("midas", action.depthType());
    assertTrue(action.useDepth() && action.usePose());
    SceneInStory opening = story.scenes().get(1);
    assertEquals("id-1", opening.sceneId());
    assertFalse(opening.maskBackground());
    assertEquals("she waves", opening.videoCustomPrompt());
    assertEquals(
        List.of("opening", "action"),
        story.scenesInOrder().stream().map(SceneInStory::sceneName).toList());
  }

  @Test
  void sceneIdsSurviveSaveAndLoad() {
    StoryInfo story = StoryInfo.fromJson(REFERENCE_STORY);
    String json = story.toJson();
    StoryInfo again = StoryInfo.fromJson(json, () -> "never used");
    assertEquals(story, again);
    assertEquals(json, again.toJson());
    assertTrue(json.startsWith("{\n  \"version\": 2,\n  \"story_name\": \"demo\",\n"));
    assertTrue(json.contains("\"scene_id\": \"" + story.scenes().get(0).sceneId() + "\",\n      \"scene_name\": \"action\""));
  }

  @Test
  void writesTheReferenceKeysInOrderAfterTheId() {
    StoryInfo story = StoryInfo.fromJson(REFERENCE_STORY, ids());
    Map<String, Object> scene = story.scenes().get(0).toJsonObject();
    assertEquals(SceneInStory.KEYS, List.copyOf(scene.keySet()));
  }

  @Test
  void legacyMaskTypeFillsAnEmptyMaskName() {
    String doc =
        "{\"version\": 2, \"scenes\": [{\"scene_name\": \"a\", \"scene_order\": 0, \"mask_type\":"
            + " \"girl_no_bg\"}, {\"scene_name\": \"b\", \"scene_order\": 1, \"mask_type\": \"boy\","
            + " \"mask_background\": false}, {\"scene_name\": \"c\", \"scene_order\": 2, \"mask_type\":"
            + " \"x\", \"mask_name\": \"kept\", \"mask_background\": false}, {\"scene_name\": \"d\","
            + " \"scene_order\": 3, \"mask_type\": \"a_no_bg_no_bg\"}]}";
    List<SceneInStory> s = StoryInfo.fromJson(doc, ids()).scenes();
    assertEquals("girl", s.get(0).maskName());
    assertFalse(s.get(0).maskBackground());
    assertEquals("boy", s.get(1).maskName());
    assertTrue(s.get(1).maskBackground(), "the reference overrides an explicit false");
    assertEquals("kept", s.get(2).maskName());
    assertFalse(s.get(2).maskBackground());
    assertEquals("a", s.get(3).maskName(), "every _no_bg is removed");
    assertFalse(s.get(0).toJsonObject().containsKey("mask_type"));
  }

  @Test
  void legacyPromptTypeFillsAnEmptySourceAndOverridesInVersionOne() {
    String v2 =
        "{\"version\": 2, \"scenes\": [{\"scene_name\": \"a\", \"scene_order\": 0, \"prompt_type\":"
            + " \"girl_pos\"}, {\"scene_name\": \"b\", \"scene_order\": 1, \"prompt_type\": \"custom\"},"
            + " {\"scene_name\": \"c\", \"scene_order\": 2, \"prompt_type\": \"girl_pos\","
            + " \"prompt_source\": \"composition\", \"prompt_key\": \"full\"}]}";
    List<SceneInStory> s = StoryInfo.fromJson(v2, ids()).scenes();
    assertEquals("prompt", s.get(0).promptSource());
    assertEquals("girl_pos", s.get(0).promptKey());
    assertEquals("custom", s.get(1).promptSource());
    assertEquals("", s.get(1).promptKey());
    assertEquals("composition", s.get(2).promptSource(), "v2 keeps an explicit source");
    String v1 = v2.replace("\"version\": 2, ", "");
    List<SceneInStory> t = StoryInfo.fromJson(v1, ids()).scenes();
    assertEquals("prompt", t.get(2).promptSource(), "v1 migrates prompt_type over the source");
    assertEquals("girl_pos", t.get(2).promptKey());
  }

  @Test
  void defaultsOfTheReference() {
    SceneInStory s =
        StoryInfo.fromJson("{\"scenes\": [{\"scene_name\": \"a\", \"scene_order\": \"3\"}]}", ids())
            .scenes()
            .get(0);
    assertEquals(3, s.sceneOrder(), "lax \"3\" accepted");
    assertEquals("", s.maskName());
    assertTrue(s.maskBackground());
    assertEquals("prompt", s.promptSource());
    assertEquals("auto", s.videoPromptSource());
    assertEquals("depth", s.depthType());
    assertEquals("open", s.poseType());
    assertFalse(s.useDepth() || s.useMask() || s.usePose() || s.useCanny());
    StoryInfo empty = StoryInfo.fromJson("{}", ids());
    assertEquals("", empty.storyName());
    assertEquals(List.of(), empty.scenes());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"version\": 3}",
        "{\"version\": \"2\"}",
        "{\"story_name\": 5}",
        "{\"scenes\": {}}",
        "{\"scenes\": [5]}",
        "{\"scenes\": [{\"scene_order\": 0}]}",
        "{\"scenes\": [{\"scene_name\": \"a\"}]}",
        "{\"scenes\": [{\"scene_name\": \"a\", \"scene_order\": \"x\"}]}",
        "{\"scenes\": [{\"scene_name\": \"a\", \"scene_order\": 1.5}]}",
        "{\"scenes\": [{\"scene_name\": \"a\", \"scene_order\": true}]}",
        "{\"scenes\": [{\"scene_name\": \"a\", \"scene_order\": 0, \"use_depth\": \"yes\"}]}",
        "{\"scenes\": [{\"scene_name\": \"a\", \"scene_order\": 0, \"mask_name\": null}]}",
        "{\"scenes\": [{\"scene_name\": 1, \"scene_order\": 0}]}",
        "[]"
      })
  void malformedStoriesAreFormatErrors(String doc) {
    FormatException e = assertThrows(FormatException.class, () -> StoryInfo.fromJson(doc, ids()));
    assertTrue(e.line() >= 1, e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"story_name", "story_dir", "scenes"})
  void nullTopLevelFieldsAreRefusedAsTheReferenceDoes(String field) {
    // One null policy in story.json (docs/json-fields.md): the reference's pydantic model refuses
    // None for a str or list field, as this file's scene items always did; before the one JSON
    // field reader, the top level read null as "" or [].
    Map<String, Object> fields = new java.util.LinkedHashMap<>();
    fields.put("story_name", "s");
    fields.put("story_dir", "d");
    fields.put("scenes", List.of());
    fields.put(field, null);
    String doc = FbJson.write(fields);
    FormatException e = assertThrows(FormatException.class, () -> StoryInfo.fromJson(doc, ids()));
    assertEquals("/" + field, e.path().orElseThrow());
    assertTrue(e.reason().startsWith(field + " must be "), e.reason());
    assertTrue(e.reason().endsWith(", found null"), e.reason());
    assertTrue(e.line() >= 1, e.getMessage());
    // Missing fields still take their defaults, and a null version still means 1.
    StoryInfo story = StoryInfo.fromJson("{\"version\": null}", ids());
    assertEquals("", story.storyName());
    assertEquals(List.of(), story.scenes());
  }

  @Test
  void unknownFieldsAreKept() {
    String doc =
        "{\"story_name\": \"s\", \"theme\": \"noir\", \"scenes\": [{\"scene_name\": \"a\","
            + " \"scene_order\": 0, \"scene_id\": \"fixed\", \"lighting\": {\"k\": 1}}]}";
    StoryInfo story = StoryInfo.fromJson(doc, ids());
    assertEquals(Map.of("theme", "noir"), story.extra());
    assertEquals(Map.of("lighting", Map.of("k", 1L)), story.scenes().get(0).extra());
    StoryInfo again = StoryInfo.fromJson(story.toJson(), ids());
    assertEquals(story, again);
    assertEquals("fixed", again.scenes().get(0).sceneId());
  }

  @Test
  void lookupsAndWithers() {
    SceneInStory a = SceneInStory.builder("same", 2).sceneId("a").build();
    SceneInStory b = SceneInStory.builder("same", 1).sceneId("b").build();
    SceneInStory c = SceneInStory.builder("other", 1).sceneId("c").build();
    StoryInfo story = StoryInfo.of("s", "", List.of(a, b, c));
    assertEquals(List.of(a, b), story.scenesByName("same"));
    assertEquals(Optional.of(c), story.sceneById("c"));
    assertEquals(Optional.empty(), story.sceneById("z"));
    assertEquals(List.of(b, c, a), story.scenesInOrder(), "stable for equal orders");
    SceneInStory a2 = a.toBuilder().useCanny(true).build();
    assertEquals(List.of(a2, b, c), story.withScene(a2).scenes());
    SceneInStory d = SceneInStory.builder("new", 9).build();
    assertEquals(4, story.withScene(d).scenes().size());
    assertEquals(List.of(b, c), story.withoutScene("a").scenes());
    assertSame(story, story.withoutScene("zz"));
    assertThrows(UnsupportedOperationException.class, () -> story.scenes().clear());
  }

  @Test
  void builderSetsEveryField() {
    SceneInStory s =
        SceneInStory.builder("n", 4)
            .sceneId("i")
            .maskName("m")
            .maskBackground(false)
            .promptSource("custom")
            .promptKey("k")
            .customPrompt("cp")
            .videoPromptSource("prompt")
            .videoPromptKey("vk")
            .videoCustomPrompt("vc")
            .depthType("zoe")
            .poseType("dw")
            .useDepth(true)
            .useMask(true)
            .usePose(true)
            .useCanny(true)
            .extra(Map.of("x", 1))
            .build();
    SceneInStory back =
        SceneInStory.fromJsonObject(s.toJsonObject(), 2, "/scenes/0", () -> "unused");
    assertEquals(s, back);
    assertEquals(s, s.toBuilder().build());
    assertThrows(
        IllegalArgumentException.class, () -> SceneInStory.builder("n", 0).extra(Map.of("scene_name", "x")).build());
    assertTrue(SceneInStory.builder("n", 0).build().sceneId().length() == 36, "random UUID");
  }

  /** Issue 10 item 21: ids of scenes read without one are derived, so every read agrees. */
  @Test
  void scenesWithoutAnIdGetDerivedStableIds() {
    String json =
        "{\"story_name\": \"tale\", \"scenes\": [{\"scene_name\": \"a\", \"scene_order\": 0},"
            + " {\"scene_name\": \"b\", \"scene_order\": 1}, {\"scene_name\": \"a\","
            + " \"scene_order\": 2}, {\"scene_id\": \"kept\", \"scene_name\": \"c\","
            + " \"scene_order\": 3}]}";
    List<String> ids = StoryInfo.fromJson(json).scenes().stream().map(SceneInStory::sceneId).toList();
    assertEquals(ids, StoryInfo.fromJson(json).scenes().stream().map(SceneInStory::sceneId).toList());
    assertEquals(
        List.of(SceneInStory.derivedId("tale", "a", 0), SceneInStory.derivedId("tale", "b", 0),
            SceneInStory.derivedId("tale", "a", 1), "kept"),
        ids);
    assertEquals(4, new java.util.HashSet<>(ids).size());
    // another scene elsewhere in the file does not change the others' ids
    String more = json.replace("[{", "[{\"scene_name\": \"new\", \"scene_order\": 9}, {");
    List<String> after = StoryInfo.fromJson(more).scenes().stream().map(SceneInStory::sceneId).toList();
    assertEquals(ids, after.subList(1, 5));
    assertEquals(ids, StoryInfo.fromJsonObject(FbJson.parseObject(json)).scenes().stream()
        .map(SceneInStory::sceneId).toList());
    assertNotEquals(SceneInStory.derivedId("other", "a", 0), SceneInStory.derivedId("tale", "a", 0));
    assertThrows(IllegalArgumentException.class, () -> SceneInStory.derivedId("t", "a", -1));
    // an injected supplier still wins
    assertEquals("x", StoryInfo.fromJson(json, () -> "x").scenes().get(0).sceneId());
  }
}
