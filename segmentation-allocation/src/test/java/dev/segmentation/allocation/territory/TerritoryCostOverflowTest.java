package dev.segmentation.allocation.territory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Regression: distanceWeight 1e308 made every cost infinite, so no rep was cheapest and the solver
 * failed with ArrayIndexOutOfBoundsException; such weights are now rejected at build.
 */
class TerritoryCostOverflowTest {

  private static TerritoryProblem.Builder twoAccounts() {
    return TerritoryProblem.builder().role("field")
        .rep(TerritoryRep.of("a", "field", 10).home(0, 0)).rep(TerritoryRep.of("b", "field", 10).home(10, 10))
        .account(TerritoryAccount.of("x", 1, 1).location(1, 1).ownedBy("a"))
        .account(TerritoryAccount.of("y", 1, 1).location(-50, 170));
  }

  @Test
  void hugeDistanceWeightIsRejectedWithItsFigures() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> twoAccounts().distanceWeight(1e308).build());
    assertTrue(e.getMessage().startsWith("TerritoryProblem costs are too large: distanceWeight 1.0E308 "
        + "per km and disruptionCost 50.0 per account over 2 accounts can cost Infinity; expected at "
        + "most 1.0E300."), e.getMessage());
  }

  @Test
  void hugeDisruptionCostIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> twoAccounts().disruptionCost(1e300).build());
    assertTrue(e.getMessage().contains("disruptionCost 1.0E300"), e.getMessage());
  }

  @Test
  void largeButSafeWeightsSolve() {
    TerritoryPlan p = twoAccounts().distanceWeight(1e290).disruptionCost(1e290).build().solve();
    assertEquals(2, p.accounts().size(), "every account listed");
    assertTrue(Double.isFinite(p.objective()), "finite objective " + p.objective());
  }
}
