package dev.segmentation.core.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.core.AccountTable;
import dev.segmentation.testing.Gen;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WalletReportTest {

  static LongStream seeds() {
    return Gen.seeds(100);
  }

  @Test
  void bandsAndSharesOnAHandExample() {
    AccountTable t = AccountTable.builder()
        .numeric("revenue").numeric("potential").categorical("rep")
        .addRow("a", 10.0, 100.0, "Ann")      // 10%
        .addRow("b", 50.0, 100.0, "Ann")      // 50%
        .addRow("c", 100.0, 100.0, "Bob")     // 100% -> 75-100
        .addRow("d", 5.0, 0.0, "Bob")         // potential 0, revenue > 0 -> >100%
        .addRow("e", 0.0, 0.0, "Bob")         // both 0 -> n/a
        .addRow("f", Double.NaN, 10.0, null)  // missing -> n/a, outside sums
        .build();
    WalletReport r = WalletReport.builder(t).revenue("revenue").potential("potential")
        .byColumn("rep").build();
    WalletGroup all = r.total();
    assertEquals(6, all.accounts(), "all accounts");
    assertEquals(165.0, all.revenue(), "revenue over accounts with both values");
    assertEquals(300.0, all.potential(), "potential over the same accounts");
    assertEquals(0.55, all.shareOfWallet(), 1e-15, "share of wallet");
    assertEquals(List.of(1, 0, 1, 1, 1, 2), all.bandCounts(), "bands");
    List<WalletGroup> reps = r.groups("rep");
    assertEquals(List.of("", "Ann", "Bob"), reps.stream().map(WalletGroup::label).toList(),
        "labels sorted, missing label first");
    assertEquals(0.3, reps.get(1).shareOfWallet(), 1e-15, "Ann: 60 / 200");
    assertTrue(Double.isNaN(reps.get(0).shareOfWallet()), "no potential with revenue: NaN");
    assertTrue(r.toString().contains("75-100%"), r.toString());
    String json = dev.segmentation.core.json.InsightJson.write(r);
    assertTrue(json.startsWith("{\n  \"schemaVersion\": 1,\n  \"kind\": \"wallet-report\""), json);
    assertTrue(json.contains("\"shareOfWallet\": null"), "undefined share written as null:\n" + json);
    assertEquals(json, dev.segmentation.core.json.InsightJson.write(r), "stable output");
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void everyGroupingCoversEveryAccountOnce(long seed) {
    Gen g = new Gen(seed);
    AccountTable t = InsightFixtures.accounts(g, g.intBetween(0, 50), 0.2);
    WalletReport r = WalletReport.builder(t).revenue("revenue").potential("potential")
        .bySegment(InsightFixtures.segmentation(t)).byColumn("rep").byColumn("territory").build();
    for (String dim : List.of("all", "segment", "rep", "territory")) {
      int sum = 0;
      for (WalletGroup w : r.groups(dim)) {
        sum += w.accounts();
      }
      assertEquals(t.rowCount(), sum, "seed " + seed + ": " + dim + " covers every account once");
    }
    assertEquals(3 + (t.rowCount() > 3 ? 1 : 0), r.groups("segment").size(),
        "seed " + seed + ": 3 segments (empty ones too) plus unassigned when present");
  }
}
