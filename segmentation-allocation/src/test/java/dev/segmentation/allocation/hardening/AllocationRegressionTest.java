package dev.segmentation.allocation.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.allocation.AllocationPlan;
import dev.segmentation.allocation.AllocationProblem;
import dev.segmentation.allocation.Channel;
import dev.segmentation.allocation.CoverageOption;
import dev.segmentation.allocation.LimitUsage;
import dev.segmentation.allocation.PerAccount;
import dev.segmentation.allocation.PlanStatus;
import dev.segmentation.allocation.ResponseModel;
import dev.segmentation.allocation.Role;
import dev.segmentation.allocation.SolveLimits;
import dev.segmentation.allocation.json.TerritoryJson;
import dev.segmentation.allocation.territory.TerritoryAccount;
import dev.segmentation.allocation.territory.TerritoryProblem;
import dev.segmentation.allocation.territory.TerritoryRep;
import dev.segmentation.core.AccountTable;
import dev.segmentation.core.ModelFormatException;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.UnassignedReason;
import dev.segmentation.core.model.Segment;
import dev.segmentation.core.table.NumericColumn;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Regression cases found by the bad-input matrix of the allocation module. */
@Timeout(30)
class AllocationRegressionTest {

  private static AllocationProblem problem(double hours, double budget) {
    int n = 6;
    String[] ids = new String[n];
    double[] r = new double[n];
    double[] p = new double[n];
    double[] h = new double[n];
    int[] seg = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = "acc-" + i;
      r[i] = 1000 + 500 * i;
      p[i] = 3000 + 700 * i;
      h[i] = 10 + i;
      seg[i] = i % 2;
    }
    AccountTable t = AccountTable.of(ids, NumericColumn.of("revenue", r), NumericColumn.of("potential", p),
        NumericColumn.of("fieldHours", h));
    Segmentation s = Segmentation.of(t, List.of(new Segment(0, "A", "A", "a"), new Segment(1, "B", "B", "b")),
        seg, new UnassignedReason[n], new String[n]);
    return AllocationProblem.builder().accounts(s).role(Role.of("field", hours)).budget(budget)
        .option(CoverageOption.builder("field", Channel.FIELD).hours("field", PerAccount.column("fieldHours"))
            .cost(500).retention(0.95).effort(6).build())
        .option(CoverageOption.builder("phone", Channel.INSIDE).cost(50).retention(0.9).effort(2).build())
        .option(CoverageOption.builder("none", Channel.NONE).retention(0.7).build())
        .responseModel(new ResponseModel("revenue", "potential", 0.25, 4, 1.0)).build();
  }

  /** Limits of 1e308 used to stall the cutting-plane dual until the iteration limit (minutes). */
  @Test
  void hugeLimitsSolveLikeLimitsThatDoNotBind() {
    AllocationPlan huge = problem(1e308, 1e308).solve(SolveLimits.defaults().maxIterations(20_000));
    AllocationPlan roomy = problem(1e6, 1e9).solve(SolveLimits.defaults().maxIterations(20_000));
    assertEquals(PlanStatus.OPTIMAL, huge.status(), huge::toString);
    assertEquals(roomy.objective(), huge.objective(), 1e-9 * Math.abs(roomy.objective()), "same plan value");
    for (int i = 0; i < huge.accountIds().size(); i++) {
      assertEquals(roomy.option(i), huge.option(i), "option of account " + i);
    }
    for (LimitUsage u : huge.limits()) {
      assertEquals(1e308, u.capacity(), "the reported capacity is the problem's, not the solver's");
      assertEquals(0.0, u.shadowPrice(), "a limit that cannot bind is worth nothing");
    }
  }

  /** Workloads, potentials or capacities near 1e308 used to overflow in the territory dual (index -1). */
  @Test
  void territoryTotalsNearTheEndOfTheDoubleRangeAreRejectedNamingThem() {
    double[][] bad = {{1e308, 1, 100}, {1, 1e308, 100}, {1, 1, 1e308}};
    for (double[] c : bad) {
      TerritoryProblem.Builder b = TerritoryProblem.builder().role("field")
          .rep(TerritoryRep.of("ana", "field", c[2])).rep(TerritoryRep.of("ben", "field", 100))
          .account(TerritoryAccount.of("a", c[0], c[1])).account(TerritoryAccount.of("b", 1, 1));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
      assertTrue(e.getMessage().contains("too large") && e.getMessage().contains("1.0E300"), e.getMessage());
    }
    TerritoryProblem big = TerritoryProblem.builder().role("field")
        .rep(TerritoryRep.of("ana", "field", 100)).rep(TerritoryRep.of("ben", "field", 100))
        .account(TerritoryAccount.of("a", 9e299, 1)).account(TerritoryAccount.of("b", 1, 1)).build();
    assertEquals(2, big.solve().accounts().size(), "1e299-sized workloads still solve");
    String json = TerritoryJson.write(big).replace("9.0E299", "1.0E308");
    assertThrows(ModelFormatException.class, () -> TerritoryJson.readProblem(json), "the reader wraps it");
  }

  /** A NaN target used to be reported as "needs target(...)", as if none had been set. */
  @Test
  void quotaTargetNaNIsReportedAsAnInvalidValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> dev.segmentation.allocation.quota.QuotaPlanner.builder().target(Double.NaN).build());
    assertTrue(e.getMessage().contains("target must be finite") && e.getMessage().contains("NaN"),
        e.getMessage());
    assertThrows(IllegalStateException.class,
        () -> dev.segmentation.allocation.quota.QuotaPlanner.builder().build(), "no target set");
  }
}
