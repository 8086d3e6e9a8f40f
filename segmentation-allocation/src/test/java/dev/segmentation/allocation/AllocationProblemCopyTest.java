package dev.segmentation.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.allocation.testing.AllocationInstances;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllocationProblemCopyTest {

  static AllocationProblem base() {
    return AllocationInstances.generate(25, 11, false, 0.5, true).method(SolveMethod.LAGRANGIAN)
        .parallelism(1).build();
  }

  @Test
  void withBudgetChangesOnlyTheBudget() {
    AllocationProblem p = base();
    AllocationProblem q = p.withBudget(1234.5);
    assertEquals(1234.5, q.budget(), 0, "new budget");
    assertEquals(p.roles(), q.roles(), "roles");
    assertEquals(p.options(), q.options(), "options, including the added none option");
    assertEquals(p.serviceLevels(), q.serviceLevels(), "service levels");
    assertEquals(p.locks(), q.locks(), "locks");
    assertSame(p.accounts(), q.accounts(), "accounts shared");
    assertEquals(p.segmentOf(3), q.segmentOf(3), "segments");
    assertEquals(p.solve(), p.withBudget(p.budget()).solve(), "same budget, same plan");
    assertThrows(IllegalArgumentException.class, () -> p.withBudget(-1), "negative budget");
    assertThrows(IllegalArgumentException.class, () -> p.withBudget(Double.POSITIVE_INFINITY),
        "infinite budget");
  }

  @Test
  void withRoleHoursChangesOneRole() {
    AllocationProblem p = AllocationProblem.builder().accounts(base().accounts())
        .role(Role.ofReps("field", List.of(new Role.Rep("ana", 40), new Role.Rep("ben", 30))))
        .role(Role.of("inside", 100))
        .option(CoverageOption.builder("f", Channel.FIELD).hours("field", 2).value(PerAccount.of(5))
            .build())
        .build();
    AllocationProblem q = p.withRoleHours("field", 55);
    assertEquals(List.of(Role.of("field", 55), Role.of("inside", 100)), q.roles(),
        "role kept in place, reps dropped");
    assertEquals(p.roles(), p.withRoleHours("inside", 100).roles(), "same hours, same roles");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> p.withRoleHours("nope", 1));
    assertTrue(e.getMessage().contains("[field, inside]"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> p.withRoleHours("field", Double.NaN), "NaN");
    AllocationPlan plan = q.solve();
    assertTrue(plan.limits().get(0).capacity() == 55, "the solve sees the new hours");
  }
}
