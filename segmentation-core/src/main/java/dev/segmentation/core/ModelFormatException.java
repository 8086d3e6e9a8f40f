package dev.segmentation.core;

import java.util.Optional;

/**
 * Thrown when a saved JSON document cannot be read: malformed JSON, an unknown or newer
 * {@code schemaVersion}, a wrong {@code kind}, an unknown or missing field, or a value that is out of
 * range. The message and {@link #jsonPath()} name the place in the document.
 *
 * <p>Also thrown when an object cannot be written as JSON (for example a criterion defined by a Java
 * lambda, which has no portable form).
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @since 0.1
 */
public class ModelFormatException extends SegmentationException {

  private static final long serialVersionUID = 1L;

  /** The JSON path of the offending node, or {@code null}. */
  private final String jsonPath;

  /**
   * Creates an exception.
   *
   * @param message what went wrong and what was expected
   * @param jsonPath the JSON path of the offending node (for example {@code $.criteria[2].weight}), or
   *     {@code null} when the problem concerns the whole document
   * @param cause the underlying failure, or {@code null}
   */
  public ModelFormatException(String message, String jsonPath, Throwable cause) {
    super(message, cause);
    this.jsonPath = jsonPath;
  }

  /**
   * Returns the JSON path of the offending node.
   *
   * @return the path such as {@code $.criteria[2].weight}, or empty for the whole document
   */
  public Optional<String> jsonPath() {
    return Optional.ofNullable(jsonPath);
  }
}
