package io.github.fbtools.core.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.fbtools.core.InvalidNameException;
import io.github.fbtools.core.files.SafeNames.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Jazzer target for the resolver (P5 of RELIABILITY.md §4): any name either is refused with
 * {@link InvalidNameException} or resolves to exactly one segment under the real root. During
 * {@code verify} the stored inputs replay in regression mode; {@code JAZZER_FUZZ=1} fuzzes.
 */
class SafeNamesFuzzTest {
  private static final Path ROOT;

  static {
    try {
      ROOT = Files.createTempDirectory("safenames-fuzz").toRealPath();
      ROOT.toFile().deleteOnExit();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "30s")
  void resolvedNamesStayUnderTheRoot(FuzzedDataProvider data) throws IOException {
    Kind kind = data.pickValue(Kind.values());
    String name = data.consumeRemainingAsString();
    Path p;
    try {
      p = SafeNames.resolveUnderRealRoot(ROOT, kind, name);
    } catch (InvalidNameException e) {
      assertTrue(e.getMessage().length() <= 64 * 6 + 200);
      return;
    }
    assertEquals(ROOT, p.getParent());
    assertEquals(ROOT, p.normalize().getParent());
    assertTrue(p.startsWith(ROOT));
  }
}
