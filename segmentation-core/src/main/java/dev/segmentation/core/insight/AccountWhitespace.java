package dev.segmentation.core.insight;

import java.util.List;
import java.util.Objects;

/**
 * The upsell and cross-sell room of one account (see {@link Whitespace} for the definitions).
 *
 * @param accountId the account id
 * @param revenue current revenue, {@code NaN} when missing
 * @param potential potential, {@code NaN} when missing
 * @param whitespace {@code max(0, potential - revenue)}; {@code NaN} when revenue or potential is
 *     missing; never negative
 * @param overPotential {@code true} when revenue exceeds potential (whitespace is then 0; the data
 *     may deserve a look)
 * @param peers the number of peers the cross-sell figures are based on
 * @param crossSell product lines the account does not buy but some peers do, by decreasing expected
 *     value (ties: product line order); empty without product lines or peers
 * @param note empty, or why a figure is missing (missing revenue or potential, no peers)
 * @since 0.1
 */
public record AccountWhitespace(
    String accountId,
    double revenue,
    double potential,
    double whitespace,
    boolean overPotential,
    int peers,
    List<CrossSell> crossSell,
    String note) {

  /**
   * Validates and copies.
   *
   * @param accountId the account id
   * @param revenue revenue or {@code NaN}
   * @param potential potential or {@code NaN}
   * @param whitespace whitespace or {@code NaN}
   * @param overPotential revenue above potential
   * @param peers number of peers
   * @param crossSell cross-sell lines
   * @param note note text
   * @throws IllegalArgumentException when whitespace is negative or peers negative
   */
  public AccountWhitespace {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(note, "note");
    crossSell = List.copyOf(crossSell);
    if (whitespace < 0 || peers < 0) {
      throw new IllegalArgumentException("Account \"" + accountId + "\": whitespace and peers must "
          + "be >= 0, were " + whitespace + " and " + peers + ".");
    }
  }

  /**
   * Returns the total expected cross-sell value: the sum of {@link CrossSell#expectedValue()}.
   *
   * @return the value, 0 without cross-sell lines
   */
  public double crossSellValue() {
    double s = 0;
    for (CrossSell c : crossSell) {
      s += c.expectedValue();
    }
    return s;
  }
}
