package dev.segmentation.allocation;

import dev.segmentation.allocation.internal.Compiled;
import dev.segmentation.allocation.internal.Mckp;
import dev.segmentation.allocation.internal.Solver;
import dev.segmentation.core.internal.BlockExecutor;
import dev.segmentation.core.internal.TextTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

/**
 * The result of solving an {@link AllocationProblem}: one coverage option per account (unless
 * {@link PlanStatus#INFEASIBLE}), its value, cost and use of every limit, the LP-relaxation upper bound
 * and gap, shadow prices, a per-segment summary, and why each account got its option.
 *
 * <p><b>Definitions.</b> {@link #value()} is the sum of the chosen options' values; {@link #cost()} the
 * sum of their money costs; {@link #objective()} is {@code value} or {@code value - cost} depending on
 * the problem's {@link Objective}. {@link #upperBound()} is the best value of the Lagrangian dual found,
 * which equals the LP relaxation's optimum when {@link #boundConverged()}; it bounds every plan's
 * objective from above. {@link #gap()} {@code = (upperBound - objective) / |upperBound|}.
 *
 * <p>A plan is usually made by {@link AllocationProblem#solve}; {@link #of} rebuilds one from saved
 * parts (as {@code dev.segmentation.allocation.json.AllocationJson.readPlan} does). Two plans are
 * {@linkplain #equals equal} when every part is equal, numbers compared bit for bit.
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @since 0.1
 */
public final class AllocationPlan {

  private final PlanStatus status;
  private final List<String> accountIds;
  private final List<String> optionIds;
  private final String[] segmentOf;
  private final int[] chosen;
  private final int[] runnerUp;
  private final double[] margin;
  private final double[] reduced;
  private final double value;
  private final double cost;
  private final double objective;
  private final double upperBound;
  private final boolean boundConverged;
  private final int iterations;
  private final List<LimitUsage> limits;
  private final List<String> conflicts;
  private final double[] accountValue;
  private final double[] accountCost;
  /** Hours of every role per account, flat: account {@code i}, role {@code r} at {@code i * roles + r}. */
  private final double[] accountHours;
  private final List<String> roleNames;

  private AllocationPlan(Builder b) {
    this.status = b.status;
    this.accountIds = b.accountIds;
    this.optionIds = b.optionIds;
    this.segmentOf = b.segmentOf;
    this.chosen = b.chosen;
    this.runnerUp = b.runnerUp;
    this.margin = b.margin;
    this.reduced = b.reduced;
    this.value = b.value;
    this.cost = b.cost;
    this.objective = b.objective;
    this.upperBound = b.upperBound;
    this.boundConverged = b.boundConverged;
    this.iterations = b.iterations;
    this.limits = List.copyOf(b.limits);
    this.conflicts = List.copyOf(b.conflicts);
    this.accountValue = b.accountValue;
    this.accountCost = b.accountCost;
    this.accountHours = b.accountHours;
    this.roleNames = List.copyOf(b.roleNames);
  }

  private static final class Builder {
    PlanStatus status;
    List<String> accountIds;
    List<String> optionIds;
    String[] segmentOf;
    int[] chosen;
    int[] runnerUp;
    double[] margin;
    double[] reduced;
    double value;
    double cost;
    double objective;
    double upperBound;
    boolean boundConverged;
    int iterations;
    List<LimitUsage> limits = new ArrayList<>();
    List<String> conflicts = new ArrayList<>();
    double[] accountValue;
    double[] accountCost;
    double[] accountHours;
    List<String> roleNames = new ArrayList<>();
  }

