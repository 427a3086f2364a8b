package io.github.fbtools.libber.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.json.FbJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Prompts and Scenes panels in headless Chromium against a real {@link FbToolsHttpServer},
 * over scene folders written as the Python extension writes them (scenarios 3 and 5 of the
 * editor's issue, metadata and the LoRA stack, hostile prompt text).
 */
class EditorSceneBrowserTest {
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

  private static Map<String, String> v1(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  /** A scene the Python extension migrated: to_dict() with the v1 object kept as v1_backup. */
  private void migratedScene(String scene, Map<String, String> backup) throws IOException {
    Map<String, Object> prompts = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : backup.entrySet()) {
      if (!e.getValue().isEmpty()) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("value", e.getValue());
        entry.put("processing_type", "raw");
        entry.put("category", "legacy");
        prompts.put(e.getKey(), entry);
      }
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("version", 2);
    doc.put("prompts", prompts);
    doc.put("compositions", Map.of());
    doc.put("v1_backup", backup);
    PythonFiles.v2Scene(root, scene, doc);
  }

  private Path scene(String name, String file) {
    return root.resolve("scenes").resolve(name).resolve(file);
  }

  // Scenario 3 -------------------------------------------------------------------------------

  @Test
  void changingTheSceneRefillsThePromptNamesFromDiscoverWithTheV1Keys() throws IOException {
    PythonFiles.v1Scene(root, "opening", v1("girl_pos", "smiling", "wan_prompt", "slow pan"));
    migratedScene("meeting",
        v1("girl_pos", "", "male_pos", "a man", "four_image_prompt", "", "hero", "brave"));
    PythonFiles.story(root, "tale", List.of("opening", "meeting"));
    browser.open(editor + "?story=tale");
    assertEquals(List.of("tale"), browser.options("scene-story"));
    assertEquals(List.of("opening", "meeting"), browser.options("scene-select"),
        "story order");

    browser.select("scene-select", "opening");
    browser.until(d -> "opening".equals(browser.byId("panel-scenes").getDomAttribute(
        "data-discovered")) ? true : null);
    assertEquals(List.of("girl_pos", "wan_prompt"), browser.options("scene-prompt-key"));

    browser.select("scene-select", "meeting");
    browser.until(d -> "meeting".equals(browser.byId("panel-scenes").getDomAttribute(
        "data-discovered")) ? true : null);
    assertEquals(List.of("four_image_prompt", "girl_pos", "hero", "male_pos"),
        browser.options("scene-prompt-key"), "v2 names and the v1 keys kept in v1_backup");
    browser.waitText("scene-title", "meeting");
    browser.select("scene-prompt-key", "girl_pos");
    assertEquals("  (only in v1_backup)", browser.text("scene-prompt-preview"));
    browser.select("scene-prompt-key", "hero");
    assertEquals("brave", browser.text("scene-prompt-preview"));

    // Any scene folder, without a story.
    browser.select("scene-story", "");
    browser.until(d -> browser.options("scene-select").size() == 2 ? true : null);
    browser.select("scene-select", "opening");
    browser.until(d -> "opening".equals(browser.byId("panel-scenes").getDomAttribute(
        "data-discovered")) ? true : null);
    assertEquals(List.of("girl_pos", "wan_prompt"), browser.options("scene-prompt-key"));
  }

  // Scenario 5 -------------------------------------------------------------------------------

  @Test
  void promptEditsOnAVersion1SceneSaveAsVersion2WithTheOriginalBytesBackedUp()
      throws IOException {
    PythonFiles.v1Scene(root, "opening",
        v1("girl_pos", "smiling", "male_pos", "standing", "wan_prompt", "slow pan"));
    byte[] original = Files.readAllBytes(scene("opening", "prompts.json"));
    PythonFiles.libber(root, "noir", v1("coat", "a grey coat"));
    browser.open(editor + "?scene=opening");
    browser.waitVersion("panel-prompts", 0);
    assertTrue(browser.visible("panel-prompts"));
    assertEquals(List.of("girl_pos", "male_pos", "wan_prompt"), browser.options("prompt-select"));

    // add
    browser.type("prompt-name", "hero");
    browser.setValue("prompt-value", "a man in %coat%");
    browser.type("prompt-category", "people");
    browser.type("prompt-description", "the lead");
    browser.type("prompt-tags", "man, lead");
    browser.select("prompt-type", "libber");
    browser.select("prompt-libber", "noir");
    browser.click("prompt-add");
    browser.waitVersion("panel-prompts", 1);
    assertEquals(List.of("girl_pos", "hero", "male_pos", "wan_prompt"),
        browser.options("prompt-select"));
    // add again: refused next to the form, nothing sent
    browser.click("prompt-add");
    browser.waitText("prompt-form-error", "already exists");

    // update
    browser.select("prompt-select", "girl_pos");
    assertEquals("smiling", browser.value("prompt-value"));
    assertEquals("legacy", browser.value("prompt-category"));
    browser.setValue("prompt-value", "laughing");
    browser.click("prompt-update");
    browser.waitVersion("panel-prompts", 2);

    // rename
    browser.select("prompt-select", "male_pos");
    browser.type("prompt-new-name", "man");
    browser.click("prompt-rename");
    browser.waitVersion("panel-prompts", 3);
    assertEquals("man", browser.value("prompt-select"));

    // remove
    browser.select("prompt-select", "wan_prompt");
    browser.click("prompt-remove");
    browser.waitVersion("panel-prompts", 4);
    assertEquals(List.of("girl_pos", "hero", "man"), browser.options("prompt-select"));
    assertArrayEquals(original, Files.readAllBytes(scene("opening", "prompts.json")),
        "nothing reaches the disk without Save");

    browser.click("scene-save");
    String saved = browser.waitText("scene-save-result", "changed_files");
    assertTrue(saved.contains("prompts.json.v1.backup, prompts.json"), saved);
    assertEquals("", browser.value("prompt-name"), "the removed prompt left the form");
    browser.select("prompt-select", "hero");
    browser.screenshot("prompts");

    assertArrayEquals(original, Files.readAllBytes(scene("opening", "prompts.json.v1.backup")));
    Map<String, Object> doc = FbJson.parseObject(
        Files.readString(scene("opening", "prompts.json"), StandardCharsets.UTF_8));
    assertEquals(2L, doc.get("version"));
    assertEquals(FbJson.parseObject(new String(original, StandardCharsets.UTF_8)),
        doc.get("v1_backup"));
    @SuppressWarnings("unchecked")
    Map<String, Object> prompts = (Map<String, Object>) doc.get("prompts");
    assertEquals(List.of("girl_pos", "man", "hero"), List.copyOf(prompts.keySet()),
        "rename keeps the position");
    assertEquals(Map.of("value", "laughing", "processing_type", "raw", "category", "legacy"),
        prompts.get("girl_pos"));
    assertEquals(Map.of("value", "standing", "processing_type", "raw", "category", "legacy"),
        prompts.get("man"));
    assertEquals(
        Map.of("value", "a man in %coat%", "processing_type", "libber", "category", "people",
            "description", "the lead", "tags", List.of("man", "lead"), "libber_name", "noir"),
        prompts.get("hero"));
  }

  @Test
  void compositionsAreComposedWithTheLibbersOnDiskOrOpenInTheEditor() throws IOException {
    PythonFiles.libber(root, "noir", v1("coat", "a grey coat"));
    Map<String, Object> man = new LinkedHashMap<>();
    man.put("value", "a man in %coat%");
    man.put("processing_type", "libber");
    man.put("libber_name", "noir");
    Map<String, Object> prompts = new LinkedHashMap<>();
    prompts.put("man", man);
    prompts.put("bg", Map.of("value", "a street", "processing_type", "raw"));
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("version", 2);
    doc.put("prompts", prompts);
    doc.put("compositions", Map.of("full", List.of("man", "bg")));
    PythonFiles.v2Scene(root, "street", doc);
    browser.open(editor + "?scene=street");
    browser.waitText("prompts-composed", "a man in a grey coat a street");

    // With the Libber open (unsaved) in the Libbers panel, its session is used.
    browser.open(editor + "?libber=noir");
    browser.type("libber-key", "coat");
    browser.setValue("libber-value", "a red coat");
    browser.click("libber-add");
    browser.waitVersion("panel-libbers", 1);
    browser.click("tab-scenes");
    browser.select("scene-select", "street");
    browser.click("tab-prompts");
    browser.click("prompts-compose");
    browser.waitText("prompts-composed", "a man in a red coat a street");
  }

  // Scenes panel: metadata and LoRA stack ----------------------------------------------------

  @Test
  void metadataAndTheLoraStackAreEditedAndSaved() throws IOException {
    PythonFiles.v1Scene(root, "opening", v1("girl_pos", "smiling"));
    PythonFiles.story(root, "tale", List.of("opening"));
    browser.open(editor + "?scene=opening");
    browser.waitVersion("panel-prompts", 0);
    browser.click("tab-scenes");
    assertEquals("opening", browser.value("scene-select"));
    browser.type("scene-pose", "sitting");
    browser.type("scene-mask", "person");
    browser.type("scene-resolution", "1024");
    browser.click("scene-metadata-apply");
    browser.waitVersion("panel-scenes", 1);
    assertEquals("sitting", browser.value("scene-pose"));

    browser.type("scene-resolution", "-3");
    browser.click("scene-metadata-apply");
    browser.waitText("scene-metadata-error", "Resolution must be");
    assertEquals("true", browser.byId("scene-resolution").getDomAttribute("aria-invalid"));
    browser.type("scene-resolution", "1024");
    assertFalse(browser.visible("scene-metadata-error"), "typing again clears the error");

    for (String lora : List.of("style.safetensors", "detail.safetensors", "light.safetensors")) {
      browser.type("lora-name", lora);
      browser.click("lora-add");
      browser.until(d -> browser.value("lora-name").isEmpty() ? true : null);
    }
    browser.waitVersion("panel-scenes", 4);
    // detail up, then remove light
    browser.js("document.querySelector('#lora-rows button[data-action=up][data-index=\"1\"]')"
        + ".click()");
    browser.waitVersion("panel-scenes", 5);
    browser.js("document.querySelector('#lora-rows button[data-action=remove][data-index=\"2\"]')"
        + ".click()");
    browser.waitVersion("panel-scenes", 6);
    assertEquals(List.of("detail.safetensors", "style.safetensors"), browser.js(
        "return Array.from(document.querySelectorAll('#lora-rows th')).map(e => e.textContent)"));
    browser.click("scene-save");
    String saved = browser.waitText("scene-save-result", "changed_files");
    assertTrue(saved.contains("scene.json") && saved.contains("lora_stack.json"), saved);
    browser.select("scene-prompt-key", "girl_pos");
    browser.screenshot("scenes");
    Map<String, Object> sceneJson = FbJson.parseObject(
        Files.readString(scene("opening", "scene.json"), StandardCharsets.UTF_8));
    assertEquals("sitting", sceneJson.get("pose_name"));
    assertEquals("person", sceneJson.get("mask_type"));
    assertEquals(1024L, sceneJson.get("resolution"));
    List<?> stack = (List<?>) FbJson.parse(
        Files.readString(scene("opening", "lora_stack.json"), StandardCharsets.UTF_8));
    assertEquals(2, stack.size());
    assertEquals("detail.safetensors", ((Map<?, ?>) stack.get(0)).get("lora"));
  }

  // Scenario 6, scene side -------------------------------------------------------------------

  @Test
  void hostilePromptNamesValuesAndMetadataRenderAsText() throws IOException {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("value", "<img src=x onerror=\"window.__pwned=1\">");
    entry.put("processing_type", "<b>raw</b>");
    entry.put("category", "</td><script>window.__pwned=2</script>");
    entry.put("tags", List.of("<i>t</i>"));
    Map<String, Object> prompts = new LinkedHashMap<>();
    prompts.put("<svg onload=window.__pwned=3>", entry);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("version", 2);
    doc.put("prompts", prompts);
    doc.put("compositions", Map.of("<u>c</u>", List.of("<svg onload=window.__pwned=3>")));
    PythonFiles.v2Scene(root, "hostile", doc);
    PythonFiles.write(scene("hostile", "lora_stack.json"),
        "[{\"lora\": \"<img src=y onerror=window.__pwned=4>\", \"model_target\": \"x\"}]");
    browser.open(editor + "?scene=hostile");
    browser.waitVersion("panel-prompts", 0);
    browser.waitText("prompts-composed", "<img src=x onerror=\"window.__pwned=1\">");
    assertTrue(browser.text("prompt-rows").contains("</td><script>window.__pwned=2</script>"));
    assertTrue(browser.options("prompt-select").contains("<svg onload=window.__pwned=3>"));
    browser.select("prompt-select", "<svg onload=window.__pwned=3>");
    assertEquals("<b>raw</b>", browser.value("prompt-type"), "an unknown type is kept");
    browser.click("tab-scenes");
    assertTrue(browser.text("lora-rows").contains("<img src=y onerror=window.__pwned=4>"));
    assertNull(browser.js("return window.__pwned === undefined ? null : window.__pwned"));
    assertEquals(0L, browser.js(
        "return document.querySelectorAll('img, svg, b, i, u, script:not([src])').length"));
    assertFalse(browser.text("prompts-composed").isEmpty());
  }

  @Test
  void aDeepLinkToSomethingMissingSaysSoWhereItWouldHaveOpened() {
    browser.open(editor + "?scene=nowhere");
    assertEquals("The scene could not be opened: no scene \"nowhere\"",
        browser.waitText("prompts-empty", "nowhere"));
    browser.click("tab-scenes");
    browser.waitText("scene-choose-error", "no scene \"nowhere\"");
    browser.open(editor + "?libber=nowhere");
    browser.waitText("libber-load-error", "no libber \"nowhere\"");
    assertFalse(browser.visible("libber-editor"));
  }
}
