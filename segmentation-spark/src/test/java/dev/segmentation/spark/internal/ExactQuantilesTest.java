package dev.segmentation.spark.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.spark.SparkTestAccess;
import dev.segmentation.testing.Gen;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The multi-round rank selection over sorted partitions equals a sort on one machine. */
class ExactQuantilesTest {

  static LongStream seeds() {
    return Gen.seeds(8);
  }

  private static Dataset<Row> dataset(double[] v, int partitions) {
    SparkSession spark = SparkTestAccess.session();
    List<Row> rows = new ArrayList<>(v.length);
    for (double x : v) {
      rows.add(RowFactory.create(x));
    }
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    return spark.createDataFrame(sc.parallelize(rows, partitions),
        new StructType().add("v", DataTypes.DoubleType, false));
  }

  /** Values with heavy ties, signed zeros, tiny and huge magnitudes, and empty partitions. */
  private static double[] values(Gen g, int n) {
    double[] v = new double[n];
    int mode = g.intBetween(0, 3);
    for (int i = 0; i < n; i++) {
      v[i] = switch (mode) {
        case 0 -> g.pick(0.0, -0.0, 1.0, 2.0, -1.0);
        case 1 -> g.chance(0.3) ? g.pick(0.0, -0.0) : g.spend();
        case 2 -> g.chance(0.5) ? 5.0 : g.rng().nextDouble() * 1e300 - 5e299;
        default -> g.rng().nextDouble() * 1e-300 * (g.chance(0.5) ? 1 : -1);
      };
    }
    return v;
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void orderStatisticsEqualASortOnOneMachine(long seed) {
    Gen g = new Gen(seed);
    int n = g.intBetween(1, 3000);
    double[] v = values(g, n);
    int partitions = g.intBetween(1, 6);
    double[] sorted = v.clone();
    Arrays.sort(sorted);
    long[] ranks = LongStream.concat(LongStream.of(0, n - 1, n / 2),
        LongStream.range(0, 12).map(i -> g.intBetween(0, n - 1))).toArray();
    int[] budgets = {8, 40, 1 << 20};                 // tiny budgets force many rounds
    int budget = budgets[(int) Math.floorMod(seed, 3L)];
    try (ExactQuantiles q = ExactQuantiles.sort(dataset(v, partitions), budget)) {
      double[] got = q.orderStatistics(ranks);
      for (int i = 0; i < ranks.length; i++) {
        assertEquals(Double.doubleToRawLongBits(sorted[(int) ranks[i]]),
            Double.doubleToRawLongBits(got[i]), "seed " + seed + ", n=" + n + ", partitions="
                + partitions + ", budget=" + budget + ": rank " + ranks[i] + " (bit for bit)");
      }
      int minRounds = budget == 8 && n > 100 ? 2 : 1;
      assertTrue(q.rounds() >= minRounds, "seed " + seed + ": rounds " + q.rounds());
      double[] edges = {sorted[n / 4], sorted[n / 4], sorted[(3 * n) / 4]};
      long[] expected = new long[edges.length + 1];
      for (double x : v) {
        int bin = 0;
        while (bin < edges.length && edges[bin] < x) {
          bin++;
        }
        expected[bin]++;
      }
      assertArrayEquals(expected, q.binCounts(edges), "seed " + seed + ": bin counts");
    }
  }
}
