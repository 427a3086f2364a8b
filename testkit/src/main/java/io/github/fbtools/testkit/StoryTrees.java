package io.github.fbtools.testkit;

import io.github.fbtools.core.LoraEntry;
import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.PromptMetadata;
import io.github.fbtools.core.files.AtomicFiles;
import io.github.fbtools.core.files.LibberFiles;
import io.github.fbtools.core.files.PromptFiles;
import io.github.fbtools.core.files.SafeNames;
import io.github.fbtools.core.files.SceneFiles;
import io.github.fbtools.core.files.StoryFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Writes {@link FbGen#storyTree}'s data folder, through the library's atomic writer. */
final class StoryTrees {
  static final int MAX_SCENES = 10_000;

  private static final List<String> PLACES =
      List.of("opening", "forêt", "中庭", "night walk", "beach", "Ünter-den", "finale");

  private final FbGen gen;
  private final Rng r;
  private final AtomicFiles files = AtomicFiles.create();

  StoryTrees(FbGen gen, Rng r) {
    this.gen = gen;
    this.r = r;
  }

  Path write(Path dir, int count) throws IOException {
    files.createDirectories(dir);
    Path stories = mkdir(dir.resolve("stories"));
    Path scenes = mkdir(dir.resolve("scenes"));
    Path libbers = mkdir(dir.resolve("libbers"));
    String story = "story " + r.pick(PLACES) + " " + r.nextInt(1000);
    TreeSet<String> libberNames = new TreeSet<>();
    List<Object> inStory = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String scene = String.format("s%03d_%s", i, r.pick(PLACES));
      Path sceneDir = mkdir(SafeNames.resolve(scenes, SafeNames.Kind.SCENE, scene));
      List<String> promptNames = scene(sceneDir, libberNames);
      inStory.add(sceneInStory(scene, i, promptNames));
    }
    for (String name : libberNames) {
      String json = FbGen.of(r.nextLong()).libberJson(r.between(0, 6));
      write(SafeNames.resolve(libbers, SafeNames.Kind.LIBBER, name + LibberFiles.EXTENSION), json);
    }
    Path storyDir = mkdir(SafeNames.resolve(stories, SafeNames.Kind.STORY, story));
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("version", 2L);
    doc.put("story_name", story);
    doc.put("story_dir", "stories/" + story);
    doc.put("scenes", inStory);
    write(storyDir.resolve(StoryFiles.FILE_NAME), PythonJson.dumps(doc, 2));
    return storyDir;
  }

  /** Writes one scene's files; returns its prompt names. */
  private List<String> scene(Path sceneDir, TreeSet<String> libberNames) throws IOException {
    List<String> names = new ArrayList<>();
    if (r.nextBoolean()) {
      Map<String, Object> legacy = new LinkedHashMap<>();
      legacy.put("girl_pos", FbGen.text(r, 30));
      legacy.put("male_pos", r.oneIn(3) ? "" : FbGen.text(r, 30));
      legacy.put("wan_prompt", FbGen.text(r, 30));
      legacy.put("wan_low_prompt", r.nextBoolean() ? "" : FbGen.text(r, 30));
      legacy.put("four_image_prompt", r.nextBoolean() ? "" : FbGen.text(r, 30));
      names.addAll(legacy.keySet());
      write(PromptFiles.file(sceneDir), PythonJson.dumps(legacy, 4));
    } else {
      PromptCollection c = gen.collection(r, 6, false).withPrompt("girl_pos", FbGen.text(r, 30));
      for (PromptMetadata m : c.prompts().values()) {
        if (m.libberName() != null) {
          libberNames.add(m.libberName());
        }
      }
      names.addAll(c.promptNames());
      write(PromptFiles.file(sceneDir), PythonJson.dumps(c.toJsonObject(), r.nextBoolean() ? 2 : 4));
    }
    switch (r.nextInt(3)) {
      case 0:
        {
          Map<String, Object> loras = new LinkedHashMap<>();
          loras.put("high", legacyLoras());
          loras.put("low", legacyLoras());
          write(sceneDir.resolve(SceneFiles.LEGACY_LORAS_FILE), PythonJson.dumps(loras, 4));
          break;
        }
      case 1:
        {
          List<Object> stack = new ArrayList<>();
          for (int i = r.nextInt(3); i > 0; i--) {
            stack.add(
                LoraEntry.of(
                        FbGen.word(r) + ".safetensors",
                        r.nextBoolean() ? LoraEntry.HIGH_TARGET : LoraEntry.LOW_TARGET)
                    .withStrengthModel(r.nextInt(9) / 4.0)
                    .withEnabled(!r.oneIn(4))
                    .toJsonObject());
          }
          write(sceneDir.resolve(SceneFiles.LORA_STACK_FILE), PythonJson.dumps(stack, 4));
          break;
        }
      default:
        break;
    }
    Map<String, Object> pose = new LinkedHashMap<>();
    List<Object> people = new ArrayList<>();
    for (int i = r.nextInt(3); i > 0; i--) {
      List<Object> points = new ArrayList<>();
      for (int k = 0; k < 6; k++) {
        points.add(r.nextInt(1024) / 2.0);
      }
      people.add(Map.of("pose_keypoints_2d", points));
    }
    pose.put("people", people);
    pose.put("canvas_width", 512L);
    pose.put("canvas_height", 768L);
    write(sceneDir.resolve(SceneFiles.POSE_FILE), PythonJson.dumps(pose, 4));
    return names;
  }

  private List<Object> legacyLoras() {
    List<Object> out = new ArrayList<>();
    for (int i = r.nextInt(3); i > 0; i--) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("lora_name", r.oneIn(4) ? "none" : FbGen.word(r) + ".safetensors");
      item.put("strength", r.nextInt(9) / 4.0);
      item.put("blocks", Map.of());
      item.put("layer_filter", "");
      item.put("low_mem_load", r.nextBoolean());
      item.put("merge_loras", false);
      out.add(item);
    }
    return out;
  }

  /** A scene of story.json with exactly the keys save_story writes, in its order. */
  private Map<String, Object> sceneInStory(String scene, int order, List<String> prompts) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("scene_name", scene);
    m.put("scene_order", (long) order);
    m.put("mask_name", r.nextBoolean() ? "" : "mask_" + FbGen.word(r));
    m.put("mask_background", r.nextBoolean());
    boolean custom = r.oneIn(5);
    m.put("prompt_source", custom ? "custom" : "prompt");
    m.put("prompt_key", custom || prompts.isEmpty() ? "" : r.pick(prompts));
    m.put("custom_prompt", custom ? FbGen.text(r, 20) : "");
    m.put("video_prompt_source", r.nextBoolean() ? "auto" : "prompt");
    m.put("video_prompt_key", prompts.isEmpty() ? "" : r.pick(prompts));
    m.put("video_custom_prompt", "");
    m.put("depth_type", "depth");
    m.put("pose_type", "open");
    m.put("use_depth", r.nextBoolean());
    m.put("use_mask", r.nextBoolean());
    m.put("use_pose", r.nextBoolean());
    m.put("use_canny", r.nextBoolean());
    return m;
  }

  private Path mkdir(Path dir) throws IOException {
    files.createDirectories(dir);
    return dir;
  }

  private void write(Path file, String text) throws IOException {
    files.write(file, text.getBytes(StandardCharsets.UTF_8));
  }
}
