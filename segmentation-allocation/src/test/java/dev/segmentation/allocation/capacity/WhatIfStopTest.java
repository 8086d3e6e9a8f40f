package dev.segmentation.allocation.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.allocation.AllocationProblem;
import dev.segmentation.allocation.Cancellation;
import dev.segmentation.allocation.Channel;
import dev.segmentation.allocation.CoverageOption;
import dev.segmentation.allocation.PerAccount;
import dev.segmentation.allocation.PlanStatus;
import dev.segmentation.allocation.Role;
import dev.segmentation.allocation.SolveLimits;
import dev.segmentation.allocation.SolveMethod;
import dev.segmentation.core.AccountTable;
import dev.segmentation.core.table.NumericColumn;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stops of the what-if calls: a cancellation that fires at a chosen value-function call (so during a
 * chosen level's solve), an interrupt of the calling thread, the whole-call time limit. No timing
 * assertions.
 */
class WhatIfStopTest {

  static final int N = 40;
  static final int OPTIONS = 3;
  static final int LEVELS = 6;

  static LongStream seeds() {
    return LongStream.range(0, 8);
  }

  /**
   * A problem whose value function cancels {@code token} at its {@code cancelAt}-th call (0: never).
   * Every solve reads each account's value of each option once, {@code N * OPTIONS} calls.
   */
  static AllocationProblem problem(long seed, Cancellation token, long cancelAt) {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    String[] ids = new String[N];
    double[] revenue = new double[N];
    double[] travel = new double[N];
    for (int i = 0; i < N; i++) {
      ids[i] = "a" + i;
      revenue[i] = Math.floor(1000 + 9000 * rng.nextDouble());
      travel[i] = 1 + 4 * rng.nextDouble();
    }
    AccountTable t = AccountTable.of(ids, NumericColumn.of("revenue", revenue),
        NumericColumn.of("travel", travel));
    AtomicLong calls = new AtomicLong();
    return AllocationProblem.builder().accounts(t)
        .role(Role.of("field", N * 2.0))
        .budget(N * 300.0)
        .option(CoverageOption.builder("visit", Channel.FIELD).hours("field", PerAccount.column("travel"))
            .cost(400).retention(0.95).build())
        .option(CoverageOption.builder("phone", Channel.INSIDE).cost(100).retention(0.85).build())
        .option(CoverageOption.none("none"))
        .valueFunction((row, option) -> {
          if (calls.incrementAndGet() == cancelAt) {
            token.cancel();
          }
          return row.numeric("revenue") * option.retention();
        })
        .method(SolveMethod.LAGRANGIAN).parallelism(1).build();
  }

  static WhatIf whatIf(Cancellation token, int parallelism) {
    return WhatIf.builder().limits(SolveLimits.defaults().maxIterations(100).cancellation(token))
        .parallelism(parallelism).build();
  }

  static double[] grid() {
    return WhatIf.grid(0, N * 400.0, LEVELS);
  }

  static void assertSolvedAlike(WhatIfPoint full, WhatIfPoint stopped, String msg) {
    assertEquals(full.level(), stopped.level(), 0, msg + ": level");
    assertEquals(full.status(), stopped.status(), msg + ": status of the level's solve");
    assertEquals(full.solvedObjective(), stopped.solvedObjective(), 0, msg + ": solved objective");
    assertEquals(full.shadowPrice(), stopped.shadowPrice(), 0, msg + ": shadow price");
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void cancellationDuringTheKthLevelKeepsTheLevelsBefore(long seed) {
    WhatIfCurve full = whatIf(Cancellation.NEVER, 1).budget(problem(seed, Cancellation.NEVER, 0), grid());
    assertEquals(WhatIfStatus.COMPLETE, full.status(), "seed " + seed);
    assertEquals(LEVELS, full.points().size(), "seed " + seed);
    long perLevel = (long) N * OPTIONS;
    for (int k = 0; k < LEVELS; k++) {
      String msg = "seed " + seed + ", cancelled during level " + k;
      for (long at : new long[] {k * perLevel + 1, k * perLevel + perLevel / 2, (k + 1) * perLevel}) {
        Cancellation token = Cancellation.create();
        WhatIfCurve c = whatIf(token, 1).budget(problem(seed, token, at), grid());
        assertEquals(WhatIfStatus.CANCELLED, c.status(), msg);
        assertEquals(k, c.points().size(), msg + ": the levels before it, the level in progress dropped");
        for (int j = 0; j < k; j++) {
          WhatIfPoint f = full.points().get(j);
          WhatIfPoint s = c.points().get(j);
          assertSolvedAlike(f, s, msg + ", level " + j);
          assertEquals(f.objective(), s.objective(), 0, msg + ": best plan at or below level " + j);
          assertEquals(f.planLevel(), s.planLevel(), 0, msg + ": its level, level " + j);
          // the bound is the smallest at this or a higher level kept, so without the dropped levels
          // it can only be larger
          assertTrue(!(s.upperBound() < f.upperBound()), msg + ": bound, level " + j);
        }
        WhatIfTest.assertMonotone(c, msg);
        Cancellation again = Cancellation.create();
        assertEquals(c, whatIf(again, 1).budget(problem(seed, again, at), grid()), msg + ": reproducible");
        assertTrue(k == 0 || c.toString().contains("stopped early (CANCELLED)"), c.toString());
      }
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void parallelStopsKeepFinishedLevelsSolvedAsInTheFullCurve(long seed) {
    WhatIfCurve full = whatIf(Cancellation.NEVER, 1).budget(problem(seed, Cancellation.NEVER, 0), grid());
    long perLevel = (long) N * OPTIONS;
    for (int k = 0; k < LEVELS; k++) {
      String msg = "seed " + seed + ", 3 threads, cancelled at call " + (k * perLevel + 7);
      Cancellation token = Cancellation.create();
      WhatIfCurve c = whatIf(token, 3).budget(problem(seed, token, k * perLevel + 7), grid());
      assertEquals(WhatIfStatus.CANCELLED, c.status(), msg);
      assertTrue(c.points().size() < LEVELS, msg + ": the level in progress is dropped");
      WhatIfTest.assertMonotone(c, msg);
      for (WhatIfPoint p : c.points()) {
        int j = java.util.Arrays.binarySearch(grid(), p.level());
        assertSolvedAlike(full.points().get(j), p, msg + ", level " + j);
        assertFalse(p.status() == PlanStatus.CANCELLED, msg + ": no half-solved level");
      }
    }
  }

  @Test
  void sameCurveForEveryThreadCountWithoutAStop() {
    AllocationProblem p = problem(3, Cancellation.NEVER, 0);
    WhatIfCurve one = whatIf(Cancellation.NEVER, 1).budget(p, grid());
    for (int threads : new int[] {2, 3, 8}) {
      assertEquals(one, whatIf(Cancellation.NEVER, threads).budget(p, grid()), threads + " threads");
    }
  }

  @Test
  void preCancelledTokenGivesAnEmptyCancelledCurve() {
    Cancellation token = Cancellation.create();
    token.cancel();
    for (int threads : new int[] {1, 3}) {
      WhatIfCurve c = whatIf(token, threads).roleHours(problem(1, Cancellation.NEVER, 0), "field", grid());
      assertEquals(WhatIfStatus.CANCELLED, c.status(), threads + " threads");
      assertTrue(c.points().isEmpty(), threads + " threads: no level finished");
    }
  }

  @Test
  void interruptedCallerGetsACancelledCurveAndKeepsTheFlag() {
    AllocationProblem p = problem(2, Cancellation.NEVER, 0);
    for (int threads : new int[] {1, 3}) {
      Thread.currentThread().interrupt();
      WhatIfCurve c;
      boolean flagKept;
      try {
        c = whatIf(Cancellation.NEVER, threads).budget(p, grid());
      } finally {
        flagKept = Thread.interrupted();
      }
      assertTrue(flagKept, threads + " threads: the interrupt flag is left set");
      assertEquals(WhatIfStatus.CANCELLED, c.status(), threads + " threads");
      assertTrue(c.points().size() < LEVELS, threads + " threads");
    }
  }

  @Test
  void interruptWhileWaitingForThePoolIsACancellationNotAnException() throws Exception {
    // the value function interrupts the caller while a pool thread solves the third level
    Thread caller = Thread.currentThread();
    for (int threads : new int[] {1, 2}) {
      AtomicLong calls = new AtomicLong();
      long at = 2L * N * OPTIONS + 5;
      AllocationProblem p = problem(4, Cancellation.NEVER, 0);
      AllocationProblem interrupting = AllocationProblem.builder().accounts(p.accounts())
          .role(p.roles().get(0)).budget(N * 300.0)
          .option(p.options().get(0)).option(p.options().get(1)).option(p.options().get(2))
          .valueFunction((row, option) -> {
            if (calls.incrementAndGet() == at) {
              caller.interrupt();
            }
            return row.numeric("revenue") * option.retention();
          })
          .method(SolveMethod.LAGRANGIAN).parallelism(1).build();
      WhatIfCurve c;
      boolean flagKept;
      try {
        c = whatIf(Cancellation.NEVER, threads).budget(interrupting, grid());
      } finally {
        flagKept = Thread.interrupted();
      }
      assertTrue(flagKept, threads + " threads: flag kept");
      assertEquals(WhatIfStatus.CANCELLED, c.status(), threads + " threads");
      WhatIfTest.assertMonotone(c, threads + " threads");
      MarginalRepValues reps;
      Thread.currentThread().interrupt();
      try {
        reps = whatIf(Cancellation.NEVER, threads).marginalReps(p,
            CapacityPlanner.builder().hoursPerFte(100).utilisation(0.5).build());
      } finally {
        flagKept = Thread.interrupted();
      }
      assertTrue(flagKept, threads + " threads: flag kept by marginalReps");
      if (threads == 1) {
        // in parallel a solve may end before the pool's threads are interrupted
        assertEquals(PlanStatus.CANCELLED, reps.baseStatus(), threads + " threads");
      }
      assertEquals(1, reps.roles().size(), threads + " threads: one entry per role");
    }
  }

  @Test
  void totalTimeLimit() {
    WhatIf w = WhatIf.builder().totalTimeLimit(Duration.ofNanos(1)).build();
    WhatIfCurve c = w.budget(problem(5, Cancellation.NEVER, 0), grid());
    assertEquals(WhatIfStatus.TIME_LIMIT, c.status(), "1 ns for the whole call");
    assertTrue(c.points().isEmpty(), "no level finished within 1 ns");
    assertTrue(w.toString().contains("totalTimeLimit=PT0.000000001S"), w.toString());
    WhatIfCurve ample = WhatIf.builder().totalTimeLimit(Duration.ofDays(365)).build()
        .budget(problem(5, Cancellation.NEVER, 0), grid());
    assertEquals(WhatIfStatus.COMPLETE, ample.status(), "a limit that does not fire");
    assertEquals(WhatIf.builder().build().budget(problem(5, Cancellation.NEVER, 0), grid()), ample,
        "same curve as without the limit");
    assertThrows(IllegalArgumentException.class, () -> WhatIf.builder().totalTimeLimit(Duration.ZERO));
  }
}
