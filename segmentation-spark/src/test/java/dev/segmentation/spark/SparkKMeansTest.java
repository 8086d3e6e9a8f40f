package dev.segmentation.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Criteria;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.criteria.FittedCriteria;
import dev.segmentation.core.criteria.MissingPolicy;
import dev.segmentation.core.model.KMeans;
import dev.segmentation.core.model.KMeansAlgorithm;
import dev.segmentation.core.model.KMeansModel;
import dev.segmentation.core.table.NumericColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.LongStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Distributed k-means: Lloyd equals core's single-machine Lloyd; quality next to Spark MLlib. */
class SparkKMeansTest {

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 3);
  }

  /** Gaussian blobs in {@code d} columns a0..a(d-1), overlapping a little. */
  static AccountTable blobs(int n, int d, int centres, long seed) {
    return blobs(n, d, centres, seed, 0.0);
  }

  /** Blobs with a share of missing values ({@code NaN}). */
  static AccountTable blobs(int n, int d, int centres, long seed, double missing) {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    double[][] mu = new double[centres][d];
    for (double[] m : mu) {
      for (int t = 0; t < d; t++) {
        m[t] = 10 * rng.nextDouble();
      }
    }
    double[][] cols = new double[d][n];
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      ids[i] = "c" + i;
      double[] m = mu[rng.nextInt(centres)];
      for (int t = 0; t < d; t++) {
        cols[t][i] = m[t] + gauss(rng) * (0.5 + t * 0.3);
        if (missing > 0 && rng.nextDouble() < missing) {
          cols[t][i] = Double.NaN;
        }
      }
    }
    NumericColumn[] c = new NumericColumn[d];
    for (int t = 0; t < d; t++) {
      c[t] = NumericColumn.of("a" + t, cols[t]);
    }
    return AccountTable.of(ids, c);
  }

  private static double gauss(UniformRandomProvider rng) {
    double u = Math.max(1e-300, rng.nextDouble());
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
  }

  /** The table as a dataset in table order, split into {@code partitions} order-keeping slices. */
  static Dataset<Row> dataset(AccountTable t, int partitions) {
    StructType schema = new StructType().add("id", DataTypes.StringType, false);
    for (var c : t.columns()) {
      schema = schema.add(c.name(), DataTypes.DoubleType, true);
    }
    List<Row> rows = new ArrayList<>(t.rowCount());
    for (int i = 0; i < t.rowCount(); i++) {
      Object[] v = new Object[t.columnCount() + 1];
      v[0] = t.id(i);
      int j = 1;
      for (var c : t.columns()) {
        v[j++] = ((NumericColumn) c).get(i);
      }
      rows.add(RowFactory.create(v));
    }
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
    return SparkTestSession.get().createDataFrame(sc.parallelize(rows, partitions), schema);
  }

  private static Criteria criteria(int d, boolean standardize) {
    return criteria(d, standardize, false);
  }

  /** Numeric criteria a0..; with {@code drop}, accounts with a missing value get no features. */
  private static Criteria criteria(int d, boolean standardize, boolean drop) {
    Criteria.Builder b = Criteria.builder();
    if (drop) {
      b.missing(MissingPolicy.MARK_UNASSIGNED);
    }
    for (int t = 0; t < d; t++) {
      if (standardize) {
        b.numeric("a" + t).standardize();
      } else {
        b.numeric("a" + t);
      }
    }
    return b.build();
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void lloydEqualsTheSingleMachineLloydFromTheSameStart(long seed) {
    int n = 4500 + (int) seed * 1500;
    int d = 2 + (int) seed;
    int k = 3 + (int) seed;
    boolean holes = seed == 3;                             // 1% missing: those rows are dropped
    AccountTable t = blobs(n, d, k + 1, seed, holes ? 0.01 : 0.0);
    FittedCriteria fc = criteria(d, true, holes).fit(t);
    double[][] start = KMeans.builder().clusters(k).restarts(1).maxIterations(0).seed(seed)
        .build().fit(t, fc).centroids();
    KMeansModel single = KMeans.builder().initialCentroids(start).algorithm(KMeansAlgorithm.LLOYD)
        .build().fit(t, fc);
    int partitions = 2 + (int) seed;
    KMeansModel spark = SparkKMeans.builder().initialCentroids(start).build()
        .fit(dataset(t, partitions), fc);
    String what = "seed " + seed + " (n=" + n + ", d=" + d + ", k=" + k + ", " + partitions
        + " partitions, " + single.iterations() + " iterations)";
    for (int j = 0; j < k; j++) {
      assertArrayEquals(single.centroid(j), spark.centroid(j), 0.0, what + ": centroid " + j);
    }
    Segmentation a = single.assign(t);
    Segmentation b = spark.assign(t);
    for (int i = 0; i < n; i++) {
      assertEquals(a.segmentIndex(i), b.segmentIndex(i), what + ": label of row " + i);
    }
    assertEquals(single.inertia(), spark.inertia(), 0.0, what + ": inertia");
    assertEquals(single.iterations(), spark.iterations(), what + ": iterations");
    assertEquals(single.converged(), spark.converged(), what + ": converged");
    assertArrayEquals(single.clusterSizes(), spark.clusterSizes(), what + ": sizes");
    assertEquals(single, spark, what + ": whole model (dataset within the sample size)");
  }

  /**
   * The table with a weight column "w" appended: spend-like weights in (0.05, 20], a share of exact
   * zeros, and optionally one given bad value at a given row.
   */
  static AccountTable withWeights(AccountTable t, long seed, double zeros, int badRow,
      double badValue) {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed * 31 + 7);
    double[] w = new double[t.rowCount()];
    for (int i = 0; i < w.length; i++) {
      double u = rng.nextDouble();
      w[i] = rng.nextDouble() < zeros ? 0.0 : 0.05 + 20 * u * u;
    }
    if (badRow >= 0) {
      w[badRow] = badValue;
    }
    String[] ids = new String[t.rowCount()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = t.id(i);
    }
    List<dev.segmentation.core.table.Column> cols = new ArrayList<>(t.columns());
    cols.add(NumericColumn.of("w", w));
    return AccountTable.of(ids, cols.toArray(new dev.segmentation.core.table.Column[0]));
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void weightedLloydEqualsTheSingleMachineWeightedLloydFromTheSameStart(long seed) {
    int n = 4000 + (int) seed * 1700;
    int d = 2 + (int) seed % 2;
    int k = 2 + (int) seed;
    boolean holes = seed == 2;                             // rows without features are dropped
    AccountTable t = withWeights(blobs(n, d, k + 1, seed, holes ? 0.01 : 0.0), seed, 0.03, -1, 0);
    FittedCriteria fc = criteria(d, true, holes).fit(t);
    double[][] start = KMeans.builder().clusters(k).restarts(1).maxIterations(0).seed(seed)
        .weights("w").build().fit(t, fc).centroids();
    KMeansModel single = KMeans.builder().initialCentroids(start).algorithm(KMeansAlgorithm.LLOYD)
        .weights("w").build().fit(t, fc);
    int partitions = 2 + (int) seed;
    KMeansModel spark = SparkKMeans.builder().initialCentroids(start).weights("w").build()
        .fit(dataset(t, partitions), fc);
    String what = "seed " + seed + " (n=" + n + ", d=" + d + ", k=" + k + ", " + partitions
        + " partitions, weighted, " + single.iterations() + " iterations)";
    for (int j = 0; j < k; j++) {
      assertArrayEquals(single.centroid(j), spark.centroid(j), 0.0, what + ": centroid " + j);
    }
    assertEquals(single.inertia(), spark.inertia(), 0.0, what + ": weighted inertia");
    assertEquals(single.iterations(), spark.iterations(), what + ": iterations");
    assertArrayEquals(single.clusterSizes(), spark.clusterSizes(), what + ": sizes (row counts)");
    assertEquals(single, spark, what + ": whole model (dataset within the sample size)");
    KMeansModel unweighted = KMeans.builder().initialCentroids(start)
        .algorithm(KMeansAlgorithm.LLOYD).build().fit(t, fc);
    assertTrue(unweighted.inertia() != spark.inertia(), what + ": the weights change the fit");
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2})
  void weightedInitialisationsAreReproducedByTheSingleMachineTrainer(long seed) {
    AccountTable t = withWeights(blobs(3000, 2, 4, seed + 10), seed, 0.05, -1, 0);
    Criteria raw = criteria(2, false);
    FittedCriteria fc = raw.fit(t);
    Dataset<Row> ds = dataset(t, 3);
    for (SparkKMeansInit init : List.of(SparkKMeansInit.SAMPLE, SparkKMeansInit.K_MEANS_PARALLEL)) {
      KMeansModel spark = SparkKMeans.builder().clusters(4).restarts(2).seed(seed).init(init)
          .weights("w").build().fit(ds, raw);
      String what = "seed " + seed + ", " + init;
      assertEquals("w", spark.settings().weightColumn().orElseThrow(), what + ": weight column kept");
      assertEquals(spark, spark.settings().fit(t, fc),
          what + ": core's trainer with the recorded settings reproduces the model");
    }
  }

  @Test
  void invalidWeightsGiveTheSingleMachineErrors() {
    AccountTable base = blobs(5000, 2, 3, 5L);
    FittedCriteria fc = criteria(2, false).fit(base);
    List<AccountTable> cases = List.of(
        withWeights(base, 1, 0.0, 4321, -2.5),              // a negative weight in the last partition
        withWeights(base, 2, 0.0, 17, Double.NaN),
        withWeights(base, 3, 0.0, 2500, Double.POSITIVE_INFINITY),
        withWeights(base, 4, 1.0, -1, 0));                  // all zero
    for (AccountTable t : cases) {
      DataValidationException core = assertThrows(DataValidationException.class,
          () -> KMeans.builder().clusters(3).weights("w").build().fit(t, fc));
      for (SparkKMeansInit init : List.of(SparkKMeansInit.SAMPLE, SparkKMeansInit.K_MEANS_PARALLEL)) {
        DataValidationException spark = assertThrows(DataValidationException.class,
            () -> SparkKMeans.builder().clusters(3).init(init).weights("w").build()
                .fit(dataset(t, 3), fc));
        assertEquals(core.getMessage(), spark.getMessage(), init + ": message");
        assertEquals(core.accountId(), spark.accountId(), init + ": account");
        assertEquals(core.column(), spark.column(), init + ": column");
      }
    }
    DataValidationException core = assertThrows(DataValidationException.class,
        () -> KMeans.builder().clusters(3).weights("nope").build().fit(base, fc));
    DataValidationException spark = assertThrows(DataValidationException.class,
        () -> SparkKMeans.builder().clusters(3).weights("nope").build().fit(dataset(base, 2), fc));
    assertEquals(core.getMessage(), spark.getMessage(), "unknown weight column");
    assertThrows(IllegalArgumentException.class, () -> SparkKMeans.builder().weights(" "));
  }

  @Test
  void initialisationsAreReproducibleAndBeatOrMatchSparkMllib() {
    int n = 15_000;
    int d = 4;
    int k = 8;
    AccountTable t = blobs(n, d, 10, 99L);
    Dataset<Row> ds = dataset(t, 4).cache();
    ds.count();
    Criteria raw = criteria(d, false);   // features = the raw columns, as MLlib sees them
    Dataset<Row> vectors = new VectorAssembler()
        .setInputCols(new String[] {"a0", "a1", "a2", "a3"}).setOutputCol("features")
        .transform(ds).cache();
    vectors.count();
    double ours = 0;
    double oursParallel = 0;
    double mllib = 0;
    long oursNanos = 0;
    long parallelNanos = 0;
    long mllibNanos = 0;
    for (long seed = 1; seed <= 2; seed++) {
      long t0 = System.nanoTime();
      KMeansModel m = SparkKMeans.builder().clusters(k).seed(seed).sampleSize(5000).build()
          .fit(ds, raw);
      long t1 = System.nanoTime();
      KMeansModel p = SparkKMeans.builder().clusters(k).seed(seed).sampleSize(5000)
          .init(SparkKMeansInit.K_MEANS_PARALLEL).build().fit(ds, raw);
      long t2 = System.nanoTime();
      org.apache.spark.ml.clustering.KMeansModel ml = new org.apache.spark.ml.clustering.KMeans()
          .setK(k).setSeed(seed).setMaxIter(300).fit(vectors);
      long t3 = System.nanoTime();
      ours += m.inertia();
      oursParallel += p.inertia();
      mllib += ml.summary().trainingCost();
      oursNanos += t1 - t0;
      parallelNanos += t2 - t1;
      mllibNanos += t3 - t2;
      if (seed == 1) {
        KMeansModel again = SparkKMeans.builder().clusters(k).seed(seed).sampleSize(5000)
            .init(SparkKMeansInit.K_MEANS_PARALLEL).build().fit(ds, raw);
        assertEquals(p, again, "seed " + seed + ": k-means|| is reproducible for a partitioning");
      }
      System.out.println(String.format(Locale.ROOT,
          "seed %d: inertia ours(sample)=%.6g ours(k-means||)=%.6g MLlib=%.6g", seed,
          m.inertia(), p.inertia(), ml.summary().trainingCost()));
    }
    System.out.println(String.format(Locale.ROOT,
        "k-means n=%d d=%d k=%d, 2 seeds: inertia ours(sample init)=%.6g ours(k-means||)=%.6g "
            + "MLlib=%.6g; time ours(sample)=%d ms ours(k-means||)=%d ms MLlib=%d ms",
        n, d, k, ours, oursParallel, mllib, oursNanos / 1_000_000, parallelNanos / 1_000_000,
        mllibNanos / 1_000_000));
    assertTrue(ours <= mllib * 1.01, "sample init inertia " + ours + " vs MLlib " + mllib);
    assertTrue(oursParallel <= mllib * 1.01, "k-means|| inertia " + oursParallel + " vs MLlib "
        + mllib);
    ds.unpersist();
    vectors.unpersist();
  }

  @Test
  void tooFewRowsAreNamed() {
    AccountTable t = blobs(5, 2, 2, 1L);
    DataValidationException e = assertThrows(DataValidationException.class,
        () -> SparkKMeans.builder().clusters(9).build().fit(dataset(t, 2), criteria(2, false)));
    assertTrue(e.getMessage().contains("9"), e.getMessage());
  }
}
