package io.github.fbtools.libber.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.fbtools.core.json.FbJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A load test over loopback HTTP: 2 client threads send 20,000 requests in all, half reads and
 * half writes, over prompt and Libber sessions, half of them to sessions both clients share. It
 * asserts that every request succeeded and that no write was lost (each session's version equals
 * the writes sent to it); the requests per second are printed for the record, not asserted (speed
 * is measured with JMH in the benchmarks module).
 */
class HttpLoadTest {
  private static final int CLIENTS = 2;
  private static final int REQUESTS = 20_000;

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private String base;

  /** One client's prompt and Libber sessions. */
  private static final class Sessions {
    final String prompts;
    final String libber;

    Sessions(String prompts, String libber) {
      this.prompts = prompts;
      this.libber = libber;
    }
  }

  @Test
  void twentyThousandMixedRequestsWithoutAnError() throws Exception {
    try (FbToolsHttpServer server =
        FbToolsHttpServer.builder(FbToolsApi.builder().build()).threads(4).start()) {
      base = "http://127.0.0.1:" + server.port();
      Sessions shared = new Sessions(createPrompts(), createLibber());
      AtomicLong sharedPromptWrites = new AtomicLong();
      AtomicLong sharedLibberWrites = new AtomicLong();
      AtomicLong errors = new AtomicLong();
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      long started = System.nanoTime();
      List<Future<long[]>> results = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int clientNo = c;
        results.add(
            pool.submit(
                () -> {
                  Sessions own = new Sessions(createPrompts(), createLibber());
                  long ownPromptWrites = 0;
                  long ownLibberWrites = 0;
                  for (int i = 0; i < REQUESTS / CLIENTS; i++) {
                    boolean useShared = (i / 8) % 2 == 0;
                    Sessions s = useShared ? shared : own;
                    String name = "k" + clientNo + "_" + (i % 50);
                    HttpResponse<String> r;
                    switch (i % 8) {
                      case 0, 4 -> {
                        r = post("/fbtools/prompts/add", Map.of("session_id", s.prompts,
                            "prompt_name", name, "prompt_value", "value %" + name + "% " + i));
                        if (useShared) {
                          sharedPromptWrites.incrementAndGet();
                        } else {
                          ownPromptWrites++;
                        }
                      }
                      case 2, 6 -> {
                        r = post("/fbtools/libber/add_lib", Map.of("session_id", s.libber,
                            "key", name, "value", "v" + i));
                        if (useShared) {
                          sharedLibberWrites.incrementAndGet();
                        } else {
                          ownLibberWrites++;
                        }
                      }
                      case 1 -> r = get("/fbtools/prompts/get?session_id=" + s.prompts);
                      case 3 -> r = get("/fbtools/libber/get_data?session_id=" + s.libber);
                      case 5 -> r = post("/fbtools/libber/apply", Map.of("session_id", s.libber,
                          "text", "a %" + name + "% b"));
                      default -> r = get("/fbtools/prompts/list_names?session_id=" + s.prompts);
                    }
                    if (r.statusCode() != 200 || !r.body().startsWith("{\"success\": true")) {
                      errors.incrementAndGet();
                    }
                  }
                  assertEquals(ownPromptWrites, version("/fbtools/prompts/get", own.prompts));
                  assertEquals(ownLibberWrites, version("/fbtools/libber/get_data", own.libber));
                  return new long[] {ownPromptWrites, ownLibberWrites};
                }));
      }
      for (Future<long[]> f : results) {
        f.get(10, TimeUnit.MINUTES);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      pool.shutdown();
      assertEquals(0, errors.get());
      assertEquals(sharedPromptWrites.get(), version("/fbtools/prompts/get", shared.prompts));
      assertEquals(sharedLibberWrites.get(), version("/fbtools/libber/get_data", shared.libber));
      System.out.printf(
          "HttpLoadTest: %d requests (half writes) from %d client threads in %.2f s:"
              + " %.0f requests/second%n",
          REQUESTS, CLIENTS, seconds, REQUESTS / seconds);
    }
  }

  private HttpResponse<String> post(String path, Map<String, ?> body) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(
                FbJson.writeCompact(FbJson.immutableObject(body))))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String pathAndQuery) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(base + pathAndQuery))
            .timeout(Duration.ofSeconds(30))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String createPrompts() throws Exception {
    return (String) FbJson.parseObject(post("/fbtools/prompts/create", Map.of()).body())
        .get("session_id");
  }

  private String createLibber() throws Exception {
    return (String) FbJson.parseObject(post("/fbtools/libber/create", Map.of("name", "load"))
        .body()).get("session_id");
  }

  private long version(String path, String id) throws Exception {
    return (Long) FbJson.parseObject(get(path + "?session_id=" + id).body()).get("version");
  }
}
