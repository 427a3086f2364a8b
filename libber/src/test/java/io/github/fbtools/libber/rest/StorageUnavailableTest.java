package io.github.fbtools.libber.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.Libber;
import io.github.fbtools.core.files.LibberFiles;
import io.github.fbtools.libber.LibberState;
import io.github.fbtools.libber.LibberStateManager;
import io.github.fbtools.libber.Session;
import io.github.fbtools.libber.SessionBackend;
import io.github.fbtools.libber.SessionLimits;
import io.github.fbtools.libber.SessionStorage;
import io.github.fbtools.libber.SessionStore;
import io.github.fbtools.libber.StateCodec;
import io.github.fbtools.libber.StorageUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import javax.annotation.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session storage that cannot be reached (a Redis server that is down): 503 with Retry-After
 * and the reason, no file written, and a truthful message when it fails after a save's write.
 */
class StorageUnavailableTest {
  @TempDir Path root;

  /** An in-memory storage that throws while {@code down} is set, or on the n-th update. */
  private static final class Flaky<T> implements SessionStorage<T> {
    final SessionStore<T> inner = SessionStore.<T>builder().build();
    final AtomicBoolean down = new AtomicBoolean();
    final AtomicInteger failOnUpdate = new AtomicInteger(-1);

    private void check() {
      if (down.get()) {
        throw new StorageUnavailableException(
            "the session store (Redis at 127.0.0.1:6390/0) is unavailable: it cannot be reached"
                + " (Connection refused); try again shortly",
            Duration.ofMillis(2500),
            null);
      }
    }

    @Override
    public Session<T> create(T state) {
      check();
      return inner.create(state);
    }

    @Override
    public Session<T> get(String id) {
      check();
      return inner.get(id);
    }

    @Override
    public long touch(String id) {
      check();
      return inner.touch(id);
    }

    @Override
    public Session<T> update(String id, @Nullable Long expected, UnaryOperator<T> mutation) {
      if (failOnUpdate.getAndDecrement() == 0) {
        down.set(true);
      }
      check();
      return inner.update(id, expected, mutation);
    }

    @Override
    public boolean delete(String id) {
      check();
      return inner.delete(id);
    }

    @Override
    public int cleanUp() {
      check();
      return inner.cleanUp();
    }

    @Override
    public int size() {
      check();
      return inner.size();
    }

    @Override
    public long totalWeight() {
      return inner.totalWeight();
    }

    @Override
    public SessionLimits limits() {
      return inner.limits();
    }
  }

  @Test
  void anUnreachableStorageIsA503WithRetryAfterAndWritesNothing() throws Exception {
    Flaky<LibberState> storage = new Flaky<>();
    FbToolsApi api =
        FbToolsApi.builder().libberSessions(LibberStateManager.over(storage)).root(root).build();
    ApiResponse created = api.handle(ApiRequest.post("/fbtools/libber/create", "{\"name\": \"x\"}"));
    String id = (String) created.body().get("session_id");
    storage.down.set(true);
    for (ApiRequest r :
        new ApiRequest[] {
          ApiRequest.post("/fbtools/libber/create", "{\"name\": \"y\"}"),
          ApiRequest.post(
              "/fbtools/libber/add_lib",
              "{\"session_id\": \"" + id + "\", \"key\": \"k\", \"value\": \"v\"}"),
          ApiRequest.post("/fbtools/libber/save", "{\"session_id\": \"" + id + "\"}"),
          ApiRequest.get("/fbtools/libber/get_data", Map.of("session_id", id))
        }) {
      ApiResponse a = api.handle(r);
      assertEquals(503, a.status(), a.body().toString());
      assertEquals("3", a.headers().get("Retry-After"));
      String error = (String) a.body().get("error");
      assertTrue(error.contains("Redis at 127.0.0.1:6390/0"), error);
      assertFalse(error.contains("\n"), error);
      assertEquals(false, a.body().get("success"));
    }
    try (var files = Files.list(root.resolve("libbers"))) {
      assertEquals(0, files.count(), "nothing written while the storage is down");
    }
    storage.down.set(false);
    assertEquals(200, api.handle(ApiRequest.get("/fbtools/libber/get_data", Map.of("session_id", id))).status());
  }

  @Test
  void aSaveWhoseRecordFailsSaysTheFileWasWritten() throws Exception {
    Flaky<LibberState> storage = new Flaky<>();
    FbToolsApi api =
        FbToolsApi.builder().libberSessions(LibberStateManager.over(storage)).root(root).build();
    String id =
        (String)
            api.handle(
                    ApiRequest.post(
                        "/fbtools/libber/create",
                        "{\"name\": \"styles\", \"lib_dict\": {\"hair\": \"long\"}}"))
                .body()
                .get("session_id");
    storage.failOnUpdate.set(0); // the save's record of the new fingerprint
    ApiResponse a = api.handle(ApiRequest.post("/fbtools/libber/save", "{\"session_id\": \"" + id + "\"}"));
    assertEquals(503, a.status(), a.body().toString());
    String error = (String) a.body().get("error");
    assertTrue(error.startsWith("libber \"styles\" was written to disk, but the session could not"),
        error);
    assertEquals("3", a.headers().get("Retry-After"));
    assertEquals(
        Libber.empty().withLib("hair", "long").libs(),
        LibberFiles.create().load(root.resolve("libbers"), "styles").orElseThrow().libber().libs());
    // The session still holds the old fingerprint: its next save is refused, not blind.
    storage.down.set(false);
    assertEquals(
        409, api.handle(ApiRequest.post("/fbtools/libber/save", "{\"session_id\": \"" + id + "\"}")).status());
  }

  @Test
  void theBackendBuildsTheThreeManagers() {
    Flaky<Object> any = new Flaky<>();
    AtomicInteger kinds = new AtomicInteger();
    SessionBackend backend =
        new SessionBackend() {
          @Override
          @SuppressWarnings("unchecked")
          public <T> SessionStorage<T> storage(StateCodec<T> codec) {
            kinds.incrementAndGet();
            return (SessionStorage<T>) any;
          }
        };
    FbToolsApi api = FbToolsApi.builder().sessionBackend(backend).build();
    assertEquals(3, kinds.get());
    assertTrue(api.libberSessions().store() == (Object) any);
    assertTrue(api.promptSessions().store() == (Object) any);
    assertTrue(api.sceneSessions().store() == (Object) any);
    assertThrows(NullPointerException.class, () -> FbToolsApi.builder().sessionBackend(null));
    assertThrows(
        IllegalArgumentException.class,
        () -> new StorageUnavailableException("x", Duration.ZERO, null));
  }
}
