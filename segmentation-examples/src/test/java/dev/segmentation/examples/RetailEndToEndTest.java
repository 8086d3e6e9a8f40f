package dev.segmentation.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.allocation.AllocationProblem;
import dev.segmentation.allocation.LimitUsage;
import dev.segmentation.allocation.territory.TerritoryPlan;
import dev.segmentation.core.insight.PriorityEntry;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetailEndToEndTest {

  private static RetailEndToEnd.Result result;

  @BeforeAll
  static void run() {
    result = RetailEndToEnd.run(BundledData.path("retail_customers.csv"));
  }

  @Test
  void everyCustomerIsSegmentedAndPlannedWithinTheLimits() {
    assertEquals(4_338, result.segmentation().size());
    assertEquals(0, result.segmentation().unassignedCount(), "RFM has no missing values");
    assertTrue(result.plan().isFeasible(), result.plan().status().toString());
    assertEquals(4_338, result.plan().accountIds().size());
    for (LimitUsage u : result.plan().limits()) {
      assertTrue(u.used() <= u.capacity() * (1 + 1e-9), "limit " + u);
    }
    assertTrue(result.plan().gap() < 1e-3, "near-optimal plan, gap " + result.plan().gap());
  }

  @Test
  void territoriesAreBalancedAndYearTwoKeepsMostOwners() {
    for (TerritoryPlan t : List.of(result.year1(), result.year2())) {
      assertTrue(t.isBalanced(), t.toString());
      Set<String> seen = new HashSet<>();
      for (TerritoryPlan.AccountAssignment a : t.accounts()) {
        if (!a.rep().isEmpty()) {
          assertTrue(seen.add(a.accountId()), "assigned once: " + a.accountId());
        }
      }
      assertEquals(t.reps().stream().mapToInt(TerritoryPlan.RepLoad::accounts).sum(), seen.size());
    }
    assertEquals(3, result.year1().reps().size());
    assertEquals(4, result.year2().reps().size());
    assertEquals(result.year1().reps().stream().mapToInt(TerritoryPlan.RepLoad::accounts).sum(),
        result.year2().ownedAccounts(), "year-1 owners are year 2's current owners");
    assertTrue(result.year2().keptShare() > 0.5, "most accounts keep their rep: "
        + result.year2().keptShare());
  }

  @Test
  void quotasAddUpExactlyAndPrioritiesAreRanked() {
    BigDecimal sum = BigDecimal.ZERO;
    for (String rep : result.quotas().quotasByRep().keySet()) {
      sum = sum.add(result.quotas().exactQuota(rep));
    }
    assertEquals(0, sum.compareTo(BigDecimal.valueOf(result.quotas().targetUnits() * 1_000L)),
        "quotas sum to the target: " + sum);
    List<PriorityEntry> entries = result.priorities().entries();
    assertEquals(4_338, entries.size(), "every account is on the list");
    for (int i = 1; i < entries.size(); i++) {
      PriorityEntry a = entries.get(i - 1);
      PriorityEntry b = entries.get(i);
      boolean ordered = !(b.expectedValue() > a.expectedValue())
          || Double.isNaN(a.expectedValue());
      assertTrue(ordered, "ranked by expected value at " + i);
      assertEquals(i + 1, b.rank());
    }
    assertFalse(result.priorities().byGroup("rep").isEmpty());
  }

  @Test
  void reportIsSelfContainedAndTheFlowIsDeterministic(@TempDir Path dir) throws Exception {
    String html = result.html();
    assertFalse(html.contains("<script"));
    assertEquals(4, html.split("<svg ", -1).length - 1, "four charts");
    assertTrue(html.contains("Top accounts per rep"));
    RetailEndToEnd.writeReport(result, dir.resolve("r.html"));
    assertEquals(html, Files.readString(dir.resolve("r.html")));
    RetailEndToEnd.Result again = RetailEndToEnd.run(BundledData.path("retail_customers.csv"));
    assertEquals(result.text(), again.text(), "same data, same report text");
    assertEquals(html, again.html(), "same data, same HTML bytes");
  }
}
