package io.github.fbtools.examples;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed command line of one sub-command: positional arguments, boolean flags ({@code --json})
 * and options with a value ({@code --out DIR} or {@code --out=DIR}). {@code --} ends the options;
 * {@code -h} and {@code --help} are always known. Anything else starting with {@code -} (except
 * {@code -} itself) is an unknown option.
 *
 * <pre>{@code
 * Args a = Args.parse("demo", List.of("--out", "x"), Set.of(), Set.of("--out", "--seed"));
 * a.option("--out");   // Optional[x]
 * }</pre>
 *
 * <p>Instances are immutable.
 */
final class Args {
  private final String command;
  private final List<String> positionals;
  private final Set<String> flags;
  private final Map<String, String> options;
  private final Map<String, List<String>> repeated;

  private Args(
      String command,
      List<String> positionals,
      Set<String> flags,
      Map<String, String> options,
      Map<String, List<String>> repeated) {
    this.command = command;
    this.positionals = List.copyOf(positionals);
    this.flags = Set.copyOf(flags);
    this.options = Map.copyOf(options);
    this.repeated = Map.copyOf(repeated);
  }

  /**
   * Parses {@code args}.
   *
   * @param command the command's name, for messages
   * @param args the arguments after the command's name
   * @param knownFlags the flags the command accepts (with their dashes)
   * @param knownOptions the options with a value the command accepts
   * @throws UsageException for an unknown option, a flag given a value, a missing value, or an
   *     option given twice
   */
  static Args parse(String command, List<String> args, Set<String> knownFlags,
      Set<String> knownOptions) throws UsageException {
    return parse(command, args, knownFlags, knownOptions, Set.of());
  }

  /**
   * Parses {@code args}, accepting the options in {@code repeatable} any number of times (their
   * values in order: {@link #options(String)}).
   *
   * @throws UsageException as {@link #parse(String, List, Set, Set)} does
   */
  static Args parse(String command, List<String> args, Set<String> knownFlags,
      Set<String> knownOptions, Set<String> repeatable) throws UsageException {
    Map<String, List<String>> repeated = new LinkedHashMap<>();
    List<String> positionals = new ArrayList<>();
    Set<String> flags = new LinkedHashSet<>();
    Map<String, String> options = new LinkedHashMap<>();
    boolean optionsEnded = false;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
        positionals.add(arg);
        continue;
      }
      if (arg.equals("--")) {
        optionsEnded = true;
        continue;
      }
      if (arg.equals("-h") || arg.equals("--help")) {
        flags.add("--help");
        continue;
      }
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg : arg.substring(0, eq);
      if (knownFlags.contains(name)) {
        if (eq >= 0) {
          throw new UsageException(command + ": " + name + " takes no value: " + arg);
        }
        flags.add(name);
      } else if (knownOptions.contains(name) || repeatable.contains(name)) {
        String value;
        if (eq >= 0) {
          value = arg.substring(eq + 1);
        } else if (i + 1 < args.size()) {
          value = args.get(++i);
        } else {
          throw new UsageException(command + ": " + name + " needs a value");
        }
        if (repeatable.contains(name)) {
          repeated.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        } else if (options.put(name, value) != null) {
          throw new UsageException(command + ": " + name + " given twice");
        }
      } else {
        throw new UsageException(
            command
                + ": unknown option "
                + Text.quoted(arg)
                + " (an argument that starts with '-' goes after '--')");
      }
    }
    return new Args(command, positionals, flags, options, repeated);
  }

  /** Returns every value of a repeatable option, in order (empty if not given). */
  List<String> options(String name) {
    return List.copyOf(repeated.getOrDefault(name, List.of()));
  }

  /** Returns whether {@code -h} or {@code --help} was given. */
  boolean help() {
    return flags.contains("--help");
  }

  /** Returns whether a flag was given. */
  boolean flag(String name) {
    return flags.contains(name);
  }

  /** Returns an option's value, if given. */
  Optional<String> option(String name) {
    return Optional.ofNullable(options.get(name));
  }

  /**
   * Returns an integer option's value, or {@code fallback} if it was not given.
   *
   * @throws UsageException if the value is not an integer in {@code min..max}
   */
  long longOption(String name, long fallback, long min, long max) throws UsageException {
    String value = options.get(name);
    if (value == null) {
      return fallback;
    }
    long n;
    try {
      n = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new UsageException(
          command + ": " + name + " must be an integer: " + Text.quoted(value), e);
    }
    if (n < min || n > max) {
      throw new UsageException(
          command + ": " + name + " must be in " + min + ".." + max + ": " + value);
    }
    return n;
  }

  /** Returns the positional arguments. */
  List<String> positionals() {
    return positionals;
  }

  /**
   * Checks the number of positional arguments.
   *
   * @param names the names of the expected arguments, for the message
   * @throws UsageException if there are fewer or more
   */
  List<String> expect(String... names) throws UsageException {
    return expectCount(command, positionals, names);
  }

  /**
   * Checks the number of arguments in {@code given}.
   *
   * @throws UsageException if there are fewer or more than {@code names}
   */
  static List<String> expectCount(String command, List<String> given, String... names)
      throws UsageException {
    if (given.size() < names.length) {
      throw new UsageException(command + ": missing " + names[given.size()]);
    }
    if (given.size() > names.length) {
      throw new UsageException(
          command + ": unexpected argument " + Text.quoted(given.get(names.length)));
    }
    return given;
  }
}
