package dev.segmentation.allocation.quota;

/**
 * How a rep's quota relates to the caps on change versus last year's quota.
 *
 * @since 0.1
 */
public enum CapStatus {
  /** No cap applies: the rep has no last-year quota, or the planner has no caps. */
  UNCAPPED,
  /** Strictly inside the band of allowed quotas (on the grid of the rounding unit). */
  WITHIN,
  /** At the lowest allowed quota: the largest decrease allowed. */
  AT_MIN,
  /** At the highest allowed quota: the largest increase allowed. */
  AT_MAX,
  /** Outside the band: the caps could not be met (see {@link QuotaPlan#notes()}). */
  BROKEN
}
