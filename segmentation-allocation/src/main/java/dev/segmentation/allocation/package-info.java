/**
 * Coverage allocation: choose a coverage option for every account under hours per role, a money budget
 * and minimum service levels ({@link dev.segmentation.allocation.AllocationProblem}), with LP bounds,
 * gaps and shadow prices in the resulting {@link dev.segmentation.allocation.AllocationPlan}.
 *
 * @since 0.1
 */
package dev.segmentation.allocation;
