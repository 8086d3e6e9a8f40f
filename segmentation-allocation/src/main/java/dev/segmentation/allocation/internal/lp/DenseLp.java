package dev.segmentation.allocation.internal.lp;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Objects;

/**
 * A small, exact, dense linear program with a warm-startable simplex solver that returns primal and dual
 * solutions: maximise or minimise {@code c·x} subject to rows {@code a_k·x (<=, >=, =) b_k} and bounds
 * {@code lo_j <= x_j <= hi_j}.
 *
 * <p>It is built for the master problem of Lagrangian and cutting-plane (Kelley, bundle) methods: few
 * variables (2 to a few dozen), up to a few thousand rows added incrementally, solved many times.
 * <pre>{@code
 * DenseLp lp = new DenseLp(3);                       // lambda_0, lambda_1, t
 * lp.bounds(0, 0, 100).bounds(1, 0, 100).free(2);    // lambda in [0, 100], t free
 * lp.minimize(0, 0, 1);                              // min t
 * lp.addRow(new double[] {-g0, -g1, 1}, DenseLp.Relation.GE, f - g0 * l0 - g1 * l1);   // t >= cut
 * LpResult r = lp.solve();
 * // ... add more cuts, then solve() again: warm start by dual simplex from the previous basis
 * }</pre>
 *
 * <h2>Algorithm</h2>
 * A bounded-variable simplex method in <em>active-set (row) form</em>. Rows and variable bounds are treated
 * alike as constraints {@code l_i <= a_i·x <= u_i}; a basis is a set of {@code n} linearly independent
 * constraints, each held at one of its bounds, whose intersection is the current point {@code x}. (This is
 * the nonbasic set of the textbook simplex on {@code [A -I]}: the method works with the dense
 * {@code n x n} inverse of the active constraint normals instead of an {@code m x m} basis, so a pivot costs
 * {@code O(m n + n^2)}.) A variable without finite bounds that is not yet pinned by a row sits in the
 * basis as a <em>free</em> entry (a nonbasic free variable in textbook terms); its multiplier must be zero.
 * <ul>
 *   <li><b>Primal simplex</b> (phase 2) when the point is feasible. When it is not, and the basis is not
 *       dual feasible, <b>phase 1</b> minimises the sum of infeasibilities with the same pivots and a
 *       long-step ratio test: it walks the breakpoints of that piecewise-linear function along the edge
 *       until its slope turns non-negative, so one pivot can repair many violated rows (for a cutting-plane
 *       master, raising the epigraph variable satisfies every cut at once).</li>
 *   <li><b>Dual simplex</b> when the point is infeasible but the basis is dual feasible (possibly after
 *       flipping boxed basis entries to the bound their multiplier prefers). This is the case after
 *       {@link #addRow adding rows} to a solved problem, so re-solving after adding cuts is a warm start
 *       that typically needs one or a few pivots per violated cut. The leaving row is the one with the
 *       largest violation relative to {@code max(1, |b|)}.</li>
 *   <li>Primal pricing is <em>steepest edge</em>, exact and cheap in this form: the edge along which basis
 *       entry {@code q} is released is column {@code q} of the inverse, so the rule picks the largest
 *       {@code |multiplier_q| / ||column_q||_2} among entries with the wrong sign. Ties break by the lowest
 *       constraint index (index {@code j} for the bounds of variable {@code j}, {@code numVariables + k} for
 *       row {@code k}). Ratio tests are two-pass (Harris) with a tiny relaxation of
 *       {@value #RATIO_RELAXATION}, preferring the largest pivot among near-ties.</li>
 *   <li>Anti-cycling: after {@value #DEGENERATE_PIVOTS_BEFORE_BLAND} consecutive degenerate pivots the solver
 *       uses Bland's rule (lowest index everywhere, textbook ratio tests) until the objective moves again.
 *       In addition every basis met at a refactorisation is remembered for the duration of the solve; if
 *       one recurs (cycling caused by rounding on an ill-conditioned problem, which the degeneracy counter
 *       does not see) Bland's rule is used for the rest of the solve, and if a basis recurs again the
 *       solve stops with {@link LpStatus#ITERATION_LIMIT} instead of looping until the limit.</li>
 *   <li>The inverse is updated by a rank-one (product-form) update per pivot and recomputed from an LU
 *       factorisation with partial pivoting every {@value #REFACTOR_INTERVAL} pivots and before every
 *       conclusion. The reported point and multipliers solve the final active set with the LU factors and
 *       two steps of iterative refinement whose residuals are computed in twice the working precision
 *       ({@code Math.fma}-based Dot2), so active constraints hold to about one rounding error even when the
 *       active set is ill-conditioned. Every conclusion (optimal, infeasible, unbounded) is re-checked on
 *       freshly factorised data before it is reported.</li>
 * </ul>
 *
 * <h2>Scaling and tolerances</h2>
 * Internally every row is divided by a power of two close to its largest absolute coefficient (exact in
 * binary floating point) and the objective likewise; results are reported in the user's units.
 * <ul>
 *   <li>Primal feasibility: a constraint with bound {@code b} (after row scaling) is satisfied if it is
 *       violated by at most {@value #FEASIBILITY_TOLERANCE}{@code  * max(1, |b|)}.</li>
 *   <li>Optimality (dual feasibility): a multiplier (after row and objective scaling) has the right sign
 *       if it is wrong by at most {@value #OPTIMALITY_TOLERANCE}.</li>
 *   <li>Pivots: a ratio-test entry is preferred as a pivot if its magnitude exceeds {@value #PIVOT_TOLERANCE}
 *       times the max-norm of the direction column. Smaller entries are not ignored: in the primal ratio tests
 *       (and the phase-1 breakpoints) every constraint whose slope along the edge exceeds {@code 1e-12} times
 *       that max-norm blocks the edge, and one of them becomes the pivot only if no preferred entry blocks at
 *       about the same step length; the dual ratio test and phase-1 pricing fall back to that level only when
 *       nothing passes their tolerance. So a constraint is never stepped through, nor an edge taken for an
 *       unbounded ray or a violated row for an infeasible one, merely because its slope is small. (Columns are
 *       not scaled: a variable whose coefficients are tiny next to the others in its rows, such as the
 *       epigraph variable of cuts with subgradients of 1e9 and more, has slopes of that size on every edge
 *       it moves along, and a free one has no bound of its own to stop an edge.)</li>
 * </ul>
 * Rows with all-zero coefficients are allowed; they are satisfied or make the problem infeasible. A
 * problem whose feasibility hinges on perturbations below these tolerances (for example nearly parallel
 * equality rows whose coefficients span twelve orders of magnitude) may be reported either way.
 *
 * <h2>Determinism and state</h2>
 * All loops run in index order and ties break by lowest constraint index, so the same sequence of calls
 * gives bit-identical results. An instance keeps the basis of its last solve: {@link #solve()} starts from
 * it (warm start); {@link #solveCold()} starts from the all-bounds basis. Where the optimum is not unique a
 * warm and a cold solve may return different optimal points with the same objective. There is no static
 * mutable state and no I/O. Instances are mutable and not thread-safe; results are immutable.
 */
public final class DenseLp {

    /** Optimisation sense. */
    public enum Sense {
        /** Minimise {@code c·x}. */
        MINIMIZE,
        /** Maximise {@code c·x}. */
        MAXIMIZE
    }

    /** Relation of a row {@code a·x ? b}. */
    public enum Relation {
        /** {@code a·x <= b}. */
        LE,
        /** {@code a·x >= b}. */
        GE,
        /** {@code a·x = b}. */
        EQ
    }

