package io.github.fbtools.libber.rest;

import static io.github.fbtools.libber.rest.ApiTesting.assertError;
import static io.github.fbtools.libber.rest.ApiTesting.assertErrorContaining;
import static io.github.fbtools.libber.rest.ApiTesting.map;
import static io.github.fbtools.libber.rest.ApiTesting.shape;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** libber/load, libber/save and libber/list over a data root: success, each error, exact JSON. */
class LibberFileEndpointsTest {
  private static final String L = "/fbtools/libber/";

  @TempDir Path root;
  private FbToolsApi api;
  private ApiTesting t;
  private Path libbers;

  @BeforeEach
  void setUp() throws IOException {
    api = FbToolsApi.builder().root(root).build();
    t = new ApiTesting(api);
    libbers = root.resolve("libbers");
  }

  private void file(String name, String json) throws IOException {
    Files.writeString(libbers.resolve(name + ".json"), json, StandardCharsets.UTF_8);
  }

  private static String id(ApiResponse r) {
    assertEquals(200, r.status(), r.toString());
    return (String) r.body().get("session_id");
  }

  @Test
  void rootCreatesItsThreeFolders() {
    assertTrue(Files.isDirectory(root.resolve("libbers")));
    assertTrue(Files.isDirectory(root.resolve("scenes")));
    assertTrue(Files.isDirectory(root.resolve("stories")));
    assertEquals(root.resolve("scenes").toAbsolutePath(), api.scenesRoot().orElseThrow());
    assertTrue(FbToolsApi.builder().build().libberDir().isEmpty());
  }

  @Test
  void loadReadsTheFileIntoANewSession() throws IOException {
    // Python's format: libs, and no final newline.
    file("hats", "{\"libs\": {\"hat\": \"a %color% hat\", \"color\": \"red\"}, \"delimiter\": \"%\","
        + " \"max_depth\": 5}");
    ApiResponse r = t.post(L + "load", map("name", "hats"));
    assertEquals(
        "{\"success\": true, \"session_id\": \"ID\", \"version\": 0, \"name\": \"hats\", \"keys\":"
            + " [\"color\", \"hat\"], \"lib_dict\": {\"hat\": \"a %color% hat\", \"color\": \"red\"},"
            + " \"delimiter\": \"%\", \"max_depth\": 5}",
        shape(r, id(r)));
  }

  @Test
  void loadErrors() throws IOException {
    assertError(t.post(L + "load", map("name", "nope")), 404, "no libber \"nope\"");
    assertError(t.post(L + "load", map()), 400, "name is required");
    assertError(t.post(L + "load", map("name", 3)), 400, "name must be a string, found number");
    assertErrorContaining(t.post(L + "load", map("name", "../x")), 400, "invalid libber name");
    assertError(t.post(L + "load", map("name", "x", "session_id", "y")), 400,
        "session ids are chosen by the server: do not send session_id to load");
    file("bad", "{\"libs\": {\"a\": 1}}");
    ApiResponse r = t.post(L + "load", map("name", "bad"));
    assertEquals(422, r.status(), r.toString());
    String error = (String) r.body().get("error");
    assertTrue(error.startsWith("libbers/bad.json on the server is not valid: "), error);
    assertFalse(error.contains(root.toString()), error);
    file("broken", "{\"libs\": ");
    r = t.post(L + "load", map("name", "broken"));
    assertEquals(422, r.status(), r.toString());
    assertTrue(((String) r.body().get("error")).startsWith("libbers/broken.json on the server is"
        + " not valid: line 1:"), r.toString());
    assertEquals(0, api.libberSessions().store().size());
  }

