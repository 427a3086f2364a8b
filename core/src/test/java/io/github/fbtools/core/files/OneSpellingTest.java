package io.github.fbtools.core.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.InvalidNameException;
import io.github.fbtools.core.Libber;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Libber, scene and story names are compared in Unicode NFC: {@code é} typed as U+00E9 or as
 * {@code e} U+0301 is one name, and once one spelling exists on disk the other is refused.
 */
class OneSpellingTest {
  private static final String NFC = "caf\u00e9";
  private static final String NFD = "cafe\u0301";

  @TempDir Path root;

  @Test
  void sameNameComparesInNfc() {
    assertTrue(SafeNames.sameName(NFC, NFD));
    assertTrue(SafeNames.sameName("\u212Aelvin", "Kelvin")); // KELVIN SIGN is K in NFC
    assertFalse(SafeNames.sameName("cafe", NFC));
    assertFalse(SafeNames.sameName("ﬁle", "file")); // a ligature is only equal in NFKC
  }

  @Test
  void aSecondSpellingOfASceneIsRefused() throws IOException {
    Files.createDirectory(root.resolve(NFC));
    assertEquals(root.resolve(NFC), SafeNames.resolve(root, SafeNames.Kind.SCENE, NFC));
    InvalidNameException e = assertThrows(InvalidNameException.class,
        () -> SafeNames.resolve(root, SafeNames.Kind.STORY, NFD));
    assertEquals(
        "invalid story name \"cafe\u0301\": is another spelling of the existing"
            + " \"caf\u00e9\" (the same name in Unicode NFC; here cafe U+0301, on disk"
            + " caf U+00E9); use the existing spelling",
        e.getMessage());
    // Names of other kinds, and different names, are not affected.
    assertEquals(root.resolve("cafe"), SafeNames.resolve(root, SafeNames.Kind.SCENE, "cafe"));
    assertEquals(root.resolve("x.json"), SafeNames.resolve(root, SafeNames.Kind.FILE, "x.json"));
  }

  @Test
  void whenBothSpellingsExistEachResolvesToItself() throws IOException {
    Files.createDirectory(root.resolve(NFC));
    Files.createDirectory(root.resolve(NFD));
    assertEquals(root.resolve(NFD), SafeNames.resolve(root, SafeNames.Kind.SCENE, NFD));
  }

  @Test
  void aLibberIsNotWrittenUnderASecondSpelling() throws IOException {
    LibberFiles files = LibberFiles.using(AtomicFiles.create());
    files.write(root, NFC, Libber.of(Map.of("a", "b")));
    assertThrows(InvalidNameException.class,
        () -> files.write(root, NFD, Libber.of(Map.of("a", "c"))));
    assertThrows(InvalidNameException.class, () -> files.load(root, NFD));
    assertEquals(Map.of("a", "b"), files.load(root, NFC).orElseThrow().libber().libs());
    try (var entries = Files.list(root)) {
      assertEquals(1, entries.count());
    }
  }

  @Test
  void aStoryIsNotReadUnderASecondSpelling() throws IOException {
    StoryFiles stories = StoryFiles.using(AtomicFiles.create());
    Path dir = Files.createDirectory(root.resolve(NFC));
    Files.writeString(dir.resolve("story.json"),
        "{\"version\": 2, \"story_name\": \"x\", \"scenes\": []}");
    assertTrue(stories.load(root, NFC).isPresent());
    assertThrows(InvalidNameException.class, () -> stories.load(root, NFD));
  }

  @Test
  void aMissingFolderHasNoOtherSpelling() throws IOException {
    SafeNames.checkOneSpelling(root.resolve("missing"), SafeNames.Kind.SCENE, NFD, "");
    Path file = Files.writeString(root.resolve("plain"), "x");
    SafeNames.checkOneSpelling(file, SafeNames.Kind.SCENE, NFD, "");
  }
}
