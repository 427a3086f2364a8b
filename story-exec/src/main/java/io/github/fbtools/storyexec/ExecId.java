package io.github.fbtools.storyexec;

import static java.util.Objects.requireNonNull;

import io.github.fbtools.core.files.FileOps;
import io.github.fbtools.core.files.SafeNames;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
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
 * ExecId fresh = ExecId.generateUnused(executionsDir);             // its folder now exists
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe; the static methods are thread-safe as long as the
 * given {@link RandomGenerator} is (the default source, a {@link SecureRandom}, is).
 *
 * @param value the id; passes {@link SafeNames.Kind#EXEC_ID}
 */
public record ExecId(String value) {

  /** How many ids {@link #generateUnused(Path, Clock, RandomGenerator)} tries before it gives up. */
  public static final int MAX_ATTEMPTS = 100;

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
    requireNonNull(value, "value");
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
    requireNonNull(clock, "clock");
    requireNonNull(random, "random");
    LocalDateTime t = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    int year = t.getYear();
    if (year < 0 || year > 9999) {
      throw new IllegalArgumentException("clock year must be in 0..9999: " + year);
    }
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
   * Generates an id whose folder did not exist, and creates that folder, with the system UTC
   * clock and a shared {@link SecureRandom}.
   *
   * @param executionsDir the existing folder that holds one folder per execution
   * @return the id; {@code executionsDir/<id>} now exists and was created by this call
   * @throws IOException if {@code executionsDir} does not exist, a folder cannot be created, or
   *     {@value #MAX_ATTEMPTS} ids in a row were taken
   */
  public static ExecId generateUnused(Path executionsDir) throws IOException {
    return generateUnused(executionsDir, Clock.systemUTC(), DEFAULT_RANDOM);
  }

  /**
   * Generates an id whose folder did not exist, and claims it by creating the folder.
   *
   * <p>Each attempt generates an id and creates {@code executionsDir/<id>} through core's {@link
   * FileOps} seam ({@code mkdir}, which fails atomically if the folder exists), then flushes
   * {@code executionsDir} so the claim survives a power loss; on that failure it tries the next
   * id, at most {@value #MAX_ATTEMPTS} times. An existing folder is therefore never
   * reused, and two concurrent callers (threads or processes) never get the same folder.
   *
   * @param executionsDir the existing folder that holds one folder per execution
   * @param clock gives the time part of the id
   * @param random draws the random part of the id
   * @return the id; {@code executionsDir/<id>} now exists and was created by this call
   * @throws IOException if {@code executionsDir} does not exist, a folder cannot be created, or
   *     {@value #MAX_ATTEMPTS} ids in a row were taken
   */
  public static ExecId generateUnused(Path executionsDir, Clock clock, RandomGenerator random)
      throws IOException {
    requireNonNull(executionsDir, "executionsDir");
    requireNonNull(clock, "clock");
    requireNonNull(random, "random");
    FileOps ops = FileOps.system();
    Path realRoot = ops.toRealPath(executionsDir);
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      ExecId id = generate(clock, random);
      Path dir = SafeNames.resolveUnderRealRoot(realRoot, SafeNames.Kind.EXEC_ID, id.value);
      try {
        ops.createDirectory(dir);
        ops.forceDirectory(realRoot);
        return id;
      } catch (FileAlreadyExistsException taken) {
        // Someone holds this id already: draw another.
      }
    }
    throw new IOException(
        "no unused exec id in " + realRoot + " after " + MAX_ATTEMPTS + " attempts");
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
