package io.github.fbtools.storyexec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TensorPngTest {

  @Test
  void quantizeRoundsHalfUpAfterClamping() {
    assertEquals(0, TensorPng.quantize(0f));
    assertEquals(0, TensorPng.quantize(-0f));
    assertEquals(0, TensorPng.quantize(Float.NaN));
    assertEquals(0, TensorPng.quantize(-3f));
    assertEquals(0, TensorPng.quantize(Float.NEGATIVE_INFINITY));
    assertEquals(0, TensorPng.quantize(Float.MIN_VALUE));
    assertEquals(255, TensorPng.quantize(1f));
    assertEquals(255, TensorPng.quantize(7f));
    assertEquals(255, TensorPng.quantize(Float.POSITIVE_INFINITY));
    assertEquals(255, TensorPng.quantize(Math.nextDown(1f)));
    assertEquals(128, TensorPng.quantize(0.5f)); // 127.5 rounds up
    assertEquals(64, TensorPng.quantize(0.25f)); // 63.75
    assertEquals(32, TensorPng.quantize(0.125f)); // 31.875
    assertEquals(1, TensorPng.quantize(0.5f / 255f + 1e-7f));
    assertEquals(0, TensorPng.quantize(0.001f)); // 0.255
    for (int b = 0; b <= 255; b++) {
      assertEquals(b, TensorPng.quantize(b / 255f), "byte " + b);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 4})
  void roundTripGivesTheQuantisedValues(int channels) throws IOException {
    int h = 7;
    int w = 5;
    float[] data = new float[h * w * channels];
    SplittableRandom r = new SplittableRandom(channels);
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) r.nextDouble(-0.2, 1.2);
    }
    data[0] = Float.NaN;
    ImageTensor tensor = new ImageTensor(data, 1, h, w, channels);
    byte[] png = TensorPng.encode(tensor);
    assertArrayEquals(
        new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, Arrays.copyOf(png, 8));
    ImageTensor back = TensorPng.decode(png);
    assertArrayEquals(new int[] {1, h, w, channels}, back.shape());
    float[] expected = new float[data.length];
    for (int i = 0; i < data.length; i++) {
      expected[i] = TensorPng.quantize(data[i]) / 255f;
    }
    assertArrayEquals(expected, back.data());
    assertEquals(back, TensorPng.decode(TensorPng.encode(back)), "quantised values are stable");
  }

  @Test
  void channelOrderIsRgba() throws IOException {
    ImageTensor red = new ImageTensor(new float[] {1f, 0f, 0f, 0.2f}, 1, 1, 1, 4);
    BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(TensorPng.encode(red)));
    assertEquals(0x33ff0000, image.getRGB(0, 0));
  }

  @Test
  void batchesAreOnePngPerImage() throws IOException {
    float[] data = new float[3 * 2 * 2 * 3];
    for (int i = 0; i < data.length; i++) {
      data[i] = (i % 12) / 11f * (1 + i / 12) / 3f;
    }
    ImageTensor batch = new ImageTensor(data, 3, 2, 2, 3);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TensorPng.encode(batch));
    assertTrue(e.getMessage().startsWith("batch must be 1 to encode one PNG"), e.getMessage());
    List<byte[]> pngs = TensorPng.encodeAll(batch);
    assertEquals(3, pngs.size());
    for (int i = 0; i < 3; i++) {
      ImageTensor expected = TensorPng.decode(TensorPng.encode(batch.image(i)));
      assertEquals(expected, TensorPng.decode(pngs.get(i)));
      assertEquals(expected, TensorPng.decode(TensorPng.encode(batch, i)));
    }
    assertThrows(IndexOutOfBoundsException.class, () -> TensorPng.encode(batch, 3));
  }

  @Test
  void notAPngIsAnIoException() {
    assertThrows(IOException.class, () -> TensorPng.decode(new byte[0]));
    assertThrows(IOException.class, () -> TensorPng.decode("GIF89a....".getBytes()));
    byte[] png = TensorPng.encode(new ImageTensor(new float[48], 1, 4, 4, 3));
    IOException cut = assertThrows(IOException.class, () -> TensorPng.decode(Arrays.copyOf(png, 40)));
    assertTrue(cut.getMessage() != null);
    byte[] damaged = png.clone();
    for (int i = 16; i < damaged.length - 12; i++) {
      damaged[i] ^= 0x5a;
    }
    assertThrows(IOException.class, () -> TensorPng.decode(damaged));
  }

  @Test
  void otherPngKindsAreRead() throws IOException {
    // 16-bit grey: s / 65535
    BufferedImage grey16 = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
    grey16.getRaster().setSample(0, 0, 0, 65535);
    grey16.getRaster().setSample(1, 0, 0, 257);
    assertArrayEquals(
        new float[] {1f, 257 / 65535f}, TensorPng.decode(png(grey16)).data());

    // grey + alpha: RGBA with grey in R, G and B
    ComponentColorModel greyAlpha =
        new ComponentColorModel(
            ColorSpace.getInstance(ColorSpace.CS_GRAY),
            true,
            false,
            Transparency.TRANSLUCENT,
            DataBuffer.TYPE_BYTE);
    WritableRaster raster = greyAlpha.createCompatibleWritableRaster(1, 1);
    raster.setPixel(0, 0, new int[] {51, 102});
    ImageTensor ga = TensorPng.decode(png(new BufferedImage(greyAlpha, raster, false, null)));
    assertArrayEquals(new int[] {1, 1, 1, 4}, ga.shape());
    assertArrayEquals(new float[] {51 / 255f, 51 / 255f, 51 / 255f, 102 / 255f}, ga.data());

    // palette: RGB
    IndexColorModel palette =
        new IndexColorModel(
            8, 2, new byte[] {(byte) 255, 0}, new byte[] {0, (byte) 128}, new byte[] {0, 1});
    BufferedImage indexed = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_INDEXED, palette);
    indexed.getRaster().setSample(1, 0, 0, 1);
    ImageTensor rgb = TensorPng.decode(png(indexed));
    assertArrayEquals(new int[] {1, 1, 2, 3}, rgb.shape());
    assertArrayEquals(new float[] {1f, 0f, 0f, 0f, 128 / 255f, 1 / 255f}, rgb.data());

    // palette with transparency: RGBA
    IndexColorModel clear =
        new IndexColorModel(
            8, 2, new byte[] {10, 20}, new byte[] {30, 40}, new byte[] {50, 60}, 1);
    BufferedImage seeThrough = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_INDEXED, clear);
    seeThrough.getRaster().setSample(1, 0, 0, 1);
    ImageTensor rgba = TensorPng.decode(png(seeThrough));
    assertArrayEquals(new int[] {1, 1, 2, 4}, rgba.shape());
    assertEquals(1f, rgba.data()[3]);
    assertEquals(0f, rgba.data()[7]);

    // 1-bit black and white
    BufferedImage binary = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_BINARY);
    binary.getRaster().setSample(1, 0, 0, 1);
    ImageTensor bw = TensorPng.decode(png(binary));
    float[] bwData = bw.data();
    assertEquals(0f, bwData[0]);
    assertEquals(1f, bwData[bw.channels()]);
  }

  private static byte[] png(BufferedImage image) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertTrue(ImageIO.write(image, "png", out));
    return out.toByteArray();
  }
}
