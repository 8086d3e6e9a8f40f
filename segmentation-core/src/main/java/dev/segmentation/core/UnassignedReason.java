package dev.segmentation.core;

/**
 * Why an account was left without a segment (or without a feature row). Every account either gets a
 * segment or one of these reasons; nothing is dropped silently.
 *
 * @since 0.1
 */
public enum UnassignedReason {
  /** A criterion value is missing and its policy is {@code MissingPolicy.MARK_UNASSIGNED}. */
  MISSING_VALUE,
  /**
   * A categorical criterion has a level that was not seen when the criteria were fitted and its policy
   * is {@code UnseenCategoryPolicy.MARK_UNASSIGNED}.
   */
  UNSEEN_CATEGORY,
  /** No rule of a rule model matched the account and the model has no default segment. */
  NO_RULE_MATCHED
}
