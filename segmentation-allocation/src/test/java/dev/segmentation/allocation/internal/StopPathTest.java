package dev.segmentation.allocation.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.allocation.AllocationProblem;
import dev.segmentation.allocation.Cancellation;
import dev.segmentation.allocation.Channel;
import dev.segmentation.allocation.CoverageOption;
import dev.segmentation.allocation.PlanStatus;
import dev.segmentation.allocation.ServiceLevel;
import dev.segmentation.allocation.SolveLimits;
import dev.segmentation.allocation.SolveMethod;
import dev.segmentation.allocation.testing.AllocationInstances;
import dev.segmentation.core.internal.BlockExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pieces that make a stopped solve return quickly: compiling in blocks on threads (the same
 * arrays for any thread count), a dual evaluation given up at a stop, and the feasible evaluation the
 * dual keeps so that a stopped solve needs no repair.
 */
class StopPathTest {

  private static final AtomicInteger WITH_INCUMBENT = new AtomicInteger();
  private static final AtomicInteger WITHOUT_INCUMBENT = new AtomicInteger();

  @AfterAll
  static void bothDualOutcomesOccur() {
    assertTrue(WITH_INCUMBENT.get() >= 3 && WITHOUT_INCUMBENT.get() >= 1,
        "stopped duals with a feasible evaluation " + WITH_INCUMBENT + ", without "
            + WITHOUT_INCUMBENT);
  }

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 12);
  }

  private static AllocationProblem problem(long seed) {
    int n = seed % 3 == 0 ? 9_000 : 200 + 37 * (int) seed;
    AllocationProblem.Builder b = AllocationInstances.generate(n, seed, seed % 2 == 0,
        0.05 + 0.07 * (seed % 5), seed % 4 != 0);
    // an option open to some segments and accounts only, and a second service level
    b.option(CoverageOption.builder("key-account", Channel.FIELD).hours("field", 20).cost(900)
        .segments("A", "B").eligibleWhen("potential > 30000").retention(0.99).build());
    if (seed % 2 == 1) {
      b.serviceLevel(ServiceLevel.ofChannels("B", 0.3, Channel.INSIDE, Channel.FIELD));
    }
    return b.method(SolveMethod.LAGRANGIAN).build();
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void compilingOnThreadsGivesTheSameArrays(long seed) {
    AllocationProblem problem = problem(seed);
    Compiled one = Compiled.compile(problem);
    for (int threads : new int[] {2, 3}) {
      Compiled many;
      try (BlockExecutor exec = BlockExecutor.create(threads, null)) {
        many = Compiled.compile(problem, exec);
      }
      String msg = "seed " + seed + ", " + threads + " threads";
      assertArrayEquals(one.mckp.start, many.mckp.start, msg);
      assertArrayEquals(one.mckp.option, many.mckp.option, msg);
      assertArrayEquals(one.mckp.value, many.mckp.value, msg);
      assertArrayEquals(one.mckp.use, many.mckp.use, msg);
      assertArrayEquals(one.mckp.rhs, many.mckp.rhs, msg);
      assertArrayEquals(one.grossValue, many.grossValue, msg);
      assertArrayEquals(one.cost, many.cost, msg);
      assertArrayEquals(one.capacity, many.capacity, msg);
    }
    // the key-account option is open exactly where its segments and condition allow
    int key = one.options.size() - 1;
    Mckp p = one.mckp;
    for (int i = 0; i < p.n; i++) {
      boolean has = false;
      for (int k = p.start[i]; k < p.start[i + 1]; k++) {
        has |= p.option[k] == key;
      }
      boolean expected = ("A".equals(one.segmentOf[i]) || "B".equals(one.segmentOf[i]))
          && problem.accounts().numeric("potential").get(i) > 30000;
      assertEquals(expected, has, "account " + i + ", seed " + seed);
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void aGivenUpEvaluationIsNullAndACompletedOneIsUnchanged(long seed) {
    Mckp p = Compiled.compile(problem(seed)).mckp;
    double[] lambda = new double[p.m];
    for (int r = 0; r < p.m; r++) {
      lambda[r] = 0.01 * (r + 1) * (seed % 4);
    }
    double[] tie = new double[p.m];
    try (BlockExecutor exec = BlockExecutor.create(2, null)) {
      Mckp.Eval plain = p.evaluate(lambda, tie, exec);
      Mckp.Eval checked = p.evaluate(lambda, tie, exec, () -> false);
      String msg = "seed " + seed;
      assertEquals(Double.doubleToLongBits(plain.bound), Double.doubleToLongBits(checked.bound), msg);
      assertArrayEquals(plain.usage, checked.usage, msg);
      assertArrayEquals(plain.choice, checked.choice, msg);
      assertNull(p.evaluate(lambda, tie, exec, () -> true), msg);
      // a stop noticed after some blocks gives the evaluation up too
      AtomicInteger checks = new AtomicInteger();
      Mckp.Eval late = p.evaluate(lambda, tie, exec, () -> checks.incrementAndGet() > 1);
      if (BlockExecutor.blocks(p.n) > 1) {
        assertNull(late, msg);
      } else {
        assertNotNull(late, msg);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void theInsuranceKeepsAFeasiblePlanReadyAndChangesNothingElse(long seed) {
    Mckp p = Compiled.compile(problem(seed)).mckp;
    String msg = "seed " + seed;
    try (BlockExecutor exec = BlockExecutor.create(2, null)) {
      Dual plain = Dual.minimize(p, 10_000, Long.MAX_VALUE, Cancellation.NEVER, exec, false);
      Dual insured = Dual.minimize(p, 10_000, Long.MAX_VALUE, Cancellation.NEVER, exec, true);
      // without a stop the dual is the same to the bit
      assertArrayEquals(plain.lambda, insured.lambda, msg);
      assertEquals(Double.doubleToLongBits(plain.bound), Double.doubleToLongBits(insured.bound), msg);
      assertEquals(plain.iterations, insured.iterations, msg);
      // stopped after a few evaluations: a feasible plan is ready whenever the fast repair of the best
      // evaluation so far could make one
      int stopAfter = 3 + (int) (seed % 5);
      Cancellation token = Cancellation.create();
      int[] seen = {0};
      int[][] best = {null};
      int[][] bestOfTwo = {null};
      double[] bestBound = {Double.POSITIVE_INFINITY};
      DualOracle counting = (l, t) -> {
        Mckp.Eval e = p.evaluate(l, t, exec);
        if (e.bound < bestBound[0]) {
          bestBound[0] = e.bound;
          best[0] = e.choice;
        }
        if (++seen[0] == 2) {
          bestOfTwo[0] = best[0];
        }
        if (seen[0] == stopAfter) {
          token.cancel();
        }
        return e;
      };
      Dual.Insurance repair = choice -> {
        int[] c = choice.clone();
        return Rounding.repairTowardsLeastUsing(p, c, exec) ? c : null;
      };
      Dual d = Dual.minimize(p, counting, 10_000, Long.MAX_VALUE, token, exec, () -> false, repair);
      assertTrue(d.cancelled, msg);
      assertTrue(d.iterations >= 2, msg);
      if (d.feasibleChoice == null) {
        // only when no evaluation was feasible and the first insurance could not make a plan
        assertNull(repair.repair(bestOfTwo[0]), msg);
        WITHOUT_INCUMBENT.incrementAndGet();
      } else {
        assertTrue(Rounding.feasible(p, Rounding.usage(p, d.feasibleChoice)), msg);
        WITH_INCUMBENT.incrementAndGet();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void aStoppedDualKeepsItsBestFeasibleEvaluation(long seed) {
    Mckp p = Compiled.compile(problem(seed)).mckp;
    Cancellation token = Cancellation.create();
    int stopAfter = 2 + (int) (seed % 4);
    List<Mckp.Eval> seen = new ArrayList<>();
    DualOracle counting = (l, t) -> {
      Mckp.Eval e = p.evaluate(l, t);
      seen.add(e);
      if (seen.size() == stopAfter) {
        token.cancel();
      }
      return e;
    };
    Dual d = Dual.minimize(p, counting, 10_000, Long.MAX_VALUE, token);
    String msg = "seed " + seed + ", stop after " + stopAfter;
    assertTrue(d.cancelled, msg);
    Mckp.Eval best = null;
    for (Mckp.Eval e : seen) {
      if (Rounding.feasible(p, e.usage) && (best == null || e.value > best.value)) {
        best = e;
      }
    }
    if (best == null) {
      assertNull(d.feasibleChoice, msg);
      WITHOUT_INCUMBENT.incrementAndGet();
    } else {
      assertArrayEquals(best.choice, d.feasibleChoice, msg);
      assertTrue(Rounding.feasible(p, Rounding.usage(p, d.feasibleChoice)), msg);
      WITH_INCUMBENT.incrementAndGet();
    }
    // the solver after that stop returns a feasible plan, cancelled
    Cancellation again = Cancellation.create();
    AtomicInteger calls = new AtomicInteger();
    Compiled c = Compiled.compile(problem(seed));
    Solver.Outcome o = Solver.solve(c, SolveMethod.LAGRANGIAN,
        SolveLimits.defaults().cancellation(again), (l, t) -> {
          Mckp.Eval e = c.mckp.evaluate(l, t);
          if (calls.incrementAndGet() == stopAfter) {
            again.cancel();
          }
          return e;
        });
    if (Solver.solve(c, SolveMethod.LAGRANGIAN, SolveLimits.defaults(), 1).status
        == PlanStatus.INFEASIBLE) {
      assertEquals(PlanStatus.INFEASIBLE, o.status, msg);
    } else {
      assertEquals(PlanStatus.CANCELLED, o.status, msg);
      assertTrue(Rounding.feasible(c.mckp, Rounding.usage(c.mckp, o.choice)), msg);
    }
  }
}
