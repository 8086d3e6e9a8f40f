package dev.segmentation.core.profile;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.UnassignedReason;
import dev.segmentation.core.criteria.QuantileMethod;
import dev.segmentation.core.internal.TextTable;
import dev.segmentation.core.model.Assignment;
import dev.segmentation.core.model.Segment;
import dev.segmentation.core.profile.SegmentProfile.CategoryCount;
import dev.segmentation.core.profile.SegmentProfile.CategoryStats;
import dev.segmentation.core.profile.SegmentProfile.NumericStats;
import dev.segmentation.core.profile.SegmentProfile.ValueShare;
import dev.segmentation.core.table.CategoricalColumn;
import dev.segmentation.core.table.Column;
import dev.segmentation.core.table.ColumnType;
import dev.segmentation.core.table.NumericColumn;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.statistics.descriptive.Max;
import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.Min;
import org.apache.commons.statistics.descriptive.Sum;

/**
 * Profiles of the segments of a {@link Segmentation}: for every segment (and for the unassigned
 * accounts of every {@link UnassignedReason}) the number and share of accounts, statistics of numeric
 * columns, shares of value columns and the top categories of categorical columns.
 *
 * <pre>{@code
 * Segmentation seg = model.assign(accounts);
 * System.out.println(SegmentProfiles.of(seg));           // one row per segment, means per column
 *
 * SegmentProfiles p = SegmentProfiles.builder(seg)
 *     .columns("Fresh", "Milk", "Region")
 *     .valueColumns("revenue")
 *     .topCategories(3)
 *     .build();
 * double revenueShareOfA = p.segment("A").valueShare("revenue").share();
 * p.writeCsv(Path.of("profiles.csv"));                  // long form, one statistic per line
 * String json = ModelJson.write(p);                     // kind "segment-profiles"
 * }</pre>
 *
 * <h2>Definitions</h2>
 *
 * <ul>
 *   <li><b>Row groups.</b> One {@link SegmentProfile} per segment of the segmentation, in model order,
 *       empty segments included ({@link #segments()}); then one per {@link UnassignedReason} that
 *       occurs, in enum order ({@link #unassigned()}). Every account belongs to exactly one group.
 *   <li><b>Account share</b> = group count / number of accounts of the table (unassigned included), so
 *       the shares of all groups sum to 1; {@code NaN} for an empty table.
 *   <li><b>Numeric statistics</b> (see {@link NumericStats}): count of non-missing values, missing
 *       count, sum (extended precision), mean, median (Hyndman–Fan type 7, the R and numpy default),
 *       min and max over the non-missing values of the group; {@code NaN} when the group has no
 *       non-missing value (the sum is then 0).
 *   <li><b>Value share</b> (see {@link ValueShare}) = group sum / sum over all assigned accounts,
 *       missing values contributing nothing; unassigned accounts are outside the total and their
 *       groups report {@code NaN}.
 *   <li><b>Top categories</b> (see {@link CategoryStats}): the {@link #topCategories()} most frequent
 *       labels of the group with a count above zero, by decreasing count, ties broken by label in
 *       {@link String#compareTo(String)} order; share = count / group count.
 * </ul>
 *
 * <p>Profiles are computed once, when built; they keep no reference to the segmentation or the table.
 * Instances are immutable and safe to share between threads.
 *
 * @since 0.1
 */
public final class SegmentProfiles {

  /** The number of top categories reported per categorical column unless set otherwise. */
  public static final int DEFAULT_TOP_CATEGORIES = 3;

  /** The CSV header of {@link #toCsv(Writer)}. */
  static final List<String> CSV_HEADER =
      List.of("segment_id", "segment_name", "column", "statistic", "value");

  private static final int PRINTED_GROUPS = 20;
  private static final int PRINTED_WIDTH = 120;

  private final int accountCount;
  private final int assignedCount;
  private final List<String> numericColumns;
  private final List<String> valueColumns;
  private final List<String> categoricalColumns;
  private final int topCategories;
  private final List<SegmentProfile> segments;
  private final List<SegmentProfile> unassigned;

