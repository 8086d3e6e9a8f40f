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
   * @param c the compiled problem: its ids, segments, options, row names, kinds and amounts (its
   *     candidates are not read: the per-account rows come from {@link Solver.Outcome#accounts})
   * @param o the outcome
   * @param roleNames the role names in problem order
   * @return the plan
   */
  public static AllocationPlan plan(Compiled c, Solver.Outcome o, List<String> roleNames) {
    int n = c.ids.size();
    int m = c.rowName.length;
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
    boolean planned = o.accounts != null;
    List<AllocationPlan.AccountOutcome> outcomes = new ArrayList<>();
    if (planned) {
      AccountPasses.Outcomes rows = o.accounts.outcomes(o.lambda);
      // the totals in account order, as AllocationPlan sums them
      for (int i = 0; i < n; i++) {
        value += rows.gross[i];
        cost += rows.cost[i];
        objective += rows.objective[i];
        for (int r = 0; r < m; r++) {
          usage[r] += rows.use[i * m + r];
        }
        List<Double> hours = new ArrayList<>(c.roleRows);
        for (int r = 0; r < c.roleRows; r++) {
          hours.add(rows.use[i * m + r]);
        }
        int q = rows.runnerUp[i];
        outcomes.add(new AllocationPlan.AccountOutcome(optionIds.get(rows.option[i]),
            rows.reduced[i], q < 0 ? "" : optionIds.get(q), rows.margin[i], rows.gross[i],
            rows.cost[i], hours));
      }
    }
    List<LimitUsage> limits = new ArrayList<>(m);
    for (int r = 0; r < m; r++) {
      boolean service = c.rowKind[r] == LimitKind.SERVICE_LEVEL;
      limits.add(new LimitUsage(c.rowName[r], c.rowKind[r],
          service ? -c.capacity[r] : c.capacity[r],
          !planned ? Double.NaN : (service ? -usage[r] : usage[r]), o.lambda[r]));
    }
    return AllocationPlan.of(o.status, c.ids, segments, optionIds, roleNames, outcomes, value, cost,
        objective, o.bound, o.converged, o.iterations, limits, o.conflicts);
  }
}