  @Test
  void withoutDataFoldersTheFileEndpointsAnswer503() {
    ApiTesting none = new ApiTesting(FbToolsApi.builder().build());
    String msg = "this server has no data folders configured, so it serves no files";
    assertError(none.post(L + "load", map("name", "x")), 503, msg);
    assertError(none.get(L + "list", Map.of()), 503, msg);
    assertError(none.get("/fbtools/scene/list", Map.of()), 503, msg);
    assertError(none.get("/fbtools/prompts/discover/x", Map.of()), 503, msg);
    String s = id(none.post(L + "create", map("name", "x")));
    assertError(none.post(L + "save", map("session_id", s)), 503, msg);
  }

  @Test
  void saveACreatedLibberThenSaveAgainWritesNothingNew() throws IOException {
    String s = id(t.post(L + "create", map("name", "outfits", "lib_dict", map("suit", "grey"))));
    ApiResponse r = t.post(L + "save", map("session_id", s, "expected_version", 0));
    assertEquals(
        "{\"success\": true, \"session_id\": \"ID\", \"version\": 1, \"written\": true, \"name\":"
            + " \"outfits\", \"keys\": [\"suit\"], \"lib_dict\": {\"suit\": \"grey\"},"
            + " \"delimiter\": \"%\", \"max_depth\": 10}",
        shape(r, s));
    assertEquals(
        "{\n  \"libs\": {\n    \"suit\": \"grey\"\n  },\n  \"delimiter\": \"%\",\n"
            + "  \"max_depth\": 10\n}\n",
        Files.readString(libbers.resolve("outfits.json")));
    r = t.post(L + "save", map("session_id", s));
    assertEquals(200, r.status(), r.toString());
    assertEquals(false, r.body().get("written"));
    assertEquals(2L, r.body().get("version"));
    assertEquals(map("success", true, "libbers", List.of("outfits"), "count", 1L),
        t.get(L + "list", Map.of()).body());
  }

  @Test
  void aCreatedSessionDoesNotOverwriteAnExistingFileUnlessForced() throws IOException {
    file("outfits", "{\"libs\": {\"old\": \"x\"}}");
    String s = id(t.post(L + "create", map("name", "outfits")));
    ApiResponse r = t.post(L + "save", map("session_id", s));
    assertEquals(409, r.status(), r.toString());
    assertEquals(
        "{\"success\": false, \"error\": \"libber \\\"outfits\\\" already exists on disk; nothing"
            + " was written (send \\\"force\\\": true to overwrite it)\", \"session_id\": \"ID\","
            + " \"version\": 0, \"name\": \"outfits\", \"keys\": [], \"lib_dict\": {},"
            + " \"delimiter\": \"%\", \"max_depth\": 10}",
        shape(r, s));
    assertEquals("{\"libs\": {\"old\": \"x\"}}", Files.readString(libbers.resolve("outfits.json")));
    r = t.post(L + "save", map("session_id", s, "force", true));
    assertEquals(200, r.status(), r.toString());
    assertTrue(Files.readString(libbers.resolve("outfits.json")).contains("\"libs\": {}"));
  }

  @Test
  void aFileChangedOnDiskIsNotOverwrittenUnlessForced() throws IOException {
    file("hats", "{\"libs\": {\"hat\": \"cap\"}}");
    String s = id(t.post(L + "load", map("name", "hats")));
    t.post(L + "add_lib", map("session_id", s, "key", "color", "value", "red"));
    file("hats", "{\"libs\": {\"hat\": \"beret\"}}"); // another tool saved meanwhile
    byte[] before = Files.readAllBytes(libbers.resolve("hats.json"));
    ApiResponse r = t.post(L + "save", map("session_id", s));
    assertEquals(409, r.status(), r.toString());
    assertEquals("libber \"hats\" changed on disk since this session loaded or saved it; nothing"
        + " was written (send \"force\": true to overwrite it)", r.body().get("error"));
    assertEquals(1L, r.body().get("version"));
    assertArrayEquals(before, Files.readAllBytes(libbers.resolve("hats.json")));
    r = t.post(L + "save", map("session_id", s, "force", true));
    assertEquals(200, r.status(), r.toString());
    assertEquals(2L, r.body().get("version"));
    assertTrue(Files.readString(libbers.resolve("hats.json")).contains("\"color\": \"red\""));
    // The session now holds the new fingerprint: an unforced save works again.
    t.post(L + "add_lib", map("session_id", s, "key", "size", "value", "big"));
    assertEquals(200, t.post(L + "save", map("session_id", s)).status());
  }

