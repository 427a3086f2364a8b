package io.github.fbtools.storyexec;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.github.fbtools.core.files.SafeNames;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.random.RandomGenerator;

/**
 * The id of one story execution: the name of its folder under {@code executions/}.
 *
 * <p>A generated id has the form {@code YYYYMMDD_HHMMSS_xxxxxx}: the clock's instant in UTC
 * (whatever the clock's zone), then six characters drawn uniformly from {@code [0-9a-z]}, for
 * example {@code 20260314_093005_k3x9q1}. A user may also choose an id: any name that passes
 * {@link SafeNames.Kind#EXEC_ID} ({@code [A-Za-z0-9][A-Za-z0-9._-]{0,63}}, no {@code ..}, no
 * trailing {@code .}, not a Windows device name such as {@code con}). Every instance holds a valid
 * id: the constructor checks it, so an {@code ExecId} is always safe to use as one path segment.
 *
 * <pre>{@code
 * ExecId id = ExecId.generate();                                  // 20260314_093005_k3x9q1
 * ExecId mine = ExecId.parse("retake-2");                          // a user's own id
 * ExecId.parse("../x");                                            // InvalidNameException
 * }</pre>
 *
 * <p>An id is a value: nothing here touches the file system. {@link
 * ExecutionInit#claimExecId(Path, String)} draws ids until one's folder can be created, and creates
 * it, through the initialiser's atomic writer.
 *
 * <p>Instances are immutable and thread-safe; the static methods are thread-safe as long as the
 * given {@link RandomGenerator} is (the default source, a {@link SecureRandom}, is).
 *
 * @param value the id; passes {@link SafeNames.Kind#EXEC_ID}
 */
public record ExecId(String value) {

  /** The length of the random suffix of a generated id. */
  public static final int RANDOM_LENGTH = 6;

  private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

  private static final SecureRandom DEFAULT_RANDOM = new SecureRandom();

  /**
   * Creates an id, checking it.
   *
   * @param value the id
   * @throws io.github.fbtools.core.InvalidNameException if {@code value} does not pass {@link
   *     SafeNames.Kind#EXEC_ID}
   */
  public ExecId {
    checkNotNull(value, "value");
    SafeNames.validate(SafeNames.Kind.EXEC_ID, value);
  }

  /**
   * Reads an id given as text: a generated one or a user's own. The text is not trimmed.
   *
   * @param text the id
   * @return the id
   * @throws io.github.fbtools.core.InvalidNameException if {@code text} does not pass {@link
   *     SafeNames.Kind#EXEC_ID}
   */
  public static ExecId parse(String text) {
    return new ExecId(text);
  }

  /**
   * Generates an id from the system UTC clock and a shared {@link SecureRandom}.
   *
   * @return a new id such as {@code 20260314_093005_k3x9q1}
   */
  public static ExecId generate() {
    return generate(Clock.systemUTC(), DEFAULT_RANDOM);
  }

  /**
   * Generates an id from the given clock and random source (so tests are deterministic).
   *
   * @param clock gives the instant; its zone is ignored (the time is written in UTC)
   * @param random draws the {@value #RANDOM_LENGTH} suffix characters, one {@code nextInt(36)}
   *     each
   * @return the id {@code YYYYMMDD_HHMMSS_xxxxxx}
   * @throws IllegalArgumentException if the clock's year (in UTC) is outside 0..9999
   */
  public static ExecId generate(Clock clock, RandomGenerator random) {
    checkNotNull(clock, "clock");
    checkNotNull(random, "random");
    LocalDateTime t = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    int year = t.getYear();
    checkArgument(year >= 0 && year <= 9999, "clock year must be in 0..9999: %s", year);
    StringBuilder sb = new StringBuilder(22);
    pad(sb, year, 4);
    pad(sb, t.getMonthValue(), 2);
    pad(sb, t.getDayOfMonth(), 2);
    sb.append('_');
    pad(sb, t.getHour(), 2);
    pad(sb, t.getMinute(), 2);
    pad(sb, t.getSecond(), 2);
    sb.append('_');
    for (int i = 0; i < RANDOM_LENGTH; i++) {
      sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return new ExecId(sb.toString());
  }

  /**
   * Returns the id itself.
   *
   * @return {@link #value()}
   */
  @Override
  public String toString() {
    return value;
  }

  private static void pad(StringBuilder sb, int value, int width) {
    String digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) {
      sb.append('0');
    }
    sb.append(digits);
  }
}
