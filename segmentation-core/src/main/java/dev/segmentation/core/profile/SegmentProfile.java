package dev.segmentation.core.profile;

import dev.segmentation.core.UnassignedReason;
import dev.segmentation.core.internal.TextTable;
import dev.segmentation.core.model.Segment;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The profile of one row group of a {@link SegmentProfiles}: a segment, or the unassigned accounts of
 * one {@link UnassignedReason}. It holds the number and share of accounts, statistics of numeric
 * columns, value shares and the top categories of categorical columns; the definitions are given on
 * {@link SegmentProfiles} and on the nested records.
 *
 * <pre>{@code
 * SegmentProfile a = SegmentProfiles.of(seg).segment("A");
 * double meanFresh = a.numeric("Fresh").mean();
 * List<SegmentProfile.CategoryCount> regions = a.categorical("Region").top();
 * }</pre>
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @since 0.1
 */
public final class SegmentProfile {

  /** The name shown for row groups of unassigned accounts, in text tables and exports. */
  public static final String UNASSIGNED_NAME = "(unassigned)";

  private final Segment segment;
  private final UnassignedReason reason;
  private final int accountCount;
  private final double accountShare;
  private final List<NumericStats> numeric;
  private final List<ValueShare> valueShares;
  private final List<CategoryStats> categorical;

  private SegmentProfile(
      Segment segment,
      UnassignedReason reason,
      int accountCount,
      double accountShare,
      List<NumericStats> numeric,
      List<ValueShare> valueShares,
      List<CategoryStats> categorical) {
    this.segment = segment;
    this.reason = reason;
    this.accountCount = accountCount;
    this.accountShare = accountShare;
    this.numeric = List.copyOf(numeric);
    this.valueShares = List.copyOf(valueShares);
    this.categorical = List.copyOf(categorical);
  }

  static SegmentProfile ofSegment(
      Segment segment,
      int accountCount,
      double accountShare,
      List<NumericStats> numeric,
      List<ValueShare> valueShares,
      List<CategoryStats> categorical) {
    return new SegmentProfile(
        Objects.requireNonNull(segment, "segment"), null, accountCount, accountShare, numeric,
        valueShares, categorical);
  }

  static SegmentProfile ofUnassigned(
      UnassignedReason reason,
      int accountCount,
      double accountShare,
      List<NumericStats> numeric,
      List<ValueShare> valueShares,
      List<CategoryStats> categorical) {
    return new SegmentProfile(
        null, Objects.requireNonNull(reason, "reason"), accountCount, accountShare, numeric,
        valueShares, categorical);
  }

  /**
   * Returns the segment of this row group.
   *
   * @return the segment, or empty for a group of unassigned accounts
   */
  public Optional<Segment> segment() {
    return Optional.ofNullable(segment);
  }

  /**
   * Returns the reason shared by the accounts of an unassigned row group.
   *
   * @return the reason, or empty for a segment
   */
  public Optional<UnassignedReason> unassignedReason() {
    return Optional.ofNullable(reason);
  }

  /**
   * Tells whether this row group holds unassigned accounts.
   *
   * @return {@code true} for a group of unassigned accounts, {@code false} for a segment
   */
  public boolean isUnassigned() {
    return segment == null;
  }

  /**
   * Returns the id of the row group as written in exports: the segment id, or for unassigned
   * accounts the {@link UnassignedReason} constant name (for example {@code "MISSING_VALUE"}).
   *
   * @return the id
   */
  public String id() {
    return segment != null ? segment.id() : reason.name();
  }

  /**
   * Returns the name of the row group as written in exports: the segment name, or
   * {@value #UNASSIGNED_NAME} for unassigned accounts.
   *
   * @return the name
   */
  public String name() {
    return segment != null ? segment.name() : UNASSIGNED_NAME;
  }

  /**
   * Returns the number of accounts in the row group.
   *
   * @return the count, {@code >= 0}
   */
  public int accountCount() {
    return accountCount;
  }

  /**
   * Returns the share of accounts: {@link #accountCount()} divided by the number of accounts of the
   * table, unassigned accounts included. The shares of all row groups (segments and unassigned groups)
   * sum to 1.
   *
   * @return the share in {@code [0, 1]}, or {@code NaN} when the table is empty
   */
  public double accountShare() {
    return accountShare;
  }

  /**
   * Returns the statistics of every profiled numeric column, in the order of
   * {@link SegmentProfiles#numericColumns()}.
   *
   * @return an unmodifiable list
   */
  public List<NumericStats> numeric() {
    return numeric;
  }

  /**
   * Returns the statistics of one numeric column.
   *
   * @param column a profiled numeric column
   * @return its statistics
   * @throws IllegalArgumentException when the column is not a profiled numeric column; the message
   *     lists those that are
   */
  public NumericStats numeric(String column) {
    return find(numeric, NumericStats::column, "numeric", column);
  }

