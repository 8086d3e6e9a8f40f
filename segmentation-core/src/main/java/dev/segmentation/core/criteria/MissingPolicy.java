package dev.segmentation.core.criteria;

/**
 * What to do when an account has no value for a criterion (a {@code NaN} numeric value, a missing
 * category, or a ratio whose denominator is zero).
 *
 * <p>Imputed values are learned from the non-missing training values of the criterion before any
 * transform (median with {@link QuantileMethod#TYPE_7}, arithmetic mean) and stored in the fitted
 * criteria, so new accounts are imputed with the training statistic. For categorical criteria,
 * {@link #MEDIAN} and {@link #MEAN} impute the most frequent training level (ties: the first level in
 * sorted order) and {@link #CONSTANT} encodes the account as all zeros (no level).
 *
 * @since 0.1
 */
public enum MissingPolicy {
  /** Fail with a {@code DataValidationException} that names the account id and the criterion. */
  REJECT,
  /** Replace a missing value by the training median. */
  MEDIAN,
  /** Replace a missing value by the training mean. */
  MEAN,
  /** Replace a missing value by a constant given with the policy (all zeros for a category). */
  CONSTANT,
  /**
   * Keep the account but give it no feature values: models leave it unassigned with reason
   * {@code UnassignedReason.MISSING_VALUE}. Such accounts are not used to fit statistics.
   */
  MARK_UNASSIGNED
}
