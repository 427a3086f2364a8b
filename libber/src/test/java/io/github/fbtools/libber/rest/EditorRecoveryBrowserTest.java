package io.github.fbtools.libber.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.Libber;
import io.github.fbtools.core.files.LibberFiles;
import io.github.fbtools.core.json.FbJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 4 of the editor's issue: edits survive a server that is killed (SIGKILL, a real child
 * process started on the test class path) and started again on the same data folder and port;
 * restoring over a file that changed meanwhile shows the conflict instead of overwriting.
 */
class EditorRecoveryBrowserTest {
  @TempDir Path root;
  @TempDir Path scratch;
  private Browser browser;
  private final List<Process> servers = new ArrayList<>();
  private Process server;
  private int port;

  @BeforeEach
  void start() {
    browser = Browser.start();
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (browser != null) {
      browser.close();
    }
    for (Process p : servers) {
      if (p.isAlive()) {
        p.destroyForcibly(); // only the processes this test started, by their handle
        p.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  /** Starts the server in a child JVM on {@code port} (0: any) and waits until it listens. */
  private void startServer(int wanted) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
            EditorServerMain.class.getName(), root.toString(), Integer.toString(wanted))
            .redirectErrorStream(true);
    Process p = pb.start();
    servers.add(p);
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> listening = CompletableFuture.supplyAsync(() -> {
      try {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          if (line.startsWith("LISTENING ")) {
            return line;
          }
          System.out.println("[server] " + line);
        }
        return "exited";
      } catch (IOException e) {
        return "unreadable: " + e;
      }
    });
    String line;
    try {
      line = listening.get(120, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("the server process did not start", e);
    }
    assertTrue(line.startsWith("LISTENING "), line);
    port = Integer.parseInt(line.substring("LISTENING ".length()).trim());
    server = p;
  }

  /** SIGKILL, by the process's own handle (its pid), then wait until it is gone. */
  private void killServer() throws InterruptedException {
    long pid = server.pid();
    server.destroyForcibly();
    assertTrue(server.waitFor(60, TimeUnit.SECONDS), "process " + pid + " did not die");
    assertEquals(137, server.exitValue(), "killed by SIGKILL");
  }

  private Path file(String name) {
    return root.resolve("libbers").resolve(name + ".json");
  }

  private static Map<String, String> libs(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  private byte[] written(Map<String, String> libs) throws IOException {
    LibberFiles.create().write(scratch, "x", Libber.of(libs, "%", 10));
    return Files.readAllBytes(scratch.resolve("x.json"));
  }

  private void add(String key, String value, long expectVersion) {
    browser.type("libber-key", key);
    browser.setValue("libber-value", value);
    browser.click("libber-add");
    browser.waitVersion("panel-libbers", expectVersion);
  }

  @Test
  void editsSurviveAKilledServerAndAChangedFileIsAConflictNotAnOverwrite() throws Exception {
    PythonFiles.libber(root, "outfits", libs("color", "red"));
    byte[] original = Files.readAllBytes(file("outfits"));
    startServer(0);
    String url = "http://127.0.0.1:" + port + "/fbtools/editor/?libber=outfits";
    browser.open(url);
    browser.waitVersion("panel-libbers", 0);
    add("shoes", "boots", 1);
    assertEquals("true", browser.byId("panel-libbers").getDomAttribute("data-dirty"));

    killServer();
    startServer(port);
    browser.driver.navigate().refresh();
    browser.waitReady();
    String offer = browser.waitText("libber-recovery", "no longer has the session");
    assertTrue(offer.contains("outfits"), offer);
    browser.click("tab-start");
    browser.waitText("start-unsaved", "Libber outfits");
    browser.screenshot("start");
    browser.click("tab-libbers");
    browser.click("libber-restore");
    browser.waitText("libber-save-result", "Restored your unsaved edits");
    assertEquals(List.of("color", "shoes"), browser.options("libber-key-select"));
    assertArrayEquals(original, Files.readAllBytes(file("outfits")),
        "nothing reaches the disk without Save");
    browser.click("libber-save");
    browser.waitText("libber-save-result", "written: true");
    assertArrayEquals(written(libs("color", "red", "shoes", "boots")),
        Files.readAllBytes(file("outfits")));

    // Saved work has nothing to recover.
    Object kept = browser.js("return JSON.parse(localStorage.getItem("
        + "'fbtools-editor:v1:libber:outfits'))");
    assertEquals(Boolean.FALSE, ((Map<?, ?>) kept).get("dirty"));
    assertFalse(((Map<?, ?>) kept).containsKey("state"));

    // Edit again; the server dies; meanwhile Python rewrites the file.
    long version = Long.parseLong(browser.byId("panel-libbers").getDomAttribute("data-version"));
    add("hat", "fedora", version + 1);
    killServer();
    PythonFiles.libber(root, "outfits", libs("color", "blue", "shoes", "boots"));
    byte[] python = Files.readAllBytes(file("outfits"));
    startServer(port);
    browser.driver.navigate().refresh();
    browser.waitReady();
    browser.waitText("libber-recovery", "no longer has the session");
    browser.click("libber-restore");
    String conflict = browser.waitText("libber-conflict", "changed on disk");
    assertTrue(conflict.contains("outfits.json"), conflict);
    assertArrayEquals(python, Files.readAllBytes(file("outfits")), "not overwritten");
    assertEquals("blue", FbJson.parseObject(Files.readString(file("outfits")))
        .entrySet().stream().filter(e -> e.getKey().equals("libs"))
        .map(e -> ((Map<?, ?>) e.getValue()).get("color")).findFirst().orElseThrow());

    // The user chooses: Overwrite asks once more, then puts the kept edits over the file.
    browser.click("libber-overwrite");
    assertTrue(browser.visible("libber-confirm"));
    assertArrayEquals(python, Files.readAllBytes(file("outfits")));
    browser.click("libber-overwrite-confirm");
    browser.waitText("libber-save-result", "written: true");
    assertArrayEquals(written(libs("color", "red", "shoes", "boots", "hat", "fedora")),
        Files.readAllBytes(file("outfits")));
  }

  @Test
  void sceneEditsWithARenameAreRestoredAfterAKillAndSavedByTheUser() throws Exception {
    Map<String, String> v1 = new LinkedHashMap<>();
    v1.put("male_pos", "standing");
    v1.put("girl_pos", "smiling");
    Path prompts = PythonFiles.v1Scene(root, "opening", v1);
    byte[] original = Files.readAllBytes(prompts);
    startServer(0);
    browser.open("http://127.0.0.1:" + port + "/fbtools/editor/?scene=opening");
    browser.waitVersion("panel-prompts", 0);
    browser.select("prompt-select", "male_pos");
    browser.type("prompt-new-name", "man");
    browser.click("prompt-rename");
    browser.waitVersion("panel-prompts", 1);
    browser.select("prompt-select", "girl_pos");
    browser.setValue("prompt-value", "laughing");
    browser.click("prompt-update");
    browser.waitVersion("panel-prompts", 2);
    browser.click("tab-scenes");
    browser.type("scene-pose", "sitting");
    browser.click("scene-metadata-apply");
    browser.waitVersion("panel-scenes", 3);

    killServer();
    startServer(port);
    browser.driver.navigate().refresh();
    browser.waitReady();
    browser.click("tab-prompts");
    browser.waitText("scene-recovery", "no longer has the session of scene \"opening\"");
    browser.click("scene-restore");
    browser.waitText("scene-save-result", "Restored your unsaved edits");
    assertEquals(List.of("girl_pos", "man"), browser.options("prompt-select"));
    assertArrayEquals(original, Files.readAllBytes(prompts), "nothing written before Save");
    browser.click("scene-save");
    browser.waitText("scene-save-result", "changed_files");
    Map<String, Object> doc = FbJson.parseObject(Files.readString(prompts));
    assertEquals(List.of("man", "girl_pos"),
        List.copyOf(((Map<?, ?>) doc.get("prompts")).keySet()),
        "the rename was replayed as a rename: it kept its place");
    assertEquals("laughing", ((Map<?, ?>) ((Map<?, ?>) doc.get("prompts")).get("girl_pos"))
        .get("value"));
    assertArrayEquals(original, Files.readAllBytes(root.resolve("scenes/opening/"
        + "prompts.json.v1.backup")));
    assertEquals("sitting", FbJson.parseObject(Files.readString(
        root.resolve("scenes/opening/scene.json"))).get("pose_name"));
  }
}
