package io.github.fbtools.libber.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.github.fbtools.core.json.FbJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI 3.1 document ({@code docs/openapi.json}, served at {@code GET
 * /fbtools/openapi.json}) against the router and the docs: the served document is the checked-in
 * file; every route of the router's table is in it and nothing else; and every example of {@code
 * docs/rest.md} validates against its schemas (the request body of each successful example, and
 * every answer), with a JSON Schema 2020-12 validator.
 */
class OpenApiTest {
  private static final Path DOC = Path.of("..", "docs", "openapi.json");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SchemaRegistry SCHEMAS =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  private final FbToolsApi api = FbToolsApi.builder().build();

  private static JsonNode document() throws IOException {
    return JSON.readTree(Files.readString(DOC, StandardCharsets.UTF_8));
  }

  @Test
  void theServedDocumentIsTheCheckedInFile() throws IOException {
    byte[] file = Files.readAllBytes(DOC);
    assertArrayEquals(file, OpenApi.load(), "the jar's copy differs from docs/openapi.json");
    ApiResponse served = api.handle(ApiRequest.get("/fbtools/openapi.json", Map.of()));
    assertEquals(200, served.status());
    assertEquals(FbJson.parseObject(file), served.body());
    assertEquals("3.1.0", served.body().get("openapi"));
  }

  @Test
  void everyRouteOfTheRouterIsDocumentedAndNoOther() throws IOException {
    JsonNode paths = document().get("paths");
    Set<String> documented = new TreeSet<>();
    for (Map.Entry<String, JsonNode> p : paths.properties()) {
      for (Iterator<String> m = p.getValue().fieldNames(); m.hasNext(); ) {
        documented.add(m.next().toUpperCase(Locale.ROOT) + " " + p.getKey());
      }
    }
    Set<String> routes = new TreeSet<>(api.endpoints());
    assertEquals(routes, documented);
    for (String route : routes) {
      String[] mp = route.split(" ", 2);
      JsonNode op = paths.get(mp[1]).get(mp[0].toLowerCase(Locale.ROOT));
      assertTrue(op.get("responses").has("200"), route + " documents no 200");
      assertTrue(op.get("responses").has("default"), route + " documents no error answer");
      assertEquals(mp[0].equals("POST"), op.has("requestBody"), route + ": request body");
      for (String param : templateParameters(mp[1])) {
        boolean found = false;
        for (JsonNode p : op.path("parameters")) {
          found |= p.get("name").asText().equals(param) && p.get("in").asText().equals("path");
        }
        assertTrue(found, route + " does not document its path parameter " + param);
      }
    }
  }

  @Test
  void theExamplesOfRestMdMatchTheSchemas() throws IOException {
    JsonNode doc = document();
    ObjectNode defs = (ObjectNode) rewriteRefs(doc.get("components").get("schemas"));
    int checked = 0;
    List<String> failures = new ArrayList<>();
    for (RestDocExamples.Example e : RestDocExamples.all()) {
      String template = templateOf(doc.get("paths"), e.path());
      JsonNode op = template == null
          ? null
          : doc.get("paths").get(template).get(e.method().toLowerCase(Locale.ROOT));
      if (op == null) {
        // An example of an unknown path or method: the answer is the one error shape.
        assertTrue(e.status() == 404 || e.status() == 405, e.title() + ": not in openapi.json");
        failures.addAll(validate(doc.at("/components/schemas/Error"), defs, e.answer(),
            e.title() + " answer"));
        checked++;
        continue;
      }
      if (e.status() / 100 == 2 && op.has("requestBody")) {
        JsonNode schema = op.at("/requestBody/content/application~1json/schema");
        failures.addAll(validate(schema, defs, placeholders(e.body()), e.title() + " request"));
      }
      JsonNode response = op.get("responses").get(Integer.toString(e.status()));
      if (response == null) {
        response = op.get("responses").get("default");
      }
      if (response.has("$ref")) {
        response = doc.at(response.get("$ref").asText().substring(1));
      }
      JsonNode schema = response.at("/content/application~1json/schema");
      failures.addAll(validate(schema, defs, placeholders(e.answer()), e.title() + " answer"));
      checked++;
    }
    assertEquals(List.of(), failures);
    assertTrue(checked >= 30, "examples checked: " + checked);
  }

