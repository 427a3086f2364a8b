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
import io.github.fbtools.core.files.FileOps;
import io.github.fbtools.core.files.ForwardingFileOps;
import io.github.fbtools.core.json.FbJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scene family over a data root: sessions, saves, listings, the reference's endpoints. */
class SceneEndpointsTest {
  private static final String S = "/fbtools/scene/";
  static final String V1 = "{\"girl_pos\": \"smiling\", \"male_pos\": \"\", \"wan_prompt\": \"walks\"}";

  @TempDir Path root;
  private FbToolsApi api;
  private ApiTesting t;
  private Path scenes;

  @BeforeEach
  void setUp() throws IOException {
    api = FbToolsApi.builder().root(root).build();
    t = new ApiTesting(api);
    scenes = root.resolve("scenes");
    Path opening = Files.createDirectory(scenes.resolve("opening"));
    Files.writeString(opening.resolve("prompts.json"), V1, StandardCharsets.UTF_8);
    Files.writeString(opening.resolve("loras.json"),
        "{\"high\": [{\"lora_name\": \"a.safetensors\", \"strength\": 0.5}], \"low\": []}");
    Files.writeString(opening.resolve("scene.json"), "{\"pose_name\": \"stand\"}");
    Path story = Files.createDirectories(root.resolve("stories").resolve("tale"));
    Files.writeString(story.resolve("story.json"), "{\"version\": 2, \"story_name\": \"tale\","
        + " \"story_dir\": \"/secret/place\", \"scenes\": [{\"scene_id\": \"id-2\", \"scene_name\":"
        + " \"end\", \"scene_order\": 2}, {\"scene_id\": \"id-1\", \"scene_name\": \"opening\","
        + " \"scene_order\": 1}]}");
  }

  private String open(String name) {
    ApiResponse r = t.post(S + "open", map("scene_name", name));
    assertEquals(200, r.status(), r.toString());
    return (String) r.body().get("session_id");
  }

  @Test
  void openAnswersTheWholeScene() {
    ApiResponse r = t.post(S + "open", map("scene_name", "opening"));
    assertEquals(
        "{\"success\": true, \"session_id\": \"ID\", \"version\": 0, \"scene_name\": \"opening\","
            + " \"collection\": {\"version\": 2, \"prompts\": {\"girl_pos\": {\"value\":"
            + " \"smiling\", \"processing_type\": \"raw\", \"category\": \"legacy\"}, \"wan_prompt\":"
            + " {\"value\": \"walks\", \"processing_type\": \"raw\", \"category\": \"legacy\"}},"
            + " \"compositions\": {}, \"v1_backup\": {\"girl_pos\": \"smiling\", \"male_pos\": \"\","
            + " \"wan_prompt\": \"walks\"}}, \"prompt_names\": [\"girl_pos\", \"wan_prompt\"],"
            + " \"pose_name\": \"stand\", \"mask_type\": \"\", \"depth_type\": \"\", \"resolution\":"
            + " null, \"loras\": [{\"lora\": \"a.safetensors\", \"model_target\":"
            + " \"Wan2.2-Wrapper-High\", \"strength_model\": 0.5, \"strength_clip\": 1.0, \"enabled\":"
            + " true, \"blocks\": {}, \"layer_filter\": \"\", \"low_mem_load\": false,"
            + " \"merge_loras\": false}], \"has_pose\": false}",
        shape(r, (String) r.body().get("session_id")));
    String id = (String) r.body().get("session_id");
    assertEquals(r.bodyText(), t.get(S + "get", Map.of("session_id", id)).bodyText());
  }

  @Test
  void openErrors() throws IOException {
    assertError(t.post(S + "open", map("scene_name", "nope")), 404, "no scene \"nope\"");
    Files.writeString(scenes.resolve("afile"), "x");
    assertError(t.post(S + "open", map("scene_name", "afile")), 404, "no scene \"afile\"");
    assertError(t.post(S + "open", map()), 400, "scene_name is required");
    assertErrorContaining(t.post(S + "open", map("scene_name", "../x")), 400, "invalid scene name");
    Path bad = Files.createDirectory(scenes.resolve("bad"));
    Files.writeString(bad.resolve("lora_stack.json"), "{\"not\": \"a list\"}");
    ApiResponse r = t.post(S + "open", map("scene_name", "bad"));
    assertEquals(422, r.status(), r.toString());
    String error = (String) r.body().get("error");
    assertTrue(error.startsWith("scenes/bad/lora_stack.json on the server is not valid: "), error);
    assertFalse(error.contains(root.toString()), error);
    assertEquals(0, api.sceneSessions().store().size());
  }

