package dev.segmentation.allocation.calltime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.segmentation.allocation.calltime.CallTimeGen.Shapes;
import dev.segmentation.allocation.calltime.CallTimeGen.Spec;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NoFeasibleSolutionException;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded properties of the call-time solver (CONVENTIONS section 10): KKT optimality, capacity and
 * bounds, no improving transfer, the multiplier as (super)gradient of the optimal value, brute force
 * and an LP oracle (commons-math3 simplex) on small cases, determinism. Every case builds its input
 * from {@code new CallTimeGen(seed)}; every message names the seed.
 */
class CallTimePropertyTest {

  /** Relative tolerance of the optimality conditions (the solver is exact to a few ulps). */
  private static final double KKT_TOL = 1e-9;

  /** Relative tolerance on hours for "at a bound". */
  private static final double HOURS_TOL = 1e-12;

  static LongStream seeds() {
    return CallTimeGen.seeds(250);
  }

  /**
   * Seeds that failed during development (found with 3000 seeds): 971 left a piecewise-linear account
   * two ulps short of a kink when a rounding excess was trimmed from accounts at their optimum (now
   * only hours handed out by the tie-breaking fill are trimmed); 494 and 1847 have multipliers near
   * the bottom of the double range.
   */
  static LongStream regressionSeeds() {
    return LongStream.of(494, 971, 1847);
  }

  @ParameterizedTest
  @MethodSource("regressionSeeds")
  void kktConditionsHoldOnFormerlyFailingSeeds(long seed) {
    everyAccountSatisfiesTheKktConditions(seed);
    capacityIsNeverExceededAndBoundsHold(seed);
  }

  // ------------------------------------------------------------------------------------ helpers

  /** Left derivative of the envelope (differs from the right one only at piecewise-linear kinks). */
  static double left(ResponseCurve c, double h) {
    return c instanceof PiecewiseLinearCurve p ? p.leftDerivative(h) : c.envelopeDerivative(h);
  }

