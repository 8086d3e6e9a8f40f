package dev.segmentation.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Criteria;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.ModelFormatException;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.UnassignedReason;
import dev.segmentation.core.criteria.MissingPolicy;
import dev.segmentation.core.criteria.QuantileMethod;
import dev.segmentation.core.json.ModelJson;
import dev.segmentation.core.table.CategoricalColumn;
import dev.segmentation.core.table.NumericColumn;
import dev.segmentation.testing.Gen;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class QuantileModelTest {

  static LongStream seeds() {
    return Gen.seeds(300);
  }

  private static AccountTable table(double... values) {
    String[] ids = new String[values.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = "A-" + i;
    }
    return AccountTable.of(ids, NumericColumn.of("v", values));
  }

  private static QuantileModel fit(double[] values, QuantileMethod method, double... p) {
    return QuantileModel.builder().column("v").probabilities(p).method(method).fit(table(values));
  }

  // ---------------------------------------------------------------------------------------------
  // Edges equal R's quantile(x, p, type = t) for all nine types.
  //
  // R was not available where these tests were written: every expected value below was derived by
  // hand, in exact rational arithmetic, from the Hyndman-Fan definitions as R's quantile.default
  // implements them (types 1-3: j = floor(n p) (type 3: floor(n p - 1/2)) with R's even rule; types
  // 4-9: h = n p + m, m = 0, 1/2, p, 1 - p, (p + 1)/3, p/4 + 3/8, Q = (1 - g) x[j] + g x[j + 1]), and
  // cross-checked with numpy 2.4 np.quantile(x, p, method=...) whose nine methods are documented as
  // equal to R's types (inverted_cdf .. normal_unbiased). R prints them as follows.

  /**
   * <pre>
   * &gt; x &lt;- c(2, 4, 4, 5, 7, 9, 10, 12, 15, 20)
   * &gt; for (t in 1:9) print(quantile(x, c(0.1, 0.25, 0.5, 0.75, 0.9), type = t, names = FALSE))
   * [1]  2  4  7 12 15
   * [1]  3.0  4.0  8.0 12.0 17.5
   * [1]  2  4  7 12 15
   * [1]  2  4  7 11 15
   * [1]  3.0  4.0  8.0 12.0 17.5
   * [1]  2.20  4.00  8.00 12.75 19.50
   * [1]  3.80  4.25  8.00 11.50 15.50
   * [1]  2.733333  4.000000  8.000000 12.250000 18.166667
   * [1]  2.8000  4.0000  8.0000 12.1875 18.0000
   * </pre>
   */
  private static final double[] TEN = {12, 4, 20, 2, 9, 4, 15, 5, 10, 7}; // unsorted on purpose

  private static final double[] TEN_P = {0.1, 0.25, 0.5, 0.75, 0.9};
  private static final double[][] TEN_EXPECTED = {
    {2, 4, 7, 12, 15},
    {3, 4, 8, 12, 17.5},
    {2, 4, 7, 12, 15},
    {2, 4, 7, 11, 15},
    {3, 4, 8, 12, 17.5},
    {2.2, 4, 8, 12.75, 19.5},
    {3.8, 4.25, 8, 11.5, 15.5},
    {41.0 / 15, 4, 8, 12.25, 109.0 / 6},
    {2.8, 4, 8, 12.1875, 18},
  };

  /**
   * <pre>
   * &gt; x &lt;- c(-3.5, 0, 0, 0, 1.25, 8)
   * &gt; for (t in 1:9) print(quantile(x, c(0.1, 0.5, 0.9), type = t, names = FALSE))
   * [1] -3.5  0.0  8.0
   * [1] -3.5  0.0  8.0
   * [1] -3.50  0.00  1.25
   * [1] -3.50  0.00  3.95
   * [1] -3.150  0.000  7.325
   * [1] -3.5  0.0  8.0
   * [1] -1.750  0.000  4.625
   * [1] -3.5  0.0  8.0
   * [1] -3.5  0.0  8.0
   * </pre>
   */
  private static final double[] SIX = {0, 8, -3.5, 0, 1.25, 0};

  private static final double[] SIX_P = {0.1, 0.5, 0.9};
  private static final double[][] SIX_EXPECTED = {
    {-3.5, 0, 8},
    {-3.5, 0, 8},
    {-3.5, 0, 1.25},
    {-3.5, 0, 3.95},
    {-3.15, 0, 7.325},
    {-3.5, 0, 8},
    {-1.75, 0, 4.625},
    {-3.5, 0, 8},
    {-3.5, 0, 8},
  };

  /**
   * <pre>
   * &gt; for (t in 1:9) print(quantile(c(7, 3), c(0.25, 0.5, 0.75), type = t, names = FALSE))
   * [1] 3 3 7
   * [1] 3 5 7
   * [1] 3 3 7
   * [1] 3 3 5
   * [1] 3 5 7
   * [1] 3 5 7
   * [1] 4 5 6
   * [1] 3 5 7
   * [1] 3 5 7
   * </pre>
   */
  private static final double[] TWO = {7, 3};

  private static final double[] TWO_P = {0.25, 0.5, 0.75};
  private static final double[][] TWO_EXPECTED = {
    {3, 3, 7}, {3, 5, 7}, {3, 3, 7}, {3, 3, 5}, {3, 5, 7}, {3, 5, 7}, {4, 5, 6}, {3, 5, 7}, {3, 5, 7},
  };

  @Test
  void quantilesEqualROnHandCheckedCasesForAllNineTypes() {
    QuantileMethod[] types = QuantileMethod.values();
    for (int t = 0; t < 9; t++) {
      assertClose(TEN_EXPECTED[t], fit(TEN, types[t], TEN_P).quantiles(),
          "R quantile(x10, type = " + (t + 1) + ")");
      assertClose(SIX_EXPECTED[t], fit(SIX, types[t], SIX_P).quantiles(),
          "R quantile(x6, type = " + (t + 1) + ")");
      assertClose(TWO_EXPECTED[t], fit(TWO, types[t], TWO_P).quantiles(),
          "R quantile(c(7, 3), type = " + (t + 1) + ")");
    }
  }

  @Test
  void missingValuesAreLeftOutOfTheQuantiles() {
    double[] withNaN = {Double.NaN, 12, 4, 20, 2, Double.NaN, 9, 4, 15, 5, 10, 7};
    QuantileModel m = fit(withNaN, QuantileMethod.TYPE_7, TEN_P);
    assertClose(TEN_EXPECTED[6], m.quantiles(), "type-7 quantiles ignoring NaN");
  }

  private static void assertClose(double[] expected, double[] actual, String what) {
    assertEquals(expected.length, actual.length, what + ": length");
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], 1e-12 * Math.max(1, Math.abs(expected[i])),
          what + ": quantile " + i + " of " + Arrays.toString(actual));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Bins, ids, names and the assignment rule.

  @Test
  void binsAreEqualFrequencyProbabilitiesWithDecileAndQuartileIds() {
    double[] v = new double[100];
    Arrays.setAll(v, i -> i + 1);
    QuantileModel d = QuantileModel.builder().column("v").deciles().fit(table(v));
    assertArrayEquals(new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9},
        d.probabilities(), 1e-15, "decile probabilities");
    assertEquals(List.of("D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8", "D9", "D10"),
        ids(d), "decile ids, lowest first");
    assertEquals(QuantileModel.builder().column("v").bins(10).fit(table(v)), d, "bins(10) = deciles()");
    QuantileModel q = QuantileModel.builder().column("v").quartiles().fit(table(v));
    assertArrayEquals(new double[] {0.25, 0.5, 0.75}, q.probabilities(), 0, "quartile probabilities");
    assertEquals(List.of("Q1", "Q2", "Q3", "Q4"), ids(q), "quartile ids");
    assertEquals(QuantileMethod.TYPE_7, q.method(), "default method");
    QuantileModel five = QuantileModel.builder().column("v").bins(5).fit(table(v));
    assertEquals(List.of("Q1", "Q2", "Q3", "Q4", "Q5"), ids(five), "quintile ids");
    QuantileModel named = QuantileModel.builder().column("v").probabilities(0.5, 0.8, 0.95)
        .names("Tail", "Core", "Key", "Strategic").fit(table(v));
    assertEquals(List.of("Q1", "Q2", "Q3", "Q4"), ids(named), "ids stay Q1..Q4 with names");
    assertEquals(List.of("Tail", "Core", "Key", "Strategic"),
        named.segments().stream().map(Segment::name).toList(), "names, lowest first");
    assertEquals("quantile-model", named.kind(), "kind");
    for (int s = 0; s < named.segments().size(); s++) {
      assertEquals(s, named.segments().get(s).index(), "segment index");
    }
  }

  private static List<String> ids(SegmentModel m) {
    return m.segments().stream().map(Segment::id).toList();
  }

  @Test
  void binsAreRightClosedAndEqualValuesShareASegment() {
    // type 7 quartiles of 1..9 are exactly 3, 5, 7: edges are values of the data
    QuantileModel m = QuantileModel.builder().column("v").quartiles()
        .fit(table(1, 2, 3, 4, 5, 6, 7, 8, 9));
    assertArrayEquals(new double[] {3, 5, 7}, m.edges(), 0, "edges");
    assertEquals(0, m.segmentIndexOf(3), "a value equal to an edge stays below it: (-inf, 3]");
    assertEquals(1, m.segmentIndexOf(Math.nextUp(3.0)), "just above edge 3");
    assertEquals(3, m.segmentIndexOf(7.5), "above the last edge");
    assertEquals(0, m.segmentIndexOf(Double.NEGATIVE_INFINITY), "-inf");
    assertEquals(3, m.segmentIndexOf(Double.POSITIVE_INFINITY), "+inf");
    assertEquals(Assignment.UNASSIGNED, m.segmentIndexOf(Double.NaN), "NaN");
    assertEquals(List.of("v <= 3", "3 < v <= 5", "5 < v <= 7", "v > 7"),
        m.segments().stream().map(Segment::description).toList(), "descriptions");
    Segmentation s = m.assign(table(3, 3, 5, 9, -1, Double.NaN));
    assertArrayEquals(new int[] {0, 0, 1, 3, 0, -1}, s.segmentIndices(), "assignments");
    assertEquals(UnassignedReason.MISSING_VALUE, s.assignment(5).reason(), "reason of NaN");
    assertEquals("column 'v' is missing", s.assignment(5).detail(), "detail of NaN");
    assertEquals(0, m.segmentIndexOf(-0.0), "-0.0");
  }

  @Test
  void heavyTiesCollapseIntoOneEdgeWithAWarning() {
    // type 7 deciles of six zeros and 1, 2, 3, 4: h = 9p + 1 gives 0, 0, 0, 0, 0, 0.4, 1.3, 2.2, 3.1
    double[] v = {0, 0, 0, 0, 0, 0, 1, 2, 3, 4};
    QuantileModel m = QuantileModel.builder().column("v").deciles().fit(table(v));
    assertClose(new double[] {0, 0, 0, 0, 0, 0.4, 1.3, 2.2, 3.1}, m.quantiles(), "quantiles");
    assertClose(new double[] {0, 0.4, 1.3, 2.2, 3.1}, m.edges(), "distinct edges");
    assertEquals(List.of("D1", "D6", "D7", "D8", "D9", "D10"), ids(m), "surviving bins keep their ids");
    assertEquals("v <= 0 (also covers D2, D3, D4, D5, empty bins between equal quantiles)",
        m.segments().get(0).description(), "collapsed description");
    assertEquals(2, m.warnings().size(), "warnings " + m.warnings());
    assertTrue(m.warnings().get(0).contains("p = 0.1, 0.2, 0.3, 0.4, 0.5 are all 0"), m.warnings().get(0));
    assertTrue(m.warnings().get(0).contains("bins D2, D3, D4, D5 are dropped"), m.warnings().get(0));
    // commons-statistics interpolates 0 + 0.4 (1 - 0) as 0.39999999999999947
    assertTrue(m.warnings().get(1).startsWith("Segment D6 (0 < v <= 0.39999")
        && m.warnings().get(1).contains("holds none"), m.warnings().get(1));
    assertArrayEquals(new int[] {6, 0, 1, 1, 1, 1}, m.assign(table(v)).counts(), "counts");
  }

  @Test
  void constantColumnGivesOneEdge() {
    QuantileModel m = QuantileModel.builder().column("v").quartiles().fit(table(5, 5, 5, 5));
    assertArrayEquals(new double[] {5}, m.edges(), 0, "one edge");
    assertEquals(List.of("Q1", "Q4"), ids(m), "lowest and top bin survive");
    assertArrayEquals(new int[] {4, 0}, m.assign(table(5, 5, 5, 5)).counts(), "all in Q1");
    assertEquals(1, m.segmentIndexOf(6), "a new larger value goes to the top segment");
  }

  @Test
  void oneAndTwoAccounts() {
    QuantileModel one = QuantileModel.builder().column("v").deciles().fit(table(42));
    assertArrayEquals(new double[] {42}, one.edges(), 0, "n = 1: every quantile is the value");
    assertEquals(List.of("D1", "D10"), ids(one), "n = 1 segments");
    QuantileModel two = QuantileModel.builder().column("v").bins(2).fit(table(1, 3));
    assertArrayEquals(new double[] {2}, two.edges(), 0, "n = 2 median");
    assertArrayEquals(new int[] {0, 1}, two.assign(table(1, 3)).segmentIndices(), "n = 2");
  }

  @Test
  void dataErrorsNameTheColumn() {
    QuantileModel.Builder b = QuantileModel.builder().column("v").deciles();
    DataValidationException empty = assertThrows(DataValidationException.class,
        () -> b.fit(table()));
    assertTrue(empty.getMessage().contains("column 'v'") && empty.getMessage().contains("empty"),
        empty.getMessage());
    assertEquals("v", empty.column().orElseThrow(), "column of empty-table error");
    DataValidationException allMissing = assertThrows(DataValidationException.class,
        () -> b.fit(table(Double.NaN, Double.NaN)));
    assertTrue(allMissing.getMessage().contains("all 2 values are missing"), allMissing.getMessage());
    assertEquals("v", allMissing.column().orElseThrow(), "column of all-missing error");
    DataValidationException inf = assertThrows(DataValidationException.class,
        () -> b.fit(table(1, Double.POSITIVE_INFINITY)));
    assertEquals("A-1", inf.accountId().orElseThrow(), "account of infinite value");
    DataValidationException unknown = assertThrows(DataValidationException.class,
        () -> QuantileModel.builder().column("w").deciles().fit(table(1, 2)));
    assertTrue(unknown.getMessage().contains("columns are: v"), unknown.getMessage());
    AccountTable cat = AccountTable.of(new String[] {"a"},
        CategoricalColumn.of("v", new String[] {"x"}));
    assertThrows(DataValidationException.class, () -> b.fit(cat), "categorical column");
    QuantileModel m = b.fit(table(1, 2, 3));
    assertThrows(DataValidationException.class, () -> m.assign(cat), "assign on categorical column");
  }

  @Test
  void builderChecksEverySetting() {
    assertThrows(IllegalArgumentException.class, () -> QuantileModel.builder().bins(1));
    assertThrows(IllegalArgumentException.class, () -> QuantileModel.builder().probabilities());
    assertThrows(IllegalArgumentException.class, () -> QuantileModel.builder().probabilities(0.5, 0.5));
    assertThrows(IllegalArgumentException.class, () -> QuantileModel.builder().probabilities(0, 0.5));
    assertThrows(IllegalArgumentException.class, () -> QuantileModel.builder().probabilities(0.5, 1));
    assertThrows(IllegalArgumentException.class,
        () -> QuantileModel.builder().probabilities(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> QuantileModel.builder().column(" "));
    assertThrows(IllegalArgumentException.class, () -> QuantileModel.builder().names("a", ""));
    assertThrows(NullPointerException.class, () -> QuantileModel.builder().column(null));
    assertThrows(IllegalStateException.class, () -> QuantileModel.builder().column("a").column("b"));
    assertThrows(IllegalStateException.class, () -> QuantileModel.builder().deciles().quartiles());
    assertThrows(IllegalStateException.class,
        () -> QuantileModel.builder().method(QuantileMethod.TYPE_1).method(QuantileMethod.TYPE_2));
    assertThrows(IllegalStateException.class,
        () -> QuantileModel.builder().column("v").fit(table(1)), "no bins");
    assertThrows(IllegalStateException.class,
        () -> QuantileModel.builder().deciles().fit(table(1)), "no value");
    assertThrows(IllegalStateException.class,
        () -> QuantileModel.builder().column("v").quartiles().names("a", "b").fit(table(1)),
        "names count");
    Criteria withCategory = Criteria.builder().numeric("v").categorical("c").build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> QuantileModel.builder().score(withCategory));
    assertTrue(e.getMessage().contains("'c'"), e.getMessage());
    assertEquals("QuantileModel.Builder[column=v, probabilities=[0.25, 0.5, 0.75], method=TYPE_7, "
        + "names=default]", QuantileModel.builder().column("v").quartiles().toString(), "toString");
  }

  @Test
  void fitIsPureAndModelsCompareByContent() {
    QuantileModel.Builder b = QuantileModel.builder().column("v").quartiles();
    AccountTable t = table(5, 1, 4, 2, 3);
    QuantileModel a = b.fit(t);
    assertEquals(a, b.fit(t), "same table, same model");
    assertEquals(a.hashCode(), b.fit(t).hashCode(), "hash code");
    assertNotEquals(a, b.fit(table(5, 1, 4, 2, 30)), "other data");
    assertTrue(a.toString().startsWith("QuantileModel: column 'v', TYPE_7, 4 bins, 4 segments\n"),
        a.toString());
  }

  // ---------------------------------------------------------------------------------------------
  // Scores.

  @Test
  void scoreIsTheWeightedSumOfTransformedCriteria() {
    AccountTable t = AccountTable.builder().numeric("a").numeric("b")
        .addRow("r1", 1.0, 10.0).addRow("r2", 2.0, 20.0).addRow("r3", 3.0, 60.0)
        .addRow("r4", 4.0, Double.NaN).build();
    Criteria c = Criteria.builder()
        .numeric("a").weight(2.0)
        .numeric("b").standardize().ifMissing(MissingPolicy.MARK_UNASSIGNED)
        .build();
    QuantileModel m = QuantileModel.builder().score(c).bins(2).fit(t);
    // b over r1..r3: mean 30, population std sqrt(((-20)^2 + (-10)^2 + 30^2) / 3) = sqrt(1400 / 3)
    double std = Math.sqrt(1400.0 / 3);
    double[] expected = {2 * 1 - 20 / std, 2 * 2 - 10 / std, 2 * 3 + 30 / std, Double.NaN};
    double[] score = m.values(t);
    for (int i = 0; i < 4; i++) {
      assertEquals(expected[i], score[i], 1e-12, "score of row " + i);
    }
    assertEquals("score", m.valueName(), "value name");
    assertTrue(m.column().isEmpty(), "no column");
    assertEquals(c, m.scoreCriteria().orElseThrow().criteria(), "criteria kept");
    Segmentation s = m.assign(t);
    assertEquals(Assignment.UNASSIGNED, s.segmentIndex(3), "row issue is unassigned");
    assertEquals(UnassignedReason.MISSING_VALUE, s.assignment(3).reason(), "reason of the issue");
    assertEquals("criterion 'b': missing value", s.assignment(3).detail(), "detail");
    for (int i = 0; i < 4; i++) {
      assertEquals(s.assignment(i), m.assign(t.row(i)), "assign(Row) equals assign(table), row " + i);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Properties.

  /** A random column model; returns the model and checks nothing. */
  private static QuantileModel randomColumnModel(Gen g, AccountTable t) {
    QuantileModel.Builder b = QuantileModel.builder().column("v");
    switch (g.intBetween(0, 3)) {
      case 0 -> b.deciles();
      case 1 -> b.quartiles();
      case 2 -> b.bins(g.intBetween(2, 12));
      default -> b.probabilities(randomProbabilities(g));
    }
    return b.method(g.pick(QuantileMethod.values())).fit(t);
  }

  private static double[] randomProbabilities(Gen g) {
    int k = g.intBetween(1, 8);
    double[] p = new double[k];
    for (int j = 0; j < k; j++) {
      p[j] = (j + 1 + g.rng().nextDouble() * 0.9) / (k + 1);
    }
    return p;
  }

  private static double[] randomValues(Gen g) {
    int n = g.intBetween(1, 300);
    return g.chance(0.5) ? g.tiedValues(n, g.pick(0.0, 0.1)) : g.statColumn(n);
  }

  private static boolean hasPresent(double[] v) {
    return Arrays.stream(v).anyMatch(x -> !Double.isNaN(x));
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void quantilesMatchCommonsMath3Percentile(long seed) {
    Gen g = new Gen(seed);
    double[] v = randomValues(g);
    if (!hasPresent(v)) {
      return;
    }
    QuantileModel m = randomColumnModel(g, table(v));
    double[] present = Arrays.stream(v).filter(x -> !Double.isNaN(x)).toArray();
    Percentile.EstimationType type = Percentile.EstimationType.values()[m.method().ordinal() + 1];
    Percentile oracle = new Percentile().withEstimationType(type).withNaNStrategy(NaNStrategy.FIXED);
    oracle.setData(present);
    double scale = Arrays.stream(present).map(Math::abs).max().orElse(0);
    double[] q = m.quantiles();
    double[] p = m.probabilities();
    for (int j = 0; j < p.length; j++) {
      assertEquals(oracle.evaluate(p[j] * 100), q[j], 1e-12 * scale,
          "seed " + seed + ": " + m.method() + " quantile at p = " + p[j] + " vs commons-math3 " + type);
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void tiesShareASegmentAndLargerValuesNeverGetALowerSegment(long seed) {
    Gen g = new Gen(seed);
    double[] v = randomValues(g);
    if (!hasPresent(v)) {
      return;
    }
    AccountTable t = table(v);
    QuantileModel m = randomColumnModel(g, t);
    Segmentation s = m.assign(t);
    Integer[] order = new Integer[v.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, (a, b) -> Double.compare(v[a], v[b]));
    for (int r = 1; r < order.length; r++) {
      int i = order[r - 1];
      int j = order[r];
      if (Double.isNaN(v[j])) {
        break;
      }
      if (v[i] == v[j]) {
        assertEquals(s.segmentIndex(i), s.segmentIndex(j),
            "seed " + seed + ": tied value " + v[i] + " split between segments");
      } else {
        assertTrue(s.segmentIndex(i) <= s.segmentIndex(j), "seed " + seed + ": value " + v[j]
            + " got segment " + s.segmentIndex(j) + " below " + s.segmentIndex(i) + " of " + v[i]);
      }
    }
    for (int i = 0; i < v.length; i++) {
      Assignment a = s.assignment(i);
      assertEquals(Double.isNaN(v[i]), !a.isAssigned(), "seed " + seed + ": row " + i + " assigned");
      if (!a.isAssigned()) {
        assertEquals(UnassignedReason.MISSING_VALUE, a.reason(), "seed " + seed + ": reason");
      }
    }
    assertEquals(s.assignment(v.length - 1), m.assign(t.row(v.length - 1)),
        "seed " + seed + ": assign(Row)");
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void equalEdgesCollapseWithoutEmptyOrOutOfOrderSegments(long seed) {
    Gen g = new Gen(seed);
    double[] v = randomValues(g);
    if (!hasPresent(v)) {
      return;
    }
    QuantileModel m = randomColumnModel(g, table(v));
    double[] q = m.quantiles();
    double[] e = m.edges();
    String msg = "seed " + seed + ": quantiles " + Arrays.toString(q) + ", edges " + Arrays.toString(e);
    int distinct = 0;
    for (int j = 0; j < q.length; j++) {
      assertTrue(j == 0 || q[j] >= q[j - 1], msg + ": quantiles non-decreasing");
      if (j == 0 || q[j] > q[j - 1]) {
        distinct++;
      }
    }
    assertEquals(distinct, e.length, msg + ": one edge per distinct quantile");
    for (int j = 1; j < e.length; j++) {
      assertTrue(e[j] > e[j - 1], msg + ": edges strictly increasing");
    }
    assertEquals(e.length + 1, m.segments().size(), msg + ": segments = edges + 1");
    // surviving bins keep their nominal order
    int last = -1;
    for (Segment s : m.segments()) {
      int nominal = m.binIds().indexOf(s.id());
      assertTrue(nominal > last, msg + ": segment " + s.id() + " out of nominal order");
      last = nominal;
    }
    assertEquals(m.binIds().size() - 1, last, msg + ": the top bin always survives");
    boolean collapsed = distinct < q.length;
    assertEquals(collapsed, m.warnings().stream().anyMatch(w -> w.contains("collapse")),
        msg + ": collapse warning " + m.warnings());
    // every segment is a non-empty interval and the edges are its bounds
    for (int s = 0; s < e.length; s++) {
      assertEquals(s, m.segmentIndexOf(e[s]), msg + ": edge " + s + " belongs to the segment below");
      assertEquals(s + 1, m.segmentIndexOf(Math.nextUp(e[s])), msg + ": just above edge " + s);
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void decilesOfDistinctValuesHoldTenPercentEach(long seed) {
    Gen g = new Gen(seed);
    int n = g.intBetween(10, 2000);
    double[] v = new double[n];
    int[] perm = g.permutation(n);
    double scale = g.pick(1.0, 0.001, 1e6, -3.0);
    for (int i = 0; i < n; i++) {
      v[i] = perm[i] * scale + 0.5;
    }
    QuantileMethod method = g.pick(QuantileMethod.values());
    QuantileModel m = QuantileModel.builder().column("v").deciles().method(method).fit(table(v));
    int[] counts = m.assign(table(v)).counts();
    assertEquals(10, counts.length, "seed " + seed + ": ten segments on distinct values");
    // #{x <= Q(j/10)} is within about one of n j / 10 for every type (for type 7 it is
    // floor((n - 1) j / 10 + 1)); a bin count is the difference of two such counts
    for (int d = 0; d < 10; d++) {
      assertEquals(n / 10.0, counts[d], 2, "seed " + seed + ", n " + n + ", " + method + ": D"
          + (d + 1) + " of " + Arrays.toString(counts));
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void jsonRoundTripAssignsExactlyAsBefore(long seed) {
    Gen g = new Gen(seed);
    int n = g.intBetween(1, 200);
    QuantileModel m;
    AccountTable t;
    if (g.chance(0.5)) {
      t = table(randomValues(g));
      if (!hasPresent(t.numeric("v").toArray())) {
        return;
      }
      m = randomColumnModel(g, t);
    } else {
      t = g.spendTable(n, 2, 0, g.pick(0.0, 0.2));
      Criteria c = Criteria.builder()
          .numeric("x0").log1p().standardize().weight(1 + g.intBetween(0, 3))
          .numeric("x1").log1p().ifMissing(g.pick(MissingPolicy.MEDIAN, MissingPolicy.MARK_UNASSIGNED))
          .missing(MissingPolicy.MEDIAN)
          .build();
      try {
        m = QuantileModel.builder().score(c).bins(g.intBetween(2, 10))
            .method(g.pick(QuantileMethod.values())).fit(t);
      } catch (DataValidationException e) {
        return; // every account excluded, or a criterion without values: nothing to fit
      }
    }
    String json = ModelJson.write(m);
    QuantileModel back = ModelJson.readQuantileModel(json);
    assertEquals(m, back, "seed " + seed + ": model after a JSON round trip\n" + json);
    assertEquals(json, ModelJson.write(back), "seed " + seed + ": JSON written twice");
    assertEquals(m.assign(t), back.assign(t), "seed " + seed + ": assignment after a round trip");
    AccountTable fresh = g.chance(0.5) && m.column().isPresent()
        ? table(g.tiedValues(50, 0.1)) : t;
    assertEquals(m.assign(fresh), back.assign(fresh), "seed " + seed + ": assignment of new accounts");
  }

  // ---------------------------------------------------------------------------------------------
  // JSON golden file and errors.

  /**
   * The model in {@code json/v1/quantile-model.json}: type-6 quintiles of a score made of one
   * untransformed criterion with weight 1 (so the score equals the visits), with heavy ties.
   */
  static QuantileModel goldenModel() {
    AccountTable t = AccountTable.builder().numeric("visits")
        .addRow("a", 0.0).addRow("b", 0.0).addRow("c", 0.0).addRow("d", 0.0).addRow("e", 0.0)
        .addRow("f", 1.0).addRow("g", 2.0).addRow("h", 3.5).addRow("i", 8.0)
        .addRow("j", Double.NaN).build();
    Criteria c = Criteria.builder().numeric("visits").ifMissing(MissingPolicy.MARK_UNASSIGNED).build();
    return QuantileModel.builder().score(c).bins(5).method(QuantileMethod.TYPE_6)
        .names("None", "Rare", "Some", "Often", "Most").fit(t);
  }

  @Test
  void goldenFileReadsToAFreshlyFittedModel() throws IOException {
    QuantileModel fresh = goldenModel();
    // type 6 on 0,0,0,0,0,1,2,3.5,8 (n = 9): h = (n + 1) p = 2, 4, 6, 8 gives x[2], x[4], x[6], x[8]
    assertClose(new double[] {0, 0, 1, 3.5}, fresh.quantiles(), "golden quantiles");
    assertEquals(List.of("Q1", "Q3", "Q4", "Q5"), ids(fresh), "golden segments");
    String golden = Files.readString(Path.of("src/test/resources/json/v1/quantile-model.json"),
        StandardCharsets.UTF_8);
    QuantileModel read = ModelJson.readQuantileModel(golden);
    assertEquals(fresh, read, "golden file vs freshly fitted model");
    assertEquals(fresh, ModelJson.readModel(golden), "golden file read by kind");
    ObjectMapper mapper = new ObjectMapper();
    JsonNode expected = mapper.readTree(golden);
    assertEquals(expected, mapper.readTree(ModelJson.write(read)), "re-written golden file");
    assertEquals(expected, mapper.readTree(ModelJson.write(fresh)), "fresh model as JSON");
  }

  @Test
  void readingRejectsBadDocumentsWithTheirPath() throws IOException {
    String json = ModelJson.write(QuantileModel.builder().column("v").quartiles()
        .fit(table(1, 2, 3, 4, 5)));
    assertPath("$.quantiles", json, d -> ((ArrayNode) d.get("quantiles")).set(0, DoubleNode.valueOf(9.0)));
    assertPath("$.column", json, d -> d.putNull("column"));
    assertPath("$.probabilities", json, d -> ((ArrayNode) d.get("probabilities")).set(1, DoubleNode.valueOf(0.1)));
    assertPath("$.bins", json, d -> ((ObjectNode) d.get("bins").get(3)).put("id", "Q3"));
    assertPath("$.bins", json, d -> ((ArrayNode) d.get("bins")).remove(3));
    assertPath("$.extra", json, d -> d.put("extra", 1));
    assertPath("$.method", json, d -> d.put("method", "TYPE_10"));
    assertPath("$.quantiles[1]", json, d -> ((ArrayNode) d.get("quantiles")).set(1, TextNode.valueOf("NaN")));
    ModelFormatException kind = assertThrows(ModelFormatException.class,
        () -> ModelJson.readAbcModel(json));
    assertTrue(kind.getMessage().contains("readQuantileModel"), kind.getMessage());
  }

  private static void assertPath(String path, String json, Consumer<ObjectNode> edit)
      throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode doc = (ObjectNode) mapper.readTree(json);
    edit.accept(doc);
    String bad = mapper.writeValueAsString(doc);
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> ModelJson.readQuantileModel(bad), bad);
    assertEquals(path, e.jsonPath().orElse("(none)"), e.getMessage());
  }

  @Test
  void fitDoesNotDependOnRowOrder() {
    double[] v = {0, 0, 0, 0, 0, 0, 1, 2, 3, 4};
    double[] r = {4, 0, 3, 0, 2, 0, 1, 0, 0, 0};
    assertEquals(QuantileModel.builder().column("v").deciles().fit(table(v)),
        QuantileModel.builder().column("v").deciles().fit(table(r)), "row order does not matter");
    assertFalse(QuantileModel.builder().column("v").deciles().fit(table(1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
        11)).warnings().stream().anyMatch(x -> x.contains("collapse")), "no collapse on distinct data");
  }
}
