package dev.segmentation.allocation;

import java.util.List;
import java.util.Objects;

/**
 * A sales role with a limited number of hours per year, given as a total or as a named list of reps
 * (the total is then the sum of their hours).
 *
 * @param name role name, referenced by {@link CoverageOption} hours
 * @param hours available hours per year, finite and {@code >= 0}
 * @param reps the reps of the role with their hours, or empty when only the total is known
 * @since 0.1
 */
public record Role(String name, double hours, List<Rep> reps) {

  /**
   * Validates.
   *
   * @param name role name, non-blank
   * @param hours available hours, finite and {@code >= 0}
   * @param reps reps; when non-empty their hours must sum to {@code hours}
   * @throws IllegalArgumentException for a blank name, bad hours or inconsistent reps
   */
  public Role {
    Objects.requireNonNull(name, "name");
    reps = List.copyOf(reps);
    if (name.isBlank()) {
      throw new IllegalArgumentException("Role name must be non-blank.");
    }
    if (!(Double.isFinite(hours) && hours >= 0)) {
      throw new IllegalArgumentException(
          "Role '" + name + "': hours must be finite and >= 0, was " + hours + ".");
    }
    if (!reps.isEmpty()) {
      double sum = 0;
      for (Rep r : reps) {
        sum += r.hours();
      }
      if (Math.abs(sum - hours) > 1e-9 * Math.max(1, hours)) {
        throw new IllegalArgumentException(
            "Role '" + name + "': reps' hours sum to " + sum + ", not " + hours + ".");
      }
    }
  }

  /**
   * A role with a total number of hours.
   *
   * @param name role name
   * @param hours available hours per year
   * @return the role
   */
  public static Role of(String name, double hours) {
    return new Role(name, hours, List.of());
  }

  /**
   * A role made of named reps; its hours are the sum of theirs.
   *
   * @param name role name
   * @param reps the reps, at least one
   * @return the role
   * @throws IllegalArgumentException when {@code reps} is empty
   */
  public static Role ofReps(String name, List<Rep> reps) {
    if (reps.isEmpty()) {
      throw new IllegalArgumentException("Role '" + name + "' needs at least one rep.");
    }
    double sum = 0;
    for (Rep r : reps) {
      sum += r.hours();
    }
    return new Role(name, sum, reps);
  }

  /**
   * A rep of a role.
   *
   * @param id rep id, non-blank
   * @param hours available hours per year, finite and {@code >= 0}
   * @since 0.1
   */
  public record Rep(String id, double hours) {
    /**
     * Validates.
     *
     * @param id rep id
     * @param hours available hours
     * @throws IllegalArgumentException for a blank id or bad hours
     */
    public Rep {
      Objects.requireNonNull(id, "id");
      if (id.isBlank() || !(Double.isFinite(hours) && hours >= 0)) {
        throw new IllegalArgumentException(
            "Rep needs a non-blank id and finite hours >= 0, was \"" + id + "\", " + hours + ".");
      }
    }
  }
}
