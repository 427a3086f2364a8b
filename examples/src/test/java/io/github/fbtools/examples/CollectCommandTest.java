package io.github.fbtools.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.fbtools.core.json.FbJson;
import io.github.fbtools.storyexec.ImageTensor;
import io.github.fbtools.storyexec.TensorPng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectCommandTest {
  @TempDir Path tmp;
  private Path exec;
  private Path images;
  private CliEnv env;

  @BeforeEach
  void images() throws IOException {
    env = CliRun.env(tmp);
    exec = tmp.resolve("exec");
    images = exec.resolve("images");
    TestFiles.mkdirs(exec.resolve("videos"));
    byte[] png = TensorPng.encode(new ImageTensor(new float[] {0.5f, 0.5f, 0.5f}, 1, 1, 1, 3));
    for (String name :
        List.of(
            "001_meeting_01.png",
            "000_opening_00.png",
            "1000_late_00.png",
            "001_meeting_00.png",
            "000_opening_01.png",
            "002_chase.png")) {
      TestFiles.write(images.resolve(name), png);
    }
    TestFiles.write(images.resolve("notes.txt"), "not an image");
  }

  @Test
  void tableOfAnExecutionFolder() {
    CliRun r = CliRun.run(env, "collect", exec.toString()).assertOk();
    assertEquals(
        "6 images in images/ (1 other entry ignored)\n"
            + "  ORDER  SCENE    VARIANT  FILE\n"
            + "  000    opening  00       images/000_opening_00.png\n"
            + "  000    opening  01       images/000_opening_01.png\n"
            + "  001    meeting  00       images/001_meeting_00.png\n"
            + "  001    meeting  01       images/001_meeting_01.png\n"
            + "  002    chase    00       images/002_chase.png\n"
            + "  1000   late     00       images/1000_late_00.png\n"
            + "3 videos for Stage 2 (first image of a scene -> first image of the next)\n"
            + "  videos/000_opening_to_001_meeting.mp4  000_opening_00.png -> 001_meeting_00.png\n"
            + "  videos/001_meeting_to_002_chase.mp4    001_meeting_00.png -> 002_chase.png\n"
            + "  videos/002_chase_to_1000_late.mp4      002_chase.png -> 1000_late_00.png\n",
        r.out());
  }

  /**
   * Issue 10 item 17: "2 other entrys" is "2 other entries", and columns line up with CJK scene
   * names, padded by display width (a CJK character takes two columns).
   */
  @Test
  void pluralsAndColumnsAlignedByDisplayWidth() throws IOException {
    byte[] png = Files.readAllBytes(images.resolve("002_chase.png"));
    TestFiles.write(images.resolve("README"), "x");
    TestFiles.write(images.resolve("003_開場_00.png"), png);
    CliRun r = CliRun.run(env, "collect", exec.toString(), "--order", "3").assertOk();
    assertEquals(
        "1 image in images/ (2 other entries ignored)\n"
            + "  ORDER  SCENE  VARIANT  FILE\n"
            + "  003    開場   00       images/003_開場_00.png\n"
            + "0 videos for Stage 2 (first image of a scene -> first image of the next)\n",
        r.out());
  }

  @Test
  void tableOfAnImagesFolderWithFilters() {
    CliRun r = CliRun.run(env, "collect", images.toString(), "--scene", "Meeting").assertOk();
    assertEquals(
        "2 images in " + images + " (1 other entry ignored)\n"
            + "  ORDER  SCENE    VARIANT  FILE\n"
            + "  001    meeting  00       001_meeting_00.png\n"
            + "  001    meeting  01       001_meeting_01.png\n"
            + "0 videos for Stage 2 (first image of a scene -> first image of the next)\n",
        r.out());
    CliRun o = CliRun.run(env, "collect", images.toString(), "--order=0").assertOk();
    assertEquals(
        List.of("2 images in " + images + " (1 other entry ignored)", "0 videos for Stage 2"),
        List.of(o.out().lines().findFirst().orElseThrow(),
            o.out().lines().filter(l -> l.contains("Stage 2")).findFirst().orElseThrow()
                .substring(0, 20)));
  }

  @Test
  void emptyFolder() throws IOException {
    Path empty = TestFiles.mkdirs(tmp.resolve("empty"));
    CliRun r = CliRun.run(env, "collect", empty.toString()).assertOk();
    assertEquals(
        "0 images in " + empty + "\n"
            + "0 videos for Stage 2 (first image of a scene -> first image of the next)\n",
        r.out());
  }

  @Test
  @SuppressWarnings("unchecked")
  void json() {
    CliRun r = CliRun.run(env, "collect", "--json", exec.toString()).assertOk();
    Map<String, Object> doc = FbJson.parseObject(r.out());
    assertEquals(exec.toString(), doc.get("dir"));
    assertEquals(images.toString(), doc.get("images_dir"));
    assertEquals(exec.resolve("videos").toString(), doc.get("videos_dir"));
    assertEquals(6L, doc.get("count"));
    assertEquals(1L, doc.get("ignored"));
    List<Map<String, Object>> list = (List<Map<String, Object>>) doc.get("images");
    assertEquals(
        Map.of(
            "file", "000_opening_01.png",
            "path", images.resolve("000_opening_01.png").toString(),
            "order", 0L,
            "scene", "opening",
            "variant", 1L),
        list.get(1));
    assertEquals(
        Map.of(
            "opening", List.of("000_opening_00.png", "000_opening_01.png"),
            "meeting", List.of("001_meeting_00.png", "001_meeting_01.png"),
            "chase", List.of("002_chase.png"),
            "late", List.of("1000_late_00.png")),
        doc.get("scenes"));
    List<Map<String, Object>> videos = (List<Map<String, Object>>) doc.get("videos");
    assertEquals(3, videos.size());
    assertEquals(
        Map.of(
            "prefix", "000_opening_to_001_meeting",
            "video", "videos/000_opening_to_001_meeting.mp4",
            "first_frame", images.resolve("000_opening_00.png").toString(),
            "last_frame", images.resolve("001_meeting_00.png").toString()),
        videos.get(0));

    Map<String, Object> plain =
        FbJson.parseObject(
            CliRun.run(env, "collect", images.toString(), "--json", "--order", "1").assertOk()
                .out());
    assertNull(plain.get("videos_dir"));
    assertEquals(2L, plain.get("count"));
  }

  @Test
  void badInput() throws IOException {
    CliRun.run(env, "collect").assertUsageError("fbtools collect: missing DIR");
    CliRun.run(env, "collect", tmp.resolve("none").toString()).assertUsageError("DIR not found");
    Path file = TestFiles.write(tmp.resolve("f.txt"), "x");
    CliRun.run(env, "collect", file.toString()).assertUsageError("DIR is not a folder");
    CliRun.run(env, "collect", exec.toString(), "--order", "-1")
        .assertUsageError("--order must be in 0..");
    CliRun.run(env, "collect", exec.toString(), "--order", "x")
        .assertUsageError("--order must be an integer");
    CliRun.run(env, "collect", exec.toString(), "y").assertUsageError("unexpected argument");
  }
}
