package io.github.fbtools.storyexec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.nio.ReadOnlyBufferException;
import org.junit.jupiter.api.Test;

class ImageTensorTest {

  @Test
  void holdsItsOwnCopy() {
    float[] data = {0.1f, 0.2f, 0.3f};
    ImageTensor t = new ImageTensor(data, 1, 1, 1, 3);
    data[0] = 9f;
    assertEquals(0.1f, t.data()[0]);
    t.data()[1] = 9f;
    assertEquals(0.2f, t.data()[1]);
    assertArrayEquals(new int[] {1, 1, 1, 3}, t.shape());
  }

  @Test
  void bufferIsAReadOnlyViewWithItsOwnPosition() {
    ImageTensor t = new ImageTensor(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, 1, 2, 2, 1);
    FloatBuffer a = t.buffer();
    assertTrue(a.isReadOnly());
    assertThrows(ReadOnlyBufferException.class, () -> a.put(0, 1f));
    a.position(3);
    assertEquals(0, t.buffer().position());
    assertEquals(4, t.buffer().remaining());
    assertEquals(0.4f, t.buffer().get(3));
  }

  @Test
  void shapesAreChecked() {
    assertMessage("batch must be >= 1: 0", () -> new ImageTensor(new float[0], 0, 1, 1, 1));
    assertMessage("height must be >= 1: 0", () -> new ImageTensor(new float[0], 1, 0, 1, 1));
    assertMessage("width must be >= 1: -2", () -> new ImageTensor(new float[0], 1, 1, -2, 1));
    assertMessage("channels must be 1, 3 or 4: 2", () -> new ImageTensor(new float[2], 1, 1, 1, 2));
    assertMessage("channels must be 1, 3 or 4: 5", () -> new ImageTensor(new float[5], 1, 1, 1, 5));
    assertMessage(
        "data has 5 values but batch x height x width x channels = 1 x 2 x 1 x 3 needs 6",
        () -> new ImageTensor(new float[5], 1, 2, 1, 3));
    assertMessage(
        "data has 3 values but batch x height x width x channels = 2 x 65536 x 65536 x 3 needs"
            + " more than 2147483647",
        () -> new ImageTensor(new float[3], 2, 65536, 65536, 3));
    assertThrows(NullPointerException.class, () -> new ImageTensor(null, 1, 1, 1, 1));
  }

  private static void assertMessage(String message, Runnable r) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, r::run).getMessage());
  }

  @Test
  void imagesOfABatch() {
    float[] data = new float[2 * 2 * 3];
    for (int i = 0; i < data.length; i++) {
      data[i] = i / 16f;
    }
    ImageTensor batch = new ImageTensor(data, 2, 1, 2, 3);
    ImageTensor second = batch.image(1);
    assertEquals(new ImageTensor(new float[] {6 / 16f, 7 / 16f, 8 / 16f, 9 / 16f, 10 / 16f, 11 / 16f}, 1, 1, 2, 3), second);
    assertSame(second, second.image(0));
    assertThrows(IndexOutOfBoundsException.class, () -> batch.image(2));
    assertThrows(IndexOutOfBoundsException.class, () -> batch.image(-1));
  }

  @Test
  void equalityIsByShapeAndValueBits() {
    ImageTensor a = new ImageTensor(new float[] {Float.NaN, 0.5f, 0f}, 1, 1, 1, 3);
    ImageTensor b = new ImageTensor(new float[] {Float.NaN, 0.5f, 0f}, 1, 1, 1, 3);
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, new ImageTensor(new float[] {Float.NaN, 0.5f, -0f}, 1, 1, 1, 3));
    assertNotEquals(a, new ImageTensor(new float[] {Float.NaN, 0.5f, 0f}, 1, 3, 1, 1));
    assertNotEquals(a, new ImageTensor(new float[] {Float.NaN, 0.5f, 0f}, 3, 1, 1, 1));
    assertNotEquals(a, new ImageTensor(new float[] {Float.NaN, 0.5f, 0f}, 1, 1, 3, 1));
    assertFalse(a.equals("x"));
    assertEquals("ImageTensor[batch=1, height=1, width=1, channels=3]", a.toString());
  }
}
