package io.github.fbtools.core;

import static io.github.fbtools.core.testing.Differential.sameError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.json.FormatException;
import io.github.fbtools.core.json.FbJson;
import io.github.fbtools.core.json.ReferenceFbJson;
import io.github.fbtools.core.testing.Differential.Outcome;
import io.github.fbtools.core.testing.Gen;
import io.github.fbtools.core.testing.JsonMutator;
import io.github.fbtools.core.testing.ModelGens;
import io.github.fbtools.core.testing.Pbt;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.annotation.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The {@code prompts.json} codec ({@link PromptCollectionJson}, issue 15) against {@link
 * ReferencePromptCodec}, the generic path it replaced: on random collections and on random
 * {@code prompts.json}-shaped documents (every version rule, entry form and wrong type the codec
 * checks, in any field order) and random damage to them, both give an equal collection that writes
 * the same bytes, or the same {@link FormatException} (reason, JSON path, line and column).
 */
class PromptCollectionJsonProperties {
  private static final Gen<String> TEXT = ModelGens.TEXT;

  @Test
  void collectionsWriteAndReadAsTheReferenceDoes() {
    Pbt.forAll(
        "prompts codec = reference on collections",
        ModelGens.COLLECTIONS,
        c -> {
          String json = c.toJson();
          assertEquals(ReferencePromptCodec.toJson(c), json);
          assertEquals(ReferencePromptCodec.toJsonObject(c), c.toJsonObject());
          assertEquals(
              new ArrayList<>(ReferencePromptCodec.toJsonObject(c).keySet()),
              new ArrayList<>(c.toJsonObject().keySet()));
          byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
          PromptCollection back = PromptCollection.fromJson(bytes);
          assertEquals(ReferencePromptCodec.fromJson(bytes), back);
          assertEquals(c, back);
          assertEquals(json, back.toJson());
          assertEquals(c, PromptCollection.fromJson(json));
        });
  }

  @Test
  void documentsReadAsTheReferenceReadsThem() {
    Pbt.forAll(
        "prompts codec = reference on documents",
        DOCUMENTS,
        b -> {
          same(
              Outcome.of(() -> ReferencePromptCodec.fromJson(b)),
              Outcome.of(() -> PromptCollection.fromJson(b)));
          String text = new String(b, StandardCharsets.UTF_8);
          same(
              Outcome.of(() -> ReferencePromptCodec.fromJson(text)),
              Outcome.of(() -> PromptCollection.fromJson(text)));
          Outcome parsed = Outcome.of(() -> FbJson.parseObject(b));
          if (parsed.error() == null) {
            @SuppressWarnings("unchecked")
            Map<String, Object> doc = (Map<String, Object>) parsed.value();
            same(
                Outcome.of(() -> ReferencePromptCodec.fromJsonObject(doc)),
                Outcome.of(() -> PromptCollection.fromJsonObject(doc)));
            Outcome expected = Outcome.of(() -> ReferencePromptCodec.formatVersionOf(doc));
            Outcome actual = Outcome.of(() -> PromptCollection.formatVersionOf(doc));
            if (expected.error() == null) {
              assertEquals(expected.value(), actual.value());
            } else {
              sameError(expected.error(), actual.error());
            }
          }
        });
  }

  /** Same collection writing the same bytes, or the same error. */
  private static void same(Outcome expected, Outcome actual) {
    if (expected.error() != null || actual.error() != null) {
      sameError(expected.error(), actual.error());
      return;
    }
    PromptCollection e = (PromptCollection) expected.value();
    PromptCollection a = (PromptCollection) actual.value();
    assertEquals(e, a);
    assertEquals(ReferencePromptCodec.toJson(e), a.toJson());
    assertArrayEquals(
        ReferencePromptCodec.toJson(e).getBytes(StandardCharsets.UTF_8),
        a.toJson().getBytes(StandardCharsets.UTF_8));
  }

  // ---------------------------------------------------------------------------------------
  // prompts.json-shaped documents

