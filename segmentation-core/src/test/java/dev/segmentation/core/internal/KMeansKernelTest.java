package dev.segmentation.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.testing.Gen;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KMeansKernelTest {

  static LongStream seeds() {
    return Gen.seeds(30);
  }

  static LongStream fewSeeds() {
    return Gen.seeds(6);
  }

  /** Squared distance summed in feature order, the textbook loop. */
  private static double naive(double[] a, int ia, double[] b, int ib, int d) {
    double s = 0;
    for (int t = 0; t < d; t++) {
      s += (a[ia + t] - b[ib + t]) * (a[ia + t] - b[ib + t]);
    }
    return s;
  }

  private static double[] points(Gen g, int n, int d) {
    double[] x = new double[n * d];
    boolean grid = g.chance(0.3);
    for (int i = 0; i < x.length; i++) {
      double v = (g.rng().nextDouble() - 0.5) * 40;
      x[i] = grid ? Math.rint(v) : v;
    }
    return x;
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void distancesAndBlockSumsMatchTheTextbookLoops(long seed) {
    Gen g = new Gen(seed);
    int d = g.pick(1, 3, 8, 8, 9);
    int k = g.intBetween(1, 12);
    int n = g.intBetween(1, 300);
    double[] x = points(g, n, d);
    double[] c = points(g, k, d);
    double[] w = g.chance(0.5) ? null : new double[n];
    if (w != null) {
      for (int i = 0; i < n; i++) {
        w[i] = g.chance(0.2) ? 1.0 : g.rng().nextDouble() * 3;
      }
    }
    double[] dist = new double[k];
    int[] labels = new int[n];
    double[] sums = new double[k * d];
    double[] weights = new double[k];
    double inertia = KMeansKernel.assignBlock(x, w, d, 0, n, c, k, labels, sums, weights, dist);
    double[] expSums = new double[k * d];
    double[] expW = new double[k];
    double expInertia = 0;
    for (int i = 0; i < n; i++) {
      KMeansKernel.distances(x, i * d, d, c, k, dist);
      int arg = 0;
      for (int j = 0; j < k; j++) {
        double v = naive(x, i * d, c, j * d, d);
        assertEquals(Double.doubleToLongBits(v), Double.doubleToLongBits(dist[j]),
            "distances() equals the feature-order sum, seed " + seed);
        assertEquals(Double.doubleToLongBits(v),
            Double.doubleToLongBits(KMeansKernel.dist2(x, i * d, c, j * d, d)),
            "dist2() equals the feature-order sum, seed " + seed);
        if (v < naive(x, i * d, c, arg * d, d)) {
          arg = j;
        }
      }
      assertEquals(arg, labels[i], "nearest centre, lowest index on ties, seed " + seed);
      assertEquals(arg, KMeansEngine.nearest(x, i * d, c, k, d), "engine agrees, seed " + seed);
      double wi = w == null ? 1.0 : w[i];
      for (int t = 0; t < d; t++) {
        expSums[arg * d + t] += wi == 1.0 ? x[i * d + t] : wi * x[i * d + t];
      }
      expW[arg] += wi;
      expInertia += wi * naive(x, i * d, c, arg * d, d);
    }
    assertArrayEquals(expSums, sums, "per-cluster sums, seed " + seed);
    assertArrayEquals(expW, weights, "per-cluster weights, seed " + seed);
    assertEquals(expInertia, inertia, "block inertia, seed " + seed);
  }

  /**
   * Several blocks, d = 8 (the unrolled loops), weights: Hamerly equals plain Lloyd, any number of
   * threads gives the same result, and the returned centres are exactly the block-ordered means of
   * the returned labels (the incremental sums end with a fresh summation).
   */
  @ParameterizedTest
  @MethodSource("fewSeeds")
  void incrementalSumsEndExactAndAgreeAcrossVariantsAndThreads(long seed) {
    Gen g = new Gen(seed);
    int d = 8;
    int n = 9000 + g.intBetween(0, 3000);
    int k = g.intBetween(2, 9);
    double[] mu = points(g, k, d);
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      int m = g.rng().nextInt(k);
      for (int t = 0; t < d; t++) {
        x[i * d + t] = mu[m * d + t] + (g.rng().nextDouble() - 0.5) * 30;
      }
    }
    double[] w = null;
    if (g.chance(0.5)) {
      w = new double[n];
      for (int i = 0; i < n; i++) {
        w[i] = g.chance(0.1) ? 0.0 : 0.1 + g.rng().nextDouble();
      }
    }
    KMeansEngine.Data data = new KMeansEngine.Data(x, n, d, w);
    double[] start = KMeansEngine.randomRows(data, k, g.rng());
    int maxIt = g.pick(3, 300);
    KMeansEngine.Result lloyd;
    KMeansEngine.Result hamerly;
    KMeansEngine.Result two;
    try (BlockExecutor one = BlockExecutor.create(1, null);
        BlockExecutor par = BlockExecutor.create(2, null)) {
      lloyd = KMeansEngine.lloyd(data, start, k, maxIt, 0.0, KMeansEngine.Variant.LLOYD, false, one);
      hamerly =
          KMeansEngine.lloyd(data, start, k, maxIt, 0.0, KMeansEngine.Variant.HAMERLY, false, one);
      two = KMeansEngine.lloyd(data, start, k, maxIt, 0.0, KMeansEngine.Variant.HAMERLY, false, par);
    }
    assertArrayEquals(lloyd.labels(), hamerly.labels(), "Hamerly labels equal Lloyd's, seed " + seed);
    assertArrayEquals(lloyd.centers(), hamerly.centers(), "Hamerly centres equal Lloyd's, seed " + seed);
    assertArrayEquals(hamerly.labels(), two.labels(), "2 threads, same labels, seed " + seed);
    assertArrayEquals(hamerly.centers(), two.centers(), "2 threads, same centres, seed " + seed);
    assertEquals(hamerly.inertia(), two.inertia(), "2 threads, same inertia, seed " + seed);
    // returned centres = block-ordered means of the returned labels (when no cluster is empty)
    int blocks = BlockExecutor.blocks(n);
    double[] total = new double[k * d];
    double[] totalW = new double[k];
    int[] labels = hamerly.labels();
    for (int b = 0; b < blocks; b++) {
      double[] s = new double[k * d];
      double[] ws = new double[k];
      for (int i = b * BlockExecutor.BLOCK_ROWS; i < Math.min(n, (b + 1) * BlockExecutor.BLOCK_ROWS);
          i++) {
        KMeansKernel.add(x, i, d, w == null ? 1.0 : w[i], labels[i], s, ws);
      }
      for (int t = 0; t < s.length; t++) {
        total[t] += s[t];
      }
      for (int j = 0; j < k; j++) {
        totalW[j] += ws[j];
      }
    }
    boolean anyEmpty = false;
    for (int j = 0; j < k; j++) {
      anyEmpty |= !(totalW[j] > 0);
      for (int t = 0; t < d && totalW[j] > 0; t++) {
        total[j * d + t] *= 1.0 / totalW[j];
      }
    }
    if (!anyEmpty && hamerly.emptyRepairs() == 0 && hamerly.converged()) {
      assertArrayEquals(total, hamerly.centers(),
          "converged centres are the exact means of their clusters, seed " + seed);
    }
    for (int i = 0; i < n; i++) {
      assertEquals(KMeansEngine.nearest(x, i * d, hamerly.centers(), k, d), labels[i],
          "labels are the nearest returned centres, seed " + seed);
    }
    assertTrue(hamerly.iterations() <= maxIt, "iteration cap, seed " + seed);
  }
}
