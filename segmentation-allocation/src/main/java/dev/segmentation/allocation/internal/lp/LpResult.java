package dev.segmentation.allocation.internal.lp;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * Result of one {@link DenseLp#solve()}: status, objective, primal point, dual values per row, reduced
 * costs per variable, row activities and which rows are binding.
 *
 * <h2>Sign conventions</h2>
 * All dual quantities are derivatives of the optimal objective <em>in the problem's own sense</em>:
 * <ul>
 *   <li>{@link #dual(int) dual y_k} {@code = d objective / d b_k}. For a maximisation a binding {@code <=}
 *       row has {@code y_k >= 0} and a binding {@code >=} row {@code y_k <= 0}; for a minimisation the
 *       signs are reversed; an {@code =} row may have either sign. Rows that are not in the final basis
 *       have {@code y_k = 0} exactly.</li>
 *   <li>{@link #reducedCost(int) reduced cost d_j} {@code = d objective / d (active bound of x_j)}, which
 *       equals {@code c_j - sum_k y_k a_kj} up to rounding. It is non-zero only for variables held at a
 *       bound by the final basis (a free variable held at a value by the basis has {@code |d_j|} within
 *       the optimality tolerance). For a maximisation a variable at its lower bound has {@code d_j <= 0}
 *       and at its upper bound {@code d_j >= 0}; reversed for a minimisation.</li>
 * </ul>
 * With these conventions, at an optimum, {@code objective = sum_k y_k b_k + sum_j d_j x_j} (strong
 * duality; the second sum runs over bound terms because {@code d_j != 0} only at bounds) and
 * {@code c = A^T y + d}.
 *
 * <h2>Other statuses</h2>
 * For {@link LpStatus#ITERATION_LIMIT} the arrays describe the last basis (possibly infeasible) and the
 * objective is {@code c·x} at its point. For {@link LpStatus#UNBOUNDED} {@code x} is the last feasible
 * basic point and the objective is {@code +Infinity} (maximise) or {@code -Infinity} (minimise). For
 * {@link LpStatus#INFEASIBLE} {@code x} is the last iterate and the objective is {@code NaN}. Duals and
 * reduced costs of non-optimal results are the multipliers of the last basis and satisfy no optimality
 * condition.
 *
 * <p>Instances are immutable and safe to share between threads; array accessors return copies.
 */
public final class LpResult {

    private final LpStatus status;
    private final double objective;
    private final double[] x;
    private final double[] duals;
    private final double[] reducedCosts;
    private final double[] rowActivities;
    private final boolean[] binding;
    private final int[] basicRows;
    private final int iterations;

    LpResult(LpStatus status, double objective, double[] x, double[] duals, double[] reducedCosts,
             double[] rowActivities, boolean[] binding, int[] basicRows, int iterations) {
        this.status = Objects.requireNonNull(status, "status");
        this.objective = objective;
        this.x = x.clone();
        this.duals = duals.clone();
        this.reducedCosts = reducedCosts.clone();
        this.rowActivities = rowActivities.clone();
        this.binding = binding.clone();
        this.basicRows = basicRows.clone();
        this.iterations = iterations;
    }

    /**
     * Returns the termination status.
     *
     * @return the status; only {@link LpStatus#OPTIMAL} guarantees an optimal primal-dual pair
     */
    public LpStatus status() {
        return status;
    }

    /**
     * Returns whether the status is {@link LpStatus#OPTIMAL}.
     *
     * @return {@code true} for an optimal result
     */
    public boolean isOptimal() {
        return status == LpStatus.OPTIMAL;
    }

    /**
     * Returns the objective value {@code c·x} in the problem's own sense (see the class comment for the
     * values used by non-optimal statuses).
     *
     * @return the objective value
     */
    public double objective() {
        return objective;
    }

    /**
     * Returns the primal point.
     *
     * @return a copy of {@code x}, one value per variable
     */
    public double[] x() {
        return x.clone();
    }

    /**
     * Returns one component of the primal point.
     *
     * @param j variable index, {@code 0 <= j < numVariables}
     * @return {@code x_j}
     * @throws IndexOutOfBoundsException if {@code j} is out of range
     */
    public double x(int j) {
        return x[Objects.checkIndex(j, x.length)];
    }

    /**
     * Returns the dual values, one per row in the order rows were added; {@code y_k = d objective / d b_k}.
     *
     * @return a copy of the dual values
     */
    public double[] duals() {
        return duals.clone();
    }

    /**
     * Returns the dual value of one row, {@code y_k = d objective / d b_k} (see the class comment for signs).
     *
     * @param k row index in the order rows were added
     * @return {@code y_k}
     * @throws IndexOutOfBoundsException if {@code k} is out of range
     */
    public double dual(int k) {
        return duals[Objects.checkIndex(k, duals.length)];
    }

    /**
     * Returns the reduced costs, one per variable; {@code d_j = d objective / d (active bound of x_j)}.
     *
     * @return a copy of the reduced costs
     */
    public double[] reducedCosts() {
        return reducedCosts.clone();
    }

    /**
     * Returns the reduced cost of one variable (see the class comment for signs).
     *
     * @param j variable index
     * @return {@code d_j}
     * @throws IndexOutOfBoundsException if {@code j} is out of range
     */
    public double reducedCost(int j) {
        return reducedCosts[Objects.checkIndex(j, reducedCosts.length)];
    }

    /**
     * Returns the row activities {@code a_k·x}, one per row.
     *
     * @return a copy of the row activities
     */
    public double[] rowActivities() {
        return rowActivities.clone();
    }

    /**
     * Returns the activity {@code a_k·x} of one row.
     *
     * @param k row index
     * @return {@code a_k·x}
     * @throws IndexOutOfBoundsException if {@code k} is out of range
     */
    public double rowActivity(int k) {
        return rowActivities[Objects.checkIndex(k, rowActivities.length)];
    }

    /**
     * Returns whether row {@code k} is binding: it is in the final basis, or its activity equals its
     * right-hand side within the feasibility tolerance (this includes degenerate rows with a zero dual).
     *
     * @param k row index
     * @return {@code true} if the row holds with equality at {@code x}
     * @throws IndexOutOfBoundsException if {@code k} is out of range
     */
    public boolean binding(int k) {
        return binding[Objects.checkIndex(k, binding.length)];
    }

    /**
     * Returns the indices of all binding rows (see {@link #binding(int)}), ascending.
     *
     * @return binding row indices
     */
    public int[] bindingRows() {
        int count = 0;
        for (boolean b : binding) {
            if (b) {
                count++;
            }
        }
        int[] out = new int[count];
        int at = 0;
        for (int k = 0; k < binding.length; k++) {
            if (binding[k]) {
                out[at++] = k;
            }
        }
        return out;
    }

    /**
     * Returns the rows in the final basis (the active set that defines {@code x}), ascending. Only these rows
     * can have a non-zero dual value; each of them is binding.
     *
     * @return basic row indices
     */
    public int[] basicRows() {
        return basicRows.clone();
    }

    /**
     * Returns the number of simplex pivots (including bound flips) made by the solve.
     *
     * @return pivot count, {@code >= 0}
     */
    public int iterations() {
        return iterations;
    }

    /**
     * Returns one line with the status, objective, iteration count and problem size.
     *
     * @return a short description
     */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "LpResult[status=%s, objective=%s, iterations=%d, variables=%d, rows=%d]",
                status, Double.toString(objective), iterations, x.length, duals.length)
                + (x.length <= 10 ? " x=" + Arrays.toString(x) : "");
    }
}
