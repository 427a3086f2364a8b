package io.github.fbtools.examples;

import java.util.List;
import java.util.Set;

/**
 * One sub-command of {@code fbtools}. Implementations are stateless. Most extend {@link
 * SpecCommand}, whose {@link CommandSpec} answers the six questions below; the dispatcher reads
 * any command through {@link CommandSpec#of(Command)}.
 */
interface Command {
  /** The name typed after {@code fbtools}. */
  String name();

  /** The synopsis lines of the main help, e.g. {@code "hash IMAGE.png..."}. */
  List<String> synopsis();

  /** One line that says what the command does. */
  String summary();

  /** The full text of {@code fbtools <name> --help}, ending with a newline. */
  String help();

  /** The flags the command accepts, with their dashes. */
  Set<String> flags();

  /** The options with a value the command accepts. */
  Set<String> options();

  /** The options with a value that may be given more than once (default: none). */
  default Set<String> repeatableOptions() {
    return Set.of();
  }

  /**
   * Runs the command.
   *
   * @return the exit code
   * @throws UsageException if the command line or an input cannot be used (exit code 2)
   * @throws Exception any other failure (exit code 1)
   */
  int run(Args args, Io io) throws Exception;
}
