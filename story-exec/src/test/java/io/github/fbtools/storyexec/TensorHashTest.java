package io.github.fbtools.storyexec;

import static io.github.fbtools.storyexec.TensorTestData.bigDirty;
import static io.github.fbtools.storyexec.TensorTestData.lcg;
import static io.github.fbtools.storyexec.TensorTestData.ramp1024;
import static io.github.fbtools.storyexec.TensorTestData.ramp255;
import static io.github.fbtools.storyexec.TensorTestData.referenceHash;
import static io.github.fbtools.storyexec.TensorTestData.special;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TensorHashTest {

  // Golden digests: printed by story-exec/src/test/python/tensor_hash_vectors.py (numpy 2.4.6,
  // CPython 3.11), which computes each one with the numpy recipe from TensorHash's Javadoc and
  // again by hand (header + struct.pack('<f') of each normalised value) and checks they agree.

  @Test
  void goldenZerosAndOnes() {
    assertEquals(
        "c05aa0e402fbe24d83b3eaa8d9c4a8a0c091b7ca1a7d242177072b42f0185e92",
        TensorHash.sha256Hex(new float[3], 1, 1, 1, 3));
    assertEquals(
        "099bd099394b52a90146443d87ac1f81e9e063ed393a7d9a10c6705508809cd2",
        TensorHash.sha256Hex(new float[] {1f, 1f, 1f}, 1, 1, 1, 3));
  }

  @Test
  void goldenRamps() {
    assertEquals(
        "5d543cf5d93244a5a1b4aaf23fec1c637418f2b481bf83042a760a30d0649f03",
        TensorHash.sha256Hex(ramp1024(64 * 64 * 3), 1, 64, 64, 3));
    assertEquals(
        "870679f79abb0dd12a2884c4c6e642852b2c8aa979e6b1691d0d6d02cbefbaa8",
        TensorHash.sha256Hex(ramp255(64 * 64 * 3), 1, 64, 64, 3));
  }

  @Test
  void goldenShapesWithTheSameBytesDiffer() {
    float[] six = lcg(6);
    String s23 = TensorHash.sha256Hex(six, 2, 3);
    String s32 = TensorHash.sha256Hex(six, 3, 2);
    String s6 = TensorHash.sha256Hex(six, 6);
    String s16 = TensorHash.sha256Hex(six, 1, 6);
    assertEquals("479c479ae8549e19de49373d722a8a5eda951fb5bf9c9a75ec799c9562e6c394", s23);
    assertEquals("807566ac8558f826b00aee1284c2fa89108e0e222488bab41e417e6c76eeb13c", s32);
    assertEquals("3e748e012f4c84e36c2d9e644f4def8c67cf6d573b84aa47667f5287d1fcfec1", s6);
    assertEquals("0c12f9fd0ea58d9346451980083b6e18f6b7d4f0087ec0a026924fa862c5f86d", s16);
  }

  @Test
  void goldenEmptyTensors() {
    assertEquals(
        "d678b4e111272b1dac0f9f5ef843574683b6ea3bafbfefc51380bc501e8058d7",
        TensorHash.sha256Hex(new float[0], 1, 1, 1, 0));
    assertEquals(
        "faac9003119d8d0e546aa888fa1a7d62d8a2cd47ea8e72d19b749e71183b2080",
        TensorHash.sha256Hex(new float[0], 0));
    assertEquals(
        "faac9003119d8d0e546aa888fa1a7d62d8a2cd47ea8e72d19b749e71183b2080",
        TensorHash.sha256Hex(FloatBuffer.allocate(0), 0));
  }

  @Test
  void goldenSpecialValuesHashLikeTheirNormalisedForm() {
    String expected = "49cb7b956a935a51593ba9c370fffdffab5017f3bdc34bb3c57f4ae0160631d2";
    assertEquals(expected, TensorHash.sha256Hex(special(), 17));
    float[] normalised = {0, 0, 0, 0, 0, 1, 0, 1, 0, 0.25f, 1, 0x1p-149f, 0, 0x1.fffffep-1f, 1, 1, 0};
    assertEquals(expected, TensorHash.sha256Hex(normalised, 17));
  }

  @Test
  void goldenLargeTensors() {
    assertEquals(
        "aa03802764d592bf37aee2a6a6c4ccbab493ea70ba065f9d38dcb967273f39c9",
        TensorHash.sha256Hex(lcg(1024 * 1024 * 3), 1, 1024, 1024, 3));
    assertEquals(
        "a50fa6e21726ab728044529867d50bfbd3e52e8e5435422b76db17e8a6b6bb01",
        TensorHash.sha256Hex(lcg(2 * 512 * 512 * 3), 2, 512, 512, 3));
    assertEquals(
        "a13cc9b15f4d60f12e3d8a2456fe26939ceec0f48b009a50a1821e972569e3b2",
        TensorHash.sha256Hex(bigDirty(), 1, 1024, 1024, 3));
    assertEquals(
        "a13cc9b15f4d60f12e3d8a2456fe26939ceec0f48b009a50a1821e972569e3b2",
        TensorHash.sha256Hex(FloatBuffer.wrap(bigDirty()), 1, 1024, 1024, 3));
  }

  @Test
  void platformSha256GivesTheNistVectors() {
    // FIPS 180-4 examples; TensorHash relies on the platform's SHA-256 and HexFormat.
    assertEquals(
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        TensorTestData.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII)));
    assertEquals(
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        TensorTestData.sha256Hex(new byte[0]));
    byte[] million = new byte[1_000_000];
    Arrays.fill(million, (byte) 'a');
    assertEquals(
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
        TensorTestData.sha256Hex(million));
  }

  @Test
  void inputHashIsTheFirst12HexChars() {
    float[] data = ramp255(64 * 64 * 3);
    String full = TensorHash.sha256Hex(data, 1, 64, 64, 3);
    assertEquals(full.substring(0, 12), TensorHash.inputHash(data, 1, 64, 64, 3));
    assertEquals(full.substring(0, 12), TensorHash.inputHash(FloatBuffer.wrap(data), 1, 64, 64, 3));
    ImageTensor tensor = new ImageTensor(data, 1, 64, 64, 3);
    assertEquals(full, TensorHash.sha256Hex(tensor));
    assertEquals("870679f79abb", TensorHash.inputHash(tensor));
    assertEquals(TensorHash.INPUT_HASH_LENGTH, TensorHash.inputHash(tensor).length());
  }

  @Test
  void nanPayloadsAndSignedZerosHashTheSame() {
    String zero = TensorHash.sha256Hex(new float[] {0f}, 1);
    for (int bits : new int[] {0x7FC00000, 0x7FC00001, 0xFFC00000, 0x7F800001, 0x80000000}) {
      assertEquals(zero, TensorHash.sha256Hex(new float[] {Float.intBitsToFloat(bits)}, 1));
    }
  }

  @Test
  void bufferPathsEqualTheArrayPath() {
    float[] data = lcg(3 * TensorHash.CHUNK_FLOATS + 17);
    data[5] = Float.NaN;
    data[TensorHash.CHUNK_FLOATS] = -0.0f;
    data[data.length - 1] = 7f;
    int n = data.length;
    String expected = TensorHash.sha256Hex(data, n);
    assertEquals(referenceHash(data, n), expected);

    assertEquals(expected, TensorHash.sha256Hex(FloatBuffer.wrap(data), n), "heap");
    assertEquals(expected, TensorHash.sha256Hex(FloatBuffer.wrap(data).asReadOnlyBuffer(), n));
    for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
      FloatBuffer direct = ByteBuffer.allocateDirect(n * 4).order(order).asFloatBuffer();
      direct.put(data).flip();
      assertEquals(expected, TensorHash.sha256Hex(direct, n), "direct " + order);
      FloatBuffer heapView = ByteBuffer.allocate(n * 4).order(order).asFloatBuffer();
      heapView.put(data).flip();
      assertEquals(expected, TensorHash.sha256Hex(heapView, n), "heap view " + order);
    }
  }

  @Test
  void buffersAreHashedFromPositionToLimitAndNotMoved() {
    float[] data = lcg(1000);
    float[] middle = Arrays.copyOfRange(data, 100, 700);
    String expected = TensorHash.sha256Hex(middle, 600);

    float[] padded = new float[1000];
    System.arraycopy(data, 0, padded, 0, 1000);
    Arrays.fill(padded, 0, 100, Float.NaN); // outside the view: must not count
    FloatBuffer wrapped = FloatBuffer.wrap(padded, 100, 600);
    assertEquals(expected, TensorHash.sha256Hex(wrapped, 600));
    assertEquals(100, wrapped.position());
    assertEquals(700, wrapped.limit());

    FloatBuffer sliced = FloatBuffer.wrap(padded).position(50).slice().position(50).limit(650);
    assertEquals(expected, TensorHash.sha256Hex(sliced, 600), "slice with an array offset");

    for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
      FloatBuffer direct = ByteBuffer.allocateDirect(4000).order(order).asFloatBuffer();
      direct.put(padded).position(100).limit(700);
      direct.mark();
      assertEquals(expected, TensorHash.sha256Hex(direct, 600), "direct " + order);
      assertEquals(100, direct.position());
      assertEquals(700, direct.limit());
      direct.position(300).reset();
      assertEquals(100, direct.position(), "the mark is kept");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4095, 4096, 4097, 8191, 8192, 8193, 12287, 12288, 12289})
  void chunkBoundariesMatchTheReference(int n) {
    assertEquals(4096, TensorHash.CHUNK_FLOATS, "this test's sizes assume the chunk length");
    float[] clean = ramp255(n);
    assertEquals(referenceHash(clean, 1, n), TensorHash.sha256Hex(clean, 1, n));
    float[] dirty = clean.clone();
    dirty[n - 1] = Float.NaN; // spoil the last chunk only
    if (n > 4096) {
      dirty[4095] = -0.0f; // the last value of the first chunk
      dirty[4096] = 1.0001f; // the first value of the second
    }
    String expected = referenceHash(dirty, 1, n);
    assertEquals(expected, TensorHash.sha256Hex(dirty, 1, n));
    FloatBuffer direct = ByteBuffer.allocateDirect(n * 4).asFloatBuffer().put(dirty).flip();
    assertEquals(expected, TensorHash.sha256Hex(direct, 1, n));
  }

  @Test
  void changingOneValueChangesTheHash() {
    float[] data = ramp255(5000);
    String before = TensorHash.sha256Hex(data, 5000);
    data[4999] = Math.nextDown(data[4999]);
    assertNotEquals(before, TensorHash.sha256Hex(data, 5000));
  }

  @Test
  void sixteenThreadsAgreeWithOneThread() throws Exception {
    SplittableRandom random = new SplittableRandom(7);
    List<float[]> tensors = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      float[] t = new float[1 + random.nextInt(20_000)];
      for (int j = 0; j < t.length; j++) {
        t[j] = random.nextInt(20) == 0 ? Float.NaN : (float) random.nextDouble(-0.25, 1.25);
      }
      tensors.add(t);
    }
    List<String> expected = new ArrayList<>();
    for (float[] t : tensors) {
      expected.add(TensorHash.sha256Hex(t, t.length));
    }
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Callable<List<String>>> jobs = new ArrayList<>();
      for (int thread = 0; thread < 16; thread++) {
        int offset = thread;
        jobs.add(
            () -> {
              List<String> out = new ArrayList<>();
              for (int k = 0; k < tensors.size(); k++) {
                int index = (k + offset * 25) % tensors.size(); // each thread starts elsewhere
                float[] t = tensors.get(index);
                out.add(index + ":" + TensorHash.sha256Hex(t, t.length));
              }
              return out;
            });
      }
      for (Future<List<String>> result : pool.invokeAll(jobs)) {
        for (String entry : result.get()) {
          int colon = entry.indexOf(':');
          assertEquals(
              expected.get(Integer.parseInt(entry.substring(0, colon))),
              entry.substring(colon + 1));
        }
      }
    } finally {
      pool.shutdown();
      assertTrue(pool.awaitTermination(1, TimeUnit.MINUTES));
    }
  }

  @Test
  void badShapesAreRefusedWithClearMessages() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TensorHash.sha256Hex(new float[6], 2, 2));
    assertEquals("shape [2, 2] has 4 elements but the data has 6", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TensorHash.sha256Hex(new float[6]));
    assertEquals("shape must have at least one dimension: []", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> TensorHash.sha256Hex(new float[6], 2, -3));
    assertEquals("shape[1] must be >= 0: -3 in [2, -3]", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TensorHash.sha256Hex(new float[6], 65536, 65536, 0));
    assertEquals(
        "shape [65536, 65536, 0] has more than 2147483647 elements but the data has 6",
        e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TensorHash.sha256Hex(FloatBuffer.allocate(10).position(5), 6));
    assertEquals("shape [6] has 6 elements but the data has 5", e.getMessage());
    assertThrows(
        NullPointerException.class, () -> TensorHash.sha256Hex((float[]) null, 1));
    assertThrows(
        NullPointerException.class, () -> TensorHash.sha256Hex(new float[1], (int[]) null));
  }

  @Test
  void inRangeAcceptsExactlyPlusZeroToOne() {
    int[] ok = {0, 1, 0x3F7FFFFF, 0x3F800000, Float.floatToRawIntBits(0.5f)};
    int[] bad = {0x80000000, 0x80000001, 0x3F800001, 0x7F800000, 0x7FC00000, 0xFF800000, -1};
    for (int b : ok) {
      assertTrue(TensorHash.inRange(new int[] {b}, 1), Integer.toHexString(b));
    }
    for (int b : bad) {
      assertTrue(!TensorHash.inRange(new int[] {0, b, 0}, 3), Integer.toHexString(b));
    }
  }
}
