package io.github.fbtools.examples;

import io.github.fbtools.storyexec.ImageTensor;
import java.util.random.RandomGenerator;

/**
 * The demo's generated images: a small input image, and one small image per scene and variant
 * (a colour per scene, a pattern per variant, a little seeded noise), so the files are real PNGs
 * that differ from one another. Deterministic for a given random source state.
 */
final class DemoImages {
  static final int INPUT_WIDTH = 64;
  static final int INPUT_HEIGHT = 48;
  static final int SCENE_WIDTH = 64;
  static final int SCENE_HEIGHT = 36;

  private DemoImages() {}

  /** The execution's input image: a diagonal gradient with a random tint, 64x48 RGB. */
  static ImageTensor input(RandomGenerator random) {
    float tr = random.nextFloat();
    float tg = random.nextFloat();
    float tb = random.nextFloat();
    float[] data = new float[INPUT_HEIGHT * INPUT_WIDTH * 3];
    int i = 0;
    for (int y = 0; y < INPUT_HEIGHT; y++) {
      for (int x = 0; x < INPUT_WIDTH; x++) {
        float t = (x + y) / (float) (INPUT_WIDTH + INPUT_HEIGHT - 2);
        data[i++] = mix(t, tr);
        data[i++] = mix(t, tg);
        data[i++] = mix(t, tb);
      }
    }
    return new ImageTensor(data, 1, INPUT_HEIGHT, INPUT_WIDTH, 3);
  }

  /**
   * One image of a scene: the scene's hue as a vertical gradient, stripes whose direction depends
   * on the variant, and noise of at most 2 %. 64x36 RGB.
   */
  static ImageTensor scene(int sceneIndex, int variant, RandomGenerator random) {
    float hue = (sceneIndex * 0.27f) % 1f;
    float[] rgb = hsv(hue, 0.6f, 0.9f);
    float[] data = new float[SCENE_HEIGHT * SCENE_WIDTH * 3];
    int i = 0;
    for (int y = 0; y < SCENE_HEIGHT; y++) {
      float shade = 0.45f + 0.55f * (1f - y / (float) SCENE_HEIGHT);
      for (int x = 0; x < SCENE_WIDTH; x++) {
        int along = variant % 2 == 0 ? x + y : x - y + SCENE_HEIGHT;
        float stripe = (along / 6) % 2 == 0 ? 1f : 0.8f;
        for (int c = 0; c < 3; c++) {
          float noise = (random.nextFloat() - 0.5f) * 0.04f;
          data[i++] = clamp(rgb[c] * shade * stripe + noise);
        }
      }
    }
    return new ImageTensor(data, 1, SCENE_HEIGHT, SCENE_WIDTH, 3);
  }

  private static float mix(float t, float tint) {
    return clamp(0.15f + 0.7f * t * (0.5f + 0.5f * tint));
  }

  private static float clamp(float v) {
    return Math.max(0f, Math.min(1f, v));
  }

  /** HSV to RGB, each in 0..1. */
  static float[] hsv(float h, float s, float v) {
    float f = (h * 6f) % 6f;
    int sector = (int) f;
    float frac = f - sector;
    float p = v * (1f - s);
    float q = v * (1f - s * frac);
    float t = v * (1f - s * (1f - frac));
    switch (sector) {
      case 0:
        return new float[] {v, t, p};
      case 1:
        return new float[] {q, v, p};
      case 2:
        return new float[] {p, v, t};
      case 3:
        return new float[] {p, q, v};
      case 4:
        return new float[] {t, p, v};
      default:
        return new float[] {v, p, q};
    }
  }
}
