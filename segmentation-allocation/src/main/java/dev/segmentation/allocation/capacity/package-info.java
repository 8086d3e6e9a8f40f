/**
 * Capacity planning and what-if analysis on top of coverage allocation: the hours and full-time
 * equivalents (FTEs) each role needs for a coverage policy or plan
 * ({@link dev.segmentation.allocation.capacity.CapacityPlanner}), the efficient frontier of the plan's
 * value as the budget or the hours of a role vary, and the marginal value of one more rep of each role
 * ({@link dev.segmentation.allocation.capacity.WhatIf}). See {@code docs/planning.md}.
 *
 * @since 0.1
 */
package dev.segmentation.allocation.capacity;
