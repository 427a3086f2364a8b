package io.github.fbtools.core.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Common generators for {@link Pbt}. All draw only from the given random source. */
public final class Gens {
  private Gens() {}

  /**
   * Strings over an alphabet (code points of {@code alphabet}), of length {@code min..max}.
   *
   * @param alphabet the characters to draw from
   * @param min shortest length
   * @param max longest length
   * @return the generator
   */
  public static Gen<String> strings(String alphabet, int min, int max) {
    int[] cps = alphabet.codePoints().toArray();
    return r -> {
      int n = min + r.nextInt(max - min + 1);
      StringBuilder sb = new StringBuilder(n);
      for (int i = 0; i < n; i++) {
        sb.appendCodePoint(cps[r.nextInt(cps.length)]);
      }
      return sb.toString();
    };
  }

  /**
   * Strings drawn from a mix of ASCII, Latin-1, CJK, emoji, combining marks and RTL text.
   *
   * @param min shortest length in code points
   * @param max longest length in code points
   * @return the generator
   */
  public static Gen<String> unicodeStrings(int min, int max) {
    int[][] ranges = {
      {0x20, 0x7e}, {0x20, 0x7e}, {0x20, 0x7e}, {0xa0, 0xff}, {0x4e00, 0x4fff},
      {0x1f600, 0x1f64f}, {0x300, 0x36f}, {0x5d0, 0x5ea}, {0x0, 0x1f}, {0xff01, 0xff5e}
    };
    return r -> {
      int n = min + r.nextInt(max - min + 1);
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < n; i++) {
        int[] range = ranges[r.nextInt(ranges.length)];
        sb.appendCodePoint(range[0] + r.nextInt(range[1] - range[0] + 1));
      }
      return sb.toString();
    };
  }

  /**
   * Random byte arrays of length {@code 0..max}.
   *
   * @param max longest length
   * @return the generator
   */
  public static Gen<byte[]> bytes(int max) {
    return r -> {
      byte[] b = new byte[r.nextInt(max + 1)];
      r.nextBytes(b);
      return b;
    };
  }

  /**
   * Lists of {@code min..max} elements.
   *
   * @param element the element generator
   * @param min fewest elements
   * @param max most elements
   * @param <T> element type
   * @return the generator
   */
  public static <T> Gen<List<T>> lists(Gen<T> element, int min, int max) {
    return r -> {
      int n = min + r.nextInt(max - min + 1);
      List<T> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(element.next(r));
      }
      return out;
    };
  }

  /**
   * Insertion-ordered maps of up to {@code max} entries (duplicate keys collapse).
   *
   * @param keys the key generator
   * @param values the value generator
   * @param max most entries
   * @param <K> key type
   * @param <V> value type
   * @return the generator
   */
  public static <K, V> Gen<Map<K, V>> maps(Gen<K> keys, Gen<V> values, int max) {
    return r -> {
      int n = r.nextInt(max + 1);
      Map<K, V> out = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        out.put(keys.next(r), values.next(r));
      }
      return out;
    };
  }

  /**
   * One of the given values, uniformly.
   *
   * @param values the choices
   * @param <T> type
   * @return the generator
   */
  @SafeVarargs
  public static <T> Gen<T> oneOf(T... values) {
    return r -> values[r.nextInt(values.length)];
  }
}
