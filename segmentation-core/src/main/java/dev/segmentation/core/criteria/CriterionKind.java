package dev.segmentation.core.criteria;

/**
 * Whether a criterion is a number or a category.
 *
 * @since 0.1
 */
public enum CriterionKind {
  /** A number, possibly derived and transformed; one feature column. */
  NUMERIC,
  /** A category, one-hot encoded; one feature column per training level. */
  CATEGORICAL
}
