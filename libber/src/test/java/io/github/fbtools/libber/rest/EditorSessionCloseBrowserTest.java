package io.github.fbtools.libber.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The editor ends the sessions it abandons ({@code POST /fbtools/session/close}): Reload in a
 * conflict, Reload after a Restore that met a changed file, and leaving a scene; a scene with
 * unsaved edits keeps its session so that coming back rejoins it. Counted on the server's stores.
 */
class EditorSessionCloseBrowserTest {
  @TempDir Path root;
  private Browser browser;
  private FbToolsApi api;
  private FbToolsHttpServer server;
  private String editor;

  @BeforeEach
  void start() throws IOException {
    browser = Browser.start();
    api = FbToolsApi.builder().root(root).build();
    server = FbToolsHttpServer.builder(api).editor(true).start();
    editor = server.editorUrl().orElseThrow();
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private int libberSessions() {
    return api.libberSessions().store().size();
  }

  private int sceneSessions() {
    return api.sceneSessions().store().size();
  }

  private String session(String id) {
    return browser.byId(id).getDomAttribute("data-session");
  }

  /** Waits until the element's data-session is another id than {@code old}; returns it. */
  private String newSession(String id, String old) {
    return browser.until(d -> {
      String s = session(id);
      return s != null && !s.equals(old) ? s : null;
    });
  }

  private void waitCount(java.util.function.IntSupplier count, int expected) {
    browser.until(d -> count.getAsInt() == expected ? true : null);
  }

  private void addKeyAndMeetAChangedFile() throws IOException {
    browser.type("libber-key", "hat");
    browser.setValue("libber-value", "a fedora");
    browser.click("libber-add");
    browser.waitVersion("panel-libbers", 1);
    PythonFiles.libber(root, "noir", PythonFiles.pairs("coat", "a black coat"));
  }

  @Test
  void reloadInAConflictClosesTheSessionItDrops() throws IOException {
    PythonFiles.libber(root, "noir", PythonFiles.pairs("coat", "a grey coat"));
    browser.open(editor + "?libber=noir");
    browser.waitVersion("panel-libbers", 0);
    String first = session("panel-libbers");
    addKeyAndMeetAChangedFile();
    browser.click("libber-save");
    browser.waitText("libber-conflict-text", "changed on disk");
    assertEquals(1, libberSessions());

    browser.click("libber-reload");
    String second = newSession("panel-libbers", first);
    waitCount(this::libberSessions, 1);
    assertEquals(second, api.libberSessions().get(second).id());
    assertTrue(browser.text("libber-rows").contains("a black coat"));
  }

  @Test
  void reloadAfterARestoreThatMetAChangedFileClosesTheRestoredSession() throws IOException {
    PythonFiles.libber(root, "noir", PythonFiles.pairs("coat", "a grey coat"));
    browser.open(editor + "?libber=noir");
    browser.waitVersion("panel-libbers", 0);
    String first = session("panel-libbers");
    addKeyAndMeetAChangedFile();
    api.libberSessions().close(first); // as after a restart or an expiry
    assertEquals(0, libberSessions());

    browser.open(editor + "?libber=noir");
    browser.waitText("libber-recovery-text", "no longer has the session");
    browser.click("libber-restore");
    browser.waitText("libber-conflict-text", "Not restored");
    String restored = newSession("panel-libbers", first);
    assertEquals(1, libberSessions());

    browser.click("libber-reload");
    String reloaded = newSession("panel-libbers", restored);
    waitCount(this::libberSessions, 1);
    assertEquals(reloaded, api.libberSessions().get(reloaded).id());
  }

  @Test
  void leavingASceneClosesItsSessionUnlessItHoldsUnsavedEdits() throws IOException {
    PythonFiles.v1Scene(root, "a", PythonFiles.pairs("girl_pos", "smiling"));
    PythonFiles.v1Scene(root, "b", PythonFiles.pairs("girl_pos", "standing"));
    PythonFiles.v1Scene(root, "c", PythonFiles.pairs("girl_pos", "sitting"));
    browser.open(editor + "?scene=a");
    browser.waitVersion("panel-prompts", 0);
    String a = session("scene-bar");
    assertEquals(1, sceneSessions());

    browser.click("tab-scenes");
    browser.select("scene-select", "b");
    String b = newSession("scene-bar", a);
    waitCount(this::sceneSessions, 1);
    assertEquals(b, api.sceneSessions().get(b).id(), "a's session was closed, b's is open");

    // Unsaved edits in b: leaving b keeps its session, and coming back rejoins it.
    browser.type("scene-pose", "sitting");
    browser.click("scene-metadata-apply");
    browser.waitVersion("panel-scenes", 1);
    browser.select("scene-select", "c");
    String c = newSession("scene-bar", b);
    assertEquals(2, sceneSessions());
    browser.select("scene-select", "b");
    assertEquals(b, newSession("scene-bar", c));
    browser.waitVersion("panel-scenes", 1);
    assertEquals("sitting", browser.value("scene-pose"));
    waitCount(this::sceneSessions, 1);
    assertNotEquals(a, b);
  }

  @Test
  void reloadOfASceneClosesTheSessionItDrops() throws IOException {
    PythonFiles.v1Scene(root, "a", PythonFiles.pairs("girl_pos", "smiling"));
    browser.open(editor + "?scene=a");
    browser.waitVersion("panel-prompts", 0);
    String first = session("scene-bar");
    browser.select("prompt-select", "girl_pos");
    browser.setValue("prompt-value", "laughing");
    browser.click("prompt-update");
    browser.waitVersion("panel-prompts", 1);
    PythonFiles.v1Scene(root, "a", PythonFiles.pairs("girl_pos", "crying"));
    browser.click("scene-save");
    browser.waitText("scene-conflict-text", "changed on disk");
    browser.click("scene-reload");
    newSession("scene-bar", first);
    waitCount(this::sceneSessions, 1);
    assertTrue(browser.text("prompt-rows").contains("crying"));
  }
}
