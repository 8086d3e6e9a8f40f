package dev.segmentation.core.criteria;

import dev.segmentation.core.internal.TextTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The dense {@code n x d} feature matrix of a table under fitted criteria: row {@code i} is account
 * {@code i}, column {@code j} is feature {@code columnNames().get(j)}, stored row-major (element
 * {@code (i, j)} at index {@code i * d + j} of {@link #toArray()}).
 *
 * <p>Accounts listed in {@link #issues()} have no features (their row is all {@code NaN}); every other
 * value is finite.
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @since 0.1
 */
public final class FeatureMatrix {

  private static final int PRINTED_ROWS = 20;

  private final List<String> ids;
  private final List<String> columnNames;
  private final double[] data;
  private final int rows;
  private final int cols;
  private final List<RowIssue> issues;
  private final boolean[] incomplete;

  FeatureMatrix(
      List<String> ids, List<String> columnNames, double[] data, int rows, int cols,
      List<RowIssue> issues) {
    this.ids = ids;
    this.columnNames = List.copyOf(columnNames);
    this.data = data;
    this.rows = rows;
    this.cols = cols;
    this.issues = List.copyOf(issues);
    this.incomplete = new boolean[rows];
    for (RowIssue r : this.issues) {
      incomplete[r.row()] = true;
    }
  }

  /**
   * Returns the number of rows (accounts).
   *
   * @return {@code n}
   */
  public int rowCount() {
    return rows;
  }

  /**
   * Returns the number of feature columns.
   *
   * @return {@code d}
   */
  public int columnCount() {
    return cols;
  }

  /**
   * Returns the feature names.
   *
   * @return an unmodifiable list of {@code d} names
   */
  public List<String> columnNames() {
    return columnNames;
  }

  /**
   * Returns the account ids, one per row.
   *
   * @return an unmodifiable list of {@code n} ids
   */
  public List<String> accountIds() {
    return ids;
  }

  /**
   * Returns one element.
   *
   * @param row 0-based row
   * @param column 0-based column
   * @return the feature value ({@code NaN} for accounts with an issue)
   * @throws IndexOutOfBoundsException when an index is out of range
   */
  public double get(int row, int column) {
    Objects.checkIndex(row, rows);
    Objects.checkIndex(column, cols);
    return data[row * cols + column];
  }

  /**
   * Returns a copy of one row.
   *
   * @param row 0-based row
   * @return a new array of {@code d} values
   * @throws IndexOutOfBoundsException when the row is out of range
   */
  public double[] row(int row) {
    Objects.checkIndex(row, rows);
    return Arrays.copyOfRange(data, row * cols, row * cols + cols);
  }

  /**
   * Returns a copy of one column.
   *
   * @param column 0-based column
   * @return a new array of {@code n} values
   * @throws IndexOutOfBoundsException when the column is out of range
   */
  public double[] column(int column) {
    Objects.checkIndex(column, cols);
    double[] out = new double[rows];
    for (int i = 0; i < rows; i++) {
      out[i] = data[i * cols + column];
    }
    return out;
  }

  /**
   * Returns a copy of the whole matrix, row-major.
   *
   * @return a new array of {@code n * d} values
   */
  public double[] toArray() {
    return data.clone();
  }

  /**
   * Returns the accounts without features, in row order.
   *
   * @return an unmodifiable list, empty when every account has features
   */
  public List<RowIssue> issues() {
    return issues;
  }

  /**
   * Tells whether a row has features.
   *
   * @param row 0-based row
   * @return {@code true} unless the row is listed in {@link #issues()}
   * @throws IndexOutOfBoundsException when the row is out of range
   */
  public boolean isComplete(int row) {
    return !incomplete[Objects.checkIndex(row, rows)];
  }

  /**
   * Compares ids, names and values ({@code NaN} equals {@code NaN}).
   *
   * @param o the other object
   * @return {@code true} when equal
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureMatrix other
        && rows == other.rows
        && cols == other.cols
        && ids.equals(other.ids)
        && columnNames.equals(other.columnNames)
        && Arrays.equals(data, other.data)
        && issues.equals(other.issues);
  }

  @Override
  public int hashCode() {
    return Objects.hash(ids, columnNames, Arrays.hashCode(data), issues);
  }

  /**
   * Prints the shape and the first 20 rows as an aligned table.
   *
   * @return the text table
   */
  @Override
  public String toString() {
    int shown = Math.min(PRINTED_ROWS, rows);
    List<String> headers = new ArrayList<>();
    headers.add("id");
    headers.addAll(columnNames);
    boolean[] right = new boolean[cols + 1];
    Arrays.fill(right, 1, cols + 1, true);
    String[][] cells = new String[cols][];
    for (int j = 0; j < cols; j++) {
      double[] v = new double[shown];
      for (int i = 0; i < shown; i++) {
        v[i] = data[i * cols + j];
      }
      cells[j] = TextTable.formatNumbers(v);
    }
    TextTable t = new TextTable(headers, right);
    for (int i = 0; i < shown; i++) {
      String[] r = new String[cols + 1];
      r[0] = ids.get(i);
      for (int j = 0; j < cols; j++) {
        r[j + 1] = cells[j][i];
      }
      t.addRow(r);
    }
    return "FeatureMatrix: " + rows + " x " + cols + (issues.isEmpty() ? "" : ", " + issues.size()
        + " accounts without features") + "\n" + t.render()
        + (rows > shown ? "... " + (rows - shown) + " more rows\n" : "");
  }
}
