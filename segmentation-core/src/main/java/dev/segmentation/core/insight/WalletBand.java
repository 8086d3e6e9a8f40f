package dev.segmentation.core.insight;

/**
 * Share-of-wallet bands of accounts ({@code revenue / potential}), as reported by
 * {@link WalletReport}.
 *
 * @since 0.1
 */
public enum WalletBand {
  /** Share below 25% (including a negative revenue). */
  BELOW_25("0-25%"),
  /** Share in {@code [25%, 50%)}. */
  FROM_25_TO_50("25-50%"),
  /** Share in {@code [50%, 75%)}. */
  FROM_50_TO_75("50-75%"),
  /** Share in {@code [75%, 100%]}. */
  FROM_75_TO_100("75-100%"),
  /** Share above 100%: revenue above potential, including a positive revenue with potential 0. */
  ABOVE_100(">100%"),
  /**
   * No share: revenue or potential missing, a negative potential, or revenue and potential both
   * 0 (or revenue {@code <= 0} with potential 0).
   */
  UNDEFINED("n/a");

  private final String label;

  WalletBand(String label) {
    this.label = label;
  }

  /**
   * Returns the short label used in tables, for example {@code "25-50%"}.
   *
   * @return the label
   */
  public String label() {
    return label;
  }

  /**
   * Returns the band of one account.
   *
   * @param revenue the revenue, {@code NaN} when missing
   * @param potential the potential, {@code NaN} when missing
   * @return the band
   */
  public static WalletBand of(double revenue, double potential) {
    if (Double.isNaN(revenue) || Double.isNaN(potential) || potential < 0) {
      return UNDEFINED;
    }
    if (potential == 0) {
      return revenue > 0 ? ABOVE_100 : UNDEFINED;
    }
    double share = revenue / potential;
    if (share < 0.25) {
      return BELOW_25;
    } else if (share < 0.5) {
      return FROM_25_TO_50;
    } else if (share < 0.75) {
      return FROM_50_TO_75;
    } else if (share <= 1.0) {
      return FROM_75_TO_100;
    }
    return ABOVE_100;
  }
}
