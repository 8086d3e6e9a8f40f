/**
 * Sales quotas and attainment: the company target split into quotas per rep by a documented blend of
 * potential and historical revenue, with caps on the change versus last year and largest-remainder
 * rounding so that the quotas add up exactly to the target
 * ({@link dev.segmentation.allocation.quota.QuotaPlanner}); and attainment tracking per rep and segment
 * (share of wallet and attainment of quota,
 * {@link dev.segmentation.allocation.quota.AttainmentTracker}). See {@code docs/planning.md}.
 *
 * @since 0.1
 */
package dev.segmentation.allocation.quota;
