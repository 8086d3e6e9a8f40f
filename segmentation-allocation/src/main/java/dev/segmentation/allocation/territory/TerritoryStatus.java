package dev.segmentation.allocation.territory;

/**
 * How a territory solve ended. Every status comes with an assignment of every account in scope (the
 * best one found).
 *
 * @since 0.1
 */
public enum TerritoryStatus {
  /** Every rep's load is within its band and the minimum kept share, if any, is met. */
  BALANCED,
  /**
   * The search ended without meeting every band (or the minimum kept share) and found no proof that
   * it is impossible; {@link TerritoryPlan#explanation()} lists the reps out of band.
   */
  UNBALANCED,
  /**
   * The tolerance (or minimum kept share) cannot be met, proven by a simple certificate that
   * {@link TerritoryPlan#explanation()} states, naming the accounts and reps.
   */
  INFEASIBLE,
  /** The wall-time limit stopped the search; see {@link TerritoryPlan#isBalanced()}. */
  TIME_LIMIT,
  /** The cancellation token stopped the search; see {@link TerritoryPlan#isBalanced()}. */
  CANCELLED
}
