package dev.segmentation.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.segmentation.core.criteria.Criterion;
import dev.segmentation.core.criteria.CriterionKind;
import dev.segmentation.core.criteria.FeatureMatrix;
import dev.segmentation.core.criteria.FittedCriteria;
import dev.segmentation.core.criteria.FittedCriterion;
import dev.segmentation.core.criteria.FittedTransform;
import dev.segmentation.core.criteria.MissingPolicy;
import dev.segmentation.core.criteria.QuantileMethod;
import dev.segmentation.core.criteria.RowIssue;
import dev.segmentation.core.criteria.UnseenCategoryPolicy;
import dev.segmentation.core.internal.CriterionValues;
import dev.segmentation.core.table.CategoricalColumn;
import dev.segmentation.core.table.Column;
import dev.segmentation.core.table.DateColumn;
import dev.segmentation.core.table.NumericColumn;
import dev.segmentation.testing.Gen;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.descriptive.rank.Percentile.EstimationType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded properties of criteria fitting and transforming (CONVENTIONS section 10). Every case builds
 * its input from {@code new Gen(seed)}; every message names the property and the seed.
 */
class CriteriaPropertyTest {

  static LongStream seeds() {
    return Gen.seeds(200);
  }

  // ================================================================ z-score

  @ParameterizedTest
  @MethodSource("seeds")
  void zScoreHasMeanZeroAndUnitPopulationStd(long seed) {
    Gen gen = new Gen(seed);
    int n = gen.intBetween(1, 150);
    AccountTable t = gen.spendTable(n, 2, 0, 0.0);
    for (int j = 0; j < 3; j++) {
      t = t.withColumn(NumericColumn.of("a" + j, gen.statColumn(n)));
    }
    Criteria.Builder b = Criteria.builder();
    for (String name : t.columnNames()) {
      b.numeric(name).standardize();
    }
    FittedCriteria f = b.build().fit(t);
    FeatureMatrix m = f.transform(t);
    assertEquals(List.of(), m.issues(), "no issues without missing values, seed " + seed);
    for (int j = 0; j < t.columnCount(); j++) {
      String name = t.columnNames().get(j);
      checkStandardized(t.numeric(name).toArray(), m.column(j), f, name, "seed " + seed);
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void zScoreExcludesMarkUnassignedRows(long seed) {
    Gen gen = new Gen(seed);
    int n = gen.intBetween(2, 120);
    AccountTable t = gen.spendTable(n, 3, 0, gen.pick(0.05, 0.2, 0.5));
    Criteria c = Criteria.builder()
        .numeric("x0").standardize()
        .numeric("x1").standardize().ifMissing(MissingPolicy.MARK_UNASSIGNED)
        .numeric("x2").standardize()
        .missing(MissingPolicy.MARK_UNASSIGNED)
        .build();
    boolean[] complete = new boolean[n];
    int kept = 0;
    for (int i = 0; i < n; i++) {
      Row r = t.row(i);
      complete[i] = !r.isMissing("x0") && !r.isMissing("x1") && !r.isMissing("x2");
      kept += complete[i] ? 1 : 0;
    }
    if (kept == 0) {
      DataValidationException e = assertThrows(DataValidationException.class, () -> c.fit(t),
          "fitting with every account excluded fails, seed " + seed);
      assertTrue(e.getMessage().contains("all " + n + " accounts"), "message: " + e.getMessage());
      return;
    }
    FittedCriteria f = c.fit(t);
    assertEquals(kept, f.trainingRows(), "training rows = complete accounts, seed " + seed);
    FeatureMatrix m = f.transform(t);
    checkEveryAccountAccountedFor(m, "seed " + seed);
    for (int i = 0; i < n; i++) {
      assertEquals(complete[i], m.isComplete(i), "complete iff no missing value, seed " + seed);
      if (!complete[i]) {
        RowIssue issue = issueOf(m, i);
        assertEquals(UnassignedReason.MISSING_VALUE, issue.reason(), "issue reason, seed " + seed);
        String first = t.row(i).isMissing("x0") ? "x0" : t.row(i).isMissing("x1") ? "x1" : "x2";
        assertEquals(first, issue.criterion(), "issue names the first missing criterion, seed " + seed);
      }
    }
    for (int j = 0; j < 3; j++) {
      String name = "x" + j;
      double[] raw = keep(t.numeric(name).toArray(), complete);
      checkStandardized(raw, keep(m.column(j), complete), f, name,
          "MARK_UNASSIGNED rows excluded, seed " + seed);
    }
  }

  private static void checkStandardized(
      double[] raw, double[] z, FittedCriteria f, String name, String what) {
    if (isConstant(raw)) {
      for (double v : z) {
        assertEquals(0.0, v, "z-score of constant '" + name + "' is 0, " + what);
      }
      assertTrue(f.warnings().stream().anyMatch(w -> w.contains("'" + name + "'")),
          "warning for constant '" + name + "', " + what + ": " + f.warnings());
      return;
    }
    assertFalse(f.warnings().stream().anyMatch(w -> w.contains("'" + name + "'")),
        "no warning for non-constant '" + name + "', " + what + ": " + f.warnings());
    assertEquals(0.0, mean(z), 1e-9, "mean of z-scored '" + name + "', " + what);
    assertEquals(1.0, populationStd(z), 1e-9, "population std of z-scored '" + name + "', " + what);
  }

  // ================================================================ constant columns

  @ParameterizedTest
  @MethodSource("seeds")
  void constantColumnGivesZerosAndWarning(long seed) {
    Gen gen = new Gen(seed);
    int n = gen.intBetween(1, 40);
    double c = gen.awkwardFinite();
    double[] constant = new double[n];
    Arrays.fill(constant, c);
    double[] withMissing = constant.clone();
    for (int i = 1; i < n; i++) {
      withMissing[i] = gen.chance(0.3) ? Double.NaN : c;
    }
    AccountTable t = AccountTable.of(gen.ids(n),
        NumericColumn.of("s", constant), NumericColumn.of("m", constant), NumericColumn.of("r", constant),
        NumericColumn.of("i", withMissing));
    double w = gen.pick(1.0, 2.0, 0.3);
    FittedCriteria f = Criteria.builder()
        .numeric("s").standardize().weight(w)
        .numeric("m").minMax()
        .numeric("r").robust(gen.pick(QuantileMethod.values()))
        .numeric("i").standardize().ifMissing(MissingPolicy.MEDIAN)
        .build()
        .fit(t);
    FeatureMatrix x = f.transform(t);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 4; j++) {
        assertEquals(0L, Double.doubleToRawLongBits(x.get(i, j)),
            "constant " + c + " gives +0.0 in '" + f.featureNames().get(j) + "', seed " + seed);
      }
    }
    assertEquals(4, f.warnings().size(), "one warning per constant criterion, seed " + seed + ": "
        + f.warnings());
    for (String name : List.of("s", "m", "r", "i")) {
      assertTrue(f.warnings().stream().anyMatch(m -> m.startsWith("Criterion '" + name + "'")
          && m.contains("constant")), "warning names '" + name + "', seed " + seed);
      FittedTransform ft = f.fitted(name).transforms().get(0);
      assertTrue(ft.degenerate(), "fitted step of '" + name + "' is degenerate, seed " + seed);
    }
    // new accounts with other values also get 0: the scale is zero
    AccountTable other = AccountTable.of(new String[] {"new"},
        NumericColumn.of("s", new double[] {c + 1}), NumericColumn.of("m", new double[] {-7}),
        NumericColumn.of("r", new double[] {1e6}), NumericColumn.of("i", new double[] {Double.NaN}));
    for (double v : f.transform(other).row(0)) {
      assertEquals(0.0, v, "constant criterion gives 0 for a new value, seed " + seed);
    }
  }

