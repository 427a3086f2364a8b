package io.github.fbtools.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.fbtools.core.json.FbJson;
import io.github.fbtools.storyexec.ImageTensor;
import io.github.fbtools.storyexec.TensorHash;
import io.github.fbtools.storyexec.TensorPng;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashCommandTest {
  @TempDir Path tmp;

  private static ImageTensor image(int height, int width, float shift) {
    float[] data = new float[height * width * 3];
    for (int i = 0; i < data.length; i++) {
      data[i] = ((i * 37 + (int) (shift * 255)) % 256) / 255f;
    }
    return new ImageTensor(data, 1, height, width, 3);
  }

  @Test
  void hashIsTheLibrarysInputHashOfTheDecodedImage() throws IOException {
    ImageTensor a = image(4, 5, 0f);
    ImageTensor b = image(3, 2, 0.5f);
    Path fa = TestFiles.write(tmp.resolve("a.png"), TensorPng.encode(a));
    Path fb = TestFiles.write(tmp.resolve("b.png"), TensorPng.encode(b));
    // The values are multiples of 1/255, so decoding gives the tensor back exactly.
    String ha = TensorHash.inputHash(a);
    String hb = TensorHash.inputHash(b);
    CliRun r = CliRun.run(CliRun.env(tmp), "hash", fa.toString(), fb.toString()).assertOk();
    assertEquals(ha + "  " + fa + "\n" + hb + "  " + fb + "\n", r.out());
    assertEquals(12, ha.length());
  }

  @Test
  void json() throws IOException {
    ImageTensor a = image(4, 5, 0.25f);
    Path fa = TestFiles.write(tmp.resolve("a.png"), TensorPng.encode(a));
    CliRun r = CliRun.run(CliRun.env(tmp), "hash", "--json", fa.toString()).assertOk();
    Map<String, Object> doc = FbJson.parseObject(r.out());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> images = (List<Map<String, Object>>) doc.get("images");
    assertEquals(1, images.size());
    Map<String, Object> one = images.get(0);
    assertEquals(fa.toString(), one.get("file"));
    assertEquals(TensorHash.inputHash(a), one.get("input_hash"));
    assertEquals(TensorHash.sha256Hex(a), one.get("sha256"));
    assertEquals(List.of(1L, 4L, 5L, 3L), one.get("shape"));
  }

  @Test
  void badInput() throws IOException {
    CliEnv env = CliRun.env(tmp);
    CliRun.run(env, "hash").assertUsageError("fbtools hash: missing IMAGE.png");
    CliRun.run(env, "hash", tmp.resolve("none.png").toString())
        .assertUsageError("image not found");
    CliRun.run(env, "hash", tmp.toString()).assertUsageError("image is not a file");
    Path text = TestFiles.write(tmp.resolve("text.png"), "not a png");
    CliRun.run(env, "hash", text.toString()).assertUsageError("is not a readable PNG");
    CliRun.run(env, "hash", "a\u0000b").assertUsageError("is not a valid path");
  }
}