  private SegmentProfiles(
      int accountCount,
      int assignedCount,
      List<String> numericColumns,
      List<String> valueColumns,
      List<String> categoricalColumns,
      int topCategories,
      List<SegmentProfile> segments,
      List<SegmentProfile> unassigned) {
    this.accountCount = accountCount;
    this.assignedCount = assignedCount;
    this.numericColumns = List.copyOf(numericColumns);
    this.valueColumns = List.copyOf(valueColumns);
    this.categoricalColumns = List.copyOf(categoricalColumns);
    this.topCategories = topCategories;
    this.segments = List.copyOf(segments);
    this.unassigned = List.copyOf(unassigned);
  }

  /**
   * Profiles every numeric and categorical column of the segmentation's table (in table order; date
   * columns are skipped), without value columns, with the {@value #DEFAULT_TOP_CATEGORIES} top
   * categories.
   *
   * @param segmentation the segmentation to profile
   * @return the profiles
   */
  public static SegmentProfiles of(Segmentation segmentation) {
    return builder(segmentation).build();
  }

  /**
   * Starts a builder for choosing columns, value columns and the number of top categories.
   *
   * @param segmentation the segmentation to profile
   * @return a new builder
   */
  public static Builder builder(Segmentation segmentation) {
    return new Builder(Objects.requireNonNull(segmentation, "segmentation"));
  }

  /**
   * Returns the number of accounts of the profiled table.
   *
   * @return the number of accounts, unassigned included
   */
  public int accountCount() {
    return accountCount;
  }

  /**
   * Returns the number of accounts that have a segment.
   *
   * @return the number of assigned accounts
   */
  public int assignedCount() {
    return assignedCount;
  }

  /**
   * Returns the profiled numeric columns: the chosen ones (or all numeric columns), followed by value
   * columns that were not chosen.
   *
   * @return an unmodifiable list of names
   */
  public List<String> numericColumns() {
    return numericColumns;
  }

  /**
   * Returns the value columns whose shares are reported.
   *
   * @return an unmodifiable list of names, possibly empty
   */
  public List<String> valueColumns() {
    return valueColumns;
  }

  /**
   * Returns the profiled categorical columns.
   *
   * @return an unmodifiable list of names
   */
  public List<String> categoricalColumns() {
    return categoricalColumns;
  }

  /**
   * Returns the largest number of top categories reported per categorical column.
   *
   * @return the number, {@code >= 0}
   */
  public int topCategories() {
    return topCategories;
  }

  /**
   * Returns one profile per segment, in model order, empty segments included.
   *
   * @return an unmodifiable list
   */
  public List<SegmentProfile> segments() {
    return segments;
  }

  /**
   * Returns one profile per {@link UnassignedReason} that occurs, in enum order.
   *
   * @return an unmodifiable list, empty when every account has a segment
   */
  public List<SegmentProfile> unassigned() {
    return unassigned;
  }

  /**
   * Returns every row group: the segments, then the unassigned groups.
   *
   * @return an unmodifiable list
   */
  public List<SegmentProfile> all() {
    List<SegmentProfile> out = new ArrayList<>(segments.size() + unassigned.size());
    out.addAll(segments);
    out.addAll(unassigned);
    return List.copyOf(out);
  }

  /**
   * Returns the profile of a segment.
   *
   * @param segmentId a segment id
   * @return the profile
   * @throws IllegalArgumentException when no segment has that id; the message lists the ids
   */
  public SegmentProfile segment(String segmentId) {
    return findSegment(segmentId).orElseThrow(() -> new IllegalArgumentException(
        "Unknown segment id '" + segmentId + "'; segments are: "
            + String.join(", ", segments.stream().map(SegmentProfile::id).toList()) + "."));
  }