  static AllocationPlan create(AllocationProblem problem, Compiled c, Solver.Outcome o) {
    Mckp p = c.mckp;
    Builder b = new Builder();
    b.status = o.status;
    b.accountIds = c.ids;
    List<String> ids = new ArrayList<>();
    for (CoverageOption opt : c.options) {
      ids.add(opt.id());
    }
    b.optionIds = List.copyOf(ids);
    b.segmentOf = c.segmentOf;
    b.upperBound = o.bound;
    b.boundConverged = o.converged;
    b.iterations = o.iterations;
    b.conflicts.addAll(o.conflicts);
    for (Role r : problem.roles()) {
      b.roleNames.add(r.name());
    }
    int n = p.n;
    int m = p.m;
    double[] usage = new double[m];
    if (o.choice != null) {
      b.chosen = new int[n];
      b.runnerUp = new int[n];
      b.margin = new double[n];
      b.reduced = new double[n];
      b.accountValue = new double[n];
      b.accountCost = new double[n];
      b.accountHours = new double[n * c.roleRows];
      // per-account parts in blocks (each account on its own, so any number of threads gives the same);
      // the chosen candidates' objective values and row use are also copied in account order, so the
      // totals below read memory in sequence
      double[] objectives = new double[n];
      double[] uses = new double[n * m];
      try (BlockExecutor exec = BlockExecutor.create(problem.parallelism(), null)) {
        exec.run(BlockExecutor.blocks(n), blk -> {
          int to = Math.min(n, (blk + 1) * BlockExecutor.BLOCK_ROWS);
          for (int i = blk * BlockExecutor.BLOCK_ROWS; i < to; i++) {
            explain(c, o, b, i);
            int k = o.choice[i];
            objectives[i] = p.value[k];
            System.arraycopy(p.use, k * m, uses, i * m, m);
          }
        });
      }
      // the totals in account order
      for (int i = 0; i < n; i++) {
        b.value += b.accountValue[i];
        b.cost += b.accountCost[i];
        b.objective += objectives[i];
        for (int r = 0; r < m; r++) {
          usage[r] += uses[i * m + r];
        }
      }
    }
    for (int r = 0; r < m; r++) {
      boolean service = c.rowKind[r] == LimitKind.SERVICE_LEVEL;
      b.limits.add(new LimitUsage(c.rowName[r], c.rowKind[r],
          service ? -c.capacity[r] : c.capacity[r],
          o.choice == null ? Double.NaN : (service ? -usage[r] : usage[r]), o.lambda[r]));
    }
    return new AllocationPlan(b);
  }

  /** One account's option, value, cost, hours and explanation at the multipliers. */
  private static void explain(Compiled c, Solver.Outcome o, Builder b, int i) {
    Mckp p = c.mckp;
    int m = p.m;
    int k = o.choice[i];
    b.chosen[i] = p.option[k];
    b.accountValue[i] = c.grossValue[k];
    b.accountCost[i] = c.cost[k];
    for (int r = 0; r < c.roleRows; r++) {
      b.accountHours[i * c.roleRows + r] = p.use[k * m + r];
    }
    // explanation at the multipliers: the chosen option's reduced value and the best other option
    double own = p.reduced(k, o.lambda);
    int q = p.runnerUp(i, k, o.lambda);
    b.reduced[i] = own;
    b.runnerUp[i] = q < 0 ? -1 : p.option[q];
    b.margin[i] = q < 0 ? Double.POSITIVE_INFINITY : own - p.reduced(q, o.lambda);
  }

