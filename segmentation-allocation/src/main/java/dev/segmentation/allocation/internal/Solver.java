package dev.segmentation.allocation.internal;

import dev.segmentation.allocation.AllocationProblem;
import dev.segmentation.allocation.Cancellation;
import dev.segmentation.allocation.LimitKind;
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
 * path is shorter: the dual stops at its next check (on one machine an evaluation or the multiplier
 * box in progress is given up at its next block of accounts; the first evaluation always completes);
 * when one of its evaluations was feasible (the dual keeps the most valuable such choice when the
 * oracle returns choices, as on one machine), that choice is the plan, with no repair; otherwise the
 * choice of its best evaluation is repaired by {@link
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

  /**
   * Accounts from which a solve that can be stopped (it has a time limit or a cancellation token)
   * keeps a feasible plan ready during the dual (see {@link #insures}).
   */
  public static final int INSURE_MIN_ACCOUNTS = 65_536;

  /**
   * Tells whether a solve on one machine keeps a feasible plan ready for a stop while its dual
   * evaluations are infeasible: on {@link #INSURE_MIN_ACCOUNTS} accounts or more, when a time limit or
   * a cancellation token is set (a stop by thread interrupt alone is not foreseen). The plan is the
   * fast repair of the best evaluation's choice, redone every 32 evaluations,
   * so a stop needs no repair; it costs one fast repair (a few passes over the accounts) per 32
   * evaluations and never changes the result of a solve that is not stopped.
   *
   * @param n the number of accounts
   * @param limits the limits
   * @return whether to keep the plan
   */
  static boolean insures(int n, SolveLimits limits) {
    return n >= INSURE_MIN_ACCOUNTS
        && (limits.timeLimit().isPresent() || limits.cancellation() != Cancellation.NEVER);
  }

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
    /** The accounts with the plan's choice, or null when infeasible. */
    public AccountPasses accounts;
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
    LocalAccounts a = new LocalAccounts(p, c.grossValue, c.cost, exec, new int[p.n]);
    DualRun dual = oracle == null
        ? deadline -> Dual.minimize(p, limits.maxIterations(), deadline, limits.cancellation(), exec,
            insures(p.n, limits))
        : deadline -> Dual.minimize(p, oracle, limits.maxIterations(), deadline,
            limits.cancellation());
    Outcome out = solve(c.rowName, c.rowKind, a, method, limits, dual);
    out.choice = out.accounts == null ? null : ((LocalAccounts) out.accounts).choice();
    return out;
  }

  /**
   * Solves with the accounts wherever they live: the dual evaluations by an oracle, the passes of the
   * rounding, the core search and the checks by {@link AccountPasses} (for example Spark jobs over
   * cached partitions), and every decision here, on one thread. Branch and bound ({@link
   * SolveMethod#EXACT}, or {@link SolveMethod#AUTO} up to {@link AllocationProblem#EXACT_AUTO_LIMIT}
   * accounts) works on {@link AccountPasses#whole()}. When the oracle's evaluations equal {@link
   * Mckp#evaluate(double[], double[], BlockExecutor)} bit for bit and the passes equal those of
   * {@link LocalAccounts}, the outcome equals that of {@link #solve(Compiled, SolveMethod, SolveLimits,
   * int)}, except {@link Outcome#choice}, which is left {@code null} (the choice is in {@link
   * Outcome#accounts}).
   *
   * @param rowName name of each row
   * @param rowKind kind of each row
   * @param shape an instance with the rows' right-hand sides whose candidates give the same multiplier
   *     box of the dual as those of all accounts (the whole instance, or a summary of it)
   * @param a the accounts; the choice ends in {@link Outcome#accounts} (this or a copy)
   * @param method the method
   * @param limits the limits
   * @param oracle the dual evaluations
   * @return the outcome
   */
  public static Outcome solve(String[] rowName, LimitKind[] rowKind, Mckp shape, AccountPasses a,
      SolveMethod method, SolveLimits limits, DualOracle oracle) {
    return solve(rowName, rowKind, a, method, limits, deadline -> {
      if (shape.m > 0) {
        return Dual.minimize(shape, oracle, limits.maxIterations(), deadline, limits.cancellation());
      }
      // no limit: the dual is the sum of the best values, as Dual.minimize gives it
      Dual d = new Dual();
      d.lambda = new double[0];
      d.bound = oracle.evaluate(new double[0], new double[0]).bound;
      d.converged = true;
      d.iterations = 1;
      return d;
    });
  }

  /** Minimises the dual until a deadline. */
  private interface DualRun {
    Dual minimize(long deadline);
  }

  private static Outcome solve(String[] rowName, LimitKind[] rowKind, AccountPasses a,
      SolveMethod method, SolveLimits limits, DualRun run) {
    int m = rowName.length;
    int n = a.accounts();
    Outcome out = new Outcome();
    long deadline = limits.timeLimit().map(d -> System.nanoTime() + d.toNanos()).orElse(Long.MAX_VALUE);
    BooleanSupplier stop = () -> limits.cancellation().isCancelled() || System.nanoTime() > deadline;
    // a solve stopped before it starts skips the diagnosis; it runs only if no plan is found below
    boolean diagnosed = !stop.getAsBoolean();
    if (diagnosed) {
      out.conflicts.addAll(Diagnose.conflicts(rowName, rowKind, a));
      if (!out.conflicts.isEmpty()) {
        out.status = PlanStatus.INFEASIBLE;
        out.lambda = new double[m];
        return out;
      }
    }
    Dual dual = run.minimize(deadline);
    out.lambda = dual.lambda;
    out.bound = dual.bound;
    out.converged = dual.converged;
    out.iterations = dual.iterations;
    if (dual.infeasibleRows != null) {
      out.status = PlanStatus.INFEASIBLE;
      for (int r : dual.infeasibleRows) {
        out.conflicts.add(String.format(Locale.ROOT,
            "%s cannot be met together with the other limits (its multiplier grows without bound).",
            rowName[r]));
      }
      return out;
    }
    // after a stop: the choice of the dual's best evaluation (no tie weights), the fast repair
    boolean stopped = dual.stoppedEarly();
    // after a stop, a feasible dual evaluation (kept when the oracle returns choices) needs no repair
    boolean incumbent = false;
    if (stopped && dual.feasibleChoice != null && dual.feasibleChoice.length == n) {
      a.price(dual.lambda, new double[m], dual.feasibleChoice);
      incumbent = Rounding.feasible(a.rhs(), a.usage());
    }
    if (incumbent) {
      // the choice is set
    } else if (stopped) {
      a.price(dual.lambda, new double[m], dual.bestChoice);
    } else {
      double[] rhs = a.rhs();
      double[] tie = new double[m];
      for (int r = 0; r < m; r++) {
        tie[r] = dual.lambda[r] + 1e-12 / Math.max(1.0, Math.abs(rhs[r]));
      }
      a.price(dual.lambda, tie, new int[0]);
    }
    boolean ok = incumbent || (stopped && Rounding.repairTowardsLeastUsing(a));
    BooleanSupplier skipImproving = stopped ? () -> true : stop;
    if (!ok) {
      ok = Rounding.repairAndImprove(a, dual.lambda, skipImproving);
    }
    if (!ok) {
      // start again from the least-using candidates
      a.leastUsing();
      ok = Rounding.repairAndImprove(a, dual.lambda, skipImproving);
    }
    if (!ok) {
      if (!diagnosed) {
        List<String> conflicts = Diagnose.conflicts(rowName, rowKind, a);
        if (!conflicts.isEmpty()) {
          // the outcome an unstopped solve gives: conflicts, no multipliers, no bound
          Outcome infeasible = new Outcome();
          infeasible.status = PlanStatus.INFEASIBLE;
          infeasible.lambda = new double[m];
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
      CoreSearch.improve(a, dual.lambda, CORE_SIZE, CORE_NODE_LIMIT, stop);
      // the core search may free capacity that single upgrades can use; then search the core again
      AccountPasses again = a.copy();
      if (Rounding.repairAndImprove(again, dual.lambda, stop) && again.value() > a.value()) {
        CoreSearch.improve(again, dual.lambda, CORE_SIZE, CORE_NODE_LIMIT, stop);
        a = again;
      }
      late = stop.getAsBoolean();
    }
    boolean exact = method == SolveMethod.EXACT
        || (method == SolveMethod.AUTO && n <= AllocationProblem.EXACT_AUTO_LIMIT);
    if (exact && !stopped && !late) {
      // with a time limit the search runs until it (or the limit) ends; without one, NODE_LIMIT caps it
      long nodes = limits.timeLimit().isPresent() ? Long.MAX_VALUE : NODE_LIMIT;
      Mckp whole = a.whole();
      BranchAndBound.Result bb = BranchAndBound.solve(whole, dual.lambda, a.wholeChoice(), nodes,
          stop);
      if (bb.choice != null && bb.value >= a.value()) {
        int[] all = new int[n];
        int[] slots = new int[n];
        for (int i = 0; i < n; i++) {
          all[i] = i;
          slots[i] = bb.choice[i] - whole.start[i];
        }
        a.move(all, slots);
      }
      out.provenOptimal = bb.complete;
    }
    out.accounts = a;
    double value = a.value();
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
}
