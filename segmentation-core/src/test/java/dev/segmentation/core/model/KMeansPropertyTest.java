package dev.segmentation.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Criteria;
import dev.segmentation.core.internal.BlockExecutor;
import dev.segmentation.core.internal.KMeansEngine;
import dev.segmentation.core.table.Column;
import dev.segmentation.core.table.NumericColumn;
import dev.segmentation.testing.Gen;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KMeansPropertyTest {

  static LongStream seeds() {
    return Gen.seeds(120);
  }

  static LongStream fewSeeds() {
    return Gen.seeds(12);
  }

  /** Random blobs, with some exact duplicate points and integer-grid coordinates (ties). */
  static KMeansEngine.Data blobs(Gen g, int n, int d, int centers, boolean weighted) {
    double[][] mu = new double[centers][d];
    for (double[] m : mu) {
      for (int t = 0; t < d; t++) {
        m[t] = g.rng().nextDouble() * 20;
      }
    }
    double[] x = new double[n * d];
    boolean grid = g.chance(0.3);
    for (int i = 0; i < n; i++) {
      if (i > 0 && g.chance(0.05)) {
        System.arraycopy(x, g.rng().nextInt(i) * d, x, i * d, d);
        continue;
      }
      double[] m = mu[g.rng().nextInt(centers)];
      for (int t = 0; t < d; t++) {
        double v = m[t] + (g.rng().nextDouble() - 0.5) * 6;
        x[i * d + t] = grid ? Math.rint(v) : v;
      }
    }
    double[] w = null;
    if (weighted) {
      w = new double[n];
      for (int i = 0; i < n; i++) {
        w[i] = g.chance(0.1) ? 0.0 : 0.5 + g.rng().nextInt(5);
      }
      w[0] = 1.0;
    }
    return new KMeansEngine.Data(x, n, d, w);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void inertiaNeverIncreasesAndHamerlyEqualsLloyd(long seed) {
    Gen g = new Gen(seed);
    int n = g.intBetween(10, 600);
    int d = g.intBetween(1, 5);
    int k = g.intBetween(1, Math.min(8, n / 2));
    KMeansEngine.Data data = blobs(g, n, d, g.intBetween(1, 6), g.chance(0.3));
    try (BlockExecutor exec = BlockExecutor.create(1, null)) {
      double[] start;
      try {
        start = KMeansEngine.kMeansPlusPlus(data, k, 1, KMeans.restartRng(seed, 0), exec);
      } catch (KMeansEngine.TooFewDistinctPoints e) {
        return; // fewer distinct weighted points than k: covered by KMeansTest
      }
      KMeansEngine.Result lloyd =
          KMeansEngine.lloyd(data, start, k, 100, 0.0, KMeansEngine.Variant.LLOYD, true, exec);
      KMeansEngine.Result hamerly =
          KMeansEngine.lloyd(data, start, k, 100, 0.0, KMeansEngine.Variant.HAMERLY, true, exec);
      double[] tr = lloyd.inertiaTrace();
      for (int i = 1; i < tr.length; i++) {
        assertTrue(tr[i] <= tr[i - 1] * (1 + 1e-12) + 1e-12,
            "inertia does not increase at iteration " + i + " (" + tr[i - 1] + " -> " + tr[i]
                + "), seed " + seed);
      }
      assertArrayEquals(lloyd.labels(), hamerly.labels(), "Hamerly labels equal Lloyd's, seed " + seed);
      assertArrayEquals(lloyd.centers(), hamerly.centers(), "Hamerly centres equal Lloyd's, seed " + seed);
      assertEquals(lloyd.iterations(), hamerly.iterations(), "same iteration count, seed " + seed);
      for (int label : hamerly.labels()) {
        assertTrue(label >= 0 && label < k, "label in [0, k), seed " + seed);
      }
      for (double c : hamerly.centers()) {
        assertTrue(Double.isFinite(c), "finite centres, seed " + seed);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("fewSeeds")
  void sameSeedSameModelWhateverTheNumberOfThreads(long seed) {
    Gen g = new Gen(seed);
    int n = 9000 + g.intBetween(0, 3000);
    int d = 3;
    KMeansEngine.Data data = blobs(g, n, d, 5, false);
    Column[] cols = new Column[d];
    for (int t = 0; t < d; t++) {
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = data.x()[i * d + t];
      }
      cols[t] = NumericColumn.of("f" + t, v);
    }
    AccountTable table = AccountTable.of(g.ids(n), cols);
    Criteria criteria = Criteria.builder().numeric("f0").standardize().numeric("f1").numeric("f2")
        .weight(2.0).build();
    KMeansInit init = g.pick(KMeansInit.K_MEANS_PLUS_PLUS, KMeansInit.GREEDY_K_MEANS_PLUS_PLUS,
        KMeansInit.RANDOM);
    KMeans.Builder b = KMeans.builder().clusters(g.intBetween(2, 7)).restarts(2).seed(seed)
        .init(init).tolerance(g.pick(0.0, 1e-4));
    KMeansModel one = b.parallelism(1).build().fit(table, criteria);
    KMeansModel two = b.parallelism(2).build().fit(table, criteria);
    KMeansModel again = b.parallelism(2).build().fit(table, criteria);
    assertEquals(one, again, "same seed, same model, seed " + seed);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      KMeansModel eight = b.parallelism(8).executor(pool).build().fit(table, criteria);
      assertEquals(one, two, "1 and 2 threads give the same model, seed " + seed);
      assertEquals(one, eight, "1 and 8 threads give the same model, seed " + seed);
    } finally {
      pool.shutdown();
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void integerWeightsEqualDuplicatedAccounts(long seed) {
    Gen g = new Gen(seed);
    int n = g.intBetween(5, 80);
    int k = g.intBetween(1, Math.min(4, n));
    double[] x = new double[n];
    double[] w = new double[n];
    int total = 0;
    for (int i = 0; i < n; i++) {
      x[i] = i + g.rng().nextDouble();
      w[i] = 1 + g.rng().nextInt(3);
      total += (int) w[i];
    }
    double[] dup = new double[total];
    int p = 0;
    for (int i = 0; i < n; i++) {
      for (int r = 0; r < w[i]; r++) {
        dup[p++] = x[i];
      }
    }
    double[][] start = new double[k][1];
    for (int j = 0; j < k; j++) {
      start[j][0] = x[j * n / k];
    }
    AccountTable weighted = AccountTable.of(g.ids(n), NumericColumn.of("x", x), NumericColumn.of("w", w));
    AccountTable duplicated = AccountTable.of(g.ids(total), NumericColumn.of("x", dup));
    Criteria c = Criteria.builder().numeric("x").build();
    KMeansModel a = KMeans.builder().initialCentroids(start).weights("w").tolerance(0).build()
        .fit(weighted, c);
    KMeansModel b = KMeans.builder().initialCentroids(start).tolerance(0).build().fit(duplicated, c);
    double[][] ca = a.centroids();
    double[][] cb = b.centroids();
    for (int j = 0; j < k; j++) {
      assertEquals(cb[j][0], ca[j][0], 1e-9 * Math.max(1, Math.abs(cb[j][0])),
          "weighted centroid " + j + " equals centroid of duplicated accounts, seed " + seed);
    }
    assertEquals(b.inertia(), a.inertia(), 1e-9 * Math.max(1, b.inertia()),
        "weighted inertia equals inertia of duplicated accounts, seed " + seed);
  }
}
