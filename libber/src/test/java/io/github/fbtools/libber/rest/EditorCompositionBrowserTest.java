package io.github.fbtools.libber.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Prompts panel's composed prompts ({@code process_compositions}) in headless Chromium, with
 * the Libber on disk and with the Libber open and edited (not saved) in the Libbers panel: the
 * panel composes again when it is shown, so it never shows text from a Libber that changed.
 */
class EditorCompositionBrowserTest {
  @TempDir Path root;
  private Browser browser;
  private FbToolsHttpServer server;
  private String editor;

  @BeforeEach
  void start() throws IOException {
    browser = Browser.start();
    server =
        FbToolsHttpServer.builder(FbToolsApi.builder().root(root).build()).editor(true).start();
    editor = server.editorUrl().orElseThrow();
    PythonFiles.libber(root, "noir", Map.of("coat", "a grey coat"));
    PythonFiles.libber(root, "other", Map.of("coat", "a green coat"));
    Map<String, Object> man = new LinkedHashMap<>();
    man.put("value", "a man in %coat%");
    man.put("processing_type", "libber");
    man.put("libber_name", "noir");
    Map<String, Object> prompts = new LinkedHashMap<>();
    prompts.put("man", man);
    prompts.put("bg", Map.of("value", "a street at %time%", "processing_type", "raw"));
    Map<String, Object> compositions = new LinkedHashMap<>();
    compositions.put("full", List.of("man", "bg"));
    compositions.put("only_bg", List.of("bg"));
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("version", 2);
    doc.put("prompts", prompts);
    doc.put("compositions", compositions);
    PythonFiles.v2Scene(root, "street", doc);
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

  /** The composed list as rendered: "name = text" per composition, in order. */
  private List<String> composed(String expectedPart) {
    browser.waitText("prompts-composed", expectedPart);
    @SuppressWarnings("unchecked")
    List<String> out = (List<String>) browser.js(
        "return Array.from(document.querySelectorAll('#prompts-composed dt'))"
            + ".map(dt => dt.textContent + ' = ' + dt.nextElementSibling.textContent)");
    return out;
  }

  @Test
  void composesWithTheLibberOnDisk() {
    browser.open(editor + "?scene=street");
    browser.waitVersion("panel-prompts", 0);
    assertEquals(List.of("full = a man in a grey coat a street at %time%",
        "only_bg = a street at %time%"), composed("grey"));
    assertEquals("Libbers from disk, or the one open in the Libbers panel.",
        browser.waitText("prompts-missing", "Libbers"));

    // Another Libber open in the Libbers panel changes nothing: "noir" still comes from disk.
    browser.click("tab-libbers");
    browser.select("libber-file", "other");
    browser.click("libber-load");
    browser.waitVersion("panel-libbers", 0);
    browser.click("tab-prompts");
    assertEquals(List.of("full = a man in a grey coat a street at %time%",
        "only_bg = a street at %time%"), composed("grey"));
  }

  @Test
  void composesWithTheLibberOpenAndEditedButNotSaved() throws IOException {
    browser.open(editor + "?scene=street");
    browser.waitVersion("panel-prompts", 0);
    composed("grey");

    browser.click("tab-libbers");
    browser.select("libber-file", "noir");
    browser.click("libber-load");
    browser.waitVersion("panel-libbers", 0);
    browser.type("libber-key", "coat");
    browser.setValue("libber-value", "a red %fabric% coat");
    browser.click("libber-add");
    browser.waitVersion("panel-libbers", 1);
    browser.type("libber-key", "fabric");
    browser.setValue("libber-value", "velvet");
    browser.click("libber-add");
    browser.waitVersion("panel-libbers", 2);
    browser.click("tab-prompts"); // no "Compose again": showing the panel composes
    assertEquals(List.of("full = a man in a red velvet coat a street at %time%",
        "only_bg = a street at %time%"), composed("velvet"));
    browser.screenshot("prompts-composed");

    // Not saved: the file still holds the grey coat, and a fresh page (no Libber open) uses it.
    browser.driver.manage().deleteAllCookies();
    browser.js("localStorage.clear()");
    browser.open(editor + "?scene=street");
    assertEquals(List.of("full = a man in a grey coat a street at %time%",
        "only_bg = a street at %time%"), composed("grey"));
  }
}