  @Test
  void saveUnderAnotherNameCreatesThatFileOnlyAndTheSessionFollows() throws IOException {
    file("hats", "{\"libs\": {\"hat\": \"cap\"}}");
    String s = id(t.post(L + "load", map("name", "hats")));
    ApiResponse r = t.post(L + "save", map("session_id", s, "name", "caps"));
    assertEquals(200, r.status(), r.toString());
    assertEquals("caps", r.body().get("name"));
    assertTrue(Files.exists(libbers.resolve("caps.json")));
    // a second "save as" over the now existing file needs force
    String other = id(t.post(L + "load", map("name", "hats")));
    assertEquals(409, t.post(L + "save", map("session_id", other, "name", "caps")).status());
    assertEquals(200,
        t.post(L + "save", map("session_id", other, "name", "caps", "force", true)).status());
    assertEquals(List.of("caps", "hats"), t.get(L + "list", Map.of()).body().get("libbers"));
  }

  @Test
  void saveErrors() {
    String s = id(t.post(L + "create", map("name", "a")));
    t.post(L + "add_lib", map("session_id", s, "key", "k", "value", "v"));
    ApiResponse r = t.post(L + "save", map("session_id", s, "expected_version", 0));
    assertEquals(409, r.status(), r.toString());
    assertEquals(1L, r.body().get("version"));
    assertEquals(List.of("k"), r.body().get("keys"));
    assertFalse(Files.exists(libbers.resolve("a.json")));
    assertError(t.post(L + "save", map()), 400, "session_id is required");
    assertErrorContaining(t.post(L + "save", map("session_id", s, "name", "a/b")), 400,
        "invalid libber name \"a/b\"");
    assertError(t.post(L + "save", map("session_id", s, "force", "yes")), 400,
        "force must be a boolean, found string");
    assertError(t.post(L + "save", map("session_id", "C".repeat(43))), 404,
        "no session \"CCCCCCCC...\" (unknown, deleted or expired)");
    assertFalse(Files.exists(libbers.resolve("a.json")));
  }

  /** A lock held by another writer: 503 with Retry-After, nothing written, the session unchanged. */
  @Test
  void aBusyFileIsA503() throws IOException {
    FbToolsApi quick =
        FbToolsApi.builder()
            .files(AtomicFiles.builder().lockTimeout(Duration.ZERO).build())
            .root(root)
            .build();
    ApiTesting q = new ApiTesting(quick);
    Files.writeString(libbers.resolve("outfits.json.lock"), "held by another tool");
    String s = id(q.post(L + "create", map("name", "outfits")));
    ApiResponse r = q.post(L + "save", map("session_id", s));
    assertError(r, 503,
        "libbers/outfits.json is being written by another writer; nothing was written, try again");
    assertEquals("1", r.headers().get("Retry-After"));
    assertFalse(Files.exists(libbers.resolve("outfits.json")));
    assertEquals(0L, q.get(L + "get_data", Map.of("session_id", s)).body().get("version"));
  }

  @Test
  void listIsSortedByCodePointAndSkipsOtherFiles() throws IOException {
    file("b", "{}");
    file("B", "{}");
    file("a", "{}");
    Files.writeString(libbers.resolve("notes.txt"), "x");
    Files.createDirectory(libbers.resolve("dir.json"));
    assertEquals(
        "{\"success\": true, \"libbers\": [\"B\", \"a\", \"b\"], \"count\": 3}",
        t.get(L + "list", Map.of()).bodyText());
  }
}
