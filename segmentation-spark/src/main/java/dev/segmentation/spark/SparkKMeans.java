package dev.segmentation.spark;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Criteria;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.criteria.Criterion;
import dev.segmentation.core.criteria.FittedCriteria;
import dev.segmentation.core.criteria.RowIssue;
import dev.segmentation.core.internal.FeatureTransform;
import dev.segmentation.core.internal.BlockExecutor;
import dev.segmentation.core.internal.KMeansEngine;
import dev.segmentation.core.internal.KMeansWeights;
import dev.segmentation.core.json.ModelJson;
import dev.segmentation.core.model.KMeans;
import dev.segmentation.core.model.KMeansAlgorithm;
import dev.segmentation.core.model.KMeansModel;
import dev.segmentation.core.table.NumericColumn;
import dev.segmentation.spark.internal.KMeansBlocks;
import dev.segmentation.spark.internal.RowBlockConverter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Fits a k-means model on a Spark {@code Dataset<Row>}: starting centroids from a sample or by
 * k-means|| ({@link SparkKMeansInit}), then exact Lloyd iterations over every row, each one Spark job
 * whose partitions compute per-cluster partial sums with the single-machine trainer's kernel. The
 * result is a core {@link KMeansModel}: score it with {@link SparkSegmenter} or on one machine.
 *
 * <pre>{@code
 * KMeansModel model = SparkKMeans.builder()
 *     .clusters(8).seed(42L)
 *     .init(SparkKMeansInit.SAMPLE)              // default; or K_MEANS_PARALLEL
 *     .sampleSize(100_000)                       // rows for the initialisation and the criteria
 *     .build()
 *     .fit(accounts, criteria);
 * }</pre>
 *
 * <p><b>Same answer as one machine.</b> Feature rows are numbered in dataset order (partition index,
 * then position), rows without features dropped as the single-machine fit drops them. Each Lloyd pass
 * sums the rows of every block of {@value dev.segmentation.core.internal.BlockExecutor#BLOCK_ROWS}
 * feature rows in row order and adds the block sums in block order, exactly as core's trainer sums a
 * fresh update, and divides as it does; so from the same starting centroids the labels, the centroids
 * (bit for bit), the iterations and the inertia equal those of {@code KMeans} with
 * {@code initialCentroids(start)} (and the same {@code weights} column, if any) on a table of the
 * same rows in the same order, for any partitioning of that order. Two documented differences: an empty cluster keeps its previous centroid here (core
 * re-seeds it at the farthest point), and with {@code tolerance > 0} the variance that scales the
 * tolerance is summed per partition (it may differ from core's in the last bits).
 *
 * <p><b>Weights.</b> {@link Builder#weights(String)} names a numeric column of per-account weights,
 * used as core's {@code KMeans} uses them: weighted centroid sums and inertia (each block summed by
 * core's kernel with the rows' weights), weighted k-means++ and a weighted k-means||. Invalid weights
 * are refused with core's messages.
 *
 * <p><b>The model.</b> Centroids, cluster sizes, inertia, iterations and convergence come from the
 * full dataset; the criteria are fitted on the sample when given as {@link Criteria} (pass
 * {@link FittedCriteria} to fix them), and the centroids in original units and the segment names are
 * computed on the sample (on all rows when the dataset has at most {@code sampleSize} rows). Its
 * settings record {@code initialCentroids} = the starting centroids and the Lloyd algorithm, so the
 * single-machine trainer with those settings reproduces it. A fit runs several Spark jobs over the
 * dataset: {@code cache()} it first when it is expensive to compute.
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @since 0.1
 */
public final class SparkKMeans {

  /** Default number of sample rows. */
  public static final int DEFAULT_SAMPLE_SIZE = 100_000;
  /** Default k-means|| oversampling factor: {@code l = 2 k} rows drawn per round on average. */
  public static final double DEFAULT_OVERSAMPLING = 2.0;
  /** Default number of k-means|| rounds. */
  public static final int DEFAULT_ROUNDS = 5;

  private final int clusters;
  private final int restarts;
  private final int maxIterations;
  private final double tolerance;
  private final long seed;
  private final SparkKMeansInit init;
  private final double[][] initialCentroids;
  private final int sampleSize;
  private final double oversampling;
  private final int rounds;
  private final String idColumn;
  private final int blockSize;
  private final String weightColumn;

  private SparkKMeans(Builder b) {
    this.clusters = b.clusters;
    this.restarts = b.restarts;
    this.maxIterations = b.maxIterations;
    this.tolerance = b.tolerance;
    this.seed = b.seed;
    this.init = b.init;
    this.initialCentroids = b.initialCentroids;
    this.sampleSize = b.sampleSize;
    this.oversampling = b.oversampling;
    this.rounds = b.rounds;
    this.idColumn = b.idColumn;
    this.blockSize = b.blockSize;
    this.weightColumn = b.weightColumn;
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
   * Fits the criteria on the sample, then k-means on every row.
   *
   * @param accounts the accounts: the id column and the columns the criteria read
   * @param criteria what to cluster by (fitted on the sample)
   * @return the model
   * @throws DataValidationException when a column is missing, the dataset has fewer rows with
   *     features than clusters, the criteria cannot be fitted on the sample, or (with
   *     {@link Builder#weights(String)}) a weight is not finite and {@code >= 0} or they sum to 0
   */
  public KMeansModel fit(Dataset<Row> accounts, Criteria criteria) {
    Objects.requireNonNull(criteria, "criteria");
    return fit(accounts, criteria.criteria(), criteria, null);
  }

  /**
   * Runs k-means on every row under already fitted criteria.
   *
   * @param accounts the accounts: the id column and the columns the criteria read
   * @param criteria fitted criteria
   * @return the model
   * @throws DataValidationException when a column is missing, the dataset has fewer rows with
   *     features than clusters, or (with {@link Builder#weights(String)}) a weight is not finite and
   *     {@code >= 0} or they sum to 0
   */
  public KMeansModel fit(Dataset<Row> accounts, FittedCriteria criteria) {
    Objects.requireNonNull(criteria, "criteria");
    return fit(accounts, criteria.criteria().criteria(), null, criteria);
  }

  private KMeansModel fit(Dataset<Row> accounts, List<Criterion> read, Criteria criteria,
      FittedCriteria fitted) {
    Objects.requireNonNull(accounts, "accounts");
    Set<String> columns = new LinkedHashSet<>();
    for (Criterion c : read) {
      columns.addAll(c.source().columns());
    }
    boolean weightInSchema = false;
    if (weightColumn != null) {
      for (String f : accounts.schema().fieldNames()) {
        weightInSchema |= f.equals(weightColumn);
      }
      if (weightInSchema) {
        columns.add(weightColumn);
      }
    }
    RowBlockConverter converter =
        RowBlockConverter.of(accounts.schema(), idColumn, new ArrayList<>(columns));
    long count = accounts.count();
    if (count == 0) {
      throw new DataValidationException("SparkKMeans: the dataset has no rows.", null, null, -1,
          null);
    }
    double fraction = Math.min(1.0, (double) sampleSize / count);
    List<Row> sampled = fraction >= 1.0 ? accounts.collectAsList()
        : accounts.sample(false, fraction, seed).collectAsList();
    if (sampled.size() < clusters) {
      throw new DataValidationException(String.format(Locale.ROOT,
          "SparkKMeans: the sample has %d rows, fewer than the %d clusters; raise sampleSize.",
          sampled.size(), clusters), null, null, -1, null);
    }
    AccountTable sample = converter.toTable(sampled);
    if (weightColumn != null) {
      try {
        sample.numeric(weightColumn);
      } catch (IllegalArgumentException e) {
        throw KMeansWeights.badColumn(weightColumn, e);
      }
    }
    FittedCriteria fc = fitted != null ? fitted : criteria.fit(sample);
    int d = fc.dimension();
    JavaRDD<KMeansBlocks.Part> parts = KMeansBlocks.features(
        accounts.javaRDD(), ModelJson.write(fc), converter, blockSize, weightColumn);
    parts.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      List<KMeansBlocks.Summary> sizes = KMeansBlocks.summaries(parts);
      int[] offsets = new int[sizes.size() + 1];
      for (int p = 0; p < sizes.size(); p++) {
        offsets[p + 1] = offsets[p] + sizes.get(p).n();
      }
      int n = offsets[sizes.size()];
      if (clusters > n) {
        throw new DataValidationException(String.format(Locale.ROOT,
            "SparkKMeans.clusters must be between 1 and the number of accounts with features (%d), "
                + "was %d.", n, clusters), null, null, -1, null);
      }
      double[] totals = checkWeights(sizes);
      double[] start = start(parts, offsets, n, d, sample, fc, totals);
      double shiftTol = tolerance == 0 ? 0.0 : tolerance * KMeansBlocks.meanVariance(parts, n, d);
      // Lloyd: one pass per centre update; the means divide as core's trainer does
      double[] centers = start.clone();
      KMeansBlocks.Pass pass = KMeansBlocks.lloydPass(parts, offsets, centers, clusters, d);
      int iterations = 0;
      boolean converged = false;
      double[] next = new double[clusters * d];
      while (iterations < maxIterations) {
        boolean anyEmpty = means(pass, centers, next, d);
        double shift = 0;
        for (int j = 0; j < clusters; j++) {
          shift += KMeansEngine.dist2(centers, j * d, next, j * d, d);
        }
        boolean same = Arrays.equals(centers, next);
        iterations++;
        System.arraycopy(next, 0, centers, 0, next.length);
        if (same && !anyEmpty) {
          // the labels did not change in the previous pass: this update repeats the centres
          converged = true;
          break;
        }
        pass = KMeansBlocks.lloydPass(parts, offsets, centers, clusters, d);
        if (!anyEmpty) {
          double[] check = new double[clusters * d];
          boolean empty = means(pass, centers, check, d);
          if (!empty && Arrays.equals(check, centers)) {
            converged = true;
            break;
          }
          if (shift <= shiftTol) {
            converged = true;
            break;
          }
        }
      }
      return model(fc, sample, start, centers, pass, iterations, converged, d);
    } finally {
      parts.unpersist(false);
    }
  }

  /**
   * Core's weight checks, on the rows with features in dataset order: the first weight that is not
   * finite and {@code >= 0} is named, then a zero total is refused (same messages as core's
   * {@code KMeans}). Returns each partition's total weight, or {@code null} when unweighted.
   */
  private double[] checkWeights(List<KMeansBlocks.Summary> parts) {
    if (weightColumn == null) {
      return null;
    }
    double[] totals = new double[parts.size()];
    double total = 0;
    for (int p = 0; p < totals.length; p++) {
      KMeansBlocks.Summary s = parts.get(p);
      if (s.bad()) {
        throw KMeansWeights.badWeight(weightColumn, s.badId(), s.badValue());
      }
      totals[p] = s.weight();
      total += s.weight();
    }
    if (!(total > 0)) {
      throw KMeansWeights.zeroTotal(weightColumn);
    }
    return totals;
  }

  /** Centres from the sums (core's division: multiply by the inverse weight); empty keeps old. */
  private boolean means(KMeansBlocks.Pass pass, double[] old, double[] next, int d) {
    boolean anyEmpty = false;
    for (int j = 0; j < clusters; j++) {
      double w = pass.weights()[j];
      if (w > 0) {
        double inv = 1.0 / w;
        for (int t = 0; t < d; t++) {
          next[j * d + t] = pass.sums()[j * d + t] * inv;
        }
      } else {
        anyEmpty = true;
        System.arraycopy(old, j * d, next, j * d, d);
      }
    }
    return anyEmpty;
  }

  private double[] start(JavaRDD<KMeansBlocks.Part> parts, int[] offsets, int n, int d,
      AccountTable sample, FittedCriteria fc, double[] totals) {
    switch (init) {
      case GIVEN: {
        if (initialCentroids[0].length != d) {
          throw new IllegalArgumentException("SparkKMeans.initialCentroids rows have "
              + initialCentroids[0].length + " values, expected the " + d + " features "
              + fc.featureNames() + ".");
        }
        return flatten(initialCentroids);
      }
      case SAMPLE:
        return sampleStart(sample, fc, true);
      default:
        return kMeansParallel(parts, offsets, n, d, sample, fc, totals);
    }
  }

  /**
   * Core's k-means on the sample (weighted when a weight column is set, unweighted when the sample's
   * weights sum to 0).
   */
  private double[] sampleStart(AccountTable sample, FittedCriteria fc, boolean withTolerance) {
    KMeans.Builder b = KMeans.builder().clusters(clusters).restarts(restarts)
        .maxIterations(maxIterations).seed(seed).parallelism(1);
    if (withTolerance) {
      b.tolerance(tolerance);
    }
    if (weightColumn != null && sampleWeight(sample, fc) > 0) {
      b.weights(weightColumn);
    }
    return flatten(b.build().fit(sample, fc).centroids());
  }

  /** Total weight of the sample rows with features and a valid weight. */
  private double sampleWeight(AccountTable sample, FittedCriteria fc) {
    NumericColumn w = sample.numeric(weightColumn);
    boolean[] bad = new boolean[sample.rowCount()];
    for (RowIssue issue : FeatureTransform.run(fc, sample).issues()) {
      bad[issue.row()] = true;
    }
    double total = 0;
    for (int i = 0; i < bad.length; i++) {
      if (!bad[i]) {
        total += w.get(i);
      }
    }
    return total;
  }

  private double[] kMeansParallel(JavaRDD<KMeansBlocks.Part> parts, int[] offsets, int n, int d,
      AccountTable sample, FittedCriteria fc, double[] totals) {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    double[] cands = totals == null ? KMeansBlocks.row(parts, offsets, rng.nextInt(n))
        : KMeansBlocks.weightedRow(parts, totals, rng.nextDouble());
    int c = 1;
    double l = oversampling * clusters;
    for (int round = 0; round < rounds; round++) {
      double phi = KMeansBlocks.cost(parts, cands, c);
      if (!(phi > 0)) {
        break;
      }
      double[] drawn = KMeansBlocks.sample(parts, cands, c, l, phi, seed, round);
      cands = Arrays.copyOf(cands, cands.length + drawn.length);
      System.arraycopy(drawn, 0, cands, c * d, drawn.length);
      c += drawn.length / d;
    }
    double[] weights = KMeansBlocks.nearestCounts(parts, cands, c);
    KMeansEngine.Data data = new KMeansEngine.Data(cands, c, d, weights);
    try (BlockExecutor exec = BlockExecutor.create(1, null)) {
      double[] best = null;
      double bestInertia = Double.POSITIVE_INFINITY;
      for (int r = 0; r < restarts; r++) {
        double[] s = KMeansEngine.kMeansPlusPlus(data, clusters, 1, rng, exec);
        KMeansEngine.Result res = KMeansEngine.lloyd(data, s, clusters, maxIterations, 0.0,
            KMeansEngine.Variant.LLOYD, false, exec);
        if (res.inertia() < bestInertia) {
          bestInertia = res.inertia();
          best = res.centers();
        }
      }
      return best;
    } catch (KMeansEngine.TooFewDistinctPoints e) {
      // fewer distinct candidates than clusters (tiny or repetitive data): start from the sample
      return sampleStart(sample, fc, false);
    }
  }

  private KMeansModel model(FittedCriteria fc, AccountTable sample, double[] start,
      double[] centers, KMeansBlocks.Pass pass, int iterations, boolean converged, int d) {
    double[][] start2 = unflatten(start, d);
    double[][] final2 = unflatten(centers, d);
    // original-unit centroids and segment names: core's model on the sample at the final centroids
    KMeans.Builder carry = KMeans.builder().initialCentroids(final2).maxIterations(0)
        .algorithm(KMeansAlgorithm.LLOYD).parallelism(1);
    KMeans.Builder settings = KMeans.builder().initialCentroids(start2).maxIterations(maxIterations)
        .tolerance(tolerance).seed(seed).algorithm(KMeansAlgorithm.LLOYD);
    if (weightColumn != null) {
      settings.weights(weightColumn);
      if (sampleWeight(sample, fc) > 0) {
        carry.weights(weightColumn);
      }
    }
    KMeansModel carrier = carry.build().fit(sample, fc);
    return KMeansModel.of(settings.build(), fc, final2, carrier.originalCentroids(),
        carrier.segments(), pass.counts(), pass.inertia(), iterations, converged, 0);
  }

  private static double[] flatten(double[][] rows) {
    int d = rows[0].length;
    double[] out = new double[rows.length * d];
    for (int j = 0; j < rows.length; j++) {
      System.arraycopy(rows[j], 0, out, j * d, d);
    }
    return out;
  }

  private static double[][] unflatten(double[] flat, int d) {
    double[][] out = new double[flat.length / d][];
    for (int j = 0; j < out.length; j++) {
      out[j] = Arrays.copyOfRange(flat, j * d, (j + 1) * d);
    }
    return out;
  }

  /**
   * Lists every setting on one line.
   *
   * @return for example {@code SparkKMeans[clusters=8, init=SAMPLE, ...]}
   */
  @Override
  public String toString() {
    return "SparkKMeans[clusters=" + clusters + ", init=" + init + ", restarts=" + restarts
        + ", maxIterations=" + maxIterations + ", tolerance=" + tolerance + ", seed=" + seed
        + ", sampleSize=" + sampleSize + ", oversampling=" + oversampling + ", rounds=" + rounds
        + ", idColumn=" + idColumn + ", blockSize=" + blockSize + ", weights="
        + (weightColumn == null ? "none" : weightColumn) + "]";
  }

  /**
   * Configures a {@link SparkKMeans}. Builders are mutable and not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {

    private int clusters = -1;
    private int restarts = 10;
    private int maxIterations = 300;
    private double tolerance;
    private long seed = KMeans.DEFAULT_SEED;
    private SparkKMeansInit init = SparkKMeansInit.SAMPLE;
    private double[][] initialCentroids;
    private int sampleSize = DEFAULT_SAMPLE_SIZE;
    private double oversampling = DEFAULT_OVERSAMPLING;
    private int rounds = DEFAULT_ROUNDS;
    private String idColumn = AccountTable.DEFAULT_ID_COLUMN;
    private int blockSize = SparkSegmenter.DEFAULT_BLOCK_SIZE;
    private String weightColumn;

    private Builder() {}

    /**
     * Sets the number of clusters (required).
     *
     * @param k clusters, {@code >= 1}
     * @return this builder
     * @throws IllegalArgumentException when {@code k < 1}
     */
    public Builder clusters(int k) {
      this.clusters = positive(k, "clusters");
      return this;
    }

    /**
     * Sets the k-means++ restarts of the initialisation (default 10): on the sample for
     * {@link SparkKMeansInit#SAMPLE}, on the weighted candidates for k-means||.
     *
     * @param n restarts, {@code >= 1}
     * @return this builder
     * @throws IllegalArgumentException when {@code n < 1}
     */
    public Builder restarts(int n) {
      this.restarts = positive(n, "restarts");
      return this;
    }

    /**
     * Sets the maximum number of distributed centroid updates (default 300).
     *
     * @param n updates, {@code >= 0}
     * @return this builder
     * @throws IllegalArgumentException when {@code n < 0}
     */
    public Builder maxIterations(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("SparkKMeans.maxIterations must be >= 0, was " + n + ".");
      }
      this.maxIterations = n;
      return this;
    }

    /**
     * Sets the convergence tolerance, as core's {@code KMeans.tolerance}: stop when the squared
     * centroid shift is at most {@code tol} times the features' mean variance (default 0: until the
     * labels are stable).
     *
     * @param tol the tolerance, finite and {@code >= 0}
     * @return this builder
     * @throws IllegalArgumentException when negative or not finite
     */
    public Builder tolerance(double tol) {
      if (!(Double.isFinite(tol) && tol >= 0)) {
        throw new IllegalArgumentException(
            "SparkKMeans.tolerance must be finite and >= 0, was " + tol + ".");
      }
      this.tolerance = tol;
      return this;
    }

    /**
     * Sets the seed of the sample, the initialisation and the k-means|| draws (default
     * {@value KMeans#DEFAULT_SEED}); Spark's sample and the draws are reproducible for a given
     * partitioning.
     *
     * @param seed the seed
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Sets the initialisation (default {@link SparkKMeansInit#SAMPLE}).
     *
     * @param init {@code SAMPLE} or {@code K_MEANS_PARALLEL}
     * @return this builder
     * @throws IllegalArgumentException for {@code GIVEN} (use {@link #initialCentroids})
     */
    public Builder init(SparkKMeansInit init) {
      Objects.requireNonNull(init, "init");
      if (init == SparkKMeansInit.GIVEN) {
        throw new IllegalArgumentException(
            "Use SparkKMeans.Builder.initialCentroids(...) to give the starting centroids.");
      }
      this.init = init;
      this.initialCentroids = null;
      return this;
    }

    /**
     * Starts from given centroids in feature space (sets the clusters and {@code GIVEN}).
     *
     * @param centroids {@code k} rows of the same length, finite; copied
     * @return this builder
     * @throws IllegalArgumentException when empty, ragged or not finite
     */
    public Builder initialCentroids(double[][] centroids) {
      Objects.requireNonNull(centroids, "centroids");
      if (centroids.length == 0 || centroids[0].length == 0) {
        throw new IllegalArgumentException(
            "SparkKMeans.initialCentroids needs at least one non-empty row.");
      }
      double[][] copy = new double[centroids.length][];
      for (int j = 0; j < centroids.length; j++) {
        if (centroids[j].length != centroids[0].length) {
          throw new IllegalArgumentException("SparkKMeans.initialCentroids row " + j + " has "
              + centroids[j].length + " values, expected " + centroids[0].length + ".");
        }
        for (double v : centroids[j]) {
          if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(
                "SparkKMeans.initialCentroids row " + j + " has the value " + v + ".");
          }
        }
        copy[j] = centroids[j].clone();
      }
      this.initialCentroids = copy;
      this.clusters = copy.length;
      this.init = SparkKMeansInit.GIVEN;
      return this;
    }

    /**
     * Sets the number of rows sampled (about; Spark's Bernoulli sample) for the initialisation, the
     * criteria and the names (default {@value SparkKMeans#DEFAULT_SAMPLE_SIZE}); a dataset with at
     * most this many rows is used whole, in order.
     *
     * @param rows sample rows, {@code >= 1}
     * @return this builder
     * @throws IllegalArgumentException when {@code rows < 1}
     */
    public Builder sampleSize(int rows) {
      this.sampleSize = positive(rows, "sampleSize");
      return this;
    }

    /**
     * Sets the k-means|| oversampling factor (default {@value SparkKMeans#DEFAULT_OVERSAMPLING}):
     * about {@code factor * clusters} rows are drawn per round.
     *
     * @param factor the factor, finite and {@code > 0}
     * @return this builder
     * @throws IllegalArgumentException when not positive and finite
     */
    public Builder oversampling(double factor) {
      if (!(Double.isFinite(factor) && factor > 0)) {
        throw new IllegalArgumentException(
            "SparkKMeans.oversampling must be finite and > 0, was " + factor + ".");
      }
      this.oversampling = factor;
      return this;
    }

    /**
     * Sets the number of k-means|| rounds (default {@value SparkKMeans#DEFAULT_ROUNDS}).
     *
     * @param n rounds, {@code >= 1}
     * @return this builder
     * @throws IllegalArgumentException when {@code n < 1}
     */
    public Builder rounds(int n) {
      this.rounds = positive(n, "rounds");
      return this;
    }

    /**
     * Sets the id column (default {@code "id"}).
     *
     * @param name a column of the dataset, non-blank
     * @return this builder
     * @throws IllegalArgumentException when blank
     */
    public Builder idColumn(String name) {
      Objects.requireNonNull(name, "idColumn");
      if (name.isBlank()) {
        throw new IllegalArgumentException("SparkKMeans.idColumn must be non-blank, was \"" + name
            + "\".");
      }
      this.idColumn = name;
      return this;
    }

    /**
     * Sets how many rows are converted to features together (default 4,096); it does not change
     * the result.
     *
     * @param rows the block size, {@code >= 1}
     * @return this builder
     * @throws IllegalArgumentException when {@code rows < 1}
     */
    public Builder blockSize(int rows) {
      this.blockSize = positive(rows, "blockSize");
      return this;
    }

    /**
     * Weights accounts by a numeric column (for example revenue), as core's
     * {@code KMeans.Builder#weights}: in the centroid update (weighted means), in the inertia
     * ({@code sum w_i ||x_i - c||^2}), in the sample initialisation's k-means++ and in k-means||
     * (first candidate drawn proportional to {@code w}, rows drawn with probability
     * {@code min(1, l w D^2 / phi)}, candidates weighted by the total weight of their rows). Weights
     * of the rows with features must be finite and {@code >= 0} with a positive total; the fit
     * otherwise throws core's {@code DataValidationException} (first offending account in dataset
     * order). Cluster sizes stay row counts.
     *
     * @param column a numeric column of the dataset, non-blank
     * @return this builder
     * @throws IllegalArgumentException when blank
     */
    public Builder weights(String column) {
      Objects.requireNonNull(column, "column");
      if (column.isBlank()) {
        throw new IllegalArgumentException("SparkKMeans.weights column name must be non-blank.");
      }
      this.weightColumn = column;
      return this;
    }

    private static int positive(int v, String what) {
      if (v < 1) {
        throw new IllegalArgumentException("SparkKMeans." + what + " must be >= 1, was " + v + ".");
      }
      return v;
    }

    /**
     * Checks and copies the settings.
     *
     * @return the configuration
     * @throws IllegalStateException when the clusters are not set
     */
    public SparkKMeans build() {
      if (clusters < 1) {
        throw new IllegalStateException("SparkKMeans.clusters must be set (for example clusters(8)).");
      }
      return new SparkKMeans(this);
    }
  }
}
