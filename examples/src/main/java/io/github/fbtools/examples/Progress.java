package io.github.fbtools.examples;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.PrintStream;

/**
 * Progress of a command over many items. On an interactive terminal, one bar redrawn in place
 * ({@code \r}); otherwise one plain line per item, which logs and pipes can read.
 *
 * <!-- given: Io io; List<Path> scenes -->
 * <pre>{@code
 * Progress p = new Progress(io.err(), io.env().terminal(), scenes.size());
 * for (Path scene : scenes) {
 *   // ... migrate it
 *   p.item(scene.getFileName() + ": migrated");
 * }
 * p.done();
 * }</pre>
 *
 * <p>Not thread-safe: one command reports from one thread.
 */
final class Progress {
  static final int BAR_WIDTH = 30;

  private final PrintStream stream;
  private final boolean terminal;
  private final int total;
  private int done;
  private int lastWidth;

  Progress(PrintStream stream, boolean terminal, int total) {
    checkArgument(total >= 0, "total must be >= 0: %s", total);
    this.stream = stream;
    this.terminal = terminal;
    this.total = total;
  }

  /** Reports that one more item is done, with a short description of what happened to it. */
  void item(String what) {
    done++;
    String counter = "[" + done + "/" + total + "]";
    if (!terminal) {
      stream.println("  " + counter + " " + what);
      return;
    }
    int filled = total == 0 ? BAR_WIDTH : (int) ((long) BAR_WIDTH * done / total);
    String line =
        "\r["
            + "#".repeat(filled)
            + "-".repeat(BAR_WIDTH - filled)
            + "] "
            + done
            + "/"
            + total
            + " "
            + Text.oneLine(what);
    int width = Text.width(line);
    // Blank out what is left of a longer previous line.
    stream.print(width < lastWidth ? line + " ".repeat(lastWidth - width) : line);
    stream.flush();
    lastWidth = width;
  }

  /** Ends the report: on a terminal, moves past the bar. */
  void done() {
    if (terminal && lastWidth > 0) {
      stream.println();
    }
  }
}
