package dev.segmentation.core;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Thrown when account data is invalid: a value that does not parse, a duplicate or empty id, a missing
 * value under {@code MissingPolicy.REJECT}, a column of the wrong type, and so on.
 *
 * <p>Besides the message, the exception carries the structured location of the problem where known:
 * the account id, the column (or criterion) name and, for CSV input, the 1-based line number.
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @since 0.1
 */
public class DataValidationException extends SegmentationException {

  private static final long serialVersionUID = 1L;

  /** The account id concerned, or {@code null}. */
  private final String accountId;

  /** The column or criterion concerned, or {@code null}. */
  private final String column;

  /** The 1-based CSV line, or a negative number. */
  private final long line;

  /**
   * Creates an exception without structured location.
   *
   * @param message what went wrong and what was expected
   */
  public DataValidationException(String message) {
    this(message, null, null, -1L, null);
  }

  /**
   * Creates an exception with its location.
   *
   * @param message what went wrong and what was expected
   * @param accountId the account id concerned, or {@code null} when unknown
   * @param column the column or criterion concerned, or {@code null} when unknown
   * @param line the 1-based CSV line, or a negative number when not read from CSV
   * @param cause the underlying failure, or {@code null}
   */
  public DataValidationException(
      String message, String accountId, String column, long line, Throwable cause) {
    super(message, cause);
    this.accountId = accountId;
    this.column = column;
    this.line = line;
  }

  /**
   * Returns the id of the account concerned.
   *
   * @return the account id, or empty when the problem is not tied to one account
   */
  public Optional<String> accountId() {
    return Optional.ofNullable(accountId);
  }

  /**
   * Returns the column or criterion concerned.
   *
   * @return the column or criterion name, or empty when not tied to one column
   */
  public Optional<String> column() {
    return Optional.ofNullable(column);
  }

  /**
   * Returns the 1-based line number in the CSV input.
   *
   * @return the line number, or empty when the data did not come from CSV
   */
  public OptionalLong line() {
    return line > 0 ? OptionalLong.of(line) : OptionalLong.empty();
  }
}
