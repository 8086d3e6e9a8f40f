package dev.segmentation.benchmarks;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Criteria;
import dev.segmentation.core.internal.BlockExecutor;
import dev.segmentation.core.internal.KMeansEngine;
import dev.segmentation.core.model.KMeans;
import dev.segmentation.core.model.KMeansAlgorithm;
import dev.segmentation.core.model.KMeansInit;
import dev.segmentation.core.model.KMeansModel;
import dev.segmentation.core.table.Column;
import dev.segmentation.core.table.NumericColumn;
import elki.clustering.kmeans.HamerlyKMeans;
import elki.clustering.kmeans.LloydKMeans;
import elki.clustering.kmeans.initialization.KMeansInitialization;
import elki.clustering.kmeans.initialization.KMeansPlusPlus;
import elki.clustering.kmeans.initialization.Predefined;
import elki.clustering.kmeans.parallel.ParallelLloydKMeans;
import elki.data.Cluster;
import elki.data.Clustering;
import elki.data.NumberVector;
import elki.data.type.TypeUtil;
import elki.database.Database;
import elki.database.StaticArrayDatabase;
import elki.database.ids.DBIDIter;
import elki.database.ids.DBIDRange;
import elki.database.relation.Relation;
import elki.datasource.ArrayAdapterDatabaseConnection;
import elki.distance.minkowski.SquaredEuclideanDistance;
import elki.utilities.random.RandomFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.Clusterable;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.JDKRandomGenerator;
import org.apache.commons.rng.simple.RandomSource;
import org.tribuo.Dataset;
import org.tribuo.Feature;
import org.tribuo.MutableDataset;
import org.tribuo.clustering.ClusterID;
import org.tribuo.clustering.ClusteringFactory;
import org.tribuo.clustering.kmeans.KMeansTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.distance.L2Distance;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import smile.clustering.BBDTree;

/**
 * How each library is fed, configured, run and read back, shared by {@link KMeansBenchmark} (which
 * times only the {@code run} methods) and {@link KMeansQuality}.
 *
 * <p>Every library gets its own native in-memory input, built outside the timed region: ours an
 * {@link AccountTable} (table API) or a flat row-major {@code double[]} (kernel), Smile a
 * {@code double[][]}, ELKI a {@link Relation} of a {@link StaticArrayDatabase}, commons-math3 a list of
 * {@link Clusterable} points, Tribuo a {@link MutableDataset} of {@link ArrayExample}s. Whatever the
 * library does from that input to its fitted result is timed (Tribuo's conversion to its vectors,
 * Smile's BBD tree, our criteria and feature matrix).
 *
 * <p>Iteration counts: "{@code m} iterations" means {@code m} centroid updates. Ours, ELKI's
 * {@code LloydKMeans}/{@code HamerlyKMeans} ({@code maxiter = m + 1}) and commons-math3 also assign
 * every point once more after the last update ({@code m + 1} assignment passes, labels consistent with
 * the returned centroids); Smile, Tribuo and ELKI's {@code ParallelLloydKMeans} end on an update
 * ({@code m} passes; their last labels belong to the previous centroids unless converged).
 */
final class KMeansPeers {

  /** Iteration cap of the "run to convergence" workload, the same for every library. */
  static final int MAX_ITERATIONS = 1000;

  private KMeansPeers() {}

  /**
   * A fitted result in a common form, read back from a library's own result (not timed).
   *
   * @param centroids the returned centroids, {@code k x d}
   * @param labels the returned training labels, or {@code null} when the library returns none
   * @param sizes the returned cluster sizes, or {@code null}
   * @param iterations the reported number of centroid updates, or {@code -1} when not reported
   */
  record Outcome(double[][] centroids, int[] labels, int[] sizes, int iterations) {}

  /**
   * Quality figures computed by our own code from an {@link Outcome}.
   *
   * @param inertia sum of squared distances of every point to its nearest returned centroid
   * @param labelMismatches points whose returned label is not a nearest returned centroid, or
   *     {@code -1} when the library returns no labels
   * @param sizeMismatches clusters whose returned size differs from the nearest-centroid count, or
   *     {@code -1} when the library returns no sizes
   * @param emptyClusters centroids that are nearest to no point
   */
  record Quality(double inertia, long labelMismatches, int sizeMismatches, int emptyClusters) {

