package io.github.fbtools.storyexec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.files.SafeNames;
import org.junit.jupiter.api.Test;

class StoryNamerTest {

  @Test
  void slugs() {
    assertSlug("opening", "Opening");
    assertSlug("café_scène", "Café Scène");
    assertSlug("café_scène", "Cafe\u0301 Sce\u0300ne"); // NFD input is composed first
    assertSlug("a_b_c", "a-b c");
    assertSlug("___", "???");
    assertSlug("scene", "");
    assertSlug("_", " ");
    assertSlug("opening__", "Opening 🎬");
    assertSlug("_", "🎬");
    assertSlug("x_", "x\u0301"); // a mark that does not compose is not a letter
    assertSlug("όσος", "ΌΣΟΣ");
    assertSlug("i_stanbul", "İstanbul"); // lower case gives i + U+0307, a mark
    assertSlug("straße", "Straße");
    assertSlug("开场_第一幕", "开场 第一幕");
    assertSlug("scene_01", "Scene_01");
    assertSlug("x_", "x²"); // superscript two is not a decimal digit
    assertSlug("٣_أبواب", "٣ أبواب"); // Arabic-Indic digit and Arabic letters are kept
    assertSlug("ａｂｃ", "ＡＢＣ");
    assertSlug("tab_here", "tab\there");
    assertSlug("line_break", "line\nbreak");
    assertSlug("___etc_passwd", "../etc/passwd");
    assertSlug("c__x", "C:\\x");
    assertSlug("con", "con");
    assertSlug("mr__x", "Mr. X");
    // Letters whose NFKC form holds a middle dot or a space: they would fail file-name rules
    // that check NFKC.
    assertSlug("co_lecció", "coĿlecció");
    assertSlug("a_b", "a\uFDFAb");
    assertSlug("_", "\u037A");
    assertSlug("ﬁle_ｘ", "ﬁle ｘ"); // ligatures and fullwidth letters fold to letters: kept
  }

