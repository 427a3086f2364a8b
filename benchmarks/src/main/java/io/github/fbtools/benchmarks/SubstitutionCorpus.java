package io.github.fbtools.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The substitution corpus of PERFORMANCE.md §4-6, regenerated in Java with a fixed seed (the
 * anchors' Python generator is not in this repository, so the texts are of the same kind, not
 * byte-identical to it).
 *
 * <ul>
 *   <li>200 keys; each value is 2-8 prose words plus references to lower keys: none for the 70
 *       keys of height 0, and 1-3 for a key of height 1-5 (one to a key exactly one level lower,
 *       so the height is exact; the others to any lower key). Keys per height: 70/50/35/25/12/8,
 *       so the map is acyclic and expansion goes at most 5 levels deep.
 *   <li>A text of exactly {@code n} bytes (ASCII) is prose in which 5 % of the words are replaced
 *       by a {@code %key%} reference; 10 % of those references name a key that does not exist.
 *   <li>The text holds no {@code %} other than the references' and no {@code $}, which is what
 *       makes Commons Text's {@code StringSubstitutor("%", "%")} produce the reference's output on
 *       it (see {@link SubstituteBenchmark}).
 * </ul>
 *
 * <p>Not thread-safe while generating; the results are plain immutable values.
 */
final class SubstitutionCorpus {
  /** The seed of the anchors' generator, reused. */
  static final long SEED = 20240601L;

  /** Keys per expansion height 0..5. */
  static final int[] KEYS_PER_HEIGHT = {70, 50, 35, 25, 12, 8};

  /** The share of text words replaced by a reference. */
  static final double REFERENCE_RATE = 0.05;

  /** The share of references that name an unknown key. */
  static final double UNKNOWN_RATE = 0.10;

  private static final String[] WORDS = {
    "a", "the", "woman", "man", "portrait", "of", "with", "long", "short", "hair", "red", "blue",
    "green", "golden", "silver", "light", "soft", "dramatic", "cinematic", "in", "on", "at", "dusk",
    "dawn", "forest", "city", "street", "rain", "fog", "mist", "sunlit", "shadow", "detailed",
    "sharp", "focus", "bokeh", "lens", "film", "grain", "wide", "angle", "close", "up", "smiling",
    "standing", "sitting", "walking", "looking", "away", "toward", "camera", "dress", "coat",
    "jacket", "hat", "scarf", "leather", "wool", "silk", "velvet", "old", "young", "tall", "quiet",
    "busy", "market", "river", "bridge", "tower", "castle", "garden", "window", "door", "lamp",
    "candle", "glow", "neon", "night", "morning", "evening", "summer", "winter", "autumn", "spring",
    "snow", "sand", "stone", "wood", "glass", "metal", "painting", "photo", "sketch", "style",
    "mood", "scene", "background", "foreground", "colour", "palette", "warm", "cold", "and", "by",
  };

  /** The Libber's entries, in insertion order. */
  final Map<String, String> libs;

  /** Keys that are guaranteed not to be in {@link #libs}. */
  final List<String> unknownKeys;

  private final List<String> keys;

  private SubstitutionCorpus(Map<String, String> libs, List<String> unknownKeys) {
    this.libs = Collections.unmodifiableMap(libs);
    this.unknownKeys = List.copyOf(unknownKeys);
    this.keys = List.copyOf(libs.keySet());
  }

  /**
   * Generates the map.
   *
   * @param seed the seed
   * @return the corpus
   */
  static SubstitutionCorpus generate(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<List<String>> byHeight = new ArrayList<>();
    LinkedHashMap<String, String> libs = new LinkedHashMap<>();
    int serial = 0;
    for (int h = 0; h < KEYS_PER_HEIGHT.length; h++) {
      List<String> level = new ArrayList<>();
      for (int i = 0; i < KEYS_PER_HEIGHT[h]; i++) {
        String key = word(r) + "_" + serial++;
        List<String> parts = new ArrayList<>();
        int words = 2 + r.nextInt(7);
        for (int w = 0; w < words; w++) {
          parts.add(word(r));
        }
        if (h > 0) {
          int refs = 1 + r.nextInt(3);
          for (int j = 0; j < refs; j++) {
            List<String> from = j == 0 ? byHeight.get(h - 1) : byHeight.get(r.nextInt(h));
            String ref = "%" + from.get(r.nextInt(from.size())) + "%";
            parts.add(r.nextInt(parts.size() + 1), ref);
          }
        }
        libs.put(key, String.join(" ", parts));
        level.add(key);
      }
      byHeight.add(level);
    }
    List<String> unknown = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String key = "no_" + word(r) + "_" + i;
      if (!libs.containsKey(key)) {
        unknown.add(key);
      }
    }
    return new SubstitutionCorpus(libs, unknown);
  }

  /**
   * Generates a text of exactly {@code bytes} ASCII bytes.
   *
   * @param bytes the size
   * @param seed the seed
   * @return the text
   */
  String text(int bytes, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder(bytes);
    int sinceBreak = 0;
    while (true) {
      String token;
      if (r.nextDouble() < REFERENCE_RATE) {
        String key =
            r.nextDouble() < UNKNOWN_RATE
                ? unknownKeys.get(r.nextInt(unknownKeys.size()))
                : keys.get(r.nextInt(keys.size()));
        token = "%" + key + "%";
      } else {
        token = word(r);
      }
      String sep = sb.length() == 0 ? "" : (sinceBreak > 12 && r.nextInt(4) == 0 ? ",\n" : " ");
      if (sb.length() + sep.length() + token.length() > bytes) {
        break;
      }
      sinceBreak = sep.equals(",\n") ? 0 : sinceBreak + 1;
      sb.append(sep).append(token);
    }
    while (sb.length() < bytes) {
      sb.append(' ');
    }
    return sb.toString();
  }

  private static String word(SplittableRandom r) {
    return WORDS[r.nextInt(WORDS.length)];
  }

  /**
   * Counts the references ({@code %key%}) in a corpus text.
   *
   * @param text a text from {@link #text}
   * @return the number of references
   */
  static int countReferences(String text) {
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '%') {
        n++;
      }
    }
    return n / 2;
  }

  /**
   * The first 12 hex chars of the SHA-256 of a text's UTF-8 bytes, to compare outputs in logs.
   *
   * @param s the text
   * @return 12 hex chars
   */
  static String sha12(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
