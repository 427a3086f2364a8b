package io.github.fbtools.core.files;

import io.github.fbtools.core.Libber;
import io.github.fbtools.core.LoraEntry;
import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.PromptMetadata;
import io.github.fbtools.core.SceneInStory;
import io.github.fbtools.core.SceneInfo;
import io.github.fbtools.core.StoryInfo;
import io.github.fbtools.core.testing.Gen;
import io.github.fbtools.core.testing.Gens;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Generators of the models that {@link LibberFiles}, {@link SceneFiles} and {@link StoryFiles} store. */
final class FilesGens {
  private FilesGens() {}

  private static final Gen<String> TEXT = Gens.unicodeStrings(0, 12);

  static String text(SplittableRandom r) {
    return TEXT.next(r);
  }

  /** Finite doubles, with the edge values JSON writers get wrong (-0.0, 1e-7, 1e22, ...). */
  static double number(SplittableRandom r) {
    switch (r.nextInt(6)) {
      case 0:
        return new double[] {0.0, -0.0, 1.0, 0.1, 1e-7, 1e22, 123456789.125, -2.5}[r.nextInt(8)];
      case 1:
        return r.nextInt(-5, 6);
      case 2:
        return finite(r);
      default:
        return (r.nextDouble() - 0.5) * 4;
    }
  }

  private static double finite(SplittableRandom r) {
    double d = Double.longBitsToDouble(r.nextLong());
    return Double.isFinite(d) ? d : 2.0;
  }

  /** Any JSON value of the {@code FbJson} value model, nested at most {@code depth} levels. */
  static Object json(SplittableRandom r, int depth) {
    int kind = r.nextInt(depth > 0 ? 8 : 6);
    switch (kind) {
      case 0:
        return null;
      case 1:
        return r.nextBoolean();
      case 2:
        return r.nextLong(-1_000_000, 1_000_000);
      case 3:
        return number(r);
      case 4:
      case 5:
        return text(r);
      case 6:
        {
          List<Object> list = new ArrayList<>();
          for (int i = r.nextInt(4); i > 0; i--) {
            list.add(json(r, depth - 1));
          }
          return list;
        }
      default:
        return object(r, depth - 1, "");
    }
  }

  static Map<String, Object> object(SplittableRandom r, int depth, String keyPrefix) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = r.nextInt(4); i > 0; i--) {
      m.put(keyPrefix + text(r), json(r, depth));
    }
    return m;
  }

  static final Gen<Libber> LIBBERS =
      r -> {
        Map<String, String> libs = new LinkedHashMap<>();
        for (int i = r.nextInt(6); i > 0; i--) {
          libs.put(r.nextBoolean() ? text(r) : "k" + r.nextInt(20), text(r));
        }
        String delimiter = new String[] {"%", "##", "$", "\u00a7"}[r.nextInt(4)];
        return Libber.of(libs, delimiter, r.nextInt(Libber.MAX_DEPTH_LIMIT + 1));
      };

  static LoraEntry lora(SplittableRandom r) {
    String target =
        new String[] {LoraEntry.HIGH_TARGET, LoraEntry.LOW_TARGET, text(r)}[r.nextInt(3)];
    Map<String, Object> blocks = new LinkedHashMap<>();
    for (int i = r.nextInt(3); i > 0; i--) {
      blocks.put("double_blocks." + r.nextInt(40), number(r));
    }
    return new LoraEntry(
        text(r),
        target,
        number(r),
        number(r),
        r.nextBoolean(),
        blocks,
        text(r),
        r.nextBoolean(),
        r.nextBoolean(),
        r.nextInt(4) == 0 ? object(r, 2, "x_") : Map.of());
  }

  static PromptCollection prompts(SplittableRandom r) {
    PromptCollection c = PromptCollection.empty();
    for (int i = r.nextInt(5); i > 0; i--) {
      String name = r.nextBoolean() ? text(r) : SceneInfo.LEGACY_PROMPT_NAMES.get(r.nextInt(5));
      if (r.nextBoolean()) {
        c = c.withPrompt(name, text(r));
      } else {
        c =
            c.withPrompt(
                name,
                PromptMetadata.of(text(r))
                    .withCategory(r.nextBoolean() ? text(r) : null)
                    .withDescription(r.nextBoolean() ? text(r) : null)
                    .withTags(r.nextBoolean() ? List.of(text(r)) : List.of()));
      }
    }
    return c;
  }

  /** Scenes named {@code name}, without legacy prompt fields (a load never sets them). */
  static SceneInfo scene(SplittableRandom r, String name) {
    SceneInfo.Builder b = SceneInfo.builder(name).prompts(prompts(r));
    if (r.nextBoolean()) {
      b.poseName(text(r));
    }
    if (r.nextBoolean()) {
      b.maskType(text(r));
    }
    if (r.nextBoolean()) {
      b.depthType(text(r));
    }
    if (r.nextInt(3) == 0) {
      b.resolution(1 + r.nextInt(Integer.MAX_VALUE));
    }
    if (r.nextInt(3) == 0) {
      b.metadataExtra(object(r, 2, "x_"));
    }
    List<LoraEntry> loras = new ArrayList<>();
    for (int i = r.nextInt(4); i > 0; i--) {
      loras.add(lora(r));
    }
    b.loras(loras);
    if (r.nextBoolean()) {
      b.poseJson(r.nextBoolean() ? Map.of("people", Collections.singletonList(json(r, 2))) : json(r, 3));
    }
    return b.build();
  }

  /** A legacy {@code loras.json} document. */
  static Map<String, Object> legacyLoras(SplittableRandom r) {
    Map<String, Object> doc = new LinkedHashMap<>();
    for (String side : List.of("high", "low")) {
      List<Object> items = new ArrayList<>();
      for (int i = r.nextInt(3); i > 0; i--) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("lora_name", new String[] {"none", "", text(r), "a.safetensors"}[r.nextInt(4)]);
        item.put("strength", number(r));
        if (r.nextBoolean()) {
          item.put("layer_filter", text(r));
          item.put("low_mem_load", r.nextBoolean());
          item.put("merge_loras", r.nextBoolean());
        }
        items.add(item);
      }
      doc.put(side, items);
    }
    return doc;
  }

  static StoryInfo story(SplittableRandom r) {
    List<SceneInStory> scenes = new ArrayList<>();
    for (int i = r.nextInt(5); i > 0; i--) {
      scenes.add(
          SceneInStory.builder(text(r), r.nextInt(-3, 10))
              .sceneId("id-" + r.nextInt(1000) + text(r))
              .maskName(text(r))
              .maskBackground(r.nextBoolean())
              .promptSource(new String[] {"prompt", "composition", "custom", ""}[r.nextInt(4)])
              .promptKey(text(r))
              .customPrompt(text(r))
              .videoPromptSource(text(r))
              .depthType(text(r))
              .useDepth(r.nextBoolean())
              .useCanny(r.nextBoolean())
              .extra(r.nextInt(4) == 0 ? object(r, 2, "x_") : Map.of())
              .build());
    }
    return new StoryInfo(
        text(r), text(r), scenes, r.nextInt(4) == 0 ? object(r, 2, "x_") : Map.of());
  }
}
