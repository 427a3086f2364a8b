package io.github.fbtools.testkit;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.github.fbtools.core.Libber;
import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.PromptMetadata;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.CheckForNull;

/**
 * Reproducible fbTools data for property-based tests: every method is a pure function of the seed
 * given to {@link #of(long)} and of its own arguments, so the same seed gives the same values, the
 * same texts and the same bytes on every JVM, in any order of calls (the kit carries its own
 * random algorithm, SplitMix64, and uses no clock, no hash order and no locale).
 *
 * <p>A {@code size} bounds what a method makes: at most {@code size} prompts, Libber keys or text
 * tokens; size 0 gives no prompts, no ordinary Libber keys and an empty text (a collection may
 * still have compositions and scene flags, a Libber the keys its options add). Sizes are where
 * {@link Shrinker} looks for a smaller failing case.
 *
 * <ul>
 *   <li>{@link #promptsJson(int)}: a {@code prompts.json} text as the Python extension writes it
 *       ({@code json.dumps} with {@code indent=2} or {@code indent=4}, {@code ensure_ascii=False},
 *       no final newline), version 1 (a flat object of strings) about one time in four, else
 *       version 2 with metadata, tags, compositions, scene flags, sometimes {@code v1_backup} and
 *       an unknown top-level field, with non-ASCII, astral and empty strings;
 *   <li>{@link #promptCollection(int)}: the collection that text reads as: {@code
 *       PromptCollection.fromJson(gen.promptsJson(n)).equals(gen.promptCollection(n))};
 *   <li>{@link #libber(int)}, {@link #libber(int, LibberOptions)}: Libbers, ordinary or with
 *       cycles, undefined keys, unmatchable keys, other delimiters and expansion bombs;
 *   <li>{@link #libberText(Libber, int)}: a text to substitute, full of the Libber's references;
 *   <li>{@link #libberJson(int)}: a Libber file as the extension writes it ({@code indent=2}, no
 *       final newline) holding {@link #libber(int)}, with its entries under {@code libs} (the
 *       format the extension writes), {@code lib_dict} (the documented one) or both;
 *   <li>{@link #storyTree(Path, int)}: a whole data folder with a story, its scenes (version 1 and
 *       2 {@code prompts.json}, legacy {@code loras.json}, {@code lora_stack.json}, {@code
 *       pose.json}) and the Libbers its prompts use;
 *   <li>{@link #hostilePromptsJson()}, {@link #hostileName()}: malformed files and refused names,
 *       each with the exception the library promises for it.
 * </ul>
 *
 * <!-- given: void assertEquals(Object expected, Object actual) -->
 * <pre>{@code
 * FbGen gen = FbGen.of(42);
 * String text = gen.promptsJson(20);                    // the same text on every run
 * PromptCollection c = PromptCollection.fromJson(text);
 * assertEquals(gen.promptCollection(20), c);
 * Libber libber = gen.libber(6, LibberOptions.builder().cycles(true).build());
 * String input = gen.libberText(libber, 12);
 * assertEquals(ReferenceLibber.substitute(libber, input), libber.substitute(input));
 * }</pre>
 *
 * <p>Why this class is long: it is the kit's one entry point, a generator per fbTools file kind,
 * each documented with what it draws; the parts that are not generators are classes of their own
 * ({@link LibberOptions}, {@link HostileInput}, {@link ReferenceLibber}, {@link Shrinker}).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class FbGen {
  /** The key of the expansion bomb that {@link LibberOptions#expansionBomb()} adds. */
  public static final String BOMB_KEY = "bomb";

  /** Top-level names a version 1 file must not use, or it would read as version 2. */
  private static final List<String> V2_NAMES =
      List.of("version", "prompts", "compositions", "v1_backup", "scene_flags");

  private static final List<String> LEGACY_NAMES =
      List.of("girl_pos", "male_pos", "wan_prompt", "wan_low_prompt", "four_image_prompt");

  private static final List<String> WORDS =
      List.of("hair", "eyes", "outfit", "mood", "light", "pose", "style", "bg", "x", "a_b", "k9");

  private static final List<String> OTHER_DELIMITERS =
      List.of("%%", "<<>>", "$", "|", "{{", "##", ".", "é", "\ud83d\ude00");

  private static final List<String> UNMATCHABLE_KEYS =
      List.of("Hair", "a-b", "has space", "é", "", "KEY_1");

  /** Code point ranges of generated text: ASCII (often), Latin-1, CJK, emoji, marks, RTL. */
  private static final int[][] RANGES = {
    {0x20, 0x7e}, {0x20, 0x7e}, {0x20, 0x7e}, {0x61, 0x7a}, {0xa0, 0xff}, {0x4e00, 0x4fff},
    {0x1f600, 0x1f64f}, {0x300, 0x36f}, {0x5d0, 0x5ea}, {0x1, 0x1f}, {0x7f, 0x9f}
  };

  private final long seed;

  private FbGen(long seed) {
    this.seed = seed;
  }

  /**
   * Returns the generator of a seed.
   *
   * @param seed any value; the same seed always gives the same data
   * @return the generator
   */
  public static FbGen of(long seed) {
    return new FbGen(seed);
  }

  /**
   * Returns this generator's seed.
   *
   * @return the seed given to {@link #of(long)}
   */
  public long seed() {
    return seed;
  }

  // ---------------------------------------------------------------------------------------
  // prompts.json

  /**
   * Returns a {@code prompts.json} text of up to {@code size} prompts, exactly as the Python
   * extension writes one: {@code json.dumps(..., indent=2 or 4, ensure_ascii=False)} with no final
   * newline; version 1 about one time in four.
   *
   * @param size the most prompts; 0 or more
   * @return the text
   * @throws IllegalArgumentException if {@code size} is negative
   */
  public String promptsJson(int size) {
    return drawPrompts(size).json();
  }

  /**
   * Returns the collection that {@link #promptsJson(int)} of the same size holds: a version 1
   * text gives the collection migrated from it ({@link PromptCollection#fromLegacy}, with {@code
   * v1_backup}).
   *
   * @param size the most prompts; 0 or more
   * @return the collection
   * @throws IllegalArgumentException if {@code size} is negative
   */
  public PromptCollection promptCollection(int size) {
    return drawPrompts(size).collection();
  }

  /** A collection and its text. */
  private record Drawn(PromptCollection collection, String json) {}

  private Drawn drawPrompts(int size) {
    checkSize(size);
    Rng r = Rng.of(seed, "prompts", size);
    int indent = r.nextBoolean() ? 2 : 4;
    if (r.oneIn(4)) {
      Map<String, Object> legacy = legacyPrompts(r, r.nextInt(size + 1));
      return new Drawn(PromptCollection.fromLegacy(legacy), PythonJson.dumps(legacy, indent));
    }
    PromptCollection c = collection(r, size, true);
    Map<String, Object> doc = c.toJsonObject();
    if (r.oneIn(5)) {
      Map<String, Object> more = new LinkedHashMap<>(doc);
      more.put("x_" + word(r), jsonValue(r, 1));
      c = PromptCollection.fromJsonObject(more);
      doc = c.toJsonObject();
    }
    return new Drawn(c, PythonJson.dumps(doc, indent));
  }

  private Map<String, Object> legacyPrompts(Rng r, int n) {
    Map<String, Object> legacy = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String name = r.nextBoolean() ? r.pick(LEGACY_NAMES) : text(r, 10);
      if (V2_NAMES.contains(name)) {
        name = "x_" + name;
      }
      legacy.put(name, r.oneIn(6) ? "" : text(r, 24));
    }
    return legacy;
  }

  PromptCollection collection(Rng r, int size, boolean migrated) {
    PromptCollection c =
        migrated && r.oneIn(4)
            ? PromptCollection.fromLegacy(legacyPrompts(r, r.nextInt(Math.min(size, 3) + 1)))
            : PromptCollection.empty();
    int n = r.nextInt(size + 1);
    for (int i = 0; i < n; i++) {
      c = c.withPrompt(r.oneIn(3) ? r.pick(LEGACY_NAMES) + i : text(r, 10), metadata(r));
    }
    for (int i = r.nextInt(4); i > 0; i--) {
      List<String> keys = new ArrayList<>();
      for (int k = r.nextInt(4); k > 0; k--) {
        List<String> names = c.promptNames();
        keys.add(!names.isEmpty() && r.nextBoolean() ? r.pick(names) : text(r, 8));
      }
      c = c.withComposition(text(r, 8), keys);
    }
    if (r.nextBoolean()) {
      Map<String, Object> flags = new LinkedHashMap<>();
      flags.put("use_depth", r.nextBoolean());
      flags.put("use_mask", r.nextBoolean());
      if (r.nextBoolean()) {
        flags.put(text(r, 8), jsonValue(r, 1));
      }
      c = c.withSceneFlags(flags);
    }
    return c;
  }

  private PromptMetadata metadata(Rng r) {
    List<String> tags = new ArrayList<>();
    for (int i = r.nextInt(3); i > 0; i--) {
      tags.add(text(r, 8));
    }
    Map<String, Object> extra = new LinkedHashMap<>();
    if (r.oneIn(5)) {
      extra.put("weight", r.nextInt(400) / 4.0);
      extra.put("note", r.nextBoolean() ? null : text(r, 8));
    }
    boolean libber = r.oneIn(4);
    return new PromptMetadata(
        r.oneIn(10) ? "" : text(r, 40),
        r.nextBoolean() ? null : r.oneIn(3) ? PromptCollection.LEGACY_CATEGORY : text(r, 8),
        r.nextBoolean() ? null : text(r, 20),
        tags,
        libber ? PromptMetadata.LIBBER : r.oneIn(8) ? text(r, 6) : PromptMetadata.RAW,
        libber ? r.pick(WORDS) : null,
        extra);
  }

  private Object jsonValue(Rng r, int depth) {
    switch (r.nextInt(depth > 2 ? 5 : 7)) {
      case 0:
        return "";
      case 1:
        return text(r, 12);
      case 2:
        return r.nextBoolean();
      case 3:
        return r.nextLong();
      case 4:
        return r.nextInt(1_000_000) / 64.0;
      case 5:
        {
          List<Object> list = new ArrayList<>();
          for (int i = r.nextInt(4); i > 0; i--) {
            list.add(r.oneIn(6) ? null : jsonValue(r, depth + 1));
          }
          return list;
        }
      default:
        {
          Map<String, Object> map = new LinkedHashMap<>();
          for (int i = r.nextInt(4); i > 0; i--) {
            map.put(text(r, 8), r.oneIn(6) ? null : jsonValue(r, depth + 1));
          }
          return map;
        }
    }
  }

  // ---------------------------------------------------------------------------------------
  // Libbers

  /**
   * Returns an ordinary Libber of up to {@code size} keys ({@link LibberOptions#defaults()}).
   *
   * @param size the most keys; 0 or more
   * @return the Libber
   * @throws IllegalArgumentException if {@code size} is negative
   */
  public Libber libber(int size) {
    return libber(size, LibberOptions.defaults());
  }

  /**
   * Returns a Libber of up to {@code size} ordinary keys, with what {@code options} asks for
   * (unmatchable keys and the bomb's keys come on top of them).
   *
   * @param size the most ordinary keys; 0 or more
   * @param options cycles, undefined keys, unmatchable keys, other delimiters, bomb
   * @return the Libber
   * @throws IllegalArgumentException if {@code size} is negative
   */
  public Libber libber(int size, LibberOptions options) {
    checkSize(size);
    checkNotNull(options, "options");
    Rng r =
        Rng.of(
            seed,
            "libber",
            size,
            (options.cycles() ? 1 : 0)
                | (options.undefinedKeys() ? 2 : 0)
                | (options.unmatchableKeys() ? 4 : 0)
                | (options.otherDelimiters() ? 8 : 0),
            options.expansionBomb());
    String d = options.otherDelimiters() ? r.pick(OTHER_DELIMITERS) : Libber.DEFAULT_DELIMITER;
    int n = r.nextInt(size + 1);
    if (options.cycles() || options.undefinedKeys()) {
      n = Math.max(n, Math.min(size, 1));
    }
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      keys.add(r.pick(WORDS) + i);
    }
    // Fan-out 2 only for small Libbers, so an expansion stays within about 2^10 times the size.
    int maxRefs = n <= 10 ? 2 : 1;
    boolean messy = options.undefinedKeys();
    LinkedHashMap<String, String> libs = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      StringBuilder v = new StringBuilder();
      int refs = 0;
      for (int t = r.nextInt(6); t > 0; t--) {
        int from = options.cycles() ? 0 : i + 1;
        int kind = r.nextInt(10);
        if (kind < 4 && from < n && refs < maxRefs) {
          v.append(d).append(keys.get(r.between(from, n - 1))).append(d);
          refs++;
        } else if (kind == 4 && messy) {
          v.append(d).append("undefined_").append(r.nextInt(3)).append(d);
        } else if (kind == 5) {
          // Without undefined keys, a lone delimiter is followed by a space, so that it can
          // never pair with the next token into a reference to an undefined key.
          v.append(d).append(messy ? "" : " ");
        } else {
          v.append(messy ? text(r, 6) : without(text(r, 6), d));
        }
      }
      if (options.cycles() && i == n - 1) {
        v.append(d).append(keys.get(i)).append(d);
      }
      if (messy && i == 0) {
        v.append(d).append("undefined_0").append(d);
      }
      libs.put(keys.get(i), v.toString());
    }
    if (options.unmatchableKeys()) {
      for (int i = r.between(1, 3); i > 0; i--) {
        libs.put(r.pick(UNMATCHABLE_KEYS), text(r, 8));
      }
    }
    int maxDepth =
        options.cycles() ? r.nextInt(7) : r.pick(List.of(0, 1, 2, 3, 5, 10, 10, 10, 100));
    if (options.expansionBomb() > 0) {
      int levels = 32 - Integer.numberOfLeadingZeros(options.expansionBomb() - 1);
      for (int i = 0; i < levels; i++) {
        String next = d + bombKey(i + 1) + d;
        libs.put(bombKey(i), next + next);
      }
      libs.put(bombKey(levels), "x");
      maxDepth = Math.max(maxDepth, levels + 1);
    }
    return Libber.of(libs, d, maxDepth);
  }

  private static String bombKey(int level) {
    return level == 0 ? BOMB_KEY : BOMB_KEY + "_" + level;
  }

  /**
   * Returns a text of up to {@code size} tokens for {@code libber}: references to its keys (in its
   * delimiter), references to undefined keys, lone delimiters and plain text with non-ASCII
   * characters.
   *
   * @param libber the Libber whose keys and delimiter the text uses
   * @param size the most tokens; 0 or more
   * @return the text
   * @throws IllegalArgumentException if {@code size} is negative
   */
  public String libberText(Libber libber, int size) {
    checkSize(size);
    checkNotNull(libber, "libber");
    Rng r = Rng.of(seed, "libberText:" + libber.toJson(), size);
    String d = libber.delimiter();
    List<String> keys = libber.keys();
    StringBuilder sb = new StringBuilder();
    for (int i = r.nextInt(size + 1); i > 0; i--) {
      int kind = r.nextInt(20);
      if (kind < 6 && !keys.isEmpty()) {
        sb.append(d).append(r.pick(keys)).append(d);
      } else if (kind < 7) {
        sb.append(d).append("zz").append(d);
      } else if (kind < 9) {
        sb.append(d);
      } else {
        sb.append(text(r, 5));
      }
    }
    return sb.toString();
  }

  /**
   * Returns a Libber file holding {@link #libber(int) libber(size)}, as the extension writes one
   * ({@code json.dumps(..., indent=2, ensure_ascii=False)}, no final newline): the entries under
   * {@code libs} (most often), under the documented {@code lib_dict}, or under both; then {@code
   * delimiter} and {@code max_depth}.
   *
   * @param size the most keys; 0 or more
   * @return the file's text
   * @throws IllegalArgumentException if {@code size} is negative
   */
  public String libberJson(int size) {
    Libber l = libber(size);
    Rng r = Rng.of(seed, "libberJson", size);
    Map<String, Object> doc = new LinkedHashMap<>();
    int layout = r.nextInt(4);
    if (layout != 2) {
      doc.put("libs", l.libs());
    }
    if (layout >= 2) {
      doc.put("lib_dict", l.libs());
    }
    doc.put("delimiter", l.delimiter());
    doc.put("max_depth", (long) l.maxDepth());
    return PythonJson.dumps(doc, 2);
  }

  // ---------------------------------------------------------------------------------------
  // Story folders

  /**
   * Writes a whole data folder as the extension leaves one, for migration and REST tests, and
   * returns the story's folder. Under {@code dir}:
   *
   * <ul>
   *   <li>{@code stories/<story>/story.json}: version 2, the scenes in order ({@code indent=2});
   *   <li>{@code scenes/<scene>/prompts.json} for each of the {@code scenes} scenes: version 1
   *       ({@code indent=4}, as {@code save_json_file} writes it) or version 2 (as the extension
   *       writes it, so without {@code v1_backup}); a legacy {@code
   *       loras.json}, a {@code lora_stack.json} or neither; {@code pose.json};
   *   <li>{@code libbers/<name>.json}: every Libber the prompts name, as {@link #libberJson(int)}
   *       writes one.
   * </ul>
   *
   * <p>Names are valid story, scene and Libber names, with non-ASCII letters. Files are written
   * through the library's atomic writer; a file of the same name is replaced, so give it a fresh
   * folder (JUnit's {@code @TempDir}). The same seed and count give the same files, byte for byte.
   *
   * @param dir the data folder; created if missing
   * @param scenes how many scenes, 0 to {@value StoryTrees#MAX_SCENES}
   * @return {@code dir/stories/<story>}
   * @throws IllegalArgumentException if {@code scenes} is out of range
   * @throws IOException if a file cannot be written
   */
  public Path storyTree(Path dir, int scenes) throws IOException {
    checkNotNull(dir, "dir");
    checkArgument(
        scenes >= 0 && scenes <= StoryTrees.MAX_SCENES,
        "scenes must be in 0..%s: %s",
        StoryTrees.MAX_SCENES,
        scenes);
    return new StoryTrees(this, Rng.of(seed, "storyTree", scenes)).write(dir, scenes);
  }

  // ---------------------------------------------------------------------------------------
  // Hostile input

  /**
   * Returns a malformed {@code prompts.json} (truncated, duplicate keys, wrong types, nesting
   * deeper than the parser's limit, not UTF-8, trailing data, {@code NaN}, ...) with the outcome
   * the library promises for it: {@link PromptCollection#fromJson(byte[])} throws a {@code
   * FormatException}. Different seeds give different kinds and variants.
   *
   * @return the input and its promised outcome
   */
  public HostileInput hostilePromptsJson() {
    return Hostiles.promptsJson(Rng.of(seed, "hostilePromptsJson"));
  }

  /**
   * Returns a name the library refuses for every kind of name (traversal, separators, look-alike
   * Unicode, control and format characters, reserved device names, ...), with the outcome it
   * promises: {@code SafeNames.validate} (and everything that resolves names, the REST API
   * included) throws an {@code InvalidNameException}.
   *
   * @return the name and its promised outcome
   */
  public HostileInput hostileName() {
    return Hostiles.name(Rng.of(seed, "hostileName"));
  }

  // ---------------------------------------------------------------------------------------
  // Shared pieces

  /** Text of up to {@code max} code points from {@link #RANGES}; empty one time in eight. */
  static String text(Rng r, int max) {
    if (r.oneIn(8)) {
      return "";
    }
    int n = r.between(1, max);
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      int[] range = RANGES[r.nextInt(RANGES.length)];
      sb.appendCodePoint(r.between(range[0], range[1]));
    }
    return sb.toString();
  }

  /** {@code text} without any char of {@code delimiter}. */
  private static String without(String text, String delimiter) {
    StringBuilder sb = new StringBuilder(text.length());
    text.codePoints().filter(cp -> delimiter.indexOf(cp) < 0).forEach(sb::appendCodePoint);
    return sb.toString();
  }

  static String word(Rng r) {
    return r.pick(WORDS);
  }

  static List<String> words() {
    return WORDS;
  }

  private static void checkSize(int size) {
    checkArgument(size >= 0, "size must not be negative: %s", size);
  }

  /**
   * Returns the expression that recreates this generator, for failure messages.
   *
   * @return {@code FbGen.of(<seed>L)}, the expression that recreates it
   */
  @Override
  public String toString() {
    return "FbGen.of(" + seed + "L)";
  }

  @Override
  public boolean equals(@CheckForNull Object o) {
    return o instanceof FbGen && ((FbGen) o).seed == seed;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(seed);
  }
}
