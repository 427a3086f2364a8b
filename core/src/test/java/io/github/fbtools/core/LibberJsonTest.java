package io.github.fbtools.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.json.FormatException;
import io.github.fbtools.core.json.FbJson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link Libber#fromJson} and {@link Libber#toJson} (REFERENCE.md §2.3, ARCHITECTURE decision 2). */
class LibberJsonTest {

  @Test
  void writesTheReferenceFormatInItsOrder() {
    Libber l = Libber.empty().withLib("b", "B \"quoted\"").withLib("a", "café ☕ 😀\n");
    assertEquals(
        "{\n"
            + "  \"libs\": {\n"
            + "    \"b\": \"B \\\"quoted\\\"\",\n"
            + "    \"a\": \"café ☕ 😀\\n\"\n"
            + "  },\n"
            + "  \"delimiter\": \"%\",\n"
            + "  \"max_depth\": 10\n"
            + "}\n",
        l.toJson());
    assertEquals(
        "{\n  \"libs\": {},\n  \"delimiter\": \"%\",\n  \"max_depth\": 10\n}\n",
        Libber.empty().toJson());
  }

  @Test
  void roundTripIsByteIdentical() {
    String json =
        "{\n"
            + "  \"libs\": {\n"
            + "    \"Foo\": \"F\",\n"
            + "    \"a\": \"%Foo% $1 \\\\\"\n"
            + "  },\n"
            + "  \"delimiter\": \"<<>>\",\n"
            + "  \"max_depth\": 100\n"
            + "}\n";
    Libber l = Libber.fromJson(json);
    assertEquals(json, l.toJson());
    assertEquals(l, Libber.fromJson(l.toJson()));
    assertEquals(List.of("Foo", "a"), new ArrayList<>(l.libs().keySet()));
    assertEquals("<<>>", l.delimiter());
    assertEquals(100, l.maxDepth());
  }

  @Test
  void readsThePythonOutputWithoutFinalNewline() {
    Libber l = Libber.fromJson("{\n  \"libs\": {\"a\": \"A\"},\n  \"delimiter\": \"%\",\n  \"max_depth\": 3\n}");
    assertEquals(Libber.of(Map.of("a", "A"), "%", 3), l);
  }

  @Test
  void missingFieldsTakeTheDefaults() {
    assertEquals(Libber.empty(), Libber.fromJson("{}"));
    Libber l = Libber.fromJson("{\"libs\": {\"a\": \"A\"}}");
    assertEquals("%", l.delimiter());
    assertEquals(10, l.maxDepth());
  }

  @Test
  void nullLibsIsEmpty() {
    assertEquals(Libber.empty(), Libber.fromJson("{\"libs\": null}"));
    assertEquals(Libber.empty(), Libber.fromJson("{\"lib_dict\": null}"));
  }

  @Test
  void theDocumentedLibDictFormatIsRead() {
    String documented =
        "{\"lib_dict\": {\"character\": \"a %hair% woman\", \"hair\": \"red-haired\"},"
            + " \"delimiter\": \"%\", \"max_depth\": 10}";
    Libber l = Libber.fromJson(documented);
    assertEquals(2, l.libs().size());
    assertEquals("a red-haired woman", l.substitute("%character%"));
    // Written back in the one format the reference reads.
    assertTrue(l.toJson().startsWith("{\n  \"libs\": {\n    \"character\""), l.toJson());
    assertTrue(l.extraFields().isEmpty());
    assertEquals(l, Libber.fromJson(l.toJson()));
  }

  @Test
  void libsAndLibDictTogether() {
    // Empty or null on one side: the other is used.
    assertEquals(
        Optional.of("A"), Libber.fromJson("{\"libs\": {}, \"lib_dict\": {\"a\": \"A\"}}").lib("a"));
    assertEquals(
        Optional.of("A"),
        Libber.fromJson("{\"libs\": null, \"lib_dict\": {\"a\": \"A\"}}").lib("a"));
    assertEquals(
        Optional.of("A"), Libber.fromJson("{\"libs\": {\"a\": \"A\"}, \"lib_dict\": {}}").lib("a"));
    assertEquals(
        Optional.of("A"),
        Libber.fromJson("{\"lib_dict\": null, \"libs\": {\"a\": \"A\"}}").lib("a"));
    // The same entries: fine, libs's order.
    Libber same =
        Libber.fromJson(
            "{\"libs\": {\"a\": \"A\", \"b\": \"B\"}, \"lib_dict\": {\"b\": \"B\", \"a\": \"A\"}}");
    assertEquals(List.of("a", "b"), new ArrayList<>(same.libs().keySet()));
    // Different entries: ambiguous, refused.
    FormatException e =
        assertThrows(
            FormatException.class,
            () ->
                Libber.fromJson(
                    "{\"libs\": {\"a\": \"A\"},\n \"lib_dict\": {\"a\": \"other\"}}"));
    assertEquals(Optional.of("/lib_dict"), e.path());
    assertEquals(2, e.line());
    assertTrue(e.reason().contains("both \"libs\" and \"lib_dict\""), e.reason());
  }

