package io.github.fbtools.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.json.FbJson;
import io.github.fbtools.core.testing.Gen;
import io.github.fbtools.core.testing.Pbt;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Equality matches the bytes (issue 12 item 1): for every value type, {@code a.equals(b)} if and
 * only if {@code a} and {@code b} serialise to identical bytes, and equal values have equal hash
 * codes. Pairs are a random value and the same value read back from its own JSON with nested
 * objects shuffled (sometimes not at all), or two independent values drawn from a small space (so
 * that they are sometimes equal by chance).
 */
class ValueEqualityProperties {
  private static final String KEYS = "abc";

  /** A small JSON value: objects with few keys, so shuffles and chance equality are common. */
  static Object json(SplittableRandom r, int depth) {
    switch (r.nextInt(depth > 2 ? 4 : 6)) {
      case 0:
        return null;
      case 1:
        return r.nextBoolean() ? "x" : "y";
      case 2:
        return r.nextBoolean() ? (Object) 1L : (Object) 1.0;
      case 3:
        return r.nextBoolean();
      case 4:
        {
          List<Object> list = new ArrayList<>();
          for (int i = r.nextInt(3); i > 0; i--) {
            list.add(json(r, depth + 1));
          }
          return list;
        }
      default:
        return object(r, depth + 1, "");
    }
  }

