package io.github.fbtools.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link PromptCollection#compose} and friends, against REFERENCE.md §1.7. */
class PromptComposeTest {

  private static final Libber STYLES = Libber.of(Map.of("style", "oil painting", "mood", "calm %style%"));
  private static final LibberSource SOURCE = LibberSource.of(Map.of("styles", STYLES));

  private static PromptMetadata libber(String value, String name) {
    return PromptMetadata.of(value).withProcessingType("libber").withLibberName(name);
  }

  @Test
  void joinsWithSingleSpacesSkippingMissingAndEmptyAndStripsTheEnds() {
    PromptCollection c =
        PromptCollection.empty()
            .withPrompt("lead", " lead")
            .withPrompt("blank", "  ")
            .withPrompt("empty", "")
            .withPrompt("tail", "tail  ");
    Map<String, List<String>> map = new LinkedHashMap<>();
    map.put("all", List.of("lead", "missing", "blank", "empty", "tail"));
    map.put("none", List.of());
    map.put("twice", List.of("tail", "tail"));
    Map<String, String> out = c.compose(map, LibberSource.none());
    assertEquals("lead    tail", out.get("all"), "inner whitespace kept, ends stripped");
    assertEquals("", out.get("none"));
    assertEquals("tail   tail", out.get("twice"));
    assertEquals(List.of("all", "none", "twice"), List.copyOf(out.keySet()));
  }

  @Test
  void appliesTheNamedLibberOnlyForTheExactProcessingType() {
    PromptCollection c =
        PromptCollection.empty()
            .withPrompt("a", libber("a %mood% scene", "styles"))
            .withPrompt("b", PromptMetadata.of("%style%").withProcessingType("Libber").withLibberName("styles"))
            .withPrompt("c", PromptMetadata.of("%style%").withLibberName("styles"))
            .withPrompt("d", libber("%style%", "unknown"))
            .withComposition("x", List.of("a", "b", "c", "d"));
    assertEquals(
        "a calm oil painting scene %style% %style% %style%", c.compose(SOURCE).get("x"));
    assertEquals(Optional.of("a calm oil painting scene"), c.resolvedValue("a", SOURCE));
    assertEquals(Optional.empty(), c.resolvedValue("zz", SOURCE));
    assertEquals(List.of("unknown"), c.missingLibbers(SOURCE));
    assertEquals(
        List.of("a calm oil painting scene", "%style%", "%style%", "%style%"),
        List.copyOf(c.resolvedValues(SOURCE).values()));
  }

  @Test
  void valuesThatBecomeEmptyAfterSubstitutionAreDropped() {
    Libber blank = Libber.of(Map.of("nothing", ""));
    PromptCollection c =
        PromptCollection.empty()
            .withPrompt("gone", libber("%nothing%", "blank"))
            .withPrompt("kept", "kept")
            .withComposition("x", List.of("gone", "kept", "gone"));
    assertEquals("kept", c.compose(LibberSource.of(Map.of("blank", blank))).get("x"));
  }

  @Test
  void refusedExpansionsPropagate() {
    Map<String, String> bomb = new LinkedHashMap<>();
    for (int i = 0; i < 40; i++) {
      bomb.put("k" + i, "%k" + (i + 1) + "%%k" + (i + 1) + "%");
    }
    bomb.put("k40", "lol");
    Libber l = Libber.of(bomb, "%", 100);
    PromptCollection c =
        PromptCollection.empty()
            .withPrompt("p", libber("%k0%", "bomb"))
            .withComposition("x", List.of("p"));
    LibberExpansionException e =
        assertThrows(
            LibberExpansionException.class, () -> c.compose(LibberSource.of(Map.of("bomb", l))));
    assertEquals("k0", e.keyChain().get(0));
  }

  @Test
  void composeWithoutArgumentsUsesOwnCompositions() {
    PromptCollection c =
        PromptCollection.empty()
            .withPrompt("a", "A")
            .withPrompt("b", "B")
            .withComposition("ab", List.of("a", "b"))
            .withComposition("ba", List.of("b", "a"));
    assertEquals(Map.of("ab", "A B", "ba", "B A"), c.compose(LibberSource.none()));
    assertEquals(List.of(), c.missingLibbers(LibberSource.none()));
  }
}
