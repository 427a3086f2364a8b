package io.github.fbtools.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 10 item 17: plurals and display widths of the command line's tables. */
class TextTest {
  @Test
  void plurals() {
    assertEquals("1 other entry", Text.count(1, "other entry"));
    assertEquals("2 other entries", Text.count(2, "other entry"));
    assertEquals("0 keys", Text.count(0, "key"));
    assertEquals("3 days", Text.count(3, "day"));
    assertEquals("2 scenes", Text.count(2, "scene"));
  }

  @Test
  void widthCountsTerminalColumns() {
    assertEquals(5, Text.width("abcde"));
    assertEquals(4, Text.width("開場"));
    assertEquals(4, Text.width("ＡＢ"));
    assertEquals(4, Text.width("한국"));
    assertEquals(2, Text.width("😀"));
    assertEquals(4, Text.width("cafe\u0301"), "a combining accent takes no column");
    assertEquals(1, Text.width("\u200d."), "a format character takes no column");
    assertEquals(4, Text.width("café"));
  }

  @Test
  void tablesLineUpWithWideCharacters() {
    List<String> lines =
        Text.table(
            "",
            List.of(
                List.of("SCENE", "ORDER"),
                List.of("開場の場面", "1"),
                List.of("opening", "2"),
                List.of("cafe\u0301", "3")));
    assertEquals(
        List.of("SCENE       ORDER", "開場の場面  1", "opening     2", "cafe\u0301        3"),
        lines);
  }
}
