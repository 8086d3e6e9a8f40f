package dev.segmentation.allocation.internal.lp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.allocation.internal.lp.DenseLp.Relation;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.commons.math3.exception.TooManyIterationsException;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NoFeasibleSolutionException;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.PivotSelectionRule;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.linear.UnboundedSolutionException;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DenseLpTest {

    private static final double INF = Double.POSITIVE_INFINITY;

    static LongStream seeds() {
        return LongStream.range(0, 400);
    }

    // =================================================================================================
    // Generators
    // =================================================================================================

    /** An LP in plain arrays, so that it can be fed to both solvers and perturbed. */
    static final class Case {
        final int n;
        boolean max;
        double[] c;
        final double[] lo;
        final double[] hi;
        final List<double[]> rows = new ArrayList<>();
        final List<Relation> rels = new ArrayList<>();
        final List<Double> rhs = new ArrayList<>();

        Case(int n) {
            this.n = n;
            c = new double[n];
            lo = new double[n];
            hi = new double[n];
            Arrays.fill(hi, INF);
        }

        int m() {
            return rows.size();
        }

        void add(double[] a, Relation rel, double b) {
            rows.add(a.clone());
            rels.add(rel);
            rhs.add(b);
        }

        Case copy() {
            Case k = new Case(n);
            k.max = max;
            k.c = c.clone();
            System.arraycopy(lo, 0, k.lo, 0, n);
            System.arraycopy(hi, 0, k.hi, 0, n);
            for (int i = 0; i < m(); i++) {
                k.add(rows.get(i), rels.get(i), rhs.get(i));
            }
            return k;
        }

        DenseLp toLp() {
            DenseLp lp = new DenseLp(n);
            lp.objective(max ? DenseLp.Sense.MAXIMIZE : DenseLp.Sense.MINIMIZE, c);
            for (int j = 0; j < n; j++) {
                if (lo[j] != 0 || hi[j] != INF) {
                    lp.bounds(j, lo[j], hi[j]);
                }
            }
            for (int i = 0; i < m(); i++) {
                lp.addRow(rows.get(i), rels.get(i), rhs.get(i));
            }
            return lp;
        }

        double[] unit(int j) {
            double[] e = new double[n];
            e[j] = 1;
            return e;
        }
    }

    private static int nextInt(UniformRandomProvider rng, int lo, int hi) {
        return lo + rng.nextInt(hi - lo + 1);
    }

    private static double dot(double[] a, double[] x) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * x[j];
        }
        return s;
    }

    private static Relation randomRelation(UniformRandomProvider rng) {
        int r = rng.nextInt(5);
        return r < 2 ? Relation.LE : (r < 4 ? Relation.GE : Relation.EQ);
    }

    /**
     * A feasible LP with small integer data (feasible point x0 by construction), mixing <=, >=, = rows,
     * free, fixed and bounded variables, and degenerate rows (tight at x0, duplicated, parallel, zero).
     * If {@code bounded}, every variable is boxed by bounds or by rows.
     */
    static Case feasibleCase(UniformRandomProvider rng, boolean bounded) {
        return feasibleCase(rng, bounded, 6, 9);
    }

    static Case feasibleCase(UniformRandomProvider rng, boolean bounded, int maxN, int maxM) {
        int n = nextInt(rng, 1, maxN);
        Case k = new Case(n);
        double[] x0 = new double[n];
        for (int j = 0; j < n; j++) {
            int kind = rng.nextInt(4);
            if (kind == 0) {
                x0[j] = rng.nextInt(4); // default bounds [0, inf)
                continue;
            }
            x0[j] = nextInt(rng, -3, 3);
            k.lo[j] = rng.nextInt(10) < 3 ? -INF : x0[j] - rng.nextInt(3);
            k.hi[j] = rng.nextInt(10) < 3 ? INF : x0[j] + rng.nextInt(3);
        }
        int m = rng.nextInt(maxM + 1);
        for (int i = 0; i < m; i++) {
            int roll = rng.nextInt(20);
            if (roll < 3 && k.m() > 0) {
                // duplicate or parallel copy of an earlier row
                int src = rng.nextInt(k.m());
                double f = new double[] {1, 2, -1, 0.5}[rng.nextInt(4)];
                double[] a = k.rows.get(src).clone();
                for (int j = 0; j < n; j++) {
                    a[j] *= f;
                }
                Relation rel = k.rels.get(src);
                if (f < 0 && rel != Relation.EQ) {
                    rel = rel == Relation.LE ? Relation.GE : Relation.LE;
                }
                k.add(a, rel, k.rhs.get(src) * f);
            } else if (roll < 4) {
                Relation rel = randomRelation(rng);
                double b = rel == Relation.EQ ? 0 : (rel == Relation.LE ? rng.nextInt(3) : -rng.nextInt(3));
                k.add(new double[n], rel, b);
            } else {
                double[] a = new double[n];
                for (int j = 0; j < n; j++) {
                    a[j] = rng.nextInt(10) < 3 ? 0 : nextInt(rng, -4, 4);
                }
                Relation rel = randomRelation(rng);
                double slack = rng.nextInt(10) < 4 ? 0 : nextInt(rng, 1, 4);
                double ax = dot(a, x0);
                k.add(a, rel, rel == Relation.EQ ? ax : (rel == Relation.LE ? ax + slack : ax - slack));
            }
        }
        if (bounded) {
            for (int j = 0; j < n; j++) {
                if (k.hi[j] == INF) {
                    if (rng.nextBoolean()) {
                        k.add(k.unit(j), Relation.LE, x0[j] + nextInt(rng, 0, 5));
                    } else {
                        k.hi[j] = x0[j] + nextInt(rng, 1, 5);
                    }
                }
                if (k.lo[j] == -INF) {
                    if (rng.nextBoolean()) {
                        k.add(k.unit(j), Relation.GE, x0[j] - nextInt(rng, 0, 5));
                    } else {
                        k.lo[j] = x0[j] - nextInt(rng, 1, 5);
                    }
                }
            }
        }
        k.max = rng.nextBoolean();
        for (int j = 0; j < n; j++) {
            k.c[j] = nextInt(rng, -5, 5);
        }
        return k;
    }

    /** An LP with random integer data that may be infeasible or unbounded. */
    static Case anyCase(UniformRandomProvider rng) {
        int n = nextInt(rng, 1, 5);
        Case k = new Case(n);
        for (int j = 0; j < n; j++) {
            int kind = rng.nextInt(4);
            if (kind == 1) {
                k.lo[j] = -INF;
            } else if (kind == 2) {
                k.lo[j] = nextInt(rng, -3, 1);
                k.hi[j] = k.lo[j] + rng.nextInt(5);
            } else if (kind == 3) {
                k.lo[j] = -INF;
                k.hi[j] = nextInt(rng, -2, 3);
            }
        }
        int m = rng.nextInt(8);
        for (int i = 0; i < m; i++) {
            double[] a = new double[n];
            for (int j = 0; j < n; j++) {
                a[j] = rng.nextInt(10) < 3 ? 0 : nextInt(rng, -4, 4);
            }
            k.add(a, randomRelation(rng), nextInt(rng, -6, 6));
        }
        k.max = rng.nextBoolean();
        for (int j = 0; j < n; j++) {
            k.c[j] = nextInt(rng, -5, 5);
        }
        return k;
    }

    /** A bounded, feasible LP with continuous random data: non-degenerate with probability one. */
    static Case continuousCase(UniformRandomProvider rng) {
        int n = nextInt(rng, 2, 5);
        Case k = new Case(n);
        double[] x0 = new double[n];
        for (int j = 0; j < n; j++) {
            x0[j] = 1 + 8 * rng.nextDouble();
            k.hi[j] = 10;
            if (rng.nextInt(4) == 0) {
                k.lo[j] = -INF; // boxed by a row below
                k.add(k.unit(j), Relation.GE, -5 - rng.nextDouble());
            }
        }
        int m = nextInt(rng, n, 2 * n + 3);
        int equalities = 0; // at most n / 2, so that perturbed problems stay feasible
        for (int i = 0; i < m; i++) {
            double[] a = new double[n];
            for (int j = 0; j < n; j++) {
                a[j] = 2 * rng.nextDouble() - 1;
            }
            Relation rel = rng.nextInt(6) == 0 && 2 * (equalities + 1) <= n ? Relation.EQ
                    : (rng.nextInt(3) == 0 ? Relation.GE : Relation.LE);
            if (rel == Relation.EQ) {
                equalities++;
            }
            double ax = dot(a, x0);
            double slack = 0.2 + 2 * rng.nextDouble();
            k.add(a, rel, rel == Relation.EQ ? ax : (rel == Relation.LE ? ax + slack : ax - slack));
        }
        k.max = rng.nextBoolean();
        for (int j = 0; j < n; j++) {
            k.c[j] = 2 * rng.nextDouble() - 1;
        }
        return k;
    }

    /**
     * A Kelley cutting-plane master with badly scaled cuts: minimise the epigraph variable {@code t} (the
     * last variable, free) over boxed multipliers {@code 0 <= x_r <= hi_r} ({@code hi_r} from 1 to about
     * 1e7), subject to 1 to 50 cuts {@code t - g·x >= f - g·l} whose subgradient entries have magnitudes
     * 1e0 to 1e9 (a mantissa in [1, 10) times a power of ten; some are zero) and values {@code f} of either
     * sign. The coefficient 1 of {@code t} is then as small as 1e-10 next to the largest one of its cut, the
     * case that made the solver report a bounded problem as unbounded (or infeasible). Always feasible and
     * bounded: {@code t} large satisfies every cut, and each cut bounds {@code t} from below on the box.
     */
    static Case badlyScaledKelleyMaster(UniformRandomProvider rng) {
        int p = nextInt(rng, 1, 8);
        int cuts = nextInt(rng, 1, 50);
        Case k = new Case(p + 1);
        for (int r = 0; r < p; r++) {
            k.hi[r] = widelyScaled(rng, 6);
        }
        k.lo[p] = -INF;
        k.c[p] = 1;
        for (int i = 0; i < cuts; i++) {
            double[] row = new double[p + 1];
            double rhs = (rng.nextBoolean() ? 1 : -1) * widelyScaled(rng, 9);
            for (int r = 0; r < p; r++) {
                double g = rng.nextInt(6) == 0 ? 0 : (rng.nextBoolean() ? 1 : -1) * widelyScaled(rng, 9);
                double at = k.hi[r] * rng.nextDouble();
                row[r] = -g;
                rhs -= g * at;
            }
            row[p] = 1;
            k.add(row, Relation.GE, rhs);
        }
        return k;
    }

    /** A mantissa in [1, 10) times 10^e, e uniform in 0..maxExponent. */
    private static double widelyScaled(UniformRandomProvider rng, int maxExponent) {
        return (1 + 9 * rng.nextDouble()) * Math.pow(10, rng.nextInt(maxExponent + 1));
    }

    /**
     * Magnitude of the terms of a {@link #badlyScaledKelleyMaster}: the largest {@code |f_k| + sum |a_kr| hi_r}
     * over its cuts. It bounds {@code |t|} at the optimum and is the scale of the rounding errors of any
     * solver on it (the optimum can be much smaller than its terms).
     */
    static double termScale(Case k) {
        double scale = 1;
        for (int i = 0; i < k.m(); i++) {
            double[] a = k.rows.get(i);
            double s = Math.abs(k.rhs.get(i));
            for (int r = 0; r < k.n - 1; r++) {
                s += Math.abs(a[r]) * Math.max(Math.abs(k.lo[r]), Math.abs(k.hi[r]));
            }
            scale = Math.max(scale, s);
        }
        return scale;
    }

    // =================================================================================================
    // Oracle: commons-math3 SimplexSolver (no duals; objective and status only)
    // =================================================================================================

    record Oracle(LpStatus status, double objective) {
    }

    static Oracle commonsMath(Case k) {
        List<LinearConstraint> cons = new ArrayList<>();
        for (int i = 0; i < k.m(); i++) {
            Relationship r = switch (k.rels.get(i)) {
                case LE -> Relationship.LEQ;
                case GE -> Relationship.GEQ;
                case EQ -> Relationship.EQ;
            };
            cons.add(new LinearConstraint(k.rows.get(i), r, k.rhs.get(i)));
        }
        for (int j = 0; j < k.n; j++) {
            if (k.lo[j] > -INF) {
                cons.add(new LinearConstraint(k.unit(j), Relationship.GEQ, k.lo[j]));
            }
            if (k.hi[j] < INF) {
                cons.add(new LinearConstraint(k.unit(j), Relationship.LEQ, k.hi[j]));
            }
        }
        try {
            PointValuePair p = new SimplexSolver().optimize(new MaxIter(100_000),
                    new LinearObjectiveFunction(k.c, 0), new LinearConstraintSet(cons),
                    k.max ? GoalType.MAXIMIZE : GoalType.MINIMIZE, new NonNegativeConstraint(false),
                    PivotSelectionRule.BLAND);
            return new Oracle(LpStatus.OPTIMAL, p.getValue());
        } catch (NoFeasibleSolutionException e) {
            return new Oracle(LpStatus.INFEASIBLE, Double.NaN);
        } catch (UnboundedSolutionException e) {
            return new Oracle(LpStatus.UNBOUNDED, Double.NaN);
        } catch (TooManyIterationsException e) {
            return new Oracle(LpStatus.ITERATION_LIMIT, Double.NaN);
        }
    }

    /**
     * The optimum of a {@link #badlyScaledKelleyMaster} computed by commons-math on an equivalent, well-scaled
     * LP: {@code x_r = lo_r + (hi_r - lo_r) u_r} with {@code 0 <= u_r <= 1}, {@code t = T t'} and every cut
     * divided by {@code T = termScale(k)}, so that all data lie in [-1, 1] and the coefficient of {@code t'}
     * is 1. On the original data commons-math (absolute tolerances 1e-6, coefficients below 1e-10 cut off
     * during pivoting) reports most of these problems as infeasible or unbounded. The tolerance is tightened
     * to 1e-11 so that the optimum is accurate to about 1e-10 of T.
     */
    static double commonsMathScaledMaster(Case k) {
        int t = k.n - 1;
        double scale = termScale(k);
        List<LinearConstraint> cons = new ArrayList<>();
        for (int i = 0; i < k.m(); i++) {
            double[] a = k.rows.get(i);
            double[] row = new double[k.n];
            double rhs = k.rhs.get(i);
            for (int r = 0; r < t; r++) {
                row[r] = a[r] * (k.hi[r] - k.lo[r]) / scale;
                rhs -= a[r] * k.lo[r];
            }
            row[t] = a[t];
            cons.add(new LinearConstraint(row, Relationship.GEQ, rhs / scale));
        }
        for (int r = 0; r < t; r++) {
            cons.add(new LinearConstraint(k.unit(r), Relationship.GEQ, 0));
            cons.add(new LinearConstraint(k.unit(r), Relationship.LEQ, 1));
        }
        double[] c = new double[k.n];
        c[t] = 1;
        PointValuePair p = new SimplexSolver(1e-11, 10, 1e-10).optimize(new MaxIter(100_000),
                new LinearObjectiveFunction(c, 0), new LinearConstraintSet(cons), GoalType.MINIMIZE,
                new NonNegativeConstraint(false), PivotSelectionRule.BLAND);
        return scale * p.getValue();
    }

    /**
     * An exact bracket {@code [lower, upper]} of the optimum of a {@link #badlyScaledKelleyMaster} from a
     * result: {@code upper = max_k (b_k - a_k·x)} over the reported multipliers {@code x} (the value of the
     * feasible point with the smallest feasible {@code t}), and {@code lower = min over the box of
     * sum_k w_k (b_k - a_k·x)} with {@code w = max(y, 0) / sum max(y, 0)} (weak duality: any convex
     * combination of the cuts is a lower bound). Computed in decimal arithmetic, so it owes nothing to the
     * solver's rounding.
     */
    static BigDecimal[] exactKelleyBracket(Case k, LpResult r) {
        int t = k.n - 1;
        double[] x = r.x();
        BigDecimal upper = null;
        BigDecimal weight = BigDecimal.ZERO;
        BigDecimal lower = BigDecimal.ZERO;
        BigDecimal[] g = new BigDecimal[t];
        Arrays.fill(g, BigDecimal.ZERO);
        for (int i = 0; i < k.m(); i++) {
            double[] a = k.rows.get(i);
            BigDecimal b = new BigDecimal(k.rhs.get(i));
            BigDecimal value = b;
            BigDecimal w = new BigDecimal(Math.max(0.0, r.dual(i)));
            for (int j = 0; j < t; j++) {
                value = value.subtract(new BigDecimal(a[j]).multiply(new BigDecimal(x[j])));
                g[j] = g[j].add(w.multiply(new BigDecimal(a[j])));
            }
            upper = upper == null || value.compareTo(upper) > 0 ? value : upper;
            weight = weight.add(w);
            lower = lower.add(w.multiply(b));
        }
        for (int j = 0; j < t; j++) {
            BigDecimal atLo = g[j].multiply(new BigDecimal(k.lo[j])).negate();
            BigDecimal atHi = g[j].multiply(new BigDecimal(k.hi[j])).negate();
            lower = lower.add(atLo.min(atHi));
        }
        lower = lower.divide(weight, MathContext.DECIMAL128);
        return new BigDecimal[] {lower, upper};
    }

    // =================================================================================================
    // Certificate checks
    // =================================================================================================

    private static void assertClose(double expected, double actual, double relTol, String what) {
        double scale = Math.max(1.0, Math.max(Math.abs(expected), Math.abs(actual)));
        assertTrue(Math.abs(expected - actual) <= relTol * scale,
                () -> what + ": expected " + expected + " but was " + actual);
    }

    /** Primal feasibility, objective, dual signs, complementary slackness, c = A^T y + d, strong duality. */
    static void assertOptimalCertificate(Case k, LpResult r, String msg) {
        assertEquals(LpStatus.OPTIMAL, r.status(), msg + ": status");
        double[] x = r.x();
        double tol = 1e-9;
        double sign = k.max ? 1 : -1; // multiply duals by sign: then "maximisation" signs apply
        double cx = dot(k.c, x);
        assertClose(cx, r.objective(), 1e-12, msg + ": objective equals c.x");
        for (int j = 0; j < k.n; j++) {
            double xj = x[j];
            assertTrue(xj >= k.lo[j] - tol * Math.max(1, Math.abs(k.lo[j])), msg + ": x_" + j + " >= lo");
            assertTrue(xj <= k.hi[j] + tol * Math.max(1, Math.abs(k.hi[j])), msg + ": x_" + j + " <= hi");
        }
        double[] dualResidual = k.c.clone();
        double[] dualTerms = new double[k.n];
        double dualObjective = 0;
        double dualObjectiveTerms = Math.abs(r.objective());
        int[] basic = r.basicRows();
        for (int i = 0; i < k.m(); i++) {
            double[] a = k.rows.get(i);
            double b = k.rhs.get(i);
            double ax = dot(a, x);
            double rowScale = 0;
            for (int j = 0; j < k.n; j++) {
                rowScale = Math.max(rowScale, Math.abs(a[j]));
            }
            double rowTol = tol * Math.max(1, Math.abs(b)) * Math.max(1, rowScale) * 2;
            assertClose(ax, r.rowActivity(i), 1e-12, msg + ": activity of row " + i);
            Relation rel = k.rels.get(i);
            double y = r.dual(i);
            if (rel != Relation.GE) {
                assertTrue(ax <= b + rowTol, msg + ": row " + i + " " + ax + " <= " + b);
            }
            if (rel != Relation.LE) {
                assertTrue(ax >= b - rowTol, msg + ": row " + i + " " + ax + " >= " + b);
            }
            double sy = sign * y;
            if (rel == Relation.LE) {
                assertTrue(sy >= -tol, msg + ": sign of dual of <= row " + i + " = " + y);
            } else if (rel == Relation.GE) {
                assertTrue(sy <= tol, msg + ": sign of dual of >= row " + i + " = " + y);
            }
            if (Math.abs(y) > tol) {
                assertTrue(Math.abs(ax - b) <= rowTol, msg + ": complementary slackness, row " + i + " has dual "
                        + y + " but slack " + (b - ax));
                assertTrue(r.binding(i), msg + ": row " + i + " with non-zero dual is binding");
            }
            if (Arrays.binarySearch(basic, i) < 0) {
                assertEquals(0.0, y, msg + ": non-basic row " + i + " has a zero dual");
            } else {
                double terms = Math.abs(b);
                for (int j = 0; j < k.n; j++) {
                    terms += Math.abs(a[j] * x[j]);
                }
                assertTrue(Math.abs(ax - b) <= 1e-12 * Math.max(1, terms),
                        msg + ": basic row " + i + " holds exactly, residual " + (ax - b));
            }
            for (int j = 0; j < k.n; j++) {
                dualResidual[j] -= y * a[j];
                dualTerms[j] += Math.abs(y * a[j]);
            }
            dualObjective += y * b;
            dualObjectiveTerms += Math.abs(y * b);
        }
        double cScale = 1;
        for (double v : k.c) {
            cScale = Math.max(cScale, Math.abs(v));
        }
        for (int j = 0; j < k.n; j++) {
            double d = r.reducedCost(j);
            double residualTol = 1e-12 * (Math.abs(k.c[j]) + dualTerms[j] + Math.abs(d)) + 1e-15 * cScale;
            double residual = dualResidual[j] - d;
            assertTrue(Math.abs(residual) <= residualTol,
                    msg + ": reduced cost " + j + " = c_j - A_j^T y, residual " + residual);
            double sd = sign * d;
            if (sd < -tol * cScale) {
                assertEquals(k.lo[j], x[j], msg + ": d_" + j + " = " + d + " requires x_j at its lower bound");
            } else if (sd > tol * cScale) {
                assertEquals(k.hi[j], x[j], msg + ": d_" + j + " = " + d + " requires x_j at its upper bound");
            }
            if (Math.abs(d) > tol * cScale) {
                dualObjective += d * x[j];
                dualObjectiveTerms += Math.abs(d * x[j]);
            }
        }
        double gap = r.objective() - dualObjective;
        assertTrue(Math.abs(gap) <= 1e-12 * Math.max(1, dualObjectiveTerms) + tol * cScale * sumAbs(x),
                msg + ": strong duality b.y + bound terms = objective, gap " + gap);
    }

    private static double sumAbs(double[] v) {
        double s = 0;
        for (double e : v) {
            s += Math.abs(e);
        }
        return s;
    }

    private static double optimalValue(Case k) {
        LpResult r = k.toLp().solve();
        switch (r.status()) {
            case OPTIMAL:
                return r.objective();
            case INFEASIBLE:
                return k.max ? Double.NEGATIVE_INFINITY : INF;
            case UNBOUNDED:
                return k.max ? INF : Double.NEGATIVE_INFINITY;
            default:
                throw new AssertionError("unexpected " + r);
        }
    }

    // =================================================================================================
    // Property tests
    // =================================================================================================

    @ParameterizedTest
    @MethodSource("seeds")
    void boundedFeasibleMatchesCommonsMath(long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        Case k = feasibleCase(rng, true);
        String msg = "seed " + seed;
        LpResult r = k.toLp().solve();
        Oracle o = commonsMath(k);
        assertEquals(LpStatus.OPTIMAL, o.status(), msg + ": oracle status");
        assertEquals(LpStatus.OPTIMAL, r.status(), msg + ": status");
        assertClose(o.objective(), r.objective(), 1e-9, msg + ": objective vs commons-math");
        assertOptimalCertificate(k, r, msg);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void statusMatchesCommonsMath(long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        Case k = rng.nextBoolean() ? anyCase(rng) : feasibleCase(rng, false);
        String msg = "seed " + seed;
        LpResult r = k.toLp().solve();
        Oracle o = commonsMath(k);
        assertEquals(o.status(), r.status(), msg + ": status vs commons-math");
        if (r.isOptimal()) {
            assertClose(o.objective(), r.objective(), 1e-9, msg + ": objective vs commons-math");
            assertOptimalCertificate(k, r, msg);
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void mediumSizedProblemsMatchCommonsMath(long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        Case k = feasibleCase(rng, rng.nextInt(4) != 0, 15, 40);
        String msg = "seed " + seed;
        LpResult r = k.toLp().solve();
        Oracle o = commonsMath(k);
        assertEquals(o.status(), r.status(), msg + ": status vs commons-math");
        if (r.isOptimal()) {
            assertClose(o.objective(), r.objective(), 1e-9, msg + ": objective vs commons-math");
            assertOptimalCertificate(k, r, msg);
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void blandsRuleThroughoutGivesTheSameAnswers(long seed) {
        // Bland's rule is the anti-cycling fallback; here it runs from the first pivot (with the textbook
        // phase-1 ratio test) so that the fallback path itself is checked on every kind of case.
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        Case k = rng.nextBoolean() ? anyCase(rng) : feasibleCase(rng, rng.nextBoolean(), 8, 16);
        String msg = "seed " + seed;
        LpResult r = k.toLp().degeneratePivotsBeforeBland(0).solve();
        Oracle o = commonsMath(k);
        assertEquals(o.status(), r.status(), msg + ": status (Bland) vs commons-math");
        if (r.isOptimal()) {
            assertClose(o.objective(), r.objective(), 1e-9, msg + ": objective (Bland) vs commons-math");
            assertOptimalCertificate(k, r, msg);
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void dualsAreSupergradientsOfTheValueFunction(long seed) {
        // The optimal value v(b) of a maximisation is concave in b, and y is a supergradient:
        // v(b + h e_k) <= v(b) + h y_k for every h (and the reverse inequality for a minimisation).
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        Case k = feasibleCase(rng, true);
        LpResult r = k.toLp().solve();
        String msg = "seed " + seed;
        assertEquals(LpStatus.OPTIMAL, r.status(), msg);
        for (int i = 0; i < k.m(); i++) {
            for (double h : new double[] {-0.5, 0.5, 2}) {
                Case p = k.copy();
                p.rhs.set(i, k.rhs.get(i) + h);
                double v = optimalValue(p);
                double bound = r.objective() + h * r.dual(i);
                double slackTol = 1e-9 * Math.max(1, Math.abs(bound));
                if (k.max) {
                    assertTrue(v <= bound + slackTol, msg + ": row " + i + ", h=" + h + ": v=" + v + " > " + bound);
                } else {
                    assertTrue(v >= bound - slackTol, msg + ": row " + i + ", h=" + h + ": v=" + v + " < " + bound);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void dualsAndReducedCostsMatchFiniteDifferencesWhenNonDegenerate(long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        Case k = continuousCase(rng);
        String msg = "seed " + seed;
        LpResult r = k.toLp().solve();
        assertOptimalCertificate(k, r, msg);
        assertClose(commonsMath(k).objective(), r.objective(), 1e-9, msg + ": objective vs commons-math");
        double h = 1e-6;
        for (int i = 0; i < k.m(); i++) {
            Case up = k.copy();
            up.rhs.set(i, k.rhs.get(i) + h);
            Case down = k.copy();
            down.rhs.set(i, k.rhs.get(i) - h);
            double fd = (optimalValue(up) - optimalValue(down)) / (2 * h);
            assertEquals(fd, r.dual(i), 1e-6 * Math.max(1, Math.abs(fd)), msg + ": dual of row " + i + " vs FD");
        }
        for (int j = 0; j < k.n; j++) {
            // perturb the bound the variable sits at (if any); d_j = d objective / d bound
            boolean atLo = r.x(j) == k.lo[j];
            boolean atHi = r.x(j) == k.hi[j];
            if (!atLo && !atHi) {
                assertEquals(0.0, r.reducedCost(j), 1e-9, msg + ": reduced cost of a variable strictly inside");
                continue;
            }
            Case up = k.copy();
            Case down = k.copy();
            if (atLo) {
                up.lo[j] += h;
                down.lo[j] -= h;
            } else {
                up.hi[j] += h;
                down.hi[j] -= h;
            }
            double fd = (optimalValue(up) - optimalValue(down)) / (2 * h);
            assertEquals(fd, r.reducedCost(j), 1e-6 * Math.max(1, Math.abs(fd)),
                    msg + ": reduced cost of x_" + j + " vs FD");
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void warmStartAfterAddingRowsMatchesColdSolve(long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        Case k = feasibleCase(rng, true);
        DenseLp warm = k.toLp();
        LpResult first = warm.solve();
        String msg = "seed " + seed;
        assertEquals(LpStatus.OPTIMAL, first.status(), msg);
        double[] current = first.x();
        for (int round = 0; round < 4; round++) {
            String rmsg = msg + ", round " + round;
            int add = nextInt(rng, 1, 5);
            for (int a = 0; a < add; a++) {
                double[] row = new double[k.n];
                for (int j = 0; j < k.n; j++) {
                    row[j] = rng.nextInt(10) < 3 ? 0 : nextInt(rng, -4, 4);
                }
                Relation rel = randomRelation(rng);
                // rhs around the current activity, so that the cut is often violated (sometimes infeasible)
                double b = Math.rint(dot(row, current)) + nextInt(rng, -3, 2) * (rel == Relation.LE ? 1 : -1);
                k.add(row, rel, b);
                warm.addRow(row, rel, b);
            }
            if (round == 2) {
                // also change the objective: primal-simplex warm start from a feasible basis
                for (int j = 0; j < k.n; j++) {
                    k.c[j] = nextInt(rng, -5, 5);
                }
                warm.objective(k.max ? DenseLp.Sense.MAXIMIZE : DenseLp.Sense.MINIMIZE, k.c);
            }
            LpResult w = warm.solve();
            LpResult c = k.toLp().solveCold();
            Oracle o = commonsMath(k);
            assertEquals(c.status(), w.status(), rmsg + ": warm vs cold status");
            assertEquals(o.status(), w.status(), rmsg + ": warm vs commons-math status");
            if (w.isOptimal()) {
                assertClose(c.objective(), w.objective(), 1e-9, rmsg + ": warm vs cold objective");
                assertClose(o.objective(), w.objective(), 1e-9, rmsg + ": warm vs commons-math objective");
                assertOptimalCertificate(k, w, rmsg);
                current = w.x();
            } else {
                break;
            }
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void kelleyCuttingPlaneMasterProblem(long seed) {
        // phi(lambda) = max_z [ v_z - lambda . (use_z - cap) ], the Lagrangian dual function of choosing
        // one of K plans under p resource limits; convex and piecewise linear. Kelley's method minimises it
        // over 0 <= lambda <= 100 with the master: min t s.t. t >= phi(l_k) + g_k . (lambda - l_k).
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        int p = nextInt(rng, 1, 6);
        int plans = nextInt(rng, 5, 60);
        double[] v = new double[plans];
        double[][] use = new double[plans][p];
        double[] cap = new double[p];
        for (int z = 0; z < plans; z++) {
            v[z] = 10 * rng.nextDouble();
            for (int r = 0; r < p; r++) {
                use[z][r] = 5 * rng.nextDouble();
            }
        }
        for (int r = 0; r < p; r++) {
            cap[r] = 1 + 3 * rng.nextDouble();
        }
        String msg = "seed " + seed;
        DenseLp master = new DenseLp(p + 1);
        for (int r = 0; r < p; r++) {
            master.bounds(r, 0, 100);
        }
        master.free(p);
        double[] obj = new double[p + 1];
        obj[p] = 1;
        master.minimize(obj);
        double[] lambda = new double[p];
        double lowerBound = Double.NEGATIVE_INFINITY;
        double best = INF;
        boolean converged = false;
        for (int it = 0; it < 200 && !converged; it++) {
            // oracle
            int arg = 0;
            double phi = Double.NEGATIVE_INFINITY;
            for (int z = 0; z < plans; z++) {
                double val = v[z];
                for (int r = 0; r < p; r++) {
                    val -= lambda[r] * (use[z][r] - cap[r]);
                }
                if (val > phi) {
                    phi = val;
                    arg = z;
                }
            }
            best = Math.min(best, phi);
            double[] row = new double[p + 1];
            double rhs = phi;
            for (int r = 0; r < p; r++) {
                double g = cap[r] - use[arg][r];
                row[r] = -g;
                rhs -= g * lambda[r];
            }
            row[p] = 1;
            master.addRow(row, Relation.GE, rhs);
            if (rng.nextInt(8) == 0) {
                master.addRow(row, Relation.GE, rhs); // duplicated cut: degenerate master
            }
            if (rng.nextInt(8) == 0) {
                double[] twice = row.clone();
                for (int r = 0; r <= p; r++) {
                    twice[r] *= 2;
                }
                master.addRow(twice, Relation.GE, 2 * rhs); // parallel copy
            }
            LpResult w = master.solve();
            String imsg = msg + ", iteration " + it;
            assertEquals(LpStatus.OPTIMAL, w.status(), imsg + ": master status");
            if (it % 5 == 0 || it < 5) {
                DenseLp cold = new DenseLp(p + 1);
                for (int r = 0; r < p; r++) {
                    cold.bounds(r, 0, 100);
                }
                cold.free(p).minimize(obj);
                for (int k = 0; k < master.numRows(); k++) {
                    cold.addRow(master.row(k), master.relation(k), master.rhs(k));
                }
                assertClose(cold.solve().objective(), w.objective(), 1e-9, imsg + ": warm vs cold master");
            }
            double t = w.objective();
            assertTrue(t >= lowerBound - 1e-9 * Math.max(1, Math.abs(t)), imsg + ": lower bounds never decrease");
            assertTrue(t <= best + 1e-9 * Math.max(1, Math.abs(best)), imsg + ": master value <= best phi");
            double dualSum = 0;
            for (int k = 0; k < master.numRows(); k++) {
                assertTrue(w.dual(k) >= -1e-9, imsg + ": cut multipliers are >= 0");
                dualSum += w.dual(k) * master.row(k)[p]; // coefficient of t: 1, or 2 for parallel copies
            }
            // d t / d (all cut rhs) = 1: the multipliers of the cuts form a convex combination
            assertEquals(1.0, dualSum, 1e-9, imsg + ": cut multipliers sum to one");
            lowerBound = t;
            lambda = Arrays.copyOf(w.x(), p);
            converged = best - t <= 1e-9 * Math.max(1, Math.abs(best));
        }
        assertTrue(converged, msg + ": Kelley converges on a piecewise-linear function with " + plans + " pieces");
        // the converged value is min phi: compare with the full LP over all pieces, solved by commons-math
        Case full = new Case(p + 1);
        full.c = obj.clone();
        for (int r = 0; r < p; r++) {
            full.hi[r] = 100;
        }
        full.lo[p] = -INF;
        for (int z = 0; z < plans; z++) {
            double[] row = new double[p + 1];
            for (int r = 0; r < p; r++) {
                row[r] = use[z][r] - cap[r];
            }
            row[p] = 1;
            full.add(row, Relation.GE, v[z]);
        }
        assertClose(commonsMath(full).objective(), lowerBound, 1e-9, msg + ": Kelley optimum vs full LP");
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void kelleyMasterWithBadlyScaledCutsAndFreeEpigraphVariable(long seed) {
        // The epigraph variable t is free and its coefficient 1 is tiny next to the subgradients (up to 1e10)
        // of its cuts. Compared with the same LP where t has a finite lower bound far below the optimum, with
        // adding the cuts one by one (dual simplex warm starts), with Bland's rule throughout, and with
        // commons-math on an equivalent well-scaled LP.
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        Case k = badlyScaledKelleyMaster(rng);
        int t = k.n - 1;
        double scale = termScale(k);
        String msg = "seed " + seed + " (" + (k.n - 1) + " multipliers, " + k.m() + " cuts)";
        LpResult free = k.toLp().solve();
        assertEquals(LpStatus.OPTIMAL, free.status(), msg + ": t free: " + free);
        assertOptimalCertificate(k, free, msg + ", t free");
        double v = free.objective();

        Case bounded = k.copy();
        bounded.lo[t] = -scale * 1e3; // every cut gives t >= -scale on the box
        LpResult lowerBounded = bounded.toLp().solve();
        assertEquals(LpStatus.OPTIMAL, lowerBounded.status(), msg + ": t >= " + bounded.lo[t] + ": " + lowerBounded);
        assertOptimalCertificate(bounded, lowerBounded, msg + ", t bounded below");
        assertClose(lowerBounded.objective(), v, 1e-9, msg + ": t free vs t bounded below");

        DenseLp warm = new DenseLp(k.n).minimize(k.c);
        for (int r = 0; r < t; r++) {
            warm.bounds(r, k.lo[r], k.hi[r]);
        }
        warm.free(t);
        LpResult w = null;
        for (int i = 0; i < k.m(); i++) {
            warm.addRow(k.rows.get(i), k.rels.get(i), k.rhs.get(i));
            w = warm.solve();
            assertEquals(LpStatus.OPTIMAL, w.status(), msg + ": warm start after cut " + i + ": " + w);
        }
        assertOptimalCertificate(k, w, msg + ", warm");
        assertClose(v, w.objective(), 1e-9, msg + ": cold vs warm");

        LpResult bland = k.toLp().degeneratePivotsBeforeBland(0).solve();
        assertEquals(LpStatus.OPTIMAL, bland.status(), msg + ": Bland: " + bland);
        assertClose(v, bland.objective(), 1e-9, msg + ": Bland");

        // exact (decimal) bracket of the optimum from the reported point and duals: c.x* of the point with t
        // lowered to its smallest feasible value is an upper bound, the Lagrangian of the normalised cut
        // multipliers minimised over the box a lower bound
        BigDecimal[] bracket = exactKelleyBracket(k, free);
        double gap = bracket[1].subtract(bracket[0]).doubleValue();
        assertTrue(gap <= 1e-12 * scale, msg + ": exact bracket [" + bracket[0] + ", " + bracket[1] + "] of width "
                + gap + " (terms of magnitude " + scale + ")");
        assertTrue(bracket[0].doubleValue() - 1e-12 * scale <= v && v <= bracket[1].doubleValue() + 1e-12 * scale,
                msg + ": objective " + v + " outside the exact bracket [" + bracket[0] + ", " + bracket[1] + "]");

        double oracle = commonsMathScaledMaster(k);
        assertTrue(Math.abs(oracle - v) <= 1e-9 * scale,
                msg + ": commons-math " + oracle + " vs " + v + " (terms of magnitude " + scale + ")");
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void sameCallsGiveIdenticalResults(long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        Case k = seed % 2 == 0 ? feasibleCase(rng, true) : anyCase(rng);
        LpResult a = k.toLp().solve();
        LpResult b = k.toLp().solve();
        String msg = "seed " + seed;
        assertEquals(a.status(), b.status(), msg);
        assertEquals(a.iterations(), b.iterations(), msg);
        assertArrayEquals(a.x(), b.x(), msg);
        assertArrayEquals(a.duals(), b.duals(), msg);
        assertArrayEquals(a.reducedCosts(), b.reducedCosts(), msg);
    }

    // =================================================================================================
    // Hand-worked examples
    // =================================================================================================

    @Test
    void wyndorGlassTextbookExample() {
        // Hillier & Lieberman: max 3x + 5y s.t. x <= 4, 2y <= 12, 3x + 2y <= 18, x, y >= 0.
        // Binding: 2y = 12 and 3x + 2y = 18 -> y = 6, x = 2, z = 36.
        // Duals from A_B^T y = c: x: 3 y3 = 3 -> y3 = 1; y: 2 y2 + 2 y3 = 5 -> y2 = 3/2; y1 = 0.
        // Strong duality: 4*0 + 12*1.5 + 18*1 = 36.
        DenseLp lp = new DenseLp(2).maximize(3, 5);
        lp.addLe(new double[] {1, 0}, 4);
        lp.addLe(new double[] {0, 2}, 12);
        lp.addLe(new double[] {3, 2}, 18);
        LpResult r = lp.solve();
        assertEquals(LpStatus.OPTIMAL, r.status());
        assertEquals(36.0, r.objective(), 1e-13, "objective");
        assertArrayEquals(new double[] {2, 6}, r.x(), 1e-13, "x");
        assertArrayEquals(new double[] {0, 1.5, 1}, r.duals(), 1e-13, "duals");
        assertArrayEquals(new double[] {0, 0}, r.reducedCosts(), 1e-13, "reduced costs");
        assertArrayEquals(new int[] {1, 2}, r.bindingRows(), "binding rows");
        assertEquals(0.0, r.dual(0), "non-binding row has dual exactly 0");
    }

    @Test
    void minimisationWithEqualityRowAndFreeVariables() {
        // min x1 + 2 x2 s.t. x1 + x2 >= 2, x1 - x2 = 0, x1, x2 free.
        // x1 = x2 = (b1 + b2)/2 and (b1 - b2)/2, so objective = 1.5 b1 - 0.5 b2 = 3 at b = (2, 0):
        // y1 = d obj / d b1 = 1.5 (>= 0 for a >= row of a minimisation), y2 = -0.5 (equality: any sign).
        DenseLp lp = new DenseLp(2).minimize(1, 2).free(0).free(1);
        lp.addGe(new double[] {1, 1}, 2);
        lp.addEq(new double[] {1, -1}, 0);
        LpResult r = lp.solve();
        assertEquals(LpStatus.OPTIMAL, r.status());
        assertEquals(3.0, r.objective(), 1e-13, "objective");
        assertArrayEquals(new double[] {1, 1}, r.x(), 1e-13, "x");
        assertArrayEquals(new double[] {1.5, -0.5}, r.duals(), 1e-13, "duals");
    }

    @Test
    void reducedCostOfAVariableAtItsUpperBound() {
        // max 2x + y s.t. x + y <= 4, 0 <= x <= 2, 0 <= y <= 3: optimum x = 2, y = 2, z = 6.
        // c = y_row (1, 1) + d: from y: y_row = 1; from x: d_x = 2 - 1 = 1 >= 0 (x at its upper bound).
        // Strong duality: 4 * 1 + 2 * 1 = 6.
        DenseLp lp = new DenseLp(2).maximize(2, 1).bounds(0, 0, 2).bounds(1, 0, 3);
        lp.addLe(new double[] {1, 1}, 4);
        LpResult r = lp.solve();
        assertEquals(6.0, r.objective(), 1e-13, "objective");
        assertArrayEquals(new double[] {2, 2}, r.x(), 1e-13, "x");
        assertEquals(1.0, r.dual(0), 1e-13, "dual of x + y <= 4");
        assertArrayEquals(new double[] {1, 0}, r.reducedCosts(), 1e-13, "reduced costs");
    }

    @Test
    void chvatalCyclingExampleTerminates() {
        // Chvatal (Linear Programming, 1983, ch. 3): the textbook simplex with the largest-coefficient rule
        // cycles on max 10x1 - 57x2 - 9x3 - 24x4 s.t. 0.5x1 - 5.5x2 - 2.5x3 + 9x4 <= 0,
        // 0.5x1 - 1.5x2 - 0.5x3 + x4 <= 0, x1 <= 1, x >= 0. Optimum x = (1, 0, 1, 0), z = 1.
        // Binding: row 2 and row 3. Duals: x3: -0.5 y2 = -9 -> y2 = 18; x1: 0.5 y2 + y3 = 10 -> y3 = 1.
        // Reduced costs: x2: -57 + 1.5 * 18 = -30; x4: -24 - 18 = -42 (<= 0 at lower bounds of a max).
        DenseLp lp = new DenseLp(4).maximize(10, -57, -9, -24);
        lp.addLe(new double[] {0.5, -5.5, -2.5, 9}, 0);
        lp.addLe(new double[] {0.5, -1.5, -0.5, 1}, 0);
        lp.addLe(new double[] {1, 0, 0, 0}, 1);
        LpResult r = lp.solve();
        assertEquals(LpStatus.OPTIMAL, r.status());
        assertEquals(1.0, r.objective(), 1e-13, "objective");
        assertArrayEquals(new double[] {1, 0, 1, 0}, r.x(), 1e-13, "x");
        assertArrayEquals(new double[] {0, 18, 1}, r.duals(), 1e-12, "duals");
        assertArrayEquals(new double[] {0, -30, 0, -42}, r.reducedCosts(), 1e-12, "reduced costs");
    }

    @Test
    void infeasibleAndUnboundedStatuses() {
        DenseLp infeasible = new DenseLp(1).maximize(1);
        infeasible.addGe(new double[] {1}, 1);
        infeasible.addLe(new double[] {1}, 0);
        LpResult r = infeasible.solve();
        assertEquals(LpStatus.INFEASIBLE, r.status(), "x >= 1 and x <= 0");
        assertTrue(Double.isNaN(r.objective()), "objective of an infeasible result is NaN");

        DenseLp unbounded = new DenseLp(2).maximize(1, 1);
        unbounded.addLe(new double[] {1, -1}, 1);
        LpResult u = unbounded.solve();
        assertEquals(LpStatus.UNBOUNDED, u.status(), "max x + y s.t. x - y <= 1");
        assertEquals(INF, u.objective(), "objective of an unbounded maximisation");

        DenseLp zeroRow = new DenseLp(2).minimize(1, 1);
        zeroRow.addGe(new double[] {0, 0}, 1e-3);
        assertEquals(LpStatus.INFEASIBLE, zeroRow.solve().status(), "0 >= 0.001");
    }

    @Test
    void noVariables() {
        DenseLp lp = new DenseLp(0);
        lp.addLe(new double[0], 1);
        LpResult r = lp.solve();
        assertEquals(LpStatus.OPTIMAL, r.status(), "0 <= 1");
        assertEquals(0.0, r.objective());
        lp.addGe(new double[0], 1);
        assertEquals(LpStatus.INFEASIBLE, lp.solve().status(), "0 >= 1");
    }

    @Test
    void iterationLimitIsReported() {
        DenseLp lp = new DenseLp(2).maximize(3, 5).maxIterations(0);
        lp.addLe(new double[] {3, 2}, 18);
        LpResult r = lp.solve();
        assertEquals(LpStatus.ITERATION_LIMIT, r.status(), "no pivot allowed");
        assertEquals(0, r.iterations());
        LpResult again = lp.maxIterations(DenseLp.DEFAULT_MAX_ITERATIONS).solve();
        // max 3x + 5y s.t. 3x + 2y <= 18, x, y >= 0: y = 9, objective 45
        assertEquals(45.0, again.objective(), 1e-13, "continues after raising the limit");
    }

    @Test
    void extremeRowAndObjectiveScales() {
        // Wyndor with rows multiplied by s = 1e200 and the objective by tau = 1e-200:
        // x unchanged, objective * tau, duals y_k * tau / s.
        double s = 1e200;
        double tau = 1e-200;
        DenseLp lp = new DenseLp(2).maximize(3 * tau, 5 * tau);
        lp.addLe(new double[] {s, 0}, 4 * s);
        lp.addLe(new double[] {0, 2 * s}, 12 * s);
        lp.addLe(new double[] {3 * s, 2 * s}, 18 * s);
        LpResult r = lp.solve();
        assertArrayEquals(new double[] {2, 6}, r.x(), 1e-13, "x");
        assertEquals(36 * tau, r.objective(), 1e-13 * 36 * tau, "objective");
        assertEquals(1.5 * tau / s, r.dual(1), 1e-13 * 1.5 * tau / s, "dual of row 1");
        assertEquals(1.0 * tau / s, r.dual(2), 1e-13 * tau / s, "dual of row 2");
    }

    @Test
    void boundChangesAfterASolveKeepTheBasisValid() {
        DenseLp lp = new DenseLp(2).maximize(2, 1).bounds(0, 0, 2).bounds(1, 0, 3);
        lp.addLe(new double[] {1, 1}, 4);
        assertEquals(6.0, lp.solve().objective(), 1e-13);
        lp.bounds(0, Double.NEGATIVE_INFINITY, 1); // x at upper bound 1 now
        assertEquals(5.0, lp.solve().objective(), 1e-13, "x = 1, y = 3");
        lp.free(0).free(1);
        lp.addGe(new double[] {0, 1}, -10);
        assertEquals(LpStatus.OPTIMAL, lp.solve().status(), "max 2x + y, x + y <= 4, y >= -10");
        assertEquals(18.0, lp.solve().objective(), 1e-12, "x = 14, y = -10");
    }

    @Test
    void largeKelleyLikeMasterWarmMatchesCold() {
        // The intended size: 29 multipliers + epigraph variable, 2000 cuts added in batches of 50.
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(20261122L);
        int p = 29;
        DenseLp warm = new DenseLp(p + 1);
        for (int r = 0; r < p; r++) {
            warm.bounds(r, 0, 10);
        }
        warm.free(p);
        double[] obj = new double[p + 1];
        obj[p] = 1;
        warm.minimize(obj);
        for (int batch = 0; batch < 40; batch++) {
            for (int k = 0; k < 50; k++) {
                double[] row = new double[p + 1];
                double rhs = 100 * rng.nextDouble();
                for (int r = 0; r < p; r++) {
                    double g = 4 * rng.nextDouble() - 2;
                    double at = 10 * rng.nextDouble();
                    row[r] = -g;
                    rhs -= g * at;
                }
                row[p] = 1;
                warm.addGe(row, rhs);
            }
            LpResult w = warm.solve();
            assertEquals(LpStatus.OPTIMAL, w.status(), "batch " + batch);
            if (batch % 10 == 9) {
                DenseLp cold = new DenseLp(p + 1);
                for (int r = 0; r < p; r++) {
                    cold.bounds(r, 0, 10);
                }
                cold.free(p).minimize(obj);
                for (int k = 0; k < warm.numRows(); k++) {
                    cold.addRow(warm.row(k), warm.relation(k), warm.rhs(k));
                }
                LpResult c = cold.solve();
                assertClose(c.objective(), w.objective(), 1e-10, "batch " + batch + ": warm vs cold objective");
            }
        }
    }

    @Test
    void invalidArgumentsAreRejected() {
        DenseLp lp = new DenseLp(2);
        assertThrows(IllegalArgumentException.class, () -> new DenseLp(-1));
        assertThrows(IllegalArgumentException.class, () -> lp.addLe(new double[] {1}, 0), "wrong length");
        assertThrows(IllegalArgumentException.class, () -> lp.addLe(new double[] {1, Double.NaN}, 0), "NaN");
        assertThrows(IllegalArgumentException.class, () -> lp.addLe(new double[] {1, 1}, INF), "infinite rhs");
        assertThrows(IllegalArgumentException.class, () -> lp.bounds(0, 2, 1), "lo > hi");
        assertThrows(IllegalArgumentException.class, () -> lp.bounds(0, INF, INF), "lo = +inf");
        assertThrows(IndexOutOfBoundsException.class, () -> lp.bounds(2, 0, 1), "index");
        assertThrows(IllegalArgumentException.class, () -> lp.maximize(1), "objective length");
        assertThrows(NullPointerException.class, () -> lp.addRow(new double[2], null, 0), "relation");
        assertThrows(IllegalArgumentException.class, () -> lp.maxIterations(-1), "negative limit");
    }

    // =================================================================================================
    // Regressions: an epigraph variable whose coefficient is tiny next to the others in its rows
    // =================================================================================================

    /** The reported Kelley master: minimise t over four boxed multipliers and t with one cut. */
    private static Case reportedKelleyMaster() {
        Case k = new Case(5);
        k.c[4] = 1;
        double[] hi = {157296.0888607256, 676058.5899233987, 67605.85899233987, 1352117.1798467974};
        System.arraycopy(hi, 0, k.hi, 0, 4);
        k.lo[4] = -INF;
        k.add(new double[] {3.2823708304999977E7, -2400000.0, 1.0769964E9, -124644.0, 1.0}, Relation.GE,
                4.974040617625842E10);
        return k;
    }

    @Test
    void freeEpigraphVariableWithATinyCoefficientIsNotUnbounded() {
        // Row scaling divides the cut by 2^30, so the coefficient of t becomes 2^-30 < PIVOT_TOLERANCE. Once
        // the cut holds, the edge that lowers t raises x_2 by 2^-30 per unit of t until x_2 reaches its upper
        // bound; that bound used to be left out of the ratio test, and with no bound of its own on t the edge
        // was taken for an unbounded ray. The optimum puts x_r at its upper bound where the cut coefficient is
        // positive and at 0 where it is negative: t = b - a_0 hi_0 - a_2 hi_2.
        Case k = reportedKelleyMaster();
        double expected = -7.792456728576322E13;
        for (double lowerBound : new double[] {-INF, -1e15}) {
            Case c = k.copy();
            c.lo[4] = lowerBound;
            for (boolean bland : new boolean[] {false, true}) {
                String msg = "t >= " + lowerBound + (bland ? ", Bland" : "");
                DenseLp lp = c.toLp();
                if (bland) {
                    lp.degeneratePivotsBeforeBland(0);
                }
                LpResult r = lp.solve();
                assertEquals(LpStatus.OPTIMAL, r.status(), msg + ": " + r);
                assertEquals(expected, r.objective(), 1e-12 * Math.abs(expected), msg + ": objective");
                assertArrayEquals(new double[] {157296.0888607256, 0, 67605.85899233987, 0},
                        Arrays.copyOf(r.x(), 4), msg + ": multipliers at their bounds");
                assertEquals(r.objective(), r.x(4), msg + ": t is the objective");
                assertEquals(1.0, r.dual(0), 1e-12, msg + ": d t / d b of the only cut");
                assertOptimalCertificate(c, r, msg);
            }
        }
        // the same master built as Kelley's method does: no cut yet (unbounded), then the cut (warm start)
        DenseLp lp = new DenseLp(5).minimize(0, 0, 0, 0, 1).free(4);
        for (int r = 0; r < 4; r++) {
            lp.bounds(r, 0, k.hi[r]);
        }
        assertEquals(LpStatus.UNBOUNDED, lp.solve().status(), "min t without cuts");
        lp.addRow(k.rows.get(0), Relation.GE, k.rhs.get(0));
        LpResult warm = lp.solve();
        assertEquals(LpStatus.OPTIMAL, warm.status(), "after the cut: " + warm);
        assertEquals(expected, warm.objective(), 1e-12 * Math.abs(expected), "after the cut: objective");
    }

    @Test
    void phaseOneMovesAVariableWithATinyCoefficient() {
        // min t s.t. t - 2e9 x >= 5, 0 <= x <= 1, t free. At the start (x = t = 0) the cut is violated and
        // only raising t repairs it; after row scaling its phase-1 price is 2^-31 < OPTIMALITY_TOLERANCE,
        // which used to end phase 1 with "infeasible".
        for (boolean free : new boolean[] {true, false}) {
            DenseLp lp = new DenseLp(2).minimize(0, 1).bounds(0, 0, 1);
            if (free) {
                lp.free(1);
            } else {
                lp.bounds(1, -1e6, INF);
            }
            lp.addGe(new double[] {-2e9, 1}, 5);
            LpResult r = lp.solve();
            String msg = free ? "t free" : "t >= -1e6";
            assertEquals(LpStatus.OPTIMAL, r.status(), msg + ": " + r);
            assertArrayEquals(new double[] {0, 5}, r.x(), 1e-12, msg + ": x");
            assertEquals(1.0, r.dual(0), 1e-12, msg + ": dual of the cut");
        }
    }

    @Test
    void dualSimplexPivotsOnATinyCoefficient() {
        // min t s.t. t >= 100, then the cut t - 4e9 x >= 1000 with 0 <= x <= 10. The warm start is dual
        // feasible; the only entry whose release repairs the new cut is the row that holds t, with alpha
        // 2^-32 after row scaling, below the pivot tolerance. It used to end with "infeasible".
        DenseLp lp = new DenseLp(2).minimize(0, 1).bounds(0, 0, 10).free(1);
        lp.addGe(new double[] {0, 1}, 100);
        assertEquals(100.0, lp.solve().objective(), 1e-12, "first cut");
        lp.addGe(new double[] {-4e9, 1}, 1000);
        LpResult warm = lp.solve();
        assertEquals(LpStatus.OPTIMAL, warm.status(), "warm: " + warm);
        assertArrayEquals(new double[] {0, 1000}, warm.x(), 1e-12, "warm: x");
        assertArrayEquals(new double[] {0, 1}, warm.duals(), 1e-12, "warm: duals");
        LpResult cold = lp.solveCold();
        assertEquals(LpStatus.OPTIMAL, cold.status(), "cold: " + cold);
        assertEquals(1000.0, cold.objective(), 1e-12, "cold: objective");
    }
}
