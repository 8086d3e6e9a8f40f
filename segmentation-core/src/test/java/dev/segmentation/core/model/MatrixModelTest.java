package dev.segmentation.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segmentation.core.AccountTable;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.ModelFormatException;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.UnassignedReason;
import dev.segmentation.core.criteria.QuantileMethod;
import dev.segmentation.core.json.ModelJson;
import dev.segmentation.core.table.CategoricalColumn;
import dev.segmentation.core.table.NumericColumn;
import dev.segmentation.testing.Gen;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Matrix models: bins, cells, missing values, quantile thresholds, JSON and thread safety. */
class MatrixModelTest {

  static LongStream seeds() {
    return Gen.seeds(200);
  }

  static MatrixModel classic() {
    return MatrixModel.builder()
        .rowAxis("turnover").thresholds(1e6)
        .columnAxis("potential").thresholds(5e6)
        .cells("Harvest", "Develop", "Maintain", "Strategic")
        .build()
        .model();
  }

  @Test
  void classicTwoByTwoGrid() {
    AccountTable t = AccountTable.of(new String[] {"lowlow", "lowhigh", "highlow", "highhigh",
        "tieTurnover", "tiePotential", "missingT", "missingBoth"},
        NumericColumn.of("turnover", new double[] {1e5, 1e5, 2e6, 2e6, 1e6, 2e6, Double.NaN,
            Double.NaN}),
        NumericColumn.of("potential", new double[] {1e6, 6e6, 1e6, 6e6, 6e6, 5e6, 1e6,
            Double.NaN}));
    MatrixModel m = classic();
    assertEquals("matrix-model", m.kind(), "kind");
    assertEquals(List.of("Harvest", "Develop", "Maintain", "Strategic"),
        m.segments().stream().map(Segment::name).toList(), "segments in row-major order");
    assertEquals("turnover <= 1000000 and potential > 5000000", m.segments().get(1).description(),
        "Develop = low turnover, high potential");
    Segmentation seg = m.assign(t);
    assertEquals("[0, 1, 2, 3, 1, 2, -1, -1]", Arrays.toString(seg.segmentIndices()),
        "cells; a value equal to a threshold goes to the lower bin");
    Assignment missing = seg.assignment(6);
    assertEquals(UnassignedReason.MISSING_VALUE, missing.unassignedReason().orElseThrow(),
        "missing turnover");
    assertEquals("'turnover' is missing", missing.detail(), "detail names the column");
    assertEquals("'turnover' and 'potential' are missing", seg.assignment(7).detail(),
        "detail names both columns");
    for (int i = 0; i < t.rowCount(); i++) {
      assertEquals(seg.assignment(i), m.assign(t.row(i)), "assign(Row) of row " + i);
    }
  }

  @Test
  void binsAreRightClosed() {
    MatrixModel.Axis a = MatrixModel.Axis.of("x", 1, 2, 3);
    double[] v = {Double.NEGATIVE_INFINITY, -5, 1, Math.nextUp(1.0), 2, 2.5, 3, 3.5,
        Double.POSITIVE_INFINITY};
    int[] expected = {0, 0, 0, 1, 1, 2, 2, 3, 3};
    for (int i = 0; i < v.length; i++) {
      assertEquals(expected[i], a.bin(v[i]), "bin of " + v[i] + " with thresholds 1, 2, 3");
    }
    assertEquals(4, a.binCount(), "bins");
    assertThrows(IllegalArgumentException.class, () -> a.bin(Double.NaN), "NaN has no bin");
    assertEquals(1, MatrixModel.Axis.of("x").binCount(), "no thresholds: one bin");
  }

  @Test
  void anyGridAndCellsWithTheSameNameShareASegment() {
    MatrixModel m = MatrixModel.builder()
        .rowAxis("a").thresholds(10, 20)
        .columnAxis("b").thresholds()
        .cell(0, 0, "Low").cell(1, 0, "Mid").cell(2, 0, "Low")
        .build()
        .model();
    assertEquals(List.of("Low", "Mid"), m.segments().stream().map(Segment::name).toList(),
        "same names are one segment");
    assertEquals("(a <= 10 and b is not missing) or (a > 20 and b is not missing)",
        m.segments().get(0).description(), "description of a two-cell segment");
    assertEquals(0, m.segmentIndex(2, 0), "cell (2, 0)");
    AccountTable t = AccountTable.of(new String[] {"p", "q", "r", "s"},
        NumericColumn.of("a", new double[] {5, 15, 25, 20}),
        NumericColumn.of("b", new double[] {0, 0, 0, Double.NaN}));
    assertEquals("[0, 1, 0, -1]", Arrays.toString(m.assign(t).segmentIndices()), "3 x 1 grid");
    String text = m.toString();
    assertTrue(text.startsWith("MatrixModel: 3 x 1 cells, 2 segments\n"), text);
    assertTrue(text.contains("(10, 20]") && text.contains("> 20") && text.contains("<= 10"), text);
  }

