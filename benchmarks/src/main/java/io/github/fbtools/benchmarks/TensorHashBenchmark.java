package io.github.fbtools.benchmarks;

import io.github.fbtools.storyexec.TensorHash;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link TensorHash#sha256Hex(float[], int...)} of a {@code [1, 1024, 1024, 3]} image (3,145,728
 * floats in {@code [0, 1)}, 12 MiB), side by side with
 *
 * <ul>
 *   <li>{@link #messageDigestBytes()}: {@code MessageDigest} SHA-256 over the same values already
 *       little-endian in a {@code byte[]}: the ceiling (target: TensorHash at most 1.25x its time);
 *   <li>{@link #fullCopyThenDigest()}: a plain full-size float-to-bytes copy, then the digest (the
 *       naive way; the anchors measured about 1.13-1.25x the ceiling).
 * </ul>
 *
 * <p>{@link #setUp()} checks that TensorHash equals SHA-256 of its header followed by those bytes
 * (the values need no normalisation).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TensorHashBenchmark {
  static final int[] SHAPE = {1, 1024, 1024, 3};
  static final int COUNT = 1024 * 1024 * 3;

  private float[] data = new float[0];
  private byte[] bytes = new byte[0];

  /** Fills the tensor and checks the digest. */
  @Setup
  public void setUp() {
    SplittableRandom r = new SplittableRandom(SubstitutionCorpus.SEED);
    data = new float[COUNT];
    for (int i = 0; i < COUNT; i++) {
      data[i] = r.nextInt(1 << 24) / (float) (1 << 24);
    }
    ByteBuffer b = ByteBuffer.allocate(COUNT * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(data);
    bytes = b.array();

    MessageDigest md = sha256();
    md.update("f32le:1x1024x1024x3\n".getBytes(StandardCharsets.US_ASCII));
    String expected = HexFormat.of().formatHex(md.digest(bytes));
    String actual = TensorHash.sha256Hex(data, SHAPE);
    if (!actual.equals(expected)) {
      throw new IllegalStateException("TensorHash " + actual + " != header+bytes " + expected);
    }
  }

  /**
   * This library.
   *
   * @param cpu counts the call
   * @return the hex digest
   */
  @Benchmark
  public String tensorHash(CpuTime cpu) {
    cpu.call();
    return TensorHash.sha256Hex(data, SHAPE);
  }

  /**
   * The ceiling: the digest of the bytes already in a {@code byte[]}.
   *
   * @param cpu counts the call
   * @return the digest
   */
  @Benchmark
  public byte[] messageDigestBytes(CpuTime cpu) {
    cpu.call();
    return sha256().digest(bytes);
  }

  /**
   * A full 12 MiB little-endian copy of the floats, then the digest.
   *
   * @param cpu counts the call
   * @return the digest
   */
  @Benchmark
  public byte[] fullCopyThenDigest(CpuTime cpu) {
    cpu.call();
    ByteBuffer b = ByteBuffer.allocate(data.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(data);
    return sha256().digest(b.array());
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