    /**
     * A one-line summary.
     *
     * @return the summary
     */
    String describe() {
      return String.format(Locale.ROOT, "inertia=%.6e labels=%s sizes=%s empty=%d", inertia,
          labelMismatches < 0 ? "n/a" : labelMismatches == 0 ? "consistent"
              : labelMismatches + " differ",
          sizeMismatches < 0 ? "n/a" : sizeMismatches == 0 ? "consistent"
              : sizeMismatches + " clusters differ",
          emptyClusters);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Ours

  /**
   * The accounts table: ids {@code A0, A1, ...} and numeric columns {@code f0 .. f(d-1)}.
   *
   * @param x rows
   * @return the table
   */
  static AccountTable table(double[][] x) {
    int n = x.length;
    int d = x[0].length;
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      ids[i] = "A" + i;
    }
    Column[] cols = new Column[d];
    for (int t = 0; t < d; t++) {
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = x[i][t];
      }
      cols[t] = NumericColumn.of("f" + t, v);
    }
    return AccountTable.of(ids, cols);
  }

  /**
   * Raw features {@code f0 .. f(d-1)}, no transforms.
   *
   * @param d number of columns
   * @return the criteria
   */
  static Criteria criteria(int d) {
    Criteria.Steps s = Criteria.builder();
    for (int t = 0; t < d; t++) {
      s = s.numeric("f" + t);
    }
    return s.build();
  }

  /**
   * Ours configured for exactly {@code iterations} updates from the given centres.
   *
   * @param init the centres
   * @param iterations number of updates
   * @param threads parallelism
   * @param algorithm Lloyd variant
   * @return the trainer
   */
  static KMeans oursGiven(double[][] init, int iterations, int threads, KMeansAlgorithm algorithm) {
    return KMeans.builder().clusters(init.length).restarts(1).maxIterations(iterations)
        .tolerance(0).initialCentroids(init).parallelism(threads).algorithm(algorithm).build();
  }

  /**
   * Ours with one k-means++ seeding, run until no label changes.
   *
   * @param k clusters
   * @param seed seed
   * @param threads parallelism
   * @return the trainer
   */
  static KMeans oursPlusPlus(int k, long seed, int threads) {
    return KMeans.builder().clusters(k).restarts(1).maxIterations(MAX_ITERATIONS).tolerance(0)
        .init(KMeansInit.K_MEANS_PLUS_PLUS).seed(seed).parallelism(threads)
        .algorithm(KMeansAlgorithm.HAMERLY).build();
  }

  /**
   * Ours with one greedy k-means++ seeding (scikit-learn's default: {@code 2 + ln k} candidates per
   * step), run until no label changes.
   *
   * @param k clusters
   * @param seed seed
   * @param threads parallelism
   * @return the trainer
   */
  static KMeans oursGreedy(int k, long seed, int threads) {
    return KMeans.builder().clusters(k).restarts(1).maxIterations(MAX_ITERATIONS).tolerance(0)
        .init(KMeansInit.GREEDY_K_MEANS_PLUS_PLUS).seed(seed).parallelism(threads)
        .algorithm(KMeansAlgorithm.HAMERLY).build();
  }

  static Outcome outcome(KMeansModel m) {
    return new Outcome(m.centroids(), null, m.clusterSizes(), m.iterations());
  }

  /**
   * The kernel alone: optional k-means++ seeding then Lloyd/Hamerly iterations, with its own
   * {@link BlockExecutor} (created and closed inside, as {@code KMeans.fit} does).
   *
   * @param data flat data
   * @param init flat {@code k * d} centres, or {@code null} for k-means++ from {@code seed}
   * @param k clusters
   * @param maxIterations update cap
   * @param variant Lloyd variant
   * @param threads parallelism
   * @param seed seed of k-means++
   * @return the engine's result
   */
  static KMeansEngine.Result kernel(KMeansEngine.Data data, double[] init, int k, int maxIterations,
      KMeansEngine.Variant variant, int threads, long seed) {
    return kernel(data, init, k, maxIterations, variant, threads, seed, 1);
  }

