package dev.segmentation.allocation.internal.lp;

/**
 * Termination status of {@link DenseLp#solve()}.
 *
 * <p>Only {@link #OPTIMAL} comes with a primal and a dual solution that satisfy the optimality conditions
 * (to the tolerances documented on {@link DenseLp}); the other statuses report the last iterate so that a
 * caller can inspect it, see {@link LpResult}.
 */
public enum LpStatus {
    /** A primal feasible and dual feasible basis was found; the objective is optimal. */
    OPTIMAL,
    /** No point satisfies all rows and bounds (within the feasibility tolerance). */
    INFEASIBLE,
    /** The problem is feasible and the objective can be improved without limit. */
    UNBOUNDED,
    /**
     * No conclusion: the iteration limit ({@link DenseLp#maxIterations(int)}) was reached, or the solver
     * detected that it was cycling between bases even under Bland's rule (rounding on an ill-conditioned
     * problem) and stopped early.
     */
    ITERATION_LIMIT
}
