package io.github.fbtools.core;

/**
 * A story, scene, job, execution, libber or file name was refused by the allow-list of {@link
 * io.github.fbtools.core.files.SafeNames}, before any file-system call was made.
 *
 * <p>The message names the kind of name, the rule it broke, and echoes at most {@value
 * #MAX_ECHO} characters of the name as written, with control and invisible formatting characters
 * escaped ({@link #echo}), so hostile input cannot flood or forge log lines.
 *
 * <!-- given: String userInput; void badRequest(String message) -->
 * <pre>{@code
 * try {
 *   SafeNames.validate(SafeNames.Kind.SCENE, userInput);
 * } catch (InvalidNameException e) {
 *   badRequest(e.getMessage());   // e.g. an HTTP 400 answer naming the refused name
 * }
 * }</pre>
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class InvalidNameException extends FbToolsException {
  private static final long serialVersionUID = 1L;

  /** The most characters of a refused name that a message repeats. */
  public static final int MAX_ECHO = 64;

  /** The kind of name. */
  private final String kind;
  /** The rule the name broke. */
  private final String reason;

  /**
   * Creates the exception.
   *
   * @param kind the kind of name ("scene name", "exec id", ...)
   * @param name the refused name; only an escaped prefix of it is kept
   * @param reason the rule it broke
   */
  public InvalidNameException(String kind, String name, String reason) {
    super("invalid " + kind + " " + echo(name) + ": " + reason);
    this.kind = kind;
    this.reason = reason;
  }

  /**
   * Returns the kind of name that was refused.
   *
   * @return the kind, for example {@code "scene name"}
   */
  public String kind() {
    return kind;
  }

  /**
   * Returns the rule the name broke.
   *
   * @return a short reason
   */
  public String reason() {
    return reason;
  }

  /**
   * Quotes at most {@link #MAX_ECHO} characters (code points) of {@code name} as written, so
   * names in other scripts read as they are ({@code "café_ñ"}), and escapes as {@code \\uXXXX}
   * only what could forge or hide text in a log line or a terminal: control characters (C0, DEL,
   * C1), the line and paragraph separators, the bidirectional formatting characters, unpaired
   * surrogates, and the quote and backslash.
   *
   * @param name any string
   * @return a safe, quoted, bounded rendering
   */
  public static String echo(String name) {
    StringBuilder sb = new StringBuilder("\"");
    int count = 0;
    int i = 0;
    while (i < name.length() && count < MAX_ECHO) {
      int cp = name.codePointAt(i);
      i += Character.charCount(cp);
      count++;
      if (needsEscape(cp)) {
        sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", cp));
      } else {
        sb.appendCodePoint(cp);
      }
    }
    sb.append('"');
    if (i < name.length()) {
      sb.append("... (").append(name.codePointCount(0, name.length())).append(" chars)");
    }
    return sb.toString();
  }

  private static boolean needsEscape(int cp) {
    return cp < 0x20
        || (cp >= 0x7f && cp <= 0x9f)
        || cp == '"'
        || cp == '\\'
        || cp == 0x2028
        || cp == 0x2029
        || cp == 0x061c
        || cp == 0x200e
        || cp == 0x200f
        || (cp >= 0x202a && cp <= 0x202e)
        || (cp >= 0x2066 && cp <= 0x2069)
        || Character.isSurrogate((char) cp) && cp <= 0xffff;
  }
}
