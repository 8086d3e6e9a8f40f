package dev.segmentation.core.insight;

import java.util.Objects;

/**
 * A product line that an account does not buy yet but its peers do (see {@link Whitespace}).
 *
 * @param productLine the product line (its spend column name)
 * @param buyingPeers the number of the account's peers that buy the line, {@code >= 1}
 * @param peerShare {@code buyingPeers} divided by the number of peers, in {@code (0, 1]}
 * @param medianSpend the median (Hyndman–Fan type 7) spend on the line among the buying peers
 * @param expectedValue {@code peerShare * medianSpend}: the expected cross-sell value
 * @since 0.1
 */
public record CrossSell(
    String productLine, int buyingPeers, double peerShare, double medianSpend,
    double expectedValue) {

  /**
   * Validates.
   *
   * @param productLine the product line
   * @param buyingPeers buying peers, {@code >= 1}
   * @param peerShare the share, in {@code (0, 1]}
   * @param medianSpend the median spend, finite
   * @param expectedValue the expected value, finite
   * @throws IllegalArgumentException when a value is out of range
   */
  public CrossSell {
    Objects.requireNonNull(productLine, "productLine");
    if (buyingPeers < 1 || !(peerShare > 0 && peerShare <= 1) || !Double.isFinite(medianSpend)
        || !Double.isFinite(expectedValue)) {
      throw new IllegalArgumentException("CrossSell '" + productLine + "': expected buyingPeers >= 1,"
          + " peerShare in (0, 1] and finite values, was " + buyingPeers + ", " + peerShare + ", "
          + medianSpend + ", " + expectedValue + ".");
    }
  }
}
