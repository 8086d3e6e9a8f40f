package dev.segmentation.core.insight;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Criteria;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.criteria.FittedCriteria;
import dev.segmentation.core.criteria.MissingPolicy;
import dev.segmentation.core.model.Assignment;
import dev.segmentation.core.model.Segment;
import dev.segmentation.core.UnassignedReason;
import dev.segmentation.core.table.CategoricalColumn;
import dev.segmentation.core.table.Column;
import dev.segmentation.core.table.NumericColumn;
import dev.segmentation.testing.Gen;
import java.util.ArrayList;
import java.util.List;

/** Seeded account tables for the insight tests. */
final class InsightFixtures {

  private InsightFixtures() {}

  static final String[] LINES = {"software", "services", "hardware"};

  /**
   * Accounts with revenue, potential (sometimes below revenue, 0 or missing), spend per product
   * line, features f1, f2 (f1 sometimes missing), region, rep, territory and response.
   */
  static AccountTable accounts(Gen g, int n, double missingRate) {
    String[] ids = new String[n];
    double[] revenue = new double[n];
    double[] potential = new double[n];
    double[][] spend = new double[LINES.length][n];
    double[] f1 = new double[n];
    double[] f2 = new double[n];
    String[] region = new String[n];
    String[] rep = new String[n];
    String[] territory = new String[n];
    double[] response = new double[n];
    int grid = g.intBetween(0, 1);
    for (int i = 0; i < n; i++) {
      ids[i] = g.chance(0.8) ? String.format(java.util.Locale.ROOT, "A%04d", i)
          : g.pick("Kunde-", "x,y ", "q\"uote", "客户", "🙂") + i;
      double total = 0;
      for (int l = 0; l < LINES.length; l++) {
        spend[l][i] = g.chance(0.4) ? 0.0 : Math.floor(g.rng().nextDouble() * 1000);
        total += spend[l][i];
      }
      revenue[i] = g.chance(missingRate) ? Double.NaN : total;
      potential[i] = g.chance(missingRate) ? Double.NaN
          : g.chance(0.1) ? 0.0 : Math.floor(total * (0.5 + 2 * g.rng().nextDouble()));
      f1[i] = i > 0 && g.chance(missingRate) ? Double.NaN
          : grid == 0 ? g.intBetween(0, 4) : (g.rng().nextDouble() - g.rng().nextDouble()) * 10;
      f2[i] = grid == 0 ? g.intBetween(0, 2) : g.rng().nextDouble();
      region[i] = g.pick("North", "South", "East");
      rep[i] = g.chance(missingRate) ? null : g.pick("Ann", "Bob", "Cem", "Dora", "Zoë, Jr.");
      territory[i] = g.pick("T1", "T2");
      response[i] = g.chance(missingRate) ? Double.NaN : g.intBetween(0, 4) * 0.25;
    }
    List<Column> cols = new ArrayList<>();
    cols.add(NumericColumn.of("revenue", revenue));
    cols.add(NumericColumn.of("potential", potential));
    for (int l = 0; l < LINES.length; l++) {
      cols.add(NumericColumn.of(LINES[l], spend[l]));
    }
    cols.add(NumericColumn.of("f1", f1));
    cols.add(NumericColumn.of("f2", f2));
    cols.add(CategoricalColumn.of("region", region));
    cols.add(CategoricalColumn.of("rep", rep));
    cols.add(CategoricalColumn.of("territory", territory));
    cols.add(NumericColumn.of("response", response));
    return AccountTable.of(ids, cols.toArray(new Column[0]));
  }

  /** f1 (standardized, weight 2, missing = no features), f2 (min-max) and region (one-hot). */
  static FittedCriteria criteria(AccountTable t) {
    return Criteria.builder()
        .numeric("f1").standardize().weight(2.0).ifMissing(MissingPolicy.MARK_UNASSIGNED)
        .numeric("f2").minMax()
        .categorical("region")
        .missing(MissingPolicy.MEDIAN)
        .build()
        .fit(t);
  }

  /** Three segments by row index modulo 4 (3 = unassigned). */
  static Segmentation segmentation(AccountTable t) {
    int n = t.rowCount();
    int[] seg = new int[n];
    UnassignedReason[] reasons = new UnassignedReason[n];
    String[] details = new String[n];
    for (int i = 0; i < n; i++) {
      seg[i] = i % 4 == 3 ? Assignment.UNASSIGNED : i % 4;
      reasons[i] = i % 4 == 3 ? UnassignedReason.NO_RULE_MATCHED : null;
    }
    List<Segment> segments = List.of(new Segment(0, "A", "Key", ""), new Segment(1, "B", "Core", ""),
        new Segment(2, "C", "Tail", ""));
    return Segmentation.of(t, segments, seg, reasons, details);
  }
}