  /**
   * Rebuilds a plan from its parts, for example a plan saved as JSON; the parts are those the
   * accessors of a plan return, so {@code of(...)} with the parts of a plan {@code p} gives a plan
   * equal to {@code p}.
   *
   * <pre>{@code
   * AllocationPlan copy = AllocationPlan.of(p.status(), p.accountIds(),
   *     segments,                            // p.segmentOf(i).orElse("") for every row
   *     p.optionIds(), p.roleNames(),
   *     outcomes,                            // p.outcome(i) for every row; empty when infeasible
   *     p.value(), p.cost(), p.objective(), p.upperBound(), p.boundConverged(), p.iterations(),
   *     p.limits(), p.conflicts());
   * }</pre>
   *
   * <p>The totals are taken as given (they are not recomputed from the outcomes); for an
   * {@link PlanStatus#INFEASIBLE} plan they are ignored and {@link #value()}, {@link #cost()} and
   * {@link #objective()} return {@code NaN}.
   *
   * @param status how the solve ended
   * @param accountIds the account ids in table order, unique
   * @param segments the segment id of each account, {@code ""} for an account without segment
   * @param optionIds the ids of every option of the problem, in problem order, unique
   * @param roleNames the role names in problem order, unique
   * @param outcomes one outcome per account in table order; empty exactly when {@code status} is
   *     {@link PlanStatus#INFEASIBLE}
   * @param value the total value of the plan
   * @param cost the total money cost of the plan
   * @param objective the objective of the plan
   * @param upperBound the upper bound, {@code NaN} when there is none
   * @param boundConverged whether the bound computation converged
   * @param iterations the number of dual iterations, {@code >= 0}
   * @param limits the use of every limit, in order: roles, budget, service levels
   * @param conflicts the conflicting limits of an infeasible plan, in words
   * @return the plan
   * @throws IllegalArgumentException when the sizes do not match, ids repeat, an outcome names an
   *     option that is not in {@code optionIds}, an outcome's hours do not have one entry per role, or
   *     the outcomes do not match the status; the message names the offending entry
   * @since 0.1
   */
  public static AllocationPlan of(PlanStatus status, List<String> accountIds, List<String> segments,
      List<String> optionIds, List<String> roleNames, List<AccountOutcome> outcomes, double value,
      double cost, double objective, double upperBound, boolean boundConverged, int iterations,
      List<LimitUsage> limits, List<String> conflicts) {
    Objects.requireNonNull(status, "status");
    List<String> ids = List.copyOf(accountIds);
    List<String> segs = List.copyOf(segments);
    List<String> opts = List.copyOf(optionIds);
    List<String> roles = List.copyOf(roleNames);
    List<AccountOutcome> outs = List.copyOf(outcomes);
    int n = ids.size();
    if (segs.size() != n) {
      throw new IllegalArgumentException("AllocationPlan.of needs one segment per account (" + n
          + "), was " + segs.size() + ".");
    }
    unique(ids, "account id");
    unique(opts, "option id");
    unique(roles, "role name");
    if (iterations < 0) {
      throw new IllegalArgumentException(
          "AllocationPlan.of needs iterations >= 0, was " + iterations + ".");
    }
    boolean feasible = status != PlanStatus.INFEASIBLE;
    if (feasible ? outs.size() != n : !outs.isEmpty()) {
      throw new IllegalArgumentException("AllocationPlan.of needs " + (feasible
          ? "one outcome per account (" + n + ") for a " + status + " plan"
          : "no outcomes for an INFEASIBLE plan") + ", was " + outs.size() + ".");
    }
    Map<String, Integer> optionIndex = new HashMap<>();
    for (int q = 0; q < opts.size(); q++) {
      optionIndex.put(opts.get(q), q);
    }
    Builder b = new Builder();
    b.status = status;
    b.accountIds = ids;
    b.optionIds = opts;
    b.segmentOf = new String[n];
    for (int i = 0; i < n; i++) {
      b.segmentOf[i] = segs.get(i).isEmpty() ? null : segs.get(i);
    }
    if (feasible) {
      b.chosen = new int[n];
      b.runnerUp = new int[n];
      b.margin = new double[n];
      b.reduced = new double[n];
      b.accountValue = new double[n];
      b.accountCost = new double[n];
      b.accountHours = new double[n * roles.size()];
      for (int i = 0; i < n; i++) {
        AccountOutcome a = outs.get(i);
        Integer k = optionIndex.get(a.option());
        Integer r = a.runnerUp().isEmpty() ? Integer.valueOf(-1) : optionIndex.get(a.runnerUp());
        if (k == null || r == null) {
          throw new IllegalArgumentException("Outcome of account \"" + ids.get(i) + "\" names option '"
              + (k == null ? a.option() : a.runnerUp()) + "', which is not an option of the plan; "
              + "options are: " + opts + ".");
        }
        if (a.hours().size() != roles.size()) {
          throw new IllegalArgumentException("Outcome of account \"" + ids.get(i) + "\" has "
              + a.hours().size() + " hours, expected one per role " + roles + ".");
        }
        b.chosen[i] = k;
        b.runnerUp[i] = r;
        b.reduced[i] = a.reducedValue();
        b.margin[i] = a.margin();
        b.accountValue[i] = a.value();
        b.accountCost[i] = a.cost();
        for (int q = 0; q < roles.size(); q++) {
          b.accountHours[i * roles.size() + q] = a.hours().get(q);
        }
      }
      b.value = value;
      b.cost = cost;
      b.objective = objective;
    }
    b.upperBound = upperBound;
    b.boundConverged = boundConverged;
    b.iterations = iterations;
    b.limits.addAll(limits);
    b.conflicts.addAll(conflicts);
    b.roleNames.addAll(roles);
    return new AllocationPlan(b);
  }

