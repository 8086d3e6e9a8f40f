package dev.segmentation.core.table;

/**
 * The storage type of a column of an {@code AccountTable}.
 *
 * @since 0.1
 */
public enum ColumnType {
  /** Numbers stored as {@code double}; a missing value is {@code NaN}. */
  NUMERIC,
  /** Category labels stored as int codes into a dictionary of levels; a missing value is code -1. */
  CATEGORICAL,
  /** Calendar dates ({@link java.time.LocalDate}) stored as epoch days. */
  DATE
}
