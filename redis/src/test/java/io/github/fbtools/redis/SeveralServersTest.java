package io.github.fbtools.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.Libber;
import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.SceneInfo;
import io.github.fbtools.core.files.LibberFiles;
import io.github.fbtools.core.files.SceneFiles;
import io.github.fbtools.core.json.FbJson;
import io.github.fbtools.libber.rest.FbToolsApi;
import io.github.fbtools.libber.rest.FbToolsHttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several {@link FbToolsHttpServer}s over one Redis and one data folder, over real HTTP: a session
 * made on one server is edited on another; concurrent edits through both lose nothing; saves of
 * one file are kept apart by its lock and fingerprint; Redis dying gives 503s and writes nothing;
 * a restarted server keeps every session.
 */
class SeveralServersTest {
  private static RedisServer redis;
  private static final AtomicInteger PREFIXES = new AtomicInteger();

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final List<AutoCloseable> open = new ArrayList<>();
  @TempDir Path root;

  @BeforeAll
  static void startRedis() {
    redis = RedisServer.start();
  }

  @AfterAll
  static void stopRedis() {
    if (redis != null) {
      redis.close();
    }
  }

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  /** One fbtools server: its Redis backend, its API over the shared data folder, its HTTP port. */
  private record Server(RedisSessionBackend backend, FbToolsApi api, FbToolsHttpServer http) {
    int port() {
      return http.port();
    }
  }

  private Server server(String uri, String prefix) throws IOException {
    RedisSessionBackend backend =
        RedisSessionBackend.builder(uri).keyPrefix(prefix).timeout(Duration.ofSeconds(1)).build();
    open.add(backend);
    FbToolsApi api = FbToolsApi.builder().sessionBackend(backend).root(root).build();
    FbToolsHttpServer h = FbToolsHttpServer.builder(api).threads(8).start();
    open.add(h);
    return new Server(backend, api, h);
  }

  private static String prefix() {
    return "servers" + PREFIXES.incrementAndGet() + ":";
  }

  /** An answer: status, headers' Retry-After, and the JSON body. */
  private record Answer(int status, String retryAfter, Map<String, Object> body) {
    Object get(String field) {
      return body.get(field);
    }

    long version() {
      return (Long) body.get("version");
    }
  }

