package dev.segmentation.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;

import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.internal.BinFitSpec;
import dev.segmentation.core.model.AbcModel;
import dev.segmentation.core.model.AbcRule;
import dev.segmentation.spark.internal.ColumnScan;
import dev.segmentation.spark.internal.PartitionOrder;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Fits an {@link AbcModel} (Pareto classes by cumulative value share) on one numeric column of a
 * Spark {@code Dataset<Row>}, exactly or approximately.
 *
 * <pre>{@code
 * AbcModel abc = SparkAbcFit.builder()
 *     .value("revenue")
 *     .thresholds(0.80, 0.95)                     // the default
 *     .precision(Precision.exact())               // the default
 *     .build()
 *     .fit(accounts);
 * }</pre>
 *
 * <p>The definitions (positive values only, tie groups never split, {@link AbcRule}) are those of
 * {@link AbcModel}.
 *
 * <p><b>Exact</b> ({@link Precision#exact()}, the default): the positive values are grouped into
 * distinct values with their counts across the cluster and sorted, largest first; the driver then
 * streams the distinct values (one partition at a time, twice: once for the total, once for the
 * classes) and runs the single-machine algorithm, adding the values one by one in the same order, so
 * the model equals {@code AbcModel.builder()...fit(table)} on the same rows, warnings included.
 * Driver time grows with the number of positive values; driver memory with one partition of distinct
 * values.
 *
 * <p><b>Approximate</b> ({@link Precision#approximate(double) approximate(e)}): Spark's
 * {@code approxQuantile} cuts the positive values into {@code B = ceil(1/e)} buckets of about equal
 * count (capped at 10,000), one reproducible pass sums each bucket, and the classes are formed from
 * whole buckets as if each bucket were one tie group; the cut-off of a class is the smallest value of
 * its lowest bucket. Compared with the exact fit, only the accounts of the one bucket that straddles
 * each threshold can land in the neighbouring class: at most about {@code 3 e} of the positive
 * accounts per threshold (a bucket holds {@code 1/B} of them plus twice the rank error). The model
 * carries a warning stating this.
 *
 * <p>A fit runs Spark jobs on the dataset (cache it first if it is expensive to compute) and is pure.
 * Instances are immutable and safe to share between threads.
 *
 * @since 0.1
 */
public final class SparkAbcFit {

  private static final int MAX_BUCKETS = 10_000;

  private final String column;
  private final double[] thresholds;
  private final AbcRule rule;
  private final List<String> ids;
  private final List<String> names;
  private final String classes;
  private final Precision precision;
  private final String idColumn;

  private SparkAbcFit(Builder b) {
    this.column = b.column;
    this.thresholds = b.spec.thresholds();
    this.rule = b.spec.rule();
    this.ids = b.spec.ids();
    this.names = b.spec.names();
    this.classes = b.spec.describe();
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
   * @param data rows with the numeric value column
   * @return the fitted model, equal to the single-machine fit under {@link Precision#exact()}
   * @throws DataValidationException when the column is unknown or not numeric, the dataset is empty,
   *     every value is missing, a value is infinite, or the total of the positive values overflows;
   *     the message names the column
   */
  public AbcModel fit(Dataset<Row> data) {
    Objects.requireNonNull(data, "data");
    ColumnScan scan = ColumnScan.of(data, column, idColumn, "an ABC model", "ABC model");
    int k = thresholds.length + 1;
    Dataset<Row> positive = scan.presentValues().where(col(ColumnScan.VALUE).gt(0.0));
    Groups groups = precision.isExact() ? exactGroups(positive) : bucketGroups(positive);
    long m = groups.positiveCount;
    double total = groups.total;
    if (Double.isInfinite(total)) {
      throw new DataValidationException("Cannot fit an ABC model on column '" + column
          + "': the total of the positive values overflows; expected a finite sum.",
          null, column, -1, null);
    }
    double[] cut = new double[k - 1];
    Arrays.fill(cut, Double.NaN);
    long[] counts = new long[k];
    groups.classify(total, thresholds, rule, cut, counts);
    counts[k - 1] += scan.present() - m;
    for (int c = 0; c < k - 1; c++) {
      if (Double.isNaN(cut[c])) {
        cut[c] = c == 0 ? Double.POSITIVE_INFINITY : cut[c - 1];
      }
    }
    List<String> notes = BinFitSpec.abcWarnings(column, ids, counts, m, scan.present());
    if (!precision.isExact()) {
      notes.add(String.format(Locale.ROOT, "ABC model on column '%s': approximate fit (Spark "
          + "approxQuantile, relative error %s, %d buckets of the %d positive values); per threshold "
          + "at most about %s of the positive accounts may be in the neighbouring class compared "
          + "with the exact fit.", column, precision.relativeError(), groups.buckets, m,
          3 * precision.relativeError()));
    }
    return AbcModel.of(column, rule, thresholds, cut, ids, names, notes);
  }

  /** Distinct positive values with counts, largest first, streamed through the driver. */
  private Groups exactGroups(Dataset<Row> positive) {
    Dataset<Row> distinct = positive.groupBy(col(ColumnScan.VALUE)).agg(count(col(ColumnScan.VALUE)))
        .orderBy(col(ColumnScan.VALUE).desc())
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      double total = 0;
      long m = 0;
      Iterator<Row> it = distinct.toLocalIterator();
      while (it.hasNext()) {
        Row r = it.next();
        double v = r.getDouble(0);
        long size = r.getLong(1);
        for (long s = 0; s < size; s++) {
          total += v;
        }
        m += size;
      }
      Groups g = new Groups(m, total, 0);
      g.exact = distinct;
      if (m > 0 && Double.isFinite(total)) {
        g.classifyExact();
      }
      return g;
    } finally {
      distinct.unpersist(false); // both driver passes are done
    }
  }

  /** Buckets of about equal count from approxQuantile, summed in partition order. */
  private Groups bucketGroups(Dataset<Row> positive) {
    int b = (int) Math.min(MAX_BUCKETS, Math.ceil(1.0 / precision.relativeError()));
    double[] p = new double[Math.max(b - 1, 1)];
    for (int j = 1; j < b; j++) {
      p[j - 1] = (double) j / b;
    }
    if (b < 2) {
      p[0] = 0.5;
    }
    double[] raw = positive.stat().approxQuantile(ColumnScan.VALUE, p, precision.relativeError());
    double[] edges = Arrays.stream(raw).sorted().distinct().toArray();
    int buckets = edges.length + 1;
    PartitionOrder.PartitionFunction<Row, double[]> f = (index, rows) -> {
      // per bucket: count, sum, min value
      double[] acc = new double[3 * buckets];
      for (int j = 0; j < buckets; j++) {
        acc[3 * j + 2] = Double.POSITIVE_INFINITY;
      }
      while (rows.hasNext()) {
        double v = rows.next().getDouble(0);
        int j = Arrays.binarySearch(edges, v);
        int bucket = j >= 0 ? j : -j - 1; // number of edges strictly below v
        acc[3 * bucket] += 1;
        acc[3 * bucket + 1] += v;
        acc[3 * bucket + 2] = Math.min(acc[3 * bucket + 2], v);
      }
      return acc;
    };
    double[] acc = PartitionOrder.reduce(positive.javaRDD(), f, (x, y) -> {
      double[] s = x.clone();
      for (int j = 0; j < buckets; j++) {
        s[3 * j] += y[3 * j];
        s[3 * j + 1] += y[3 * j + 1];
        s[3 * j + 2] = Math.min(s[3 * j + 2], y[3 * j + 2]);
      }
      return s;
    });
    long m = 0;
    double total = 0;
    for (int j = buckets - 1; j >= 0; j--) {
      m += (long) acc[3 * j];
      total += acc[3 * j + 1];
    }
    Groups g = new Groups(m, total, buckets);
    g.bucketStats = acc;
    return g;
  }

  /** Tie groups (exact) or buckets (approximate), largest values first. */
  private final class Groups {
    final long positiveCount;
    final double total;
    final int buckets;
    Dataset<Row> exact;
    double[] bucketStats;
    private double[] exactCut;
    private long[] exactCounts;

    Groups(long positiveCount, double total, int buckets) {
      this.positiveCount = positiveCount;
      this.total = total;
      this.buckets = buckets;
    }

    /** Second driver pass of the exact fit (the first computed the total). */
    void classifyExact() {
      int k = thresholds.length + 1;
      exactCut = new double[k - 1];
      Arrays.fill(exactCut, Double.NaN);
      exactCounts = new long[k];
      double cum = 0;
      Iterator<Row> it = exact.toLocalIterator();
      while (it.hasNext()) {
        Row r = it.next();
        double value = r.getDouble(0);
        long size = r.getLong(1);
        double before = cum;
        for (long s = 0; s < size; s++) {
          cum += value;
        }
        int c = classOf(before, cum, total);
        if (c < k - 1) {
          exactCut[c] = value;
        }
        exactCounts[c] += size;
      }
    }

    void classify(double t, double[] th, AbcRule r, double[] cut, long[] counts) {
      if (bucketStats == null) {
        if (exactCut != null) {
          System.arraycopy(exactCut, 0, cut, 0, cut.length);
          System.arraycopy(exactCounts, 0, counts, 0, counts.length);
        }
        return;
      }
      int k = th.length + 1;
      double cum = 0;
      for (int j = buckets - 1; j >= 0; j--) {
        long size = (long) bucketStats[3 * j];
        if (size == 0) {
          continue;
        }
        double before = cum;
        cum += bucketStats[3 * j + 1];
        int c = classOf(before, cum, t);
        if (c < k - 1) {
          cut[c] = bucketStats[3 * j + 2];
        }
        counts[c] += size;
      }
    }

    private int classOf(double before, double after, double t) {
      return BinFitSpec.abcClass(rule, thresholds, before, after, t);
    }
  }

  /**
   * Lists every setting on one line.
   *
   * @return for example {@code SparkAbcFit[value=revenue, thresholds=[0.8, 0.95], rule=PRIMARY,
   *     names=default, precision=Precision[exact], idColumn=id]}
   */
  @Override
  public String toString() {
    return "SparkAbcFit[value=" + column + ", " + classes + ", precision=" + precision
        + ", idColumn=" + idColumn + "]";
  }

  /**
   * Defines a {@link SparkAbcFit}: the value column, thresholds, rule, optional names and the
   * precision. Each setting may be given once. Builders are mutable and not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {

    private String column;
    private final BinFitSpec.AbcClasses spec = new BinFitSpec.AbcClasses("SparkAbcFit");
    private Precision precision;
    private String idColumn = "id";

    private Builder() {}

    /**
     * Classes accounts by the values of one numeric column.
     *
     * @param column a numeric column name, non-blank
     * @return this builder
     * @throws IllegalArgumentException when the name is blank
     * @throws IllegalStateException when the value was already set
     */
    public Builder value(String column) {
      Objects.requireNonNull(column, "column");
      if (column.isBlank()) {
        throw new IllegalArgumentException("SparkAbcFit value column must be non-blank.");
      }
      if (this.column != null) {
        throw new IllegalStateException(
            "SparkAbcFit value was already set to column '" + this.column + "'.");
      }
      this.column = column;
      return this;
    }

    /**
     * Sets the cumulative-share thresholds (default {@code 0.80, 0.95}: classes A, B, C).
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
            "SparkAbcFit precision was already set to " + this.precision + ".");
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
        throw new IllegalArgumentException("SparkAbcFit idColumn must be non-blank.");
      }
      this.idColumn = name;
      return this;
    }

    /**
     * Checks the settings.
     *
     * @return the configured fit
     * @throws IllegalStateException when the value column was not set, or the number of names
     *     differs from the number of classes
     */
    public SparkAbcFit build() {
      if (column == null) {
        throw new IllegalStateException("SparkAbcFit needs a value: call value(column).");
      }
      spec.checkComplete();
      return new SparkAbcFit(this);
    }
  }
}
