package dev.segmentation.core.criteria;

/**
 * What to do when a categorical criterion meets a level that did not occur in the training table.
 *
 * @since 0.1
 */
public enum UnseenCategoryPolicy {
  /** Fail with a {@code DataValidationException} naming the account, criterion and level; the default. */
  ERROR,
  /** Encode the account as all zeros for this criterion (it matches no training level). */
  ALL_ZERO,
  /** Leave the account unassigned with reason {@code UnassignedReason.UNSEEN_CATEGORY}. */
  MARK_UNASSIGNED
}
