package io.github.fbtools.storyexec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.json.FormatException;
import io.github.fbtools.core.InvalidNameException;
import io.github.fbtools.core.Libber;
import io.github.fbtools.core.LibberExpansionException;
import io.github.fbtools.core.LibberSource;
import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.PromptMetadata;
import io.github.fbtools.core.SceneInStory;
import io.github.fbtools.core.StoryInfo;
import io.github.fbtools.core.json.FbJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StorySceneBatchTest {

  static final List<String> REFERENCE_KEYS =
      List.of(
          "scene_id", "scene_name", "scene_order", "mask_name", "mask_background", "mask_key",
          "prompt_source", "prompt_key", "custom_prompt", "prompt_type", "depth_type", "depth_key",
          "pose_type", "pose_key", "use_depth", "use_mask", "use_pose", "use_canny", "scene_dir",
          "story_dir", "job_id", "job_root", "job_input_dir", "job_output_dir", "source_input_dir",
          "source_output_dir", "positive_prompt", "wan_prompt", "wan_low_prompt",
          "four_image_prompt", "girl_pos", "male_pos", "input_image_path", "prompt_data");

  private static final Libber STYLES =
      Libber.of(Map.of("style", "oil painting", "mood", "calm %style%"));
  private static final LibberSource LIBBERS = LibberSource.of(Map.of("styles", STYLES));

  @TempDir Path tmp;
  private Path story;
  private Path scenes;

  @BeforeEach
  void setUp() throws IOException {
    story = Files.createDirectory(tmp.resolve("my_story"));
    scenes = Files.createDirectory(tmp.resolve("scenes"));
  }

  private static SceneInStory.Builder scene(String name, int order) {
    return SceneInStory.builder(name, order).sceneId("id-" + name + "-" + order);
  }

  /** A builder with the roots and the prompts set (job id and libbers left to the test). */
  private StorySceneBatch.Builder base(StoryInfo info, ScenePromptLoader loader) {
    return StorySceneBatch.builder(info).storyRoot(story).scenesRoot(scenes).prompts(loader);
  }

  private StorySceneBatch.Builder batch(StoryInfo info, ScenePromptLoader loader) {
    return base(info, loader).jobId("job1").libbers(LIBBERS);
  }

  private static StoryInfo story(SceneInStory... scenes) {
    return StoryInfo.of("My Story", "/stale/stored/story_dir", List.of(scenes));
  }

  @Test
  void descriptorsHaveTheReferenceKeysInOrderAndTheJobLayout() throws IOException {
    StoryInfo info =
        story(
            scene("opening", 0)
                .maskName("girl")
                .maskBackground(false)
                .promptKey("girl_pos")
                .depthType("midas")
                .poseType("dw")
                .useDepth(true)
                .usePose(true)
                .build());
    PromptCollection prompts =
        PromptCollection.empty().withPrompt("girl_pos", "a woman").withPrompt("wan_prompt", "pan");
    StorySceneBatch b = batch(info, ScenePromptLoader.of(Map.of("opening", prompts))).load();

    assertEquals(1, b.sceneCount());
    assertEquals("job1", b.jobId());
    Path real = story.toRealPath();
    assertEquals(real.resolve("jobs/job1"), b.jobRoot());
    assertTrue(b.execution().isEmpty());
    SceneDescriptor d = b.descriptors().get(0);
    Map<String, Object> json = d.toJsonObject();
    assertEquals(REFERENCE_KEYS, List.copyOf(json.keySet()));
    assertEquals("id-opening-0", json.get("scene_id"));
    assertEquals(0L, json.get("scene_order"));
    assertEquals("girl_no_bg", json.get("mask_key"));
    assertEquals("", json.get("prompt_type"));
    assertEquals("depth_midas_image", json.get("depth_key"));
    assertEquals("pose_dw_image", json.get("pose_key"));
    assertEquals(true, json.get("use_depth"));
    assertEquals(false, json.get("use_mask"));
    Path sceneDir = scenes.toRealPath().resolve("opening");
    assertEquals(sceneDir.toString(), json.get("scene_dir"));
    assertEquals(real.toString(), json.get("story_dir"), "the caller's root, not story.json's");
    assertEquals("job1", json.get("job_id"));
    assertEquals(real.resolve("jobs/job1").toString(), json.get("job_root"));
    assertEquals(real.resolve("jobs/job1/input").toString(), json.get("job_input_dir"));
    assertEquals(real.resolve("jobs/job1/output").toString(), json.get("job_output_dir"));
    assertEquals(sceneDir.resolve("input").toString(), json.get("source_input_dir"));
    assertEquals(sceneDir.resolve("output").toString(), json.get("source_output_dir"));
    assertEquals("a woman", json.get("positive_prompt"));
    assertEquals("pan", json.get("wan_prompt"));
    assertEquals("", json.get("wan_low_prompt"));
    assertEquals("a woman", json.get("girl_pos"));
    assertNull(json.get("input_image_path"));
    assertTrue(json.containsKey("input_image_path"));
    assertEquals(
        List.of("girl_pos", "male_pos", "four_image_prompt", "wan_prompt", "wan_low_prompt"),
        List.copyOf(d.prompts().data().keySet()));
    assertEquals(List.of(json), b.toJsonList());
    assertFalse(d.hasExecution());
    assertTrue(d.inputImage().isEmpty());
    // The whole descriptor is valid JSON for the library's writer.
    assertEquals(json, FbJson.parseObject(FbJson.write(json)));
    assertEquals(
        List.of(real.resolve("jobs"), real.resolve("jobs/job1"), real.resolve("jobs/job1/input"),
            real.resolve("jobs/job1/output")),
        ExecutionLayoutTest.listAll(story),
        "building a batch creates the job's input and output, as the reference does");
  }

  /**
   * Issue 10 item 8: building a batch creates {@code jobs/<job>/input} and {@code output} as the
   * reference does, unless asked for a read-only plan; a batch that fails creates nothing.
   */
  @Test
  void aReadOnlyPlanCreatesNoFolderAndAFailedBatchNeither() throws IOException {
    StoryInfo info = story(scene("opening", 0).build());
    ScenePromptLoader none = ScenePromptLoader.of(Map.of());
    StorySceneBatch plan = batch(info, none).readOnly(true).load();
    assertEquals(story.toRealPath().resolve("jobs/job1/input"),
        plan.descriptors().get(0).folders().jobInputDir());
    assertEquals(List.of(), ExecutionLayoutTest.listAll(story), "a plan writes nothing");
    ScenePromptLoader failing =
        (name, dir) -> {
          throw new FormatException("prompts.json", 1, 1, "", "corrupt", null);
        };
    assertThrows(FormatException.class, () -> batch(info, failing).load());
    assertEquals(List.of(), ExecutionLayoutTest.listAll(story), "a failed batch writes nothing");
    StorySceneBatch built = batch(info, none).load();
    assertTrue(Files.isDirectory(built.jobRoot().resolve("input")));
    assertTrue(Files.isDirectory(built.jobRoot().resolve("output")));
    assertEquals(built, batch(info, none).load(), "existing folders are kept");
  }

  /**
   * Issue 10 item 8: an empty job id generates one as the reference does: 12 lower-case hex
   * characters, drawn again while a job folder of that name exists.
   */
  @Test
  void anEmptyJobIdGeneratesAFreshOne() throws IOException {
    StoryInfo info = story(scene("opening", 0).build());
    ScenePromptLoader none = ScenePromptLoader.of(Map.of());
    String first = StoryJobs.randomId(new java.util.SplittableRandom(7));
    Files.createDirectories(story.resolve("jobs").resolve(first));
    StorySceneBatch b =
        base(info, none).jobId("").libbers(LIBBERS).random(new java.util.SplittableRandom(7)).load();
    assertTrue(b.jobId().matches("[0-9a-f]{12}"), b.jobId());
    assertNotEquals(first, b.jobId(), "the taken id was drawn again");
    assertEquals(story.toRealPath().resolve("jobs").resolve(b.jobId()), b.jobRoot());
    assertTrue(Files.isDirectory(b.jobRoot().resolve("input")));
    assertEquals(b.jobId(), b.descriptors().get(0).folders().jobId());
    StorySceneBatch other = base(info, none).jobId("").load();
    assertTrue(other.jobId().matches("[0-9a-f]{12}"), other.jobId());
    assertNotEquals(b.jobId(), other.jobId());
  }

  /**
   * Issue 10 item 18: prompts whose Libber the batch cannot find are reported (they are used
   * raw); a batch built without Libbers shows every one as missing.
   */
  @Test
  void promptsWhoseLibberIsNotFoundAreReported() throws IOException {
    PromptCollection prompts =
        PromptCollection.empty()
            .withPrompt("girl_pos", PromptMetadata.of("%mood%").withProcessingType(PromptMetadata.LIBBER)
                .withLibberName("styles"))
            .withPrompt("hat", PromptMetadata.of("%hat%").withProcessingType(PromptMetadata.LIBBER)
                .withLibberName("hats"));
    StoryInfo info = story(scene("opening", 0).promptKey("girl_pos").build(),
        scene("plain", 1).build());
    ScenePromptLoader loader =
        ScenePromptLoader.of(Map.of("opening", prompts, "plain", PromptCollection.empty()));
    StorySceneBatch withStyles = batch(info, loader).readOnly(true).load();
    assertEquals(Map.of("opening", List.of("hats")), withStyles.missingLibbers());
    assertEquals("calm oil painting", withStyles.descriptors().get(0).prompts().positive());
    StorySceneBatch without =
        base(info, loader).jobId("job1").libbers(LibberSource.none()).readOnly(true).load();
    assertEquals(Map.of("opening", List.of("hats", "styles")), without.missingLibbers());
    assertEquals("%mood%", without.descriptors().get(0).prompts().positive(), "used raw");
  }

  @Test
  void scenesAreSortedStablyByOrderAndEachNameIsLoadedOnce() throws IOException {
    StoryInfo info =
        story(
            scene("c", 2).build(),
            scene("a", 1).build(),
            scene("b", 1).build(),
            scene("a", 0).build(),
            scene("z", -3).build());
    Map<String, Integer> loads = new HashMap<>();
    StorySceneBatch b =
        batch(
                info,
                (name, dir) -> {
                  loads.merge(name, 1, Integer::sum);
                  assertEquals(scenes.toRealPath().resolve(name), dir);
                  return PromptCollection.empty();
                })
            .load();
    List<String> ids = new ArrayList<>();
    b.descriptors().forEach(d -> ids.add(d.sceneId()));
    assertEquals(List.of("id-z--3", "id-a-0", "id-a-1", "id-b-1", "id-c-2"), ids);
    assertEquals(Map.of("a", 1, "b", 1, "c", 1, "z", 1), loads);
  }

  @Test
  void thePositivePromptFollowsTheSourceAndKey() throws IOException {
    PromptCollection prompts =
        PromptCollection.empty()
            .withPrompt("girl_pos", "a woman")
            .withPrompt(
                "styled",
                PromptMetadata.of("in %mood% light")
                    .withProcessingType("libber")
                    .withLibberName("styles"))
            .withPrompt("rawlib", PromptMetadata.of("%style%").withLibberName("styles"))
            .withComposition("full", List.of("girl_pos", "missing", "styled"))
            .withComposition("none", List.of());
    Object[][] cases = {
      {"custom", "girl_pos", "my own text", "my own text"},
      {"custom", "", "my own text", "my own text"},
      {"prompt", "girl_pos", "x", "a woman"},
      {"prompt", "styled", "", "in calm oil painting light"},
      {"prompt", "rawlib", "", "%style%"},
      {"prompt", "missing", "", ""},
      {"prompt", "", "", ""},
      {"composition", "full", "", "a woman in calm oil painting light"},
      {"composition", "none", "", ""},
      {"composition", "girl_pos", "", ""},
      {"composition", "", "", ""},
      {"other", "girl_pos", "", ""},
      {"", "girl_pos", "", ""},
    };
    List<SceneInStory> list = new ArrayList<>();
    for (int i = 0; i < cases.length; i++) {
      list.add(
          scene("s", i)
              .promptSource((String) cases[i][0])
              .promptKey((String) cases[i][1])
              .customPrompt((String) cases[i][2])
              .build());
    }
    StorySceneBatch b =
        batch(StoryInfo.of("x", "", list), ScenePromptLoader.of(Map.of("s", prompts))).load();
    for (int i = 0; i < cases.length; i++) {
      Object[] c = cases[i];
      assertEquals(c[3], b.descriptors().get(i).prompts().positive(), () -> List.of(c).toString());
    }
  }

  @Test
  void legacyScenesUseTheirMigratedCollectionAndNeverCrashOnCompositions() throws IOException {
    Map<String, Object> v1 = new LinkedHashMap<>();
    v1.put("girl_pos", "legacy girl");
    v1.put("male_pos", "");
    v1.put("wan_prompt", "legacy wan");
    v1.put("extra_key", "kept");
    Path sceneDir = Files.createDirectories(scenes.resolve("old scene"));
    Files.write(sceneDir.resolve("prompts.json"), FbJson.writeBytes(v1));
    ScenePromptLoader files = ScenePromptLoader.files();
    StoryInfo info =
        story(
            scene("old scene", 0).promptSource("prompt").promptKey("girl_pos").build(),
            scene("old scene", 1).promptSource("composition").promptKey("girl_pos").build(),
            scene("old scene", 2).promptSource("prompt").promptKey("extra_key").build());
    StorySceneBatch b = batch(info, files).load();
    assertEquals("legacy girl", b.descriptors().get(0).prompts().positive());
    assertEquals("", b.descriptors().get(1).prompts().positive(), "the reference crashes here");
    assertEquals("kept", b.descriptors().get(2).prompts().positive());
    SceneDescriptor d = b.descriptors().get(0);
    assertEquals("legacy girl", d.prompts().girlPos());
    assertEquals("", d.prompts().malePos());
    assertEquals("legacy wan", d.prompts().wanPrompt());
    assertEquals("", d.prompts().wanLowPrompt());
    assertEquals("", d.prompts().fourImagePrompt());
    Map<String, String> data = new LinkedHashMap<>();
    data.put("girl_pos", "legacy girl");
    data.put("male_pos", "");
    data.put("four_image_prompt", "");
    data.put("wan_prompt", "legacy wan");
    data.put("wan_low_prompt", "");
    assertEquals(data, d.prompts().data());
  }

  @Test
  void legacyPromptsGetTheirLibberApplied() throws IOException {
    PromptCollection prompts =
        PromptCollection.empty()
            .withPrompt(
                "girl_pos",
                PromptMetadata.of("%style%").withProcessingType("libber").withLibberName("styles"));
    SceneDescriptor d =
        batch(story(scene("s", 0).build()), ScenePromptLoader.of(Map.of("s", prompts)))
            .load()
            .descriptors()
            .get(0);
    assertEquals("oil painting", d.prompts().girlPos());
    assertEquals("oil painting", d.prompts().data().get("girl_pos"));
  }

  @Test
  void maskDepthAndPoseKeysFollowTheReference() {
    assertEquals("combined", StorySceneBatch.maskKey("", true));
    assertEquals("combined_no_bg", StorySceneBatch.maskKey("", false));
    assertEquals("girl", StorySceneBatch.maskKey("girl", true));
    assertEquals("girl_no_bg", StorySceneBatch.maskKey("girl", false));
    assertEquals("girl_no_bg", StorySceneBatch.maskKey("girl_no_bg", false));
    assertEquals("girl", StorySceneBatch.maskKey("girl_no_bg", true));
    assertEquals("ab", StorySceneBatch.maskKey("a_no_bgb_no_bg", true), "every _no_bg removed");
    assertEquals("a_no_bgb", StorySceneBatch.maskKey("a_no_bgb", true), "only when it ends so");
    assertEquals("a_no_bgb_no_bg", StorySceneBatch.maskKey("a_no_bgb", false));

    Map<String, String> depth =
        Map.of(
            "depth", "depth_image",
            "depth_any", "depth_any_image",
            "midas", "depth_midas_image",
            "zoe", "depth_zoe_image",
            "zoe_any", "depth_zoe_any_image",
            "", "depth_image",
            "Midas", "depth_image",
            "other", "depth_image");
    depth.forEach((k, v) -> assertEquals(v, StorySceneBatch.depthKey(k), k));
    for (String p : List.of("dense", "dw", "edit", "face", "open", "nlf")) {
      assertEquals("pose_" + p + "_image", StorySceneBatch.poseKey(p));
    }
    assertEquals("pose_open_image", StorySceneBatch.poseKey(""));
    assertEquals("pose_open_image", StorySceneBatch.poseKey("DW"));
  }

  @Test
  void theInputImageIsTheFirstPngElseJpgElseJpegElseWebp() throws IOException {
    Path input = Files.createDirectories(scenes.resolve("s/input"));
    StoryInfo info = story(scene("s", 0).build());
    ScenePromptLoader none = ScenePromptLoader.of(Map.of());
    assertNull(batch(info, none).load().descriptors().get(0).inputImagePath());

    Files.writeString(input.resolve("notes.txt"), "x");
    Files.writeString(input.resolve("b.webp"), "x");
    Files.createDirectory(input.resolve("a.webp"));
    assertEquals(input.toRealPath().resolve("b.webp"), first(info, none));
    Files.writeString(input.resolve("z.jpeg"), "x");
    assertEquals(input.toRealPath().resolve("z.jpeg"), first(info, none));
    Files.writeString(input.resolve("y.jpg"), "x");
    Files.writeString(input.resolve("X.JPG"), "x");
    assertEquals(input.toRealPath().resolve("y.jpg"), first(info, none));
    Files.writeString(input.resolve("b.png"), "x");
    Files.writeString(input.resolve("B.png"), "x");
    Files.writeString(input.resolve(".hidden.png"), "x");
    Files.createSymbolicLink(input.resolve("0.png"), input.resolve("b.png"));
    assertEquals(input.toRealPath().resolve("B.png"), first(info, none), "code point order");
    Files.writeString(input.resolve("\uFF21.png"), "x");
    Files.writeString(input.resolve("\uD83D\uDE00.png"), "x");
    Files.delete(input.resolve("B.png"));
    Files.delete(input.resolve("b.png"));
    assertEquals(
        input.toRealPath().resolve("\uFF21.png"), first(info, none), "U+FF21 before U+1F600");
  }

  @Test
  void anInputThatIsAFileGivesNoImage() throws IOException {
    Files.createDirectories(scenes.resolve("s"));
    Files.writeString(scenes.resolve("s/input"), "not a folder");
    assertNull(first(story(scene("s", 0).build()), ScenePromptLoader.of(Map.of())));
  }

  private Path first(StoryInfo info, ScenePromptLoader loader) throws IOException {
    return batch(info, loader).load().descriptors().get(0).inputImagePath();
  }

  @Test
  void anExecutionAddsItsThreeKeysAndLeavesTheJobLayoutUnchanged() throws IOException {
    ExecId exec = ExecId.parse("20260314_093005_k3x9q1");
    ExecutionContext context =
        new ExecutionContext(
            ExecutionLayout.of(story, "job1", exec),
            "0123456789ab",
            "My Story",
            Instant.parse("2026-03-14T09:30:05Z"),
            2);
    StoryInfo info = story(scene("a", 0).build(), scene("b", 1).build());
    ScenePromptLoader none = ScenePromptLoader.of(Map.of());
    StorySceneBatch without = batch(info, none).load();
    StorySceneBatch with =
        StorySceneBatch.builder(info)
            .scenesRoot(scenes)
            .prompts(none)
            .libbers(LIBBERS)
            .execution(context)
            .load();
    assertEquals(context, with.execution().orElseThrow());
    assertEquals(without.jobRoot(), with.jobRoot());
    for (int i = 0; i < 2; i++) {
      Map<String, Object> a = without.descriptors().get(i).toJsonObject();
      Map<String, Object> b = with.descriptors().get(i).toJsonObject();
      List<String> keys = new ArrayList<>(REFERENCE_KEYS);
      keys.addAll(List.of("exec_id", "exec_images_dir", "exec_videos_dir"));
      assertEquals(keys, List.copyOf(b.keySet()));
      Map<String, Object> stripped = new LinkedHashMap<>(b);
      stripped.keySet().removeAll(List.of("exec_id", "exec_images_dir", "exec_videos_dir"));
      assertEquals(a, stripped);
      assertEquals(exec.value(), b.get("exec_id"));
      assertEquals(context.imagesDir().toString(), b.get("exec_images_dir"));
      assertEquals(context.videosDir().toString(), b.get("exec_videos_dir"));
      assertTrue(with.descriptors().get(i).hasExecution());
    }
    assertNotEquals(without, with);
    assertEquals(with, batch(info, none).execution(context).load());
    assertEquals(with.hashCode(), batch(info, none).execution(context).load().hashCode());
    assertTrue(with.toString().contains(exec.value()), with.toString());
    assertTrue(without.toString().contains("exec=none"), without.toString());

    assertThrows(
        IllegalArgumentException.class, () -> base(info, none).jobId("job2").execution(context).load());
    Path other = Files.createDirectory(tmp.resolve("other_story"));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            StorySceneBatch.builder(info)
                .storyRoot(other)
                .scenesRoot(scenes)
                .prompts(none)
                .execution(context)
                .load());
  }

  @ParameterizedTest
  @ValueSource(strings = {"../evil", "..", "a/b", "/etc", "C:\\x", "con", "x\u0000", "", " lead"})
  void aHostileSceneNameFailsTheWholeBatchBeforeAnythingIsRead(String name) {
    StoryInfo info = story(scene("fine", 0).build(), scene(name, 1).build());
    List<String> loaded = new ArrayList<>();
    InvalidNameException e =
        assertThrows(
            InvalidNameException.class,
            () ->
                batch(
                        info,
                        (n, dir) -> {
                          loaded.add(n);
                          return PromptCollection.empty();
                        })
                    .load());
    assertEquals("scene name", e.kind());
    assertEquals(List.of(), loaded);
  }

  @ParameterizedTest
  @ValueSource(strings = {"../evil", "..", "a/b", "/etc", " ", "jöb", "con.txt"})
  void aHostileJobIdFailsBeforeAnythingIsRead(String jobId) {
    Path missing = tmp.resolve("missing");
    assertThrows(
        InvalidNameException.class,
        () ->
            StorySceneBatch.builder(story(scene("a", 0).build()))
                .storyRoot(missing)
                .scenesRoot(missing)
                .jobId(jobId)
                .prompts(ScenePromptLoader.of(Map.of()))
                .load());
  }

  @Test
  void aJobsLinkOutOfTheStoryIsRefused() throws IOException {
    Path outside = Files.createDirectory(tmp.resolve("outside"));
    Files.createSymbolicLink(story.resolve("jobs"), outside);
    assertThrows(
        InvalidNameException.class,
        () -> batch(story(scene("a", 0).build()), ScenePromptLoader.of(Map.of())).load());
  }

  @Test
  void missingInputsAreReported() throws IOException {
    StoryInfo info = story(scene("a", 0).build());
    ScenePromptLoader none = ScenePromptLoader.of(Map.of());
    assertThrows(
        IllegalStateException.class,
        () -> StorySceneBatch.builder(info).storyRoot(story).jobId("j").prompts(none).load());
    assertThrows(
        IllegalStateException.class,
        () -> StorySceneBatch.builder(info).scenesRoot(scenes).jobId("j").prompts(none).load());
    assertThrows(
        IllegalStateException.class,
        () -> StorySceneBatch.builder(info).scenesRoot(scenes).storyRoot(story).prompts(none).load());
    assertThrows(
        NoSuchFileException.class,
        () -> StorySceneBatch.builder(info).storyRoot(story).scenesRoot(tmp.resolve("no_scenes"))
                .jobId("j").prompts(none).load());
    assertThrows(
        NullPointerException.class,
        () -> batch(info, (n, d) -> null).load());
  }

  @Test
  void loaderFailuresAndLibberBombsFailTheBatch() throws IOException {
    StoryInfo info = story(scene("a", 0).promptKey("p").build());
    assertThrows(
        FormatException.class,
        () -> batch(info, (n, d) -> PromptCollection.fromJson("{\"version\": 3}")).load());
    assertThrows(
        IOException.class,
        () ->
            batch(
                    info,
                    (n, d) -> {
                      throw new IOException("disk");
                    })
                .load());
    Map<String, String> chain = new LinkedHashMap<>();
    for (int i = 0; i < 40; i++) {
      chain.put("k" + i, "%k" + (i + 1) + "%%k" + (i + 1) + "%");
    }
    chain.put("k40", "x");
    Libber doubling = Libber.of(chain, "%", 100);
    PromptCollection prompts =
        PromptCollection.empty()
            .withPrompt(
                "p", PromptMetadata.of("%k0%").withProcessingType("libber").withLibberName("d"));
    assertThrows(
        LibberExpansionException.class,
        () ->
            base(info, ScenePromptLoader.of(Map.of("a", prompts)))
                .jobId("job1")
                .libbers(LibberSource.of(Map.of("d", doubling)))
                .load());
  }

  @Test
  void byDefaultPromptsAreReadFromEachScenesPromptsJson() throws IOException {
    Path a = Files.createDirectories(scenes.resolve("a"));
    Files.writeString(
        a.resolve("prompts.json"),
        "{\"version\": 2, \"prompts\": {\"girl_pos\": {\"value\": \"from file\"}},"
            + " \"compositions\": {\"both\": [\"girl_pos\", \"girl_pos\"]}}");
    StoryInfo info =
        story(
            scene("a", 0).promptKey("girl_pos").build(),
            scene("a", 1).promptSource("composition").promptKey("both").build(),
            scene("missing", 2).promptKey("girl_pos").build());
    StorySceneBatch b =
        StorySceneBatch.builder(info).storyRoot(story).scenesRoot(scenes).jobId("j").load();
    assertEquals("from file", b.descriptors().get(0).prompts().positive());
    assertEquals("from file from file", b.descriptors().get(1).prompts().positive());
    assertEquals("", b.descriptors().get(2).prompts().positive(), "a missing file has no prompts");
    assertEquals("", b.descriptors().get(2).prompts().girlPos());

    Files.writeString(a.resolve("prompts.json"), "{\"version\": 2, \"prompts\": ");
    FormatException e =
        assertThrows(
            FormatException.class,
            () ->
                StorySceneBatch.builder(info)
                    .storyRoot(story)
                    .scenesRoot(scenes)
                    .jobId("j")
                    .prompts(ScenePromptLoader.files())
                    .load());
    assertTrue(e.getMessage().contains("prompts.json"), e.getMessage());
  }

  @Test
  void anEmptyStoryGivesAnEmptyBatch() throws IOException {
    StorySceneBatch b = batch(story(), ScenePromptLoader.of(Map.of())).load();
    assertEquals(0, b.sceneCount());
    assertEquals(List.of(), b.toJsonList());
    assertTrue(StoryScenePick.pick(b, 0).isEmpty());
  }

  @Test
  void descriptorsGroupTheReferenceKeysIntoCheckedRecords() throws IOException {
    SceneDescriptor d =
        batch(
                story(scene("a", 0).maskName("girl").maskBackground(false).poseType("dw").build()),
                ScenePromptLoader.of(Map.of()))
            .load()
            .descriptors()
            .get(0);
    assertEquals("girl_no_bg", d.controls().maskKey(), "derived from the name and background");
    assertEquals("depth_image", d.controls().depthKey());
    assertEquals("pose_dw_image", d.controls().poseKey());
    assertEquals(d.folders().sceneDir().resolve("input"), d.folders().sourceInputDir());
    assertEquals("", d.prompts().type());
    assertThrows(UnsupportedOperationException.class, () -> d.prompts().data().put("k", "v"));
    Path p = tmp.toAbsolutePath();
    assertThrows(
        NullPointerException.class,
        () -> new SceneDescriptor.Execution(ExecId.parse("x1"), p, null));
    assertThrows(
        NullPointerException.class,
        () -> new SceneDescriptor(d.sceneId(), null, 0, d.controls(), d.prompts(), d.folders(), null, null));
    SceneDescriptor same =
        new SceneDescriptor(
            d.sceneId(), d.sceneName(), d.sceneOrder(), d.controls(), d.prompts(), d.folders(),
            d.inputImagePath(), null);
    assertEquals(d, same);
    assertEquals(d.toJsonObject(), same.toJsonObject());
    SceneDescriptor withExec =
        new SceneDescriptor(
            d.sceneId(), d.sceneName(), d.sceneOrder(), d.controls(), d.prompts(), d.folders(),
            null, new SceneDescriptor.Execution(ExecId.parse("x1"), p, p));
    assertTrue(withExec.hasExecution());
    assertEquals("x1", withExec.toJsonObject().get("exec_id"));
    assertNotEquals(d, withExec);
  }

  @Test
  void theBuilderRefusesASettingMadeTwice() {
    StoryInfo info = story(scene("a", 0).build());
    List<java.util.function.Consumer<StorySceneBatch.Builder>> settings =
        List.of(
            b -> b.storyRoot(story),
            b -> b.scenesRoot(scenes),
            b -> b.jobId("j"),
            b -> b.prompts(ScenePromptLoader.files()),
            b -> b.libbers(LibberSource.none()),
            b -> b.execution(null),
            b -> b.random(new java.util.SplittableRandom(1)),
            b -> b.files(io.github.fbtools.core.files.AtomicFiles.create()),
            b -> b.readOnly(true));
    for (java.util.function.Consumer<StorySceneBatch.Builder> setting : settings) {
      StorySceneBatch.Builder b = StorySceneBatch.builder(info);
      setting.accept(b);
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> setting.accept(b));
      assertTrue(e.getMessage().contains(" was already set to "), e.getMessage());
    }
  }
}
