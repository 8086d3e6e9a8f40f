package dev.segmentation.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.UnassignedReason;
import dev.segmentation.core.json.ModelJson;
import dev.segmentation.core.model.ConditionPropertyTest.Case;
import dev.segmentation.testing.Gen;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Seeded properties of rule models. */
class RuleModelPropertyTest {

  static LongStream seeds() {
    return Gen.seeds(200);
  }

  static RuleModel randomModel(Gen g, String[] numeric, String[] categorical) {
    RuleModel.Builder b = RuleModel.builder();
    int rules = g.intBetween(1, 6);
    for (int i = 0; i < rules; i++) {
      b.segment("Rule " + i).when(g.condition(numeric, categorical, g.intBetween(0, 2)));
    }
    return g.chance(0.5) ? b.otherwise("Other").build() : b.build();
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void firstMatchWinsAndEveryAccountGetsASegmentOrAReason(long seed) {
    Gen g = new Gen(seed);
    Case k = ConditionPropertyTest.randomCase(g);
    AccountTable t = k.table();
    RuleModel m = randomModel(g, k.numeric(), k.categorical());
    Segmentation seg = m.assign(t);
    assertEquals(t.rowCount(), seg.size(), "seed " + seed + ": one assignment per account");
    for (int i = 0; i < t.rowCount(); i++) {
      int expected = ConditionOracle.firstMatch(m, t, i);
      Assignment a = seg.assignment(i);
      assertEquals(expected, a.segment(), "seed " + seed + ": row " + i + " " + t.row(i) + "\n" + m);
      if (a.isAssigned()) {
        assertTrue(a.unassignedReason().isEmpty(), "seed " + seed + ": no reason when assigned");
      } else {
        assertTrue(m.defaultSegment().isEmpty(), "seed " + seed + ": unassigned only without default");
        assertEquals(UnassignedReason.NO_RULE_MATCHED, a.unassignedReason().orElseThrow(),
            "seed " + seed + ": reason of row " + i);
      }
    }
    int step = Math.max(1, t.rowCount() / 50);
    for (int i = 0; i < t.rowCount(); i += step) {
      assertEquals(seg.assignment(i), m.assign(t.row(i)),
          "seed " + seed + ": assign(Row) equals assign(table) for row " + i);
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void loadedModelAssignsExactlyAsSaved(long seed) {
    Gen g = new Gen(seed);
    Case k = ConditionPropertyTest.randomCase(g);
    RuleModel m = randomModel(g, k.numeric(), k.categorical());
    String json = ModelJson.write(m);
    RuleModel loaded = ModelJson.readRuleModel(json);
    assertEquals(m, loaded, "seed " + seed + ": model after the JSON trip");
    assertEquals(json, ModelJson.write(loaded), "seed " + seed + ": re-written JSON");
    assertEquals(m.warnings(), loaded.warnings(), "seed " + seed + ": warnings after the JSON trip");
    assertEquals(m.assign(k.table()), loaded.assign(k.table()),
        "seed " + seed + ": loaded model assigns as the saved one");
    RuleModel.Builder b = RuleModel.builder();
    for (RuleModel.Rule r : m.rules()) {
      b.segment(r.segment().id(), r.segment().name()).when(r.condition().toString());
    }
    RuleModel fromText = m.defaultSegment().isPresent() ? b.otherwise("Other").build() : b.build();
    assertEquals(m, fromText, "seed " + seed + ": model rebuilt from condition texts");
  }

  /** Only interval rules on one column, so that unreachable rules are frequent. */
  @ParameterizedTest
  @MethodSource("seeds")
  void rulesReportedUnreachableNeverMatch(long seed) {
    Gen g = new Gen(seed);
    RuleModel.Builder b = RuleModel.builder();
    int rules = g.intBetween(2, 8);
    double[] grid = {0, 1, 2, 3, 5, 8, 13};
    for (int i = 0; i < rules; i++) {
      Condition.ColumnRef x = Condition.col("x");
      double v = g.pick(0.0, 1.0, 2.0, 3.0, 5.0, 8.0, 13.0);
      double w = g.pick(0.0, 1.0, 2.0, 3.0, 5.0, 8.0, 13.0);
      Condition c = switch (g.intBetween(0, 7)) {
        case 0 -> x.lt(v);
        case 1 -> x.le(v);
        case 2 -> x.gt(v);
        case 3 -> x.ge(v);
        case 4 -> x.eq(v);
        case 5 -> x.ne(v);
        case 6 -> x.between(Math.min(v, w), Math.max(v, w));
        default -> x.gt(Math.min(v, w)).and(x.lt(Math.max(v, w))).or(x.eq(v));
      };
      b.segment("r" + i).when(c);
    }
    RuleModel m = b.build();
    List<Double> values = new ArrayList<>();
    for (double v : grid) {
      values.add(v);
      values.add(v + 0.5);
      values.add(v - 0.5);
    }
    values.add(Double.NEGATIVE_INFINITY);
    values.add(Double.POSITIVE_INFINITY);
    values.add(Double.NaN);
    double[] col = values.stream().mapToDouble(Double::doubleValue).toArray();
    AccountTable t = AccountTable.of(g.ids(col.length),
        dev.segmentation.core.table.NumericColumn.of("x", col));
    int[] counts = m.assign(t).counts();
    for (String w : m.warnings()) {
      int rule = Integer.parseInt(w.substring("Rule ".length(), w.indexOf(' ', "Rule ".length())));
      assertEquals(0, counts[rule - 1], "seed " + seed + ": warned rule " + rule + " took accounts: "
          + w + "\n" + m);
    }
  }
}