  /**
   * Looks up the profile of a segment.
   *
   * @param segmentId a segment id
   * @return the profile of the first segment with that id, or empty
   */
  public Optional<SegmentProfile> findSegment(String segmentId) {
    Objects.requireNonNull(segmentId, "segmentId");
    return segments.stream().filter(p -> p.id().equals(segmentId)).findFirst();
  }

  /**
   * Returns the profile of the unassigned accounts of one reason.
   *
   * @param reason the reason
   * @return the profile, or empty when no account was left unassigned for that reason
   */
  public Optional<SegmentProfile> unassigned(UnassignedReason reason) {
    Objects.requireNonNull(reason, "reason");
    return unassigned.stream().filter(p -> p.unassignedReason().orElseThrow() == reason).findFirst();
  }

  /**
   * Writes the profiles as CSV in long ("tidy") form, one statistic per line, to a writer that is
   * flushed but not closed.
   *
   * <p>Header {@code segment_id,segment_name,column,statistic,value}. Row groups in the order of
   * {@link #all()}: a segment's id and name, or for unassigned accounts the reason's constant name
   * (such as {@code MISSING_VALUE}) and {@value SegmentProfile#UNASSIGNED_NAME}. Per group, in this
   * order:
   *
   * <ol>
   *   <li>{@code accounts} and {@code account_share}, with an empty {@code column};
   *   <li>per numeric column: {@code count}, {@code missing}, {@code sum}, {@code mean},
   *       {@code median}, {@code min}, {@code max};
   *   <li>per value column: {@code value_share};
   *   <li>per categorical column: {@code missing}, then for each top category in rank order
   *       {@code count:LABEL} and {@code share:LABEL} (the label follows the first colon).
   * </ol>
   *
   * <p>Values are written in {@link Locale#ROOT} form that reads back exactly with
   * {@link Double#parseDouble(String)}: integers without a decimal point, other numbers as
   * {@link Double#toString(double)}; {@code NaN} (for example the mean of an all-missing column) is an
   * empty cell. Fields are quoted only when needed; lines end with LF.
   *
   * @param writer the destination
   * @throws UncheckedIOException when the writer fails
   */
  public void toCsv(Writer writer) {
    Objects.requireNonNull(writer, "writer");
    Exports.csv(writer, CSV_HEADER, this::csvRows);
  }

  /**
   * Writes the profiles as a UTF-8 CSV file in the form of {@link #toCsv(Writer)}.
   *
   * @param path the file, created or replaced
   * @throws UncheckedIOException when the file cannot be written; the message names the path
   */
  public void writeCsv(Path path) {
    Objects.requireNonNull(path, "path");
    Exports.csv(path, CSV_HEADER, this::csvRows);
  }

  private void csvRows(Exports.RowSink out) throws java.io.IOException {
    for (SegmentProfile p : all()) {
      String id = p.id();
      String name = p.name();
      out.row(id, name, "", "accounts", Integer.toString(p.accountCount()));
      out.row(id, name, "", "account_share", Exports.number(p.accountShare()));
      for (NumericStats s : p.numeric()) {
        String c = s.column();
        out.row(id, name, c, "count", Integer.toString(s.count()));
        out.row(id, name, c, "missing", Integer.toString(s.missing()));
        out.row(id, name, c, "sum", Exports.number(s.sum()));
        out.row(id, name, c, "mean", Exports.number(s.mean()));
        out.row(id, name, c, "median", Exports.number(s.median()));
        out.row(id, name, c, "min", Exports.number(s.min()));
        out.row(id, name, c, "max", Exports.number(s.max()));
      }
      for (ValueShare v : p.valueShares()) {
        out.row(id, name, v.column(), "value_share", Exports.number(v.share()));
      }
      for (CategoryStats cs : p.categorical()) {
        out.row(id, name, cs.column(), "missing", Integer.toString(cs.missing()));
        for (CategoryCount cc : cs.top()) {
          out.row(id, name, cs.column(), "count:" + cc.label(), Integer.toString(cc.count()));
          out.row(id, name, cs.column(), "share:" + cc.label(), Exports.number(cc.share()));
        }
      }
    }
  }

