package io.github.fbtools.storyexec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.fbtools.core.testing.Gen;
import io.github.fbtools.core.testing.Pbt;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TensorHashProperties {

  /** A tensor and a seed for the property's own choices. */
  record Case(float[] data, long seed) {
    @Override
    public String toString() {
      return "Case[n=" + data.length + ", seed=" + seed + ", data=" + Arrays.toString(data) + "]";
    }
  }

  /** Values in [0, 1], exact 0 and 1, and everything that normalises to them. */
  private static float value(SplittableRandom r) {
    switch (r.nextInt(10)) {
      case 0:
        return 0f;
      case 1:
        return 1f;
      case 2:
        return zeroLike(r);
      case 3:
        return oneLike(r);
      default:
        return (float) r.nextDouble();
    }
  }

  private static float zeroLike(SplittableRandom r) {
    switch (r.nextInt(6)) {
      case 0:
        return Float.intBitsToFloat(0x7FC00000 | r.nextInt(1 << 22) | (r.nextBoolean() ? 0x80000000 : 0));
      case 1:
        return -0.0f;
      case 2:
        return Float.NEGATIVE_INFINITY;
      case 3:
        return -Float.intBitsToFloat(1 + r.nextInt(0x7F7FFFFF)); // any negative finite
      case 4:
        return Float.NaN;
      default:
        return 0.0f;
    }
  }

  private static float oneLike(SplittableRandom r) {
    switch (r.nextInt(3)) {
      case 0:
        return Float.POSITIVE_INFINITY;
      case 1:
        return Float.intBitsToFloat(0x3F800001 + r.nextInt(0x7F7FFFFF - 0x3F800001)); // > 1
      default:
        return 1.0f;
    }
  }

  private static final Gen<Case> CASES =
      r -> {
        int n = r.nextInt(8) == 0 ? 1 + r.nextInt(3 * TensorHash.CHUNK_FLOATS) : 1 + r.nextInt(64);
        float[] data = new float[n];
        for (int i = 0; i < n; i++) {
          data[i] = value(r);
        }
        return new Case(data, r.nextLong());
      };

  @Test
  void visuallyEqualTensorsHashEqual() {
    Pbt.forAll(
        "visually equal tensors hash equal",
        CASES,
        c -> {
          SplittableRandom r = new SplittableRandom(c.seed());
          float[] twin = c.data().clone();
          for (int i = 0; i < twin.length; i++) {
            float n = TensorHash.normalise(twin[i]);
            if (Float.floatToRawIntBits(n) == 0) {
              twin[i] = zeroLike(r);
            } else if (n == 1f) {
              twin[i] = oneLike(r);
            }
          }
          String hash = TensorHash.sha256Hex(c.data(), c.data().length);
          assertEquals(TensorTestData.referenceHash(c.data(), c.data().length), hash);
          assertEquals(hash, TensorHash.sha256Hex(twin, twin.length));
          FloatBuffer direct =
              ByteBuffer.allocateDirect(twin.length * 4)
                  .order(r.nextBoolean() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN)
                  .asFloatBuffer()
                  .put(twin)
                  .flip();
          assertEquals(hash, TensorHash.sha256Hex(direct, twin.length));
        });
  }

  @Test
  void changingAnyInRangeValueChangesTheHash() {
    Pbt.forAll(
        "changing any in-range value changes the hash",
        CASES,
        c -> {
          SplittableRandom r = new SplittableRandom(c.seed());
          float[] data = c.data();
          int i = r.nextInt(data.length);
          float old = TensorHash.normalise(data[i]);
          float next;
          do {
            next = r.nextInt(4) == 0 ? (r.nextBoolean() ? 0f : 1f) : (float) r.nextDouble();
          } while (Float.floatToRawIntBits(next) == Float.floatToRawIntBits(old));
          float[] changed = data.clone();
          changed[i] = next;
          assertNotEquals(
              TensorHash.sha256Hex(data, data.length),
              TensorHash.sha256Hex(changed, changed.length),
              "index " + i + ": " + old + " -> " + next);
        });
  }
}
