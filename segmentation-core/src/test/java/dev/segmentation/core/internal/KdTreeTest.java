package dev.segmentation.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.testing.Gen;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KdTreeTest {

  static LongStream seeds() {
    return Gen.seeds(150);
  }

  /** Random points with many exact duplicates and ties on a coarse grid, sometimes d = 1. */
  private static double[] points(Gen g, int n, int d) {
    double[] x = new double[n * d];
    int style = g.intBetween(0, 3);
    for (int i = 0; i < n; i++) {
      if (i > 0 && g.chance(0.2)) {
        int other = g.intBetween(0, i - 1);
        System.arraycopy(x, other * d, x, i * d, d);
        continue;
      }
      for (int j = 0; j < d; j++) {
        x[i * d + j] = switch (style) {
          case 0 -> g.intBetween(-3, 3);                        // coarse grid: many ties
          case 1 -> (g.rng().nextDouble() - g.rng().nextDouble());
          case 2 -> g.chance(0.5) ? 0.0 : g.rng().nextDouble() * 1e6;
          default -> g.intBetween(0, 1) * 0.5;                  // two values only
        };
      }
    }
    return x;
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void nearestEqualsBruteForce(long seed) {
    Gen g = new Gen(seed);
    int d = g.chance(0.3) ? 1 : g.intBetween(1, 6);
    int n = g.pick(0, 1, 2, 3, g.intBetween(4, 40), g.intBetween(40, 400));
    double[] x = points(g, n, d);
    int[] rows = g.subset(n);
    KdTree tree = KdTree.build(x, d, rows);
    double[] queries = points(g, 30, d);
    double[] a = new double[2];
    double[] b = new double[2];
    for (int q = 0; q < 30; q++) {
      tree.nearest(queries, q * d, -1, a);
      KdTree.bruteForceNearest(x, d, rows, queries, q * d, -1, b);
      assertEquals(b[0], a[0], "seed " + seed + " query " + q + ": nearest row");
      assertEquals(b[1], a[1], "seed " + seed + " query " + q + ": squared distance (exact)");
    }
    // leave-one-out queries from the indexed points themselves (exact duplicates give distance 0)
    for (int r : rows) {
      int exclude = g.chance(0.8) ? r : -1;
      tree.nearest(x, r * d, exclude, a);
      KdTree.bruteForceNearest(x, d, rows, x, r * d, exclude, b);
      assertEquals(b[0], a[0], "seed " + seed + " point " + r + ": leave-one-out nearest row");
      assertEquals(b[1], a[1], "seed " + seed + " point " + r + ": leave-one-out distance");
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void kNearestEqualsSortedBruteForce(long seed) {
    Gen g = new Gen(seed);
    int d = g.intBetween(1, 4);
    int n = g.pick(0, 1, 5, g.intBetween(10, 200));
    double[] x = points(g, n, d);
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      rows[i] = i;
    }
    KdTree tree = KdTree.build(x, d, rows);
    int k = g.intBetween(1, 12);
    int[] got = new int[k];
    double[] dist = new double[k];
    for (int q = 0; q < n; q++) {
      int found = tree.nearest(x, q * d, k, q, got, dist);
      List<double[]> all = new ArrayList<>();
      for (int r = 0; r < n; r++) {
        if (r != q) {
          all.add(new double[] {KdTree.squaredDistance(x, r * d, x, q * d, d), r});
        }
      }
      all.sort(Comparator.<double[]>comparingDouble(v -> v[0]).thenComparingDouble(v -> v[1]));
      assertEquals(Math.min(k, n - 1), found, "seed " + seed + ": neighbours found");
      for (int t = 0; t < found; t++) {
        assertEquals(all.get(t)[1], got[t], "seed " + seed + " point " + q + " rank " + t + ": row");
        assertEquals(all.get(t)[0], dist[t], "seed " + seed + " point " + q + " rank " + t);
      }
      for (int t = found; t < k; t++) {
        assertEquals(-1, got[t], "seed " + seed + ": unused slot");
      }
    }
  }

  @Test
  void allDuplicatesPickLowestRow() {
    int n = 100;
    double[] x = new double[n * 2];
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = 1.5;
      x[2 * i + 1] = -2;
      rows[i] = n - 1 - i;
    }
    KdTree tree = KdTree.build(x, 2, rows);
    double[] res = new double[2];
    tree.nearest(new double[] {0, 0}, 0, -1, res);
    assertEquals(0, (int) res[0], "lowest row among equidistant points");
    tree.nearest(x, 0, 0, res);
    assertEquals(1, (int) res[0], "lowest row other than the excluded one");
    assertEquals(0.0, res[1], "duplicate at distance 0");
    assertTrue(tree.size() == n, "size");
  }
}
