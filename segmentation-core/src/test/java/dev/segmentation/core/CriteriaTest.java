package dev.segmentation.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.core.criteria.Criterion;
import dev.segmentation.core.criteria.CriterionKind;
import dev.segmentation.core.criteria.FeatureMatrix;
import dev.segmentation.core.criteria.FittedCriteria;
import dev.segmentation.core.criteria.FittedTransform;
import dev.segmentation.core.criteria.MissingPolicy;
import dev.segmentation.core.criteria.QuantileMethod;
import dev.segmentation.core.criteria.Transform;
import dev.segmentation.core.criteria.UnseenCategoryPolicy;
import dev.segmentation.core.table.CategoricalColumn;
import dev.segmentation.core.table.DateColumn;
import dev.segmentation.core.table.NumericColumn;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CriteriaTest {

  private static AccountTable wholesale() {
    return AccountTable.builder()
        .categorical("Region").numeric("Fresh").numeric("Grocery")
        .addRow("C-1", "Lisbon", 12669, 7561)
        .addRow("C-2", "Porto", 7057, 9568)
        .addRow("C-3", "Other", 6353, 4221)
        .addRow("C-4", "Porto", 13265, 7198)
        .build();
  }

  private static AccountTable oneColumn(String name, double... values) {
    String[] ids = new String[values.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = "A-" + (i + 1);
    }
    return AccountTable.of(ids, NumericColumn.of(name, values));
  }

  // ---------------------------------------------------------------- builder steps

  @Test
  void builderBuildsCriteriaInOrder() {
    Criteria c = Criteria.builder()
        .numeric("Grocery").log1p().standardize().weight(2.0)
        .numeric("Fresh").log1p().robust(QuantileMethod.TYPE_6).winsorize(0.05, 0.95).clip(-3, 3)
        .ratio("share", "Fresh", "Grocery").minMax()
        .difference("gap", "Grocery", "Fresh")
        .derived("double", "2 * Fresh", r -> 2 * r.numeric("Fresh"))
        .categorical("Region").oneHot().weight(0.5).unseen(UnseenCategoryPolicy.ALL_ZERO)
        .build();
    assertEquals(List.of("Grocery", "Fresh", "share", "gap", "double", "Region"), c.names(),
        "criteria in definition order");
    Criterion grocery = c.criteria().get(0);
    assertEquals(CriterionKind.NUMERIC, grocery.kind(), "kind");
    assertEquals(List.of(new Transform.Log1p(), new Transform.Standardize()), grocery.transforms(),
        "transforms in order");
    assertEquals(2.0, grocery.weight(), "weight");
    assertEquals(MissingPolicy.REJECT, grocery.missingPolicy(), "default policy is REJECT");
    assertEquals(List.of(new Transform.Log1p(), new Transform.Robust(QuantileMethod.TYPE_6),
            new Transform.Winsorize(0.05, 0.95, QuantileMethod.TYPE_7), new Transform.Clip(-3, 3)),
        c.criteria().get(1).transforms(), "chain of four steps");
    assertEquals(new Criterion.Source.Ratio("Fresh", "Grocery"), c.criteria().get(2).source(),
        "ratio source");
    assertEquals(List.of("Grocery", "Fresh"), c.criteria().get(3).source().columns(),
        "difference reads minuend then subtrahend");
    assertEquals(List.of(), c.criteria().get(4).source().columns(), "custom reads no named column");
    Criterion region = c.criteria().get(5);
    assertEquals(CriterionKind.CATEGORICAL, region.kind(), "categorical kind");
    assertEquals(0.5, region.weight(), "categorical weight");
    assertEquals(UnseenCategoryPolicy.ALL_ZERO, region.unseenCategory(), "unseen policy");
    assertEquals(-1, region.fixedDimension(), "categorical dimension unknown before fitting");
    assertEquals(1, grocery.fixedDimension(), "numeric dimension");
    assertEquals(UnseenCategoryPolicy.ERROR,
        Criteria.builder().categorical("x").build().criteria().get(0).unseenCategory(),
        "default unseen policy is ERROR");
  }

  @Test
  void duplicateNameIsBuilderMisuse() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Criteria.builder().numeric("Fresh").log1p().numeric("Fresh"), "numeric twice");
    assertEquals("Criterion 'Fresh' is defined twice.", e.getMessage(), "duplicate message");
    assertThrows(IllegalStateException.class,
        () -> Criteria.builder().numeric("Fresh").categorical("Fresh"), "numeric and categorical");
    assertThrows(IllegalStateException.class,
        () -> Criteria.builder().ratio("r", "a", "b").difference("r", "a", "b"), "derived twice");
    assertThrows(IllegalArgumentException.class,
        () -> Criteria.of(List.of(Criteria.builder().numeric("a").build().criteria().get(0),
            Criteria.builder().numeric("a").build().criteria().get(0)), MissingPolicy.REJECT),
        "Criteria.of with repeated names");
  }

  @Test
  void badWeight() {
    for (double w : new double[] {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Criteria.builder().numeric("Fresh").weight(w), "numeric weight " + w);
      assertEquals("Criterion 'Fresh': weight must be finite and > 0, was " + w + ".", e.getMessage(),
          "weight message");
      assertThrows(IllegalArgumentException.class,
          () -> Criteria.builder().categorical("Region").weight(w), "categorical weight " + w);
    }
    assertEquals(1e-9, Criteria.builder().numeric("x").weight(1e-9).build().criteria().get(0).weight(),
        "tiny positive weight accepted");
  }

  @Test
  void winsorizeAndClipBounds() {
    double[][] badWinsor = {{0.9, 0.1}, {0.5, 0.5}, {-0.1, 0.5}, {0.5, 1.5}, {Double.NaN, 0.5},
        {0.1, Double.NaN}};
    for (double[] b : badWinsor) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Criteria.builder().numeric("x").winsorize(b[0], b[1]), "winsorize " + b[0] + ", " + b[1]);
      assertTrue(e.getMessage().contains("0 <= lower < upper <= 1"), "winsorize message: " + e.getMessage());
    }
    Criteria.builder().numeric("x").winsorize(0, 1).build();
    double[][] badClip = {{5, 1}, {1, 1}, {Double.NaN, 1}, {0, Double.NaN}};
    for (double[] b : badClip) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Criteria.builder().numeric("x").clip(b[0], b[1]), "clip " + b[0] + ", " + b[1]);
      assertTrue(e.getMessage().contains("min < max"), "clip message: " + e.getMessage());
    }
    Criteria.builder().numeric("x").clip(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY).build();
  }

  @Test
  void otherArgumentChecks() {
    IllegalStateException empty =
        assertThrows(IllegalStateException.class, () -> Criteria.builder().build(), "empty builder");
    assertTrue(empty.getMessage().contains("at least one criterion"), "message: " + empty.getMessage());
    assertThrows(IllegalStateException.class,
        () -> Criteria.builder().missing(MissingPolicy.MEDIAN).build(), "only a default policy");
    assertThrows(IllegalArgumentException.class, () -> Criteria.builder().numeric(" "), "blank name");
    assertThrows(NullPointerException.class, () -> Criteria.builder().numeric(null), "null name");
    assertThrows(IllegalArgumentException.class, () -> Criteria.builder().ratio("r", "a", ""),
        "blank denominator");
    assertThrows(NullPointerException.class, () -> Criteria.builder().missing(null), "null policy");
    assertThrows(IllegalArgumentException.class, () -> Criteria.builder().missingConstant(Double.NaN),
        "NaN default constant");
    IllegalArgumentException imp = assertThrows(IllegalArgumentException.class,
        () -> Criteria.builder().numeric("x").ifMissingImpute(Double.POSITIVE_INFINITY),
        "infinite constant");
    assertTrue(imp.getMessage().contains("'x'"), "message names the criterion: " + imp.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new Criterion("c", CriterionKind.CATEGORICAL, new Criterion.Source.ColumnValue("c"),
            List.of(new Transform.Log1p()), 1, MissingPolicy.REJECT, 0, UnseenCategoryPolicy.ERROR),
        "transforms on a categorical criterion");
    assertThrows(IllegalArgumentException.class,
        () -> new Criterion("c", CriterionKind.CATEGORICAL, new Criterion.Source.Ratio("a", "b"),
            List.of(), 1, MissingPolicy.REJECT, 0, UnseenCategoryPolicy.ERROR),
        "derived categorical criterion");
    assertThrows(IllegalArgumentException.class, () -> Criteria.of(List.of(), MissingPolicy.REJECT),
        "Criteria.of without criteria");
  }

  @Test
  void builderIsReusable() {
    Criteria.Builder b = Criteria.builder();
    b.numeric("a").standardize();
    Criteria first = b.build();
    b.numeric("b");
    Criteria second = b.build();
    assertEquals(List.of("a"), first.names(), "criteria added after build() do not change it");
    assertEquals(List.of("a", "b"), second.names(), "the builder keeps its criteria");
    assertEquals(first, Criteria.builder().numeric("a").standardize().build(), "equal definitions");
    assertEquals(first.hashCode(), Criteria.builder().numeric("a").standardize().build().hashCode(),
        "hash of equal definitions");
    assertNotEquals(first, Criteria.builder().numeric("a").minMax().build(), "different transforms");
  }

  // ---------------------------------------------------------------- missing policies

  @Test
  void defaultMissingPolicyAppliesBeforeAndAfterItsCall() {
    Criteria c = Criteria.builder()
        .numeric("a")
        .missing(MissingPolicy.MEDIAN)
        .numeric("b")
        .numeric("c").ifMissing(MissingPolicy.MEAN)
        .numeric("d").ifMissingImpute(3.5)
        .categorical("e")
        .categorical("f").ifMissing(MissingPolicy.MARK_UNASSIGNED)
        .build();
    assertEquals(MissingPolicy.MEDIAN, c.defaultMissingPolicy(), "default policy");
    assertEquals(List.of(MissingPolicy.MEDIAN, MissingPolicy.MEDIAN, MissingPolicy.MEAN,
            MissingPolicy.CONSTANT, MissingPolicy.MEDIAN, MissingPolicy.MARK_UNASSIGNED),
        c.criteria().stream().map(Criterion::missingPolicy).toList(),
        "default applies to criteria before and after missing(); ifMissing overrides");
    assertEquals(3.5, c.criteria().get(3).missingConstant(), "per-criterion constant");
    assertEquals(0.0, c.criteria().get(0).missingConstant(), "no constant for MEDIAN");
  }

  @Test
  void defaultMissingConstant() {
    Criteria c = Criteria.builder()
        .numeric("a")
        .missingConstant(7.0)
        .numeric("b").ifMissing(MissingPolicy.MEAN)
        .categorical("c")
        .build();
    assertEquals(MissingPolicy.CONSTANT, c.criteria().get(0).missingPolicy(), "constant before the call");
    assertEquals(7.0, c.criteria().get(0).missingConstant(), "default constant");
    assertEquals(MissingPolicy.MEAN, c.criteria().get(1).missingPolicy(), "override");
    assertEquals(0.0, c.criteria().get(1).missingConstant(), "override has no constant");
    assertEquals(MissingPolicy.CONSTANT, c.criteria().get(2).missingPolicy(), "categorical CONSTANT");
    assertEquals(0.0, c.criteria().get(2).missingConstant(), "categorical constant is 0 (no level)");

    Criteria later = Criteria.builder().numeric("a").missingConstant(7.0).missing(MissingPolicy.MEAN)
        .build();
    assertEquals(MissingPolicy.MEAN, later.criteria().get(0).missingPolicy(), "last default wins");
    assertEquals(0.0, later.criteria().get(0).missingConstant(), "constant cleared by missing()");
  }

  @Test
  void missingPoliciesWhenFitting() {
    AccountTable t = oneColumn("x", 1, Double.NaN, 3, 10);
    FittedCriteria median = Criteria.builder().numeric("x").missing(MissingPolicy.MEDIAN).build().fit(t);
    assertEquals(3.0, median.fitted("x").imputeValue(), "median of 1, 3, 10");
    assertEquals(3.0, median.transform(t).get(1, 0), "missing value imputed with the median");
    FittedCriteria mean = Criteria.builder().numeric("x").ifMissing(MissingPolicy.MEAN).build().fit(t);
    assertEquals(14.0 / 3, mean.fitted("x").imputeValue(), 1e-15, "mean of 1, 3, 10");
    FittedCriteria constant = Criteria.builder().numeric("x").ifMissingImpute(-2).build().fit(t);
    assertEquals(-2.0, constant.transform(t).get(1, 0), "constant imputed");
    FittedCriteria mark =
        Criteria.builder().numeric("x").standardize().ifMissing(MissingPolicy.MARK_UNASSIGNED).build().fit(t);
    assertEquals(3, mark.trainingRows(), "MARK_UNASSIGNED rows are not training rows");
    FeatureMatrix m = mark.transform(t);
    assertFalse(m.isComplete(1), "account with a missing value has no features");
    assertTrue(Double.isNaN(m.get(1, 0)), "its row is NaN");
    assertEquals(UnassignedReason.MISSING_VALUE, m.issues().get(0).reason(), "issue reason");
    assertEquals("A-2", m.issues().get(0).accountId(), "issue account");
    assertEquals(Double.NaN, mark.fitted("x").imputeValue(), "no imputed value for MARK_UNASSIGNED");
  }

  // ---------------------------------------------------------------- toString

  @Test
  void toStringHasOneLinePerCriterion() {
    Criteria c = Criteria.builder()
        .numeric("potential").log1p().standardize().weight(2.0)
        .ratio("share", "turnover", "potential").winsorize(0.01, 0.99)
        .difference("gap", "potential", "turnover").ifMissingImpute(0.5)
        .derived("twice", "2 x turnover", r -> 2 * r.numeric("turnover"))
        .categorical("industry").unseen(UnseenCategoryPolicy.MARK_UNASSIGNED)
        .missing(MissingPolicy.MEDIAN)
        .build();
    String[] lines = c.toString().split("\n");
    assertEquals(List.of(
            "Criteria[5 criteria, default missing MEDIAN]",
            "  potential: column potential | log1p, standardize | weight 2.0 | missing MEDIAN",
            "  share: turnover / potential | winsorize(0.01, 0.99) | weight 1.0 | missing MEDIAN",
            "  gap: potential - turnover | weight 1.0 | missing CONSTANT(0.5)",
            "  twice: custom(2 x turnover) | weight 1.0 | missing MEDIAN",
            "  industry: column industry | categorical one-hot, unseen MARK_UNASSIGNED | weight 1.0"
                + " | missing MEDIAN"),
        List.of(lines), "one line per criterion");
    assertTrue(c.toString().endsWith("\n"), "ends with a newline");
  }

  // ---------------------------------------------------------------- fitting errors

  @Test
  void fittingAnEmptyTableFails() {
    AccountTable empty = oneColumn("x");
    DataValidationException e = assertThrows(DataValidationException.class,
        () -> Criteria.builder().numeric("x").build().fit(empty), "empty table");
    assertTrue(e.getMessage().contains("empty table (0 accounts)"), "message: " + e.getMessage());
  }

  @Test
  void unknownColumnListsColumns() {
    DataValidationException e = assertThrows(DataValidationException.class,
        () -> Criteria.builder().numeric("Grocry").build().fit(wholesale()), "unknown column");
    assertEquals("Criterion 'Grocry' reads column 'Grocry', which the table does not have; "
        + "columns are: Region, Fresh, Grocery.", e.getMessage(), "unknown column message");
    assertEquals(Optional.of("Grocry"), e.column(), "exception names the column");
    DataValidationException r = assertThrows(DataValidationException.class,
        () -> Criteria.builder().ratio("r", "Fresh", "Milk").build().fit(wholesale()), "unknown in ratio");
    assertTrue(r.getMessage().contains("'Milk'") && r.getMessage().contains("Region, Fresh, Grocery"),
        "ratio message: " + r.getMessage());
    FittedCriteria f = Criteria.builder().numeric("Fresh").build().fit(wholesale());
    DataValidationException later = assertThrows(DataValidationException.class,
        () -> f.transform(wholesale().select("Grocery")), "column missing when transforming");
    assertTrue(later.getMessage().contains("'Fresh'") && later.getMessage().contains("columns are: Grocery"),
        "transform message: " + later.getMessage());
  }

  @Test
  void numericCriterionOnCategoricalColumnFails() {
    DataValidationException e = assertThrows(DataValidationException.class,
        () -> Criteria.builder().numeric("Region").standardize().build().fit(wholesale()),
        "numeric criterion on a categorical column");
    assertTrue(e.getMessage().contains("'Region'") && e.getMessage().contains("CATEGORICAL")
        && e.getMessage().contains("categorical(\"Region\")"), "message: " + e.getMessage());
    AccountTable dates = AccountTable.of(new String[] {"a"},
        DateColumn.of("since", new LocalDate[] {LocalDate.of(2020, 1, 1)}));
    assertThrows(DataValidationException.class,
        () -> Criteria.builder().categorical("since").build().fit(dates), "categorical on a date column");
    assertThrows(DataValidationException.class,
        () -> Criteria.builder().numeric("since").build().fit(dates), "numeric on a date column");
  }

  @Test
  void infiniteValueNamesAccount() {
    AccountTable t = oneColumn("x", 1, Double.POSITIVE_INFINITY, 3);
    DataValidationException e = assertThrows(DataValidationException.class,
        () -> Criteria.builder().numeric("x").missing(MissingPolicy.MEDIAN).build().fit(t), "infinity");
    assertEquals("Criterion 'x', account \"A-2\": the value is Infinity; criteria need finite numbers "
        + "or missing (NaN).", e.getMessage(), "infinity message");
    assertEquals(Optional.of("A-2"), e.accountId(), "account id");
    assertEquals(Optional.of("x"), e.column(), "criterion");

    AccountTable two = AccountTable.of(new String[] {"a", "b"},
        NumericColumn.of("num", new double[] {1, Double.NEGATIVE_INFINITY}),
        NumericColumn.of("den", new double[] {1, 2}));
    DataValidationException r = assertThrows(DataValidationException.class,
        () -> Criteria.builder().ratio("share", "num", "den").build().fit(two), "infinite numerator");
    assertTrue(r.getMessage().contains("\"b\"") && r.getMessage().contains("column 'num' is -Infinity"),
        "ratio message: " + r.getMessage());
    DataValidationException d = assertThrows(DataValidationException.class,
        () -> Criteria.builder().derived("inf", "1/0", row -> 1.0 / 0.0).build().fit(two),
        "custom function returning infinity");
    assertEquals(Optional.of("a"), d.accountId(), "custom infinity names the account");
  }

  @Test
  void rejectOnMissingNamesAccountAndCriterion() {
    AccountTable t = oneColumn("Fresh", 1, 2, Double.NaN);
    DataValidationException e = assertThrows(DataValidationException.class,
        () -> Criteria.builder().numeric("Fresh").log1p().build().fit(t), "missing under REJECT");
    assertEquals("Criterion 'Fresh', account \"A-3\" (row 2): the value is missing and the policy is "
        + "REJECT.\nChoose MEDIAN, MEAN, CONSTANT or MARK_UNASSIGNED to accept missing values.",
        e.getMessage(), "REJECT message");
    assertEquals(Optional.of("A-3"), e.accountId(), "account id");
    assertEquals(Optional.of("Fresh"), e.column(), "criterion");

    AccountTable cat = AccountTable.builder().categorical("Region")
        .addRow("a", "x").addRow("b", null).build();
    DataValidationException c = assertThrows(DataValidationException.class,
        () -> Criteria.builder().categorical("Region").build().fit(cat), "missing category");
    assertEquals(Optional.of("b"), c.accountId(), "categorical REJECT names the account");

    FittedCriteria f = Criteria.builder().numeric("Fresh").build().fit(oneColumn("Fresh", 1, 2));
    DataValidationException later = assertThrows(DataValidationException.class,
        () -> f.transform(t), "missing under REJECT when transforming");
    assertEquals(Optional.of("A-3"), later.accountId(), "transform names the account");
  }

  @Test
  void log1pOfNegativeNamesAccount() {
    AccountTable t = oneColumn("x", 3, -5, 2);
    DataValidationException e = assertThrows(DataValidationException.class,
        () -> Criteria.builder().numeric("x").log1p().standardize().build().fit(t), "log1p of -5");
    assertEquals("Criterion 'x', account \"A-2\": log1p is undefined for -5.0 (expected a value > -1).",
        e.getMessage(), "log1p message");
    assertEquals(Optional.of("A-2"), e.accountId(), "account id");
    assertThrows(DataValidationException.class,
        () -> Criteria.builder().numeric("x").log1p().build().fit(oneColumn("x", 0, -1)), "log1p of -1");

    FittedCriteria f = Criteria.builder().numeric("x").log1p().build().fit(oneColumn("x", 0, 1));
    DataValidationException later =
        assertThrows(DataValidationException.class, () -> f.transform(t), "log1p when transforming");
    assertEquals(Optional.of("A-2"), later.accountId(), "transform names the account");
  }

  @Test
  void categoricalWithAllMissing() {
    AccountTable t = AccountTable.builder().categorical("Region").numeric("x")
        .addRow("a", null, 1).addRow("b", "", 2).build();
    DataValidationException e = assertThrows(DataValidationException.class,
        () -> Criteria.builder().categorical("Region").missing(MissingPolicy.MEDIAN).build().fit(t),
        "categorical with no level");
    assertTrue(e.getMessage().contains("'Region' has no category"), "message: " + e.getMessage());
    assertEquals(Optional.of("Region"), e.column(), "criterion");
    DataValidationException mark = assertThrows(DataValidationException.class,
        () -> Criteria.builder().numeric("x").categorical("Region").ifMissing(MissingPolicy.MARK_UNASSIGNED)
            .build().fit(t),
        "every account excluded");
    assertTrue(mark.getMessage().contains("all 2 accounts"), "message: " + mark.getMessage());
    DataValidationException numeric = assertThrows(DataValidationException.class,
        () -> Criteria.builder().numeric("x").missing(MissingPolicy.MEDIAN).build()
            .fit(oneColumn("x", Double.NaN, Double.NaN)),
        "numeric with no value");
    assertTrue(numeric.getMessage().contains("'x' has no non-missing value"), "message: " + numeric.getMessage());
    FittedCriteria constant = Criteria.builder().numeric("x").missingConstant(4).build()
        .fit(oneColumn("x", Double.NaN, Double.NaN));
    assertArrayEquals(new double[] {4, 4}, constant.transform(oneColumn("x", Double.NaN, Double.NaN))
        .toArray(), "CONSTANT works without any value");
  }

  @Test
  void customFunctionFailureNamesAccount() {
    AccountTable t = oneColumn("x", 1, 2);
    RuntimeException cause = new ArithmeticException("boom");
    DataValidationException e = assertThrows(DataValidationException.class,
        () -> Criteria.builder().derived("d", "fails on A-2", r -> {
          if (r.id().equals("A-2")) {
            throw cause;
          }
          return 1;
        }).build().fit(t), "custom function throws");
    assertTrue(e.getMessage().contains("\"A-2\"") && e.getMessage().contains("'d'"),
        "message: " + e.getMessage());
    assertSame(cause, e.getCause(), "cause kept");
  }

  @Test
  void unknownFittedCriterionListsNames() {
    FittedCriteria f = Criteria.builder().numeric("Fresh").numeric("Grocery").build().fit(wholesale());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> f.fitted("Milk"), "unknown criterion");
    assertEquals("Unknown criterion 'Milk'; criteria are: Fresh, Grocery.", e.getMessage(), "message");
  }

  @Test
  void unseenCategoryErrorNamesAccountCriterionAndLevel() {
    FittedCriteria f = Criteria.builder().categorical("Region").build().fit(wholesale());
    AccountTable fresh = AccountTable.builder().categorical("Region").addRow("N-1", "Porto")
        .addRow("N-2", "Faro").build();
    DataValidationException e = assertThrows(DataValidationException.class, () -> f.transform(fresh),
        "unseen category");
    assertEquals("Criterion 'Region', account \"N-2\": category \"Faro\" did not occur in training; "
        + "known levels are: Lisbon, Other, Porto.\n"
        + "Use unseen(UnseenCategoryPolicy.ALL_ZERO or MARK_UNASSIGNED) to accept new categories.",
        e.getMessage(), "unseen category message");
    assertEquals(Optional.of("N-2"), e.accountId(), "account id");
  }

  @Test
  void fittedStatisticsOnAKnownExample() {
    FittedCriteria f = Criteria.builder()
        .numeric("x").standardize()
        .numeric("y").minMax()
        .numeric("z").robust()
        .build()
        .fit(AccountTable.of(new String[] {"a", "b", "c", "d"},
            NumericColumn.of("x", new double[] {1, 2, 3, 4}),
            NumericColumn.of("y", new double[] {-2, 0, 2, 6}),
            NumericColumn.of("z", new double[] {1, 2, 3, 4})));
    FittedTransform.ZScore z = (FittedTransform.ZScore) f.fitted("x").transforms().get(0);
    assertEquals(2.5, z.mean(), "mean of 1..4");
    assertEquals(Math.sqrt(1.25), z.std(), 1e-15, "population std of 1..4 is sqrt(1.25)");
    assertEquals(new FittedTransform.MinMax(-2, 6), f.fitted("y").transforms().get(0), "min-max");
    // R: quantile(1:4, c(.25, .5, .75)) -> 1.75 2.50 3.25
    assertEquals(new FittedTransform.Robust(2.5, 1.5), f.fitted("z").transforms().get(0), "robust");
    assertEquals(List.of("x", "y", "z"), f.featureNames(), "numeric feature names");
    assertEquals(List.of(), f.warnings(), "no warnings");
    assertTrue(f.toString().contains("z(mean 2.500, std 1.118)"), "toString: " + f);
  }

  @Test
  void numericColumnUsedAsCategorical() {
    AccountTable t = AccountTable.of(new String[] {"a", "b", "c", "d", "e"},
        NumericColumn.of("Region", new double[] {3, 1, 2, Double.NaN, 1}));
    FittedCriteria f =
        Criteria.builder().categorical("Region").ifMissing(MissingPolicy.MEDIAN).build().fit(t);
    assertEquals(List.of("1", "2", "3"), f.fitted("Region").levels(),
        "region codes 1, 2, 3 give levels \"1\", \"2\", \"3\" (not \"1.0\")");
    assertEquals(List.of("Region=1", "Region=2", "Region=3"), f.featureNames(), "feature names");
    assertArrayEquals(new double[] {0, 0, 1, 1, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0},
        f.transform(t).toArray(), "one-hot rows; the missing code is imputed with the mode \"1\"");
  }

  @Test
  void categoricalColumnOfCodes() {
    AccountTable t = AccountTable.of(new String[] {"a", "b", "c", "d"},
        CategoricalColumn.of("Channel", new String[] {"2", "1", "2", "10"}));
    FittedCriteria f = Criteria.builder().categorical("Channel").build().fit(t);
    assertEquals(List.of("Channel=1", "Channel=10", "Channel=2"), f.featureNames(),
        "levels sorted as strings");
    assertArrayEquals(new double[] {0, 0, 1, 1, 0, 0, 0, 0, 1, 0, 1, 0}, f.transform(t).toArray(),
        "one-hot rows");
  }
}
