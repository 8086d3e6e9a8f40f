package dev.segmentation.core.insight;

import java.util.List;
import java.util.Objects;

/**
 * Performance against potential of one group of accounts (see {@link WalletReport}).
 *
 * @param dimension what the group is a value of: {@code "all"}, {@code "segment"} or a column name
 * @param label the group: the segment id, a column label, {@code "(unassigned)"} for accounts
 *     without segment, the empty string for a missing label, {@code "all"} for the total
 * @param accounts the number of accounts in the group
 * @param revenue the sum of revenue over accounts with both revenue and potential
 * @param potential the sum of potential over the same accounts
 * @param shareOfWallet {@code revenue / potential}; {@code NaN} when the potential sum is not
 *     positive
 * @param bandCounts accounts per {@link WalletBand}, in enum order (6 numbers summing to
 *     {@code accounts})
 * @since 0.1
 */
public record WalletGroup(
    String dimension,
    String label,
    int accounts,
    double revenue,
    double potential,
    double shareOfWallet,
    List<Integer> bandCounts) {

  /**
   * Validates and copies.
   *
   * @param dimension the dimension
   * @param label the label
   * @param accounts accounts, {@code >= 0}
   * @param revenue revenue sum
   * @param potential potential sum
   * @param shareOfWallet share or {@code NaN}
   * @param bandCounts one count per band
   * @throws IllegalArgumentException when the band counts do not match the bands or the accounts
   */
  public WalletGroup {
    Objects.requireNonNull(dimension, "dimension");
    Objects.requireNonNull(label, "label");
    bandCounts = List.copyOf(bandCounts);
    int sum = 0;
    for (int c : bandCounts) {
      sum += c;
    }
    if (bandCounts.size() != WalletBand.values().length || sum != accounts) {
      throw new IllegalArgumentException("WalletGroup " + dimension + "=" + label + ": expected "
          + WalletBand.values().length + " band counts summing to " + accounts + ", was "
          + bandCounts + ".");
    }
  }

  /**
   * Returns the number of accounts in one band.
   *
   * @param band the band
   * @return the count
   */
  public int count(WalletBand band) {
    return bandCounts.get(band.ordinal());
  }
}
