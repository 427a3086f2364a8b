package io.github.fbtools.libber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.PromptMetadata;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptStateManagerTest {
  private final PromptStateManager prompts =
      PromptStateManager.over(PromptStateManager.storeBuilder().clock(new FakeClock()).build());

  @Test
  void addRemoveRenameAreVersionedUpdates() {
    Session<PromptCollection> s =
        prompts.open(PromptCollection.fromLegacy(Map.of("girl_pos", "smiling")));
    assertEquals(List.of("girl_pos"), s.state().promptNames());
    s = prompts.addPrompt(s.id(), 0L, "male_pos", PromptMetadata.of("standing").withCategory("c"));
    assertEquals(1, s.version());
    assertEquals("c", s.state().prompt("male_pos").orElseThrow().category());
    s = prompts.renamePrompt(s.id(), 1L, "male_pos", "man");
    assertEquals(List.of("girl_pos", "man"), s.state().promptNames());
    assertEquals("standing", s.state().promptValue("man").orElseThrow());
    Removal<PromptCollection> r = prompts.removePrompt(s.id(), 2L, "girl_pos");
    assertTrue(r.removed());
    assertEquals(3, r.session().version());
    Removal<PromptCollection> again = prompts.removePrompt(s.id(), null, "girl_pos");
    assertFalse(again.removed());
    assertEquals(4, again.session().version());
    assertEquals(List.of("man"), prompts.get(s.id()).state().promptNames());
    // v1_backup is never touched by any edit
    assertEquals(Map.of("girl_pos", "smiling"), prompts.get(s.id()).state().v1Backup().orElseThrow());
  }

  @Test
  void addReplacesTheWholeEntryAsTheReferenceDoes() {
    Session<PromptCollection> s = prompts.open(PromptCollection.empty());
    s = prompts.addPrompt(s.id(), null, "a", PromptMetadata.of("x").withCategory("cat"));
    s = prompts.addPrompt(s.id(), null, "a", PromptMetadata.of("y"));
    assertEquals(PromptMetadata.of("y"), s.state().prompt("a").orElseThrow());
  }

  @Test
  void renameRefusesMissingAndTakenNamesWithoutChangingAnything() {
    Session<PromptCollection> s =
        prompts.open(PromptCollection.empty().withPrompt("a", "1").withPrompt("b", "2"));
    String id = s.id();
    EntryNotFoundException missing =
        assertThrows(EntryNotFoundException.class, () -> prompts.renamePrompt(id, null, "z", "y"));
    assertEquals("no prompt \"z\"", missing.getMessage());
    EntryExistsException taken =
        assertThrows(EntryExistsException.class, () -> prompts.renamePrompt(id, null, "a", "b"));
    assertEquals("a prompt \"b\" already exists", taken.getMessage());
    assertEquals(0, prompts.get(id).version());
    assertSame(s.state(), prompts.get(id).state());
    assertEquals(1, prompts.renamePrompt(id, null, "a", "a").version());
  }

  @Test
  void renameCarriesCompositionsAlong() {
    Session<PromptCollection> s =
        prompts.open(
            PromptCollection.empty().withPrompt("a", "1").withComposition("all", List.of("a")));
    s = prompts.renamePrompt(s.id(), null, "a", "b");
    assertEquals(List.of("b"), s.state().compositions().get("all"));
  }

  @Test
  void closeEndsTheSession() {
    Session<PromptCollection> s = prompts.open(PromptCollection.empty());
    assertTrue(prompts.close(s.id()));
    assertFalse(prompts.close(s.id()));
    assertThrows(SessionNotFoundException.class, () -> prompts.get(s.id()));
    assertEquals(0, prompts.store().size());
  }

  @Test
  void theDefaultStoreWeighsCollections() {
    PromptStateManager p = PromptStateManager.create();
    p.open(PromptCollection.empty().withPrompt("a", "x".repeat(1000)));
    assertTrue(p.store().totalWeight() > 2000, "weight " + p.store().totalWeight());
  }
}
