package dev.segmentation.core.criteria;

import dev.segmentation.core.UnassignedReason;
import java.util.Objects;

/**
 * An account that has no feature row, with the reason: a missing value under
 * {@link MissingPolicy#MARK_UNASSIGNED}, or an unseen category under
 * {@link UnseenCategoryPolicy#MARK_UNASSIGNED}. Models leave such accounts unassigned with this reason.
 *
 * @param row 0-based row index in the transformed table
 * @param accountId the account id
 * @param criterion the first criterion (in definition order) that could not be computed
 * @param reason why
 * @since 0.1
 */
public record RowIssue(int row, String accountId, String criterion, UnassignedReason reason) {

  /**
   * Validates.
   *
   * @param row 0-based row index
   * @param accountId the account id
   * @param criterion the criterion name
   * @param reason why
   */
  public RowIssue {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(criterion, "criterion");
    Objects.requireNonNull(reason, "reason");
    if (row < 0) {
      throw new IllegalArgumentException("row must be >= 0, was " + row + ".");
    }
  }
}