  private static void unique(List<String> values, String what) {
    Set<String> seen = new HashSet<>();
    for (String v : values) {
      if (!seen.add(v)) {
        throw new IllegalArgumentException(
            "Duplicate " + what + " \"" + v + "\" in AllocationPlan.of; " + what + "s must be unique.");
      }
    }
  }

  /**
   * Returns how the solve ended.
   *
   * @return the status
   */
  public PlanStatus status() {
    return status;
  }

  /**
   * Tells whether the plan assigns options (every status but {@link PlanStatus#INFEASIBLE}).
   *
   * @return {@code true} when there is a feasible plan
   */
  public boolean isFeasible() {
    return chosen != null;
  }

  /**
   * Returns the conflicting limits of an infeasible problem, in words, for example
   * {@code "service:A>=60%[FIELD] (120 accounts) needs 14,200.0 hours of role 'field'; 12,000.0 hours
   * available."}.
   *
   * @return an unmodifiable list, empty for a feasible plan
   */
  public List<String> conflicts() {
    return conflicts;
  }

  /**
   * Returns the account ids in table order.
   *
   * @return an unmodifiable list
   */
  public List<String> accountIds() {
    return accountIds;
  }

  /**
   * Returns the option id of an account.
   *
   * @param row 0-based account row
   * @return the option id
   * @throws IllegalStateException for an infeasible plan
   */
  public String option(int row) {
    requireFeasible();
    return optionIds.get(chosen[Objects.checkIndex(row, chosen.length)]);
  }

  /**
   * Returns the option id of an account.
   *
   * @param accountId an account id
   * @return the option id
   * @throws IllegalArgumentException for an unknown account
   * @throws IllegalStateException for an infeasible plan
   */
  public String option(String accountId) {
    return option(rowOf(accountId));
  }

  private int rowOf(String accountId) {
    int i = accountIds.indexOf(Objects.requireNonNull(accountId, "accountId"));
    if (i < 0) {
      throw new IllegalArgumentException("Unknown account \"" + accountId + "\".");
    }
    return i;
  }

  private void requireFeasible() {
    if (chosen == null) {
      throw new IllegalStateException("The problem is infeasible; there is no plan. Conflicts: "
          + String.join(" ", conflicts));
    }
  }

  /**
   * Returns the segment of an account.
   *
   * @param row 0-based account row
   * @return the segment id, or empty for an account without segment
   * @throws IndexOutOfBoundsException for a row outside the plan
   * @since 0.1
   */
  public Optional<String> segmentOf(int row) {
    return Optional.ofNullable(segmentOf[Objects.checkIndex(row, segmentOf.length)]);
  }

  /**
   * Returns the ids of every option of the problem, whether chosen or not.
   *
   * @return an unmodifiable list in problem order, including the added "none" option
   * @since 0.1
   */
  public List<String> optionIds() {
    return optionIds;
  }