  /**
   * As {@link #kernel(KMeansEngine.Data, double[], int, int, KMeansEngine.Variant, int, long)} with
   * {@code candidates} k-means++ candidates per step (1 = plain, {@code 2 + ln k} = greedy).
   *
   * @param data flat data
   * @param init flat {@code k * d} centres, or {@code null} for k-means++ from {@code seed}
   * @param k clusters
   * @param maxIterations update cap
   * @param variant Lloyd variant
   * @param threads parallelism
   * @param seed seed of k-means++
   * @param candidates k-means++ candidates per step
   * @return the engine's result
   */
  static KMeansEngine.Result kernel(KMeansEngine.Data data, double[] init, int k, int maxIterations,
      KMeansEngine.Variant variant, int threads, long seed, int candidates) {
    try (BlockExecutor exec = BlockExecutor.create(threads, null)) {
      double[] start = init != null ? init
          : KMeansEngine.kMeansPlusPlus(data, k, candidates,
              RandomSource.XO_RO_SHI_RO_128_PP.create(seed), exec);
      return KMeansEngine.lloyd(data, start, k, maxIterations, 0.0, variant, false, exec);
    }
  }

  static Outcome outcome(KMeansEngine.Result r, int d) {
    double[] c = r.centers();
    int k = c.length / d;
    double[][] out = new double[k][];
    for (int j = 0; j < k; j++) {
      out[j] = Arrays.copyOfRange(c, j * d, j * d + d);
    }
    return new Outcome(out, r.labels(), null, r.iterations());
  }

  // ---------------------------------------------------------------------------------------------
  // Smile 3.1.1 (GPL-3.0, benchmarks only)

  /** Smile's result from given centres: centroids after the last update and the last labels. */
  record SmileGiven(double[][] centroids, int[] labels) {}

  /**
   * Smile's filtering k-means (Kanungo et al.) from given centres: builds the BBD tree and calls
   * {@link BBDTree#clustering} {@code iterations} times, the loop {@code smile.clustering.KMeans.fit}
   * runs after its own k-means++ seeding (which cannot take given centres).
   *
   * @param x rows
   * @param init centres (copied)
   * @param iterations number of updates
   * @return centroids and labels
   */
  static SmileGiven smileGiven(double[][] x, double[][] init, int iterations) {
    int k = init.length;
    int d = init[0].length;
    BBDTree bbd = new BBDTree(x);
    double[][] centroids = KMeansWorkloads.copy(init);
    double[][] sum = new double[k][d];
    int[] size = new int[k];
    int[] y = new int[x.length];
    for (int it = 0; it < iterations; it++) {
      bbd.clustering(centroids, sum, size, y);
    }
    return new SmileGiven(centroids, y);
  }

  /**
   * Smile's {@code KMeans.fit}: its k-means++ seeding, then BBD-tree iterations until the distortion
   * stops decreasing ({@code tol = 0}).
   *
   * @param x rows
   * @param k clusters
   * @param seed seed of Smile's thread-local random numbers
   * @return the model
   */
  static smile.clustering.KMeans smilePlusPlus(double[][] x, int k, long seed) {
    smile.math.MathEx.setSeed(seed);
    return smile.clustering.KMeans.fit(x, k, MAX_ITERATIONS, 0.0);
  }

  static Outcome outcome(SmileGiven r) {
    return new Outcome(KMeansWorkloads.copy(r.centroids()), r.labels(), null, -1);
  }

  static Outcome outcome(smile.clustering.KMeans m) {
    return new Outcome(KMeansWorkloads.copy(m.centroids), m.y.clone(), m.size.clone(), -1);
  }

  // ---------------------------------------------------------------------------------------------
  // ELKI 0.8.0

  /** ELKI's exact k-means variants. */
  enum ElkiVariant {
    /** {@code LloydKMeans}, one thread. */
    LLOYD,
    /** {@code HamerlyKMeans}, one thread. */
    HAMERLY,
    /** {@code ParallelLloydKMeans}, all processors ({@code ParallelCore}). */
    PARALLEL_LLOYD
  }

  /**
   * Loads rows into an in-memory ELKI database (not timed).
   *
   * @param x rows
   * @return the relation of number vectors
   */
  static Relation<NumberVector> elkiRelation(double[][] x) {
    Database db = new StaticArrayDatabase(new ArrayAdapterDatabaseConnection(x), null);
    db.initialize();
    return db.getRelation(TypeUtil.NUMBER_VECTOR_FIELD);
  }

  static KMeansInitialization elkiGiven(double[][] init) {
    return new Predefined(KMeansWorkloads.copy(init));
  }

  static KMeansInitialization elkiPlusPlus(long seed) {
    return new KMeansPlusPlus<NumberVector>(new RandomFactory(seed));
  }

