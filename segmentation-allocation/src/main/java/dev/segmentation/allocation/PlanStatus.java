package dev.segmentation.allocation;

/**
 * How a solve ended.
 *
 * @since 0.1
 */
public enum PlanStatus {
  /** The plan is proven optimal: its value equals the upper bound within the optimality tolerance. */
  OPTIMAL,
  /** The plan is feasible; its value is within {@link AllocationPlan#gap()} of the upper bound. */
  FEASIBLE,
  /** The wall-time limit stopped the solve; the plan is feasible (not reproducible). */
  TIME_LIMIT,
  /** The iteration limit stopped the bound computation; the plan is feasible and reproducible. */
  ITERATION_LIMIT,
  /** The solve was cancelled; the plan is feasible (not reproducible). */
  CANCELLED,
  /** No plan satisfies every limit; {@link AllocationPlan#conflicts()} says which limits conflict. */
  INFEASIBLE
}
