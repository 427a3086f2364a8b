package io.github.fbtools.storyexec;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkElementIndex;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * 8-bit PNG encoding and decoding of {@link ImageTensor}s with the JDK's ImageIO, in memory.
 *
 * <p><b>Writing</b> produces bytes, never a file: hand them to the library's atomic writer. One
 * PNG holds one image, so a tensor with a batch of several images is written with {@link
 * #encode(ImageTensor, int)} or {@link #encodeAll}; {@link #encode(ImageTensor)} accepts only a
 * batch of 1. Channels 1, 3 and 4 become 8-bit grey, RGB and RGBA PNGs. Each value {@code v}
 * becomes the byte {@link #quantize(float) round-half-up(clamp(v, 0, 1) * 255)}, with NaN as 0.
 *
 * <p><b>Reading</b> gives a tensor of batch 1 with the byte value {@code b} as {@code b / 255f}
 * (16-bit samples as {@code s / 65535f}). Grey, RGB and RGBA PNGs keep their channel count; grey
 * with alpha becomes RGBA (grey copied to R, G and B); palette and low-bit-depth images become RGB,
 * or RGBA if they have transparency. Colour-space chunks ({@code gAMA}, {@code iCCP}) are ignored:
 * the stored sample values are returned. So decoding an encoded tensor gives exactly the quantised
 * values.
 *
 * <!-- given: ImageTensor image; AtomicFiles files; Path target -->
 * <pre>{@code
 * byte[] png = TensorPng.encode(image);            // batch 1
 * files.write(target, png);                         // AtomicFiles, the atomic writer
 * ImageTensor back = TensorPng.decode(png);         // values are multiples of 1/255
 * }</pre>
 *
 * <p>This class is stateless and thread-safe (each call uses its own ImageIO reader or writer and
 * memory-cached streams; no temporary files are created).
 */
public final class TensorPng {

  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private TensorPng() {}

  /**
   * Quantises one value to an 8-bit sample: NaN to 0, clamp to {@code [0, 1]}, multiply by 255,
   * round half up.
   *
   * @param v the value
   * @return 0..255
   */
  public static int quantize(float v) {
    if (!(v > 0f)) {
      return 0; // NaN, negatives, -0.0 and 0.0
    }
    if (v >= 1f) {
      return 255;
    }
    return (int) Math.floor(v * 255.0 + 0.5); // exact: a float times 255 fits a double's mantissa
  }

  /**
   * Returns a tensor as an 8-bit PNG holds it: every value {@code v} becomes {@link
   * #quantize(float) quantize(v)}{@code / 255f}. This is exactly what {@link #decode} gives for
   * the bytes of {@link #encode}, so a hash of the quantised tensor is the hash of the saved image
   * ({@link ExecutionInit} hashes its input this way).
   *
   * @param tensor any tensor
   * @return a tensor of the same shape whose values are multiples of 1/255 (the same values, as
   *     a new tensor, if they already were)
   */
  public static ImageTensor quantized(ImageTensor tensor) {
    checkNotNull(tensor, "tensor");
    float[] in = tensor.data();
    float[] out = new float[in.length];
    for (int i = 0; i < in.length; i++) {
      out[i] = quantize(in[i]) / 255f;
    }
    return new ImageTensor(
        out, tensor.batch(), tensor.height(), tensor.width(), tensor.channels());
  }

  /**
   * Encodes a tensor of batch 1 as a PNG.
   *
   * @param tensor the image; its batch must be 1
   * @return the PNG's bytes
   * @throws IllegalArgumentException if the batch is not 1
   */
  public static byte[] encode(ImageTensor tensor) {
    checkArgument(
        tensor.batch() == 1,
        "batch must be 1 to encode one PNG (use encode(tensor, index) or encodeAll): %s",
        tensor.batch());
    return encode(tensor, 0);
  }

  /**
   * Encodes one image of a batch as a PNG.
   *
   * @param tensor the batch
   * @param index which image, {@code 0..batch-1}
   * @return the PNG's bytes
   * @throws IndexOutOfBoundsException if {@code index} is out of range
   */
  public static byte[] encode(ImageTensor tensor, int index) {
    checkNotNull(tensor, "tensor");
    checkElementIndex(index, tensor.batch(), "index");
    int h = tensor.height();
    int w = tensor.width();
    int c = tensor.channels();
    int type =
        c == 1
            ? BufferedImage.TYPE_BYTE_GRAY
            : c == 3 ? BufferedImage.TYPE_3BYTE_BGR : BufferedImage.TYPE_4BYTE_ABGR;
    BufferedImage image = new BufferedImage(w, h, type);
    byte[] out = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    float[] in = tensor.values();
    int base = index * h * w * c;
    int pixels = h * w;
    // The JDK's interleaved types store grey as G, RGB as B,G,R and RGBA as A,B,G,R.
    for (int p = 0; p < pixels; p++) {
      int src = base + p * c;
      int dst = p * c;
      if (c == 1) {
        out[dst] = (byte) quantize(in[src]);
      } else if (c == 3) {
        out[dst] = (byte) quantize(in[src + 2]);
        out[dst + 1] = (byte) quantize(in[src + 1]);
        out[dst + 2] = (byte) quantize(in[src]);
      } else {
        out[dst] = (byte) quantize(in[src + 3]);
        out[dst + 1] = (byte) quantize(in[src + 2]);
        out[dst + 2] = (byte) quantize(in[src + 1]);
        out[dst + 3] = (byte) quantize(in[src]);
      }
    }
    return write(image);
  }

  /**
   * Encodes every image of a batch, one PNG each.
   *
   * @param tensor the batch
   * @return the PNGs' bytes, in batch order ({@code batch} entries)
   */
  public static List<byte[]> encodeAll(ImageTensor tensor) {
    ImmutableList.Builder<byte[]> out = ImmutableList.builderWithExpectedSize(tensor.batch());
    for (int i = 0; i < tensor.batch(); i++) {
      out.add(encode(tensor, i));
    }
    return out.build();
  }

  /**
   * Decodes a PNG into a tensor of batch 1.
   *
   * @param png the PNG's bytes
   * @return the image, {@code [1, height, width, channels]} with channels 1, 3 or 4
   * @throws IOException if the bytes are not a PNG, are damaged, or hold more values than an array
   *     can
   */
  public static ImageTensor decode(byte[] png) throws IOException {
    checkNotNull(png, "png");
    if (png.length < SIGNATURE.length
        || !java.util.Arrays.equals(png, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
      throw new IOException("not a PNG: the first 8 bytes are not the PNG signature");
    }
    ImageReader reader = pngReader();
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(png))) {
      reader.setInput(in, true, true);
      int w = reader.getWidth(0);
      int h = reader.getHeight(0);
      if ((long) w * h * 4 > Integer.MAX_VALUE - 8) {
        throw new IOException("PNG too large: " + w + " x " + h + " pixels");
      }
      return toTensor(reader.read(0));
    } catch (RuntimeException e) {
      // ImageIO reports some damaged streams with unchecked exceptions.
      throw new IOException("damaged PNG: " + e, e);
    } finally {
      reader.dispose();
    }
  }

  private static ImageTensor toTensor(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    Raster raster = image.getRaster();
    int bands = raster.getNumBands();
    if (image.getColorModel() instanceof ComponentColorModel && bands <= 4) {
      float max = (1 << image.getColorModel().getComponentSize(0)) - 1;
      int c = bands == 2 ? 4 : bands;
      float[] data = new float[h * w * c];
      int[] row = new int[w * bands];
      for (int y = 0; y < h; y++) {
        raster.getPixels(0, y, w, 1, row);
        int dst = y * w * c;
        for (int x = 0; x < w; x++) {
          int src = x * bands;
          if (bands == 2) {
            float g = row[src] / max;
            data[dst++] = g;
            data[dst++] = g;
            data[dst++] = g;
            data[dst++] = row[src + 1] / max;
          } else {
            for (int b = 0; b < bands; b++) {
              data[dst++] = row[src + b] / max;
            }
          }
        }
      }
      return new ImageTensor(data, 1, h, w, c);
    }
    // Palette and packed low-bit-depth images: their colours are sRGB, which getRGB returns exactly.
    boolean alpha = image.getColorModel().hasAlpha();
    int c = alpha ? 4 : 3;
    float[] data = new float[h * w * c];
    int[] argb = new int[w];
    int dst = 0;
    for (int y = 0; y < h; y++) {
      image.getRGB(0, y, w, 1, argb, 0, w);
      for (int x = 0; x < w; x++) {
        int p = argb[x];
        data[dst++] = ((p >>> 16) & 0xff) / 255f;
        data[dst++] = ((p >>> 8) & 0xff) / 255f;
        data[dst++] = (p & 0xff) / 255f;
        if (alpha) {
          data[dst++] = (p >>> 24) / 255f;
        }
      }
    }
    return new ImageTensor(data, 1, h, w, c);
  }

  private static byte[] write(BufferedImage image) {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
    if (!writers.hasNext()) {
      throw new IllegalStateException("the JDK's PNG writer is missing");
    }
    ImageWriter writer = writers.next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(image);
    } catch (IOException e) {
      throw new UncheckedIOException("writing a PNG to memory failed", e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  private static ImageReader pngReader() {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("png");
    if (!readers.hasNext()) {
      throw new IllegalStateException("the JDK's PNG reader is missing");
    }
    return readers.next();
  }
}