  /**
   * Returns the role names.
   *
   * @return an unmodifiable list in problem order; {@link AccountOutcome#hours()} follow it
   * @since 0.1
   */
  public List<String> roleNames() {
    return roleNames;
  }

  /**
   * Returns what the plan gives one account: its option with the explanation of {@link #explain(int)}
   * and the option's value, money cost and hours per role for this account.
   *
   * @param row 0-based account row
   * @return the outcome
   * @throws IllegalStateException for an infeasible plan
   * @throws IndexOutOfBoundsException for a row outside the plan
   * @since 0.1
   */
  public AccountOutcome outcome(int row) {
    requireFeasible();
    Objects.checkIndex(row, chosen.length);
    List<Double> hours = new ArrayList<>(roleNames.size());
    for (int r = 0; r < roleNames.size(); r++) {
      hours.add(accountHours[row * roleNames.size() + r]);
    }
    return new AccountOutcome(optionIds.get(chosen[row]), reduced[row],
        runnerUp[row] < 0 ? "" : optionIds.get(runnerUp[row]), margin[row], accountValue[row],
        accountCost[row], hours);
  }

  /**
   * What a feasible plan gives one account.
   *
   * @param option the chosen option id
   * @param reducedValue the chosen option's reduced value at the shadow prices (see
   *     {@link Explanation})
   * @param runnerUp the best other option at the shadow prices, or {@code ""} when the account had only
   *     one option
   * @param margin chosen minus runner-up reduced value ({@code +Infinity} without runner-up)
   * @param value the chosen option's value for this account, in the accounts' currency per year
   * @param cost the chosen option's money cost for this account, per year
   * @param hours the hours per year the option takes from each role, in the order of
   *     {@link AllocationPlan#roleNames()}
   * @since 0.1
   */
  public record AccountOutcome(String option, double reducedValue, String runnerUp, double margin,
      double value, double cost, List<Double> hours) {

    /**
     * Validates and copies.
     *
     * @param option the chosen option id
     * @param reducedValue the reduced value
     * @param runnerUp the runner-up option id, or {@code ""}
     * @param margin the margin
     * @param value the value
     * @param cost the cost
     * @param hours hours per role; copied
     * @throws NullPointerException when an id, the hours or one of their elements is {@code null}
     */
    public AccountOutcome {
      Objects.requireNonNull(option, "option");
      Objects.requireNonNull(runnerUp, "runnerUp");
      hours = List.copyOf(hours);
    }
  }

  /**
   * Returns the total value of the plan (without costs).
   *
   * @return the value, {@code NaN} when infeasible
   */
  public double value() {
    return chosen == null ? Double.NaN : value;
  }

  /**
   * Returns the total money cost of the plan.
   *
   * @return the cost, {@code NaN} when infeasible
   */
  public double cost() {
    return chosen == null ? Double.NaN : cost;
  }

  /**
   * Returns the objective: value, or value minus cost.
   *
   * @return the objective, {@code NaN} when infeasible
   */
  public double objective() {
    return chosen == null ? Double.NaN : objective;
  }

  /**
   * Returns the upper bound on the objective of any plan (the LP relaxation's optimum when
   * {@link #boundConverged()}).
   *
   * @return the bound
   */
  public double upperBound() {
    return upperBound;
  }

  /**
   * Tells whether the bound computation converged (the bound is the LP optimum).
   *
   * @return {@code true} when converged
   */
  public boolean boundConverged() {
    return boundConverged;
  }

  /**
   * Returns the relative gap {@code (upperBound - objective) / |upperBound|}.
   *
   * @return the gap, {@code >= 0} up to rounding; {@code NaN} when infeasible
   */
  public double gap() {
    return chosen == null ? Double.NaN
        : (upperBound - objective) / Math.max(1e-12, Math.abs(upperBound));
  }