  static final Gen<byte[]> DOCUMENTS =
      r -> {
        Map<String, Object> doc = document(r);
        String text = r.nextBoolean() ? ReferenceFbJson.write(doc) : ReferenceFbJson.writeCompact(doc);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return r.nextInt(3) == 0 ? JsonMutator.mutate(r, bytes) : bytes;
      };

  /** A random top level: every version rule, entry form and field type, in any order. */
  static Map<String, Object> document(SplittableRandom r) {
    List<Map.Entry<String, Object>> fields = new ArrayList<>();
    if (r.nextInt(3) > 0) {
      fields.add(entry("version", versionValue(r)));
    }
    if (r.nextInt(4) > 0) {
      fields.add(entry("prompts", prompts(r)));
    }
    if (r.nextInt(3) > 0) {
      fields.add(entry("compositions", compositions(r)));
    }
    if (r.nextInt(4) == 0) {
      fields.add(entry("v1_backup", objectOrNot(r)));
    }
    if (r.nextInt(4) == 0) {
      fields.add(entry("scene_flags", objectOrNot(r)));
    }
    for (int i = r.nextInt(3); i > 0; i--) {
      fields.add(entry(r.nextBoolean() ? "girl_pos" : TEXT.next(r), scalar(r)));
    }
    if (r.nextInt(3) == 0) {
      Collections.shuffle(fields, new java.util.Random(r.nextLong()));
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    for (Map.Entry<String, Object> f : fields) {
      doc.put(f.getKey(), f.getValue());
    }
    return doc;
  }

  private static Map.Entry<String, Object> entry(String key, @Nullable Object value) {
    return new java.util.AbstractMap.SimpleImmutableEntry<>(key, value);
  }

  @Nullable
  private static Object versionValue(SplittableRandom r) {
    Object[] versions = {
      2L, 2L, 2L, 1L, 1L, null, 3L, 0L, -1L, "2", 2.0, 1.0, true, new BigInteger("99999999999999999999")
    };
    return versions[r.nextInt(versions.length)];
  }

  @Nullable
  private static Object prompts(SplittableRandom r) {
    switch (r.nextInt(10)) {
      case 0:
        return null;
      case 1:
        return scalar(r);
      case 2:
      case 3:
        {
          List<Object> items = new ArrayList<>();
          List<String> keys = new ArrayList<>();
          for (int i = r.nextInt(5); i > 0; i--) {
            if (r.nextInt(12) == 0) {
              items.add(scalar(r));
              continue;
            }
            Map<String, Object> item = entryFields(r);
            switch (r.nextInt(12)) {
              case 0:
                break; // no key
              case 1:
                item.put("key", r.nextInt(10));
                break;
              case 2:
                item.put("key", keys.isEmpty() ? "k" : keys.get(0));
                break;
              default:
                String key = TEXT.next(r);
                keys.add(key);
                item.put("key", key);
            }
            items.add(shuffled(r, item));
          }
          return items;
        }
      default:
        {
          Map<String, Object> m = new LinkedHashMap<>();
          for (int i = r.nextInt(6); i > 0; i--) {
            Object entry;
            int kind = r.nextInt(12);
            entry = kind == 0 ? scalar(r) : kind < 4 ? TEXT.next(r) : shuffled(r, entryFields(r));
            m.put(r.nextInt(8) == 0 ? "a/b~c" : TEXT.next(r), entry);
          }
          return m;
        }
    }
  }

  /** The fields of a prompt entry: mostly right, sometimes of a wrong type or unknown. */
  private static Map<String, Object> entryFields(SplittableRandom r) {
    Map<String, Object> e = new LinkedHashMap<>();
    if (r.nextInt(8) > 0) {
      e.put("value", r.nextInt(15) == 0 ? scalar(r) : TEXT.next(r));
    }
    if (r.nextBoolean()) {
      e.put("processing_type", r.nextInt(15) == 0 ? scalar(r) : r.nextBoolean() ? "libber" : "raw");
    }
    for (String field : List.of("category", "description", "libber_name")) {
      if (r.nextBoolean()) {
        e.put(field, r.nextInt(15) == 0 ? scalar(r) : r.nextInt(6) == 0 ? null : TEXT.next(r));
      }
    }
    if (r.nextBoolean()) {
      e.put("tags", stringList(r));
    }
    if (r.nextInt(5) == 0) {
      e.put(TEXT.next(r), ModelGens.jsonValue(r, 2));
    }
    return e;
  }

  @Nullable
  private static Object stringList(SplittableRandom r) {
    switch (r.nextInt(10)) {
      case 0:
        return null;
      case 1:
        return scalar(r);
      default:
        List<Object> l = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
          l.add(r.nextInt(20) == 0 ? scalar(r) : TEXT.next(r));
        }
        return l;
    }
  }

