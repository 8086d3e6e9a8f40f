package dev.segmentation.allocation.quota;

import java.util.Objects;

/**
 * The accounts of one rep in one segment: revenue against potential (share of wallet) and against the
 * rep's quota. Quotas are set per rep, so a segment's {@link #quotaContribution()} is its revenue over
 * the rep's whole quota; the contributions of a rep's segments add up to the rep's attainment.
 *
 * @param rep the rep id, {@code ""} for accounts without owner
 * @param segment the segment id, {@code ""} for accounts without segment
 * @param accounts number of accounts, {@code >= 1}
 * @param revenue the revenue of these accounts
 * @param potential the potential of these accounts
 * @param quota the rep's (whole) quota, {@code NaN} when the rep has none
 * @since 0.1
 */
public record RepSegmentAttainment(String rep, String segment, int accounts, double revenue,
    double potential, double quota) {

  /**
   * Validates.
   *
   * @param rep rep id
   * @param segment segment id
   * @param accounts accounts
   * @param revenue revenue
   * @param potential potential
   * @param quota quota
   * @throws IllegalArgumentException for a negative count or a negative or infinite amount
   */
  public RepSegmentAttainment {
    Objects.requireNonNull(rep, "rep");
    Objects.requireNonNull(segment, "segment");
    AttainmentTracker.checkAmounts("rep \"" + rep + "\", segment '" + segment + "'", accounts, revenue,
        potential, quota);
  }

  /**
   * Returns the share of wallet, {@code revenue / potential}.
   *
   * @return the share, {@code NaN} when the potential is 0
   */
  public double shareOfWallet() {
    return potential == 0 ? Double.NaN : revenue / potential;
  }

  /**
   * Returns this segment's part of the rep's attainment, {@code revenue / quota}.
   *
   * @return the contribution, {@code NaN} without quota or for a quota of 0
   */
  public double quotaContribution() {
    return Double.isNaN(quota) || quota == 0 ? Double.NaN : revenue / quota;
  }
}
