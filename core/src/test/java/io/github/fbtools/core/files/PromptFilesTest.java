package io.github.fbtools.core.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.json.FormatException;
import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.PromptMetadata;
import io.github.fbtools.core.json.FbJson;
import io.github.fbtools.core.testing.Pbt;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PromptFilesTest {
  @TempDir Path scene;

  private final PromptFiles prompts = PromptFiles.create();

  static byte[] fixture(String name) throws IOException {
    try (InputStream in = PromptFilesTest.class.getResourceAsStream("python/" + name)) {
      if (in == null) {
        throw new IOException("missing fixture " + name);
      }
      return in.readAllBytes();
    }
  }

  private Path file() {
    return PromptFiles.file(scene);
  }

  private Path backup() {
    return PromptFiles.backupFile(scene);
  }

  private List<String> folder() throws IOException {
    try (Stream<Path> s = Files.list(scene)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void missingFileIsAnEmptyCollection() throws IOException {
    PromptFiles.Loaded l = prompts.load(scene);
    assertEquals(PromptCollection.empty(), l.collection());
    assertEquals(PromptFiles.State.MISSING, l.state());
    assertEquals(Fingerprint.absent(), l.fingerprint());
    assertEquals(List.of(), folder(), "loading writes nothing");
  }

  @ParameterizedTest
  @ValueSource(strings = {"v1-indent4-ascii.json", "v1-indent2-raw.json"})
  void pythonWrittenVersionOneFilesLoad(String name) throws IOException {
    Files.write(file(), fixture(name));
    PromptFiles.Loaded l = prompts.load(scene);
    assertEquals(PromptFiles.State.V1, l.state());
    PromptCollection c = l.collection();
    assertEquals(List.of("four_image_prompt", "girl_pos", "wan_low_prompt", "wan_prompt"), c.promptNames());
    assertEquals("a woman, smiling, café", c.promptValue("girl_pos").orElseThrow());
    assertEquals("slow pan, \ud83d\ude00", c.promptValue("wan_prompt").orElseThrow());
    Map<String, Object> backup = c.v1Backup().orElseThrow();
    assertEquals(9, backup.size(), "every key kept, empty and non-string ones included");
    assertEquals(Map.of("a", List.of(1L, 2.5)), backup.get("nested"));
    assertTrue(l.fingerprint().toString().startsWith("sha256:"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"v2-indent4-ascii.json", "v2-indent2-raw.json"})
  void pythonWrittenVersionTwoFilesLoad(String name) throws IOException {
    Files.write(file(), fixture(name));
    PromptFiles.Loaded l = prompts.load(scene);
    assertEquals(PromptFiles.State.V2, l.state());
    PromptCollection c = l.collection();
    assertEquals(
        new PromptMetadata("%style% light", null, "d", List.of("a", "b"), "libber", "styles"),
        c.prompt("style").orElseThrow());
    assertEquals(Map.of("girl_pos", "a woman", "male_pos", ""), c.v1Backup().orElseThrow());
    assertEquals(Map.of("use_depth", true, "use_mask", false), c.sceneFlags().orElseThrow());
  }

  @Test
  void upgradingAVersionOneFileBacksUpTheOriginalBytesFirst() throws IOException {
    byte[] original = fixture("v1-indent4-ascii.json");
    Files.write(file(), original);
    PromptFiles.Loaded l = prompts.load(scene);
    PromptFiles.Written w = prompts.write(scene, l.collection().withPrompt("new", "x"), l.fingerprint());
    assertTrue(w.backupCreated());
    assertTrue(w.changed());
    assertArrayEquals(original, Files.readAllBytes(backup()));
    PromptFiles.Loaded after = prompts.load(scene);
    assertEquals(PromptFiles.State.V2, after.state());
    assertEquals(FbJson.parseObject(original), after.collection().v1Backup().orElseThrow());
    assertEquals(w.fingerprint(), after.fingerprint());
    assertEquals(List.of("prompts.json", "prompts.json.v1.backup"), folder());
  }

  @Test
  void aCollectionWithoutTheBackupStillGetsItWhenWritingOverVersionOne() throws IOException {
    byte[] original = fixture("v1-indent2-raw.json");
    Files.write(file(), original);
    prompts.write(scene, PromptCollection.empty().withPrompt("only", "this"));
    PromptCollection c = prompts.read(scene);
    assertEquals(FbJson.parseObject(original), c.v1Backup().orElseThrow());
    assertEquals(List.of("only"), c.promptNames());
  }

  @Test
  void theBackupSectionSurvivesASaveThatDropsIt() throws IOException {
    Files.write(file(), fixture("v2-indent4-ascii.json"));
    // The reference's UI save path posts a collection without v1_backup.
    prompts.write(scene, PromptCollection.empty().withPrompt("girl_pos", "edited"));
    PromptCollection c = prompts.read(scene);
    assertEquals(Map.of("girl_pos", "a woman", "male_pos", ""), c.v1Backup().orElseThrow());
    assertEquals("edited", c.promptValue("girl_pos").orElseThrow());
    assertFalse(Files.exists(backup()), "no v1 file on disk, so no backup file");
  }

  @Test
  void aDifferentBackupInTheCollectionIsRefused() throws IOException {
    Files.write(file(), fixture("v2-indent4-ascii.json"));
    byte[] before = Files.readAllBytes(file());
    PromptCollection other = PromptCollection.fromLegacy(Map.of("girl_pos", "someone else"));
    assertThrows(BackupConflictException.class, () -> prompts.write(scene, other));
    assertArrayEquals(before, Files.readAllBytes(file()));
    assertFalse(Files.exists(file().resolveSibling("prompts.json.lock")));
    assertFalse(Files.exists(backup()), "a refused write creates no backup");
  }

  /**
   * Issue 10 item 3: a collection loaded from a version 1 file that another tool changed since.
   * The forced write published a backup of the changed bytes and was then refused (409 "nothing
   * was written"), and every later write was refused too. Now the write backs up the bytes it
   * replaces and the version 2 file carries them as v1_backup.
   */
  @Test
  void aForcedWriteOverAChangedVersionOneFileBacksUpTheBytesItReplaces() throws IOException {
    Files.write(file(), fixture("v1-indent4-ascii.json"));
    PromptCollection session = prompts.read(scene).withPrompt("girl_pos", "edited");
    byte[] changed = "{\"girl_pos\": \"changed by Python\"}".getBytes(StandardCharsets.UTF_8);
    Files.write(file(), changed);
    PromptFiles.Written w = prompts.write(scene, session);
    assertTrue(w.backupCreated());
    assertArrayEquals(changed, Files.readAllBytes(backup()));
    PromptCollection saved = prompts.read(scene);
    assertEquals(FbJson.parseObject(changed), saved.v1Backup().orElseThrow());
    assertEquals(saved, w.collection());
    assertEquals("edited", saved.promptValue("girl_pos").orElseThrow());
    // The editor follows the save, and its next write goes through.
    PromptCollection followed = PromptFiles.withBackupOf(session, w.collection());
    assertEquals(saved.v1Backup(), followed.v1Backup());
    assertEquals(session.prompts(), followed.prompts());
    assertSame(followed, PromptFiles.withBackupOf(followed, w.collection()));
    PromptFiles.Written again =
        prompts.write(scene, followed.withPrompt("x", "y"), prompts.load(scene).fingerprint());
    assertTrue(again.changed());
    assertThrows(BackupConflictException.class, () -> prompts.write(scene, session));
    assertEquals(List.of("prompts.json", "prompts.json.v1.backup"), folder());
  }

  /** Issue 10 item 10: compare content, not bytes. */
  @Test
  void aFileHoldingTheSameJsonIsNotRewritten() throws IOException {
    String python = "{\n    \"version\": 2,\n    \"prompts\": {\n        \"a\": {\n"
        + "            \"value\": \"\\u00f1\",\n            \"processing_type\": \"raw\"\n"
        + "        }\n    },\n    \"compositions\": {}\n}";
    Files.writeString(file(), python);
    PromptFiles.Loaded l = prompts.load(scene);
    PromptFiles.Written w = prompts.write(scene, l.collection(), l.fingerprint());
    assertFalse(w.changed());
    assertEquals(l.fingerprint(), w.fingerprint(), "the fingerprint of the bytes that stay");
    assertEquals(python, Files.readString(file()));
    PromptFiles.Written edited =
        prompts.write(scene, l.collection().withPrompt("a", "x"), w.fingerprint());
    assertTrue(edited.changed());
  }

  @Test
  void anExistingDifferentBackupIsNeverOverwritten() throws IOException {
    byte[] v1 = fixture("v1-indent4-ascii.json");
    Files.write(file(), v1);
    byte[] oldBackup = "{\"girl_pos\": \"older\"}".getBytes(StandardCharsets.UTF_8);
    Files.write(backup(), oldBackup);
    BackupConflictException e =
        assertThrows(
            BackupConflictException.class, () -> prompts.write(scene, prompts.read(scene)));
    assertTrue(e.getMessage().contains("never overwritten"), e.getMessage());
    assertArrayEquals(v1, Files.readAllBytes(file()));
    assertArrayEquals(oldBackup, Files.readAllBytes(backup()));
    assertEquals(List.of("prompts.json", "prompts.json.v1.backup"), folder());
  }

  @Test
  void anExistingEqualBackupIsReusedAfterACrashBetweenTheSteps() throws IOException {
    byte[] v1 = fixture("v1-indent4-ascii.json");
    Files.write(file(), v1);
    Files.write(backup(), v1);
    FileTime mtime = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(backup(), mtime);
    PromptFiles.Written w = prompts.write(scene, prompts.read(scene));
    assertFalse(w.backupCreated());
    assertEquals(PromptFiles.State.V2, prompts.load(scene).state());
    assertEquals(mtime, Files.getLastModifiedTime(backup()));
  }

  /** Read from the bytes, a file's errors still name the file, line and column (issue 15). */
  @Test
  void errorsReadFromTheBytesNameTheirLineAndColumn() throws IOException {
    byte[] badUtf8 = "{\n  \"girl_pos\": \"caf\u00e9\"\n}".getBytes(StandardCharsets.UTF_8);
    badUtf8[18] = (byte) 0xC3; // a lead byte followed by a quote: invalid UTF-8 on line 2
    Files.write(file(), badUtf8);
    FormatException utf8 = assertThrows(FormatException.class, () -> prompts.load(scene));
    assertEquals(2, utf8.line());
    assertTrue(utf8.reason().contains("invalid UTF-8"), utf8.getMessage());
    assertEquals(file().toString(), utf8.file().orElseThrow());
    byte[] field =
        "{\"version\": 2,\n \"prompts\": {\n  \"\u00e9t\u00e9\": {\"value\": 1}}}"
            .getBytes(StandardCharsets.UTF_8);
    Files.write(file(), field);
    FormatException e = assertThrows(FormatException.class, () -> prompts.load(scene));
    assertEquals("/prompts/\u00e9t\u00e9/value", e.path().orElseThrow());
    assertEquals(3, e.line());
    assertEquals(20, e.column()); // counted in chars, as before: "\u00e9" is one column
    assertEquals(file().toString(), e.file().orElseThrow());
  }

  @Test
  void corruptFilesAreErrorsAndNothingIsWrittenOverThem() throws IOException {
    byte[] corrupt = "{\n  \"version\": 2,\n  \"prompts\": {\"a\": 5}\n}".getBytes(StandardCharsets.UTF_8);
    Files.write(file(), corrupt);
    FormatException e = assertThrows(FormatException.class, () -> prompts.load(scene));
    assertEquals(file().toString(), e.file().orElseThrow());
    assertEquals(3, e.line());
    assertThrows(FormatException.class, () -> prompts.write(scene, PromptCollection.empty()));
    assertArrayEquals(corrupt, Files.readAllBytes(file()));
    assertEquals(List.of("prompts.json"), folder());
    Files.write(file(), new byte[] {'{', '"'});
    FormatException truncated = assertThrows(FormatException.class, () -> prompts.load(scene));
    assertTrue(truncated.getMessage().startsWith(file().toString()), truncated.getMessage());
    Files.write(file(), new byte[0]);
    assertThrows(FormatException.class, () -> prompts.load(scene));
  }

  @Test
  void aFileChangedSinceLoadingIsNotOverwritten() throws IOException {
    prompts.write(scene, PromptCollection.empty().withPrompt("a", "1"));
    PromptFiles.Loaded mine = prompts.load(scene);
    prompts.write(scene, mine.collection().withPrompt("b", "theirs"));
    byte[] theirs = Files.readAllBytes(file());
    FileChangedException e =
        assertThrows(
            FileChangedException.class,
            () -> prompts.write(scene, mine.collection().withPrompt("c", "mine"), mine.fingerprint()));
    assertEquals(mine.fingerprint(), e.expected());
    assertEquals(Fingerprint.ofNullable(theirs), e.actual());
    assertArrayEquals(theirs, Files.readAllBytes(file()));
    assertThrows(
        FileChangedException.class,
        () -> prompts.write(scene, PromptCollection.empty(), Fingerprint.absent()));
    Path other = Files.createDirectory(scene.resolve("other"));
    PromptFiles.Written created = prompts.write(other, PromptCollection.empty(), Fingerprint.absent());
    assertTrue(created.changed());
  }

  /** RELIABILITY T1.10: version edge cases, each keeping every original key. */
  @Test
  void versionEdgeCases() throws IOException {
    String[][] cases = {
      {"{}", "V1", ""},
      {"{\"version\": 2}", "V2", ""},
      {"{\"prompts\": \"as a prompt\", \"girl_pos\": \"g\"}", "V1", "girl_pos,prompts"},
      {"{\"prompts\": [\"not\", \"items\"], \"girl_pos\": \"g\"}", "V2!", ""},
      {"{\"girl_pos\": 5, \"male_pos\": null, \"x\": \"\", \"y\": \" \"}", "V1", "y"},
      {"{\"version\": 1, \"prompts\": {\"a\": \"b\"}}", "V1", ""}
    };
    for (String[] c : cases) {
      Path dir = Files.createTempDirectory(scene, "case");
      Path f = PromptFiles.file(dir);
      byte[] original = c[0].getBytes(StandardCharsets.UTF_8);
      Files.write(f, original);
      if (c[1].equals("V2!")) {
        assertThrows(FormatException.class, () -> prompts.load(dir), c[0]);
        continue;
      }
      PromptFiles.Loaded l = prompts.load(dir);
      assertEquals(PromptFiles.State.valueOf(c[1]), l.state(), c[0]);
      assertEquals(c[2], String.join(",", l.collection().promptNames()), c[0]);
      prompts.write(dir, l.collection());
      if (l.state() == PromptFiles.State.V1) {
        assertArrayEquals(original, Files.readAllBytes(PromptFiles.backupFile(dir)), c[0]);
        assertEquals(
            FbJson.parseObject(original), prompts.read(dir).v1Backup().orElseThrow(), c[0]);
      } else {
        assertFalse(Files.exists(PromptFiles.backupFile(dir)), c[0]);
      }
    }
    Files.writeString(file(), "{\"version\": \"2\", \"prompts\": {}}");
    assertThrows(FormatException.class, () -> prompts.load(scene));
    Files.writeString(file(), "{\"version\": 3, \"prompts\": {}}");
    FormatException e = assertThrows(FormatException.class, () -> prompts.load(scene));
    assertTrue(e.getMessage().contains("unsupported"), e.getMessage());
  }

  /** RELIABILITY T1.6: idempotence, and a backup section that never changes. */
  @Test
  void migrationIsIdempotentAndTheBackupNeverChanges() throws IOException {
    byte[] v1 = fixture("v1-indent4-ascii.json");
    Files.write(file(), v1);
    prompts.write(scene, prompts.read(scene));
    byte[] first = Files.readAllBytes(file());
    FileTime backupTime = FileTime.fromMillis(1_500_000_000_000L);
    Files.setLastModifiedTime(backup(), backupTime);
    FileTime fileTime = FileTime.fromMillis(1_600_000_000_000L);
    Files.setLastModifiedTime(file(), fileTime);
    for (int run = 2; run <= 3; run++) {
      PromptFiles.Written w = prompts.write(scene, prompts.read(scene));
      assertFalse(w.changed(), "run " + run);
      assertFalse(w.backupCreated(), "run " + run);
      assertArrayEquals(first, Files.readAllBytes(file()));
      assertEquals(fileTime, Files.getLastModifiedTime(file()), "identical bytes are not rewritten");
    }
    String backupSection = FbJson.write(prompts.read(scene).v1Backup().orElseThrow());
    SplittableRandom r = new SplittableRandom(42);
    for (int i = 0; i < 100; i++) {
      PromptCollection c = prompts.read(scene);
      c = r.nextBoolean() ? c.withPrompt("p" + r.nextInt(10), "v" + i) : c.withoutPrompt("p" + r.nextInt(10));
      prompts.write(scene, c);
      assertEquals(backupSection, FbJson.write(prompts.read(scene).v1Backup().orElseThrow()));
    }
    assertArrayEquals(v1, Files.readAllBytes(backup()));
    assertEquals(backupTime, Files.getLastModifiedTime(backup()));
    assertEquals(List.of("prompts.json", "prompts.json.v1.backup"), folder());
  }

  @Test
  void roundTripsAreByteIdenticalOnTheSecondSave() {
    Pbt.forAll(
        "prompts.json save, load, save",
        200,
        io.github.fbtools.core.testing.ModelGens.COLLECTIONS,
        c -> {
          try {
            Path dir = Files.createTempDirectory(scene, "rt");
            prompts.write(dir, c);
            byte[] once = Files.readAllBytes(PromptFiles.file(dir));
            PromptCollection back = prompts.read(dir);
            assertEquals(c, back);
            assertFalse(prompts.write(dir, back).changed());
            assertArrayEquals(once, Files.readAllBytes(PromptFiles.file(dir)));
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }

  @Test
  void oversizedFilesAreRefusedWithoutReadingThemWhole() throws IOException {
    byte[] big = new byte[FileKind.PROMPTS.maxFileBytes() + 10];
    java.util.Arrays.fill(big, (byte) ' ');
    big[0] = '{';
    big[big.length - 1] = '}';
    Files.write(file(), big);
    FormatException e = assertThrows(FormatException.class, () -> prompts.load(scene));
    assertTrue(e.getMessage().contains("larger than"), e.getMessage());
  }
}
