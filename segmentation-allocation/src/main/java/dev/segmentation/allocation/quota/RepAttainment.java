package dev.segmentation.allocation.quota;

import java.util.Objects;

/**
 * One rep's revenue against potential and quota; accounts without owner are reported under rep id
 * {@code ""}.
 *
 * <p><b>Definitions.</b> Share of wallet {@code = revenue / potential}; it is undefined
 * ({@code NaN}, printed {@code NA}, JSON {@code null}) when the potential is 0, and may exceed 1 when
 * revenue exceeds the estimated potential (it is not capped). Attainment {@code = revenue / quota};
 * {@code NaN} when the rep has no quota or a quota of 0.
 *
 * @param rep the rep id, {@code ""} for accounts without owner
 * @param accounts number of accounts, {@code >= 0}
 * @param revenue the revenue of the rep's accounts
 * @param potential the potential of the rep's accounts
 * @param quota the rep's quota, {@code NaN} when the rep has none
 * @since 0.1
 */
public record RepAttainment(String rep, int accounts, double revenue, double potential, double quota) {

  /**
   * Validates.
   *
   * @param rep rep id
   * @param accounts accounts
   * @param revenue revenue
   * @param potential potential
   * @param quota quota
   * @throws IllegalArgumentException for a negative count or a negative or infinite amount
   */
  public RepAttainment {
    Objects.requireNonNull(rep, "rep");
    AttainmentTracker.checkAmounts("rep \"" + rep + "\"", accounts, revenue, potential, quota);
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
   * Returns the attainment, {@code revenue / quota}.
   *
   * @return the attainment, {@code NaN} without quota or for a quota of 0
   */
  public double attainment() {
    return Double.isNaN(quota) || quota == 0 ? Double.NaN : revenue / quota;
  }
}
