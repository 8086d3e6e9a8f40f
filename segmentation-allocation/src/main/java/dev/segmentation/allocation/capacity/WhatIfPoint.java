package dev.segmentation.allocation.capacity;

import dev.segmentation.allocation.PlanStatus;
import java.util.Objects;

/**
 * One point of a {@link WhatIfCurve}: the best plan known at one level of the varied resource.
 *
 * <p><b>Monotone by construction.</b> A plan that fits a smaller budget (or fewer hours of a role)
 * also fits a larger one, so the reported plan at a level is the best of the plans solved at this level
 * and every lower level of the grid ({@link #planLevel()} says which). {@link #objective()},
 * {@link #value()} and {@link #cost()} are that plan's; {@link #solvedObjective()} is the objective of
 * the plan solved at this level alone (which may be lower when the integer plans were not optimal).
 * Likewise the optimum at this level is at most the optimum at any higher level, so
 * {@link #upperBound()} is the smallest bound of the solves at this and every higher level. Both make
 * the curve and its bound non-decreasing in the resource.
 *
 * @param level the resource level: money for the budget, hours per year for a role
 * @param status how the solve at this level ended
 * @param objective the objective of the reported plan; {@code NaN} when no plan at or below this level
 *     is feasible
 * @param value the value of the reported plan, {@code NaN} as {@code objective}
 * @param cost the money cost of the reported plan, {@code NaN} as {@code objective}
 * @param planLevel the level whose solve gave the reported plan, {@code NaN} when there is none
 * @param solvedObjective the objective of the plan solved at this level, {@code NaN} when infeasible
 * @param upperBound an upper bound on the optimum at this level, {@code NaN} when no solve gave one
 * @param gap {@code (upperBound - objective) / |upperBound|}, {@code NaN} when either is missing
 * @param shadowPrice the shadow price of the varied limit in the solve at this level (value of one more
 *     unit of money or hour), {@code NaN} when that solve is infeasible
 * @since 0.1
 */
public record WhatIfPoint(double level, PlanStatus status, double objective, double value, double cost,
    double planLevel, double solvedObjective, double upperBound, double gap, double shadowPrice) {

  /**
   * Validates.
   *
   * @param level level
   * @param status status
   * @param objective objective
   * @param value value
   * @param cost cost
   * @param planLevel plan level
   * @param solvedObjective solved objective
   * @param upperBound upper bound
   * @param gap gap
   * @param shadowPrice shadow price
   * @throws IllegalArgumentException for a level that is negative or not finite
   */
  public WhatIfPoint {
    Objects.requireNonNull(status, "status");
    if (!(Double.isFinite(level) && level >= 0)) {
      throw new IllegalArgumentException("WhatIfPoint.level must be finite and >= 0, was " + level + ".");
    }
  }

  /**
   * Tells whether a feasible plan is known at this level.
   *
   * @return {@code true} when {@link #objective()} is a number
   */
  public boolean hasPlan() {
    return !Double.isNaN(objective);
  }
}
