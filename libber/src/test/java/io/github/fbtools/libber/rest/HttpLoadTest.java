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
 * half writes, to one shared session and one session of their own. It asserts only that every
 * request succeeded and that no write was lost; the requests per second are printed for the
 * record (speed is measured properly with JMH in the benchmarks module).
 */
class HttpLoadTest {
  private static final int CLIENTS = 2;
  private static final int REQUESTS = 20_000;

  @Test
  void twentyThousandMixedRequestsWithoutAnError() throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    try (FbToolsHttpServer server =
        FbToolsHttpServer.builder(FbToolsApi.builder().build()).threads(4).start()) {
      String base = "http://127.0.0.1:" + server.port();
      String shared = create(client, base);
      AtomicLong errors = new AtomicLong();
      AtomicLong sharedWrites = new AtomicLong();
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      long started = System.nanoTime();
      List<Future<long[]>> results = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int clientNo = c;
        results.add(
            pool.submit(
                () -> {
                  String own = create(client, base);
                  long ownWrites = 0;
                  for (int i = 0; i < REQUESTS / CLIENTS; i++) {
                    boolean useShared = i % 2 == 0;
                    String id = useShared ? shared : own;
                    HttpResponse<String> r;
                    switch (i % 4) {
                      case 0, 1 -> {
                        String body =
                            FbJson.writeCompact(
                                Map.of(
                                    "session_id", id,
                                    "prompt_name", "p" + clientNo + "_" + (i % 50),
                                    "prompt_value", "value " + i));
                        r = send(client, HttpRequest.newBuilder(URI.create(base
                            + "/fbtools/prompts/add")).POST(HttpRequest.BodyPublishers.ofString(
                            body)));
                        if (useShared) {
                          sharedWrites.incrementAndGet();
                        } else {
                          ownWrites++;
                        }
                      }
                      case 2 -> r = send(client, HttpRequest.newBuilder(URI.create(base
                          + "/fbtools/prompts/get?session_id=" + id)).GET());
                      default -> r = send(client, HttpRequest.newBuilder(URI.create(base
                          + "/fbtools/prompts/list_names?session_id=" + id)).GET());
                    }
                    if (r.statusCode() != 200 || !r.body().startsWith("{\"success\": true")) {
                      errors.incrementAndGet();
                    }
                  }
                  long version = version(client, base, own);
                  return new long[] {ownWrites, version};
                }));
      }
      for (Future<long[]> f : results) {
        long[] r = f.get(10, TimeUnit.MINUTES);
        assertEquals(r[0], r[1], "every write to a client's own session counted once");
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      pool.shutdown();
      assertEquals(0, errors.get());
      assertEquals(sharedWrites.get(), version(client, base, shared));
      System.out.printf(
          "HttpLoadTest: %d requests from %d clients in %.2f s: %.0f requests/second%n",
          REQUESTS, CLIENTS, seconds, REQUESTS / seconds);
    }
  }

  private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder b)
      throws Exception {
    return client.send(b.timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String create(HttpClient client, String base) throws Exception {
    HttpResponse<String> r =
        send(client, HttpRequest.newBuilder(URI.create(base + "/fbtools/prompts/create"))
            .POST(HttpRequest.BodyPublishers.ofString("{}")));
    return (String) FbJson.parseObject(r.body()).get("session_id");
  }

  private static long version(HttpClient client, String base, String id) throws Exception {
    HttpResponse<String> r =
        send(client, HttpRequest.newBuilder(URI.create(base
            + "/fbtools/prompts/get?session_id=" + id)).GET());
    return (Long) FbJson.parseObject(r.body()).get("version");
  }
}
