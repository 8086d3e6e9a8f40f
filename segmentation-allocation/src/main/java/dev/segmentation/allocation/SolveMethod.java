package dev.segmentation.allocation;

/**
 * How the integer plan is found.
 *
 * @since 0.1
 */
public enum SolveMethod {
  /** {@link #EXACT} up to {@value AllocationProblem#EXACT_AUTO_LIMIT} accounts, else {@link #LAGRANGIAN}. */
  AUTO,
  /**
   * The LP relaxation's dual (one multiplier per limit) by a cutting-plane method, each account's best
   * option at the multipliers, then repair and improve passes; the LP bound proves the gap.
   */
  LAGRANGIAN,
  /**
   * {@link #LAGRANGIAN}, then depth-first branch and bound with Lagrangian bounds, which proves the
   * optimum when it finishes within its node limit (meant for a few hundred accounts).
   */
  EXACT
}
