package io.github.fbtools.core;

import io.github.fbtools.core.json.FormatException;
import io.github.fbtools.core.json.FbToolsException;
import com.google.common.testing.EqualsTester;
import com.google.common.testing.NullPointerTester;
import io.github.fbtools.core.json.FbJson;
import io.github.fbtools.core.json.JsonFields;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * guava-testlib sanity checks for every public value and API class of {@code
 * io.github.fbtools.core} and {@code io.github.fbtools.core.json}: {@link EqualsTester} for the
 * values (equal parts are equal, the same JSON objects in another order are not) and {@link
 * NullPointerTester} for every public constructor and method (a null where none is allowed is a
 * {@link NullPointerException} at once; {@code @Nullable} parameters are skipped).
 */
class CoreSanityTest {
  private static final Map<String, Object> AB = ordered("a", 1L, "b", 2L);
  private static final Map<String, Object> BA = ordered("b", 2L, "a", 1L);

  private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }

  private static final PromptMetadata METADATA = PromptMetadata.of("v").withCategory("c");
  private static final PromptCollection COLLECTION =
      PromptCollection.empty().withPrompt("p", METADATA).withComposition("all", List.of("p"));
  private static final LoraEntry LORA = LoraEntry.of("l", LoraEntry.HIGH_TARGET);
  private static final SceneInStory SCENE_IN_STORY =
      SceneInStory.builder("s", 0).sceneId("id").build();
  private static final StoryInfo STORY = StoryInfo.of("st", "dir", List.of(SCENE_IN_STORY));
  private static final SceneInfo SCENE = SceneInfo.builder("s").prompts(COLLECTION).build();
  private static final Libber LIBBER = Libber.of(Map.of("k", "v"));

  private static NullPointerTester tester() {
    return new NullPointerTester()
        .setDefault(PromptMetadata.class, METADATA)
        .setDefault(PromptCollection.class, COLLECTION)
        .setDefault(LoraEntry.class, LORA)
        .setDefault(SceneInStory.class, SCENE_IN_STORY)
        .setDefault(StoryInfo.class, STORY)
        .setDefault(SceneInfo.class, SCENE)
        .setDefault(Libber.class, LIBBER)
        .setDefault(LibberSource.class, LibberSource.none())
        .setDefault(ExpansionLimits.class, ExpansionLimits.DEFAULT)
        .setDefault(FbJson.Limits.class, FbJson.Limits.DEFAULT)
        .setDefault(JsonFields.Where.class, () -> "")
        .setDefault(Path.class, Path.of("sanity-test-not-a-file"))
        .setDefault(FormatException.class, FormatException.at("/a", "r"))
        .setDefault(String.class, "s");
  }

  @Test
  void valuesAreEqualExactlyWhenTheyWriteTheSameBytes() {
    new EqualsTester()
        .addEqualityGroup(METADATA, PromptMetadata.of("v").withCategory("c"))
        .addEqualityGroup(METADATA.withTags(List.of("t")))
        .addEqualityGroup(
            new PromptMetadata("v", null, null, List.of(), "raw", null, AB),
            new PromptMetadata("v", null, null, List.of(), "raw", null, ordered("a", 1L, "b", 2L)))
        .addEqualityGroup(new PromptMetadata("v", null, null, List.of(), "raw", null, BA))
        .testEquals();
    new EqualsTester()
        .addEqualityGroup(COLLECTION, PromptCollection.fromJson(COLLECTION.toJson()))
        .addEqualityGroup(PromptCollection.empty(), PromptCollection.fromJson("{\"version\": 2}"))
        .addEqualityGroup(PromptCollection.empty().withSceneFlags(AB))
        .addEqualityGroup(PromptCollection.empty().withSceneFlags(BA))
        .addEqualityGroup(PromptCollection.fromLegacy(AB))
        .addEqualityGroup(PromptCollection.fromLegacy(BA))
        .testEquals();
    new EqualsTester()
        .addEqualityGroup(LORA, LoraEntry.fromJsonObject(LORA.toJsonObject(), ""))
        .addEqualityGroup(LORA.withStrengthModel(0.5))
        .addEqualityGroup(new LoraEntry("l", "t", 1, 1, true, AB, "", false, false, Map.of()))
        .addEqualityGroup(new LoraEntry("l", "t", 1, 1, true, BA, "", false, false, Map.of()))
        .testEquals();
    new EqualsTester()
        .addEqualityGroup(SCENE_IN_STORY, SCENE_IN_STORY.toBuilder().build())
        .addEqualityGroup(SCENE_IN_STORY.toBuilder().extra(AB).build())
        .addEqualityGroup(SCENE_IN_STORY.toBuilder().extra(BA).build())
        .testEquals();
    new EqualsTester()
        .addEqualityGroup(STORY, StoryInfo.fromJson(STORY.toJson()))
        .addEqualityGroup(new StoryInfo("st", "dir", List.of(), AB))
        .addEqualityGroup(new StoryInfo("st", "dir", List.of(), BA))
        .testEquals();
    new EqualsTester()
        .addEqualityGroup(SCENE, SCENE.toBuilder().build())
        .addEqualityGroup(SCENE.toBuilder().metadataExtra(AB).build())
        .addEqualityGroup(SCENE.toBuilder().metadataExtra(BA).build())
        .addEqualityGroup(SCENE.toBuilder().poseJson(AB).build())
        .addEqualityGroup(SCENE.toBuilder().poseJson(BA).build())
        .testEquals();
  }

  @Test
  void publicValueTypesRefuseNullsWhereNoneIsAllowed() {
    NullPointerTester t = tester();
    for (Class<?> c :
        List.of(
            PromptMetadata.class,
            PromptCollection.class,
            LoraEntry.class,
            SceneInStory.class,
            StoryInfo.class,
            SceneInfo.class,
            SceneInfo.Builder.class,
            SceneInStory.Builder.class,
            Libber.class,
            LibberAnalysis.class,
            ExpansionLimits.class,
            LibberSource.class,
            PythonText.class,
            PromptNames.class,
            FormatException.class,
            InvalidNameException.class,
            LibberExpansionException.class,
            FbToolsException.class)) {
      t.testAllPublicStaticMethods(c);
      t.testAllPublicConstructors(c);
    }
    for (Object instance :
        List.of(
            METADATA,
            COLLECTION,
            LORA,
            SCENE_IN_STORY,
            STORY,
            SCENE,
            SCENE.toBuilder(),
            SCENE_IN_STORY.toBuilder(),
            LIBBER,
            LIBBER.analyze(),
            ExpansionLimits.DEFAULT,
            FormatException.at("/a", "r"))) {
      t.testAllPublicInstanceMethods(instance);
    }
  }

  @Test
  void jsonPackageRefusesNullsWhereNoneIsAllowed() {
    NullPointerTester t = tester();
    for (Class<?> c : List.of(FbJson.class, FbJson.Limits.class, JsonFields.class)) {
      t.testAllPublicStaticMethods(c);
      t.testAllPublicConstructors(c);
    }
    t.testAllPublicInstanceMethods(FbJson.Limits.DEFAULT);
  }
}
