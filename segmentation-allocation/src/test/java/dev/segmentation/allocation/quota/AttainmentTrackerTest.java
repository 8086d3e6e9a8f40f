package dev.segmentation.allocation.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.allocation.json.PlanningJson;
import dev.segmentation.core.AccountTable;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.UnassignedReason;
import dev.segmentation.core.model.Segment;
import dev.segmentation.core.table.CategoricalColumn;
import dev.segmentation.core.table.NumericColumn;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AttainmentTrackerTest {

  static final AttainmentTracker TRACKER = AttainmentTracker.builder().ownerColumn("rep")
      .revenueColumn("revenue").potentialColumn("potential").segmentColumn("tier").build();

  /** The table of the golden attainment report. */
  static AccountTable goldenTable() {
    return AccountTable.of(new String[] {"c1", "c2", "c3", "c4", "c5", "c6"},
        CategoricalColumn.of("rep", new String[] {"ana", "ana", "ben", "ben", null, "ana"}),
        CategoricalColumn.of("tier", new String[] {"A", "B", "A", null, "B", "A"}),
        NumericColumn.of("revenue", new double[] {300, 50, 120, 10, 40, 100}),
        NumericColumn.of("potential", new double[] {1000, 0, 400, 0, 100, 500}));
  }

  static AttainmentReport goldenReport() {
    return TRACKER.track(goldenTable(), Map.of("ana", 500.0, "ben", 0.0, "cy", 200.0));
  }

  @Test
  void handWorkedExample() {
    AttainmentReport r = goldenReport();
    assertEquals(List.of("ana", "ben", "cy", ""), r.reps().stream().map(RepAttainment::rep).toList(),
        "reps sorted, unowned last, reps with a quota but no accounts included");
    RepAttainment ana = r.rep("ana");
    assertEquals(3, ana.accounts(), "ana's accounts");
    assertEquals(450, ana.revenue(), 0, "ana's revenue");
    assertEquals(450.0 / 1500, ana.shareOfWallet(), 1e-15, "ana's share of wallet");
    assertEquals(0.9, ana.attainment(), 1e-15, "ana's attainment");
    assertTrue(Double.isNaN(r.rep("ben").attainment()), "quota 0: attainment undefined");
    assertTrue(Double.isNaN(r.rep("cy").shareOfWallet()), "potential 0: share of wallet undefined");
    assertTrue(Double.isNaN(r.rep("").quota()), "unowned accounts have no quota");
    RepSegmentAttainment anaB = r.cells().stream()
        .filter(c -> c.rep().equals("ana") && c.segment().equals("B")).findFirst().orElseThrow();
    assertTrue(Double.isNaN(anaB.shareOfWallet()), "no potential in ana/B");
    assertEquals(0.1, anaB.quotaContribution(), 1e-15, "50 of 500");
    assertTrue(r.cells().stream().anyMatch(c -> c.rep().equals("ben") && c.segment().isEmpty()),
        "accounts without segment under segment \"\"");
    String text = r.toString();
    assertTrue(text.contains("(none)") && text.contains("90.0%") && text.contains("NA"), text);
  }

  @Test
  void segmentsFromASegmentation() {
    AccountTable t = goldenTable();
    Segmentation s = Segmentation.of(t, List.of(new Segment(0, "X", "X", "x")),
        new int[] {0, 0, -1, 0, 0, 0}, new UnassignedReason[] {null, null,
            UnassignedReason.MISSING_VALUE, null, null, null}, new String[6]);
    AttainmentReport r = TRACKER.track(s, Map.of());
    assertEquals(List.of("ana|X", "ben|X", "ben|", "|X"), r.cells().stream()
        .map(c -> c.rep() + "|" + c.segment()).toList(), "segments of the segmentation");
  }

  @Test
  void badInputIsNamed() {
    AccountTable t = AccountTable.of(new String[] {"c1"}, CategoricalColumn.of("rep",
        new String[] {"ana"}), NumericColumn.of("revenue", new double[] {Double.NaN}),
        NumericColumn.of("potential", new double[] {1}));
    AttainmentTracker plain = AttainmentTracker.builder().ownerColumn("rep").revenueColumn("revenue")
        .potentialColumn("potential").build();
    DataValidationException e = assertThrows(DataValidationException.class,
        () -> plain.track(t, Map.of()));
    assertTrue(e.getMessage().contains("'revenue'") && e.getMessage().contains("\"c1\""),
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> plain.track(goldenTable(),
        Map.of("ana", -1.0)), "negative quota");
    assertThrows(IllegalStateException.class, () -> AttainmentTracker.builder().build(), "columns");
  }

  static LongStream seeds() {
    return LongStream.range(0, 200);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void cellsAddUpToRepsAndRoundTrip(long seed) {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    int n = rng.nextInt(60);
    String[] ids = new String[n];
    String[] reps = new String[n];
    String[] tiers = new String[n];
    double[] revenue = new double[n];
    double[] potential = new double[n];
    for (int i = 0; i < n; i++) {
      ids[i] = "c" + i;
      reps[i] = rng.nextInt(8) == 0 ? null : "rep-" + rng.nextInt(5);
      tiers[i] = rng.nextInt(6) == 0 ? null : "T" + rng.nextInt(3);
      revenue[i] = rng.nextInt(5) == 0 ? 0 : Math.floor(1e5 * rng.nextDouble());
      potential[i] = rng.nextInt(5) == 0 ? 0 : revenue[i] + Math.floor(1e5 * rng.nextDouble());
    }
    AccountTable t = AccountTable.of(ids, CategoricalColumn.of("rep", reps),
        CategoricalColumn.of("tier", tiers), NumericColumn.of("revenue", revenue),
        NumericColumn.of("potential", potential));
    Map<String, Double> quotas = new HashMap<>();
    for (int r = 0; r < 6; r++) {
      if (rng.nextBoolean()) {
        quotas.put("rep-" + r, Math.floor(2e5 * rng.nextDouble()));
      }
    }
    AttainmentReport report = TRACKER.track(t, quotas);
    int accounts = 0;
    for (RepAttainment r : report.reps()) {
      accounts += r.accounts();
      double rev = 0;
      double contribution = 0;
      int cellAccounts = 0;
      for (RepSegmentAttainment c : report.cells()) {
        if (c.rep().equals(r.rep())) {
          rev += c.revenue();
          contribution += c.quotaContribution();
          cellAccounts += c.accounts();
        }
      }
      assertEquals(r.accounts(), cellAccounts, "seed " + seed + ": accounts of " + r.rep());
      assertEquals(r.revenue(), rev, 1e-9 * Math.max(1, rev), "seed " + seed + ": revenue of " + r.rep());
      if (!Double.isNaN(r.attainment()) && r.accounts() > 0) {
        assertEquals(r.attainment(), contribution, 1e-9 * Math.max(1, contribution),
            "seed " + seed + ": contributions add up to attainment of " + r.rep());
      }
    }
    assertEquals(n, accounts, "seed " + seed + ": every account counted once");
    assertEquals(report, TRACKER.track(t, quotas), "seed " + seed + ": same input, same report");
    assertEquals(report, PlanningJson.readAttainmentReport(PlanningJson.write(report)),
        "seed " + seed + ": JSON round trip");
  }
}