  /**
   * Returns the value shares of every value column, in the order of
   * {@link SegmentProfiles#valueColumns()}.
   *
   * @return an unmodifiable list
   */
  public List<ValueShare> valueShares() {
    return valueShares;
  }

  /**
   * Returns the value share of one value column.
   *
   * @param column a value column
   * @return its share
   * @throws IllegalArgumentException when the column is not a value column; the message lists those
   *     that are
   */
  public ValueShare valueShare(String column) {
    return find(valueShares, ValueShare::column, "value", column);
  }

  /**
   * Returns the statistics of every profiled categorical column, in the order of
   * {@link SegmentProfiles#categoricalColumns()}.
   *
   * @return an unmodifiable list
   */
  public List<CategoryStats> categorical() {
    return categorical;
  }

  /**
   * Returns the statistics of one categorical column.
   *
   * @param column a profiled categorical column
   * @return its statistics
   * @throws IllegalArgumentException when the column is not a profiled categorical column; the message
   *     lists those that are
   */
  public CategoryStats categorical(String column) {
    return find(categorical, CategoryStats::column, "categorical", column);
  }

  private static <T> T find(
      List<T> items, java.util.function.Function<T, String> columnOf, String kind, String column) {
    Objects.requireNonNull(column, "column");
    for (T item : items) {
      if (columnOf.apply(item).equals(column)) {
        return item;
      }
    }
    throw new IllegalArgumentException(
        unknown(kind, column, items.stream().map(columnOf).toList()));
  }

  private static String unknown(String kind, String column, List<String> names) {
    return "Column '" + column + "' is not a profiled " + kind + " column; " + kind + " columns are: "
        + (names.isEmpty() ? "(none)" : String.join(", ", names)) + ".";
  }

  /**
   * Compares segment or reason, counts, shares and every statistic ({@code NaN} equals {@code NaN}).
   *
   * @param o the other object
   * @return {@code true} when both profiles hold the same values
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof SegmentProfile other
        && Objects.equals(segment, other.segment)
        && reason == other.reason
        && accountCount == other.accountCount
        && Double.compare(accountShare, other.accountShare) == 0
        && numeric.equals(other.numeric)
        && valueShares.equals(other.valueShares)
        && categorical.equals(other.categorical);
  }

  @Override
  public int hashCode() {
    return Objects.hash(segment, reason, accountCount, Double.hashCode(accountShare), numeric,
        valueShares, categorical);
  }

  /**
   * Prints the row group as aligned text tables: a heading with count and share, one row per numeric
   * column (count, missing, sum, mean, median, min, max), then value shares and top categories.
   *
   * @return the text
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append("SegmentProfile ").append(name()).append(" [").append(id()).append("]: ")
        .append(accountCount).append(accountCount == 1 ? " account, " : " accounts, ")
        .append(Exports.percent(accountShare)).append(" of all\n");
    if (!numeric.isEmpty()) {
      TextTable t = new TextTable(
          List.of("column", "count", "missing", "sum", "mean", "median", "min", "max"),
          new boolean[] {false, true, true, true, true, true, true, true});
      int n = numeric.size();
      double[][] cols = new double[5][n];
      for (int j = 0; j < n; j++) {
        NumericStats s = numeric.get(j);
        cols[0][j] = s.sum();
        cols[1][j] = s.mean();
        cols[2][j] = s.median();
        cols[3][j] = s.min();
        cols[4][j] = s.max();
      }
      String[][] text = new String[5][];
      for (int k = 0; k < 5; k++) {
        text[k] = TextTable.formatNumbers(cols[k]);
      }
      for (int j = 0; j < n; j++) {
        NumericStats s = numeric.get(j);
        t.addRow(s.column(), Integer.toString(s.count()), Integer.toString(s.missing()), text[0][j],
            text[1][j], text[2][j], text[3][j], text[4][j]);
      }
      sb.append(t.render());
    }
    if (!valueShares.isEmpty()) {
      TextTable t = new TextTable(
          List.of("value column", "sum", "share"), new boolean[] {false, true, true});
      double[] sums = valueShares.stream().mapToDouble(ValueShare::sum).toArray();
      String[] text = TextTable.formatNumbers(sums);
      for (int j = 0; j < valueShares.size(); j++) {
        ValueShare v = valueShares.get(j);
        t.addRow(v.column(), text[j], Exports.percent(v.share()));
      }
      sb.append(t.render());
    }
    if (!categorical.isEmpty()) {
      TextTable t = new TextTable(
          List.of("categorical column", "rank", "category", "count", "share"),
          new boolean[] {false, true, false, true, true});
      for (CategoryStats c : categorical) {
        int rank = 1;
        for (CategoryCount cc : c.top()) {
          t.addRow(c.column(), Integer.toString(rank++), cc.label(), Integer.toString(cc.count()),
              Exports.percent(cc.share()));
        }
        t.addRow(c.column(), "", "(missing)", Integer.toString(c.missing()), "");
      }
      sb.append(t.render());
    }
    return sb.toString();
  }

  /**
   * Statistics of one numeric column over the accounts of a row group. Missing values ({@code NaN})
   * are counted in {@link #missing()} and left out of every other statistic; infinite values take part
   * with IEEE arithmetic (a sum of {@code +Infinity} and {@code -Infinity} is {@code NaN}).
   *
   * @param column the column name
   * @param count the number of non-missing values
   * @param missing the number of missing values; {@code count + missing} is the group's account count
   * @param sum the sum of the non-missing values, computed in extended precision and rounded once
   *     (Commons Statistics {@code Sum}); {@code 0} when there are none
   * @param mean the arithmetic mean of the non-missing values (Commons Statistics {@code Mean}, which
   *     does not overflow when the sum would); {@code NaN} when there are none
   * @param median the median by Hyndman–Fan type 7 (R's and numpy's default): the middle value for an
   *     odd count, the average of the two middle values for an even count; {@code NaN} when there are
   *     none
   * @param min the smallest non-missing value; {@code NaN} when there are none
   * @param max the largest non-missing value; {@code NaN} when there are none
   * @since 0.1
   */
  public record NumericStats(
      String column, int count, int missing, double sum, double mean, double median, double min,
      double max) {

    /**
     * Validates.
     *
     * @param column the column name
     * @param count the number of non-missing values, {@code >= 0}
     * @param missing the number of missing values, {@code >= 0}
     * @param sum the sum
     * @param mean the mean
     * @param median the median
     * @param min the minimum
     * @param max the maximum
     * @throws IllegalArgumentException when a count is negative
     */
    public NumericStats {
      Objects.requireNonNull(column, "column");
      if (count < 0 || missing < 0) {
        throw new IllegalArgumentException(
            "Column '" + column + "': count and missing must be >= 0, were " + count + " and "
                + missing + ".");
      }
    }
  }

