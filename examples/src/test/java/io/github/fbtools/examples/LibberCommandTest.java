package io.github.fbtools.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.json.FbJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibberCommandTest {
  @TempDir Path tmp;
  private CliEnv env;
  private String noir;
  private String broken;

  @BeforeEach
  void files() throws IOException {
    env = CliRun.env(tmp);
    noir =
        TestFiles.write(tmp.resolve("noir.json"), SampleStory.bytes("libbers/noir.json"))
            .toString();
    broken =
        TestFiles.write(
                tmp.resolve("broken.json"),
                "{\"libs\": {\"a\": \"%b%\", \"b\": \"%a% %zz%\", \"Hair\": \"red\"}}")
            .toString();
  }

  @Test
  void apply() {
    CliRun r = CliRun.run(env, "libber", "apply", noir, "%courier% in %city%, %style%").assertOk();
    assertEquals(
        "a young courier in a yellow raincoat in a rain-soaked neon city at night, cinematic film"
            + " still, teal and orange light, 35mm film grain\n",
        r.out());
  }

  @Test
  void applyJson() {
    CliRun r = CliRun.run(env, "libber", "apply", "--json", noir, "%cafe% %nope%").assertOk();
    Map<String, Object> doc = FbJson.parseObject(r.out());
    assertEquals(noir, doc.get("file"));
    assertEquals("%cafe% %nope%", doc.get("text"));
    assertEquals("a tiny café with fogged windows %nope%", doc.get("result"));
  }

  @Test
  void applyTextStartingWithDash() {
    CliRun r = CliRun.run(env, "libber", "apply", noir, "--", "-%grain%-").assertOk();
    assertEquals("-35mm film grain-\n", r.out());
    // issue 10 item 17: without '--' the error says what to do, and --help documents it
    CliRun.run(env, "libber", "apply", noir, "-%grain%-")
        .assertUsageError("unknown option \"-%grain%-\" (an argument that starts with '-' goes"
            + " after '--')");
    assertTrue(CliRun.run(env, "libber", "--help").assertOk().out()
        .contains("A TEXT that starts with '-' goes after '--'"));
    assertTrue(CliRun.run(env, "--help").assertOk().out()
        .contains("An argument that starts with '-' (a TEXT such as '-x') goes after '--'"));
  }

  @Test
  void applyRefusedByLimits() throws IOException {
    StringBuilder json = new StringBuilder("{\"max_depth\": 100, \"libs\": {");
    for (int i = 0; i < 40; i++) {
      json.append("\"k").append(i).append("\": \"%k").append(i + 1).append("% %k")
          .append(i + 1).append("%\", ");
    }
    json.append("\"k40\": \"x\"}}");
    String bomb = TestFiles.write(tmp.resolve("bomb.json"), json.toString()).toString();
    CliRun r = CliRun.run(env, "libber", "apply", bomb, "%k0%");
    assertEquals(Fbtools.EXIT_FAILED, r.code(), r::toString);
    assertEquals("", r.out());
    r.assertOneLineError("fbtools libber apply: ");
  }

  @Test
  void checkClean() {
    CliRun r = CliRun.run(env, "libber", "check", noir).assertOk();
    assertEquals(noir + ": 7 keys, no problems\n", r.out());
  }

  @Test
  void checkFindsProblems() {
    CliRun r = CliRun.run(env, "libber", "check", broken);
    assertEquals(Fbtools.EXIT_FAILED, r.code(), r::toString);
    assertEquals("", r.err());
    assertEquals(
        broken
            + ": 3 keys, 3 problems\n"
            + "  cycle: a -> b -> a (left as a literal reference at the depth limit)\n"
            + "  undefined: b references zz (left as written)\n"
            + "  unmatchable key: \"Hair\" (only [a-z0-9_] keys can be referenced)\n",
        r.out());
  }

  @Test
  void checkJson() {
    CliRun r = CliRun.run(env, "libber", "check", broken, "--json");
    assertEquals(Fbtools.EXIT_FAILED, r.code(), r::toString);
    Map<String, Object> doc = FbJson.parseObject(r.out());
    assertEquals(broken, doc.get("file"));
    assertEquals(3L, doc.get("keys"));
    assertEquals(false, doc.get("clean"));
    assertEquals(List.of(List.of("a", "b", "a")), doc.get("cycles"));
    assertEquals(Map.of("b", List.of("zz")), doc.get("undefined_references"));
    assertEquals(List.of("Hair"), doc.get("unmatchable_keys"));

    Map<String, Object> clean =
        FbJson.parseObject(CliRun.run(env, "libber", "check", "--json", noir).assertOk().out());
    assertEquals(true, clean.get("clean"));
    assertEquals(7L, clean.get("keys"));
  }

  @Test
  void badInput() throws IOException {
    CliRun.run(env, "libber").assertUsageError("fbtools libber: missing apply or check");
    CliRun.run(env, "libber", "show", noir).assertUsageError("unknown action \"show\"");
    CliRun.run(env, "libber", "apply", noir).assertUsageError("missing TEXT");
    CliRun.run(env, "libber", "apply").assertUsageError("missing FILE");
    CliRun.run(env, "libber", "check", noir, "x").assertUsageError("unexpected argument \"x\"");
    CliRun.run(env, "libber", "check", tmp.resolve("nope.json").toString())
        .assertUsageError("libber file not found");
    CliRun.run(env, "libber", "check", tmp.toString()).assertUsageError("is not a file");
    CliRun.run(env, "libber", "check", "").assertUsageError("is empty");
    String corrupt = TestFiles.write(tmp.resolve("corrupt.json"), "{\"libs\": {\"a\": 1}}")
        .toString();
    CliRun.run(env, "libber", "check", corrupt).assertUsageError("fbtools libber check: ");
    String notJson = TestFiles.write(tmp.resolve("text.json"), "not json").toString();
    CliRun.run(env, "libber", "apply", notJson, "x").assertUsageError("fbtools libber apply: ");
    String latin1 = TestFiles.write(tmp.resolve("latin1.json"), new byte[] {'{', (byte) 0xe9, '}'})
        .toString();
    CliRun.run(env, "libber", "check", latin1).assertUsageError("fbtools libber check: ");
  }

  @Test
  void describeListsEveryProblemKind() {
    assertTrue(
        LibberCommand.describe(
                "f",
                io.github.fbtools.core.Libber.of(Map.of("a", "%a%")),
                io.github.fbtools.core.Libber.of(Map.of("a", "%a%")).analyze(),
                Map.of())
            .contains("cycle: a -> a"));
  }

  /** Issue 10 item 12: an empty delimiter made "a" become "b" everywhere; refused (exit 2). */
  @Test
  void anEmptyDelimiterIsRefused() throws IOException {
    String empty =
        TestFiles.write(tmp.resolve("empty.json"), "{\"libs\": {\"a\": \"b\"}, \"delimiter\": \"\"}")
            .toString();
    CliRun apply = CliRun.run(env, "libber", "apply", empty, "a cat");
    apply.assertUsageError("delimiter must not be empty");
    assertEquals("", apply.out());
    CliRun.run(env, "libber", "check", empty).assertUsageError("delimiter must not be empty");
  }

  /**
   * Issue 10 item 13: a prompts.json is not a Libber ("0 keys, no problems" before), and check
   * reports the keys whose expansion apply would refuse (the doubling chain passed check).
   */
  @Test
  void checkRefusesAFileThatIsNotALibberAndReportsKeysOverTheLimits() throws IOException {
    String prompts =
        TestFiles.write(tmp.resolve("prompts.json"), "{\"version\": 2, \"prompts\": {}}").toString();
    CliRun r = CliRun.run(env, "libber", "check", prompts);
    r.assertUsageError("is not a libber file: it has neither \"libs\" nor \"lib_dict\"");
    assertTrue(r.err().contains("(its fields: version, prompts)"), r::toString);
    CliRun.run(env, "libber", "apply", prompts, "x").assertUsageError("is not a libber file");
    StringBuilder json = new StringBuilder("{\"max_depth\": 100, \"libs\": {");
    for (int i = 0; i < 40; i++) {
      json.append("\"k").append(i).append("\": \"%k").append(i + 1).append("% %k")
          .append(i + 1).append("%\", ");
    }
    json.append("\"k40\": \"x\"}}");
    String bomb = TestFiles.write(tmp.resolve("bomb.json"), json.toString()).toString();
    CliRun check = CliRun.run(env, "libber", "check", bomb);
    assertEquals(Fbtools.EXIT_FAILED, check.code(), check::toString);
    assertTrue(check.out().startsWith(bomb + ": 41 keys, 17 problems\n"), check::toString);
    assertTrue(check.out().contains("\n  over the limits: k0 (apply refuses it: "), check::toString);
    assertTrue(!check.out().contains("over the limits: k24 "), check::toString);
    CliRun checkJson = CliRun.run(env, "libber", "check", bomb, "--json");
    Map<String, Object> doc = FbJson.parseObject(checkJson.out());
    assertEquals(false, doc.get("clean"));
    assertEquals(17, ((Map<?, ?>) doc.get("over_limits")).size());
    CliRun apply = CliRun.run(env, "libber", "apply", bomb, "%k16%");
    assertEquals(Fbtools.EXIT_FAILED, apply.code(), apply::toString);
    CliRun.run(env, "libber", "apply", bomb, "%k30%").assertOk();
  }
}