  @Test
  void theSchemasRefuseWhatTheServerNeverAnswers() throws IOException {
    JsonNode doc = document();
    ObjectNode defs = (ObjectNode) rewriteRefs(doc.get("components").get("schemas"));
    JsonNode libber = doc.at("/components/schemas/LibberSession");
    String good = "{\"success\": true, \"session_id\": \"" + "A".repeat(43) + "\", \"version\": 0,"
        + " \"name\": \"n\", \"keys\": [], \"lib_dict\": {}, \"delimiter\": \"%\", \"max_depth\": 10}";
    assertEquals(List.of(), validate(libber, defs, good, "good"));
    assertFalse(validate(libber, defs, good.replace("\"version\": 0", "\"version\": \"0\""), "x")
        .isEmpty());
    assertFalse(validate(libber, defs, good.replace("\"max_depth\": 10", "\"max_depth\": 101"),
        "x").isEmpty());
    assertFalse(validate(libber, defs, (good.substring(0, good.length() - 1) + ", \"extra\": 1}"), "x").isEmpty());
    JsonNode prompts = doc.at("/components/schemas/PromptSession");
    String collection = "{\"success\": true, \"session_id\": \"" + "A".repeat(43) + "\","
        + " \"version\": 1, \"collection\": {\"version\": 2, \"prompts\": {\"a\": {\"value\":"
        + " \"b\"}}, \"compositions\": {}}, \"prompt_names\": [\"a\"]}";
    assertEquals(List.of(), validate(prompts, defs, collection, "good"));
    assertFalse(validate(prompts, defs, collection.replace("\"version\": 2", "\"version\": 3"),
        "x").isEmpty(), "a reference into the components is followed");
    assertFalse(validate(doc.at("/components/schemas/Error"), defs,
        "{\"success\": true, \"error\": \"x\"}", "x").isEmpty());
  }

  /** Session placeholders ({@code S1}) become well-formed ids so the id pattern is checked. */
  private static String placeholders(String json) {
    return json.replaceAll("\"S(\\d+)\"", "\"" + "A".repeat(42) + "$1\"")
        .replaceAll("\"S(\\d+)\\.\\.\\.\"", "\"AAAAAAAA...\"");
  }

  private static List<String> validate(JsonNode schema, ObjectNode defs, String json, String what)
      throws IOException {
    ObjectNode wrapped = ((ObjectNode) rewriteRefs(schema)).deepCopy();
    wrapped.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    wrapped.set("$defs", defs);
    Schema s = SCHEMAS.getSchema(wrapped);
    List<String> out = new ArrayList<>();
    for (Error error : s.validate(JSON.readTree(json))) {
      out.add(what + ": " + error);
    }
    return out;
  }

  /** A copy with {@code #/components/schemas/X} references as {@code #/$defs/X}. */
  private static JsonNode rewriteRefs(JsonNode node) throws IOException {
    String text = JSON.writeValueAsString(node);
    JsonNode copy = JSON.readTree(text.replace("#/components/schemas/", "#/$defs/"));
    if (!copy.isObject()) {
      throw new IllegalArgumentException("a schema must be an object: " + text);
    }
    return copy;
  }

  private static String templateOf(JsonNode paths, String path) {
    for (Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
      String t = it.next();
      String regex = t.replace(".", "\\.").replaceAll("\\{[^}]+}", "[^/]+");
      if (path.matches(regex)) {
        return t;
      }
    }
    return null;
  }

  private static List<String> templateParameters(String template) {
    List<String> out = new ArrayList<>();
    for (String segment : template.split("/")) {
      if (segment.startsWith("{") && segment.endsWith("}")) {
        out.add(segment.substring(1, segment.length() - 1));
      }
    }
    return out;
  }
}
