package dev.segmentation.allocation.capacity;

import dev.segmentation.allocation.PlanStatus;
import java.util.Objects;

/**
 * What one more rep of a role is worth: the objective re-solved with the role's hours raised by one
 * rep's productive hours ({@code hoursPerFte x utilisation}), next to the LP estimate from the shadow
 * price.
 *
 * <p><b>Definitions.</b> {@code marginalValue = objectiveWithRep - objective}. The plan of the base
 * problem also fits the larger one, so {@code objectiveWithRep} is the better of the re-solved plan and
 * the base plan, and the marginal value is never negative. {@code lpEstimate = shadowPrice x
 * hoursAdded}: the first-order estimate from the base solve's shadow price, exact for small changes
 * where the LP optimum is not degenerate; it overstates the gain when the extra hours cross a
 * breakpoint of the frontier.
 *
 * @param role the role name
 * @param hoursAvailable the role's hours in the base problem
 * @param hoursAdded hours one more rep adds ({@code hoursPerFte x utilisation})
 * @param objective the objective of the base plan, {@code NaN} when the base problem is infeasible
 * @param objectiveWithRep the objective with one more rep, {@code NaN} when infeasible
 * @param marginalValue {@code objectiveWithRep - objective}, {@code NaN} when either is missing
 * @param shadowPrice the role's shadow price in the base solve, {@code NaN} when it is infeasible
 * @param lpEstimate {@code shadowPrice x hoursAdded}
 * @param status how the solve with one more rep ended
 * @since 0.1
 */
public record MarginalRepValue(String role, double hoursAvailable, double hoursAdded, double objective,
    double objectiveWithRep, double marginalValue, double shadowPrice, double lpEstimate,
    PlanStatus status) {

  /**
   * Validates.
   *
   * @param role role
   * @param hoursAvailable hours available
   * @param hoursAdded hours added
   * @param objective objective
   * @param objectiveWithRep objective with one more rep
   * @param marginalValue marginal value
   * @param shadowPrice shadow price
   * @param lpEstimate LP estimate
   * @param status status
   * @throws IllegalArgumentException for hours that are negative or not finite
   */
  public MarginalRepValue {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(status, "status");
    if (!(Double.isFinite(hoursAvailable) && hoursAvailable >= 0 && Double.isFinite(hoursAdded)
        && hoursAdded > 0)) {
      throw new IllegalArgumentException("MarginalRepValue of role '" + role + "': hours must be "
          + "finite, available >= 0 and added > 0, were " + hoursAvailable + " and " + hoursAdded + ".");
    }
  }
}