    /** Relative primal feasibility tolerance, see the class comment. */
    public static final double FEASIBILITY_TOLERANCE = 1e-9;
    /** Dual feasibility (optimality) tolerance on scaled multipliers, see the class comment. */
    public static final double OPTIMALITY_TOLERANCE = 1e-9;
    /** Relative pivot tolerance, see the class comment. */
    public static final double PIVOT_TOLERANCE = 1e-9;
    /** Relaxation of bounds (relative) and multiplier signs (absolute) in the first Harris pass. */
    public static final double RATIO_RELAXATION = 1e-12;
    /** Consecutive degenerate pivots after which Bland's rule is used. */
    public static final int DEGENERATE_PIVOTS_BEFORE_BLAND = 50;
    /** Pivots between two fresh LU factorisations of the active set. */
    public static final int REFACTOR_INTERVAL = 20;
    /** Default limit on pivots per {@link #solve()}. */
    public static final int DEFAULT_MAX_ITERATIONS = 100_000;

    /** Steps of iterative refinement (with doubled-precision residuals) of the point and the multipliers. */
    private static final int REFINEMENT_STEPS = 2;
    /**
     * Smallest LU pivot (rows have max-norm in [1, 2)) accepted before the basis counts as singular; also the
     * relative level below which a ratio-test entry or a phase-1 price counts as zero.
     */
    private static final double SINGULAR_TOLERANCE = 1e-12;
    /** A pivot that improves the (scaled) objective by at most this, relative, counts as degenerate. */
    private static final double DEGENERATE_PROGRESS = 1e-12;

    private static final int LOWER = 0;
    private static final int UPPER = 1;
    private static final int FIXED = 2;
    private static final int FREE = 3;

    /** Outcome codes of the inner loops. */
    private static final int PIVOTED = 0;
    private static final int DONE = 1;
    private static final int NO_PROGRESS_POSSIBLE = 2;

    private final int n;

    // ---- problem data -------------------------------------------------------------------------------
    private Sense sense = Sense.MINIMIZE;
    private final double[] c;
    private final double[] cInt;
    private double cScale = 1.0;
    private final double[] varLo;
    private final double[] varHi;
    private int m;
    private double[] rowA;      // scaled rows, row-major, m x n
    private double[] rowLo;     // scaled lower bound (or -inf)
    private double[] rowHi;     // scaled upper bound (or +inf)
    private double[] rowScale;  // power of two applied to row k
    private double[] rowRhs;    // user's right-hand side
    private Relation[] rowRel;
    private int maxIterations = DEFAULT_MAX_ITERATIONS;
    private int blandAfter = DEGENERATE_PIVOTS_BEFORE_BLAND;

    // ---- basis (active set) -------------------------------------------------------------------------
    private boolean hasBasis;
    /** Whether inverse, point, activities and multipliers are exactly those of a fresh factorisation. */
    private boolean fresh;
    private final int[] wIdx;     // constraint index of basis entry p
    private final int[] wSide;    // LOWER, UPPER, FIXED or FREE
    private final double[] wVal;  // value of a FREE entry
    private int[] posOf;          // basis position of constraint i, or -1

    // ---- numerical state ----------------------------------------------------------------------------
    private final double[] dInv;  // inverse of the active normals, row-major; column p = d x / d v_p
    private final double[] lu;
    private final int[] perm;
    private final double[] x;
    private double[] act;         // activity of each constraint (scaled)
    private final double[] mu;    // multipliers of basis entries (scaled): c = N^T mu
    private int degenerateRun;
    /** Set when a basis recurred during the current solve: Bland's rule for the rest of it. */
    private boolean forcedBland;
    /** Bases seen at the refactorisation points of the current solve (membership only, never iterated). */
    private final HashSet<BasisKey> visited = new HashSet<>();

    // ---- work arrays --------------------------------------------------------------------------------
    private final double[] dir;
    private final double[] alpha;
    private final double[] price1;
    private final double[] grad;
    private final double[] tmp;
    private final double[] tmp2;
    private final double[] tmp3;
    private final boolean[] rejected;
    private double[] slope;
    private int[] cand;
    private double[] candT;
    private double[] candAbs;
    private int[] candSide;
    private double[] candRelaxed;
    private int[] order;
    private int[] orderBuffer;

    /**
     * Creates a problem with {@code numVariables} variables, no rows, the objective {@code minimise 0} and
     * default bounds {@code 0 <= x_j < +infinity}.
     *
     * @param numVariables number of variables, {@code >= 0}
     * @throws IllegalArgumentException if {@code numVariables < 0}
     */
    public DenseLp(int numVariables) {
        if (numVariables < 0) {
            throw new IllegalArgumentException("DenseLp.numVariables must be >= 0, was " + numVariables + ".");
        }
        n = numVariables;
        c = new double[n];
        cInt = new double[n];
        varLo = new double[n];
        varHi = new double[n];
        Arrays.fill(varHi, Double.POSITIVE_INFINITY);
        int cap = 16;
        rowA = new double[cap * n];
        rowLo = new double[cap];
        rowHi = new double[cap];
        rowScale = new double[cap];
        rowRhs = new double[cap];
        rowRel = new Relation[cap];
        wIdx = new int[n];
        wSide = new int[n];
        wVal = new double[n];
        posOf = new int[n + cap];
        dInv = new double[n * n];
        lu = new double[n * n];
        perm = new int[n];
        x = new double[n];
        act = new double[n + cap];
        mu = new double[n];
        dir = new double[n];
        alpha = new double[n];
        price1 = new double[n];
        grad = new double[n];
        tmp = new double[n];
        tmp2 = new double[n];
        tmp3 = new double[n];
        rejected = new boolean[n];
        slope = new double[n + cap];
        cand = new int[n + cap + 1];
        candT = new double[n + cap + 1];
        candAbs = new double[n + cap + 1];
        candSide = new int[n + cap + 1];
        candRelaxed = new double[n + cap + 1];
        order = new int[0];
        orderBuffer = new int[0];
        sizeCandidates(cap);
    }

    // =================================================================================================
    // Problem definition
    // =================================================================================================

    /**
     * Returns the number of variables.
     *
     * @return {@code n}
     */
    public int numVariables() {
        return n;
    }

    /**
     * Returns the number of rows added so far.
     *
     * @return {@code m}
     */
    public int numRows() {
        return m;
    }

    /**
     * Sets the objective to minimise {@code c·x}.
     *
     * @param coefficients {@code c}, one finite value per variable (copied)
     * @return this problem
     * @throws NullPointerException if {@code coefficients} is null
     * @throws IllegalArgumentException if the length differs from {@link #numVariables()} or a value is not
     *     finite
     */
    public DenseLp minimize(double... coefficients) {
        return objective(Sense.MINIMIZE, coefficients);
    }

    /**
     * Sets the objective to maximise {@code c·x}.
     *
     * @param coefficients {@code c}, one finite value per variable (copied)
     * @return this problem
     * @throws NullPointerException if {@code coefficients} is null
     * @throws IllegalArgumentException if the length differs from {@link #numVariables()} or a value is not
     *     finite
     */
    public DenseLp maximize(double... coefficients) {
        return objective(Sense.MAXIMIZE, coefficients);
    }

    /**
     * Sets the objective. The current basis is kept; the next {@link #solve()} starts from it.
     *
     * @param sense minimise or maximise
     * @param coefficients {@code c}, one finite value per variable (copied)
     * @return this problem
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the length differs from {@link #numVariables()} or a value is not
     *     finite
     */
    public DenseLp objective(Sense sense, double[] coefficients) {
        Objects.requireNonNull(sense, "sense");
        checkVector(coefficients, "objective");
        this.sense = sense;
        System.arraycopy(coefficients, 0, c, 0, n);
        double max = 0;
        for (double v : c) {
            max = Math.max(max, Math.abs(v));
        }
        cScale = powerOfTwoScale(max);
        double sign = sense == Sense.MINIMIZE ? 1.0 : -1.0;
        for (int j = 0; j < n; j++) {
            cInt[j] = sign * c[j] * cScale;
        }
        fresh = false;
        return this;
    }

    /**
     * Returns the optimisation sense.
     *
     * @return the sense set by the last objective call, {@link Sense#MINIMIZE} by default
     */
    public Sense sense() {
        return sense;
    }