  @Test
  void updatePromptsSetsValuesKeepingMetadataReplacesEntriesAndRemoves() {
    String id = open("opening");
    ApiResponse r = t.post(S + "update_prompts", map("session_id", id, "expected_version", 0,
        "prompts", map("girl_pos", "laughing",
            "hat", map("value", "%hat%", "processing_type", "libber", "libber_name", "hats",
                "tags", List.of("t"), "description", "d")),
        "remove", List.of("wan_prompt", "absent")));
    assertEquals(200, r.status(), r.toString());
    assertEquals(1L, r.body().get("version"));
    @SuppressWarnings("unchecked")
    Map<String, Object> c = (Map<String, Object>) r.body().get("collection");
    assertEquals(
        "{\"girl_pos\": {\"value\": \"laughing\", \"processing_type\": \"raw\", \"category\":"
            + " \"legacy\"}, \"hat\": {\"value\": \"%hat%\", \"processing_type\": \"libber\","
            + " \"description\": \"d\", \"tags\": [\"t\"], \"libber_name\": \"hats\"}}",
        FbJson.writeCompact(c.get("prompts")));
    assertEquals(List.of("girl_pos", "hat"), r.body().get("prompt_names"));
    // a stale version changes nothing and answers the current state
    r = t.post(S + "update_prompts", map("session_id", id, "expected_version", 0,
        "remove", List.of("girl_pos")));
    assertEquals(409, r.status(), r.toString());
    assertEquals(List.of("girl_pos", "hat"), r.body().get("prompt_names"));
  }

  @Test
  void updatePromptsErrors() {
    String id = open("opening");
    assertError(t.post(S + "update_prompts", map("session_id", id)), 400,
        "prompts, rename or remove is required");
    assertError(t.post(S + "update_prompts", map("session_id", id, "prompts", map("a", 1))), 400,
        "prompts values must be strings or objects; \"a\" is number");
    assertErrorContaining(t.post(S + "update_prompts", map("session_id", id, "prompts",
        map("a", map("value", 3)))), 400, "invalid prompt \"a\": ");
    assertErrorContaining(t.post(S + "update_prompts", map("session_id", id, "prompts",
        map("a", map("value", "v", "processing_type", "libber", "libber_name", "../x")))), 400,
        "invalid libber name");
    assertError(t.post(S + "update_prompts", map("session_id", id, "remove", "x")), 400,
        "remove must be an array of strings, found string");
    assertError(t.post(S + "update_prompts", map("session_id", "D".repeat(43), "remove",
        List.of())), 404, "no session \"DDDDDDDD...\" (unknown, deleted or expired)");
    assertEquals(0L, t.get(S + "get", Map.of("session_id", id)).body().get("version"));
  }

  @Test
  void updateMetadataAndLoras() {
    String id = open("opening");
    ApiResponse r = t.post(S + "update_metadata", map("session_id", id, "pose_name", "sit",
        "mask_type", "face", "depth_type", "midas", "resolution", 1024));
    assertEquals(200, r.status(), r.toString());
    assertEquals(List.of("sit", "face", "midas", 1024L),
        List.of(r.body().get("pose_name"), r.body().get("mask_type"), r.body().get("depth_type"),
            r.body().get("resolution")));
    r = t.post(S + "update_metadata", map("session_id", id, "resolution", null));
    assertEquals(null, r.body().get("resolution"));
    assertEquals("sit", r.body().get("pose_name"));
    r = t.post(S + "update_loras", map("session_id", id, "remove", List.of("a.safetensors"),
        "add", List.of(map("lora", "b.safetensors", "model_target", "Wan2.2-Wrapper-Low",
            "strength_model", 0.8, "custom", "kept"))));
    assertEquals(200, r.status(), r.toString());
    assertEquals(1L, r.body().get("removed"));
    assertEquals(
        "[{\"lora\": \"b.safetensors\", \"model_target\": \"Wan2.2-Wrapper-Low\","
            + " \"strength_model\": 0.8, \"strength_clip\": 1.0, \"enabled\": true, \"blocks\": {},"
            + " \"layer_filter\": \"\", \"low_mem_load\": false, \"merge_loras\": false, \"custom\":"
            + " \"kept\"}]",
        FbJson.writeCompact(r.body().get("loras")));
    r = t.post(S + "update_metadata", map("session_id", id, "loras", List.of()));
    assertEquals(List.of(), r.body().get("loras"));
    assertEquals(4L, r.body().get("version"));
  }

