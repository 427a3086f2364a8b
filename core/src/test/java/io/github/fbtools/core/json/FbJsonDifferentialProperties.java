package io.github.fbtools.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.github.fbtools.core.testing.Differential.sameError;
import static io.github.fbtools.core.testing.Differential.sameOutcome;
import static io.github.fbtools.core.testing.Differential.sameValue;

import io.github.fbtools.core.testing.Differential.Outcome;
import io.github.fbtools.core.testing.Gen;
import io.github.fbtools.core.testing.JsonMutator;
import io.github.fbtools.core.testing.ModelGens;
import io.github.fbtools.core.testing.Pbt;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The faster {@link FbJson} (issue 15) against {@link ReferenceFbJson}, the code it replaced: on
 * random documents and random damage to them, both give the same value (same Java types, same key
 * order) or the same error (same message, line, column and path); both write the same text or
 * throw the same message; and the fast byte path never accepts what the reference refuses.
 */
class FbJsonDifferentialProperties {

  /** Strings that exercise escapes: quotes, backslashes, controls, surrogate pairs, non-ASCII. */
  static final Gen<String> TRICKY_TEXT =
      r -> {
        String[] parts = {
          "a", "Z", " ", "\"", "\\", "/", "\n", "\r", "\t", "\b", "\f", "\u0001", "\u001f", "\u007f",
          "\u00e9", "\u00ff", "\u0100", "\u4e2d", "\ud83d\ude00", "\ufeff", "\uffff", "%k%", "~1",
          "ab cd ef gh ij kl mn op"
        };
        StringBuilder sb = new StringBuilder();
        for (int i = r.nextInt(12); i > 0; i--) {
          sb.append(parts[r.nextInt(parts.length)]);
        }
        return sb.toString();
      };

  /** A random JSON value: the model generator's, with tricky strings and numbers mixed in. */
  static Object jsonValue(SplittableRandom r, int depth) {
    switch (r.nextInt(depth > 3 ? 6 : 9)) {
      case 0:
        return TRICKY_TEXT.next(r);
      case 1:
        return r.nextBoolean()
            ? (Object) r.nextLong()
            : new BigInteger(70 + r.nextInt(60), new java.util.Random(r.nextLong())).negate();
      case 2:
        return pick(r);
      case 3:
      case 4:
      case 5:
        return ModelGens.jsonValue(r, Math.max(depth, 3));
      case 6:
        {
          List<Object> list = new ArrayList<>();
          for (int i = r.nextInt(5); i > 0; i--) {
            list.add(jsonValue(r, depth + 1));
          }
          return list;
        }
      default:
        {
          Map<String, Object> map = new LinkedHashMap<>();
          for (int i = r.nextInt(12); i > 0; i--) {
            map.put(r.nextBoolean() ? TRICKY_TEXT.next(r) : ModelGens.TEXT.next(r), jsonValue(r, depth + 1));
          }
          return map;
        }
    }
  }

  private static double pick(SplittableRandom r) {
    double[] specials = {0.0, -0.0, 1.0, -2.5, 1e-5, 1e16, 1e15, 5e-324, Double.MAX_VALUE, 0.1};
    double d = r.nextBoolean() ? specials[r.nextInt(specials.length)] : Double.longBitsToDouble(r.nextLong());
    return Double.isFinite(d) ? d : 1.5;
  }