  /**
   * Compares counts, column lists, the number of top categories and every profile.
   *
   * @param o the other object
   * @return {@code true} when both hold the same profiles
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof SegmentProfiles other
        && accountCount == other.accountCount
        && assignedCount == other.assignedCount
        && topCategories == other.topCategories
        && numericColumns.equals(other.numericColumns)
        && valueColumns.equals(other.valueColumns)
        && categoricalColumns.equals(other.categoricalColumns)
        && segments.equals(other.segments)
        && unassigned.equals(other.unassigned);
  }

  @Override
  public int hashCode() {
    return Objects.hash(accountCount, assignedCount, topCategories, numericColumns, valueColumns,
        categoricalColumns, segments, unassigned);
  }

  /**
   * Prints one row per segment, then one per unassigned reason, as an aligned text table: name, id,
   * accounts and share of accounts, then the share of each value column, the mean of each numeric
   * column and the top category of each categorical column with its share, in that order of priority.
   * At most 20 row groups are shown, and statistic columns only while a line stays within about 120
   * characters (at least one is always shown); a footer names what was left out, which
   * {@link #segment(String)}, {@link SegmentProfile#toString()} and {@link #toCsv(Writer)} give in
   * full. Numbers are right-aligned with a fixed number of decimals per column; {@code NA} marks a
   * value that is not defined (such as the mean of an empty segment).
   *
   * @return the text table
   */
  @Override
  public String toString() {
    List<SegmentProfile> groups = all();
    int g = Math.min(PRINTED_GROUPS, groups.size());
    List<String> headers = new ArrayList<>(List.of("segment", "id", "accounts", "share"));
    List<Boolean> right = new ArrayList<>(List.of(false, false, true, true));
    List<String[]> cells = new ArrayList<>();
    String[][] fixed = new String[4][g];
    for (int i = 0; i < g; i++) {
      SegmentProfile p = groups.get(i);
      fixed[0][i] = p.name();
      fixed[1][i] = p.id();
      fixed[2][i] = Integer.toString(p.accountCount());
      fixed[3][i] = Exports.percent(p.accountShare());
    }
    cells.addAll(Arrays.asList(fixed));
    int width = 0;
    for (int k = 0; k < 4; k++) {
      width += (k == 0 ? 0 : 2) + width(headers.get(k), cells.get(k));
    }
    List<String> hidden = new ArrayList<>();
    for (int j = 0; j < valueColumns.size(); j++) {
      String[] c = new String[g];
      for (int i = 0; i < g; i++) {
        c[i] = Exports.percent(groups.get(i).valueShares().get(j).share());
      }
      width = offer(valueColumns.get(j) + " share", c, true, width, headers, right, cells, hidden);
    }
    for (int j = 0; j < numericColumns.size(); j++) {
      double[] means = new double[g];
      for (int i = 0; i < g; i++) {
        means[i] = groups.get(i).numeric().get(j).mean();
      }
      width = offer(numericColumns.get(j) + " mean", TextTable.formatNumbers(means), true, width,
          headers, right, cells, hidden);
    }
    for (int j = 0; j < categoricalColumns.size(); j++) {
      String[] c = new String[g];
      for (int i = 0; i < g; i++) {
        List<CategoryCount> top = groups.get(i).categorical().get(j).top();
        c[i] = top.isEmpty()
            ? "-"
            : top.get(0).label() + " (" + Exports.percent(top.get(0).share()) + ")";
      }
      width = offer(categoricalColumns.get(j) + " top", c, false, width, headers, right, cells, hidden);
    }
    boolean[] align = new boolean[right.size()];
    for (int k = 0; k < align.length; k++) {
      align[k] = right.get(k);
    }
    TextTable t = new TextTable(headers, align);
    for (int i = 0; i < g; i++) {
      String[] row = new String[headers.size()];
      for (int k = 0; k < row.length; k++) {
        row[k] = cells.get(k)[i];
      }
      t.addRow(row);
    }
    StringBuilder sb = new StringBuilder();
    int unassignedCount = accountCount - assignedCount;
    sb.append("SegmentProfiles: ").append(accountCount)
        .append(accountCount == 1 ? " account, " : " accounts, ")
        .append(segments.size()).append(segments.size() == 1 ? " segment, " : " segments, ")
        .append(unassignedCount).append(" unassigned\n");
    sb.append(t.render());
    if (groups.size() > g) {
      sb.append("... ").append(groups.size() - g).append(" more row groups\n");
    }
    if (!hidden.isEmpty()) {
      StringBuilder footer = new StringBuilder("... ").append(hidden.size())
          .append(hidden.size() == 1 ? " more column: " : " more columns: ");
      for (int k = 0; k < hidden.size(); k++) {
        String next = (k == 0 ? "" : ", ") + hidden.get(k);
        if (k > 0 && footer.length() + next.length() > PRINTED_WIDTH - 5) {
          footer.append(", ...");
          break;
        }
        footer.append(next);
      }
      sb.append(footer).append('\n');
    }
    return sb.toString();
  }

