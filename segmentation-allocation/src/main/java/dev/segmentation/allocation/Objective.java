package dev.segmentation.allocation;

/**
 * What the allocation maximises.
 *
 * @since 0.1
 */
public enum Objective {
  /** Total expected value {@code sum_i value(i, option(i))}; money cost only enters as the budget limit. */
  VALUE,
  /**
   * Total expected value minus money cost, {@code sum_i (value(i, o) - cost(i, o))}; the budget limit
   * still applies.
   */
  PROFIT
}
