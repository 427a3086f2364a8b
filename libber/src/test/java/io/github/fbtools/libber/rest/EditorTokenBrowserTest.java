package io.github.fbtools.libber.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.json.FbJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The editor against a server started with a bearer token, in headless Chromium: the page loads
 * without the token, asks for it in a form on the first 401, keeps it in {@code sessionStorage}
 * and sends it with every API call; a wrong token shows the server's error as text and writes
 * nothing.
 */
class EditorTokenBrowserTest {
  private static final String TOKEN = "s3cret-token-0123456789";

  @TempDir Path root;
  private Browser browser;
  private FbToolsApi api;
  private FbToolsHttpServer server;
  private String editor;

  @BeforeEach
  void start() throws IOException {
    browser = Browser.start();
    api = FbToolsApi.builder().root(root).build();
    server =
        FbToolsHttpServer.builder(api)
            .editor(true)
            .bearerToken(TOKEN)
            .start();
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

  @Test
  void theEditorAsksForTheTokenKeepsItAndSavesASceneWithIt() throws IOException {
    PythonFiles.v1Scene(root, "opening", PythonFiles.pairs("girl_pos", "smiling"));
    browser.driver.get(editor + "?scene=opening");
    browser.waitText("token-form", "Access token");
    assertNull(browser.js("return document.body.dataset.ready || null"),
        "nothing is shown before the token is given");
    browser.screenshot("token");
    browser.type("token-input", TOKEN);
    browser.click("token-submit");
    browser.waitReady();
    assertFalse(browser.visible("token-form"));
    assertEquals(TOKEN, browser.js("return sessionStorage.getItem('fbtools-editor:token')"));
    browser.waitVersion("panel-prompts", 0);

    browser.select("prompt-select", "girl_pos");
    browser.setValue("prompt-value", "laughing");
    browser.click("prompt-update");
    browser.waitVersion("panel-prompts", 1);
    browser.click("scene-save");
    browser.waitText("scene-save-result", "changed_files");
    Map<String, Object> doc = FbJson.parseObject(Files.readString(
        root.resolve("scenes/opening/prompts.json"), StandardCharsets.UTF_8));
    assertEquals(2L, doc.get("version"));
    assertEquals(Map.of("value", "laughing", "processing_type", "raw", "category", "legacy"),
        ((Map<?, ?>) doc.get("prompts")).get("girl_pos"));

    // A reload of the page (same tab) keeps the token: no form again.
    browser.open(editor + "?scene=opening");
    assertEquals(0L, browser.js("return document.querySelectorAll('#token-form').length"));
  }

  @Test
  void aWrongTokenShowsTheServersErrorAsTextAndWritesNothing() throws IOException {
    PythonFiles.v1Scene(root, "opening", PythonFiles.pairs("girl_pos", "smiling"));
    PythonFiles.libber(root, "noir", PythonFiles.pairs("coat", "a grey coat"));
    Map<String, String> before = RawHttp.snapshot(root);
    browser.driver.get(editor + "?scene=opening");
    browser.waitText("token-form", "Access token");
    browser.type("token-input", "<b>wrong</b>-token-0123456789");
    browser.click("token-submit");
    String error = browser.waitText("token-error", "refused");
    assertTrue(error.contains("Authorization: Bearer"), error);
    assertTrue(browser.visible("token-form"), "the form stays until a token is accepted");
    assertEquals(0L, browser.js("return document.querySelectorAll('#token-form b').length"));
    assertNull(browser.js("return document.body.dataset.ready || null"));
    browser.screenshot("token-wrong");
    assertEquals(before, RawHttp.snapshot(root), "nothing was written");
    assertEquals(0, api.sceneSessions().store().size(), "no session was opened");
  }
}