  /**
   * Runs ELKI for at most {@code maxIterations} centroid updates. {@code LloydKMeans} and
   * {@code HamerlyKMeans} count assignment passes and update the means between passes, so they get
   * {@code maxiter = maxIterations + 1} and return means consistent with their labels;
   * {@code ParallelLloydKMeans} updates the means after every pass (labels then lag the returned
   * means by one update, as in Smile and Tribuo), so it gets {@code maxiter = maxIterations}.
   *
   * @param rel the data
   * @param variant which algorithm
   * @param k clusters
   * @param maxIterations update cap
   * @param init initialisation
   * @return the clustering
   */
  static Clustering<elki.data.model.KMeansModel> elki(Relation<NumberVector> rel, ElkiVariant variant,
      int k, int maxIterations, KMeansInitialization init) {
    int maxiter = variant == ElkiVariant.PARALLEL_LLOYD ? maxIterations : maxIterations + 1;
    SquaredEuclideanDistance dist = SquaredEuclideanDistance.STATIC;
    return switch (variant) {
      case LLOYD -> new LloydKMeans<NumberVector>(dist, k, maxiter, init).run(rel);
      case HAMERLY -> new HamerlyKMeans<NumberVector>(dist, k, maxiter, init, false).run(rel);
      case PARALLEL_LLOYD -> new ParallelLloydKMeans<NumberVector>(dist, k, maxiter, init).run(rel);
    };
  }

  static Outcome outcome(Clustering<elki.data.model.KMeansModel> c, Relation<NumberVector> rel) {
    DBIDRange range = (DBIDRange) rel.getDBIDs();
    List<Cluster<elki.data.model.KMeansModel>> clusters = c.getToplevelClusters();
    int k = clusters.size();
    double[][] centroids = new double[k][];
    int[] labels = new int[rel.size()];
    Arrays.fill(labels, -1);
    int[] sizes = new int[k];
    for (int j = 0; j < k; j++) {
      Cluster<elki.data.model.KMeansModel> cl = clusters.get(j);
      centroids[j] = cl.getModel().getMean().clone();
      sizes[j] = cl.size();
      for (DBIDIter it = cl.getIDs().iter(); it.valid(); it.advance()) {
        labels[range.getOffset(it)] = j;
      }
    }
    return new Outcome(centroids, labels, sizes, -1);
  }

  // ---------------------------------------------------------------------------------------------
  // commons-math3 3.6.1

  /** A point that remembers its row, so labels can be read back from the clusters. */
  static final class Cm3Point implements Clusterable {
    private final double[] p;
    final int row;

    Cm3Point(double[] p, int row) {
      this.p = p;
      this.row = row;
    }

    @Override
    public double[] getPoint() {
      return p;
    }
  }

  static List<Cm3Point> cm3Points(double[][] x) {
    List<Cm3Point> pts = new ArrayList<>(x.length);
    for (int i = 0; i < x.length; i++) {
      pts.add(new Cm3Point(x[i], i));
    }
    return pts;
  }

  /**
   * {@code KMeansPlusPlusClusterer}: its own k-means++ (no given centres), then up to
   * {@code maxIterations} updates, stopping when no assignment changes.
   *
   * @param pts points
   * @param k clusters
   * @param maxIterations update cap
   * @param seed seed of its {@code JDKRandomGenerator}
   * @return the clusters
   */
  static List<CentroidCluster<Cm3Point>> cm3(List<Cm3Point> pts, int k, int maxIterations, long seed) {
    JDKRandomGenerator rng = new JDKRandomGenerator();
    rng.setSeed(seed);
    return new KMeansPlusPlusClusterer<Cm3Point>(k, maxIterations, new EuclideanDistance(), rng)
        .cluster(pts);
  }

  static Outcome outcomeCm3(List<CentroidCluster<Cm3Point>> clusters, int n) {
    int k = clusters.size();
    double[][] centroids = new double[k][];
    int[] labels = new int[n];
    Arrays.fill(labels, -1);
    int[] sizes = new int[k];
    for (int j = 0; j < k; j++) {
      CentroidCluster<Cm3Point> cl = clusters.get(j);
      centroids[j] = cl.getCenter().getPoint().clone();
      sizes[j] = cl.getPoints().size();
      for (Cm3Point p : cl.getPoints()) {
        labels[p.row] = j;
      }
    }
    return new Outcome(centroids, labels, sizes, -1);
  }

  // ---------------------------------------------------------------------------------------------
  // Tribuo 4.3.2

