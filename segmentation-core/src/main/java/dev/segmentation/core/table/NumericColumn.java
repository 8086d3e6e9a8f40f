package dev.segmentation.core.table;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.DoubleStream;

/**
 * A column of numbers stored as a {@code double[]}; a missing value is {@code NaN}.
 *
 * <p>{@code +Infinity} and {@code -Infinity} are kept as given; criteria that cannot use them report a
 * clear error naming the account.
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @since 0.1
 */
public final class NumericColumn implements Column {

  private final String name;
  private final double[] values;
  private final int missing;

  private NumericColumn(String name, double[] values) {
    this.name = Names.check(name);
    this.values = values;
    int m = 0;
    for (double v : values) {
      if (Double.isNaN(v)) {
        m++;
      }
    }
    this.missing = m;
  }

  /**
   * Creates a numeric column from a copy of the given values.
   *
   * <pre>{@code
   * NumericColumn turnover = NumericColumn.of("turnover", new double[] {1.2e6, Double.NaN, 3.4e5});
   * }</pre>
   *
   * @param name column name, non-blank
   * @param values the values, {@code NaN} for missing; the array is copied
   * @return the column
   * @throws IllegalArgumentException when the name is blank
   */
  public static NumericColumn of(String name, double[] values) {
    Objects.requireNonNull(values, "values");
    return new NumericColumn(name, values.clone());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ColumnType type() {
    return ColumnType.NUMERIC;
  }

  @Override
  public int size() {
    return values.length;
  }

  /**
   * Returns the value of a row.
   *
   * @param row 0-based row index
   * @return the value, {@code NaN} when missing
   * @throws IndexOutOfBoundsException when {@code row} is not in {@code [0, size())}
   */
  public double get(int row) {
    return values[Objects.checkIndex(row, values.length)];
  }

  @Override
  public boolean isMissing(int row) {
    return Double.isNaN(get(row));
  }

  @Override
  public int missingCount() {
    return missing;
  }

  /**
   * Returns a copy of all values.
   *
   * @return a new array of {@code size()} values, {@code NaN} for missing
   */
  public double[] toArray() {
    return values.clone();
  }

  /**
   * Copies the values of rows {@code [from, from + length)} into {@code dest} at {@code destPos}.
   *
   * @param from first row
   * @param dest destination array
   * @param destPos first index written in {@code dest}
   * @param length number of values copied
   * @throws IndexOutOfBoundsException when a range is out of bounds
   */
  public void copyTo(int from, double[] dest, int destPos, int length) {
    System.arraycopy(values, from, dest, destPos, length);
  }

  /**
   * Returns the values as a stream, missing values included as {@code NaN}.
   *
   * @return a sequential stream of the values in row order
   */
  public DoubleStream stream() {
    return Arrays.stream(values);
  }

  @Override
  public String format(int row) {
    return Names.formatNumber(get(row));
  }

  @Override
  public NumericColumn gather(int[] rows) {
    double[] out = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = values[Objects.checkIndex(rows[i], values.length)];
    }
    return new NumericColumn(name, out);
  }

  @Override
  public NumericColumn rename(String newName) {
    return new NumericColumn(newName, values);
  }

  /**
   * Compares name and values; {@code NaN} equals {@code NaN}, and {@code 0.0} differs from
   * {@code -0.0} (as {@link Arrays#equals(double[], double[])}).
   *
   * @param o the other object
   * @return {@code true} when {@code o} is a numeric column with the same name and values
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof NumericColumn other
        && name.equals(other.name)
        && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "NumericColumn[" + name + ", " + values.length + " rows, " + missing + " missing]";
  }
}
