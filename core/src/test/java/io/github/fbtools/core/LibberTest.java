package io.github.fbtools.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.json.FormatException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Example-based tests of {@link Libber}, with the edge cases of REFERENCE.md §2.1-2.2. */
class LibberTest {

  private static Map<String, String> map(String... kv) {
    LinkedHashMap<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  /** k0 → k1 → … → k{hops-1} → "END". */
  private static Libber chain(int hops, int maxDepth) {
    LinkedHashMap<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < hops - 1; i++) {
      m.put("k" + i, "%k" + (i + 1) + "%");
    }
    m.put("k" + (hops - 1), "END");
    return Libber.of(m, "%", maxDepth);
  }

  private static String sub(Libber l, String text) {
    return l.substitute(text);
  }

  @Test
  void javadocExample() {
    Libber libber = Libber.empty().withLib("Hair", "long %color% hair").withLib("color", "red");
    assertEquals("a woman with long red hair", libber.substitute("a woman with %hair%"));
    assertEquals(libber, Libber.fromJson(libber.toJson()));
  }

  @Nested
  class Construction {
    @Test
    void emptyHasDefaults() {
      Libber e = Libber.empty();
      assertTrue(e.libs().isEmpty());
      assertTrue(e.keys().isEmpty());
      assertEquals("%", e.delimiter());
      assertEquals(10, e.maxDepth());
      assertTrue(e.extraFields().isEmpty());
      assertSame(e, Libber.empty());
      assertEquals("%a%", e.substitute("%a%"));
    }

    @Test
    void ofUsesDefaults() {
      Libber l = Libber.of(map("a", "A"));
      assertEquals("%", l.delimiter());
      assertEquals(Libber.DEFAULT_MAX_DEPTH, l.maxDepth());
      assertEquals(Libber.of(map("a", "A"), "%", 10), l);
    }

    @Test
    void ofKeepsKeysExactlyAndInOrder() {
      Libber l = Libber.of(map("Foo", "F", "b", "B", "a-b", "D", "", "E"));
      assertEquals(List.of("Foo", "b", "a-b", ""), new ArrayList<>(l.libs().keySet()));
      assertEquals(List.of("", "Foo", "a-b", "b"), l.keys());
      // An upper-case constructor key is listed but never matches and is unreachable by lib().
      assertEquals("%Foo%", l.substitute("%Foo%"));
      assertEquals(Optional.empty(), l.lib("Foo"));
      assertSame(l, l.withoutLib("Foo"));
    }

