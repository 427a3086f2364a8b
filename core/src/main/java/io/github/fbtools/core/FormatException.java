package io.github.fbtools.core;

import java.nio.file.Path;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * A JSON document or one of its fields is malformed: invalid JSON, a limit of the hardened
 * parser crossed, a duplicate key, an unsupported {@code version}, or a field of the wrong type.
 *
 * <p>It says where: the file (when the text came from one), the 1-based line and column (0 when
 * unknown), the JSON path of the offending field (for example {@code /prompts/girl_pos/value}),
 * and the reason. A read that fails this way never writes anything.
 *
 * <!-- given: PromptFiles promptFiles; Path sceneDir -->
 * <pre>{@code
 * try {
 *   promptFiles.read(sceneDir);
 * } catch (FormatException e) {
 *   System.err.println(e.file().orElse("?") + ":" + e.line() + ": " + e.reason());
 * }
 * }</pre>
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class FormatException extends FbToolsException {
  private static final long serialVersionUID = 1L;

  /** The file the text came from, or null. */
  @Nullable private final String file;
  /** 1-based line, 0 when unknown. */
  private final int line;
  /** 1-based column, 0 when unknown. */
  private final int column;
  /** JSON pointer of the offending value, or null. */
  @Nullable private final String path;
  /** What is wrong. */
  private final String reason;

  /**
   * Creates the exception.
   *
   * @param file the file the text came from, or null
   * @param line 1-based line, or 0 when unknown
   * @param column 1-based column, or 0 when unknown
   * @param path JSON pointer of the offending value, or null for the document as a whole
   * @param reason what is wrong
   * @param cause the parser's exception, if any
   */
  public FormatException(
      @Nullable String file,
      int line,
      int column,
      @Nullable String path,
      String reason,
      @Nullable Throwable cause) {
    super(format(file, line, column, path, reason), cause);
    this.file = file;
    this.line = Math.max(0, line);
    this.column = Math.max(0, column);
    this.path = path;
    this.reason = reason;
  }

  /**
   * Creates an exception for a value of a parsed document, without a location.
   *
   * @param path JSON pointer of the offending value
   * @param reason what is wrong
   * @return the exception
   */
  public static FormatException at(String path, String reason) {
    return new FormatException(null, 0, 0, path, reason, null);
  }

  /**
   * Returns a copy of this exception that names {@code file} (this exception becomes the cause).
   *
   * @param file the file the document was read from
   * @return a new exception with the same location and reason
   */
  public FormatException inFile(Path file) {
    return new FormatException(file.toString(), line, column, path, reason, this);
  }

  /**
   * Returns a copy of this exception with a line and column (this exception becomes the cause).
   *
   * @param newLine 1-based line
   * @param newColumn 1-based column
   * @return a new exception
   */
  public FormatException atLocation(int newLine, int newColumn) {
    return new FormatException(file, newLine, newColumn, path, reason, this);
  }

  /**
   * Returns the file the text came from.
   *
   * @return the file name, if known
   */
  public Optional<String> file() {
    return Optional.ofNullable(file);
  }

  /**
   * Returns the 1-based line of the problem.
   *
   * @return the line, or 0 when unknown
   */
  public int line() {
    return line;
  }

  /**
   * Returns the 1-based column of the problem.
   *
   * @return the column, or 0 when unknown
   */
  public int column() {
    return column;
  }

  /**
   * Returns the JSON pointer of the offending value.
   *
   * @return the pointer, if the problem is in a specific value
   */
  public Optional<String> path() {
    return Optional.ofNullable(path);
  }

  /**
   * Returns what is wrong, without the location.
   *
   * @return the reason
   */
  public String reason() {
    return reason;
  }

  private static String format(
      @Nullable String file, int line, int column, @Nullable String path, String reason) {
    StringBuilder sb = new StringBuilder();
    if (file != null) {
      sb.append(file);
    }
    if (line > 0) {
      sb.append(sb.length() > 0 ? ":" : "line ").append(line);
      if (column > 0) {
        sb.append(':').append(column);
      }
    }
    if (path != null) {
      sb.append(sb.length() > 0 ? " " : "").append("at ").append(path.isEmpty() ? "/" : path);
    }
    if (sb.length() > 0) {
      sb.append(": ");
    }
    return sb.append(reason).toString();
  }
}
