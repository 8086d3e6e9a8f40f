package dev.segmentation.core.model;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Criteria;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.criteria.FeatureMatrix;
import dev.segmentation.core.criteria.RowIssue;
import dev.segmentation.core.internal.FeatureTransform;
import dev.segmentation.core.criteria.FittedCriteria;
import dev.segmentation.core.internal.BlockExecutor;
import dev.segmentation.core.internal.KMeansEngine;
import dev.segmentation.core.internal.KMeansWeights;
import dev.segmentation.core.table.NumericColumn;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * The k-means trainer: an immutable configuration with a pure {@link #fit} (same data and
 * configuration, same model, whatever the number of threads).
 *
 * <pre>{@code
 * KMeansModel model = KMeans.builder()
 *     .clusters(5).restarts(10).maxIterations(300).seed(42L)
 *     .build()
 *     .fit(accounts, criteria);
 * Segmentation seg = model.assign(accounts);
 * }</pre>
 *
 * <p><b>Definitions.</b> Distance is Euclidean in the feature space of the fitted criteria (so criterion
 * weights multiply squared distances). The objective (inertia) is the sum over training accounts of
 * {@code weight_i * ||x_i - c_{label(i)}||^2}, with unit weights unless {@link Builder#weights(String)}
 * names a weight column. Each restart {@code r} draws its random numbers from its own
 * {@code XO_RO_SHI_RO_128_PP} stream seeded with outputs {@code 2r} and {@code 2r + 1} of the
 * SplitMix64 sequence started at the seed; the restart with the lowest inertia
 * wins (ties: lowest {@code r}). Lloyd iterations stop when no label changes, when the squared centroid
 * shift {@code sum_j ||c_j - c'_j||^2} is at most {@code tolerance * mean_t var(x_t)} (the mean
 * population variance of the feature columns, as scikit-learn defines its {@code tol}), or after
 * {@code maxIterations} centroid updates; the final labels are always the nearest centroids of the
 * final centroids (ties: lowest index). An empty cluster is re-seeded at the account farthest from its
 * centroid. Accounts without features (see {@link FeatureMatrix#issues()}) are left out of fitting
 * and left unassigned by the model.
 *
 * <p>Work is split into fixed blocks of 4096 accounts whose partial sums are combined in block order,
 * so the result is bit-identical for any {@link Builder#parallelism(int)}.
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @since 0.1
 */
public final class KMeans {

  /** The default seed. */
  public static final long DEFAULT_SEED = 42L;

  /** The name of the random number generator, stored in saved models. */
  public static final String RNG_ALGORITHM = "XO_RO_SHI_RO_128_PP";

  private final int clusters;
  private final int restarts;
  private final int maxIterations;
  private final double tolerance;
  private final long seed;
  private final KMeansInit init;
  private final double[] initialCentroids;
  private final KMeansAlgorithm algorithm;
  private final String weightColumn;
  private final int parallelism;
  private final Executor executor;

  private KMeans(Builder b) {
    this.clusters = b.clusters;
    this.restarts = b.restarts;
    this.maxIterations = b.maxIterations;
    this.tolerance = b.tolerance;
    this.seed = b.seed;
    this.init = b.init;
    this.initialCentroids = b.initialCentroids == null ? null : b.initialCentroids.clone();
    this.algorithm = b.algorithm;
    this.weightColumn = b.weightColumn;
    this.parallelism = b.parallelism;
    this.executor = b.executor;
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
   * Returns a copy of this configuration with another number of clusters.
   *
   * @param k at least 1
   * @return the new configuration
   * @throws IllegalArgumentException when {@code k < 1}
   * @throws IllegalStateException when the configuration starts from given centroids
   */
  public KMeans withClusters(int k) {
    if (init == KMeansInit.GIVEN) {
      throw new IllegalStateException(
          "A KMeans configuration with given initial centroids cannot change its number of clusters.");
    }
    Builder b = new Builder();
    b.clusters(k).restarts(restarts).maxIterations(maxIterations).tolerance(tolerance).seed(seed)
        .init(init).algorithm(algorithm).parallelism(parallelism);
    if (weightColumn != null) {
      b.weights(weightColumn);
    }
    if (executor != null) {
      b.executor(executor);
    }
    return b.build();
  }

  /**
   * Returns the number of clusters {@code k}.
   *
   * @return k
   */
  public int clusters() {
    return clusters;
  }

  /**
   * Returns the number of restarts.
   *
   * @return restarts, {@code >= 1}
   */
  public int restarts() {
    return restarts;
  }

  /**
   * Returns the maximum number of centroid updates per restart.
   *
   * @return the iteration limit
   */
  public int maxIterations() {
    return maxIterations;
  }

  /**
   * Returns the relative tolerance on the centroid shift.
   *
   * @return the tolerance, {@code >= 0}
   */
  public double tolerance() {
    return tolerance;
  }

  /**
   * Returns the seed.
   *
   * @return the seed
   */
  public long seed() {
    return seed;
  }

  /**
   * Returns the initialisation method.
   *
   * @return the method
   */
  public KMeansInit init() {
    return init;
  }

  /**
   * Returns the user-given initial centroids ({@link KMeansInit#GIVEN}).
   *
   * @return a copy of the {@code k * d} row-major centroids, or empty
   */
  public Optional<double[]> initialCentroids() {
    return Optional.ofNullable(initialCentroids).map(double[]::clone);
  }

  /**
   * Returns the Lloyd variant.
   *
   * @return the algorithm
   */
  public KMeansAlgorithm algorithm() {
    return algorithm;
  }

  /**
   * Returns the weight column.
   *
   * @return the numeric column of per-account weights, or empty for unit weights
   */
  public Optional<String> weightColumn() {
    return Optional.ofNullable(weightColumn);
  }

  /**
   * Returns the number of threads.
   *
   * @return the parallelism
   */
  public int parallelism() {
    return parallelism;
  }

  /**
   * Fits the criteria on the table, builds the feature matrix and runs k-means.
   *
   * @param table the training accounts
   * @param criteria what to cluster by
   * @return the fitted model
   * @throws DataValidationException as {@link Criteria#fit(AccountTable)}, or when {@code k} exceeds
   *     the number of accounts (or of distinct feature rows), or a weight is missing, negative or
   *     infinite
   * @throws FitStoppedException when the calling thread is interrupted before the first restart's
   *     seeding is complete (an interrupt later returns the best restart so far with status
   *     {@link FitStatus#CANCELLED}; see {@link FitLimits})
   */
  public KMeansModel fit(AccountTable table, Criteria criteria) {
    return fit(table, criteria, FitLimits.none());
  }

  /**
   * Fits the criteria on the table and runs k-means within limits: a time limit, cancellation or an
   * interrupt of the calling thread stops the fit at its next check (before each restart, each
   * k-means++ centre and each Lloyd iteration, and in restarts after the first also before each block
   * of 4,096 accounts, abandoning that restart) and returns the best restart so far with
   * {@link KMeansModel#status()} {@link FitStatus#TIME_LIMIT} or {@link FitStatus#CANCELLED}. When no
   * limit fires, the model is the same as {@link #fit(AccountTable, Criteria)}'s.
   *
   * @param table the training accounts
   * @param criteria what to cluster by
   * @param limits time limit and cancellation
   * @return the fitted model
   * @throws DataValidationException as {@link #fit(AccountTable, Criteria)}
   * @throws FitStoppedException when a limit fires before the first restart's seeding is complete
   */
  public KMeansModel fit(AccountTable table, Criteria criteria, FitLimits limits) {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(criteria, "criteria");
    Objects.requireNonNull(limits, "limits");
    FitLimits.Stopper stop = limits.start();
    return fit(table, criteria.fit(table), stop, false);
  }

  /**
   * Runs k-means on the features of the table under already fitted criteria.
   *
   * @param table the training accounts
   * @param criteria fitted criteria
   * @return the fitted model
   * @throws DataValidationException when {@code k} exceeds the number of accounts (or of distinct
   *     feature rows), a weight is missing, negative or infinite, or the feature matrix cannot be built
   * @throws FitStoppedException as {@link #fit(AccountTable, Criteria)} on an interrupted thread
   */
  public KMeansModel fit(AccountTable table, FittedCriteria criteria) {
    return fit(table, criteria, FitLimits.none());
  }

  /**
   * Runs k-means on the features of the table under already fitted criteria, within limits (see
   * {@link #fit(AccountTable, Criteria, FitLimits)}).
   *
   * @param table the training accounts
   * @param criteria fitted criteria
   * @param limits time limit and cancellation
   * @return the fitted model
   * @throws DataValidationException as {@link #fit(AccountTable, FittedCriteria)}
   * @throws FitStoppedException when a limit fires before the first restart's seeding is complete
   */
  public KMeansModel fit(AccountTable table, FittedCriteria criteria, FitLimits limits) {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(criteria, "criteria");
    Objects.requireNonNull(limits, "limits");
    return fit(table, criteria, limits.start(), false);
  }

  /**
   * The fit under a started stop check; with {@code abandonable} every restart (not only the later
   * ones) may be abandoned inside a pass, because the caller has a result to fall back on.
   */
  KMeansModel fit(
      AccountTable table, FittedCriteria criteria, FitLimits.Stopper stop, boolean abandonable) {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(criteria, "criteria");
    // the model owns the feature array: no defensive copy, so one feature matrix is in memory
    FeatureTransform.Result fm = FeatureTransform.run(criteria, table);
    int d = fm.columns();
    int total = fm.rows();
    int[] rows = new int[total];
    boolean[] bad = new boolean[total];
    for (RowIssue issue : fm.issues()) {
      bad[issue.row()] = true;
    }
    int n = 0;
    for (int i = 0; i < total; i++) {
      if (!bad[i]) {
        rows[n++] = i;
      }
    }
    if (n == 0) {
      throw new DataValidationException("KMeans: no account has features ("
          + total + " accounts, " + fm.issues().size() + " without features).");
    }
    if (clusters > n) {
      throw new DataValidationException(String.format(Locale.ROOT,
          "KMeans.clusters must be between 1 and the number of accounts (%d), was %d.", n, clusters));
    }
    double[] x = fm.data();
    if (n < total) {
      // compact in place: complete rows move up, order kept
      for (int r = 0; r < n; r++) {
        if (rows[r] != r) {
          System.arraycopy(x, rows[r] * d, x, r * d, d);
        }
      }
      x = java.util.Arrays.copyOf(x, n * d);
    }
    fm = null;
    double[] w = weights(table, rows, n);
    if (initialCentroids != null && initialCentroids.length != clusters * d) {
      throw new IllegalArgumentException("KMeans.initialCentroids has " + initialCentroids.length
          + " values, expected clusters x features = " + clusters + " x " + d + " = " + (clusters * d)
          + " (features: " + String.join(", ", criteria.featureNames()) + ").");
    }
    KMeansEngine.Data data = new KMeansEngine.Data(x, n, d, w);
    double shiftTol = tolerance == 0 ? 0.0 : tolerance * meanVariance(x, n, d);
    KMeansEngine.Variant variant = algorithm == KMeansAlgorithm.LLOYD
        ? KMeansEngine.Variant.LLOYD : KMeansEngine.Variant.HAMERLY;
    KMeansEngine.Result best = null;
    int bestRestart = -1;
    int runs = init == KMeansInit.GIVEN ? 1 : restarts;
    // label-independent statistics of the model, computed up front so a stopped fit returns sooner
    double[][] moments = KMeansModel.featureMoments(x, w, n, d);
    try (BlockExecutor exec = BlockExecutor.create(parallelism, executor)) {
      for (int r = 0; r < runs; r++) {
        double[] start;
        try {
          start = start(data, r, exec, stop);
        } catch (KMeansEngine.Stopped e) {
          break;
        }
        KMeansEngine.Result res;
        try {
          // a later restart (or a caller with a fallback) is abandoned inside a pass when stopped
          res = KMeansEngine.lloyd(data, start, clusters, maxIterations, shiftTol, variant, false,
              exec, stop, abandonable || best != null);
        } catch (KMeansEngine.Stopped e) {
          break;
        }
        if (best == null || res.inertia() < best.inertia()) {
          best = res;
          bestRestart = r;
        }
        if (stop.reason() != null) {
          break;
        }
      }
      FitStatus status = stop.reason();
      if (best == null) {
        throw new FitStoppedException(status, "KMeans.fit (k=" + clusters + ")");
      }
      if (status == null) {
        status = best.converged() ? FitStatus.CONVERGED : FitStatus.MAX_ITERATIONS;
      }
      return KMeansModel.create(
          this, criteria, table, rows, n, x, w, best, bestRestart, status, moments);
    }
  }

  private double[] start(
      KMeansEngine.Data data, int restart, BlockExecutor exec, FitLimits.Stopper stop) {
    if (stop.getAsBoolean()) {
      throw new KMeansEngine.Stopped();
    }
    if (init == KMeansInit.GIVEN) {
      return initialCentroids.clone();
    }
    UniformRandomProvider rng = restartRng(seed, restart);
    try {
      return switch (init) {
        case K_MEANS_PLUS_PLUS -> KMeansEngine.kMeansPlusPlus(data, clusters, 1, rng, exec, stop);
        case GREEDY_K_MEANS_PLUS_PLUS -> KMeansEngine.kMeansPlusPlus(
            data, clusters, 2 + (int) Math.floor(Math.log(clusters)), rng, exec, stop);
        case RANDOM -> KMeansEngine.randomRows(data, clusters, rng);
        case GIVEN -> throw new IllegalStateException("unreachable");
      };
    } catch (KMeansEngine.TooFewDistinctPoints e) {
      throw new DataValidationException(String.format(Locale.ROOT,
          "KMeans.clusters is %d but the accounts have only %d distinct feature rows (with positive "
              + "weight); choose at most %d clusters.", clusters, e.distinct, e.distinct),
          null, null, -1, e);
    }
  }

  /**
   * The random stream of one restart: {@code XO_RO_SHI_RO_128_PP} seeded with outputs
   * {@code 2r} and {@code 2r + 1} of the SplitMix64 sequence started at {@code seed}.
   *
   * @param seed the configured seed
   * @param restart the restart index
   * @return a new random source
   */
  static UniformRandomProvider restartRng(long seed, int restart) {
    long golden = 0x9E3779B97F4A7C15L;
    return RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {
      mix(seed + golden * (2L * restart + 1)), mix(seed + golden * (2L * restart + 2))
    });
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private double[] weights(AccountTable table, int[] rows, int n) {
    if (weightColumn == null) {
      return null;
    }
    NumericColumn col;
    try {
      col = table.numeric(weightColumn);
    } catch (IllegalArgumentException e) {
      throw KMeansWeights.badColumn(weightColumn, e);
    }
    double[] w = new double[n];
    double total = 0;
    for (int r = 0; r < n; r++) {
      double v = col.get(rows[r]);
      if (!KMeansWeights.valid(v)) {
        throw KMeansWeights.badWeight(weightColumn, table.id(rows[r]), v);
      }
      w[r] = v;
      total += v;
    }
    if (!(total > 0)) {
      throw KMeansWeights.zeroTotal(weightColumn);
    }
    return w;
  }

  /** Mean population variance of the columns; each column summed in row order (row-major scan). */
  private static double meanVariance(double[] x, int n, int d) {
    double[] mean = new double[d];
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < d; t++) {
        mean[t] += x[i * d + t];
      }
    }
    for (int t = 0; t < d; t++) {
      mean[t] /= n;
    }
    double[] var = new double[d];
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < d; t++) {
        double diff = x[i * d + t] - mean[t];
        var[t] += diff * diff;
      }
    }
    double total = 0;
    for (int t = 0; t < d; t++) {
      total += var[t] / n;
    }
    return d == 0 ? 0 : total / d;
  }

  /**
   * Compares every setting that affects the result (the executor and parallelism do not).
   *
   * @param o the other object
   * @return {@code true} for equal settings
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof KMeans k
        && clusters == k.clusters && restarts == k.restarts && maxIterations == k.maxIterations
        && Double.compare(tolerance, k.tolerance) == 0 && seed == k.seed && init == k.init
        && java.util.Arrays.equals(initialCentroids, k.initialCentroids)
        && algorithm == k.algorithm && Objects.equals(weightColumn, k.weightColumn);
  }

  @Override
  public int hashCode() {
    return Objects.hash(clusters, restarts, maxIterations, tolerance, seed, init,
        java.util.Arrays.hashCode(initialCentroids), algorithm, weightColumn);
  }

  /**
   * Lists every parameter on one line.
   *
   * @return for example {@code KMeans[clusters=5, restarts=10, ...]}
   */
  @Override
  public String toString() {
    return "KMeans[clusters=" + clusters + ", restarts=" + restarts + ", maxIterations="
        + maxIterations + ", tolerance=" + tolerance + ", seed=" + seed + ", init=" + init
        + ", algorithm=" + algorithm + ", weights=" + (weightColumn == null ? "none" : weightColumn)
        + ", parallelism=" + parallelism + "]";
  }

  /**
   * Builder of {@link KMeans}. Mutable and not thread-safe; {@link #build()} copies and validates.
   *
   * @since 0.1
   */
  public static final class Builder {

    private int clusters = -1;
    private int restarts = 10;
    private int maxIterations = 300;
    private double tolerance = 0.0;
    private long seed = DEFAULT_SEED;
    private KMeansInit init = KMeansInit.K_MEANS_PLUS_PLUS;
    private double[] initialCentroids;
    private KMeansAlgorithm algorithm = KMeansAlgorithm.HAMERLY;
    private String weightColumn;
    private int parallelism = Runtime.getRuntime().availableProcessors();
    private Executor executor;

    private Builder() {}

    /**
     * Sets the number of clusters {@code k}; required.
     *
     * @param k at least 1 (and at most the number of accounts, checked by {@code fit})
     * @return this builder
     * @throws IllegalArgumentException when {@code k < 1}
     */
    public Builder clusters(int k) {
      if (k < 1) {
        throw new IllegalArgumentException("KMeans.clusters must be >= 1, was " + k + ".");
      }
      this.clusters = k;
      return this;
    }

    /**
     * Sets the number of restarts, each from its own seeding; the lowest inertia wins. Default 10.
     *
     * @param n at least 1
     * @return this builder
     * @throws IllegalArgumentException when {@code n < 1}
     */
    public Builder restarts(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("KMeans.restarts must be >= 1, was " + n + ".");
      }
      this.restarts = n;
      return this;
    }

    /**
     * Sets the maximum number of centroid updates per restart. Default 300.
     *
     * @param n at least 0 (0 returns the initial centroids with their nearest-centroid labels)
     * @return this builder
     * @throws IllegalArgumentException when {@code n < 0}
     */
    public Builder maxIterations(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("KMeans.maxIterations must be >= 0, was " + n + ".");
      }
      this.maxIterations = n;
      return this;
    }

    /**
     * Sets the relative tolerance: iterations stop when the squared centroid shift is at most
     * {@code tolerance} times the mean variance of the feature columns (scikit-learn's {@code tol}
     * uses {@code 1e-4}). Default 0: run until no label changes (or {@code maxIterations}); Hamerly's
     * bounds make the last iterations cheap, and stopping early can leave a visibly worse optimum.
     *
     * @param tol finite and {@code >= 0}
     * @return this builder
     * @throws IllegalArgumentException for a negative or non-finite value
     */
    public Builder tolerance(double tol) {
      if (!(Double.isFinite(tol) && tol >= 0)) {
        throw new IllegalArgumentException("KMeans.tolerance must be finite and >= 0, was " + tol + ".");
      }
      this.tolerance = tol;
      return this;
    }

    /**
     * Sets the seed. Default {@value KMeans#DEFAULT_SEED}.
     *
     * @param seed any value
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Sets the initialisation. Default {@link KMeansInit#K_MEANS_PLUS_PLUS}.
     *
     * @param init a seeding method other than {@link KMeansInit#GIVEN} (use
     *     {@link #initialCentroids(double[][])})
     * @return this builder
     * @throws IllegalArgumentException for {@link KMeansInit#GIVEN}
     */
    public Builder init(KMeansInit init) {
      Objects.requireNonNull(init, "init");
      if (init == KMeansInit.GIVEN) {
        throw new IllegalArgumentException(
            "Use KMeans.Builder.initialCentroids(...) to give the starting centroids.");
      }
      this.init = init;
      this.initialCentroids = null;
      return this;
    }

    /**
     * Starts from the given centroids (in feature space, one row per cluster); sets
     * {@link KMeansInit#GIVEN} and the number of clusters.
     *
     * @param centroids {@code k} rows of equal length {@code d} (the number of features), finite
     * @return this builder
     * @throws IllegalArgumentException for ragged rows, no rows or non-finite values
     */
    public Builder initialCentroids(double[][] centroids) {
      Objects.requireNonNull(centroids, "centroids");
      if (centroids.length == 0 || centroids[0].length == 0) {
        throw new IllegalArgumentException("KMeans.initialCentroids needs at least one non-empty row.");
      }
      int d = centroids[0].length;
      double[] flat = new double[centroids.length * d];
      for (int j = 0; j < centroids.length; j++) {
        if (centroids[j].length != d) {
          throw new IllegalArgumentException("KMeans.initialCentroids row " + j + " has "
              + centroids[j].length + " values, expected " + d + ".");
        }
        for (int t = 0; t < d; t++) {
          if (!Double.isFinite(centroids[j][t])) {
            throw new IllegalArgumentException(
                "KMeans.initialCentroids[" + j + "][" + t + "] is " + centroids[j][t] + ".");
          }
          flat[j * d + t] = centroids[j][t];
        }
      }
      this.initialCentroids = flat;
      this.clusters = centroids.length;
      this.init = KMeansInit.GIVEN;
      return this;
    }

    /**
     * Chooses the Lloyd variant. Default {@link KMeansAlgorithm#HAMERLY}.
     *
     * @param algorithm the variant
     * @return this builder
     */
    public Builder algorithm(KMeansAlgorithm algorithm) {
      this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
      return this;
    }

    /**
     * Weights accounts by a numeric column (for example revenue) in the centroid update, in k-means++
     * and in the inertia. Weights must be finite and {@code >= 0}.
     *
     * @param column a numeric column of the training table
     * @return this builder
     */
    public Builder weights(String column) {
      Objects.requireNonNull(column, "column");
      if (column.isBlank()) {
        throw new IllegalArgumentException("KMeans.weights column name must be non-blank.");
      }
      this.weightColumn = column;
      return this;
    }

    /**
     * Sets the number of threads; the result does not depend on it. Default: available processors.
     * With {@code n > 1} and no executor, each fit uses a private pool that it shuts down.
     *
     * @param n at least 1
     * @return this builder
     * @throws IllegalArgumentException when {@code n < 1}
     */
    public Builder parallelism(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("KMeans.parallelism must be >= 1, was " + n + ".");
      }
      this.parallelism = n;
      return this;
    }

    /**
     * Runs the blocks on the caller's executor instead of a private pool (used when parallelism is
     * above 1).
     *
     * @param executor the executor
     * @return this builder
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Validates and builds the configuration.
     *
     * @return the trainer
     * @throws IllegalStateException when {@link #clusters(int)} was not set
     */
    public KMeans build() {
      if (clusters < 1) {
        throw new IllegalStateException("KMeans.clusters must be set (for example clusters(5)).");
      }
      return new KMeans(this);
    }
  }
}
