package io.github.fbtools.storyexec;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of a float32 tensor, normalised so that tensors that look the same hash the same:
 * the {@code input_hash} of a story execution.
 *
 * <h2>Definition</h2>
 *
 * <p>SHA-256 over
 *
 * <ol>
 *   <li>the ASCII header {@code f32le:} + the dimensions in decimal joined by {@code x} + {@code
 *       \n}, for example {@code f32le:1x1024x1024x3\n};
 *   <li>then every value in C (row-major) order as an IEEE-754 float32, little-endian, after
 *       normalisation: NaN becomes 0, values are clamped to {@code [0, 1]} (so {@code +Inf} becomes
 *       1 and {@code -Inf} 0), and {@code -0.0} becomes {@code +0.0}.
 * </ol>
 *
 * <p>The result is 64 lower-case hex characters; {@link #inputHash} is its first {@value
 * #INPUT_HASH_LENGTH}. The shape is part of the hash: the same values as {@code [2,3]} and as
 * {@code [3,2]} hash differently. A shape needs at least one dimension; dimensions may be 0 (an
 * empty tensor).
 *
 * <p>The same digest in Python, for a numpy array or a CPU torch tensor {@code t} (checked with
 * numpy 2.4: every step keeps float32; {@code nan_to_num} turns infinities into the largest
 * finite floats, which {@code clip} then clamps):
 *
 * <pre>
 * a = np.nan_to_num(np.asarray(t, dtype=np.float32), nan=0.0)  # NaN -&gt; 0, +-Inf -&gt; +-max float32
 * a = np.clip(a, 0.0, 1.0) + 0.0                                # clamp; adding +0.0 turns -0.0 into +0.0
 * h = hashlib.sha256(b"f32le:" + "x".join(map(str, a.shape)).encode() + b"\n" + a.astype("&lt;f4").tobytes()).hexdigest()
 * </pre>
 *
 * <h2>Speed</h2>
 *
 * <p>The values are streamed through a small reused little-endian buffer ({@value #CHUNK_FLOATS}
 * floats): each chunk is copied in bulk, its raw bits are checked for being in {@code [+0, 1]}
 * with one branch-free pass, and only a chunk that fails the check is normalised element by
 * element. There is never a full-size copy, and a {@link MessageDigest} is created per call.
 *
 * <!-- given: float[] pixels -->
 * <pre>{@code
 * // pixels: a [1, 1024, 1024, 3] image
 * String full = TensorHash.sha256Hex(pixels, 1, 1024, 1024, 3);
 * String id = TensorHash.inputHash(pixels, 1, 1024, 1024, 3);   // full.substring(0, 12)
 * }</pre>
 *
 * <p>This class is stateless and thread-safe. A caller must not change the data while it is being
 * hashed.
 */
public final class TensorHash {

  /** The number of hex characters in an {@link #inputHash}. */
  public static final int INPUT_HASH_LENGTH = 12;

  /** The number of floats hashed per chunk (16 KiB of bytes). */
  static final int CHUNK_FLOATS = 4096;

  /** The raw bits of {@code 1.0f}; a value is in {@code [+0, 1]} iff its bits are in 0..this. */
  private static final int ONE_BITS = 0x3f800000;

  private static final HexFormat HEX = HexFormat.of();

  private TensorHash() {}

  /**
   * Hashes a tensor held in an array.
   *
   * @param data the values in C order
   * @param shape the dimensions; at least one, none negative, with product {@code data.length}
   * @return 64 lower-case hex characters
   * @throws IllegalArgumentException if the shape is empty, has a negative dimension, or does not
   *     match the element count
   */
  public static String sha256Hex(float[] data, int... shape) {
    checkNotNull(data, "data");
    MessageDigest md = start(shape, data.length);
    new Chunks(data.length).digest(md, data, 0, data.length);
    return HEX.formatHex(md.digest());
  }

  /**
   * Hashes the remaining values of a buffer: from its position to its limit, in any byte order,
   * heap or direct. The buffer's position, limit and mark are not changed.
   *
   * @param data the values in C order, from position to limit
   * @param shape the dimensions; at least one, none negative, with product {@code
   *     data.remaining()}
   * @return 64 lower-case hex characters
   * @throws IllegalArgumentException if the shape is empty, has a negative dimension, or does not
   *     match the element count
   */
  public static String sha256Hex(FloatBuffer data, int... shape) {
    checkNotNull(data, "data");
    FloatBuffer src = data.duplicate();
    int count = src.remaining();
    MessageDigest md = start(shape, count);
    Chunks chunks = new Chunks(count);
    if (src.hasArray()) {
      chunks.digest(md, src.array(), src.arrayOffset() + src.position(), count);
    } else {
      float[] copy = new float[chunks.capacity];
      while (src.hasRemaining()) {
        int n = Math.min(copy.length, src.remaining());
        src.get(copy, 0, n);
        chunks.digest(md, copy, 0, n);
      }
    }
    return HEX.formatHex(md.digest());
  }

  /**
   * Hashes an image tensor with the shape {@code [batch, height, width, channels]}.
   *
   * @param tensor the tensor
   * @return 64 lower-case hex characters
   */
  public static String sha256Hex(ImageTensor tensor) {
    return sha256Hex(tensor.values(), tensor.shape());
  }

  /**
   * Returns the first {@value #INPUT_HASH_LENGTH} characters of {@link #sha256Hex(float[],
   * int...)}.
   *
   * @param data the values in C order
   * @param shape the dimensions; at least one, none negative, with product {@code data.length}
   * @return 12 lower-case hex characters
   * @throws IllegalArgumentException as {@link #sha256Hex(float[], int...)}
   */
  public static String inputHash(float[] data, int... shape) {
    return sha256Hex(data, shape).substring(0, INPUT_HASH_LENGTH);
  }

  /**
   * Returns the first {@value #INPUT_HASH_LENGTH} characters of {@link #sha256Hex(FloatBuffer,
   * int...)}.
   *
   * @param data the values in C order, from position to limit; not moved
   * @param shape the dimensions; at least one, none negative, with product {@code
   *     data.remaining()}
   * @return 12 lower-case hex characters
   * @throws IllegalArgumentException as {@link #sha256Hex(FloatBuffer, int...)}
   */
  public static String inputHash(FloatBuffer data, int... shape) {
    return sha256Hex(data, shape).substring(0, INPUT_HASH_LENGTH);
  }

  /**
   * Returns the first {@value #INPUT_HASH_LENGTH} characters of {@link #sha256Hex(ImageTensor)}.
   *
   * @param tensor the tensor
   * @return 12 lower-case hex characters
   */
  public static String inputHash(ImageTensor tensor) {
    return sha256Hex(tensor).substring(0, INPUT_HASH_LENGTH);
  }

  /**
   * Returns the number of elements of a shape, or {@code -1} if it exceeds {@link
   * Integer#MAX_VALUE} (no array or buffer can hold that many). Dimensions must be non-negative.
   */
  static long elementCount(int[] shape) {
    long count = 1;
    for (int d : shape) {
      count *= d; // both factors are at most 2^31, so this cannot overflow a long
      if (count > Integer.MAX_VALUE) {
        return -1;
      }
    }
    return count;
  }

  /** Renders an {@link #elementCount} for a message. */
  static String describeCount(long count) {
    return count < 0 ? "more than " + Integer.MAX_VALUE : Long.toString(count);
  }

  /** Checks the shape against the element count and returns a digest that has hashed the header. */
  private static MessageDigest start(int[] shape, int count) {
    checkNotNull(shape, "shape");
    checkArgument(shape.length > 0, "shape must have at least one dimension: []");
    StringBuilder header = new StringBuilder(16 + 11 * shape.length).append("f32le:");
    for (int i = 0; i < shape.length; i++) {
      checkArgument(shape[i] >= 0, "shape[%s] must be >= 0: %s in %s", i, shape[i], render(shape));
      if (i > 0) {
        header.append('x');
      }
      header.append(shape[i]);
    }
    long expected = elementCount(shape);
    checkArgument(
        expected == count,
        "shape %s has %s elements but the data has %s",
        render(shape),
        describeCount(expected),
        count);
    MessageDigest md = newDigest();
    md.update(header.append('\n').toString().getBytes(StandardCharsets.US_ASCII));
    return md;
  }

  private static String render(int[] shape) {
    return java.util.Arrays.toString(shape);
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }

  /**
   * The reused buffers of one hashing call: a little-endian byte buffer with a float view (the
   * conversion), an int view of the same bytes and an int array (the range check), and a scratch
   * array for chunks that need normalising.
   */
  private static final class Chunks {
    final int capacity;
    final ByteBuffer bytes;
    final FloatBuffer floats;
    final IntBuffer ints;
    final int[] bits;
    float[] scratch;

    Chunks(int count) {
      capacity = Math.max(1, Math.min(CHUNK_FLOATS, count));
      bytes = ByteBuffer.allocate(capacity * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
      floats = bytes.asFloatBuffer();
      ints = bytes.asIntBuffer();
      bits = new int[capacity];
    }

    /** Hashes {@code a[off, off + len)}, chunk by chunk. */
    void digest(MessageDigest md, float[] a, int off, int len) {
      byte[] out = bytes.array();
      for (int start = off, end = off + len; start < end; ) {
        int n = Math.min(capacity, end - start);
        floats.clear();
        floats.put(a, start, n);
        ints.clear();
        ints.get(bits, 0, n);
        if (!inRange(bits, n)) {
          if (scratch == null) {
            scratch = new float[capacity];
          }
          float[] s = scratch;
          for (int i = 0; i < n; i++) {
            s[i] = normalise(a[start + i]);
          }
          floats.clear();
          floats.put(s, 0, n);
        }
        md.update(out, 0, n * Float.BYTES);
        start += n;
      }
    }
  }

  /**
   * True iff every raw float bit pattern in {@code bits[0, n)} is in {@code 0..ONE_BITS}, that is
   * the value is in {@code [+0, 1]}: not NaN, not negative, not {@code -0.0}, not above 1. A
   * negative pattern (sign bit set) or one above {@code ONE_BITS} sets the sign bit of {@code b |
   * (ONE_BITS - b)}. The loop has no branch, so the JIT can vectorise it.
   */
  static boolean inRange(int[] bits, int n) {
    int acc = 0;
    for (int i = 0; i < n; i++) {
      int b = bits[i];
      acc |= b | (ONE_BITS - b);
    }
    return acc >= 0;
  }

  /** NaN, {@code -0.0}, negatives and {@code -Inf} to {@code +0.0}; above 1 and {@code +Inf} to 1. */
  static float normalise(float v) {
    return v > 0f ? (v < 1f ? v : 1f) : 0f;
  }
}
