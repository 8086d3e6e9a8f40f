package dev.segmentation.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.core.criteria.QuantileMethod;
import dev.segmentation.testing.Gen;
import java.util.Arrays;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The nine Hyndman-Fan sample quantiles.
 *
 * <p>Expected values were derived by hand from the definitions in Hyndman and Fan (1996): for sorted
 * {@code x[1..n]}, types 4-9 use {@code h = n p + m} with {@code m} = 0, 1/2, p, 1 - p, (p + 1)/3,
 * p/4 + 3/8 and {@code Q = x[j] + (h - j)(x[j+1] - x[j])}, {@code j = floor(h)}, clamped to
 * {@code [x[1], x[n]]}; type 1 is {@code x[ceil(n p)]}, type 2 averages at integer {@code n p}, type 3
 * rounds {@code n p - 1/2} to the nearest even order statistic. For {@code x = 1:10},
 * {@code x[k] = k}, so types 4-9 give {@code Q = h} directly. They agree with R:
 *
 * <pre>
 * &gt; for (t in 1:9) print(quantile(1:10, c(0.1, 0.25, 0.5, 0.9), type = t, names = FALSE))
 * [1] 1 3 5 9
 * [1] 1.5 3.0 5.5 9.5
 * [1] 1 2 5 9
 * [1] 1.0 2.5 5.0 9.0
 * [1] 1.5 3.0 5.5 9.5
 * [1] 1.10 2.75 5.50 9.90
 * [1] 1.90 3.25 5.50 9.10
 * [1] 1.366667 2.916667 5.500000 9.633333
 * [1] 1.4000 2.9375 5.5000 9.6000
 * </pre>
 */
class QuantileMethodTest {

  private static final double[] P = {0, 0.1, 0.25, 0.5, 0.9, 1};
  private static final double[] ONE_TO_TEN = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  /** Unsorted on purpose; sorted it is 1, 2.5, 3, 7 (n = 4). */
  private static final double[] FOUR = {2.5, 1, 7, 3};

  static LongStream seeds() {
    return Gen.seeds(300);
  }

  /** Expected quantiles of 1:10 at P, by type (row t-1). */
  private static final double[][] EXPECTED_ONE_TO_TEN = {
    {1, 1, 3, 5, 9, 10},
    {1, 1.5, 3, 5.5, 9.5, 10},
    {1, 1, 2, 5, 9, 10},
    {1, 1, 2.5, 5, 9, 10},
    {1, 1.5, 3, 5.5, 9.5, 10},
    {1, 1.1, 2.75, 5.5, 9.9, 10},
    {1, 1.9, 3.25, 5.5, 9.1, 10},
    {1, 1 + 11.0 / 30, 2 + 11.0 / 12, 5.5, 9 + 19.0 / 30, 10}, // h = (31/3) p + 1/3
    {1, 1.4, 2.9375, 5.5, 9.6, 10}, // h = (41/4) p + 3/8
  };

  /**
   * Expected quantiles of {2.5, 1, 7, 3} at P, by type. Sorted x = 1, 2.5, 3, 7; n = 4.
   *
   * <pre>
   * p = 0.1:  n p = 0.4; types 1-6, 8, 9 have h &lt;= 1 (or j = 0) -> x[1] = 1;
   *           type 7: h = 3(0.1) + 1 = 1.3 -> 1 + 0.3 * 1.5 = 1.45
   * p = 0.25: n p = 1 (integer): type 1 -> x[1] = 1; type 2 -> (1 + 2.5)/2 = 1.75;
   *           type 3: n p - 1/2 = 0.5 -> j = 0, g > 0 -> x[1] = 1; type 4: h = 1 -> 1;
   *           type 5: h = 1.5 -> 1.75; type 6: h = 1.25 -> 1.375; type 7: h = 1.75 -> 2.125;
   *           type 8: h = (13/3)/4 + 1/3 = 17/12 -> 1 + (5/12) 1.5 = 1.625;
   *           type 9: h = 4.25/4 + 3/8 = 1.4375 -> 1 + 0.4375 * 1.5 = 1.65625
   * p = 0.5:  n p = 2: types 1, 3, 4 -> x[2] = 2.5; types 2, 5-9 -> h = 2.5 -> 2.75
   * p = 0.9:  n p = 3.6: types 1-3 -> x[4] = 7; type 4: h = 3.6 -> 3 + 0.6 * 4 = 5.4;
   *           type 7: h = 3.7 -> 5.8; types 5, 6, 8, 9: h &gt;= 4 -> 7
   * R: quantile(c(2.5, 1, 7, 3), c(0, .1, .25, .5, .9, 1), type = t)
   * </pre>
   */
  private static final double[][] EXPECTED_FOUR = {
    {1, 1, 1, 2.5, 7, 7},
    {1, 1, 1.75, 2.75, 7, 7},
    {1, 1, 1, 2.5, 7, 7},
    {1, 1, 1, 2.5, 5.4, 7},
    {1, 1, 1.75, 2.75, 7, 7},
    {1, 1, 1.375, 2.75, 7, 7},
    {1, 1.45, 2.125, 2.75, 5.8, 7},
    {1, 1, 1.625, 2.75, 7, 7},
    {1, 1, 1.65625, 2.75, 7, 7},
  };

