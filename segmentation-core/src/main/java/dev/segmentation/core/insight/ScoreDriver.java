package dev.segmentation.core.insight;

import java.util.Objects;

/**
 * One criterion's part in a lookalike distance: how much of the squared distance between an account
 * and its nearest reference account comes from this criterion (summed over the criterion's feature
 * columns, so all levels of a one-hot criterion count together).
 *
 * @param criterion the criterion name
 * @param squaredDistance the criterion's contribution to the squared Euclidean distance, in the
 *     weighted feature space, {@code >= 0}
 * @param share {@code squaredDistance} divided by the whole squared distance, in {@code [0, 1]}
 * @since 0.1
 */
public record ScoreDriver(String criterion, double squaredDistance, double share) {

  /**
   * Validates.
   *
   * @param criterion the criterion name
   * @param squaredDistance the contribution, finite and {@code >= 0}
   * @param share the share, in {@code [0, 1]}
   * @throws IllegalArgumentException when a number is out of range
   */
  public ScoreDriver {
    Objects.requireNonNull(criterion, "criterion");
    if (!(squaredDistance >= 0) || Double.isInfinite(squaredDistance)) {
      throw new IllegalArgumentException("ScoreDriver.squaredDistance of '" + criterion
          + "' must be finite and >= 0, was " + squaredDistance + ".");
    }
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException("ScoreDriver.share of '" + criterion
          + "' must be in [0, 1], was " + share + ".");
    }
  }
}
