package io.github.fbtools.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.json.FormatException;
import io.github.fbtools.core.json.FbJson;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SceneModelTest {
  /** One mapping from a legacy prompt name to its accessor, used by the scene writer and state. */
  @Test
  void legacyPromptValueIsWhatTheNamedAccessorReturns() {
    SceneInfo scene =
        SceneInfo.builder("forest")
            .girlPos("legacy girl")
            .malePos("legacy male")
            .wanPrompt("legacy wan")
            .prompts(PromptCollection.empty().withPrompt("wan_prompt", "collection wan"))
            .build();
    assertEquals("legacy girl", scene.legacyPromptValue(SceneInfo.GIRL_POS));
    assertEquals("legacy male", scene.legacyPromptValue(SceneInfo.MALE_POS));
    assertEquals("collection wan", scene.legacyPromptValue(SceneInfo.WAN_PROMPT));
    assertEquals("", scene.legacyPromptValue(SceneInfo.WAN_LOW_PROMPT));
    assertEquals(scene.fourImagePrompt(), scene.legacyPromptValue(SceneInfo.FOUR_IMAGE_PROMPT));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> scene.legacyPromptValue("girl_neg"));
    assertTrue(e.getMessage().contains("\"girl_neg\""), e.getMessage());
  }


  @Nested
  class SceneInfoTests {
    @Test
    void legacyAccessorsPreferTheCollection() {
      SceneInfo s =
          SceneInfo.builder("opening")
              .girlPos("legacy girl")
              .malePos("legacy male")
              .prompts(PromptCollection.empty().withPrompt("girl_pos", "from collection"))
              .build();
      assertEquals("from collection", s.girlPos());
      assertEquals("legacy male", s.malePos());
      assertEquals("", s.wanPrompt());
      assertEquals("", s.wanLowPrompt());
      assertEquals("", s.fourImagePrompt());
      SceneInfo t =
          s.toBuilder()
              .wanPrompt("w")
              .wanLowPrompt("wl")
              .fourImagePrompt("f")
              .prompts(PromptCollection.empty().withPrompt("four_image_prompt", ""))
              .build();
      assertEquals("w", t.wanPrompt());
      assertEquals("wl", t.wanLowPrompt());
      assertEquals("", t.fourImagePrompt(), "an empty prompt is still present");
      assertEquals("legacy girl", t.girlPos());
    }

    @Test
    void metadataAndEquality() {
      LoraEntry lora = LoraEntry.of("a.safetensors", LoraEntry.HIGH_TARGET);
      SceneInfo s =
          SceneInfo.builder("s")
              .sceneDir(Path.of("scenes/s"))
              .poseName("standing")
              .maskType("girl")
              .depthType("midas")
              .resolution(1024)
              .loras(List.of(lora))
              .poseJson(Map.of("people", List.of()))
              .metadataExtra(Map.of("note", "x"))
              .build();
      assertEquals(Optional.of(Path.of("scenes/s")), s.sceneDir());
      assertEquals("standing", s.poseName());
      assertEquals("girl", s.maskType());
      assertEquals("midas", s.depthType());
      assertEquals(OptionalInt.of(1024), s.resolution());
      assertEquals(List.of(lora), s.loras());
      assertEquals(Optional.of(Map.of("people", List.of())), s.poseJson());
      assertEquals(Map.of("note", "x"), s.metadataExtra());
      assertEquals(s, s.toBuilder().build());
      assertEquals(s.hashCode(), s.toBuilder().build().hashCode());
      assertNotEquals(s, s.toBuilder().noResolution().build());
      assertNotEquals(s, s.withLoras(List.of()));
      assertEquals(
          "x", s.withPrompts(PromptCollection.empty().withPrompt("p", "x")).prompt("p").orElseThrow().value());
      assertTrue(s.toString().contains("s"));
      assertThrows(IllegalArgumentException.class, () -> SceneInfo.builder("s").resolution(0));
      assertThrows(UnsupportedOperationException.class, () -> s.loras().clear());
      SceneInfo bare = SceneInfo.builder("b").build();
      assertEquals(PromptCollection.empty(), bare.prompts());
      assertEquals(Optional.empty(), bare.sceneDir());
      assertEquals(Optional.empty(), bare.poseJson());
    }
  }

  @Nested
  class LoraEntryTests {
    @Test
    void legacyLorasConvertLikeTheReference() {
      Map<String, Object> legacy =
          FbJson.parseObject(
              "{\"high\": [{\"lora_name\": \"hi.safetensors\", \"strength\": 0.7, \"blocks\": {\"b\": 1},"
                  + " \"layer_filter\": \"attn\", \"low_mem_load\": true, \"merge_loras\": true},"
                  + " {\"lora_name\": \"None\"}, {\"lora_name\": \"\"}, {\"strength\": 2}],"
                  + " \"low\": [{\"lora_name\": \"lo.safetensors\"}]}");
      List<LoraEntry> out = LoraEntry.fromLegacyLoras(legacy);
      assertEquals(2, out.size());
      LoraEntry hi = out.get(0);
      assertEquals("hi.safetensors", hi.lora());
      assertEquals(LoraEntry.HIGH_TARGET, hi.modelTarget());
      assertEquals(0.7, hi.strengthModel());
      assertEquals(1.0, hi.strengthClip());
      assertTrue(hi.enabled());
      assertEquals(Map.of("b", 1L), hi.blocks());
      assertEquals("attn", hi.layerFilter());
      assertTrue(hi.lowMemLoad() && hi.mergeLoras());
      LoraEntry lo = out.get(1);
      assertEquals(LoraEntry.LOW_TARGET, lo.modelTarget());
      assertEquals(1.0, lo.strengthModel());
      assertEquals(Map.of(), lo.blocks());
      assertEquals("", lo.layerFilter());
      assertEquals(List.of(), LoraEntry.fromLegacyLoras(Map.of()));
    }

    @Test
    void legacyErrorsAreTyped() {
      assertThrows(FormatException.class, () -> LoraEntry.fromLegacyLoras(Map.of("high", "x")));
      assertThrows(FormatException.class, () -> LoraEntry.fromLegacyLoras(Map.of("low", List.of(1))));
      assertThrows(
          FormatException.class,
          () -> LoraEntry.fromLegacyLoras(Map.of("low", List.of(Map.of("lora_name", 5)))));
      assertThrows(
          FormatException.class,
          () -> LoraEntry.fromLegacyLoras(Map.of("low", List.of(Map.of("lora_name", "a", "strength", "x")))));
    }

    @Test
    void stackItemsRoundTripWithUnknownFields() {
      Map<String, Object> item =
          FbJson.parseObject(
              "{\"lora\": \"a\", \"model_target\": \"t\", \"strength_model\": 0.5, \"strength_clip\": 0.25,"
                  + " \"enabled\": false, \"blocks\": {}, \"layer_filter\": \"\", \"low_mem_load\": false,"
                  + " \"merge_loras\": false, \"civitai_id\": 123}");
      LoraEntry e = LoraEntry.fromJsonObject(item, "/0");
      assertEquals(Map.of("civitai_id", 123L), e.extra());
      assertEquals(item, e.toJsonObject());
      assertEquals(List.copyOf(item.keySet()), List.copyOf(e.toJsonObject().keySet()));
      assertEquals(0.3, e.withStrengthModel(0.3).strengthModel());
      assertEquals(0.4, e.withStrengthClip(0.4).strengthClip());
      assertTrue(e.withEnabled(true).enabled());
      LoraEntry defaults = LoraEntry.fromJsonObject(Map.of("lora", "x"), "/1");
      assertEquals(LoraEntry.of("x", ""), defaults);
    }

    @Test
    void badItemsAreTyped() {
      assertThrows(FormatException.class, () -> LoraEntry.fromJsonObject(Map.of("lora", 1), "/0"));
      assertThrows(
          FormatException.class, () -> LoraEntry.fromJsonObject(Map.of("enabled", "yes"), "/0"));
      assertThrows(FormatException.class, () -> LoraEntry.fromJsonObject(Map.of("blocks", 1), "/0"));
      assertThrows(
          IllegalArgumentException.class, () -> LoraEntry.of("a", "b").withStrengthModel(Double.NaN));
    }
  }

  @Nested
  class PythonTextTests {
    @Test
    void stripUsesPythonWhitespace() {
      assertEquals("a  b", PythonText.strip("\u00a0\u3000 a  b\u2028\u001c\t"));
      assertEquals("\u200bx", PythonText.strip("\u200bx "), "zero-width space is not whitespace");
      assertEquals("", PythonText.strip(" \n "));
      assertTrue(PythonText.isWhitespace(0x85));
      assertTrue(!PythonText.isWhitespace('x'));
    }

    @Test
    void codePointOrder() {
      assertTrue(PythonText.compareCodePoints("\ud83d\ude00", "\uff21") > 0);
      assertTrue(PythonText.compareCodePoints("a", "ab") < 0);
      assertEquals(0, PythonText.compareCodePoints("é", "é"));
    }
  }
}
