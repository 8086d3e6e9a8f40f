package dev.segmentation.allocation.territory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.allocation.Cancellation;
import dev.segmentation.allocation.SolveLimits;
import java.time.Duration;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stops before the candidate lists exist (pre-cancelled token, interrupted thread, expired time
 * limit) on instances of several blocks: a plan that assigns every account in scope, locks kept,
 * independent of the number of threads. No timing assertions.
 */
class TerritoryStopTest {

  static LongStream seeds() {
    return LongStream.range(0, 4);
  }

  static TerritoryProblem problem(long seed, int threads) {
    return TerritoryInstances.planted(seed, 9_000 + (int) seed * 1_000, 12, seed % 2 == 0, 0.05)
        .builder().parallelism(threads).build();
  }

  static void assertEveryAccountAssigned(TerritoryProblem p, TerritoryPlan plan, String msg) {
    assertEquals(p.accounts().size(), plan.accounts().size(), msg + ": every account listed");
    for (int i = 0; i < p.accounts().size(); i++) {
      TerritoryAccount a = p.accounts().get(i);
      TerritoryPlan.AccountAssignment x = plan.accounts().get(i);
      if (a.workloadHours() > 0 || a.lockedRep().isPresent()) {
        assertFalse(x.rep().isEmpty(), msg + ": account " + a.id() + " assigned");
      }
      a.lockedRep().ifPresent(r -> assertEquals(r, x.rep(), msg + ": lock of " + a.id()));
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void preCancelledSolveAssignsEveryAccount(long seed) {
    Cancellation token = Cancellation.create();
    token.cancel();
    SolveLimits limits = SolveLimits.defaults().cancellation(token);
    TerritoryProblem p = problem(seed, 1);
    TerritoryPlan plan = p.solve(limits);
    String msg = "seed " + seed;
    assertEquals(TerritoryStatus.CANCELLED, plan.status(), msg);
    assertEveryAccountAssigned(p, plan, msg);
    for (int i = 0; i < p.accounts().size(); i++) {
      TerritoryAccount a = p.accounts().get(i);
      if (a.lockedRep().isEmpty() && a.currentOwner().isPresent()
          && p.reps().stream().anyMatch(r -> r.role().equals(p.role())
              && r.id().equals(a.currentOwner().get()))) {
        assertEquals(a.currentOwner().get(), plan.accounts().get(i).rep(),
            msg + ": an owned account stays with its owner when the stop comes first");
      }
    }
    assertEquals(plan, problem(seed, 3).solve(limits), msg + ": same plan with 3 threads");
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void interruptAndTimeLimit(long seed) {
    TerritoryProblem p = problem(seed, 2);
    String msg = "seed " + seed;
    Thread.currentThread().interrupt();
    TerritoryPlan interrupted;
    boolean flagKept;
    try {
      interrupted = p.solve(SolveLimits.defaults());
    } finally {
      flagKept = Thread.interrupted();
    }
    assertTrue(flagKept, msg + ": interrupt flag left set");
    assertEquals(TerritoryStatus.CANCELLED, interrupted.status(), msg);
    assertEveryAccountAssigned(p, interrupted, msg + " interrupted");
    TerritoryPlan timed = p.solve(SolveLimits.timeLimit(Duration.ofNanos(1)));
    assertEquals(TerritoryStatus.TIME_LIMIT, timed.status(), msg);
    assertEveryAccountAssigned(p, timed, msg + " time limit");
  }
}
