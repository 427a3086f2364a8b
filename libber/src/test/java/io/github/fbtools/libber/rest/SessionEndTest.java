package io.github.fbtools.libber.rest;

import static io.github.fbtools.libber.rest.ApiTesting.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.libber.PromptSessions;
import io.github.fbtools.libber.SessionException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Sessions that end: {@code POST /fbtools/session/close} for every kind, a full store's 503 with
 * {@code Retry-After}, and an id of one kind on an endpoint of another.
 */
class SessionEndTest {
  private final FbToolsApi api = FbToolsApi.builder().build();
  private final ApiTesting t = new ApiTesting(api);

  private String create(String path, String body) {
    ApiResponse r = t.post(path, body);
    assertEquals(200, r.status(), r.toString());
    return (String) r.body().get("session_id");
  }

  private static String echo(String id) {
    return SessionException.echo(id);
  }

  @Test
  void closeEndsASessionOfAnyKind() {
    String prompts = create("/fbtools/prompts/create", "{}");
    String libber = create("/fbtools/libber/create", "{\"name\": \"l\"}");
    String[][] cases = {
      {prompts, "prompts", "/fbtools/prompts/get"},
      {libber, "libber", "/fbtools/libber/get_data"},
    };
    for (String[] c : cases) {
      ApiResponse closed = t.post("/fbtools/session/close", Map.of("session_id", c[0]));
      assertEquals(200, closed.status(), closed.toString());
      assertEquals(
          "{\"success\": true, \"session_id\": \"ID\", \"kind\": \"" + c[1]
              + "\", \"closed\": true}",
          ApiTesting.shape(closed, c[0]));
      assertError(t.get(c[2], Map.of("session_id", c[0])), 404,
          "no session " + echo(c[0]) + " (unknown, deleted or expired)");
      assertError(t.post("/fbtools/session/close", Map.of("session_id", c[0])), 404,
          "no session " + echo(c[0]) + " (unknown, deleted or expired)");
    }
    assertEquals(0, api.promptSessions().store().size());
    assertEquals(0, api.libberSessions().store().size());
  }

  @Test
  void closeNeedsAWellFormedId() {
    assertError(t.post("/fbtools/session/close", "{}"), 400, "session_id is required");
    ApiResponse bad = t.post("/fbtools/session/close", Map.of("session_id", "nope"));
    assertEquals(400, bad.status(), bad.toString());
  }

  @Test
  void anIdOfAnotherKindSaysSo() {
    String prompts = create("/fbtools/prompts/create", "{}");
    String libber = create("/fbtools/libber/create", "{\"name\": \"l\"}");
    assertError(t.get("/fbtools/libber/get_data", Map.of("session_id", prompts)), 400,
        "session " + echo(prompts) + " is a prompts session; this endpoint needs a libber session");
    assertError(
        t.post("/fbtools/libber/add_lib", Map.of("session_id", prompts, "key", "k", "value", "v")),
        400,
        "session " + echo(prompts) + " is a prompts session; this endpoint needs a libber session");
    assertError(t.post("/fbtools/prompts/apply_libber",
            Map.of("session_id", prompts, "collection", Map.of())), 400,
        "session " + echo(prompts) + " is a prompts session; this endpoint needs a libber session");
    assertError(t.get("/fbtools/scene/get", Map.of("session_id", libber)), 400,
        "session " + echo(libber) + " is a libber session; this endpoint needs a scene session");
    assertError(t.get("/fbtools/prompts/get", Map.of("session_id", libber)), 400,
        "session " + echo(libber) + " is a libber session; this endpoint needs a prompts session");
    // Nothing was changed on the session of the other kind.
    assertEquals(0L, t.get("/fbtools/prompts/get", Map.of("session_id", prompts)).body()
        .get("version"));
  }

  @Test
  void aFullStoreAnswers503WithRetryAfter() {
    FbToolsApi small = FbToolsApi.builder()
        .promptSessions(PromptSessions.over(
            PromptSessions.storeBuilder().maxSessions(1).build()))
        .build();
    ApiTesting s = new ApiTesting(small);
    String first = (String) s.post("/fbtools/prompts/create", "{}").body().get("session_id");
    ApiResponse full = s.post("/fbtools/prompts/create", "{}");
    assertEquals(503, full.status(), full.toString());
    assertEquals("30", full.headers().get("Retry-After"));
    assertEquals(
        "the session store is full: 1 live sessions; close sessions you no longer need"
            + " (POST /fbtools/session/close) or try again later",
        full.body().get("error"));
    assertEquals(200, s.post("/fbtools/session/close", Map.of("session_id", first)).status());
    assertEquals(200, s.post("/fbtools/prompts/create", "{}").status());
  }

  @Test
  void anOutOfMemoryErrorInAHandlerIs503() {
    FbToolsApi failing = FbToolsApi.builder()
        .promptSessions(PromptSessions.over(PromptSessions.storeBuilder()
            .weigher((PromptCollection c) -> {
              if (!c.prompts().isEmpty()) {
                throw new OutOfMemoryError("Java heap space (simulated)");
              }
              return 1;
            })
            .build()))
        .build();
    ApiTesting f = new ApiTesting(failing);
    ApiResponse r = f.post("/fbtools/prompts/create",
        "{\"legacy_data\": {\"girl_pos\": \"smiling\"}}");
    assertEquals(503, r.status(), r.toString());
    assertEquals("5", r.headers().get("Retry-After"));
    assertEquals(
        "the server ran out of memory answering this request; nothing was changed by it",
        r.body().get("error"));
    assertEquals(0, failing.promptSessions().store().size());
    assertEquals(200, f.post("/fbtools/prompts/create", "{}").status());
  }
}
