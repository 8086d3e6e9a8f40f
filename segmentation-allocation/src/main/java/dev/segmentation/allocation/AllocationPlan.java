package dev.segmentation.allocation;

import dev.segmentation.allocation.internal.Compiled;
import dev.segmentation.allocation.internal.Mckp;
import dev.segmentation.allocation.internal.Solver;
import dev.segmentation.core.internal.TextTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
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
  private final double[][] accountHours;
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
    double[][] accountHours;
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
      b.accountHours = new double[n][c.roleRows];
      for (int i = 0; i < n; i++) {
        int k = o.choice[i];
        b.chosen[i] = p.option[k];
        b.value += c.grossValue[k];
        b.cost += c.cost[k];
        b.objective += p.value[k];
        b.accountValue[i] = c.grossValue[k];
        b.accountCost[i] = c.cost[k];
        for (int r = 0; r < m; r++) {
          usage[r] += p.use[k * m + r];
        }
        for (int r = 0; r < c.roleRows; r++) {
          b.accountHours[i][r] = p.use[k * m + r];
        }
        // explanation at the multipliers: the chosen option's reduced value and the best other option
        double own = p.reduced(k, o.lambda);
        double other = Double.NEGATIVE_INFINITY;
        int otherOpt = -1;
        for (int q = p.start[i]; q < p.start[i + 1]; q++) {
          if (q != k) {
            double red = p.reduced(q, o.lambda);
            if (red > other) {
              other = red;
              otherOpt = p.option[q];
            }
          }
        }
        b.reduced[i] = own;
        b.runnerUp[i] = otherOpt;
        b.margin[i] = otherOpt < 0 ? Double.POSITIVE_INFINITY : own - other;
      }
    }
    for (int r = 0; r < m; r++) {
      boolean service = c.rowKind[r] == LimitKind.SERVICE_LEVEL;
      b.limits.add(new LimitUsage(c.rowName[r], c.rowKind[r], service ? -p.rhs[r] : p.rhs[r],
          o.choice == null ? Double.NaN : (service ? -usage[r] : usage[r]), o.lambda[r]));
    }
    return new AllocationPlan(b);
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
    Map<String, SegmentSummary.Acc> acc = new TreeMap<>();
    for (int i = 0; i < chosen.length; i++) {
      String s = segmentOf[i] == null ? "" : segmentOf[i];
      SegmentSummary.Acc a = acc.computeIfAbsent(s, x -> new SegmentSummary.Acc(roleNames.size()));
      a.accounts++;
      a.perOption.merge(optionIds.get(chosen[i]), 1, Integer::sum);
      a.value += accountValue[i];
      a.cost += accountCost[i];
      for (int r = 0; r < roleNames.size(); r++) {
        a.hours[r] += accountHours[i][r];
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
