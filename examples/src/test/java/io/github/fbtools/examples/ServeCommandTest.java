package io.github.fbtools.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.files.AtomicFiles;
import io.github.fbtools.core.json.FbJson;
import io.github.fbtools.redis.RedisServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {
  @TempDir Path tmp;

  /** A stop signal the test controls: tells when serve waits, and releases it. */
  private static final class Latches implements StopSignal {
    final CountDownLatch waiting = new CountDownLatch(1);
    final CountDownLatch stop = new CountDownLatch(1);
    final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public void await() throws InterruptedException {
      waiting.countDown();
      stop.await();
    }

    @Override
    public void stopped() {
      stopped.countDown();
    }
  }

  private static Map<String, Object> call(HttpClient http, int port, String method, String path,
      String body) throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30));
    b = method.equals("GET")
        ? b.GET()
        : b.header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r::body);
    return FbJson.parseObject(r.body());
  }

  @Test
  @SuppressWarnings("unchecked")
  void servesEachFamilyOnAFreePortAndStops() throws Exception {
    Path data = TestFiles.mkdirs(tmp.resolve("data"));
    SampleStory.copyTo(data, AtomicFiles.create());
    Latches latches = new Latches();
    ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
    CompletableFuture<Integer> running =
        CompletableFuture.supplyAsync(
            () -> Fbtools.run(
                new String[] {"serve", "--port", "0", "--root", data.toString()},
                out, err, CliRun.env(tmp, latches)));
    int port;
    try {
      // Generous hang guards, not timing assertions.
      assertTrue(latches.waiting.await(60, TimeUnit.SECONDS), "serve did not start");
      String banner = outBytes.toString(StandardCharsets.UTF_8);
      Matcher m =
          Pattern.compile("^fbtools serve: listening on http://127\\.0\\.0\\.1:(\\d+)/fbtools/ "
              + "\\(Ctrl-C to stop\\)\n").matcher(banner);
      assertTrue(m.find(), banner);
      port = Integer.parseInt(m.group(1));
      assertTrue(banner.contains("  POST /fbtools/prompts/create\n"), banner);
      assertTrue(
          banner.contains("  data: " + data.toRealPath().resolve("libbers") + ", "), banner);
      assertTrue(banner.contains("  POST /fbtools/scene/process_compositions\n"), banner);
      assertTrue(banner.contains("  editor: http://127.0.0.1:" + port + "/fbtools/editor/  "),
          banner);

      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
      // prompts: a session from a version 1 object.
      Map<String, Object> prompts =
          call(http, port, "POST", "/fbtools/prompts/create",
              "{\"legacy_data\": {\"girl_pos\": \"smiling\", \"male_pos\": \"\"}}");
      assertEquals(true, prompts.get("success"));
      assertEquals(java.util.List.of("girl_pos"), prompts.get("prompt_names"));
      Map<String, Object> names =
          call(http, port, "GET",
              "/fbtools/prompts/list_names?session_id=" + prompts.get("session_id"), "");
      assertEquals(1L, names.get("count"));
      // libber: a session, and a substitution.
      Map<String, Object> libber =
          call(http, port, "POST", "/fbtools/libber/create",
              "{\"name\": \"noir\", \"lib_dict\": {\"light\": \"teal light\"}}");
      String libberId = (String) libber.get("session_id");
      Map<String, Object> applied =
          call(http, port, "POST", "/fbtools/libber/apply",
              "{\"session_id\": \"" + libberId + "\", \"text\": \"in %light%\"}");
      assertEquals("in teal light", applied.get("result"));
      // scene: compose a collection with that libber session.
      Map<String, Object> scene =
          call(http, port, "POST", "/fbtools/scene/process_compositions",
              "{\"collection\": {\"version\": 2,"
                  + " \"prompts\": {\"a\": {\"value\": \"lit by %light%\","
                  + " \"processing_type\": \"libber\", \"libber_name\": \"noir\"}},"
                  + " \"compositions\": {\"full\": [\"a\"]}},"
                  + " \"libber_sessions\": {\"noir\": \"" + libberId + "\"}}");
      Map<String, Object> composed = (Map<String, Object>) scene.get("prompt_dict");
      assertEquals("lit by teal light", composed.get("full"));
      // Files under --root: a libber loaded by name, a scene's prompts, the stories' scenes.
      Map<String, Object> loaded =
          call(http, port, "POST", "/fbtools/libber/load", "{\"name\": \"noir\"}");
      assertEquals(
          "35mm film grain", ((Map<String, Object>) loaded.get("lib_dict")).get("grain"));
      Map<String, Object> discovered =
          call(http, port, "GET", "/fbtools/prompts/discover/meeting", "");
      assertEquals(
          java.util.List.of("hero", "rival", "setting", "wan_prompt"),
          discovered.get("prompt_names"));
      Map<String, Object> story =
          call(http, port, "GET", "/fbtools/scene/list_scenes/night_courier", "");
      assertEquals(4L, story.get("count"));
      // The browser editor is on, and / leads to it.
      HttpResponse<String> page = http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/fbtools/editor/"))
              .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, page.statusCode());
      assertTrue(page.body().contains("<script type=\"module\" src=\"main.js\"></script>"));
      assertTrue(page.headers().firstValue("Content-Security-Policy").orElseThrow()
          .contains("frame-ancestors 'none'"));
    } finally {
      latches.stop.countDown();
    }
    assertEquals(Fbtools.EXIT_OK, running.get(60, TimeUnit.SECONDS), errBytes::toString);
    assertTrue(latches.stopped.await(60, TimeUnit.SECONDS));
    assertTrue(outBytes.toString(StandardCharsets.UTF_8).endsWith("fbtools serve: stopped\n"));
    assertEquals("", errBytes.toString(StandardCharsets.UTF_8));
    // The port is closed.
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    IOException refused =
        assertThrows(IOException.class, () -> call(http, port, "GET", "/fbtools/x", ""));
    assertTrue(
        refused instanceof ConnectException || refused.getCause() instanceof ConnectException,
        refused::toString);
  }

  @Test
  void portInUse() throws IOException {
    try (ServerSocket taken =
        new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      CliRun.run(CliRun.env(tmp), "serve", "--port", String.valueOf(taken.getLocalPort()))
          .assertUsageError("cannot listen on port " + taken.getLocalPort());
    }
  }

  @Test
  void withoutRootFileEndpointsAnswer503() throws Exception {
    Latches latches = new Latches();
    ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    CompletableFuture<Integer> running =
        CompletableFuture.supplyAsync(
            () -> Fbtools.run(
                new String[] {"serve", "--port=0"}, out, out, CliRun.env(tmp, latches)));
    try {
      assertTrue(latches.waiting.await(60, TimeUnit.SECONDS), "serve did not start");
      String banner = outBytes.toString(StandardCharsets.UTF_8);
      assertTrue(banner.contains("  no data folder (--root)"), banner);
      Matcher m = Pattern.compile(":(\\d+)/fbtools/").matcher(banner);
      assertTrue(m.find(), banner);
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + m.group(1) + "/fbtools/libber/list"))
                  .timeout(Duration.ofSeconds(30))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(503, r.statusCode(), r::body);
      assertEquals(false, FbJson.parseObject(r.body()).get("success"));
    } finally {
      latches.stop.countDown();
    }
    assertEquals(Fbtools.EXIT_OK, running.get(60, TimeUnit.SECONDS), outBytes::toString);
  }

  /** A running {@code fbtools serve}: its output, its port, and its stop signal. */
  private record Running(
      CompletableFuture<Integer> exit, Latches latches, ByteArrayOutputStream out, int port) {}

  private Running serve(String... args) throws Exception {
    Latches latches = new Latches();
    ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    List<String> all = new ArrayList<>(List.of("serve", "--port", "0"));
    all.addAll(List.of(args));
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () -> Fbtools.run(all.toArray(new String[0]), out, out, CliRun.env(tmp, latches)));
    assertTrue(latches.waiting.await(60, TimeUnit.SECONDS), "serve did not start");
    Matcher m =
        Pattern.compile(":(\\d+)/fbtools/").matcher(outBytes.toString(StandardCharsets.UTF_8));
    assertTrue(m.find(), outBytes::toString);
    return new Running(exit, latches, outBytes, Integer.parseInt(m.group(1)));
  }

  private static void stop(Running r) throws Exception {
    r.latches().stop.countDown();
    assertEquals(Fbtools.EXIT_OK, r.exit().get(60, TimeUnit.SECONDS), r.out()::toString);
  }

  /** Two {@code fbtools serve --sessions redis://...} share their sessions. */
  @Test
  void twoServersShareSessionsThroughRedis() throws Exception {
    try (RedisServer redis = RedisServer.start()) {
      Running a = serve("--sessions", redis.uri());
      Running b = serve("--sessions", redis.uri());
      try {
        String banner = a.out().toString(StandardCharsets.UTF_8);
        assertTrue(
            banner.contains(
                "  sessions: in Redis at " + redis.uri() + ", keys fbtools:session:*\n"),
            banner);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        Map<String, Object> created =
            call(http, a.port(), "POST", "/fbtools/libber/create",
                "{\"name\": \"shared\", \"lib_dict\": {\"light\": \"teal\"}}");
        String id = (String) created.get("session_id");
        call(http, b.port(), "POST", "/fbtools/libber/add_lib",
            "{\"session_id\": \"" + id + "\", \"key\": \"dark\", \"value\": \"navy\"}");
        Map<String, Object> data =
            call(http, a.port(), "GET", "/fbtools/libber/get_data?session_id=" + id, "");
        assertEquals(1L, data.get("version"));
        assertEquals(Map.of("light", "teal", "dark", "navy"), data.get("lib_dict"));
      } finally {
        stop(a);
        stop(b);
      }
    }
  }

  /**
   * Issue 10 item 17: serve exited 130 on Ctrl-C and 143 on SIGTERM while its help said 0; a
   * clean stop now exits 0, in a real JVM with a real signal.
   */
  @Test
  void aCleanStopByCtrlCOrSigtermExitsZero() throws Exception {
    for (String asked : List.of("TERM", "INT")) {
      String signal = asked;
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      Process p =
          new ProcessBuilder(
                  java.toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  Fbtools.class.getName(),
                  "serve",
                  "--port",
                  "0",
                  "--root",
                  tmp.toString())
              .redirectErrorStream(true)
              .start();
      StringBuffer output = new StringBuffer();
      CountDownLatch listening = new CountDownLatch(1);
      Thread reader =
          new Thread(
              () -> {
                try (var lines =
                    new java.io.BufferedReader(
                        new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = lines.readLine()) != null) {
                    output.append(line).append('\n');
                    if (line.contains("listening on")) {
                      listening.countDown();
                    }
                  }
                } catch (IOException e) {
                  output.append(e);
                }
              });
      reader.start();
      try {
        assertTrue(listening.await(60, TimeUnit.SECONDS), () -> "serve did not start: " + output);
        if (signal.equals("INT") && sigintIgnored()) {
          // This JVM was started with SIGINT ignored (a background job of a non-interactive shell,
          // nohup), and so is its child: a JVM keeps an ignored SIGINT ignored, as Unix tools do.
          // Ctrl-C cannot reach such a process; check that it indeed goes on, then stop it.
          kill("INT", p);
          assertFalse(p.waitFor(2, TimeUnit.SECONDS), () -> "an ignored SIGINT stopped serve: " + output);
          signal = "TERM";
        }
        kill(signal, p);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), () -> "serve did not stop: " + output);
        reader.join(10_000);
        assertEquals(0, p.exitValue(), () -> "SIG" + asked + ": " + output);
        assertTrue(output.toString().contains("fbtools serve: stopped"), output::toString);
      } finally {
        p.destroyForcibly();
      }
    }
  }

  private static void kill(String signal, Process p) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(p.pid())).start();
    assertEquals(0, kill.waitFor(), "kill -" + signal);
  }

  /** Whether this process ignores SIGINT (bit 2 of {@code SigIgn} in /proc/self/status). */
  private static boolean sigintIgnored() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("SigIgn:")) {
        return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & 0b10) != 0;
      }
    }
    return false;
  }

  @Test
  void sessionsOnARedisThatIsDownAnswer503UntilItIsUp() throws Exception {
    int free;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      free = s.getLocalPort();
    }
    Running r = serve("--sessions", "redis://127.0.0.1:" + free);
    try {
      String banner = r.out().toString(StandardCharsets.UTF_8);
      assertTrue(banner.contains("(not answering now: requests get 503 until it does)"), banner);
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + r.port() + "/fbtools/prompts/create"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{}"))
                  .timeout(Duration.ofSeconds(30))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(503, answer.statusCode(), answer::body);
      assertTrue(answer.headers().firstValue("Retry-After").isPresent());
      String error = (String) FbJson.parseObject(answer.body()).get("error");
      assertTrue(error.contains("127.0.0.1:" + free), error);
    } finally {
      stop(r);
    }
  }

  /**
   * Issue 10 item 17: a --root whose folders cannot be created (an empty read-only folder) exited
   * 1; it is a path that cannot be used, exit 2 as the exit-code table says.
   */
  @Test
  void anUnusableRootIsABadArgument() throws Exception {
    Path frozen = java.nio.file.Files.createDirectory(tmp.resolve("frozen"));
    Process chattr = new ProcessBuilder("chattr", "+i", frozen.toString()).redirectErrorStream(true)
        .start();
    chattr.getInputStream().readAllBytes();
    org.junit.jupiter.api.Assumptions.assumeTrue(
        chattr.waitFor() == 0, "chattr +i is refused here (not ext4, or no e2fsprogs)");
    CliRun r;
    try {
      r = CliRun.run(CliRun.env(tmp), "serve", "--root", frozen.toString());
    } finally {
      new ProcessBuilder("chattr", "-i", frozen.toString()).start().waitFor();
    }
    r.assertUsageError("--root " + frozen.toRealPath() + " cannot be used: its libbers, scenes and"
        + " stories folders cannot be created (");
  }

  @Test
  void badArguments() {
    CliRun.run(CliRun.env(tmp), "serve", "--root", tmp.resolve("nope").toString())
        .assertUsageError("--root not found");
    CliRun.run(CliRun.env(tmp), "serve", "--port", "65536")
        .assertUsageError("--port must be in 0..65535: 65536");
    CliRun.run(CliRun.env(tmp), "serve", "--port", "http")
        .assertUsageError("--port must be an integer");
    CliRun.run(CliRun.env(tmp), "serve", "--sessions", "http://127.0.0.1:6379")
        .assertUsageError("--sessions must be memory or redis://HOST:PORT[/DB]");
    CliRun.run(CliRun.env(tmp), "serve", "--sessions", "redis://:secret@h:1/x")
        .assertUsageError("--sessions must be memory or redis://HOST:PORT[/DB]");
    CliRun.run(CliRun.env(tmp), "serve", "now").assertUsageError("unexpected argument \"now\"");
  }

  @Test
  void aNonLoopbackHostWithoutATokenRefusesToStart() {
    CliRun.run(CliRun.env(tmp), "serve", "--host", "0.0.0.0", "--port", "0")
        .assertUsageError("--host 0.0.0.0 is not a loopback address");
  }

  @Test
  void badSecurityArguments() throws IOException {
    CliRun.run(CliRun.env(tmp), "serve", "--host", "example.com")
        .assertUsageError("--host must be an IP address");
    CliRun.run(CliRun.env(tmp), "serve", "--allow-host", "a/b", "--port", "0")
        .assertUsageError("allowHost: not a host name");
    CliRun.run(CliRun.env(tmp), "serve", "--allow-origin", "ftp://x", "--port", "0")
        .assertUsageError("allowOrigin: not an origin");
    Path weak = tmp.resolve("weak-token");
    java.nio.file.Files.writeString(weak, "secret\n");
    CliRun run = CliRun.run(CliRun.env(tmp), "serve", "--token-file", weak.toString());
    run.assertUsageError("must be at least 16 printable ASCII characters");
    assertTrue(!run.err().contains("secret"), run.err());
    CliRun.run(CliRun.env(tmp), "serve", "--token-file", tmp.resolve("none").toString())
        .assertUsageError("--token-file");
  }

  @Test
  void aTokenIsRequiredOnEveryRequestAndNeverPrinted() throws Exception {
    String token = "tok-0123456789abcdef-XYZ";
    Path tokenFile = tmp.resolve("token");
    java.nio.file.Files.writeString(tokenFile, token + "\n");
    Latches latches = new Latches();
    ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    CompletableFuture<Integer> running =
        CompletableFuture.supplyAsync(
            () -> Fbtools.run(
                new String[] {"serve", "--port=0", "--host", "127.0.0.1", "--token-file",
                    tokenFile.toString(), "--allow-host", "studio.local", "--allow-host",
                    "other.local", "--allow-origin", "http://localhost:5173"},
                out, out, CliRun.env(tmp, latches)));
    try {
      assertTrue(latches.waiting.await(60, TimeUnit.SECONDS), "serve did not start");
      String banner = outBytes.toString(StandardCharsets.UTF_8);
      assertTrue(banner.contains("every request needs \"Authorization: Bearer <token>\""), banner);
      Matcher m = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/fbtools/").matcher(banner);
      assertTrue(m.find(), banner);
      URI list = URI.create("http://127.0.0.1:" + m.group(1) + "/fbtools/openapi.json");
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
      HttpResponse<String> without = http.send(HttpRequest.newBuilder(list).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(401, without.statusCode(), without::body);
      HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(list)
          .header("Authorization", "Bearer " + token + "0").build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(401, wrong.statusCode(), wrong::body);
      HttpResponse<String> with = http.send(HttpRequest.newBuilder(list)
          .header("Authorization", "Bearer " + token)
          .header("Origin", "http://localhost:5173").build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, with.statusCode(), with::body);
      assertEquals("http://localhost:5173",
          with.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
    } finally {
      latches.stop.countDown();
    }
    assertEquals(Fbtools.EXIT_OK, running.get(60, TimeUnit.SECONDS), outBytes::toString);
    assertTrue(!outBytes.toString(StandardCharsets.UTF_8).contains(token), "the token was printed");
  }
}
