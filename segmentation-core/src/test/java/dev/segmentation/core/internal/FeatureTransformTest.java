package dev.segmentation.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Criteria;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.criteria.FittedCriteria;
import dev.segmentation.core.criteria.MissingPolicy;
import dev.segmentation.core.table.Column;
import dev.segmentation.core.table.NumericColumn;
import dev.segmentation.testing.Gen;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The block-wise fast path of {@link FeatureTransform#run} gives what the column-wise path gives. */
class FeatureTransformTest {

  static LongStream seeds() {
    return Gen.seeds(80);
  }

  private static AccountTable table(Gen g, int rows, int cols, double missing, boolean inf) {
    Column[] c = new Column[cols];
    for (int j = 0; j < cols; j++) {
      double[] v = new double[rows];
      for (int i = 0; i < rows; i++) {
        v[i] = g.cell(missing, inf);
      }
      c[j] = NumericColumn.of("x" + j, v);
    }
    return AccountTable.of(g.ids(rows), c);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void blockPathEqualsColumnPath(long seed) {
    Gen g = new Gen(seed);
    int cols = g.intBetween(1, 4);
    int rows = g.pick(1, 50, 5000, 9000);
    double missing = g.pick(0.0, 0.05, 0.3);
    Criteria.Steps b = Criteria.builder();
    for (int j = 0; j < cols; j++) {
      Criteria.NumericStep s = b.numeric("x" + j);
      if (g.chance(0.15)) {
        s = s.log1p();
      }
      if (g.chance(0.3)) {
        s = s.standardize();
      }
      if (g.chance(0.2)) {
        s = s.clip(-1e6, 1e6);
      }
      if (g.chance(0.3)) {
        s = s.weight(0.5 + g.rng().nextInt(4));
      }
      s = s.ifMissing(g.pick(MissingPolicy.MEDIAN, MissingPolicy.MEAN, MissingPolicy.CONSTANT,
          MissingPolicy.MARK_UNASSIGNED, MissingPolicy.MARK_UNASSIGNED, MissingPolicy.REJECT));
      b = s;
    }
    FittedCriteria fc;
    try {
      fc = b.build().fit(table(g, Math.max(rows, 20), cols, 0.0, false));
    } catch (DataValidationException e) {
      return;
    }
    AccountTable t = table(g, rows, cols, missing, g.chance(0.3));
    FeatureTransform.Result slow;
    try {
      slow = FeatureTransform.runByColumn(fc, t);
    } catch (DataValidationException e) {
      DataValidationException fast = org.junit.jupiter.api.Assertions.assertThrows(
          DataValidationException.class, () -> FeatureTransform.run(fc, t),
          "both paths fail, seed " + seed);
      assertEquals(e.getMessage(), fast.getMessage(), "same error, seed " + seed);
      return;
    }
    FeatureTransform.Result fast = FeatureTransform.run(fc, t);
    assertArrayEquals(slow.data(), fast.data(), "same features, seed " + seed);
    assertEquals(slow.issues(), fast.issues(), "same rows without features, seed " + seed);
    assertEquals(slow.rows(), fast.rows(), "rows, seed " + seed);
    assertEquals(slow.columns(), fast.columns(), "columns, seed " + seed);
  }
}
