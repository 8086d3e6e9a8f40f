package dev.segmentation.core.internal;

import dev.segmentation.core.DataValidationException;
import java.util.Locale;

/**
 * The exceptions of k-means weights, shared by core's {@code KMeans} and the Spark trainer so both
 * report bad weights with the same message, account and column.
 */
public final class KMeansWeights {

  private KMeansWeights() {}

  /**
   * Tells whether a weight is usable: finite and {@code >= 0}.
   *
   * @param w the weight
   * @return {@code true} when usable
   */
  public static boolean valid(double w) {
    return Double.isFinite(w) && w >= 0;
  }

  /**
   * The exception for a missing or non-numeric weight column.
   *
   * @param column the weight column
   * @param cause the table's exception
   * @return the exception to throw
   */
  public static DataValidationException badColumn(String column, IllegalArgumentException cause) {
    return new DataValidationException("KMeans.weights: " + cause.getMessage(), null, column, -1,
        cause);
  }

  /**
   * The exception for an account's weight that is not finite and {@code >= 0}.
   *
   * @param column the weight column
   * @param accountId the account
   * @param value its weight
   * @return the exception to throw
   */
  public static DataValidationException badWeight(String column, String accountId, double value) {
    return new DataValidationException(String.format(Locale.ROOT,
        "KMeans weight column '%s', account \"%s\": %s is not a finite weight >= 0.", column,
        accountId, value), accountId, column, -1, null);
  }

  /**
   * The exception for weights that sum to 0.
   *
   * @param column the weight column
   * @return the exception to throw
   */
  public static DataValidationException zeroTotal(String column) {
    return new DataValidationException("KMeans weight column '" + column
        + "' sums to 0; at least one weight must be > 0.", null, column, -1, null);
  }
}
