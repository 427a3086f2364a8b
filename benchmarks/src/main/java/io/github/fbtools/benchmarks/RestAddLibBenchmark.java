package io.github.fbtools.benchmarks;

import io.github.fbtools.libber.rest.FbToolsApi;
import io.github.fbtools.libber.rest.FbToolsHttpServer;
import io.github.fbtools.redis.RedisSessionBackend;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The REST {@code POST /fbtools/libber/add_lib} round trip over loopback HTTP ({@link
 * FbToolsHttpServer}, JDK {@link HttpClient}, keep-alive), with the sessions in memory or in
 * Redis, side by side in one run. The session holds a 20-key Libber (an editor's typical one);
 * each request overwrites one key, without an expected version, and the answer carries the whole
 * Libber, as every add_lib answer does. Throughput (round trips per second) and sample time (p99).
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
public class RestAddLibBenchmark {
  private static final Pattern ID = Pattern.compile("\"session_id\": \"([A-Za-z0-9_-]{43})\"");

  /** Where the sessions live. */
  @Param({"memory", "redis"})
  public String storage;

  @Nullable private LocalRedis redis;
  @Nullable private RedisSessionBackend backend;
  @Nullable private FbToolsHttpServer server;
  private HttpClient http = HttpClient.newHttpClient();
  private URI addLib = URI.create("http://127.0.0.1/");
  private String id = "";
  private long n;

  /**
   * Starts Redis if needed, the server, and one session with 20 keys.
   *
   * @throws Exception if something cannot start
   */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    FbToolsApi.Builder api = FbToolsApi.builder();
    if ("redis".equals(storage)) {
      redis = LocalRedis.start();
      backend =
          RedisSessionBackend.builder(redis.uri())
              .keyPrefix("rest" + System.nanoTime() + ":")
              .build();
      api.sessionBackend(backend);
    }
    server = FbToolsHttpServer.builder(api.build()).threads(2).start();
    http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    String base = "http://127.0.0.1:" + server.port() + "/fbtools/libber/";
    StringBuilder dict = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      dict.append(i == 0 ? "" : ", ").append("\"key_").append(i).append("\": \"value ").append(i)
          .append("\"");
    }
    String created =
        post(URI.create(base + "create"), "{\"name\": \"bench\", \"lib_dict\": {" + dict + "}}");
    Matcher m = ID.matcher(created);
    if (!m.find()) {
      throw new IllegalStateException("no session id in " + created);
    }
    id = m.group(1);
    addLib = URI.create(base + "add_lib");
    String check = roundTrip();
    if (!check.contains("\"success\": true") || !check.contains("\"version\": 1")) {
      throw new IllegalStateException("add_lib did not apply: " + check);
    }
  }

  private String post(URI uri, String body) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  /**
   * Stops the server, closes the connections, and stops the Redis this benchmark started.
   */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (server != null) {
      server.close();
    }
    if (backend != null) {
      backend.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  /**
   * One add_lib round trip.
   *
   * @return the answer
   * @throws Exception if the request fails
   */
  @Benchmark
  public String roundTrip() throws Exception {
    long i = n++;
    return post(
        addLib,
        "{\"session_id\": \""
            + id
            + "\", \"key\": \"key_"
            + (i % 20)
            + "\", \"value\": \""
            + List.of("long red hair", "short blue hair").get((int) ((i / 20) & 1))
            + "\"}");
  }
}
