package dev.segmentation.benchmarks;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.model.QuantileModel;
import dev.segmentation.core.table.NumericColumn;
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
 * Assigning {@code n} accounts to the deciles of a fitted {@link QuantileModel}, next to a
 * hand-written binary search over the same {@code double[]} into an {@code int[]}.
 *
 * <p>Ours ({@code modelAssign}) reads the column once, runs the binary search per account, checks for
 * missing values and builds the {@link Segmentation} (which copies and validates the per-account
 * arrays); the peer ({@code peerBinarySearch}) is only the loop. Target: ours under 100 ms for a
 * million accounts on one core. 1% of the values are missing. Data are generated once per trial from a
 * fixed seed and not timed. Run:
 *
 * <pre>
 * java -jar segmentation-benchmarks/target/benchmarks.jar DecileAssign -f 1 -wi 2 -i 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class DecileAssignBenchmark {

  /** Fixed seed of the generated data. */
  private static final long SEED = 20261125L;

  /** Number of accounts. */
  @Param({"1000000"})
  public int n;

  private double[] values;
  private double[] edges;
  private AccountTable table;
  private QuantileModel model;

  /** Generates the accounts and fits the model (not timed). */
  @Setup(Level.Trial)
  public void generate() {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(SEED);
    values = new double[n];
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      values[i] = rng.nextDouble() < 0.01
          ? Double.NaN
          : Math.floor(Math.exp(rng.nextDouble() * 16.0) * 100.0) / 100.0;
      ids[i] = "C-" + i;
    }
    table = AccountTable.of(ids, NumericColumn.of("potential", values));
    model = QuantileModel.builder().column("potential").deciles().fit(table);
    edges = model.edges();
    int[] peer = peerBinarySearch();
    int[] ours = model.assign(table).segmentIndices();
    if (!java.util.Arrays.equals(ours, peer)) {
      throw new IllegalStateException("The peer assigns differently from the model.");
    }
  }

  /**
   * Ours: the segmentation of the table.
   *
   * @return the segmentation
   */
  @Benchmark
  public Segmentation modelAssign() {
    return model.assign(table);
  }

  /**
   * Peer: binary search over the edges for each value ({@code -1} for missing).
   *
   * @return one segment index per account
   */
  @Benchmark
  public int[] peerBinarySearch() {
    double[] v = values;
    double[] e = edges;
    int[] out = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      double x = v[i];
      if (x != x) {
        out[i] = -1;
        continue;
      }
      int lo = 0;
      int hi = e.length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (e[mid] < x) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      out[i] = lo;
    }
    return out;
  }
}
