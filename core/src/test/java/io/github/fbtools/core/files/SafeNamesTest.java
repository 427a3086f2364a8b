package io.github.fbtools.core.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.InvalidNameException;
import io.github.fbtools.core.files.SafeNames.Kind;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** P1, P2 and P4 of RELIABILITY.md §4, and the rules of {@link SafeNames} one by one. */
class SafeNamesTest {
  @TempDir Path tmp;

  /** A {@link FileOps} that counts every call and performs none. */
  private static final class Spy extends ForwardingFileOps {
    final AtomicInteger calls = new AtomicInteger();

    Spy() {
      super(FileOps.system());
    }

    @Override
    public Path toRealPath(Path path) throws IOException {
      calls.incrementAndGet();
      return super.toRealPath(path);
    }

    @Override
    public java.nio.file.attribute.BasicFileAttributes attributes(Path file, boolean follow)
        throws IOException {
      calls.incrementAndGet();
      return super.attributes(file, follow);
    }

    @Override
    public java.util.List<Path> list(Path dir) throws IOException {
      calls.incrementAndGet();
      return super.list(dir);
    }

    @Override
    public byte[] read(Path file, int maxBytes) throws IOException {
      calls.incrementAndGet();
      return super.read(file, maxBytes);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // P1: hostile names

  static List<String> hostileNames() {
    Set<String> names = new LinkedHashSet<>();
    names.addAll(
        List.of(
            "..", "../x", "..\\x", "/x", "\\x", "C:x", "C:\\x", "c:", "\\\\server\\share",
            "//server/share", "x/../..", "x/..", "a/b", "a\\b", "%2e%2e%2f", "%2e%2e/",
            "..%2f", "%252e%252e%252f", "..%c0%af", "..%c1%9c", "%c0%ae%c0%ae/",
            "\uff0e\uff0e\uff0fx", "\uff0e\uff0e", "x\u0000.png", "\u0000", "CON", "con", "Con",
            "con.png", "CON.txt", "CON .txt", "con.tar.gz", "PRN", "AUX", "NUL", "nul.json",
            "COM0", "COM1", "com9.log", "LPT1", "LPT9.txt", "lpt5", "CONIN$", "CONOUT$",
            "conin$.txt", "CLOCK$", "name.", "name ", "name. ", "name..", ".", "", " ", "  ",
            ".hidden", "-rf", "-", "--help", "_private", "~user", "~", "$HOME", "${jndi:x}",
            "a:b", "a*b", "a?b", "a\"b", "a<b", "a>b", "a|b", ":", "*", "?", "\"", "<", ">", "|",
            "a\u202eb", "\u202egnp.exe", "a\u2215b", "\u2215etc", "a\u2044b", "a\uff0fb",
            "a\uff3cb", "a\u29f8b", "a\u200bb", "\ufeffname", "a\u2028b", "a\u00a0", "a\u3000b",
            "a\u0085b", "a\u007fb", "file:///etc/passwd", "http://x/y", "a\tb", "a\nb", "a\rb",
            "x.png\u0000.txt", "...", "....//", "..../", "a/", "/", "\\", "scene/../../etc",
            "\ud800", "a\udc00b", "\ud83d", "COM\u00b9", "LPT\u00b3.txt", "\uff23\uff2f\uff2e",
            "\uff23\uff2f\uff2e.png", "a\ufe52\ufe52b", "a\u2024\u2024b", "x\ufe30y", "\u2025x"));
    names.add("a".repeat(300));
    names.add("b".repeat(129));
    names.add("\u00e9".repeat(200));
    for (int c = 1; c < 0x20; c++) {
      names.add(String.valueOf((char) c));
      names.add("a" + (char) c + "b");
      names.add("scene" + (char) c);
    }
    String bad = "/\\:*?\"<>|%\u0000\u007f\u202e\u2215\uff0f\u2044\uff3c\u200b\u2028\u0085";
    for (char c : bad.toCharArray()) {
      names.add(c + "a");
      names.add("a" + c);
      names.add("000_scene" + c + "00.png");
    }
    for (String reserved :
        List.of("CON", "PRN", "AUX", "NUL", "COM1", "COM5", "COM9", "LPT1", "LPT4", "LPT9")) {
      names.add(reserved.toLowerCase(Locale.ROOT) + ".png");
      names.add(reserved.charAt(0) + reserved.substring(1).toLowerCase(Locale.ROOT) + ".json");
      names.add(reserved + " .tar.gz");
    }
    for (String traversal : List.of("..", "../..", "..\\..", "%2e%2e", "\uff0e\uff0e")) {
      names.add(traversal + "/scene");
      names.add("scene/" + traversal);
      names.add("a" + traversal + "b");
    }
    return new ArrayList<>(names);
  }

  @Test
  void p1EveryHostileNameIsRefusedByEveryKindWithoutTouchingTheFileSystem() throws IOException {
    List<String> hostile = hostileNames();
    assertTrue(hostile.size() >= 300, "hostile corpus: " + hostile.size());
    Path realRoot = tmp.toRealPath();
    Spy spy = new Spy();
    int refusals = 0;
    for (Kind kind : Kind.values()) {
      for (String name : hostile) {
        String shown = kind + " " + InvalidNameException.echo(name);
        assertFalse(SafeNames.isValid(kind, name), shown);
        InvalidNameException e =
            assertThrows(InvalidNameException.class, () -> SafeNames.validate(kind, name), shown);
        assertEquals(kind.label(), e.kind());
        assertTrue(e.getMessage().contains(InvalidNameException.echo(name)), e.getMessage());
        assertTrue(e.getMessage().length() <= 64 * 6 + 200, "bounded message: " + shown);
        assertFalse(e.getMessage().contains("a".repeat(65)), "echo of at most 64 chars");
        assertThrows(
            InvalidNameException.class, () -> SafeNames.resolve(spy, tmp, kind, name), shown);
        assertThrows(
            InvalidNameException.class,
            () -> SafeNames.resolveUnderRealRoot(spy, realRoot, kind, name),
            shown);
        refusals++;
      }
    }
    assertEquals(0, spy.calls.get(), "file-system calls for rejected names");
    System.out.println(
        "P1: " + hostile.size() + " hostile names x " + Kind.values().length + " kinds = "
            + refusals + " refusals, 0 file-system calls");
  }

  @Test
  void theEchoIsBoundedAndEscaped() {
    String name = "\u001b[31m" + "x".repeat(100);
    InvalidNameException e =
        assertThrows(InvalidNameException.class, () -> SafeNames.validate(Kind.SCENE, name));
    assertFalse(e.getMessage().contains("\u001b"));
    assertTrue(e.getMessage().contains("\\u001b[31m"));
    assertTrue(e.getMessage().contains("(105 chars)"), e.getMessage());
    assertFalse(e.getMessage().contains("x".repeat(60)));
  }

  /**
   * Issue 10 item 15: every non-ASCII character was escaped ({@code caf\u00e9_\u00f1}) although
   * the docs say only control characters are; names are shown as written, and only what could
   * forge or hide text is escaped.
   */
  @Test
  void theEchoShowsNamesAsWrittenAndEscapesOnlyControlAndInvisibleFormatting() {
    assertEquals("\"café_ñ 日本 😀\"", InvalidNameException.echo("café_ñ 日本 😀"));
    InvalidNameException e =
        assertThrows(InvalidNameException.class, () -> SafeNames.validate(Kind.SCENE, "café/ñ"));
    assertTrue(e.getMessage().startsWith("invalid scene name \"café/ñ\": "), e.getMessage());
    assertEquals(
        "\"a\\u000ab\\u0085c\\u2028d\\u202ee\\u2066f\\u0022g\\u005ch\\ud800i\\u007f\"",
        InvalidNameException.echo("a\nb\u0085c\u2028d\u202ee\u2066f\"g\\h\ud800i\u007f"));
    // at most 64 code points: a pair is never cut in half
    String emoji = "😀".repeat(70);
    String echoed = InvalidNameException.echo(emoji);
    assertEquals("\"" + "😀".repeat(64) + "\"... (70 chars)", echoed);
  }

  @Test
  void eachRuleHasItsOwnReason() {
    Map<String, String> reasons =
        Map.of(
            "", "must not be empty",
            "a".repeat(65), "longer than 64 characters",
            "a/b", "only letters",
            "a..b", "must not contain '..'",
            "name.", "must not end with '.' or a space",
            "CON.png", "reserved device name",
            "\uff23\uff2f\uff2e", "compatibility form (NFKC) is a reserved device name");
    for (Map.Entry<String, String> r : reasons.entrySet()) {
      InvalidNameException e =
          assertThrows(InvalidNameException.class, () -> SafeNames.validate(Kind.SCENE, r.getKey()));
      assertTrue(e.reason().contains(r.getValue()), e.reason() + " for " + r.getKey());
    }
    assertTrue(
        assertThrows(InvalidNameException.class, () -> SafeNames.validate(Kind.JOB, "\u00e9t\u00e9"))
            .reason()
            .contains("ASCII"));
    assertTrue(
        assertThrows(InvalidNameException.class, () -> SafeNames.validate(Kind.FILE, "a b.png"))
            .reason()
            .startsWith("only letters, digits, '.'"));
  }

  // ---------------------------------------------------------------------------------------------
  // P2: realistic names

  private static Map<Kind, List<String>> validNames() {
    List<String> files = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      files.add(String.format("%03d_scene_%02d.png", i * 10 + 3, i % 100));
    }
    files.addAll(
        List.of(
            "999_scene_99.png", "000_opening_00.jpg", "001_action_01.webp", "prompts.json",
            "prompts.json.v1.backup", "lora_stack.json", "pose.json", "story.json", "loras.json",
            "000_opening_to_001_action.mp4", "caf\u00e9.json", "\u65e5\u672c.png", "a-b_c.d"));
    List<String> labels =
        List.of(
            "opening", "opening scene", "Scene 2", "sc\u00e8ne d'ouverture".replace("'", " "),
            "\u65e5\u672c\u8a9e\u306e\u30b7\u30fc\u30f3", "\u00dcn\u00efc\u00f6d\u00e9", "scene-01",
            "v1.2", "a", "9 lives", "\u0441\u0446\u0435\u043d\u0430", "\u05e1\u05e6\u05e0\u05d4",
            "e\u0301t\u00e9", "my_story", "Story.Final", "con1", "console", "lpt10", "COMA",
            "x".repeat(64));
    List<String> ids =
        List.of(
            "20250101_120000_abc123", "20991231_235959_zzzzzz", "job-1", "job.2", "A1",
            "run_2025-01-01", "x".repeat(64), "Aa0-_.z");
    return Map.of(
        Kind.FILE, files,
        Kind.SCENE, labels,
        Kind.STORY, labels,
        Kind.LIBBER, labels,
        Kind.JOB, ids,
        Kind.EXEC_ID, ids);
  }

