package io.github.fbtools.examples;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * What {@code fbtools} knows of a sub-command before running it: its name, its lines in the main
 * help, its own help, and the flags and options its command line may hold. One record instead of
 * six methods repeated in every command.
 *
 * <!-- given: String HELP -->
 * <pre>{@code
 * static final CommandSpec SPEC =
 *     new CommandSpec("hash", List.of("hash IMAGE.png..."), "Print input hashes", HELP,
 *         Set.of("--json"), Set.of());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the name typed after {@code fbtools}
 * @param synopsis the synopsis lines of the main help, e.g. {@code "hash IMAGE.png..."}
 * @param summary one line that says what the command does
 * @param help the full text of {@code fbtools <name> --help}, ending with a newline
 * @param flags the flags the command accepts, with their dashes
 * @param options the options with a value the command accepts, each at most once
 * @param repeatableOptions the options with a value that may be given more than once (none of
 *     {@code options})
 */
record CommandSpec(
    String name,
    List<String> synopsis,
    String summary,
    String help,
    Set<String> flags,
    Set<String> options,
    Set<String> repeatableOptions) {

  CommandSpec {
    checkNotNull(name, "name");
    synopsis = List.copyOf(synopsis);
    checkNotNull(summary, "summary");
    checkArgument(help.endsWith("\n"), "help must end with a newline: %s", name);
    flags = Set.copyOf(flags);
    options = Set.copyOf(options);
    repeatableOptions = Set.copyOf(repeatableOptions);
    checkArgument(
        Collections.disjoint(options, repeatableOptions),
        "repeatableOptions must not be among the options of %s: %s",
        name,
        repeatableOptions);
  }

  /** A spec without repeatable options. */
  CommandSpec(
      String name,
      List<String> synopsis,
      String summary,
      String help,
      Set<String> flags,
      Set<String> options) {
    this(name, synopsis, summary, help, flags, options, Set.of());
  }

  /** The spec of a command that describes itself method by method. */
  static CommandSpec of(Command command) {
    return new CommandSpec(
        command.name(),
        command.synopsis(),
        command.summary(),
        command.help(),
        command.flags(),
        command.options(),
        command.repeatableOptions());
  }
}
