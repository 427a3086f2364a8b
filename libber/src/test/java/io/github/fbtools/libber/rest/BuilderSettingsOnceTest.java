package io.github.fbtools.libber.rest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.files.AtomicFiles;
import io.github.fbtools.libber.LibberStateManager;
import io.github.fbtools.libber.PromptStateManager;
import io.github.fbtools.libber.SceneStateManager;
import io.github.fbtools.libber.SessionBackend;
import io.github.fbtools.libber.SessionStorage;
import io.github.fbtools.libber.SessionStore;
import io.github.fbtools.libber.StateCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 item 8: the server's builders refuse a setting made twice, naming the setting and both
 * values (docs/decisions.md, "Builders take each setting once").
 */
class BuilderSettingsOnceTest {
  @TempDir Path tmp;

  private static final SessionBackend MEMORY =
      new SessionBackend() {
        @Override
        public <T> SessionStorage<T> storage(StateCodec<T> codec) {
          return SessionStore.<T>builder().build();
        }
      };

  /** A setter call that may throw what the builder's setters throw. */
  interface Setting<B> {
    void accept(B builder) throws IOException;
  }

  private static <B> void refusedTwice(B builder, Setting<B> setting) throws IOException {
    setting.accept(builder);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> setting.accept(builder));
    assertTrue(e.getMessage().contains(" was already set to "), e.getMessage());
    assertTrue(e.getMessage().contains("refusing to set it again to "), e.getMessage());
  }

  @Test
  void fbToolsApiBuilderTakesEachSettingOnce() throws IOException {
    List<Setting<FbToolsApi.Builder>> settings =
        List.of(
            b -> b.root(tmp.resolve("data")),
            b -> b.roots(tmp.resolve("l"), tmp.resolve("s"), tmp.resolve("t")),
            b -> b.files(AtomicFiles.create()),
            b -> b.sessionBackend(MEMORY),
            b -> b.sceneSessions(SceneStateManager.create()),
            b -> b.promptSessions(PromptStateManager.create()),
            b -> b.libberSessions(LibberStateManager.create()),
            b -> b.expansionLimits(FbToolsApi.DEFAULT_EXPANSION_LIMITS),
            b -> b.maxBodyBytes(1000));
    for (Setting<FbToolsApi.Builder> setting : settings) {
      FbToolsApi.Builder b = FbToolsApi.builder();
      refusedTwice(b, setting);
      b.build(); // the first setting still builds
    }
  }

  @Test
  void fbToolsHttpServerBuilderTakesEachSettingOnceButAddsHostsAndOrigins() throws IOException {
    List<Setting<FbToolsHttpServer.Builder>> settings =
        List.of(
            b -> b.address(java.net.InetAddress.getLoopbackAddress()),
            b -> b.port(0),
            b -> b.threads(2),
            b -> b.queueCapacity(4),
            b -> b.maxIdleConnections(16),
            b -> b.backlog(8),
            b -> b.drainTimeout(Duration.ofSeconds(1)),
            b -> b.readTimeout(Duration.ofSeconds(2)),
            b -> b.writeTimeout(Duration.ofSeconds(3)),
            b -> b.bearerToken("s3cret-token-of-24-chars"),
            b -> b.editor(true));
    for (Setting<FbToolsHttpServer.Builder> setting : settings) {
      refusedTwice(FbToolsHttpServer.builder(FbToolsApi.builder().build()), setting);
    }
    IllegalStateException token =
        assertThrows(
            IllegalStateException.class,
            () ->
                FbToolsHttpServer.builder(FbToolsApi.builder().build())
                    .bearerToken("first-secret-token-value")
                    .bearerToken("second-secret-token-val"));
    assertFalse(token.getMessage().contains("secret"), token.getMessage());
    assertTrue(token.getMessage().contains("a token of 24 characters"), token.getMessage());
    // Lists, not settings: adding two hosts and two origins is what they are for.
    try (FbToolsHttpServer server =
        FbToolsHttpServer.builder(FbToolsApi.builder().build())
            .allowHost("fbtools.test")
            .allowHost("studio.test")
            .allowOrigin("http://fbtools.test")
            .allowOrigin("http://studio.test")
            .start()) {
      assertTrue(server.port() > 0);
    }
  }

  /** root and roots set the same thing; the second is refused before it creates any folder. */
  @Test
  void theDataRootsAreOneSettingRefusedBeforeAnyFolderIsMade() throws IOException {
    FbToolsApi.Builder b = FbToolsApi.builder().root(tmp.resolve("first"));
    Path second = tmp.resolve("second");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> b.roots(second, second, second));
    assertTrue(e.getMessage().startsWith("roots was already set to "), e.getMessage());
    assertTrue(e.getMessage().contains(tmp.resolve("first").toString()), e.getMessage());
    assertFalse(Files.exists(second));
    assertThrows(IllegalStateException.class, () -> b.root(second));
    assertFalse(Files.exists(second));
  }

  @Test
  void sessionStoreBuilderTakesEachSettingOnce() throws IOException {
    InstantSource clock = () -> Instant.EPOCH;
    List<Setting<SessionStore.Builder<PromptCollection>>> settings =
        List.of(
            b -> b.clock(clock),
            b -> b.secureRandom(new SecureRandom()),
            b -> b.idleTimeout(Duration.ofMinutes(1)),
            b -> b.absoluteTimeout(Duration.ofHours(1)),
            b -> b.maxSessions(10),
            b -> b.weigher(c -> 1L),
            b -> b.maxSessionWeight(100),
            b -> b.maxTotalWeight(1000),
            b -> b.removalListener((s, cause) -> {}));
    for (Setting<SessionStore.Builder<PromptCollection>> setting : settings) {
      SessionStore.Builder<PromptCollection> b = SessionStore.builder();
      refusedTwice(b, setting);
      b.build();
    }
    // A manager's store builder comes with its weigher as a default: it may be replaced once.
    SessionStore.Builder<PromptCollection> b = PromptStateManager.storeBuilder().weigher(c -> 1L);
    assertThrows(IllegalStateException.class, () -> b.weigher(c -> 2L));
  }
}
