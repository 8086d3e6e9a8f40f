/**
 * Describing and comparing segmentations: {@link dev.segmentation.core.profile.SegmentProfiles}
 * (counts, numeric statistics, value shares and top categories per segment, with CSV and JSON export)
 * and {@link dev.segmentation.core.profile.MigrationMatrix} (how accounts moved between two
 * segmentations, for example last year's and this year's).
 *
 * @since 0.1
 */
package dev.segmentation.core.profile;
