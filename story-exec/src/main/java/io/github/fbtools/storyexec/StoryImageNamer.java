package io.github.fbtools.storyexec;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Names the images of a story execution: {@code {order:03d}_{slug}_{variant:02d}}, for example
 * {@code 000_opening_00}. Add the extension (or let {@link StoryPathResolver} do it) to get the
 * file name {@code 000_opening_00.png}; {@link StoryImageCollector} reads these names back.
 *
 * <h2>Rules</h2>
 *
 * <ul>
 *   <li>{@code order} is written in decimal with at least 3 digits ({@code 7} → {@code 007},
 *       {@code 1000} → {@code 1000}), {@code variant} with at least 2 ({@code 100} → {@code 100}),
 *       like Python's {@code :03d} and {@code :02d}. Negative orders and variants are refused with
 *       {@link IllegalArgumentException} (Python would write {@code -01}, which no reader expects).
 *   <li>The {@link #slug} of the scene name: NFC, lower case ({@link Locale#ROOT}), then every code
 *       point that is not a Unicode letter, a decimal digit or {@code _} becomes {@code _} (so
 *       spaces and {@code -} do); an empty result becomes {@value #EMPTY_SLUG}. The 19 letters
 *       whose compatibility form (NFKC) is not only letters, digits and marks also become {@code
 *       _} ({@code ŀ} folds to {@code l·}, {@code ͺ} and some Arabic presentation forms fold to
 *       text with a space), so slugs pass file-name rules that check NFKC too.
 *   <li>A slug longer than {@value #MAX_SLUG_LENGTH} code points is shortened deterministically to
 *       its first {@value #TRUNCATED_KEEP} code points, {@code _}, and the first 8 hex characters
 *       of the SHA-256 of the whole slug in UTF-8: exactly {@value #MAX_SLUG_LENGTH} code points,
 *       and two long names that share a beginning still get different slugs. With this bound every
 *       prefix, even with 10-digit orders and a video's two slugs, plus an extension of up to 5
 *       characters ({@code .jpeg}, {@code .webm}) passes {@link
 *       io.github.fbtools.core.files.SafeNames.Kind#FILE}.
 * </ul>
 *
 * <p>Slugs are idempotent ({@code slug(slug(x)).equals(slug(x))}), so a slug read back from a file
 * name names the same scene.
 *
 * <pre>{@code
 * StoryImageNamer.prefix(0, "Opening", 0);       // "000_opening_00"
 * StoryImageNamer.prefix(12, "Café Scène", 3);   // "012_café_scène_03"
 * StoryImageNamer.slug("a-b c");                 // "a_b_c"
 * StoryImageNamer.slug("???");                   // "___"
 * StoryImageNamer.slug("");                      // "scene"
 * }</pre>
 *
 * <p>This class is stateless and thread-safe.
 */
public final class StoryImageNamer {

  /** The slug of a name that has no characters. */
  public static final String EMPTY_SLUG = "scene";

  /** The longest slug, in code points; longer ones are shortened as the class describes. */
  public static final int MAX_SLUG_LENGTH = 48;

  /** How many code points of an over-long slug are kept before {@code _} and the hash. */
  static final int TRUNCATED_KEEP = 39;

  private static final HexFormat HEX = HexFormat.of();

  private StoryImageNamer() {}

  /**
   * Names one image of a scene.
   *
   * @param order the scene's order in the story, at least 0
   * @param sceneName the scene's name, as written in the story (slugged here)
   * @param variant the image's number within the scene, at least 0
   * @return {@code {order:03d}_{slug}_{variant:02d}}, for example {@code 000_opening_00}
   * @throws IllegalArgumentException if {@code order} or {@code variant} is negative
   */
  public static String prefix(int order, String sceneName, int variant) {
    checkNotNull(sceneName, "sceneName");
    checkArgument(variant >= 0, "variant must be >= 0: %s", variant);
    StringBuilder sb = new StringBuilder(24);
    appendOrder(sb, order, "order");
    sb.append('_').append(slug(sceneName)).append('_');
    appendPadded(sb, variant, 2);
    return sb.toString();
  }

  /**
   * Turns a scene name into the form used in file names (see the class description).
   *
   * @param sceneName any string
   * @return a non-empty string of letters, digits and {@code _}, at most {@value #MAX_SLUG_LENGTH}
   *     code points
   */
  public static String slug(String sceneName) {
    checkNotNull(sceneName, "sceneName");
    String s = Normalizer.normalize(sceneName, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    if (s.isEmpty()) {
      return EMPTY_SLUG;
    }
    StringBuilder sb = new StringBuilder(s.length());
    int length = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '_' || (Character.isLetterOrDigit(cp) && (cp < 0x80 || foldsToLettersOrDigits(cp)))) {
        sb.appendCodePoint(cp);
      } else {
        sb.append('_');
      }
      length++;
    }
    String slug = sb.toString();
    if (length <= MAX_SLUG_LENGTH) {
      return slug;
    }
    String kept = slug.substring(0, slug.offsetByCodePoints(0, TRUNCATED_KEEP));
    return kept + '_' + HEX.formatHex(sha256(slug), 0, 4);
  }

  /**
   * True if the compatibility form (NFKC) of a letter or digit is still letters, digits and marks
   * only, so that the slug passes file-name rules that also check NFKC (false for 19 code points,
   * such as U+0140 and U+FDFA, in the JDK 17 Unicode tables).
   */
  private static boolean foldsToLettersOrDigits(int cp) {
    String s = new String(Character.toChars(cp));
    if (Normalizer.isNormalized(s, Normalizer.Form.NFKC)) {
      return true;
    }
    return Normalizer.normalize(s, Normalizer.Form.NFKC)
        .codePoints()
        .allMatch(
            c ->
                Character.isLetterOrDigit(c)
                    || Character.getType(c) == Character.NON_SPACING_MARK
                    || Character.getType(c) == Character.COMBINING_SPACING_MARK
                    || Character.getType(c) == Character.ENCLOSING_MARK);
  }

  /** Appends an order as Python's {@code :03d} would, refusing negatives. */
  static void appendOrder(StringBuilder sb, int order, String name) {
    checkArgument(order >= 0, "%s must be >= 0: %s", name, order);
    appendPadded(sb, order, 3);
  }

  private static void appendPadded(StringBuilder sb, int value, int width) {
    String digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) {
      sb.append('0');
    }
    sb.append(digits);
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }
}
