package dev.segmentation.cli;

/** A problem with the user's input found by the command line itself; exit code {@link ExitCodes#BAD_INPUT}. */
final class BadInputException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  BadInputException(String message) {
    super(message);
  }

  BadInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
