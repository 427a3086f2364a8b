package io.github.fbtools.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fbtools migrate} runs in a C1-only JVM started by {@link Fbtools#main} (issue 15 item 2,
 * {@link TunedJvm}): the same output and exit code as in-process, and no child left behind when the
 * first JVM is killed or stopped.
 */
class TunedJvmTest {
  @TempDir Path tmp;

  /** Scenes enough that a migration takes seconds, so a kill lands in the middle of it. */
  private static final int BIG = 6000;

  private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

  @Test
  void onlyMigrateIsRelaunchedWithC1AndTheSameOptionsAndArguments() {
    List<String> c =
        TunedJvm.command(
            "/jdk/bin/java", List.of("-Xmx1g", "-Da=b"), "fbtools.jar",
            new String[] {"migrate", "scenes", "--jobs", "2"}, null, 4242);
    assertEquals(
        List.of(
            "/jdk/bin/java", "-Xmx1g", "-Da=b", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-D" + TunedJvm.CHILD_PROPERTY + "=4242", "-cp", "fbtools.jar",
            Fbtools.class.getName(), "migrate", "scenes", "--jobs", "2"),
        c);
    String[] migrate = {"migrate", "scenes"};
    // A collector of the user's own is kept, and no second one is added.
    assertEquals(
        List.of("java", "-XX:+UseG1GC", "-XX:TieredStopAtLevel=1", "-D" + TunedJvm.CHILD_PROPERTY + "=1",
            "-cp", "x.jar", Fbtools.class.getName(), "migrate", "scenes"),
        TunedJvm.command("java", List.of("-XX:+UseG1GC"), "x.jar", migrate, null, 1));
    assertEquals(List.of(), TunedJvm.command("java", List.of(), "x.jar", new String[] {"verify", "s"}, null, 1));
    assertEquals(List.of(), TunedJvm.command("java", List.of(), "x.jar", new String[0], null, 1));
    assertEquals(List.of(), TunedJvm.command("java", List.of(), "x.jar", migrate, "0", 1));
    assertFalse(TunedJvm.command("java", List.of(), "x.jar", migrate, "1", 1).isEmpty());
    assertEquals(List.of(), TunedJvm.command("java", List.of(), "", migrate, null, 1));
    for (String own :
        List.of("-XX:TieredStopAtLevel=4", "-XX:-TieredCompilation", "-Xint", "-Xcomp",
            "-D" + TunedJvm.CHILD_PROPERTY + "=7")) {
      assertEquals(List.of(), TunedJvm.command("java", List.of(own), "x.jar", migrate, null, 1), own);
    }
  }

  @Test
  void theRelaunchedMigrationPrintsWhatTheInProcessOneDoes() throws Exception {
    Path a = tree(tmp.resolve("a"), 40);
    Path b = tree(tmp.resolve("b"), 40);
    Result tuned = cli(Map.of(), "migrate", a.toString(), "--json");
    Result plain = cli(Map.of(TunedJvm.ENV_SWITCH, "0"), "migrate", b.toString(), "--json");
    assertEquals(Fbtools.EXIT_OK, tuned.code, tuned::toString);
    assertEquals(Fbtools.EXIT_OK, plain.code, plain::toString);
    assertTrue(tuned.out.contains("\"migrated\": 40,"), tuned::toString);
    assertEquals(normalise(plain.out, b), normalise(tuned.out, a));
    assertEquals(plain.err.replace(b.toString(), "ROOT"), tuned.err.replace(a.toString(), "ROOT"));
    for (Path scene : List.of(a, b)) {
      assertTrue(Files.readString(scene.resolve("scene_00039/prompts.json")).contains("\"version\": 2"));
    }
  }

  @Test
  void theChildsExitCodeIsTheCommandsExitCode() throws Exception {
    Result missing = cli(Map.of(), "migrate", tmp.resolve("nope").toString());
    assertEquals(Fbtools.EXIT_USAGE, missing.code, missing::toString);
    assertTrue(missing.err.contains("nope"), missing::toString);
  }

