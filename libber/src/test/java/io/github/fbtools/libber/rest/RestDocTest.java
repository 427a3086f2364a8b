package io.github.fbtools.libber.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps {@code docs/rest.md} honest: every endpoint the router serves is in its table, and every
 * {@code http} example is replayed, in order, against one router, and its answer compared byte
 * for byte ({@code S1}, {@code S2}, … standing for the session ids the server chose).
 */
class RestDocTest {
  private static final Path DOC = Path.of("..", "docs", "rest.md");
  private static final Pattern PLACEHOLDER = Pattern.compile("(?<![A-Za-z0-9_-])S(\\d+)(?![A-Za-z0-9_-])");
  private static final Pattern NEW_SESSION = Pattern.compile("\"session_id\": \"(S\\d+)\"");

  @TempDir Path root;
  private FbToolsApi api;

  /**
   * The data root the examples run against: a scene {@code opening} with a version 1 {@code
   * prompts.json}, and a story {@code tale}.
   */
  @BeforeEach
  void setUp() throws IOException {
    api = FbToolsApi.builder().root(root).build();
    Path opening = Files.createDirectory(root.resolve("scenes").resolve("opening"));
    Files.writeString(opening.resolve("prompts.json"),
        "{\"girl_pos\": \"smiling\", \"male_pos\": \"standing\"}", StandardCharsets.UTF_8);
    Path tale = Files.createDirectory(root.resolve("stories").resolve("tale"));
    Files.writeString(tale.resolve("story.json"), "{\"version\": 2, \"story_name\": \"tale\","
        + " \"scenes\": [{\"scene_id\": \"c0ffee\", \"scene_name\": \"opening\","
        + " \"scene_order\": 0}]}", StandardCharsets.UTF_8);
  }

  @Test
  void everyEndpointIsDocumented() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    for (String endpoint : api.endpoints()) {
      assertTrue(doc.contains("`" + endpoint + "`"), endpoint + " is missing from docs/rest.md");
    }
  }

  @Test
  void everyExampleAnswersAsDocumented() throws IOException {
    List<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
    Map<String, String> ids = new HashMap<>();
    int examples = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).equals("```http")) {
        continue;
      }
      List<String> block = new ArrayList<>();
      for (i++; !lines.get(i).equals("```"); i++) {
        block.add(lines.get(i));
      }
      examples++;
      String[] requestLine = block.get(0).split(" ", 2);
      int blank = block.indexOf("");
      String body = String.join("\n", block.subList(1, blank));
      int status = Integer.parseInt(block.get(blank + 1));
      String expected = String.join("\n", block.subList(blank + 2, block.size()));

      String target = substitute(requestLine[1], ids);
      int q = target.indexOf('?');
      String path = q < 0 ? target : target.substring(0, q);
      Map<String, String> query = ApiRequest.parseQuery(q < 0 ? null : target.substring(q + 1));
      ApiResponse r =
          api.handle(
              ApiRequest.of(
                  requestLine[0], path, query,
                  substitute(body, ids).getBytes(StandardCharsets.UTF_8)));

      Matcher m = NEW_SESSION.matcher(expected);
      if (m.find() && !ids.containsKey(m.group(1))) {
        ids.put(m.group(1), (String) r.body().get("session_id"));
      }
      String actual = r.bodyText();
      for (Map.Entry<String, String> e : ids.entrySet()) {
        actual = actual.replace(e.getValue(), e.getKey())
            .replace(e.getValue().substring(0, 8) + "...", e.getKey() + "...");
      }
      // -Drestdoc.print=true prints the answers instead of comparing them, to write new examples
      if (Boolean.getBoolean("restdoc.print")) {
        System.out.println("=== " + block.get(0) + "\n" + r.status() + "\n" + actual);
        continue;
      }
      assertEquals(expected, actual, block.get(0));
      assertEquals(status, r.status(), block.get(0));
    }
    assertTrue(examples >= 20, "examples: " + examples);
  }

  private static String substitute(String text, Map<String, String> ids) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String id = ids.get(m.group());
      m.appendReplacement(sb, Matcher.quoteReplacement(id == null ? m.group() : id));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