  @Test
  void updateMetadataAndLorasErrors() {
    String id = open("opening");
    assertError(t.post(S + "update_metadata", map("session_id", id, "resolution", 0)), 400,
        "resolution must be in 1..2147483647: 0");
    assertError(t.post(S + "update_metadata", map("session_id", id, "pose_name", 1)), 400,
        "pose_name must be a string, found number");
    assertError(t.post(S + "update_metadata", map("session_id", id, "loras", map())), 400,
        "loras must be an array of objects, found object");
    assertError(t.post(S + "update_loras", map("session_id", id)), 400, "add or remove is required");
    assertError(t.post(S + "update_loras", map("session_id", id, "add", List.of(1))), 400,
        "add must be an array of objects, found an item of type number");
    assertErrorContaining(t.post(S + "update_loras", map("session_id", id, "add",
        List.of(map("lora", "a.safetensors", "strength_model", "x")))), 400,
        "invalid LoRA entry");
    assertEquals(0L, t.get(S + "get", Map.of("session_id", id)).body().get("version"));
  }

  /**
   * Issue 10 item 14: an unknown processing_type and a LoRA entry without lora were accepted;
   * both are 400 naming the field, and nothing changes.
   */
  @Test
  void anUnknownProcessingTypeAndALoraWithoutItsNameAreRefused() {
    String id = open("opening");
    assertError(t.post(S + "update_prompts", map("session_id", id, "prompts",
        map("hat", map("value", "%h%", "processing_type", "Libber")))), 400,
        "prompts/hat/processing_type must be \"raw\" or \"libber\": \"Libber\"");
    assertError(t.post(S + "update_loras", map("session_id", id, "add",
        List.of(map("strength_model", 0.5)))), 400,
        "invalid LoRA entry at /add/0: lora is required");
    assertError(t.post(S + "update_metadata", map("session_id", id, "loras",
        List.of(map("lora", "a"), map("lora", "")))), 400,
        "invalid LoRA entry at /loras/1: lora must not be empty");
    assertError(t.post(S + "update_loras", map("session_id", id, "add",
        List.of(map("lora", 5)))), 400,
        "invalid LoRA entry at /add/0: lora must be a string, found number");
    assertEquals(0L, t.get(S + "get", Map.of("session_id", id)).body().get("version"));
    ApiResponse ok = t.post(S + "update_prompts", map("session_id", id, "prompts",
        map("hat", map("value", "%h%", "processing_type", "libber", "libber_name", "hats"),
            "plain", map("value", "x"))));
    assertEquals(200, ok.status(), ok.toString());
  }

  /** The non-destructive rule end to end: open a v1 scene, edit, save_metadata. */
  @Test
  void saveMetadataUpgradesAV1SceneKeepingTheOriginal() throws IOException {
    Path dir = scenes.resolve("opening");
    byte[] original = Files.readAllBytes(dir.resolve("prompts.json"));
    String id = open("opening");
    t.post(S + "update_prompts", map("session_id", id, "prompts", map("girl_pos", "laughing")));
    t.post(S + "update_metadata", map("session_id", id, "resolution", 512));
    ApiResponse r = t.post(S + "save_metadata", map("session_id", id, "expected_version", 2));
    assertEquals(200, r.status(), r.toString());
    assertEquals(3L, r.body().get("version"));
    assertEquals(List.of("prompts.json.v1.backup", "prompts.json", "scene.json", "lora_stack.json"),
        r.body().get("changed_files"));
    assertArrayEquals(original, Files.readAllBytes(dir.resolve("prompts.json.v1.backup")));
    Map<String, Object> saved = FbJson.parseObject(Files.readAllBytes(dir.resolve("prompts.json")));
    assertEquals(FbJson.parseObject(original), saved.get("v1_backup"));
    assertTrue(Files.exists(dir.resolve("loras.json")));
    assertTrue(Files.readString(dir.resolve("scene.json")).contains("\"resolution\": 512"));
    // Saving again writes nothing; a new open sees the saved scene.
    r = t.post(S + "save_metadata", map("session_id", id));
    assertEquals(List.of(), r.body().get("changed_files"));
    ApiResponse again = t.post(S + "open", map("scene_name", "opening"));
    assertEquals(512L, again.body().get("resolution"));
    assertEquals(List.of("girl_pos", "wan_prompt"), again.body().get("prompt_names"));
  }

