package io.github.fbtools.core.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.SceneInStory;
import io.github.fbtools.core.SceneInfo;
import io.github.fbtools.core.json.SetOnce;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 8: a service builder refuses a setting made twice, naming the setting and both
 * values; value builders let the last value win (docs/decisions.md).
 */
class BuilderSettingsOnceTest {
  @Test
  void setOnceNamesTheSettingAndBothValues() {
    SetOnce once = new SetOnce();
    once.set("port", 8080);
    once.set("other", "x");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> once.set("port", 9090));
    assertEquals(
        "port was already set to 8080; refusing to set it again to 9090 (a builder takes each"
            + " setting once)",
        e.getMessage());
    assertTrue(once.isSet("port"));
    // A null is the setter's own business (refused by it, or "none"): not recorded.
    once.set("listener", null);
    once.set("listener", "l");
    assertThrows(IllegalStateException.class, () -> once.checkNotSet("listener", "m"));
    once.checkNotSet("fresh", "v");
    assertTrue(!once.isSet("fresh"));
  }

  @Test
  void atomicFilesBuilderTakesEachSettingOnce() {
    Clock a = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
    List<Consumer<AtomicFiles.Builder>> settings =
        List.of(
            b -> b.fileOps(FileOps.system()),
            b -> b.clock(a),
            b -> b.lockTimeout(Duration.ofSeconds(1)));
    for (Consumer<AtomicFiles.Builder> setting : settings) {
      AtomicFiles.Builder b = AtomicFiles.builder();
      setting.accept(b);
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> setting.accept(b));
      assertTrue(e.getMessage().contains(" was already set to "), e.getMessage());
      b.build(); // the first setting still builds
    }
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> AtomicFiles.builder().lockTimeout(Duration.ofSeconds(1)).lockTimeout(Duration.ofSeconds(2)));
    assertTrue(e.getMessage().contains("lockTimeout was already set to PT1S"), e.getMessage());
    assertTrue(e.getMessage().contains("PT2S"), e.getMessage());
  }

  @Test
  void valueBuildersLetTheLastValueWin() {
    SceneInfo scene = SceneInfo.builder("s").poseName("a").poseName("b").build();
    assertEquals("b", scene.poseName());
    assertEquals("c", scene.toBuilder().poseName("c").build().poseName());
    SceneInStory inStory =
        SceneInStory.builder("s", 0).maskName("a").maskName("b").build();
    assertEquals("b", inStory.maskName());
  }
}
