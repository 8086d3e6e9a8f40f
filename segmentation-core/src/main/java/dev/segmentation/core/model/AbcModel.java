package dev.segmentation.core.model;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.Row;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.UnassignedReason;
import dev.segmentation.core.internal.BinFitSpec;
import dev.segmentation.core.internal.TextTable;
import dev.segmentation.core.table.Column;
import dev.segmentation.core.table.ColumnType;
import dev.segmentation.core.table.NumericColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * ABC (Pareto) classification of accounts by their share of a value such as revenue: class A holds
 * the largest accounts that together make up the first 80% of the total, B the next 15%, C the rest.
 *
 * <pre>{@code
 * AbcModel abc = AbcModel.builder()
 *     .value("revenue")
 *     .thresholds(0.80, 0.95)              // the default; any number of increasing thresholds
 *     .rule(AbcRule.PRIMARY)               // the default
 *     .fit(accounts);
 * Segmentation seg = abc.assign(accounts); // segments A, B, C (index 0 = A = largest values)
 * }</pre>
 *
 * <p><b>Fitting.</b> Missing values ({@code NaN}) take no part. Only positive values count: the total
 * {@code T} is the sum of the positive values, and zero or negative values are always in the last
 * class. Positive values are sorted in descending order and summed in that order; equal values form a
 * tie group that is never split: the whole group is classed together, from the cumulative shares
 * {@code before} (sum of all larger values / {@code T}) and {@code after} ({@code before} plus the
 * group's sum / {@code T}). With thresholds {@code t_1 < ... < t_(K-1)} and {@link AbcRule#PRIMARY}
 * the group's class index is the number of thresholds with {@code after > t} (an account is A while
 * the cumulative share including it is {@code <= t_1}, B while {@code <= t_2}, ...), so the value
 * share of classes {@code 0..c} never exceeds {@code t_(c+1)}; with {@link AbcRule#CROSSING_JOINS_UPPER}
 * it is the number of thresholds with {@code before >= t} (the group that crosses a threshold joins
 * the upper class). Shares are computed in {@code double} as running sum divided by {@code T}, where
 * {@code T} is the final running sum, so the last positive group has share exactly 1. When no value
 * is positive every account is in the last class.
 *
 * <p><b>Cut-offs.</b> Because tie groups are never split, classes are contiguous ranges of values and
 * the fitted model is a list of value cut-offs: the cut-off of class {@code c < K-1} is the smallest
 * training value in it. An account with value {@code v} is in the first class whose cut-off is
 * {@code <= v}, otherwise in the last class; this classes the training accounts exactly as fitting
 * did, and classes new accounts without refitting. A class without training accounts gets the cut-off
 * of the class above ({@code +Infinity} for the first class), so it stays empty for new accounts too.
 * A missing value leaves the account unassigned with {@link UnassignedReason#MISSING_VALUE};
 * {@code +Infinity} is in the first non-empty class, {@code -Infinity} in the last.
 *
 * <p><b>Ids and names.</b> Classes have ids {@code A, B, C, ...} ({@code AA, AB, ...} after
 * {@code Z}); names equal the ids unless given with {@link Builder#names(String...)}. Index 0 is the
 * class of the largest values.
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @since 0.1
 */
public final class AbcModel implements SegmentModel {

  /** The model kind written in JSON. */
  public static final String KIND = "abc-model";

  private final String column;
  private final AbcRule rule;
  private final double[] thresholds;
  private final double[] cutoffs;
  private final List<Segment> segments;
  private final List<String> warnings;

  private AbcModel(
      String column, AbcRule rule, double[] thresholds, double[] cutoffs, List<String> ids,
      List<String> names, List<String> warnings) {
    this.column = column;
    this.rule = rule;
    this.thresholds = thresholds;
    this.cutoffs = cutoffs;
    this.warnings = warnings;
    List<Segment> segs = new ArrayList<>(ids.size());
    int k = ids.size();
    for (int c = 0; c < k; c++) {
      String d;
      if (c < k - 1) {
        d = cutoffs[c] == Double.POSITIVE_INFINITY || (c > 0 && cutoffs[c] == cutoffs[c - 1])
            ? "no account (empty in training)"
            : column + " >= " + QuantileModel.format(cutoffs[c]);
      } else {
        double lowest = Double.POSITIVE_INFINITY;
        for (double x : cutoffs) {
          lowest = Math.min(lowest, x);
        }
        d = lowest == Double.POSITIVE_INFINITY
            ? "every account"
            : "every other account: " + column + " < " + QuantileModel.format(lowest)
                + ", zero or negative";
      }
      segs.add(new Segment(c, ids.get(c), names.get(c), d));
    }
    this.segments = List.copyOf(segs);
  }

  /**
   * Starts an ABC model definition.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Assembles a model from its parts (as reading JSON does); equal parts give an equal model.
   *
   * @param column the numeric value column, non-blank
   * @param rule the rule the model was fitted with
   * @param thresholds the cumulative-share thresholds {@code t_1 < ... < t_(K-1)}, each in
   *     {@code (0, 1]}
   * @param cutoffs the value cut-off of each class but the last ({@code K-1} values), each
   *     {@code > 0} (or {@code +Infinity} for an empty class), non-increasing
   * @param ids one id per class ({@code K} ids), distinct and non-blank
   * @param names one name per class ({@code K} names), non-blank
   * @param warnings notes from fitting
   * @return the model
   * @throws IllegalArgumentException when a part is invalid or the lengths do not match
   */
  public static AbcModel of(
      String column, AbcRule rule, double[] thresholds, double[] cutoffs, List<String> ids,
      List<String> names, List<String> warnings) {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(rule, "rule");
    if (column.isBlank()) {
      throw new IllegalArgumentException("AbcModel value column must be non-blank.");
    }
    double[] t = checkThresholds(Objects.requireNonNull(thresholds, "thresholds").clone());
    double[] c = Objects.requireNonNull(cutoffs, "cutoffs").clone();
    List<String> idList = List.copyOf(ids);
    List<String> nameList = List.copyOf(names);
    List<String> notes = List.copyOf(warnings);
    if (c.length != t.length) {
      throw new IllegalArgumentException("AbcModel needs one cut-off per threshold; " + t.length
          + " thresholds, " + c.length + " cut-offs.");
    }
    for (int j = 0; j < c.length; j++) {
      if (!(c[j] > 0)) {
        throw new IllegalArgumentException(
            "AbcModel cut-off " + j + " must be > 0 or +Infinity, was " + c[j] + ".");
      }
      if (j > 0 && c[j] > c[j - 1]) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "AbcModel cut-offs must be non-increasing; cut-off %d (%s) > cut-off %d (%s).",
            j, c[j], j - 1, c[j - 1]));
      }
    }
    checkLabels("ids", idList, t.length + 1, true);
    checkLabels("names", nameList, t.length + 1, false);
    return new AbcModel(column, rule, t, c, idList, nameList, notes);
  }

  private static double[] checkThresholds(double[] t) {
    return BinFitSpec.checkThresholds("AbcModel", t);
  }

  private static void checkLabels(String what, List<String> labels, int expected, boolean distinct) {
    if (labels.size() != expected) {
      throw new IllegalArgumentException("AbcModel needs " + expected + " " + what
          + " (one per class), was " + labels.size() + ": " + labels + ".");
    }
    Set<String> seen = new HashSet<>();
    for (String s : labels) {
      if (s.isBlank()) {
        throw new IllegalArgumentException("AbcModel " + what + " must be non-blank, was \"" + s
            + "\".");
      }
      if (distinct && !seen.add(s)) {
        throw new IllegalArgumentException(
            "AbcModel " + what + " must be distinct; \"" + s + "\" repeats.");
      }
    }
  }

  /**
   * Returns the default class id of a 0-based class index: {@code A..Z}, then {@code AA, AB, ...}.
   *
   * @param index the class index, {@code >= 0}
   * @return the id
   */
  static String letters(int index) {
    return BinFitSpec.letters(index);
  }

  /**
   * Returns {@value #KIND}.
   *
   * @return the model kind
   */
  @Override
  public String kind() {
    return KIND;
  }

  /**
   * Returns the classes, largest values first.
   *
   * @return an unmodifiable list of {@code thresholds().length + 1} segments
   */
  @Override
  public List<Segment> segments() {
    return segments;
  }

  /**
   * Returns the numeric value column.
   *
   * @return the column name
   */
  public String column() {
    return column;
  }

  /**
   * Returns the rule for the tie group that crosses a threshold.
   *
   * @return the rule
   */
  public AbcRule rule() {
    return rule;
  }

  /**
   * Returns the cumulative-share thresholds.
   *
   * @return a copy of {@code t_1 < ... < t_(K-1)}
   */
  public double[] thresholds() {
    return thresholds.clone();
  }

  /**
   * Returns the value cut-off of each class but the last: the smallest training value of the class,
   * or {@code +Infinity} / the cut-off of the class above for a class without training accounts.
   *
   * @return a copy of the {@code K-1} cut-offs, non-increasing
   */
  public double[] cutoffs() {
    return cutoffs.clone();
  }

  /**
   * Returns notes from fitting, for example classes without training accounts.
   *
   * @return an unmodifiable list, empty when there were none
   */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * Returns the class index of a value: the first class whose cut-off is {@code <= value}, otherwise
   * the last class.
   *
   * @param value a value of the column
   * @return the class index, or {@link Assignment#UNASSIGNED} for {@code NaN}
   */
  public int segmentIndexOf(double value) {
    return Double.isNaN(value) ? Assignment.UNASSIGNED : classOf(cutoffs, value);
  }

  /**
   * First {@code c} with {@code cut[c] <= v}, else {@code cut.length} ({@code cut.length >= 1});
   * {@code v} is not NaN. A value of
   * {@code +Infinity} is treated as the largest finite double so that it never reaches a class whose
   * cut-off is {@code +Infinity} (a class without training accounts).
   */
  private static int classOf(double[] cut, double value) {
    double v = Math.min(value, Double.MAX_VALUE);
    // the cut-offs are non-increasing, so those > v form a prefix; count it by a binary search whose
    // steps are conditional moves: the result is in [base, base + len] throughout
    int len = cut.length;
    int base = 0;
    while (len > 1) {
      int half = len >>> 1;
      base = cut[base + half] > v ? base + half : base;
      len -= half;
    }
    return cut[base] > v ? base + 1 : base;
  }

  private static NumericColumn numericColumn(AccountTable table, String column) {
    Optional<Column> c = table.findColumn(column);
    if (c.isEmpty()) {
      throw new DataValidationException("ABC model reads column '" + column
          + "', which the table does not have; columns are: "
          + String.join(", ", table.columnNames()) + ".", null, column, -1, null);
    }
    if (c.get().type() != ColumnType.NUMERIC) {
      throw new DataValidationException("ABC model reads column '" + column + "', which is "
          + c.get().type() + "; expected a NUMERIC column.", null, column, -1, null);
    }
    return (NumericColumn) c.get();
  }

  /**
   * Classes every account by the cut-offs; accounts with a missing value are unassigned with
   * {@link UnassignedReason#MISSING_VALUE}.
   *
   * @param table accounts with the value column
   * @return one assignment per account, in table order
   * @throws DataValidationException when the column is unknown or not numeric
   */
  @Override
  public Segmentation assign(AccountTable table) {
    Objects.requireNonNull(table, "table");
    int n = table.rowCount();
    double[] v = new double[n];
    numericColumn(table, column).copyTo(0, v, 0, n);
    int[] seg = new int[n];
    UnassignedReason[] reasons = new UnassignedReason[n];
    String[] details = new String[n];
    String missing = "column '" + column + "' is missing";
    double[] cut = cutoffs;
    for (int i = 0; i < n; i++) {
      double x = v[i];
      if (x != x) {
        seg[i] = Assignment.UNASSIGNED;
        reasons[i] = UnassignedReason.MISSING_VALUE;
        details[i] = missing;
      } else {
        seg[i] = classOf(cut, x);
      }
    }
    return Segmentation.of(table, segments, seg, reasons, details);
  }

  /**
   * Classes one account; equal to the assignment {@link #assign(AccountTable)} gives for its row.
   *
   * @param row the account
   * @return its assignment
   * @throws DataValidationException when the column is unknown or not numeric
   */
  @Override
  public Assignment assign(Row row) {
    Objects.requireNonNull(row, "row");
    double x = numericColumn(row.table(), column).get(row.index());
    return Double.isNaN(x)
        ? Assignment.unassigned(row.id(), UnassignedReason.MISSING_VALUE,
            "column '" + column + "' is missing")
        : Assignment.of(row.id(), classOf(cutoffs, x));
  }

  /**
   * Compares column, rule, thresholds, cut-offs, segments and warnings.
   *
   * @param o the other object
   * @return {@code true} when equal (a JSON round trip gives an equal model)
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof AbcModel other
        && column.equals(other.column)
        && rule == other.rule
        && Arrays.equals(thresholds, other.thresholds)
        && Arrays.equals(cutoffs, other.cutoffs)
        && segments.equals(other.segments)
        && warnings.equals(other.warnings);
  }

  @Override
  public int hashCode() {
    return Objects.hash(column, rule, Arrays.hashCode(thresholds), Arrays.hashCode(cutoffs),
        segments, warnings);
  }

  /**
   * Prints the column, rule and one line per class with its threshold and cut-off, as an aligned
   * table.
   *
   * @return the text table
   */
  @Override
  public String toString() {
    TextTable t = new TextTable(List.of("class", "id", "threshold", "members"),
        new boolean[] {false, false, true, false});
    for (Segment s : segments) {
      int c = s.index();
      t.addRow(s.name(), s.id(), c < thresholds.length ? Double.toString(thresholds[c]) : "-",
          s.description());
    }
    return "AbcModel: column '" + column + "', " + rule + ", " + segments.size() + " classes\n"
        + t.render()
        + (warnings.isEmpty() ? "" : "warnings:\n  " + String.join("\n  ", warnings) + "\n");
  }

  /**
   * Defines and fits an {@link AbcModel}: the value column, the thresholds, the crossing rule and
   * optional class names.
   *
   * <pre>{@code
   * AbcModel abc = AbcModel.builder().value("revenue").fit(accounts);   // A/B/C at 80% / 95%
   * }</pre>
   *
   * <p>Each setting may be given once; {@link #fit(AccountTable)} may be called any number of times
   * and is pure (same table, same model). Builders are mutable and not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {

    private String column;
    private final BinFitSpec.AbcClasses spec = new BinFitSpec.AbcClasses("AbcModel");

    private Builder() {}

    /**
     * Sets the numeric value column (for example revenue).
     *
     * @param column a numeric column name, non-blank
     * @return this builder
     * @throws IllegalArgumentException when the name is blank
     * @throws IllegalStateException when the value was already set
     */
    public Builder value(String column) {
      Objects.requireNonNull(column, "column");
      if (column.isBlank()) {
        throw new IllegalArgumentException("AbcModel value column must be non-blank.");
      }
      if (this.column != null) {
        throw new IllegalStateException("AbcModel value was already set to column '" + this.column
            + "'.");
      }
      this.column = column;
      return this;
    }

    /**
     * Sets the cumulative-share thresholds (default {@code 0.80, 0.95}); {@code K-1} thresholds give
     * {@code K} classes.
     *
     * @param thresholds strictly increasing, each in {@code (0, 1]}, at least one
     * @return this builder
     * @throws IllegalArgumentException when a threshold is out of range or not increasing
     * @throws IllegalStateException when the thresholds were already set
     */
    public Builder thresholds(double... thresholds) {
      spec.thresholds(thresholds);
      return this;
    }

    /**
     * Sets the rule for the tie group that crosses a threshold (default {@link AbcRule#PRIMARY}).
     *
     * @param rule the rule
     * @return this builder
     * @throws IllegalStateException when the rule was already set
     */
    public Builder rule(AbcRule rule) {
      spec.rule(rule);
      return this;
    }

    /**
     * Names the classes, largest values first (default: the ids {@code A, B, C, ...}).
     *
     * @param names one non-blank name per class
     * @return this builder
     * @throws IllegalArgumentException when a name is blank
     * @throws IllegalStateException when names were already set
     */
    public Builder names(String... names) {
      spec.names(names);
      return this;
    }

    /**
     * Classes the training accounts and returns the fitted model with its cut-offs.
     *
     * @param table the training accounts
     * @return the model
     * @throws IllegalStateException when the value column was not set, or the number of names differs
     *     from the number of classes
     * @throws DataValidationException when the table is empty, the column is unknown or not numeric,
     *     every value is missing, or a value is infinite; the message names the column
     */
    public AbcModel fit(AccountTable table) {
      Objects.requireNonNull(table, "table");
      if (column == null) {
        throw new IllegalStateException("AbcModel needs a value: call value(column).");
      }
      double[] t = spec.thresholds();
      AbcRule r = spec.rule();
      int k = t.length + 1;
      List<String> ids = spec.ids();
      spec.checkComplete();
      int n = table.rowCount();
      if (n == 0) {
        throw new DataValidationException("Cannot fit an ABC model on column '" + column
            + "': the table is empty (0 accounts).", null, column, -1, null);
      }
      double[] v = new double[n];
      numericColumn(table, column).copyTo(0, v, 0, n);
      double[] pos = new double[n];
      int m = 0;
      int present = 0;
      for (int i = 0; i < n; i++) {
        double x = v[i];
        if (Double.isNaN(x)) {
          continue;
        }
        if (Double.isInfinite(x)) {
          throw new DataValidationException("Cannot fit an ABC model on column '" + column
              + "': account \"" + table.id(i) + "\" (row " + i + ") has value " + x
              + "; expected a finite number.", table.id(i), column, -1, null);
        }
        present++;
        if (x > 0) {
          pos[m++] = x;
        }
      }
      if (present == 0) {
        throw new DataValidationException("Cannot fit an ABC model on column '" + column
            + "': all " + n + " values are missing.", null, column, -1, null);
      }
      double[] sorted = Arrays.copyOf(pos, m);
      Arrays.sort(sorted);
      double total = 0;
      for (int i = m - 1; i >= 0; i--) {
        total += sorted[i];
      }
      if (Double.isInfinite(total)) {
        throw new DataValidationException("Cannot fit an ABC model on column '" + column
            + "': the total of the positive values overflows; expected a finite sum.",
            null, column, -1, null);
      }
      double[] cut = new double[k - 1];
      Arrays.fill(cut, Double.NaN);
      long[] counts = new long[k];
      double cum = 0;
      int i = m - 1;
      while (i >= 0) {
        double value = sorted[i];
        double before = cum;
        int size = 0;
        while (i >= 0 && sorted[i] == value) {
          cum += sorted[i];
          i--;
          size++;
        }
        int c = BinFitSpec.abcClass(r, t, before, cum, total);
        if (c < k - 1) {
          cut[c] = value;
        }
        counts[c] += size;
      }
      counts[k - 1] += present - m;
      for (int c = 0; c < k - 1; c++) {
        if (Double.isNaN(cut[c])) {
          cut[c] = c == 0 ? Double.POSITIVE_INFINITY : cut[c - 1];
        }
      }
      List<String> notes = BinFitSpec.abcWarnings(column, ids, counts, m, present);
      return of(column, r, t, cut, ids, spec.names(), notes);
    }

    /**
     * Lists every setting on one line.
     *
     * @return for example {@code AbcModel.Builder[value=revenue, thresholds=[0.8, 0.95],
     *     rule=PRIMARY, names=default]}
     */
    @Override
    public String toString() {
      return "AbcModel.Builder[value=" + (column == null ? "unset" : column) + ", "
          + spec.describe() + "]";
    }
  }
}