  /** Documents: valid ones in several layouts, and damaged ones. */
  static final Gen<byte[]> DOCUMENTS =
      r -> {
        Object value = jsonValue(r, 0);
        String text;
        switch (r.nextInt(4)) {
          case 0:
            text = ReferenceFbJson.writeCompact(value);
            break;
          case 1:
            text = asciiEscaped(ReferenceFbJson.write(value));
            break;
          default:
            text = ReferenceFbJson.write(value);
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (r.nextInt(10) == 0) {
          byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
          byte[] with = new byte[bytes.length + 3];
          System.arraycopy(bom, 0, with, 0, 3);
          System.arraycopy(bytes, 0, with, 3, bytes.length);
          bytes = with;
        }
        return r.nextInt(10) < 6 ? JsonMutator.mutate(r, bytes) : bytes;
      };

  /** Rewrites non-ASCII characters as backslash-u escapes, as Python's default ensure_ascii. */
  static String asciiEscaped(String json) {
    StringBuilder sb = new StringBuilder(json.length());
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c < 0x80) {
        sb.append(c);
      } else {
        sb.append(String.format("\\u%04x", (int) c));
      }
    }
    return sb.toString();
  }

  @Test
  void bytesParseAsTheReferenceParsesThem() {
    Pbt.forAll(
        "FbJson.parse(byte[]) = reference",
        DOCUMENTS,
        b -> {
          Outcome expected = Outcome.of(() -> ReferenceFbJson.parse(b));
          sameOutcome(expected, Outcome.of(() -> FbJson.parse(b)));
          sameOutcome(
              Outcome.of(() -> ReferenceFbJson.parseObject(b)),
              Outcome.of(() -> FbJson.parseObject(b)));
          Object fast = Parsing.parseFast(b, FbJson.Limits.DEFAULT);
          if (fast != Parsing.FAILED) {
            assertTrue(expected.error() == null, "the fast path accepted what the reference refuses");
            sameValue(expected.value(), fast, "");
          }
          sameOutcome(
              Outcome.of(() -> ReferenceFbJson.decodeUtf8(b)),
              Outcome.of(() -> FbJson.decodeUtf8(b)));
        });
  }

  @Test
  void theFastPathReadsEveryValidDocumentItself() {
    Pbt.forAll(
        "valid documents take the fast path",
        r -> {
          Object value = jsonValue(r, 0);
          String text =
              r.nextBoolean() ? ReferenceFbJson.write(value) : ReferenceFbJson.writeCompact(value);
          return (r.nextBoolean() ? asciiEscaped(text) : text).getBytes(StandardCharsets.UTF_8);
        },
        b -> {
          Object fast = Parsing.parseFast(b, FbJson.Limits.DEFAULT);
          assertTrue(fast != Parsing.FAILED, "the fast path gave up on a valid document");
          sameValue(ReferenceFbJson.parse(b), fast, "");
          String text = new String(b, StandardCharsets.UTF_8);
          if (text.chars().allMatch(c -> c <= 0xFF)) {
            Object fastText = Parsing.parseFastText(text, FbJson.Limits.DEFAULT);
            assertTrue(fastText != Parsing.FAILED, "the fast path gave up on a valid text");
            sameValue(ReferenceFbJson.parse(text), fastText, "");
          }
        });
  }

  /** Bytes that matter to JSON's grammar and to UTF-8, for short documents built from them. */
  private static final byte[] GRAMMAR = {
    '{', '}', '[', ']', '"', ':', ',', ' ', '\n', '\\', 'u', 'n', 't', 'f', 'e', 'E', '+', '-',
    '.', '0', '1', '9', 'a', 'D', 0x00, 0x1f, 0x7f, (byte) 0xc3, (byte) 0xa9, (byte) 0xed,
    (byte) 0xef, (byte) 0xbb, (byte) 0xbf
  };

  /** Every document of up to three grammar bytes: the fast path never accepts more. */
  @Test
  void everyShortDocumentParsesAsTheReferenceParsesIt() {
    int n = GRAMMAR.length;
    int checked = 0;
    for (int len = 0; len <= 3; len++) {
      int count = (int) Math.pow(n, len);
      for (int code = 0; code < count; code++) {
        byte[] b = new byte[len];
        for (int i = 0, c = code; i < len; i++, c /= n) {
          b[i] = GRAMMAR[c % n];
        }
        compareBytes(b);
        checked++;
      }
    }
    assertTrue(checked > 35_000, "checked " + checked);
  }

  /** Longer documents from grammar bytes and number and literal fragments. */
  @Test
  void grammarSoupParsesAsTheReferenceParsesIt() {
    String[] pieces = {
      "{", "}", "[", "]", "\"", ":", ",", " ", "\t", "\r\n", "\\", "\\u", "00e9", "d83d", "de00",
      "DBFF", "dfff", "0041", "true", "false", "null", "tru", "0", "-", "1", "12", "01", "-0", ".",
      ".5", "e", "E+", "e-", "1e400", "9223372036854775808", "-9223372036854775808", "a", "\"a\"",
      "\"k\":", "\u00e9", "\u4e2d", "\ud83d\ude00", "\ufeff", "\u0000", "\u007f", "/", "b", "x"
    };
    Pbt.forAll(
        "grammar soup = reference",
        r -> {
          StringBuilder sb = new StringBuilder();
          for (int i = 1 + r.nextInt(12); i > 0; i--) {
            sb.append(pieces[r.nextInt(pieces.length)]);
          }
          return sb.toString().getBytes(StandardCharsets.UTF_8);
        },
        FbJsonDifferentialProperties::compareBytes);
  }

  private static void compareBytes(byte[] b) {
    Outcome expected = Outcome.of(() -> ReferenceFbJson.parse(b));
    sameOutcome(expected, Outcome.of(() -> FbJson.parse(b)));
    Object fast = Parsing.parseFast(b, FbJson.Limits.DEFAULT);
    if (fast != Parsing.FAILED) {
      assertTrue(expected.error() == null, "the fast path accepted what the reference refuses");
      sameValue(expected.value(), fast, "");
    }
    // The same bytes read as Latin-1 text (one char per byte): the fast text path.
    compareText(new String(b, StandardCharsets.ISO_8859_1));
  }

  private static void compareText(String s) {
    Outcome expected = Outcome.of(() -> ReferenceFbJson.parse(s));
    sameOutcome(expected, Outcome.of(() -> FbJson.parse(s)));
    Object fast = Parsing.parseFastText(s, FbJson.Limits.DEFAULT);
    if (fast != Parsing.FAILED) {
      assertTrue(expected.error() == null, "the fast path accepted what the reference refuses");
      sameValue(expected.value(), fast, "");
    }
  }

  @Test
  void theLatin1TextPathNeverReadsAWiderCharAsTheQuestionMarkItsCopyHolds() {
    // text.getBytes(ISO_8859_1) turns U+4E2D into '?'.
    assertSame(Parsing.FAILED, Parsing.parseFastText("[\"\u4e2d\"]", FbJson.Limits.DEFAULT));
    assertSame(Parsing.FAILED, Parsing.parseFastText("{\"k\u4e2d\": 1}", FbJson.Limits.DEFAULT));
    assertSame(Parsing.FAILED, Parsing.parseFastText("[\"a\ud800\"]", FbJson.Limits.DEFAULT));
    assertEquals(List.of("\u4e2d"), FbJson.parse("[\"\u4e2d\"]"));
    assertEquals(List.of("?", "\u00e9?"), Parsing.parseFastText("[\"?\", \"\u00e9?\"]", FbJson.Limits.DEFAULT));
    assertEquals(Map.of("?", 1L), Parsing.parseFastText("{\"?\": 1}", FbJson.Limits.DEFAULT));
  }

  /** Small limits, so that documents meet them: the fast path gives up before either is reached. */
  @Test
  void sizeLimitsAreTheReferences() {
    Pbt.forAll(
        "FbJson limits = reference",
        r -> new Object[] {DOCUMENTS.next(r), new FbJson.Limits(1 + r.nextInt(400), 1 + r.nextInt(60))},
        in -> {
          byte[] b = (byte[]) in[0];
          FbJson.Limits limits = (FbJson.Limits) in[1];
          Outcome expected = Outcome.of(() -> ReferenceFbJson.parse(b, limits));
          sameOutcome(expected, Outcome.of(() -> FbJson.parse(b, limits)));
          Object fast = Parsing.parseFast(b, limits);
          if (fast != Parsing.FAILED) {
            assertTrue(expected.error() == null, "the fast path accepted what the reference refuses");
          }
          String text = new String(b, StandardCharsets.ISO_8859_1);
          Outcome expectedText = Outcome.of(() -> ReferenceFbJson.parse(text, limits));
          sameOutcome(expectedText, Outcome.of(() -> FbJson.parse(text, limits)));
          sameOutcome(
              Outcome.of(() -> ReferenceFbJson.decodeUtf8(b, limits)),
              Outcome.of(() -> FbJson.decodeUtf8(b, limits)));
          Outcome readable = Outcome.of(() -> {
            FbJson.checkReadable(b, limits);
            return "readable";
          });
          Outcome refReadable = Outcome.of(() -> {
            ReferenceFbJson.checkReadable(b, limits);
            return "readable";
          });
          sameOutcome(refReadable, readable);
        });
  }

  @Test
  void textParsesAsTheReferenceParsesIt() {
    Gen<String> texts =
        r -> {
          String s = new String(DOCUMENTS.next(r), StandardCharsets.UTF_8);
          if (r.nextInt(8) == 0 && !s.isEmpty()) {
            // Raw lone surrogates can only come in through a String.
            int at = r.nextInt(s.length());
            s = s.substring(0, at) + (r.nextBoolean() ? '\ud800' : '\udc00') + s.substring(at);
          }
          return s;
        };
    Pbt.forAll(
        "FbJson.parse(String) = reference",
        texts,
        s -> {
          compareText(s);
          sameOutcome(
              Outcome.of(() -> ReferenceFbJson.parseObject(s)),
              Outcome.of(() -> FbJson.parseObject(s)));
        });
  }

  /** Java structures, some of which are not JSON (for the writers' and the copy's errors). */
  static Object javaValue(SplittableRandom r, int depth) {
    switch (r.nextInt(depth > 3 ? 9 : 13)) {
      case 0:
        return Float.intBitsToFloat(r.nextInt());
      case 1:
        return r.nextBoolean() ? (Object) Double.NaN : Double.NEGATIVE_INFINITY;
      case 2:
        return new BigDecimal(r.nextLong()).movePointLeft(r.nextInt(10));
      case 3:
        return r.nextBoolean() ? (Object) (short) r.nextInt() : (Object) (byte) r.nextInt();
      case 4:
        return new AtomicInteger(r.nextInt());
      case 5:
        return r.nextInt(20) == 0 ? new Object() : (Object) r.nextInt();
      case 6:
        return r.nextInt(10) == 0 ? "lone \ud800 surrogate" : TRICKY_TEXT.next(r);
      case 7:
      case 8:
        return jsonValue(r, 3);
      case 9:
        {
          List<Object> list = new ArrayList<>();
          for (int i = r.nextInt(4); i > 0; i--) {
            list.add(javaValue(r, depth + 1));
          }
          return list;
        }
      case 10:
        {
          LinkedHashSet<Object> set = new LinkedHashSet<>();
          for (int i = r.nextInt(3); i > 0; i--) {
            set.add(javaValue(r, depth + 1));
          }
          return set;
        }
      default:
        {
          Map<Object, Object> map = new LinkedHashMap<>();
          for (int i = r.nextInt(5); i > 0; i--) {
            Object key = r.nextInt(25) == 0 ? (Object) 7 : TRICKY_TEXT.next(r);
            map.put(key, javaValue(r, depth + 1));
          }
          return map;
        }
    }
  }

  @Test
  void writersWriteAsTheReferenceWrites() {
    Gen<Object> values =
        r -> {
          Object v = r.nextBoolean() ? jsonValue(r, 0) : javaValue(r, 0);
          // Also values the new code built itself (JsonObject, JsonArray), when it can.
          if (r.nextBoolean()) {
            try {
              v = FbJson.immutableCopy(v);
            } catch (IllegalArgumentException notJson) {
              // keep the original
            }
          }
          return v;
        };
    Pbt.forAll(
        "FbJson writers = reference",
        values,
        v -> {
          sameOutcome(
              Outcome.of(() -> ReferenceFbJson.write(v)), Outcome.of(() -> FbJson.write(v)));
          sameOutcome(
              Outcome.of(() -> ReferenceFbJson.writeCompact(v)),
              Outcome.of(() -> FbJson.writeCompact(v)));
          Outcome bytes = Outcome.of(() -> FbJson.writeBytes(v));
          Outcome refBytes = Outcome.of(() -> ReferenceFbJson.writeBytes(v));
          if (bytes.error() == null && refBytes.error() == null) {
            assertEquals(
                new String((byte[]) refBytes.value(), StandardCharsets.UTF_8),
                new String((byte[]) bytes.value(), StandardCharsets.UTF_8));
            assertTrue(java.util.Arrays.equals((byte[]) refBytes.value(), (byte[]) bytes.value()));
          } else {
            sameError(refBytes.error(), bytes.error());
          }
        });
  }

  @Test
  void immutableCopyCopiesAsTheReferenceDidAndNeverTwice() {
    Pbt.forAll(
        "FbJson.immutableCopy = reference",
        r -> javaValue(r, 0),
        v -> {
          Outcome expected = Outcome.of(() -> ReferenceFbJson.immutableCopy(v));
          Outcome actual = Outcome.of(() -> FbJson.immutableCopy(v));
          sameOutcome(expected, actual);
          if (actual.error() == null && actual.value() != null) {
            assertSame(actual.value(), FbJson.immutableCopy(actual.value()), "copied twice");
            assertEquals(expected.value(), actual.value());
            assertEquals(Objects.hashCode(expected.value()), Objects.hashCode(actual.value()));
            assertEquals(String.valueOf(expected.value()), String.valueOf(actual.value()));
            if (actual.value() instanceof Map) {
              @SuppressWarnings("unchecked")
              Map<String, Object> m = (Map<String, Object>) actual.value();
              assertThrows(UnsupportedOperationException.class, () -> m.put("x", 1));
              assertThrows(UnsupportedOperationException.class, m::clear);
              if (!m.isEmpty()) {
                Iterator<Map.Entry<String, Object>> it = m.entrySet().iterator();
                Map.Entry<String, Object> first = it.next();
                assertThrows(UnsupportedOperationException.class, () -> first.setValue(1));
                assertThrows(UnsupportedOperationException.class, it::remove);
              }
            }
            if (actual.value() instanceof List) {
              @SuppressWarnings("unchecked")
              List<Object> l = (List<Object>) actual.value();
              assertThrows(UnsupportedOperationException.class, () -> l.add(1));
              assertThrows(UnsupportedOperationException.class, l::clear);
            }
          }
        });
  }

  @Test
  void pythonFloatReprIsTheReferences() {
    Pbt.forAll(
        "Python float repr = reference",
        r -> {
          switch (r.nextInt(4)) {
            case 0:
              return (double) (r.nextLong() >> r.nextInt(64));
            case 1:
              return Math.pow(10, r.nextInt(-330, 330)) * (r.nextBoolean() ? 1 : -1);
            case 2:
              return r.nextInt(1_000_000) / 64.0;
            default:
              return Double.longBitsToDouble(r.nextLong());
          }
        },
        d -> {
          if (Double.isFinite(d)) {
            assertEquals(ReferenceFbJson.pythonFloatRepr(d, ""), FbJson.pythonFloatRepr(d, ""));
          } else {
            sameOutcome(
                Outcome.of(() -> ReferenceFbJson.pythonFloatRepr(d, "/x")),
                Outcome.of(() -> FbJson.pythonFloatRepr(d, "/x")));
          }
        });
  }

  @Test
  void utf8ScanAgreesWithTheJdkDecoder() {
    Gen<byte[]> bytes =
        r -> {
          StringBuilder sb = new StringBuilder();
          for (int i = r.nextInt(40); i > 0; i--) {
            int kind = r.nextInt(6);
            sb.appendCodePoint(
                kind == 0
                    ? r.nextInt(0x80)
                    : kind == 1
                        ? 0x80 + r.nextInt(0x780)
                        : kind == 2
                            ? 0x800 + r.nextInt(0xD000)
                            : kind == 3 ? 0x10000 + r.nextInt(0x100000) : kind == 4 ? '\\' : 'u');
          }
          byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
          return r.nextBoolean() ? JsonMutator.mutate(r, b) : b;
        };
    Pbt.forAll(
        "Utf8.isValid = JDK decoder",
        bytes,
        b -> {
          int from = b.length > 0 && b[0] == 'u' ? 1 : 0;
          boolean jdkValid;
          try {
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(b, from, b.length - from));
            jdkValid = true;
          } catch (CharacterCodingException e) {
            jdkValid = false;
          }
          assertEquals(jdkValid, Utf8.isValid(b, from), "validity");
        });
  }

}