    @Test
    void ofCopiesTheMap() {
      Map<String, String> m = new HashMap<>(map("a", "A"));
      Libber l = Libber.of(m);
      m.put("a", "changed");
      assertEquals("A", l.substitute("%a%"));
      assertThrows(UnsupportedOperationException.class, () -> l.libs().put("b", "B"));
      assertThrows(UnsupportedOperationException.class, () -> l.keys().add("b"));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 101, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void maxDepthOutsideRangeIsRejectedNamingTheValue(int depth) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Libber.of(map(), "%", depth));
      assertEquals("maxDepth must be in 0..100: " + depth, e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> Libber.empty().withMaxDepth(depth));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 10, 100})
    void maxDepthInRangeIsAccepted(int depth) {
      assertEquals(depth, Libber.of(map(), "%", depth).maxDepth());
    }

    @Test
    void nullsAreRejected() {
      Map<String, String> nullValue = new HashMap<>();
      nullValue.put("a", null);
      NullPointerException e =
          assertThrows(NullPointerException.class, () -> Libber.of(nullValue));
      assertTrue(e.getMessage().contains("\"a\""), e.getMessage());
      Map<String, String> nullKey = new HashMap<>();
      nullKey.put(null, "x");
      assertThrows(NullPointerException.class, () -> Libber.of(nullKey));
      assertThrows(NullPointerException.class, () -> Libber.of(map(), null, 10));
      assertThrows(NullPointerException.class, () -> Libber.empty().withLib("a", null));
      assertThrows(NullPointerException.class, () -> Libber.empty().substitute(null));
      assertThrows(NullPointerException.class, () -> Libber.empty().substitute("x", null));
    }

    @Test
    void unpairedSurrogatesAreRejectedBecauseTheyCannotBeWritten() {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Libber.of(map("a", "x\ud800")));
      assertEquals("value of key \"a\" has an unpaired surrogate \\ud800 at index 1", e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> Libber.of(map("\udc00", "x")));
      assertThrows(IllegalArgumentException.class, () -> Libber.of(map(), "\ude00", 10));
      assertThrows(IllegalArgumentException.class, () -> Libber.empty().withDelimiter("%\ud83d"));
      assertThrows(IllegalArgumentException.class, () -> Libber.empty().withLib("a", "\udfff"));
      // A proper pair is fine.
      assertEquals("\ud83d\ude00", Libber.of(map("a", "\ud83d\ude00")).substitute("%a%"));
    }
  }

  @Nested
  class Keys {
    @Test
    void normalizeKey() {
      assertEquals("foo_bar_x", Libber.normalizeKey("Foo Bar-x"));
      assertEquals("a\tb", Libber.normalizeKey("A\tB"));
      assertEquals("i\u0307", Libber.normalizeKey("\u0130"));
      assertEquals(2, Libber.normalizeKey("\u0130").codePointCount(0, 2));
      assertEquals("σας", Libber.normalizeKey("ΣΑΣ"));
      assertEquals("", Libber.normalizeKey(""));
    }

    @Test
    void keysAreInCodePointOrderNotUtf16Order() {
      String emoji = new String(Character.toChars(0x1F600));
      String fullwidthA = "\uFF21";
      Libber l = Libber.of(map(emoji, "e", fullwidthA, "f", "b", "B", "B", "upper", "a", "A"));
      assertEquals(List.of("B", "a", "b", fullwidthA, emoji), l.keys());
      // String.compareTo would put the emoji (a surrogate pair) first of the two.
      assertTrue(emoji.compareTo(fullwidthA) < 0);
    }

    @Test
    void withLibNormalisesOverwritesInPlaceAndAppendsNewKeys() {
      Libber l = Libber.of(map("a", "A", "b", "B"));
      Libber l2 = l.withLib("A", "AA");
      assertEquals(List.of("a", "b"), new ArrayList<>(l2.libs().keySet()));
      assertEquals(Optional.of("AA"), l2.lib("a"));
      Libber l3 = l2.withLib("Foo Bar-x", "F");
      assertEquals(List.of("a", "b", "foo_bar_x"), new ArrayList<>(l3.libs().keySet()));
      assertEquals("F", l3.substitute("%foo_bar_x%"));
      assertEquals(Optional.of("F"), l3.lib("FOO-BAR x"));
      // The original is unchanged.
      assertEquals(Optional.of("A"), l.lib("a"));
      assertEquals(2, l.libs().size());
    }

    @Test
    void fooVariantsCollapseToOneKey() {
      Libber l = Libber.empty().withLib("Foo", "1").withLib("FOO", "2").withLib("foo", "3");
      assertEquals(List.of("foo"), l.keys());
      assertEquals("3", l.substitute("%foo%"));
    }

    @Test
    void withLibOfTheSameValueReturnsThisInstance() {
      Libber l = Libber.of(map("a", "A"));
      assertSame(l, l.withLib("A", "A"));
      assertNotSame(l, l.withLib("a", "B"));
    }

    @Test
    void withoutLibReturnsThisInstanceWhenNothingIsRemoved() {
      Libber l = Libber.of(map("a", "A", "b_c", "B"));
      assertSame(l, l.withoutLib("zz"));
      Libber removed = l.withoutLib("B-C");
      assertNotSame(l, removed);
      assertEquals(List.of("a"), removed.keys());
      assertEquals("%b_c%", removed.substitute("%b_c%"));
      assertEquals(Libber.of(map("a", "A")), removed);
    }

    @Test
    void libNormalisesTheKey() {
      Libber l = Libber.empty().withLib("hair color", "red");
      assertEquals(Optional.of("red"), l.lib("Hair Color"));
      assertEquals(Optional.of("red"), l.lib("hair-color"));
      assertEquals(Optional.empty(), l.lib("hair"));
    }

    @Test
    void unicodeKeyThroughWithLibIsStoredLowerCase() {
      Libber l = Libber.empty().withLib("İstanbul", "city");
      assertEquals(List.of("i\u0307stanbul"), l.keys());
      assertEquals(Optional.of("city"), l.lib("İSTANBUL"));
      // Not in [a-z0-9_]: never substituted.
      assertEquals("%i\u0307stanbul%", l.substitute("%i\u0307stanbul%"));
    }
  }

  @Nested
  class Depth {
    @ParameterizedTest
    @CsvSource({"9, END", "10, END", "11, %k10%"})
    void chainsAtDefaultDepth(int hops, String expected) {
      assertEquals(expected, sub(chain(hops, 10), "%k0%"));
    }

    @Test
    void depthZeroSubstitutesNothing() {
      Libber l = Libber.of(map("a", "A"), "%", 0);
      assertSame("%a%", l.substitute("%a%"));
    }

    @Test
    void depthOneInsertsRawValues() {
      Libber l = Libber.of(map("a", "A %b%", "b", "B"), "%", 1);
      assertEquals("A %b% B", sub(l, "%a% %b%"));
    }

    @Test
    void depthHundredResolvesAHundredHopsButNotMore() {
      assertEquals("END", sub(chain(100, 100), "%k0%"));
      assertEquals("%k100%", sub(chain(101, 100), "%k0%"));
    }

    @Test
    void depthIsCountedPerBranch() {
      Libber l = Libber.of(map("a", "%b% %c%", "b", "%c%", "c", "C"), "%", 2);
      assertEquals("%c% C", sub(l, "%a%"));
    }

    @Test
    void selfCycleEndsAsTheLiteralReference() {
      assertEquals("%a%", sub(Libber.of(map("a", "%a%")), "%a%"));
      assertEquals("xxxxxxxxxx%a%", sub(Libber.of(map("a", "x%a%")), "%a%"));
    }

    @Test
    void twoCycle() {
      Libber l = Libber.of(map("a", "%b%", "b", "%a%"), "%", 5);
      assertEquals("%b%", sub(l, "%a%"));
      assertEquals("%a%", sub(l.withMaxDepth(4), "%a%"));
    }

    @Test
    void threeCycleFromThePerformanceAnchors() {
      Libber l = Libber.of(map("a", "A %b%", "b", "B %c%", "c", "C %a%"));
      assertEquals("x A B C A B C A B C A %b% y", sub(l, "x %a% y"));
    }

    @Test
    void fiftyCycle() {
      LinkedHashMap<String, String> m = new LinkedHashMap<>();
      for (int i = 0; i < 50; i++) {
        m.put("k" + i, "%k" + ((i + 1) % 50) + "%");
      }
      assertEquals("%k10%", sub(Libber.of(m), "%k0%"));
      assertEquals("%k7%", sub(Libber.of(m, "%", 57), "%k0%"));
    }

    @Test
    void cycleReachableFromOneBranchOnly() {
      Libber l = Libber.of(map("a", "%b% and %c%", "b", "B", "c", "%d%", "d", "%c%"));
      assertEquals("B and %d%", sub(l, "%a%"));
      assertEquals("B", sub(l, "%b%"));
    }

    @Test
    void doublingWithinLimitsMatchesTheReference() {
      Libber l = Libber.of(map("a", "%a%%a%"));
      String out = sub(l, "%a%");
      assertEquals(3072, out.length());
      assertEquals("%a%".repeat(1024), out);
    }
  }

  @Nested
  class Matching {
    @Test
    void unknownKeysConsumeTheirDelimiters() {
      Libber l = Libber.of(map("a", "A", "b", "B"));
      assertEquals("Ab%", sub(l, "%a%b%"));
      assertEquals("%A%", sub(l, "%%a%%"));
      assertEquals("%x%b%", sub(l, "%x%b%"));
      assertEquals("%x%B", sub(l, "%x%%b%"));
      assertEquals("50% off A 20% more", sub(l, "50% off %a% 20% more"));
      assertEquals("%%", sub(l, "%%"));
      assertEquals("%", sub(l, "%"));
      assertEquals("", sub(l, ""));
    }

    @Test
    void noRescanAcrossReplacementBoundaries() {
      Libber l = Libber.of(map("a", "%", "b", "b%", "c", "C"));
      assertEquals("%c%", sub(l, "%a%c%"));
      assertEquals("b%c%", sub(l, "%b%c%"));
    }

    @Test
    void valuesAreInsertedLiterally() {
      Libber l = Libber.of(map("a", "$1 \\1 ${x} \\g<0> $0"));
      assertEquals("[$1 \\1 ${x} \\g<0> $0]", sub(l, "[%a%]"));
      assertEquals("$A", sub(Libber.of(map("a", "A")), "$%a%"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"%Foo%", "%a-b%", "%a b%", "%café%", "%a\nb%", "%A%", "%ａ%", "%%"})
    void referencesOutsideTheKeyClassAreNeverSubstituted(String ref) {
      String key = ref.substring(1, ref.length() - 1);
      Libber l = Libber.of(map(key, "VALUE", "a", "A"));
      assertEquals(ref, sub(l, ref));
    }

    @Test
    void digitsAndUnderscoresAreKeyChars() {
      Libber l = Libber.of(map("k_1", "one", "_", "U", "9", "nine"));
      assertEquals("one U nine", sub(l, "%k_1% %_% %9%"));
    }

    /**
     * Issue 10 item 12: the reference accepts an empty delimiter, which makes every run of key
     * characters a reference ({@code a} becomes {@code b} everywhere); it is refused, in code and
     * in files.
     */
    /**
     * Issue 10 item 13: the keys whose lone reference substitution would refuse, found without
     * building anything, exactly at the limits' edge.
     */
    @Test
    void keysOverLimitsAreTheOnesSubstitutionRefuses() {
      Map<String, String> libs = new LinkedHashMap<>();
      for (int i = 0; i < 12; i++) {
        libs.put("k" + i, "%k" + (i + 1) + "% %k" + (i + 1) + "%");
      }
      libs.put("k12", "x");
      libs.put("Upper", "%k0%");
      Libber l = Libber.of(libs, "%", 100);
      ExpansionLimits limits = new ExpansionLimits(1023, 1_000_000); // k3 is 1023 chars
      assertEquals(List.of("k0", "k1", "k2"), List.copyOf(l.keysOverLimits(limits).keySet()));
      for (int i = 0; i <= 12; i++) {
        String ref = "%k" + i + "%";
        boolean refused = l.keysOverLimits(limits).containsKey("k" + i);
        if (refused) {
          assertThrows(LibberExpansionException.class, () -> l.substitute(ref, limits));
        } else {
          assertTrue(l.substitute(ref, limits).length() <= 1023);
        }
      }
      assertTrue(l.keysOverLimits(limits).get("k0").contains("k0"), l.keysOverLimits(limits).toString());
      assertEquals(Map.of(), l.keysOverLimits(ExpansionLimits.DEFAULT));
      // steps: a chain of 5 keys takes 6 steps from its first key (one top-level, five states)
      Libber chain = Libber.of(map("a", "%b%", "b", "%c%", "c", "%d%", "d", "%e%", "e", "."));
      assertEquals(List.of("a"), List.copyOf(chain.keysOverLimits(new ExpansionLimits(100, 5)).keySet()));
      assertEquals(Map.of(), chain.keysOverLimits(new ExpansionLimits(100, 6)));
      assertEquals(Map.of(), Libber.of(map("a", "%a%%a%"), "%", 0).keysOverLimits(limits));
    }

    @Test
    void anEmptyDelimiterIsRefused() {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Libber.of(map("a", "b"), "", 10));
      assertTrue(e.getMessage().startsWith("delimiter must not be empty"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> Libber.of(map("a", "b")).withDelimiter(""));
      FormatException f =
          assertThrows(
              FormatException.class,
              () -> Libber.fromJson("{\"libs\": {\"a\": \"b\"},\n \"delimiter\": \"\"}"));
      assertEquals("/delimiter", f.path().orElseThrow());
      assertEquals(2, f.line());
      assertTrue(f.getMessage().contains("delimiter must not be empty"), f.getMessage());
    }

    @Test
    void underscoreDelimiterIsGreedyWithBacktracking() {
      Libber l = Libber.of(map("my_key", "V", "my", "no"), "_", 10);
      assertEquals("V", sub(l, "_my_key_"));
      assertEquals("V x", sub(l, "_my_key_ x"));
      assertEquals("no key_", sub(l, "_my_ key_"));
    }

    @Test
    void delimitersThatAreKeyChars() {
      Libber l = Libber.of(map("b", "B", "ba", "BA"), "a", 10);
      assertEquals("BA", sub(l, "abaa"));
      // At 0 the greedy run "xkx" backtracks to the unknown key "xk", which consumes "xxkx".
      assertEquals("xxkx", sub(Libber.of(map("k", "%"), "x", 10), "xxkx"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"$", ".", "|", "{{", "<<>>", "%%", "<<", "\\E", "\\Q", "(", "*", "😀", "x%"})
    void unusualDelimitersWorkLiterally(String d) {
      Libber l = Libber.of(map("a", "A", "b", "B" + d + "a" + d), d, 10);
      assertEquals("A-BA", sub(l, d + "a" + d + "-" + d + "b" + d));
      assertEquals("x" + d + "c" + d, sub(l, "x" + d + "c" + d));
    }

    @Test
    void overlappingMultiCharDelimiters() {
      Libber l = Libber.of(map("a", "A"), "<<", 10);
      assertEquals("<A", sub(l, "<<<a<<"));
      assertEquals("A<", sub(l, "<<a<<<"));
      Libber pct = Libber.of(map("a", "A"), "%%", 10);
      assertEquals("A %A%", sub(pct, "%%a%% %%%a%%%"));
    }

    @Test
    void textWithoutReferencesIsReturnedAsIs() {
      Libber l = Libber.of(map("a", "A"));
      String text = "no references %here% at all";
      assertSame(text, l.substitute(text));
    }

    @Test
    void unusedLibberKeysDoNotMatter() {
      Libber l = Libber.of(map("a", "A", "Upper", "%a%", "", "%a%"));
      assertEquals("A", sub(l, "%a%"));
    }
  }

  @Nested
  class Limits {
    @Test
    void outputLimitIsCheckedBeforeBuilding() {
      Libber l = Libber.of(map("a", "%b%%b%", "b", "0123456789"));
      assertEquals(20, l.substitute("%a%", new ExpansionLimits(20, 100)).length());
      LibberExpansionException e =
          assertThrows(
              LibberExpansionException.class,
              () -> l.substitute("%a%", new ExpansionLimits(19, 100)));
      assertEquals(LibberExpansionException.Limit.OUTPUT_CHARS, e.limit());
      assertEquals(List.of("a"), e.keyChain());
      assertTrue(e.getMessage().contains("over the limit of 19"), e.getMessage());
    }

    @Test
    void outputLimitNamesTheChainDownToTheKeyThatCrossedIt() {
      Libber l = Libber.of(map("a", "%b%", "b", "x%c%", "c", "0123456789"));
      LibberExpansionException e =
          assertThrows(
              LibberExpansionException.class,
              () -> l.substitute("%a%", new ExpansionLimits(5, 100)));
      assertEquals(List.of("a", "b", "c"), e.keyChain());
      assertTrue(e.getMessage().endsWith("key chain: a -> b -> c"), e.getMessage());
    }

    @Test
    void outputLimitAppliesToTextWithoutReferences() {
      Libber l = Libber.of(map("a", "A"));
      LibberExpansionException e =
          assertThrows(
              LibberExpansionException.class,
              () -> l.substitute("123456", new ExpansionLimits(5, 100)));
      assertEquals(List.of(), e.keyChain());
      assertThrows(
          LibberExpansionException.class,
          () -> Libber.empty().substitute("123456", new ExpansionLimits(5, 100)));
      assertThrows(
          LibberExpansionException.class,
          () -> l.substitute("%a%12345", new ExpansionLimits(5, 100)));
      assertEquals("123456", l.substitute("123456", new ExpansionLimits(6, 0)));
    }

    @Test
    void stepLimitCountsTopLevelReferencesAndDistinctExpansions() {
      Libber l = Libber.of(map("a", "A"));
      // Three top-level references + one (a, 1) expansion = 4 steps.
      assertEquals("AAA", l.substitute("%a%%a%%a%", new ExpansionLimits(100, 4)));
      LibberExpansionException e =
          assertThrows(
              LibberExpansionException.class,
              () -> l.substitute("%a%%a%%a%", new ExpansionLimits(100, 3)));
      assertEquals(LibberExpansionException.Limit.EXPANSION_STEPS, e.limit());
      assertEquals(List.of("a"), e.keyChain());
      // Unknown references cost nothing.
      assertEquals("%x%%y%", l.substitute("%x%%y%", new ExpansionLimits(100, 0)));
    }

    @Test
    void stepLimitNamesTheChain() {
      LibberExpansionException e =
          assertThrows(
              LibberExpansionException.class,
              () -> chain(20, 10).substitute("%k0%", new ExpansionLimits(1000, 5)));
      assertEquals(LibberExpansionException.Limit.EXPANSION_STEPS, e.limit());
      assertEquals(List.of("k0", "k1", "k2", "k3", "k4"), e.keyChain());
      LibberExpansionException atTop =
          assertThrows(
              LibberExpansionException.class,
              () -> chain(3, 10).substitute("%k0%", new ExpansionLimits(1000, 1)));
      assertEquals(List.of("k0"), atTop.keyChain());
    }

    @Test
    void emptyExpansionsAreCheap() {
      // 2^30 references to an empty value: the output is empty and nothing is walked twice.
      LinkedHashMap<String, String> m = new LinkedHashMap<>();
      for (int i = 0; i < 30; i++) {
        m.put("e" + i, "%e" + (i + 1) + "%%e" + (i + 1) + "%");
      }
      m.put("e30", "");
      assertEquals("[]", Libber.of(m, "%", 100).substitute("[%e0%]"));
    }
  }

  @Nested
  class ValueSemantics {
    @Test
    void equalsAndHashCode() {
      Libber a = Libber.of(map("a", "A", "b", "B"));
      Libber same = Libber.empty().withLib("a", "A").withLib("b", "B");
      assertEquals(a, same);
      assertEquals(a.hashCode(), same.hashCode());
      assertEquals(a, a);
      assertNotEquals(a, Libber.of(map("b", "B", "a", "A")), "insertion order counts");
      assertNotEquals(a, a.withDelimiter("$"));
      assertNotEquals(a, a.withMaxDepth(3));
      assertNotEquals(a, a.withLib("a", "X"));
      assertNotEquals(a, "a");
      assertNotEquals(a, null);
    }

    @Test
    void withDelimiterAndWithMaxDepth() {
      Libber l = Libber.of(map("a", "A"));
      assertSame(l, l.withDelimiter("%"));
      assertSame(l, l.withMaxDepth(10));
      Libber d = l.withDelimiter("<<>>");
      assertEquals("<<>>", d.delimiter());
      assertEquals("A %a%", d.substitute("<<>>a<<>> %a%"));
      assertEquals("%a%", l.withMaxDepth(0).substitute("%a%"));
      assertEquals(l.libs(), d.libs());
    }

    @Test
    void toStringIsShort() {
      Libber l = Libber.of(map("a", "A", "b", "B"));
      assertEquals("Libber{2 keys [a, b], delimiter=\"%\", maxDepth=10}", l.toString());
      LinkedHashMap<String, String> many = new LinkedHashMap<>();
      for (int i = 0; i < 30; i++) {
        many.put("k" + i, "v");
      }
      String s = Libber.of(many).toString();
      assertTrue(s.startsWith("Libber{30 keys [k0, k1,"), s);
      assertTrue(s.contains("k19, ...]"), s);
      assertFalse(s.contains("k20"), s);
      String withExtra = Libber.fromJson("{\"libs\": {}, \"note\": 1}").toString();
      assertTrue(withExtra.endsWith(", extraFields=[note]}"), withExtra);
    }

    @Test
    void substituteIsRepeatable() {
      Libber l = Libber.of(map("a", "x %b% %b%", "b", "B"));
      String first = l.substitute("%a% %a%");
      assertEquals(first, l.substitute("%a% %a%"));
      assertEquals("x B B x B B", first);
    }
  }
}
