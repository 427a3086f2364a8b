package io.github.fbtools.examples;

import java.util.List;
import java.util.Set;

/**
 * A sub-command described by one {@link CommandSpec}: the spec answers every question {@code
 * fbtools} asks before {@link #run}, so a command holds only its spec and its work.
 *
 * <!-- given: String SUMMARY; String HELP -->
 * <pre>{@code
 * final class HashCommand extends SpecCommand {
 *   HashCommand() {
 *     super(new CommandSpec("hash", List.of("hash IMAGE.png..."), SUMMARY, HELP,
 *         Set.of("--json"), Set.of()));
 *   }
 *
 *   public int run(Args args, Io io) {
 *     // ...
 *     return 0;
 *   }
 * }
 * }</pre>
 *
 * <p>Implementations are stateless, hence thread-safe.
 */
abstract class SpecCommand implements Command {
  private final CommandSpec spec;

  SpecCommand(CommandSpec spec) {
    this.spec = spec;
  }

  /** The command's spec. */
  final CommandSpec spec() {
    return spec;
  }

  @Override
  public final String name() {
    return spec.name();
  }

  @Override
  public final List<String> synopsis() {
    return spec.synopsis();
  }

  @Override
  public final String summary() {
    return spec.summary();
  }

  @Override
  public final String help() {
    return spec.help();
  }

  @Override
  public final Set<String> flags() {
    return spec.flags();
  }

  @Override
  public final Set<String> options() {
    return spec.options();
  }

  @Override
  public final Set<String> repeatableOptions() {
    return spec.repeatableOptions();
  }
}
