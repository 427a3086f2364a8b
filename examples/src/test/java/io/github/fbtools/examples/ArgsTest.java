package io.github.fbtools.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgsTest {
  private static Args parse(String... args) throws UsageException {
    return Args.parse("cmd", List.of(args), Set.of("--json"), Set.of("--out", "--seed"));
  }

  @Test
  void positionalsFlagsAndOptions() throws UsageException {
    Args a = parse("a", "--json", "--out", "x y", "b", "--seed=7", "-", "--", "--json", "-h");
    assertEquals(List.of("a", "b", "-", "--json", "-h"), a.positionals());
    assertTrue(a.flag("--json"));
    assertFalse(a.help());
    assertEquals(Optional.of("x y"), a.option("--out"));
    assertEquals(7, a.longOption("--seed", 0, 0, 10));
    assertEquals(3, a.longOption("--missing", 3, 0, 10));
    assertEquals(Optional.empty(), a.option("--missing"));
  }

  @Test
  void emptyValueWithEquals() throws UsageException {
    assertEquals(Optional.of(""), parse("--out=").option("--out"));
  }

  @Test
  void help() throws UsageException {
    assertTrue(parse("-h").help());
    assertTrue(parse("x", "--help").help());
  }

  @Test
  void errors() {
    assertEquals(
        "cmd: unknown option \"--nope\" (an argument that starts with '-' goes after '--')",
        assertThrows(UsageException.class, () -> parse("--nope")).getMessage());
    assertEquals(
        "cmd: unknown option \"-x\" (an argument that starts with '-' goes after '--')",
        assertThrows(UsageException.class, () -> parse("-x")).getMessage());
    assertEquals(
        "cmd: --json takes no value: --json=1",
        assertThrows(UsageException.class, () -> parse("--json=1")).getMessage());
    assertEquals(
        "cmd: --out needs a value",
        assertThrows(UsageException.class, () -> parse("--out")).getMessage());
    assertEquals(
        "cmd: --out given twice",
        assertThrows(UsageException.class, () -> parse("--out", "a", "--out=b")).getMessage());
    assertEquals(
        "cmd: --seed must be an integer: \"x\"",
        assertThrows(
                UsageException.class, () -> parse("--seed", "x").longOption("--seed", 0, 0, 9))
            .getMessage());
    assertEquals(
        "cmd: --seed must be in 0..9: 10",
        assertThrows(
                UsageException.class, () -> parse("--seed", "10").longOption("--seed", 0, 0, 9))
            .getMessage());
  }

  @Test
  void expect() throws UsageException {
    assertEquals(List.of("a", "b"), parse("a", "b").expect("A", "B"));
    assertEquals(
        "cmd: missing B",
        assertThrows(UsageException.class, () -> parse("a").expect("A", "B")).getMessage());
    assertEquals(
        "cmd: unexpected argument \"c\"",
        assertThrows(UsageException.class, () -> parse("a", "b", "c").expect("A", "B"))
            .getMessage());
    assertEquals(
        "cmd: unexpected argument \"a\"",
        assertThrows(UsageException.class, () -> parse("a").expect()).getMessage());
  }
}