  /**
   * Returns the number of dual iterations (evaluations of the dual function).
   *
   * @return the iterations
   */
  public int iterations() {
    return iterations;
  }

  /**
   * Returns the use of every limit with its shadow price, in order: roles, budget, service levels.
   *
   * @return an unmodifiable list
   */
  public List<LimitUsage> limits() {
    return limits;
  }

  /**
   * Returns the shadow price of a limit (see {@link LimitUsage}).
   *
   * @param limitName a role name, {@code "budget"} or a service level name
   * @return the shadow price
   * @throws IllegalArgumentException for an unknown limit
   */
  public double shadowPrice(String limitName) {
    for (LimitUsage u : limits) {
      if (u.name().equals(limitName)) {
        return u.shadowPrice();
      }
    }
    throw new IllegalArgumentException("Unknown limit '" + limitName + "'; limits are: "
        + limits.stream().map(LimitUsage::name).toList() + ".");
  }

  /**
   * Explains an account's option at the shadow prices.
   *
   * @param row 0-based account row
   * @return the explanation
   * @throws IllegalStateException for an infeasible plan
   */
  public Explanation explain(int row) {
    requireFeasible();
    Objects.checkIndex(row, chosen.length);
    return new Explanation(accountIds.get(row), optionIds.get(chosen[row]), reduced[row],
        runnerUp[row] < 0 ? "" : optionIds.get(runnerUp[row]), margin[row]);
  }

  /**
   * Why an account got its option: at the shadow prices {@code lambda}, each option is worth its value
   * minus the priced use of every limit ({@code value - sum_r lambda_r use_r}, the reduced value); the
   * plan gives each account its best option at these prices except where the integer repair had to
   * deviate (then the margin is negative).
   *
   * @param accountId the account
   * @param option the chosen option
   * @param reducedValue the chosen option's reduced value
   * @param runnerUp the best other option, or empty when the account had only one eligible option
   * @param margin chosen minus runner-up reduced value ({@code +Infinity} without runner-up)
   * @since 0.1
   */
  public record Explanation(
      String accountId, String option, double reducedValue, String runnerUp, double margin) {}

  /**
   * Summarises the plan per segment: accounts per option, value, cost and hours per role.
   *
   * @return one summary per segment id in sorted order, then accounts without segment (id {@code ""})
   * @throws IllegalStateException for an infeasible plan
   */
  public List<SegmentSummary> segmentSummary() {
    requireFeasible();
    // sorted segment ids, then "" (accounts without segment) last, as documented
    Map<String, SegmentSummary.Acc> acc = new TreeMap<>(
        Comparator.comparing(String::isEmpty).thenComparing(Comparator.naturalOrder()));
    for (int i = 0; i < chosen.length; i++) {
      String s = segmentOf[i] == null ? "" : segmentOf[i];
      SegmentSummary.Acc a = acc.computeIfAbsent(s, x -> new SegmentSummary.Acc(roleNames.size()));
      a.accounts++;
      a.perOption.merge(optionIds.get(chosen[i]), 1, Integer::sum);
      a.value += accountValue[i];
      a.cost += accountCost[i];
      for (int r = 0; r < roleNames.size(); r++) {
        a.hours[r] += accountHours[i * roleNames.size() + r];
      }
    }
    List<SegmentSummary> out = new ArrayList<>();
    for (Map.Entry<String, SegmentSummary.Acc> e : acc.entrySet()) {
      SegmentSummary.Acc a = e.getValue();
      Map<String, Integer> perOption = new LinkedHashMap<>();
      for (String id : optionIds) {
        if (a.perOption.containsKey(id)) {
          perOption.put(id, a.perOption.get(id));
        }
      }
      Map<String, Double> hours = new LinkedHashMap<>();
      for (int r = 0; r < roleNames.size(); r++) {
        hours.put(roleNames.get(r), a.hours[r]);
      }
      out.add(new SegmentSummary(e.getKey(), a.accounts, perOption, a.value, a.cost, hours));
    }
    return List.copyOf(out);
  }

