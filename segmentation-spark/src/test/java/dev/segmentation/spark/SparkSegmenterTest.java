package dev.segmentation.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Criteria;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.criteria.MissingPolicy;
import dev.segmentation.core.json.ModelJson;
import dev.segmentation.core.model.AbcModel;
import dev.segmentation.core.model.Assignment;
import dev.segmentation.core.model.KMeans;
import dev.segmentation.core.model.MatrixModel;
import dev.segmentation.core.model.QuantileModel;
import dev.segmentation.core.model.RuleModel;
import dev.segmentation.core.model.Segment;
import dev.segmentation.core.model.SegmentModel;
import dev.segmentation.core.table.DateColumn;
import dev.segmentation.core.table.NumericColumn;
import dev.segmentation.testing.Gen;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Distributed scoring equals single-machine assignment for every model kind. */
class SparkSegmenterTest {

  static LongStream seeds() {
    return Gen.seeds(3);
  }

  /** A spend table x0..x2 with categorical c0, c1 and a date column d0. */
  private static AccountTable table(Gen g, int rows) {
    AccountTable t = g.spendTable(rows, 3, 2, 0.08);
    LocalDate[] d = new LocalDate[rows];
    for (int i = 0; i < rows; i++) {
      d[i] = g.date(0.1);
    }
    return t.withColumn(DateColumn.of("d0", d));
  }

  private static List<SegmentModel> models(Gen g, AccountTable t) {
    List<SegmentModel> out = new ArrayList<>();
    out.add(QuantileModel.builder().column("x0").deciles().fit(t));
    out.add(QuantileModel.builder()
        .score(Criteria.builder().numeric("x0").log1p().standardize().weight(2.0)
            .numeric("x1").log1p().standardize()
            .missing(MissingPolicy.MARK_UNASSIGNED).build())
        .quartiles().fit(t));
    out.add(AbcModel.builder().value("x1").fit(t));
    RuleModel.Builder rb = RuleModel.builder();
    for (int i = 0; i < 4; i++) {
      rb.segment("Rule " + i).when(g.condition(new String[] {"x0", "x2"},
          new String[] {"c0", "c1"}, 2));
    }
    out.add(g.chance(0.5) ? rb.otherwise("Other").build() : rb.build());
    out.add(MatrixModel.builder()
        .rowAxis("x0").quantiles(1 / 3.0, 2 / 3.0)
        .columnAxis("x2").thresholds(1000)
        .cells("a", "b", "c", "d", "e", "f")
        .build().fit(t));
    out.add(KMeans.builder().clusters(3).restarts(2).seed(g.seed()).build()
        .fit(t, Criteria.builder().numeric("x0").log1p().standardize()
            .numeric("x1").log1p().standardize()
            .categorical("c0").oneHot()
            .missing(MissingPolicy.MEDIAN)
            .build()));
    return out;
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void everyModelKindAssignsAsOnOneMachine(long seed) {
    Gen g = new Gen(seed);
    AccountTable t = table(g, 300);
    Dataset<Row> ds = SparkTestSession.dataset(t, 3);
    for (SegmentModel model : models(g, t)) {
      SparkSegmenter s = SparkSegmenter.builder(model).blockSize(g.intBetween(1, 64)).build();
      assertEquals(model, s.model(), "seed " + seed + ": model survives the JSON trip");
      assertSame(seed, model, model.assign(t), s.assign(ds).collectAsList());
    }
  }

  private static void assertSame(long seed, SegmentModel model, Segmentation expected,
      List<Row> rows) {
    String kind = model.kind();
    assertEquals(expected.size(), rows.size(), "seed " + seed + " " + kind + ": one row per account");
    Map<String, Row> byId = new HashMap<>();
    for (Row r : rows) {
      byId.put(r.getString(0), r);
    }
    List<Segment> segments = model.segments();
    for (int i = 0; i < expected.size(); i++) {
      Assignment a = expected.assignment(i);
      Row r = byId.get(a.accountId());
      int w = r.length();
      String what = "seed " + seed + " " + kind + ", account " + a.accountId();
      if (a.isAssigned()) {
        assertEquals(segments.get(a.segment()).id(), r.getString(w - 3), what + ": segment id");
        assertEquals(segments.get(a.segment()).name(), r.getString(w - 2), what + ": name");
        assertTrue(r.isNullAt(w - 1), what + ": no reason");
      } else {
        assertTrue(r.isNullAt(w - 3), what + ": no segment id");
        assertTrue(r.isNullAt(w - 2), what + ": no segment name");
        assertEquals(a.reason().name(), r.getString(w - 1), what + ": reason");
      }
    }
  }

  @Test
  void acceptsModelJsonAndCustomColumnNamesAndOtherSparkTypes() {
    Gen g = new Gen(11);
    AccountTable t = g.spendTable(120, 2, 1, 0.05);
    QuantileModel m = QuantileModel.builder().column("x0").quartiles().fit(t);
    Dataset<Row> ds = SparkTestSession.dataset(t, 2)
        .withColumnRenamed("id", "customer")
        .withColumn("x0", org.apache.spark.sql.functions.col("x0").cast("decimal(20,2)"));
    Dataset<Row> out = SparkSegmenter.builder(ModelJson.write(m))
        .idColumn("customer").segmentIdColumn("q").segmentNameColumn("qn").reasonColumn("why")
        .build().assign(ds);
    assertEquals(List.of("customer", "x0", "x1", "c0", "q", "qn", "why"),
        List.of(out.schema().fieldNames()), "added columns at the end");
    // decimals with two places: the single-machine table gets the same rounded values
    double[] x0 = t.numeric("x0").toArray();
    for (int i = 0; i < x0.length; i++) {
      x0[i] = Double.isNaN(x0[i]) ? x0[i] : new java.math.BigDecimal(x0[i])
          .setScale(2, java.math.RoundingMode.HALF_UP).doubleValue();
    }
    AccountTable rounded = AccountTable.of(t.ids().toArray(new String[0]),
        NumericColumn.of("x0", x0), t.column("x1"), t.column("c0"));
    assertSame(11, m, m.assign(rounded), out.collectAsList());
  }

  @Test
  void missingColumnsAndClashingNamesFailEarly() {
    Gen g = new Gen(5);
    AccountTable t = g.spendTable(20, 1, 0, 0.0);
    Dataset<Row> ds = SparkTestSession.dataset(t, 1);
    SparkSegmenter s = SparkSegmenter.builder(AbcModel.builder().value("x0").fit(t)).build();
    DataValidationException e = assertThrows(DataValidationException.class,
        () -> s.assign(ds.drop("x0")));
    assertEquals("Column 'x0' (a column the model reads) is not in the dataset; columns are: id.",
        e.getMessage(), "message names the column and lists the dataset's columns");
    IllegalArgumentException clash = assertThrows(IllegalArgumentException.class,
        () -> s.assign(ds.withColumnRenamed("x0", "x0").withColumn("segment_id",
            org.apache.spark.sql.functions.lit("x"))));
    assertTrue(clash.getMessage().startsWith("Output column 'segment_id' is already a column"),
        clash.getMessage());
    assertThrows(IllegalStateException.class,
        () -> SparkSegmenter.builder(AbcModel.builder().value("x0").fit(t)).reasonColumn("segment_id")
            .build(), "output columns must differ");
  }

}