  @Test
  void quantileThresholdsAreLearnedByFit() {
    Gen g = new Gen(3);
    AccountTable training = g.spendTable(500, 2, 0, 0.1);
    MatrixModel.Spec spec = MatrixModel.builder()
        .rowAxis("x0").quantiles(1 / 3.0, 2 / 3.0)
        .columnAxis("x1").quantiles(QuantileMethod.TYPE_1, 0.5)
        .cells("a", "b", "c", "d", "e", "f")
        .build();
    MatrixModel m = spec.fit(training);
    double[] x0 = training.numeric("x0").stream().filter(Double::isFinite).toArray();
    double[] x1 = training.numeric("x1").stream().filter(Double::isFinite).toArray();
    assertEquals(List.of(QuantileMethod.TYPE_7.quantile(x0, 1 / 3.0),
        QuantileMethod.TYPE_7.quantile(x0, 2 / 3.0)), m.rowAxis().thresholds(),
        "row thresholds are type-7 terciles of the finite values");
    assertEquals(List.of(QuantileMethod.TYPE_1.quantile(x1, 0.5)), m.columnAxis().thresholds(),
        "column threshold is the type-1 median");
    assertEquals(QuantileMethod.TYPE_1, m.columnAxis().method(), "method kept");
    assertEquals(List.of(0.5), m.columnAxis().probabilities(), "probabilities kept");
    assertEquals(m, spec.fit(training), "fit is pure");
    assertThrows(IllegalStateException.class, spec::model, "model() needs given thresholds");
    AccountTable ties = AccountTable.of(new String[] {"a", "b", "c", "d"},
        NumericColumn.of("x0", new double[] {0, 0, 0, 1}),
        NumericColumn.of("x1", new double[] {1, 2, 3, Double.POSITIVE_INFINITY}));
    DataValidationException e =
        assertThrows(DataValidationException.class, () -> spec.fit(ties), "tied quantiles");
    assertTrue(e.getMessage().contains("quantiles are both 0"), e.getMessage());
    AccountTable empty = AccountTable.of(new String[] {"a"},
        NumericColumn.of("x0", new double[] {Double.NaN}), NumericColumn.of("x1", new double[] {1}));
    assertThrows(DataValidationException.class, () -> spec.fit(empty), "no finite value");
  }

  @Test
  void builderValidates() {
    assertThrows(IllegalArgumentException.class,
        () -> MatrixModel.builder().rowAxis("x").thresholds(2, 1), "unsorted thresholds");
    assertThrows(IllegalArgumentException.class,
        () -> MatrixModel.builder().rowAxis("x").thresholds(1, 1), "equal thresholds");
    assertThrows(IllegalArgumentException.class,
        () -> MatrixModel.builder().rowAxis("x").thresholds(Double.NaN), "NaN threshold");
    assertThrows(IllegalArgumentException.class,
        () -> MatrixModel.builder().rowAxis("x").quantiles(0.0), "probability 0");
    assertThrows(IllegalArgumentException.class,
        () -> MatrixModel.builder().rowAxis("x").quantiles(0.6, 0.5), "decreasing probabilities");
    assertThrows(IllegalArgumentException.class,
        () -> MatrixModel.builder().rowAxis("x").quantiles(), "no probability");
    IllegalStateException size = assertThrows(IllegalStateException.class,
        () -> MatrixModel.builder().rowAxis("x").thresholds(1).columnAxis("y").thresholds(1)
            .cells("a", "b", "c").build(), "3 names for 4 cells");
    assertTrue(size.getMessage().contains("2 x 2 = 4 cells"), size.getMessage());
    assertThrows(IllegalStateException.class,
        () -> MatrixModel.builder().rowAxis("x").thresholds(1).cells("a", "b").build(),
        "missing column axis");
    assertThrows(IllegalStateException.class,
        () -> MatrixModel.builder().rowAxis("x").thresholds(1).columnAxis("y").thresholds()
            .cell(0, 0, "a").build(), "unnamed cell");
    assertThrows(IllegalStateException.class,
        () -> MatrixModel.builder().rowAxis("x").thresholds(1).columnAxis("y").thresholds()
            .cell(0, 0, "a").cell(1, 0, "b").cell(2, 0, "c").build(), "cell outside the grid");
    assertThrows(IllegalStateException.class,
        () -> MatrixModel.builder().rowAxis("x").thresholds(1).rowAxis("z"), "row axis twice");
    assertThrows(IllegalArgumentException.class,
        () -> MatrixModel.builder().rowAxis("x").thresholds().columnAxis("y").thresholds(1)
            .cells("A b", "a-b").build(), "names with the same slug");
  }

