package dev.segmentation.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress reports on standard error: a one-line bar redrawn with {@code \r} when standard error is a
 * terminal, plain lines otherwise (logs, pipes, tests); nothing with {@code --quiet}.
 */
final class Progress {

  private static final int WIDTH = 24;

  private final PrintWriter err;
  private final boolean bar;
  private final boolean quiet;
  private boolean open;

  Progress(PrintWriter err, boolean bar, boolean quiet) {
    this.err = err;
    this.bar = bar;
    this.quiet = quiet;
  }

  /** Reports a phase that has no steps. */
  void phase(String what) {
    if (quiet) {
      return;
    }
    close();
    err.println(what + " ...");
    err.flush();
  }

  /** Reports that {@code done} of {@code total} steps of a task are finished. */
  void step(String task, int done, int total) {
    if (quiet) {
      return;
    }
    if (bar) {
      int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
      err.print(String.format(Locale.ROOT, "\r%s [%s%s] %d/%d", task, "#".repeat(filled),
          " ".repeat(WIDTH - filled), done, total));
      open = true;
      if (done >= total) {
        close();
      }
    } else {
      err.println(String.format(Locale.ROOT, "%s: %d/%d", task, done, total));
    }
    err.flush();
  }

  /** Ends an open bar line. */
  void close() {
    if (open) {
      err.println();
      open = false;
    }
  }
}
