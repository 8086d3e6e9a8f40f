/**
 * Segment models: the {@link dev.segmentation.core.model.SegmentModel} abstraction, segments and
 * per-account assignments, and the rule, matrix, quantile, ABC and k-means models.
 *
 * @since 0.1
 */
package dev.segmentation.core.model;