  @Test
  void unknownFieldsAreKeptAndWrittenAfterTheKnownOnes() {
    String json =
        "{\"version\": 3, \"libs\": {\"a\": \"A\"}, \"ui\": {\"z\": [1, 2.5, null, true]},"
            + " \"max_depth\": 4, \"note\": null}";
    Libber l = Libber.fromJson(json);
    assertEquals(List.of("version", "ui", "note"), new ArrayList<>(l.extraFields().keySet()));
    assertEquals(
        "{\n"
            + "  \"libs\": {\n"
            + "    \"a\": \"A\"\n"
            + "  },\n"
            + "  \"delimiter\": \"%\",\n"
            + "  \"max_depth\": 4,\n"
            + "  \"version\": 3,\n"
            + "  \"ui\": {\n"
            + "    \"z\": [\n"
            + "      1,\n"
            + "      2.5,\n"
            + "      null,\n"
            + "      true\n"
            + "    ]\n"
            + "  },\n"
            + "  \"note\": null\n"
            + "}\n",
        l.toJson());
    // Kept through edits.
    Libber edited = l.withLib("b", "B").withoutLib("a").withMaxDepth(5).withDelimiter("$");
    assertEquals(l.extraFields(), edited.extraFields());
    assertEquals(l, Libber.fromJson(l.toJson()));
    assertNotEquals(l, Libber.of(Map.of("a", "A"), "%", 4));
    assertNotEquals(
        Libber.fromJson("{\"x\": {\"a\": 1, \"b\": 2}}"),
        Libber.fromJson("{\"x\": {\"b\": 2, \"a\": 1}}"),
        "member order in unknown fields counts, so equal Libbers write equal bytes");
    assertEquals(
        Libber.fromJson("{\"x\": {\"a\": 1, \"b\": 2}}"),
        Libber.fromJson("{\"x\": {\"a\": 1, \"b\": 2}}"));
    assertThrows(UnsupportedOperationException.class, () -> l.extraFields().put("k", "v"));
  }

  @Test
  void keysAreKeptExactly() {
    Libber l = Libber.fromJson("{\"libs\": {\"Hair Color\": \"red\", \"hair_color\": \"blue\"}}");
    assertEquals(List.of("Hair Color", "hair_color"), l.keys());
    assertEquals(Optional.of("blue"), l.lib("Hair Color"));
    assertEquals("blue %Hair Color%", l.substitute("%hair_color% %Hair Color%"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "[]|''|expected a JSON object at the top level, found array",
        "\"x\"|''|expected a JSON object at the top level, found string",
        "{\"libs\": []}|/libs|libs must be an object, found array",
        "{\"libs\": \"a\"}|/libs|libs must be an object, found string",
        "{\"lib_dict\": 1}|/lib_dict|lib_dict must be an object, found number",
        "{\"libs\": {\"a\": 1}}|/libs/a|the value of \"a\" must be a string, found number",
        "{\"libs\": {\"a/b\": null}}|/libs/a~1b|the value of \"a/b\" must be a string, found null",
        "{\"libs\": {\"a\": {}}}|/libs/a|the value of \"a\" must be a string, found object",
        "{\"lib_dict\": {\"a\": true}}|/lib_dict/a|the value of \"a\" must be a string, found boolean",
        "{\"delimiter\": null}|/delimiter|delimiter must be a string, found null",
        "{\"delimiter\": 5}|/delimiter|delimiter must be a string, found number",
        "{\"max_depth\": 101}|/max_depth|max_depth must be an integer in 0..100: 101",
        "{\"max_depth\": -1}|/max_depth|max_depth must be an integer in 0..100: -1",
        "{\"max_depth\": 10.0}|/max_depth|max_depth must be an integer in 0..100, found number 10.0",
        "{\"max_depth\": \"10\"}|/max_depth|max_depth must be an integer in 0..100, found string",
        "{\"max_depth\": null}|/max_depth|max_depth must be an integer in 0..100, found null",
        "{\"max_depth\": true}|/max_depth|max_depth must be an integer in 0..100, found boolean",
        "{\"max_depth\": 100000000000000000000000}|/max_depth|"
            + "max_depth must be an integer in 0..100, found number 100000000000000000000000",
      })
  void badFieldsAreFormatExceptionsWithPath(String json, String path, String reason) {
    FormatException e = assertThrows(FormatException.class, () -> Libber.fromJson(json));
    assertEquals(Optional.of(path), e.path(), e.getMessage());
    assertEquals(reason, e.reason());
    assertTrue(e.line() >= 1, "line is known: " + e.getMessage());
    assertTrue(e.column() >= 1, "column is known: " + e.getMessage());
  }

  @Test
  void badFieldsReportTheirLineAndColumn() {
    String json = "{\n  \"libs\": {\n    \"a\": \"A\",\n    \"b\": 7\n  }\n}\n";
    FormatException e = assertThrows(FormatException.class, () -> Libber.fromJson(json));
    assertEquals(4, e.line());
    assertEquals(10, e.column());
    assertEquals(Optional.of("/libs/b"), e.path());
    assertTrue(e.getMessage().startsWith("line 4:10 at /libs/b: "), e.getMessage());
  }

  @Test
  void invalidJsonIsAFormatException() {
    for (String bad :
        Arrays.asList("", " ", "{", "{\"libs\": {\"a\": \"A\",}}", "{\"a\":1,\"a\":2}", "nul",
            "{\"libs\": {}} x")) {
      assertThrows(FormatException.class, () -> Libber.fromJson(bad), bad);
    }
  }

  @Test
  void writtenJsonParsesToTheSameModel() {
    Libber l = Libber.of(new LinkedHashMap<>(Map.of("k", "v")), "<<", 0);
    Map<String, Object> doc = FbJson.parseObject(l.toJson());
    assertEquals(List.of("libs", "delimiter", "max_depth"), new ArrayList<>(doc.keySet()));
    assertEquals(Map.of("k", "v"), doc.get("libs"));
    assertEquals("<<", doc.get("delimiter"));
    assertEquals(0L, doc.get("max_depth"));
  }
}
