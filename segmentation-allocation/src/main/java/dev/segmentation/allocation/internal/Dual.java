package dev.segmentation.allocation.internal;

import dev.segmentation.allocation.Cancellation;
import dev.segmentation.core.internal.BlockExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

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
  /**
   * Of the evaluations whose choice satisfies every row (within {@link Rounding#tol}), the choice of
   * highest objective value (ties: the earlier evaluation), or {@code null} when there is none or the
   * oracle does not return choices. After a stop it is a feasible plan that needs no repair.
   */
  int[] feasibleChoice;
  /** Objective value of {@link #feasibleChoice}. */
  double feasibleValue = Double.NEGATIVE_INFINITY;
  /** Whether {@link #feasibleChoice} is a feasible evaluation (then no insurance is needed). */
  private boolean feasibleFromEvaluation;
  /** The iteration of the last insurance repair, 0 for none. */
  private int insuredAt;

  /** Keeps an evaluation's choice when it is feasible and better than the one kept. */
  private void offer(Mckp p, Mckp.Eval e) {
    if (e.choice.length == p.n && e.value > feasibleValue && Rounding.feasible(p, e.usage)) {
      feasibleChoice = e.choice;
      feasibleValue = e.value;
      feasibleFromEvaluation = true;
    }
  }

  boolean stoppedEarly() {
    return timedOut || cancelled;
  }

  static Dual minimize(
      Mckp p, int maxIterations, long deadline, Cancellation cancel, BlockExecutor exec) {
    return minimize(p, maxIterations, deadline, cancel, exec, false);
  }

  /**
   * Minimises the dual on this machine. With {@code insure}, while no evaluation has been feasible the
   * method also keeps a feasible plan ready for a stop: the fast repair ({@link
   * Rounding#repairTowardsLeastUsing}) of the best evaluation's choice, made after the second
   * evaluation and again every {@value #INSURE_EVERY} evaluations, kept as {@link #feasibleChoice}
   * when no feasible evaluation is worth more. This costs one fast repair (a few passes over the
   * accounts) per {@value #INSURE_EVERY} evaluations and never changes the result of a solve that is
   * not stopped.
   */
  static Dual minimize(Mckp p, int maxIterations, long deadline, Cancellation cancel,
      BlockExecutor exec, boolean insure) {
    // a stop gives up the evaluation in progress (checked per block); the first one always completes
    Thread caller = Thread.currentThread();
    BooleanSupplier abort = () -> cancel.isCancelled() || caller.isInterrupted()
        || exec.interruptSeen() || System.nanoTime() > deadline;
    boolean[] first = {true};
    Insurance insurance = !insure ? null : choice -> {
      int[] repaired = choice.clone();
      return Rounding.repairTowardsLeastUsing(p, repaired, exec) ? repaired : null;
    };
    return minimize(p, (l, t) -> {
      if (first[0]) {
        first[0] = false;
        return p.evaluate(l, t, exec);
      }
      return p.evaluate(l, t, exec, abort);
    }, maxIterations, deadline, cancel, exec, abort, insurance);
  }

  /** Evaluations between two insurance repairs ({@link #minimize(Mckp, int, long, Cancellation,
   * BlockExecutor, boolean)}). */
  static final int INSURE_EVERY = 32;

  /** Makes a feasible plan from a choice (or returns {@code null}). */
  interface Insurance {
    int[] repair(int[] choice);
  }

  /** Repairs the best choice into a feasible plan when no feasible plan is kept or it is due. */
  private void insure(Mckp p, Insurance insurance) {
    if (insurance == null || feasibleFromEvaluation || bestChoice.length != p.n
        || (insuredAt > 0 && iterations - insuredAt < INSURE_EVERY)) {
      return;
    }
    insuredAt = iterations;
    int[] repaired = insurance.repair(bestChoice);
    if (repaired != null) {
      double v = Rounding.value(p, repaired);
      if (feasibleChoice == null || v > feasibleValue) {
        feasibleChoice = repaired;
        feasibleValue = v;
      }
    }
  }

  static Dual minimize(
      Mckp p, DualOracle oracle, int maxIterations, long deadline, Cancellation cancel) {
    try (BlockExecutor one = BlockExecutor.create(1, null)) {
      return minimize(p, oracle, maxIterations, deadline, cancel, one, () -> false, null);
    }
  }

  /**
   * Minimises the dual with the evaluations done by an oracle (on threads or on a cluster); the
   * instance {@code p} supplies the rows and the multiplier box.
   */
  static Dual minimize(Mckp p, DualOracle oracle, int maxIterations, long deadline,
      Cancellation cancel, BlockExecutor exec, BooleanSupplier abort, Insurance insurance) {
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
    d.offer(p, e);
    if (stopped(d, deadline, cancel)) {
      // stopped before the first cut: skip the box and the model, return the bound at zero
      d.lambda = bestLam;
      d.bound = best;
      return d;
    }
    double[] upper = boxBounds(p, exec, abort);
    if (upper == null) {
      // stopped while the box was computed: as a stop after the first evaluation
      stopped(d, deadline, cancel);
      if (!d.stoppedEarly()) {
        d.cancelled = true;
      }
      d.lambda = bestLam;
      d.bound = best;
      return d;
    }
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
      if (e == null) {
        // the single-machine oracle gave up this evaluation after a stop
        stopped(d, deadline, cancel);
        if (!d.stoppedEarly()) {
          d.cancelled = true;
        }
        break;
      }
      d.iterations++;
      addCut(p, e, next, cutG, cutAt, cutF);
      d.offer(p, e);
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
      if (d.iterations >= 2) {
        d.insure(p, insurance);
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
      if (at == null) {
        // given up after a stop: the bound stands, the check of the box is skipped
        stopped(d, deadline, cancel);
        if (!d.stoppedEarly()) {
          d.cancelled = true;
        }
        return d;
      }
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
  private static double[] boxBounds(Mckp p, BlockExecutor exec, BooleanSupplier abort) {
    int m = p.m;
    // per block: the largest value spread and each row's smallest positive use difference; maxima
    // and minima do not depend on the order they are taken in, so neither does the box
    int blocks = BlockExecutor.blocks(p.n);
    double[][] parts = new double[blocks][];
    AtomicBoolean gaveUp = new AtomicBoolean();
    exec.run(blocks, b -> {
      if (gaveUp.get() || abort.getAsBoolean()) {
        gaveUp.set(true);
        return;
      }
      double spread = 0;
      double[] minDiff = new double[m];
      java.util.Arrays.fill(minDiff, Double.POSITIVE_INFINITY);
      int to = Math.min(p.n, (b + 1) * BlockExecutor.BLOCK_ROWS);
      for (int i = b * BlockExecutor.BLOCK_ROWS; i < to; i++) {
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
      double[] part = java.util.Arrays.copyOf(minDiff, m + 1);
      part[m] = spread;
      parts[b] = part;
    });
    if (gaveUp.get()) {
      return null;
    }
    double spread = 0;
    double[] minDiff = new double[m];
    java.util.Arrays.fill(minDiff, Double.POSITIVE_INFINITY);
    for (double[] part : parts) {
      spread = Math.max(spread, part[m]);
      for (int r = 0; r < m; r++) {
        minDiff[r] = Math.min(minDiff[r], part[r]);
      }
    }
    double[] u = new double[m];
    for (int r = 0; r < m; r++) {
      u[r] = minDiff[r] == Double.POSITIVE_INFINITY ? 1.0 : 10 * (spread + 1) / minDiff[r];
    }
    return u;
  }
}