  @Test
  void slugsStayLettersDigitsAndMarksUnderNfkc() {
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
      if (!Character.isLetterOrDigit(cp)) {
        continue; // anything else becomes "_"
      }
      String slug = StoryImageNamer.slug(new String(Character.toChars(cp)));
      java.text.Normalizer.normalize(slug, java.text.Normalizer.Form.NFKC)
          .codePoints()
          .forEach(
              c ->
                  assertTrue(
                      c == '_'
                          || Character.isLetterOrDigit(c)
                          || Character.getType(c) == Character.NON_SPACING_MARK
                          || Character.getType(c) == Character.COMBINING_SPACING_MARK
                          || Character.getType(c) == Character.ENCLOSING_MARK,
                      slug));
    }
  }

  private static void assertSlug(String slug, String name) {
    assertEquals(slug, StoryImageNamer.slug(name), name);
  }

  @Test
  void longSlugsAreShortenedWithAHashOfTheWhole() {
    // Expected values: python3 -c "import hashlib; s='a'*60;
    //   print(s[:39] + '_' + hashlib.sha256(s.encode()).hexdigest()[:8])"
    assertEquals(
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_11ee3912", StoryImageNamer.slug("A".repeat(60)));
    assertEquals(
        "ééééééééééééééééééééééééééééééééééééééé_3a522b0c", StoryImageNamer.slug("É".repeat(49)));
    assertEquals("b".repeat(48), StoryImageNamer.slug("b".repeat(48)), "48 is kept");
    String emoji = StoryImageNamer.slug("🎬".repeat(100));
    assertEquals(48, emoji.codePointCount(0, emoji.length()));
    assertTrue(emoji.startsWith("_".repeat(39) + "_"), emoji);
    String a = StoryImageNamer.slug("x".repeat(60) + "one");
    String b = StoryImageNamer.slug("x".repeat(60) + "two");
    assertTrue(!a.equals(b), "names that share a long beginning still differ");
    assertEquals(a, StoryImageNamer.slug(a), "idempotent");
  }

  @Test
  void imagePrefixes() {
    assertEquals("000_opening_00", StoryImageNamer.prefix(0, "Opening", 0));
    assertEquals("005_a_07", StoryImageNamer.prefix(5, "a", 7));
    assertEquals("042_café_scène_03", StoryImageNamer.prefix(42, "Café Scène", 3));
    assertEquals("999_scene_99", StoryImageNamer.prefix(999, "", 99));
    assertEquals("1000_x_100", StoryImageNamer.prefix(1000, "x", 100));
    assertEquals(
        "2147483647_x_2147483647",
        StoryImageNamer.prefix(Integer.MAX_VALUE, "x", Integer.MAX_VALUE));
  }

  @Test
  void negativeOrdersAndVariantsAreRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> StoryImageNamer.prefix(-1, "a", 0));
    assertEquals("order must be >= 0: -1", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> StoryImageNamer.prefix(0, "a", -1));
    assertEquals("variant must be >= 0: -1", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> StoryVideoNamer.prefix(-1, "a", 0, "b"));
    assertEquals("order must be >= 0: -1", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> StoryVideoNamer.prefix(0, "a", -5, "b"));
    assertEquals("nextOrder must be >= 0: -5", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> StoryVideoNamer.prefix(-1, "a", "b"));
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> StoryVideoNamer.prefix(Integer.MAX_VALUE, "a", "b"));
    assertTrue(e.getMessage().startsWith("order must be < 2147483647"), e.getMessage());
  }

  @Test
  void videoPrefixes() {
    assertEquals("000_opening_to_001_action", StoryVideoNamer.prefix(0, "Opening", 1, "Action"));
    assertEquals("000_opening_to_001_action", StoryVideoNamer.prefix(0, "Opening", "Action"));
    assertEquals("999_a_to_1000_b", StoryVideoNamer.prefix(999, "a", "b"));
    assertEquals("007_a_b_c_to_003_scene", StoryVideoNamer.prefix(7, "a-b c", 3, ""));
    assertEquals(
        "001_café_scène_to_002____", StoryVideoNamer.prefix(1, "Cafe\u0301 Scène", "???"));
  }

  @Test
  void theLongestNamesStillPassTheFileRule() {
    String longName = "Ж".repeat(64);
    String image = StoryImageNamer.prefix(Integer.MAX_VALUE, longName, Integer.MAX_VALUE);
    String video =
        StoryVideoNamer.prefix(Integer.MAX_VALUE, longName, Integer.MAX_VALUE, longName);
    for (String ext : new String[] {".png", ".jpeg", ".webp", ".mp4", ".webm"}) {
      SafeNames.validate(SafeNames.Kind.FILE, image + ext);
      SafeNames.validate(SafeNames.Kind.FILE, video + ext);
    }
    assertEquals(127, (video + ".webm").codePointCount(0, video.length() + 5));
  }

  @Test
  void nullsAreRefused() {
    assertThrows(NullPointerException.class, () -> StoryImageNamer.slug(null));
    assertThrows(NullPointerException.class, () -> StoryImageNamer.prefix(0, null, 0));
    assertThrows(NullPointerException.class, () -> StoryVideoNamer.prefix(0, "a", 1, null));
  }

  /** Issue 10 item 6: the last scene's clip has its own name. */
  @Test
  void finalClipPrefix() {
    assertEquals("002_finale", StoryVideoNamer.finalPrefix(2, "Finale"));
    assertEquals("1000_café_scène", StoryVideoNamer.finalPrefix(1000, "Café Scène"));
    assertEquals("000_scene", StoryVideoNamer.finalPrefix(0, ""));
    assertTrue(!StoryVideoNamer.finalPrefix(0, "a").equals(StoryVideoNamer.prefix(0, "a", "b")));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> StoryVideoNamer.finalPrefix(-1, "a"));
    assertTrue(e.getMessage().contains("-1"), e.getMessage());
    assertThrows(NullPointerException.class, () -> StoryVideoNamer.finalPrefix(0, null));
  }
}
