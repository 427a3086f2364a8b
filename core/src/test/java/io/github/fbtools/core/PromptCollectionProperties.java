package io.github.fbtools.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.json.FormatException;
import io.github.fbtools.core.testing.Gen;
import io.github.fbtools.core.testing.Gens;
import io.github.fbtools.core.testing.ModelGens;
import io.github.fbtools.core.testing.Pbt;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PromptCollectionProperties {
  static final Gen<String> TEXT = ModelGens.TEXT;
  static final Gen<PromptCollection> COLLECTIONS = ModelGens.COLLECTIONS;

  static PromptMetadata metadata(SplittableRandom r) {
    return ModelGens.metadata(r);
  }


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
