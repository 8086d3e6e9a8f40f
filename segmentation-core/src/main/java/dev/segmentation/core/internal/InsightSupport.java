package dev.segmentation.core.internal;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.model.Assignment;
import dev.segmentation.core.table.Column;
import dev.segmentation.core.table.ColumnType;
import dev.segmentation.core.table.NumericColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * Helpers shared by the classes of {@code dev.segmentation.core.insight}: column look-ups with clear
 * messages, segment labels by account id and the type-7 median. Internal: no compatibility promise.
 */
public final class InsightSupport {

  private InsightSupport() {}

  /**
   * Returns the values of a numeric column.
   *
   * @param table the table
   * @param column the column name
   * @param role what the column is used as, for the message ("revenue column")
   * @return a copy of the values, {@code NaN} for missing
   * @throws IllegalArgumentException when the column is unknown or not numeric; the message lists the
   *     numeric columns
   */
  public static double[] numeric(AccountTable table, String column, String role) {
    Column c = table.findColumn(column).orElse(null);
    if (c == null || c.type() != ColumnType.NUMERIC) {
      List<String> numeric = new ArrayList<>();
      for (Column x : table.columns()) {
        if (x.type() == ColumnType.NUMERIC) {
          numeric.add(x.name());
        }
      }
      throw new IllegalArgumentException((c == null ? "Unknown " : "Non-numeric ") + role + " '"
          + column + "'" + (c == null ? "" : " (type " + c.type() + ")")
          + "; numeric columns are: " + String.join(", ", numeric) + ".");
    }
    return ((NumericColumn) c).toArray();
  }

  /**
   * Returns the values of a numeric column that must be finite where present (revenue, potential).
   *
   * @param table the table
   * @param column the column name
   * @param role what the column is used as, for the message ("revenue column")
   * @return a copy of the values, {@code NaN} for missing
   * @throws IllegalArgumentException when the column is unknown or not numeric
   * @throws DataValidationException when a value is infinite; the message names the account and column
   */
  public static double[] finiteNumeric(AccountTable table, String column, String role) {
    double[] v = numeric(table, column, role);
    for (int i = 0; i < v.length; i++) {
      if (Double.isInfinite(v[i])) {
        throw new DataValidationException("Column '" + column + "' (" + role + "), account \""
            + table.id(i) + "\" (row " + i + "): the value is " + v[i]
            + "; expected a finite number or missing (NaN).", table.id(i), column, -1L, null);
      }
    }
    return v;
  }

  /**
   * Rejects a sum that overflowed.
   *
   * @param total the sum
   * @param what what was summed, for the message ("the total whitespace")
   * @param column the column concerned
   * @return the total
   * @throws DataValidationException when the total is infinite
   */
  public static double finiteTotal(double total, String what, String column) {
    if (Double.isInfinite(total)) {
      throw new DataValidationException("Column '" + column + "': " + what
          + " overflows (" + total + "); expected a finite sum.\nRescale the column, for example to"
          + " thousands.", null, column, -1L, null);
    }
    return total;
  }

  /**
   * Returns the text label of every row of a column: {@link Column#format(int)}, the empty string when
   * missing.
   *
   * @param table the table
   * @param column the column name
   * @return one label per row
   * @throws IllegalArgumentException when the column is unknown; the message lists the columns
   */
  public static String[] labels(AccountTable table, String column) {
    Column c = table.findColumn(column).orElse(null);
    if (c == null) {
      throw new IllegalArgumentException("Unknown grouping column '" + column + "'; columns are: "
          + String.join(", ", table.columnNames()) + ".");
    }
    String[] out = new String[table.rowCount()];
    for (int i = 0; i < out.length; i++) {
      out[i] = c.format(i);
    }
    return out;
  }

  /**
   * Returns the segment index of every row of a table, matching accounts to the segmentation by id.
   *
   * @param segmentation the segmentation
   * @param table the table
   * @return one index per row of {@code table}, {@link Assignment#UNASSIGNED} for accounts that are
   *     unassigned or not in the segmentation
   */
  public static int[] segmentsById(Segmentation segmentation, AccountTable table) {
    int n = table.rowCount();
    AccountTable segTable = segmentation.table();
    int[] out = new int[n];
    if (segTable.ids().equals(table.ids())) {
      return segmentation.segmentIndices();
    }
    for (int i = 0; i < n; i++) {
      OptionalInt r = segTable.indexOf(table.id(i));
      out[i] = r.isPresent() ? segmentation.segmentIndex(r.getAsInt()) : Assignment.UNASSIGNED;
    }
    return out;
  }

  /**
   * The Hyndman–Fan type 7 median of finite values.
   *
   * @param values the values; sorted in place
   * @param n how many leading values to use
   * @return the median, {@code NaN} when {@code n == 0}
   */
  public static double median(double[] values, int n) {
    if (n == 0) {
      return Double.NaN;
    }
    Arrays.sort(values, 0, n);
    double h = (n - 1) * 0.5;
    int lo = (int) Math.floor(h);
    double frac = h - lo;
    return frac == 0 ? values[lo] : values[lo] + frac * (values[lo + 1] - values[lo]);
  }
}