  static List<Integer> members(CallTimeProblem p, String group) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < p.accountCount(); i++) {
      if (p.groupOf(i).equals(group)) {
        out.add(i);
      }
    }
    return out;
  }

  /** Envelope total of one group's accounts at given hours. */
  static double groupEnvelope(CallTimeProblem p, List<Integer> members, double[] h) {
    CallTimeSolver.Sum s = new CallTimeSolver.Sum();
    for (int i : members) {
      s.add(p.curve(i).envelopeValue(h[i]));
    }
    return s.value();
  }

  static String where(long seed, CallTimeProblem p, int i) {
    return "seed " + seed + ", account " + i + " \"" + p.accountId(i) + "\" (group " + p.groupOf(i)
        + ", curve " + p.curve(i) + ", bounds [" + p.minHours(i) + ", " + p.maxHours(i) + "])";
  }

  // ------------------------------------------------------------------------------------ properties

  @ParameterizedTest
  @MethodSource("seeds")
  void everyAccountSatisfiesTheKktConditions(long seed) {
    CallTimeGen gen = new CallTimeGen(seed);
    CallTimeProblem p = gen.spec(Shapes.ALL, 4, 25, false, true).build();
    CallTimePlan plan = p.solve();
    for (int i = 0; i < p.accountCount(); i++) {
      GroupPlan g = plan.group(p.groupOf(i));
      ResponseCurve c = p.curve(i);
      double h = plan.hours(i);
      double min = p.minHours(i);
      double max = p.maxHours(i);
      String at = where(seed, p, i) + ", hours " + h + ", mu " + g.marginalValue();
      if (g.status() == GroupStatus.INFEASIBLE) {
        assertEquals(min, h, "infeasible group plans the minimum hours, " + at);
        continue;
      }
      double mu = g.marginalValue();
      double right = c.envelopeDerivative(h);
      assertEquals(right, plan.marginalResponse(i), "marginalResponse is the right derivative, " + at);
      // Hours within HOURS_TOL of a bound count as at the bound: the capacity is met to rounding
      // (a few ulps are trimmed from the last accounts), and optimal hours of ADBUDG curves with
      // shape < 1 may lie below the smallest normal double.
      double hTol = HOURS_TOL * (gen.hourScale + h);
      boolean atMin = h - min <= hTol;
      boolean atMax = max - h <= hTol;
      if (!atMin && !atMax) {
        double leftD = left(c, h);
        assertTrue(right <= mu * (1 + KKT_TOL) + Double.MIN_NORMAL
                && leftD >= mu * (1 - KKT_TOL) - Double.MIN_NORMAL,
            "inside its bounds the marginal response equals mu: right " + right + ", left " + leftD
                + ", " + at);
      } else if (atMax && !atMin) {
        double leftD = left(c, Math.max(min, h - hTol));
        assertTrue(leftD >= mu * (1 - KKT_TOL) - Double.MIN_NORMAL,
            "at its maximum the marginal response is >= mu: " + leftD + ", " + at);
      } else if (atMin && !atMax) {
        double r = c.envelopeDerivative(Math.min(max, h + hTol));
        assertTrue(r <= mu * (1 + KKT_TOL) + Double.MIN_NORMAL,
            "at its minimum the marginal response is <= mu: " + r + ", " + at);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void capacityIsNeverExceededAndBoundsHold(long seed) {
    CallTimeGen gen = new CallTimeGen(seed);
    CallTimeProblem p = gen.spec(Shapes.ALL, 4, 30, false, true).build();
    CallTimePlan plan = p.solve();
    boolean anyInfeasible = false;
    for (GroupPlan g : plan.groups()) {
      List<Integer> m = members(p, g.name());
      double plain = 0;
      double minSum = 0;
      for (int i : m) {
        plain += plan.hours(i);
        minSum += p.minHours(i);
      }
      String at = "seed " + seed + ", group " + g;
      assertEquals(m.size(), g.accountCount(), "account count, " + at);
      assertEquals(minSum, g.minimumHours(), 1e-12 * minSum, "minimum hours, " + at);
      assertEquals(p.capacityHours(g.name()), g.capacityHours(), "capacity, " + at);
      if (g.status() == GroupStatus.INFEASIBLE) {
        anyInfeasible = true;
        assertTrue(g.minimumHours() > g.capacityHours(), "infeasible only when minima exceed capacity, " + at);
        assertTrue(g.shortfallHours() > 0, "shortfall, " + at);
        assertTrue(plan.conflicts().stream().anyMatch(s -> s.contains("\"" + g.name() + "\"")
                && s.contains(Double.toString(g.capacityHours()))
                && s.contains(Double.toString(g.minimumHours()))),
            "a conflict names the group, its capacity and its minimum hours, " + at + ": "
                + plan.conflicts());
        continue;
      }
      assertTrue(g.hoursUsed() <= g.capacityHours(), "compensated hours used <= capacity, " + at);
      assertTrue(plain <= g.capacityHours() * (1 + 1e-12),
          "plain sum of hours " + plain + " <= capacity, " + at);
      if (g.status() == GroupStatus.BINDING) {
        assertTrue(g.marginalValue() > 0, "binding groups have mu > 0, " + at);
        assertTrue(g.hoursUsed() >= g.capacityHours() * (1 - 1e-12),
            "a binding group uses its capacity, " + at);
      } else {
        assertEquals(0.0, g.marginalValue(), "not binding means mu = 0, " + at);
      }
    }
    assertEquals(anyInfeasible, plan.status() == CallTimeStatus.INFEASIBLE, "plan status, seed " + seed);
    assertEquals(anyInfeasible, !plan.conflicts().isEmpty(), "conflicts, seed " + seed);
    CallTimeSolver.Sum total = new CallTimeSolver.Sum();
    for (int i = 0; i < p.accountCount(); i++) {
      double h = plan.hours(i);
      assertTrue(h >= p.minHours(i) && h <= p.maxHours(i) && Double.isFinite(h),
          "hours within bounds, " + where(seed, p, i) + ", hours " + h);
      assertEquals(p.curve(i).value(h), plan.response(i), "response is r(h), " + where(seed, p, i));
      total.add(plan.response(i));
    }
    assertEquals(total.value(), plan.totalResponse(), "total response, seed " + seed);
    assertTrue(plan.upperBound() >= plan.totalResponse() - 1e-12 * Math.abs(plan.totalResponse()),
        "upper bound >= total, seed " + seed);
    if (plan.status() == CallTimeStatus.OPTIMAL) {
      assertEquals(0.0, plan.gap(), "an optimal plan has no envelope gap, seed " + seed);
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void noFeasibleTransferOfHoursImprovesTheTotal(long seed) {
    CallTimeGen gen = new CallTimeGen(seed);
    CallTimeProblem p = gen.spec(Shapes.ALL, 3, 12, false, false).build();
    CallTimePlan plan = p.solve();
    double[] h = plan.hours();
    for (GroupPlan g : plan.groups()) {
      List<Integer> m = members(p, g.name());
      double base = groupEnvelope(p, m, h);
      for (int from : m) {
        for (int to : m) {
          for (double rel : new double[] {1e-5, 1e-2, 0.3}) {
            double eps = rel * (gen.hourScale + h[from]);
            eps = Math.min(eps, Math.min(h[from] - p.minHours(from), p.maxHours(to) - h[to]));
            if (from == to) {
              // adding spare capacity to one account
              eps = Math.min(rel * (gen.hourScale + h[to]),
                  Math.min(g.capacityHours() - g.hoursUsed(), p.maxHours(to) - h[to]));
            }
            if (!(eps > 0)) {
              continue;
            }
            double[] moved = h.clone();
            if (from != to) {
              moved[from] -= eps;
            }
            moved[to] += eps;
            double after = groupEnvelope(p, m, moved);
            double tol = 1e-9 * eps * (g.marginalValue() + gen.valueScale / gen.hourScale)
                + 1e-14 * (Math.abs(base) + gen.valueScale * m.size());
            assertTrue(after <= base + tol,
                "moving " + eps + " h from account " + from + " to " + to + " improves the group "
                    + g.name() + " from " + base + " to " + after + " (seed " + seed + ")");
          }
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void marginalValueIsASupergradientOfTheOptimalValueInCapacity(long seed) {
    CallTimeGen gen = new CallTimeGen(seed);
    CallTimeProblem p = gen.spec(Shapes.ALL, 3, 15, false, false).build();
    CallTimePlan plan = p.solve();
    for (GroupPlan g : plan.groups()) {
      List<Integer> m = members(p, g.name());
      double v = groupEnvelope(p, m, plan.hours());
      double mu = g.marginalValue();
      for (double rel : new double[] {1e-4, 0.05, 0.5}) {
        double delta = rel * (g.capacityHours() + gen.hourScale);
        double tol = 1e-12 * (Math.abs(v) + gen.valueScale * (m.size() + 1));
        CallTimePlan up = p.withCapacity(g.name(), g.capacityHours() + delta).solve();
        double vUp = groupEnvelope(p, m, up.hours());
        String at = "seed " + seed + ", group " + g + ", delta " + delta;
        assertTrue(vUp >= v - tol, "more capacity never hurts, " + at);
        if (mu < Double.POSITIVE_INFINITY) {
          assertTrue(vUp <= v + mu * delta + tol + 1e-9 * mu * delta,
              "V(C + d) <= V(C) + mu d: " + vUp + " vs " + v + " + " + mu * delta + ", " + at);
        }
        double lower = g.capacityHours() - delta;
        if (lower >= g.minimumHours()) {
          CallTimePlan down = p.withCapacity(g.name(), lower).solve();
          double vDown = groupEnvelope(p, m, down.hours());
          assertTrue(vDown <= v - mu * delta + tol + 1e-9 * mu * delta,
              "V(C - d) <= V(C) - mu d: " + vDown + " vs " + v + " - " + mu * delta + ", " + at);
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void marginalValueMatchesACentralDifferenceOnSmoothCurves(long seed) {
    CallTimeGen gen = new CallTimeGen(seed);
    CallTimeProblem p = gen.spec(Shapes.SMOOTH, 3, 15, false, false).build();
    CallTimePlan plan = p.solve();
    for (GroupPlan g : plan.groups()) {
      double mu = g.marginalValue();
      double delta = 1e-6 * (g.capacityHours() + gen.hourScale);
      if (!(mu > 0) || mu == Double.POSITIVE_INFINITY || g.capacityHours() - delta < g.minimumHours()) {
        continue;
      }
      List<Integer> m = members(p, g.name());
      double vUp = groupEnvelope(p, m, p.withCapacity(g.name(), g.capacityHours() + delta).solve().hours());
      double vDown = groupEnvelope(p, m, p.withCapacity(g.name(), g.capacityHours() - delta).solve().hours());
      double fd = (vUp - vDown) / (2 * delta);
      double noise = 1e-14 * (Math.abs(vUp) + gen.valueScale * m.size()) / delta;
      assertEquals(mu, fd, 1e-4 * mu + noise,
          "mu equals dV/dC by central difference, seed " + seed + ", group " + g);
    }
  }

  /**
   * Brute force on one group of two accounts: for fixed {@code h1} the best {@code h2} is
   * {@code min(max2, C - h1)} (curves do not fall), and {@code phi(h1) = env1(h1) + env2(...)} is
   * concave, so a grid of 2001 points followed by golden-section refinement finds its maximum.
   */
  @ParameterizedTest
  @MethodSource("seeds")
  void twoAccountOptimumMatchesGridSearch(long seed) {
    CallTimeGen gen = new CallTimeGen(seed);
    Spec s = new Spec();
    s.groups.add("g");
    for (int i = 0; i < 2; i++) {
      s.ids.add("a" + i);
      s.accountGroups.add("g");
      s.curves.add(gen.curve(Shapes.ALL));
      double min = gen.chance(0.5) ? 0 : gen.hourScale * gen.uniform(0, 1);
      s.bounds.add(new double[] {min, min + gen.hourScale * gen.logUniform(0.1, 10)});
    }
    double minSum = s.bounds.get(0)[0] + s.bounds.get(1)[0];
    double room = s.bounds.get(0)[1] + s.bounds.get(1)[1] - minSum;
    s.capacities.add(minSum + room * gen.uniform(0, 1.2));
    CallTimeProblem p = s.build();
    CallTimePlan plan = p.solve();
    double cap = s.capacities.get(0);
    ResponseCurve c1 = p.curve(0);
    ResponseCurve c2 = p.curve(1);
    double lo = p.minHours(0);
    double hi = Math.min(p.maxHours(0), cap - p.minHours(1));
    java.util.function.DoubleUnaryOperator phiEnv = h1 ->
        c1.envelopeValue(h1) + c2.envelopeValue(Math.min(p.maxHours(1), cap - h1));
    java.util.function.DoubleUnaryOperator phiTrue = h1 ->
        c1.value(h1) + c2.value(Math.min(p.maxHours(1), cap - h1));
    int grid = 2000;
    double best = Double.NEGATIVE_INFINITY;
    int bestK = 0;
    double bestTrue = Double.NEGATIVE_INFINITY;
    for (int k = 0; k <= grid; k++) {
      double h1 = k == grid ? hi : lo + (hi - lo) * k / grid;
      double v = phiEnv.applyAsDouble(h1);
      if (v > best) {
        best = v;
        bestK = k;
      }
      bestTrue = Math.max(bestTrue, phiTrue.applyAsDouble(h1));
    }
    // golden section on the concave phi around the best grid point
    double a = lo + (hi - lo) * Math.max(0, bestK - 1) / grid;
    double b = Math.min(hi, lo + (hi - lo) * Math.min(grid, bestK + 1) / grid);
    double r = (Math.sqrt(5) - 1) / 2;
    for (int it = 0; it < 200 && b - a > 0; it++) {
      double x1 = b - r * (b - a);
      double x2 = a + r * (b - a);
      if (phiEnv.applyAsDouble(x1) < phiEnv.applyAsDouble(x2)) {
        a = x1;
      } else {
        b = x2;
      }
    }
    best = Math.max(best, phiEnv.applyAsDouble(0.5 * (a + b)));
    double tol = 1e-9 * (Math.abs(best) + gen.valueScale);
    String at = "seed " + seed + ", curves " + c1 + " / " + c2 + ", bounds "
        + Arrays.toString(s.bounds.get(0)) + " " + Arrays.toString(s.bounds.get(1)) + ", capacity "
        + cap + ", plan hours " + Arrays.toString(plan.hours());
    assertTrue(plan.upperBound() >= best - tol,
        "no grid point beats the solver: " + best + " > " + plan.upperBound() + ", " + at);
    assertEquals(best, plan.upperBound(), tol, "solver optimum equals the brute-force optimum, " + at);
    assertTrue(bestTrue <= plan.upperBound() + tol,
        "the envelope optimum bounds every true response, " + at);
    if (c1.isConcave() && c2.isConcave()) {
      assertEquals(plan.upperBound(), plan.totalResponse(), "concave curves have no gap, " + at);
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void threeAccountOptimumDominatesGridSearch(long seed) {
    CallTimeGen gen = new CallTimeGen(seed);
    Spec s = gen.spec(Shapes.ALL, 1, 3, true, false);
    while (s.ids.size() < 3) {
      s.ids.add("extra" + s.ids.size());
      s.accountGroups.add(s.groups.get(0));
      s.curves.add(gen.curve(Shapes.ALL));
      s.bounds.add(new double[] {0, gen.hourScale});
    }
    CallTimeProblem p = s.build();
    CallTimePlan plan = p.solve();
    assertTrue(plan.status() != CallTimeStatus.INFEASIBLE, "feasible by construction, seed " + seed);
    double cap = p.capacityHours(s.groups.get(0));
    int grid = 120;
    double best = Double.NEGATIVE_INFINITY;
    for (int k1 = 0; k1 <= grid; k1++) {
      double h1 = p.minHours(0) + (p.maxHours(0) - p.minHours(0)) * k1 / grid;
      for (int k2 = 0; k2 <= grid; k2++) {
        double h2 = p.minHours(1) + (p.maxHours(1) - p.minHours(1)) * k2 / grid;
        double h3 = Math.min(p.maxHours(2), cap - h1 - h2);
        if (h3 < p.minHours(2)) {
          continue;
        }
        double v = p.curve(0).envelopeValue(h1) + p.curve(1).envelopeValue(h2)
            + p.curve(2).envelopeValue(h3);
        best = Math.max(best, v);
      }
    }
    double tol = 1e-9 * (Math.abs(best) + gen.valueScale);
    assertTrue(plan.upperBound() >= best - tol,
        "no grid point beats the solver (seed " + seed + "): grid " + best + ", solver "
            + plan.upperBound() + ", hours " + Arrays.toString(plan.hours()));
  }

  /**
   * Piecewise-linear curves make the problem an LP: one variable per segment plus one for the flat
   * part after the last point; commons-math3's simplex is an independent oracle for the optimum and
   * for infeasibility.
   */
  @ParameterizedTest
  @MethodSource("seeds")
  void piecewiseLinearOptimumMatchesSimplex(long seed) {
    CallTimeGen gen = new CallTimeGen(seed);
    CallTimeProblem p = gen.spec(Shapes.PIECEWISE, 3, 8, false, true).build();
    CallTimePlan plan = p.solve();
    double hs = gen.hourScale;
    double vs = gen.valueScale;
    int vars = 0;
    int[] first = new int[p.accountCount()];
    int[] count = new int[p.accountCount()];
    double base = 0;
    List<Double> obj = new ArrayList<>();
    List<Double> upper = new ArrayList<>();
    for (int i = 0; i < p.accountCount(); i++) {
      PiecewiseLinearCurve c = (PiecewiseLinearCurve) p.curve(i);
      double[] h = c.hours();
      double[] v = c.values();
      base += v[0];
      first[i] = vars;
      for (int k = 0; k + 1 < h.length; k++) {
        obj.add((v[k + 1] - v[k]) / (h[k + 1] - h[k]) * hs / vs);
        upper.add((h[k + 1] - h[k]) / hs);
        vars++;
      }
      obj.add(0.0); // flat part
      upper.add(Double.POSITIVE_INFINITY);
      vars++;
      count[i] = vars - first[i];
    }
    if (vars == 0) {
      assertEquals(0.0, plan.totalResponse(), "empty problem, seed " + seed);
      return;
    }
    List<LinearConstraint> cons = new ArrayList<>();
    for (int j = 0; j < vars; j++) {
      if (upper.get(j) < Double.POSITIVE_INFINITY) {
        double[] a = new double[vars];
        a[j] = 1;
        cons.add(new LinearConstraint(a, Relationship.LEQ, upper.get(j)));
      }
    }
    for (int i = 0; i < p.accountCount(); i++) {
      double[] a = new double[vars];
      Arrays.fill(a, first[i], first[i] + count[i], 1.0);
      cons.add(new LinearConstraint(a, Relationship.GEQ, p.minHours(i) / hs));
      if (p.maxHours(i) < Double.POSITIVE_INFINITY) {
        cons.add(new LinearConstraint(a.clone(), Relationship.LEQ, p.maxHours(i) / hs));
      }
    }
    for (String g : p.groupNames()) {
      double[] a = new double[vars];
      for (int i : members(p, g)) {
        Arrays.fill(a, first[i], first[i] + count[i], 1.0);
      }
      cons.add(new LinearConstraint(a, Relationship.LEQ, p.capacityHours(g) / hs));
    }
    double[] c = obj.stream().mapToDouble(Double::doubleValue).toArray();
    PointValuePair lp;
    try {
      lp = new SimplexSolver(1e-9, 10, 1e-12).optimize(new MaxIter(10_000),
          new LinearObjectiveFunction(c, 0), new LinearConstraintSet(cons), GoalType.MAXIMIZE,
          new NonNegativeConstraint(true));
    } catch (NoFeasibleSolutionException e) {
      assertEquals(CallTimeStatus.INFEASIBLE, plan.status(),
          "the simplex finds no feasible point, so the plan is infeasible (seed " + seed + ")");
      return;
    }
    if (plan.status() == CallTimeStatus.INFEASIBLE) {
      fail("the simplex found a feasible point but the plan is infeasible (seed " + seed + "): "
          + plan.conflicts());
    }
    double lpTotal = base + lp.getValue() * vs;
    assertEquals(lpTotal, plan.totalResponse(),
        1e-7 * (Math.abs(lpTotal) + vs * (p.accountCount() + 1)),
        "optimum equals the simplex optimum (seed " + seed + ")");
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void solvingIsDeterministic(long seed) {
    CallTimeProblem p1 = new CallTimeGen(seed).spec(Shapes.ALL, 4, 30, false, true).build();
    CallTimeProblem p2 = new CallTimeGen(seed).spec(Shapes.ALL, 4, 30, false, true).build();
    assertEquals(p1, p2, "same seed, same problem (seed " + seed + ")");
    assertEquals(p1.hashCode(), p2.hashCode(), "same hash (seed " + seed + ")");
    CallTimePlan a = p1.solve();
    CallTimePlan b = p1.solve();
    CallTimePlan c = p2.solve();
    assertEquals(a, b, "solving twice gives the same plan (seed " + seed + ")");
    assertEquals(a, c, "an equal problem gives the same plan (seed " + seed + ")");
    assertEquals(a.hashCode(), c.hashCode(), "same plan hash (seed " + seed + ")");
    assertEquals(a.toString(), c.toString(), "same text (seed " + seed + ")");
    StringWriter w1 = new StringWriter();
    StringWriter w2 = new StringWriter();
    a.writeHoursCsv(w1);
    c.writeHoursCsv(w2);
    assertEquals(w1.toString(), w2.toString(), "same CSV (seed " + seed + ")");
  }
}
