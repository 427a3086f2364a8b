package io.github.fbtools.core.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.json.FormatException;
import io.github.fbtools.core.SceneInfo;
import io.github.fbtools.core.json.FbJson;
import io.github.fbtools.core.testing.Gen;
import io.github.fbtools.core.testing.Pbt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import javax.annotation.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seeded properties of {@link SceneFiles}. */
class SceneFilesProperties {
  @TempDir Path tmp;

  private final SceneFiles scenes = SceneFiles.using(FilesTesting.fastFiles());

  /** A scene to save into a folder that may already hold a legacy {@code loras.json}. */
  record Case(SceneInfo scene, @Nullable Map<String, Object> legacyLoras) {}

  static final Gen<Case> CASES =
      r -> new Case(FilesGens.scene(r, "s"), r.nextBoolean() ? FilesGens.legacyLoras(r) : null);

  @Test
  void everySceneRoundTripsLorasJsonIsNeverTouchedAndTheSecondSaveChangesNothing()
      throws IOException {
    Path root = Files.createDirectory(tmp.resolve("scenes"));
    AtomicInteger n = new AtomicInteger();
    Pbt.forAll(
        "scene write, load, write",
        LibberFilesProperties.ioTries(),
        CASES,
        c -> {
          try {
            String name = "s" + n.incrementAndGet();
            Path dir = root.resolve(name);
            String lorasJson = null;
            if (c.legacyLoras() != null) {
              Files.createDirectory(dir);
              Files.write(dir.resolve("loras.json"), FbJson.writeBytes(c.legacyLoras()));
              lorasJson = FilesTesting.snapshot(dir).get("loras.json");
            }
            SceneFiles.Written w = scenes.write(root, name, c.scene());
            SceneFiles.Loaded loaded = scenes.load(root, name).orElseThrow();
            SceneInfo s = loaded.scene();
            assertEquals(c.scene().prompts(), s.prompts());
            assertEquals(c.scene().loras(), s.loras());
            assertEquals(c.scene().poseJson(), s.poseJson());
            assertEquals(c.scene().poseName(), s.poseName());
            assertEquals(c.scene().maskType(), s.maskType());
            assertEquals(c.scene().depthType(), s.depthType());
            assertEquals(c.scene().resolution(), s.resolution());
            assertEquals(c.scene().metadataExtra(), s.metadataExtra());
            assertEquals(w.fingerprints(), loaded.fingerprints());
            Map<String, String> once = FilesTesting.snapshot(dir);
            assertEquals(List.of(), scenes.write(dir, s, loaded.fingerprints()).changedFiles());
            assertEquals(once, FilesTesting.snapshot(dir));
            assertEquals(lorasJson, once.get("loras.json"));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /** A file of a scene and what to put in it. */
  record Junk(String file, byte[] bytes) {
    @Override
    public String toString() {
      return file + ": " + new String(bytes, StandardCharsets.UTF_8);
    }
  }

  static byte[] damage(SplittableRandom r, byte[] valid) {
    switch (r.nextInt(4)) {
      case 0:
        byte[] b = new byte[r.nextInt(64)];
        r.nextBytes(b);
        return b;
      case 1:
        return Arrays.copyOf(valid, r.nextInt(valid.length + 1));
      case 2:
        return FbJson.writeBytes(FilesGens.json(r, 3));
      default:
        byte[] c = valid.clone();
        c[r.nextInt(c.length)] = (byte) r.nextInt(256);
        return c;
    }
  }

  static final Gen<Junk> JUNK =
      r -> {
        SceneInfo scene = FilesGens.scene(r, "j");
        switch (r.nextInt(5)) {
          case 0:
            return new Junk("prompts.json", damage(r, scene.prompts().toJson().getBytes(StandardCharsets.UTF_8)));
          case 1:
            return new Junk(
                "lora_stack.json",
                damage(r, FbJson.writeBytes(scene.loras().stream().map(l -> l.toJsonObject()).toList())));
          case 2:
            return new Junk("loras.json", damage(r, FbJson.writeBytes(FilesGens.legacyLoras(r))));
          case 3:
            return new Junk("pose.json", damage(r, FbJson.writeBytes(FilesGens.json(r, 3))));
          default:
            return new Junk("scene.json", damage(r, "{\"pose_name\": \"a\", \"resolution\": 5}".getBytes(StandardCharsets.UTF_8)));
        }
      };

  @Test
  void anyFileContentLoadsOrIsAFormatExceptionNamingThatFileAndNothingIsWritten()
      throws IOException {
    Path root = Files.createDirectory(tmp.resolve("scenes"));
    Path dir = Files.createDirectory(root.resolve("j"));
    int[] refused = {0};
    Pbt.forAll(
        "scene junk",
        LibberFilesProperties.ioTries(),
        JUNK,
        junk -> {
          try {
            Path file = dir.resolve(junk.file());
            Files.write(file, junk.bytes());
            Map<String, String> before = FilesTesting.snapshot(tmp, true);
            try {
              Optional<SceneFiles.Loaded> loaded = scenes.load(root, "j");
              assertTrue(loaded.isPresent());
            } catch (FormatException e) {
              assertEquals(file.toRealPath().toString(), e.file().orElseThrow(), e.getMessage());
              refused[0]++;
            }
            assertEquals(before, FilesTesting.snapshot(tmp, true));
            Files.delete(file);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    assertTrue(refused[0] > 0, "some junk is refused");
  }
}
