package io.github.fbtools.libber.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps {@code docs/rest.md} honest: every endpoint the router serves is in its table, and every
 * {@code http} example is replayed, in order, over real HTTP against one {@link
 * FbToolsHttpServer} (with the headers the example shows, from a client on this machine), and its
 * answer compared byte for byte ({@code S1}, {@code S2}, … standing for the session ids the server
 * chose).
 */
class RestDocTest {
  private static final Pattern PLACEHOLDER =
      Pattern.compile("(?<![A-Za-z0-9_-])S(\\d+)(?![A-Za-z0-9_-])");
  private static final Pattern NEW_SESSION = Pattern.compile("\"session_id\": \"(S\\d+)\"");

  @TempDir Path root;
  private FbToolsApi api;
  private FbToolsHttpServer server;

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
    server = FbToolsHttpServer.builder(api).threads(2).start();
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  @Test
  void everyEndpointIsDocumented() throws IOException {
    String doc = Files.readString(RestDocExamples.DOC, StandardCharsets.UTF_8);
    for (String endpoint : api.endpoints()) {
      assertTrue(doc.contains("`" + endpoint + "`"), endpoint + " is missing from docs/rest.md");
    }
  }

  @Test
  void everyExampleAnswersAsDocumented() throws IOException {
    List<RestDocExamples.Example> examples = RestDocExamples.all();
    Map<String, String> ids = new HashMap<>();
    for (RestDocExamples.Example e : examples) {
      StringBuilder head = new StringBuilder(e.method()).append(' ')
          .append(substitute(e.target(), ids)).append(" HTTP/1.1\nHost: 127.0.0.1:")
          .append(server.port());
      for (Map.Entry<String, String> h : e.headers().entrySet()) {
        head.append('\n').append(h.getKey()).append(": ").append(h.getValue());
      }
      RawHttp.Answer r = RawHttp.send(server.port(), head.toString(), substitute(e.body(), ids));

      Matcher m = NEW_SESSION.matcher(e.answer());
      if (m.find() && !ids.containsKey(m.group(1))) {
        ids.put(m.group(1), (String) r.json().get("session_id"));
      }
      String actual = r.body();
      for (Map.Entry<String, String> id : ids.entrySet()) {
        actual = actual.replace(id.getValue(), id.getKey())
            .replace(id.getValue().substring(0, 8) + "...", id.getKey() + "...");
      }
      // -Drestdoc.print=true prints the answers instead of comparing them, to write new examples
      if (Boolean.getBoolean("restdoc.print")) {
        System.out.println("=== " + e.title() + "\n" + r.status() + "\n" + actual);
        continue;
      }
      assertEquals(e.answer(), actual, e.title());
      assertEquals(e.status(), r.status(), e.title());
    }
    assertTrue(examples.size() >= 20, "examples: " + examples.size());
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
