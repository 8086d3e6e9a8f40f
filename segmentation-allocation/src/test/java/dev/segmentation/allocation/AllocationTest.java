package dev.segmentation.allocation;

import dev.segmentation.allocation.testing.AllocationInstances;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.allocation.internal.Compiled;
import dev.segmentation.allocation.internal.Mckp;
import dev.segmentation.core.AccountTable;
import dev.segmentation.core.table.NumericColumn;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AllocationTest {

  static LongStream seeds() {
    return LongStream.range(0, 150);
  }

  static LongStream smallSeeds() {
    return LongStream.range(0, 60);
  }

  /** LP relaxation optimum by commons-math3's simplex (the oracle). */
  static double lpBound(Mckp p) {
    int nv = p.start[p.n];
    double[] c = p.value.clone();
    Collection<LinearConstraint> cons = new ArrayList<>();
    for (int i = 0; i < p.n; i++) {
      double[] a = new double[nv];
      for (int k = p.start[i]; k < p.start[i + 1]; k++) {
        a[k] = 1;
      }
      cons.add(new LinearConstraint(a, Relationship.EQ, 1));
    }
    for (int r = 0; r < p.m; r++) {
      double[] a = new double[nv];
      for (int k = 0; k < nv; k++) {
        a[k] = p.use[k * p.m + r];
      }
      cons.add(new LinearConstraint(a, Relationship.LEQ, p.rhs[r]));
    }
    PointValuePair sol = new SimplexSolver(1e-9, 10, 1e-12).optimize(new MaxIter(100000),
        new LinearObjectiveFunction(c, 0), new LinearConstraintSet(cons), GoalType.MAXIMIZE,
        new NonNegativeConstraint(true));
    return sol.getValue();
  }

  /** Exact optimum by enumeration (tiny instances only). */
  static double bruteForce(Mckp p) {
    return enumerate(p, 0, 0.0, p.rhs.clone());
  }

  private static double enumerate(Mckp p, int i, double v, double[] cap) {
    if (i == p.n) {
      return v;
    }
    double best = Double.NEGATIVE_INFINITY;
    for (int k = p.start[i]; k < p.start[i + 1]; k++) {
      boolean ok = true;
      for (int r = 0; r < p.m; r++) {
        cap[r] -= p.use[k * p.m + r];
      }
      for (int r = 0; r < p.m && ok; r++) {
        // remaining accounts can always take their least-using option; check only at the end
      }
      double sub = enumerate(p, i + 1, v + p.value[k], cap);
      if (i == p.n - 1) {
        for (int r = 0; r < p.m; r++) {
          if (cap[r] < -1e-9 * Math.max(1, Math.abs(p.rhs[r]))) {
            ok = false;
          }
        }
        if (!ok) {
          sub = Double.NEGATIVE_INFINITY;
        }
      }
      best = Math.max(best, sub);
      for (int r = 0; r < p.m; r++) {
        cap[r] += p.use[k * p.m + r];
      }
    }
    return best;
  }

  static void assertFeasible(AllocationProblem problem, AllocationPlan plan, String msg) {
    assertTrue(plan.isFeasible(), "plan is feasible, " + msg);
    for (LimitUsage u : plan.limits()) {
      if (u.kind() == LimitKind.SERVICE_LEVEL) {
        assertTrue(u.used() >= u.capacity() - 1e-9, u.name() + " met: " + u.used() + " >= "
            + u.capacity() + ", " + msg);
      } else {
        assertTrue(u.used() <= u.capacity() * (1 + 1e-9) + 1e-9, u.name() + " within limit: "
            + u.used() + " <= " + u.capacity() + ", " + msg);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void planIsFeasibleBoundHoldsAndMatchesTheLpOracle(long seed) {
    boolean correlated = seed % 2 == 0;
    boolean sl = seed % 3 == 0;
    int n = 10 + (int) (seed % 25);
    AllocationProblem problem = AllocationInstances.generate(n, seed, correlated, 0.3 + (seed % 5) * 0.15, sl)
        .method(SolveMethod.LAGRANGIAN).build();
    AllocationPlan plan = problem.solve();
    String msg = "seed " + seed;
    Mckp p0 = Compiled.compile(problem).mckp;
    if (!plan.isFeasible()) {
      assertEquals(Double.NEGATIVE_INFINITY, bruteForce(p0),
          "an INFEASIBLE plan only when no integer plan exists, " + msg + ": " + plan.conflicts());
      return;
    }
    assertFeasible(problem, plan, msg);
    assertTrue(plan.boundConverged(), "bound converged, " + msg);
    assertTrue(plan.objective() <= plan.upperBound() * (1 + 1e-9) + 1e-9, "objective <= bound, " + msg);
    Mckp p = Compiled.compile(problem).mckp;
    double oracle = lpBound(p);
    assertEquals(oracle, plan.upperBound(), 1e-7 * Math.max(1, Math.abs(oracle)),
        "LP bound equals commons-math3 simplex, " + msg);
    assertEquals(plan.objective(), problem.solve().objective(), 0.0, "same input, same plan, " + msg);
  }

  @ParameterizedTest
  @MethodSource("smallSeeds")
  void exactMethodFindsTheTrueOptimum(long seed) {
    int n = 4 + (int) (seed % 4);
    AllocationProblem problem = AllocationInstances.generate(n, seed, seed % 2 == 0, 0.3 + (seed % 4) * 0.2,
        false).method(SolveMethod.EXACT).build();
    AllocationPlan plan = problem.solve();
    Mckp p = Compiled.compile(problem).mckp;
    double opt = bruteForce(p);
    assertEquals(opt, plan.objective(), 1e-9 * Math.max(1, Math.abs(opt)),
        "exact plan value equals brute force, seed " + seed);
    assertEquals(PlanStatus.OPTIMAL, plan.status(), "exact plan is proven optimal, seed " + seed);
    AllocationPlan heuristic = AllocationInstances.generate(n, seed, seed % 2 == 0, 0.3 + (seed % 4) * 0.2,
        false).method(SolveMethod.LAGRANGIAN).build().solve();
    assertTrue(heuristic.objective() <= opt + 1e-9 * Math.max(1, Math.abs(opt)),
        "heuristic never beats the optimum, seed " + seed);
  }

  @ParameterizedTest
  @MethodSource("smallSeeds")
  void raisingALimitNeverLowersTheBound(long seed) {
    AllocationProblem base = AllocationInstances.generate(30, seed, true, 0.4, false)
        .method(SolveMethod.LAGRANGIAN).build();
    AllocationPlan a = base.solve();
    AllocationProblem.Builder more = AllocationInstances.generate(30, seed, true, 0.4, false)
        .method(SolveMethod.LAGRANGIAN);
    more.budget(base.budget() * 1.2);
    AllocationPlan b = more.build().solve();
    assertTrue(b.upperBound() >= a.upperBound() - 1e-9 * Math.abs(a.upperBound()),
        "more budget never lowers the LP bound, seed " + seed);
  }

  @Test
  void shadowPriceMatchesFiniteDifferenceOfTheBound() {
    int checked = 0;
    for (long seed = 0; seed < 40; seed++) {
      AllocationProblem problem = AllocationInstances.generate(60, seed, false, 0.4, false)
          .method(SolveMethod.LAGRANGIAN).build();
      AllocationPlan plan = problem.solve();
      double price = plan.shadowPrice("budget");
      double h = problem.budget() * 1e-4;
      AllocationProblem.Builder up = AllocationInstances.generate(60, seed, false, 0.4, false)
          .method(SolveMethod.LAGRANGIAN);
      up.budget(problem.budget() + h);
      AllocationProblem.Builder down = AllocationInstances.generate(60, seed, false, 0.4, false)
          .method(SolveMethod.LAGRANGIAN);
      down.budget(problem.budget() - h);
      double right = (up.build().solve().upperBound() - plan.upperBound()) / h;
      double left = (plan.upperBound() - down.build().solve().upperBound()) / h;
      // the bounds are exact to a relative 1e-9, so differences over h carry an error of about
      // 1e-9 |L| / h; compare with a tolerance well above that
      double tol = 1e-3 * Math.max(1, Math.abs(left));
      if (Math.abs(right - left) < tol) {
        assertEquals(left, price, tol,
            "budget shadow price equals the finite difference of the LP bound, seed " + seed);
        checked++;
      } else {
        assertTrue(price >= right - tol && price <= left + tol,
            "at a kink the shadow price lies between one-sided differences, seed " + seed);
      }
    }
    assertTrue(checked > 5, "enough non-degenerate cases checked: " + checked);
  }

  @Test
  void infeasibleServiceLevelNamesTheConflict() {
    AllocationProblem problem = AllocationInstances.generate(200, 7, false, 0.4, false)
        .serviceLevel(ServiceLevel.ofChannels("A", 1.0, Channel.FIELD))
        .role(Role.of("dummy", 0))
        .build();
    // shrink the field hours to make the service level impossible
    AllocationProblem.Builder b = AllocationInstances.generate(200, 7, false, 0.4, false);
    AllocationProblem tight = b.serviceLevel(ServiceLevel.ofChannels("A", 1.0, Channel.FIELD))
        .build();
    AllocationPlan plan = tight.solve();
    if (plan.status() == PlanStatus.INFEASIBLE) {
      assertFalse(plan.conflicts().isEmpty(), "conflicts are named");
      assertTrue(plan.conflicts().get(0).contains("service:A>=100%[FIELD]"), plan.conflicts().toString());
      assertThrows(IllegalStateException.class, () -> plan.option(0));
    } else {
      assertFeasible(tight, plan, "feasible service level");
    }
    assertTrue(problem.roles().size() == 3);
  }

  @Test
  void tinyHandCheckedInstance() {
    AccountTable t = AccountTable.of(new String[] {"a", "b", "c"},
        NumericColumn.of("v", new double[] {10, 8, 6}));
    AllocationProblem p = AllocationProblem.builder()
        .accounts(t)
        .role(Role.of("field", 2))
        .option(CoverageOption.builder("visit", Channel.FIELD).hours("field", 1)
            .value(PerAccount.column("v")).build())
        .option(CoverageOption.builder("none", Channel.NONE).value(PerAccount.of(0)).build())
        .method(SolveMethod.LAGRANGIAN)
        .build();
    AllocationPlan plan = p.solve();
    assertEquals(18.0, plan.objective(), 1e-9, "visit a and b");
    assertEquals("visit", plan.option("a"));
    assertEquals("visit", plan.option("b"));
    assertEquals("none", plan.option("c"));
    assertEquals(18.0, plan.upperBound(), 1e-7, "LP bound");
    double price = plan.shadowPrice("field");
    assertTrue(price >= 6 - 1e-6 && price <= 8 + 1e-6,
        "at this kink any field-hour price in [6, 8] is dual optimal, was " + price);
    assertEquals(PlanStatus.OPTIMAL, plan.status());
  }

  @Test
  void largerInstancesHaveTinyGaps() {
    for (int n : new int[] {1000, 10000}) {
      AllocationPlan plan = AllocationInstances.generate(n, 3, true, 0.4, true).build().solve();
      assertTrue(plan.isFeasible(), "feasible at n=" + n);
      double target = n == 1000 ? 1e-4 : 1e-5;
      assertTrue(plan.gap() < target, "gap " + plan.gap() + " under " + target + " at n=" + n
          + "\n" + plan);
    }
  }

  static List<Double> unused() {
    return List.of();
  }
}
