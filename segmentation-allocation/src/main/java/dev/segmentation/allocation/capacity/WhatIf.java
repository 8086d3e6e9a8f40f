package dev.segmentation.allocation.capacity;

import dev.segmentation.allocation.AllocationPlan;
import dev.segmentation.allocation.AllocationProblem;
import dev.segmentation.allocation.LimitKind;
import dev.segmentation.allocation.Role;
import dev.segmentation.allocation.SolveLimits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * <p>Instances are immutable and safe to share between threads.
 *
 * @since 0.1
 */
public final class WhatIf {

  private final SolveLimits limits;
  private final int parallelism;

  private WhatIf(Builder b) {
    this.limits = b.limits;
    this.parallelism = b.parallelism;
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
   * @return the curve
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
   * @return the curve
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
    List<AllocationPlan> plans = solveAll(g, at);
    int k = g.length;
    double[] bound = new double[k];
    double min = Double.NaN;
    for (int j = k - 1; j >= 0; j--) {
      AllocationPlan p = plans.get(j);
      double b = p.isFeasible() ? p.upperBound() : Double.NaN;
      if (!Double.isNaN(b) && (Double.isNaN(min) || b < min)) {
        min = b;
      }
      bound[j] = min;
    }
    List<WhatIfPoint> points = new ArrayList<>();
    int best = -1;
    for (int j = 0; j < k; j++) {
      AllocationPlan p = plans.get(j);
      if (p.isFeasible() && (best < 0 || p.objective() >= plans.get(best).objective())) {
        best = j;
      }
      AllocationPlan b = best < 0 ? null : plans.get(best);
      double objective = b == null ? Double.NaN : b.objective();
      double gap = b == null || Double.isNaN(bound[j]) ? Double.NaN
          : (bound[j] - objective) / Math.max(1e-12, Math.abs(bound[j]));
      points.add(new WhatIfPoint(g[j], p.status(), objective, b == null ? Double.NaN : b.value(),
          b == null ? Double.NaN : b.cost(), b == null ? Double.NaN : g[best],
          p.objective(), bound[j], gap, p.isFeasible() ? p.shadowPrice(name) : Double.NaN));
    }
    return new WhatIfCurve(kind, name, points);
  }

  /**
   * Computes the marginal value of one more rep of every role of a problem (see
   * {@link MarginalRepValue}): one solve of the problem, then one per role with the role's hours raised
   * by {@code planner.productiveHoursPerFte(role)}.
   *
   * @param problem the problem
   * @param planner hours per FTE and utilisation of each role
   * @return one entry per role, in problem order
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
    List<AllocationPlan> plans = solveEach(problems);
    AllocationPlan base = plans.get(0);
    List<MarginalRepValue> out = new ArrayList<>();
    for (int r = 0; r < roles.size(); r++) {
      Role role = roles.get(r);
      AllocationPlan with = plans.get(r + 1);
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

  private List<AllocationPlan> solveAll(double[] g, DoubleFunction<AllocationProblem> at) {
    List<AllocationProblem> problems = new ArrayList<>();
    for (double level : g) {
      problems.add(at.apply(level));
    }
    return solveEach(problems);
  }

  private List<AllocationPlan> solveEach(List<AllocationProblem> problems) {
    List<AllocationPlan> out = new ArrayList<>();
    if (parallelism == 1 || problems.size() == 1) {
      for (AllocationProblem p : problems) {
        out.add(p.solve(limits));
      }
      return out;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, problems.size()), r -> {
      Thread t = new Thread(r, "segmentation-what-if");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<AllocationPlan>> futures = new ArrayList<>();
      for (AllocationProblem p : problems) {
        futures.add(pool.submit(() -> p.solve(limits)));
      }
      for (Future<AllocationPlan> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("WhatIf was interrupted while solving.", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("WhatIf solve failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Describes the configuration in one line.
   *
   * @return for example {@code WhatIf[limits=..., parallelism=1]}
   */
  @Override
  public String toString() {
    return "WhatIf[limits=" + limits + ", parallelism=" + parallelism + "]";
  }

  /**
   * Builder of {@link WhatIf}. Mutable and not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private SolveLimits limits = SolveLimits.defaults();
    private int parallelism = 1;

    private Builder() {}

    /**
     * Sets the limits of every solve (default {@link SolveLimits#defaults()}).
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