  @Test
  void axisColumnsMustExistAndBeNumeric() {
    AccountTable t = AccountTable.of(new String[] {"a"},
        NumericColumn.of("turnover", new double[] {1}),
        CategoricalColumn.of("potential", new String[] {"high"}));
    DataValidationException type =
        assertThrows(DataValidationException.class, () -> classic().assign(t), "categorical axis");
    assertTrue(type.getMessage().contains("'potential' (the matrix's column axis) is CATEGORICAL"),
        type.getMessage());
    DataValidationException unknown = assertThrows(DataValidationException.class,
        () -> classic().assign(t.select("turnover")), "unknown axis column");
    assertTrue(unknown.getMessage().contains("Unknown column 'potential'")
        && unknown.getMessage().contains("columns are: turnover"), unknown.getMessage());
  }

  @Test
  void goldenFileV1() throws Exception {
    AccountTable training = AccountTable.of(new String[] {"a", "b", "c", "d", "e"},
        NumericColumn.of("turnover", new double[] {1, 2, 3, 4, 5}),
        NumericColumn.of("potential", new double[] {1e6, 2e6, 2.5e6, 5e6, 6e6}));
    MatrixModel fresh = MatrixModel.builder()
        .rowAxis("turnover").thresholds(1e6)
        .columnAxis("potential").quantiles(0.5, 0.75)
        .cells("Harvest", "Develop", "Develop", "Maintain", "Strategic", "Strategic")
        .build()
        .fit(training);
    assertEquals(List.of(2.5e6, 5e6), fresh.columnAxis().thresholds(), "golden thresholds");
    String golden = Files.readString(Path.of("src/test/resources/json/v1/matrix-model.json"),
        StandardCharsets.UTF_8);
    assertEquals(fresh, ModelJson.readMatrixModel(golden), "model read from the golden file");
    assertEquals(fresh, ModelJson.readModel(golden), "readModel dispatches on kind");
    ObjectMapper trees = new ObjectMapper();
    assertEquals(trees.readTree(golden), trees.readTree(ModelJson.write(fresh)),
        "re-written model compared with json/v1/matrix-model.json as JSON trees");
  }

  @Test
  void jsonErrorsNameThePath() {
    String json = ModelJson.write(classic());
    ModelFormatException unsorted = assertThrows(ModelFormatException.class,
        () -> ModelJson.readMatrixModel(json.replace("5000000.0", "-5000000.0, -6000000.0")),
        "unsorted thresholds");
    assertEquals("$.columnAxis.thresholds", unsorted.jsonPath().orElse(null), unsorted.getMessage());
    ModelFormatException cells = assertThrows(ModelFormatException.class,
        () -> ModelJson.readMatrixModel(json.replace("\"Strategic\"", "\"Strategic\", \"More\"")),
        "grid size");
    assertEquals("$.cells", cells.jsonPath().orElse(null), cells.getMessage());
    ModelFormatException kind = assertThrows(ModelFormatException.class,
        () -> ModelJson.readModel(json.replace("matrix-model", "criteria")), "not a model kind");
    assertEquals("$.kind", kind.jsonPath().orElse(null), kind.getMessage());
    ModelFormatException wrong = assertThrows(ModelFormatException.class,
        () -> ModelJson.readRuleModel(json), "matrix read as rule model");
    assertTrue(wrong.getMessage().contains("readMatrixModel"), wrong.getMessage());
  }

