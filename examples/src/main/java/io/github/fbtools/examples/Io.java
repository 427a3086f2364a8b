package io.github.fbtools.examples;

import java.io.PrintStream;

/**
 * The streams and surroundings of one run of a command.
 *
 * @param out standard output: results
 * @param err standard error: errors, and progress where stdout holds a JSON document
 * @param env the injected surroundings
 */
record Io(PrintStream out, PrintStream err, CliEnv env) {}
