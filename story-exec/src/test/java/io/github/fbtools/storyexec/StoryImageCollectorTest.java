package io.github.fbtools.storyexec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.PythonText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoryImageCollectorTest {

  @TempDir Path dir;

  private Path touch(String name) throws IOException {
    return Files.write(dir.resolve(name), new byte[] {1});
  }

  private static List<String> names(List<Path> paths) {
    List<String> out = new ArrayList<>();
    for (Path p : paths) {
      out.add(p.getFileName().toString());
    }
    return out;
  }

  @Test
  void tenThousandFilesInRandomOrderWithJunk() throws IOException {
    String[] scenes = {"Opening", "Café Scène", "a-b c", "???", "", "開場", "Finale 🎬"};
    // 100 scenes x 100 variants; scene k has order 11 * k (0 .. 1089, so 999 < 1000 matters).
    List<String> expected = new ArrayList<>();
    Map<String, List<String>> expectedGroups = new LinkedHashMap<>();
    for (int k = 0; k < 100; k++) {
      String scene = scenes[k % scenes.length] + (k % 3 == 0 ? "" : " " + k);
      for (int v = 0; v < 100; v++) {
        String name = StoryImageNamer.prefix(11 * k, scene, v) + (v % 2 == 0 ? ".png" : ".webp");
        expected.add(name);
        expectedGroups
            .computeIfAbsent(StoryImageNamer.slug(scene), s -> new ArrayList<>())
            .add(name);
      }
    }
    List<String> junk =
        List.of(
            "abc.png",
            "12_x.png",
            "0007_x_00.png",
            "000_x_00.gif",
            "000_x_00.txt",
            "000_x_00",
            "000_x_00.png.bak",
            "000_.png",
            "notes.txt",
            "_000_x_00.png",
            "000-x-00.png",
            "000_a b_00.png",
            "99999999999_x_00.png");
    List<String> hidden = List.of(".DS_Store", ".000_x_00.png", ".thumbnails");
    List<String> all = new ArrayList<>(expected);
    all.addAll(junk);
    all.addAll(hidden);
    Collections.shuffle(all, new Random(5));
    for (String name : all) {
      touch(name);
    }
    Files.createDirectory(dir.resolve("000_folder_00.png"));
    Files.createDirectory(dir.resolve(".hidden_dir"));
    Files.createSymbolicLink(dir.resolve("000_link_00.png"), dir.resolve(expected.get(0)));

    CollectedImages found = StoryImageCollector.collect(dir);

    List<String> actual = names(found.imagePaths());
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i), actual.get(i), "image " + i); // short messages on failure
    }
    assertEquals(10_000, found.count());
    assertEquals(junk.size() + 2, found.ignoredCount(), "junk, the folder and the link");
    Map<String, List<String>> groups = new LinkedHashMap<>();
    found.sceneGroups().forEach((scene, paths) -> groups.put(scene, names(paths)));
    assertEquals(expectedGroups, groups);
    assertEquals(new ArrayList<>(expectedGroups.keySet()), new ArrayList<>(found.sceneGroups().keySet()));
    assertEquals(99, found.transitions().size());
    assertEquals(dir.resolve(expected.get(0)), found.imagePaths().get(0));
    assertEquals(
        actual.indexOf("990_finale___99.webp") + 1,
        actual.indexOf("1001_opening_91_00.png"),
        "1000 and up follow 999");
  }

  @Test
  void ordersAndVariantsSortAsNumbers() throws IOException {
    for (String n :
        new String[] {"1000_a_00.png", "999_a_00.png", "999_a_100.png", "999_a_99.png", "010_a_00.png"}) {
      touch(n);
    }
    assertEquals(
        List.of("010_a_00.png", "999_a_00.png", "999_a_99.png", "999_a_100.png", "1000_a_00.png"),
        names(StoryImageCollector.collect(dir).imagePaths()));
  }

  @Test
  void sameImageInTwoFormatsAndTwoScenesAtOneOrder() throws IOException {
    for (String n :
        new String[] {"000_b_00.png", "000_a_01.png", "000_a_00.png", "000_a_00.JPG", "000_é_00.png"}) {
      touch(n);
    }
    CollectedImages found = StoryImageCollector.collect(dir);
    assertEquals(
        List.of("000_a_00.png", "000_a_00.JPG", "000_a_01.png", "000_b_00.png", "000_é_00.png"),
        names(found.imagePaths()));
    assertEquals(2, found.transitions().size());
    assertEquals("000_a_to_000_b", found.transitions().get(0).videoPrefix());
    assertEquals(dir.resolve("000_a_00.png"), found.transitions().get(0).firstFrame());
  }

  /**
   * Issue 10 item 5: for one stem, {@code .png} wins over {@code .jpg}, {@code .jpeg} and {@code
   * .webp}, as the reference's find_scene_image and StorySceneBatch prefer them; the file name
   * decided before, so a {@code .jpg} became a video's first frame.
   */
  @Test
  void pngIsPreferredThenJpgJpegWebpForOneStem() throws IOException {
    for (String n :
        new String[] {"000_a_00.webp", "000_a_00.jpeg", "000_a_00.jpg", "000_a_00.png",
            "001_b.WEBP", "001_b.Jpeg", "002_c_00.webp", "002_c_00.jpeg"}) {
      touch(n);
    }
    CollectedImages found = StoryImageCollector.collect(dir);
    assertEquals(
        List.of("000_a_00.png", "000_a_00.jpg", "000_a_00.jpeg", "000_a_00.webp", "001_b.Jpeg",
            "001_b.WEBP", "002_c_00.jpeg", "002_c_00.webp"),
        names(found.imagePaths()));
    List<SceneTransition> t = found.transitions();
    assertEquals(dir.resolve("000_a_00.png"), t.get(0).firstFrame());
    assertEquals(dir.resolve("001_b.Jpeg"), t.get(0).nextFirstFrame());
    assertEquals(dir.resolve("002_c_00.jpeg"), t.get(1).nextFirstFrame());
    assertEquals(0, StoryImageCollector.extensionRank("x.PNG"));
    assertEquals(3, StoryImageCollector.extensionRank("x.webp"));
  }

  /**
   * Issue 10 item 6: the reference also makes a clip for the last scene ({@code
   * pair_consecutive_scenes} gives {@code (last, None)}); it is offered next to the n - 1
   * transitions, named by {@link StoryVideoNamer#finalPrefix}.
   */
  @Test
  void theLastSceneHasAnOptionalFinalClip() throws IOException {
    touch("000_opening_01.png");
    touch("000_opening_00.png");
    touch("001_action_00.png");
    touch("002_finale_01.png");
    touch("002_finale_02.png");
    CollectedImages found = StoryImageCollector.collect(dir);
    assertEquals(2, found.transitions().size(), "n - 1 transitions, as before");
    FinalClip clip = found.finalClip().orElseThrow();
    assertEquals("002_finale", clip.videoPrefix());
    assertEquals(dir.resolve("002_finale_01.png"), clip.firstFrame());
    assertEquals(2, clip.from().order());
    assertEquals(
        "000_opening",
        StoryImageCollector.collect(dir, 0, null).finalClip().orElseThrow().videoPrefix(),
        "one scene: no transition, one final clip");
    assertEquals(List.of(), StoryImageCollector.collect(dir, 0, null).transitions());
    assertEquals(Optional.empty(), StoryImageCollector.collect(dir, 7, null).finalClip());
    assertThrows(NullPointerException.class, () -> new FinalClip(clip.from(), null));
  }

  @Test
  void referenceNamesWithoutVariant() throws IOException {
    touch("000_opening.png");
    touch("001_take_2.jpeg");
    touch("002_shot_10.png"); // ambiguous: read as scene "shot", variant 10
    touch("003_mr._x.webp");
    touch("004_x_007.png"); // not a canonical variant: part of the scene
    CollectedImages found = StoryImageCollector.collect(dir);
    List<String> described = new ArrayList<>();
    for (StoryImage i : found.images()) {
      described.add(i.order() + "|" + i.scene() + "|" + i.variant());
    }
    assertEquals(
        List.of("0|opening|0", "1|take_2|0", "2|shot|10", "3|mr._x|0", "4|x_007|0"), described);
  }

  @Test
  void parseReadsNamesOnly() {
    assertEquals(
        Optional.of(new StoryImage(Path.of("x/012_café_scène_03.png"), 12, "café_scène", 3)),
        StoryImageCollector.parse(Path.of("x/012_café_scène_03.png")));
    assertEquals(
        Optional.of(new StoryImage(Path.of("2147483647_a_2147483647.png"), Integer.MAX_VALUE, "a", Integer.MAX_VALUE)),
        StoryImageCollector.parse(Path.of("2147483647_a_2147483647.png")));
    for (String bad :
        new String[] {
          "2147483648_a_00.png", "000_a_00.tiff", "00a_x.png", "000_x.",
          "000.png", "000_🎬_00.png", "png"
        }) {
      assertEquals(Optional.empty(), StoryImageCollector.parse(Path.of(bad)), bad);
    }
    assertEquals(
        "a_2147483648",
        StoryImageCollector.parse(Path.of("000_a_2147483648.png")).orElseThrow().scene(),
        "a variant too large for an int is part of the scene");
    assertEquals(
        "_00",
        StoryImageCollector.parse(Path.of("000__00.png")).orElseThrow().scene(),
        "the reference's name of a scene slugged to _00");
    assertEquals(Optional.empty(), StoryImageCollector.parse(Path.of("/")));
    assertEquals(null, StoryImageCollector.parse(Path.of("x"), "000_a\u0000_00.png"));
    assertEquals(
        "x\u0301",
        StoryImageCollector.parse(Path.of("000_x\u0301_00.png")).orElseThrow().scene(),
        "combining marks are allowed, as in the reference's names");
  }

  @Test
  void filters() throws IOException {
    touch("000_opening_00.png");
    touch("000_opening_01.png");
    touch("001_café_scène_00.png");
    touch("002_mr._x.png");
    touch("003_opening_00.png");
    assertEquals(
        List.of("000_opening_00.png", "000_opening_01.png"),
        names(StoryImageCollector.collect(dir, 0, null).imagePaths()));
    assertEquals(
        List.of("000_opening_00.png", "000_opening_01.png", "003_opening_00.png"),
        names(StoryImageCollector.collect(dir, null, "Opening").imagePaths()));
    assertEquals(
        List.of("003_opening_00.png"),
        names(StoryImageCollector.collect(dir, 3, "OPENING").imagePaths()));
    assertEquals(
        List.of("001_café_scène_00.png"),
        names(StoryImageCollector.collect(dir, null, "Cafe\u0301 Scène").imagePaths()));
    assertEquals(
        List.of("002_mr._x.png"),
        names(StoryImageCollector.collect(dir, null, "Mr. X").imagePaths()),
        "the reference's form of the name");
    assertEquals(0, StoryImageCollector.collect(dir, 7, null).count());
    assertEquals(0, StoryImageCollector.collect(dir, 0, "action").count());
    assertEquals(0, StoryImageCollector.collect(dir, 0, "action").ignoredCount());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> StoryImageCollector.collect(dir, -1, null));
    assertEquals("order must be >= 0: -1", e.getMessage());
  }

  @Test
  void pairingForAFiveSceneStory() throws IOException {
    String[] scenes = {"Opening", "Action", "Café Scène", "Twist", "Finale"};
    int[] orders = {0, 1, 2, 3, 5};
    for (int s = 0; s < 5; s++) {
      for (int v = (s == 3 ? 1 : 0); v < 3; v++) { // scene "Twist" has no variant 00
        touch(StoryImageNamer.prefix(orders[s], scenes[s], v) + ".png");
      }
    }
    List<SceneTransition> t = StoryImageCollector.collect(dir).transitions();
    assertEquals(4, t.size());
    assertEquals("000_opening_to_001_action", t.get(0).videoPrefix());
    assertEquals("001_action_to_002_café_scène", t.get(1).videoPrefix());
    assertEquals("002_café_scène_to_003_twist", t.get(2).videoPrefix());
    assertEquals("003_twist_to_005_finale", t.get(3).videoPrefix());
    assertEquals(dir.resolve("000_opening_00.png"), t.get(0).firstFrame());
    assertEquals(dir.resolve("001_action_00.png"), t.get(0).nextFirstFrame());
    assertEquals(dir.resolve("003_twist_01.png"), t.get(2).nextFirstFrame());
    assertEquals(dir.resolve("003_twist_01.png"), t.get(3).firstFrame());
    assertEquals(5, t.get(3).to().order());
    assertEquals("finale", t.get(3).to().scene());

    assertEquals(List.of(), StoryImageCollector.collect(dir, 0, null).transitions(), "one scene");
  }

  @Test
  void emptyAndMissingFolders() throws IOException {
    CollectedImages none = StoryImageCollector.collect(dir);
    assertEquals(0, none.count());
    assertEquals(Map.of(), none.sceneGroups());
    assertEquals(List.of(), none.transitions());
    assertThrows(NoSuchFileException.class, () -> StoryImageCollector.collect(dir.resolve("missing")));
    Path file = touch("file");
    assertThrows(IOException.class, () -> StoryImageCollector.collect(file));
  }

  @Test
  void resultsAreValues() throws IOException {
    touch("000_a_00.png");
    touch("junk");
    CollectedImages a = StoryImageCollector.collect(dir);
    CollectedImages b = StoryImageCollector.collect(dir);
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertEquals("CollectedImages[count=1, scenes=1, ignored=1]", a.toString());
    touch("001_b_00.png");
    assertNotEquals(a, StoryImageCollector.collect(dir));
    assertNotEquals(a, new Object());
    assertThrows(UnsupportedOperationException.class, () -> a.imagePaths().clear());
    assertThrows(UnsupportedOperationException.class, () -> a.sceneGroups().get("a").clear());
    assertTrue(a.images().get(0).path().isAbsolute());
  }

  @Test
  void storyImagesAreChecked() {
    Path p = Path.of("x.png");
    assertThrows(IllegalArgumentException.class, () -> new StoryImage(p, -1, "a", 0));
    assertThrows(IllegalArgumentException.class, () -> new StoryImage(p, 0, "", 0));
    assertThrows(IllegalArgumentException.class, () -> new StoryImage(p, 0, "a", -1));
    StoryImage ok = new StoryImage(p, 0, "a", 0);
    assertThrows(NullPointerException.class, () -> new SceneTransition(ok, ok, null));
  }

  @Test
  void codePointOrderIsPythonOrder() {
    assertTrue(PythonText.compareCodePoints("\uFF21", "\uD83D\uDE00") < 0);
    assertTrue("\uFF21".compareTo("\uD83D\uDE00") > 0, "String.compareTo disagrees");
    assertTrue(PythonText.compareCodePoints("a", "ab") < 0);
    assertEquals(0, PythonText.compareCodePoints("ab", "ab"));
    assertTrue(PythonText.compareCodePoints("b", "a") > 0);
  }
}
