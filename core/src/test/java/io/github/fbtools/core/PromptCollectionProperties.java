package io.github.fbtools.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.testing.Gen;
import io.github.fbtools.core.testing.Gens;
import io.github.fbtools.core.testing.Pbt;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PromptCollectionProperties {

  static final Gen<String> TEXT = Gens.unicodeStrings(0, 12);

  static PromptMetadata metadata(SplittableRandom r) {
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

  static Object jsonValue(SplittableRandom r, int depth) {
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

  static final Gen<PromptCollection> COLLECTIONS =
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

  @Test
  void jsonRoundTripIsEqualAndByteIdentical() {
    Pbt.forAll(
        "prompt collection JSON round trip",
        COLLECTIONS,
        c -> {
          String first = c.toJson();
          PromptCollection back = PromptCollection.fromJson(first);
          assertEquals(c, back);
          assertEquals(first, back.toJson());
          assertEquals(first, c.toJson());
          assertEquals(c, PromptCollection.fromJson(first.getBytes(StandardCharsets.UTF_8)));
        });
  }

  @Test
  void editsNeverChangeTheBackup() {
    Gen<Object[]> gen = r -> new Object[] {COLLECTIONS.next(r), r.split()};
    Pbt.forAll(
        "edits never change v1Backup",
        gen,
        in -> {
          PromptCollection c = (PromptCollection) in[0];
          SplittableRandom r = (SplittableRandom) in[1];
          var before = c.v1Backup();
          String beforeJson = before.map(io.github.fbtools.core.json.FbJson::write).orElse("");
          for (int i = 0; i < 20; i++) {
            List<String> names = c.promptNames();
            String existing = names.isEmpty() ? "x" : names.get(r.nextInt(names.size()));
            switch (r.nextInt(6)) {
              case 0:
                c = c.withPrompt(TEXT.next(r), metadata(r));
                break;
              case 1:
                c = c.withoutPrompt(existing);
                break;
              case 2:
                c = c.withPrompt(existing, TEXT.next(r));
                break;
              case 3:
                String to = TEXT.next(r);
                if (c.prompt(existing).isPresent() && c.prompt(to).isEmpty()) {
                  c = c.withPromptRenamed(existing, to);
                }
                break;
              case 4:
                c = c.withComposition(TEXT.next(r), List.of(existing));
                break;
              default:
                c = c.withSceneFlags(r.nextBoolean() ? null : Map.of("use_pose", true));
            }
            if (before.isPresent()) {
              assertSame(before.get(), c.v1Backup().orElseThrow());
            } else {
              assertTrue(c.v1Backup().isEmpty());
            }
          }
          assertEquals(
              beforeJson, c.v1Backup().map(io.github.fbtools.core.json.FbJson::write).orElse(""));
          PromptCollection reread = PromptCollection.fromJson(c.toJson());
          assertEquals(c.v1Backup(), reread.v1Backup());
        });
  }

  @Test
  void anyBytesGiveACollectionOrAFormatException() {
    byte[] valid =
        COLLECTIONS.next(new SplittableRandom(7)).withPrompt("p", "v").toJson().getBytes(StandardCharsets.UTF_8);
    Gen<byte[]> gen =
        r -> {
          if (r.nextBoolean()) {
            return Gens.bytes(64).next(r);
          }
          byte[] b = valid.clone();
          for (int i = r.nextInt(1, 4); i > 0; i--) {
            b[r.nextInt(b.length)] = (byte) r.nextInt(256);
          }
          return b;
        };
    Pbt.forAll(
        "any bytes parse or fail typed",
        gen,
        b -> {
          try {
            PromptCollection c = PromptCollection.fromJson(b);
            assertEquals(c, PromptCollection.fromJson(c.toJson()));
          } catch (FormatException expected) {
            assertTrue(expected.getMessage() != null && !expected.getMessage().isEmpty());
          }
        });
  }
}
