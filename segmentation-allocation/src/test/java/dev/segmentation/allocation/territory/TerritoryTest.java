package dev.segmentation.allocation.territory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.allocation.AllocationPlan;
import dev.segmentation.allocation.AllocationProblem;
import dev.segmentation.allocation.Channel;
import dev.segmentation.allocation.CoverageOption;
import dev.segmentation.allocation.PerAccount;
import dev.segmentation.allocation.Role;
import dev.segmentation.allocation.SolveLimits;
import dev.segmentation.core.AccountTable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TerritoryTest {

  /** Two reps 100 km apart, four accounts, two near each rep; equal capacity. */
  static TerritoryProblem.Builder twoTowns() {
    return TerritoryProblem.builder().role("field")
        .rep(TerritoryRep.of("ana", "field", 1000).home(50.0, 8.0))
        .rep(TerritoryRep.of("ben", "field", 1000).home(50.9, 8.0))
        .account(TerritoryAccount.of("a1", 10, 100).location(50.05, 8.0).ownedBy("ben"))
        .account(TerritoryAccount.of("a2", 10, 100).location(50.0, 8.05).ownedBy("ana"))
        .account(TerritoryAccount.of("b1", 10, 100).location(50.85, 8.0).ownedBy("ben"))
        .account(TerritoryAccount.of("b2", 10, 100).location(50.9, 8.05).ownedBy("ben"));
  }

  @Test
  void nearAccountsGoToTheNearRepWhenTheBandsAllow() {
    TerritoryPlan plan = twoTowns().disruptionCost(0).build().solve();
    assertEquals(TerritoryStatus.BALANCED, plan.status(), plan::toString);
    assertEquals(List.of("a1", "a2"), plan.accountsOf("ana"));
    assertEquals(List.of("b1", "b2"), plan.accountsOf("ben"));
    assertEquals(0.0, plan.maxDeviation(), 1e-12);
    assertEquals(0.0, plan.coefficientOfVariation(), 1e-12);
    assertEquals(3, plan.keptAccounts(), "a1 moves from ben to ana");
    assertEquals(4, plan.ownedAccounts());
    assertEquals(0.75, plan.keptShare(), 1e-12);
    assertTrue(plan.lowerBound() <= plan.objective() + 1e-9, plan::toString);
    assertEquals(plan.objective(), plan.lowerBound(), 1e-6 * plan.objective(),
        "the LP bound is tight on this instance");
  }

  @Test
  void locksStayEvenWhenTheyCostTravel() {
    TerritoryProblem p = TerritoryProblem.builder().role("field")
        .rep(TerritoryRep.of("ana", "field", 1000).home(50.0, 8.0))
        .rep(TerritoryRep.of("ben", "field", 1000).home(50.9, 8.0))
        .account(TerritoryAccount.of("a1", 10, 100).location(50.05, 8.0).lockedTo("ben"))
        .account(TerritoryAccount.of("a2", 10, 100).location(50.0, 8.05))
        .account(TerritoryAccount.of("b1", 10, 100).location(50.85, 8.0))
        .account(TerritoryAccount.of("b2", 10, 100).location(50.9, 8.05))
        .build();
    TerritoryPlan plan = p.solve();
    assertEquals("ben", plan.repOf("a1").orElseThrow());
    assertTrue(plan.accounts().get(0).locked());
    assertTrue(plan.isBalanced(), plan::toString);
    assertEquals(2, plan.accountsOf("ana").size(), "one of b1, b2 goes to ana to balance");
  }

  @Test
  void accountsWithoutWorkloadAreOutOfScopeUnlessAskedFor() {
    TerritoryProblem.Builder b = twoTowns().account(TerritoryAccount.of("z", 0, 5));
    TerritoryPlan plan = b.build().solve();
    assertTrue(plan.repOf("z").isEmpty());
    assertEquals("", plan.accounts().get(4).rep());
    TerritoryPlan all = b.scope(AccountScope.ALL).build().solve();
    assertTrue(all.repOf("z").isPresent());
  }

  @Test
  void anAccountLargerThanEveryBandIsNamed() {
    TerritoryPlan plan = twoTowns().account(TerritoryAccount.of("giant", 500, 100)).build().solve();
    assertEquals(TerritoryStatus.INFEASIBLE, plan.status());
    assertFalse(plan.isBalanced());
    assertTrue(plan.explanation().stream().anyMatch(e -> e.startsWith("Account \"giant\": its load "
        + "500.0 h exceeds every rep's band upper limit")), () -> String.join("\n", plan.explanation()));
    assertTrue(Double.isNaN(plan.lowerBound()));
    // still a full assignment
    assertEquals(5, plan.accounts().stream().filter(a -> !a.rep().isEmpty()).count());
  }

  @Test
  void lockedLoadAboveABandNamesTheRepAndItsAccounts() {
    TerritoryProblem.Builder b = TerritoryProblem.builder().role("field")
        .rep(TerritoryRep.of("ana", "field", 1000)).rep(TerritoryRep.of("ben", "field", 1000));
    for (int i = 0; i < 6; i++) {
      b.account(TerritoryAccount.of("x" + i, 10, 1).ownedBy("ana").locked());
    }
    b.account(TerritoryAccount.of("y", 10, 1));
    TerritoryPlan plan = b.build().solve();
    assertEquals(TerritoryStatus.INFEASIBLE, plan.status());
    String text = String.join("\n", plan.explanation());
    assertTrue(text.contains("Rep 'ana': its 6 locked accounts (\"x0\", \"x1\", \"x2\", \"x3\", \"x4\", "
        + "... 1 more) carry 60.0 h, above its band [31.5, 38.5]"), text);
    for (int i = 0; i < 6; i++) {
      assertEquals("ana", plan.repOf("x" + i).orElseThrow(), "locks hold in an infeasible plan");
    }
  }

  @Test
  void minimumKeptShareThatLocksMakeImpossibleIsNamed() {
    TerritoryProblem p = twoTowns().minKeptShare(1.0)
        .account(TerritoryAccount.of("c", 10, 1).ownedBy("ana").lockedTo("ben")).build();
    TerritoryPlan plan = p.solve();
    assertEquals(TerritoryStatus.INFEASIBLE, plan.status());
    assertTrue(plan.explanation().stream().anyMatch(e -> e.contains("minKeptShare 1.000 needs 5 of "
        + "the 5 owned accounts kept, but 1 are locked to another rep (\"c\")")),
        () -> String.join("\n", plan.explanation()));
  }

  @Test
  void minimumKeptShareIsMet() {
    TerritoryPlan free = twoTowns().disruptionCost(0).build().solve();
    assertEquals(3, free.keptAccounts());
    TerritoryPlan keep = twoTowns().disruptionCost(0).minKeptShare(1.0).tolerance(0.5).build()
        .solve();
    assertEquals(4, keep.keptAccounts(), keep::toString);
    assertTrue(keep.isBalanced(), keep::toString);
  }

  @Test
  void granularityThatNoCertificateCatchesIsUnbalancedWithReps() {
    TerritoryProblem p = TerritoryProblem.builder().role("field")
        .rep(TerritoryRep.of("ana", "field", 1000)).rep(TerritoryRep.of("ben", "field", 1000))
        .account(TerritoryAccount.of("a", 100, 1)).account(TerritoryAccount.of("b", 100, 1))
        .account(TerritoryAccount.of("c", 100, 1)).build();
    TerritoryPlan plan = p.solve();
    assertEquals(TerritoryStatus.UNBALANCED, plan.status());
    String text = String.join("\n", plan.explanation());
    assertTrue(text.contains("Rep 'ana': load") && text.contains("Rep 'ben': load"), text);
    assertTrue(text.contains("No proof of infeasibility was found"), text);
  }

  @Test
  void validationMessagesNameTheProblem() {
    assertEquals("TerritoryRep \"r\": capacityHours must be finite and > 0, was 0.0.",
        assertThrows(IllegalArgumentException.class, () -> TerritoryRep.of("r", "field", 0))
            .getMessage());
    assertEquals("Location.latitude must be between -90 and 90 degrees, was 91.0.",
        assertThrows(IllegalArgumentException.class, () -> Location.of(91, 0)).getMessage());
    assertEquals("TerritoryAccount \"a\": workloadHours must be finite and >= 0, was NaN.",
        assertThrows(IllegalArgumentException.class, () -> TerritoryAccount.of("a", Double.NaN, 0))
            .getMessage());
    assertEquals("No rep has role 'inside'; roles of the 2 reps given are: [field].",
        assertThrows(IllegalArgumentException.class, () -> twoTowns().role("inside").build())
            .getMessage());
    assertEquals("Account \"q\" is locked to \"zed\", which is not a rep of role 'field'; reps are: "
        + "[ana, ben].", assertThrows(IllegalArgumentException.class, () -> twoTowns()
            .account(TerritoryAccount.of("q", 1, 1).lockedTo("zed")).build()).getMessage());
    assertEquals("Duplicate account id \"a1\"; account ids must be unique.",
        assertThrows(IllegalArgumentException.class, () -> twoTowns()
            .account(TerritoryAccount.of("a1", 1, 1)).build()).getMessage());
    assertThrows(IllegalStateException.class, () -> TerritoryAccount.of("a", 1, 1).locked());
    assertThrows(IllegalStateException.class, () -> TerritoryProblem.builder().build());
    assertThrows(IllegalArgumentException.class, () -> TerritoryProblem.builder().tolerance(1.5));
    assertThrows(IllegalArgumentException.class, () -> TerritoryProblem.builder().candidateReps(0));
  }

  @Test
  void haversineMatchesKnownDistances() {
    // Munich - Berlin great-circle distance on the 6371.0088 km sphere
    double d = Location.of(48.1372, 11.5756).distanceKm(Location.of(52.5200, 13.4050));
    assertEquals(504.4, d, 0.5);
    assertEquals(Math.PI * Location.EARTH_RADIUS_KM,
        Location.of(0, 0).distanceKm(Location.of(0, 180)), 1e-9, "half the equator");
    assertEquals(0.0, Location.of(10, 10).distanceKm(Location.of(10, 10)));
  }

  @Test
  void toStringIsOneAlignedRowPerRep() {
    TerritoryPlan plan = twoTowns().build().solve();
    String text = plan.toString();
    String[] lines = text.split("\n");
    assertTrue(lines[0].startsWith("TerritoryPlan: BALANCED, role 'field', 4 of 4 accounts"), text);
    assertTrue(lines[1].startsWith("rep  capacity_h  target"), text);
    assertTrue(lines[3].startsWith("ana") && lines[4].startsWith("ben"), text);
    assertEquals(lines[3].length(), lines[4].length(), "aligned rows:\n" + text);
  }

  @Test
  void workloadsFromACoveragePlanFollowTheChosenOptions() {
    AccountTable table = AccountTable.builder().numeric("visit_hours").numeric("potential")
        .addRow("c1", 12.0, 1000.0).addRow("c2", 30.0, 5000.0).addRow("c3", 3.0, 200.0).build();
    AllocationProblem problem = AllocationProblem.builder().accounts(table)
        .role(Role.of("field", 1_000)).role(Role.of("inside", 1_000))
        .option(CoverageOption.builder("field", Channel.FIELD)
            .hours("field", PerAccount.column("visit_hours")).hours("inside", 1.5)
            .value(PerAccount.column("potential")).build())
        .option(CoverageOption.builder("phone", Channel.PHONE).hours("inside", 2)
            .value(PerAccount.of(1)).build())
        .build();
    AllocationPlan plan = problem.solve(SolveLimits.defaults());
    double[] field = Workloads.fromPlan(problem, plan, "field");
    double[] inside = Workloads.fromPlan(problem, plan, "inside");
    for (int i = 0; i < 3; i++) {
      String option = plan.option(i);
      assertEquals(option.equals("field") ? table.numeric("visit_hours").get(i) : 0.0, field[i],
          "field hours of row " + i + " on " + option);
      assertEquals(option.equals("field") ? 1.5 : option.equals("phone") ? 2.0 : 0.0, inside[i],
          "inside hours of row " + i + " on " + option);
      assertEquals(plan.outcome(i).hours().get(0), field[i], "as the plan's own hours");
    }
    assertThrows(IllegalArgumentException.class, () -> Workloads.fromPlan(problem, plan, "nope"));
    List<TerritoryAccount> accounts = Workloads.accounts(table, field, "potential");
    assertEquals(3, accounts.size());
    assertEquals(5000.0, accounts.get(1).potential());
    assertArrayEquals(new double[] {12.0, 30.0, 3.0}, Workloads.fromColumn(table, "visit_hours"));
  }

  @Test
  void severalBlocksGiveTheSamePlanForAnyParallelism() {
    // 5,000 accounts: two blocks of 4,096 in the dual and the candidate search
    TerritoryInstances.Planted p = TerritoryInstances.planted(11, 5_000, 12, true, 0.05);
    TerritoryPlan one = p.builder().parallelism(1).build().solve();
    TerritoryPlan two = p.builder().parallelism(2).build().solve();
    assertEquals(one, two, "parallelism 2 gives the plan of parallelism 1");
    assertEquals(TerritoryStatus.BALANCED, one.status(), one::toString);
  }

  @Test
  void noAccountsIsBalanced() {
    TerritoryPlan plan = TerritoryProblem.builder().role("field")
        .rep(TerritoryRep.of("ana", "field", 10)).build().solve();
    assertEquals(TerritoryStatus.BALANCED, plan.status());
    assertEquals(0.0, plan.objective());
    assertEquals(1.0, plan.keptShare());
  }

  @Test
  void cancelledSolveStillAssignsEveryAccount() {
    dev.segmentation.allocation.Cancellation token = dev.segmentation.allocation.Cancellation.create();
    token.cancel();
    TerritoryInstances.Planted p = TerritoryInstances.planted(3, 200, 8, true, 0.1);
    TerritoryPlan plan = p.builder().build().solve(SolveLimits.defaults().cancellation(token));
    assertEquals(TerritoryStatus.CANCELLED, plan.status());
    List<String> missing = new ArrayList<>();
    for (TerritoryPlan.AccountAssignment a : plan.accounts()) {
      if (a.rep().isEmpty() && a.workloadHours() > 0) {
        missing.add(a.accountId());
      }
    }
    assertTrue(missing.isEmpty(), "unassigned: " + missing);
  }
}
