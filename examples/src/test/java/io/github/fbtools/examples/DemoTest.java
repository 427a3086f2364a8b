package io.github.fbtools.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.json.FbJson;
import io.github.fbtools.storyexec.ImageTensor;
import io.github.fbtools.storyexec.TensorHash;
import io.github.fbtools.storyexec.TensorPng;
import io.github.fbtools.core.files.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTest {
  @TempDir Path tmp;

  @Test
  void runsEndToEnd() throws IOException {
    Path out = tmp.resolve("work");
    CliRun r = CliRun.run(CliRun.env(tmp), "demo", "--out", out.toString(), "--seed", "7");
    r.assertOk();
    String text = r.out();
    assertTrue(text.startsWith("fbtools demo: the sample story \"night_courier\" in " + out), text);
    for (String f : SampleStory.files()) {
      assertTrue(Files.isRegularFile(out.resolve(f)), f);
      assertTrue(text.contains(f), f);
    }
    assertTrue(text.contains("\n[1/7] Copied the sample story"), text);
    assertTrue(text.contains("\n[7/7] Collected the images"), text);
    // Migration: backups with the original bytes, version 2 files carrying them, verified.
    assertTrue(
        text.contains(
            "        opening/prompts.json  migrated    prompts.json.v1.backup (created)\n"),
        text);
    assertTrue(text.contains("      4 files: 2 migrated, 2 already_v2, 0 failed\n"), text);
    assertTrue(text.contains("      verify: 4 of 4 scenes ok"), text);
    for (String scene : List.of("opening", "chase")) {
      byte[] original = SampleStory.bytes("scenes/" + scene + "/prompts.json");
      Path dir = out.resolve("scenes").resolve(scene);
      assertArrayEquals(original, Files.readAllBytes(dir.resolve("prompts.json.v1.backup")));
      PromptCollection v2 =
          PromptCollection.fromJson(Files.readString(dir.resolve("prompts.json")));
      assertEquals(FbJson.parseObject(original), v2.v1Backup().orElseThrow());
      assertEquals(
          2, PromptCollection.formatVersionOf(
              FbJson.parseObject(Files.readAllBytes(dir.resolve("prompts.json")))));
    }
    for (String scene : List.of("meeting", "ending")) {
      Path dir = out.resolve("scenes").resolve(scene);
      assertArrayEquals(
          SampleStory.bytes("scenes/" + scene + "/prompts.json"),
          Files.readAllBytes(dir.resolve("prompts.json")));
      assertFalse(Files.exists(dir.resolve("prompts.json.v1.backup")));
    }
    // loras.json is read, never rewritten.
    assertArrayEquals(
        SampleStory.bytes("scenes/opening/loras.json"),
        Files.readAllBytes(out.resolve("scenes/opening/loras.json")));
    // Prompt names per scene, and the names some scenes lack.
    assertTrue(
        text.contains(
            "      opening  four_image_prompt, girl_pos, male_pos, wan_low_prompt, wan_prompt\n"),
        text);
    assertTrue(text.contains("      meeting  hero, rival, setting, wan_prompt\n"), text);
    assertTrue(text.contains("girl_pos           missing in meeting, ending\n"), text);
    assertTrue(text.contains("wan_prompt         missing in ending\n"), text);
    // Composition with libber substitution.
    assertTrue(
        text.contains(
            "meeting  composition full:  a young courier in a yellow raincoat, looking up, a tall"
                + " stranger in a grey coat holding an envelope, inside a tiny café with fogged"
                + " windows, cinematic film still, teal and orange light, 35mm film grain\n"),
        text);
    assertTrue(
        text.contains(
            "chase    prompt girl_pos:   the courier runs through the market, señal lights"
                + " blurring\n"),
        text);
    assertTrue(text.contains("noir_style_high.safetensors (Wan2.2-Wrapper-High, 0.8)"), text);
    assertTrue(text.contains("\nDone: 4 scenes (2 migrated to version 2)"), text);
    assertTrue(text.contains("      fbtools serve --root " + out + "\n        and open the editor on"
        + " this folder: http://127.0.0.1:8188/fbtools/editor/?scene=opening\n"), text);
    checkExecution(out, text);
  }

  /** The execution: metadata.json, the input image and its hash, 2 images per scene, Stage 2. */
  private static void checkExecution(Path out, String text) throws IOException {
    Path executions = out.resolve("stories/night_courier/jobs/demo/executions");
    List<Path> execs;
    try (Stream<Path> s = Files.list(executions)) {
      execs = s.toList();
    }
    assertEquals(1, execs.size());
    Path exec = execs.get(0);
    String execId = exec.getFileName().toString();
    assertTrue(execId.startsWith("20261128_101530_"), execId);
    Map<String, Object> metadata =
        FbJson.parseObject(Files.readAllBytes(exec.resolve("metadata.json")));
    String hash = (String) metadata.get("input_hash");
    assertEquals(
        List.of("exec_id", "input_hash", "timestamp", "story_name", "scene_count", "job_id"),
        List.copyOf(metadata.keySet()));
    assertEquals(execId, metadata.get("exec_id"));
    assertEquals("2026-11-28T10:15:30Z", metadata.get("timestamp"));
    assertEquals("night_courier", metadata.get("story_name"));
    assertEquals(4L, metadata.get("scene_count"));
    assertEquals("demo", metadata.get("job_id"));
    assertTrue(hash.matches("[0-9a-f]{12}"), hash);
    Path source = exec.resolve("input/source_" + hash + ".png");
    assertEquals(hash, TensorHash.inputHash(TensorPng.decode(Files.readAllBytes(source))));
    assertTrue(text.contains("input hash     " + hash), text);
    assertTrue(text.contains("exec id        " + execId), text);

    List<String> images;
    try (Stream<Path> s = Files.list(exec.resolve("images"))) {
      images = s.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertEquals(
        List.of(
            "000_opening_00.png", "000_opening_01.png", "001_meeting_00.png",
            "001_meeting_01.png", "002_chase_00.png", "002_chase_01.png",
            "003_ending_00.png", "003_ending_01.png"),
        images);
    for (String image : images) {
      ImageTensor t = TensorPng.decode(Files.readAllBytes(exec.resolve("images").resolve(image)));
      assertEquals(List.of(1, 36, 64, 3), List.of(t.batch(), t.height(), t.width(), t.channels()));
    }
    assertTrue(Files.isDirectory(exec.resolve("videos")));
    assertTrue(
        text.contains(
            "videos/000_opening_to_001_meeting.mp4  000_opening_00.png -> 001_meeting_00.png"),
        text);
    assertTrue(text.contains("videos/002_chase_to_003_ending.mp4"), text);
    assertTrue(text.contains("8 images, 3 videos for Stage 2."), text);
    assertTrue(text.contains("\n      fbtools collect " + exec.toRealPath() + "\n"), text);
  }

  @Test
  void sameSeedAndClockGiveTheSameRun() {
    CliRun a = CliRun.run(CliRun.env(tmp), "demo", "--out", tmp.resolve("a").toString(),
        "--seed", "3").assertOk();
    CliRun b = CliRun.run(CliRun.env(tmp), "demo", "--out", tmp.resolve("b").toString(),
        "--seed", "3").assertOk();
    String root = tmp.toAbsolutePath().toString();
    assertEquals(a.out().replace(root + "/a", "ROOT"), b.out().replace(root + "/b", "ROOT"));
  }

  @Test
  void defaultFolderIsNewUnderTheTemporaryFolder() throws IOException {
    CliRun r = CliRun.run(CliRun.env(tmp), "demo").assertOk();
    List<Path> made;
    try (Stream<Path> s = Files.list(tmp)) {
      made = s.toList();
    }
    assertEquals(1, made.size());
    Path out = made.get(0);
    assertTrue(
        out.getFileName().toString().startsWith("fbtools-demo-20261128_101530_"), r::toString);
    assertTrue(r.out().contains(out.toString()), r::toString);
    assertArrayEquals(
        SampleStory.bytes("libbers/noir.json"),
        Files.readAllBytes(out.resolve("libbers/noir.json")));
  }

  @Test
  void emptyOutFolderIsUsed() throws IOException {
    Path out = TestFiles.mkdirs(tmp.resolve("empty"));
    CliRun.run(CliRun.env(tmp), "demo", "--out=" + out).assertOk();
  }

  @Test
  void aFailedStepStopsTheDemoWithExitCode1() throws IOException {
    Path root = TestFiles.mkdirs(tmp.resolve("broken"));
    TestFiles.write(root.resolve("scenes"), "a file where the scenes folder goes");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code =
          new Demo(root.toRealPath(), AtomicFiles.create(), new SplittableRandom(1),
                  new Io(o, e, CliRun.env(tmp)))
              .run();
    }
    CliRun r =
        new CliRun(
            code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    assertEquals(Fbtools.EXIT_FAILED, r.code(), r::toString);
    assertTrue(r.out().contains("[1/7] Copied the sample story"), r::toString);
    assertTrue(r.out().contains("      FAILED: "), r::toString);
    assertFalse(r.out().contains("[2/7]"), r::toString);
    assertFalse(r.out().contains("Done:"), r::toString);
    r.assertOneLineError("fbtools demo: step 1 (Copied the sample story, as the Python extension"
        + " wrote it) failed: ");
  }

  @Test
  void badArguments() throws IOException {
    CliEnv env = CliRun.env(tmp);
    Path used = TestFiles.write(tmp.resolve("used/x.txt"), "x").getParent();
    CliRun.run(env, "demo", "--out", used.toString()).assertUsageError("--out is not empty");
    Path file = TestFiles.write(tmp.resolve("file"), "x");
    CliRun.run(env, "demo", "--out", file.toString()).assertUsageError("--out is not a folder");
    CliRun.run(env, "demo", "--seed", "x").assertUsageError("--seed must be an integer");
    CliRun.run(env, "demo", "extra").assertUsageError("unexpected argument \"extra\"");
    CliRun.run(env, "demo", "--out", "").assertUsageError("--out is empty");
  }
}
