package dev.segmentation.allocation.calltime;

/**
 * How a call-time solve ended.
 *
 * @since 0.1
 */
public enum CallTimeStatus {
  /**
   * Every group is feasible and the plan is optimal: its total response equals the optimum of the
   * concave (envelope) problem, which bounds the true optimum from above; with concave curves this is
   * the optimum itself, to the solver's tolerance.
   */
  OPTIMAL,
  /**
   * Every group is feasible, but some accounts with an S-shaped ADBUDG curve end strictly inside the
   * linear part of their concave envelope; the plan is feasible and within {@link CallTimePlan#gap()}
   * of the true optimum (it may or may not be optimal).
   */
  FEASIBLE,
  /**
   * At least one group's minimum hours exceed its capacity; {@link CallTimePlan#conflicts()} names the
   * groups with the hours needed and available. The other groups are solved as usual.
   */
  INFEASIBLE
}
