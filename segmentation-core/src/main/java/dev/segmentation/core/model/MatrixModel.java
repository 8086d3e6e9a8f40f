package dev.segmentation.core.model;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.Row;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.UnassignedReason;
import dev.segmentation.core.criteria.QuantileMethod;
import dev.segmentation.core.internal.TextTable;
import dev.segmentation.core.table.Column;
import dev.segmentation.core.table.NumericColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A segment model that cuts two numeric columns into bins and names the cells of the resulting grid,
 * such as the classic turnover &times; potential portfolio:
 *
 * <pre>
 *                     potential &lt;= 5e6   potential &gt; 5e6
 * turnover &lt;= 1e6     Harvest            Develop
 * turnover &gt; 1e6      Maintain           Strategic
 * </pre>
 *
 * <pre>{@code
 * MatrixModel model = MatrixModel.builder()
 *     .rowAxis("turnover").thresholds(1e6)
 *     .columnAxis("potential").quantiles(0.5)              // learned: the median, type 7
 *     .cells("Harvest", "Develop",                          // row bin 0: low turnover
 *            "Maintain", "Strategic")                       // row bin 1: high turnover
 *     .build()                                              // a Spec: configuration only
 *     .fit(training);                                       // learns the quantile thresholds
 * Segmentation seg = model.assign(accounts);
 * }</pre>
 *
 * <p><b>Bins.</b> An axis with thresholds {@code t1 < t2 < ... < tk} has {@code k + 1} bins; a value
 * {@code v} goes to bin {@code b} = the number of thresholds with {@code v > t}, so the bins are
 * {@code (-inf, t1], (t1, t2], ..., (tk, +inf)}: right-closed, and a value equal to a threshold goes to
 * the lower bin. {@code -Infinity} goes to the first bin, {@code +Infinity} to the last. An axis
 * without thresholds has one bin.
 *
 * <p><b>Learned thresholds.</b> {@code quantiles(p1, ..., pk)} learns {@code tk} as the
 * {@code pk}-quantile of the axis column's finite values in the table given to
 * {@link Spec#fit(AccountTable)}, with a {@link QuantileMethod} (default {@link QuantileMethod#TYPE_7},
 * as R and numpy). Learned thresholds must come out strictly increasing; ties that make two of them
 * equal are reported as a {@link DataValidationException}.
 *
 * <p><b>Cells and segments.</b> Every cell has a name; cells with the same name form one segment.
 * Segments are ordered by the first cell (row by row, from the lowest bins) that names them; a
 * segment's id is the {@linkplain RuleModel#slug(String) slug} of its name and its description is an
 * exact condition, for example {@code turnover <= 1000000 and potential > 5000000}.
 *
 * <p><b>Missing values.</b> An account whose value is missing ({@code NaN}) on either axis is
 * unassigned with {@link UnassignedReason#MISSING_VALUE}; the detail names the column(s).
 *
 * <p>Instances are immutable and safe to share between threads; {@code equals}/{@code hashCode}
 * compare axes (columns, thresholds, quantile settings) and cell names, so a JSON round trip gives an
 * equal model.
 *
 * @since 0.1
 */
public final class MatrixModel implements SegmentModel {

  /** The {@link #kind()} of matrix models, {@value}. */
  public static final String KIND = "matrix-model";

  private final Axis rowAxis;
  private final Axis columnAxis;
  private final List<List<String>> cells;
  private final int[] cellSegment; // row-major: rowBin * columnBins + columnBin
  private final List<Segment> segments;
  private final double[] rowThresholds;
  private final double[] columnThresholds;

  private MatrixModel(Axis rowAxis, Axis columnAxis, List<List<String>> cells) {
    this.rowAxis = rowAxis;
    this.columnAxis = columnAxis;
    int rows = rowAxis.binCount();
    int cols = columnAxis.binCount();
    List<List<String>> copy = new ArrayList<>();
    for (List<String> row : Objects.requireNonNull(cells, "cells")) {
      copy.add(List.copyOf(row));
    }
    if (copy.size() != rows) {
      throw new IllegalArgumentException("The grid needs " + rows + " rows of cells (row axis '"
          + rowAxis.column() + "' has " + rows + " bins), had " + copy.size() + ".");
    }
    for (int r = 0; r < rows; r++) {
      if (copy.get(r).size() != cols) {
        throw new IllegalArgumentException("Row " + r + " of the grid needs " + cols
            + " cells (column axis '" + columnAxis.column() + "' has " + cols + " bins), had "
            + copy.get(r).size() + ".");
      }
      for (String name : copy.get(r)) {
        if (name.isBlank()) {
          throw new IllegalArgumentException("Cell (" + r + ", " + copy.get(r).indexOf(name)
              + ") has a blank name; every cell needs a segment name.");
        }
      }
    }
    this.cells = List.copyOf(copy);
    this.rowThresholds = rowAxis.thresholdArray();
    this.columnThresholds = columnAxis.thresholdArray();
    Map<String, List<Condition>> byName = new LinkedHashMap<>();
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        byName.computeIfAbsent(this.cells.get(r).get(c), k -> new ArrayList<>())
            .add(cellCondition(rowAxis.binCondition(r), columnAxis.binCondition(c)));
      }
    }
    Map<String, String> idOwner = new LinkedHashMap<>();
    List<Segment> segs = new ArrayList<>();
    for (Map.Entry<String, List<Condition>> e : byName.entrySet()) {
      String id = RuleModel.slug(e.getKey());
      String previous = idOwner.putIfAbsent(id, e.getKey());
      if (previous != null) {
        throw new IllegalArgumentException("Cell names '" + previous + "' and '" + e.getKey()
            + "' give the same segment id \"" + id + "\"; rename one of them.");
      }
      List<Condition> conds = e.getValue();
      Condition d = conds.size() == 1 ? conds.get(0) : new Condition.Or(conds);
      segs.add(new Segment(segs.size(), id, e.getKey(), d.toString()));
    }
    this.segments = List.copyOf(segs);
    this.cellSegment = new int[rows * cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        String name = this.cells.get(r).get(c);
        int index = 0;
        while (!segments.get(index).name().equals(name)) {
          index++;
        }
        cellSegment[r * cols + c] = index;
      }
    }
  }

  private static Condition cellCondition(Condition row, Condition column) {
    List<Condition> parts = new ArrayList<>();
    for (Condition c : List.of(row, column)) {
      if (c instanceof Condition.And a) {
        parts.addAll(a.operands());
      } else {
        parts.add(c);
      }
    }
    return new Condition.And(parts);
  }

  /**
   * Creates a model from fitted axes and cell names (as {@code ModelJson} does when reading).
   *
   * @param rowAxis the row axis
   * @param columnAxis the column axis
   * @param cells cell names, one list per row bin (lowest first), each with one name per column bin
   *     (lowest first)
   * @return the model
   * @throws IllegalArgumentException when the grid's size does not match the axes' bins, a name is
   *     blank or has no letter or digit, or two names give the same segment id
   */
  public static MatrixModel of(Axis rowAxis, Axis columnAxis, List<List<String>> cells) {
    Objects.requireNonNull(rowAxis, "rowAxis");
    Objects.requireNonNull(columnAxis, "columnAxis");
    return new MatrixModel(rowAxis, columnAxis, cells);
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * One axis of a fitted matrix: a numeric column and its thresholds.
   *
   * @param column the numeric column, non-blank
   * @param thresholds strictly increasing finite thresholds ({@code -0.0} is stored as {@code 0.0});
   *     {@code k} thresholds make {@code k + 1} bins
   * @param probabilities the quantile probabilities the thresholds were learned from, one per
   *     threshold; empty when the thresholds were given
   * @param method the quantile method the thresholds were learned with; {@link QuantileMethod#TYPE_7}
   *     when they were given
   * @since 0.1
   */
  public record Axis(
      String column, List<Double> thresholds, List<Double> probabilities, QuantileMethod method) {

    /**
     * Validates and copies.
     *
     * @param column the numeric column, non-blank
     * @param thresholds strictly increasing finite thresholds
     * @param probabilities empty, or one probability in {@code (0, 1)} per threshold, increasing
     * @param method the quantile method
     * @throws IllegalArgumentException when the column is blank, a threshold is not finite, the
     *     thresholds are not strictly increasing, or the probabilities are invalid
     */
    public Axis {
      ConditionParser.checkColumn(column);
      Objects.requireNonNull(method, "method");
      double[] t = toArray(Objects.requireNonNull(thresholds, "thresholds"));
      checkThresholds(column, t);
      double[] p = toArray(Objects.requireNonNull(probabilities, "probabilities"));
      if (p.length > 0) {
        checkProbabilities(column, p);
        if (p.length != t.length) {
          throw new IllegalArgumentException("Axis '" + column + "' has " + t.length
              + " thresholds but " + p.length + " quantile probabilities; expected one each.");
        }
      } else if (method != QuantileMethod.TYPE_7) {
        throw new IllegalArgumentException("Axis '" + column
            + "': a quantile method other than TYPE_7 needs quantile probabilities.");
      }
      thresholds = boxed(t);
      probabilities = boxed(p);
    }

    /**
     * An axis with given thresholds.
     *
     * @param column the numeric column, non-blank
     * @param thresholds strictly increasing finite thresholds
     * @return the axis
     * @throws IllegalArgumentException as the canonical constructor
     */
    public static Axis of(String column, double... thresholds) {
      return new Axis(column, boxed(thresholds), List.of(), QuantileMethod.TYPE_7);
    }

    /**
     * Returns the number of bins, {@code thresholds().size() + 1}.
     *
     * @return the number of bins
     */
    public int binCount() {
      return thresholds.size() + 1;
    }

    /**
     * Tells whether the thresholds were learned as quantiles.
     *
     * @return {@code true} when {@link #probabilities()} is not empty
     */
    public boolean isLearned() {
      return !probabilities.isEmpty();
    }

    /**
     * Returns the bin of a value: the number of thresholds {@code t} with {@code v > t}.
     *
     * @param v a value, not {@code NaN}
     * @return the 0-based bin
     * @throws IllegalArgumentException when {@code v} is {@code NaN} (missing)
     */
    public int bin(double v) {
      if (Double.isNaN(v)) {
        throw new IllegalArgumentException(
            "A missing value (NaN) of '" + column + "' has no bin; such accounts are unassigned.");
      }
      int b = 0;
      while (b < thresholds.size() && v > thresholds.get(b)) {
        b++;
      }
      return b;
    }

    double[] thresholdArray() {
      return toArray(thresholds);
    }

    /** The exact condition of bin {@code b}: {@code c <= t1}, {@code c > t1 and c <= t2}, ... */
    Condition binCondition(int b) {
      Condition.ColumnRef c = Condition.col(column);
      int k = thresholds.size();
      if (k == 0) {
        return c.isNotMissing();
      }
      if (b == 0) {
        return c.le(thresholds.get(0));
      }
      if (b == k) {
        return c.gt(thresholds.get(k - 1));
      }
      return c.gt(thresholds.get(b - 1)).and(c.le(thresholds.get(b)));
    }

    String binLabel(int b) {
      int k = thresholds.size();
      if (k == 0) {
        return "all";
      }
      if (b == 0) {
        return "<= " + ConditionParser.number(thresholds.get(0));
      }
      if (b == k) {
        return "> " + ConditionParser.number(thresholds.get(k - 1));
      }
      return "(" + ConditionParser.number(thresholds.get(b - 1)) + ", "
          + ConditionParser.number(thresholds.get(b)) + "]";
    }

    String describe() {
      StringBuilder sb = new StringBuilder("'").append(column).append("' ");
      List<String> t = new ArrayList<>();
      for (double x : thresholds) {
        t.add(ConditionParser.number(x));
      }
      sb.append(t.isEmpty() ? "no thresholds" : "thresholds " + String.join(", ", t));
      if (isLearned()) {
        List<String> p = new ArrayList<>();
        for (double x : probabilities) {
          p.add(ConditionParser.number(x));
        }
        sb.append(" (quantiles ").append(String.join(", ", p)).append(", ").append(method)
            .append(')');
      }
      return sb.toString();
    }
  }

  private static double[] toArray(List<Double> values) {
    double[] out = new double[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }

  private static List<Double> boxed(double[] values) {
    List<Double> out = new ArrayList<>(values.length);
    for (double v : values) {
      out.add(v == 0.0 ? 0.0 : v);
    }
    return List.copyOf(out);
  }

  private static void checkThresholds(String column, double[] t) {
    for (int i = 0; i < t.length; i++) {
      if (!Double.isFinite(t[i])) {
        throw new IllegalArgumentException("Axis '" + column + "': thresholds must be finite, was "
            + t[i] + " at position " + i + ".");
      }
      if (i > 0 && !(t[i] > t[i - 1])) {
        throw new IllegalArgumentException("Axis '" + column
            + "': thresholds must be strictly increasing (sorted, distinct), was "
            + Arrays.toString(t) + ".");
      }
    }
  }

  private static void checkProbabilities(String column, double[] p) {
    if (p.length == 0) {
      throw new IllegalArgumentException(
          "Axis '" + column + "': quantiles need at least one probability.");
    }
    for (int i = 0; i < p.length; i++) {
      if (!(p[i] > 0 && p[i] < 1)) {
        throw new IllegalArgumentException("Axis '" + column
            + "': quantile probabilities must be in (0, 1), was " + p[i] + ".");
      }
      if (i > 0 && !(p[i] > p[i - 1])) {
        throw new IllegalArgumentException("Axis '" + column
            + "': quantile probabilities must be strictly increasing, was " + Arrays.toString(p)
            + ".");
      }
    }
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public List<Segment> segments() {
    return segments;
  }

  /**
   * Returns the row axis.
   *
   * @return the axis whose bins are the grid's rows
   */
  public Axis rowAxis() {
    return rowAxis;
  }

  /**
   * Returns the column axis.
   *
   * @return the axis whose bins are the grid's columns
   */
  public Axis columnAxis() {
    return columnAxis;
  }

  /**
   * Returns the cell names.
   *
   * @return an unmodifiable list with one list per row bin (lowest first), each with one name per
   *     column bin (lowest first)
   */
  public List<List<String>> cells() {
    return cells;
  }

  /**
   * Returns the segment of a cell.
   *
   * @param rowBin the row-axis bin, in {@code [0, rowAxis().binCount())}
   * @param columnBin the column-axis bin, in {@code [0, columnAxis().binCount())}
   * @return the segment index
   * @throws IndexOutOfBoundsException when a bin is out of range
   */
  public int segmentIndex(int rowBin, int columnBin) {
    Objects.checkIndex(rowBin, rowThresholds.length + 1);
    Objects.checkIndex(columnBin, columnThresholds.length + 1);
    return cellSegment[rowBin * (columnThresholds.length + 1) + columnBin];
  }

  private static int bin(double v, double[] t) {
    int b = 0;
    while (b < t.length && v > t[b]) {
      b++;
    }
    return b;
  }

  private static NumericColumn axisColumn(AccountTable table, String name, String role) {
    Optional<Column> c = table.findColumn(name);
    if (c.isEmpty()) {
      throw new DataValidationException("Unknown column '" + name + "' (the matrix's " + role
          + " axis); columns are: " + String.join(", ", table.columnNames()) + ".",
          null, name, -1, null);
    }
    if (!(c.get() instanceof NumericColumn nc)) {
      throw new DataValidationException("Column '" + name + "' (the matrix's " + role
          + " axis) is " + c.get().type() + "; a matrix axis needs a NUMERIC column.",
          null, name, -1, null);
    }
    return nc;
  }

  /**
   * Assigns every account to the segment of its cell; accounts with a missing value on either axis
   * are unassigned with {@link UnassignedReason#MISSING_VALUE}.
   *
   * @param table accounts with both axis columns
   * @return one assignment per account, in table order
   * @throws DataValidationException when an axis column is unknown or not numeric
   */
  @Override
  public Segmentation assign(AccountTable table) {
    Objects.requireNonNull(table, "table");
    NumericColumn rc = axisColumn(table, rowAxis.column(), "row");
    NumericColumn cc = axisColumn(table, columnAxis.column(), "column");
    int n = table.rowCount();
    int[] segmentOf = new int[n];
    UnassignedReason[] reasons = new UnassignedReason[n];
    String[] details = new String[n];
    int cols = columnThresholds.length + 1;
    for (int i = 0; i < n; i++) {
      double x = rc.get(i);
      double y = cc.get(i);
      if (x != x || y != y) {
        segmentOf[i] = Assignment.UNASSIGNED;
        reasons[i] = UnassignedReason.MISSING_VALUE;
        details[i] = missingDetail(x, y);
      } else {
        segmentOf[i] = cellSegment[bin(x, rowThresholds) * cols + bin(y, columnThresholds)];
      }
    }
    return Segmentation.of(table, segments, segmentOf, reasons, details);
  }

  /**
   * Assigns one account; equal to the assignment {@link #assign(AccountTable)} gives for that row.
   *
   * @param row the account
   * @return its assignment
   * @throws DataValidationException when an axis column is unknown or not numeric
   */
  @Override
  public Assignment assign(Row row) {
    Objects.requireNonNull(row, "row");
    double x = axisColumn(row.table(), rowAxis.column(), "row").get(row.index());
    double y = axisColumn(row.table(), columnAxis.column(), "column").get(row.index());
    if (x != x || y != y) {
      return Assignment.unassigned(row.id(), UnassignedReason.MISSING_VALUE, missingDetail(x, y));
    }
    return Assignment.of(row.id(),
        cellSegment[bin(x, rowThresholds) * (columnThresholds.length + 1)
            + bin(y, columnThresholds)]);
  }

  private String missingDetail(double x, double y) {
    if (x != x && y != y) {
      return "'" + rowAxis.column() + "' and '" + columnAxis.column() + "' are missing";
    }
    return "'" + (x != x ? rowAxis.column() : columnAxis.column()) + "' is missing";
  }

  /**
   * Compares axes and cell names.
   *
   * @param o the other object
   * @return {@code true} when {@code o} is an equal matrix model
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof MatrixModel other
        && rowAxis.equals(other.rowAxis)
        && columnAxis.equals(other.columnAxis)
        && cells.equals(other.cells);
  }

  @Override
  public int hashCode() {
    return Objects.hash(rowAxis, columnAxis, cells);
  }

  /**
   * Prints the axes and the grid of cell names as an aligned table, row-axis bins down, column-axis
   * bins across.
   *
   * @return the text
   */
  @Override
  public String toString() {
    List<String> headers = new ArrayList<>();
    headers.add(rowAxis.column() + " \\ " + columnAxis.column());
    for (int c = 0; c < columnAxis.binCount(); c++) {
      headers.add(columnAxis.binLabel(c));
    }
    TextTable t = new TextTable(headers, new boolean[headers.size()]);
    for (int r = 0; r < rowAxis.binCount(); r++) {
      List<String> line = new ArrayList<>();
      line.add(rowAxis.binLabel(r));
      line.addAll(cells.get(r));
      t.addRow(line.toArray(new String[0]));
    }
    return "MatrixModel: " + rowAxis.binCount() + " x " + columnAxis.binCount() + " cells, "
        + segments.size() + " segments\n"
        + "rows: " + rowAxis.describe() + "\ncolumns: " + columnAxis.describe() + "\n"
        + t.render();
  }

  /**
   * Fluent builder: both axes (thresholds or quantiles), then the cell names, then {@link #build()}.
   *
   * <p>Builders are mutable and not thread-safe; {@link #build()} copies, so a builder may be reused.
   *
   * @since 0.1
   */
  public static final class Builder {

    private AxisSpec rows;
    private AxisSpec columns;
    private String[] rowMajor;
    private final Map<Long, String> single = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Starts the row axis.
     *
     * @param column a numeric column name
     * @return the step that takes the axis' thresholds or quantiles
     * @throws IllegalArgumentException when the name is blank
     * @throws IllegalStateException when the row axis was already defined
     */
    public AxisStep rowAxis(String column) {
      ConditionParser.checkColumn(column);
      if (rows != null) {
        throw new IllegalStateException("The row axis is defined twice ('" + rows.column()
            + "' and '" + column + "').");
      }
      return new AxisStep(this, column, true);
    }

    /**
     * Starts the column axis.
     *
     * @param column a numeric column name
     * @return the step that takes the axis' thresholds or quantiles
     * @throws IllegalArgumentException when the name is blank
     * @throws IllegalStateException when the column axis was already defined
     */
    public AxisStep columnAxis(String column) {
      ConditionParser.checkColumn(column);
      if (columns != null) {
        throw new IllegalStateException("The column axis is defined twice ('" + columns.column()
            + "' and '" + column + "').");
      }
      return new AxisStep(this, column, false);
    }

    /**
     * Names all cells, row by row: first the cells of the lowest row-axis bin from the lowest
     * column-axis bin up, then the next row bin, and so on. For the classic 2 &times; 2 grid with
     * rows = turnover and columns = potential:
     * {@code cells("Harvest", "Develop", "Maintain", "Strategic")}.
     *
     * @param names {@code rowBins * columnBins} segment names; equal names form one segment
     * @return this builder
     * @throws IllegalArgumentException when a name is blank
     * @throws IllegalStateException when cells were already named
     */
    public Builder cells(String... names) {
      Objects.requireNonNull(names, "names");
      if (rowMajor != null || !single.isEmpty()) {
        throw new IllegalStateException("The cells are named twice.");
      }
      for (String n : names) {
        checkCellName(n);
      }
      rowMajor = names.clone();
      return this;
    }

    /**
     * Names one cell; every cell must be named before {@link #build()}.
     *
     * @param rowBin the row-axis bin, {@code >= 0}
     * @param columnBin the column-axis bin, {@code >= 0}
     * @param name the segment name
     * @return this builder
     * @throws IllegalArgumentException when a bin is negative or the name is blank
     * @throws IllegalStateException when the cell was already named or {@link #cells} was used
     */
    public Builder cell(int rowBin, int columnBin, String name) {
      if (rowBin < 0 || columnBin < 0) {
        throw new IllegalArgumentException(
            "Cell bins must be >= 0, were (" + rowBin + ", " + columnBin + ").");
      }
      checkCellName(name);
      if (rowMajor != null) {
        throw new IllegalStateException("All cells were already named with cells(...).");
      }
      String previous = single.putIfAbsent(((long) rowBin << 32) | columnBin, name);
      if (previous != null) {
        throw new IllegalStateException("Cell (" + rowBin + ", " + columnBin
            + ") is named twice: '" + previous + "' and '" + name + "'.");
      }
      return this;
    }

    private static void checkCellName(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("A cell name must be non-blank, was \"" + name + "\".");
      }
    }

    /**
     * Checks the configuration and returns it as an immutable {@link Spec}, to be
     * {@linkplain Spec#fit(AccountTable) fitted}.
     *
     * @return the specification
     * @throws IllegalStateException when an axis is missing, or the number of named cells does not
     *     equal {@code rowBins * columnBins}, or a cell is unnamed or out of range
     */
    public Spec build() {
      if (rows == null || columns == null) {
        throw new IllegalStateException("A matrix needs a row axis and a column axis; "
            + (rows == null ? "rowAxis(column)" : "columnAxis(column)") + " is missing.");
      }
      int r = rows.binCount();
      int c = columns.binCount();
      String[] grid = new String[r * c];
      if (rowMajor != null) {
        if (rowMajor.length != r * c) {
          throw new IllegalStateException("The grid has " + r + " x " + c + " = " + (r * c)
              + " cells (row axis '" + rows.column() + "' has " + r + " bins, column axis '"
              + columns.column() + "' has " + c + "), but " + rowMajor.length
              + " names were given.");
        }
        grid = rowMajor.clone();
      } else {
        for (Map.Entry<Long, String> e : single.entrySet()) {
          int rb = (int) (e.getKey() >>> 32);
          int cb = (int) (long) e.getKey();
          if (rb >= r || cb >= c) {
            throw new IllegalStateException("Cell (" + rb + ", " + cb + ") is outside the " + r
                + " x " + c + " grid.");
          }
          grid[rb * c + cb] = e.getValue();
        }
        for (int i = 0; i < grid.length; i++) {
          if (grid[i] == null) {
            throw new IllegalStateException("Cell (" + (i / c) + ", " + (i % c)
                + ") has no name; name every cell with cell(row, column, name) or cells(...).");
          }
        }
      }
      List<List<String>> cells = new ArrayList<>();
      for (int i = 0; i < r; i++) {
        cells.add(List.of(Arrays.copyOfRange(grid, i * c, (i + 1) * c)));
      }
      Spec spec = new Spec(rows, columns, List.copyOf(cells));
      if (!rows.learned() && !columns.learned()) {
        spec.model(); // check names and ids now rather than at fit time
      }
      return spec;
    }
  }

  /**
   * The step after {@link Builder#rowAxis(String)} or {@link Builder#columnAxis(String)}: the axis'
   * thresholds, given or learned as quantiles.
   *
   * <p>Not thread-safe.
   *
   * @since 0.1
   */
  public static final class AxisStep {

    private final Builder builder;
    private final String column;
    private final boolean isRow;

    private AxisStep(Builder builder, String column, boolean isRow) {
      this.builder = builder;
      this.column = column;
      this.isRow = isRow;
    }

    /**
     * Gives the thresholds; {@code k} thresholds make {@code k + 1} bins.
     *
     * @param thresholds strictly increasing finite values (may be empty: one bin)
     * @return the builder
     * @throws IllegalArgumentException when a threshold is not finite or they are not strictly
     *     increasing
     */
    public Builder thresholds(double... thresholds) {
      Objects.requireNonNull(thresholds, "thresholds");
      double[] t = thresholds.clone();
      checkThresholds(column, t);
      return set(new AxisSpec(column, t, new double[0], QuantileMethod.TYPE_7));
    }

    /**
     * Learns the thresholds as quantiles ({@link QuantileMethod#TYPE_7}) of the training table, for
     * example {@code quantiles(0.5)} for a median split or {@code quantiles(1/3.0, 2/3.0)} for
     * terciles.
     *
     * @param probabilities strictly increasing probabilities in {@code (0, 1)}, at least one
     * @return the builder
     * @throws IllegalArgumentException when the probabilities are invalid
     */
    public Builder quantiles(double... probabilities) {
      return quantiles(QuantileMethod.TYPE_7, probabilities);
    }

    /**
     * Learns the thresholds as quantiles of the training table with a given method.
     *
     * @param method the quantile definition
     * @param probabilities strictly increasing probabilities in {@code (0, 1)}, at least one
     * @return the builder
     * @throws IllegalArgumentException when the probabilities are invalid
     */
    public Builder quantiles(QuantileMethod method, double... probabilities) {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(probabilities, "probabilities");
      double[] p = probabilities.clone();
      checkProbabilities(column, p);
      return set(new AxisSpec(column, null, p, method));
    }

    private Builder set(AxisSpec spec) {
      if (isRow) {
        builder.rows = spec;
      } else {
        builder.columns = spec;
      }
      return builder;
    }
  }

  /** An axis as configured: given thresholds, or probabilities to learn them from. */
  private record AxisSpec(
      String column, double[] thresholds, double[] probabilities, QuantileMethod method) {

    boolean learned() {
      return thresholds == null;
    }

    int binCount() {
      return (learned() ? probabilities.length : thresholds.length) + 1;
    }

    Axis fit(AccountTable table, String role) {
      if (!learned()) {
        return new Axis(column, boxed(thresholds), List.of(), QuantileMethod.TYPE_7);
      }
      NumericColumn col = axisColumn(table, column, role);
      double[] finite = col.stream().filter(Double::isFinite).toArray();
      if (finite.length == 0) {
        throw new DataValidationException("Column '" + column + "' (the matrix's " + role
            + " axis) has no finite value in the training table; quantile thresholds need at"
            + " least one.", null, column, -1, null);
      }
      double[] t = method.quantiles(finite, probabilities);
      for (int i = 1; i < t.length; i++) {
        if (!(t[i] > t[i - 1])) {
          throw new DataValidationException("Column '" + column + "' (the matrix's " + role
              + " axis): the " + ConditionParser.number(probabilities[i - 1]) + " and "
              + ConditionParser.number(probabilities[i]) + " quantiles are both "
              + ConditionParser.number(t[i]) + "; learned thresholds must be distinct.\n"
              + "The column has many ties; use fewer or other quantiles, or give thresholds.",
              null, column, -1, null);
        }
      }
      return new Axis(column, boxed(t), boxed(probabilities), method);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof AxisSpec other
          && column.equals(other.column)
          && Arrays.equals(thresholds, other.thresholds)
          && Arrays.equals(probabilities, other.probabilities)
          && method == other.method;
    }

    @Override
    public int hashCode() {
      return Objects.hash(column, Arrays.hashCode(thresholds), Arrays.hashCode(probabilities),
          method);
    }

    @Override
    public String toString() {
      return column + (learned()
          ? " quantiles " + Arrays.toString(probabilities) + " " + method
          : " thresholds " + Arrays.toString(thresholds));
    }
  }

  /**
   * A matrix model's configuration, from {@link Builder#build()}: axes with given thresholds or
   * quantile probabilities, and cell names. {@link #fit(AccountTable)} learns the quantile thresholds
   * and returns the model; {@link #model()} returns it directly when every threshold was given.
   *
   * <p>Instances are immutable and safe to share between threads; {@code fit} is pure (same table,
   * same model).
   *
   * @since 0.1
   */
  public static final class Spec {

    private final AxisSpec rows;
    private final AxisSpec columns;
    private final List<List<String>> cells;

    private Spec(AxisSpec rows, AxisSpec columns, List<List<String>> cells) {
      this.rows = rows;
      this.columns = columns;
      this.cells = cells;
    }

    /**
     * Learns the thresholds of quantile axes from a training table (over each column's finite
     * values; {@code NaN} and infinities are ignored) and builds the model. Given thresholds are kept
     * as they are.
     *
     * @param training the accounts to learn quantiles from
     * @return the fitted model
     * @throws DataValidationException when a quantile axis' column is unknown, not numeric, has no
     *     finite value, or has so many ties that two learned thresholds are equal
     * @throws IllegalArgumentException when two cell names give the same segment id
     */
    public MatrixModel fit(AccountTable training) {
      Objects.requireNonNull(training, "training");
      return new MatrixModel(rows.fit(training, "row"), columns.fit(training, "column"), cells);
    }

    /**
     * Returns the model when every threshold was given (no axis uses quantiles).
     *
     * @return the model
     * @throws IllegalStateException when an axis learns quantiles; call {@link #fit(AccountTable)}
     * @throws IllegalArgumentException when two cell names give the same segment id
     */
    public MatrixModel model() {
      if (rows.learned() || columns.learned()) {
        throw new IllegalStateException("Axis '" + (rows.learned() ? rows : columns).column()
            + "' learns quantile thresholds; call fit(trainingTable) instead of model().");
      }
      return new MatrixModel(rows.fit(null, "row"), columns.fit(null, "column"), cells);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Spec other
          && rows.equals(other.rows)
          && columns.equals(other.columns)
          && cells.equals(other.cells);
    }

    @Override
    public int hashCode() {
      return Objects.hash(rows, columns, cells);
    }

    /**
     * Lists every parameter on one line.
     *
     * @return for example
     *     {@code MatrixModel.Spec[rows=turnover thresholds [1000000.0], columns=potential quantiles [0.5] TYPE_7, cells=[[Harvest, Develop], [Maintain, Strategic]]]}
     */
    @Override
    public String toString() {
      return "MatrixModel.Spec[rows=" + rows + ", columns=" + columns + ", cells=" + cells + "]";
    }
  }
}