  static Map<String, Object> object(SplittableRandom r, int depth, String prefix) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = r.nextInt(4); i > 0; i--) {
      m.put(prefix + KEYS.charAt(r.nextInt(KEYS.length())), json(r, depth + 1));
    }
    return m;
  }

  /** A deep copy in which each object's entries are shuffled with probability 1/2. */
  static Object shuffled(Object v, SplittableRandom r) {
    if (v instanceof Map<?, ?> m) {
      List<Map.Entry<?, ?>> entries = new ArrayList<>(m.entrySet());
      if (r.nextBoolean()) {
        Collections.shuffle(entries, new java.util.Random(r.nextLong()));
      }
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : entries) {
        out.put((String) e.getKey(), shuffled(e.getValue(), r));
      }
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object o : l) {
        out.add(shuffled(o, r));
      }
      return out;
    }
    return v;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> shuffledObject(Map<String, Object> m, SplittableRandom r) {
    return (Map<String, Object>) shuffled(m, r);
  }

  static PromptMetadata metadata(SplittableRandom r) {
    return new PromptMetadata(
        r.nextBoolean() ? "v" : "w",
        r.nextBoolean() ? null : "c",
        null,
        r.nextBoolean() ? List.of() : List.of("t"),
        PromptMetadata.RAW,
        null,
        object(r, 1, "x_"));
  }

  static PromptCollection collection(SplittableRandom r) {
    PromptCollection c =
        r.nextInt(3) == 0 ? PromptCollection.fromLegacy(object(r, 1, "l_")) : PromptCollection.empty();
    for (int i = r.nextInt(3); i > 0; i--) {
      c = c.withPrompt(KEYS.charAt(r.nextInt(KEYS.length())) + "", metadata(r));
    }
    if (r.nextBoolean()) {
      c = c.withSceneFlags(object(r, 1, ""));
    }
    return c;
  }

  static LoraEntry lora(SplittableRandom r) {
    return new LoraEntry(
        "l",
        LoraEntry.HIGH_TARGET,
        r.nextBoolean() ? 1.0 : 0.5,
        1.0,
        true,
        object(r, 1, ""),
        "",
        false,
        r.nextBoolean(),
        object(r, 1, "x_"));
  }

  static SceneInStory sceneInStory(SplittableRandom r) {
    return SceneInStory.builder("s", r.nextInt(2))
        .sceneId("id")
        .useDepth(r.nextBoolean())
        .extra(object(r, 1, "x_"))
        .build();
  }

  static StoryInfo story(SplittableRandom r) {
    List<SceneInStory> scenes = new ArrayList<>();
    for (int i = r.nextInt(3); i > 0; i--) {
      scenes.add(sceneInStory(r));
    }
    return new StoryInfo("st", "dir", scenes, object(r, 1, "x_"));
  }

  static SceneInfo sceneInfo(SplittableRandom r) {
    SceneInfo.Builder b =
        SceneInfo.builder("s")
            .sceneDir(r.nextBoolean() ? null : Path.of("scenes", "s"))
            .prompts(collection(r))
            .poseName(r.nextBoolean() ? "" : "p")
            .metadataExtra(object(r, 1, "x_"))
            .poseJson(r.nextBoolean() ? null : object(r, 1, ""));
    if (r.nextBoolean()) {
      b.loras(List.of(lora(r)));
    }
    return b.build();
  }

  /** Everything a {@link SceneInfo} is written from, as one JSON document. */
  static byte[] sceneBytes(SceneInfo s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", s.sceneName());
    m.put("dir", s.sceneDir().map(Path::toString).orElse(null));
    m.put("prompts", s.prompts().toJsonObject());
    m.put("legacy", List.of(s.girlPos(), s.malePos(), s.wanPrompt(), s.wanLowPrompt()));
    m.put("scene.json", s.metadataJsonObject());
    List<Object> loras = new ArrayList<>();
    s.loras().forEach(l -> loras.add(l.toJsonObject()));
    m.put("lora_stack.json", loras);
    m.put("pose.json", s.poseJson().orElse(null));
    return FbJson.writeBytes(m);
  }

  static SceneInfo sceneInfoShuffled(SceneInfo s, SplittableRandom r) {
    SceneInfo.Builder b =
        s.toBuilder()
            .prompts(PromptCollection.fromJsonObject(shuffledObject(s.prompts().toJsonObject(), r)))
            .metadataExtra(shuffledObject(s.metadataExtra(), r))
            .poseJson(s.poseJson().map(p -> shuffled(p, r)).orElse(null));
    List<LoraEntry> loras = new ArrayList<>();
    for (LoraEntry l : s.loras()) {
      loras.add(LoraEntry.fromJsonObject(shuffledObject(l.toJsonObject(), r), ""));
    }
    return b.loras(loras).build();
  }

  /**
   * Checks the property for one type: pairs of (value, its shuffled re-read) and of independent
   * values.
   */
  private static <T> void check(
      String name,
      Gen<T> values,
      java.util.function.BiFunction<T, SplittableRandom, T> reshuffle,
      Function<T, byte[]> bytes) {
    int[] equalPairs = {0};
    int[] unequalPairs = {0};
    Gen<List<T>> pairs =
        r -> {
          T a = values.next(r);
          T b = r.nextBoolean() ? reshuffle.apply(a, r) : values.next(r);
          return Arrays.asList(a, b);
        };
    Pbt.forAll(
        name + ": equals iff the JSON bytes are equal",
        pairs,
        p -> {
          T a = p.get(0);
          T b = p.get(1);
          boolean sameBytes = Arrays.equals(bytes.apply(a), bytes.apply(b));
          assertEquals(sameBytes, a.equals(b), "equals must agree with the bytes");
          assertEquals(sameBytes, b.equals(a), "equals must be symmetric");
          if (sameBytes) {
            assertEquals(a.hashCode(), b.hashCode(), "equal values need equal hash codes");
            equalPairs[0]++;
          } else {
            unequalPairs[0]++;
          }
        });
    assertTrue(equalPairs[0] > 0 && unequalPairs[0] > 0, "both cases must be exercised");
  }

  @Test
  void promptMetadataEqualsIffBytesEqual() {
    check(
        "PromptMetadata",
        ValueEqualityProperties::metadata,
        (m, r) ->
            PromptCollection.fromJsonObject(
                    shuffledObject(PromptCollection.empty().withPrompt("p", m).toJsonObject(), r))
                .prompt("p")
                .orElseThrow(),
        m -> FbJson.writeBytes(PromptCollection.empty().withPrompt("p", m).toJsonObject()));
  }

  @Test
  void promptCollectionEqualsIffBytesEqual() {
    check(
        "PromptCollection",
        ValueEqualityProperties::collection,
        (c, r) -> PromptCollection.fromJsonObject(shuffledObject(c.toJsonObject(), r)),
        c -> c.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void loraEntryEqualsIffBytesEqual() {
    check(
        "LoraEntry",
        ValueEqualityProperties::lora,
        (l, r) -> LoraEntry.fromJsonObject(shuffledObject(l.toJsonObject(), r), ""),
        l -> FbJson.writeBytes(l.toJsonObject()));
  }

  @Test
  void sceneInStoryEqualsIffBytesEqual() {
    check(
        "SceneInStory",
        ValueEqualityProperties::sceneInStory,
        (s, r) -> SceneInStory.fromJsonObject(shuffledObject(s.toJsonObject(), r), 2, "", () -> "x"),
        s -> FbJson.writeBytes(s.toJsonObject()));
  }

  @Test
  void storyInfoEqualsIffBytesEqual() {
    check(
        "StoryInfo",
        ValueEqualityProperties::story,
        (s, r) -> StoryInfo.fromJsonObject(shuffledObject(s.toJsonObject(), r)),
        s -> s.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void sceneInfoEqualsIffBytesEqual() {
    check(
        "SceneInfo",
        ValueEqualityProperties::sceneInfo,
        ValueEqualityProperties::sceneInfoShuffled,
        ValueEqualityProperties::sceneBytes);
  }
}