  /** Silences Tribuo's per-iteration INFO lines (java.util.logging). */
  static void quietTribuo() {
    Logger.getLogger(KMeansTrainer.class.getName()).setLevel(Level.WARNING);
  }

  static String featureName(int t) {
    return String.format(Locale.ROOT, "f%03d", t);
  }

  static Dataset<ClusterID> tribuoDataset(double[][] x) {
    quietTribuo();
    int d = x[0].length;
    String[] names = new String[d];
    for (int t = 0; t < d; t++) {
      names[t] = featureName(t);
    }
    ClusteringFactory factory = new ClusteringFactory();
    MutableDataset<ClusterID> ds =
        new MutableDataset<>(new SimpleDataSourceProvenance("kmeans-benchmark", factory), factory);
    for (double[] row : x) {
      ds.add(new ArrayExample<>(ClusteringFactory.UNASSIGNED_CLUSTER_ID, names, row));
    }
    return ds;
  }

  /**
   * Tribuo's {@code KMeansTrainer} with its k-means++ (it cannot take given centres), Euclidean
   * distance; a new trainer per call so that every call draws the same seeds.
   *
   * @param ds data
   * @param k clusters
   * @param iterations update cap (stops earlier when no assignment changes)
   * @param threads its thread count
   * @param seed seed
   * @return the model
   */
  static org.tribuo.clustering.kmeans.KMeansModel tribuo(
      Dataset<ClusterID> ds, int k, int iterations, int threads, long seed) {
    return new KMeansTrainer(k, iterations, new L2Distance(),
        KMeansTrainer.Initialisation.PLUSPLUS, threads, seed).train(ds);
  }

  static Outcome outcome(org.tribuo.clustering.kmeans.KMeansModel m, int d) {
    List<List<Feature>> cs = m.getCentroids();
    double[][] centroids = new double[cs.size()][d];
    Map<String, Integer> index = new HashMap<>();
    for (int t = 0; t < d; t++) {
      index.put(featureName(t), t);
    }
    for (int j = 0; j < cs.size(); j++) {
      for (Feature f : cs.get(j)) {
        centroids[j][index.get(f.getName())] = f.getValue();
      }
    }
    int[] sizes = new int[cs.size()];
    for (var p : m.getOutputIDInfo().outputCountsIterable()) {
      sizes[Integer.parseInt(p.getA())] = (int) (long) p.getB();
    }
    return new Outcome(centroids, null, sizes, -1);
  }

  // ---------------------------------------------------------------------------------------------
  // Quality

  /**
   * Assigns every point to its nearest returned centroid (ties: lowest index), sums squared distances
   * and compares with the returned labels and sizes. A returned label counts as consistent when its
   * centroid is as near as the nearest one up to a relative {@code 1e-12}.
   *
   * @param x rows
   * @param o the outcome
   * @return the quality figures
   */
  static Quality quality(double[][] x, Outcome o) {
    double[][] c = o.centroids();
    int k = c.length;
    int d = x[0].length;
    double inertia = 0;
    long mismatches = 0;
    int[] count = new int[k];
    for (int i = 0; i < x.length; i++) {
      double[] p = x[i];
      double best = Double.POSITIVE_INFINITY;
      int arg = 0;
      for (int j = 0; j < k; j++) {
        double s = 0;
        double[] cj = c[j];
        for (int t = 0; t < d; t++) {
          double diff = p[t] - cj[t];
          s += diff * diff;
        }
        if (s < best) {
          best = s;
          arg = j;
        }
      }
      inertia += best;
      count[arg]++;
      if (o.labels() != null) {
        int l = o.labels()[i];
        if (l != arg) {
          double s = Double.POSITIVE_INFINITY;
          if (l >= 0 && l < k) {
            s = 0;
            for (int t = 0; t < d; t++) {
              double diff = p[t] - c[l][t];
              s += diff * diff;
            }
          }
          if (s > best * (1 + 1e-12)) {
            mismatches++;
          }
        }
      }
    }
    int sizeMismatches = -1;
    if (o.sizes() != null) {
      sizeMismatches = 0;
      for (int j = 0; j < k; j++) {
        if (o.sizes()[j] != count[j]) {
          sizeMismatches++;
        }
      }
    }
    int empty = 0;
    for (int cnt : count) {
      if (cnt == 0) {
        empty++;
      }
    }
    return new Quality(inertia, o.labels() == null ? -1 : mismatches, sizeMismatches, empty);
  }
}
