package dev.segmentation.core.model;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Criteria;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.Row;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.UnassignedReason;
import dev.segmentation.core.criteria.Criterion;
import dev.segmentation.core.criteria.CriterionKind;
import dev.segmentation.core.criteria.FeatureMatrix;
import dev.segmentation.core.criteria.FittedCriteria;
import dev.segmentation.core.criteria.QuantileMethod;
import dev.segmentation.core.criteria.RowIssue;
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
 * Segments accounts into quantile bins of one value: deciles of potential, quartiles of a weighted
 * score, or bins at any probabilities. Index 0 holds the lowest values.
 *
 * <pre>{@code
 * QuantileModel deciles = QuantileModel.builder()
 *     .column("potential")
 *     .deciles()                                   // segments D1 (lowest) .. D10 (highest)
 *     .fit(accounts);
 * Segmentation seg = deciles.assign(accounts);
 *
 * QuantileModel tiers = QuantileModel.builder()
 *     .score(Criteria.builder()
 *         .numeric("turnover").log1p().standardize().weight(2.0)
 *         .numeric("potential").log1p().standardize()
 *         .build())
 *     .probabilities(0.5, 0.8, 0.95)               // 4 segments: Q1 .. Q4
 *     .names("Tail", "Core", "Key", "Strategic")
 *     .method(QuantileMethod.TYPE_6)
 *     .fit(accounts);
 * }</pre>
 *
 * <p><b>The value.</b> Either one numeric column ({@link Builder#column(String)}), or a score
 * ({@link Builder#score(Criteria)}): the criteria (numeric only) are fitted on the training table and
 * the score of an account is {@code sum_j w_j * t_j}, where {@code t_j} is the value of criterion
 * {@code j} after imputation and transforms and {@code w_j} its weight. It is computed from the
 * feature matrix as {@code sum_j sqrt(w_j) * x_j} (each feature {@code x_j} is already
 * {@code sqrt(w_j) * t_j}), so it may differ from the exact weighted sum in the last bits; training
 * and assignment use the same computation.
 *
 * <p><b>Edges.</b> For probabilities {@code p_1 < ... < p_(k-1)} the model computes the quantiles
 * {@code q_j = Q(p_j)} of the non-missing training values with the chosen {@link QuantileMethod}
 * (default {@link QuantileMethod#TYPE_7}; {@code TYPE_n} equals R's {@code quantile(x, p, type = n)}).
 * They define {@code k} nominal bins {@code (-inf, q_1], (q_1, q_2], ..., (q_(k-1), +inf)}.
 *
 * <p><b>Assignment rule.</b> With the distinct edges {@code d_1 < ... < d_m} (see below), an account
 * with value {@code v} goes to segment index {@code #{e : v > e}}, the number of edges strictly below
 * its value: the segments are the right-closed intervals {@code (-inf, d_1], (d_1, d_2], ...,
 * (d_m, +inf)}. Equal values therefore always land in the same segment, and a larger value never gets
 * a lower segment. {@code -0.0} and {@code 0.0} compare equal; {@code +Infinity} goes to the highest
 * segment and {@code -Infinity} to the lowest. A missing value ({@code NaN}) leaves the account
 * unassigned with {@link UnassignedReason#MISSING_VALUE}; for a score, an account that the criteria
 * cannot transform (a {@link RowIssue}) is unassigned with the issue's reason.
 *
 * <p><b>Equal edges (heavy ties).</b> When several quantiles are equal ({@code q_a = ... = q_b},
 * {@code a < b}), the nominal bins {@code a+1 .. b} would be the empty interval {@code (q_a, q_a]};
 * they are dropped and their quantiles collapse into one edge, so the model has {@code m + 1}
 * segments for {@code m} distinct quantiles. Surviving segments keep the id and name of their nominal
 * bin, in order (for example with deciles whose first five quantiles are all 0 the segments are
 * {@code D1, D6, D7, D8, D9, D10}: {@code D1 = (-inf, 0]} holds every account at or below 0, and its
 * description says that it also covers D2..D5). Each collapse is reported in {@link #warnings()}.
 * Segments are never empty intervals and never out of order; a segment can still hold no training
 * account (an interpolated edge between two data values, or a top edge equal to the training maximum),
 * which is also reported in {@link #warnings()}.
 *
 * <p><b>Ids and names.</b> Bins from {@link Builder#bins(int) bins(10)} or {@link Builder#deciles()}
 * have ids {@code D1..D10}; all other bins have ids {@code Q1..Qk}, lowest values first. Names equal
 * the ids unless given with {@link Builder#names(String...)}.
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @since 0.1
 */
public final class QuantileModel implements SegmentModel {

  /** The model kind written in JSON. */
  public static final String KIND = "quantile-model";

  /** The value name used in descriptions and messages for a score. */
  private static final String SCORE = "score";

  private final String column;
  private final FittedCriteria score;
  private final QuantileMethod method;
  private final double[] probabilities;
  private final double[] quantiles;
  private final List<String> binIds;
  private final List<String> binNames;
  private final List<String> warnings;
  private final double[] edges;
  private final List<Segment> segments;

  private QuantileModel(
      String column, FittedCriteria score, QuantileMethod method, double[] probabilities,
      double[] quantiles, List<String> binIds, List<String> binNames, List<String> warnings) {
    this.column = column;
    this.score = score;
    this.method = method;
    this.probabilities = probabilities;
    this.quantiles = quantiles;
    this.binIds = binIds;
    this.binNames = binNames;
    this.warnings = warnings;
    int k = binIds.size();
    double[] d = new double[quantiles.length];
    int m = 0;
    List<Segment> segs = new ArrayList<>();
    int survivor = 0;
    List<String> absorbed = new ArrayList<>();
    for (int j = 1; j <= k; j++) {
      // nominal bin j (0-based) is (q[j-1], q[j]]; it is dropped when q[j-1] == q[j] (j < k-1)
      boolean dropped = j < k - 1 && !(quantiles[j] > quantiles[j - 1]);
      if (dropped) {
        absorbed.add(binIds.get(j));
        continue;
      }
      // close the surviving bin
      segs.add(segment(segs.size(), survivor, quantiles, absorbed));
      if (j < k) {
        d[m++] = quantiles[j - 1];
      }
      absorbed.clear();
      survivor = j;
    }
    this.edges = Arrays.copyOf(d, m);
    this.segments = List.copyOf(segs);
  }

  private Segment segment(int index, int bin, double[] q, List<String> absorbed) {
    String v = valueName();
    boolean first = bin == 0;
    boolean last = bin == binIds.size() - 1;
    // the upper edge of a surviving bin is the last quantile of its run of equal quantiles
    String range;
    if (first) {
      range = v + " <= " + format(q[bin + absorbed.size()]);
    } else if (last) {
      range = v + " > " + format(q[bin - 1]);
    } else {
      range = format(q[bin - 1]) + " < " + v + " <= " + format(q[bin + absorbed.size()]);
    }
    if (!absorbed.isEmpty()) {
      range += " (also covers " + String.join(", ", absorbed)
          + (absorbed.size() == 1 ? ", an empty bin" : ", empty bins") + " between equal quantiles)";
    }
    return new Segment(index, binIds.get(bin), binNames.get(bin), range);
  }

  /**
   * Starts a quantile model definition.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Assembles a model on a numeric column from its parts (as reading JSON does); equal parts give an
   * equal model.
   *
   * @param column the numeric column the model reads, non-blank
   * @param method the quantile method the edges were computed with
   * @param probabilities the nominal probabilities {@code p_1 < ... < p_(k-1)}, each in {@code (0, 1)}
   * @param quantiles the quantile of each probability, finite and non-decreasing
   * @param binIds one id per nominal bin ({@code k} ids), distinct and non-blank
   * @param binNames one name per nominal bin ({@code k} names), non-blank
   * @param warnings notes from fitting
   * @return the model
   * @throws IllegalArgumentException when a part is invalid or the lengths do not match
   */
  public static QuantileModel ofColumn(
      String column, QuantileMethod method, double[] probabilities, double[] quantiles,
      List<String> binIds, List<String> binNames, List<String> warnings) {
    Objects.requireNonNull(column, "column");
    if (column.isBlank()) {
      throw new IllegalArgumentException("QuantileModel column must be non-blank.");
    }
    return create(column, null, method, probabilities, quantiles, binIds, binNames, warnings);
  }

  /**
   * Assembles a model on a score from its parts (as reading JSON does); equal parts give an equal
   * model.
   *
   * @param score the fitted criteria of the score; numeric criteria only
   * @param method the quantile method the edges were computed with
   * @param probabilities the nominal probabilities {@code p_1 < ... < p_(k-1)}, each in {@code (0, 1)}
   * @param quantiles the quantile of each probability, finite and non-decreasing
   * @param binIds one id per nominal bin ({@code k} ids), distinct and non-blank
   * @param binNames one name per nominal bin ({@code k} names), non-blank
   * @param warnings notes from fitting
   * @return the model
   * @throws IllegalArgumentException when a part is invalid, the lengths do not match or a criterion
   *     is categorical
   */
  public static QuantileModel ofScore(
      FittedCriteria score, QuantileMethod method, double[] probabilities, double[] quantiles,
      List<String> binIds, List<String> binNames, List<String> warnings) {
    Objects.requireNonNull(score, "score");
    checkNumeric(score.criteria());
    return create(null, score, method, probabilities, quantiles, binIds, binNames, warnings);
  }

  private static QuantileModel create(
      String column, FittedCriteria score, QuantileMethod method, double[] probabilities,
      double[] quantiles, List<String> binIds, List<String> binNames, List<String> warnings) {
    Objects.requireNonNull(method, "method");
    double[] p = checkProbabilities(Objects.requireNonNull(probabilities, "probabilities").clone());
    double[] q = Objects.requireNonNull(quantiles, "quantiles").clone();
    List<String> ids = List.copyOf(binIds);
    List<String> names = List.copyOf(binNames);
    List<String> notes = List.copyOf(warnings);
    if (q.length != p.length) {
      throw new IllegalArgumentException("QuantileModel needs one quantile per probability; "
          + p.length + " probabilities, " + q.length + " quantiles.");
    }
    for (int j = 0; j < q.length; j++) {
      if (!Double.isFinite(q[j])) {
        throw new IllegalArgumentException(
            "QuantileModel quantile " + j + " must be finite, was " + q[j] + ".");
      }
      if (j > 0 && q[j] < q[j - 1]) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "QuantileModel quantiles must be non-decreasing; quantile %d (%s) < quantile %d (%s).",
            j, q[j], j - 1, q[j - 1]));
      }
    }
    checkLabels("bin ids", ids, p.length + 1, true);
    checkLabels("bin names", names, p.length + 1, false);
    return new QuantileModel(column, score, method, p, q, ids, names, notes);
  }

  private static double[] checkProbabilities(double[] p) {
    return BinFitSpec.checkProbabilities("QuantileModel", p);
  }

  private static void checkLabels(String what, List<String> labels, int expected, boolean distinct) {
    if (labels.size() != expected) {
      throw new IllegalArgumentException("QuantileModel needs " + expected + " " + what
          + " (one per bin), was " + labels.size() + ": " + labels + ".");
    }
    Set<String> seen = new HashSet<>();
    for (String s : labels) {
      if (s.isBlank()) {
        throw new IllegalArgumentException("QuantileModel " + what + " must be non-blank, was \""
            + s + "\".");
      }
      if (distinct && !seen.add(s)) {
        throw new IllegalArgumentException(
            "QuantileModel " + what + " must be distinct; \"" + s + "\" repeats.");
      }
    }
  }

  private static void checkNumeric(Criteria criteria) {
    for (Criterion c : criteria.criteria()) {
      if (c.kind() != CriterionKind.NUMERIC) {
        throw new IllegalArgumentException("A quantile score sums numeric criteria; criterion '"
            + c.name() + "' is " + c.kind() + ".");
      }
    }
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
   * Returns the segments, lowest values first; after collapsing equal edges there are
   * {@code edges().length + 1} of them.
   *
   * @return an unmodifiable list
   */
  @Override
  public List<Segment> segments() {
    return segments;
  }

  /**
   * Returns the numeric column the model reads.
   *
   * @return the column name, or empty when the model bins a score
   */
  public Optional<String> column() {
    return Optional.ofNullable(column);
  }

  /**
   * Returns the fitted criteria of the score.
   *
   * @return the fitted criteria, or empty when the model bins a column
   */
  public Optional<FittedCriteria> scoreCriteria() {
    return Optional.ofNullable(score);
  }

  /**
   * Returns the name of the binned value as used in segment descriptions: the column name, or
   * {@code "score"}.
   *
   * @return the value name
   */
  public String valueName() {
    return column != null ? column : SCORE;
  }

  /**
   * Returns the quantile method the edges were computed with.
   *
   * @return the method
   */
  public QuantileMethod method() {
    return method;
  }

  /**
   * Returns the nominal probabilities {@code p_1 < ... < p_(k-1)}.
   *
   * @return a copy of the probabilities
   */
  public double[] probabilities() {
    return probabilities.clone();
  }

  /**
   * Returns the training quantile of each probability, before equal ones collapse; equal to R's
   * {@code quantile(x, probabilities, type = n)} of the non-missing training values.
   *
   * @return a copy of the {@code k - 1} quantiles, non-decreasing
   */
  public double[] quantiles() {
    return quantiles.clone();
  }

  /**
   * Returns the distinct edges {@code d_1 < ... < d_m} that the assignment rule uses (the quantiles
   * with repeats removed).
   *
   * @return a copy of the edges, strictly increasing
   */
  public double[] edges() {
    return edges.clone();
  }

  /**
   * Returns the ids of the nominal bins, before equal edges collapse.
   *
   * @return an unmodifiable list of {@code k} ids, lowest bin first
   */
  public List<String> binIds() {
    return binIds;
  }

  /**
   * Returns the names of the nominal bins, before equal edges collapse.
   *
   * @return an unmodifiable list of {@code k} names, lowest bin first
   */
  public List<String> binNames() {
    return binNames;
  }

  /**
   * Returns notes from fitting: collapsed edges and segments without training accounts.
   *
   * @return an unmodifiable list, empty when there were none
   */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * Returns the segment index of a value: the number of edges strictly below it.
   *
   * @param value a column value or score
   * @return the segment index in {@code [0, edges().length]}, or {@link Assignment#UNASSIGNED} for
   *     {@code NaN}
   */
  public int segmentIndexOf(double value) {
    return Double.isNaN(value) ? Assignment.UNASSIGNED : bin(edges, value);
  }

  /**
   * Number of edges {@code e} with {@code e < v} ({@code 0} for NaN), by a binary search whose steps
   * are conditional moves rather than branches: the result is in {@code [base, base + len]} throughout.
   */
  private static int bin(double[] d, double v) {
    int len = d.length;
    if (len == 0) {
      return 0;
    }
    int base = 0;
    while (len > 1) {
      int half = len >>> 1;
      base = d[base + half] < v ? base + half : base;
      len -= half;
    }
    return d[base] < v ? base + 1 : base;
  }

  /**
   * Returns the value each account is binned by: the column value, or the score.
   *
   * @param table accounts with the column (or the criteria's columns)
   * @return one value per account, {@code NaN} when missing or when the criteria cannot transform the
   *     account
   * @throws DataValidationException when the column is unknown or not numeric, or the criteria reject
   *     the table (see {@link FittedCriteria#transform(AccountTable)})
   */
  public double[] values(AccountTable table) {
    Objects.requireNonNull(table, "table");
    return column != null ? columnValues(table, column) : scores(score, table.rowCount(),
        score.transform(table));
  }

  private static double[] columnValues(AccountTable table, String column) {
    NumericColumn c = numericColumn(table, column);
    double[] v = new double[table.rowCount()];
    c.copyTo(0, v, 0, v.length);
    return v;
  }

  private static NumericColumn numericColumn(AccountTable table, String column) {
    Optional<Column> c = table.findColumn(column);
    if (c.isEmpty()) {
      throw new DataValidationException("Quantile model reads column '" + column
          + "', which the table does not have; columns are: "
          + String.join(", ", table.columnNames()) + ".", null, column, -1, null);
    }
    if (c.get().type() != ColumnType.NUMERIC) {
      throw new DataValidationException("Quantile model reads column '" + column
          + "', which is " + c.get().type() + "; expected a NUMERIC column.", null, column, -1, null);
    }
    return (NumericColumn) c.get();
  }

  private static double[] scores(FittedCriteria fitted, int n, FeatureMatrix x) {
    int d = x.columnCount();
    double[] data = x.toArray();
    double[] w = new double[d];
    for (int j = 0; j < d; j++) {
      w[j] = Math.sqrt(fitted.criteria().criteria().get(j).weight());
    }
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      double sum = 0;
      int o = i * d;
      for (int j = 0; j < d; j++) {
        sum += w[j] * data[o + j];
      }
      s[i] = sum;
    }
    return s;
  }

  /**
   * Assigns every account by the assignment rule; accounts with a missing value are unassigned with
   * {@link UnassignedReason#MISSING_VALUE}, accounts the score criteria cannot transform with the
   * reason of their {@link RowIssue}.
   *
   * @param table accounts with the column (or the criteria's columns)
   * @return one assignment per account, in table order
   * @throws DataValidationException when the column is unknown or not numeric, or the criteria reject
   *     the table
   */
  @Override
  public Segmentation assign(AccountTable table) {
    Objects.requireNonNull(table, "table");
    int n = table.rowCount();
    int[] seg = new int[n];
    UnassignedReason[] reasons = new UnassignedReason[n];
    String[] details = new String[n];
    double[] d = edges;
    if (column != null) {
      double[] v = columnValues(table, column);
      String missing = "column '" + column + "' is missing";
      for (int i = 0; i < n; i++) {
        double x = v[i];
        if (x != x) {
          seg[i] = Assignment.UNASSIGNED;
          reasons[i] = UnassignedReason.MISSING_VALUE;
          details[i] = missing;
        } else {
          seg[i] = bin(d, x);
        }
      }
    } else {
      FeatureMatrix x = score.transform(table);
      double[] v = scores(score, n, x);
      for (int i = 0; i < n; i++) {
        seg[i] = bin(d, v[i]);
      }
      for (RowIssue issue : x.issues()) {
        int i = issue.row();
        seg[i] = Assignment.UNASSIGNED;
        reasons[i] = issue.reason();
        details[i] = "criterion '" + issue.criterion() + "': "
            + issue.reason().toString().toLowerCase(Locale.ROOT).replace('_', ' ');
      }
    }
    return Segmentation.of(table, segments, seg, reasons, details);
  }

  /**
   * Assigns one account; equal to the assignment {@link #assign(AccountTable)} gives for its row.
   *
   * @param row the account
   * @return its assignment
   * @throws DataValidationException as {@link #assign(AccountTable)}
   */
  @Override
  public Assignment assign(Row row) {
    Objects.requireNonNull(row, "row");
    if (column == null) {
      return SegmentModel.super.assign(row);
    }
    double x = numericColumn(row.table(), column).get(row.index());
    return Double.isNaN(x)
        ? Assignment.unassigned(row.id(), UnassignedReason.MISSING_VALUE,
            "column '" + column + "' is missing")
        : Assignment.of(row.id(), bin(edges, x));
  }

  /**
   * Compares value source, method, probabilities, quantiles, bin ids and names, and warnings.
   *
   * @param o the other object
   * @return {@code true} when equal (a JSON round trip gives an equal model)
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof QuantileModel other
        && Objects.equals(column, other.column)
        && Objects.equals(score, other.score)
        && method == other.method
        && Arrays.equals(probabilities, other.probabilities)
        && Arrays.equals(quantiles, other.quantiles)
        && binIds.equals(other.binIds)
        && binNames.equals(other.binNames)
        && warnings.equals(other.warnings);
  }

  @Override
  public int hashCode() {
    return Objects.hash(column, score, method, Arrays.hashCode(probabilities),
        Arrays.hashCode(quantiles), binIds, binNames, warnings);
  }

  /**
   * Prints the value, method and one line per segment with its range, as an aligned table.
   *
   * @return the text table
   */
  @Override
  public String toString() {
    TextTable t = new TextTable(List.of("segment", "id", "range"), new boolean[] {false, false, false});
    for (Segment s : segments) {
      t.addRow(s.name(), s.id(), s.description());
    }
    return "QuantileModel: " + (column != null ? "column '" + column + "'"
        : "score of " + String.join(", ", score.criteria().names())) + ", " + method + ", "
        + binIds.size() + " bins, " + segments.size() + " segments\n" + t.render()
        + (warnings.isEmpty() ? "" : "warnings:\n  " + String.join("\n  ", warnings) + "\n");
  }

  /** Shortest text that reads back exactly; integers without a decimal point. */
  static String format(double v) {
    return BinFitSpec.format(v);
  }

  /**
   * Defines and fits a {@link QuantileModel}: the value (a column or a score), the bins, the quantile
   * method and optional segment names.
   *
   * <pre>{@code
   * QuantileModel m = QuantileModel.builder().column("potential").quartiles().fit(accounts);
   * }</pre>
   *
   * <p>Each setting may be given once; {@link #fit(AccountTable)} may be called any number of times
   * and is pure (same table, same model). Builders are mutable and not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {

    private String column;
    private Criteria criteria;
    private final BinFitSpec.QuantileBins spec = new BinFitSpec.QuantileBins("QuantileModel");

    private Builder() {}

    /**
     * Bins the values of one numeric column.
     *
     * @param column a numeric column name, non-blank
     * @return this builder
     * @throws IllegalArgumentException when the name is blank
     * @throws IllegalStateException when the value was already set
     */
    public Builder column(String column) {
      Objects.requireNonNull(column, "column");
      if (column.isBlank()) {
        throw new IllegalArgumentException("QuantileModel column must be non-blank.");
      }
      checkValueUnset();
      this.column = column;
      return this;
    }

    /**
     * Bins a score: the criteria are fitted on the training table and the score of an account is
     * {@code sum_j w_j * t_j} over the criteria (transformed value {@code t_j}, weight {@code w_j});
     * see {@link QuantileModel}.
     *
     * @param criteria numeric criteria
     * @return this builder
     * @throws IllegalArgumentException when a criterion is categorical
     * @throws IllegalStateException when the value was already set
     */
    public Builder score(Criteria criteria) {
      Objects.requireNonNull(criteria, "criteria");
      checkNumeric(criteria);
      checkValueUnset();
      this.criteria = criteria;
      return this;
    }

    private void checkValueUnset() {
      if (column != null || criteria != null) {
        throw new IllegalStateException("QuantileModel value was already set to "
            + (column != null ? "column '" + column + "'" : "a score") + ".");
      }
    }

    /**
     * Uses {@code k} equal-frequency bins: probabilities {@code 1/k, 2/k, ..., (k-1)/k}. Ten bins are
     * deciles with ids {@code D1..D10}; other counts get ids {@code Q1..Qk}.
     *
     * @param k the number of bins, {@code >= 2}
     * @return this builder
     * @throws IllegalArgumentException when {@code k < 2}
     * @throws IllegalStateException when the bins were already set
     */
    public Builder bins(int k) {
      spec.bins(k);
      return this;
    }

    /**
     * Uses quartiles: {@code bins(4)}, ids {@code Q1..Q4}.
     *
     * @return this builder
     * @throws IllegalStateException when the bins were already set
     */
    public Builder quartiles() {
      return bins(4);
    }

    /**
     * Uses deciles: {@code bins(10)}, ids {@code D1..D10}.
     *
     * @return this builder
     * @throws IllegalStateException when the bins were already set
     */
    public Builder deciles() {
      return bins(10);
    }

    /**
     * Uses bins at the given probabilities: {@code p_1 < ... < p_(k-1)} give {@code k} bins with ids
     * {@code Q1..Qk}; for example {@code probabilities(0.5, 0.8, 0.95)} gives the bottom half, the
     * next 30%, the next 15% and the top 5%.
     *
     * @param probabilities strictly increasing, each in {@code (0, 1)}, at least one
     * @return this builder
     * @throws IllegalArgumentException when a probability is out of range or not increasing
     * @throws IllegalStateException when the bins were already set
     */
    public Builder probabilities(double... probabilities) {
      spec.probabilities(probabilities);
      return this;
    }

    /**
     * Sets the quantile definition (default {@link QuantileMethod#TYPE_7}, as R and numpy).
     *
     * @param method the method
     * @return this builder
     * @throws IllegalStateException when the method was already set
     */
    public Builder method(QuantileMethod method) {
      spec.method(method);
      return this;
    }

    /**
     * Names the bins, lowest values first (default: the ids).
     *
     * @param names one non-blank name per bin
     * @return this builder
     * @throws IllegalArgumentException when a name is blank
     * @throws IllegalStateException when names were already set
     */
    public Builder names(String... names) {
      spec.names(names);
      return this;
    }

    /**
     * Computes the edges on a training table and returns the fitted model.
     *
     * @param table the training accounts
     * @return the model
     * @throws IllegalStateException when the value or the bins were not set, or the number of names
     *     differs from the number of bins
     * @throws DataValidationException when the table is empty, the column is unknown or not numeric,
     *     every value is missing, a value (or score) is infinite, or the criteria cannot be fitted; the
     *     message names the column
     */
    public QuantileModel fit(AccountTable table) {
      Objects.requireNonNull(table, "table");
      if (column == null && criteria == null) {
        throw new IllegalStateException(
            "QuantileModel needs a value: call column(name) or score(criteria).");
      }
      spec.checkComplete();
      double[] probabilities = spec.probabilities();
      List<String> ids = spec.ids();
      QuantileMethod m = spec.method();
      String what = column != null ? "column '" + column + "'" : "the score of criteria "
          + String.join(", ", criteria.names());
      int n = table.rowCount();
      if (n == 0) {
        throw new DataValidationException("Cannot fit a quantile model on " + what
            + ": the table is empty (0 accounts).", null, column != null ? column : SCORE, -1, null);
      }
      FittedCriteria fitted = null;
      double[] v;
      if (column != null) {
        v = columnValues(table, column);
      } else {
        fitted = criteria.fit(table);
        v = scores(fitted, n, fitted.transform(table));
      }
      int count = 0; // v is our own copy: compact the present values to its front
      for (int i = 0; i < n; i++) {
        double x = v[i];
        if (Double.isNaN(x)) {
          continue;
        }
        if (Double.isInfinite(x)) {
          throw new DataValidationException("Cannot fit a quantile model on " + what + ": account \""
              + table.id(i) + "\" (row " + i + ") has value " + x + "; expected a finite number.",
              table.id(i), column != null ? column : SCORE, -1, null);
        }
        v[count++] = x;
      }
      if (count == 0) {
        throw new DataValidationException("Cannot fit a quantile model on " + what + ": all " + n
            + " values are missing.", null, column != null ? column : SCORE, -1, null);
      }
      double[] values = count == n ? v : Arrays.copyOf(v, count);
      double[] q = m.quantiles(values, probabilities);
      for (int j = 0; j < q.length; j++) {
        if (!Double.isFinite(q[j])) {
          throw new DataValidationException(String.format(Locale.ROOT,
              "Cannot fit a quantile model on %s: the quantile at p = %s is %s (the values are too "
                  + "large to interpolate); expected a finite number.", what, probabilities[j], q[j]),
              null, column != null ? column : SCORE, -1, null);
        }
        if (j > 0 && q[j] < q[j - 1]) {
          q[j] = q[j - 1]; // rounding in the interpolation must never put edges out of order
        }
      }
      List<String> binNames = spec.names();
      List<String> notes = new ArrayList<>();
      BinFitSpec.collapseWarnings(what, probabilities, q, ids, notes);
      QuantileModel draft = create(column, fitted, m, probabilities, q, ids, binNames, notes);
      int[] counts = new int[draft.segments.size()];
      for (double x : values) {
        counts[bin(draft.edges, x)]++;
      }
      for (Segment s : draft.segments) {
        if (counts[s.index()] == 0) {
          notes.add(BinFitSpec.emptySegmentWarning(s.id(), s.description(), count));
        }
      }
      return create(column, fitted, m, probabilities, q, ids, binNames, notes);
    }

    /**
     * Lists every setting on one line.
     *
     * @return for example {@code QuantileModel.Builder[column=potential, probabilities=[0.25, 0.5,
     *     0.75], method=TYPE_7, names=default]}
     */
    @Override
    public String toString() {
      return "QuantileModel.Builder[" + (column != null ? "column=" + column
          : criteria != null ? "score=" + criteria.names() : "value=unset")
          + ", " + spec.describe() + "]";
    }
  }
}
