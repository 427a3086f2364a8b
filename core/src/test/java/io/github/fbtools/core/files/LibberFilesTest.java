package io.github.fbtools.core.files;

import static io.github.fbtools.core.files.FilesTesting.copyFixture;
import static io.github.fbtools.core.files.FilesTesting.fixtureBytes;
import static io.github.fbtools.core.files.FilesTesting.names;
import static io.github.fbtools.core.files.FilesTesting.snapshot;
import static io.github.fbtools.core.files.FilesTesting.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.json.FormatException;
import io.github.fbtools.core.InvalidNameException;
import io.github.fbtools.core.Libber;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LibberFilesTest {
  @TempDir Path tmp;

  private final LibberFiles libbers = LibberFiles.using(FilesTesting.fastFiles());
  private Path dir;

  @BeforeEach
  void copyPythonLibbers() throws IOException {
    dir = copyFixture("libbers", tmp.resolve("libbers"));
  }

  private static Map<String, String> pythonLibs() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("hair", "long %color% hair");
    m.put("color", "red");
    m.put("café", "crème brûlée ☕");
    m.put("emoji", "smile \ud83d\ude00");
    m.put("Mixed Case", "kept as written");
    return m;
  }

  // ---------------------------------------------------------------------------------------------
  // Files written by Python

  @Test
  void loadsTheReferencesFormatIndent2RawNoFinalNewline() throws IOException {
    LibberFiles.Loaded loaded = libbers.load(dir, "characters").orElseThrow();
    assertEquals(pythonLibs(), loaded.libber().libs());
    assertEquals(List.copyOf(pythonLibs().keySet()), List.copyOf(loaded.libber().libs().keySet()));
    assertEquals("%", loaded.libber().delimiter());
    assertEquals(10, loaded.libber().maxDepth());
    assertEquals(
        Fingerprint.ofNullable(fixtureBytes("libbers/characters.json")), loaded.fingerprint());
    assertEquals("long red hair", loaded.libber().substitute("%hair%"));
  }

  @Test
  void loadsIndent4EnsureAsciiWithAnotherDelimiterAndDepth() throws IOException {
    Libber libber = libbers.load(dir, "ascii4").orElseThrow().libber();
    assertEquals(pythonLibs(), libber.libs());
    assertEquals("##", libber.delimiter());
    assertEquals(5, libber.maxDepth());
  }

  @Test
  void loadsTheDocumentedLibDictFormatNeverAsEmpty() throws IOException {
    Libber libber = libbers.load(dir, "documented").orElseThrow().libber();
    assertEquals(Map.of("a", "x", "b", "%a% y"), libber.libs());
    assertEquals("x y", libber.substitute("%b%"));
  }

  @Test
  void loadsTheGetDataShapeKeepingItsKeysField() throws IOException {
    Libber libber = libbers.load(dir, "get data").orElseThrow().libber();
    assertEquals(Map.of("a", "x", "b", "%a% y"), libber.libs());
    assertEquals(List.of("a", "b"), libber.extraFields().get("keys"));
  }

  @Test
  void nullAndEmptyLibsAreEmptyLibbers() throws IOException {
    assertTrue(libbers.load(dir, "null libs").orElseThrow().libber().libs().isEmpty());
    assertTrue(libbers.load(dir, "empty").orElseThrow().libber().libs().isEmpty());
  }

  // ---------------------------------------------------------------------------------------------
  // Missing versus corrupt

  @Test
  void aMissingFileOrFolderIsEmptyNotAnEmptyLibber() throws IOException {
    assertEquals(Optional.empty(), libbers.load(dir, "nobody"));
    assertEquals(Optional.empty(), libbers.load(tmp.resolve("no such folder"), "characters"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"libs\": {\"a\": \"x\"},\n  \"delimiter\": \"%\"",
        "",
        "[1, 2]",
        "{\"libs\": [\"a\"]}",
        "{\"libs\": {\"a\": 1}}",
        "{\"libs\": {}, \"max_depth\": 101}",
        "{\"libs\": {}, \"max_depth\": \"10\"}",
        "{\"libs\": {}, \"delimiter\": null}",
        "{\"libs\": {\"a\": \"x\"}, \"lib_dict\": {\"a\": \"y\"}}",
        "{\"a\": 1, \"a\": 2}"
      })
  void aCorruptFileIsAFormatExceptionNamingFileLineAndColumnAndNothingIsWritten(String text)
      throws IOException {
    Path file = write(dir.resolve("bad.json"), text);
    Map<String, String> before = snapshot(tmp, true);
    FormatException e = assertThrows(FormatException.class, () -> libbers.load(dir, "bad"));
    assertEquals(file.toRealPath().toString(), e.file().orElseThrow());
    assertTrue(e.line() > 0, e.getMessage());
    assertTrue(e.column() > 0, e.getMessage());
    assertEquals(before, snapshot(tmp, true));
  }

  @Test
  void invalidUtf8IsAFormatException() throws IOException {
    Files.write(dir.resolve("latin1.json"), "{\"libs\": {\"a\": \"caf\u00e9\"}}".getBytes(StandardCharsets.ISO_8859_1));
    FormatException e = assertThrows(FormatException.class, () -> libbers.load(dir, "latin1"));
    assertTrue(e.reason().contains("UTF-8"), e.reason());
    assertTrue(e.file().isPresent());
  }

  @Test
  void aFileOverTheSizeLimitIsRefusedWithoutReadingItAll() throws IOException {
    byte[] big = new byte[FileKind.LIBBER.maxFileBytes() + 10];
    java.util.Arrays.fill(big, (byte) ' ');
    Files.write(dir.resolve("big.json"), big);
    FormatException e = assertThrows(FormatException.class, () -> libbers.load(dir, "big"));
    assertTrue(e.reason().contains("larger than"), e.reason());
    assertThrows(FormatException.class, () -> libbers.write(dir, "big", Libber.empty()));
    assertEquals(big.length, Files.size(dir.resolve("big.json")));
  }

  @Test
  void aLinkOutOfTheFolderIsRefused() throws IOException {
    Path outside = write(tmp.resolve("outside.json"), "{\"libs\": {}}");
    Files.createSymbolicLink(dir.resolve("evil.json"), outside);
    assertThrows(UnsafeLinkException.class, () -> libbers.load(dir, "evil"));
    assertThrows(UnsafeLinkException.class, () -> libbers.write(dir, "evil", Libber.empty()));
    assertEquals("{\"libs\": {}}", FilesTesting.read(outside));
  }

  // ---------------------------------------------------------------------------------------------
  // Writing

  @Test
  void writesTheLibsFormatAndLoadsItBack() throws IOException {
    Libber libber = Libber.of(pythonLibs(), "%", 7).withLib("New Key", "v");
    LibberFiles.Written w = libbers.write(dir, "fresh", libber);
    assertTrue(w.changed());
    byte[] bytes = Files.readAllBytes(dir.resolve("fresh.json"));
    assertArrayEquals(libber.toJson().getBytes(StandardCharsets.UTF_8), bytes);
    assertEquals(Fingerprint.ofNullable(bytes), w.fingerprint());
    LibberFiles.Loaded loaded = libbers.load(dir, "fresh").orElseThrow();
    assertEquals(libber, loaded.libber());
    assertEquals(w.fingerprint(), loaded.fingerprint());
    assertEquals(List.of("fresh.json"), names(dir).stream().filter(n -> n.startsWith("fresh")).toList());
  }

  @Test
  void savingAnUnchangedPythonFileLeavesItsBytesAndTimeStamp() throws IOException {
    Map<String, String> before = snapshot(dir);
    for (String name : List.of("characters", "ascii4", "empty")) {
      LibberFiles.Loaded loaded = libbers.load(dir, name).orElseThrow();
      LibberFiles.Written w = libbers.write(dir, name, loaded.libber(), loaded.fingerprint());
      assertFalse(w.changed(), name);
      assertEquals(loaded.fingerprint(), w.fingerprint(), name);
    }
    assertEquals(before, snapshot(dir));
  }

  @Test
  void theDocumentedFormatIsRewrittenAsLibsAndTheSecondSaveIsByteIdentical() throws IOException {
    LibberFiles.Loaded loaded = libbers.load(dir, "documented").orElseThrow();
    assertTrue(libbers.write(dir, "documented", loaded.libber(), loaded.fingerprint()).changed());
    String text = FilesTesting.read(dir.resolve("documented.json"));
    assertTrue(text.startsWith("{\n  \"libs\": {"), text);
    assertFalse(text.contains("lib_dict"), text);
    Map<String, String> once = snapshot(dir);
    LibberFiles.Loaded again = libbers.load(dir, "documented").orElseThrow();
    assertEquals(loaded.libber(), again.libber());
    assertFalse(libbers.write(dir, "documented", again.libber(), again.fingerprint()).changed());
    assertEquals(once, snapshot(dir));
  }

  @Test
  void aStaleFingerprintIsRefusedAndTheFileKeepsTheOtherWritersBytes() throws IOException {
    LibberFiles.Loaded mine = libbers.load(dir, "characters").orElseThrow();
    LibberFiles.Loaded theirs = libbers.load(dir, "characters").orElseThrow();
    LibberFiles.Written w =
        libbers.write(dir, "characters", theirs.libber().withLib("x", "theirs"), theirs.fingerprint());
    Map<String, String> before = snapshot(tmp);
    FileChangedException e =
        assertThrows(
            FileChangedException.class,
            () ->
                libbers.write(
                    dir, "characters", mine.libber().withLib("x", "mine"), mine.fingerprint()));
    assertEquals(mine.fingerprint(), e.expected());
    assertEquals(w.fingerprint(), e.actual());
    assertEquals(before, snapshot(tmp));
    assertEquals(Optional.of("theirs"), libbers.load(dir, "characters").orElseThrow().libber().lib("x"));
  }

  @Test
  void absentAsExpectedFingerprintCreatesOnlyANewLibber() throws IOException {
    assertTrue(libbers.write(dir, "brand new", Libber.empty(), Fingerprint.absent()).changed());
    Map<String, String> before = snapshot(tmp);
    assertThrows(
        FileChangedException.class,
        () -> libbers.write(dir, "brand new", Libber.of(Map.of("a", "b")), Fingerprint.absent()));
    assertEquals(before, snapshot(tmp));
  }

  @Test
  void aCorruptFileIsNeverOverwritten() throws IOException {
    write(dir.resolve("torn.json"), "{\"libs\": {\"a\": \"half");
    Map<String, String> before = snapshot(tmp);
    FormatException e =
        assertThrows(FormatException.class, () -> libbers.write(dir, "torn", Libber.empty()));
    assertTrue(e.file().orElseThrow().endsWith("torn.json"));
    assertEquals(before, snapshot(tmp));
  }

  @Test
  void writingIntoAMissingFolderIsNoSuchFile() {
    Path missing = tmp.resolve("missing");
    assertThrows(NoSuchFileException.class, () -> libbers.write(missing, "a", Libber.empty()));
    assertFalse(Files.exists(missing));
  }

  // ---------------------------------------------------------------------------------------------
  // Names

  @Test
  void hostileNamesAreRefusedBeforeAnyFileSystemCall() {
    FilesTesting.Counting counting = new FilesTesting.Counting();
    LibberFiles spied = LibberFiles.using(counting.files());
    List<String> hostile = SafeNamesTest.hostileNames();
    for (String name : hostile) {
      assertThrows(InvalidNameException.class, () -> spied.load(dir, name));
      assertThrows(InvalidNameException.class, () -> spied.write(dir, name, Libber.empty()));
      assertThrows(
          InvalidNameException.class,
          () -> spied.write(dir, name, Libber.empty(), Fingerprint.absent()));
    }
    assertEquals(0, counting.calls.get(), "file-system calls for " + hostile.size() + " names");
  }

  @Test
  void listsValidJsonStemsByCodePointIgnoringEverythingElse() throws IOException {
    // U+FF21 sorts before U+1D400 by code point, after it by UTF-16 unit.
    write(dir.resolve("\uff21.json"), "{}");
    write(dir.resolve("\ud835\udc00.json"), "{}");
    write(dir.resolve("a b.json"), "{}");
    write(dir.resolve("a.json"), "{}");
    write(dir.resolve("notes.txt"), "{}");
    write(dir.resolve(".hidden.json"), "{}");
    write(dir.resolve("con.json"), "{}");
    write(dir.resolve("trailing..json"), "{}");
    write(dir.resolve("a.json.lock"), "");
    write(dir.resolve("a.json.123.0123456789abcdef.tmp"), "");
    write(dir.resolve(".json"), "{}");
    Files.createDirectory(dir.resolve("folder.json"));
    Files.createSymbolicLink(dir.resolve("out.json"), write(tmp.resolve("x.json"), "{}"));
    Files.createSymbolicLink(dir.resolve("dangling.json"), dir.resolve("nowhere.json"));
    Files.createSymbolicLink(dir.resolve("alias.json"), dir.resolve("a.json"));
    assertEquals(
        List.of(
            "a", "a b", "alias", "ascii4", "characters", "documented", "empty", "get data",
            "null libs", "\uff21", "\ud835\udc00"),
        libbers.list(dir));
  }

  @Test
  void listingAMissingFolderIsEmptyAndAFileIsNotAFolder() throws IOException {
    assertEquals(List.of(), libbers.list(tmp.resolve("none")));
    Path file = write(tmp.resolve("file"), "x");
    assertThrows(NotDirectoryException.class, () -> libbers.list(file));
  }

  @Test
  void createUsesTheRealFileSystem() throws IOException {
    LibberFiles real = LibberFiles.create();
    real.write(dir, "real", Libber.of(Map.of("k", "v")));
    assertEquals(Optional.of("v"), real.load(dir, "real").orElseThrow().libber().lib("k"));
  }

  /**
   * Issue 10 item 18: a LibberSource over a folder of Libber files, read through LibberFiles,
   * names checked by SafeNames before any file-system call, each file read once.
   */
  @Test
  void aSourceOverAFolderReadsEachLibberOnceAndChecksNames() throws IOException {
    Path dir = java.nio.file.Files.createDirectories(tmp.resolve("libbers-source"));
    write(dir.resolve("noir.json"), "{\"libs\": {\"courier\": \"a courier\"}}");
    write(dir.resolve("broken.json"), "{\"libs\": {\"a\": 1}}");
    FilesTesting.Counting counting = new FilesTesting.Counting();
    io.github.fbtools.core.LibberSource source = LibberFiles.using(counting.files()).source(dir);
    assertEquals(
        "a courier", source.libber("noir").orElseThrow().lib("courier").orElseThrow());
    int calls = counting.calls.get();
    assertEquals("a courier", source.libber("noir").orElseThrow().lib("courier").orElseThrow());
    assertEquals(calls, counting.calls.get(), "read once, then kept");
    assertEquals(Optional.empty(), source.libber("nope"));
    int before = counting.calls.get();
    assertThrows(io.github.fbtools.core.InvalidNameException.class, () -> source.libber("../x"));
    assertEquals(before, counting.calls.get(), "no file-system call for a refused name");
    io.github.fbtools.core.json.FormatException e =
        assertThrows(io.github.fbtools.core.json.FormatException.class, () -> source.libber("broken"));
    assertTrue(e.file().orElseThrow().endsWith("broken.json"), e.getMessage());
    assertEquals(
        "a courier",
        LibberFiles.create().source(dir).libber("noir").orElseThrow().substitute("%courier%"));
    assertEquals(
        Optional.empty(), LibberFiles.create().source(dir.resolve("none")).libber("a"));
  }
}
