package io.github.fbtools.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTest {
  @TempDir Path tmp;

  @Test
  void runsEndToEnd() throws IOException {
    Path out = tmp.resolve("work");
    CliRun r = CliRun.run(CliRun.env(tmp), "demo", "--out", out.toString(), "--seed", "7");
    r.assertOk();
    String text = r.out();
    assertTrue(text.startsWith("fbtools demo: the sample story \"night_courier\" in " + out), text);
    for (String f : SampleStory.files()) {
      assertTrue(Files.isRegularFile(out.resolve(f)), f);
      assertTrue(text.contains(f), f);
    }
    // Prompt names per scene, and the names some scenes lack.
    assertTrue(
        text.contains(
            "      opening  four_image_prompt, girl_pos, male_pos, wan_low_prompt, wan_prompt\n"),
        text);
    assertTrue(text.contains("      meeting  hero, rival, setting, wan_prompt\n"), text);
    assertTrue(text.contains("girl_pos           missing in meeting, ending\n"), text);
    assertTrue(text.contains("wan_prompt         missing in ending\n"), text);
    // Composition with libber substitution.
    assertTrue(
        text.contains(
            "meeting  composition full:  a young courier in a yellow raincoat, looking up, a tall"
                + " stranger in a grey coat holding an envelope, inside a tiny café with fogged"
                + " windows, cinematic film still, teal and orange light, 35mm film grain\n"),
        text);
    assertTrue(
        text.contains(
            "chase    prompt girl_pos:   the courier runs through the market, señal lights"
                + " blurring\n"),
        text);
    assertTrue(text.contains("noir_style_high.safetensors (Wan2.2-Wrapper-High, 0.8)"), text);
    assertTrue(text.contains("\nDone: 4 scenes"), text);
  }

  @Test
  void defaultFolderIsNewUnderTheTemporaryFolder() throws IOException {
    CliRun r = CliRun.run(CliRun.env(tmp), "demo").assertOk();
    List<Path> made;
    try (Stream<Path> s = Files.list(tmp)) {
      made = s.toList();
    }
    assertEquals(1, made.size());
    Path out = made.get(0);
    assertTrue(out.getFileName().toString().startsWith("fbtools-demo-20261128_101530_"), r::toString);
    assertTrue(r.out().contains(out.toString()), r::toString);
    assertArrayEquals(
        SampleStory.bytes("libbers/noir.json"),
        Files.readAllBytes(out.resolve("libbers/noir.json")));
  }

  @Test
  void emptyOutFolderIsUsed() throws IOException {
    Path out = TestFiles.mkdirs(tmp.resolve("empty"));
    CliRun.run(CliRun.env(tmp), "demo", "--out=" + out).assertOk();
  }

  @Test
  void badArguments() throws IOException {
    CliEnv env = CliRun.env(tmp);
    Path used = TestFiles.write(tmp.resolve("used/x.txt"), "x").getParent();
    CliRun.run(env, "demo", "--out", used.toString()).assertUsageError("--out is not empty");
    Path file = TestFiles.write(tmp.resolve("file"), "x");
    CliRun.run(env, "demo", "--out", file.toString()).assertUsageError("--out is not a folder");
    CliRun.run(env, "demo", "--seed", "x").assertUsageError("--seed must be an integer");
    CliRun.run(env, "demo", "extra").assertUsageError("unexpected argument \"extra\"");
    CliRun.run(env, "demo", "--out", "").assertUsageError("--out is empty");
  }
}