  @ParameterizedTest
  @EnumSource(QuantileMethod.class)
  void handCheckedValuesOfOneToTen(QuantileMethod method) {
    double[] expected = EXPECTED_ONE_TO_TEN[method.ordinal()];
    double[] actual = method.quantiles(ONE_TO_TEN, P);
    for (int i = 0; i < P.length; i++) {
      assertEquals(expected[i], actual[i], 1e-12,
          method + " quantile of 1:10 at p = " + P[i]);
      assertEquals(actual[i], method.quantile(ONE_TO_TEN, P[i]), method + " single quantile at " + P[i]);
    }
  }

  @ParameterizedTest
  @EnumSource(QuantileMethod.class)
  void handCheckedValuesOfFourUnsortedValues(QuantileMethod method) {
    double[] copy = FOUR.clone();
    double[] expected = EXPECTED_FOUR[method.ordinal()];
    double[] actual = method.quantiles(copy, P);
    for (int i = 0; i < P.length; i++) {
      assertEquals(expected[i], actual[i], 1e-12,
          method + " quantile of {2.5, 1, 7, 3} at p = " + P[i]);
    }
    assertArrayEquals(FOUR, copy, method + " does not modify its input");
  }

  @ParameterizedTest
  @EnumSource(QuantileMethod.class)
  void singleValueAndErrors(QuantileMethod method) {
    for (double p : P) {
      assertEquals(-3.5, method.quantile(new double[] {-3.5}, p), method + " of one value at " + p);
    }
    assertThrows(IllegalArgumentException.class, () -> method.quantile(new double[0], 0.5),
        method + " of no values");
    for (double p : new double[] {-0.01, 1.01, Double.NaN}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> method.quantiles(ONE_TO_TEN, 0.5, p), method + " at p = " + p);
      assertTrue(e.getMessage().contains("[0, 1]"), "message: " + e.getMessage());
    }
  }

  @Test
  void defaultIsType7() {
    // R: quantile(c(0, 10), 0.3) -> 3 (type 7: h = 1.3)
    assertEquals(3.0, QuantileMethod.TYPE_7.quantile(new double[] {10, 0}, 0.3), 1e-12, "type 7");
  }

  // ---------------------------------------------------------------- properties

  private static double[] sample(Gen gen) {
    int n = gen.intBetween(1, 40);
    double[] x = gen.statColumn(n);
    if (gen.chance(0.3)) {
      // a spend-like sample with heavy ties
      for (int i = 0; i < n; i++) {
        x[i] = gen.chance(0.4) ? 0.0 : gen.spend();
      }
    }
    return x;
  }

  private static double[] probabilities(Gen gen) {
    int k = gen.intBetween(2, 30);
    double[] p = new double[k + 2];
    for (int i = 0; i < k; i++) {
      p[i] = gen.chance(0.2) ? gen.intBetween(0, 20) / 20.0 : gen.rng().nextDouble();
    }
    p[k] = 0;
    p[k + 1] = 1;
    Arrays.sort(p);
    return p;
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void monotoneInP(long seed) {
    Gen gen = new Gen(seed);
    double[] x = sample(gen);
    double[] p = probabilities(gen);
    double[] sorted = x.clone();
    Arrays.sort(sorted);
    double min = sorted[0];
    double max = sorted[sorted.length - 1];
    double[] original = x.clone();
    for (QuantileMethod m : QuantileMethod.values()) {
      double[] q = m.quantiles(x, p);
      assertArrayEquals(original, x, m + " does not modify its input, seed " + seed);
      for (int i = 1; i < p.length; i++) {
        assertTrue(q[i] >= q[i - 1], m + " monotone: Q(" + p[i - 1] + ") = " + q[i - 1] + " > Q(" + p[i]
            + ") = " + q[i] + ", n = " + x.length + ", seed " + seed);
      }
      for (int i = 0; i < p.length; i++) {
        assertTrue(q[i] >= min && q[i] <= max, m + " quantile within [min, max], seed " + seed);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void endpointsAreMinAndMaxForAllNineTypes(long seed) {
    // Every type clamps h to [1, n] (R pads x with x[1] and x[n]), so p = 0 gives the minimum and
    // p = 1 the maximum for all nine, including types 8 and 9 (h = 1/3 and 3/8 at p = 0).
    Gen gen = new Gen(seed);
    double[] x = sample(gen);
    double min = Arrays.stream(x).min().orElseThrow();
    double max = Arrays.stream(x).max().orElseThrow();
    for (QuantileMethod m : QuantileMethod.values()) {
      assertEquals(min, m.quantile(x, 0.0), m + " at p = 0 is the minimum, seed " + seed);
      assertEquals(max, m.quantile(x, 1.0), m + " at p = 1 is the maximum, seed " + seed);
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void type7EqualsClosedForm(long seed) {
    Gen gen = new Gen(seed);
    double[] x = sample(gen);
    double[] sorted = x.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    double scale = Math.max(Math.abs(sorted[0]), Math.abs(sorted[n - 1]));
    for (double p : probabilities(gen)) {
      double h = (n - 1) * p + 1;
      int j = (int) Math.floor(h);
      double expected = j >= n ? sorted[n - 1] : sorted[j - 1] + (h - j) * (sorted[j] - sorted[j - 1]);
      double actual = QuantileMethod.TYPE_7.quantile(x, p);
      assertEquals(expected, actual, 1e-13 * scale,
          "type 7 = x[j] + (h - j)(x[j+1] - x[j]) at p = " + p + ", n = " + n + ", seed " + seed);
    }
  }
}
