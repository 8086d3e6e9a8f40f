package dev.segmentation.benchmarks;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Criteria;
import dev.segmentation.core.criteria.FeatureMatrix;
import dev.segmentation.core.criteria.FittedCriteria;
import dev.segmentation.core.insight.Lookalike;
import dev.segmentation.core.insight.LookalikeScores;
import dev.segmentation.core.insight.ReferenceSet;
import dev.segmentation.core.internal.KdTree;
import dev.segmentation.core.table.CategoricalColumn;
import dev.segmentation.core.table.Column;
import dev.segmentation.core.table.NumericColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Lookalike scoring: {@code n} accounts against the 10,000 best (top 1% by revenue) in a 10-dimensional
 * criteria space (six log1p + standardized numeric criteria and a four-level one-hot region), as
 * customer data look: 40 clusters of accounts with lognormal spend.
 *
 * <ul>
 *   <li>{@code lookalike} — ours, the public API end to end for all {@code n} accounts: transform,
 *       resolve the reference set, build the k-d tree, leave-one-out calibration, nearest reference
 *       and top-3 explanation per account.
 *   <li>{@code kdTreeSmall} — the nearest-reference kernel (k-d tree built once, exact search) for the
 *       first {@value #SMALL} accounts.
 *   <li>{@code bruteForceSmall} — peer: the same {@value #SMALL} nearest-reference queries by brute
 *       force ({@code SMALL x 10,000} distances), the same exact answers.
 * </ul>
 *
 * The ratio {@code bruteForceSmall / kdTreeSmall} is the speed-up of the tree on the kernel;
 * brute force on all {@code n} accounts takes about {@code n / SMALL} times {@code bruteForceSmall}.
 * Data are generated once per trial from a fixed seed and not timed; the setup checks that both
 * kernels give the same nearest neighbours. Run:
 *
 * <pre>
 * java -jar segmentation-benchmarks/target/benchmarks.jar Lookalike -f 1 -wi 2 -i 3
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
public class LookalikeBenchmark {

  /** Fixed seed of the generated data. */
  private static final long SEED = 20261125L;

  /** Queries of the kernel comparison. */
  static final int SMALL = 10_000;

  /** Threads of the end-to-end scoring (only {@code lookalike} uses this state). */
  @State(Scope.Benchmark)
  public static class Threads {
    /** Number of threads. */
    @Param({"1", "2"})
    public int threads;
  }

  /** The generated accounts and kernel inputs, shared by every benchmark. */
  @State(Scope.Benchmark)
  public static class Data {
    /** Number of accounts scored. */
    @Param({"1000000"})
    public int n;

    AccountTable table;
    FittedCriteria fitted;
    double[] features;
    int[] referenceRows;
    int dim;
    KdTree tree;

    /** Generates the accounts, fits the criteria and builds the kernel inputs (not timed). */
    @Setup(Level.Trial)
    public void generate() {
      UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(SEED);
      int numeric = 6;
      int clusters = 40;
      double[][] centre = new double[clusters][numeric];
      for (double[] c : centre) {
        for (int j = 0; j < numeric; j++) {
          c[j] = 4 + 8 * rng.nextDouble();
        }
      }
      String[] ids = new String[n];
      double[][] cols = new double[numeric][n];
      double[] revenue = new double[n];
      String[] region = new String[n];
      String[] regions = {"North", "South", "East", "West"};
      for (int i = 0; i < n; i++) {
        ids[i] = "C-" + i;
        int c = rng.nextInt(clusters);
        double total = 0;
        for (int j = 0; j < numeric; j++) {
          double logSpend = centre[c][j] + gaussian(rng);
          cols[j][i] = Math.floor(Math.exp(logSpend));
          total += cols[j][i];
        }
        revenue[i] = total * (0.5 + rng.nextDouble());
        region[i] = regions[(c + (rng.nextDouble() < 0.1 ? 1 : 0)) % 4];
      }
      List<Column> columns = new ArrayList<>();
      Criteria.Builder criteria = Criteria.builder();
      for (int j = 0; j < numeric; j++) {
        columns.add(NumericColumn.of("spend" + j, cols[j]));
        criteria.numeric("spend" + j).log1p().standardize();
      }
      columns.add(NumericColumn.of("revenue", revenue));
      columns.add(CategoricalColumn.of("region", region));
      criteria.categorical("region");
      table = AccountTable.of(ids, columns.toArray(new Column[0]));
      fitted = criteria.build().fit(table);

      FeatureMatrix x = fitted.transform(table);
      features = x.toArray();
      dim = x.columnCount();
      boolean[] best = new boolean[n];
      double[] sorted = revenue.clone();
      java.util.Arrays.sort(sorted);
      double cut = sorted[n - n / 100];
      int m = 0;
      for (int i = 0; i < n; i++) {
        best[i] = revenue[i] >= cut;
        m += best[i] ? 1 : 0;
      }
      referenceRows = new int[m];
      int k = 0;
      for (int i = 0; i < n; i++) {
        if (best[i]) {
          referenceRows[k++] = i;
        }
      }
      tree = KdTree.build(features, dim, referenceRows);
      double[] a = kdTreeSmall(this);
      double[] b = bruteForceSmall(this);
      if (!java.util.Arrays.equals(a, b)) {
        throw new IllegalStateException("The k-d tree and brute force disagree.");
      }
    }
  }

  private static double gaussian(UniformRandomProvider rng) {
    double s = 0;
    for (int t = 0; t < 12; t++) {
      s += rng.nextDouble();
    }
    return s - 6;
  }

  /**
   * Ours: scores of all accounts through the public API (the builder call is negligible).
   *
   * @param d the data
   * @param t the thread count
   * @return the scores
   */
  @Benchmark
  public LookalikeScores lookalike(Data d, Threads t) {
    return Lookalike.builder(d.fitted)
        .reference(ReferenceSet.topFraction("revenue", 0.01))
        .parallelism(t.threads)
        .build()
        .score(d.table);
  }

  /**
   * Kernel: exact nearest reference of the first {@value #SMALL} accounts with the k-d tree.
   *
   * @param d the data
   * @return row and squared distance per query
   */
  @Benchmark
  public static double[] kdTreeSmall(Data d) {
    double[] out = new double[2 * SMALL];
    double[] res = new double[2];
    for (int i = 0; i < SMALL; i++) {
      d.tree.nearest(d.features, i * d.dim, -1, res);
      out[2 * i] = res[0];
      out[2 * i + 1] = res[1];
    }
    return out;
  }

  /**
   * Peer: exact nearest reference of the same accounts by brute force.
   *
   * @param d the data
   * @return row and squared distance per query
   */
  @Benchmark
  public static double[] bruteForceSmall(Data d) {
    double[] out = new double[2 * SMALL];
    double[] res = new double[2];
    for (int i = 0; i < SMALL; i++) {
      KdTree.bruteForceNearest(d.features, d.dim, d.referenceRows, d.features, i * d.dim, -1, res);
      out[2 * i] = res[0];
      out[2 * i + 1] = res[1];
    }
    return out;
  }
}
