package dev.segmentation.benchmarks;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Criteria;
import dev.segmentation.core.internal.KMeansEngine;
import dev.segmentation.core.model.KMeans;
import dev.segmentation.core.model.KMeansAlgorithm;
import dev.segmentation.core.table.Column;
import dev.segmentation.core.table.NumericColumn;
import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Peak-memory probe for k-means: builds the input of workload (a) (uniform, d = 8, k = 8) without any
 * other large temporary, then optionally fits. Run it under decreasing {@code -Xmx} with a tiny young
 * generation: the smallest heap that succeeds with a fit, minus the smallest that succeeds with
 * {@code *-input} alone, is the fit's peak extra live memory (to the bisection step). See
 * {@code docs/performance.md} for the loop.
 *
 * <pre>
 * java -XX:+UseSerialGC -Xmn16m -Xmx312m -cp benchmarks.jar dev.segmentation.benchmarks.KMeansMemory table 1000000
 * </pre>
 *
 * <p>Modes: {@code table-input}, {@code table} (given centres, 20 iterations, 1 thread),
 * {@code table-plusplus} (k-means++ then 20 iterations), {@code kernel-input}, {@code kernel},
 * {@code kernel-plusplus}. Exit code 0 and one line on success; an {@link OutOfMemoryError} otherwise.
 */
public final class KMeansMemory {

  private static final int D = 8;
  private static final int K = 8;

  private KMeansMemory() {}

  /**
   * Runs one mode.
   *
   * @param args mode and number of rows
   */
  public static void main(String[] args) {
    String mode = args[0];
    int n = Integer.parseInt(args[1]);
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(KMeansWorkloads.SEED);
    Object result;
    Object input;
    if (mode.startsWith("kernel")) {
      double[] flat = new double[n * D];
      for (int i = 0; i < flat.length; i++) {
        flat[i] = rng.nextDouble();
      }
      double[] init = Arrays.copyOf(flat, K * D);
      KMeansEngine.Data data = new KMeansEngine.Data(flat, n, D, null);
      input = data;
      result = switch (mode) {
        case "kernel-input" -> null;
        case "kernel" -> KMeansPeers.kernel(data, init, K, 20, KMeansEngine.Variant.HAMERLY, 1, 0L);
        case "kernel-plusplus" -> KMeansPeers.kernel(data, null, K, 20, KMeansEngine.Variant.HAMERLY,
            1, KMeansWorkloads.SEED);
        default -> throw new IllegalArgumentException("Unknown mode " + mode);
      };
    } else {
      double[][] init = new double[K][D];
      String[] ids = new String[n];
      for (int i = 0; i < n; i++) {
        ids[i] = "A" + i;
      }
      Column[] cols = new Column[D];
      double[][] values = new double[D][n];
      for (int i = 0; i < n; i++) {
        for (int t = 0; t < D; t++) {
          values[t][i] = rng.nextDouble();
        }
      }
      for (int t = 0; t < D; t++) {
        for (int j = 0; j < K; j++) {
          init[j][t] = values[t][j];
        }
        cols[t] = NumericColumn.of("f" + t, values[t]);
        values[t] = null;
      }
      AccountTable table = AccountTable.of(ids, cols);
      input = table;
      Criteria criteria = KMeansPeers.criteria(D);
      result = switch (mode) {
        case "table-input" -> null;
        case "table" -> KMeansPeers.oursGiven(init, 20, 1, KMeansAlgorithm.HAMERLY)
            .fit(table, criteria);
        case "table-plusplus" -> KMeans.builder().clusters(K).restarts(1).maxIterations(20)
            .tolerance(0).parallelism(1).seed(KMeansWorkloads.SEED).build().fit(table, criteria);
        default -> throw new IllegalArgumentException("Unknown mode " + mode);
      };
    }
    System.out.println(String.format(Locale.ROOT, "ok %s n=%d input=%s result=%s", mode, n,
        input.getClass().getSimpleName(), result == null ? "none" : result.getClass().getSimpleName()));
  }
}
