package dev.segmentation.core;

/**
 * Base class of every domain failure thrown by the segmentation library.
 *
 * <p>Programming errors are reported with the standard exceptions ({@link NullPointerException},
 * {@link IllegalArgumentException}, {@link IllegalStateException}); problems with the user's data or
 * saved files are reported with a subclass of this exception, whose message names the offending thing
 * (account id, column, line, JSON path), shows the value and says what was expected.
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @since 0.1
 */
public class SegmentationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong and what was expected
   */
  public SegmentationException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the cause it wraps.
   *
   * @param message what went wrong and what was expected
   * @param cause the underlying failure, kept for the stack trace
   */
  public SegmentationException(String message, Throwable cause) {
    super(message, cause);
  }
}
