package dev.segmentation.allocation.calltime;

import java.util.Objects;

/**
 * The result of one group (a role or rep with limited hours) in a {@link CallTimePlan}.
 *
 * <p>{@code marginalValue} is the group's Lagrange multiplier {@code mu}, the shadow price of its
 * capacity: the increase of the optimal total (envelope) response per additional hour of capacity,
 * in response units per hour. Every account of the group strictly inside its hour bounds has marginal
 * response {@code mu}; accounts at their maximum have marginal response {@code >= mu}, at their minimum
 * {@code <= mu}. It is 0 for a {@linkplain GroupStatus#NOT_BINDING non-binding} group and
 * {@code +Infinity} for an {@linkplain GroupStatus#INFEASIBLE infeasible} one (no finite price restores
 * feasibility), or when the capacity equals the minimum hours and a curve has an infinite marginal
 * response there (ADBUDG with {@code shape < 1} at 0 hours).
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @param name the group name
 * @param capacityHours the hours available per year, finite and {@code >= 0}
 * @param hoursUsed the hours planned for the group's accounts (compensated sum in account order)
 * @param minimumHours the sum of the group's minimum hours, the hours it needs at least
 * @param marginalValue the multiplier {@code mu >= 0}: response per additional hour of capacity
 * @param accountCount the number of accounts in the group
 * @param status how the capacity ends up
 * @since 0.1
 */
public record GroupPlan(
    String name, double capacityHours, double hoursUsed, double minimumHours, double marginalValue,
    int accountCount, GroupStatus status) {

  /**
   * Checks the components.
   *
   * @param name the group name
   * @param capacityHours the capacity
   * @param hoursUsed the hours used
   * @param minimumHours the minimum hours
   * @param marginalValue the multiplier
   * @param accountCount the number of accounts
   * @param status the status
   * @throws NullPointerException when {@code name} or {@code status} is null
   * @throws IllegalArgumentException when a number is NaN or negative
   */
  public GroupPlan {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    if (!(capacityHours >= 0) || !(hoursUsed >= 0) || !(minimumHours >= 0) || !(marginalValue >= 0)
        || accountCount < 0) {
      throw new IllegalArgumentException(
          "GroupPlan \"" + name + "\" needs non-negative numbers, was capacityHours=" + capacityHours
              + ", hoursUsed=" + hoursUsed + ", minimumHours=" + minimumHours + ", marginalValue="
              + marginalValue + ", accountCount=" + accountCount + ".");
    }
  }

  /**
   * Returns the hours by which the minimum hours exceed the capacity.
   *
   * @return {@code max(0, minimumHours - capacityHours)}; positive only for infeasible groups
   */
  public double shortfallHours() {
    return Math.max(0, minimumHours - capacityHours);
  }

  /**
   * Returns the capacity left unused.
   *
   * @return {@code max(0, capacityHours - hoursUsed)}
   */
  public double slackHours() {
    return Math.max(0, capacityHours - hoursUsed);
  }

  /**
   * Describes an infeasible group, for example
   * {@code Group "field-east": the minimum hours of its 12 accounts (1700.0) exceed its capacity
   * (1600.0) by 100.0 hours.}
   *
   * @return the sentence, or an empty string when the group is feasible
   */
  String conflict() {
    if (status != GroupStatus.INFEASIBLE) {
      return "";
    }
    return "Group \"" + name + "\": the minimum hours of its " + accountCount
        + (accountCount == 1 ? " account (" : " accounts (") + minimumHours
        + ") exceed its capacity (" + capacityHours + ") by " + shortfallHours() + " hours.\n"
        + "Raise the capacity or lower minimum hours by at least that much.";
  }
}
