package io.github.fbtools.core;

/**
 * A story, scene, job, execution, libber or file name was refused by the allow-list of {@link
 * io.github.fbtools.core.files.SafeNames}, before any file-system call was made.
 *
 * <p>The message names the kind of name, the rule it broke, and echoes at most {@value
 * #MAX_ECHO} characters of the name (control characters escaped), so hostile input cannot flood
 * or forge log lines.
 *
 * <pre>{@code
 * try {
 *   SafeNames.validate(SafeNames.Kind.SCENE, userInput);
 * } catch (InvalidNameException e) {
 *   return ApiResponse.badRequest(e.getMessage());
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
   * Quotes at most {@link #MAX_ECHO} characters of {@code name}, escaping anything outside
   * printable ASCII as {@code \\uXXXX}.
   *
   * @param name any string
   * @return a safe, quoted, bounded rendering
   */
  public static String echo(String name) {
    StringBuilder sb = new StringBuilder("\"");
    int n = Math.min(name.length(), MAX_ECHO);
    for (int i = 0; i < n; i++) {
      char c = name.charAt(i);
      if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
        sb.append(c);
      } else {
        sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
      }
    }
    sb.append('"');
    if (name.length() > MAX_ECHO) {
      sb.append("... (").append(name.length()).append(" chars)");
    }
    return sb.toString();
  }
}
