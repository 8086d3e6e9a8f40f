package dev.segmentation.allocation.territory;

import dev.segmentation.allocation.AllocationPlan;
import dev.segmentation.allocation.AllocationProblem;
import dev.segmentation.allocation.CoverageOption;
import dev.segmentation.allocation.PerAccount;
import dev.segmentation.core.AccountTable;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.table.NumericColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Workload hours per account for territory design: from a coverage plan (the hours of one role that
 * each account's chosen option takes) or from a numeric column, and a helper that turns a table plus
 * workloads into {@link TerritoryAccount}s.
 *
 * <pre>{@code
 * AllocationPlan plan = problem.solve();
 * double[] hours = Workloads.fromPlan(problem, plan, "field");     // table order
 * List<TerritoryAccount> accounts = Workloads.accounts(problem.accounts(), hours, "potential");
 * }</pre>
 *
 * <p>All methods are pure and thread-safe.
 *
 * @since 0.1
 */
public final class Workloads {

  private Workloads() {}

  /**
   * Hours per year of one role for every account, from the option the plan chose for it: the option's
   * {@link PerAccount} hours of the role (a constant, or the account's value of the column), 0 when
   * the option takes no hours of the role.
   *
   * @param problem the solved problem
   * @param plan its plan
   * @param role a role of the problem
   * @return one value per account, in the order of {@code problem.accounts()} (and
   *     {@code plan.accountIds()})
   * @throws IllegalArgumentException when the role is unknown or the plan does not belong to the
   *     problem (other account ids)
   * @throws IllegalStateException when the plan is infeasible (it has no options)
   * @throws DataValidationException when an hours column is missing or not finite for an account
   */
  public static double[] fromPlan(AllocationProblem problem, AllocationPlan plan, String role) {
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(role, "role");
    List<String> roles = new ArrayList<>();
    problem.roles().forEach(r -> roles.add(r.name()));
    if (!roles.contains(role)) {
      throw new IllegalArgumentException(
          "Workloads.fromPlan: unknown role '" + role + "'; roles are: " + roles + ".");
    }
    AccountTable table = problem.accounts();
    if (!table.ids().equals(plan.accountIds())) {
      throw new IllegalArgumentException("Workloads.fromPlan: the plan's " + plan.accountIds().size()
          + " accounts are not the problem's " + table.rowCount() + " accounts (ids differ).");
    }
    if (!plan.isFeasible()) {
      throw new IllegalStateException("Workloads.fromPlan: the plan is " + plan.status()
          + " and chose no options; conflicts: " + String.join(" ", plan.conflicts()));
    }
    double[] out = new double[table.rowCount()];
    for (int i = 0; i < out.length; i++) {
      String optionId = plan.option(i);
      CoverageOption option = problem.options().stream().filter(o -> o.id().equals(optionId))
          .findFirst().orElseThrow(() -> new IllegalArgumentException("Workloads.fromPlan: the plan "
              + "chose option '" + optionId + "', which the problem does not have."));
      PerAccount hours = option.hours().get(role);
      if (hours == null) {
        continue;
      }
      double h = hours.columnName().isPresent()
          ? table.numeric(hours.columnName().get()).get(i) : hours.constant();
      if (!Double.isFinite(h)) {
        throw new DataValidationException(String.format(Locale.ROOT,
            "Account \"%s\": hours of role '%s' for option '%s' (%s) are %s; expected a finite number.",
            table.id(i), role, optionId, hours, h), table.id(i), hours.columnName().orElse(null), -1,
            null);
      }
      out[i] = h;
    }
    return out;
  }

  /**
   * Workload hours from a numeric column.
   *
   * @param table the accounts
   * @param column a numeric column of hours per year
   * @return the values in table order
   * @throws IllegalArgumentException when the column does not exist or is not numeric
   * @throws DataValidationException when a value is missing, negative or not finite; the message names
   *     the account
   */
  public static double[] fromColumn(AccountTable table, String column) {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(column, "column");
    NumericColumn c = table.numeric(column);
    double[] out = new double[table.rowCount()];
    for (int i = 0; i < out.length; i++) {
      out[i] = c.get(i);
      if (!(Double.isFinite(out[i]) && out[i] >= 0)) {
        throw new DataValidationException("Column '" + column + "' (account \"" + table.id(i)
            + "\"): workload " + out[i] + " must be a finite number >= 0.", table.id(i), column, -1,
            null);
      }
    }
    return out;
  }

  /**
   * Territory accounts from a table: ids from the table, workload from {@code workloadHours}, potential
   * from a numeric column (a missing potential is an error). Add locations, owners and locks with the
   * {@link TerritoryAccount} copy methods.
   *
   * @param table the accounts
   * @param workloadHours one value per row, {@code >= 0}
   * @param potentialColumn a numeric column with the potential per year
   * @return one account per row, in table order
   * @throws IllegalArgumentException when the lengths differ or the column is not numeric
   * @throws DataValidationException when a potential is missing, negative or not finite, or a workload
   *     is negative or not finite; the message names the account
   */
  public static List<TerritoryAccount> accounts(AccountTable table, double[] workloadHours,
      String potentialColumn) {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(workloadHours, "workloadHours");
    Objects.requireNonNull(potentialColumn, "potentialColumn");
    if (workloadHours.length != table.rowCount()) {
      throw new IllegalArgumentException("Workloads.accounts needs one workload per row ("
          + table.rowCount() + "), was " + workloadHours.length + ".");
    }
    NumericColumn pot = table.numeric(potentialColumn);
    List<TerritoryAccount> out = new ArrayList<>(table.rowCount());
    for (int i = 0; i < workloadHours.length; i++) {
      double p = pot.get(i);
      double w = workloadHours[i];
      if (!(Double.isFinite(p) && p >= 0) || !(Double.isFinite(w) && w >= 0)) {
        throw new DataValidationException("Account \"" + table.id(i) + "\": potential (column '"
            + potentialColumn + "') " + p + " and workload " + w
            + " must be finite numbers >= 0.", table.id(i), potentialColumn, -1, null);
      }
      out.add(TerritoryAccount.of(table.id(i), w, p));
    }
    return List.copyOf(out);
  }
}
