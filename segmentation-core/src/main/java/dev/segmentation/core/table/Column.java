package dev.segmentation.core.table;

/**
 * One named column of an {@code AccountTable}, stored as a primitive array.
 *
 * <p>Columns are immutable and safe to share between threads; the same column object may be shared by
 * several tables (for example a table and the result of {@code select}).
 *
 * @since 0.1
 */
public sealed interface Column permits NumericColumn, CategoricalColumn, DateColumn {

  /**
   * Returns the column name, unique within its table.
   *
   * @return the name
   */
  String name();

  /**
   * Returns the storage type.
   *
   * @return the type of the values
   */
  ColumnType type();

  /**
   * Returns the number of values (the number of accounts of the table).
   *
   * @return the number of rows
   */
  int size();

  /**
   * Tells whether the value of a row is missing.
   *
   * @param row 0-based row index
   * @return {@code true} when the value is missing
   * @throws IndexOutOfBoundsException when {@code row} is not in {@code [0, size())}
   */
  boolean isMissing(int row);

  /**
   * Counts the missing values.
   *
   * @return the number of rows whose value is missing
   */
  int missingCount();

  /**
   * Formats the value of a row as text: numbers in the shortest form that reads back exactly
   * (integers without a decimal point), categories as their label, dates as ISO-8601; a missing value
   * as the empty string. This is the form written to CSV.
   *
   * @param row 0-based row index
   * @return the text of the value, empty when missing
   * @throws IndexOutOfBoundsException when {@code row} is not in {@code [0, size())}
   */
  String format(int row);

  /**
   * Returns a new column holding the values of the given rows, in the given order.
   *
   * @param rows 0-based row indices; may repeat
   * @return a column of {@code rows.length} values with the same name and type
   * @throws IndexOutOfBoundsException when an index is out of range
   */
  Column gather(int[] rows);

  /**
   * Returns the same values under another name.
   *
   * @param newName the new column name, non-blank
   * @return a column sharing this column's storage
   * @throws IllegalArgumentException when {@code newName} is blank
   */
  Column rename(String newName);
}
