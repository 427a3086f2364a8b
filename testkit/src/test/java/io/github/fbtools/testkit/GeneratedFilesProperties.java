package io.github.fbtools.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.Libber;
import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.files.LibberFiles;
import io.github.fbtools.core.files.PromptFiles;
import io.github.fbtools.core.json.FbJson;
import io.github.fbtools.core.testing.Gen;
import io.github.fbtools.core.testing.Pbt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every generated valid file reads back equal through the library and writes the bytes it was read
 * from; and the project's prompt round-trip properties, on the kit's generators (dogfood).
 */
class GeneratedFilesProperties {
  @TempDir Path dir;

  /** A generator and a size. */
  record Sized(FbGen gen, int size) {}

  /** Tries of the properties that go through files (each try writes with fsync). */
  private static final int FILE_TRIES = Math.max(50, Pbt.tries() / 5);

  private static final Gen<Sized> SIZED = r -> new Sized(FbGen.of(r.nextLong()), r.nextInt(40));

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void promptsJsonIsWhatPythonWritesAndReadsBackAsThePromisedCollection() {
    int[] versions = new int[3];
    Pbt.forAll(
        "promptsJson reads back equal, writes its own bytes",
        FILE_TRIES,
        SIZED,
        s -> {
          String text = s.gen().promptsJson(s.size());
          PromptCollection expected = s.gen().promptCollection(s.size());
          // Python's json.dumps(indent=2 or 4, ensure_ascii=False): no final newline, raw non-ASCII.
          assertFalse(text.endsWith("\n"));
          assertTrue(text.startsWith("{"));
          Map<String, Object> doc = FbJson.parseObject(text);
          int indent = text.startsWith("{\n    ") ? 4 : 2;
          assertEquals(text, PythonJson.dumps(doc, indent));
          PromptCollection back = PromptCollection.fromJson(text);
          assertEquals(expected, back);
          assertEquals(expected.hashCode(), back.hashCode());
          int version = PromptCollection.formatVersionOf(doc);
          versions[version]++;
          // Through the file layer: a v2 file is left byte for byte as it was read; a v1 file is
          // kept in v1_backup and in the backup file, byte for byte.
          Path scene = dir.resolve("scene");
          write(PromptFiles.file(scene), text);
          try {
            PromptFiles files = PromptFiles.create();
            PromptFiles.Loaded loaded = files.load(scene);
            assertEquals(expected, loaded.collection());
            PromptFiles.Written written = files.write(scene, loaded.collection());
            if (version == 2) {
              assertEquals(PromptFiles.State.V2, loaded.state());
              assertFalse(written.changed());
              assertEquals(text, read(PromptFiles.file(scene)));
              // The library's own form is the same JSON, canonically indented.
              assertEquals(FbJson.write(doc), back.toJson());
            } else {
              assertEquals(PromptFiles.State.V1, loaded.state());
              assertEquals(text, read(PromptFiles.backupFile(scene)));
              assertEquals(text, PythonJson.dumps(back.v1Backup().orElseThrow(), indent));
              assertEquals(back, PromptCollection.fromJson(read(PromptFiles.file(scene))));
              Files.delete(PromptFiles.backupFile(scene));
            }
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    assertTrue(versions[1] > 0 && versions[2] > versions[1], "v1/v2: " + versions[1] + "/" + versions[2]);
  }

  @Test
  void promptsJsonReadsBackAsThePromisedCollection() {
    Pbt.forAll(
        "promptsJson = promptCollection; Python's bytes",
        SIZED,
        s -> {
          String text = s.gen().promptsJson(s.size());
          Map<String, Object> doc = FbJson.parseObject(text);
          assertEquals(text, PythonJson.dumps(doc, text.startsWith("{\n    ") ? 4 : 2));
          assertEquals(s.gen().promptCollection(s.size()), PromptCollection.fromJson(text));
          Libber libber = s.gen().libber(s.size());
          assertEquals(libber, Libber.fromJson(s.gen().libberJson(s.size())));
        });
  }

  @Test
  void promptCollectionsRoundTripThroughJson() {
    Pbt.forAll(
        "promptCollection -> JSON -> equal; same bytes",
        SIZED,
        s -> {
          PromptCollection c = s.gen().promptCollection(s.size());
          String json = c.toJson();
          PromptCollection back = PromptCollection.fromJson(json);
          assertEquals(c, back);
          assertEquals(json, back.toJson());
          assertArrayEquals(
              json.getBytes(StandardCharsets.UTF_8),
              PromptCollection.fromJson(json.getBytes(StandardCharsets.UTF_8))
                  .toJson()
                  .getBytes(StandardCharsets.UTF_8));
          assertTrue(c.prompts().size() <= 2 * s.size(), c.prompts().size() + " > 2*" + s.size());
        });
  }

  @Test
  void libberJsonReadsBackAsTheLibberAndWritesItsOwnBytes() {
    int[] layouts = new int[2];
    Pbt.forAll(
        "libberJson reads back equal, writes its own bytes",
        FILE_TRIES,
        SIZED,
        s -> {
          String text = s.gen().libberJson(s.size());
          Libber expected = s.gen().libber(s.size());
          assertFalse(text.endsWith("\n"));
          Map<String, Object> doc = FbJson.parseObject(text);
          assertEquals(text, PythonJson.dumps(doc, 2));
          assertEquals(expected, Libber.fromJson(text));
          Path libbers = dir.resolve("libbers");
          write(libbers.resolve("gen.json"), text);
          try {
            LibberFiles files = LibberFiles.create();
            Optional<LibberFiles.Loaded> loaded = files.load(libbers, "gen");
            assertEquals(expected, loaded.orElseThrow().libber());
            LibberFiles.Written written = files.write(libbers, "gen", loaded.get().libber());
            if (!doc.containsKey("lib_dict")) {
              layouts[0]++;
              assertFalse(written.changed());
              assertEquals(text, read(libbers.resolve("gen.json")));
            } else {
              // The documented lib_dict form (alone or beside libs) is written back in the form
              // the extension reads.
              layouts[1]++;
              assertTrue(written.changed());
              assertEquals(expected.toJson(), read(libbers.resolve("gen.json")));
            }
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    assertTrue(layouts[0] > 0 && layouts[1] > 0, layouts[0] + "/" + layouts[1]);
  }

  @Test
  void theJavadocExampleOfFbGen() {
    FbGen gen = FbGen.of(42);
    String text = gen.promptsJson(20);
    PromptCollection c = PromptCollection.fromJson(text);
    assertEquals(gen.promptCollection(20), c);
    Libber libber = gen.libber(6, LibberOptions.builder().cycles(true).build());
    String input = gen.libberText(libber, 12);
    assertEquals(ReferenceLibber.substitute(libber, input), libber.substitute(input));
  }
}
