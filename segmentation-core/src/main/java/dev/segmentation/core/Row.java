package dev.segmentation.core;

import dev.segmentation.core.table.Column;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A view of one account (one row) of an {@link AccountTable}.
 *
 * <p>Instances are immutable and safe to share between threads; they hold a reference to their table.
 *
 * @since 0.1
 */
public final class Row {

  private final AccountTable table;
  private final int index;

  Row(AccountTable table, int index) {
    this.table = table;
    this.index = index;
  }

  /**
   * Returns the table this row belongs to.
   *
   * @return the table
   */
  public AccountTable table() {
    return table;
  }

  /**
   * Returns the 0-based row index in its table.
   *
   * @return the row index
   */
  public int index() {
    return index;
  }

  /**
   * Returns the account id.
   *
   * @return the id
   */
  public String id() {
    return table.id(index);
  }

  /**
   * Returns the value of a numeric column.
   *
   * @param column a numeric column name
   * @return the value, {@code NaN} when missing
   * @throws IllegalArgumentException when the column is unknown or not numeric
   */
  public double numeric(String column) {
    return table.numeric(column).get(index);
  }

  /**
   * Returns the label of a categorical column.
   *
   * @param column a categorical column name
   * @return the label, or empty when missing
   * @throws IllegalArgumentException when the column is unknown or not categorical
   */
  public Optional<String> category(String column) {
    return table.categorical(column).value(index);
  }

  /**
   * Returns the value of a date column.
   *
   * @param column a date column name
   * @return the date, or empty when missing
   * @throws IllegalArgumentException when the column is unknown or not a date column
   */
  public Optional<LocalDate> date(String column) {
    return table.date(column).value(index);
  }

  /**
   * Tells whether the value of a column is missing.
   *
   * @param column a column name
   * @return {@code true} when missing
   * @throws IllegalArgumentException when the column is unknown
   */
  public boolean isMissing(String column) {
    return table.column(column).isMissing(index);
  }

  /**
   * Formats the value of a column as text ({@link Column#format(int)}).
   *
   * @param column a column name
   * @return the text, empty when missing
   * @throws IllegalArgumentException when the column is unknown
   */
  public String format(String column) {
    return table.column(column).format(index);
  }

  /**
   * Two rows are equal when they are the same row of equal tables.
   *
   * @param o the other object
   * @return {@code true} for the same row index of an equal table
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof Row other && index == other.index && table.equals(other.table);
  }

  @Override
  public int hashCode() {
    return Objects.hash(index, table.id(index));
  }

  /**
   * Returns the id and every value, for example {@code Row[id=A-1, turnover=1200000, industry=Pharma]}.
   *
   * @return one line of text
   */
  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    parts.add(table.idColumnName() + "=" + id());
    for (Column c : table.columns()) {
      parts.add(c.name() + "=" + (c.isMissing(index) ? "NA" : c.format(index)));
    }
    return "Row[" + String.join(", ", parts) + "]";
  }
}