  /** Adds a statistic column when the line stays within the width budget (or none was added yet). */
  private static int offer(String header, String[] column, boolean rightAligned, int width,
      List<String> headers, List<Boolean> right, List<String[]> cells, List<String> hidden) {
    int w = 2 + width(header, column);
    boolean first = headers.size() == 4;
    if (!hidden.isEmpty() || (!first && width + w > PRINTED_WIDTH)) {
      hidden.add(header);
      return width;
    }
    headers.add(header);
    right.add(rightAligned);
    cells.add(column);
    return width + w;
  }

  private static int width(String header, String[] column) {
    int w = Math.min(header.length(), TextTable.MAX_CELL);
    for (String c : column) {
      w = Math.max(w, Math.min(c.length(), TextTable.MAX_CELL));
    }
    return w;
  }

  /**
   * Builder of {@link SegmentProfiles}. Column names are checked against the table in
   * {@link #build()}.
   *
   * <p>Builders are mutable and not thread-safe; {@link #build()} computes new profiles each time, so
   * a builder may be reused.
   *
   * @since 0.1
   */
  public static final class Builder {

    private final Segmentation segmentation;
    private List<String> columns;
    private List<String> valueColumns = List.of();
    private int topCategories = DEFAULT_TOP_CATEGORIES;

    private Builder(Segmentation segmentation) {
      this.segmentation = segmentation;
    }

    /**
     * Chooses the profiled columns, numeric or categorical, in the given order (default: every numeric
     * and categorical column of the table, in table order). Replaces an earlier choice; no names means
     * that only counts and value shares are reported.
     *
     * @param names column names, distinct
     * @return this builder
     * @throws IllegalArgumentException when a name repeats
     */
    public Builder columns(String... names) {
      this.columns = distinct("columns", names);
      return this;
    }

    /**
     * Names the value columns (for example revenue or potential) whose share per segment is reported;
     * see {@link ValueShare} for the definition. A value column is also profiled as a numeric column,
     * after the chosen columns when it is not one of them. Replaces an earlier choice; default none.
     *
     * @param names numeric column names, distinct
     * @return this builder
     * @throws IllegalArgumentException when a name repeats
     */
    public Builder valueColumns(String... names) {
      this.valueColumns = distinct("valueColumns", names);
      return this;
    }

    /**
     * Sets how many of the most frequent categories are reported per categorical column (default
     * {@value SegmentProfiles#DEFAULT_TOP_CATEGORIES}).
     *
     * @param count the number of categories, {@code >= 0}
     * @return this builder
     * @throws IllegalArgumentException when {@code count} is negative
     */
    public Builder topCategories(int count) {
      if (count < 0) {
        throw new IllegalArgumentException(
            "SegmentProfiles.topCategories must be >= 0, was " + count + ".");
      }
      this.topCategories = count;
      return this;
    }

