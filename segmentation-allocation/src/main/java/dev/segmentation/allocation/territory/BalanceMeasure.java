package dev.segmentation.allocation.territory;

/**
 * What a rep's load is measured in when territories are balanced. Each account has a <em>balance
 * load</em>; a rep's load is the sum over its accounts and its target is the total load times its share
 * of the capacity hours.
 *
 * @since 0.1
 */
public enum BalanceMeasure {
  /** The account's workload hours of the role. */
  WORKLOAD,
  /** The account's potential (money per year). */
  POTENTIAL,
  /**
   * A weighted mix in workload-hour units: {@code w * workload + (1 - w) * potential * W / P}, where
   * {@code w} is {@link TerritoryProblem.Builder#mixWeight(double)} and {@code W}, {@code P} are the
   * total workload and potential of the accounts in scope (so potential is rescaled to hours; when
   * {@code P = 0} the potential term is 0).
   */
  MIX
}
