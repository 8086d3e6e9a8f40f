package dev.segmentation.allocation.internal;

import dev.segmentation.allocation.AllocationPlan;
import dev.segmentation.allocation.CoverageOption;
import dev.segmentation.allocation.LimitKind;
import dev.segmentation.allocation.LimitUsage;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the public {@link AllocationPlan} of a solver outcome through {@link AllocationPlan#of}, with
 * the same sums in the same order as the plan {@code AllocationProblem.solve} builds, so the two plans
 * are equal for equal outcomes. Used by solvers outside the allocation package (Spark).
 */
public final class PlanParts {

  private PlanParts() {}

  /**
   * Builds the plan.
   *
   * @param c the compiled problem
   * @param o the outcome
   * @param roleNames the role names in problem order
   * @return the plan
   */
  public static AllocationPlan plan(Compiled c, Solver.Outcome o, List<String> roleNames) {
    Mckp p = c.mckp;
    int n = p.n;
    int m = p.m;
    List<String> optionIds = new ArrayList<>();
    for (CoverageOption opt : c.options) {
      optionIds.add(opt.id());
    }
    List<String> segments = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      segments.add(c.segmentOf[i] == null ? "" : c.segmentOf[i]);
    }
    double value = 0;
    double cost = 0;
    double objective = 0;
    double[] usage = new double[m];
    List<AllocationPlan.AccountOutcome> outcomes = new ArrayList<>();
    if (o.choice != null) {
      for (int i = 0; i < n; i++) {
        int k = o.choice[i];
        value += c.grossValue[k];
        cost += c.cost[k];
        objective += p.value[k];
        for (int r = 0; r < m; r++) {
          usage[r] += p.use[k * m + r];
        }
        List<Double> hours = new ArrayList<>(c.roleRows);
        for (int r = 0; r < c.roleRows; r++) {
          hours.add(p.use[k * m + r]);
        }
        double own = p.reduced(k, o.lambda);
        int q = p.runnerUp(i, k, o.lambda);
        outcomes.add(new AllocationPlan.AccountOutcome(optionIds.get(p.option[k]), own,
            q < 0 ? "" : optionIds.get(p.option[q]),
            q < 0 ? Double.POSITIVE_INFINITY : own - p.reduced(q, o.lambda), c.grossValue[k],
            c.cost[k], hours));
      }
    }
    List<LimitUsage> limits = new ArrayList<>(m);
    for (int r = 0; r < m; r++) {
      boolean service = c.rowKind[r] == LimitKind.SERVICE_LEVEL;
      limits.add(new LimitUsage(c.rowName[r], c.rowKind[r],
          service ? -c.capacity[r] : c.capacity[r],
          o.choice == null ? Double.NaN : (service ? -usage[r] : usage[r]), o.lambda[r]));
    }
    return AllocationPlan.of(o.status, c.ids, segments, optionIds, roleNames, outcomes, value, cost,
        objective, o.bound, o.converged, o.iterations, limits, o.conflicts);
  }
}
