package dev.segmentation.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.allocation.testing.AllocationInstances;
import java.time.Duration;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A stopped coverage allocation (cancelled token, interrupted thread, expired time limit) returns at
 * once with a feasible plan and the status of the stop: the dual stops after its first evaluation and
 * the fast repair runs instead of the repair and improvement passes. No timing assertions: "at once"
 * is shown by the single dual iteration; the latency is measured by {@code LimitLatency}.
 */
class AllocationStopTest {

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 10);
  }

  /** Mostly small instances; every third spans several blocks of 4,096 accounts. */
  private static AllocationProblem instance(long seed, int parallelism) {
    int n = seed % 3 == 0 ? 9_000 + (int) seed : 150 + 37 * (int) seed;
    return AllocationInstances.generate(n, seed, seed % 2 == 0, 0.15 + 0.05 * (seed % 5),
        seed % 4 != 1).method(SolveMethod.LAGRANGIAN).parallelism(parallelism).build();
  }

  private static void assertStoppedPlan(AllocationProblem p, AllocationPlan plan, PlanStatus status,
      String msg) {
    assertEquals(status, plan.status(), msg + "\n" + plan);
    AllocationTest.assertFeasible(p, plan, msg);
    assertEquals(1, plan.iterations(), "only the first dual evaluation ran, " + msg);
    assertEquals(p.accounts().rowCount(), plan.accountIds().size(), "every account, " + msg);
    assertTrue(plan.objective() <= plan.upperBound() * (1 + 1e-9) + 1e-9,
        "the bound of the first evaluation holds, " + msg);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void preCancelledSolveIsCancelledFeasibleAndIndependentOfThreads(long seed) {
    Cancellation token = Cancellation.create();
    token.cancel();
    String msg = "seed " + seed;
    AllocationProblem one = instance(seed, 1);
    AllocationPlan plan = one.solve(SolveLimits.defaults().cancellation(token));
    assertStoppedPlan(one, plan, PlanStatus.CANCELLED, msg);
    AllocationPlan three = instance(seed, 3).solve(SolveLimits.defaults().cancellation(token));
    assertEquals(plan, three, "same plan with 3 threads, " + msg);
    AllocationPlan full = one.solve();
    assertTrue(plan.objective() <= full.upperBound() + 1e-9 * Math.abs(full.upperBound()),
        "the full solve's LP bound holds for the stopped plan, " + msg);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void interruptedThreadGivesACancelledFeasiblePlanAndKeepsTheFlag(long seed) {
    AllocationProblem p = instance(seed, 2);
    AllocationPlan plan;
    boolean flagKept;
    Thread.currentThread().interrupt();
    try {
      plan = p.solve(SolveLimits.defaults());
    } finally {
      flagKept = Thread.interrupted();
    }
    String msg = "seed " + seed;
    assertTrue(flagKept, "the interrupt flag is left set, " + msg);
    assertStoppedPlan(p, plan, PlanStatus.CANCELLED, msg);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void expiredTimeLimitGivesATimeLimitFeasiblePlan(long seed) {
    AllocationProblem p = instance(seed, 1);
    AllocationPlan plan = p.solve(SolveLimits.timeLimit(Duration.ofNanos(1)));
    assertStoppedPlan(p, plan, PlanStatus.TIME_LIMIT, "seed " + seed);
  }

  @Test
  void preCancelledInfeasibleProblemNamesTheSameConflicts() {
    AllocationProblem p = AllocationInstances.generate(300, 7, false, 0.05, false)
        .serviceLevel(ServiceLevel.ofChannels("A", 1.0, Channel.FIELD)).build();
    AllocationPlan full = p.solve();
    assertEquals(PlanStatus.INFEASIBLE, full.status(), full.toString());
    assertFalse(full.conflicts().isEmpty(), full.toString());
    Cancellation token = Cancellation.create();
    token.cancel();
    assertEquals(full, p.solve(SolveLimits.defaults().cancellation(token)),
        "the diagnosis skipped at the start runs when no plan is found");
  }
}
