package dev.segmentation.benchmarks;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Criteria;
import dev.segmentation.core.internal.KMeansEngine;
import dev.segmentation.core.model.KMeansAlgorithm;
import dev.segmentation.core.model.KMeansModel;
import elki.data.Clustering;
import elki.data.NumberVector;
import elki.database.relation.Relation;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.tribuo.Dataset;
import org.tribuo.clustering.ClusterID;

/**
 * k-means, ours next to the JVM peers in the same run: Smile 3.1.1, ELKI 0.8.0, commons-math3 3.6.1
 * ({@code KMeansPlusPlusClusterer}) and Tribuo 4.3.2. d = 8 everywhere.
 *
 * <ul>
 *   <li><b>(a) fixed work</b> ({@code fixed*}): uniform points, n = 1,000,000, k = 8, exactly 20
 *       centroid updates from the same given centres for ours, ELKI and Smile (its BBD-tree loop, see
 *       {@link KMeansPeers#smileGiven}); commons-math3 and Tribuo cannot take given centres and run
 *       their own k-means++ then 20 updates (uniform data never converges in 20).
 *   <li><b>(b) convergence</b> ({@code converge*}): Gaussian blobs, n = 100,000 and 1,000,000,
 *       k = 8 and 50 (as many blobs as clusters), each library's own k-means++ then iterations until
 *       no label changes (cap 1000). Ours, Smile and ELKI's Hamerly run both sizes; ELKI's plain and
 *       parallel Lloyd, commons-math3 and Tribuo run n = 100,000 only ({@code convergeSmall*}): at
 *       n = 1,000,000 one call can take minutes (ELKI Lloyd: 2 minutes for k = 8, hundreds of
 *       iterations after an unlucky seeding), which would push the run far past 15 minutes. Their
 *       cost per iteration at n = 1,000,000 is measured by workload (a).
 * </ul>
 *
 * <p>Ours is measured twice: through the table API ({@code KMeans.fit(AccountTable, Criteria)},
 * which adds fitting the criteria and building the feature matrix) and the kernel alone
 * ({@code KMeansEngine.lloyd} with a {@code BlockExecutor} on a flat {@code double[]}), the
 * like-for-like comparison with peers that take arrays. Suffix {@code P1}/{@code P2}: threads.
 * Data and each library's input structure are built in {@code @Setup} from fixed seeds, never timed.
 * After each trial the last result is checked by our own code ({@link KMeansPeers#quality}): inertia
 * from the returned centroids, and whether returned labels/sizes match the nearest centroids; the line
 * starts with {@code QUALITY}. {@link KMeansQuality} does the same over 7 seeds.
 *
 * <pre>
 * java -jar segmentation-benchmarks/target/benchmarks.jar KMeans -f 1 -wi 1 -i 3
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms10g", "-Xmx10g"})
public class KMeansBenchmark {

  static final int D = 8;
  static final int FIXED_ITERATIONS = 20;

  /** Inputs of every library, built only for the library of the benchmark being run. */
  abstract static class Inputs {
    double[][] x;
    AccountTable table;
    Criteria criteria;
    KMeansEngine.Data data;
    Relation<NumberVector> relation;
    List<KMeansPeers.Cm3Point> cm3Points;
    Dataset<ClusterID> tribuo;
    /** The result of the last invocation, checked after the trial. */
    Object last;

    void prepare(BenchmarkParams params) {
      String b = params.getBenchmark();
      String method = b.substring(b.lastIndexOf('.') + 1);
      if (method.contains("OursTable")) {
        table = KMeansPeers.table(x);
        criteria = KMeansPeers.criteria(D);
      } else if (method.contains("OursKernel")) {
        data = new KMeansEngine.Data(KMeansWorkloads.flatten(x), x.length, D, null);
      } else if (method.contains("Elki")) {
        relation = KMeansPeers.elkiRelation(x);
      } else if (method.contains("Cm3")) {
        cm3Points = KMeansPeers.cm3Points(x);
      } else if (method.contains("Tribuo")) {
        tribuo = KMeansPeers.tribuoDataset(x);
      }
    }

    @SuppressWarnings("unchecked")
    void check(BenchmarkParams params) {
      KMeansPeers.Outcome o;
      if (last instanceof KMeansModel m) {
        o = KMeansPeers.outcome(m);
      } else if (last instanceof KMeansEngine.Result r) {
        o = KMeansPeers.outcome(r, D);
      } else if (last instanceof KMeansPeers.SmileGiven s) {
        o = KMeansPeers.outcome(s);
      } else if (last instanceof smile.clustering.KMeans s) {
        o = KMeansPeers.outcome(s);
      } else if (last instanceof Clustering<?> c) {
        o = KMeansPeers.outcome((Clustering<elki.data.model.KMeansModel>) c, relation);
      } else if (last instanceof List<?> l) {
        o = KMeansPeers.outcomeCm3((List<CentroidCluster<KMeansPeers.Cm3Point>>) l, x.length);
      } else if (last instanceof org.tribuo.clustering.kmeans.KMeansModel t) {
        o = KMeansPeers.outcome(t, D);
      } else {
        return;
      }
      String b = params.getBenchmark();
      System.out.println("QUALITY " + b.substring(b.lastIndexOf('.') + 1) + " n=" + x.length + " k="
          + o.centroids().length + " iterations=" + (o.iterations() < 0 ? "n/r" : o.iterations())
          + " " + KMeansPeers.quality(x, o).describe());
    }
  }

  /** Workload (a): uniform data, given centres, 20 iterations. */
  @State(Scope.Benchmark)
  public static class Fixed extends Inputs {
    /** Number of points. */
    @Param({"1000000"})
    public int n;

    /** Number of clusters. */
    @Param({"8"})
    public int k;

    double[][] init;
    double[] flatInit;

    /**
     * Generates the data and the input of the benchmarked library (not timed).
     *
     * @param params the benchmark being run
     */
    @Setup(Level.Trial)
    public void setup(BenchmarkParams params) {
      x = KMeansWorkloads.uniform(n, D, KMeansWorkloads.SEED);
      init = KMeansWorkloads.givenCentres(x, k, KMeansWorkloads.SEED);
      flatInit = KMeansWorkloads.flatten(init);
      prepare(params);
    }

    /**
     * Prints the quality of the last result.
     *
     * @param params the benchmark being run
     */
    @TearDown(Level.Trial)
    public void tearDown(BenchmarkParams params) {
      check(params);
    }
  }

  /** Workload (b): Gaussian blobs, own k-means++, to convergence. */
  @State(Scope.Benchmark)
  public static class Blobs extends Inputs {
    /** Number of points. */
    @Param({"100000", "1000000"})
    public int n;

    /** Number of clusters (and of blobs). */
    @Param({"8", "50"})
    public int k;

    /**
     * Generates the data and the input of the benchmarked library (not timed).
     *
     * @param params the benchmark being run
     */
    @Setup(Level.Trial)
    public void setup(BenchmarkParams params) {
      x = KMeansWorkloads.blobs(n, D, k, KMeansWorkloads.SEED);
      prepare(params);
    }

    /**
     * Prints the quality of the last result.
     *
     * @param params the benchmark being run
     */
    @TearDown(Level.Trial)
    public void tearDown(BenchmarkParams params) {
      check(params);
    }
  }

  /**
   * Workload (b), n = 100,000 only: for the peers whose time to convergence at n = 1,000,000 is
   * minutes per call (ELKI's plain and parallel Lloyd, commons-math3, Tribuo).
   */
  @State(Scope.Benchmark)
  public static class SmallBlobs extends Inputs {
    /** Number of points. */
    @Param({"100000"})
    public int n;

    /** Number of clusters (and of blobs). */
    @Param({"8", "50"})
    public int k;

    /**
     * Generates the data and the input of the benchmarked library (not timed).
     *
     * @param params the benchmark being run
     */
    @Setup(Level.Trial)
    public void setup(BenchmarkParams params) {
      x = KMeansWorkloads.blobs(n, D, k, KMeansWorkloads.SEED);
      prepare(params);
    }

    /**
     * Prints the quality of the last result.
     *
     * @param params the benchmark being run
     */
    @TearDown(Level.Trial)
    public void tearDown(BenchmarkParams params) {
      check(params);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // (a) fixed work

  /**
   * Ours, table API, Hamerly (the default), 1 thread.
   *
   * @param s state
   * @return the model
   */
  @Benchmark
  public KMeansModel fixedOursTableP1(Fixed s) {
    KMeansModel m = KMeansPeers.oursGiven(s.init, FIXED_ITERATIONS, 1, KMeansAlgorithm.HAMERLY)
        .fit(s.table, s.criteria);
    s.last = m;
    return m;
  }

  /**
   * Ours, table API, Hamerly, 2 threads.
   *
   * @param s state
   * @return the model
   */
  @Benchmark
  public KMeansModel fixedOursTableP2(Fixed s) {
    KMeansModel m = KMeansPeers.oursGiven(s.init, FIXED_ITERATIONS, 2, KMeansAlgorithm.HAMERLY)
        .fit(s.table, s.criteria);
    s.last = m;
    return m;
  }

  /**
   * Ours, kernel, Hamerly, 1 thread.
   *
   * @param s state
   * @return the result
   */
  @Benchmark
  public KMeansEngine.Result fixedOursKernelHamerlyP1(Fixed s) {
    return fixedKernel(s, KMeansEngine.Variant.HAMERLY, 1);
  }

  /**
   * Ours, kernel, Hamerly, 2 threads.
   *
   * @param s state
   * @return the result
   */
  @Benchmark
  public KMeansEngine.Result fixedOursKernelHamerlyP2(Fixed s) {
    return fixedKernel(s, KMeansEngine.Variant.HAMERLY, 2);
  }

  /**
   * Ours, kernel, plain Lloyd, 1 thread.
   *
   * @param s state
   * @return the result
   */
  @Benchmark
  public KMeansEngine.Result fixedOursKernelLloydP1(Fixed s) {
    return fixedKernel(s, KMeansEngine.Variant.LLOYD, 1);
  }

  /**
   * Ours, kernel, plain Lloyd, 2 threads.
   *
   * @param s state
   * @return the result
   */
  @Benchmark
  public KMeansEngine.Result fixedOursKernelLloydP2(Fixed s) {
    return fixedKernel(s, KMeansEngine.Variant.LLOYD, 2);
  }

  private static KMeansEngine.Result fixedKernel(Fixed s, KMeansEngine.Variant v, int threads) {
    KMeansEngine.Result r = KMeansPeers.kernel(s.data, s.flatInit, s.k, FIXED_ITERATIONS, v, threads, 0L);
    s.last = r;
    return r;
  }

  /**
   * Smile: BBD tree built and 20 filtering iterations from the given centres.
   *
   * @param s state
   * @return centroids and labels
   */
  @Benchmark
  public KMeansPeers.SmileGiven fixedSmileBbd(Fixed s) {
    KMeansPeers.SmileGiven r = KMeansPeers.smileGiven(s.x, s.init, FIXED_ITERATIONS);
    s.last = r;
    return r;
  }

  /**
   * ELKI {@code LloydKMeans} from the given centres.
   *
   * @param s state
   * @return the clustering
   */
  @Benchmark
  public Clustering<elki.data.model.KMeansModel> fixedElkiLloydP1(Fixed s) {
    return fixedElki(s, KMeansPeers.ElkiVariant.LLOYD);
  }

  /**
   * ELKI {@code HamerlyKMeans} from the given centres.
   *
   * @param s state
   * @return the clustering
   */
  @Benchmark
  public Clustering<elki.data.model.KMeansModel> fixedElkiHamerlyP1(Fixed s) {
    return fixedElki(s, KMeansPeers.ElkiVariant.HAMERLY);
  }

  /**
   * ELKI {@code ParallelLloydKMeans} (2 processors) from the given centres.
   *
   * @param s state
   * @return the clustering
   */
  @Benchmark
  public Clustering<elki.data.model.KMeansModel> fixedElkiParallelLloydP2(Fixed s) {
    return fixedElki(s, KMeansPeers.ElkiVariant.PARALLEL_LLOYD);
  }

  private static Clustering<elki.data.model.KMeansModel> fixedElki(
      Fixed s, KMeansPeers.ElkiVariant v) {
    Clustering<elki.data.model.KMeansModel> c = KMeansPeers.elki(
        s.relation, v, s.k, FIXED_ITERATIONS, KMeansPeers.elkiGiven(s.init));
    s.last = c;
    return c;
  }

  /**
   * commons-math3 {@code KMeansPlusPlusClusterer}: own k-means++, 20 iterations.
   *
   * @param s state
   * @return the clusters
   */
  @Benchmark
  public List<CentroidCluster<KMeansPeers.Cm3Point>> fixedCm3P1(Fixed s) {
    List<CentroidCluster<KMeansPeers.Cm3Point>> r =
        KMeansPeers.cm3(s.cm3Points, s.k, FIXED_ITERATIONS, KMeansWorkloads.SEED);
    s.last = r;
    return r;
  }

  /**
   * Tribuo {@code KMeansTrainer}: own k-means++, 20 iterations, 1 thread.
   *
   * @param s state
   * @return the model
   */
  @Benchmark
  public org.tribuo.clustering.kmeans.KMeansModel fixedTribuoP1(Fixed s) {
    return fixedTribuo(s, 1);
  }

  /**
   * Tribuo {@code KMeansTrainer}: own k-means++, 20 iterations, 2 threads.
   *
   * @param s state
   * @return the model
   */
  @Benchmark
  public org.tribuo.clustering.kmeans.KMeansModel fixedTribuoP2(Fixed s) {
    return fixedTribuo(s, 2);
  }

  private static org.tribuo.clustering.kmeans.KMeansModel fixedTribuo(Fixed s, int threads) {
    org.tribuo.clustering.kmeans.KMeansModel m =
        KMeansPeers.tribuo(s.tribuo, s.k, FIXED_ITERATIONS, threads, KMeansWorkloads.SEED);
    s.last = m;
    return m;
  }

  // ---------------------------------------------------------------------------------------------
  // (b) convergence from each library's k-means++

  /**
   * Ours, table API, k-means++ (1 restart), Hamerly, 1 thread.
   *
   * @param s state
   * @return the model
   */
  @Benchmark
  public KMeansModel convergeOursTableP1(Blobs s) {
    KMeansModel m = KMeansPeers.oursPlusPlus(s.k, KMeansWorkloads.SEED, 1).fit(s.table, s.criteria);
    s.last = m;
    return m;
  }

  /**
   * Ours, table API, k-means++ (1 restart), Hamerly, 2 threads.
   *
   * @param s state
   * @return the model
   */
  @Benchmark
  public KMeansModel convergeOursTableP2(Blobs s) {
    KMeansModel m = KMeansPeers.oursPlusPlus(s.k, KMeansWorkloads.SEED, 2).fit(s.table, s.criteria);
    s.last = m;
    return m;
  }

  /**
   * Ours, kernel: k-means++ then Hamerly, 1 thread.
   *
   * @param s state
   * @return the result
   */
  @Benchmark
  public KMeansEngine.Result convergeOursKernelP1(Blobs s) {
    return convergeKernel(s, 1);
  }

  /**
   * Ours, kernel: k-means++ then Hamerly, 2 threads.
   *
   * @param s state
   * @return the result
   */
  @Benchmark
  public KMeansEngine.Result convergeOursKernelP2(Blobs s) {
    return convergeKernel(s, 2);
  }

  /**
   * Ours, table API, greedy k-means++ ({@code KMeansInit.GREEDY_K_MEANS_PLUS_PLUS}, scikit-learn's
   * default seeding; 1 restart), Hamerly, 2 threads.
   *
   * @param s state
   * @return the model
   */
  @Benchmark
  public KMeansModel convergeOursTableGreedyP2(Blobs s) {
    KMeansModel m = KMeansPeers.oursGreedy(s.k, KMeansWorkloads.SEED, 2).fit(s.table, s.criteria);
    s.last = m;
    return m;
  }

  /**
   * Ours, kernel: greedy k-means++ ({@code 2 + ln k} candidates per step) then Hamerly, 2 threads.
   *
   * @param s state
   * @return the result
   */
  @Benchmark
  public KMeansEngine.Result convergeOursKernelGreedyP2(Blobs s) {
    KMeansEngine.Result r = KMeansPeers.kernel(s.data, null, s.k, KMeansPeers.MAX_ITERATIONS,
        KMeansEngine.Variant.HAMERLY, 2, KMeansWorkloads.SEED,
        2 + (int) Math.floor(Math.log(s.k)));
    s.last = r;
    return r;
  }

  private static KMeansEngine.Result convergeKernel(Blobs s, int threads) {
    KMeansEngine.Result r = KMeansPeers.kernel(s.data, null, s.k, KMeansPeers.MAX_ITERATIONS,
        KMeansEngine.Variant.HAMERLY, threads, KMeansWorkloads.SEED);
    s.last = r;
    return r;
  }

  /**
   * Smile {@code KMeans.fit}: k-means++ then BBD-tree iterations.
   *
   * @param s state
   * @return the model
   */
  @Benchmark
  public smile.clustering.KMeans convergeSmile(Blobs s) {
    smile.clustering.KMeans m = KMeansPeers.smilePlusPlus(s.x, s.k, KMeansWorkloads.SEED);
    s.last = m;
    return m;
  }

  /**
   * ELKI {@code LloydKMeans} with its k-means++ (n = 100,000 only).
   *
   * @param s state
   * @return the clustering
   */
  @Benchmark
  public Clustering<elki.data.model.KMeansModel> convergeSmallElkiLloydP1(SmallBlobs s) {
    return convergeElki(s, s.k, KMeansPeers.ElkiVariant.LLOYD);
  }

  /**
   * ELKI {@code HamerlyKMeans} with its k-means++.
   *
   * @param s state
   * @return the clustering
   */
  @Benchmark
  public Clustering<elki.data.model.KMeansModel> convergeElkiHamerlyP1(Blobs s) {
    return convergeElki(s, s.k, KMeansPeers.ElkiVariant.HAMERLY);
  }

  /**
   * ELKI {@code ParallelLloydKMeans} (2 processors) with its k-means++ (n = 100,000 only).
   *
   * @param s state
   * @return the clustering
   */
  @Benchmark
  public Clustering<elki.data.model.KMeansModel> convergeSmallElkiParallelLloydP2(SmallBlobs s) {
    return convergeElki(s, s.k, KMeansPeers.ElkiVariant.PARALLEL_LLOYD);
  }

  private static Clustering<elki.data.model.KMeansModel> convergeElki(
      Inputs s, int k, KMeansPeers.ElkiVariant v) {
    Clustering<elki.data.model.KMeansModel> c = KMeansPeers.elki(s.relation, v, k,
        KMeansPeers.MAX_ITERATIONS, KMeansPeers.elkiPlusPlus(KMeansWorkloads.SEED));
    s.last = c;
    return c;
  }

  /**
   * commons-math3 {@code KMeansPlusPlusClusterer} (n = 100,000 only).
   *
   * @param s state
   * @return the clusters
   */
  @Benchmark
  public List<CentroidCluster<KMeansPeers.Cm3Point>> convergeSmallCm3P1(SmallBlobs s) {
    List<CentroidCluster<KMeansPeers.Cm3Point>> r =
        KMeansPeers.cm3(s.cm3Points, s.k, KMeansPeers.MAX_ITERATIONS, KMeansWorkloads.SEED);
    s.last = r;
    return r;
  }

  /**
   * Tribuo {@code KMeansTrainer}, 1 thread (n = 100,000 only).
   *
   * @param s state
   * @return the model
   */
  @Benchmark
  public org.tribuo.clustering.kmeans.KMeansModel convergeSmallTribuoP1(SmallBlobs s) {
    return convergeTribuo(s, 1);
  }

  /**
   * Tribuo {@code KMeansTrainer}, 2 threads (n = 100,000 only).
   *
   * @param s state
   * @return the model
   */
  @Benchmark
  public org.tribuo.clustering.kmeans.KMeansModel convergeSmallTribuoP2(SmallBlobs s) {
    return convergeTribuo(s, 2);
  }

  private static org.tribuo.clustering.kmeans.KMeansModel convergeTribuo(SmallBlobs s, int threads) {
    org.tribuo.clustering.kmeans.KMeansModel m = KMeansPeers.tribuo(
        s.tribuo, s.k, KMeansPeers.MAX_ITERATIONS, threads, KMeansWorkloads.SEED);
    s.last = m;
    return m;
  }
}
