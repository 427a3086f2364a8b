package io.github.fbtools.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue 12 item 6: every command is described by one {@link CommandSpec}. */
class CommandSpecTest {

  @Test
  void everyCommandIsReadThroughOneSpecThatAgreesWithIt() {
    Map<String, Command> commands = Fbtools.commands();
    assertEquals(
        List.of("demo", "migrate", "verify", "rollback", "libber", "hash", "collect", "serve"),
        List.copyOf(commands.keySet()));
    for (Command c : commands.values()) {
      CommandSpec spec = CommandSpec.of(c);
      assertEquals(c.name(), spec.name());
      assertTrue(spec.help().startsWith("Usage: fbtools " + c.name()), spec.help());
      assertTrue(java.util.Collections.disjoint(spec.options(), spec.repeatableOptions()), c.name());
      for (String line : spec.synopsis()) {
        assertTrue(line.startsWith(c.name()), line);
      }
      if (c instanceof SpecCommand s) {
        assertEquals(s.spec(), spec, c.name());
      }
    }
    assertEquals(Set.of("--jobs"), commands.get("migrate").options());
  }

  @Test
  void aSpecIsChecked() {
    List<String> synopsis = List.of("x A");
    assertThrows(
        IllegalArgumentException.class,
        () -> new CommandSpec("x", synopsis, "s", "no final newline", Set.of(), Set.of()));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new CommandSpec(
                    "x", synopsis, "s", "help\n", Set.of(), Set.of("--a"), Set.of("--a")));
    assertEquals("repeatableOptions must not be among the options of x: [--a]", e.getMessage());
    CommandSpec ok = new CommandSpec("x", synopsis, "s", "help\n", Set.of("--f"), Set.of("--a"));
    assertEquals(Set.of(), ok.repeatableOptions());
    assertThrows(UnsupportedOperationException.class, () -> ok.synopsis().add("y"));
  }
}