  @Test
  void saveMetadataRefusesFilesChangedOnDiskUnlessForced() throws IOException {
    Path dir = scenes.resolve("opening");
    String id = open("opening");
    t.post(S + "update_metadata", map("session_id", id, "pose_name", "sit"));
    Files.writeString(dir.resolve("scene.json"), "{\"pose_name\": \"other tool\"}");
    ApiResponse r = t.post(S + "save_metadata", map("session_id", id));
    assertEquals(409, r.status(), r.toString());
    assertEquals("scene \"opening\": scenes/opening/scene.json changed on disk since this session"
        + " opened or saved it; nothing was written (send \"force\": true to overwrite it)",
        r.body().get("error"));
    assertEquals("sit", r.body().get("pose_name"));
    assertEquals(V1, Files.readString(dir.resolve("prompts.json")));
    assertFalse(Files.exists(dir.resolve("prompts.json.v1.backup")));
    r = t.post(S + "save_metadata", map("session_id", id, "force", true));
    assertEquals(200, r.status(), r.toString());
    assertTrue(Files.readString(dir.resolve("scene.json")).contains("\"sit\""));
    r = t.post(S + "save_metadata", map("session_id", id, "expected_version", 0));
    assertEquals(409, r.status(), r.toString());
  }

  /**
   * Issue 10 item 2: one session saving twice at once. The second save took its snapshot of the
   * session's fingerprints before the first recorded its own, and was refused with a 409 against
   * the session's own previous save. Saves of one session now run one after the other.
   */
  @Test
  void oneSessionSavingTwiceAtOnceDoesNotConflictWithItself() throws Exception {
    CountDownLatch firstPaused = new CountDownLatch(1);
    CountDownLatch firstGo = new CountDownLatch(1);
    AtomicBoolean pauseOnce = new AtomicBoolean(false);
    FileOps pausing =
        new ForwardingFileOps(FileOps.system()) {
          @Override
          public NewFile createNew(Path file) throws IOException {
            String n = file.getFileName().toString();
            if (n.startsWith("scene.json.") && !n.contains(".lock") && n.endsWith(".tmp")
                && pauseOnce.getAndSet(false)) {
              firstPaused.countDown();
              try {
                if (!firstGo.await(60, TimeUnit.SECONDS)) {
                  throw new java.io.InterruptedIOException("the test never let it go on");
                }
              } catch (InterruptedException e) {
                throw new java.io.InterruptedIOException();
              }
            }
            return super.createNew(file);
          }
        };
    FbToolsApi paused = FbToolsApi.builder().root(root)
        .files(AtomicFiles.builder().fileOps(pausing).lockTimeout(Duration.ofMinutes(1)).build())
        .build();
    ApiTesting pt = new ApiTesting(paused);
    String id = (String) pt.post(S + "open", map("scene_name", "opening")).body().get("session_id");
    assertEquals(200, pt.post(S + "save_metadata", map("session_id", id)).status()); // now v2
    pt.post(S + "update_metadata", map("session_id", id, "pose_name", "sit"));
    pauseOnce.set(true);
    AtomicReference<ApiResponse> first = new AtomicReference<>();
    AtomicReference<ApiResponse> second = new AtomicReference<>();
    Thread t1 = new Thread(() -> first.set(pt.post(S + "save_metadata", map("session_id", id))));
    Thread t2 = new Thread(() -> second.set(pt.post(S + "save_metadata", map("session_id", id))));
    t1.start();
    if (!firstPaused.await(30, TimeUnit.SECONDS)) {
      firstGo.countDown();
      throw new AssertionError("the first save did not reach scene.json");
    }
    t2.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (t2.getState() != Thread.State.WAITING && t2.getState() != Thread.State.TIMED_WAITING
        && t2.isAlive()) {
      assertTrue(System.nanoTime() < deadline, "the second save waits");
      Thread.onSpinWait();
    }
    firstGo.countDown();
    t1.join(30_000);
    t2.join(90_000);
    assertEquals(200, first.get().status(), first.get().toString());
    assertEquals(List.of("scene.json"), first.get().body().get("changed_files"));
    assertEquals(200, second.get().status(), second.get().toString());
    assertEquals(List.of(), second.get().body().get("changed_files"));
    assertTrue(Files.readString(scenes.resolve("opening").resolve("scene.json")).contains("sit"));
  }