    private static List<String> distinct(String what, String... names) {
      Objects.requireNonNull(names, "names");
      Set<String> seen = new LinkedHashSet<>();
      for (String n : names) {
        Objects.requireNonNull(n, "names contains null");
        if (!seen.add(n)) {
          throw new IllegalArgumentException(
              "Column '" + n + "' is named twice in " + what + "(...); names must be distinct.");
        }
      }
      return List.copyOf(seen);
    }

    /**
     * Computes the profiles.
     *
     * @return new, immutable profiles
     * @throws IllegalArgumentException when a column does not exist (the message lists the columns),
     *     a chosen column is a date column, or a value column is not numeric
     */
    public SegmentProfiles build() {
      AccountTable table = segmentation.table();
      List<String> numeric = new ArrayList<>();
      List<String> categorical = new ArrayList<>();
      if (columns == null) {
        for (Column c : table.columns()) {
          if (c.type() == ColumnType.NUMERIC) {
            numeric.add(c.name());
          } else if (c.type() == ColumnType.CATEGORICAL) {
            categorical.add(c.name());
          }
        }
      } else {
        for (String name : columns) {
          Column c = table.column(name);
          switch (c.type()) {
            case NUMERIC -> numeric.add(name);
            case CATEGORICAL -> categorical.add(name);
            default -> throw new IllegalArgumentException(
                "Column '" + name + "' is " + c.type() + "; profiles cover NUMERIC and CATEGORICAL"
                    + " columns.");
          }
        }
      }
      for (String name : valueColumns) {
        Column c = table.column(name);
        if (c.type() != ColumnType.NUMERIC) {
          throw new IllegalArgumentException(
              "Value column '" + name + "' is " + c.type() + ", expected NUMERIC.");
        }
        if (!numeric.contains(name)) {
          numeric.add(name);
        }
      }
      return compute(segmentation, numeric, valueColumns, categorical, topCategories);
    }
  }

