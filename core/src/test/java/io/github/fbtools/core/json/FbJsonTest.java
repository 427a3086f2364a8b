package io.github.fbtools.core.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FbJsonTest {

  static String resource(String name) throws IOException {
    try (InputStream in = FbJsonTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Nested
  class PythonCompatibility {
    @Test
    void rewritingAPythonIndent2FileGivesTheSameBytesPlusNewline() throws IOException {
      String python = resource("python-indent2.json");
      assertEquals(python + "\n", FbJson.write(FbJson.parse(python)));
    }

    @Test
    void compactOutputMatchesPythonDefaultSeparators() throws IOException {
      String python = resource("python-compact.json");
      assertEquals(python, FbJson.writeCompact(FbJson.parse(python)));
    }

    @Test
    void asciiEscapedIndent4FileReadsToTheSameValue() throws IOException {
      Object a = FbJson.parse(resource("python-indent4-ascii.json"));
      Object b = FbJson.parse(resource("python-indent2.json"));
      assertEquals(b, a);
    }

    @Test
    void floatsAreWrittenAsPythonRepr() {
      assertEquals("0.1", FbJson.pythonFloatRepr(0.1, ""));
      assertEquals("1e-05", FbJson.pythonFloatRepr(1e-5, ""));
      assertEquals("0.0001", FbJson.pythonFloatRepr(1e-4, ""));
      assertEquals("1e+16", FbJson.pythonFloatRepr(1e16, ""));
      assertEquals("1000000000000000.0", FbJson.pythonFloatRepr(1e15, ""));
      assertEquals("100.0", FbJson.pythonFloatRepr(100, ""));
      assertEquals("-0.0", FbJson.pythonFloatRepr(-0.0, ""));
      assertEquals("0.0", FbJson.pythonFloatRepr(0.0, ""));
      assertEquals("-2.5", FbJson.pythonFloatRepr(-2.5, ""));
      assertEquals("1.5e+300", FbJson.pythonFloatRepr(1.5e300, ""));
      assertEquals("1.7976931348623157e+308", FbJson.pythonFloatRepr(Double.MAX_VALUE, ""));
      assertEquals("5e-324", FbJson.pythonFloatRepr(Double.MIN_VALUE, ""));
      assertThrows(IllegalArgumentException.class, () -> FbJson.pythonFloatRepr(Double.NaN, ""));
      assertThrows(
          IllegalArgumentException.class,
          () -> FbJson.pythonFloatRepr(Double.POSITIVE_INFINITY, "/x"));
    }

    @Test
    void writesEmptyContainersAndNestingLikePython() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("a", List.of());
      m.put("b", Map.of());
      m.put("c", Arrays.asList(1, null, "x"));
      assertEquals(
          "{\n  \"a\": [],\n  \"b\": {},\n  \"c\": [\n    1,\n    null,\n    \"x\"\n  ]\n}\n",
          FbJson.write(m));
      assertEquals("null\n", FbJson.write(null));
      assertEquals("\"\\u0000\"\n", FbJson.write("\u0000"));
    }
  }

  @Nested
  class ValueModel {
    @Test
    void parsesIntoImmutableJavaValues() {
      Object v = FbJson.parse("{\"a\": [1, 2.5, \"s\", true, null, {}], \"big\": 123456789012345678901}");
      assertTrue(v instanceof Map);
      Map<?, ?> m = (Map<?, ?>) v;
      List<?> a = (List<?>) m.get("a");
      assertEquals(1L, a.get(0));
      assertEquals(2.5, a.get(1));
      assertEquals("s", a.get(2));
      assertEquals(Boolean.TRUE, a.get(3));
      assertNull(a.get(4));
      assertEquals(new BigInteger("123456789012345678901"), m.get("big"));
      @SuppressWarnings("unchecked")
      List<Object> mutable = (List<Object>) a;
      assertThrows(UnsupportedOperationException.class, () -> mutable.add(1));
    }

    @Test
    void keepsKeyOrder() {
      Map<String, Object> m = FbJson.parseObject("{\"z\": 1, \"a\": 2, \"m\": 3}");
      assertEquals(List.of("z", "a", "m"), new ArrayList<>(m.keySet()));
    }

    @Test
    void immutableCopyNormalisesNumbersAndRejectsNonJson() {
      Map<String, Object> in = new LinkedHashMap<>();
      in.put("i", 3);
      in.put("f", 1.5f);
      in.put("bd", new BigDecimal("2.25"));
      in.put("bi", BigInteger.TEN);
      in.put("n", null);
      in.put("l", new ArrayList<>(List.of((short) 1, (byte) 2)));
      Map<String, Object> out = FbJson.immutableObject(in);
      assertEquals(3L, out.get("i"));
      assertEquals(1.5, out.get("f"));
      assertEquals(2.25, out.get("bd"));
      assertEquals(10L, out.get("bi"));
      assertTrue(out.containsKey("n"));
      assertEquals(List.of(1L, 2L), out.get("l"));
      in.put("i", 4);
      assertEquals(3L, out.get("i"), "copy is not a view");
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> FbJson.immutableCopy(Map.of("x", List.of(new Object()))));
      assertTrue(e.getMessage().contains("/x/0"), e.getMessage());
      Map<Object, Object> badKey = new LinkedHashMap<>();
      badKey.put(1, "a");
      assertThrows(IllegalArgumentException.class, () -> FbJson.immutableCopy(badKey));
    }

    @Test
    void writeRejectsUnpairedSurrogatesAndForeignTypes() {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> FbJson.write(Map.of("k", "a\ud800b")));
      assertTrue(e.getMessage().contains("/k"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> FbJson.write(new Object()));
      assertEquals("\"\ud83d\ude00\"\n", FbJson.write("\ud83d\ude00"));
    }

    @Test
    void typeNamesAndPointers() {
      assertEquals("null", FbJson.typeName(null));
      assertEquals("string", FbJson.typeName("x"));
      assertEquals("boolean", FbJson.typeName(true));
      assertEquals("number", FbJson.typeName(1L));
      assertEquals("array", FbJson.typeName(List.of()));
      assertEquals("object", FbJson.typeName(Map.of()));
      assertEquals("a~1b~0c", FbJson.escapePointer("a/b~c"));
    }

    @Test
    void locateFindsNestedValues() {
      String text = "{\n  \"a\": 1,\n  \"p\": {\n    \"x/y\": [10, {\"v\": 5}]\n  }\n}";
      assertArrayEquals(new int[] {4, 12}, FbJson.locate(text, "/p/x~1y"));
      assertArrayEquals(new int[] {4, 17}, FbJson.locate(text, "/p/x~1y/1"));
      assertArrayEquals(new int[] {1, 1}, FbJson.locate(text, ""));
      assertArrayEquals(new int[] {0, 0}, FbJson.locate(text, "/nope"));
      assertArrayEquals(new int[] {0, 0}, FbJson.locate(text, "/p/x~1y/7"));
      assertArrayEquals(new int[] {0, 0}, FbJson.locate(text, "/a/b"));
      FormatException located = FbJson.withLocation(text, FormatException.at("/p", "bad"));
      assertEquals(3, located.line());
    }
  }

  /** RELIABILITY J2: each limit accepted at its value, refused one above it. */
  @Nested
  class Limits {
    private String nested(int depth) {
      return "[".repeat(depth) + "]".repeat(depth);
    }

    @Test
    void nestingDepth() {
      FbJson.parse(nested(FbJson.MAX_NESTING_DEPTH));
      FormatException e =
          assertThrows(FormatException.class, () -> FbJson.parse(nested(FbJson.MAX_NESTING_DEPTH + 1)));
      assertTrue(e.getMessage().toLowerCase().contains("depth"), e.getMessage());
      assertThrows(FormatException.class, () -> FbJson.parse("[".repeat(100_000)));
    }

    @Test
    void stringLength() {
      String ok = "\"" + "a".repeat(FbJson.MAX_STRING_LENGTH) + "\"";
      assertEquals(FbJson.MAX_STRING_LENGTH, ((String) FbJson.parse(ok)).length());
      String over = "\"" + "a".repeat(FbJson.MAX_STRING_LENGTH + 1) + "\"";
      FormatException e = assertThrows(FormatException.class, () -> FbJson.parse(over));
      assertTrue(e.getMessage().contains("String value length"), e.getMessage());
    }

    @Test
    void nameLength() {
      FbJson.parse("{\"" + "k".repeat(FbJson.MAX_NAME_LENGTH) + "\": 1}");
      FormatException e =
          assertThrows(
              FormatException.class,
              () -> FbJson.parse("{\"" + "k".repeat(FbJson.MAX_NAME_LENGTH + 1) + "\": 1}"));
      assertTrue(e.getMessage().contains("Name length"), e.getMessage());
    }

    @Test
    void numberLength() {
      FbJson.parse("[" + "9".repeat(FbJson.MAX_NUMBER_LENGTH) + "]");
      FormatException e =
          assertThrows(
              FormatException.class,
              () -> FbJson.parse("[" + "9".repeat(FbJson.MAX_NUMBER_LENGTH + 1) + "]"));
      assertTrue(e.getMessage().contains("Number value length"), e.getMessage());
    }

    @Test
    void documentLength() {
      StringBuilder sb = new StringBuilder("\"");
      String chunk = "a".repeat(1000);
      // A document of exactly the limit: a list of short strings padded with spaces.
      sb.setLength(0);
      sb.append('[');
      while (sb.length() < FbJson.MAX_DOCUMENT_LENGTH - 1010) {
        sb.append('"').append(chunk).append("\",");
      }
      sb.append("0");
      while (sb.length() < FbJson.MAX_DOCUMENT_LENGTH - 1) {
        sb.append(' ');
      }
      sb.append(']');
      assertEquals(FbJson.MAX_DOCUMENT_LENGTH, sb.length());
      FbJson.parse(sb.toString());
      FbJson.parse(sb.toString().getBytes(StandardCharsets.UTF_8));
      String over = sb.toString() + " ";
      assertThrows(FormatException.class, () -> FbJson.parse(over));
      assertThrows(
          FormatException.class, () -> FbJson.parse(over.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void limitsChosenPerParse() {
      FbJson.Limits small = new FbJson.Limits(10, 4);
      assertEquals(List.of(1L, 2L), FbJson.parse("[1,2]", small));
      FormatException tokens = assertThrows(FormatException.class, () -> FbJson.parse("[1,2,3]", small));
      assertTrue(tokens.getMessage().contains("Token count"), tokens.getMessage());
      FormatException size =
          assertThrows(FormatException.class, () -> FbJson.parse("[1,      2]", small));
      assertTrue(size.getMessage().contains("over the limit of 10"), size.getMessage());
      assertThrows(
          FormatException.class,
          () -> FbJson.parse("[1,      2]".getBytes(StandardCharsets.UTF_8), small));
      assertEquals(
          Map.of("a", 1L),
          FbJson.parseObject("\uFEFF{\"a\": 1}".getBytes(StandardCharsets.UTF_8),
              new FbJson.Limits(8, 10)),
          "a byte-order mark does not count");
      // Over the default limits, within bigger ones.
      String big = "[" + "0,".repeat(FbJson.MAX_TOKEN_COUNT) + "0]";
      assertThrows(FormatException.class, () -> FbJson.parse(big));
      FbJson.Limits bigger = new FbJson.Limits(4 << 20, 2_000_000);
      assertEquals(FbJson.MAX_TOKEN_COUNT + 1, ((List<?>) FbJson.parse(big, bigger)).size());
      assertThrows(IllegalArgumentException.class, () -> new FbJson.Limits(0, 1));
      assertThrows(IllegalArgumentException.class, () -> new FbJson.Limits(1, 0));
      assertEquals(
          new FbJson.Limits(FbJson.MAX_DOCUMENT_LENGTH, FbJson.MAX_TOKEN_COUNT),
          FbJson.Limits.DEFAULT);
    }

    @Test
    void checkReadableSeesEveryLimitWithoutBuildingValues() {
      FbJson.Limits limits = new FbJson.Limits(1 << 22, 100);
      FbJson.checkReadable(utf8("{\"a\": [1, \"x\", null]}"), limits);
      FormatException tokens =
          assertThrows(FormatException.class,
              () -> FbJson.checkReadable(utf8("[" + "0,".repeat(100) + "0]"), limits));
      assertTrue(tokens.getMessage().contains("Token count"), tokens.getMessage());
      FormatException deep =
          assertThrows(FormatException.class,
              () -> FbJson.checkReadable(utf8("[".repeat(33) + "]".repeat(33)), limits));
      assertTrue(deep.getMessage().contains("nesting depth"), deep.getMessage());
      String longString = "[\"" + "a".repeat(FbJson.MAX_STRING_LENGTH + 1) + "\"]";
      FormatException string =
          assertThrows(FormatException.class, () -> FbJson.checkReadable(utf8(longString), limits));
      assertTrue(string.getMessage().contains("String value length"), string.getMessage());
      assertThrows(FormatException.class, () -> FbJson.parse(longString, limits));
      assertThrows(FormatException.class,
          () -> FbJson.checkReadable(utf8("x".repeat(20)), new FbJson.Limits(10, 10)));
      assertThrows(FormatException.class, () -> FbJson.checkReadable(utf8("[1,"), limits));
    }

    @Test
    void tokenCount() {
      // [0,0,...] has n + 2 tokens.
      int n = FbJson.MAX_TOKEN_COUNT - 2;
      String ok = "[" + "0,".repeat(n - 1) + "0]";
      assertEquals(n, ((List<?>) FbJson.parse(ok)).size());
      String over = "[" + "0,".repeat(n) + "0]";
      FormatException e = assertThrows(FormatException.class, () -> FbJson.parse(over));
      assertTrue(e.getMessage().contains("Token count"), e.getMessage());
    }

    @Test
    void constraintsAreTheDocumentedOnes() {
      // FbJson.constraints() (a Jackson type) is gone from the API: the applied constraints must
      // be the public constants.
      var c = Parsing.factory(FbJson.Limits.DEFAULT).streamReadConstraints();
      assertEquals(FbJson.MAX_NESTING_DEPTH, c.getMaxNestingDepth());
      assertEquals(32, c.getMaxNestingDepth());
      assertEquals(FbJson.MAX_STRING_LENGTH, c.getMaxStringLength());
      assertEquals(1 << 20, c.getMaxStringLength());
      assertEquals(FbJson.MAX_NAME_LENGTH, c.getMaxNameLength());
      assertEquals(1024, c.getMaxNameLength());
      assertEquals(FbJson.MAX_NUMBER_LENGTH, c.getMaxNumberLength());
      assertEquals(100, c.getMaxNumberLength());
      assertEquals(FbJson.MAX_DOCUMENT_LENGTH, c.getMaxDocumentLength());
      assertEquals(8L << 20, c.getMaxDocumentLength());
      assertEquals(FbJson.MAX_TOKEN_COUNT, c.getMaxTokenCount());
      assertEquals(1_000_000L, c.getMaxTokenCount());
    }
  }

  /** RELIABILITY J3: duplicates are errors with a location, never "last wins". */
  @Nested
  class Duplicates {
    @ParameterizedTest
    @ValueSource(
        strings = {
          "{\"a\": 1, \"a\": 2}",
          "{\"version\": 2, \"prompts\": {\"p\": \"x\", \"p\": \"y\"}}",
          "{\"version\": 2, \"prompts\": {\"p\": {\"value\": \"x\", \"value\": \"y\"}}}",
          "{\"v1_backup\": {\"girl_pos\": \"a\",\n \"girl_pos\": \"b\"}}"
        })
    void areRejectedWithLineAndColumn(String doc) {
      FormatException e = assertThrows(FormatException.class, () -> FbJson.parse(doc));
      assertTrue(e.line() >= 1 && e.column() >= 1, e.getMessage());
      assertTrue(e.reason().contains("Duplicate field"), e.getMessage());
    }
  }

  /** RELIABILITY J4: damaged inputs are typed errors. */
  @Nested
  class DamagedInput {
    @Test
    void emptyAndWhitespaceOnly() {
      assertThrows(FormatException.class, () -> FbJson.parse(""));
      assertThrows(FormatException.class, () -> FbJson.parse(" \n\t "));
      assertThrows(FormatException.class, () -> FbJson.parse(new byte[0]));
    }

    @Test
    void utf8ByteOrderMarkIsAccepted() {
      byte[] doc = "\ufeff{\"a\": \"é\"}".getBytes(StandardCharsets.UTF_8);
      assertEquals(Map.of("a", "é"), FbJson.parse(doc));
    }

    @Test
    void utf16IsRejected() {
      byte[] le = "{\"a\": 1}".getBytes(StandardCharsets.UTF_16LE);
      assertThrows(FormatException.class, () -> FbJson.parse(le));
      byte[] be = "\ufeff{\"a\": 1}".getBytes(StandardCharsets.UTF_16BE);
      assertThrows(FormatException.class, () -> FbJson.parse(be));
    }

    @Test
    void invalidUtf8NamesItsPosition() {
      byte[] doc = "{\n  \"a\": \"xx\"}".getBytes(StandardCharsets.UTF_8);
      doc[9] = (byte) 0xC3; // a lone lead byte inside the string
      doc[10] = (byte) 0x28;
      FormatException e = assertThrows(FormatException.class, () -> FbJson.parse(doc));
      assertEquals(2, e.line());
      assertTrue(e.reason().contains("invalid UTF-8"), e.getMessage());
    }

    @Test
    void nulBytesAndControlCharactersAreRejected() {
      assertThrows(FormatException.class, () -> FbJson.parse("{\"a\": \"x\u0000\"}"));
      assertThrows(FormatException.class, () -> FbJson.parse("{\"a\"\u0000: 1}"));
      assertThrows(FormatException.class, () -> FbJson.parse("{\"a\": \"line\nbreak\"}"));
    }

    @Test
    void unpairedSurrogateEscapesAreRejected() {
      FormatException e =
          assertThrows(FormatException.class, () -> FbJson.parse("{\"a\": \"\\ud800\"}"));
      assertTrue(e.reason().contains("surrogate"), e.getMessage());
      assertThrows(FormatException.class, () -> FbJson.parse("{\"\\udc00\": 1}"));
      assertEquals("\ud83d\ude00", FbJson.parse("\"\\ud83d\\ude00\""));
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "{\"a\": 1} xyz",
          "{\"a\": 1}}",
          "[1] [2]",
          "{\"a\": NaN}",
          "{\"a\": Infinity}",
          "// c\n{}",
          "{'a': 1}",
          "{\"a\": 1,}",
          "[1,]",
          "{a: 1}",
          "[01]",
          "[1e999]",
          "\"\\x41\""
        })
    void nonJsonIsRejected(String doc) {
      assertThrows(FormatException.class, () -> FbJson.parse(doc));
    }

    @Test
    void everyTruncationOfAValidDocumentIsATypedError() {
      StringBuilder sb = new StringBuilder("{\n  \"version\": 2,\n  \"prompts\": {\n");
      int i = 0;
      while (sb.length() < 10_000) {
        sb.append("    \"p").append(i).append("\": {\"value\": \"text é ").append(i);
        sb.append("\", \"tags\": [\"a\", \"b\"], \"n\": ").append(i * 1.5).append("},\n");
        i++;
      }
      sb.append("    \"last\": \"x\"\n  }\n}\n");
      byte[] full = sb.toString().getBytes(StandardCharsets.UTF_8);
      assertTrue(FbJson.parse(full) instanceof Map);
      int lastBrace = sb.lastIndexOf("}");
      int checked = 0;
      for (int cut = 0; cut <= lastBrace; cut++) {
        byte[] part = Arrays.copyOf(full, cut);
        assertThrows(FormatException.class, () -> FbJson.parse(part), "cut at " + cut);
        checked++;
      }
      assertTrue(checked > 10_000);
    }

    @Test
    void messagesDoNotLeakParserInternals() {
      FormatException e = assertThrows(FormatException.class, () -> FbJson.parse("[1"));
      assertFalse(e.getMessage().contains("Source"), e.getMessage());
      assertFalse(e.getMessage().contains("REDACTED"), e.getMessage());
      assertTrue(e.getMessage().contains("start marker at line 1, column 1"), e.getMessage());
    }

    @Test
    void parseObjectRequiresAnObject() {
      FormatException e = assertThrows(FormatException.class, () -> FbJson.parseObject("[1]"));
      assertTrue(e.reason().contains("array"), e.getMessage());
      assertThrows(FormatException.class, () -> FbJson.parseObject("null"));
      assertThrows(FormatException.class, () -> FbJson.parseObject("\"s\""));
      assertFalse(FbJson.parseObject("{}".getBytes(StandardCharsets.UTF_8)).containsKey("x"));
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