  private Answer call(Server s, String method, String pathAndQuery, Object... kv) throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      body.put((String) kv[i], kv[i + 1]);
    }
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + pathAndQuery))
            .timeout(Duration.ofSeconds(30));
    if (method.equals("POST")) {
      b.header("Content-Type", "application/json")
          .POST(
              HttpRequest.BodyPublishers.ofString(
                  FbJson.writeCompact(FbJson.immutableObject(body)), StandardCharsets.UTF_8));
    } else {
      b.GET();
    }
    HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new Answer(
        r.statusCode(),
        r.headers().firstValue("Retry-After").orElse(null),
        FbJson.parseObject(r.body()));
  }

  private Answer ok(Server s, String method, String path, Object... kv) throws Exception {
    Answer a = call(s, method, path, kv);
    assertEquals(200, a.status(), path + " -> " + a.body());
    return a;
  }

  // ---------------------------------------------------------------------------------------

  @Test
  void aSessionMadeOnOneServerIsEditedOnTheOther() throws Exception {
    String prefix = prefix();
    Server a = server(redis.uri(), prefix);
    Server b = server(redis.uri(), prefix);

    String lib = (String) ok(a, "POST", "/fbtools/libber/create", "name", "styles").get("session_id");
    ok(b, "POST", "/fbtools/libber/add_lib", "session_id", lib, "expected_version", 0L,
        "key", "Hair", "value", "long %color% hair");
    ok(a, "POST", "/fbtools/libber/add_lib", "session_id", lib, "expected_version", 1L,
        "key", "color", "value", "red");
    Answer applied =
        ok(b, "POST", "/fbtools/libber/apply", "session_id", lib, "text", "a woman with %hair%");
    assertEquals("a woman with long red hair", applied.get("result"));
    Answer data = ok(a, "GET", "/fbtools/libber/get_data?session_id=" + lib);
    assertEquals(2L, data.version());
    assertEquals(Map.of("hair", "long %color% hair", "color", "red"), data.get("lib_dict"));

    String prompts = (String) ok(b, "POST", "/fbtools/prompts/create").get("session_id");
    ok(a, "POST", "/fbtools/prompts/add", "session_id", prompts, "prompt_name", "girl_pos",
        "prompt_value", "smiling");
    assertEquals(List.of("girl_pos"),
        ok(b, "GET", "/fbtools/prompts/get?session_id=" + prompts).get("prompt_names"));

    SceneFiles.create()
        .write(root.resolve("scenes"), "opening",
            SceneInfo.builder("opening")
                .prompts(PromptCollection.empty().withPrompt("girl_pos", "standing"))
                .build());
    String scene =
        (String) ok(a, "POST", "/fbtools/scene/open", "scene_name", "opening").get("session_id");
    ok(b, "POST", "/fbtools/scene/update_metadata", "session_id", scene, "expected_version", 0L,
        "pose_name", "walking");
    Answer saved = ok(a, "POST", "/fbtools/scene/save_metadata", "session_id", scene,
        "expected_version", 1L);
    assertEquals(2L, saved.version());
    assertEquals("walking",
        SceneFiles.create().load(root.resolve("scenes"), "opening").orElseThrow().scene().poseName());

    // A stale version sent to the other server is a 409 with the current state.
    Answer stale = call(b, "POST", "/fbtools/libber/add_lib", "session_id", lib,
        "expected_version", 0L, "key", "x", "value", "y");
    assertEquals(409, stale.status());
    assertEquals(2L, stale.version());
    assertEquals(false, stale.get("success"));

    // Closed on one, gone on the other.
    assertTrue(b.api().libberSessions().close(lib));
    Answer gone = call(a, "GET", "/fbtools/libber/get_data?session_id=" + lib);
    assertEquals(404, gone.status());
    assertEquals(false, gone.get("success"));
  }

  /**
   * 4 threads on each of 2 servers send 2,000 versioned add_lib requests each to one session.
   * Each request carries the version its thread last saw; a 409 tells the current version, and
   * the thread goes on with its next request. At the end the version is exactly the number of
   * accepted requests, and the Libber holds exactly the keys they added: nothing lost, nothing
   * applied twice, nothing applied that was refused.
   */
  @Test
  void fourThreadsOnEachOfTwoServersLoseNoMutation() throws Exception {
    String prefix = prefix();
    List<Server> servers = List.of(server(redis.uri(), prefix), server(redis.uri(), prefix));
    String id =
        (String) ok(servers.get(0), "POST", "/fbtools/libber/create", "name", "race").get("session_id");
    int threadsPerServer = 4;
    int perThread = 2_000;
    Set<String> accepted = ConcurrentHashMap.newKeySet();
    AtomicInteger rejected = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(2 * threadsPerServer);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int s = 0; s < 2; s++) {
        for (int t = 0; t < threadsPerServer; t++) {
          Server server = servers.get(s);
          String name = "s" + s + "t" + t + "_";
          done.add(
              pool.submit(
                  () -> {
                    start.await();
                    long seen = 0;
                    for (int i = 0; i < perThread; i++) {
                      String key = name + i;
                      Answer a = call(server, "POST", "/fbtools/libber/add_lib", "session_id", id,
                          "expected_version", seen, "key", key, "value", "v" + i);
                      if (a.status() == 200) {
                        assertTrue(accepted.add(key));
                        assertEquals(seen + 1, a.version());
                      } else {
                        assertEquals(409, a.status(), a.body().toString());
                        assertTrue(a.version() > seen, a.body().toString());
                        rejected.incrementAndGet();
                      }
                      seen = a.version();
                    }
                    return null;
                  }));
        }
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(10, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(2 * threadsPerServer * perThread, accepted.size() + rejected.get());
    for (Server s : servers) {
      Answer end = ok(s, "GET", "/fbtools/libber/get_data?session_id=" + id);
      assertEquals(accepted.size(), end.version());
      @SuppressWarnings("unchecked")
      Map<String, Object> libs = (Map<String, Object>) end.get("lib_dict");
      assertEquals(accepted, libs.keySet());
      for (Map.Entry<String, Object> e : libs.entrySet()) {
        assertEquals("v" + e.getKey().substring(e.getKey().indexOf('_') + 1), e.getValue());
      }
    }
    assertTrue(accepted.size() > 0);
    System.out.println(
        "two servers x 4 threads: " + accepted.size() + " accepted, " + rejected.get() + " told 409");
  }

  @Test
  void twoServersSavingOneFileAreKeptApartByItsFingerprint() throws Exception {
    String prefix = prefix();
    Server a = server(redis.uri(), prefix);
    Server b = server(redis.uri(), prefix);
    Path dir = root.resolve("libbers");
    LibberFiles.create().write(dir, "shared", Libber.empty().withLib("k", "original"));
    String onA = (String) ok(a, "POST", "/fbtools/libber/load", "name", "shared").get("session_id");
    String onB = (String) ok(b, "POST", "/fbtools/libber/load", "name", "shared").get("session_id");
    ok(a, "POST", "/fbtools/libber/add_lib", "session_id", onA, "key", "k", "value", "from a");
    ok(b, "POST", "/fbtools/libber/add_lib", "session_id", onB, "key", "k", "value", "from b");
    ok(a, "POST", "/fbtools/libber/save", "session_id", onA);
    Answer refused = call(b, "POST", "/fbtools/libber/save", "session_id", onB);
    assertEquals(409, refused.status(), refused.body().toString());
    assertTrue(((String) refused.get("error")).contains("changed on disk"), refused.body().toString());
    assertEquals("from a",
        LibberFiles.create().load(dir, "shared").orElseThrow().libber().lib("k").orElseThrow());
    // Forced, the second server's save goes through; the first server's session sees that.
    ok(b, "POST", "/fbtools/libber/save", "session_id", onB, "force", true);
    assertEquals(409, call(a, "POST", "/fbtools/libber/save", "session_id", onA).status());
  }

  @Test
  void aRestartedServerKeepsEverySession() throws Exception {
    String prefix = prefix();
    Server a = server(redis.uri(), prefix);
    String lib = (String) ok(a, "POST", "/fbtools/libber/create", "name", "kept").get("session_id");
    ok(a, "POST", "/fbtools/libber/add_lib", "session_id", lib, "key", "k", "value", "v");
    String prompts = (String) ok(a, "POST", "/fbtools/prompts/create").get("session_id");
    ok(a, "POST", "/fbtools/prompts/add", "session_id", prompts, "prompt_name", "p",
        "prompt_value", "q");
    a.http().close();
    a.backend().close();

    Server again = server(redis.uri(), prefix);
    Answer l = ok(again, "GET", "/fbtools/libber/get_data?session_id=" + lib);
    assertEquals(1L, l.version());
    assertEquals(Map.of("k", "v"), l.get("lib_dict"));
    Answer p = ok(again, "GET", "/fbtools/prompts/get?session_id=" + prompts);
    assertEquals(1L, p.version());
    assertEquals(List.of("p"), p.get("prompt_names"));
    ok(again, "POST", "/fbtools/libber/add_lib", "session_id", lib, "expected_version", 1L,
        "key", "k2", "value", "v2");
  }

  private static String echo(String id) {
    return io.github.fbtools.libber.SessionException.echo(id);
  }

  /**
   * {@code POST /fbtools/session/close} ends a session of any kind through any server: each kind
   * has its own keys in Redis, and the route asks each kind's storage.
   */
  @Test
  void closeEndsASessionOfAnyKindThroughAnyServer() throws Exception {
    String prefix = prefix();
    Server a = server(redis.uri(), prefix);
    Server b = server(redis.uri(), prefix);
    SceneFiles.create()
        .write(root.resolve("scenes"), "opening", SceneInfo.builder("opening").build());
    String prompts = (String) ok(a, "POST", "/fbtools/prompts/create").get("session_id");
    String libber = (String) ok(a, "POST", "/fbtools/libber/create", "name", "l").get("session_id");
    String scene =
        (String) ok(a, "POST", "/fbtools/scene/open", "scene_name", "opening").get("session_id");
    String[][] cases = {
      {prompts, "prompts", "/fbtools/prompts/get"},
      {libber, "libber", "/fbtools/libber/get_data"},
      {scene, "scene", "/fbtools/scene/get"},
    };
    for (String[] c : cases) {
      Answer closed = ok(b, "POST", "/fbtools/session/close", "session_id", c[0]);
      assertEquals(c[1], closed.get("kind"));
      assertEquals(true, closed.get("closed"));
      Answer gone = call(a, "GET", c[2] + "?session_id=" + c[0]);
      assertEquals(404, gone.status(), gone.body().toString());
      Answer again = call(a, "POST", "/fbtools/session/close", "session_id", c[0]);
      assertEquals(404, again.status(), again.body().toString());
      assertEquals(
          "no session " + echo(c[0]) + " (unknown, deleted or expired)", again.get("error"));
    }
    assertEquals(0, a.api().promptSessions().store().size());
    assertEquals(0, a.api().libberSessions().store().size());
    assertEquals(0, a.api().sceneSessions().store().size());
  }

  /** An id of one kind sent to an endpoint of another says so, on Redis as in memory. */
  @Test
  void anIdOfAnotherKindSaysSoThroughAnyServer() throws Exception {
    String prefix = prefix();
    Server a = server(redis.uri(), prefix);
    Server b = server(redis.uri(), prefix);
    SceneFiles.create()
        .write(root.resolve("scenes"), "opening", SceneInfo.builder("opening").build());
    String prompts = (String) ok(a, "POST", "/fbtools/prompts/create").get("session_id");
    String libber = (String) ok(a, "POST", "/fbtools/libber/create", "name", "l").get("session_id");
    String scene =
        (String) ok(a, "POST", "/fbtools/scene/open", "scene_name", "opening").get("session_id");
    String[][] cases = {
      {"GET", "/fbtools/libber/get_data?session_id=" + prompts, prompts, "prompts", "libber"},
      {"GET", "/fbtools/scene/get?session_id=" + libber, libber, "libber", "scene"},
      {"GET", "/fbtools/prompts/get?session_id=" + scene, scene, "scene", "prompts"},
      {"POST", "/fbtools/libber/add_lib", prompts, "prompts", "libber"},
    };
    for (String[] c : cases) {
      Answer r =
          c[0].equals("GET")
              ? call(b, "GET", c[1])
              : call(b, "POST", c[1], "session_id", c[2], "key", "k", "value", "v");
      assertEquals(400, r.status(), r.body().toString());
      assertEquals(
          "session " + echo(c[2]) + " is a " + c[3] + " session; this endpoint needs a " + c[4]
              + " session",
          r.get("error"));
    }
    // Nothing was changed on the sessions of the other kinds.
    assertEquals(0L, ok(a, "GET", "/fbtools/prompts/get?session_id=" + prompts).version());
    assertEquals(0L, ok(a, "GET", "/fbtools/libber/get_data?session_id=" + libber).version());
  }

  /** A full store on Redis (the limit holds across servers) answers 503 with Retry-After: 30. */
  @Test
  void aFullRedisStoreAnswers503WithRetryAfterUntilASessionIsClosed() throws Exception {
    String prefix = prefix();
    List<Server> servers = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      RedisSessionBackend backend =
          RedisSessionBackend.builder(redis.uri()).keyPrefix(prefix).maxSessions(1).build();
      open.add(backend);
      FbToolsApi api = FbToolsApi.builder().sessionBackend(backend).root(root).build();
      FbToolsHttpServer h = FbToolsHttpServer.builder(api).start();
      open.add(h);
      servers.add(new Server(backend, api, h));
    }
    String first = (String) ok(servers.get(0), "POST", "/fbtools/prompts/create").get("session_id");
    Answer full = call(servers.get(1), "POST", "/fbtools/prompts/create");
    assertEquals(503, full.status(), full.body().toString());
    assertEquals("30", full.retryAfter());
    assertTrue(
        ((String) full.get("error")).endsWith(
            "; close sessions you no longer need (POST /fbtools/session/close) or try again later"),
        full.body().toString());
    ok(servers.get(1), "POST", "/fbtools/session/close", "session_id", first);
    ok(servers.get(1), "POST", "/fbtools/prompts/create");
  }

  /**
   * Issue 10 item 3 across two servers: a forced save over a version 1 prompts.json changed on
   * disk backs up the changed file, and the session, kept in Redis as JSON, carries that backup
   * as its collection's v1_backup; so it saves again (on either server) without a conflict.
   */
  @Test
  void aSavedV1BackupSurvivesTheRoundTripThroughRedis() throws Exception {
    String prefix = prefix();
    Server a = server(redis.uri(), prefix);
    Server b = server(redis.uri(), prefix);
    Path dir = Files.createDirectories(root.resolve("scenes").resolve("opening"));
    Files.writeString(dir.resolve("prompts.json"), "{\"girl_pos\": \"smiling\"}");
    String id =
        (String) ok(a, "POST", "/fbtools/scene/open", "scene_name", "opening").get("session_id");
    ok(b, "POST", "/fbtools/scene/update_prompts", "session_id", id,
        "prompts", Map.of("girl_pos", "edited"));
    String changed = "{\"girl_pos\": \"changed by Python\", \"male_pos\": \"x\"}";
    Files.writeString(dir.resolve("prompts.json"), changed);
    Answer refused = call(a, "POST", "/fbtools/scene/save_metadata", "session_id", id);
    assertEquals(409, refused.status(), refused.body().toString());
    ok(b, "POST", "/fbtools/scene/save_metadata", "session_id", id, "force", true);
    assertEquals(changed, Files.readString(dir.resolve("prompts.json.v1.backup")));
    Answer got = ok(a, "GET", "/fbtools/scene/get?session_id=" + id);
    @SuppressWarnings("unchecked")
    Map<String, Object> collection = (Map<String, Object>) got.get("collection");
    assertEquals(FbJson.parseObject(changed), collection.get("v1_backup"));
    ok(a, "POST", "/fbtools/scene/update_prompts", "session_id", id,
        "prompts", Map.of("girl_pos", "again"));
    Answer again = ok(a, "POST", "/fbtools/scene/save_metadata", "session_id", id);
    assertEquals(List.of("prompts.json"), again.get("changed_files"));
    assertEquals(changed, Files.readString(dir.resolve("prompts.json.v1.backup")));
    Map<String, Object> saved = FbJson.parseObject(Files.readAllBytes(dir.resolve("prompts.json")));
    assertEquals(FbJson.parseObject(changed), saved.get("v1_backup"));
  }

  /** Every file under the data folder, with its bytes. */
  private Map<String, String> snapshot() throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        files.put(root.relativize(p).toString(),
            Files.isRegularFile(p) ? new String(Files.readAllBytes(p), StandardCharsets.UTF_8) : "/");
      }
    }
    return files;
  }

  /**
   * Redis (with its append-only file, so that it comes back with its data) is killed while two
   * threads edit one session through two servers: requests get 503 with Retry-After and a
   * one-line reason; a save writes nothing; when a new Redis starts on the same files, both
   * servers serve again, and every mutation in the state is whole (one key and one version each,
   * every acknowledged one among them).
   */
  @Test
  void redisKilledMidRunGives503sWritesNothingAndRecovers() throws Exception {
    RedisServer own = RedisServer.startPersistent();
    open.add(own);
    String prefix = prefix();
    Server a = server(own.uri(), prefix);
    Server b = server(own.uri(), prefix);
    String id = (String) ok(a, "POST", "/fbtools/libber/create", "name", "busy").get("session_id");
    ok(a, "POST", "/fbtools/libber/save", "session_id", id);
    Map<String, String> before = snapshot();

    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    Set<String> unknown = ConcurrentHashMap.newKeySet();
    AtomicInteger unavailable = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<?>> load = new ArrayList<>();
    for (Server s : List.of(a, b)) {
      String name = s == a ? "a" : "b";
      load.add(
          pool.submit(
              () -> {
                for (int i = 0; !stop.get() && i < 100_000; i++) {
                  String key = name + "_" + i;
                  Answer r = call(s, "POST", "/fbtools/libber/add_lib", "session_id", id,
                      "key", key, "value", "x");
                  if (r.status() == 200) {
                    acknowledged.add(key);
                  } else {
                    assertEquals(503, r.status(), r.body().toString());
                    assertNotNull(r.retryAfter());
                    String error = (String) r.get("error");
                    assertFalse(error.contains("\n"), error);
                    assertTrue(error.contains("Redis at 127.0.0.1:" + own.port()), error);
                    unknown.add(key);
                    unavailable.incrementAndGet();
                  }
                }
                return null;
              }));
    }
    while (acknowledged.size() < 200) {
      Thread.sleep(5); // let the load run a little before the kill
    }
    own.kill();
    while (unavailable.get() < 10) {
      Thread.sleep(5);
    }
    // Redis is down: a save answers 503 and touches no file.
    Answer save = call(b, "POST", "/fbtools/libber/save", "session_id", id);
    assertEquals(503, save.status(), save.body().toString());
    assertTrue(Long.parseLong(save.retryAfter()) >= 1);
    assertEquals(before, snapshot());
    assertEquals(503, call(a, "POST", "/fbtools/libber/create", "name", "x").status());

    own.startAgain();
    stop.set(true);
    for (Future<?> f : load) {
      f.get(2, TimeUnit.MINUTES);
    }
    pool.shutdownNow();
    for (Server s : List.of(a, b)) {
      Answer end = ok(s, "GET", "/fbtools/libber/get_data?session_id=" + id);
      @SuppressWarnings("unchecked")
      Map<String, Object> libs = (Map<String, Object>) end.get("lib_dict");
      assertEquals(libs.size() + 1, end.version(), "one version per whole mutation (+1: the save)");
      assertTrue(libs.keySet().containsAll(acknowledged), "every acknowledged mutation is there");
      Set<String> extra = new HashSet<>(libs.keySet());
      extra.removeAll(acknowledged);
      assertTrue(unknown.containsAll(extra), "only unanswered ones may be there besides: " + extra);
    }
    ok(b, "POST", "/fbtools/libber/save", "session_id", id);
    assertFalse(before.equals(snapshot()), "the save after recovery wrote the file");
  }

  @Test
  void aRedisThatLostItsDataAnswers404AsForAnExpiredSession() throws Exception {
    RedisServer own = RedisServer.start();
    open.add(own);
    Server a = server(own.uri(), prefix());
    String id = (String) ok(a, "POST", "/fbtools/prompts/create").get("session_id");
    own.kill();
    own.startAgain();
    Answer gone = call(a, "GET", "/fbtools/prompts/get?session_id=" + id);
    assertEquals(404, gone.status(), gone.body().toString());
    assertEquals(false, gone.get("success"));
    ok(a, "POST", "/fbtools/prompts/create");
  }
}
