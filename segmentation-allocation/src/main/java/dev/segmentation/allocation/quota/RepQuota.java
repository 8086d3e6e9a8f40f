package dev.segmentation.allocation.quota;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One rep's quota with the figures and shares it came from; see {@link QuotaPlanner} for the
 * definitions.
 *
 * @param repId the rep id
 * @param potential the territory's potential
 * @param lastYearRevenue last year's revenue
 * @param lastYearQuota last year's quota, empty for a new rep
 * @param potentialShare the rep's share of the total potential
 * @param revenueShare the rep's share of the total last-year revenue
 * @param share the blended share {@code w * potentialShare + (1 - w) * revenueShare}
 * @param unroundedQuota the quota after caps, before rounding to the unit (in money)
 * @param units the quota in rounding units: {@code quota = units * unit}
 * @param quota the quota in money, {@code units * unit}
 * @param cap how the quota relates to the caps
 * @since 0.1
 */
public record RepQuota(String repId, double potential, double lastYearRevenue,
    OptionalDouble lastYearQuota, double potentialShare, double revenueShare, double share,
    double unroundedQuota, long units, double quota, CapStatus cap) {

  /**
   * Validates.
   *
   * @param repId rep id
   * @param potential potential
   * @param lastYearRevenue last year's revenue
   * @param lastYearQuota last year's quota
   * @param potentialShare potential share
   * @param revenueShare revenue share
   * @param share blended share
   * @param unroundedQuota quota before rounding
   * @param units quota in units
   * @param quota quota in money
   * @param cap cap status
   * @throws IllegalArgumentException for negative units or shares outside {@code [0, 1]}
   */
  public RepQuota {
    Objects.requireNonNull(repId, "repId");
    Objects.requireNonNull(lastYearQuota, "lastYearQuota");
    Objects.requireNonNull(cap, "cap");
    if (units < 0) {
      throw new IllegalArgumentException(
          "RepQuota of rep \"" + repId + "\": units must be >= 0, was " + units + ".");
    }
    for (double s : new double[] {potentialShare, revenueShare, share}) {
      if (!(s >= 0 && s <= 1 + 1e-12)) {
        throw new IllegalArgumentException(
            "RepQuota of rep \"" + repId + "\": shares must be in [0, 1], was " + s + ".");
      }
    }
  }

  /**
   * Returns the change versus last year's quota, {@code quota / lastYearQuota - 1}.
   *
   * @return the relative change; {@code NaN} without last-year quota or when it was 0
   */
  public double change() {
    if (lastYearQuota.isEmpty() || lastYearQuota.getAsDouble() == 0) {
      return Double.NaN;
    }
    return quota / lastYearQuota.getAsDouble() - 1;
  }
}