  @Test
  void killingTheFirstJvmStopsTheChildAndALaterRunFinishesTheMigration() throws Exception {
    Path root = tree(tmp.resolve("big"), BIG);
    Process p = start(Map.of(), "migrate", root.toString());
    ProcessHandle child = awaitChild(p);
    // Let it migrate a few scenes, then kill the first JVM as `kill -9` would.
    awaitBackups(root, 5, p);
    assertTrue(child.isAlive(), "the migration ended before the kill; the test needs a bigger tree");
    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    try {
      child.onExit().get(3, TimeUnit.SECONDS);
    } finally {
      child.destroyForcibly(); // no orphan even when the check fails
    }
    assertFalse(child.isAlive(), "the tuned JVM outlived its killed parent");
    assertTrue(backups(root) < BIG, "the tuned JVM went on migrating after its parent was killed");
    // Kill-safe: a second run migrates the rest, and verify finds every scene sound.
    CliRun again = CliRun.run(CliRun.env(tmp), "migrate", root.toString());
    assertEquals(Fbtools.EXIT_OK, again.code(), again::toString);
    CliRun verify = CliRun.run(CliRun.env(tmp), "verify", root.toString());
    assertEquals(Fbtools.EXIT_OK, verify.code(), verify::toString);
  }

  @Test
  void stoppingTheFirstJvmStopsTheChild() throws Exception {
    Path root = tree(tmp.resolve("big"), BIG);
    Process p = start(Map.of(), "migrate", root.toString());
    ProcessHandle child = awaitChild(p);
    awaitBackups(root, 5, p);
    assertTrue(child.isAlive(), "the migration ended before the stop; the test needs a bigger tree");
    p.destroy(); // SIGTERM
    assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the first JVM did not stop");
    try {
      child.onExit().get(10, TimeUnit.SECONDS);
    } finally {
      child.destroyForcibly();
    }
    assertFalse(child.isAlive(), "the tuned JVM outlived its stopped parent");
    assertTrue(backups(root) < BIG, "the tuned JVM went on migrating after its parent stopped");
  }

  private record Result(int code, String out, String err) {}

  private static String normalise(String json, Path root) {
    return json.replace(root.toString(), "ROOT").replaceAll("\"duration_ms\": \\d+", "\"duration_ms\": 0");
  }

  private static Path tree(Path root, int scenes) throws IOException {
    for (int i = 0; i < scenes; i++) {
      Path dir = Files.createDirectories(root.resolve(String.format("scene_%05d", i)));
      Files.writeString(dir.resolve("prompts.json"), "{\"girl_pos\": \"a girl " + i + "\", \"bg\": \"x\"}", UTF_8);
    }
    return root;
  }

  private ProcessBuilder fbtools(Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>();
    command.add(JAVA);
    command.add("-cp");
    command.add(JavadocExamplesTest.testClassPath());
    command.add(Fbtools.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().remove(TunedJvm.ENV_SWITCH);
    pb.environment().putAll(env);
    return pb;
  }

  private Process start(Map<String, String> env, String... args) throws IOException {
    return fbtools(env, args)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  private Result cli(Map<String, String> env, String... args) throws Exception {
    Path out = tmp.resolve("out-" + System.nanoTime() + ".txt");
    Path err = tmp.resolve("err-" + System.nanoTime() + ".txt");
    Process p = fbtools(env, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "fbtools did not finish");
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  /** The tuned JVM: a child of {@code p} whose command line carries the C1 option. */
  private static ProcessHandle awaitChild(Process p) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      for (ProcessHandle c : p.children().toList()) {
        if (c.info().arguments().map(a -> List.of(a).contains(TunedJvm.OPTION)).orElse(false)) {
          return c;
        }
      }
      assertTrue(p.isAlive(), "fbtools ended before its tuned JVM was seen");
      Thread.sleep(20);
    }
    throw new AssertionError("no child JVM with " + TunedJvm.OPTION);
  }

  private static int backups(Path root) {
    int n = 0;
    for (int i = 0; i < BIG; i++) {
      if (Files.exists(root.resolve(String.format("scene_%05d/prompts.json.v1.backup", i)))) {
        n++;
      }
    }
    return n;
  }

  private static void awaitBackups(Path root, int n, Process p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      int found = 0;
      for (int i = 0; i < BIG && found < n; i++) {
        if (Files.exists(root.resolve(String.format("scene_%05d/prompts.json.v1.backup", i)))) {
          found++;
        }
      }
      if (found >= n) {
        return;
      }
      assertTrue(p.isAlive(), "fbtools ended early");
      Thread.sleep(20);
    }
    throw new AssertionError("the migration did not start");
  }
}
