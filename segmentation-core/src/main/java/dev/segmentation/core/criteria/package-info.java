/**
 * Criteria definitions and their fitted form: transforms, missing-value and unseen-category policies,
 * quantile definitions and the feature matrix that models consume.
 *
 * @since 0.1
 */
package dev.segmentation.core.criteria;
