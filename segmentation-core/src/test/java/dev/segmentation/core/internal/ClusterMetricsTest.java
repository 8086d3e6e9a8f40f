package dev.segmentation.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.testing.Gen;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ClusterMetricsTest {

  static LongStream seeds() {
    return Gen.seeds(300);
  }

  /** Fewer seeds for the O(n^2) cases with several hundred rows. */
  static LongStream largeSeeds() {
    return Gen.seeds(16);
  }

  private static String msg(String property, long seed) {
    return property + " (seed=" + seed + ")";
  }

  // --------------------------------------------------------------------- naive textbook oracles

  private static double dist(double[] x, int d, int i, int j) {
    double ss = 0;
    for (int t = 0; t < d; t++) {
      double diff = x[i * d + t] - x[j * d + t];
      ss += diff * diff;
    }
    return Math.sqrt(ss);
  }

  private static int[] sizes(int[] labels, int k) {
    int[] sizes = new int[k];
    for (int l : labels) {
      if (l >= 0) {
        sizes[l]++;
      }
    }
    return sizes;
  }

  /** Whether the silhouette, CH and DB are defined: 2 <= k' <= n' - 1. */
  private static boolean defined(int[] labels, int k) {
    int nonEmpty = 0;
    int included = 0;
    for (int s : sizes(labels, k)) {
      nonEmpty += s > 0 ? 1 : 0;
      included += s;
    }
    return nonEmpty >= 2 && nonEmpty <= included - 1;
  }

  /** Rousseeuw's s(i), straight from the definition, one cluster at a time. */
  private static double naiveS(double[] x, int n, int d, int[] labels, int k, int i) {
    int own = labels[i];
    int ownSize = sizes(labels, k)[own];
    if (ownSize == 1) {
      return 0.0;
    }
    double a = 0;
    for (int j = 0; j < n; j++) {
      if (j != i && labels[j] == own) {
        a += dist(x, d, i, j);
      }
    }
    a /= ownSize - 1;
    double b = Double.POSITIVE_INFINITY;
    for (int c = 0; c < k; c++) {
      if (c == own) {
        continue;
      }
      double sum = 0;
      int count = 0;
      for (int j = 0; j < n; j++) {
        if (labels[j] == c) {
          sum += dist(x, d, i, j);
          count++;
        }
      }
      if (count > 0) {
        b = Math.min(b, sum / count);
      }
    }
    double max = Math.max(a, b);
    return max == 0 ? 0.0 : (b - a) / max;
  }

  private static double naiveSilhouette(double[] x, int n, int d, int[] labels, int k) {
    double sum = 0;
    int count = 0;
    for (int i = 0; i < n; i++) {
      if (labels[i] >= 0) {
        sum += naiveS(x, n, d, labels, k, i);
        count++;
      }
    }
    return sum / count;
  }

  private static double naiveInertia(double[] x, int n, int d, int[] labels, double[] centroids) {
    double sum = 0;
    for (int i = 0; i < n; i++) {
      if (labels[i] < 0) {
        continue;
      }
      for (int t = 0; t < d; t++) {
        double diff = x[i * d + t] - centroids[labels[i] * d + t];
        sum += diff * diff;
      }
    }
    return sum;
  }

  /** Mean of the members of cluster c (NaN coordinates for an empty cluster). */
  private static double[] naiveCentroid(double[] x, int n, int d, int[] labels, int c) {
    double[] m = new double[d];
    int count = 0;
    for (int i = 0; i < n; i++) {
      if (labels[i] == c) {
        for (int t = 0; t < d; t++) {
          m[t] += x[i * d + t];
        }
        count++;
      }
    }
    for (int t = 0; t < d; t++) {
      m[t] /= count;
    }
    return m;
  }

  private static double sq(double[] p, double[] q) {
    double ss = 0;
    for (int t = 0; t < p.length; t++) {
      ss += (p[t] - q[t]) * (p[t] - q[t]);
    }
    return ss;
  }

  /** scikit-learn's calinski_harabasz_score, cluster by cluster. */
  private static double naiveCalinskiHarabasz(double[] x, int n, int d, int[] labels, int k) {
    double[] mean = new double[d];
    int included = 0;
    for (int i = 0; i < n; i++) {
      if (labels[i] >= 0) {
        for (int t = 0; t < d; t++) {
          mean[t] += x[i * d + t];
        }
        included++;
      }
    }
    for (int t = 0; t < d; t++) {
      mean[t] /= included;
    }
    double extra = 0;
    double intra = 0;
    int nonEmpty = 0;
    for (int c = 0; c < k; c++) {
      int size = sizes(labels, k)[c];
      if (size == 0) {
        continue;
      }
      nonEmpty++;
      double[] centroid = naiveCentroid(x, n, d, labels, c);
      extra += size * sq(centroid, mean);
      for (int i = 0; i < n; i++) {
        if (labels[i] == c) {
          intra += sq(Arrays.copyOfRange(x, i * d, i * d + d), centroid);
        }
      }
    }
    return intra == 0
        ? 1.0
        : (extra / (nonEmpty - 1.0)) / (intra / (included - nonEmpty));
  }

  /** scikit-learn's davies_bouldin_score: full centroid-distance matrix, zero distances -> inf. */
  private static double naiveDaviesBouldin(double[] x, int n, int d, int[] labels, int k) {
    List<double[]> centroids = new ArrayList<>();
    List<Double> intra = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      if (sizes(labels, k)[c] == 0) {
        continue;
      }
      double[] centroid = naiveCentroid(x, n, d, labels, c);
      double sum = 0;
      int count = 0;
      for (int i = 0; i < n; i++) {
        if (labels[i] == c) {
          sum += Math.sqrt(sq(Arrays.copyOfRange(x, i * d, i * d + d), centroid));
          count++;
        }
      }
      centroids.add(centroid);
      intra.add(sum / count);
    }
    int m = centroids.size();
    double[][] cd = new double[m][m];
    boolean allIntraClose = intra.stream().allMatch(v -> Math.abs(v) <= 1e-8);
    boolean allCentroidsClose = true;
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        cd[i][j] = Math.sqrt(sq(centroids.get(i), centroids.get(j)));
        allCentroidsClose &= Math.abs(cd[i][j]) <= 1e-8;
      }
    }
    if (allIntraClose || allCentroidsClose) {
      return 0.0;
    }
    double total = 0;
    for (int i = 0; i < m; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < m; j++) {
        double denominator = cd[i][j] == 0 ? Double.POSITIVE_INFINITY : cd[i][j];
        max = Math.max(max, (intra.get(i) + intra.get(j)) / denominator);
      }
      total += max;
    }
    return total / m;
  }

  private static void assertClose(double expected, double actual, double relTol, String message) {
    double tol = relTol * Math.max(1.0, Math.abs(expected));
    assertTrue(Math.abs(expected - actual) <= tol,
        message + ": expected " + expected + " but was " + actual);
  }

  private static void assertBitEqual(double expected, double actual, String message) {
    assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
        message + ": expected " + expected + " but was " + actual);
  }

  /** A random small case: n in [0, 40], d in [1, 4], k in [1, 6], sometimes with excluded rows. */
  private record Case(double[] x, int n, int d, int[] labels, int k) {
    static Case random(Gen g) {
      int n = g.intBetween(0, 40);
      int d = g.intBetween(1, 4);
      int k = g.intBetween(1, 6);
      double[] x = g.matrix(n, d);
      int[] labels = g.clusterLabels(n, k, g.pick(0.0, 0.0, 0.2));
      // excluded rows may carry anything, including NaN
      for (int i = 0; i < n; i++) {
        if (labels[i] < 0 && g.chance(0.5)) {
          x[i * d] = g.pick(Double.NaN, Double.POSITIVE_INFINITY, 1e300);
        }
      }
      return new Case(x, n, d, labels, k);
    }
  }

  // -------------------------------------------------------------------------------- silhouette

  @ParameterizedTest
  @MethodSource("seeds")
  void silhouetteMatchesNaiveTextbookFormula(long seed) {
    Case c = Case.random(new Gen(seed));
    if (!defined(c.labels, c.k)) {
      assertThrows(IllegalArgumentException.class,
          () -> ClusterMetrics.silhouette(c.x, c.n, c.d, c.labels, c.k),
          msg("silhouette rejects k' outside [2, n'-1]", seed));
      return;
    }
    double expected = naiveSilhouette(c.x, c.n, c.d, c.labels, c.k);
    double actual = ClusterMetrics.silhouette(c.x, c.n, c.d, c.labels, c.k);
    assertEquals(expected, actual, 1e-12, msg("silhouette vs naive double loop", seed));
    assertTrue(actual >= -1 && actual <= 1, msg("silhouette in [-1, 1]", seed));
    double[] s = ClusterMetrics.silhouetteSamples(c.x, c.n, c.d, c.labels, c.k);
    for (int i = 0; i < c.n; i++) {
      if (c.labels[i] < 0) {
        assertTrue(Double.isNaN(s[i]), msg("s(" + i + ") of excluded row is NaN", seed));
      } else {
        assertEquals(naiveS(c.x, c.n, c.d, c.labels, c.k, i), s[i], 1e-12,
            msg("s(" + i + ") vs naive", seed));
      }
    }
  }

  @Test
  void silhouetteOfTwoPairsOnALineByHand() {
    // 1-D points {0, 1, 10, 11}, labels {0, 0, 1, 1}; every a(i) = 1 (distance to the partner).
    //   x=0 : b = (10 + 11) / 2 = 10.5, s = (10.5 - 1) / 10.5 = 19/21
    //   x=1 : b = ( 9 + 10) / 2 =  9.5, s = ( 9.5 - 1) /  9.5 = 17/19
    //   x=10: b = (10 +  9) / 2 =  9.5, s = 17/19
    //   x=11: b = (11 + 10) / 2 = 10.5, s = 19/21
    //   mean = (19/21 + 17/19) / 2 = (361 + 357) / (2 * 399) = 359/399 = 0.89974937...
    double[] x = {0, 1, 10, 11};
    int[] labels = {0, 0, 1, 1};
    assertEquals(359.0 / 399.0, ClusterMetrics.silhouette(x, 4, 1, labels, 2), 1e-15,
        "silhouette of {0,1 | 10,11}");
    assertArrayEquals(new double[] {19.0 / 21, 17.0 / 19, 17.0 / 19, 19.0 / 21},
        ClusterMetrics.silhouetteSamples(x, 4, 1, labels, 2), 1e-15, "s(i) of {0,1 | 10,11}");
  }

  @Test
  void silhouetteWithSingletonAndDuplicatesByHand() {
    // scikit-learn's test_cluster_size_1: 1-D {0 | 1, 1, 2 | 3, 3}, labels {0, 1, 1, 1, 2, 2}.
    //   x=0 (cluster 0, singleton):                   s = 0 by definition
    //   x=1 (twice): a = (0 + 1) / 2 = 0.5, b = min(1, (2 + 2) / 2 = 2) = 1, s = 0.5 / 1 = 0.5
    //   x=2:         a = (1 + 1) / 2 = 1,   b = min(2, (1 + 1) / 2 = 1) = 1, s = 0
    //   x=3 (twice): a = 0 (duplicate),     b = min(3, (2 + 2 + 1) / 3 = 5/3) = 5/3, s = 1
    //   mean = (0 + 0.5 + 0.5 + 0 + 1 + 1) / 6 = 0.5
    double[] x = {0, 1, 1, 2, 3, 3};
    int[] labels = {0, 1, 1, 1, 2, 2};
    assertArrayEquals(new double[] {0, 0.5, 0.5, 0, 1, 1},
        ClusterMetrics.silhouetteSamples(x, 6, 1, labels, 3), 1e-15, "s(i) with a singleton");
    assertEquals(0.5, ClusterMetrics.silhouette(x, 6, 1, labels, 3), 1e-15,
        "silhouette with a singleton");
  }

  @Test
  void silhouetteOfIdenticalPointsIsZero() {
    // a = b = 0 for every point: 0/0, which scikit-learn maps to 0 (np.nan_to_num).
    double[] x = {2, 2, 2, 2, 2, 2};
    int[] labels = {0, 0, 1, 1, 2, 2};
    assertArrayEquals(new double[6], ClusterMetrics.silhouetteSamples(x, 6, 1, labels, 3), 0.0,
        "s(i) of identical points");
    assertEquals(0.0, ClusterMetrics.silhouette(x, 6, 1, labels, 3), 0.0,
        "silhouette of identical points");
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void singletonClustersHaveZeroSilhouette(long seed) {
    Gen g = new Gen(seed);
    int n = g.intBetween(4, 30);
    int d = g.intBetween(1, 3);
    int k = g.intBetween(3, 6);
    double[] x = g.matrix(n, d);
    // row 0 alone in cluster 0, row 1 alone in cluster 1 or with the others, rows 2 and 3 in cluster
    // 2 (so k' <= n' - 1), the rest in [2, k); then shuffled
    int[] labels = new int[n];
    labels[0] = 0;
    labels[1] = g.chance(0.5) ? 1 : 2;
    for (int i = 2; i < n; i++) {
      labels[i] = i < 4 ? 2 : g.intBetween(2, k - 1);
    }
    int[] order = g.permutation(n);
    double[] xs = new double[n * d];
    int[] ls = new int[n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(x, order[i] * d, xs, i * d, d);
      ls[i] = labels[order[i]];
    }
    int[] sz = sizes(ls, k);
    double[] s = ClusterMetrics.silhouetteSamples(xs, n, d, ls, k);
    int singletons = 0;
    for (int i = 0; i < n; i++) {
      if (sz[ls[i]] == 1) {
        singletons++;
        assertEquals(0.0, s[i], 0.0, msg("s(" + i + ") of a singleton cluster", seed));
      }
    }
    assertTrue(singletons >= 1, msg("case has a singleton cluster", seed));
  }

  /** Blob j is centred at (1000 j, ..., 1000 j) with uniform noise in [-0.5, 0.5) per coordinate. */
  private static double[] blobs(Gen g, int[] labels, int d) {
    double[] x = new double[labels.length * d];
    for (int i = 0; i < labels.length; i++) {
      for (int t = 0; t < d; t++) {
        x[i * d + t] = 1000.0 * labels[i] + g.rng().nextDouble() - 0.5;
      }
    }
    return x;
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void wellSeparatedBlobsScoreNearTheBest(long seed) {
    Gen g = new Gen(seed);
    int k = g.intBetween(2, 5);
    int perCluster = g.intBetween(2, 12);
    int d = g.intBetween(1, 4);
    int n = k * perCluster;
    int[] labels = new int[n];
    int[] order = g.permutation(n);
    for (int i = 0; i < n; i++) {
      labels[order[i]] = i % k;
    }
    double[] x = blobs(g, labels, d);
    // a(i) <= sqrt(d) <= 2 and b(i) >= 1000 - 2, so s(i) >= 0.996
    double s = ClusterMetrics.silhouette(x, n, d, labels, k);
    assertTrue(s > 0.99 && s <= 1.0, msg("silhouette of well-separated blobs near 1, was " + s, seed));
    double db = ClusterMetrics.daviesBouldin(x, n, d, labels, k);
    assertTrue(db >= 0 && db < 0.01, msg("Davies-Bouldin of well-separated blobs near 0, was " + db,
        seed));
    double ch = ClusterMetrics.calinskiHarabasz(x, n, d, labels, k);
    assertTrue(ch > 1e4, msg("Calinski-Harabasz of well-separated blobs large, was " + ch, seed));
  }

  @ParameterizedTest
  @MethodSource("largeSeeds")
  void silhouetteIsBitIdenticalForAnyThreadCount(long seed) {
    Gen g = new Gen(seed);
    int n = g.intBetween(2 * ClusterMetrics.ROW_BLOCK + 1, 700); // several blocks, ragged last one
    int d = g.intBetween(1, 3);
    int k = g.intBetween(2, 8);
    double[] x = g.matrix(n, d);
    int[] labels = g.clusterLabels(n, k, g.pick(0.0, 0.1));
    if (!defined(labels, k)) {
      return;
    }
    double sequential = ClusterMetrics.silhouette(x, n, d, labels, k);
    assertEquals(naiveSilhouette(x, n, d, labels, k), sequential, 1e-12,
        msg("multi-block silhouette vs naive", seed));
    for (int threads : new int[] {1, 2, 8}) {
      assertBitEqual(sequential, ClusterMetrics.silhouette(x, n, d, labels, k, threads),
          msg("silhouette with " + threads + " threads", seed));
    }
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      assertBitEqual(sequential, ClusterMetrics.silhouette(x, n, d, labels, k, pool),
          msg("silhouette on a 3-thread executor", seed));
      int sampleSize = g.intBetween(2, n);
      if (defined(sampleLabels(labels, sampleSize, seed), k)) {
        assertBitEqual(ClusterMetrics.silhouetteSampled(x, n, d, labels, k, sampleSize, seed),
            ClusterMetrics.silhouetteSampled(x, n, d, labels, k, sampleSize, seed, pool),
            msg("sampled silhouette on an executor", seed));
      }
    } finally {
      pool.shutdownNow();
    }
    assertBitEqual(sequential, ClusterMetrics.silhouette(x, n, d, labels, k, Runnable::run),
        msg("silhouette on a direct executor", seed));
  }

  private static int[] sampleLabels(int[] labels, int sampleSize, long seed) {
    int[] rows = ClusterMetrics.silhouetteSampleRows(labels, sampleSize, seed);
    int[] out = new int[rows.length];
    for (int r = 0; r < rows.length; r++) {
      out[r] = labels[rows[r]];
    }
    return out;
  }

  @Test
  void executorFailuresPropagate() {
    double[] x = {0, 1, 10, 11};
    int[] labels = {0, 0, 1, 1};
    assertThrows(RejectedExecutionException.class,
        () -> ClusterMetrics.silhouette(x, 4, 1, labels, 2, r -> {
          throw new RejectedExecutionException("full");
        }), "rejected task propagates");
    assertThrows(IllegalArgumentException.class,
        () -> ClusterMetrics.silhouette(x, 4, 1, labels, 2, 0), "parallelism 0 rejected");
  }

  // ------------------------------------------------------------------------ sampled silhouette

  @ParameterizedTest
  @MethodSource("seeds")
  void sampledSilhouetteWithFullSampleEqualsExact(long seed) {
    Case c = Case.random(new Gen(seed));
    if (!defined(c.labels, c.k)) {
      return;
    }
    double exact = ClusterMetrics.silhouette(c.x, c.n, c.d, c.labels, c.k);
    int included = c.n - (int) Arrays.stream(c.labels).filter(l -> l < 0).count();
    for (int sampleSize : new int[] {included, included + 7, Integer.MAX_VALUE}) {
      assertBitEqual(exact,
          ClusterMetrics.silhouetteSampled(c.x, c.n, c.d, c.labels, c.k, sampleSize, seed),
          msg("sampled silhouette with sampleSize " + sampleSize + " >= n' = " + included, seed));
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void sampledSilhouetteIsReproducibleAndExactOnItsSample(long seed) {
    Gen g = new Gen(seed);
    Case c = Case.random(g);
    int sampleSize = g.intBetween(1, Math.max(1, c.n));
    int[] rows = ClusterMetrics.silhouetteSampleRows(c.labels, sampleSize, seed);
    int included = c.n - (int) Arrays.stream(c.labels).filter(l -> l < 0).count();
    assertEquals(Math.min(sampleSize, included), rows.length, msg("sample size min(m, n')", seed));
    for (int r = 0; r < rows.length; r++) {
      assertTrue(c.labels[rows[r]] >= 0, msg("sampled row " + rows[r] + " is not excluded", seed));
      assertTrue(r == 0 || rows[r - 1] < rows[r], msg("sampled rows ascending and distinct", seed));
    }
    assertArrayEquals(rows, ClusterMetrics.silhouetteSampleRows(c.labels, sampleSize, seed),
        msg("same seed, same sample rows", seed));

    double[] xs = new double[rows.length * c.d];
    int[] ls = new int[rows.length];
    for (int r = 0; r < rows.length; r++) {
      System.arraycopy(c.x, rows[r] * c.d, xs, r * c.d, c.d);
      ls[r] = c.labels[rows[r]];
    }
    if (!defined(ls, c.k)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ClusterMetrics.silhouetteSampled(c.x, c.n, c.d, c.labels, c.k, sampleSize, seed),
          msg("sampled silhouette rejects a sample with k' outside [2, m-1]", seed));
      assertTrue(e.getMessage().contains("sampled silhouette"),
          msg("message names the sampled silhouette: " + e.getMessage(), seed));
      return;
    }
    double sampled = ClusterMetrics.silhouetteSampled(c.x, c.n, c.d, c.labels, c.k, sampleSize,
        seed);
    assertBitEqual(sampled,
        ClusterMetrics.silhouetteSampled(c.x, c.n, c.d, c.labels, c.k, sampleSize, seed),
        msg("same seed, same sampled silhouette", seed));
    assertBitEqual(ClusterMetrics.silhouette(xs, rows.length, c.d, ls, c.k), sampled,
        msg("sampled silhouette = exact silhouette of the sampled rows", seed));
    assertEquals(naiveSilhouette(xs, rows.length, c.d, ls, c.k), sampled, 1e-12,
        msg("sampled silhouette vs naive on the sample", seed));
  }

  @Test
  void differentSeedsDrawDifferentSamples() {
    int n = 1000;
    int[] labels = new Gen(7).clusterLabels(n, 4, 0.1);
    Set<String> samples = new HashSet<>();
    for (long seed = 0; seed < 5; seed++) {
      samples.add(Arrays.toString(ClusterMetrics.silhouetteSampleRows(labels, 50, seed)));
    }
    assertEquals(5, samples.size(), "five seeds give five different samples of 50 of 1000 rows");
    assertThrows(IllegalArgumentException.class,
        () -> ClusterMetrics.silhouetteSampleRows(labels, 0, 1L), "sampleSize 0 rejected");
  }

  @Test
  void sampledSilhouetteEstimatesTheExactOneOnLargeData() {
    Gen g = new Gen(11);
    int n = 2000;
    int[] labels = g.clusterLabels(n, 3, 0.0);
    double[] x = new double[n * 2];
    for (int i = 0; i < n; i++) {
      x[2 * i] = 3.0 * labels[i] + g.rng().nextDouble() * 2;
      x[2 * i + 1] = g.rng().nextDouble() * 2;
    }
    double exact = ClusterMetrics.silhouette(x, n, 2, labels, 3, 2);
    double estimate = ClusterMetrics.silhouetteSampled(x, n, 2, labels, 3, 500, 42L);
    assertNotEquals(exact, estimate, "a 500-row sample is not the full data");
    assertEquals(exact, estimate, 0.05, "sampled silhouette close to the exact one");
  }

  // -------------------------------------------------------------------- Calinski–Harabasz

  @ParameterizedTest
  @MethodSource("seeds")
  void calinskiHarabaszMatchesNaive(long seed) {
    Case c = Case.random(new Gen(seed));
    if (!defined(c.labels, c.k)) {
      assertThrows(IllegalArgumentException.class,
          () -> ClusterMetrics.calinskiHarabasz(c.x, c.n, c.d, c.labels, c.k),
          msg("Calinski-Harabasz rejects k' outside [2, n'-1]", seed));
      return;
    }
    double actual = ClusterMetrics.calinskiHarabasz(c.x, c.n, c.d, c.labels, c.k);
    assertClose(naiveCalinskiHarabasz(c.x, c.n, c.d, c.labels, c.k), actual, 1e-9,
        msg("Calinski-Harabasz vs naive", seed));
    assertTrue(actual >= 0, msg("Calinski-Harabasz >= 0", seed));
  }

  @Test
  void calinskiHarabaszByHand() {
    // 1-D {0, 1 | 10, 11}: n' = 4, k' = 2, c = 5.5, c_0 = 0.5, c_1 = 10.5
    //   B = 2 * (0.5 - 5.5)^2 + 2 * (10.5 - 5.5)^2 = 50 + 50 = 100
    //   W = 4 * 0.5^2 = 1
    //   CH = (B / (k' - 1)) / (W / (n' - k')) = (100 / 1) / (1 / 2) = 200
    assertEquals(200.0, ClusterMetrics.calinskiHarabasz(new double[] {0, 1, 10, 11}, 4, 1,
        new int[] {0, 0, 1, 1}, 2), 1e-12, "Calinski-Harabasz of {0,1 | 10,11}");

    // scikit-learn's test: 2-D squares of side 1 around (0.5,0.5), (3.5,3.5), (0.5,3.5), (3.5,0.5),
    // 10 points each; c = (2, 2). B = 4 * 10 * (1.5^2 + 1.5^2) = 180, W = 40 * 0.5 = 20,
    // CH = (180 / 3) / (20 / 36) = 108 = 45 * (40 - 4) / (5 * (4 - 1)).
    double[] squares = squaresExample();
    int[] squareLabels = squaresLabels();
    assertEquals(108.0, ClusterMetrics.calinskiHarabasz(squares, 40, 2, squareLabels, 4), 1e-9,
        "Calinski-Harabasz of four squares");

    // Old scikit-learn test: 50 x (0,0), 50 x (1,1) | 50 x (3,3), 50 x (4,4).
    // c_0 = (0.5,0.5), c_1 = (3.5,3.5), c = (2,2): B = 200 * 4.5 = 900, W = 200 * 0.5 = 100,
    // CH = 900 * (200 - 2) / (100 * 1) = 1782 = 4.5 * (200 - 2) / 0.5.
    double[] x = new double[400];
    int[] labels = new int[200];
    for (int i = 0; i < 200; i++) {
      double v = i / 50; // 0, 1, 3, 4 in blocks of 50
      v = v >= 2 ? v + 1 : v;
      x[2 * i] = v;
      x[2 * i + 1] = v;
      labels[i] = i < 100 ? 0 : 1;
    }
    assertEquals(1782.0, ClusterMetrics.calinskiHarabasz(x, 200, 2, labels, 2), 1e-9,
        "Calinski-Harabasz of two pairs of point masses");

    // W = 0 (all points equal their centroids): defined as 1.0 like scikit-learn.
    assertEquals(1.0, ClusterMetrics.calinskiHarabasz(new double[] {3, 4, 3, 4, 3, 4, 3, 4}, 4, 2,
        new int[] {1, 1, 2, 2}, 3), 0.0, "Calinski-Harabasz with W = 0 (identical points)");
    assertEquals(1.0, ClusterMetrics.calinskiHarabasz(new double[] {0, 0, 5}, 3, 1,
        new int[] {0, 0, 1}, 2), 0.0, "Calinski-Harabasz with W = 0 (point masses)");

    // B = 0 (both centroids at (8, 3)): CH = 0.
    assertEquals(0.0, ClusterMetrics.calinskiHarabasz(new double[] {13, 4, 3, 2, 8, 5, 8, 1}, 4, 2,
        new int[] {0, 0, 1, 1}, 2), 0.0, "Calinski-Harabasz with coincident centroids");
  }

  // ----------------------------------------------------------------------- Davies–Bouldin

  @ParameterizedTest
  @MethodSource("seeds")
  void daviesBouldinMatchesNaive(long seed) {
    Case c = Case.random(new Gen(seed));
    if (!defined(c.labels, c.k)) {
      assertThrows(IllegalArgumentException.class,
          () -> ClusterMetrics.daviesBouldin(c.x, c.n, c.d, c.labels, c.k),
          msg("Davies-Bouldin rejects k' outside [2, n'-1]", seed));
      return;
    }
    double actual = ClusterMetrics.daviesBouldin(c.x, c.n, c.d, c.labels, c.k);
    assertClose(naiveDaviesBouldin(c.x, c.n, c.d, c.labels, c.k), actual, 1e-9,
        msg("Davies-Bouldin vs naive", seed));
    assertTrue(actual >= 0, msg("Davies-Bouldin >= 0", seed));
  }

  private static double[] squaresExample() {
    double[][] corners = {{0, 0}, {1, 1}, {3, 3}, {4, 4}, {0, 4}, {1, 3}, {3, 1}, {4, 0}};
    double[] x = new double[80];
    for (int i = 0; i < 40; i++) {
      int group = i / 10; // points alternate between the two corners of their group
      double[] p = corners[2 * group + (i % 2)];
      x[2 * i] = p[0];
      x[2 * i + 1] = p[1];
    }
    return x;
  }

  private static int[] squaresLabels() {
    int[] labels = new int[40];
    Arrays.setAll(labels, i -> i / 10);
    return labels;
  }

  @Test
  void daviesBouldinByHand() {
    // 1-D {0, 1 | 10, 11}: s_0 = s_1 = 0.5, ||c_0 - c_1|| = 10, R_01 = (0.5 + 0.5) / 10 = 0.1,
    //   DB = (0.1 + 0.1) / 2 = 0.1
    assertEquals(0.1, ClusterMetrics.daviesBouldin(new double[] {0, 1, 10, 11}, 4, 1,
        new int[] {0, 0, 1, 1}, 2), 1e-15, "Davies-Bouldin of {0,1 | 10,11}");

    // Four squares (scikit-learn's test): every s_i = sqrt(0.5) (each point sqrt(0.5) from its
    //   centroid); nearest centroids are 3 apart, so every max R = 2 sqrt(0.5) / 3 = DB.
    assertEquals(2 * Math.sqrt(0.5) / 3,
        ClusterMetrics.daviesBouldin(squaresExample(), 40, 2, squaresLabels(), 4), 1e-12,
        "Davies-Bouldin of four squares");

    // scikit-learn's test: {(0,0), (2,2) | (3,3) | (5,5)}: c = (1,1), (3,3), (5,5);
    //   s = sqrt(2), 0, 0; ||c_0-c_1|| = 2 sqrt(2), ||c_0-c_2|| = 4 sqrt(2), ||c_1-c_2|| = 2 sqrt(2)
    //   R_01 = sqrt(2) / (2 sqrt(2)) = 1/2, R_02 = 1/4, R_12 = 0
    //   max: 1/2, 1/2, 1/4 -> DB = (5/4) / 3 = 5/12
    assertEquals(5.0 / 12, ClusterMetrics.daviesBouldin(new double[] {0, 0, 2, 2, 3, 3, 5, 5}, 4, 2,
        new int[] {0, 0, 1, 2}, 3), 1e-15, "Davies-Bouldin with singletons");

    // All clusters are points (every s_i = 0): 0 by scikit-learn's convention.
    assertEquals(0.0, ClusterMetrics.daviesBouldin(new double[] {1, 1, 1, 1, 1, 1}, 6, 1,
        new int[] {0, 0, 0, 1, 1, 1}, 2), 0.0, "Davies-Bouldin of identical points");
    // All centroids coincide ((-1,-1) and (1,1) in both clusters): 0 by scikit-learn's convention.
    assertEquals(0.0, ClusterMetrics.daviesBouldin(new double[] {-1, -1, 1, 1, -1, -1, 1, 1}, 4, 2,
        new int[] {0, 0, 1, 1}, 2), 0.0, "Davies-Bouldin with coincident centroids");
    // Two of three centroids coincide (clusters 0 and 1 at 0, cluster 2 at 10): R_01 counts as 0.
    //   s = 1, 2, 0.5; R_02 = 1.5 / 10, R_12 = 2.5 / 10 -> max 0.15, 0.25, 0.25 -> DB = 0.65 / 3
    assertEquals(0.65 / 3, ClusterMetrics.daviesBouldin(new double[] {-1, 1, -2, 2, 9.5, 10.5}, 6, 1,
        new int[] {0, 0, 1, 1, 2, 2}, 3), 1e-15, "Davies-Bouldin with two coincident centroids");
  }

  // ----------------------------------------------------------------------------------- inertia

  @ParameterizedTest
  @MethodSource("seeds")
  void inertiaMatchesNaive(long seed) {
    Gen g = new Gen(seed);
    Case c = Case.random(g);
    double[] centroids = g.matrix(c.k, c.d);
    // the oracle adds every squared coordinate difference to one total, so the order differs
    assertClose(naiveInertia(c.x, c.n, c.d, c.labels, centroids),
        ClusterMetrics.inertia(c.x, c.n, c.d, c.labels, centroids), 1e-12,
        msg("inertia vs naive", seed));
  }

  @Test
  void inertiaByHand() {
    // {0, 1 | 10, 11} with centroids 0.5 and 10.5: 4 * 0.25 = 1
    assertEquals(1.0, ClusterMetrics.inertia(new double[] {0, 1, 10, 11}, 4, 1,
        new int[] {0, 0, 1, 1}, new double[] {0.5, 10.5}), 0.0, "inertia of {0,1 | 10,11}");
    // Row 1 excluded (and NaN); unused centroid 2 may be NaN: (0 - 1)^2 + (10 - 11)^2 = 2
    assertEquals(2.0, ClusterMetrics.inertia(new double[] {0, Double.NaN, 10}, 3, 1,
        new int[] {0, -1, 1}, new double[] {1, 11, Double.NaN}), 0.0,
        "inertia with an excluded row and an unused centroid");
    assertEquals(0.0, ClusterMetrics.inertia(new double[0], 0, 3, new int[0], new double[3]), 0.0,
        "inertia of no rows");
  }

  // ------------------------------------------------------------------ invariants over all measures

  @ParameterizedTest
  @MethodSource("seeds")
  void excludedRowsAreIgnoredBitForBit(long seed) {
    Gen g = new Gen(seed);
    Case c = Case.random(g);
    int extra = g.intBetween(1, 10);
    int m = c.n + extra;
    double[] x = new double[m * c.d];
    int[] labels = new int[m];
    boolean[] isExtra = new boolean[m];
    for (int r : Arrays.copyOf(g.permutation(m), extra)) {
      isExtra[r] = true;
    }
    for (int i = 0, src = 0; i < m; i++) {
      if (isExtra[i]) {
        labels[i] = -1;
        Arrays.fill(x, i * c.d, i * c.d + c.d, g.pick(Double.NaN, -7.0, 1e300));
      } else {
        labels[i] = c.labels[src];
        System.arraycopy(c.x, src * c.d, x, i * c.d, c.d);
        src++;
      }
    }
    double[] centroids = g.matrix(c.k, c.d);
    assertBitEqual(ClusterMetrics.inertia(c.x, c.n, c.d, c.labels, centroids),
        ClusterMetrics.inertia(x, m, c.d, labels, centroids),
        msg("inertia ignores excluded rows", seed));
    if (!defined(c.labels, c.k)) {
      return;
    }
    assertBitEqual(ClusterMetrics.silhouette(c.x, c.n, c.d, c.labels, c.k),
        ClusterMetrics.silhouette(x, m, c.d, labels, c.k),
        msg("silhouette ignores excluded rows", seed));
    assertBitEqual(ClusterMetrics.calinskiHarabasz(c.x, c.n, c.d, c.labels, c.k),
        ClusterMetrics.calinskiHarabasz(x, m, c.d, labels, c.k),
        msg("Calinski-Harabasz ignores excluded rows", seed));
    assertBitEqual(ClusterMetrics.daviesBouldin(c.x, c.n, c.d, c.labels, c.k),
        ClusterMetrics.daviesBouldin(x, m, c.d, labels, c.k),
        msg("Davies-Bouldin ignores excluded rows", seed));
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void renamingClustersDoesNotChangeTheIndices(long seed) {
    Gen g = new Gen(seed);
    Case c = Case.random(g);
    if (!defined(c.labels, c.k)) {
      return;
    }
    // new k has 0..3 extra (empty) clusters; ids are permuted
    int k2 = c.k + g.intBetween(0, 3);
    int[] rename = g.permutation(k2);
    int[] labels2 = new int[c.n];
    for (int i = 0; i < c.n; i++) {
      labels2[i] = c.labels[i] < 0 ? -1 : rename[c.labels[i]];
    }
    assertBitEqual(ClusterMetrics.silhouette(c.x, c.n, c.d, c.labels, c.k),
        ClusterMetrics.silhouette(c.x, c.n, c.d, labels2, k2),
        msg("silhouette invariant under renaming clusters", seed));
    assertClose(ClusterMetrics.calinskiHarabasz(c.x, c.n, c.d, c.labels, c.k),
        ClusterMetrics.calinskiHarabasz(c.x, c.n, c.d, labels2, k2), 1e-12,
        msg("Calinski-Harabasz invariant under renaming clusters", seed));
    assertClose(ClusterMetrics.daviesBouldin(c.x, c.n, c.d, c.labels, c.k),
        ClusterMetrics.daviesBouldin(c.x, c.n, c.d, labels2, k2), 1e-12,
        msg("Davies-Bouldin invariant under renaming clusters", seed));
  }

  // -------------------------------------------------------------------------------- validation

  private interface Measure {
    double apply(double[] x, int n, int d, int[] labels, int k);
  }

  private static final Measure[] INDICES = {
    ClusterMetrics::silhouette,
    (x, n, d, l, k) -> ClusterMetrics.silhouetteSampled(x, n, d, l, k, 100, 1L),
    ClusterMetrics::calinskiHarabasz,
    ClusterMetrics::daviesBouldin
  };

  private static final String[] NAMES = {
    "silhouette", "sampled silhouette", "Calinski-Harabasz", "Davies-Bouldin"
  };

  @Test
  void undefinedClusterCountsAreRejected() {
    double[] x = {0, 1, 2, 3};
    int[][] labelings = {
      {0, 0, 0, 0}, // one cluster
      {0, 1, 2, 3}, // k' = n'
      {0, 1, -1, -1}, // k' = n' after exclusions
      {-1, -1, -1, -1}, // nothing left
      {2, 2, 2, -1}, // one non-empty cluster out of k = 3
    };
    for (int m = 0; m < INDICES.length; m++) {
      for (int[] labels : labelings) {
        Measure measure = INDICES[m];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> measure.apply(x, 4, 1, labels, 4),
            NAMES[m] + " rejects labels " + Arrays.toString(labels));
        assertTrue(e.getMessage().contains("2 <= k' <= n' - 1"),
            NAMES[m] + " message states the rule: " + e.getMessage());
      }
    }
    // Smallest defined case, k' = 2 = n' - 1 with k = 5 (three empty clusters), row 3 excluded:
    //   x=0: a = 1, b = 2, s = 1/2;  x=1: a = 1, b = 1, s = 0;  x=2: singleton, s = 0
    //   mean = (1/2 + 0 + 0) / 3 = 1/6
    assertEquals(1.0 / 6, ClusterMetrics.silhouette(x, 4, 1, new int[] {0, 0, 1, -1}, 5),
        1e-15, "silhouette of the smallest defined case");
  }

  @Test
  void badShapesAndValuesAreRejected() {
    double[] x = {0, 1, 10, 11};
    int[] labels = {0, 0, 1, 1};
    List<Executable> bad = List.of(
        () -> ClusterMetrics.silhouette(x, 3, 1, labels, 2), // x.length != n * d
        () -> ClusterMetrics.silhouette(x, 4, 2, labels, 2), // x.length != n * d
        () -> ClusterMetrics.silhouette(x, 4, 0, labels, 2), // d = 0
        () -> ClusterMetrics.silhouette(x, 4, 1, labels, 0), // k = 0
        () -> ClusterMetrics.silhouette(x, 4, 1, new int[] {0, 0, 1}, 2), // labels length
        () -> ClusterMetrics.silhouette(x, 4, 1, new int[] {0, 0, 1, 2}, 2), // label = k
        () -> ClusterMetrics.calinskiHarabasz(x, 4, 1, new int[] {0, 0, 1, -2}, 2), // label -2
        () -> ClusterMetrics.daviesBouldin(new double[] {0, Double.NaN, 10, 11}, 4, 1, labels, 2),
        () -> ClusterMetrics.calinskiHarabasz(new double[] {0, 1, 10, Double.POSITIVE_INFINITY}, 4,
            1, labels, 2),
        () -> ClusterMetrics.inertia(x, 4, 1, labels, new double[] {0.5}), // label 1 >= k = 1
        () -> ClusterMetrics.inertia(x, 2, 2, new int[] {0, 0}, new double[] {1, 2, 3}), // 3 % 2
        () -> ClusterMetrics.inertia(x, 4, 1, labels, new double[] {0.5, Double.NaN}), // used NaN
        () -> ClusterMetrics.silhouetteSampled(x, 4, 1, labels, 2, 0, 1L)); // sampleSize 0
    for (int i = 0; i < bad.size(); i++) {
      assertThrows(IllegalArgumentException.class, bad.get(i), "bad input case " + i + " rejected");
    }
    assertThrows(NullPointerException.class, () -> ClusterMetrics.silhouette(null, 0, 1,
        new int[0], 2), "null x");
    assertThrows(NullPointerException.class, () -> ClusterMetrics.inertia(x, 4, 1, null,
        new double[2]), "null labels");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ClusterMetrics.silhouette(new double[] {0, Double.NaN, 10, 11}, 4, 1, labels, 2));
    assertTrue(e.getMessage().contains("x[row 1, column 0] is NaN"),
        "message names the non-finite feature: " + e.getMessage());
  }

  @Test
  void overflowIsReportedNotReturned() {
    // squared differences of about 1e600 overflow the double range
    double[] x = {-1e300, -0.9e300, 0.9e300, 1e300};
    int[] labels = {0, 0, 1, 1};
    for (int m = 0; m < INDICES.length; m++) {
      Measure measure = INDICES[m];
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> measure.apply(x, 4, 1, labels, 2), NAMES[m] + " reports overflow");
      assertTrue(e.getMessage().contains("overflowed"),
          NAMES[m] + " overflow message: " + e.getMessage());
    }
    assertThrows(IllegalArgumentException.class,
        () -> ClusterMetrics.inertia(x, 4, 1, labels, new double[] {-0.95e300, 0.95e300}),
        "inertia reports overflow");
    // point masses far apart: W = 0 gives 1.0 (CH) and all s_i = 0 gives 0.0 (DB) as in
    // scikit-learn, before any overflowing quantity is needed
    double[] masses = {-1e300, -1e300, 1e300, 1e300};
    assertEquals(1.0, ClusterMetrics.calinskiHarabasz(masses, 4, 1, labels, 2), 0.0,
        "Calinski-Harabasz of far point masses");
    assertEquals(0.0, ClusterMetrics.daviesBouldin(masses, 4, 1, labels, 2), 0.0,
        "Davies-Bouldin of far point masses");
  }
}
