package dev.segmentation.allocation.capacity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.allocation.AllocationProblem;
import dev.segmentation.allocation.LimitKind;
import dev.segmentation.allocation.PlanStatus;
import dev.segmentation.allocation.Role;
import dev.segmentation.allocation.SolveLimits;
import dev.segmentation.allocation.SolveMethod;
import dev.segmentation.allocation.json.PlanningJson;
import dev.segmentation.allocation.testing.AllocationInstances;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WhatIfTest {

  static final WhatIf WHAT_IF = WhatIf.builder().limits(SolveLimits.defaults().maxIterations(200))
      .build();

  static LongStream seeds() {
    return LongStream.range(0, 12);
  }

  static AllocationProblem problem(long seed) {
    return AllocationInstances.generate(30 + (int) (seed % 4) * 10, seed, seed % 2 == 0, 0.4,
        seed % 3 == 0).method(SolveMethod.LAGRANGIAN).parallelism(1).build();
  }

  static void assertMonotone(WhatIfCurve c, String what) {
    double last = Double.NEGATIVE_INFINITY;
    double lastBound = Double.NEGATIVE_INFINITY;
    for (WhatIfPoint p : c.points()) {
      if (p.hasPlan()) {
        assertTrue(p.objective() >= last, what + ": objective non-decreasing at " + p.level());
        last = p.objective();
        assertTrue(p.planLevel() <= p.level(), what + ": the plan comes from this or a lower level");
        assertTrue(p.solvedObjective() <= p.objective() || Double.isNaN(p.solvedObjective()),
            what + ": reported plan at least as good as the one solved here");
        assertTrue(p.objective() <= p.upperBound() + 1e-9 * Math.abs(p.upperBound()),
            what + ": objective within the bound at " + p.level());
      } else {
        assertTrue(last == Double.NEGATIVE_INFINITY, what + ": no gap in the feasible range");
      }
      if (!Double.isNaN(p.upperBound())) {
        assertTrue(p.upperBound() >= lastBound, what + ": bound non-decreasing");
        lastBound = p.upperBound();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void budgetCurveIsMonotoneAndFeasible(long seed) {
    AllocationProblem p = problem(seed);
    double full = p.accounts().rowCount() * 1800.0;
    WhatIfCurve c = WHAT_IF.budget(p, WhatIf.grid(0, full, 7));
    assertMonotone(c, "seed " + seed + " budget");
    for (WhatIfPoint pt : c.points()) {
      if (pt.hasPlan()) {
        assertTrue(pt.cost() <= pt.level() * (1 + 1e-9) + 1e-9,
            "seed " + seed + ": cost " + pt.cost() + " within budget " + pt.level());
      }
    }
    assertEquals(c, PlanningJson.readWhatIfCurve(PlanningJson.write(c)), "seed " + seed + ": JSON");
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void roleHoursCurveIsMonotoneAndDeterministic(long seed) {
    AllocationProblem p = problem(seed);
    double field = p.roles().get(0).hours();
    double[] grid = {field * 1.5, 0, field * 0.5, field, field * 0.25, field * 2};
    WhatIfCurve c = WHAT_IF.roleHours(p, "field", grid);
    assertMonotone(c, "seed " + seed + " field hours");
    assertEquals(LimitKind.ROLE_HOURS, c.resource(), "kind");
    WhatIfCurve parallel = WhatIf.builder().limits(WHAT_IF.limits()).parallelism(3).build()
        .roleHours(p, "field", grid);
    assertEquals(c, parallel, "seed " + seed + ": independent of parallelism");
    WhatIfPoint at = c.points().get(3);
    assertEquals(field, at.level(), 0, "grid sorted");
    assertEquals(p.solve(WHAT_IF.limits()).objective(), at.solvedObjective(), 0,
        "seed " + seed + ": the solve at the problem's own hours is the plain solve");
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void marginalRepValue(long seed) {
    AllocationProblem p = problem(seed);
    CapacityPlanner planner = CapacityPlanner.builder().hoursPerFte(200).utilisation(0.5).build();
    MarginalRepValues v = WHAT_IF.marginalReps(p, planner);
    assertEquals(p.roles().size(), v.roles().size(), "one entry per role");
    for (MarginalRepValue m : v.roles()) {
      assertEquals(100, m.hoursAdded(), 0, "200 x 0.5");
      if (!Double.isNaN(m.marginalValue())) {
        assertTrue(m.marginalValue() >= 0, "seed " + seed + ": one more rep never hurts " + m);
      }
      Role role = p.roles().stream().filter(r -> r.name().equals(m.role())).findFirst().orElseThrow();
      WhatIfCurve c = WHAT_IF.roleHours(p, role.name(), role.hours(), role.hours() + 100);
      assertEquals(c.points().get(1).objective(), m.objectiveWithRep(), 0,
          "seed " + seed + ": agrees with the what-if curve");
      assertEquals(m.shadowPrice() * 100, m.lpEstimate(), 1e-9 * Math.abs(m.lpEstimate()), "LP");
    }
    assertEquals(v, PlanningJson.readMarginalRepValues(PlanningJson.write(v)), "JSON round trip");
  }

  @Test
  void roundedPlansThatAreNotMonotoneAreCarriedForward() {
    // seed 0, 60 accounts, 21 levels: the plain solves at 460.8 and 691.2 field hours end with worse
    // plans than the solves just below them; the curve reports the lower level's plan instead
    AllocationProblem p = AllocationInstances.generate(60, 0, true, 0.4, false)
        .method(SolveMethod.LAGRANGIAN).parallelism(1).build();
    double h = p.roles().get(0).hours();
    WhatIfCurve c = WHAT_IF.roleHours(p, "field", WhatIf.grid(h * 0.5, h * 1.5, 21));
    assertMonotone(c, "seed 0 dense grid");
    boolean solvedDecreases = false;
    boolean carried = false;
    for (int j = 1; j < c.points().size(); j++) {
      solvedDecreases |= c.points().get(j).solvedObjective() < c.points().get(j - 1).solvedObjective();
      carried |= c.points().get(j).planLevel() < c.points().get(j).level();
    }
    assertTrue(solvedDecreases, "the plain solves are not monotone here");
    assertTrue(carried, "so some level reports a plan found at a lower level");
  }

  @Test
  void infeasibleLowLevelsComeFirst() {
    // the service level needs half of segment A on field options: no field hours, no plan
    AllocationProblem p = AllocationInstances.generate(40, 3, false, 0.5, true)
        .method(SolveMethod.LAGRANGIAN).parallelism(1).build();
    WhatIfCurve c = WHAT_IF.roleHours(p, "field", 0, p.roles().get(0).hours());
    assertEquals(PlanStatus.INFEASIBLE, c.points().get(0).status(), "no hours");
    assertFalse(c.points().get(0).hasPlan(), "no plan without field hours");
    assertTrue(c.points().get(1).hasPlan(), "a plan with the hours");
    assertTrue(c.toString().contains("INFEASIBLE"), c.toString());
  }

  @Test
  void validation() {
    AllocationProblem p = problem(1);
    assertThrows(IllegalArgumentException.class, () -> WHAT_IF.budget(p), "no levels");
    assertThrows(IllegalArgumentException.class, () -> WHAT_IF.budget(p, 1, 1), "repeated");
    assertThrows(IllegalArgumentException.class, () -> WHAT_IF.budget(p, -1), "negative");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> WHAT_IF.roleHours(p, "nope", 1));
    assertTrue(e.getMessage().contains("[field, inside]"), e.getMessage());
    assertArrayEquals(new double[] {0, 2.5, 5, 7.5, 10}, WhatIf.grid(0, 10, 5), "grid");
    assertThrows(IllegalArgumentException.class, () -> WhatIf.grid(5, 1, 3), "bad grid");
    assertThrows(IllegalArgumentException.class, () -> new WhatIfCurve(LimitKind.BUDGET, "budget",
        List.of(new WhatIfPoint(2, PlanStatus.OPTIMAL, 5, 5, 0, 2, 5, 6, 0.1, 0),
            new WhatIfPoint(3, PlanStatus.OPTIMAL, 4, 4, 0, 3, 4, 6, 0.1, 0))),
        "a decreasing curve is refused");
  }
}
