package dev.segmentation.allocation.capacity;

import dev.segmentation.allocation.AllocationPlan;
import dev.segmentation.allocation.AllocationProblem;
import dev.segmentation.allocation.LimitKind;
import dev.segmentation.allocation.Role;
import dev.segmentation.allocation.SolveLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleFunction;

/**
 * What-if analysis of an allocation problem by re-solving it: the efficient frontier of the objective
 * as the budget or the hours of one role vary over a grid, and the marginal value of one more rep of
 * each role.
 *
 * <pre>{@code
 * WhatIf whatIf = WhatIf.builder().limits(SolveLimits.defaults().maxIterations(300)).build();
 * WhatIfCurve budget = whatIf.budget(problem, WhatIf.grid(100_000, 600_000, 11));
 * WhatIfCurve field = whatIf.roleHours(problem, "field", WhatIf.grid(5_000, 20_000, 16));
 * MarginalRepValues reps = whatIf.marginalReps(problem, planner);   // planner: a CapacityPlanner
 * System.out.println(budget);       // level, status, objective, value, cost, bound, gap, shadow price
 * }</pre>
 *
 * <p><b>Method.</b> Every grid level is a separate solve of a copy of the problem
 * ({@link AllocationProblem#withBudget}, {@link AllocationProblem#withRoleHours}) under the same
 * {@link SolveLimits}; the solver has no warm start, so each solve starts afresh. The curve is then made
 * monotone honestly, as {@link WhatIfPoint} explains: each level reports the best plan found at that or
 * a lower level (it fits this level too) and the smallest bound found at that or a higher level. With
 * {@link Builder#parallelism(int)} above 1 the levels are solved concurrently in a private pool; each
 * solve is the same as alone, so the curve does not depend on the parallelism (under iteration limits;
 * wall-time limits are not reproducible).
 *
 * <p><b>Limits of the whole call.</b> The curve calls stop early, within about one stop check of the
 * solve in progress, on any of: the cancellation token of {@link #limits()} (shared by every solve), an
 * interrupt of the calling thread (treated as cancellation; the interrupt flag is left set), and the
 * whole-call time limit {@link Builder#totalTimeLimit(Duration)}. A stopped curve holds the levels whose
 * solves finished before the stop, with {@link WhatIfCurve#status()} {@link WhatIfStatus#CANCELLED} or
 * {@link WhatIfStatus#TIME_LIMIT}; the level (or, in parallel, the levels) being solved at the stop are
 * dropped and levels not yet started are skipped. In parallel the call returns once its pool's threads
 * have ended. {@link SolveLimits} is reused rather than core's {@code FitLimits} because every level
 * is an allocation solve: its token reaches the solve in progress directly (no watcher thread), and the
 * per-level time and iteration limits keep their meaning. A level counts as finished when its solve
 * returned before any stop was seen, so the finished levels of a stopped curve are solved exactly as in
 * a complete one (with the same per-level limits).
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @since 0.1
 */
public final class WhatIf {

  private final SolveLimits limits;
  private final int parallelism;
  private final Duration totalTimeLimit;

  private WhatIf(Builder b) {
    this.limits = b.limits;
    this.parallelism = b.parallelism;
    this.totalTimeLimit = b.totalTimeLimit;
  }

