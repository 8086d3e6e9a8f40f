package dev.segmentation.allocation.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.allocation.AllocationPlan;
import dev.segmentation.allocation.AllocationProblem;
import dev.segmentation.allocation.LimitUsage;
import dev.segmentation.allocation.SolveLimits;
import dev.segmentation.allocation.SolveMethod;
import dev.segmentation.allocation.json.PlanningJson;
import dev.segmentation.allocation.testing.AllocationInstances;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CapacityPlannerTest {

  static final CapacityPlanner PLANNER = CapacityPlanner.builder().hoursPerFte(1600).utilisation(0.75)
      .role("inside", 1700, 0.85).build();

  @Test
  void fteArithmetic() {
    RoleCapacity r = new RoleCapacity("field", 3200, 2000, 1600, 0.8);
    assertEquals(2.5, r.fteNeeded(), 1e-15, "3200 / (1600 x 0.8)");
    assertEquals(3, r.headcount(), "2.5 FTEs are 3 people");
    assertEquals(2000 / 1280.0, r.fteAvailable(), 1e-15, "FTEs available");
    assertEquals(2.5 - 2000 / 1280.0, r.fteGap(), 1e-15, "gap");
    assertEquals(4, new RoleCapacity("x", 4800, 0, 1600, 0.75).headcount(), "exactly 4 FTEs");
    assertEquals(4, new RoleCapacity("x", 4800 * (1 + 1e-13), 0, 1600, 0.75).headcount(),
        "rounding noise does not add a person");
    assertEquals(0, new RoleCapacity("x", 0, 0, 1600, 0.75).headcount(), "no hours, nobody");
    assertEquals(1700 * 0.85, PLANNER.productiveHoursPerFte("inside"), 0, "role override");
    assertEquals(1200, PLANNER.productiveHoursPerFte("field"), 0, "default");
    assertThrows(IllegalArgumentException.class, () -> new RoleCapacity("x", 1, 1, 1600, 1.2),
        "utilisation above 1");
    assertThrows(IllegalStateException.class, () -> CapacityPlanner.builder().build(), "hoursPerFte");
  }

  static LongStream seeds() {
    return LongStream.range(0, 40);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void fromPlanMatchesThePlansUse(long seed) {
    AllocationProblem problem = AllocationInstances.generate(40, seed, seed % 2 == 0, 0.5, seed % 3 == 0)
        .method(SolveMethod.LAGRANGIAN).parallelism(1).build();
    AllocationPlan plan = problem.solve(SolveLimits.defaults().maxIterations(200));
    CapacityPlan c = PLANNER.fromPlan(plan);
    for (LimitUsage u : plan.limits()) {
      if (!plan.roleNames().contains(u.name())) {
        continue;
      }
      RoleCapacity r = c.role(u.name());
      assertEquals(u.used(), r.hoursNeeded(), 1e-9 * Math.max(1, u.used()),
          "seed " + seed + ": hours of " + u.name());
      assertEquals(u.capacity(), r.hoursAvailable(), 0, "seed " + seed + ": capacity of " + u.name());
      double seg = c.segments().stream().mapToDouble(s -> s.hours().get(u.name())).sum();
      assertEquals(r.hoursNeeded(), seg, 1e-9 * Math.max(1, seg),
          "seed " + seed + ": segments add up for " + u.name());
      assertEquals(r.hoursNeeded(), r.fteNeeded() * r.productiveHoursPerFte(),
          1e-9 * Math.max(1, r.hoursNeeded()), "seed " + seed + ": FTE x productive hours");
      assertTrue(r.headcount() >= r.fteNeeded() - 1e-9 && r.headcount() < r.fteNeeded() + 1,
          "seed " + seed + ": headcount is FTE rounded up");
    }
    assertEquals(c, PlanningJson.readCapacityPlan(PlanningJson.write(c)),
        "seed " + seed + ": JSON round trip");
    assertEquals(c, PLANNER.fromPlan(plan), "seed " + seed + ": same input, same output");
  }

  @Test
  void fromPolicySumsTheOptionsHours() {
    AllocationProblem problem = AllocationInstances.generate(30, 7, false, 0.5, false).build();
    CapacityPlan c = PLANNER.fromPolicy(problem, Map.of("A", "field-12", "B", "field-4",
        "C", "inside-2"));
    double field = 0;
    int inside = 0;
    for (int i = 0; i < problem.accounts().rowCount(); i++) {
      String s = problem.segmentOf(i).orElseThrow();
      if (s.equals("A")) {
        field += problem.accounts().numeric("field12").get(i);
      } else if (s.equals("B")) {
        field += problem.accounts().numeric("field4").get(i);
      } else {
        inside++;
      }
    }
    assertEquals(field, c.role("field").hoursNeeded(), 1e-9 * field, "field hours of the policy");
    assertEquals(2.0 * inside, c.role("inside").hoursNeeded(), 1e-12, "2 inside hours per C account");
    assertEquals(2.0 * inside / (1700 * 0.85), c.role("inside").fteNeeded(), 1e-12, "inside FTEs");
    assertTrue(c.toString().contains("fte_needed"), c.toString());
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> PLANNER.fromPolicy(problem, Map.of("A", "field-12")));
    assertTrue(missing.getMessage().contains("[B, C]"), missing.getMessage());
    IllegalArgumentException restricted = assertThrows(IllegalArgumentException.class,
        () -> PLANNER.fromPolicy(problem, Map.of("A", "field-12", "B", "field-4", "C", "field-12")));
    assertTrue(restricted.getMessage().contains("restricted to segments [A, B]"),
        restricted.getMessage());
    assertThrows(IllegalArgumentException.class, () -> PLANNER.fromPolicy(problem,
        Map.of("A", "field-12", "B", "field-4", "C", "nope")), "unknown option");
    assertThrows(IllegalArgumentException.class, () -> PLANNER.fromPolicy(problem,
        Map.of("A", "field-12", "B", "field-4", "C", "none", "Z", "none")), "unknown segment");
  }
}
