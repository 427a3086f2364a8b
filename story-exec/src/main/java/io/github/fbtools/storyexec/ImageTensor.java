package io.github.fbtools.storyexec;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkElementIndex;
import static com.google.common.base.Preconditions.checkNotNull;

import java.nio.FloatBuffer;
import java.util.Arrays;
import javax.annotation.CheckForNull;

/**
 * A batch of images as ComfyUI holds them: a {@code [batch, height, width, channels]} float32
 * tensor in C (row-major) order, with {@code channels} 1 (grey), 3 (RGB) or 4 (RGBA) and values
 * nominally in {@code [0, 1]}.
 *
 * <p>Values outside {@code [0, 1]}, {@code NaN} and {@code -0.0} are accepted and kept as given;
 * {@link TensorHash} and {@link TensorPng} normalise them in the same way (NaN to 0, clamp, -0 to
 * +0).
 *
 * <p><b>Arrays.</b> The record holds its own copy of the data: the constructor copies the array it
 * is given and {@link #data()} returns a fresh copy, so an instance can never change. For large
 * tensors, {@link #buffer()} gives a read-only view without copying. {@link #equals} compares the
 * shape and the values as {@link Arrays#equals(float[], float[])} does (bit patterns, with all
 * NaNs equal); {@link #toString} shows the shape only.
 *
 * <pre>{@code
 * float[] rgb = new float[1 * 512 * 768 * 3];          // filled by the caller
 * ImageTensor image = new ImageTensor(rgb, 1, 512, 768, 3);
 * String hash = TensorHash.inputHash(image);            // 12 hex chars
 * byte[] png = TensorPng.encode(image);                 // hand to the atomic writer
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param data the values, {@code batch * height * width * channels} of them, in C order
 * @param batch the number of images, at least 1
 * @param height the height in pixels, at least 1
 * @param width the width in pixels, at least 1
 * @param channels 1, 3 or 4
 */
public record ImageTensor(float[] data, int batch, int height, int width, int channels) {

  /**
   * Checks the shape and copies the data.
   *
   * @param data the values in C order; copied
   * @param batch the number of images, at least 1
   * @param height the height in pixels, at least 1
   * @param width the width in pixels, at least 1
   * @param channels 1, 3 or 4
   * @throws IllegalArgumentException if a dimension is out of range or {@code data.length} is not
   *     {@code batch * height * width * channels}
   */
  public ImageTensor {
    checkNotNull(data, "data");
    checkArgument(batch >= 1, "batch must be >= 1: %s", batch);
    checkArgument(height >= 1, "height must be >= 1: %s", height);
    checkArgument(width >= 1, "width must be >= 1: %s", width);
    checkArgument(
        channels == 1 || channels == 3 || channels == 4, "channels must be 1, 3 or 4: %s", channels);
    long expected = TensorHash.elementCount(new int[] {batch, height, width, channels});
    checkArgument(
        data.length == expected,
        "data has %s values but batch x height x width x channels = %s x %s x %s x %s needs %s",
        data.length,
        batch,
        height,
        width,
        channels,
        TensorHash.describeCount(expected));
    data = data.clone();
  }

  /**
   * Returns a copy of the values; see {@link #buffer()} for a view that does not copy.
   *
   * @return a new array of {@code batch * height * width * channels} values in C order
   */
  @Override
  public float[] data() {
    return data.clone();
  }

  /**
   * Returns a read-only view of the values, without copying them. Each call returns a new view
   * (position 0, limit = capacity = the element count), so callers may move it freely.
   *
   * @return a read-only {@link FloatBuffer} over the values
   */
  public FloatBuffer buffer() {
    return FloatBuffer.wrap(data).asReadOnlyBuffer();
  }

  /**
   * Returns the shape.
   *
   * @return a new array {@code {batch, height, width, channels}}
   */
  public int[] shape() {
    return new int[] {batch, height, width, channels};
  }

  /**
   * Returns one image of the batch as a tensor of batch 1.
   *
   * @param index the image's index, in {@code 0..batch-1}
   * @return the image; {@code this} if the batch has one image
   * @throws IndexOutOfBoundsException if {@code index} is out of range
   */
  public ImageTensor image(int index) {
    checkElementIndex(index, batch, "index");
    if (batch == 1) {
      return this;
    }
    int size = height * width * channels;
    return new ImageTensor(
        Arrays.copyOfRange(data, index * size, (index + 1) * size), 1, height, width, channels);
  }

  /** The values themselves, not copied: for this package's readers, which never write to them. */
  float[] values() {
    return data;
  }

  /**
   * Compares the shape and the values (bit patterns, as {@link Arrays#equals(float[], float[])}).
   *
   * @param o another object
   * @return true if {@code o} is an {@code ImageTensor} with the same shape and values
   */
  @Override
  public boolean equals(@CheckForNull Object o) {
    return o instanceof ImageTensor t
        && t.batch == batch
        && t.height == height
        && t.width == width
        && t.channels == channels
        && Arrays.equals(t.data, data);
  }

  /**
   * Hashes the shape and the values, consistently with {@link #equals}.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(shape()) + Arrays.hashCode(data);
  }

  /**
   * Describes the shape (not the values).
   *
   * @return for example {@code ImageTensor[batch=1, height=512, width=768, channels=3]}
   */
  @Override
  public String toString() {
    return "ImageTensor[batch="
        + batch
        + ", height="
        + height
        + ", width="
        + width
        + ", channels="
        + channels
        + "]";
  }
}