  /**
   * Returns the row of an account id.
   *
   * @param accountId an account id
   * @return the row, or empty
   */
  public OptionalInt indexOf(String accountId) {
    int i = accountIds.indexOf(accountId);
    return i < 0 ? OptionalInt.empty() : OptionalInt.of(i);
  }

  /**
   * Compares every part: status, accounts, segments, options, roles, each account's outcome, the
   * totals, bound, iterations, limits and conflicts; numbers are compared bit for bit (as
   * {@link Double#compare}), so a plan read back from JSON equals the plan that was written.
   *
   * @param o the other object
   * @return {@code true} for equal plans
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof AllocationPlan p && status == p.status && accountIds.equals(p.accountIds)
        && optionIds.equals(p.optionIds) && roleNames.equals(p.roleNames)
        && Arrays.equals(segmentOf, p.segmentOf) && Arrays.equals(chosen, p.chosen)
        && Arrays.equals(runnerUp, p.runnerUp) && Arrays.equals(margin, p.margin)
        && Arrays.equals(reduced, p.reduced) && Double.compare(value, p.value) == 0
        && Double.compare(cost, p.cost) == 0 && Double.compare(objective, p.objective) == 0
        && Double.compare(upperBound, p.upperBound) == 0 && boundConverged == p.boundConverged
        && iterations == p.iterations && limits.equals(p.limits) && conflicts.equals(p.conflicts)
        && Arrays.equals(accountValue, p.accountValue) && Arrays.equals(accountCost, p.accountCost)
        && Arrays.equals(accountHours, p.accountHours);
  }

  /**
   * Hashes every part compared by {@link #equals(Object)}.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    int h = Objects.hash(status, accountIds, optionIds, roleNames, value, cost, objective, upperBound,
        boundConverged, iterations, limits, conflicts);
    h = 31 * h + Arrays.hashCode(segmentOf);
    h = 31 * h + Arrays.hashCode(chosen);
    h = 31 * h + Arrays.hashCode(runnerUp);
    h = 31 * h + Arrays.hashCode(margin);
    h = 31 * h + Arrays.hashCode(reduced);
    h = 31 * h + Arrays.hashCode(accountValue);
    h = 31 * h + Arrays.hashCode(accountCost);
    return 31 * h + Arrays.hashCode(accountHours);
  }

  /**
   * Prints status, objective, bound and gap, then one line per limit and the accounts per option.
   *
   * @return the text report
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append("AllocationPlan: ").append(status);
    if (chosen == null) {
      sb.append("\n  ").append(String.join("\n  ", conflicts)).append('\n');
      return sb.toString();
    }
    sb.append(String.format(Locale.ROOT,
        ", %d accounts, objective %.2f (value %.2f, cost %.2f), upper bound %.2f, gap %.3g%s%n",
        chosen.length, objective, value, cost, upperBound, gap(),
        boundConverged ? "" : " (bound not converged)"));
    TextTable t = new TextTable(List.of("limit", "kind", "capacity", "used", "utilisation",
        "shadow_price"), new boolean[] {false, false, true, true, true, true});
    for (LimitUsage u : limits) {
      t.addRow(u.name(), u.kind().toString(), String.format(Locale.ROOT, "%.2f", u.capacity()),
          String.format(Locale.ROOT, "%.2f", u.used()),
          String.format(Locale.ROOT, "%.1f%%", 100 * u.utilisation()),
          String.format(Locale.ROOT, "%.6g", u.shadowPrice()));
    }
    sb.append(t.render());
    int[] count = new int[optionIds.size()];
    for (int c : chosen) {
      count[c]++;
    }
    TextTable o = new TextTable(List.of("option", "accounts"), new boolean[] {false, true});
    for (int q = 0; q < optionIds.size(); q++) {
      o.addRow(optionIds.get(q), Integer.toString(count[q]));
    }
    sb.append(o.render());
    return sb.toString();
  }
}
