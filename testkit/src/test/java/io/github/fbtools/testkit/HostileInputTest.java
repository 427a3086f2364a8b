package io.github.fbtools.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.json.FormatException;
import io.github.fbtools.core.InvalidNameException;
import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.files.PromptFiles;
import io.github.fbtools.core.files.SafeNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every hostile input gets exactly its promised outcome. */
class HostileInputTest {
  private static final int SEEDS = 3000;

  @Test
  void everyHostilePromptsJsonGetsItsPromisedFormatException() {
    Set<String> kinds = new TreeSet<>();
    for (long seed = 0; seed < SEEDS; seed++) {
      HostileInput h = FbGen.of(seed).hostilePromptsJson();
      assertSame(FormatException.class, h.expected());
      RuntimeException e = h.expectOutcome(() -> PromptCollection.fromJson(h.bytes()));
      FormatException f = assertInstanceOf(FormatException.class, e);
      assertFalse(f.reason().isEmpty(), h::toString);
      kinds.add(h.kind());
    }
    assertEquals(new TreeSet<>(Hostiles.PROMPT_KINDS), kinds);
  }

  @Test
  void hostilePromptsFilesAreRefusedByTheFileLayerAndLeftAsTheyWere(@TempDir Path dir)
      throws IOException {
    for (long seed = 0; seed < 200; seed++) {
      HostileInput h = FbGen.of(seed).hostilePromptsJson();
      Path file = PromptFiles.file(dir);
      Files.write(file, h.bytes());
      h.expectOutcome(() -> PromptFiles.create().load(dir));
      h.expectOutcome(() -> PromptFiles.create().write(dir, PromptCollection.empty()));
      assertEquals(h.text(), new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  @Test
  void everyHostileNameIsRefusedForEveryKindOfName() {
    Set<String> kinds = new TreeSet<>();
    for (long seed = 0; seed < SEEDS; seed++) {
      HostileInput h = FbGen.of(seed).hostileName();
      assertSame(InvalidNameException.class, h.expected());
      for (SafeNames.Kind kind : SafeNames.Kind.values()) {
        h.expectOutcome(() -> SafeNames.validate(kind, h.text()));
      }
      kinds.add(h.kind());
    }
    assertEquals(new TreeSet<>(Hostiles.nameKinds()), kinds);
  }

  @Test
  void hostileNamesAreRefusedBeforeTheyTouchTheFileSystem(@TempDir Path root) throws IOException {
    for (long seed = 0; seed < 300; seed++) {
      HostileInput h = FbGen.of(seed).hostileName();
      h.expectOutcome(() -> SafeNames.resolve(root, SafeNames.Kind.SCENE, h.text()));
    }
    try (var entries = Files.list(root)) {
      assertEquals(0, entries.count());
    }
  }

  /** The class Javadoc's example. */
  @ParameterizedTest
  @ValueSource(longs = {0, 1, 2, 3, 42, -7})
  void theJavadocExample(long seed) {
    HostileInput bad = FbGen.of(seed).hostilePromptsJson();
    bad.expectOutcome(() -> PromptCollection.fromJson(bad.bytes()));
    HostileInput name = FbGen.of(seed).hostileName();
    name.expectOutcome(() -> SafeNames.validate(SafeNames.Kind.SCENE, name.text()));
  }

  @Test
  void expectOutcomeFailsWhenTheOutcomeIsNotThePromisedOne() {
    HostileInput h = FbGen.of(1).hostileName();
    AssertionError none = assertThrows(AssertionError.class, () -> h.expectOutcome(() -> {}));
    assertTrue(none.getMessage().contains("returned normally"), none.getMessage());
    assertTrue(none.getMessage().contains("InvalidNameException"), none.getMessage());
    IllegalStateException other = new IllegalStateException("other");
    AssertionError wrong =
        assertThrows(
            AssertionError.class,
            () ->
                h.expectOutcome(
                    () -> {
                      throw other;
                    }));
    assertSame(other, wrong.getCause());
    assertTrue(wrong.getMessage().contains(h.target()), wrong.getMessage());
  }

  @Test
  void hostileInputsAreValuesAndDescribeThemselves() {
    HostileInput a = FbGen.of(5).hostilePromptsJson();
    HostileInput b = FbGen.of(5).hostilePromptsJson();
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, FbGen.of(5).hostileName());
    assertNotEquals(a, null);
    assertTrue(a.toString().startsWith(a.kind() + " (" + a.description() + "): \""), a::toString);
    byte[] bytes = a.bytes();
    bytes[0] ^= 1;
    assertNotEquals(bytes[0], a.bytes()[0]);
    HostileInput control = new HostileInput("k", "d", "a\u0000\u202eb".repeat(100).getBytes(
        java.nio.charset.StandardCharsets.UTF_8), "t", InvalidNameException.class);
    assertTrue(control.toString().contains("a\\u0000\\u202eb"), control::toString);
    assertTrue(control.toString().endsWith("...\" (600 bytes)"), control::toString);
  }
}