  @Nullable
  private static Object compositions(SplittableRandom r) {
    switch (r.nextInt(8)) {
      case 0:
        return null;
      case 1:
        return scalar(r);
      case 2:
      case 3:
        {
          List<Object> items = new ArrayList<>();
          for (int i = r.nextInt(4); i > 0; i--) {
            if (r.nextInt(12) == 0) {
              items.add(scalar(r));
              continue;
            }
            Map<String, Object> item = new LinkedHashMap<>();
            int kind = r.nextInt(10);
            if (kind > 0) {
              item.put("name", kind == 1 ? (Object) 5 : kind == 2 ? "same" : TEXT.next(r));
            }
            if (r.nextInt(4) > 0) {
              item.put("prompt_keys", stringList(r));
            }
            items.add(shuffled(r, item));
          }
          return items;
        }
      default:
        {
          Map<String, Object> m = new LinkedHashMap<>();
          for (int i = r.nextInt(4); i > 0; i--) {
            m.put(TEXT.next(r), r.nextInt(10) == 0 ? scalar(r) : stringList(r));
          }
          return m;
        }
    }
  }

  @Nullable
  private static Object objectOrNot(SplittableRandom r) {
    return r.nextInt(5) == 0 ? scalar(r) : ModelGens.jsonValue(r, 3) instanceof Map ? Map.of() : flags(r);
  }

  private static Map<String, Object> flags(SplittableRandom r) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = r.nextInt(4); i > 0; i--) {
      m.put(TEXT.next(r), ModelGens.jsonValue(r, 1));
    }
    return m;
  }

  @Nullable
  private static Object scalar(SplittableRandom r) {
    Object[] scalars = {null, 5L, -1L, 2.5, true, false, "", "x", List.of(), Map.of(), List.of(1L)};
    return r.nextInt(4) == 0 ? TEXT.next(r) : scalars[r.nextInt(scalars.length)];
  }

  private static Map<String, Object> shuffled(SplittableRandom r, Map<String, Object> m) {
    if (r.nextInt(3) > 0) {
      return m;
    }
    List<Map.Entry<String, Object>> entries = new ArrayList<>(m.entrySet());
    Collections.shuffle(entries, new java.util.Random(r.nextLong()));
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : entries) {
      out.put(e.getKey(), e.getValue());
    }
    return out;
  }

  @Test
  void theGeneratorReachesValidAndInvalidDocumentsOfBothVersions() {
    int[] counts = new int[3]; // v1, v2, error
    Pbt.forAll(
        "prompts document generator coverage",
        DOCUMENTS,
        b -> {
          try {
            PromptCollection c = PromptCollection.fromJson(b);
            counts[c.v1Backup().isPresent() && c.compositions().isEmpty() ? 0 : 1]++;
          } catch (FormatException e) {
            counts[2]++;
          }
        });
    int tries = Pbt.tries();
    for (int i = 0; i < 3; i++) {
      assertTrue(counts[i] > tries / 20, "outcome " + i + " seen " + counts[i] + " times");
    }
  }
}
