package io.github.fbtools.core.testing;

import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.PromptMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Seeded generators of the core model, for property tests in any module. */
public final class ModelGens {
  private ModelGens() {}

  /** Short strings mixing ASCII, Latin-1, CJK, emoji, combining marks, RTL and controls. */
  public static final Gen<String> TEXT = Gens.unicodeStrings(0, 12);

  /**
   * A random prompt entry, sometimes with unknown fields.
   *
   * @param r the seeded source
   * @return the metadata
   */
  public static PromptMetadata metadata(SplittableRandom r) {
    List<String> tags = new ArrayList<>();
    for (int i = r.nextInt(3); i > 0; i--) {
      tags.add(TEXT.next(r));
    }
    Map<String, Object> extra = new LinkedHashMap<>();
    if (r.nextInt(5) == 0) {
      extra.put("weight", r.nextInt(100) / 4.0);
      extra.put("note", r.nextBoolean() ? null : TEXT.next(r));
    }
    return new PromptMetadata(
        TEXT.next(r),
        r.nextBoolean() ? null : TEXT.next(r),
        r.nextInt(3) == 0 ? TEXT.next(r) : null,
        tags,
        r.nextBoolean() ? "raw" : r.nextBoolean() ? "libber" : TEXT.next(r),
        r.nextBoolean() ? null : TEXT.next(r),
        extra);
  }

  /**
   * A random JSON value of the value model.
   *
   * @param r the seeded source
   * @param depth the current nesting depth (containers stop at 3)
   * @return the value
   */
  public static Object jsonValue(SplittableRandom r, int depth) {
    switch (r.nextInt(depth > 2 ? 5 : 7)) {
      case 0:
        return null;
      case 1:
        return TEXT.next(r);
      case 2:
        return r.nextBoolean();
      case 3:
        return (long) r.nextInt();
      case 4:
        return r.nextInt(1_000_000) / 64.0;
      case 5:
        {
          List<Object> list = new ArrayList<>();
          for (int i = r.nextInt(4); i > 0; i--) {
            list.add(jsonValue(r, depth + 1));
          }
          return list;
        }
      default:
        {
          Map<String, Object> map = new LinkedHashMap<>();
          for (int i = r.nextInt(4); i > 0; i--) {
            map.put(TEXT.next(r), jsonValue(r, depth + 1));
          }
          return map;
        }
    }
  }

  /** Random collections: sometimes migrated from v1, 0 to 500 prompts, compositions, flags. */
  public static final Gen<PromptCollection> COLLECTIONS =
      r -> {
        PromptCollection c;
        if (r.nextInt(3) == 0) {
          Map<String, Object> legacy = new LinkedHashMap<>();
          for (int i = r.nextInt(6); i > 0; i--) {
            legacy.put(TEXT.next(r), jsonValue(r, 1));
          }
          c = PromptCollection.fromLegacy(legacy);
        } else {
          c = PromptCollection.empty();
        }
        int n = r.nextInt(20) == 0 ? r.nextInt(500) : r.nextInt(12);
        for (int i = 0; i < n; i++) {
          c = c.withPrompt(TEXT.next(r), metadata(r));
        }
        for (int i = r.nextInt(4); i > 0; i--) {
          List<String> keys = new ArrayList<>();
          for (int k = r.nextInt(4); k > 0; k--) {
            keys.add(r.nextBoolean() && !c.prompts().isEmpty() ? c.promptNames().get(0) : TEXT.next(r));
          }
          c = c.withComposition(TEXT.next(r), keys);
        }
        if (r.nextBoolean()) {
          Map<String, Object> flags = new LinkedHashMap<>();
          flags.put("use_depth", r.nextBoolean());
          flags.put(TEXT.next(r), jsonValue(r, 1));
          c = c.withSceneFlags(flags);
        }
        return c;
      };

}
