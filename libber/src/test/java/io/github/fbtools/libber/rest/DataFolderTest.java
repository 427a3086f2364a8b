package io.github.fbtools.libber.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data folders stay put, against a real {@link FbToolsHttpServer}: a folder swapped for a
 * symbolic link (or another folder) after start-up is a 500 and nothing is read or written
 * through it; a symbolic link or a folder where a file is expected is a 422 naming it; and a
 * killed writer's leftovers are swept at the next start, those of live writers kept.
 */
class DataFolderTest {
  private static final String SAVE = "/fbtools/scene/save_scene_prompts";
  private static final String BODY =
      "{\"scene_name\":\"forest\",\"collection\":{\"prompts\":{\"girl_pos\":\"PWNED\"}}}";

  @TempDir Path tmp;
  private Path root;
  private Path outside;
  private FbToolsHttpServer server;
  private int port;

  @BeforeEach
  void setUp() throws IOException {
    root = Files.createDirectory(tmp.resolve("data"));
    outside = Files.createDirectory(tmp.resolve("outside"));
  }

  @AfterEach
  void tearDown() {
    if (server != null) {
      server.close();
    }
  }

  private FbToolsApi start() throws IOException {
    FbToolsApi api = FbToolsApi.builder().root(root).build();
    server = FbToolsHttpServer.builder(api).threads(2).start();
    port = server.port();
    return api;
  }

  private RawHttp.Answer post(String path, String json) throws IOException {
    return RawHttp.post(port, path, "Content-Type: application/json", json);
  }

  private static Path forest(Path scenes) throws IOException {
    Path dir = Files.createDirectories(scenes.resolve("forest"));
    Files.writeString(dir.resolve("prompts.json"), "{\"girl_pos\": \"smiling\"}",
        StandardCharsets.UTF_8);
    return dir;
  }

  @Test
  void aScenesFolderSwappedForASymlinkIsNotFollowed() throws Exception {
    start();
    forest(root.resolve("scenes"));
    // After start-up, someone moves the scenes away and links the name to a folder outside.
    Files.move(root.resolve("scenes"), tmp.resolve("moved"));
    forest(outside);
    Files.createSymbolicLink(root.resolve("scenes"), outside);
    Map<String, String> outsideBefore = RawHttp.snapshot(outside);
    RawHttp.Answer a = post(SAVE, BODY);
    assertEquals(500, a.status(), a.body());
    assertEquals(
        "a data folder of the server was replaced after start-up; nothing was read or written"
            + " (details are in the server log)",
        a.json().get("error"));
    assertFalse(a.body().contains(tmp.toString()), "no path in the answer");
    assertEquals(outsideBefore, RawHttp.snapshot(outside), "a byte was written outside");
    assertEquals(500, RawHttp.send(port,
        "GET /fbtools/scene/list HTTP/1.1\nHost: 127.0.0.1", "").status());
  }

  @Test
  void aLibberFolderSwappedForAnotherFolderIsRefused() throws Exception {
    start();
    RawHttp.Answer created = post("/fbtools/libber/create", "{\"name\": \"styles\"}");
    String id = (String) created.json().get("session_id");
    Files.move(root.resolve("libbers"), tmp.resolve("old-libbers"));
    Files.createDirectory(root.resolve("libbers"));
    RawHttp.Answer a = post("/fbtools/libber/save", "{\"session_id\": \"" + id + "\"}");
    assertEquals(500, a.status(), a.body());
    try (var files = Files.list(root.resolve("libbers"))) {
      assertEquals(0, files.count(), "nothing may be written to the new folder");
    }
  }

  @Test
  void aSymlinkedFileIs422NamingIt() throws Exception {
    start();
    Path scene = Files.createDirectories(root.resolve("scenes").resolve("forest"));
    Path secret = Files.writeString(outside.resolve("secret.json"), "{\"a\": \"b\"}");
    Files.createSymbolicLink(scene.resolve("prompts.json"), secret);
    Map<String, String> outsideBefore = RawHttp.snapshot(outside);
    RawHttp.Answer a = post(SAVE, BODY);
    assertEquals(422, a.status(), a.body());
    assertEquals(
        "scenes/forest/prompts.json on the server is a symbolic link that dangles or leads out"
            + " of its folder; nothing was read or written through it",
        a.json().get("error"));
    RawHttp.Answer open = post("/fbtools/scene/open", "{\"scene_name\": \"forest\"}");
    assertEquals(422, open.status(), open.body());
    assertEquals(outsideBefore, RawHttp.snapshot(outside));
  }

