package io.github.fbtools.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.json.FormatException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PromptCollectionTest {

  @Nested
  class Legacy {
    @Test
    void nonEmptyStringsBecomeLegacyPromptsAndEverythingIsBackedUp() {
      Map<String, Object> v1 = new LinkedHashMap<>();
      v1.put("girl_pos", "a woman");
      v1.put("male_pos", "");
      v1.put("wan_prompt", "   ");
      v1.put("count", 3);
      v1.put("flag", true);
      v1.put("nothing", null);
      v1.put("nested", Map.of("a", 1));
      PromptCollection c = PromptCollection.fromLegacy(v1);
      assertEquals(List.of("girl_pos", "wan_prompt"), new ArrayList<>(c.prompts().keySet()));
      PromptMetadata g = c.prompt("girl_pos").orElseThrow();
      assertEquals("a woman", g.value());
      assertEquals("legacy", g.category());
      assertEquals("raw", g.processingType());
      assertEquals("   ", c.promptValue("wan_prompt").orElseThrow());
      Map<String, Object> backup = c.v1Backup().orElseThrow();
      assertEquals(List.copyOf(v1.keySet()), List.copyOf(backup.keySet()));
      assertEquals(3L, backup.get("count"));
      assertTrue(backup.containsKey("nothing"));
      assertEquals(Map.of(), c.compositions());
      assertTrue(c.sceneFlags().isEmpty());
      assertThrows(UnsupportedOperationException.class, () -> backup.put("x", "y"));
      @SuppressWarnings("unchecked")
      Map<String, Object> nested = (Map<String, Object>) backup.get("nested");
      assertThrows(UnsupportedOperationException.class, () -> nested.put("b", 2));
    }

    @Test
    void emptyObjectIsVersionOneWithAnEmptyBackup() {
      PromptCollection c = PromptCollection.fromJson("{}");
      assertEquals(Optional.of(Map.of()), c.v1Backup());
      assertTrue(c.prompts().isEmpty());
      assertEquals(
          "{\n  \"version\": 2,\n  \"prompts\": {},\n  \"compositions\": {},\n  \"v1_backup\": {}\n}\n",
          c.toJson());
    }

    @Test
    void aV1FileWithAPromptsStringKeyIsMigratedAsAPrompt() {
      PromptCollection c = PromptCollection.fromJson("{\"prompts\": \"text\", \"girl_pos\": \"g\"}");
      assertEquals(List.of("girl_pos", "prompts"), c.promptNames());
      assertEquals("text", c.promptValue("prompts").orElseThrow());
    }

    @Test
    void versionOneDecidesEvenWithAPromptsObject() {
      PromptCollection c =
          PromptCollection.fromJson("{\"version\": 1, \"prompts\": {\"a\": \"x\"}, \"b\": \"y\"}");
      assertEquals(List.of("b"), c.promptNames());
      assertEquals(Map.of("a", "x"), c.v1Backup().orElseThrow().get("prompts"));
      assertEquals(1L, c.v1Backup().orElseThrow().get("version"));
    }

    @Test
    void nullVersionWithoutContainersIsVersionOne() {
      PromptCollection c = PromptCollection.fromJson("{\"version\": null, \"a\": \"x\"}");
      assertTrue(c.v1Backup().orElseThrow().containsKey("version"));
      assertEquals(List.of("a"), c.promptNames());
    }
  }

  @Nested
  class VersionRule {
    @Test
    void promptsWithoutVersionIsVersionTwoAndLosesNothing() {
      PromptCollection c = PromptCollection.fromJson("{\"prompts\": {\"a\": \"x\"}}");
      assertEquals("x", c.promptValue("a").orElseThrow());
      assertTrue(c.v1Backup().isEmpty());
      PromptCollection d = PromptCollection.fromJson("{\"compositions\": {\"c\": [\"a\"]}}");
      assertEquals(List.of("a"), d.compositions().get("c"));
      PromptCollection e = PromptCollection.fromJson("{\"version\": null, \"prompts\": []}");
      assertTrue(e.v1Backup().isEmpty());
    }

    @Test
    void integerTwoAloneIsAnEmptyVersionTwo() {
      PromptCollection c = PromptCollection.fromJson("{\"version\": 2}");
      assertTrue(c.prompts().isEmpty());
      assertTrue(c.v1Backup().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "{\"version\": 3, \"prompts\": {}}",
          "{\"version\": 0, \"prompts\": {}}",
          "{\"version\": -1}",
          "{\"version\": 99999999999999999999999}"
        })
    void otherIntegersAreUnsupported(String doc) {
      FormatException e = assertThrows(FormatException.class, () -> PromptCollection.fromJson(doc));
      assertTrue(e.reason().contains("unsupported"), e.getMessage());
      assertEquals(Optional.of("/version"), e.path());
      assertEquals(1, e.line());
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "{\"version\": \"2\", \"prompts\": {}}",
          "{\"version\": 2.0, \"prompts\": {}}",
          "{\"version\": 1.0}",
          "{\"version\": true}",
          "{\"version\": [2]}"
        })
    void nonIntegerVersionsAreErrors(String doc) {
      FormatException e = assertThrows(FormatException.class, () -> PromptCollection.fromJson(doc));
      assertTrue(e.reason().contains("integer"), e.getMessage());
    }

    @Test
    void formatVersionOfIsTheOneRule() {
      assertEquals(1, PromptCollection.formatVersionOf(Map.of()));
      assertEquals(1, PromptCollection.formatVersionOf(Map.of("prompts", "x")));
      assertEquals(2, PromptCollection.formatVersionOf(Map.of("prompts", Map.of())));
      assertEquals(2, PromptCollection.formatVersionOf(Map.of("compositions", List.of())));
      assertEquals(2, PromptCollection.formatVersionOf(Map.of("version", 2)));
      assertEquals(1, PromptCollection.formatVersionOf(Map.of("version", 1L, "prompts", Map.of())));
    }
  }

  @Nested
  class VersionTwoParsing {
    @Test
    void objectFormWithStringAndObjectEntries() {
      String doc =
          "{\"version\": 2, \"prompts\": {\"a\": \"plain\", \"b\": {\"value\": \"v\","
              + " \"category\": \"cat\", \"description\": \"d\", \"tags\": [\"t1\", \"t2\"],"
              + " \"processing_type\": \"libber\", \"libber_name\": \"lib\"}, \"c\": {}}}";
      PromptCollection c = PromptCollection.fromJson(doc);
      assertEquals(PromptMetadata.of("plain"), c.prompt("a").orElseThrow());
      assertEquals(
          new PromptMetadata("v", "cat", "d", List.of("t1", "t2"), "libber", "lib"),
          c.prompt("b").orElseThrow());
      assertEquals(PromptMetadata.of(""), c.prompt("c").orElseThrow(), "missing value is \"\"");
    }

    @Test
    void arrayFormReadsKeysAndRefusesDuplicates() {
      PromptCollection c =
          PromptCollection.fromJson(
              "{\"prompts\": [{\"key\": \"a\", \"value\": \"x\"}, {\"key\": \"\", \"value\": \"e\"}]}");
      assertEquals(List.of("a", ""), new ArrayList<>(c.prompts().keySet()));
      FormatException dup =
          assertThrows(
              FormatException.class,
              () ->
                  PromptCollection.fromJson(
                      "{\"prompts\": [{\"key\": \"a\"},\n {\"key\": \"a\"}]}"));
      assertEquals(Optional.of("/prompts/1/key"), dup.path());
      assertEquals(2, dup.line());
      FormatException noKey =
          assertThrows(
              FormatException.class,
              () -> PromptCollection.fromJson("{\"prompts\": [{\"value\": \"x\"}]}"));
      assertEquals(Optional.of("/prompts/0/key"), noKey.path());
      assertThrows(
          FormatException.class, () -> PromptCollection.fromJson("{\"prompts\": [{\"key\": 5}]}"));
      assertThrows(FormatException.class, () -> PromptCollection.fromJson("{\"prompts\": [\"a\"]}"));
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "{\"version\": 2, \"prompts\": {\"a\": 5}}",
          "{\"version\": 2, \"prompts\": {\"a\": null}}",
          "{\"version\": 2, \"prompts\": {\"a\": [\"x\"]}}",
          "{\"version\": 2, \"prompts\": {\"a\": {\"value\": null}}}",
          "{\"version\": 2, \"prompts\": {\"a\": {\"value\": 3}}}",
          "{\"version\": 2, \"prompts\": {\"a\": {\"value\": \"x\", \"tags\": \"t\"}}}",
          "{\"version\": 2, \"prompts\": {\"a\": {\"value\": \"x\", \"tags\": [1]}}}",
          "{\"version\": 2, \"prompts\": {\"a\": {\"value\": \"x\", \"category\": 1}}}",
          "{\"version\": 2, \"prompts\": {\"a\": {\"value\": \"x\", \"processing_type\": null}}}",
          "{\"version\": 2, \"prompts\": {\"a\": {\"value\": \"x\", \"libber_name\": false}}}",
          "{\"version\": 2, \"prompts\": \"x\"}",
          "{\"version\": 2, \"prompts\": 5}",
          "{\"version\": 2, \"compositions\": {\"c\": \"ab\"}}",
          "{\"version\": 2, \"compositions\": {\"c\": [1]}}",
          "{\"version\": 2, \"compositions\": [{\"prompt_keys\": []}]}",
          "{\"version\": 2, \"compositions\": [{\"name\": \"c\"}, {\"name\": \"c\"}]}",
          "{\"version\": 2, \"compositions\": [5]}",
          "{\"version\": 2, \"compositions\": true}",
          "{\"version\": 2, \"v1_backup\": []}",
          "{\"version\": 2, \"scene_flags\": \"x\"}"
        })
    void malformedEntriesAreErrorsNotSilentlyDropped(String doc) {
      FormatException e = assertThrows(FormatException.class, () -> PromptCollection.fromJson(doc));
      assertTrue(e.path().isPresent(), e.getMessage());
      assertTrue(e.line() >= 1 && e.column() >= 1, e.getMessage());
    }

    @Test
    void errorsNameTheLineOfTheBadField() {
      String doc = "{\n  \"version\": 2,\n  \"prompts\": {\n    \"ok\": \"x\",\n    \"bad\": 7\n  }\n}";
      FormatException e = assertThrows(FormatException.class, () -> PromptCollection.fromJson(doc));
      assertEquals(5, e.line());
      assertEquals(Optional.of("/prompts/bad"), e.path());
      assertTrue(e.getMessage().contains("string or an object"), e.getMessage());
    }

    @Test
    void nullContainersMeanEmpty() {
      PromptCollection c =
          PromptCollection.fromJson(
              "{\"version\": 2, \"prompts\": null, \"compositions\": null, \"v1_backup\": null,"
                  + " \"scene_flags\": null}");
      assertTrue(c.prompts().isEmpty());
      assertTrue(c.v1Backup().isEmpty());
      assertTrue(c.sceneFlags().isEmpty());
      PromptCollection d =
          PromptCollection.fromJson(
              "{\"version\": 2, \"prompts\": {\"a\": {\"value\": \"x\", \"tags\": null,"
                  + " \"category\": null}}}");
      assertEquals(PromptMetadata.of("x"), d.prompt("a").orElseThrow());
    }

    @Test
    void compositionArrayForm() {
      PromptCollection c =
          PromptCollection.fromJson(
              "{\"version\": 2, \"compositions\": [{\"name\": \"full\", \"prompt_keys\": [\"a\","
                  + " \"b\"]}, {\"name\": \"empty\"}]}");
      assertEquals(List.of("a", "b"), c.compositions().get("full"));
      assertEquals(List.of(), c.compositions().get("empty"));
    }

    @Test
    void unknownFieldsAreKeptAndWrittenBack() {
      String doc =
          "{\"version\": 2, \"zeta\": [1], \"prompts\": {\"a\": {\"value\": \"x\", \"weight\": 1.5,"
              + " \"key\": \"k\"}}, \"compositions\": {}, \"alpha\": {\"b\": null}}";
      PromptCollection c = PromptCollection.fromJson(doc);
      assertEquals(List.of("zeta", "alpha"), List.copyOf(c.extraFields().keySet()));
      assertEquals(Map.of("weight", 1.5, "key", "k"), c.prompt("a").orElseThrow().extra());
      String out = c.toJson();
      assertEquals(
          "{\n"
              + "  \"version\": 2,\n"
              + "  \"prompts\": {\n"
              + "    \"a\": {\n"
              + "      \"value\": \"x\",\n"
              + "      \"processing_type\": \"raw\",\n"
              + "      \"weight\": 1.5,\n"
              + "      \"key\": \"k\"\n"
              + "    }\n"
              + "  },\n"
              + "  \"compositions\": {},\n"
              + "  \"zeta\": [\n"
              + "    1\n"
              + "  ],\n"
              + "  \"alpha\": {\n"
              + "    \"b\": null\n"
              + "  }\n"
              + "}\n",
          out);
      assertEquals(c, PromptCollection.fromJson(out));
    }

    @Test
    void stringsAreKeptExactly() {
      String weird = "e\u0301 \ud83d\ude00 \u202e\t\\ \"q\" \u0000";
      PromptCollection c = PromptCollection.empty().withPrompt(weird, weird);
      PromptCollection back = PromptCollection.fromJson(c.toJson());
      assertEquals(weird, back.promptValue(weird).orElseThrow());
      assertEquals(c, back);
    }

    @Test
    void bytesOverloadDecodesStrictUtf8() {
      assertEquals(
          "é",
          PromptCollection.fromJson("{\"a\": \"é\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
              .promptValue("a")
              .orElseThrow());
      assertThrows(FormatException.class, () -> PromptCollection.fromJson(new byte[] {(byte) 0xff}));
      assertThrows(FormatException.class, () -> PromptCollection.fromJson("[]"));
    }
  }

  @Nested
  class Writing {
    @Test
    void keyOrderAndOmissionRulesOfTheReference() {
      PromptCollection c =
          PromptCollection.empty()
              .withPrompt("b", new PromptMetadata("v", "", "", List.of(), "", ""))
              .withPrompt("a", new PromptMetadata("w", "c", "d", List.of("t"), "libber", "l"))
              .withComposition("comp", List.of("a", "a", "missing"))
              .withSceneFlags(Map.of("use_depth", true));
      assertEquals(
          "{\n"
              + "  \"version\": 2,\n"
              + "  \"prompts\": {\n"
              + "    \"b\": {\n"
              + "      \"value\": \"v\",\n"
              + "      \"processing_type\": \"\"\n"
              + "    },\n"
              + "    \"a\": {\n"
              + "      \"value\": \"w\",\n"
              + "      \"processing_type\": \"libber\",\n"
              + "      \"category\": \"c\",\n"
              + "      \"description\": \"d\",\n"
              + "      \"tags\": [\n"
              + "        \"t\"\n"
              + "      ],\n"
              + "      \"libber_name\": \"l\"\n"
              + "    }\n"
              + "  },\n"
              + "  \"compositions\": {\n"
              + "    \"comp\": [\n"
              + "      \"a\",\n"
              + "      \"a\",\n"
              + "      \"missing\"\n"
              + "    ]\n"
              + "  },\n"
              + "  \"scene_flags\": {\n"
              + "    \"use_depth\": true\n"
              + "  }\n"
              + "}\n",
          c.toJson());
    }

    @Test
    void backupAndFlagsAreWrittenWhenPresentEvenIfEmpty() {
      PromptCollection c = PromptCollection.fromLegacy(Map.of()).withSceneFlags(Map.of());
      assertTrue(c.toJson().contains("\"v1_backup\": {},\n  \"scene_flags\": {}\n"));
      assertEquals(PromptCollection.VERSION, c.version());
      assertEquals(2L, c.toJsonObject().get("version"));
    }
  }

  @Nested
  class Operations {
    private final PromptCollection base =
        PromptCollection.fromLegacy(Map.of("girl_pos", "g"))
            .withPrompt("x", new PromptMetadata("vx", "c1", null, List.of("t"), "raw", null))
            .withPrompt("y", PromptMetadata.of("vy").withCategory("c2"))
            .withComposition("both", List.of("x", "y"));

    @Test
    void withPromptReplacesInPlaceAndResetsMetadata() {
      PromptCollection c = base.withPrompt("x", "new");
      assertEquals(List.of("girl_pos", "x", "y"), List.copyOf(c.prompts().keySet()));
      assertEquals(PromptMetadata.of("new"), c.prompt("x").orElseThrow());
      assertEquals("vx", base.promptValue("x").orElseThrow(), "original unchanged");
      PromptCollection kept = base.withPromptValue("x", "new");
      assertEquals("c1", kept.prompt("x").orElseThrow().category());
      assertEquals("new", kept.promptValue("x").orElseThrow());
      assertEquals(PromptMetadata.of("z"), base.withPromptValue("z", "z").prompt("z").orElseThrow());
      assertSame(base, base.withPrompt("y", base.prompt("y").orElseThrow()));
      assertEquals("", base.withPrompt("", "").promptValue("").orElseThrow());
    }

    @Test
    void withoutPromptReturnsTheSameInstanceWhenAbsent() {
      assertSame(base, base.withoutPrompt("nope"));
      PromptCollection c = base.withoutPrompt("x");
      assertFalse(c.prompt("x").isPresent());
      assertEquals(List.of("x", "y"), c.compositions().get("both"), "compositions kept as given");
    }

    @Test
    void renameKeepsPositionAndUpdatesCompositions() {
      PromptCollection c = base.withPromptRenamed("x", "x2");
      assertEquals(List.of("girl_pos", "x2", "y"), List.copyOf(c.prompts().keySet()));
      assertEquals(List.of("x2", "y"), c.compositions().get("both"));
      assertEquals(base.prompt("x"), c.prompt("x2"));
      assertSame(base, base.withPromptRenamed("x", "x"));
      IllegalArgumentException missing =
          assertThrows(IllegalArgumentException.class, () -> base.withPromptRenamed("nope", "z"));
      assertTrue(missing.getMessage().contains("nope"));
      IllegalArgumentException taken =
          assertThrows(IllegalArgumentException.class, () -> base.withPromptRenamed("x", "y"));
      assertTrue(taken.getMessage().contains("\"y\""));
    }

    @Test
    void namesSortByCodePointNotUtf16() {
      String emoji = "\ud83d\ude00";
      String fullwidthA = "\uff21";
      PromptCollection c =
          PromptCollection.empty().withPrompt(emoji, "1").withPrompt(fullwidthA, "2").withPrompt("b", "3")
              .withPrompt("B", "4");
      assertTrue(emoji.compareTo(fullwidthA) < 0, "UTF-16 order puts the emoji first");
      assertEquals(List.of("B", "b", fullwidthA, emoji), c.promptNames());
      PromptCollection d =
          c.withComposition(emoji, List.of()).withComposition(fullwidthA, List.of());
      assertEquals(List.of(fullwidthA, emoji), d.compositionNames());
    }

    @Test
    void categoryFilterIsExactAndNullMeansNone() {
      assertEquals(List.of("x"), List.copyOf(base.promptsInCategory("c1").keySet()));
      assertEquals(List.of(), List.copyOf(base.promptsInCategory("C1").keySet()));
      assertEquals(List.of("girl_pos"), List.copyOf(base.promptsInCategory("legacy").keySet()));
      PromptCollection c = base.withPrompt("n", "none");
      assertEquals(List.of("n"), List.copyOf(c.promptsInCategory(null).keySet()));
      assertEquals(List.of("n"), List.copyOf(c.promptsInCategory("").keySet()));
    }

    @Test
    void compositions() {
      PromptCollection c = base.withComposition("solo", Arrays.asList("y", "y"));
      assertEquals(List.of("both", "solo"), c.compositionNames());
      assertEquals(List.of("y", "y"), c.compositions().get("solo"));
      assertSame(c, c.withoutComposition("nope"));
      assertEquals(List.of("both"), c.withoutComposition("solo").compositionNames());
      assertThrows(
          UnsupportedOperationException.class, () -> c.compositions().get("solo").add("z"));
    }

    @Test
    void sceneFlags() {
      PromptCollection c = base.withSceneFlags(Map.of("use_mask", true));
      assertEquals(Map.of("use_mask", true), c.sceneFlags().orElseThrow());
      assertTrue(c.withSceneFlags(null).sceneFlags().isEmpty());
      assertThrows(IllegalArgumentException.class, () -> base.withSceneFlags(Map.of("x", new Object())));
    }

    @Test
    void noOperationChangesTheBackup() {
      Map<String, Object> backup = base.v1Backup().orElseThrow();
      PromptCollection c =
          base.withPrompt("a", "b")
              .withoutPrompt("girl_pos")
              .withPromptRenamed("x", "q")
              .withComposition("c", List.of())
              .withoutComposition("both")
              .withSceneFlags(Map.of("f", 1))
              .withPromptValue("y", "z");
      assertSame(backup, c.v1Backup().orElseThrow());
    }

    @Test
    void aBackupCanBeAddedOnceButNeverChanged() {
      PromptCollection plain = PromptCollection.empty().withPrompt("a", "b");
      PromptCollection withBackup = plain.withV1Backup(Map.of("girl_pos", "g", "n", 1));
      assertEquals(Map.of("girl_pos", "g", "n", 1L), withBackup.v1Backup().orElseThrow());
      assertSame(withBackup, withBackup.withV1Backup(Map.of("n", 1L, "girl_pos", "g")));
      assertThrows(IllegalStateException.class, () -> withBackup.withV1Backup(Map.of()));
      assertSame(base.v1Backup().orElseThrow(), base.withV1Backup(Map.of("girl_pos", "g")).v1Backup().orElseThrow());
    }

    @Test
    void equalityIsOrderSensitiveAndHashConsistent() {
      PromptCollection ab = PromptCollection.empty().withPrompt("a", "1").withPrompt("b", "2");
      PromptCollection ba = PromptCollection.empty().withPrompt("b", "2").withPrompt("a", "1");
      assertNotEquals(ab, ba);
      PromptCollection ab2 = PromptCollection.fromJson(ab.toJson());
      assertEquals(ab, ab2);
      assertEquals(ab.hashCode(), ab2.hashCode());
      assertNotEquals(ab, "ab");
      assertTrue(ab.toString().contains("[a, b]"));
      assertTrue(base.toString().contains("v1Backup"));
    }

    @Test
    void accessorsAreUnmodifiable() {
      assertThrows(UnsupportedOperationException.class, () -> base.prompts().clear());
      assertThrows(UnsupportedOperationException.class, () -> base.promptNames().clear());
      assertThrows(
          UnsupportedOperationException.class,
          () -> base.prompt("x").orElseThrow().tags().add("z"));
    }
  }

  @Nested
  class Metadata {
    @Test
    void emptyOptionalStringsAreNone() {
      PromptMetadata m = new PromptMetadata("v", "", "", List.of(), "raw", "");
      assertEquals(null, m.category());
      assertEquals(null, m.description());
      assertEquals(null, m.libberName());
      assertEquals(PromptMetadata.of("v"), m);
    }

    @Test
    void withersAndLibberRule() {
      PromptMetadata m = PromptMetadata.of("v").withProcessingType("libber");
      assertFalse(m.usesLibber(), "needs a libber name");
      PromptMetadata n = m.withLibberName("lib");
      assertTrue(n.usesLibber());
      assertFalse(n.withProcessingType("Libber").usesLibber(), "case-sensitive");
      assertEquals("d", n.withDescription("d").description());
      assertEquals(List.of("t"), n.withTags(List.of("t")).tags());
      assertEquals("w", n.withValue("w").value());
      assertEquals("c", n.withCategory("c").category());
    }

    @Test
    void invalidArgumentsAreRefused() {
      assertThrows(NullPointerException.class, () -> PromptMetadata.of(null));
      assertThrows(
          NullPointerException.class,
          () -> new PromptMetadata("v", null, null, Arrays.asList("a", null), "raw", null));
      assertThrows(
          IllegalArgumentException.class,
          () -> new PromptMetadata("v", null, null, List.of(), "raw", null, Map.of("value", "x")));
    }
  }
}
