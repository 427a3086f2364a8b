package io.github.fbtools.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 item 9: Libber keys are lower-cased as CPython 3.11 does (Unicode 14.0); Java 17 has
 * Unicode 13.0, so a key Python stored as {@code ꟁ_old_polish_o} was not found from {@code
 * "Ꟁ Old Polish O"}.
 */
class PythonLowerTest {

  /** {@code cpython-3.11-lower.txt}: every code point CPython 3.11 lower-cases, and to what. */
  private static Map<Integer, String> cpythonTable() throws IOException {
    Map<Integer, String> table = new HashMap<>();
    try (InputStream in = PythonLowerTest.class.getResourceAsStream("cpython-3.11-lower.txt")) {
      assertNotNull(in, "the table generated with CPython 3.11");
      String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
      for (String line : text.split("\n")) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split(" ");
        StringBuilder lower = new StringBuilder();
        for (int i = 1; i < parts.length; i++) {
          lower.appendCodePoint(Integer.parseInt(parts[i], 16));
        }
        table.put(Integer.parseInt(parts[0], 16), lower.toString());
      }
    }
    return table;
  }

  @Test
  void everyCodePointLowerCasesAsInCpython311() throws IOException {
    Map<Integer, String> table = cpythonTable();
    assertEquals(1433, table.size());
    int checked = 0;
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
      if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
        continue;
      }
      String s = new String(Character.toChars(cp));
      String expected = table.getOrDefault(cp, s);
      String actual = PythonText.lower(s);
      if (!expected.equals(actual)) {
        throw new AssertionError(
            String.format(Locale.ROOT, "U+%04X: expected %s, got %s", cp, hex(expected), hex(actual)));
      }
      checked++;
    }
    assertEquals(0x110000 - 0x800, checked);
  }

  @Test
  void theLettersUnicode14AddedAreLowerCased() {
    assertEquals("\u2C5F", PythonText.lower("\u2C2F"));
    assertEquals("\uA7C1", PythonText.lower("\uA7C0"));
    assertEquals("\uA7D1", PythonText.lower("\uA7D0"));
    assertEquals("\uA7D7", PythonText.lower("\uA7D6"));
    assertEquals("\uA7D9", PythonText.lower("\uA7D8"));
    assertEquals(
        new String(Character.toChars(0x10597)), PythonText.lower(new String(Character.toChars(0x10570))));
    assertEquals(
        new String(Character.toChars(0x105BC)), PythonText.lower(new String(Character.toChars(0x10595))));
    // and the ones added after Unicode 14.0 are kept, as CPython 3.11 keeps them
    assertEquals("\u1C89\uA7CB\uA7CC\uA7DA\uA7DC", PythonText.lower("\u1C89\uA7CB\uA7CC\uA7DA\uA7DC"));
    String garay = new String(Character.toChars(0x10D50));
    assertEquals(garay, PythonText.lower(garay));
  }

  @Test
  void contextAndLengthChangesStayAsJavaAndPythonAgree() {
    // U+0130 lower-cases to two code points, before and after a fixed-up letter.
    assertEquals("i\u0307\uA7C1i\u0307x", PythonText.lower("\u0130\uA7C0\u0130X"));
    // final sigma
    assertEquals("\u03B1\u03C2 \u03C3", PythonText.lower("\u0391\u03A3 \u03A3"));
    assertEquals("\u03B1\u03C2 \uA7C1", PythonText.lower("\u0391\u03A3 \uA7C0"));
    // an unpaired surrogate is kept
    assertEquals("a\uD801b\uA7C1", PythonText.lower("A\uD801B\uA7C0"));
    assertEquals("plain ascii", PythonText.lower("Plain ASCII"));
  }

  @Test
  void aKeyPythonStoredIsFoundFromTheNameItWasAddedWith() {
    String pythonKey = "\uA7C1_old_polish_o"; // "\uA7C0 Old Polish O".lower(), spaces to _
    assertEquals(pythonKey, Libber.normalizeKey("\uA7C0 Old Polish O"));
    Libber libber = Libber.of(Map.of(pythonKey, "o with ogonek"));
    assertEquals("o with ogonek", libber.lib("\uA7C0 Old Polish O").orElseThrow());
    Libber removed = libber.withoutLib("\uA7C0-OLD-POLISH-O");
    assertTrue(removed.keys().isEmpty(), removed.keys().toString());
    assertEquals(pythonKey, libber.withLib("\uA7C0 old polish o", "x").keys().get(0));
  }

  private static String hex(String s) {
    StringBuilder sb = new StringBuilder();
    s.codePoints().forEach(c -> sb.append(String.format(Locale.ROOT, "U+%04X ", c)));
    return sb.toString().trim();
  }
}
