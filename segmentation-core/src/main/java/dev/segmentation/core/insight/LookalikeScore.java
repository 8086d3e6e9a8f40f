package dev.segmentation.core.insight;

import java.util.List;
import java.util.Objects;

/**
 * The lookalike score of one account, with its explanation.
 *
 * @param accountId the account id
 * @param score the score in {@code [0, 100]}, or {@code NaN} when the account has no features (see
 *     {@code reason})
 * @param distance the Euclidean distance to the nearest reference account in the weighted feature
 *     space, {@code NaN} when not scored
 * @param nearestReferenceId the id of the nearest reference account (ties: the lowest row of the
 *     reference table), empty when not scored
 * @param drivers the criteria that pull the score down most: the largest contributions to the
 *     squared distance to the nearest reference account, largest first, at most
 *     {@link Lookalike.Builder#drivers(int)}, only contributions above zero
 * @param reason empty when scored; otherwise why the account has no score, as
 *     {@code "MISSING_VALUE: criterion 'x'"} or {@code "UNSEEN_CATEGORY: criterion 'x'"}
 * @since 0.1
 */
public record LookalikeScore(
    String accountId,
    double score,
    double distance,
    String nearestReferenceId,
    List<ScoreDriver> drivers,
    String reason) {

  /**
   * Validates and copies.
   *
   * @param accountId the account id
   * @param score the score or {@code NaN}
   * @param distance the distance or {@code NaN}
   * @param nearestReferenceId nearest reference id or empty
   * @param drivers the drivers
   * @param reason empty, or why there is no score
   * @throws IllegalArgumentException when the score is outside {@code [0, 100]}, or a score and a
   *     reason are both present or both absent
   */
  public LookalikeScore {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(nearestReferenceId, "nearestReferenceId");
    Objects.requireNonNull(reason, "reason");
    drivers = List.copyOf(drivers);
    if (reason.isEmpty() == Double.isNaN(score)) {
      throw new IllegalArgumentException("Account \"" + accountId
          + "\": a lookalike score has either a score or a reason, was score " + score
          + " and reason \"" + reason + "\".");
    }
    if (!Double.isNaN(score) && !(score >= 0 && score <= 100)) {
      throw new IllegalArgumentException("Account \"" + accountId
          + "\": score must be in [0, 100], was " + score + ".");
    }
  }

  /**
   * Tells whether the account got a score.
   *
   * @return {@code true} unless the account has no features
   */
  public boolean isScored() {
    return reason.isEmpty();
  }
}
