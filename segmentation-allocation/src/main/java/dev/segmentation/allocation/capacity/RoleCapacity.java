package dev.segmentation.allocation.capacity;

import java.util.Objects;

/**
 * The hours a role needs and has, in hours per year and in full-time equivalents (FTEs).
 *
 * <p><b>Definitions.</b> Productive hours of one FTE = {@code hoursPerFte * utilisation} (paid hours
 * per year times the share of them spent on coverage work). {@link #fteNeeded()} {@code = hoursNeeded
 * / (hoursPerFte * utilisation)}; {@link #headcount()} is that number rounded up to whole people
 * (with a tolerance of {@code 1e-9} so that 3.0000000000001 FTEs are 3 people);
 * {@link #fteAvailable()} {@code = hoursAvailable / (hoursPerFte * utilisation)}; {@link #fteGap()}
 * {@code = fteNeeded - fteAvailable} (positive: people to hire).
 *
 * @param role the role name
 * @param hoursNeeded hours per year the policy or plan takes from the role, finite and {@code >= 0}
 * @param hoursAvailable hours per year the role has in the problem, finite and {@code >= 0}
 * @param hoursPerFte paid hours per year of one FTE, finite and {@code > 0}
 * @param utilisation share of paid hours spent on coverage work, in {@code (0, 1]}
 * @since 0.1
 */
public record RoleCapacity(String role, double hoursNeeded, double hoursAvailable, double hoursPerFte,
    double utilisation) {

  /** Tolerance of the headcount rounding: {@code headcount = ceil(fteNeeded - 1e-9)}. */
  public static final double HEADCOUNT_TOLERANCE = 1e-9;

  /**
   * Validates.
   *
   * @param role the role name, non-blank
   * @param hoursNeeded hours needed
   * @param hoursAvailable hours available
   * @param hoursPerFte hours per FTE
   * @param utilisation utilisation
   * @throws IllegalArgumentException for a blank role or a value out of range (the message names it)
   */
  public RoleCapacity {
    Objects.requireNonNull(role, "role");
    if (role.isBlank()) {
      throw new IllegalArgumentException("RoleCapacity.role must be non-blank.");
    }
    requireHours(role, "hoursNeeded", hoursNeeded);
    requireHours(role, "hoursAvailable", hoursAvailable);
    CapacityPlanner.checkFte(role, hoursPerFte, utilisation);
  }

  private static void requireHours(String role, String what, double v) {
    if (!(Double.isFinite(v) && v >= 0)) {
      throw new IllegalArgumentException("RoleCapacity of role '" + role + "': " + what
          + " must be finite and >= 0, was " + v + ".");
    }
  }

  /**
   * Returns the productive hours of one FTE, {@code hoursPerFte * utilisation}.
   *
   * @return hours per year
   */
  public double productiveHoursPerFte() {
    return hoursPerFte * utilisation;
  }

  /**
   * Returns the FTEs needed, {@code hoursNeeded / (hoursPerFte * utilisation)}.
   *
   * @return the FTEs, {@code >= 0}
   */
  public double fteNeeded() {
    return hoursNeeded / productiveHoursPerFte();
  }

  /**
   * Returns the people needed: {@link #fteNeeded()} rounded up, {@code ceil(fteNeeded - 1e-9)}.
   *
   * @return the headcount, {@code >= 0}
   */
  public long headcount() {
    return (long) Math.max(0, Math.ceil(fteNeeded() - HEADCOUNT_TOLERANCE));
  }

  /**
   * Returns the FTEs the role has, {@code hoursAvailable / (hoursPerFte * utilisation)}.
   *
   * @return the FTEs, {@code >= 0}
   */
  public double fteAvailable() {
    return hoursAvailable / productiveHoursPerFte();
  }

  /**
   * Returns {@code fteNeeded - fteAvailable}: positive when the role is short of people.
   *
   * @return the gap in FTEs
   */
  public double fteGap() {
    return fteNeeded() - fteAvailable();
  }
}
