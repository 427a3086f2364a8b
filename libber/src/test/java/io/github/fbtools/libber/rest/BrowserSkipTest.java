package io.github.fbtools.libber.rest;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** Without a browser the editor's browser tests are skipped, naming the fix; under CI they fail. */
class BrowserSkipTest {
  @TempDir Path tmp;

  @Test
  void noBrowserSkipsWithTheInstallCommand() {
    TestAbortedException e = assertThrows(TestAbortedException.class,
        () -> Browser.start(tmp.resolve("no-chromium"), Browser.DRIVER, false));
    assertTrue(e.getMessage().contains(Browser.INSTALL), e.getMessage());
    assertTrue(e.getMessage().contains("no-chromium"), e.getMessage());
  }

  @Test
  void noBrowserFailsUnderCi() {
    AssertionFailedError e = assertThrows(AssertionFailedError.class,
        () -> Browser.start(Browser.CHROMIUM, tmp.resolve("no-driver"), true));
    assertTrue(e.getMessage().contains("CI is set"), e.getMessage());
    assertTrue(e.getMessage().contains(Browser.INSTALL), e.getMessage());
  }

  @Test
  void aBrowserThatCannotStartFailsUnderCi() throws IOException {
    Path fake = Files.writeString(tmp.resolve("chromium"), "#!/bin/sh\nexit 1\n");
    assertTrue(fake.toFile().setExecutable(true));
    assertThrows(AssertionFailedError.class, () -> Browser.start(fake, Browser.DRIVER, true));
  }
}
