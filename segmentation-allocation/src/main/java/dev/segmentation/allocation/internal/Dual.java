package dev.segmentation.allocation.internal;

import dev.segmentation.allocation.Cancellation;
import dev.segmentation.core.internal.BlockExecutor;
import java.util.ArrayList;
import java.util.List;

/**
 * Minimises the Lagrangian dual {@code L(lambda) = lambda . rhs + sum_i max_k (value_k - lambda .
 * use_k)} over {@code 0 <= lambda <= U} by a cutting-plane method: every evaluation gives the cut
 * {@code L(mu) >= L(lambda) + g . (mu - lambda)} with subgradient {@code g = rhs - use(choice)}; the
 * next point minimises the cutting-plane model inside a trust region around the best point (a proximal
 * stabilisation of Kelley's method), and the minimum of the model over the whole box is a lower bound
 * on {@code min L}. By LP duality {@code min L} is the optimum of the LP relaxation, so the best
 * {@code L} found is always a valid upper bound on the optimum, and the method stops when it is within
 * {@link Solver#BOUND_TOL} (relative) of the model's lower bound.
 *
 * <p>{@code U} is a box far beyond any multiplier an optimal dual needs on a feasible problem; a
 * multiplier that ends on it with its row still violated shows that the problem is infeasible.
 */
final class Dual {

  double[] lambda;
  double bound = Double.POSITIVE_INFINITY;
  boolean converged;
  boolean timedOut;
  boolean cancelled;
  int iterations;
  int[] infeasibleRows;
  /**
   * The per-account choice of the evaluation at {@link #lambda} (without tie weights), or an empty
   * array when the oracle does not return choices.
   */
  int[] bestChoice = new int[0];

  boolean stoppedEarly() {
    return timedOut || cancelled;
  }

  static Dual minimize(
      Mckp p, int maxIterations, long deadline, Cancellation cancel, BlockExecutor exec) {
    return minimize(p, (l, t) -> p.evaluate(l, t, exec), maxIterations, deadline, cancel);
  }

