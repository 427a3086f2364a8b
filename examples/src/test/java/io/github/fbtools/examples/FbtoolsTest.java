package io.github.fbtools.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FbtoolsTest {
  @TempDir Path tmp;

  @Test
  void mainHelpListsEveryCommand() {
    for (String flag : new String[] {"--help", "-h", "help"}) {
      CliRun r = CliRun.run(CliRun.env(tmp), flag).assertOk();
      assertTrue(r.out().startsWith("Usage: fbtools COMMAND"), r::toString);
      for (Command c : Fbtools.commands().values()) {
        assertTrue(r.out().contains("\n  " + c.synopsis().get(0)), () -> c.name() + "\n" + r);
        assertTrue(r.out().contains(c.summary()), r::toString);
      }
      assertTrue(r.out().contains("Exit codes"), r::toString);
    }
  }

  @Test
  void everyCommandHasHelp() {
    for (Command c : Fbtools.commands().values()) {
      CliRun a = CliRun.run(CliRun.env(tmp), c.name(), "--help").assertOk();
      CliRun b = CliRun.run(CliRun.env(tmp), "help", c.name()).assertOk();
      CliRun h = CliRun.run(CliRun.env(tmp), c.name(), "-h").assertOk();
      assertEquals(c.help(), a.out());
      assertEquals(a.out(), b.out());
      assertEquals(a.out(), h.out());
      assertTrue(a.out().startsWith("Usage: fbtools " + c.name()), a::toString);
      assertTrue(a.out().contains("Exit codes"), a::toString);
      // --help wins over other arguments, even bad ones.
      CliRun d = CliRun.run(CliRun.env(tmp), c.name(), "x", "--help").assertOk();
      assertEquals(a.out(), d.out());
    }
  }

  @Test
  void noCommand() {
    CliRun.run(CliRun.env(tmp)).assertUsageError("fbtools: missing command");
  }

  @Test
  void unknownCommandAndOption() {
    CliRun.run(CliRun.env(tmp), "frobnicate").assertUsageError("unknown command \"frobnicate\"");
    CliRun.run(CliRun.env(tmp), "--verbose").assertUsageError("unknown option \"--verbose\"");
    CliRun.run(CliRun.env(tmp), "help", "frobnicate").assertUsageError("unknown command");
    CliRun.run(CliRun.env(tmp), "help", "hash", "x").assertUsageError("unknown command");
  }

  @Test
  void unknownOptionOfEachCommand() {
    for (Command c : Fbtools.commands().values()) {
      CliRun.run(CliRun.env(tmp), c.name(), "--bogus")
          .assertUsageError("fbtools " + c.name() + ": unknown option \"--bogus\"");
    }
  }

  @Test
  void messagesQuoteControlCharacters() {
    CliRun r = CliRun.run(CliRun.env(tmp), "bad\nname\u0001");
    r.assertUsageError("unknown command \"bad\\nname\\u0001\"");
  }
}
