package dev.segmentation.core.model;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Criteria;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.criteria.FeatureMatrix;
import dev.segmentation.core.criteria.FittedCriteria;
import dev.segmentation.core.internal.ClusterMetrics;
import dev.segmentation.core.internal.TextTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * Chooses the number of clusters: fits k-means for every {@code k} in a range and scores each fit by
 * inertia (for the elbow), mean silhouette, Calinski–Harabasz and Davies–Bouldin.
 *
 * <pre>{@code
 * KSelection.Result r = KSelection.builder()
 *     .kmeans(KMeans.builder().clusters(2).restarts(10).seed(42L).build())
 *     .range(2, 10)
 *     .build()
 *     .run(accounts, criteria);
 * System.out.println(r);              // one row per k, the suggested k marked
 * KMeansModel model = r.model(r.suggestedK());
 * }</pre>
 *
 * <p><b>Definitions</b> (all in the fitted feature space, Euclidean, unweighted even when k-means
 * weights accounts, over the accounts that have features): inertia is the k-means objective; the
 * silhouette is the mean of {@code s(i) = (b - a) / max(a, b)} (Rousseeuw 1987, as scikit-learn's
 * {@code silhouette_score}), exact when there are at most {@link Builder#exactSilhouetteLimit(int)}
 * accounts (default 20,000) and otherwise the exact silhouette of a uniform sample of that many
 * accounts drawn with the configured seed; Calinski–Harabasz and Davies–Bouldin as in scikit-learn.
 * <b>Suggested k</b>: the k with the highest mean silhouette (ties: the smaller k). The other measures
 * are reported for judgement, not used by the rule.
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @since 0.1
 */
public final class KSelection {

  /** The rule used to suggest k, as printed in results. */
  public static final String RULE = "highest mean silhouette (ties: smaller k)";

  private final KMeans kmeans;
  private final int minK;
  private final int maxK;
  private final int exactLimit;

  private KSelection(KMeans kmeans, int minK, int maxK, int exactLimit) {
    this.kmeans = kmeans;
    this.minK = minK;
    this.maxK = maxK;
    this.exactLimit = exactLimit;
  }

  /**
   * Starts a configuration.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Fits the criteria once, then k-means for every k in the range, and scores each fit.
   *
   * @param table the training accounts
   * @param criteria what to cluster by
   * @return the table of scores with the suggested k and the fitted models
   * @throws DataValidationException when the range's largest k is not below the number of accounts
   *     with features (the silhouette needs {@code k <= n - 1}), or as {@link KMeans#fit}
   * @throws FitStoppedException when the calling thread is interrupted before the first k is scored
   *     (a later interrupt returns the finished k values, see
   *     {@link #run(AccountTable, Criteria, FitLimits)})
   */
  public Result run(AccountTable table, Criteria criteria) {
    return run(table, criteria, FitLimits.none());
  }

  /**
   * Runs the selection within limits: the limits cover the whole call and are checked before every k,
   * inside each k-means fit (see {@link KMeans#fit(AccountTable, Criteria, FitLimits)}) and between
   * row blocks of the silhouette. When a limit fires, the k being fitted or scored is dropped and the
   * result holds the k values finished so far, with {@link Result#stoppedBy()} set; its suggested k is
   * chosen among them. When no limit fires the result is the same as
   * {@link #run(AccountTable, Criteria)}'s.
   *
   * @param table the training accounts
   * @param criteria what to cluster by
   * @param limits time limit and cancellation
   * @return the scores of the finished k values
   * @throws DataValidationException as {@link #run(AccountTable, Criteria)}
   * @throws FitStoppedException when a limit fires before the first k of the range is scored
   */
  public Result run(AccountTable table, Criteria criteria, FitLimits limits) {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(criteria, "criteria");
    Objects.requireNonNull(limits, "limits");
    FitLimits.Stopper stop = limits.start();
    FittedCriteria fitted = criteria.fit(table);
    FeatureMatrix fm = fitted.transform(table);
    int d = fm.columnCount();
    double[] all = fm.toArray();
    int n = fm.rowCount() - fm.issues().size();
    if (maxK > n - 1) {
      throw new DataValidationException(String.format(Locale.ROOT,
          "KSelection.range up to k=%d needs at least %d accounts with features, had %d.",
          maxK, maxK + 1, n));
    }
    double[] x = new double[n * d];
    int[] rowOf = new int[n];
    int r = 0;
    for (int i = 0; i < fm.rowCount(); i++) {
      if (fm.isComplete(i)) {
        System.arraycopy(all, i * d, x, r * d, d);
        rowOf[r++] = i;
      }
    }
    List<Row> rows = new ArrayList<>();
    List<KMeansModel> models = new ArrayList<>();
    boolean sampled = n > exactLimit;
    for (int k = minK; k <= maxK && !stop.getAsBoolean(); k++) {
      KMeansModel m;
      try {
        m = kmeans.withClusters(k).fit(table, fitted, stop, !rows.isEmpty());
      } catch (FitStoppedException e) {
        break;
      }
      if (m.status().stoppedEarly()) {
        break;
      }
      int[] seg = m.assign(table).segmentIndices();
      int[] labels = new int[n];
      for (int q = 0; q < n; q++) {
        labels[q] = seg[rowOf[q]];
      }
      int used = 0;
      int[] counts = new int[k];
      for (int l : labels) {
        if (counts[l]++ == 0) {
          used++;
        }
      }
      double sil = Double.NaN;
      double ch = Double.NaN;
      double db = Double.NaN;
      if (used >= 2 && used <= n - 1) {
        try {
          sil = sampled
              ? ClusterMetrics.silhouetteSampled(x, n, d, labels, k, exactLimit, kmeans.seed(), stop)
              : ClusterMetrics.silhouette(x, n, d, labels, k, kmeans.parallelism(), stop);
        } catch (CancellationException e) {
          stop.getAsBoolean(); // records the reason (an interrupt or the cancellation check)
          if (stop.reason() == null) {
            throw e;
          }
          break;
        }
        ch = ClusterMetrics.calinskiHarabasz(x, n, d, labels, k);
        db = ClusterMetrics.daviesBouldin(x, n, d, labels, k);
      }
      double unweighted = ClusterMetrics.inertia(x, n, d, labels, flatten(m.centroids()));
      rows.add(new Row(k, unweighted, sil, ch, db));
      models.add(m);
    }
    int best = -1;
    for (int q = 0; q < rows.size(); q++) {
      double s = rows.get(q).silhouette();
      if (!Double.isNaN(s) && (best < 0 || s > rows.get(best).silhouette())) {
        best = q;
      }
    }
    if (rows.isEmpty()) {
      throw new FitStoppedException(stop.reason(), "KSelection.run (k=" + minK + ".." + maxK + ")");
    }
    int suggested = best < 0 ? rows.get(0).k() : rows.get(best).k();
    return new Result(rows, models, suggested, sampled, exactLimit, stop.reason());
  }

  private static double[] flatten(double[][] c) {
    int d = c[0].length;
    double[] out = new double[c.length * d];
    for (int j = 0; j < c.length; j++) {
      System.arraycopy(c[j], 0, out, j * d, d);
    }
    return out;
  }

  @Override
  public String toString() {
    return "KSelection[k=" + minK + ".." + maxK + ", exactSilhouetteLimit=" + exactLimit + ", kmeans="
        + kmeans + "]";
  }

  /**
   * The scores of one k.
   *
   * @param k number of clusters
   * @param inertia unweighted sum of squared distances to the assigned centroids
   * @param silhouette mean silhouette (exact or sampled, see {@link Result#sampled()}); {@code NaN}
   *     when fewer than 2 clusters are non-empty
   * @param calinskiHarabasz Calinski–Harabasz index (higher is better); {@code NaN} as above
   * @param daviesBouldin Davies–Bouldin index (lower is better); {@code NaN} as above
   * @since 0.1
   */
  public record Row(
      int k, double inertia, double silhouette, double calinskiHarabasz, double daviesBouldin) {}

  /**
   * The outcome of a k selection.
   *
   * <p>Instances are immutable and safe to share between threads.
   *
   * @since 0.1
   */
  public static final class Result {
    private final List<Row> rows;
    private final List<KMeansModel> models;
    private final int suggestedK;
    private final boolean sampled;
    private final int sampleSize;
    private final FitStatus stoppedBy;

    private Result(List<Row> rows, List<KMeansModel> models, int suggestedK, boolean sampled,
        int sampleSize, FitStatus stoppedBy) {
      this.stoppedBy = stoppedBy;
      this.rows = List.copyOf(rows);
      this.models = List.copyOf(models);
      this.suggestedK = suggestedK;
      this.sampled = sampled;
      this.sampleSize = sampleSize;
    }

    /**
     * Returns the scores, one row per k in increasing order.
     *
     * @return an unmodifiable list
     */
    public List<Row> rows() {
      return rows;
    }

    /**
     * Tells whether a {@link FitLimits} limit stopped the selection before the end of its range (the
     * rows then cover only the k values finished before it).
     *
     * @return {@link FitStatus#TIME_LIMIT} or {@link FitStatus#CANCELLED}, or empty when every k of the
     *     range was fitted and scored
     */
    public Optional<FitStatus> stoppedBy() {
      return Optional.ofNullable(stoppedBy);
    }

    /**
     * Returns the suggested k by {@link KSelection#RULE}.
     *
     * @return the suggested number of clusters
     */
    public int suggestedK() {
      return suggestedK;
    }

    /**
     * Returns the rule used to suggest k.
     *
     * @return the rule text
     */
    public String rule() {
      return RULE;
    }

    /**
     * Tells whether the silhouette was estimated on a sample.
     *
     * @return {@code true} when the number of accounts exceeded the exact limit
     */
    public boolean sampled() {
      return sampled;
    }

    /**
     * Returns the model fitted for one k.
     *
     * @param k a k of the range
     * @return the model
     * @throws IllegalArgumentException when k is outside the range
     */
    public KMeansModel model(int k) {
      for (int q = 0; q < rows.size(); q++) {
        if (rows.get(q).k() == k) {
          return models.get(q);
        }
      }
      throw new IllegalArgumentException("k=" + k + " is outside the selection range "
          + rows.get(0).k() + ".." + rows.get(rows.size() - 1).k() + ".");
    }

    /**
     * Prints one row per k with every score, marking the suggested k.
     *
     * @return the text table
     */
    @Override
    public String toString() {
      TextTable t = new TextTable(
          List.of("k", "inertia", "silhouette", "calinski_harabasz", "davies_bouldin", "note"),
          new boolean[] {true, true, true, true, true, false});
      for (Row r : rows) {
        t.addRow(Integer.toString(r.k()), fmt(r.inertia()), fmt(r.silhouette()),
            fmt(r.calinskiHarabasz()), fmt(r.daviesBouldin()), r.k() == suggestedK ? "<- suggested" : "");
      }
      return "KSelection: suggested k=" + suggestedK + " by " + RULE
          + (sampled ? " (silhouette estimated on " + sampleSize + " sampled accounts)" : "")
          + (stoppedBy == null ? "" : " (stopped early: " + stoppedBy + ")")
          + "\n" + t.render();
    }

    private static String fmt(double v) {
      return Double.isNaN(v) ? "NA" : String.format(Locale.ROOT, "%.4f", v);
    }
  }

  /**
   * Builder of {@link KSelection}. Mutable and not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private KMeans kmeans;
    private int minK = 2;
    private int maxK = 10;
    private int exactLimit = 20_000;

    private Builder() {}

    /**
     * Sets the k-means configuration used for every k (its own {@code clusters} is ignored).
     *
     * @param kmeans a configuration without given initial centroids
     * @return this builder
     */
    public Builder kmeans(KMeans kmeans) {
      this.kmeans = Objects.requireNonNull(kmeans, "kmeans");
      return this;
    }

    /**
     * Sets the range of k, inclusive. Default 2..10.
     *
     * @param from smallest k, at least 2
     * @param to largest k, at least {@code from}
     * @return this builder
     * @throws IllegalArgumentException for a bad range
     */
    public Builder range(int from, int to) {
      if (from < 2 || to < from) {
        throw new IllegalArgumentException(
            "KSelection.range needs 2 <= from <= to, was " + from + ".." + to + ".");
      }
      this.minK = from;
      this.maxK = to;
      return this;
    }

    /**
     * Sets the largest number of accounts for an exact silhouette, which is also the sample size above
     * it. Default 20,000 (the exact silhouette costs {@code O(n^2 d)}).
     *
     * @param n at least 2
     * @return this builder
     * @throws IllegalArgumentException when {@code n < 2}
     */
    public Builder exactSilhouetteLimit(int n) {
      if (n < 2) {
        throw new IllegalArgumentException("exactSilhouetteLimit must be >= 2, was " + n + ".");
      }
      this.exactLimit = n;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the configuration
     * @throws IllegalStateException when no k-means configuration was given
     */
    public KSelection build() {
      if (kmeans == null) {
        throw new IllegalStateException(
            "KSelection needs a k-means configuration: kmeans(KMeans.builder().clusters(2)...build()).");
      }
      if (kmeans.init() == KMeansInit.GIVEN) {
        throw new IllegalStateException(
            "KSelection cannot use a k-means configuration with given initial centroids.");
      }
      return new KSelection(kmeans, minK, maxK, exactLimit);
    }
  }
}
