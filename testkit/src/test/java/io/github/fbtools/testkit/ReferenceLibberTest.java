package io.github.fbtools.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.Libber;
import io.github.fbtools.core.json.FbJson;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ReferenceLibber}: the Python reference's own outputs, and examples. */
class ReferenceLibberTest {
  @Test
  void everyGoldenCaseOfThePythonReferenceMatches() throws IOException {
    // core's test jar: libber/golden.json, written by the Python reference itself (CPython 3.11).
    List<?> cases;
    try (InputStream in =
        ReferenceLibberTest.class.getResourceAsStream("/io/github/fbtools/core/libber/golden.json")) {
      cases = (List<?>) FbJson.parse(in.readAllBytes());
    }
    assertTrue(cases.size() >= 250, "cases: " + cases.size());
    int i = 0;
    for (Object o : cases) {
      @SuppressWarnings("unchecked")
      Map<String, Object> c = (Map<String, Object>) o;
      @SuppressWarnings("unchecked")
      Map<String, String> libs = (Map<String, String>) (Map<String, ?>) c.get("libs");
      String delimiter = (String) c.get("delimiter");
      int maxDepth = ((Long) c.get("max_depth")).intValue();
      assertEquals(
          c.get("expected"),
          ReferenceLibber.substitute(libs, delimiter, maxDepth, (String) c.get("text")),
          "case " + i++ + ": " + c);
    }
  }

  @Test
  void theJavadocExample() {
    Libber libber = Libber.of(Map.of("who", "a %what%", "what", "cat"));
    String expected = ReferenceLibber.substitute(libber, "I see %who%.");
    assertEquals("I see a cat.", expected);
    assertEquals(expected, libber.substitute("I see %who%."));
  }

  @Test
  void undefinedReferencesStayAndTheDepthLimitKeepsTheValue() {
    Map<String, String> libs = new LinkedHashMap<>();
    libs.put("a", "A%b%");
    libs.put("b", "B%a%");
    assertEquals("A%b%", ReferenceLibber.substitute(libs, "%", 1, "%a%"));
    assertEquals("ABAB%a%", ReferenceLibber.substitute(libs, "%", 4, "%a%"));
    assertEquals("%zz% x", ReferenceLibber.substitute(libs, "%", 10, "%zz% x"));
    assertEquals("%a%", ReferenceLibber.substitute(libs, "%", 0, "%a%"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ReferenceLibber.substitute(libs, "%", -1, "x"));
    assertEquals("maxDepth must not be negative: -1", e.getMessage());
  }

  @Test
  void latin1AndOtherTextGiveTheSameOutputAsTheReference() {
    // (moved from core's LibberTest) Latin-1 output is built in a byte[], any other in a char[]:
    // every mix, with repeats (copied from the first occurrence) and the raw value at the limit.
    String[] texts = {"a %x% b %y% %x%", "é %x% ÿ %y% %x%", "😀 %x% 中 %y% %x%", "%x%%x%"};
    String[] values = {"plain %y%", "café ÿ %y%", "中文 %y% 😀"};
    String[] leaves = {"Y", "ÿé", "中"};
    for (String text : texts) {
      for (String x : values) {
        for (String y : leaves) {
          for (int depth : new int[] {1, 2, 10}) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("x", x);
            m.put("y", y);
            Libber l = Libber.of(m, "%", depth);
            assertEquals(ReferenceLibber.substitute(l, text), l.substitute(text), l + " " + text);
          }
        }
      }
    }
  }
}
