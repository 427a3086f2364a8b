package io.github.fbtools.storyexec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.testing.Gen;
import io.github.fbtools.core.testing.Pbt;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link StoryScenePick}: the reference's stable sort and clamped index. */
class StoryScenePickProperties {

  private static final Path DIR = Path.of("/stories/s").toAbsolutePath();

  static SceneDescriptor descriptor(String id, int order) {
    return new SceneDescriptor(
        id,
        "scene",
        order,
        new SceneDescriptor.Controls("", true, "depth", "open", false, false, false, false),
        new SceneDescriptor.Prompts("prompt", "", "", "", "prompt " + id, Map.of()),
        new SceneDescriptor.Folders(DIR, DIR, "job", DIR, DIR, DIR, DIR, DIR),
        null,
        null);
  }

  /** A list of descriptors with ids "0".."n-1" and orders drawn from a small range (many ties). */
  private static final Gen<List<SceneDescriptor>> BATCHES =
      r -> {
        int n = r.nextInt(12);
        List<SceneDescriptor> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          list.add(descriptor(Integer.toString(i), r.nextInt(-3, 4)));
        }
        return list;
      };

  @Test
  void pickIsTheClampedIndexIntoTheStablySortedBatch() {
    Pbt.forAll(
        "pick = sorted[clamp(index)]",
        r -> new Object[] {BATCHES.next(r), r.nextInt(5) == 0 ? r.nextInt() : r.nextInt(-3, 15)},
        in -> {
          @SuppressWarnings("unchecked")
          List<SceneDescriptor> batch = (List<SceneDescriptor>) in[0];
          int index = (Integer) in[1];
          if (batch.isEmpty()) {
            assertTrue(StoryScenePick.pick(batch, index).isEmpty());
            return;
          }
          // Reference: insertion sort by order is stable by construction.
          List<SceneDescriptor> sorted = new ArrayList<>();
          for (SceneDescriptor d : batch) {
            int at = sorted.size();
            while (at > 0 && sorted.get(at - 1).sceneOrder() > d.sceneOrder()) {
              at--;
            }
            sorted.add(at, d);
          }
          int clamped = Math.max(0, Math.min(batch.size() - 1, index));
          assertSame(sorted.get(clamped), StoryScenePick.pick(batch, index).orElseThrow());
        });
  }

  @Test
  void examples() {
    SceneDescriptor a = descriptor("a", 1);
    SceneDescriptor b = descriptor("b", 0);
    SceneDescriptor c = descriptor("c", 1);
    List<SceneDescriptor> batch = List.of(a, b, c);
    assertSame(b, StoryScenePick.pick(batch, 0).orElseThrow());
    assertSame(a, StoryScenePick.pick(batch, 1).orElseThrow());
    assertSame(c, StoryScenePick.pick(batch, 2).orElseThrow());
    assertSame(c, StoryScenePick.pick(batch, 3).orElseThrow());
    assertSame(c, StoryScenePick.pick(batch, Integer.MAX_VALUE).orElseThrow());
    assertSame(b, StoryScenePick.pick(batch, -1).orElseThrow());
    assertSame(b, StoryScenePick.pick(batch, Integer.MIN_VALUE).orElseThrow());
    assertTrue(StoryScenePick.pick(List.of(), 0).isEmpty());
    assertEquals("prompt b", StoryScenePick.pick(batch, 0).orElseThrow().prompts().positive());
    assertEquals(0, StoryScenePick.clamp(-5, 1));
    assertEquals(4, StoryScenePick.clamp(9, 5));
    assertThrows(IllegalArgumentException.class, () -> StoryScenePick.clamp(0, 0));
    assertThrows(NullPointerException.class, () -> StoryScenePick.pick((List<SceneDescriptor>) null, 0));
  }
}