  private static SegmentProfiles compute(
      Segmentation seg,
      List<String> numericNames,
      List<String> valueNames,
      List<String> categoricalNames,
      int top) {
    AccountTable table = seg.table();
    int n = table.rowCount();
    List<Segment> segs = seg.segments();
    UnassignedReason[] reasons = UnassignedReason.values();
    // groups 0..k-1 are segments, k.. are reasons in enum order
    int k = segs.size();
    int[] groupOf = new int[n];
    int[] sizes = new int[k + reasons.length];
    for (int i = 0; i < n; i++) {
      int s = seg.segmentIndex(i);
      int group = s != Assignment.UNASSIGNED
          ? s
          : k + seg.assignment(i).unassignedReason().orElseThrow().ordinal();
      groupOf[i] = group;
      sizes[group]++;
    }
    int[][] rows = new int[sizes.length][];
    for (int gi = 0; gi < sizes.length; gi++) {
      rows[gi] = new int[sizes[gi]];
    }
    int[] fill = new int[sizes.length];
    for (int i = 0; i < n; i++) {
      rows[groupOf[i]][fill[groupOf[i]]++] = i;
    }
    int assigned = 0;
    for (int gi = 0; gi < k; gi++) {
      assigned += sizes[gi];
    }

    NumericColumn[] numCols = new NumericColumn[numericNames.size()];
    for (int j = 0; j < numCols.length; j++) {
      numCols[j] = table.numeric(numericNames.get(j));
    }
    CategoricalColumn[] catCols = new CategoricalColumn[categoricalNames.size()];
    for (int j = 0; j < catCols.length; j++) {
      catCols[j] = table.categorical(categoricalNames.get(j));
    }
    double[] valueTotals = new double[valueNames.size()];
    for (int j = 0; j < valueTotals.length; j++) {
      NumericColumn c = table.numeric(valueNames.get(j));
      Sum total = Sum.create();
      for (int gi = 0; gi < k; gi++) {
        for (int r : rows[gi]) {
          double v = c.get(r);
          if (!Double.isNaN(v)) {
            total.accept(v);
          }
        }
      }
      valueTotals[j] = total.getAsDouble();
    }

    List<SegmentProfile> segmentProfiles = new ArrayList<>(k);
    List<SegmentProfile> unassignedProfiles = new ArrayList<>();
    for (int gi = 0; gi < sizes.length; gi++) {
      boolean isSegment = gi < k;
      if (!isSegment && sizes[gi] == 0) {
        continue;
      }
      int[] groupRows = rows[gi];
      List<NumericStats> stats = new ArrayList<>(numCols.length);
      for (NumericColumn c : numCols) {
        stats.add(numericStats(c, groupRows));
      }
      List<ValueShare> shares = new ArrayList<>(valueNames.size());
      for (int j = 0; j < valueNames.size(); j++) {
        String name = valueNames.get(j);
        double sum = stats.get(numericNames.indexOf(name)).sum();
        double total = valueTotals[j];
        double share = isSegment && total != 0 && Double.isFinite(total) ? sum / total : Double.NaN;
        shares.add(new ValueShare(name, sum, share));
      }
      List<CategoryStats> cats = new ArrayList<>(catCols.length);
      for (CategoricalColumn c : catCols) {
        cats.add(categoryStats(c, groupRows, top));
      }
      double share = n == 0 ? Double.NaN : (double) groupRows.length / n;
      if (isSegment) {
        segmentProfiles.add(
            SegmentProfile.ofSegment(segs.get(gi), groupRows.length, share, stats, shares, cats));
      } else {
        unassignedProfiles.add(SegmentProfile.ofUnassigned(
            reasons[gi - k], groupRows.length, share, stats, shares, cats));
      }
    }
    return new SegmentProfiles(n, assigned, numericNames, valueNames, categoricalNames, top,
        segmentProfiles, unassignedProfiles);
  }

  private static NumericStats numericStats(NumericColumn c, int[] rows) {
    double[] v = new double[rows.length];
    int m = 0;
    for (int r : rows) {
      double x = c.get(r);
      if (!Double.isNaN(x)) {
        v[m++] = x;
      }
    }
    int missing = rows.length - m;
    if (m == 0) {
      return new NumericStats(c.name(), 0, missing, 0.0, Double.NaN, Double.NaN, Double.NaN,
          Double.NaN);
    }
    double[] x = m == v.length ? v : Arrays.copyOf(v, m);
    return new NumericStats(
        c.name(),
        m,
        missing,
        Sum.of(x).getAsDouble(),
        Mean.of(x).getAsDouble(),
        QuantileMethod.TYPE_7.quantile(x, 0.5),
        Min.of(x).getAsDouble(),
        Max.of(x).getAsDouble());
  }

  private static CategoryStats categoryStats(CategoricalColumn c, int[] rows, int top) {
    List<String> levels = c.levels();
    int[] counts = new int[levels.size()];
    int missing = 0;
    for (int r : rows) {
      int code = c.code(r);
      if (code == CategoricalColumn.MISSING_CODE) {
        missing++;
      } else {
        counts[code]++;
      }
    }
    List<Integer> used = new ArrayList<>();
    for (int code = 0; code < counts.length; code++) {
      if (counts[code] > 0) {
        used.add(code);
      }
    }
    used.sort(Comparator.<Integer>comparingInt(code -> -counts[code])
        .thenComparing(code -> levels.get(code)));
    List<CategoryCount> out = new ArrayList<>(Math.min(top, used.size()));
    for (int i = 0; i < used.size() && i < top; i++) {
      int code = used.get(i);
      out.add(new CategoryCount(levels.get(code), counts[code], (double) counts[code] / rows.length));
    }
    return new CategoryStats(c.name(), missing, out);
  }
}
