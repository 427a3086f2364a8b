package io.github.fbtools.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same seed, same bytes: in any order of calls, and in a second JVM. */
class DeterminismTest {
  @TempDir Path tmp;

  @Test
  void aSecondJvmGivesTheSameBytes() throws Exception {
    String here = DeterminismMain.digest(tmp.resolve("here"), false);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                List.of(
                    java,
                    "-cp",
                    System.getProperty("java.class.path"),
                    // Another default charset and locale must change nothing.
                    "-Dfile.encoding=ISO-8859-1",
                    "-Duser.language=tr",
                    "-Duser.country=TR",
                    DeterminismMain.class.getName(),
                    tmp.resolve("there").toString()))
            .redirectErrorStream(true)
            .start();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the second JVM did not finish");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertEquals(0, p.exitValue(), out);
    assertEquals(here, out);
    assertEquals(64, here.length());
  }

  @Test
  void theOrderOfCallsChangesNothing() throws IOException {
    assertEquals(
        DeterminismMain.digest(tmp.resolve("a"), false),
        DeterminismMain.digest(tmp.resolve("b"), true));
  }

  @Test
  void otherSeedsAndSizesGiveOtherData() {
    assertNotEquals(FbGen.of(1).promptsJson(20), FbGen.of(2).promptsJson(20));
    assertNotEquals(FbGen.of(1).libberJson(20), FbGen.of(1).libberJson(21));
    assertEquals(FbGen.of(1), FbGen.of(1));
    assertEquals(FbGen.of(1).hashCode(), FbGen.of(1).hashCode());
    assertNotEquals(FbGen.of(1), FbGen.of(2));
    assertNotEquals(FbGen.of(1), "FbGen.of(1L)");
    assertEquals("FbGen.of(-5L)", FbGen.of(-5).toString());
    assertEquals(-5, FbGen.of(-5).seed());
  }
}
