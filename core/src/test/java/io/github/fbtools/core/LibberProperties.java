package io.github.fbtools.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.fbtools.core.json.FormatException;
import io.github.fbtools.core.testing.Gen;
import io.github.fbtools.core.testing.Gens;
import io.github.fbtools.core.testing.LibberCases;
import io.github.fbtools.core.testing.LibberCases.Case;
import io.github.fbtools.core.testing.Pbt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded property tests of {@link Libber} (RELIABILITY.md §3, S5), {@value Pbt#DEFAULT_TRIES}
 * tries each by default ({@code -Dpbt.tries=N} for more). The differential tests against the
 * Python reference's semantics live in fbtools-testkit ({@code LibberReferenceProperties}, with
 * the published oracle {@code ReferenceLibber}): core's tests cannot depend on the kit, which
 * depends on core.
 */
class LibberProperties {
  /** A case and the value of an extra key. */
  record Extra(Case c, String value) {}

  private static final Gen<Case> ANY = LibberCases.ANY;
  private static final String[] KEYS = LibberCases.KEYS;

  private static String text(SplittableRandom r, String delim, int maxTokens, String[] keys) {
    return LibberCases.text(r, delim, maxTokens, keys);
  }

  /** Delimiters that the fast scanner handles, including overlapping and non-BMP ones. */
  private static final Gen<String> ORDINARY_DELIMITER =
      r -> {
        String chars = "%%<>$.|{}( -A😀é\\";
        int[] cps = chars.codePoints().toArray();
        int len = 1 + r.nextInt(3);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
          sb.appendCodePoint(cps[r.nextInt(cps.length)]);
        }
        return sb.toString();
      };

  @Test
  void valuesAreExpandedAsTheyWouldBeAsText() {
    // Substituting %k% equals substituting k's value one level deeper (depth - 1).
    Pbt.forAll(
        "reference = value at depth + 1",
        ANY,
        c -> {
          Libber l = c.libber();
          for (Map.Entry<String, String> e : l.libs().entrySet()) {
            if (!LibberScanner.isMatchableKey(e.getKey()) || l.maxDepth() == 0) {
              continue;
            }
            String d = l.delimiter();
            String direct = l.substitute(d + e.getKey() + d);
            String viaValue = l.withMaxDepth(l.maxDepth() - 1).substitute(e.getValue());
            if (d.isEmpty() || !LibberScanner.isOrdinary(d)) {
              continue; // the token may not be one match on its own (for example "__a__")
            }
            assertEquals(viaValue, direct, e.getKey());
          }
        });
  }

  @Test
  void textWithoutTheDelimiterIsUnchanged() {
    Pbt.forAll(
        "no delimiter -> identity",
        r -> {
          Case c = ANY.next(r);
          String d = c.libber().delimiter().isEmpty() ? "%" : c.libber().delimiter();
          String t = c.text();
          // Remove every char of the delimiter: the text then cannot contain it.
          StringBuilder sb = new StringBuilder();
          t.codePoints().filter(cp -> d.indexOf(cp) < 0).forEach(sb::appendCodePoint);
          return new Case(c.libber().withDelimiter(d), sb.toString());
        },
        c -> assertSame(c.text(), c.libber().substitute(c.text())));
  }

  @Test
  void anUnusedKeyChangesNothing() {
    Pbt.forAll(
        "unused key -> same output",
        r -> new Extra(ANY.next(r), text(r, "%", 4, KEYS)),
        in -> {
          Case c = in.c();
          String value = in.value();
          // "q" is in no generated text, so no reference names "qq".
          Libber more = c.libber().withLib("qq", value);
          assertEquals(c.libber().substitute(c.text()), more.substitute(c.text()));
        });
  }

  @Test
  void substitutionIsDeterministic() {
    Pbt.forAll(
        "same input -> same output",
        ANY,
        c -> {
          String first = c.libber().substitute(c.text());
          Libber copy = Libber.of(c.libber().libs(), c.libber().delimiter(), c.libber().maxDepth());
          assertEquals(first, copy.substitute(c.text()));
          assertEquals(first, c.libber().substitute(c.text()));
        });
  }

  private static List<List<Integer>> matches(LibberScanner s, String text) {
    List<List<Integer>> out = new ArrayList<>();
    LibberScanner.Cursor c = s.cursor(text);
    while (c.next()) {
      out.add(List.of(c.start, c.keyStart, c.keyEnd, c.end));
    }
    return out;
  }

  @Test
  void theFastScannerEqualsTheRegexPath() {
    Pbt.forAll(
        "fast scanner = regex",
        r -> {
          String d = ORDINARY_DELIMITER.next(r);
          String alphabet = d + d + "ab_1 AZ" + (r.nextBoolean() ? "%<" : "");
          return new String[] {d, Gens.strings(alphabet, 0, 40).next(r)};
        },
        in -> {
          String d = in[0];
          String text = in[1];
          assertTrue(LibberScanner.isOrdinary(d), d);
          assertEquals(
              matches(LibberScanner.regex(d), text),
              matches(LibberScanner.forDelimiter(d), text),
              "delimiter \"" + d + "\" text \"" + text + "\"");
        });
  }

  @Test
  void theFastScannerEqualsTheRegexPathOnLibbers() {
    Pbt.forAll(
        "fast engine = regex engine",
        ANY,
        c -> {
          Libber l = c.libber();
          if (!LibberScanner.isOrdinary(l.delimiter())) {
            return;
          }
          LibberEngine regex =
              LibberEngine.compile(l.libs(), LibberScanner.regex(l.delimiter()), l.maxDepth());
          assertEquals(regex.substitute(c.text(), ExpansionLimits.DEFAULT), l.substitute(c.text()));
        });
  }

  private static final Gen<Libber> ANY_LIBBER =
      r -> {
        LinkedHashMap<String, String> libs = new LinkedHashMap<>();
        int n = r.nextInt(6);
        Gen<String> keys = Gens.unicodeStrings(0, 6);
        Gen<String> values = Gens.unicodeStrings(0, 20);
        for (int i = 0; i < n; i++) {
          libs.put(keys.next(r), values.next(r));
        }
        Libber l = Libber.of(libs, Gens.unicodeStrings(1, 3).next(r), r.nextInt(101));
        if (r.nextInt(4) == 0) {
          String extra =
              "{\"libs\": null, \"version\": 2, \"ui\": {\"w\": [1.5, null, \"x\"]}, \"n\": null}";
          Libber withExtra = Libber.fromJson(extra);
          for (Map.Entry<String, String> e : libs.entrySet()) {
            withExtra = withExtra.withLib(e.getKey(), e.getValue());
          }
          l = withExtra.withDelimiter(l.delimiter()).withMaxDepth(l.maxDepth());
        }
        return l;
      };

  @Test
  void jsonRoundTrip() {
    Pbt.forAll(
        "object -> JSON -> equal object; writes byte-identical",
        ANY_LIBBER,
        l -> {
          String json = l.toJson();
          Libber back = Libber.fromJson(json);
          assertEquals(l, back);
          assertEquals(l.hashCode(), back.hashCode());
          assertEquals(json, back.toJson());
          assertEquals(json, l.toJson());
          assertEquals(l.keys(), back.keys());
        });
  }

  @Test
  void anyStringGivenToFromJsonIsALibberOrAFormatException() {
    String valid =
        "{\"libs\": {\"a\": \"A %b%\", \"b\": \"B\"}, \"lib_dict\": null,"
            + " \"delimiter\": \"%\", \"max_depth\": 10, \"x\": [1, {\"y\": null}]}";
    String noise = "{}[]\":,0123456789.-+eEtrufalsn \\/%ab\u00e9😀\n";
    Pbt.forAll(
        "fromJson(any) -> Libber | FormatException",
        r -> {
          switch (r.nextInt(3)) {
            case 0:
              return Gens.unicodeStrings(0, 40).next(r);
            case 1:
              return Gens.strings(noise, 0, 60).next(r);
            default:
              StringBuilder sb = new StringBuilder(valid);
              int edits = 1 + r.nextInt(4);
              for (int i = 0; i < edits && sb.length() > 0; i++) {
                int at = r.nextInt(sb.length());
                switch (r.nextInt(3)) {
                  case 0:
                    sb.deleteCharAt(at);
                    break;
                  case 1:
                    sb.insert(at, noise.charAt(r.nextInt(noise.length())));
                    break;
                  default:
                    sb.setCharAt(at, noise.charAt(r.nextInt(noise.length())));
                }
              }
              return sb.toString();
          }
        },
        s -> {
          Libber l;
          try {
            l = Libber.fromJson(s);
          } catch (FormatException e) {
            assertTrue(e.getMessage() != null && !e.reason().isEmpty());
            return;
          } catch (RuntimeException e) {
            fail("not a FormatException: " + e, e);
            return;
          }
          assertEquals(l, Libber.fromJson(l.toJson()));
        });
  }
}