  @Test
  void aFolderWhereAFileIsExpectedIs422NamingIt() throws Exception {
    start();
    Path scene = Files.createDirectories(root.resolve("scenes").resolve("forest"));
    Files.createDirectory(scene.resolve("prompts.json"));
    Map<String, String> before = RawHttp.snapshot(root);
    RawHttp.Answer a = post("/fbtools/scene/open", "{\"scene_name\": \"forest\"}");
    assertEquals(422, a.status(), a.body());
    assertEquals(
        "scenes/forest/prompts.json on the server is a folder where a file is expected; nothing"
            + " was written",
        a.json().get("error"));
    RawHttp.Answer save = post(SAVE, BODY);
    assertEquals(422, save.status(), save.body());
    assertEquals(before, RawHttp.snapshot(root));
  }

  @Test
  void aSceneNameThatIsAFileIsNoScene() throws Exception {
    start();
    Files.writeString(root.resolve("scenes").resolve("forest"), "not a folder");
    RawHttp.Answer a = post("/fbtools/scene/open", "{\"scene_name\": \"forest\"}");
    assertEquals(404, a.status(), a.body());
    assertEquals("no scene \"forest\"", a.json().get("error"));
  }

  @Test
  void aKilledSavesLeftoversAreSweptAtTheNextStart() throws Exception {
    Path scene = forest(root.resolve("scenes"));
    Files.createDirectories(root.resolve("libbers"));
    long dead = deadPid();
    Path tmpFile = scene.resolve("prompts.json." + dead + ".0123456789abcdef.tmp");
    Files.writeString(tmpFile, "{\"half\": ");
    Path lock = scene.resolve("prompts.json.lock");
    Files.writeString(lock, "fbtools-lock pid=" + dead + " token=0123456789abcdef\n");
    Path libberTmp = root.resolve("libbers").resolve("x.json." + dead + ".fedcba9876543210.tmp");
    Files.writeString(libberTmp, "{");
    Process alive = new ProcessBuilder("sleep", "60").start();
    Path live = scene.resolve("prompts.json." + alive.pid() + ".00000000000000aa.tmp");
    try {
      Files.writeString(live, "{");
      start();
      assertFalse(Files.exists(tmpFile), "a dead writer's temporary file was kept");
      assertFalse(Files.exists(lock), "a dead writer's lock was kept");
      assertFalse(Files.exists(libberTmp));
      assertTrue(Files.exists(live), "a live writer's temporary file was removed");
      assertEquals("{\"girl_pos\": \"smiling\"}", Files.readString(scene.resolve("prompts.json")));
    } finally {
      alive.destroy();
    }
  }

  @Test
  void aSecondSpellingOfALibberIsRefused() throws Exception {
    start();
    String nfc = "caf\u00e9";
    String nfd = "cafe\u0301";
    String first = (String) post("/fbtools/libber/create", "{\"name\": \"" + nfc + "\"}")
        .json().get("session_id");
    assertEquals(200, post("/fbtools/libber/save", "{\"session_id\": \"" + first + "\"}")
        .status());
    String second = (String) post("/fbtools/libber/create", "{\"name\": \"" + nfd + "\"}")
        .json().get("session_id");
    Map<String, String> before = RawHttp.snapshot(root);
    RawHttp.Answer a = post("/fbtools/libber/save", "{\"session_id\": \"" + second
        + "\", \"force\": true}");
    assertEquals(400, a.status(), a.body());
    assertEquals(
        "invalid libber name \"cafe\u0301\": is another spelling of the existing"
            + " \"caf\u00e9\" (the same name in Unicode NFC; here cafe U+0301, on disk"
            + " caf U+00E9); use the existing spelling",
        a.json().get("error"));
    assertEquals(before, RawHttp.snapshot(root));
    assertEquals(400, post("/fbtools/libber/load", "{\"name\": \"" + nfd + "\"}").status());
  }

  /** The pid of a process that has exited. */
  private static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    return p.pid();
  }
}
