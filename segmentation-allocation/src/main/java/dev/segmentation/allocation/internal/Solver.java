package dev.segmentation.allocation.internal;

import dev.segmentation.allocation.AllocationProblem;
import dev.segmentation.allocation.PlanStatus;
import dev.segmentation.allocation.SolveLimits;
import dev.segmentation.allocation.SolveMethod;
import dev.segmentation.core.internal.BlockExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * Solves a compiled allocation problem.
 *
 * <ol>
 *   <li>Cheap infeasibility checks ({@link Diagnose}).
 *   <li>The LP relaxation through its Lagrangian dual {@code min_{lambda >= 0} L(lambda)}, one
 *       multiplier per limit, by Kelley's cutting-plane method with a proximal trust region: each
 *       iteration evaluates {@code L} (one pass over the accounts) and adds a cut to a small LP. Every
 *       {@code L(lambda)} is an upper bound on the optimum; the method stops when the best bound and the
 *       cutting-plane model's minimum agree to a relative {@value #BOUND_TOL}.
 *   <li>Each account's best option at the best multipliers (ties: less priced use), repaired to
 *       feasibility and improved ({@link Rounding}).
 *   <li>For {@link SolveMethod#EXACT} (or {@link SolveMethod#AUTO} on small instances), branch and bound.
 * </ol>
 *
 * <p>After a stop (cancellation, thread interrupt, time limit) the plan must come quickly, so the
 * path is shorter: the dual stops at its next check (at the latest after its first evaluation, before
 * the multiplier box is computed); the choice of its best evaluation is repaired by {@link
 * Rounding#repairTowardsLeastUsing} (a few passes over the accounts, no improvement passes), falling
 * back to the full repair only when the least-using candidates together are infeasible; the core
 * search and branch and bound are skipped. A solve stopped before it starts also skips the
 * infeasibility checks and runs them only if no plan is found, so an infeasible problem reports the
 * same conflicts. A stop after the dual (during the rounding) skips the remaining improvement
 * passes, the core search and branch and bound, and also gives status {@code TIME_LIMIT} or {@code
 * CANCELLED}; branch and bound itself, once started, keeps its own handling of the limits. Without a
 * stop, none of this changes the result.
 */
public final class Solver {

  /** Relative tolerance of the dual convergence and of OPTIMAL status. */
  public static final double BOUND_TOL = 1e-9;

  /** Accounts freed in the core search after rounding. */
  public static final int CORE_SIZE = 48;

  /** Node limit of the core search. */
  public static final long CORE_NODE_LIMIT = 200_000L;

  /** Node limit of the exact search. */
  public static final long NODE_LIMIT = 20_000_000L;

  private Solver() {}

  /** What a solve produced. */
  public static final class Outcome {
    /** Status. */
    public PlanStatus status;
    /** Candidate per account, or null when infeasible. */
    public int[] choice;
    /** Best multipliers (shadow prices) per row. */
    public double[] lambda;
    /** Best upper bound (the LP bound when converged). */
    public double bound = Double.NaN;
    /** Whether the dual converged (the bound is the LP optimum). */
    public boolean converged;
    /** Dual iterations. */
    public int iterations;
    /** Conflicts of an infeasible problem. */
    public List<String> conflicts = new ArrayList<>();
    /** Whether branch and bound proved the plan optimal. */
    public boolean provenOptimal;
  }

  /**
   * Solves.
   *
   * @param c the compiled problem
   * @param method the method
   * @param limits the limits
   * @param parallelism threads for the dual evaluations (the result does not depend on it)
   * @return the outcome
   */
  public static Outcome solve(
      Compiled c, SolveMethod method, SolveLimits limits, int parallelism) {
    try (BlockExecutor exec = BlockExecutor.create(parallelism, null)) {
      return solve(c, method, limits, exec, null);
    }
  }

  /**
   * Solves with the dual evaluations done by an oracle (for example one pass over a Spark dataset per
   * evaluation); every other step runs here, on one thread. When the oracle's evaluations equal {@link
   * Mckp#evaluate(double[], double[], BlockExecutor)} bit for bit, the outcome equals that of {@link
   * #solve(Compiled, SolveMethod, SolveLimits, int)}.
   *
   * @param c the compiled problem
   * @param method the method
   * @param limits the limits
   * @param oracle the dual evaluations
   * @return the outcome
   */
  public static Outcome solve(
      Compiled c, SolveMethod method, SolveLimits limits, DualOracle oracle) {
    try (BlockExecutor exec = BlockExecutor.create(1, null)) {
      return solve(c, method, limits, exec, oracle);
    }
  }

  private static Outcome solve(Compiled c, SolveMethod method, SolveLimits limits,
      BlockExecutor exec, DualOracle oracle) {
    Mckp p = c.mckp;
    Outcome out = new Outcome();
    long deadline = limits.timeLimit().map(d -> System.nanoTime() + d.toNanos()).orElse(Long.MAX_VALUE);
    BooleanSupplier stop = () -> limits.cancellation().isCancelled() || System.nanoTime() > deadline;
    // a solve stopped before it starts skips the diagnosis; it runs only if no plan is found below
    boolean diagnosed = !stop.getAsBoolean();
    if (diagnosed) {
      out.conflicts.addAll(Diagnose.conflicts(c));
      if (!out.conflicts.isEmpty()) {
        out.status = PlanStatus.INFEASIBLE;
        out.lambda = new double[p.m];
        return out;
      }
    }
    Dual dual = oracle == null
        ? Dual.minimize(p, limits.maxIterations(), deadline, limits.cancellation(), exec)
        : Dual.minimize(p, oracle, limits.maxIterations(), deadline, limits.cancellation());
    out.lambda = dual.lambda;
    out.bound = dual.bound;
    out.converged = dual.converged;
    out.iterations = dual.iterations;
    if (dual.infeasibleRows != null) {
      out.status = PlanStatus.INFEASIBLE;
      for (int r : dual.infeasibleRows) {
        out.conflicts.add(String.format(Locale.ROOT,
            "%s cannot be met together with the other limits (its multiplier grows without bound).",
            c.rowName[r]));
      }
      return out;
    }
    // after a stop: the choice of the dual's best evaluation (no extra pass), the fast repair
    boolean stopped = dual.stoppedEarly();
    int[] choice;
    if (stopped && dual.bestChoice.length == p.n) {
      choice = dual.bestChoice.clone();
    } else {
      double[] tie = new double[p.m];
      for (int r = 0; r < p.m; r++) {
        tie[r] = dual.lambda[r] + 1e-12 / Math.max(1.0, Math.abs(p.rhs[r]));
      }
      choice = p.evaluate(dual.lambda, tie, exec).choice.clone();
    }
    boolean ok = stopped && Rounding.repairTowardsLeastUsing(p, choice, exec);
    BooleanSupplier skipImproving = stopped ? () -> true : stop;
    if (!ok) {
      ok = Rounding.repairAndImprove(p, choice, dual.lambda, exec, skipImproving);
    }
    if (!ok) {
      // start again from the least-using candidates
      int[] cheap = leastUsing(p, exec);
      ok = Rounding.repairAndImprove(p, cheap, dual.lambda, exec, skipImproving);
      choice = cheap;
    }
    if (!ok) {
      if (!diagnosed) {
        List<String> conflicts = Diagnose.conflicts(c);
        if (!conflicts.isEmpty()) {
          // the outcome an unstopped solve gives: conflicts, no multipliers, no bound
          Outcome infeasible = new Outcome();
          infeasible.status = PlanStatus.INFEASIBLE;
          infeasible.lambda = new double[p.m];
          infeasible.conflicts.addAll(conflicts);
          return infeasible;
        }
      }
      out.status = PlanStatus.INFEASIBLE;
      out.conflicts.add("No feasible plan was found: the limits together leave no room "
          + "(the checks of single limits and service levels passed).");
      return out;
    }
    // a stop after the dual (during the rounding or the core search) ends the solve here too
    boolean late = !stopped && stop.getAsBoolean();
    if (!stopped && !late) {
      choice = CoreSearch.improve(p, choice, dual.lambda, CORE_SIZE, CORE_NODE_LIMIT, stop);
      // the core search may free capacity that single upgrades can use; then search the core again
      int[] again = choice.clone();
      if (Rounding.repairAndImprove(p, again, dual.lambda, exec, stop)
          && Rounding.value(p, again) > Rounding.value(p, choice)) {
        choice = CoreSearch.improve(p, again, dual.lambda, CORE_SIZE, CORE_NODE_LIMIT, stop);
      }
      late = stop.getAsBoolean();
    }
    boolean exact = method == SolveMethod.EXACT
        || (method == SolveMethod.AUTO && p.n <= AllocationProblem.EXACT_AUTO_LIMIT);
    if (exact && !stopped && !late) {
      // with a time limit the search runs until it (or the limit) ends; without one, NODE_LIMIT caps it
      long nodes = limits.timeLimit().isPresent() ? Long.MAX_VALUE : NODE_LIMIT;
      BranchAndBound.Result bb = BranchAndBound.solve(p, dual.lambda, choice, nodes, stop);
      if (bb.choice != null && bb.value >= Rounding.value(p, choice)) {
        choice = bb.choice;
      }
      out.provenOptimal = bb.complete;
    }
    out.choice = choice;
    double value = Rounding.value(p, choice);
    double gap = (out.bound - value) / Math.max(1e-12, Math.abs(out.bound));
    if (dual.cancelled || (late && limits.cancellation().isCancelled())) {
      out.status = PlanStatus.CANCELLED;
    } else if (dual.timedOut || late) {
      out.status = PlanStatus.TIME_LIMIT;
    } else if (out.provenOptimal || gap <= BOUND_TOL) {
      out.status = PlanStatus.OPTIMAL;
    } else if (!dual.converged) {
      out.status = PlanStatus.ITERATION_LIMIT;
    } else {
      out.status = PlanStatus.FEASIBLE;
    }
    return out;
  }

  /** Each account's least-using candidate ({@link Rounding#leastUsing}). */
  private static int[] leastUsing(Mckp p, BlockExecutor exec) {
    int[] cheap = new int[p.n];
    double[] w = Rounding.leastUsingWeights(p);
    exec.run(BlockExecutor.blocks(p.n), b -> {
      int to = Math.min(p.n, (b + 1) * BlockExecutor.BLOCK_ROWS);
      for (int i = b * BlockExecutor.BLOCK_ROWS; i < to; i++) {
        cheap[i] = Rounding.leastUsing(p, i, w);
      }
    });
    return cheap;
  }
}
