package dev.segmentation.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.criteria.QuantileMethod;
import dev.segmentation.core.model.AbcModel;
import dev.segmentation.core.model.AbcRule;
import dev.segmentation.core.model.QuantileModel;
import dev.segmentation.core.table.NumericColumn;
import dev.segmentation.testing.Gen;
import java.util.Arrays;
import java.util.stream.LongStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Distributed quantile and ABC fits: exact equals the single-machine fit, approximate keeps its bound. */
class SparkFitTest {

  static LongStream seeds() {
    return Gen.seeds(6);
  }

  /** Fewer seeds for ABC: the exact fit streams the groups through the driver (a job per partition). */
  static LongStream abcSeeds() {
    return Gen.seeds(4);
  }

  /** One column "v": tied, awkward or spend-like values with missing values, signed zeros. */
  private static AccountTable table(Gen g) {
    int n = g.intBetween(1, 400);
    double[] v = switch (g.intBetween(0, 2)) {
      case 0 -> g.tiedValues(n, 0.1);
      case 1 -> g.statColumn(n);
      default -> {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
          x[i] = g.chance(0.05) ? Double.NaN : g.pick(0.0, -0.0, 1.0, g.spend(), -g.spend());
        }
        yield x;
      }
    };
    if (Arrays.stream(v).allMatch(Double::isNaN)) {
      v[0] = 1.0;
    }
    return AccountTable.of(g.ids(n), NumericColumn.of("v", v));
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void exactQuantilesEqualTheSingleMachineFit(long seed) {
    Gen g = new Gen(seed);
    AccountTable t = table(g);
    Dataset<Row> ds = SparkTestSession.dataset(t, g.intBetween(1, 4));
    QuantileMethod method = g.pick(QuantileMethod.values());
    boolean deciles = g.chance(0.5);
    QuantileModel.Builder local = QuantileModel.builder().column("v").method(method);
    SparkQuantileFit.Builder spark = SparkQuantileFit.builder().column("v").method(method);
    if (deciles) {
      local.deciles();
      spark.deciles();
    } else {
      local.probabilities(0.1, 0.5, 0.8, 0.95);
      spark.probabilities(0.1, 0.5, 0.8, 0.95);
    }
    QuantileModel expected = local.fit(t);
    QuantileModel actual = spark.build().fit(ds);
    assertArrayEquals(expected.quantiles(), actual.quantiles(),
        "seed " + seed + " " + method + ": quantiles (bit for bit)");
    assertEquals(expected, actual, "seed " + seed + " " + method + ": whole model incl. warnings");
  }

  @ParameterizedTest
  @MethodSource("abcSeeds")
  void exactAbcEqualsTheSingleMachineFit(long seed) {
    Gen g = new Gen(seed);
    AccountTable t = table(g);
    Dataset<Row> ds = SparkTestSession.dataset(t, g.intBetween(1, 4));
    AbcRule rule = g.pick(AbcRule.values());
    double[] th = g.chance(0.5) ? new double[] {0.8, 0.95} : new double[] {0.5, 0.7, 0.9, 1.0};
    AbcModel expected = AbcModel.builder().value("v").thresholds(th).rule(rule).fit(t);
    AbcModel actual = SparkAbcFit.builder().value("v").thresholds(th).rule(rule).build().fit(ds);
    assertEquals(expected, actual, "seed " + seed + " " + rule + ": whole model incl. warnings");
  }

  @Test
  void approximateQuantilesKeepTheirRankBound() {
    Gen g = new Gen(42);
    int n = 5000;
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = g.spend() + g.rng().nextDouble();
    }
    AccountTable t = AccountTable.of(g.ids(n), NumericColumn.of("v", v));
    double e = 0.01;
    QuantileModel m = SparkQuantileFit.builder().column("v").deciles()
        .precision(Precision.approximate(e)).build().fit(SparkTestSession.dataset(t, 3));
    double[] sorted = v.clone();
    Arrays.sort(sorted);
    double[] q = m.quantiles();
    for (int j = 0; j < q.length; j++) {
      int rank = Arrays.binarySearch(sorted, q[j]) + 1; // values are distinct
      double p = (j + 1) / 10.0;
      assertTrue(rank >= 1 && Math.abs(rank - p * n) <= e * n + 1,
          "decile " + (j + 1) + ": rank " + rank + " within " + e + " * n of " + p * n);
    }
    assertTrue(m.warnings().stream().anyMatch(w -> w.contains("relative error 0.01")),
        "the model states its error bound: " + m.warnings());
  }

  @Test
  void approximateAbcDiffersFromExactOnlyNearThresholds() {
    Gen g = new Gen(43);
    int n = 4000;
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = g.chance(0.05) ? 0.0 : g.spend() + g.rng().nextDouble();
    }
    AccountTable t = AccountTable.of(g.ids(n), NumericColumn.of("v", v));
    double e = 0.005;
    AbcModel exact = AbcModel.builder().value("v").fit(t);
    AbcModel approx = SparkAbcFit.builder().value("v").precision(Precision.approximate(e)).build()
        .fit(SparkTestSession.dataset(t, 4));
    int[] a = exact.assign(t).segmentIndices();
    int[] b = approx.assign(t).segmentIndices();
    long positive = Arrays.stream(v).filter(x -> x > 0).count();
    int moved = 0;
    for (int i = 0; i < n; i++) {
      moved += a[i] != b[i] ? 1 : 0;
      assertTrue(Math.abs(a[i] - b[i]) <= 1, "account " + i + " moves at most one class");
    }
    assertTrue(moved <= 2 * 3 * e * positive + 2,
        moved + " accounts in another class; bound 3e per threshold of " + positive);
    assertTrue(approx.warnings().stream().anyMatch(w -> w.contains("approximate fit")),
        approx.warnings().toString());
  }

  @Test
  void dataErrorsNameTheColumnAndAccount() {
    AccountTable t = AccountTable.of(new String[] {"a", "b", "c"},
        NumericColumn.of("v", new double[] {1, Double.POSITIVE_INFINITY, Double.NaN}));
    Dataset<Row> ds = SparkTestSession.dataset(t, 1);
    DataValidationException inf = assertThrows(DataValidationException.class,
        () -> SparkQuantileFit.builder().column("v").deciles().build().fit(ds));
    assertEquals("Cannot fit a quantile model on column 'v': 1 value(s) are infinite, for example "
        + "account \"b\" with value Infinity; expected finite numbers.", inf.getMessage());
    assertEquals("b", inf.accountId().orElseThrow(), "account id carried");
    DataValidationException missing = assertThrows(DataValidationException.class,
        () -> SparkAbcFit.builder().value("v").build().fit(ds.where("id = 'c'")));
    assertEquals("Cannot fit an ABC model on column 'v': all 1 values are missing.",
        missing.getMessage());
    DataValidationException unknown = assertThrows(DataValidationException.class,
        () -> SparkAbcFit.builder().value("w").build().fit(ds));
    assertEquals("ABC model reads column 'w', which the dataset does not have; columns are: id, v.",
        unknown.getMessage());
    assertThrows(IllegalStateException.class, () -> SparkQuantileFit.builder().column("v").build(),
        "bins are required");
    assertThrows(IllegalArgumentException.class, () -> Precision.approximate(0.0));
    assertEquals("Precision[approximate, relativeError=0.001]",
        Precision.approximate(0.001).toString());
  }
}