  // ================================================================ min-max, robust, winsorize

  @ParameterizedTest
  @MethodSource("seeds")
  void minMaxMapsTrainingRowsOntoUnitInterval(long seed) {
    Gen gen = new Gen(seed);
    int n = gen.intBetween(1, 100);
    double[] x = gen.statColumn(n);
    double[] withMissing = x.clone();
    for (int i = 1; i < n; i++) {
      if (gen.chance(0.15)) {
        withMissing[i] = Double.NaN;
      }
    }
    AccountTable t = AccountTable.of(gen.ids(n), NumericColumn.of("x", withMissing));
    MissingPolicy policy = gen.pick(MissingPolicy.MEDIAN, MissingPolicy.MEAN);
    FittedCriteria f = Criteria.builder().numeric("x").minMax().ifMissing(policy).build().fit(t);
    double[] out = f.transform(t).column(0);
    double[] imputed = withMissing.clone();
    for (int i = 0; i < n; i++) {
      if (Double.isNaN(imputed[i])) {
        imputed[i] = f.fitted("x").imputeValue();
      }
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : out) {
      assertTrue(v >= 0 && v <= 1, "min-max output " + v + " in [0, 1], seed " + seed);
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    if (isConstant(imputed)) {
      assertEquals(0.0, max, "constant column gives zeros, seed " + seed);
    } else {
      assertEquals(0.0, min, "min of min-max output is exactly 0, seed " + seed);
      assertEquals(1.0, max, "max of min-max output is exactly 1, seed " + seed);
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void robustOutputHasMedianZero(long seed) {
    Gen gen = new Gen(seed);
    int n = gen.intBetween(1, 100);
    double[] x = gen.statColumn(n);
    AccountTable t = AccountTable.of(gen.ids(n), NumericColumn.of("x", x));
    FittedCriteria f = Criteria.builder().numeric("x").robust().build().fit(t);
    FittedTransform.Robust r = (FittedTransform.Robust) f.fitted("x").transforms().get(0);
    Percentile oracle = new Percentile().withEstimationType(EstimationType.R_7);
    double scale = maxAbs(x);
    assertEquals(oracle.evaluate(x, 50), r.median(), 1e-13 * scale,
        "robust median = commons-math3 R_7 median, seed " + seed);
    assertEquals(oracle.evaluate(x, 75) - oracle.evaluate(x, 25), r.iqr(), 1e-12 * scale,
        "robust IQR = commons-math3 R_7 Q3 - Q1, seed " + seed);
    double[] out = f.transform(t).column(0);
    double median = QuantileMethod.TYPE_7.quantile(out, 0.5);
    double[] sorted = out.clone();
    Arrays.sort(sorted);
    double tol = 1e-12 * (1 + Math.abs(sorted[(n - 1) / 2]) + Math.abs(sorted[n / 2]));
    assertEquals(0.0, median, tol, "median of robust-scaled output, seed " + seed);
    if (r.iqr() == 0) {
      assertTrue(f.warnings().size() == 1, "warning for a zero IQR, seed " + seed);
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void winsorizeClampsToLearnedQuantilesOfR7(long seed) {
    Gen gen = new Gen(seed);
    int n = gen.intBetween(1, 120);
    boolean spend = gen.chance(0.5);
    double[] x = spend ? gen.spendTable(n, 1, 0, 0).numeric("x0").toArray() : gen.statColumn(n);
    boolean log = spend && gen.chance(0.5);
    double lower = gen.chance(0.3) ? gen.pick(0.01, 0.05, 0.25) : 0.001 + 0.498 * gen.rng().nextDouble();
    double upper = gen.chance(0.3) ? gen.pick(0.75, 0.99, 1.0) : 0.5 + 0.5 * gen.rng().nextDouble();
    AccountTable t = AccountTable.of(gen.ids(n), NumericColumn.of("x", x));
    Criteria.NumericStep step = Criteria.builder().numeric("x");
    if (log) {
      step.log1p();
    }
    FittedCriteria f = step.winsorize(lower, upper).build().fit(t);
    FittedTransform.Winsorize w =
        (FittedTransform.Winsorize) f.fitted("x").transforms().get(log ? 1 : 0);
    double[] input = x.clone();
    if (log) {
      for (int i = 0; i < n; i++) {
        input[i] = Math.log1p(input[i]);
      }
    }
    Percentile oracle = new Percentile().withEstimationType(EstimationType.R_7);
    double scale = maxAbs(input);
    String what = "p = [" + lower + ", " + upper + "], n = " + n + ", seed " + seed;
    assertEquals(oracle.evaluate(input, lower * 100), w.lowerValue(), 1e-12 * scale,
        "lower winsorize bound = commons-math3 R_7, " + what);
    assertEquals(oracle.evaluate(input, upper * 100), w.upperValue(), 1e-12 * scale,
        "upper winsorize bound = commons-math3 R_7, " + what);
    assertEquals(QuantileMethod.TYPE_7.quantile(input, lower), w.lowerValue(),
        "lower bound = QuantileMethod.TYPE_7, " + what);
    double[] out = f.transform(t).column(0);
    for (int i = 0; i < n; i++) {
      assertTrue(out[i] >= w.lowerValue() && out[i] <= w.upperValue(),
          "winsorized value within learned quantiles, " + what);
      if (input[i] >= w.lowerValue() && input[i] <= w.upperValue()) {
        assertEquals(input[i], out[i], "values inside the bounds are unchanged, " + what);
      }
    }
  }

  // ================================================================ new rows = training rows

  /** A training table whose row 0 is complete, so every criterion has a value among kept rows. */
  private static AccountTable trainingTable(Gen gen, int n) {
    double rate = gen.pick(0.0, 0.1, 0.3);
    List<Column> cols = new ArrayList<>();
    for (int j = 0; j < 3; j++) {
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = i > 0 && gen.chance(rate) ? Double.NaN : gen.spend();
      }
      cols.add(NumericColumn.of("x" + j, v));
    }
    cols.add(NumericColumn.of("a", gen.statColumn(n)));
    double[] den = new double[n];
    double[] region = new double[n];
    for (int i = 0; i < n; i++) {
      den[i] = i > 0 && gen.chance(0.2) ? 0.0 : 1 + gen.intBetween(0, 9);
      region[i] = i > 0 && gen.chance(rate) ? Double.NaN : gen.intBetween(1, 4);
    }
    cols.add(NumericColumn.of("den", den));
    cols.add(NumericColumn.of("region", region));
    for (int j = 0; j < 2; j++) {
      String[] labels = gen.labels(n, gen.intBetween(1, 6), rate);
      if (labels[0] == null) {
        labels[0] = "Pharma";
      }
      cols.add(CategoricalColumn.of("c" + j, labels));
    }
    return AccountTable.of(gen.ids(n), cols.toArray(new Column[0]));
  }

  /**
   * Random criteria over {@link #trainingTable}. The random stream consumed does not depend on
   * {@code weighted}, so two calls with equal generators give the same definition up to weights.
   */
  private static Criteria randomCriteria(Gen gen, boolean weighted) {
    Criteria.Builder b = Criteria.builder();
    for (String spend : List.of("x0", "x1", "x2")) {
      if (gen.chance(0.2)) {
        continue;
      }
      Criteria.NumericStep s = b.numeric(spend);
      if (gen.chance(0.6)) {
        s.log1p();
      }
      randomSteps(gen, s);
      numericPolicy(gen, s);
      double w = gen.pick(0.25, 1.0, 2.0, 3.0, 1e-6, 7.5);
      s.weight(weighted ? w : 1.0);
    }
    Criteria.NumericStep a = b.numeric("a");
    randomSteps(gen, a);
    double wa = gen.pick(0.5, 4.0);
    a.weight(weighted ? wa : 1.0);
    if (gen.chance(0.6)) {
      Criteria.NumericStep r = b.ratio("share", "x0", "den");
      randomSteps(gen, r);
      r.ifMissing(gen.pick(MissingPolicy.MEDIAN, MissingPolicy.MEAN, MissingPolicy.MARK_UNASSIGNED));
      double wr = gen.pick(0.5, 2.0);
      r.weight(weighted ? wr : 1.0);
    }
    if (gen.chance(0.5)) {
      Criteria.NumericStep d = b.difference("gap", "x1", "x2");
      randomSteps(gen, d);
      d.ifMissingImpute(gen.pick(0.0, -1.0, 1e5));
      double wd = gen.pick(0.5, 2.0);
      d.weight(weighted ? wd : 1.0);
    }
    if (gen.chance(0.3)) {
      Criteria.NumericStep c = b.derived("twice", "2 * x1", row -> 2 * row.numeric("x1"));
      randomSteps(gen, c);
      c.ifMissing(MissingPolicy.MEAN);
    }
    for (String cat : List.of("c0", "c1", "region")) {
      if (gen.chance(0.3)) {
        continue;
      }
      Criteria.CategoricalStep c = b.categorical(cat).oneHot();
      c.ifMissing(gen.pick(MissingPolicy.MEDIAN, MissingPolicy.CONSTANT, MissingPolicy.MARK_UNASSIGNED));
      c.unseen(gen.pick(UnseenCategoryPolicy.values()));
      double wc = gen.pick(0.5, 1.0, 3.0);
      c.weight(weighted ? wc : 1.0);
    }
    if (gen.chance(0.5)) {
      b.missing(gen.pick(MissingPolicy.MEDIAN, MissingPolicy.MEAN, MissingPolicy.MARK_UNASSIGNED));
    } else {
      b.missingConstant(gen.pick(0.0, 42.0));
    }
    return b.build();
  }

  private static void randomSteps(Gen gen, Criteria.NumericStep s) {
    int k = gen.intBetween(0, 3);
    for (int i = 0; i < k; i++) {
      switch (gen.intBetween(0, 4)) {
        case 0 -> s.standardize();
        case 1 -> s.minMax();
        case 2 -> s.robust(gen.pick(QuantileMethod.values()));
        case 3 -> s.winsorize(gen.pick(0.0, 0.05), gen.pick(0.95, 1.0));
        default -> s.clip(gen.pick(-2.0, 0.0), gen.pick(2.0, 1e4));
      }
    }
  }

  private static void numericPolicy(Gen gen, Criteria.NumericStep s) {
    switch (gen.intBetween(0, 4)) {
      case 0 -> s.ifMissing(MissingPolicy.MEDIAN);
      case 1 -> s.ifMissing(MissingPolicy.MEAN);
      case 2 -> s.ifMissingImpute(gen.pick(0.0, 10.0, 1234.5));
      case 3 -> s.ifMissing(MissingPolicy.MARK_UNASSIGNED);
      default -> { } // the builder default
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void fittedTransformsOnNewRowsEqualTrainingTimeTransforms(long seed) {
    Gen gen = new Gen(seed);
    int n = gen.intBetween(1, 80);
    AccountTable t = trainingTable(gen, n);
    Criteria criteria = randomCriteria(gen, true);
    FittedCriteria f = criteria.fit(t);
    FeatureMatrix a = f.transform(t);
    checkEveryAccountAccountedFor(a, "training table, seed " + seed);
    assertEquals(f.dimension(), a.columnCount(), "dimension, seed " + seed);
    assertEquals(f.featureNames(), a.columnNames(), "feature names, seed " + seed);
    assertEquals(t.ids(), a.accountIds(), "account ids, seed " + seed);

    // (a) against the training-time statistics: numeric features are applyNumeric(raw or imputed)
    int offset = 0;
    for (FittedCriterion fc : f.fitted()) {
      Criterion c = fc.criterion();
      if (c.kind() == CriterionKind.NUMERIC) {
        double[] raw = CriterionValues.numeric(t, c);
        for (int i = 0; i < n; i++) {
          if (a.isComplete(i)) {
            double v = Double.isNaN(raw[i]) ? fc.imputeValue() : raw[i];
            assertBits(fc.applyNumeric(v), a.get(i, offset),
                "training feature of '" + c.name() + "' for " + t.id(i) + ", seed " + seed);
          }
        }
      }
      offset += fc.dimension();
    }

    // (b) a random subset in random order, and a permutation
    for (int[] rows : List.of(gen.subset(n), gen.permutation(n))) {
      AccountTable sub = t.rows(rows);
      FeatureMatrix b = f.transform(sub);
      checkEveryAccountAccountedFor(b, "subset, seed " + seed);
      for (int i = 0; i < rows.length; i++) {
        String what = "account " + sub.id(i) + " in rows(" + Arrays.toString(rows) + "), seed " + seed;
        assertRowBits(a.row(rows[i]), b.row(i), what);
        assertEquals(a.isComplete(rows[i]), b.isComplete(i), "complete flag of " + what);
        if (!b.isComplete(i)) {
          RowIssue expected = issueOf(a, rows[i]);
          RowIssue actual = issueOf(b, i);
          assertEquals(new RowIssue(i, expected.accountId(), expected.criterion(), expected.reason()),
              actual, "issue of " + what);
        }
      }
    }

    // (c) single-row tables: sharing the dictionaries, and rebuilt from the values
    for (int k = 0; k < Math.min(n, 4); k++) {
      int row = gen.intBetween(0, n - 1);
      assertRowBits(a.row(row), f.transform(t.rows(row)).row(0),
          "single-row table of " + t.id(row) + ", seed " + seed);
      FeatureMatrix single = f.transform(rebuilt(t, row));
      assertRowBits(a.row(row), single.row(0), "rebuilt single-row table of " + t.id(row) + ", seed " + seed);
      assertEquals(a.isComplete(row), single.isComplete(0), "complete flag of single " + t.id(row));
    }
  }

  /** The row as a one-row table with fresh column objects (new categorical dictionaries). */
  private static AccountTable rebuilt(AccountTable t, int row) {
    List<Column> cols = new ArrayList<>();
    for (Column c : t.columns()) {
      if (c instanceof NumericColumn nc) {
        cols.add(NumericColumn.of(c.name(), new double[] {nc.get(row)}));
      } else if (c instanceof CategoricalColumn cc) {
        cols.add(CategoricalColumn.of(c.name(), new String[] {cc.value(row).orElse(null)}));
      } else {
        cols.add(DateColumn.ofEpochDays(c.name(), new long[] {((DateColumn) c).epochDay(row)}));
      }
    }
    return AccountTable.of(new String[] {t.id(row)}, cols.toArray(new Column[0]));
  }

  /**
   * Shrunk regression case: an account left out of fitting (missing value under MARK_UNASSIGNED)
   * whose other values are an unseen category and a value outside log1p's domain. Transforming the
   * training table used to fail on it.
   */
  @Test
  void trainingTableTransformsWhenAnExcludedAccountHasUnusableValues() {
    AccountTable t = AccountTable.builder().numeric("a").numeric("b").categorical("c")
        .addRow("r1", 1, 1, "X").addRow("r2", 2, 2, "X").addRow("r3", null, -5, "Z")
        .addRow("r4", 4, 3, "Y").build();
    FittedCriteria f = Criteria.builder()
        .categorical("c")
        .numeric("b").log1p()
        .numeric("a").ifMissing(MissingPolicy.MARK_UNASSIGNED)
        .build()
        .fit(t);
    assertEquals(List.of("c=X", "c=Y", "b", "a"), f.featureNames(), "level Z of the excluded row is not learned");
    FeatureMatrix m = f.transform(t);
    assertEquals(List.of(new RowIssue(2, "r3", "a", UnassignedReason.MISSING_VALUE)), m.issues(),
        "the excluded account gets its MISSING_VALUE issue");
    assertTrue(Double.isNaN(m.get(2, 0)), "and a NaN row");
  }

  // ================================================================ imputation

  @ParameterizedTest
  @MethodSource("seeds")
  void imputationUsesTrainingMedianAndMean(long seed) {
    Gen gen = new Gen(seed);
    int n = gen.intBetween(1, 100);
    double[] x = gen.chance(0.5) ? gen.statColumn(n) : gen.spendTable(n, 1, 0, 0).numeric("x0").toArray();
    double[] withMissing = x.clone();
    int present = 0;
    for (int i = 0; i < n; i++) {
      if (gen.chance(0.3)) {
        withMissing[i] = Double.NaN;
      } else {
        present++;
      }
    }
    if (present == 0) {
      withMissing[0] = x[0];
    }
    double[] values = Arrays.stream(withMissing).filter(v -> !Double.isNaN(v)).toArray();
    AccountTable t = AccountTable.of(gen.ids(n),
        NumericColumn.of("med", withMissing), NumericColumn.of("avg", withMissing));
    Criteria.Builder b = Criteria.builder();
    Criteria.NumericStep med = b.numeric("med").ifMissing(MissingPolicy.MEDIAN);
    randomSteps(gen, med);
    Criteria.NumericStep avg = b.numeric("avg");
    randomSteps(gen, avg);
    b.missing(MissingPolicy.MEAN);
    FittedCriteria f = b.build().fit(t);

    double scale = maxAbs(values);
    double median = new Percentile().withEstimationType(EstimationType.R_7).evaluate(values, 50);
    double mean = new Mean().evaluate(values);
    assertEquals(median, f.fitted("med").imputeValue(), 1e-13 * scale,
        "imputed median = commons-math3 R_7 median of non-missing values, seed " + seed);
    assertEquals(QuantileMethod.TYPE_7.quantile(values, 0.5), f.fitted("med").imputeValue(),
        "imputed median = TYPE_7 median, seed " + seed);
    assertEquals(mean, f.fitted("avg").imputeValue(), 1e-13 * scale,
        "imputed mean = commons-math3 mean of non-missing values, seed " + seed);

    FeatureMatrix m = f.transform(t);
    AccountTable imputedRow = AccountTable.of(new String[] {"imputed"},
        NumericColumn.of("med", new double[] {f.fitted("med").imputeValue()}),
        NumericColumn.of("avg", new double[] {f.fitted("avg").imputeValue()}));
    double[] expected = f.transform(imputedRow).row(0);
    for (int i = 0; i < n; i++) {
      if (Double.isNaN(withMissing[i])) {
        String what = "missing row " + t.id(i) + ", seed " + seed;
        assertRowBits(expected, m.row(i), what + " gets the transformed imputed values");
        assertBits(f.fitted("med").applyNumeric(f.fitted("med").imputeValue()), m.get(i, 0),
            "applyNumeric(imputed median), " + what);
      }
    }
  }

  // ================================================================ weights

  @ParameterizedTest
  @MethodSource("seeds")
  void weightScalesFeaturesBySqrtWeight(long seed) {
    int n = new Gen(seed).intBetween(1, 60);
    Gen g1 = new Gen(seed);
    g1.intBetween(1, 60);
    AccountTable t = trainingTable(g1, n);
    Criteria weighted = randomCriteria(g1, true);
    Gen g2 = new Gen(seed);
    g2.intBetween(1, 60);
    trainingTable(g2, n);
    Criteria unweighted = randomCriteria(g2, false);
    FittedCriteria fw = weighted.fit(t);
    FittedCriteria f1 = unweighted.fit(t);
    assertEquals(f1.featureNames(), fw.featureNames(), "same features, seed " + seed);
    FeatureMatrix xw = fw.transform(t);
    FeatureMatrix x1 = f1.transform(t);
    int col = 0;
    for (FittedCriterion fc : fw.fitted()) {
      double s = Math.sqrt(fc.criterion().weight());
      for (int k = 0; k < fc.dimension(); k++, col++) {
        for (int i = 0; i < n; i++) {
          assertBits(s * x1.get(i, col), xw.get(i, col), "feature '" + fw.featureNames().get(col)
              + "' of " + t.id(i) + " = sqrt(" + fc.criterion().weight() + ") * unweighted, seed " + seed);
        }
      }
    }
  }

  // ================================================================ categorical

  @ParameterizedTest
  @MethodSource("seeds")
  void categoricalOneHot(long seed) {
    Gen gen = new Gen(seed);
    int n = gen.intBetween(1, 80);
    AccountTable t = trainingTable(gen, n);
    MissingPolicy policy =
        gen.pick(MissingPolicy.MEDIAN, MissingPolicy.MEAN, MissingPolicy.CONSTANT, MissingPolicy.MARK_UNASSIGNED);
    double w = gen.pick(1.0, 0.5, 2.0, 9.0);
    FittedCriteria f = Criteria.builder()
        .categorical("c0").weight(w).ifMissing(policy)
        .categorical("region").ifMissing(MissingPolicy.CONSTANT)
        .build()
        .fit(t);
    CategoricalColumn c0 = t.categorical("c0");
    NumericColumn region = t.numeric("region");
    TreeSet<String> expected = new TreeSet<>();
    TreeMap<String, Integer> counts = new TreeMap<>();
    TreeSet<String> regions = new TreeSet<>();
    for (int i = 0; i < n; i++) {
      boolean excluded = policy == MissingPolicy.MARK_UNASSIGNED && c0.isMissing(i);
      if (!excluded) {
        c0.value(i).ifPresent(l -> {
          expected.add(l);
          counts.merge(l, 1, Integer::sum);
        });
        if (!region.isMissing(i)) {
          regions.add(region.format(i));
        }
      }
    }
    List<String> levels = f.fitted("c0").levels();
    assertEquals(List.copyOf(expected), levels, "levels are the sorted training labels, seed " + seed);
    List<String> regionLevels = f.fitted("region").levels();
    assertEquals(List.copyOf(regions), regionLevels,
        "numeric codes used as labels in their text form, seed " + seed);
    assertTrue(regionLevels.stream().allMatch(l -> l.matches("[1-4]")),
        "region codes 1..4 give levels \"1\"..\"4\", seed " + seed + ": " + regionLevels);
    List<String> names = new ArrayList<>();
    levels.forEach(l -> names.add("c0=" + l));
    regionLevels.forEach(l -> names.add("region=" + l));
    assertEquals(names, f.featureNames(), "feature names name=level, seed " + seed);

    int mode = -1;
    if (policy == MissingPolicy.MEDIAN || policy == MissingPolicy.MEAN) {
      int best = -1;
      for (int l = 0; l < levels.size(); l++) {
        if (counts.get(levels.get(l)) > best) {
          best = counts.get(levels.get(l));
          mode = l;
        }
      }
    }
    assertEquals(mode, f.fitted("c0").imputeLevel(),
        "imputed level = most frequent, ties to the first sorted, seed " + seed);

    FeatureMatrix m = f.transform(t);
    checkEveryAccountAccountedFor(m, "seed " + seed);
    int k = levels.size();
    for (int i = 0; i < n; i++) {
      String what = "account " + t.id(i) + ", seed " + seed;
      if (!m.isComplete(i)) {
        assertTrue(c0.isMissing(i) && policy == MissingPolicy.MARK_UNASSIGNED, "only MARK_UNASSIGNED, " + what);
        continue;
      }
      double[] row = m.row(i);
      int nonZero = 0;
      int at = -1;
      for (int l = 0; l < k; l++) {
        if (row[l] != 0) {
          nonZero++;
          at = l;
          assertEquals(Math.sqrt(w), row[l], "indicator value is sqrt(weight), " + what);
        }
      }
      if (c0.isMissing(i) && policy == MissingPolicy.CONSTANT) {
        assertEquals(0, nonZero, "missing under CONSTANT is all zeros, " + what);
      } else {
        assertEquals(1, nonZero, "exactly one indicator, " + what);
        String label = c0.value(i).orElse(null);
        assertEquals(label == null ? mode : levels.indexOf(label), at, "indicator of its level, " + what);
      }
      int regionOnes = 0;
      for (int l = 0; l < regionLevels.size(); l++) {
        regionOnes += row[k + l] == 1.0 ? 1 : 0;
      }
      assertEquals(region.isMissing(i) ? 0 : 1, regionOnes, "region indicators, " + what);
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void unseenCategoryPolicies(long seed) {
    Gen gen = new Gen(seed);
    int n = gen.intBetween(1, 40);
    String[] train = gen.labels(n, 3, 0.0);
    AccountTable training = AccountTable.of(gen.ids(n), CategoricalColumn.of("industry", train),
        NumericColumn.of("x", new double[n]));
    int m = gen.intBetween(1, 40);
    String[] labels = gen.labels(m, 6, 0.1);
    double[] x = new double[m];
    for (int i = 0; i < m; i++) {
      x[i] = gen.chance(0.2) ? Double.NaN : i;
    }
    AccountTable fresh = AccountTable.of(gen.ids(m), CategoricalColumn.of("industry", labels),
        NumericColumn.of("x", x));
    Set<String> known = new HashSet<>(Arrays.asList(train));
    boolean xFirst = gen.chance(0.5);

    for (UnseenCategoryPolicy policy : UnseenCategoryPolicy.values()) {
      Criteria.Builder b = Criteria.builder();
      if (xFirst) {
        b.numeric("x").ifMissing(MissingPolicy.MARK_UNASSIGNED);
      }
      b.categorical("industry").unseen(policy).ifMissing(MissingPolicy.CONSTANT);
      if (!xFirst) {
        b.numeric("x").ifMissing(MissingPolicy.MARK_UNASSIGNED);
      }
      FittedCriteria f = b.build().fit(training);
      int firstUnseen = -1;
      for (int i = 0; i < m && firstUnseen < 0; i++) {
        if (labels[i] != null && !known.contains(labels[i]) && !Double.isNaN(x[i])) {
          firstUnseen = i;
        }
      }
      if (policy == UnseenCategoryPolicy.ERROR && firstUnseen >= 0) {
        int i = firstUnseen;
        DataValidationException e = assertThrows(DataValidationException.class, () -> f.transform(fresh),
            "ERROR policy throws on an unseen level, seed " + seed);
        assertTrue(e.getMessage().contains("'industry'") && e.getMessage().contains("\"" + fresh.id(i) + "\"")
            && e.getMessage().contains("\"" + labels[i] + "\""),
            "message names criterion, account and level, seed " + seed + ": " + e.getMessage());
        assertEquals(fresh.id(i), e.accountId().orElseThrow(), "account id, seed " + seed);
        continue;
      }
      FeatureMatrix fm = f.transform(fresh);
      checkEveryAccountAccountedFor(fm, policy + ", seed " + seed);
      int d = f.fitted("industry").levels().size();
      int start = xFirst ? 1 : 0;
      for (int i = 0; i < m; i++) {
        boolean unseen = labels[i] != null && !known.contains(labels[i]);
        boolean missingX = Double.isNaN(x[i]);
        String what = policy + ", account " + fresh.id(i) + ", seed " + seed;
        if (missingX || (unseen && policy == UnseenCategoryPolicy.MARK_UNASSIGNED)) {
          assertFalse(fm.isComplete(i), "no features, " + what);
          RowIssue issue = issueOf(fm, i);
          boolean unseenFirst = unseen && policy == UnseenCategoryPolicy.MARK_UNASSIGNED
              && (!missingX || !xFirst);
          assertEquals(unseenFirst ? UnassignedReason.UNSEEN_CATEGORY : UnassignedReason.MISSING_VALUE,
              issue.reason(), "reason of the first criterion in definition order, " + what);
          assertEquals(unseenFirst ? "industry" : "x", issue.criterion(), "issue criterion, " + what);
        } else {
          assertTrue(fm.isComplete(i), "complete, " + what);
          double sum = 0;
          for (int l = 0; l < d; l++) {
            sum += fm.get(i, start + l);
          }
          assertEquals(unseen || labels[i] == null ? 0.0 : 1.0, sum,
              "unseen (ALL_ZERO) or missing (CONSTANT) levels are all zero, " + what);
        }
      }
    }
  }

  // ================================================================ derived sources

  @ParameterizedTest
  @MethodSource("seeds")
  void ratioWithZeroDenominatorIsImputedAndDifferenceSubtracts(long seed) {
    Gen gen = new Gen(seed);
    int n = gen.intBetween(1, 80);
    double[] a = new double[n];
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = gen.chance(0.1) && i > 0 ? Double.NaN : gen.awkwardFinite();
      b[i] = i > 0 && gen.chance(0.3) ? gen.pick(0.0, -0.0, Double.NaN) : 1 + gen.spend();
    }
    AccountTable t = AccountTable.of(gen.ids(n), NumericColumn.of("a", a), NumericColumn.of("b", b));
    double constant = gen.pick(-1.0, 0.0, 3.5);
    FittedCriteria f = Criteria.builder()
        .ratio("ratio", "a", "b").ifMissing(MissingPolicy.MEDIAN)
        .ratio("ratioC", "a", "b").ifMissingImpute(constant)
        .difference("diff", "a", "b").ifMissing(MissingPolicy.MEAN)
        .build()
        .fit(t);
    List<Double> ratios = new ArrayList<>();
    List<Double> diffs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (!Double.isNaN(a[i]) && !Double.isNaN(b[i]) && b[i] != 0) {
        ratios.add(a[i] / b[i]);
      }
      if (!Double.isNaN(a[i]) && !Double.isNaN(b[i])) {
        diffs.add(a[i] - b[i]);
      }
    }
    double[] r = ratios.stream().mapToDouble(Double::doubleValue).toArray();
    assertEquals(QuantileMethod.TYPE_7.quantile(r, 0.5), f.fitted("ratio").imputeValue(),
        "ratio imputed with the median of defined ratios, seed " + seed);
    FeatureMatrix m = f.transform(t);
    for (int i = 0; i < n; i++) {
      String what = "account " + t.id(i) + " (a = " + a[i] + ", b = " + b[i] + "), seed " + seed;
      boolean ratioMissing = Double.isNaN(a[i]) || Double.isNaN(b[i]) || b[i] == 0;
      assertBits(ratioMissing ? f.fitted("ratio").imputeValue() : a[i] / b[i], m.get(i, 0),
          "ratio = a / b, missing when b = 0, " + what);
      assertBits(ratioMissing ? constant : a[i] / b[i], m.get(i, 1), "ratio with constant, " + what);
      boolean diffMissing = Double.isNaN(a[i]) || Double.isNaN(b[i]);
      assertBits(diffMissing ? f.fitted("diff").imputeValue() : a[i] - b[i], m.get(i, 2),
          "difference = a - b, " + what);
    }
    if (!diffs.isEmpty()) {
      assertEquals(new Mean().evaluate(diffs.stream().mapToDouble(Double::doubleValue).toArray()),
          f.fitted("diff").imputeValue(), 1e-13 * maxAbs(diffs.stream().mapToDouble(Double::doubleValue)
              .toArray()), "difference imputed with the mean, seed " + seed);
    }
  }

  // ================================================================ determinism

  @ParameterizedTest
  @MethodSource("seeds")
  void fittingIsDeterministic(long seed) {
    Gen gen = new Gen(seed);
    int n = gen.intBetween(1, 80);
    AccountTable t = trainingTable(gen, n);
    Criteria criteria = randomCriteria(gen, true);
    FittedCriteria first = criteria.fit(t);
    FittedCriteria second = criteria.fit(t);
    assertEquals(first, second, "fitting twice gives equal fitted criteria, seed " + seed);
    assertEquals(first.hashCode(), second.hashCode(), "and equal hashes, seed " + seed);
    assertEquals(first.toString(), second.toString(), "and equal text, seed " + seed);
    FittedCriteria copy = criteria.fit(AccountTable.of(t.ids().toArray(new String[0]),
        t.columns().toArray(new Column[0])));
    assertEquals(first, copy, "fitting an equal table gives equal fitted criteria, seed " + seed);
    FeatureMatrix x1 = first.transform(t);
    FeatureMatrix x2 = second.transform(t);
    assertRowBits(x1.toArray(), x2.toArray(), "identical feature arrays, seed " + seed);
    assertEquals(x1, x2, "equal feature matrices, seed " + seed);
    assertEquals(x1, first.transform(t), "transforming twice, seed " + seed);
  }

  // ================================================================ helpers

  private static void checkEveryAccountAccountedFor(FeatureMatrix m, String what) {
    Set<Integer> rows = new HashSet<>();
    int last = -1;
    for (RowIssue issue : m.issues()) {
      assertTrue(rows.add(issue.row()), "at most one issue per account, " + what);
      assertTrue(issue.row() > last, "issues in row order, " + what);
      last = issue.row();
      assertEquals(m.accountIds().get(issue.row()), issue.accountId(), "issue account id, " + what);
    }
    for (int i = 0; i < m.rowCount(); i++) {
      assertEquals(!rows.contains(i), m.isComplete(i), "complete iff no issue, " + what);
      for (double v : m.row(i)) {
        if (m.isComplete(i)) {
          assertTrue(Double.isFinite(v), "complete rows are finite, " + what);
        } else {
          assertTrue(Double.isNaN(v), "incomplete rows are NaN, " + what);
        }
      }
    }
  }

  private static RowIssue issueOf(FeatureMatrix m, int row) {
    for (RowIssue issue : m.issues()) {
      if (issue.row() == row) {
        return issue;
      }
    }
    return fail("no issue for row " + row);
  }

  private static void assertBits(double expected, double actual, String what) {
    if (Double.doubleToRawLongBits(expected) != Double.doubleToRawLongBits(actual)) {
      fail(what + " ==> expected bits of " + expected + " but was " + actual);
    }
  }

  private static void assertRowBits(double[] expected, double[] actual, String what) {
    assertEquals(expected.length, actual.length, "row length, " + what);
    for (int j = 0; j < expected.length; j++) {
      assertBits(expected[j], actual[j], "feature " + j + " of " + what);
    }
  }

  private static boolean isConstant(double[] v) {
    for (double x : v) {
      if (x != v[0]) {
        return false;
      }
    }
    return true;
  }

  private static double[] keep(double[] v, boolean[] keep) {
    double[] out = new double[v.length];
    int k = 0;
    for (int i = 0; i < v.length; i++) {
      if (keep[i]) {
        out[k++] = v[i];
      }
    }
    return Arrays.copyOf(out, k);
  }

  private static double maxAbs(double[] v) {
    double m = 0;
    for (double x : v) {
      m = Math.max(m, Math.abs(x));
    }
    return m;
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  private static double populationStd(double[] v) {
    double m = mean(v);
    double s = 0;
    for (double x : v) {
      s += (x - m) * (x - m);
    }
    return Math.sqrt(s / v.length);
  }
}
