package io.github.fbtools.libber.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the editor's files may and may not contain: no HTML parsing of data, no eval, no inline
 * script or style, nothing fetched from elsewhere, one fetch that always sends JSON.
 */
class EditorSourceTest {
  private static String read(String name) throws IOException {
    try (InputStream in = EditorAssets.class.getResourceAsStream(EditorAssets.RESOURCE_DIR + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static List<String> scripts() {
    return EditorAssets.FILES.keySet().stream().filter(n -> n.endsWith(".js")).toList();
  }

  @Test
  void theJarHoldsExactlyTheServedFiles() throws IOException, URISyntaxException {
    URL dir = EditorAssets.class.getResource(EditorAssets.RESOURCE_DIR);
    Set<String> present = new TreeSet<>();
    try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
      files.forEach(p -> present.add(p.getFileName().toString()));
    }
    assertEquals(new TreeSet<>(EditorAssets.FILES.keySet()), present);
  }

  @Test
  void noScriptParsesDataAsHtmlOrCode() throws IOException {
    Pattern banned = Pattern.compile(
        "innerHTML|outerHTML|insertAdjacentHTML|document\\.write|\\beval\\s*\\(|new Function"
            + "|setTimeout\\(\\s*['\"`]|javascript:|\\.on[a-z]+\\s*=[^=]|srcdoc|createContextualFragment"
            + "|DOMParser|setAttribute\\(\\s*['\"]on");
    for (String name : scripts()) {
      Matcher m = banned.matcher(read(name));
      assertFalse(m.find(), name + " uses " + (m.hitEnd() ? "" : m.group()));
    }
  }

  @Test
  void nothingComesFromElsewhere() throws IOException {
    Pattern url = Pattern.compile("(?i)(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}|@import|url\\(");
    for (String name : EditorAssets.FILES.keySet()) {
      String text = read(name).replace("http://www.w3.org/2000/svg", "");
      Matcher m = url.matcher(text);
      assertFalse(m.find(), name + " refers to " + (m.hitEnd() ? "" : m.group()));
    }
    Pattern imports = Pattern.compile("^import .* from '([^']+)';$", Pattern.MULTILINE);
    for (String name : scripts()) {
      Matcher m = imports.matcher(read(name));
      while (m.find()) {
        String target = m.group(1);
        assertTrue(target.startsWith("./") && EditorAssets.FILES.containsKey(target.substring(2)),
            name + " imports " + target);
      }
    }
  }

  @Test
  void thePageHasNoInlineScriptOrStyle() throws IOException {
    String html = read("index.html");
    Matcher scripts = Pattern.compile("<script\\b([^>]*)>(.*?)</script>", Pattern.DOTALL)
        .matcher(html);
    int n = 0;
    while (scripts.find()) {
      n++;
      assertEquals(" type=\"module\" src=\"main.js\"", scripts.group(1));
      assertEquals("", scripts.group(2).trim());
    }
    assertEquals(1, n);
    assertFalse(Pattern.compile("(?i)\\son[a-z]+\\s*=|\\sstyle\\s*=|<style").matcher(html).find());
    for (String name : scripts()) {
      assertFalse(read(name).contains(".style."), name + " sets inline styles");
    }
  }

  @Test
  void everyRequestGoesThroughOneFetchThatSendsJson() throws IOException {
    for (String name : scripts()) {
      String js = read(name);
      boolean fetches = Pattern.compile("\\bfetch\\(").matcher(js).find();
      assertEquals(name.equals("api.js"), fetches, name);
      assertFalse(js.contains("XMLHttpRequest") || js.contains("sendBeacon"), name);
    }
    String api = read("api.js");
    assertTrue(api.contains("'Content-Type': 'application/json'"), api);
    // Every call sends JSON_HEADERS, plus the bearer token once the user has given one.
    assertTrue(api.contains("const headers = token === null ? JSON_HEADERS\n"
        + "    : Object.assign({}, JSON_HEADERS, {'Authorization': 'Bearer ' + token});"), api);
    assertTrue(api.contains("    method,\n    headers,\n"), api);
  }
}