  @Test
  void p2RealisticNamesAreAcceptedAndResolveToExactlyOneSegment() throws IOException {
    Path realRoot = tmp.toRealPath();
    int accepted = 0;
    Set<String> distinct = new LinkedHashSet<>();
    for (Map.Entry<Kind, List<String>> e : validNames().entrySet()) {
      for (String name : e.getValue()) {
        Kind kind = e.getKey();
        assertSame(name, SafeNames.validate(kind, name), kind + " " + name);
        assertTrue(SafeNames.isValid(kind, name));
        Path p = SafeNames.resolve(tmp, kind, name);
        assertEquals(realRoot.resolve(name), p);
        assertEquals(realRoot, p.getParent());
        assertEquals(realRoot.getNameCount() + 1, p.getNameCount());
        assertEquals(name, p.getFileName().toString());
        assertEquals(p, SafeNames.resolveUnderRealRoot(realRoot, kind, name));
        accepted++;
        distinct.add(name);
      }
    }
    assertTrue(distinct.size() >= 100, "valid corpus: " + distinct.size());
    System.out.println("P2: " + distinct.size() + " names, " + accepted + " (kind, name) accepted");
  }

  @Test
  void kindsDescribeThemselves() {
    assertEquals("scene name", Kind.SCENE.label());
    assertEquals(64, Kind.SCENE.maxLength());
    assertEquals(128, Kind.FILE.maxLength());
    assertTrue(SafeNames.isValid(Kind.FILE, "f".repeat(128)));
    assertFalse(SafeNames.isValid(Kind.FILE, "f".repeat(129)));
    assertTrue(SafeNames.isValid(Kind.SCENE, "\ud835\udc9c".repeat(64)), "64 code points");
  }

