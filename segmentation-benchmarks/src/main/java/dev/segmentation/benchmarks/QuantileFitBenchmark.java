package dev.segmentation.benchmarks;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.criteria.QuantileMethod;
import dev.segmentation.core.model.QuantileModel;
import dev.segmentation.core.table.NumericColumn;
import java.util.Arrays;
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
 * Deciles (9 edges, type 7) of {@code n} random values: ours next to a full sort.
 *
 * <ul>
 *   <li>{@code modelFit}: {@code QuantileModel.builder().column("v").deciles().fit(table)}, the whole
 *       user-facing path (copy of the column, missing-value scan, quantiles, collapse check, one
 *       assignment pass over the training values for the empty-segment warnings);
 *   <li>{@code quantileMethod}: {@link QuantileMethod#quantiles(double[], double...)} alone
 *       (Commons Statistics {@code Quantile}: a copy and selection, no full sort);
 *   <li>{@code peerFullSort}: the textbook peer, a copy, {@link Arrays#sort(double[])} and type-7
 *       interpolation {@code x[j] + g (x[j+1] - x[j])}, {@code h = (n - 1) p}.
 * </ul>
 *
 * <p>Report the ratios {@code peerFullSort / quantileMethod} and {@code peerFullSort / modelFit}. The
 * values are lognormal-like spend, generated once per trial from a fixed seed and not timed. Run:
 *
 * <pre>
 * java -jar segmentation-benchmarks/target/benchmarks.jar QuantileFit -f 1 -wi 2 -i 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
public class QuantileFitBenchmark {

  /** Fixed seed of the generated data. */
  private static final long SEED = 20261125L;

  private static final double[] DECILES = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};

  /** Number of values. */
  @Param({"10000000"})
  public int n;

  private double[] values;
  private AccountTable table;
  private QuantileModel.Builder deciles;

  /** Generates the values and the table (not timed). */
  @Setup(Level.Trial)
  public void generate() {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(SEED);
    values = new double[n];
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      values[i] = Math.floor(Math.exp(rng.nextDouble() * 16.0) * 100.0) / 100.0;
      ids[i] = Integer.toString(i);
    }
    table = AccountTable.of(ids, NumericColumn.of("v", values));
    deciles = QuantileModel.builder().column("v").deciles();
    double[] ours = QuantileMethod.TYPE_7.quantiles(values, DECILES);
    double[] peer = peerFullSort();
    if (!Arrays.equals(ours, peer)) {
      // interpolation order may differ in the last bit; anything more is a bug in the benchmark
      for (int j = 0; j < ours.length; j++) {
        if (Math.abs(ours[j] - peer[j]) > 1e-9 * Math.abs(peer[j])) {
          throw new IllegalStateException("Deciles differ: " + Arrays.toString(ours) + " vs "
              + Arrays.toString(peer));
        }
      }
    }
  }

  /**
   * Ours: the fitted model on the account table.
   *
   * @return the model
   */
  @Benchmark
  public QuantileModel modelFit() {
    return deciles.fit(table);
  }

  /**
   * Ours: the quantile computation alone (selection on a copy).
   *
   * @return the nine deciles
   */
  @Benchmark
  public double[] quantileMethod() {
    return QuantileMethod.TYPE_7.quantiles(values, DECILES);
  }

  /**
   * Peer: copy, full sort, type-7 interpolation.
   *
   * @return the nine deciles
   */
  @Benchmark
  public double[] peerFullSort() {
    double[] x = values.clone();
    Arrays.sort(x);
    double[] q = new double[DECILES.length];
    int last = x.length - 1;
    for (int j = 0; j < q.length; j++) {
      double h = last * DECILES[j];
      int lo = (int) Math.floor(h);
      double g = h - lo;
      q[j] = lo >= last ? x[last] : x[lo] + g * (x[lo + 1] - x[lo]);
    }
    return q;
  }
}
