package io.github.fbtools.examples;

/**
 * A command line the command cannot run: an unknown option, a missing or extra argument, a bad
 * value, a path that does not exist or is of the wrong kind, or an input file that cannot be
 * read. {@link Fbtools} prints its message on one line and exits with {@link Fbtools#EXIT_USAGE}.
 */
final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }

  UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