  @Test
  void theRealRootMustBeAbsolute() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SafeNames.resolveUnderRealRoot(Path.of("relative"), Kind.SCENE, "opening"));
    assertTrue(e.getMessage().contains("relative"));
  }

  // ---------------------------------------------------------------------------------------------
  // P4: symbolic links

  @Test
  void p4ALinkOutOfTheRootIsRefusedAndASymlinkedRootIsAccepted() throws IOException {
    Path real = Files.createDirectory(tmp.resolve("real-root"));
    Path outside = Files.createDirectory(tmp.resolve("outside"));
    Files.write(outside.resolve("secret"), new byte[] {1});
    Files.createSymbolicLink(real.resolve("link"), outside);
    Files.createSymbolicLink(real.resolve("relative-link"), Path.of("../outside"));
    Files.createSymbolicLink(real.resolve("dangling"), tmp.resolve("nowhere"));
    Files.createDirectory(real.resolve("inside"));
    Files.createSymbolicLink(real.resolve("alias"), real.resolve("inside"));
    Files.createSymbolicLink(real.resolve("self"), real);

    for (String name : List.of("link", "relative-link")) {
      InvalidNameException e =
          assertThrows(InvalidNameException.class, () -> SafeNames.resolve(real, Kind.SCENE, name));
      assertTrue(e.reason().contains("out of its root"), e.reason());
    }
    assertTrue(
        assertThrows(
                InvalidNameException.class, () -> SafeNames.resolve(real, Kind.SCENE, "dangling"))
            .reason()
            .contains("dangling"));
    Path realReal = real.toRealPath();
    assertEquals(realReal.resolve("alias"), SafeNames.resolve(real, Kind.SCENE, "alias"));
    assertEquals(realReal.resolve("self"), SafeNames.resolve(real, Kind.SCENE, "self"));

    Path linkedRoot = Files.createSymbolicLink(tmp.resolve("linked-root"), real);
    Path p = SafeNames.resolve(linkedRoot, Kind.SCENE, "opening");
    assertEquals(realReal.resolve("opening"), p);
    assertTrue(p.startsWith(realReal));
    assertThrows(InvalidNameException.class, () -> SafeNames.resolve(linkedRoot, Kind.SCENE, "link"));
    assertThrows(
        java.nio.file.NoSuchFileException.class,
        () -> SafeNames.resolve(tmp.resolve("missing-root"), Kind.SCENE, "opening"));
  }

  @Test
  void thePublicApiIsKept() throws Exception {
    assertEquals(
        String.class, SafeNames.class.getMethod("validate", Kind.class, String.class).getReturnType());
    assertEquals(
        boolean.class, SafeNames.class.getMethod("isValid", Kind.class, String.class).getReturnType());
    Method resolve = SafeNames.class.getMethod("resolve", Path.class, Kind.class, String.class);
    assertEquals(Path.class, resolve.getReturnType());
    assertEquals(
        Path.class,
        SafeNames.class
            .getMethod("resolveUnderRealRoot", Path.class, Kind.class, String.class)
            .getReturnType());
  }
}