  /**
   * Issue 10 item 3: open a v1 scene, edit, another tool changes the v1 prompts.json, save (409),
   * save with force. The forced save answered 409 "nothing was written" after creating the backup,
   * and the session could never save again.
   */
  @Test
  void aForcedSaveOverAChangedV1FileBacksItUpAndTheSessionSavesAgain() throws IOException {
    Path dir = scenes.resolve("opening");
    String id = open("opening");
    t.post(S + "update_prompts", map("session_id", id, "prompts", map("girl_pos", "edited")));
    String changed = "{\"girl_pos\": \"changed by Python\", \"male_pos\": \"x\"}";
    Files.writeString(dir.resolve("prompts.json"), changed);
    ApiResponse r = t.post(S + "save_metadata", map("session_id", id));
    assertErrorContaining(r, 409, "scenes/opening/prompts.json changed on disk");
    assertFalse(Files.exists(dir.resolve("prompts.json.v1.backup")));
    r = t.post(S + "save_metadata", map("session_id", id, "force", true));
    assertEquals(200, r.status(), r.toString());
    assertEquals(List.of("prompts.json.v1.backup", "prompts.json", "scene.json", "lora_stack.json"),
        r.body().get("changed_files"));
    assertEquals(changed, Files.readString(dir.resolve("prompts.json.v1.backup")));
    Map<String, Object> saved = FbJson.parseObject(Files.readAllBytes(dir.resolve("prompts.json")));
    assertEquals(FbJson.parseObject(changed), saved.get("v1_backup"), "v1_backup is the backup");
    assertEquals(map("value", "edited", "processing_type", "raw", "category", "legacy"),
        ((Map<?, ?>) saved.get("prompts")).get("girl_pos"));
    @SuppressWarnings("unchecked")
    Map<String, Object> collection = (Map<String, Object>) r.body().get("collection");
    assertEquals(FbJson.parseObject(changed), collection.get("v1_backup"), "the session follows");
    // The session saves again, without force.
    t.post(S + "update_prompts", map("session_id", id, "prompts", map("girl_pos", "again")));
    r = t.post(S + "save_metadata", map("session_id", id));
    assertEquals(200, r.status(), r.toString());
    assertEquals(List.of("prompts.json"), r.body().get("changed_files"));
    assertEquals(changed, Files.readString(dir.resolve("prompts.json.v1.backup")));
  }

  /**
   * Issue 10 item 10: save_metadata rewrote a prompts.json whose JSON was unchanged but whose
   * whitespace differed (Python writes 4-space indents) and listed it in changed_files.
   */
  @Test
  void saveMetadataLeavesAPromptsFileWithTheSameJsonAlone() throws IOException {
    Path dir = scenes.resolve("opening");
    String python = "{\n    \"version\": 2,\n    \"prompts\": {\n        \"girl_pos\": {\n"
        + "            \"value\": \"caf\\u00e9\",\n            \"processing_type\": \"raw\"\n"
        + "        }\n    },\n    \"compositions\": {}\n}";
    Files.writeString(dir.resolve("prompts.json"), python);
    java.nio.file.attribute.FileTime stamp =
        java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(dir.resolve("prompts.json"), stamp);
    String id = open("opening");
    t.post(S + "update_metadata", map("session_id", id, "pose_name", "sit"));
    ApiResponse r = t.post(S + "save_metadata", map("session_id", id));
    assertEquals(200, r.status(), r.toString());
    assertEquals(List.of("scene.json", "lora_stack.json"), r.body().get("changed_files"));
    assertEquals(python, Files.readString(dir.resolve("prompts.json")), "Python's bytes stay");
    assertEquals(stamp, Files.getLastModifiedTime(dir.resolve("prompts.json")));
    // and the session's fingerprint is the file's own: the next save is not a conflict
    t.post(S + "update_prompts", map("session_id", id, "prompts", map("girl_pos", "new")));
    r = t.post(S + "save_metadata", map("session_id", id));
    assertEquals(200, r.status(), r.toString());
    assertEquals(List.of("prompts.json"), r.body().get("changed_files"));
  }

