package dev.segmentation.spark;

import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.criteria.QuantileMethod;
import dev.segmentation.core.internal.BinFitSpec;
import dev.segmentation.core.model.QuantileModel;
import dev.segmentation.core.model.Segment;
import dev.segmentation.spark.internal.ColumnScan;
import dev.segmentation.spark.internal.ExactQuantiles;
import dev.segmentation.spark.internal.PartitionOrder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Fits a {@link QuantileModel} on one numeric column of a Spark {@code Dataset<Row>}: deciles,
 * quartiles or bins at any probabilities, exactly or approximately.
 *
 * <pre>{@code
 * QuantileModel deciles = SparkQuantileFit.builder()
 *     .column("potential")
 *     .deciles()                                  // segments D1 (lowest) .. D10
 *     .precision(Precision.exact())               // the default
 *     .build()
 *     .fit(accounts);                             // a core QuantileModel: save it, score with it
 * Dataset<Row> scored = SparkSegmenter.builder(deciles).build().assign(accounts);
 * }</pre>
 *
 * <p><b>Exact</b> ({@link Precision#exact()}, the default): the values are sorted across the cluster
 * ({@code null} and {@code NaN} are missing and take no part), the order statistics the chosen
 * {@link QuantileMethod} needs are looked up by rank and interpolated by the same code as the
 * single-machine fit, so the model equals {@code QuantileModel.builder()...fit(table)} on the same
 * rows, warnings included. Exact fitting needs fewer than {@code 2^31} non-missing values (the limit
 * of the single-machine fit too).
 *
 * <p><b>Approximate</b> ({@link Precision#approximate(double)}): one pass of Spark's
 * {@code approxQuantile}; each quantile is a value of the data whose rank is within
 * {@code relativeError * n} of {@code p * n} (see {@link Precision}). Interpolation is not applied;
 * the model records the requested method and a warning stating the error bound. Use it when sorting
 * the column is too expensive; for deciles of 100 million accounts a relative error of 0.001 moves at
 * most 100,000 accounts (0.1%) across each edge.
 *
 * <p>A fit runs Spark jobs on the dataset (cache it first if it is expensive to compute) and is pure:
 * the same rows give the same model. Instances are immutable and safe to share between threads.
 *
 * @since 0.1
 */
public final class SparkQuantileFit {

  private final String column;
  private final double[] probabilities;
  private final QuantileMethod method;
  private final List<String> ids;
  private final List<String> names;
  private final String bins;
  private final Precision precision;
  private final String idColumn;

  private SparkQuantileFit(Builder b) {
    this.column = b.column;
    this.probabilities = b.spec.probabilities();
    this.method = b.spec.method();
    this.ids = b.spec.ids();
    this.names = b.spec.names();
    this.bins = b.spec.describe();
    this.precision = b.precision == null ? Precision.exact() : b.precision;
    this.idColumn = b.idColumn;
  }

  /**
   * Starts a definition.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the precision.
   *
   * @return exact or approximate with its error bound
   */
  public Precision precision() {
    return precision;
  }

  /**
   * Fits the model on the rows of a dataset.
   *
   * @param data rows with the numeric column
   * @return the fitted model, equal to the single-machine fit under {@link Precision#exact()}
   * @throws DataValidationException when the column is unknown or not numeric, the dataset is empty,
   *     every value is missing, a value is infinite, a quantile overflows, or (exact) there are
   *     {@code 2^31} or more values; the message names the column
   */
  public QuantileModel fit(Dataset<Row> data) {
    Objects.requireNonNull(data, "data");
    String what = "column '" + column + "'";
    ColumnScan scan = ColumnScan.of(data, column, idColumn, "a quantile model", "Quantile model");
    if (!precision.isExact()) {
      double[] q = scan.presentValues().stat().approxQuantile(ColumnScan.VALUE, probabilities,
          precision.relativeError());
      return model(what, scan, q, draft -> segmentCounts(scan, draft));
    }
    if (scan.present() > Integer.MAX_VALUE - 8) {
      throw new DataValidationException(String.format(Locale.ROOT,
          "Cannot fit a quantile model on %s exactly: %d values exceed the limit of %d.%n"
              + "Use Precision.approximate(relativeError).", what, scan.present(),
          Integer.MAX_VALUE - 8), null, column, -1, null);
    }
    // each partition's values sorted once as a double[]: quantiles and bin counts read them
    try (ExactQuantiles sorted = ExactQuantiles.sort(scan.presentValues())) {
      double[] q = sorted.quantiles((int) scan.present(), method, probabilities);
      return model(what, scan, q, draft -> sorted.binCounts(draft.edges()));
    }
  }

  private QuantileModel model(String what, ColumnScan scan, double[] q,
      Function<QuantileModel, long[]> binCounts) {
    List<String> notes = new ArrayList<>();
    for (int j = 0; j < q.length; j++) {
      if (!Double.isFinite(q[j])) {
        throw new DataValidationException(String.format(Locale.ROOT,
            "Cannot fit a quantile model on %s: the quantile at p = %s is %s (the values are too "
                + "large to interpolate); expected a finite number.", what, probabilities[j], q[j]),
            null, column, -1, null);
      }
      if (j > 0 && q[j] < q[j - 1]) {
        q[j] = q[j - 1];
      }
    }
    List<String> binNames = names;
    BinFitSpec.collapseWarnings(what, probabilities, q, ids, notes);
    if (!precision.isExact()) {
      notes.add(String.format(Locale.ROOT, "Quantile model on %s: the quantiles are approximate "
          + "(Spark approxQuantile, relative error %s): each is a value whose rank among the %d "
          + "values is within %s * %d of p * %d; %s interpolation was not applied.", what,
          precision.relativeError(), scan.present(), precision.relativeError(), scan.present(),
          scan.present(), method));
    }
    QuantileModel draft =
        QuantileModel.ofColumn(column, method, probabilities, q, ids, binNames, notes);
    long[] counts = binCounts.apply(draft);
    for (Segment s : draft.segments()) {
      if (counts[s.index()] == 0) {
        notes.add(BinFitSpec.emptySegmentWarning(s.id(), s.description(), scan.present()));
      }
    }
    return QuantileModel.ofColumn(column, method, probabilities, q, ids, binNames, notes);
  }

  private static long[] segmentCounts(ColumnScan scan, QuantileModel draft) {
    double[] edges = draft.edges();
    int k = draft.segments().size();
    PartitionOrder.PartitionFunction<Row, long[]> count = (p, rows) -> countBins(rows, edges, k);
    return PartitionOrder.reduce(scan.presentValues().javaRDD(), count, (a, b) -> {
      long[] s = a.clone();
      for (int j = 0; j < s.length; j++) {
        s[j] += b[j];
      }
      return s;
    });
  }

  private static long[] countBins(Iterator<Row> rows, double[] edges, int k) {
    long[] c = new long[k];
    while (rows.hasNext()) {
      double v = rows.next().getDouble(0);
      int lo = 0;
      int hi = edges.length;
      while (lo < hi) { // number of edges strictly below v
        int mid = (lo + hi) >>> 1;
        if (edges[mid] < v) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      c[lo]++;
    }
    return c;
  }

  /**
   * Lists every setting on one line.
   *
   * @return for example {@code SparkQuantileFit[column=potential, probabilities=[0.5], method=TYPE_7,
   *     names=default, precision=Precision[exact], idColumn=id]}
   */
  @Override
  public String toString() {
    return "SparkQuantileFit[column=" + column + ", " + bins + ", precision=" + precision
        + ", idColumn=" + idColumn + "]";
  }

  /**
   * Defines a {@link SparkQuantileFit}: the column, the bins, the quantile method, optional names and
   * the precision. Each setting may be given once. Builders are mutable and not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {

    private String column;
    private final BinFitSpec.QuantileBins spec = new BinFitSpec.QuantileBins("SparkQuantileFit");
    private Precision precision;
    private String idColumn = "id";

    private Builder() {}

    /**
     * Bins the values of one numeric column.
     *
     * @param column a numeric column name, non-blank
     * @return this builder
     * @throws IllegalArgumentException when the name is blank
     * @throws IllegalStateException when the column was already set
     */
    public Builder column(String column) {
      Objects.requireNonNull(column, "column");
      if (column.isBlank()) {
        throw new IllegalArgumentException("SparkQuantileFit column must be non-blank.");
      }
      if (this.column != null) {
        throw new IllegalStateException(
            "SparkQuantileFit column was already set to '" + this.column + "'.");
      }
      this.column = column;
      return this;
    }

    /**
     * Uses {@code k} equal-frequency bins: probabilities {@code 1/k, ..., (k-1)/k}; ten bins get ids
     * {@code D1..D10}, other counts {@code Q1..Qk} (as {@code QuantileModel.Builder#bins}).
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
     * Uses quartiles: {@code bins(4)}.
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
     * Uses bins at the given probabilities; ids {@code Q1..Qk}.
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
     * Sets the quantile definition (default {@link QuantileMethod#TYPE_7}).
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
     * Sets exact or approximate fitting (default {@link Precision#exact()}).
     *
     * @param precision the precision
     * @return this builder
     * @throws IllegalStateException when the precision was already set
     */
    public Builder precision(Precision precision) {
      Objects.requireNonNull(precision, "precision");
      if (this.precision != null) {
        throw new IllegalStateException(
            "SparkQuantileFit precision was already set to " + this.precision + ".");
      }
      this.precision = precision;
      return this;
    }

    /**
     * Sets the id column used to name an account in error messages (default {@code "id"}; ignored
     * when the dataset has no such column).
     *
     * @param name the column name, non-blank
     * @return this builder
     * @throws IllegalArgumentException when the name is blank
     */
    public Builder idColumn(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("SparkQuantileFit idColumn must be non-blank.");
      }
      this.idColumn = name;
      return this;
    }

    /**
     * Checks the settings.
     *
     * @return the configured fit
     * @throws IllegalStateException when the column or the bins were not set, or the number of names
     *     differs from the number of bins
     */
    public SparkQuantileFit build() {
      if (column == null) {
        throw new IllegalStateException("SparkQuantileFit needs a value: call column(name).");
      }
      spec.checkComplete();
      return new SparkQuantileFit(this);
    }
  }
}