  /**
   * The share of a value column (revenue, potential, ...) that falls into a row group.
   *
   * <p>{@code share = sum / total}, where {@code sum} is the group's sum of non-missing values and
   * {@code total} the sum of non-missing values over all <em>assigned</em> accounts (both in extended
   * precision). Missing values count as contributing nothing; unassigned accounts are not part of the
   * total, so the shares of the segments sum to 1. Negative values are kept as they are, so a share may
   * be negative or above 1. The share is {@code NaN} when the total is zero or not finite, and always
   * {@code NaN} for a group of unassigned accounts (whose value is outside the total; its
   * {@code sum} is still given).
   *
   * @param column the value column
   * @param sum the group's sum of non-missing values
   * @param share the group's share of the total over assigned accounts
   * @since 0.1
   */
  public record ValueShare(String column, double sum, double share) {

    /**
     * Validates.
     *
     * @param column the value column
     * @param sum the group's sum
     * @param share the share
     */
    public ValueShare {
      Objects.requireNonNull(column, "column");
    }
  }

  /**
   * The most frequent categories of one categorical column in a row group.
   *
   * @param column the column name
   * @param missing the number of accounts of the group whose value is missing
   * @param top at most {@link SegmentProfiles#topCategories()} categories with a count above zero,
   *     by decreasing count, ties broken by label in {@link String#compareTo(String)} order
   * @since 0.1
   */
  public record CategoryStats(String column, int missing, List<CategoryCount> top) {

    /**
     * Validates and copies.
     *
     * @param column the column name
     * @param missing the number of missing values, {@code >= 0}
     * @param top the categories; copied
     * @throws IllegalArgumentException when {@code missing} is negative
     */
    public CategoryStats {
      Objects.requireNonNull(column, "column");
      top = List.copyOf(top);
      if (missing < 0) {
        throw new IllegalArgumentException(
            "Column '" + column + "': missing must be >= 0, was " + missing + ".");
      }
    }
  }

  /**
   * One category of a row group.
   *
   * @param label the category label
   * @param count the number of accounts of the group with that label
   * @param share {@code count} divided by the group's account count (missing values included in the
   *     denominator)
   * @since 0.1
   */
  public record CategoryCount(String label, int count, double share) {

    /**
     * Validates.
     *
     * @param label the category label
     * @param count the count, {@code >= 0}
     * @param share the share
     * @throws IllegalArgumentException when {@code count} is negative
     */
    public CategoryCount {
      Objects.requireNonNull(label, "label");
      if (count < 0) {
        throw new IllegalArgumentException(
            "Category \"" + label + "\": count must be >= 0, was " + count + ".");
      }
    }
  }
}