    /**
     * Sets the bounds of one variable. The current basis is kept (entries at a bound that no longer exists
     * are moved to the other bound or released).
     *
     * @param j variable index
     * @param lower lower bound, may be {@code Double.NEGATIVE_INFINITY}
     * @param upper upper bound, may be {@code Double.POSITIVE_INFINITY}
     * @return this problem
     * @throws IndexOutOfBoundsException if {@code j} is out of range
     * @throws IllegalArgumentException if a bound is NaN, {@code lower > upper}, {@code lower = +infinity}
     *     or {@code upper = -infinity}
     */
    public DenseLp bounds(int j, double lower, double upper) {
        Objects.checkIndex(j, n);
        if (Double.isNaN(lower) || Double.isNaN(upper) || lower > upper || lower == Double.POSITIVE_INFINITY
                || upper == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("Bounds of variable " + j + " must satisfy -inf <= lower <= upper"
                    + " <= +inf with lower < +inf and upper > -inf, were [" + lower + ", " + upper + "].");
        }
        varLo[j] = lower;
        varHi[j] = upper;
        fresh = false;
        return this;
    }

    /**
     * Makes a variable free: {@code -infinity < x_j < +infinity}.
     *
     * @param j variable index
     * @return this problem
     * @throws IndexOutOfBoundsException if {@code j} is out of range
     */
    public DenseLp free(int j) {
        return bounds(j, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /**
     * Returns the lower bound of a variable.
     *
     * @param j variable index
     * @return {@code lo_j}
     * @throws IndexOutOfBoundsException if {@code j} is out of range
     */
    public double lowerBound(int j) {
        return varLo[Objects.checkIndex(j, n)];
    }

    /**
     * Returns the upper bound of a variable.
     *
     * @param j variable index
     * @return {@code hi_j}
     * @throws IndexOutOfBoundsException if {@code j} is out of range
     */
    public double upperBound(int j) {
        return varHi[Objects.checkIndex(j, n)];
    }

    /**
     * Sets the maximum number of pivots per solve; when reached, {@link LpStatus#ITERATION_LIMIT} is
     * returned. Results under an iteration limit are reproducible.
     *
     * @param limit pivots, {@code >= 0}
     * @return this problem
     * @throws IllegalArgumentException if {@code limit < 0}
     */
    public DenseLp maxIterations(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("DenseLp.maxIterations must be >= 0, was " + limit + ".");
        }
        maxIterations = limit;
        return this;
    }

    /**
     * Sets the number of consecutive degenerate pivots after which Bland's rule is used (default {@value
     * #DEGENERATE_PIVOTS_BEFORE_BLAND}); 0 uses Bland's rule (and the textbook phase-1 ratio test)
     * throughout. For tests.
     *
     * @param pivots degenerate pivots, {@code >= 0}
     * @return this problem
     * @throws IllegalArgumentException if {@code pivots < 0}
     */
    DenseLp degeneratePivotsBeforeBland(int pivots) {
        if (pivots < 0) {
            throw new IllegalArgumentException("degeneratePivotsBeforeBland must be >= 0, was " + pivots + ".");
        }
        blandAfter = pivots;
        return this;
    }

    /**
     * Adds a row {@code a·x (<=, >=, =) b}. Adding rows keeps the basis of the last solve, which stays dual
     * feasible, so the next {@link #solve()} is a dual-simplex warm start.
     *
     * @param coefficients {@code a}, one finite value per variable (copied)
     * @param relation the relation
     * @param rhs {@code b}, finite
     * @return the index of the new row ({@code numRows() - 1} after the call)
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the length differs from {@link #numVariables()} or a value is not
     *     finite
     */
    public int addRow(double[] coefficients, Relation relation, double rhs) {
        checkVector(coefficients, "row");
        Objects.requireNonNull(relation, "relation");
        if (!Double.isFinite(rhs)) {
            throw new IllegalArgumentException("Right-hand side of row " + m + " must be finite, was " + rhs + ".");
        }
        ensureCapacity(m + 1);
        double max = 0;
        for (double v : coefficients) {
            max = Math.max(max, Math.abs(v));
        }
        double s = powerOfTwoScale(max);
        int base = m * n;
        for (int j = 0; j < n; j++) {
            rowA[base + j] = coefficients[j] * s;
        }
        double b = rhs * s;
        rowLo[m] = relation == Relation.LE ? Double.NEGATIVE_INFINITY : b;
        rowHi[m] = relation == Relation.GE ? Double.POSITIVE_INFINITY : b;
        rowScale[m] = s;
        rowRhs[m] = rhs;
        rowRel[m] = relation;
        posOf[n + m] = -1;
        act[n + m] = fresh ? dotNormal(n + m, x) : 0.0;
        return m++;
    }

    /**
     * Adds a row {@code a·x <= b}.
     *
     * @param coefficients {@code a} (copied)
     * @param rhs {@code b}
     * @return the row index
     * @throws NullPointerException if {@code coefficients} is null
     * @throws IllegalArgumentException as {@link #addRow(double[], Relation, double)}
     */
    public int addLe(double[] coefficients, double rhs) {
        return addRow(coefficients, Relation.LE, rhs);
    }

    /**
     * Adds a row {@code a·x >= b}.
     *
     * @param coefficients {@code a} (copied)
     * @param rhs {@code b}
     * @return the row index
     * @throws NullPointerException if {@code coefficients} is null
     * @throws IllegalArgumentException as {@link #addRow(double[], Relation, double)}
     */
    public int addGe(double[] coefficients, double rhs) {
        return addRow(coefficients, Relation.GE, rhs);
    }

    /**
     * Adds a row {@code a·x = b}.
     *
     * @param coefficients {@code a} (copied)
     * @param rhs {@code b}
     * @return the row index
     * @throws NullPointerException if {@code coefficients} is null
     * @throws IllegalArgumentException as {@link #addRow(double[], Relation, double)}
     */
    public int addEq(double[] coefficients, double rhs) {
        return addRow(coefficients, Relation.EQ, rhs);
    }

    /**
     * Returns a copy of the coefficients of a row, in the user's units.
     *
     * @param k row index
     * @return {@code a_k}
     * @throws IndexOutOfBoundsException if {@code k} is out of range
     */
    public double[] row(int k) {
        Objects.checkIndex(k, m);
        double[] out = new double[n];
        for (int j = 0; j < n; j++) {
            out[j] = rowA[k * n + j] / rowScale[k];
        }
        return out;
    }

    /**
     * Returns the relation of a row.
     *
     * @param k row index
     * @return the relation
     * @throws IndexOutOfBoundsException if {@code k} is out of range
     */
    public Relation relation(int k) {
        return rowRel[Objects.checkIndex(k, m)];
    }

    /**
     * Returns the right-hand side of a row.
     *
     * @param k row index
     * @return {@code b_k}
     * @throws IndexOutOfBoundsException if {@code k} is out of range
     */
    public double rhs(int k) {
        return rowRhs[Objects.checkIndex(k, m)];
    }

    /** Forgets the basis of the last solve; the next {@link #solve()} is a cold start. */
    public void resetBasis() {
        hasBasis = false;
        fresh = false;
    }

    // =================================================================================================
    // Solving
    // =================================================================================================

    /**
     * Solves the problem, starting from the basis of the previous solve if there is one (warm start):
     * after rows were added that basis is dual feasible and the dual simplex method restores feasibility;
     * after the objective changed the primal simplex method continues from it.
     *
     * @return the result; never null (infeasible, unbounded and iteration-limited outcomes are statuses)
     */
    public LpResult solve() {
        if (!hasBasis) {
            initialBasis();
            fresh = false;
        } else if (!fresh) {
            repairBasis();
        }
        hasBasis = true;
        degenerateRun = 0;
        forcedBland = false;
        visited.clear();
        int iterations = 0;
        int resets = 0;
        LpStatus status;
        while (true) {
            // Only rows were added since the last solve: its factorisation is still exact (addRow computed
            // the new activities), so the first refactorisation can be skipped.
            if (!fresh && !refactor()) {
                // A numerically singular active set: restart from the all-bounds basis (always regular).
                resets++;
                initialBasis();
                if (!refactor() || resets > 3) {
                    status = LpStatus.ITERATION_LIMIT;
                    fresh = false;
                    break;
                }
            }
            fresh = true; // until the next pivot
            if (!visited.add(basisKey())) {
                // The same basis at two refactorisation points: the method would cycle (degenerate ties in
                // exact arithmetic, or rounding on an ill-conditioned problem). Use Bland's rule from here on;
                // if a basis still recurs, stop rather than loop until the iteration limit.
                if (forcedBland) {
                    status = LpStatus.ITERATION_LIMIT;
                    break;
                }
                forcedBland = true;
                visited.clear();
                visited.add(basisKey());
            }
            boolean primalFeasible = !anyViolated();
            if (primalFeasible && dualFeasible()) {
                status = LpStatus.OPTIMAL;
                break;
            }
            if (iterations >= maxIterations) {
                status = LpStatus.ITERATION_LIMIT;
                break;
            }
            int budget = Math.min(REFACTOR_INTERVAL, maxIterations - iterations);
            fresh = false;
            int pivots = 0;
            int outcome = PIVOTED;
            if (primalFeasible) {
                while (pivots < budget && (outcome = primalIteration(false)) == PIVOTED) {
                    pivots++;
                }
                if (outcome == NO_PROGRESS_POSSIBLE && pivots == 0) {
                    status = LpStatus.UNBOUNDED;
                    fresh = true;
                    break;
                }
            } else {
                boolean dual = dualFeasibleAfterFlips();
                if (dual && flipBoxedToDualFeasibility()) {
                    fresh = false;
                    iterations++;
                    continue; // refactor with the new bound values, then run the dual simplex
                }
                while (pivots < budget && (outcome = dual ? dualIteration() : primalIteration(true)) == PIVOTED) {
                    pivots++;
                }
                if (pivots == 0 && (outcome == NO_PROGRESS_POSSIBLE || (!dual && outcome == DONE))) {
                    // Dual simplex: a violated row that no basis change can repair; phase 1: a minimum of
                    // the sum of infeasibilities that is still positive. Both on fresh data: infeasible.
                    status = LpStatus.INFEASIBLE;
                    fresh = true;
                    break;
                }
            }
            iterations += pivots;
        }
        return buildResult(status, iterations);
    }

    /**
     * Forgets the previous basis and solves from the all-bounds basis (each variable at a finite bound, free
     * variables held at zero). Equivalent to {@link #resetBasis()} followed by {@link #solve()}.
     *
     * @return the result
     */
    public LpResult solveCold() {
        resetBasis();
        return solve();
    }

    // ---- basis set-up -------------------------------------------------------------------------------

    private void initialBasis() {
        Arrays.fill(posOf, 0, n + m, -1);
        for (int j = 0; j < n; j++) {
            wIdx[j] = j;
            wVal[j] = 0;
            double lo = varLo[j];
            double hi = varHi[j];
            if (lo == hi) {
                wSide[j] = FIXED;
            } else if (lo > Double.NEGATIVE_INFINITY && hi < Double.POSITIVE_INFINITY) {
                wSide[j] = cInt[j] < 0 ? UPPER : LOWER;
            } else if (lo > Double.NEGATIVE_INFINITY) {
                wSide[j] = LOWER;
            } else if (hi < Double.POSITIVE_INFINITY) {
                wSide[j] = UPPER;
            } else {
                wSide[j] = FREE;
            }
            posOf[j] = j;
        }
    }

    /** Makes every variable entry consistent with the current bounds (rows never change). */
    private void repairBasis() {
        for (int p = 0; p < n; p++) {
            int j = wIdx[p];
            if (j >= n) {
                continue;
            }
            double lo = varLo[j];
            double hi = varHi[j];
            int side = wSide[p];
            if (lo == hi) {
                wSide[p] = FIXED;
            } else if (side == FIXED || (side == LOWER && lo == Double.NEGATIVE_INFINITY)
                    || (side == UPPER && hi == Double.POSITIVE_INFINITY)) {
                if (side != UPPER && lo > Double.NEGATIVE_INFINITY) {
                    wSide[p] = LOWER;
                } else if (hi < Double.POSITIVE_INFINITY) {
                    wSide[p] = UPPER;
                } else if (lo > Double.NEGATIVE_INFINITY) {
                    wSide[p] = LOWER;
                } else {
                    wSide[p] = FREE;
                    wVal[p] = x[j];
                }
            } else if (side == FREE) {
                wVal[p] = Math.min(Math.max(wVal[p], lo), hi);
            }
        }
    }

    /** The current basis as a set: sorted codes {@code 4 * constraintIndex + side}. */
    private BasisKey basisKey() {
        int[] codes = new int[n];
        for (int p = 0; p < n; p++) {
            codes[p] = 4 * wIdx[p] + wSide[p];
        }
        Arrays.sort(codes);
        return new BasisKey(codes);
    }

    /** Content-compared basis signature. */
    private record BasisKey(int[] codes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof BasisKey k && Arrays.equals(codes, k.codes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(codes);
        }

        @Override
        public String toString() {
            return Arrays.toString(codes);
        }
    }

    // ---- constraint accessors ------------------------------------------------------------------------

    private double lo(int i) {
        return i < n ? varLo[i] : rowLo[i - n];
    }

    private double hi(int i) {
        return i < n ? varHi[i] : rowHi[i - n];
    }

    private double dotNormal(int i, double[] v) {
        if (i < n) {
            return v[i];
        }
        // four independent partial sums (fixed order, so results stay deterministic): the loop is bound by
        // floating-point add latency otherwise, and this is the O(m n) inner loop of every pivot
        int base = (i - n) * n;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int r = 0;
        for (; r + 3 < n; r += 4) {
            s0 += rowA[base + r] * v[r];
            s1 += rowA[base + r + 1] * v[r + 1];
            s2 += rowA[base + r + 2] * v[r + 2];
            s3 += rowA[base + r + 3] * v[r + 3];
        }
        for (; r < n; r++) {
            s0 += rowA[base + r] * v[r];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private double value(int p) {
        switch (wSide[p]) {
            case LOWER:
            case FIXED:
                return lo(wIdx[p]);
            case UPPER:
                return hi(wIdx[p]);
            default:
                return wVal[p];
        }
    }

    private static double tol(double bound) {
        return FEASIBILITY_TOLERANCE * Math.max(1.0, Math.abs(bound));
    }

    private static double relax(double bound) {
        return RATIO_RELAXATION * Math.max(1.0, Math.abs(bound));
    }

    // ---- factorisation -------------------------------------------------------------------------------

    /**
     * Factorises the active normals, recomputes the inverse, the point (with one refinement step), all
     * activities and the multipliers.
     *
     * @return false if the active set is numerically singular
     */
    private boolean refactor() {
        for (int p = 0; p < n; p++) {
            int i = wIdx[p];
            int base = p * n;
            if (i < n) {
                Arrays.fill(lu, base, base + n, 0.0);
                lu[base + i] = 1.0;
            } else {
                System.arraycopy(rowA, (i - n) * n, lu, base, n);
            }
            perm[p] = p;
        }
        for (int k = 0; k < n; k++) {
            int piv = k;
            double best = Math.abs(lu[k * n + k]);
            for (int r = k + 1; r < n; r++) {
                double v = Math.abs(lu[r * n + k]);
                if (v > best) {
                    best = v;
                    piv = r;
                }
            }
            if (!(best > SINGULAR_TOLERANCE)) {
                return false;
            }
            if (piv != k) {
                for (int col = 0; col < n; col++) {
                    double t = lu[k * n + col];
                    lu[k * n + col] = lu[piv * n + col];
                    lu[piv * n + col] = t;
                }
                int t = perm[k];
                perm[k] = perm[piv];
                perm[piv] = t;
            }
            double d = lu[k * n + k];
            for (int r = k + 1; r < n; r++) {
                double f = lu[r * n + k] / d;
                lu[r * n + k] = f;
                if (f != 0) {
                    for (int col = k + 1; col < n; col++) {
                        lu[r * n + col] -= f * lu[k * n + col];
                    }
                }
            }
        }
        // inverse, column by column
        for (int q = 0; q < n; q++) {
            Arrays.fill(tmp, 0.0);
            tmp[q] = 1.0;
            luSolve(tmp, tmp2);
            for (int r = 0; r < n; r++) {
                dInv[r * n + q] = tmp2[r];
            }
        }
        // point: N x = v, and multipliers: N^T mu = cInt, each with iterative refinement whose residuals
        // are computed in twice the working precision
        for (int p = 0; p < n; p++) {
            tmp[p] = value(p);
        }
        luSolve(tmp, x);
        for (int step = 0; step < REFINEMENT_STEPS; step++) {
            for (int p = 0; p < n; p++) {
                tmp[p] = pointResidual(p);
            }
            luSolve(tmp, tmp2);
            for (int r = 0; r < n; r++) {
                x[r] += tmp2[r];
            }
        }
        luSolveTranspose(cInt, mu);
        for (int step = 0; step < REFINEMENT_STEPS; step++) {
            for (int r = 0; r < n; r++) {
                tmp[r] = multiplierResidual(r);
            }
            luSolveTranspose(tmp, tmp2);
            for (int p = 0; p < n; p++) {
                mu[p] += tmp2[p];
            }
        }
        for (int i = 0; i < n + m; i++) {
            act[i] = dotNormal(i, x);
        }
        for (int p = 0; p < n; p++) {
            act[wIdx[p]] = value(p);
        }
        return true;
    }

    /** v_p - normal_p · x, accurate as if computed in twice the working precision (Ogita-Rump-Oishi Dot2). */
    private double pointResidual(int p) {
        int i = wIdx[p];
        double v = value(p);
        if (i < n) {
            return v - x[i];
        }
        int base = (i - n) * n;
        double sum = v;
        double err = 0;
        for (int r = 0; r < n; r++) {
            double h = -rowA[base + r] * x[r];
            double hErr = Math.fma(-rowA[base + r], x[r], -h);
            double t = sum + h;
            double z = t - sum;
            err += ((sum - (t - z)) + (h - z)) + hErr;
            sum = t;
        }
        return sum + err;
    }

    /** cInt_r - sum_p mu_p · normal_p[r], in twice the working precision. */
    private double multiplierResidual(int r) {
        double sum = cInt[r];
        double err = 0;
        for (int p = 0; p < n; p++) {
            double a = normalEntry(wIdx[p], r);
            if (a == 0) {
                continue;
            }
            double h = -mu[p] * a;
            double hErr = Math.fma(-mu[p], a, -h);
            double t = sum + h;
            double z = t - sum;
            err += ((sum - (t - z)) + (h - z)) + hErr;
            sum = t;
        }
        return sum + err;
    }

    private double normalEntry(int i, int r) {
        return i < n ? (i == r ? 1.0 : 0.0) : rowA[(i - n) * n + r];
    }

    /** Solves N z = b with the LU factors (P N = L U). */
    private void luSolve(double[] b, double[] z) {
        for (int k = 0; k < n; k++) {
            double s = b[perm[k]];
            for (int col = 0; col < k; col++) {
                s -= lu[k * n + col] * z[col];
            }
            z[k] = s;
        }
        for (int k = n - 1; k >= 0; k--) {
            double s = z[k];
            for (int col = k + 1; col < n; col++) {
                s -= lu[k * n + col] * z[col];
            }
            z[k] = s / lu[k * n + k];
        }
    }

    /** Solves N^T z = b with the LU factors: U^T w = b, L^T u = w, z[perm[k]] = u[k]. */
    private void luSolveTranspose(double[] b, double[] z) {
        double[] w = tmp3;
        for (int k = 0; k < n; k++) {
            double s = b[k];
            for (int r = 0; r < k; r++) {
                s -= lu[r * n + k] * w[r];
            }
            w[k] = s / lu[k * n + k];
        }
        for (int k = n - 1; k >= 0; k--) {
            double s = w[k];
            for (int r = k + 1; r < n; r++) {
                s -= lu[r * n + k] * w[r];
            }
            w[k] = s;
        }
        for (int k = 0; k < n; k++) {
            z[perm[k]] = w[k];
        }
    }

    private void recomputeMultipliers() {
        for (int q = 0; q < n; q++) {
            double s = 0;
            for (int r = 0; r < n; r++) {
                s += dInv[r * n + q] * cInt[r];
            }
            mu[q] = s;
        }
    }

    /** Replaces basis entry p by a constraint whose normal, times the inverse, is {@code alpha}. */
    private void updateInverse(double[] alphaRow, int p) {
        double piv = alphaRow[p];
        for (int r = 0; r < n; r++) {
            dInv[r * n + p] /= piv;
        }
        for (int q = 0; q < n; q++) {
            double f = alphaRow[q];
            if (q == p || f == 0) {
                continue;
            }
            for (int r = 0; r < n; r++) {
                dInv[r * n + q] -= f * dInv[r * n + p];
            }
        }
    }

    // ---- feasibility checks --------------------------------------------------------------------------

    private boolean anyViolated() {
        for (int i = 0; i < n + m; i++) {
            if (posOf[i] < 0 && violation(i) != 0) {
                return true;
            }
        }
        return false;
    }

    /** +1 if constraint i is below its lower bound beyond tolerance, -1 if above its upper bound, else 0. */
    private int violation(int i) {
        double a = act[i];
        double l = lo(i);
        if (a < l - tol(l)) {
            return 1;
        }
        double u = hi(i);
        if (a > u + tol(u)) {
            return -1;
        }
        return 0;
    }

    private boolean dualFeasible() {
        for (int p = 0; p < n; p++) {
            if (primalDirection(p, mu[p], OPTIMALITY_TOLERANCE) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Direction (+1 raise, -1 lower the value of entry p) in which releasing entry p improves an objective
     * with multiplier g, or 0 if none does beyond tolerance.
     */
    private int primalDirection(int p, double g, double tolerance) {
        switch (wSide[p]) {
            case LOWER:
                return g < -tolerance ? 1 : 0;
            case UPPER:
                return g > tolerance ? -1 : 0;
            case FREE:
                return g < -tolerance ? 1 : (g > tolerance ? -1 : 0);
            default:
                return 0;
        }
    }

    /** Whether flipping boxed entries to the bound their multiplier prefers makes the basis dual feasible. */
    private boolean dualFeasibleAfterFlips() {
        for (int p = 0; p < n; p++) {
            int i = wIdx[p];
            boolean boxed = wSide[p] != FIXED && lo(i) > Double.NEGATIVE_INFINITY && hi(i) < Double.POSITIVE_INFINITY;
            if (!boxed && primalDirection(p, mu[p], OPTIMALITY_TOLERANCE) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Flips boxed basis entries whose multiplier prefers the other bound (only called when that makes the
     * basis dual feasible, so that it cannot alternate with phase 1). Returns true if any flipped.
     */
    private boolean flipBoxedToDualFeasibility() {
        boolean flipped = false;
        for (int p = 0; p < n; p++) {
            int i = wIdx[p];
            double l = lo(i);
            double u = hi(i);
            if (wSide[p] == FIXED || l == Double.NEGATIVE_INFINITY || u == Double.POSITIVE_INFINITY) {
                continue;
            }
            int d = primalDirection(p, mu[p], OPTIMALITY_TOLERANCE);
            if (d > 0 && wSide[p] != UPPER) {
                wSide[p] = UPPER;
                flipped = true;
            } else if (d < 0 && wSide[p] != LOWER) {
                wSide[p] = LOWER;
                flipped = true;
            }
        }
        return flipped;
    }

    // ---- primal simplex (phase 1 and 2) --------------------------------------------------------------

    private int primalIteration(boolean phase1) {
        double[] price = mu;
        double dualTol = OPTIMALITY_TOLERANCE;
        double lastResortTol = dualTol;
        if (phase1) {
            Arrays.fill(grad, 0.0);
            double gmax = 0;
            for (int i = 0; i < n + m; i++) {
                if (posOf[i] >= 0) {
                    continue;
                }
                int v = violation(i);
                if (v != 0) {
                    addNormal(i, -v, grad);
                }
            }
            for (int r = 0; r < n; r++) {
                gmax = Math.max(gmax, Math.abs(grad[r]));
            }
            for (int q = 0; q < n; q++) {
                double s = 0;
                for (int r = 0; r < n; r++) {
                    s += dInv[r * n + q] * grad[r];
                }
                price1[q] = s;
            }
            price = price1;
            dualTol = OPTIMALITY_TOLERANCE * Math.max(1.0, gmax);
            lastResortTol = SINGULAR_TOLERANCE * Math.max(1.0, gmax);
        }
        boolean bland = forcedBland || degenerateRun >= blandAfter;
        Arrays.fill(rejected, false);
        while (true) {
            int p = -1;
            int sigma = 0;
            double best = 0;
            for (int q = 0; q < n; q++) {
                if (rejected[q]) {
                    continue;
                }
                int d = primalDirection(q, price[q], dualTol);
                if (d == 0) {
                    continue;
                }
                double score = Math.abs(price[q]) / edgeNorm(q);
                boolean take;
                if (p < 0) {
                    take = true;
                } else if (bland) {
                    take = wIdx[q] < wIdx[p];
                } else {
                    take = score > best || (score == best && wIdx[q] < wIdx[p]);
                }
                if (take) {
                    p = q;
                    sigma = d;
                    best = score;
                }
            }
            if (p < 0) {
                if (dualTol > lastResortTol) {
                    // Phase 1 is about to conclude that the infeasibility cannot be reduced. A price below the
                    // tolerance may still be a real descent direction when the entry moves a variable whose
                    // coefficients are tiny next to the others in its rows: price again at the singularity
                    // level before giving up.
                    dualTol = lastResortTol;
                    continue;
                }
                return DONE;
            }
            double dmax = 0;
            for (int r = 0; r < n; r++) {
                dir[r] = sigma * dInv[r * n + p];
                dmax = Math.max(dmax, Math.abs(dir[r]));
            }
            int own = wIdx[p];
            double ownValue = value(p);
            boolean longStep = phase1 && !bland;
            for (int i = 0; i < n + m; i++) {
                if (posOf[i] < 0) {
                    slope[i] = dotNormal(i, dir);
                }
            }
            // Every constraint whose slope along the edge is not zero (to the singularity level) takes part in
            // the ratio test; the pivot tolerance only decides which of those blocking at about the same step
            // length is preferred. (Ignoring small slopes lets the step run through such a constraint, or
            // report an unbounded ray that it blocks: an epigraph variable whose coefficient is tiny next to
            // the subgradients in its cuts has slopes below the pivot tolerance on the edges it moves along.)
            double zeroTol = SINGULAR_TOLERANCE * dmax;
            double pivTol = PIVOT_TOLERANCE * dmax;
            int chosen = longStep ? longStepPhase1(p, sigma, zeroTol, own, ownValue)
                    : chooseRatio(ratioCandidates(p, sigma, zeroTol, own, ownValue, phase1), bland, pivTol, own);
            if (chosen < 0) {
                if (!phase1) {
                    return NO_PROGRESS_POSSIBLE; // unbounded ray along dir
                }
                rejected[p] = true;
                continue;
            }
            int block = cand[chosen];
            double t = Math.max(0.0, candT[chosen]);
            int side = candSide[chosen];
            double progress = t * Math.abs(price[p]);
            // move
            for (int r = 0; r < n; r++) {
                x[r] += t * dir[r];
            }
            for (int i = 0; i < n + m; i++) {
                if (posOf[i] < 0) {
                    act[i] += t * slope[i];
                }
            }
            if (block == own) {
                wSide[p] = lo(own) == hi(own) ? FIXED : side;
                act[own] = value(p);
            } else {
                act[own] = ownValue + sigma * t;
                rowTimesInverse(block, alpha);
                updateInverse(alpha, p);
                posOf[own] = -1;
                wIdx[p] = block;
                wSide[p] = lo(block) == hi(block) ? FIXED : side;
                posOf[block] = p;
                act[block] = side == LOWER ? lo(block) : hi(block);
                recomputeMultipliers();
            }
            countDegeneracy(progress);
            return PIVOTED;
        }
    }

    /**
     * Collects the candidates of the textbook ratio test along the current direction (its {@link #slope}
     * values): the entry's own opposite bound, and every constraint moving towards a bound with a slope
     * beyond {@code zeroTol} (in phase 1, a violated constraint blocks at the bound it violates). Returns the
     * number of candidates.
     */
    private int ratioCandidates(int p, int sigma, double zeroTol, int own, double ownValue, boolean phase1) {
        int count = 0;
        // own bound (a bound flip) first
        if (sigma > 0 && wSide[p] != UPPER && hi(own) < Double.POSITIVE_INFINITY) {
            count = addCandidate(count, own, 1.0, ownValue, hi(own), UPPER);
        } else if (sigma < 0 && wSide[p] != LOWER && lo(own) > Double.NEGATIVE_INFINITY) {
            count = addCandidate(count, own, -1.0, ownValue, lo(own), LOWER);
        }
        for (int i = 0; i < n + m; i++) {
            if (posOf[i] >= 0) {
                continue;
            }
            double s = slope[i];
            if (s > zeroTol) {
                int v = phase1 ? violation(i) : 0;
                if (v > 0) {
                    count = addCandidate(count, i, s, act[i], lo(i), LOWER);
                } else if (v == 0 && hi(i) < Double.POSITIVE_INFINITY) {
                    count = addCandidate(count, i, s, act[i], hi(i), UPPER);
                }
            } else if (s < -zeroTol) {
                int v = phase1 ? violation(i) : 0;
                if (v < 0) {
                    count = addCandidate(count, i, s, act[i], hi(i), UPPER);
                } else if (v == 0 && lo(i) > Double.NEGATIVE_INFINITY) {
                    count = addCandidate(count, i, s, act[i], lo(i), LOWER);
                }
            }
        }
        return count;
    }

    /**
     * Long-step ratio test of phase 1: walks the breakpoints of the (convex, piecewise-linear) sum of
     * infeasibilities along the direction, in ascending step length, until its slope becomes non-negative,
     * and returns the candidate slot of the constraint that enters there (the largest pivot among
     * breakpoints at the same step length), or -1 if the slope never becomes non-negative. Uses the
     * {@link #slope} values of the current direction.
     */
    private int longStepPhase1(int p, int sigma, double zeroTol, int own, double ownValue) {
        double slope0 = 0;
        int count = 0;
        if (sigma > 0 && wSide[p] != UPPER && hi(own) < Double.POSITIVE_INFINITY) {
            count = addBreakpoint(count, own, 1.0, ownValue, hi(own), UPPER);
        } else if (sigma < 0 && wSide[p] != LOWER && lo(own) > Double.NEGATIVE_INFINITY) {
            count = addBreakpoint(count, own, -1.0, ownValue, lo(own), LOWER);
        }
        for (int i = 0; i < n + m; i++) {
            if (posOf[i] >= 0) {
                continue;
            }
            double s = slope[i];
            int v = violation(i);
            slope0 -= v * s;
            double a = act[i];
            if (s > zeroTol) {
                if (v > 0) {
                    count = addBreakpoint(count, i, s, a, lo(i), LOWER);
                }
                if (v >= 0 && hi(i) < Double.POSITIVE_INFINITY) {
                    count = addBreakpoint(count, i, s, a, hi(i), UPPER);
                }
            } else if (s < -zeroTol) {
                if (v < 0) {
                    count = addBreakpoint(count, i, s, a, hi(i), UPPER);
                }
                if (v <= 0 && lo(i) > Double.NEGATIVE_INFINITY) {
                    count = addBreakpoint(count, i, s, a, lo(i), LOWER);
                }
            }
        }
        if (!(slope0 < 0) || count == 0) {
            return -1;
        }
        sortBreakpoints(count);
        double slopeTol = RATIO_RELAXATION * -slope0;
        double slopeNow = slope0;
        int stop = -1;
        for (int k = 0; k < count; k++) {
            int slot = order[k];
            slopeNow += candAbs[slot];
            if (slopeNow >= -slopeTol) {
                stop = slot;
                break;
            }
        }
        if (stop < 0) {
            return -1;
        }
        double tStop = candT[stop];
        double window = RATIO_RELAXATION * Math.max(1.0, tStop);
        int chosen = stop;
        for (int k = 0; k < count; k++) {
            int slot = order[k];
            if (Math.abs(candT[slot] - tStop) <= window && (candAbs[slot] > candAbs[chosen]
                    || (candAbs[slot] == candAbs[chosen] && cand[slot] < cand[chosen]))) {
                chosen = slot;
            }
        }
        return chosen;
    }

    private int addBreakpoint(int count, int i, double s, double a, double bound, int side) {
        cand[count] = i;
        candT[count] = Math.max(0.0, (bound - a) / s);
        candAbs[count] = Math.abs(s);
        candSide[count] = side;
        return count + 1;
    }

    /** Sorts slots 0..count-1 into {@link #order} by step length, then constraint index, then side. */
    private void sortBreakpoints(int count) {
        for (int k = 0; k < count; k++) {
            order[k] = k;
        }
        // bottom-up merge sort (deterministic, allocation-free apart from the buffer)
        int[] src = order;
        int[] dst = orderBuffer;
        for (int width = 1; width < count; width *= 2) {
            for (int lo = 0; lo < count; lo += 2 * width) {
                int mid = Math.min(lo + width, count);
                int hi = Math.min(lo + 2 * width, count);
                int a = lo;
                int b = mid;
                for (int k = lo; k < hi; k++) {
                    if (a < mid && (b >= hi || !breakpointAfter(src[a], src[b]))) {
                        dst[k] = src[a++];
                    } else {
                        dst[k] = src[b++];
                    }
                }
            }
            int[] t = src;
            src = dst;
            dst = t;
        }
        if (src != order) {
            System.arraycopy(src, 0, order, 0, count);
        }
    }

    private boolean breakpointAfter(int a, int b) {
        if (candT[a] != candT[b]) {
            return candT[a] > candT[b];
        }
        if (cand[a] != cand[b]) {
            return cand[a] > cand[b];
        }
        return candSide[a] > candSide[b];
    }

    /** Euclidean norm of column q of the inverse: the length of the edge along which entry q is released. */
    private double edgeNorm(int q) {
        double s = 0;
        for (int r = 0; r < n; r++) {
            double v = dInv[r * n + q];
            s += v * v;
        }
        return Math.sqrt(s);
    }

    private void addNormal(int i, double factor, double[] target) {
        if (i < n) {
            target[i] += factor;
            return;
        }
        int base = (i - n) * n;
        for (int r = 0; r < n; r++) {
            target[r] += factor * rowA[base + r];
        }
    }

    /** alpha_q = normal_i · (column q of the inverse). */
    private void rowTimesInverse(int i, double[] out) {
        if (i < n) {
            System.arraycopy(dInv, i * n, out, 0, n);
            return;
        }
        Arrays.fill(out, 0.0);
        int base = (i - n) * n;
        for (int r = 0; r < n; r++) {
            double a = rowA[base + r];
            if (a == 0) {
                continue;
            }
            int drow = r * n;
            for (int q = 0; q < n; q++) {
                out[q] += a * dInv[drow + q];
            }
        }
    }

    /**
     * Records a primal ratio-test candidate: constraint i at activity a moving with slope s towards bound
     * {@code bound} (reached at side {@code side}).
     */
    private int addCandidate(int count, int i, double s, double a, double bound, int side) {
        cand[count] = i;
        candT[count] = (bound - a) / s;
        candAbs[count] = Math.abs(s);
        candSide[count] = side;
        // ratio with the bound relaxed outwards, used by the first Harris pass
        double r = relax(bound);
        candRelaxed[count] = (bound + (s > 0 ? r : -r) - a) / s;
        return count + 1;
    }

    /**
     * Two-pass Harris ratio test (or Bland: smallest ratio, lowest index). Among the candidates it may choose,
     * those whose slope exceeds {@code pivTol} (and a bound flip of the entering entry {@code own}) are
     * preferred. Returns a candidate slot or -1.
     */
    private int chooseRatio(int count, boolean bland, double pivTol, int own) {
        if (count == 0) {
            return -1;
        }
        int chosen = -1;
        if (bland) {
            double tMin = Double.POSITIVE_INFINITY;
            for (int k = 0; k < count; k++) {
                tMin = Math.min(tMin, Math.max(0.0, candT[k]));
            }
            double window = tMin + RATIO_RELAXATION * Math.max(1.0, tMin);
            boolean good = false;
            for (int k = 0; k < count; k++) {
                if (Math.max(0.0, candT[k]) <= window && (candAbs[k] > pivTol || cand[k] == own)) {
                    good = true;
                    break;
                }
            }
            for (int k = 0; k < count; k++) {
                if (Math.max(0.0, candT[k]) <= window && (!good || candAbs[k] > pivTol || cand[k] == own)
                        && (chosen < 0 || cand[k] < cand[chosen])) {
                    chosen = k;
                }
            }
            return chosen;
        }
        double tMax = Double.POSITIVE_INFINITY;
        for (int k = 0; k < count; k++) {
            tMax = Math.min(tMax, candRelaxed[k]);
        }
        tMax = Math.max(tMax, 0.0);
        for (int k = 0; k < count; k++) {
            if (candT[k] <= tMax) {
                if (chosen < 0 || candAbs[k] > candAbs[chosen]
                        || (candAbs[k] == candAbs[chosen] && cand[k] < cand[chosen])) {
                    chosen = k;
                }
            }
        }
        if (chosen < 0) {
            // all exact ratios above the relaxed minimum cannot happen; fall back to the smallest ratio
            for (int k = 0; k < count; k++) {
                if (chosen < 0 || candT[k] < candT[chosen]) {
                    chosen = k;
                }
            }
        }
        return chosen;
    }

    private void countDegeneracy(double progress) {
        double obj = 0;
        for (int j = 0; j < n; j++) {
            obj += cInt[j] * x[j];
        }
        if (progress <= DEGENERATE_PROGRESS * Math.max(1.0, Math.abs(obj))) {
            degenerateRun++;
        } else {
            degenerateRun = 0;
        }
    }

    // ---- dual simplex --------------------------------------------------------------------------------

    private int dualIteration() {
        boolean bland = forcedBland || degenerateRun >= blandAfter;
        int leave = -1;
        int delta = 0;
        double worst = 0;
        for (int i = 0; i < n + m; i++) {
            if (posOf[i] >= 0) {
                continue;
            }
            int v = violation(i);
            if (v == 0) {
                continue;
            }
            double bound = v > 0 ? lo(i) : hi(i);
            double amount = Math.abs(bound - act[i]) / Math.max(1.0, Math.abs(bound));
            if (leave < 0 || (!bland && amount > worst)) {
                leave = i;
                delta = v;
                worst = amount;
                if (bland) {
                    break;
                }
            }
        }
        if (leave < 0) {
            return DONE;
        }
        rowTimesInverse(leave, alpha);
        // As in the primal ratio test, an entry whose alpha is below the pivot tolerance is not a good pivot
        // but is still a way to repair the leaving row: only if none passes the pivot tolerance, accept one at
        // the singularity level before concluding that no basis change can repair the row (infeasibility).
        int count = dualCandidates(delta, PIVOT_TOLERANCE);
        if (count == 0) {
            count = dualCandidates(delta, SINGULAR_TOLERANCE);
        }
        if (count == 0) {
            return NO_PROGRESS_POSSIBLE;
        }
        int chosen;
        if (bland) {
            double tMin = Double.POSITIVE_INFINITY;
            for (int k = 0; k < count; k++) {
                tMin = Math.min(tMin, candT[k]);
            }
            double window = tMin + RATIO_RELAXATION * Math.max(1.0, tMin);
            chosen = -1;
            for (int k = 0; k < count; k++) {
                if (candT[k] <= window && (chosen < 0 || wIdx[cand[k]] < wIdx[cand[chosen]])) {
                    chosen = k;
                }
            }
        } else {
            double tMax = Double.POSITIVE_INFINITY;
            for (int k = 0; k < count; k++) {
                tMax = Math.min(tMax, candRelaxed[k]);
            }
            chosen = -1;
            for (int k = 0; k < count; k++) {
                if (candT[k] <= tMax && (chosen < 0 || candAbs[k] > candAbs[chosen]
                        || (candAbs[k] == candAbs[chosen] && wIdx[cand[k]] < wIdx[cand[chosen]]))) {
                    chosen = k;
                }
            }
        }
        int p = cand[chosen];
        int sg = candSide[chosen];
        double theta = candT[chosen];
        double target = delta > 0 ? lo(leave) : hi(leave);
        double t = (target - act[leave]) / (sg * alpha[p]);
        if (t < 0) {
            t = 0;
        }
        for (int r = 0; r < n; r++) {
            dir[r] = sg * dInv[r * n + p];
        }
        for (int r = 0; r < n; r++) {
            x[r] += t * dir[r];
        }
        for (int i = 0; i < n + m; i++) {
            if (posOf[i] < 0) {
                act[i] += t * dotNormal(i, dir);
            }
        }
        int old = wIdx[p];
        act[old] = value(p) + sg * t;
        updateInverse(alpha, p);
        posOf[old] = -1;
        wIdx[p] = leave;
        wSide[p] = lo(leave) == hi(leave) ? FIXED : (delta > 0 ? LOWER : UPPER);
        posOf[leave] = p;
        act[leave] = target;
        recomputeMultipliers();
        countDegeneracy(theta * Math.abs(worst));
        return PIVOTED;
    }

    /**
     * Collects the candidates of the dual ratio test for a leaving constraint violated in direction
     * {@code delta} whose row times the inverse is {@link #alpha}: entries whose |alpha| exceeds
     * {@code pivotTolerance} times the max-norm of their column of the inverse and whose release moves the
     * leaving constraint towards the bound it violates. Returns the number of candidates.
     */
    private int dualCandidates(int delta, double pivotTolerance) {
        int count = 0;
        for (int q = 0; q < n; q++) {
            if (wSide[q] == FIXED) {
                continue;
            }
            double a = alpha[q];
            double colMax = 0;
            for (int r = 0; r < n; r++) {
                colMax = Math.max(colMax, Math.abs(dInv[r * n + q]));
            }
            if (!(Math.abs(a) > pivotTolerance * colMax)) {
                continue;
            }
            int sg;
            if (wSide[q] == LOWER) {
                sg = 1;
            } else if (wSide[q] == UPPER) {
                sg = -1;
            } else {
                sg = delta * a > 0 ? 1 : -1;
            }
            if (delta * sg * a <= 0) {
                continue;
            }
            double num = Math.max(0.0, sg * mu[q]);
            cand[count] = q;
            candT[count] = num / Math.abs(a);
            candAbs[count] = Math.abs(a);
            candSide[count] = sg;
            candRelaxed[count] = (num + RATIO_RELAXATION) / Math.abs(a);
            count++;
        }
        return count;
    }

    // ---- result --------------------------------------------------------------------------------------

    private LpResult buildResult(LpStatus status, int iterations) {
        double[] xs = x.clone();
        for (int p = 0; p < n; p++) {
            int i = wIdx[p];
            if (i < n && wSide[p] != FREE) {
                xs[i] = value(p); // exact bound values for variables held at a bound
            }
        }
        double sign = sense == Sense.MINIMIZE ? 1.0 : -1.0;
        double[] y = new double[m];
        double[] d = new double[n];
        int basicRowCount = 0;
        for (int p = 0; p < n; p++) {
            int i = wIdx[p];
            double v = sign * mu[p] / cScale;
            if (i < n) {
                d[i] = v;
            } else {
                y[i - n] = v * rowScale[i - n];
                basicRowCount++;
            }
        }
        int[] basicRows = new int[basicRowCount];
        int at = 0;
        double[] activity = new double[m];
        boolean[] binding = new boolean[m];
        for (int k = 0; k < m; k++) {
            int i = n + k;
            double s = 0;
            int base = k * n;
            for (int r = 0; r < n; r++) {
                s += rowA[base + r] * xs[r];
            }
            activity[k] = s / rowScale[k];
            double b = rowRhs[k] * rowScale[k];
            binding[k] = posOf[i] >= 0 || Math.abs(s - b) <= tol(b);
            if (posOf[i] >= 0) {
                basicRows[at++] = k;
            }
        }
        double objective;
        switch (status) {
            case UNBOUNDED:
                objective = sense == Sense.MINIMIZE ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                break;
            case INFEASIBLE:
                objective = Double.NaN;
                break;
            default:
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += c[j] * xs[j];
                }
                objective = s;
        }
        return new LpResult(status, objective, xs, y, d, activity, binding, basicRows, iterations);
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private void checkVector(double[] v, String what) {
        Objects.requireNonNull(v, what);
        if (v.length != n) {
            throw new IllegalArgumentException(
                    "The " + what + " must have one coefficient per variable (" + n + "), had " + v.length + ".");
        }
        for (int j = 0; j < n; j++) {
            if (!Double.isFinite(v[j])) {
                throw new IllegalArgumentException(
                        "Coefficient " + j + " of the " + what + " must be finite, was " + v[j] + ".");
            }
        }
    }

    /** A power of two s with max * s in [1, 2), or 1 for max = 0. */
    private static double powerOfTwoScale(double max) {
        if (max == 0) {
            return 1.0;
        }
        return Math.scalb(1.0, -Math.getExponent(max));
    }

    private void ensureCapacity(int rows) {
        if (rows <= rowLo.length) {
            return;
        }
        int cap = Math.max(rows, rowLo.length * 2);
        rowA = Arrays.copyOf(rowA, cap * n);
        rowLo = Arrays.copyOf(rowLo, cap);
        rowHi = Arrays.copyOf(rowHi, cap);
        rowScale = Arrays.copyOf(rowScale, cap);
        rowRhs = Arrays.copyOf(rowRhs, cap);
        rowRel = Arrays.copyOf(rowRel, cap);
        posOf = Arrays.copyOf(posOf, n + cap);
        act = Arrays.copyOf(act, n + cap);
        slope = Arrays.copyOf(slope, n + cap);
        sizeCandidates(cap);
    }

    /** Candidate arrays hold up to two breakpoints per constraint plus the entering entry's own bound. */
    private void sizeCandidates(int rowCapacity) {
        int size = 2 * (n + rowCapacity) + 2;
        cand = Arrays.copyOf(cand, size);
        candT = Arrays.copyOf(candT, size);
        candAbs = Arrays.copyOf(candAbs, size);
        candSide = Arrays.copyOf(candSide, size);
        candRelaxed = Arrays.copyOf(candRelaxed, size);
        order = Arrays.copyOf(order, size);
        orderBuffer = Arrays.copyOf(orderBuffer, size);
    }
}
