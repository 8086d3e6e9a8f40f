package dev.segmentation.cli;

/** The exit codes of the command line, as documented in docs/cli.md. */
public final class ExitCodes {

  /** Success. */
  public static final int OK = 0;

  /** An unexpected failure (a bug): the message and stack trace are printed on standard error. */
  public static final int INTERNAL_ERROR = 1;

  /** Bad usage: an unknown command or option, a missing or malformed option value. */
  public static final int USAGE = 2;

  /**
   * Bad input: a file that cannot be read or written, an invalid CSV (the message names file, line and
   * column), an invalid JSON document (the message names file and JSON path, or line and column for
   * malformed JSON), data the model rejects.
   */
  public static final int BAD_INPUT = 3;

  private ExitCodes() {}
}
