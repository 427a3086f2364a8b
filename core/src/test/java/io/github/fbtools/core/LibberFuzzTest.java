package io.github.fbtools.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.json.FormatException;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Jazzer targets for {@link Libber#substitute} and {@link Libber#fromJson}. Under {@code verify}
 * they run in regression mode on the inputs under {@code
 * src/test/resources/io/github/fbtools/core/LibberFuzzTestInputs/<method>/}; {@code JAZZER_FUZZ=1}
 * fuzzes for real.
 *
 * <p>Input format of {@link #substitute}: UTF-8 text; the first line is {@code
 * <maxDepth>|<delimiter>}, then one {@code key=value} line per entry up to an empty line, then the
 * text ({@code \n} in a value is written {@code \\n}).
 */
class LibberFuzzTest {
  private static final ExpansionLimits LIMITS = new ExpansionLimits(200_000, 20_000);

  @FuzzTest(maxDuration = "60s")
  void substitute(FuzzedDataProvider data) {
    String input = new String(data.consumeRemainingAsBytes(), StandardCharsets.UTF_8);
    String[] parts = input.split("\n", -1);
    String header = parts[0];
    int bar = header.indexOf('|');
    int maxDepth = 10;
    String delimiter = "%";
    if (bar >= 0) {
      try {
        maxDepth = Math.floorMod(Integer.parseInt(header.substring(0, bar).trim()), 101);
      } catch (NumberFormatException e) {
        maxDepth = header.length() % 101;
      }
      delimiter = header.substring(bar + 1);
    }
    if (delimiter.isEmpty()) {
      Map<String, String> none = Map.of();
      assertThrows(IllegalArgumentException.class, () -> Libber.of(none, "", 10));
      delimiter = "%";
    }
    Map<String, String> libs = new LinkedHashMap<>();
    int line = 1;
    for (; line < parts.length && !parts[line].isEmpty(); line++) {
      int eq = parts[line].indexOf('=');
      String key = eq < 0 ? parts[line] : parts[line].substring(0, eq);
      String value = eq < 0 ? "" : parts[line].substring(eq + 1).replace("\\n", "\n");
      libs.put(key, value);
    }
    StringBuilder text = new StringBuilder();
    for (int i = line + 1; i < parts.length; i++) {
      if (i > line + 1) {
        text.append('\n');
      }
      text.append(parts[i]);
    }

    Libber libber = Libber.of(libs, delimiter, maxDepth);
    String out;
    try {
      out = libber.substitute(text.toString(), LIMITS);
    } catch (LibberExpansionException e) {
      for (String k : e.keyChain()) {
        assertTrue(libs.containsKey(k), k);
      }
      return;
    }
    assertTrue(out.length() <= LIMITS.maxOutputChars());
    // The regex path agrees with the fast scanner.
    LibberEngine regex =
        LibberEngine.compile(libber.libs(), LibberScanner.regex(delimiter), maxDepth);
    assertEquals(out, regex.substitute(text.toString(), LIMITS));
    // The reference oracle (fbtools-testkit's ReferenceLibber) is compared in testkit's
    // LibberReferenceProperties; core's tests cannot depend on testkit (it depends on core).
    libber.analyze();
  }

  @FuzzTest(maxDuration = "60s")
  void fromJson(FuzzedDataProvider data) {
    String json = new String(data.consumeRemainingAsBytes(), StandardCharsets.UTF_8);
    Libber libber;
    try {
      libber = Libber.fromJson(json);
    } catch (FormatException e) {
      return;
    }
    String written = libber.toJson();
    Libber back = Libber.fromJson(written);
    assertEquals(libber, back);
    assertEquals(written, back.toJson());
    libber.analyze();
  }
}
