package dev.segmentation.core.internal;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.criteria.Criterion;
import dev.segmentation.core.criteria.CriterionKind;
import dev.segmentation.core.table.CategoricalColumn;
import dev.segmentation.core.table.Column;
import dev.segmentation.core.table.ColumnType;
import dev.segmentation.core.table.NumericColumn;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the raw (untransformed) value of a criterion for every account of a table. Shared by fitting
 * and transforming so that both see exactly the same raw values.
 */
public final class CriterionValues {

  /** Code of a missing category in {@link #categoryLabels}. */
  public static final int MISSING = -1;

  private CriterionValues() {}

  /**
   * Checks that every column a criterion reads exists with a usable type.
   *
   * @param table the table
   * @param c the criterion
   * @throws DataValidationException naming the criterion and column, listing the table's columns
   */
  public static void checkColumns(AccountTable table, Criterion c) {
    for (String name : c.source().columns()) {
      Column col = table.findColumn(name).orElseThrow(() -> new DataValidationException(
          "Criterion '" + c.name() + "' reads column '" + name + "', which the table does not have; "
              + "columns are: " + String.join(", ", table.columnNames()) + ".",
          null, name, -1, null));
      if (c.kind() == CriterionKind.NUMERIC && col.type() != ColumnType.NUMERIC) {
        throw new DataValidationException(
            "Criterion '" + c.name() + "' is numeric but column '" + name + "' is " + col.type()
                + "; use Criteria.Builder.categorical(\"" + name + "\") for a category.",
            null, name, -1, null);
      }
      if (c.kind() == CriterionKind.CATEGORICAL && col.type() == ColumnType.DATE) {
        throw new DataValidationException(
            "Criterion '" + c.name() + "' is categorical but column '" + name
                + "' is DATE; dates cannot be categories.",
            null, name, -1, null);
      }
    }
  }

  /**
   * Returns the raw value of a numeric criterion for each row; {@code NaN} means missing (a missing
   * input, or a ratio with a zero denominator).
   *
   * @param table the table
   * @param c a numeric criterion
   * @return one value per row
   * @throws DataValidationException when a value is infinite; the message names account and criterion
   */
  public static double[] numeric(AccountTable table, Criterion c) {
    checkColumns(table, c);
    int n = table.rowCount();
    double[] out = new double[n];
    Criterion.Source s = c.source();
    if (s instanceof Criterion.Source.ColumnValue cv) {
      table.numeric(cv.column()).copyTo(0, out, 0, n);
    } else if (s instanceof Criterion.Source.Ratio r) {
      NumericColumn a = table.numeric(r.numerator());
      NumericColumn b = table.numeric(r.denominator());
      for (int i = 0; i < n; i++) {
        double num = finite(table, c, i, r.numerator(), a.get(i));
        double den = finite(table, c, i, r.denominator(), b.get(i));
        out[i] = den == 0 ? Double.NaN : num / den;
      }
    } else if (s instanceof Criterion.Source.Difference d) {
      NumericColumn a = table.numeric(d.minuend());
      NumericColumn b = table.numeric(d.subtrahend());
      for (int i = 0; i < n; i++) {
        out[i] = finite(table, c, i, d.minuend(), a.get(i)) - finite(table, c, i, d.subtrahend(), b.get(i));
      }
    } else if (s instanceof Criterion.Source.Custom u) {
      for (int i = 0; i < n; i++) {
        try {
          out[i] = u.function().applyAsDouble(table.row(i));
        } catch (RuntimeException e) {
          throw new DataValidationException(
              "Criterion '" + c.name() + "', account \"" + table.id(i) + "\": the custom function failed: "
                  + e,
              table.id(i), c.name(), -1, e);
        }
      }
    } else {
      throw new IllegalStateException("Unknown source " + s);
    }
    for (int i = 0; i < n; i++) {
      finite(table, c, i, c.name(), out[i]);
    }
    return out;
  }

  private static double finite(AccountTable table, Criterion c, int row, String what, double v) {
    if (Double.isInfinite(v)) {
      throw new DataValidationException(
          String.format(Locale.ROOT,
              "Criterion '%s', account \"%s\": %s is %s; criteria need finite numbers or missing (NaN).",
              c.name(), table.id(row), what.equals(c.name()) ? "the value" : "column '" + what + "'", v),
          table.id(row), c.name(), -1, null);
    }
    return v;
  }

  /**
   * Returns the labels of a categorical criterion as codes into a dictionary.
   *
   * @param table the table
   * @param c a categorical criterion
   * @return the per-row codes ({@link #MISSING} for missing) and the dictionary they index
   */
  public static Labels categoryLabels(AccountTable table, Criterion c) {
    checkColumns(table, c);
    String column = ((Criterion.Source.ColumnValue) c.source()).column();
    Column col = table.column(column);
    int n = table.rowCount();
    if (col instanceof CategoricalColumn cc) {
      return new Labels(cc.codes(), cc.levels());
    }
    Map<String, Integer> index = new HashMap<>();
    java.util.ArrayList<String> levels = new java.util.ArrayList<>();
    int[] codes = new int[n];
    for (int i = 0; i < n; i++) {
      if (col.isMissing(i)) {
        codes[i] = MISSING;
      } else {
        String label = col.format(i);
        Integer code = index.get(label);
        if (code == null) {
          code = levels.size();
          index.put(label, code);
          levels.add(label);
        }
        codes[i] = code;
      }
    }
    return new Labels(codes, List.copyOf(levels));
  }

  /**
   * Per-row codes into a dictionary of labels.
   *
   * @param codes one code per row, {@link #MISSING} for missing
   * @param levels the dictionary
   */
  public record Labels(int[] codes, List<String> levels) {}
}