  /**
   * Starts a configuration.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns an evenly spaced grid {@code from, from + step, ..., to} with {@code points} levels.
   *
   * @param from the first level, finite and {@code >= 0}
   * @param to the last level, finite and {@code > from} (or equal when {@code points == 1})
   * @param points number of levels, {@code >= 1}
   * @return the levels; the last is exactly {@code to}
   * @throws IllegalArgumentException for bad bounds or count
   */
  public static double[] grid(double from, double to, int points) {
    if (points < 1 || !(Double.isFinite(from) && from >= 0 && Double.isFinite(to))
        || (points == 1 ? to != from : !(to > from))) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "WhatIf.grid needs 0 <= from < to (finite) and points >= 1 (from == to for one point), "
              + "was from=%s, to=%s, points=%d.", from, to, points));
    }
    double[] g = new double[points];
    for (int j = 0; j < points; j++) {
      g[j] = j == points - 1 ? to : from + (to - from) * j / (points - 1);
    }
    return g;
  }

  /**
   * Returns the limits of every solve.
   *
   * @return the limits
   */
  public SolveLimits limits() {
    return limits;
  }

  /**
   * Returns the wall-time limit of a whole call (every level together).
   *
   * @return the limit, or empty for none
   */
  public Optional<Duration> totalTimeLimit() {
    return Optional.ofNullable(totalTimeLimit);
  }

  /**
   * Returns the number of levels solved at the same time.
   *
   * @return the parallelism, {@code >= 1}
   */
  public int parallelism() {
    return parallelism;
  }

  /**
   * Computes the frontier of the objective over budget levels.
   *
   * @param problem the problem; its own budget is replaced at every level
   * @param levels the budgets, finite, {@code >= 0} and distinct, in any order (reported ascending)
   * @return the curve; after a stop (see the class comment) only the levels solved before it, with the
   *     stop as {@link WhatIfCurve#status()}
   * @throws IllegalArgumentException for no levels or a negative, non-finite or repeated level
   * @throws dev.segmentation.core.DataValidationException as {@link AllocationProblem#solve}
   */
  public WhatIfCurve budget(AllocationProblem problem, double... levels) {
    Objects.requireNonNull(problem, "problem");
    return curve(LimitKind.BUDGET, "budget", levels, problem::withBudget);
  }

  /**
   * Computes the frontier of the objective over the hours of one role.
   *
   * @param problem the problem
   * @param role the role whose hours vary
   * @param levels the hours, finite, {@code >= 0} and distinct, in any order (reported ascending)
   * @return the curve; after a stop (see the class comment) only the levels solved before it, with the
   *     stop as {@link WhatIfCurve#status()}
   * @throws IllegalArgumentException for an unknown role, no levels or a negative, non-finite or
   *     repeated level
   * @throws dev.segmentation.core.DataValidationException as {@link AllocationProblem#solve}
   */
  public WhatIfCurve roleHours(AllocationProblem problem, String role, double... levels) {
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(role, "role");
    if (problem.roles().stream().noneMatch(r -> r.name().equals(role))) {
      throw new IllegalArgumentException("WhatIf.roleHours: unknown role '" + role + "'; roles are: "
          + problem.roles().stream().map(Role::name).toList() + ".");
    }
    return curve(LimitKind.ROLE_HOURS, role, levels, h -> problem.withRoleHours(role, h));
  }

  private WhatIfCurve curve(LimitKind kind, String name, double[] levels,
      DoubleFunction<AllocationProblem> at) {
    double[] g = levels.clone();
    if (g.length == 0) {
      throw new IllegalArgumentException("WhatIf needs at least one level of " + name + ".");
    }
    Arrays.sort(g);
    for (int j = 0; j < g.length; j++) {
      if (!(Double.isFinite(g[j]) && g[j] >= 0)) {
        throw new IllegalArgumentException(
            "WhatIf levels of " + name + " must be finite and >= 0, found " + g[j] + ".");
      }
      if (j > 0 && g[j] == g[j - 1]) {
        throw new IllegalArgumentException("WhatIf level " + g[j] + " of " + name + " is repeated.");
      }
    }
    List<AllocationProblem> problems = new ArrayList<>();
    for (double level : g) {
      problems.add(at.apply(level));
    }
    Solved solved = solveEach(problems, true);
    // the levels kept: every level of a complete curve, those finished before the stop otherwise
    List<Integer> kept = new ArrayList<>();
    for (int j = 0; j < g.length; j++) {
      if (solved.plans[j] != null) {
        kept.add(j);
      }
    }
    int k = kept.size();
    double[] bound = new double[k];
    double min = Double.NaN;
    for (int q = k - 1; q >= 0; q--) {
      AllocationPlan p = solved.plans[kept.get(q)];
      double b = p.isFeasible() ? p.upperBound() : Double.NaN;
      if (!Double.isNaN(b) && (Double.isNaN(min) || b < min)) {
        min = b;
      }
      bound[q] = min;
    }
    List<WhatIfPoint> points = new ArrayList<>();
    int best = -1;
    for (int q = 0; q < k; q++) {
      int j = kept.get(q);
      AllocationPlan p = solved.plans[j];
      if (p.isFeasible() && (best < 0 || p.objective() >= solved.plans[best].objective())) {
        best = j;
      }
      AllocationPlan b = best < 0 ? null : solved.plans[best];
      double objective = b == null ? Double.NaN : b.objective();
      double gap = b == null || Double.isNaN(bound[q]) ? Double.NaN
          : (bound[q] - objective) / Math.max(1e-12, Math.abs(bound[q]));
      points.add(new WhatIfPoint(g[j], p.status(), objective, b == null ? Double.NaN : b.value(),
          b == null ? Double.NaN : b.cost(), b == null ? Double.NaN : g[best],
          p.objective(), bound[q], gap, p.isFeasible() ? p.shadowPrice(name) : Double.NaN));
    }
    return new WhatIfCurve(kind, name, points, solved.status);
  }

  /**
   * Computes the marginal value of one more rep of every role of a problem (see
   * {@link MarginalRepValue}): one solve of the problem, then one per role with the role's hours raised
   * by {@code planner.productiveHoursPerFte(role)}.
   *
   * @param problem the problem
   * @param planner hours per FTE and utilisation of each role
   * @return one entry per role, in problem order; after a stop (see the class comment) every solve
   *     still gives a plan, the solves stopped or started after the stop with status
   *     {@link dev.segmentation.allocation.PlanStatus#CANCELLED} or
   *     {@link dev.segmentation.allocation.PlanStatus#TIME_LIMIT} (each returns after its first dual
   *     evaluation)
   * @throws dev.segmentation.core.DataValidationException as {@link AllocationProblem#solve}
   */
  public MarginalRepValues marginalReps(AllocationProblem problem, CapacityPlanner planner) {
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(planner, "planner");
    List<Role> roles = problem.roles();
    List<AllocationProblem> problems = new ArrayList<>();
    problems.add(problem);
    for (Role r : roles) {
      problems.add(problem.withRoleHours(r.name(), r.hours() + planner.productiveHoursPerFte(r.name())));
    }
    AllocationPlan[] plans = solveEach(problems, false).plans;
    AllocationPlan base = plans[0];
    List<MarginalRepValue> out = new ArrayList<>();
    for (int r = 0; r < roles.size(); r++) {
      Role role = roles.get(r);
      AllocationPlan with = plans[r + 1];
      double added = planner.productiveHoursPerFte(role.name());
      double objective = base.objective();
      double withRep = with.isFeasible()
          ? (base.isFeasible() ? Math.max(with.objective(), objective) : with.objective())
          : (base.isFeasible() ? objective : Double.NaN);
      double shadow = base.isFeasible() ? base.shadowPrice(role.name()) : Double.NaN;
      out.add(new MarginalRepValue(role.name(), role.hours(), added, objective, withRep,
          withRep - objective, shadow, shadow * added, with.status()));
    }
    return new MarginalRepValues(base.status(), out);
  }

  /** Plans of a list of problems ({@code null} where a stop dropped or skipped one) and why. */
  private record Solved(AllocationPlan[] plans, WhatIfStatus status) {}

  /**
   * Solves each problem with {@link #limits} (and the rest of the whole-call time). With {@code drop},
   * a solve during or before which a stop is seen gives {@code null}; without, every problem gets a
   * plan (solves after a stop end at their first check).
   */
  private Solved solveEach(List<AllocationProblem> problems, boolean drop) {
    Stop stop = new Stop(totalTimeLimit);
    int n = problems.size();
    AllocationPlan[] plans = new AllocationPlan[n];
    if (parallelism == 1 || n == 1) {
      for (int i = 0; i < n; i++) {
        if (drop && stop.seen()) {
          break;
        }
        AllocationPlan plan = problems.get(i).solve(stop.levelLimits());
        if (drop && stop.seen()) {
          break; // stopped while solving: the plan is dropped
        }
        plans[i] = plan;
      }
      return new Solved(plans, stop.status(plans));
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, n), r -> {
      Thread t = new Thread(r, "segmentation-what-if");
      t.setDaemon(true);
      return t;
    });
    List<Future<AllocationPlan>> futures = new ArrayList<>();
    try {
      for (AllocationProblem p : problems) {
        futures.add(pool.submit(() -> {
          if (drop && stop.seen()) {
            return null;
          }
          AllocationPlan plan = p.solve(stop.levelLimits());
          return drop && stop.seen() ? null : plan;
        }));
      }
      for (int i = 0; i < n; i++) {
        try {
          plans[i] = futures.get(i).get();
        } catch (InterruptedException e) {
          // the caller's interrupt is a cancellation: stop the pool's solves, keep what finished
          stop.callerInterrupted();
          break;
        }
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("WhatIf solve failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
      if (stop.interrupted) {
        awaitEnd(pool);
      }
    }
    if (stop.interrupted) {
      for (int i = 0; i < n; i++) {
        Future<AllocationPlan> f = futures.get(i);
        plans[i] = null;
        if (f.isDone() && !f.isCancelled()) {
          plans[i] = doneValue(f);
        }
        if (plans[i] == null && !drop) {
          // not started before the stop: solved here, where the interrupt ends it at its first check
          plans[i] = problems.get(i).solve(stop.levelLimits());
        }
      }
    }
    return new Solved(plans, stop.status(plans));
  }

  /** The value of a completed future; rethrows its failure. */
  private static AllocationPlan doneValue(Future<AllocationPlan> f) {
    boolean interrupted = Thread.interrupted();
    try {
      return f.get();
    } catch (InterruptedException e) {
      throw new AssertionError("a completed future does not wait", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("WhatIf solve failed: " + e.getCause(), e.getCause());
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Waits (at most a minute) for the pool's interrupted solves to end, keeping the interrupt flag. */
  private static void awaitEnd(ExecutorService pool) {
    boolean interrupted = Thread.interrupted();
    long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    try {
      while (!pool.isTerminated() && System.nanoTime() - until < 0) {
        try {
          pool.awaitTermination(until - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The stop conditions of one call, polled by the caller and the pool's threads. */
  private final class Stop {
    private final long start = System.nanoTime();
    private final long budget;
    private volatile boolean interrupted;
    private final AtomicReference<WhatIfStatus> reason = new AtomicReference<>();

    Stop(Duration total) {
      long b = Long.MAX_VALUE;
      if (total != null) {
        try {
          b = total.toNanos();
        } catch (ArithmeticException e) {
          b = Long.MAX_VALUE;
        }
      }
      this.budget = b;
    }

    void callerInterrupted() {
      interrupted = true;
      Thread.currentThread().interrupt();
      reason.compareAndSet(null, WhatIfStatus.CANCELLED);
    }

    /** Tells whether a stop was seen now or before (and remembers the first reason). */
    boolean seen() {
      if (reason.get() != null) {
        return true;
      }
      WhatIfStatus now = null;
      if (interrupted || limits.cancellation().isCancelled()) {
        now = WhatIfStatus.CANCELLED;
      } else if (budget != Long.MAX_VALUE && System.nanoTime() - start >= budget) {
        now = WhatIfStatus.TIME_LIMIT;
      }
      if (now == null) {
        return false;
      }
      reason.compareAndSet(null, now);
      return true;
    }

    /** The limits of one solve: {@link #limits}, its time limit cut to the rest of the call's. */
    SolveLimits levelLimits() {
      if (budget == Long.MAX_VALUE) {
        return limits;
      }
      long left = Math.max(1, budget - (System.nanoTime() - start));
      Duration rest = Duration.ofNanos(left);
      Optional<Duration> own = limits.timeLimit();
      return own.isPresent() && own.get().compareTo(rest) <= 0 ? limits : limits.withTimeLimit(rest);
    }

    /** {@link WhatIfStatus#COMPLETE} when every problem has a plan, else the stop's reason. */
    WhatIfStatus status(AllocationPlan[] plans) {
      for (AllocationPlan p : plans) {
        if (p == null) {
          WhatIfStatus r = reason.get();
          return r == null ? WhatIfStatus.CANCELLED : r;
        }
      }
      return WhatIfStatus.COMPLETE;
    }
  }

  /**
   * Describes the configuration in one line.
   *
   * @return for example {@code WhatIf[limits=..., parallelism=1, totalTimeLimit=none]}
   */
  @Override
  public String toString() {
    return "WhatIf[limits=" + limits + ", parallelism=" + parallelism + ", totalTimeLimit="
        + (totalTimeLimit == null ? "none" : totalTimeLimit) + "]";
  }

  /**
   * Builder of {@link WhatIf}. Mutable and not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private SolveLimits limits = SolveLimits.defaults();
    private int parallelism = 1;
    private Duration totalTimeLimit;

    private Builder() {}

    /**
     * Sets a wall-time limit for a whole call, every level together (default none). Each level's solve
     * gets the rest of it as its time limit when that is shorter than {@link SolveLimits#timeLimit()}
     * of {@link #limits(SolveLimits)}. When it passes, the call returns the levels finished so far with
     * {@link WhatIfStatus#TIME_LIMIT} (not reproducible).
     *
     * @param limit positive duration
     * @return this builder
     * @throws IllegalArgumentException for a zero or negative duration
     */
    public Builder totalTimeLimit(Duration limit) {
      Objects.requireNonNull(limit, "limit");
      if (limit.isZero() || limit.isNegative()) {
        throw new IllegalArgumentException("WhatIf.totalTimeLimit must be positive, was " + limit + ".");
      }
      this.totalTimeLimit = limit;
      return this;
    }

    /**
     * Sets the limits of every solve (default {@link SolveLimits#defaults()}): the time and iteration
     * limits apply to each level's solve; the cancellation token stops the whole call.
     *
     * @param limits the limits
     * @return this builder
     */
    public Builder limits(SolveLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /**
     * Sets how many levels are solved at the same time (default 1: one after the other). The curve
     * does not depend on it.
     *
     * @param n at least 1
     * @return this builder
     * @throws IllegalArgumentException when {@code n < 1}
     */
    public Builder parallelism(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("WhatIf.parallelism must be >= 1, was " + n + ".");
      }
      this.parallelism = n;
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return the immutable configuration
     */
    public WhatIf build() {
      return new WhatIf(this);
    }
  }
}