  /**
   * Issue 10 item 4 over REST: a save whose file would be over the limits of its kind is a 413
   * naming the file, and nothing is written (it was a 500 "could not read or write").
   */
  @Test
  void aSaveOverTheFileKindsLimitIs413AndWritesNothing() throws IOException {
    FbToolsApi big = FbToolsApi.builder().root(root)
        .sceneSessions(io.github.fbtools.libber.SceneStateManager.over(
            io.github.fbtools.libber.SceneStateManager.storeBuilder()
                .maxSessionWeight(1L << 30).maxTotalWeight(1L << 30).build()))
        .build();
    ApiTesting bt = new ApiTesting(big);
    String id = (String) bt.post(S + "open", map("scene_name", "opening")).body().get("session_id");
    StringBuilder body = new StringBuilder("{\"session_id\": \"" + id + "\", \"add\": [");
    for (int i = 0; i < 60_000; i++) {
      body.append(i == 0 ? "" : ",").append("{\"lora\":\"l").append(i % 10).append("\"}");
    }
    ApiResponse added = bt.post(S + "update_loras", body.append("]}").toString());
    assertEquals(200, added.status(), () -> added.toString().substring(0, 200));
    Path dir = scenes.resolve("opening");
    Map<String, String> before = new java.util.TreeMap<>();
    try (var files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        before.put(p.getFileName().toString(), Files.readString(p));
      }
    }
    ApiResponse r = bt.post(S + "save_metadata", map("session_id", id));
    assertErrorContaining(r, 413, "scenes/opening/lora_stack.json would be over the limits of its"
        + " kind (8388608 bytes, 1000000 JSON tokens); nothing was written");
    Map<String, String> after = new java.util.TreeMap<>();
    try (var files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        after.put(p.getFileName().toString(), Files.readString(p));
      }
    }
    assertEquals(before, after, "prompts.json was not upgraded either");
  }

  @Test
  void saveMetadataRefusesAConflictingBackup() throws IOException {
    Path dir = scenes.resolve("opening");
    Files.writeString(dir.resolve("prompts.json.v1.backup"), "{\"other\": \"bytes\"}");
    String id = open("opening");
    ApiResponse r = t.post(S + "save_metadata", map("session_id", id));
    assertEquals(409, r.status(), r.toString());
    assertTrue(((String) r.body().get("error")).contains("a backup is never overwritten"), r.toString());
    assertEquals(V1, Files.readString(dir.resolve("prompts.json")));
  }

  @Test
  void listAndListScenes() throws IOException {
    Files.createDirectory(scenes.resolve("Zeta"));
    Files.writeString(scenes.resolve("file.txt"), "x");
    assertEquals("{\"success\": true, \"scenes\": [\"Zeta\", \"opening\"], \"count\": 2}",
        t.get(S + "list", Map.of()).bodyText());
    assertEquals(
        "{\"success\": true, \"story_name\": \"tale\", \"scenes\": [{\"scene_name\": \"opening\","
            + " \"scene_order\": 1, \"scene_id\": \"id-1\"}, {\"scene_name\": \"end\","
            + " \"scene_order\": 2, \"scene_id\": \"id-2\"}], \"count\": 2}",
        t.get(S + "list_scenes/tale", Map.of()).bodyText());
    assertError(t.get(S + "list_scenes/nope", Map.of()), 404, "no story \"nope\"");
    assertErrorContaining(t.get(S + "list_scenes/..", Map.of()), 400, "invalid story name");
    Files.writeString(root.resolve("stories").resolve("tale").resolve("story.json"), "[1]");
    ApiResponse r = t.get(S + "list_scenes/tale", Map.of());
    assertEquals(422, r.status(), r.toString());
    assertTrue(((String) r.body().get("error")).startsWith("stories/tale/story.json on the server"),
        r.toString());
  }

  /**
   * Issue 10 item 21: list_scenes gave a story's scenes without an id random ids, another one on
   * every call; they are derived, the same on every call.
   */
  @Test
  void listScenesGivesStableIdsToScenesStoredWithoutOne() throws IOException {
    Path story = Files.createDirectories(root.resolve("stories").resolve("python"));
    Files.writeString(story.resolve("story.json"), "{\"version\": 2, \"story_name\": \"python\","
        + " \"scenes\": [{\"scene_name\": \"opening\", \"scene_order\": 0},"
        + " {\"scene_name\": \"opening\", \"scene_order\": 1}]}");
    ApiResponse first = t.get(S + "list_scenes/python", Map.of());
    ApiResponse second = t.get(S + "list_scenes/python", Map.of());
    assertEquals(200, first.status(), first.toString());
    assertEquals(first.bodyText(), second.bodyText());
    List<?> scenes = (List<?>) first.body().get("scenes");
    assertEquals(io.github.fbtools.core.SceneInStory.derivedId("python", "opening", 0),
        ((Map<?, ?>) scenes.get(0)).get("scene_id"));
    assertEquals(io.github.fbtools.core.SceneInStory.derivedId("python", "opening", 1),
        ((Map<?, ?>) scenes.get(1)).get("scene_id"));
  }

  @Test
  void getScenePromptsAndDiscover() throws IOException {
    Files.writeString(root.resolve("libbers").resolve("hats.json"), "{\"libs\": {}}");
    String id = open("opening");
    t.post(S + "update_prompts", map("session_id", id, "prompts", map("hat", map("value", "%h%",
        "processing_type", "libber", "libber_name", "hats", "tags", List.of("t")))));
    t.post(S + "save_metadata", map("session_id", id));
    ApiResponse r = t.get(S + "get_scene_prompts", Map.of("scene_name", "opening"));
    assertEquals(
        "{\"success\": true, \"scene_name\": \"opening\", \"prompts\": [{\"key\": \"girl_pos\","
            + " \"value\": \"smiling\", \"category\": \"legacy\", \"description\": null, \"tags\": [],"
            + " \"processing_type\": \"raw\", \"libber_name\": null}, {\"key\": \"wan_prompt\","
            + " \"value\": \"walks\", \"category\": \"legacy\", \"description\": null, \"tags\": [],"
            + " \"processing_type\": \"raw\", \"libber_name\": null}, {\"key\": \"hat\", \"value\":"
            + " \"%h%\", \"category\": null, \"description\": null, \"tags\": [\"t\"],"
            + " \"processing_type\": \"libber\", \"libber_name\": \"hats\"}], \"compositions\": {},"
            + " \"scene_flags\": {}, \"libbers\": [\"none\", \"hats\"]}",
        r.bodyText());
    assertEquals(
        "{\"success\": true, \"scene_name\": \"opening\", \"prompt_names\": [\"girl_pos\", \"hat\","
            + " \"male_pos\", \"wan_prompt\"], \"count\": 4}",
        t.get("/fbtools/prompts/discover/opening", Map.of()).bodyText());
    assertError(t.get(S + "get_scene_prompts", Map.of("scene_name", "nope")), 404,
        "no scene \"nope\"");
    assertError(t.get(S + "get_scene_prompts", Map.of()), 400, "scene_name is required");
    assertError(t.get("/fbtools/prompts/discover/nope", Map.of()), 404, "no scene \"nope\"");
    assertErrorContaining(t.get("/fbtools/prompts/discover/a%2Fb", Map.of()), 400,
        "invalid scene name");
  }

  /** save_scene_prompts keeps the v1 backup even when the posted collection lacks it. */
  @Test
  void saveScenePromptsFollowsTheNonDestructiveRule() throws IOException {
    Path dir = scenes.resolve("opening");
    byte[] original = Files.readAllBytes(dir.resolve("prompts.json"));
    ApiResponse r = t.post(S + "save_scene_prompts", map("scene_name", "opening", "collection",
        map("version", 2, "prompts", map("a", "x"), "compositions", map("c", List.of("a")))));
    assertEquals(
        "{\"success\": true, \"scene_name\": \"opening\", \"written\": true, \"backup_created\":"
            + " true, \"message\": \"Saved 1 prompts and 1 compositions to opening\"}",
        r.bodyText());
    assertArrayEquals(original, Files.readAllBytes(dir.resolve("prompts.json.v1.backup")));
    Map<String, Object> saved = FbJson.parseObject(Files.readAllBytes(dir.resolve("prompts.json")));
    assertEquals(FbJson.parseObject(original), saved.get("v1_backup"));
    // again, still without v1_backup in the posted collection: kept
    r = t.post(S + "save_scene_prompts", map("scene_name", "opening", "collection",
        map("version", 2, "prompts", map("b", "y"))));
    assertEquals(false, r.body().get("backup_created"));
    saved = FbJson.parseObject(Files.readAllBytes(dir.resolve("prompts.json")));
    assertEquals(FbJson.parseObject(original), saved.get("v1_backup"));
    assertEquals(map("b", map("value", "y", "processing_type", "raw")), saved.get("prompts"));
    // a collection carrying another backup is refused
    r = t.post(S + "save_scene_prompts", map("scene_name", "opening", "collection",
        map("version", 2, "prompts", map(), "v1_backup", map("x", "y"))));
    assertEquals(409, r.status(), r.toString());
    assertError(t.post(S + "save_scene_prompts", map("scene_name", "nope", "collection",
        map("version", 2))), 404, "no scene \"nope\"");
    assertError(t.post(S + "save_scene_prompts", map("scene_name", "opening")), 400,
        "collection data required: collection is missing");
  }

  /**
   * Issue 10 item 1: a blind write of {@code {}} answered 200 and replaced a scene's prompts with
   * none (and an invented empty {@code v1_backup}); the reference answers 400.
   */
  @Test
  void saveScenePromptsRefusesAnEmptyCollectionAndLeavesTheFile() throws IOException {
    Path dir = scenes.resolve("opening");
    String v2 = "{\n    \"version\": 2,\n    \"prompts\": {\"girl_pos\": \"smiling\"}\n}";
    Files.writeString(dir.resolve("prompts.json"), v2);
    assertError(t.post(S + "save_scene_prompts", map("scene_name", "opening", "collection", map())),
        400, "collection data required: collection is an empty object, which would erase the"
            + " scene's prompts");
    assertError(t.post(S + "save_scene_prompts", "{\"scene_name\": \"opening\", \"collection\":"
        + " null}"), 400, "collection data required: collection is missing");
    ApiResponse r = t.post(S + "save_scene_prompts", map("scene_name", "opening", "collection",
        map("version", 1)));
    assertErrorContaining(r, 400, "collection data required: collection is a version 1 object"
        + " with no prompts");
    r = t.post(S + "save_scene_prompts", map("scene_name", "opening", "collection",
        map("male_pos", "")));
    assertErrorContaining(r, 400, "version 1 object with no prompts");
    assertEquals(v2, Files.readString(dir.resolve("prompts.json")));
    assertFalse(Files.exists(dir.resolve("prompts.json.v1.backup")));
    // clearing on purpose: an explicit version 2 collection with no prompts
    r = t.post(S + "save_scene_prompts", map("scene_name", "opening", "collection",
        map("version", 2, "prompts", map())));
    assertEquals(200, r.status(), r.toString());
    Map<String, Object> saved = FbJson.parseObject(Files.readAllBytes(dir.resolve("prompts.json")));
    assertEquals(map("version", 2L, "prompts", map(), "compositions", map()), saved);
  }

  @Test
  void processCompositionsRefusesAnEmptyCollection() {
    assertError(t.post(S + "process_compositions", map("collection", map())), 400,
        "collection data required: collection is an empty object");
    assertError(t.post(S + "process_compositions", map()), 400,
        "collection data required: collection is missing");
    ApiResponse r = t.post(S + "process_compositions", map("collection", map("version", 1)));
    assertEquals(200, r.status(), r.toString());
    assertEquals(map(), r.body().get("prompt_dict"));
  }

  @Test
  void processCompositionsFindsLibbersOnDisk() throws IOException {
    Files.writeString(root.resolve("libbers").resolve("hats.json"),
        "{\"libs\": {\"hat\": \"a red cap\"}}");
    ApiResponse r = t.post(S + "process_compositions", map("collection", map("prompts", map(
        "h", map("value", "%hat%", "processing_type", "libber", "libber_name", "hats"),
        "o", map("value", "%x%", "processing_type", "libber", "libber_name", "outfits")),
        "compositions", map("all", List.of("h", "o")))));
    assertEquals(
        "{\"success\": true, \"prompt_dict\": {\"all\": \"a red cap %x%\"}, \"missing_libbers\":"
            + " [\"outfits\"], \"status\": \"Processed 1 compositions\"}",
        r.bodyText());
    // a session given by name wins over the file
    ApiResponse created = t.post("/fbtools/libber/create", map("name", "hats", "lib_dict",
        map("hat", "a blue hat")));
    r = t.post(S + "process_compositions", map("collection", map("prompts", map(
        "h", map("value", "%hat%", "processing_type", "libber", "libber_name", "hats")),
        "compositions", map("all", List.of("h"))),
        "libber_sessions", map("hats", created.body().get("session_id"))));
    assertEquals(map("all", "a blue hat"), r.body().get("prompt_dict"));
  }
}
