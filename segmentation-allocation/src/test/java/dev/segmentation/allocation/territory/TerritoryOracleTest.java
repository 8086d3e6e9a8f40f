package dev.segmentation.allocation.territory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Exhaustive oracle on tiny instances (6 accounts, 2 or 3 reps: at most 729 assignments). On every
 * seed: a balanced plan is really balanced, never beats the optimum, and its lower bound never exceeds
 * the optimum; an instance without balanced assignment is reported unbalanced or infeasible with an
 * explanation. Stated bound (the local search is a heuristic: with bands narrower than one account,
 * the feasible assignments can be isolated so that no move, swap, pair move or 3-cycle leads from one to
 * a better one): over the 300 seeds, balanced on at least 98% of the feasible instances, within
 * {@value #SLACK} of the optimum on at least 95% and exactly optimal on at least 85%.
 */
class TerritoryOracleTest {

  /** Allowed relative excess of our objective over the exhaustive optimum. */
  static final double SLACK = 0.10;

  static LongStream seeds() {
    return LongStream.range(0, 300);
  }

  record Tiny(TerritoryProblem problem, double[] size, double[][] dist, int[] owner, int[] lock) {}

  static Tiny tiny(long seed) {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed + 1_000_003L);
    int m = 2 + rng.nextInt(2);
    int n = 6;
    List<TerritoryRep> reps = new ArrayList<>();
    for (int r = 0; r < m; r++) {
      reps.add(TerritoryRep.of("r" + r, "field", 100 + 100 * rng.nextDouble())
          .home(50 + rng.nextDouble(), 8 + rng.nextDouble()));
    }
    BalanceMeasure measure = BalanceMeasure.values()[rng.nextInt(3)];
    List<TerritoryAccount> accounts = new ArrayList<>();
    int[] owner = new int[n];
    int[] lock = new int[n];
    for (int i = 0; i < n; i++) {
      TerritoryAccount a = TerritoryAccount.of("a" + i, 1 + 20 * rng.nextDouble(),
          100 + 1000 * rng.nextDouble()).location(50 + rng.nextDouble(), 8 + rng.nextDouble());
      owner[i] = rng.nextInt(m + 1) - 1;
      lock[i] = -1;
      if (owner[i] >= 0) {
        a = a.ownedBy("r" + owner[i]);
        if (rng.nextInt(8) == 0) {
          a = a.locked();
          lock[i] = owner[i];
        }
      }
      accounts.add(a);
    }
    TerritoryProblem p = TerritoryProblem.builder().role("field").reps(reps).accounts(accounts)
        .balanceBy(measure).tolerance(0.15 + 0.3 * rng.nextDouble())
        .disruptionCost(rng.nextInt(3) * 15.0).candidateReps(1 + rng.nextInt(2))
        .minKeptShare(rng.nextInt(4) == 0 ? 0.5 : 0.0).build();
    double w = 0;
    double pot = 0;
    for (TerritoryAccount a : accounts) {
      w += a.workloadHours();
      pot += a.potential();
    }
    double[] size = new double[n];
    double[][] dist = new double[n][m];
    for (int i = 0; i < n; i++) {
      TerritoryAccount a = accounts.get(i);
      size[i] = switch (measure) {
        case WORKLOAD -> a.workloadHours();
        case POTENTIAL -> a.potential();
        case MIX -> 0.5 * a.workloadHours() + 0.5 * a.potential() * w / pot;
      };
      for (int r = 0; r < m; r++) {
        dist[i][r] = TerritoryPropertyTest.textbookHaversine(a.location().get(),
            reps.get(r).homeLocation().get());
      }
    }
    return new Tiny(p, size, dist, owner, lock);
  }

  /** The exhaustive optimum, or NaN when no assignment meets every band and the kept minimum. */
  static double optimum(Tiny t) {
    TerritoryProblem p = t.problem();
    int n = t.size().length;
    int m = t.dist()[0].length;
    double total = 0;
    double capSum = 0;
    for (double s : t.size()) {
      total += s;
    }
    for (TerritoryRep r : p.reps()) {
      capSum += r.capacityHours();
    }
    int owned = 0;
    for (int o : t.owner()) {
      owned += o >= 0 ? 1 : 0;
    }
    int required = (int) Math.ceil(p.minKeptShare() * owned - 1e-9);
    double best = Double.NaN;
    int[] a = new int[n];
    int combos = (int) Math.pow(m, n);
    for (int c = 0; c < combos; c++) {
      int x = c;
      boolean ok = true;
      for (int i = 0; i < n; i++) {
        a[i] = x % m;
        x /= m;
        ok &= t.lock()[i] < 0 || t.lock()[i] == a[i];
      }
      if (!ok) {
        continue;
      }
      double[] load = new double[m];
      double obj = 0;
      int kept = 0;
      for (int i = 0; i < n; i++) {
        load[a[i]] += t.size()[i];
        obj += p.distanceWeight() * t.dist()[i][a[i]];
        if (t.owner()[i] >= 0) {
          if (t.owner()[i] == a[i]) {
            kept++;
          } else {
            obj += p.disruptionCost();
          }
        }
      }
      for (int r = 0; r < m; r++) {
        double target = total * p.reps().get(r).capacityHours() / capSum;
        double eps = 1e-9 * Math.max(1, target);
        ok &= load[r] >= target * (1 - p.tolerance()) - eps
            && load[r] <= target * (1 + p.tolerance()) + eps;
      }
      if (ok && kept >= required && (Double.isNaN(best) || obj < best)) {
        best = obj;
      }
    }
    return best;
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void planIsSoundAgainstTheExhaustiveOptimum(long seed) {
    Tiny t = tiny(seed);
    TerritoryPlan plan = t.problem().solve();
    double opt = optimum(t);
    String msg = "seed " + seed + ": optimum " + opt + "\n" + t.problem() + "\n" + plan;
    if (Double.isNaN(opt)) {
      assertFalse(plan.isBalanced(), msg + ": balanced although no assignment meets the bands");
      assertTrue(plan.status() == TerritoryStatus.UNBALANCED
          || plan.status() == TerritoryStatus.INFEASIBLE, msg);
      assertFalse(plan.explanation().isEmpty(), msg);
      return;
    }
    if (plan.isBalanced()) {
      assertEquals(TerritoryStatus.BALANCED, plan.status(), msg);
      assertTrue(plan.maxDeviation() <= t.problem().tolerance() + 1e-9, msg);
      assertTrue(plan.objective() >= opt - 1e-6, msg + ": below the exhaustive optimum");
      assertTrue(plan.lowerBound() <= opt + 1e-6 * Math.max(1, opt),
          msg + ": lower bound " + plan.lowerBound() + " above the optimum");
    }
  }

  /**
   * The stated quality bound over the 300 tiny instances (measured when written: 295 of 300 have a
   * balanced assignment; ours is balanced on 294 of them, exactly optimal on 270 and within 10% of the
   * optimum on 286 (97%)).
   */
  @Test
  void qualityAgainstTheExhaustiveOptimum() {
    int feasible = 0;
    int balanced = 0;
    int exact = 0;
    int close = 0;
    for (long seed = 0; seed < 300; seed++) {
      Tiny t = tiny(seed);
      double opt = optimum(t);
      if (Double.isNaN(opt)) {
        continue;
      }
      feasible++;
      TerritoryPlan plan = t.problem().solve();
      if (plan.isBalanced()) {
        balanced++;
        exact += plan.objective() <= opt + 1e-6 * Math.max(1, opt) ? 1 : 0;
        close += plan.objective() <= opt * (1 + SLACK) + 1e-6 ? 1 : 0;
      }
    }
    String counts = "feasible " + feasible + ", balanced " + balanced + ", exact " + exact
        + ", within " + SLACK + ": " + close;
    assertTrue(feasible >= 250, counts);
    assertTrue(balanced >= 0.98 * feasible, counts);
    assertTrue(close >= 0.95 * feasible, counts);
    assertTrue(exact >= 0.85 * feasible, counts);
  }
}