  /**
   * Minimises the dual with the evaluations done by an oracle (on threads or on a cluster); the
   * instance {@code p} supplies the rows and the multiplier box.
   */
  static Dual minimize(
      Mckp p, DualOracle oracle, int maxIterations, long deadline, Cancellation cancel) {
    int m = p.m;
    Dual d = new Dual();
    double[] zeroTie = new double[m];
    if (m == 0) {
      Mckp.Eval e = p.evaluate(new double[0], zeroTie);
      d.lambda = new double[0];
      d.bound = e.bound;
      d.converged = true;
      d.iterations = 1;
      return d;
    }
    List<double[]> cutG = new ArrayList<>();
    List<double[]> cutAt = new ArrayList<>();
    List<Double> cutF = new ArrayList<>();
    double[] lam = new double[m];
    Mckp.Eval e = oracle.evaluate(lam, zeroTie);
    d.iterations = 1;
    addCut(p, e, lam, cutG, cutAt, cutF);
    double best = e.bound;
    double[] bestLam = lam.clone();
    d.bestChoice = e.choice;
    if (stopped(d, deadline, cancel)) {
      // stopped before the first cut: skip the box and the model, return the bound at zero
      d.lambda = bestLam;
      d.bound = best;
      return d;
    }
    double[] upper = boxBounds(p);
    double lower = Double.NEGATIVE_INFINITY;
    Master global = new Master(m);
    double[] zero = new double[m];
    double alpha = 0.5;
    int expansions = 0;
    while (true) {
      global.sync(cutG, cutAt, cutF);
      double[] full = global.minimize(zero, upper);
      lower = Math.max(lower, full[m]);
      double tol = Solver.BOUND_TOL * Math.max(1.0, Math.abs(best));
      if (best - lower <= tol) {
        boolean onBox = false;
        for (int r = 0; r < m; r++) {
          if (bestLam[r] >= upper[r] * 0.99) {
            onBox = true;
          }
        }
        if (onBox && expansions < 3) {
          // a multiplier sits on the box: widen it before concluding (the box must not bind)
          expansions++;
          for (int r = 0; r < m; r++) {
            upper[r] *= 100;
          }
          global = new Master(m);
          lower = Double.NEGATIVE_INFINITY;
          continue;
        }
        d.converged = true;
        break;
      }
      if (d.iterations >= maxIterations) {
        break;
      }
      if (stopped(d, deadline, cancel)) {
        break;
      }
      // in-out separation point (Wentges smoothing) between the best point and the model minimiser
      double[] next = new double[m];
      for (int r = 0; r < m; r++) {
        next[r] = alpha * bestLam[r] + (1 - alpha) * full[r];
      }
      e = oracle.evaluate(next, zeroTie);
      d.iterations++;
      addCut(p, e, next, cutG, cutAt, cutF);
      // does the new cut cut off the model minimiser?
      double cutAtMin = e.bound;
      for (int r = 0; r < m; r++) {
        cutAtMin += (p.rhs[r] - e.usage[r]) * (full[r] - next[r]);
      }
      boolean mispriced = cutAtMin <= full[m] + tol;
      if (e.bound < best) {
        best = e.bound;
        bestLam = next;
        d.bestChoice = e.choice;
      }
      if (mispriced) {
        alpha = alpha < 0.05 ? 0 : alpha / 2;
      } else {
        alpha = Math.min(0.9, alpha + 0.1);
      }
    }
    d.lambda = bestLam;
    d.bound = best;
    if (d.converged) {
      Mckp.Eval at = oracle.evaluate(bestLam, zeroTie);
      List<Integer> bad = new ArrayList<>();
      for (int r = 0; r < m; r++) {
        if (bestLam[r] >= upper[r] * (1 - 1e-9) && at.usage[r] > p.rhs[r] + Rounding.tol(p.rhs[r])) {
          bad.add(r);
        }
      }
      if (!bad.isEmpty()) {
        d.infeasibleRows = bad.stream().mapToInt(Integer::intValue).toArray();
      }
    }
    return d;
  }

  /** Records a cancellation or an expired time limit; tells whether either happened. */
  private static boolean stopped(Dual d, long deadline, Cancellation cancel) {
    if (cancel.isCancelled()) {
      d.cancelled = true;
    } else if (System.nanoTime() > deadline) {
      d.timedOut = true;
    }
    return d.stoppedEarly();
  }

  private static void addCut(Mckp p, Mckp.Eval e, double[] lam, List<double[]> cutG,
      List<double[]> cutAt, List<Double> cutF) {
    double[] g = new double[p.m];
    for (int r = 0; r < p.m; r++) {
      g[r] = p.rhs[r] - e.usage[r];
    }
    cutG.add(g);
    cutAt.add(lam.clone());
    cutF.add(e.bound);
  }

  /**
   * Box of the multipliers: {@code 10 * (largest value spread of an account + 1) / (smallest positive
   * use difference of the row between two candidates of an account)}.
   */
  private static double[] boxBounds(Mckp p) {
    int m = p.m;
    double spread = 0;
    double[] minDiff = new double[m];
    java.util.Arrays.fill(minDiff, Double.POSITIVE_INFINITY);
    for (int i = 0; i < p.n; i++) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (int k = p.start[i]; k < p.start[i + 1]; k++) {
        lo = Math.min(lo, p.value[k]);
        hi = Math.max(hi, p.value[k]);
        for (int k2 = k + 1; k2 < p.start[i + 1]; k2++) {
          for (int r = 0; r < m; r++) {
            double diff = Math.abs(p.use[k * m + r] - p.use[k2 * m + r]);
            if (diff > 0) {
              minDiff[r] = Math.min(minDiff[r], diff);
            }
          }
        }
      }
      spread = Math.max(spread, hi - lo);
    }
    double[] u = new double[m];
    for (int r = 0; r < m; r++) {
      u[r] = minDiff[r] == Double.POSITIVE_INFINITY ? 1.0 : 10 * (spread + 1) / minDiff[r];
    }
    return u;
  }
}
