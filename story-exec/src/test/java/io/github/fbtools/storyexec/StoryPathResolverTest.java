package io.github.fbtools.storyexec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.InvalidNameException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoryPathResolverTest {

  private static final Path ROOT = Path.of("/out");
  private static final Path IMAGES = Path.of("/out/executions/20260314_093005_k3x9q1/images");

  @Test
  void allEightOutputs() {
    ResolvedPaths p = StoryPathResolver.resolve(IMAGES, "000_opening_00", "png", ROOT);
    assertEquals(IMAGES, p.absDirectory());
    assertEquals(IMAGES.resolve("000_opening_00.png"), p.absFilepath());
    assertEquals(IMAGES.resolve("000_opening_00"), p.absFilepathNoExt());
    assertEquals("executions/20260314_093005_k3x9q1/images", p.relDirectory());
    assertEquals("executions/20260314_093005_k3x9q1/images/000_opening_00.png", p.relFilepath());
    assertEquals("executions/20260314_093005_k3x9q1/images/000_opening_00", p.relFilepathNoExt());
    assertEquals("000_opening_00", p.basename());
    assertEquals("000_opening_00.png", p.basenameWithExt());
  }

  @Test
  void extensionsWithAndWithoutDotAreTheSame() {
    assertEquals(
        StoryPathResolver.resolve(IMAGES, "000_a_00", "png", ROOT),
        StoryPathResolver.resolve(IMAGES, "000_a_00", ".png", ROOT));
    assertEquals(
        "000_a_00.PNG",
        StoryPathResolver.resolve(IMAGES, "000_a_00", ".PNG", ROOT).basenameWithExt(),
        "the case is kept");
    assertEquals(
        "000_a_00.webp",
        StoryPathResolver.resolve(IMAGES, "000_a_00", "webp", ROOT).basenameWithExt());
  }

  @Test
  void unicodePrefixesFromTheNamer() {
    String prefix = StoryImageNamer.prefix(1000, "Café Scène", 100);
    ResolvedPaths p = StoryPathResolver.resolve(IMAGES, prefix, "jpeg", ROOT);
    assertEquals("1000_café_scène_100.jpeg", p.basenameWithExt());
    assertEquals(
        "executions/20260314_093005_k3x9q1/images/1000_café_scène_100", p.relFilepathNoExt());
  }

  @Test
  void theRootItselfAndRelativeFolders() {
    ResolvedPaths atRoot = StoryPathResolver.resolve(ROOT, "x", "png", ROOT);
    assertEquals("", atRoot.relDirectory());
    assertEquals("x.png", atRoot.relFilepath());
    assertEquals("x", atRoot.relFilepathNoExt());
    assertEquals(ROOT.resolve("x.png"), atRoot.absFilepath());

    ResolvedPaths relative = StoryPathResolver.resolve(Path.of("executions/e1/images"), "x", "png", ROOT);
    assertEquals(Path.of("/out/executions/e1/images"), relative.absDirectory());
    assertEquals("executions/e1/images/x.png", relative.relFilepath());

    ResolvedPaths dotted =
        StoryPathResolver.resolve(Path.of("/out/a/./b/../c"), "x", "png", Path.of("/out/"));
    assertEquals(Path.of("/out/a/c"), dotted.absDirectory());
    assertEquals("a/c/x.png", dotted.relFilepath());

    ResolvedPaths emptyDir = StoryPathResolver.resolve(Path.of(""), "x", "png", ROOT);
    assertEquals("", emptyDir.relDirectory());
  }

  @Test
  void aRelativeRootIsTakenFromTheWorkingDirectory() {
    ResolvedPaths p = StoryPathResolver.resolve(Path.of("a/b"), "x", "mp4", Path.of("out"));
    assertEquals(Path.of("out/a/b").toAbsolutePath(), p.absDirectory());
    assertTrue(p.absFilepath().isAbsolute());
    assertEquals("a/b/x.mp4", p.relFilepath());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/outside", "/out-evil", "/out-evil/x", "/", "/out/../etc", "../x", "a/../../x"})
  void foldersOutsideTheRootAreRefused(String dir) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> StoryPathResolver.resolve(Path.of(dir), "x", "png", ROOT));
    assertTrue(e.getMessage().startsWith("dir must be inside outputRoot: dir " + dir), e.getMessage());
    assertTrue(e.getMessage().contains("is not under outputRoot /out"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "../x",
        "..",
        "a/b",
        "a\\b",
        "/abs",
        "C:x",
        "con",
        "CON",
        "aux.tar",
        ".hidden",
        "x.",
        "000 opening 00",
        "a\u0000b",
        "a\u202eb",
        "a\u2215b",
        "a\uff0fb",
        "%2e%2e%2f",
        "-leading",
        "x..y"
      })
  void hostilePrefixesAreRefused(String prefix) {
    InvalidNameException e =
        assertThrows(
            InvalidNameException.class,
            () -> StoryPathResolver.resolve(IMAGES, prefix, "png", ROOT));
    assertEquals("file name", e.kind());
  }

  @Test
  void theFileNameMustFitTheFileRuleToo() {
    String ok = "a".repeat(124);
    assertEquals(ok + ".png", StoryPathResolver.resolve(IMAGES, ok, "png", ROOT).basenameWithExt());
    InvalidNameException e =
        assertThrows(
            InvalidNameException.class,
            () -> StoryPathResolver.resolve(IMAGES, "a".repeat(125), "png", ROOT));
    assertTrue(e.getMessage().contains("longer than 128"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "..png", "p/ng", "png.", "p ng", "tar.gz", "pn\u0000g", "ｐｎｇ", "abcdefghijklmnopq"})
  void malformedExtensionsAreRefused(String extension) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> StoryPathResolver.resolve(IMAGES, "x", extension, ROOT));
    assertTrue(e.getMessage().startsWith("extension must be 1 to 16 ASCII letters or digits"), e.getMessage());
  }

  @Test
  void videoResolverDefaultsToMp4() {
    Path videos = Path.of("/out/executions/e1/videos");
    String prefix = StoryVideoNamer.prefix(0, "Opening", "Action");
    ResolvedPaths p = StoryVideoPathResolver.resolve(videos, prefix, ROOT);
    assertEquals("000_opening_to_001_action.mp4", p.basenameWithExt());
    assertEquals("executions/e1/videos/000_opening_to_001_action.mp4", p.relFilepath());
    assertEquals(videos.resolve("000_opening_to_001_action"), p.absFilepathNoExt());
    assertEquals(
        "000_opening_to_001_action.webm",
        StoryVideoPathResolver.resolve(videos, prefix, ".webm", ROOT).basenameWithExt());
    assertThrows(
        IllegalArgumentException.class,
        () -> StoryVideoPathResolver.resolve(Path.of("/elsewhere"), prefix, ROOT));
  }

  @Test
  void nullsAreRefused() {
    assertThrows(
        NullPointerException.class, () -> StoryPathResolver.resolve(null, "x", "png", ROOT));
    assertThrows(
        NullPointerException.class, () -> StoryPathResolver.resolve(IMAGES, "x", "png", null));
    assertThrows(
        NullPointerException.class,
        () -> new ResolvedPaths(ROOT, ROOT, ROOT, "", "", "", "", null));
  }
}
