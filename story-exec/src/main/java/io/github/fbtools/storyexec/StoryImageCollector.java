package io.github.fbtools.storyexec;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.github.fbtools.core.PythonText;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * Finds the images of a story execution in one folder (not its subfolders), reads order, scene and
 * variant from their names, and sorts, filters, groups and pairs them ({@link CollectedImages}).
 *
 * <h2>File names</h2>
 *
 * <ul>
 *   <li>{@code {order}_{scene}_{variant}.{ext}} as {@link StoryImageNamer} writes them, and the
 *       Python reference's {@code {order}_{scene}.{ext}}, read as variant 0.
 *   <li>{@code order}: ASCII digits, at least 3, with no leading zero beyond 3 digits ({@code 007},
 *       {@code 1000}; not {@code 12} nor {@code 0007}), at most {@link Integer#MAX_VALUE}. Orders
 *       are compared as numbers, so {@code 1000} follows {@code 999}.
 *   <li>{@code variant}: a trailing {@code _} and at least 2 ASCII digits, canonical in the same
 *       way ({@code 00}, {@code 07}, {@code 100}). <b>Ambiguity:</b> {@code 000_scene_01.png}
 *       could be scene {@code scene} variant 1 or the reference's variant-less name of a scene
 *       {@code scene_01}; it is read as the first. A trailing {@code _} with one digit ({@code
 *       000_take_2.png}) is part of the scene. Names written by {@link StoryImageNamer} always
 *       read back exactly.
 *   <li>{@code scene}: not empty; letters, combining marks, digits, {@code _}, {@code .} and
 *       {@code -} (so the reference's lower-cased names are read too).
 *   <li>{@code ext}: {@code png}, {@code jpg}, {@code jpeg} or {@code webp}, in any case.
 * </ul>
 *
 * <p>Images are sorted by order, then scene (by code point), then variant, then extension
 * ({@code png}, {@code jpg}, {@code jpeg}, {@code webp}, whatever the case, as the reference's
 * {@code find_scene_image} prefers them), then file name: when one order, scene and variant has
 * several files, the {@code .png} comes first and is the one a video starts or ends on.
 *
 * <p>Entries whose names start with {@code .} are skipped silently. Every other entry that is not
 * an image (its name does not parse, or it is not a regular file: folders and symbolic links are
 * not followed) is skipped and counted in {@link CollectedImages#ignoredCount()}.
 *
 * <h2>Filters</h2>
 *
 * <p>{@code order} keeps the images of that order. {@code scene} is a scene's raw name: it keeps
 * the images whose scene is its {@link StoryImageNamer#slug slug}, or its reference form (lower
 * case, spaces and {@code -} as {@code _}), so both the new and the reference's files of a scene
 * are found. {@code null} means no filter.
 *
 * <!-- given: Path imagesDir -->
 * <pre>{@code
 * CollectedImages all = StoryImageCollector.collect(imagesDir, null, null);
 * CollectedImages opening = StoryImageCollector.collect(imagesDir, null, "Opening");
 * for (SceneTransition t : all.transitions()) {
 *   // ...
 * }
 * }</pre>
 *
 * <p>One directory listing, names parsed by hand (no regular expression), and one attribute read
 * per entry with an image name. This class is stateless and thread-safe; the result reflects the
 * folder at some moment during the call.
 */
public final class StoryImageCollector {

  private static final Comparator<StoryImage> ORDER =
      Comparator.comparingInt(StoryImage::order)
          .thenComparing(StoryImage::scene, PythonText::compareCodePoints)
          .thenComparingInt(StoryImage::variant)
          .thenComparingInt((StoryImage i) -> extensionRank(fileName(i.path())))
          .thenComparing(
              (StoryImage i) -> fileName(i.path()), PythonText::compareCodePoints);

  private StoryImageCollector() {}

  /**
   * Collects every image in a folder.
   *
   * @param imagesDir the folder
   * @return the images
   * @throws IOException if the folder cannot be listed (for example, it does not exist)
   */
  public static CollectedImages collect(Path imagesDir) throws IOException {
    return collect(imagesDir, null, null);
  }

  /**
   * Collects the images in a folder, optionally only those of one order and/or one scene.
   *
   * @param imagesDir the folder
   * @param order keep only this order; {@code null} for all
   * @param scene keep only this scene, given by its raw name (slugged here); {@code null} for all
   * @return the images
   * @throws IllegalArgumentException if {@code order} is negative
   * @throws IOException if the folder cannot be listed (for example, it does not exist)
   */
  public static CollectedImages collect(
      Path imagesDir, @Nullable Integer order, @Nullable String scene) throws IOException {
    checkNotNull(imagesDir, "imagesDir");
    checkArgument(order == null || order >= 0, "order must be >= 0: %s", order);
    String slug = scene == null ? null : StoryImageNamer.slug(scene);
    String referenceSlug = scene == null ? null : referenceSlug(scene);
    List<StoryImage> images = new ArrayList<>();
    int ignored = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(imagesDir)) {
      for (Path entry : entries) {
        String name = fileName(entry);
        if (name.startsWith(".")) {
          continue;
        }
        StoryImage image = parse(entry, name);
        if (image == null || !Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
          ignored++;
        } else if ((order == null || image.order() == order)
            && (scene == null
                || image.scene().equals(slug)
                || image.scene().equals(referenceSlug))) {
          images.add(image);
        }
      }
    }
    images.sort(ORDER);
    return new CollectedImages(images, ignored);
  }

  /**
   * Reads order, scene and variant from a file's name, without touching the file system.
   *
   * @param file the file; only its last element is read
   * @return what the name says, or empty if it is not an image name (see the class description)
   */
  public static Optional<StoryImage> parse(Path file) {
    checkNotNull(file, "file");
    Path name = file.getFileName();
    return name == null ? Optional.empty() : Optional.ofNullable(parse(file, name.toString()));
  }

  /** Parses {@code name}, the last element of {@code path}; null if it is not an image name. */
  @Nullable
  static StoryImage parse(Path path, String name) {
    int dot = name.lastIndexOf('.');
    if (dot < 0 || !isImageExtension(name, dot + 1)) {
      return null;
    }
    int orderEnd = 0;
    while (orderEnd < dot && isDigit(name.charAt(orderEnd))) {
      orderEnd++;
    }
    if (orderEnd == dot || name.charAt(orderEnd) != '_') {
      return null;
    }
    long order = number(name, 0, orderEnd, 3);
    if (order < 0) {
      return null;
    }
    int sceneStart = orderEnd + 1;
    int sceneEnd = dot;
    long variant = 0;
    int digits = dot;
    while (digits > sceneStart && isDigit(name.charAt(digits - 1))) {
      digits--;
    }
    if (digits - 1 > sceneStart && name.charAt(digits - 1) == '_') {
      long v = number(name, digits, dot, 2);
      if (v >= 0) {
        variant = v;
        sceneEnd = digits - 1;
      }
    }
    if (sceneEnd <= sceneStart || !isSceneText(name, sceneStart, sceneEnd)) {
      return null;
    }
    return new StoryImage(path, (int) order, name.substring(sceneStart, sceneEnd), (int) variant);
  }

  /**
   * The value of the canonical decimal {@code s[from, to)}: at least {@code minDigits} digits, no
   * leading zero beyond them, at most {@link Integer#MAX_VALUE}; otherwise -1.
   */
  private static long number(String s, int from, int to, int minDigits) {
    int n = to - from;
    if (n < minDigits || n > 10 || (n > minDigits && s.charAt(from) == '0')) {
      return -1;
    }
    long value = 0;
    for (int i = from; i < to; i++) {
      value = value * 10 + (s.charAt(i) - '0');
    }
    return value <= Integer.MAX_VALUE ? value : -1;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /**
   * The preference of an image's extension when one order, scene and variant has several files:
   * {@code png}, then {@code jpg}, {@code jpeg}, {@code webp} (any case), as the reference's {@code
   * find_scene_image} and {@link StorySceneBatch} try them.
   */
  static int extensionRank(String name) {
    int from = name.lastIndexOf('.') + 1;
    int n = name.length() - from;
    if (n == 3 && name.regionMatches(true, from, "png", 0, 3)) {
      return 0;
    }
    if (n == 3 && name.regionMatches(true, from, "jpg", 0, 3)) {
      return 1;
    }
    if (n == 4 && name.regionMatches(true, from, "jpeg", 0, 4)) {
      return 2;
    }
    return 3;
  }

  private static boolean isImageExtension(String name, int from) {
    int n = name.length() - from;
    return (n == 3
            && (name.regionMatches(true, from, "png", 0, 3)
                || name.regionMatches(true, from, "jpg", 0, 3)))
        || (n == 4
            && (name.regionMatches(true, from, "jpeg", 0, 4)
                || name.regionMatches(true, from, "webp", 0, 4)));
  }

  private static boolean isSceneText(String s, int from, int to) {
    for (int i = from; i < to; ) {
      char c = s.charAt(i);
      if (c < 0x80) {
        if (!((c >= 'a' && c <= 'z')
            || (c >= 'A' && c <= 'Z')
            || isDigit(c)
            || c == '_'
            || c == '.'
            || c == '-')) {
          return false;
        }
        i++;
        continue;
      }
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      int type = Character.getType(cp);
      if (!Character.isLetterOrDigit(cp)
          && type != Character.NON_SPACING_MARK
          && type != Character.COMBINING_SPACING_MARK
          && type != Character.ENCLOSING_MARK) {
        return false;
      }
    }
    return true;
  }

  /** The Python reference's form of a scene name in image file names. */
  static String referenceSlug(String scene) {
    return PythonText.lower(scene).replace(' ', '_').replace('-', '_');
  }

  private static String fileName(Path path) {
    Path name = path.getFileName();
    return name == null ? "" : name.toString();
  }
}
