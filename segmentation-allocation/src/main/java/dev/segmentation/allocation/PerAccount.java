package dev.segmentation.allocation;

import java.util.Objects;
import java.util.Optional;

/**
 * An amount that is either the same for every account or read from a numeric column of the accounts
 * table (for example visit hours that depend on travel time).
 *
 * @param constant the amount when {@code column} is absent
 * @param column the numeric column holding the amount per account, or {@code null}
 * @since 0.1
 */
public record PerAccount(double constant, String column) {

  /**
   * Validates.
   *
   * @param constant a finite amount (ignored when a column is given)
   * @param column a column name or {@code null}
   * @throws IllegalArgumentException for a non-finite constant or a blank column name
   */
  public PerAccount {
    if (!Double.isFinite(constant)) {
      throw new IllegalArgumentException("Amount must be finite, was " + constant + ".");
    }
    if (column != null && column.isBlank()) {
      throw new IllegalArgumentException("Column name must be non-blank.");
    }
  }

  /**
   * The same amount for every account.
   *
   * @param amount a finite amount
   * @return the amount
   */
  public static PerAccount of(double amount) {
    return new PerAccount(amount, null);
  }

  /**
   * An amount read per account from a numeric column; a missing value is an error naming the account.
   *
   * @param column a numeric column of the accounts table
   * @return the amount
   */
  public static PerAccount column(String column) {
    return new PerAccount(0.0, Objects.requireNonNull(column, "column"));
  }

  /**
   * Returns the column, if the amount is read per account.
   *
   * @return the column name, or empty for a constant
   */
  public Optional<String> columnName() {
    return Optional.ofNullable(column);
  }

  @Override
  public String toString() {
    return column == null ? Double.toString(constant) : "column " + column;
  }
}
