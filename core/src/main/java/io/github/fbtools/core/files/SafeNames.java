package io.github.fbtools.core.files;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.github.fbtools.core.InvalidNameException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * The one allow-list for names that become path segments: story, scene, libber, job, execution
 * and file names. A name is checked <em>before</em> any file-system call, and a valid name
 * resolves to exactly one segment under a real root directory.
 *
 * <h2>Rules</h2>
 *
 * <ul>
 *   <li>{@link Kind#STORY}, {@link Kind#SCENE}, {@link Kind#LIBBER}: 1 to 64 characters; the
 *       first a Unicode letter or digit, the rest letters, combining marks, digits, space,
 *       {@code _}, {@code .} or {@code -}.
 *   <li>{@link Kind#JOB}, {@link Kind#EXEC_ID}: {@code [A-Za-z0-9][A-Za-z0-9._-]{0,63}}.
 *   <li>{@link Kind#FILE}: 1 to 128 characters; the first a letter or digit, the rest letters,
 *       marks, digits, {@code _}, {@code .} or {@code -} (no spaces).
 *   <li>For every kind: no {@code ..}, no trailing {@code .} or space, and not a Windows reserved
 *       device name ({@code CON}, {@code PRN}, {@code AUX}, {@code NUL}, {@code COM0}-{@code
 *       COM9}, {@code LPT0}-{@code LPT9}, {@code CONIN$}, {@code CONOUT$}, {@code CLOCK$}, with
 *       or without an extension, in any case).
 *   <li>The compatibility form (NFKC) of the name must pass the same rules, so no character that
 *       some layer might fold (fullwidth {@code ．}, ligatures, ...) can turn into a separator,
 *       {@code ..} or a reserved name later.
 * </ul>
 *
 * <h2>Resolution</h2>
 *
 * <p>{@link #resolve} validates first, then computes the real path of the root once (so a root
 * that is itself a symbolic link is fine), appends the name as exactly one segment, and, if that
 * segment exists and is a symbolic link, requires its real path to lie under the real root.
 * Everything below a resolved folder is then reached by further names, each resolved the same
 * way.
 *
 * <p>Separators ({@code /}, {@code \}), drive letters ({@code C:}), control and format
 * characters, percent-encodings and look-alike characters (U+2215, U+FF0F) can therefore never
 * pass. Refusals throw {@link InvalidNameException}, which echoes at most 64 characters.
 *
 * <h2>One name, one spelling</h2>
 *
 * <p>Story, scene and Libber names are compared in Unicode NFC ({@link #sameName}): {@code é}
 * typed as one code point or as {@code e} plus a combining accent is one name. When such a name
 * is resolved and does not exist as spelled, but another spelling of it does, it is refused
 * ({@link #checkOneSpelling}), so a second folder or file can never appear beside the first.
 *
 * <pre>{@code
 * Path scenes = Path.of("/data/scenes");
 * Path sceneDir = SafeNames.resolve(scenes, SafeNames.Kind.SCENE, "opening");  // /data/scenes/opening
 * SafeNames.resolve(scenes, SafeNames.Kind.SCENE, "../etc");                    // InvalidNameException
 * }</pre>
 *
 * <p>This class is stateless and thread-safe.
 */
public final class SafeNames {

  /** The kinds of names, each with its allow-list. */
  public enum Kind {
    /** A story folder name. */
    STORY("story name", Rules.LABEL, 64),
    /** A scene folder name. */
    SCENE("scene name", Rules.LABEL, 64),
    /** A libber name (stored as {@code <name>.json}). */
    LIBBER("libber name", Rules.LABEL, 64),
    /** A job id. */
    JOB("job id", Rules.ID, 64),
    /** An execution id. */
    EXEC_ID("exec id", Rules.ID, 64),
    /** A file name inside a known folder. */
    FILE("file name", Rules.FILE, 128);

    private final String label;
    private final Pattern pattern;
    private final int maxLength;

    Kind(String label, Pattern pattern, int maxLength) {
      this.label = label;
      this.pattern = pattern;
      this.maxLength = maxLength;
    }

    /**
     * Returns how messages name this kind.
     *
     * @return for example {@code "scene name"}
     */
    public String label() {
      return label;
    }

    /**
     * Returns the longest name accepted, in code points.
     *
     * @return the maximum length
     */
    public int maxLength() {
      return maxLength;
    }
  }

  private static final class Rules {
    static final Pattern LABEL = Pattern.compile("[\\p{L}\\p{Nd}][\\p{L}\\p{M}\\p{Nd} _.\\-]*");
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-]*");
    static final Pattern FILE = Pattern.compile("[\\p{L}\\p{Nd}][\\p{L}\\p{M}\\p{Nd}_.\\-]*");
  }

  private static final Set<String> RESERVED =
      Set.of(
          "con", "prn", "aux", "nul", "com0", "com1", "com2", "com3", "com4", "com5", "com6",
          "com7", "com8", "com9", "lpt0", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7",
          "lpt8", "lpt9", "com\u00b9", "com\u00b2", "com\u00b3", "lpt\u00b9", "lpt\u00b2",
          "lpt\u00b3", "conin$", "conout$", "clock$");

  private SafeNames() {}

  /**
   * Checks a name against the allow-list of its kind. Makes no file-system call.
   *
   * @param kind the kind of name
   * @param name the candidate
   * @return {@code name}, unchanged
   * @throws InvalidNameException if the name is refused
   */
  public static String validate(Kind kind, String name) {
    String problem = problem(kind, name);
    if (problem != null) {
      throw new InvalidNameException(kind.label(), name, problem);
    }
    return name;
  }

  /**
   * Tells whether a name passes the allow-list of its kind. Makes no file-system call.
   *
   * @param kind the kind of name
   * @param name the candidate
   * @return true if {@link #validate} would accept it
   */
  public static boolean isValid(Kind kind, String name) {
    checkNotNull(kind, "kind");
    return problem(kind, name) == null;
  }

  @Nullable
  private static String problem(Kind kind, String name) {
    String problem = rawProblem(kind, name);
    if (problem != null) {
      return problem;
    }
    String folded = Normalizer.normalize(name, Normalizer.Form.NFKC);
    if (!folded.equals(name) && rawProblem(kind, folded) != null) {
      return "its compatibility form (NFKC) " + rawProblem(kind, folded);
    }
    return null;
  }

  @Nullable
  private static String rawProblem(Kind kind, String name) {
    if (name.isEmpty()) {
      return "must not be empty";
    }
    int length = name.codePointCount(0, name.length());
    if (length > kind.maxLength()) {
      return "longer than " + kind.maxLength() + " characters";
    }
    if (!kind.pattern.matcher(name).matches()) {
      return kind == Kind.JOB || kind == Kind.EXEC_ID
          ? "only ASCII letters, digits, '.', '_' and '-' are allowed, starting with a letter or"
              + " digit"
          : "only letters, digits, "
              + (kind == Kind.FILE ? "" : "spaces, ")
              + "'.', '_' and '-' are allowed, starting with a letter or digit";
    }
    if (name.contains("..")) {
      return "must not contain '..'";
    }
    char last = name.charAt(name.length() - 1);
    if (last == '.' || last == ' ') {
      return "must not end with '.' or a space";
    }
    int dot = name.indexOf('.');
    String base = (dot < 0 ? name : name.substring(0, dot)).stripTrailing();
    if (RESERVED.contains(base.toLowerCase(Locale.ROOT))) {
      return "is a reserved device name on Windows";
    }
    return null;
  }

  /**
   * Tells whether two names are the same name: equal in Unicode NFC, so that {@code é} typed as
   * one code point (U+00E9) or as {@code e} and a combining accent (U+0065 U+0301) is one name.
   *
   * @param a a name
   * @param b another name
   * @return true if their NFC forms are equal
   */
  public static boolean sameName(String a, String b) {
    return a.equals(b)
        || Normalizer.normalize(a, Normalizer.Form.NFC)
            .equals(Normalizer.normalize(b, Normalizer.Form.NFC));
  }

  /**
   * Refuses a second spelling of a name: if {@code dir} holds no entry {@code name + suffix} but
   * one whose name is the same in Unicode NFC ({@link #sameName}), {@code name} is refused with a
   * message naming the existing spelling. Story, scene and Libber names go through this when they
   * are resolved; nothing is created under a second spelling.
   *
   * @param dir the folder the name is resolved in (it need not exist)
   * @param kind the kind of name
   * @param name the name, already validated
   * @param suffix what the file name adds to the name, for example {@code ".json"}; or empty
   * @throws InvalidNameException if another spelling of the name exists in {@code dir}
   * @throws IOException if the folder cannot be listed
   */
  public static void checkOneSpelling(Path dir, Kind kind, String name, String suffix)
      throws IOException {
    checkOneSpelling(FileOps.system(), dir, kind, name, suffix);
  }

  /** As {@link #checkOneSpelling(Path, Kind, String, String)}, through {@code ops}. */
  static void checkOneSpelling(FileOps ops, Path dir, Kind kind, String name, String suffix)
      throws IOException {
    checkNotNull(dir, "dir");
    checkNotNull(kind, "kind");
    checkNotNull(suffix, "suffix");
    String nfc = Normalizer.normalize(name, Normalizer.Form.NFC);
    List<Path> entries;
    try {
      entries = ops.list(dir);
    } catch (NoSuchFileException | NotDirectoryException e) {
      return;
    }
    for (Path entry : entries) {
      Path fileName = entry.getFileName();
      String n = fileName == null ? "" : fileName.toString();
      if (!n.endsWith(suffix)) {
        continue;
      }
      String stem = n.substring(0, n.length() - suffix.length());
      if (!stem.equals(name) && Normalizer.normalize(stem, Normalizer.Form.NFC).equals(nfc)) {
        throw new InvalidNameException(
            kind.label(),
            name,
            "is another spelling of the existing "
                + InvalidNameException.echo(stem)
                + " (the same name in Unicode NFC; here "
                + spelledOut(name)
                + ", on disk "
                + spelledOut(stem)
                + "); use the existing spelling");
      }
    }
  }

  private static boolean comparedInNfc(Kind kind) {
    return kind == Kind.STORY || kind == Kind.SCENE || kind == Kind.LIBBER;
  }

  /**
   * Validates {@code name} and resolves it to exactly one segment under the real path of {@code
   * root}. If the target exists and is a symbolic link, its real path must lie under the root
   * too. The target itself need not exist.
   *
   * @param root an existing directory (it may itself be a symbolic link)
   * @param kind the kind of name
   * @param name the candidate segment
   * @return {@code realRoot/name}
   * @throws InvalidNameException if the name is refused or escapes the root through a link; in
   *     the first case no file-system call was made
   * @throws IOException if the root does not exist or cannot be read
   */
  public static Path resolve(Path root, Kind kind, String name) throws IOException {
    return resolve(FileOps.system(), root, kind, name);
  }

  /** As {@link #resolve(Path, Kind, String)}, making its file-system calls through {@code ops}. */
  static Path resolve(FileOps ops, Path root, Kind kind, String name) throws IOException {
    checkNotNull(root, "root");
    validate(kind, name);
    Path realRoot = ops.toRealPath(root);
    return resolveUnderRealRoot(ops, realRoot, kind, name);
  }

  /**
   * As {@link #resolve(Path, Kind, String)}, for a root that is already a real path (computed
   * once by the caller with {@link Path#toRealPath}).
   *
   * @param realRoot the real path of an existing directory
   * @param kind the kind of name
   * @param name the candidate segment
   * @return {@code realRoot/name}
   * @throws InvalidNameException if the name is refused or escapes the root through a link
   * @throws IllegalArgumentException if {@code realRoot} is not absolute
   * @throws IOException if a link cannot be followed
   */
  public static Path resolveUnderRealRoot(Path realRoot, Kind kind, String name)
      throws IOException {
    return resolveUnderRealRoot(FileOps.system(), realRoot, kind, name);
  }

  /**
   * As {@link #resolveUnderRealRoot(Path, Kind, String)}, making its file-system calls through
   * {@code ops}.
   */
  static Path resolveUnderRealRoot(FileOps ops, Path realRoot, Kind kind, String name)
      throws IOException {
    checkNotNull(realRoot, "realRoot");
    validate(kind, name);
    checkArgument(realRoot.isAbsolute(), "realRoot must be an absolute real path: %s", realRoot);
    Path p = realRoot.resolve(name);
    Path parent = p.getParent();
    Path fileName = p.getFileName();
    if (parent == null
        || !parent.equals(realRoot)
        || fileName == null
        || !fileName.toString().equals(name)) {
      throw new InvalidNameException(kind.label(), name, "does not resolve to one segment");
    }
    BasicFileAttributes attributes = ops.attributes(p, false);
    if (attributes == null && comparedInNfc(kind)) {
      checkOneSpelling(ops, realRoot, kind, name, "");
    }
    if (attributes != null && attributes.isSymbolicLink()) {
      Path real;
      try {
        real = ops.toRealPath(p);
      } catch (IOException e) {
        throw new InvalidNameException(kind.label(), name, "is a dangling symbolic link");
      }
      if (!real.startsWith(realRoot)) {
        throw new InvalidNameException(kind.label(), name, "is a symbolic link out of its root");
      }
    }
    return p;
  }

  /**
   * Spells a name out so that two spellings that look the same can be told apart in a message:
   * ASCII letters, digits and {@code ._-} as they are, every other code point as {@code U+XXXX}
   * (at most 64 code points).
   */
  private static String spelledOut(String name) {
    StringBuilder sb = new StringBuilder();
    int[] codePoints = name.codePoints().limit(64).toArray();
    for (int cp : codePoints) {
      if (cp < 0x80 && (Character.isLetterOrDigit(cp) || cp == '.' || cp == '_' || cp == '-')) {
        sb.appendCodePoint(cp);
      } else {
        sb.append(sb.length() == 0 ? "" : " ")
            .append(String.format(Locale.ROOT, "U+%04X", cp))
            .append(' ');
      }
    }
    return sb.toString().trim();
  }
}
