package dev.segmentation.allocation.calltime;

/**
 * How the capacity of one group (a role or rep with limited hours) ends up in a call-time plan.
 *
 * @since 0.1
 */
public enum GroupStatus {
  /**
   * The capacity limits the plan: the group's hours are used up (to the solver's tolerance) and the
   * marginal value of an hour is positive.
   */
  BINDING,
  /**
   * The capacity does not limit the plan: every account of the group gets the hours beyond which an
   * hour earns nothing (or its maximum), the marginal value of an hour is 0 and hours may be left
   * unused.
   */
  NOT_BINDING,
  /**
   * The minimum hours of the group's accounts exceed its capacity; the accounts are planned at their
   * minimum hours, which overdraw the capacity by {@link GroupPlan#shortfallHours()}.
   */
  INFEASIBLE
}