  /** A random grid on spend-like columns, given or learned thresholds, 1 to 4 bins per axis. */
  static MatrixModel randomModel(Gen g, AccountTable training) {
    MatrixModel.Builder b = MatrixModel.builder();
    int[] bins = new int[2];
    for (int axis = 0; axis < 2; axis++) {
      MatrixModel.AxisStep step = axis == 0 ? b.rowAxis("x0") : b.columnAxis("x1");
      int k = g.intBetween(0, 3);
      bins[axis] = k + 1;
      if (k > 0 && g.chance(0.5)) {
        double[] p = new double[k];
        for (int i = 0; i < k; i++) {
          p[i] = (i + 1.0) / (k + 1);
        }
        step.quantiles(g.pick(QuantileMethod.values()), p);
      } else {
        double[] t = new double[k];
        for (int i = 0; i < k; i++) {
          t[i] = (i == 0 ? 0 : t[i - 1]) + 1 + Math.floor(g.spend() / 10);
        }
        step.thresholds(t);
      }
    }
    String[] names = new String[bins[0] * bins[1]];
    for (int i = 0; i < names.length; i++) {
      names[i] = g.pick("Harvest", "Develop", "Maintain", "Strategic", "Öl & Gas", "客户");
    }
    return b.cells(names).build().fit(training);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void assignmentFollowsTheBinRuleAndSurvivesJson(long seed) {
    Gen g = new Gen(seed);
    AccountTable training = g.spendTable(g.intBetween(30, 300), 2, 0, 0.0);
    MatrixModel m;
    try {
      m = randomModel(g, training);
    } catch (DataValidationException tiedQuantiles) {
      return; // documented: learned thresholds must be distinct
    }
    // Test accounts: spend values, the thresholds themselves (ties), infinities and NaN.
    List<Double> pool = new ArrayList<>(List.of(Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, 0.0));
    pool.addAll(m.rowAxis().thresholds());
    pool.addAll(m.columnAxis().thresholds());
    int n = g.intBetween(0, 400);
    double[] x0 = new double[n];
    double[] x1 = new double[n];
    for (int i = 0; i < n; i++) {
      x0[i] = g.chance(0.3) ? pool.get(g.intBetween(0, pool.size() - 1)) : g.spend();
      x1[i] = g.chance(0.3) ? pool.get(g.intBetween(0, pool.size() - 1)) : g.spend();
    }
    AccountTable t = AccountTable.of(g.ids(n), NumericColumn.of("x0", x0),
        NumericColumn.of("x1", x1));
    Segmentation seg = m.assign(t);
    for (int i = 0; i < n; i++) {
      Assignment a = seg.assignment(i);
      if (Double.isNaN(x0[i]) || Double.isNaN(x1[i])) {
        assertEquals(UnassignedReason.MISSING_VALUE, a.unassignedReason().orElse(null),
            "seed " + seed + ": row " + i + " has a missing value");
        continue;
      }
      double u = x0[i];
      double v = x1[i];
      int r = (int) m.rowAxis().thresholds().stream().filter(th -> u > th).count();
      int c = (int) m.columnAxis().thresholds().stream().filter(th -> v > th).count();
      String name = m.cells().get(r).get(c);
      assertEquals(name, m.segments().get(a.segment()).name(),
          "seed " + seed + ": row " + i + " (" + x0[i] + ", " + x1[i] + ") in cell (" + r + ", " + c
              + ")\n" + m);
      assertEquals(a, m.assign(t.row(i)), "seed " + seed + ": assign(Row) of row " + i);
    }
    String json = ModelJson.write(m);
    MatrixModel loaded = ModelJson.readMatrixModel(json);
    assertEquals(m, loaded, "seed " + seed + ": model after the JSON trip");
    assertEquals(json, ModelJson.write(loaded), "seed " + seed + ": re-written JSON");
    assertEquals(seg, loaded.assign(t), "seed " + seed + ": loaded model assigns as the saved one");
    assertFalse(json.contains("NaN"), "seed " + seed + ": no NaN in JSON");
  }

  @Test
  void assignmentIsTheSameFromSeveralThreads() throws Exception {
    AccountTable t = new Gen(11).spendTable(20_000, 2, 0, 0.05);
    MatrixModel m = MatrixModel.builder()
        .rowAxis("x0").quantiles(0.25, 0.5, 0.75)
        .columnAxis("x1").quantiles(0.5)
        .cells("a", "b", "c", "d", "e", "f", "g", "h")
        .build()
        .fit(t);
    Segmentation expected = m.assign(t);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Segmentation>> results = new ArrayList<>();
      for (int k = 0; k < 32; k++) {
        results.add(pool.submit(() -> m.assign(t)));
      }
      for (Future<Segmentation> f : results) {
        assertEquals(expected, f.get(), "segmentation computed concurrently");
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
