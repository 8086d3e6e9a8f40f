package dev.segmentation.allocation;

import java.util.Objects;

/**
 * How a plan uses one limit, with the limit's shadow price.
 *
 * <p><b>Shadow price</b> (a dual value of the LP relaxation at the multipliers the solver found): for a
 * role, the increase of the optimal LP value per additional hour of that role; for the budget, per
 * additional unit of money; for a service level, the value lost per additional account the level
 * requires (the cost of the service level). It is 0 for a limit that is not binding, and exact for small
 * changes where the LP optimum is not degenerate; where it is degenerate it is one valid subgradient.
 *
 * @param name limit name: the role name, {@code "budget"}, or {@link ServiceLevel#name()}
 * @param kind the kind
 * @param capacity hours or money available; for a service level, the number of accounts required
 * @param used hours or money used; for a service level, the number of accounts on qualifying options
 * @param shadowPrice the shadow price, {@code >= 0}
 * @since 0.1
 */
public record LimitUsage(String name, LimitKind kind, double capacity, double used, double shadowPrice) {

  /**
   * Validates.
   *
   * @param name limit name
   * @param kind kind
   * @param capacity capacity
   * @param used use
   * @param shadowPrice shadow price
   */
  public LimitUsage {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
  }

  /**
   * Returns the utilisation {@code used / capacity} (for a service level: accounts served over accounts
   * required).
   *
   * @return the utilisation, {@code NaN} when the capacity is 0
   */
  public double utilisation() {
    return capacity == 0 ? Double.NaN : used / capacity;
  }
}
