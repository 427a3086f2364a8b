package io.github.fbtools.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {
  private static String run(boolean terminal, int total, String... items) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream s = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      Progress p = new Progress(s, terminal, total);
      for (String item : items) {
        p.item(item);
      }
      p.done();
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void plainLinesWhenNotATerminal() {
    assertEquals("  [1/2] a: ok\n  [2/2] b: failed\n", run(false, 2, "a: ok", "b: failed"));
    assertEquals("", run(false, 0));
  }

  @Test
  void barRedrawnInPlaceOnATerminal() {
    String out = run(true, 4, "first long name", "b", "c", "d");
    assertEquals(
        "\r[#######-----------------------] 1/4 first long name"
            + "\r[###############---------------] 2/4 b" + " ".repeat(14)
            + "\r[######################--------] 3/4 c"
            + "\r[##############################] 4/4 d\n",
        out);
    assertEquals("", run(true, 0));
  }

  @Test
  void negativeTotal() {
    assertThrows(IllegalArgumentException.class, () -> new Progress(System.err, false, -1));
  }
}
