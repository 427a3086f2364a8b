package io.github.fbtools.storyexec;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.StringJoiner;

/**
 * Tensors defined by formulas that numpy computes bit for bit the same (see
 * src/test/python/tensor_hash_vectors.py), and a slow, obviously correct reference of the hash.
 */
final class TensorTestData {
  private TensorTestData() {}

  /** numpy: ((i * 2654435761) % 2**32 >> 8).astype(float32) * float32(2**-24). */
  static float[] lcg(int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = ((i * 0x9E3779B1) >>> 8) * 0x1p-24f;
    }
    return a;
  }

  /** numpy: (arange(n) % 1024).astype(float32) / float32(1024). */
  static float[] ramp1024(int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (i % 1024) / 1024f;
    }
    return a;
  }

  /** numpy: (arange(n) % 256).astype(float32) / float32(255). */
  static float[] ramp255(int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (i % 256) / 255f;
    }
    return a;
  }

  /** The 17 special values of the Python script, in its order. */
  static float[] special() {
    return new float[] {
      Float.intBitsToFloat(0x7FC00000),
      Float.intBitsToFloat(0x7FC00001),
      Float.intBitsToFloat(0xFFC00000),
      -0.0f,
      0.0f,
      Float.POSITIVE_INFINITY,
      Float.NEGATIVE_INFINITY,
      1.5f,
      -0.5f,
      0.25f,
      1.0f,
      Float.intBitsToFloat(0x00000001),
      Float.intBitsToFloat(0x80000001),
      Float.intBitsToFloat(0x3F7FFFFF),
      Float.intBitsToFloat(0x3F800001),
      Float.intBitsToFloat(0x7F7FFFFF),
      Float.intBitsToFloat(0xFF7FFFFF),
    };
  }

  /** lcg of [1,1024,1024,3] with five values spoiled, as big_dirty() in the script. */
  static float[] bigDirty() {
    float[] a = lcg(1024 * 1024 * 3);
    a[5000] = Float.NaN;
    a[100000] = -0.0f;
    a[4096 * 7] = 2.0f;
    a[4096 * 7 - 1] = -1.0f;
    a[a.length - 1] = Float.POSITIVE_INFINITY;
    return a;
  }

  /** The definition, written as plainly as possible: header, then normalised LE float32s. */
  static String referenceHash(float[] data, int... shape) {
    StringJoiner dims = new StringJoiner("x", "f32le:", "\n");
    for (int d : shape) {
      dims.add(Integer.toString(d));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(dims.toString().getBytes(StandardCharsets.US_ASCII));
    ByteBuffer four = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : data) {
      float n;
      if (Float.isNaN(v) || v <= 0f) {
        n = 0f;
      } else if (v > 1f) {
        n = 1f;
      } else {
        n = v;
      }
      four.clear();
      four.putInt(Float.floatToRawIntBits(n));
      out.writeBytes(four.array());
    }
    return sha256Hex(out.toByteArray());
  }

  static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
