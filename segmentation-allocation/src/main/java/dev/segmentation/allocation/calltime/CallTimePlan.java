package dev.segmentation.allocation.calltime;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.table.CsvOptions;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * The solution of a {@link CallTimeProblem}: hours per account, the response they earn, and per group
 * the capacity, hours used, marginal value of an hour (the shadow price {@code mu}) and status.
 *
 * <p>Definitions: {@link #response(int)} is the account's true response {@code r_i(h_i)};
 * {@link #totalResponse()} their sum; {@link #upperBound()} the sum of the concave envelopes
 * {@code sum_i env_i(h_i)}, the optimum of the concave problem the solver works on and an upper bound
 * on the true optimum; {@link #gap()} their difference, 0 unless an S-shaped ADBUDG account ends
 * strictly between 0 hours and its tangent hours. {@link #marginalResponse(int)} is the right
 * derivative of the account's envelope at its hours. Sums are compensated sums in account order.
 *
 * <pre>{@code
 * CallTimePlan plan = problem.solve();
 * plan.status();                                  // OPTIMAL, FEASIBLE or INFEASIBLE
 * plan.hours("A-1");                              // hours per year for the account
 * plan.group("field-east").marginalValue();       // value of one more hour of field-east capacity
 * plan.writeHoursCsv(Path.of("call-plan.csv"));   // id, group, hours, response, marginal_response
 * }</pre>
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @since 0.1
 */
public final class CallTimePlan {

  private static final int PRINTED_ACCOUNTS = 20;
  private static final int PRINTED_GROUPS = 20;
  private static final int MAX_CELL = 40;

  private final CallTimeProblem problem;
  private final double[] hours;
  private final double[] response;
  private final double[] marginal;
  private final List<GroupPlan> groups;
  private final CallTimeStatus status;
  private final double total;
  private final double upperBound;
  private final double gap;

  private CallTimePlan(
      CallTimeProblem problem, double[] hours, double[] response, double[] marginal,
      List<GroupPlan> groups, CallTimeStatus status, double total, double upperBound, double gap) {
    this.problem = problem;
    this.hours = hours;
    this.response = response;
    this.marginal = marginal;
    this.groups = groups;
    this.status = status;
    this.total = total;
    this.upperBound = upperBound;
    this.gap = gap;
  }

  static CallTimePlan create(CallTimeProblem p, double[] hours, GroupPlan[] groupPlans) {
    CurveSet curves = p.curves();
    int n = hours.length;
    double[] response = new double[n];
    double[] marginal = new double[n];
    CallTimeSolver.Sum total = new CallTimeSolver.Sum();
    CallTimeSolver.Sum upper = new CallTimeSolver.Sum();
    CallTimeSolver.Sum gap = new CallTimeSolver.Sum();
    for (int i = 0; i < n; i++) {
      double r = curves.value(i, hours[i]);
      double e = curves.envelopeValue(i, hours[i]);
      response[i] = r;
      marginal[i] = curves.envelopeDerivative(i, hours[i]);
      total.add(r);
      upper.add(e);
      gap.add(e - r);
    }
    boolean infeasible = false;
    for (GroupPlan g : groupPlans) {
      infeasible |= g.status() == GroupStatus.INFEASIBLE;
    }
    double gapValue = Math.max(0, gap.value());
    CallTimeStatus status = infeasible ? CallTimeStatus.INFEASIBLE
        : gapValue > 0 ? CallTimeStatus.FEASIBLE : CallTimeStatus.OPTIMAL;
    return new CallTimePlan(
        p, hours, response, marginal, List.of(groupPlans), status, total.value(), upper.value(),
        gapValue);
  }

  /**
   * Returns how the solve ended.
   *
   * @return {@link CallTimeStatus#OPTIMAL}, {@link CallTimeStatus#FEASIBLE} (S-shaped curves with a
   *     positive {@link #gap()}) or {@link CallTimeStatus#INFEASIBLE}
   */
  public CallTimeStatus status() {
    return status;
  }

  /**
   * Returns the problem this plan solves.
   *
   * @return the problem
   */
  public CallTimeProblem problem() {
    return problem;
  }

  /**
   * Returns the number of accounts.
   *
   * @return the number of accounts, as in the problem
   */
  public int accountCount() {
    return hours.length;
  }

  /**
   * Returns the id of an account.
   *
   * @param account 0-based account index (problem order)
   * @return the account id
   * @throws IndexOutOfBoundsException when the index is out of range
   */
  public String accountId(int account) {
    return problem.accountId(account);
  }

  /**
   * Returns the planned hours per year of an account.
   *
   * @param account 0-based account index (problem order)
   * @return the hours, within the account's bounds (at the minimum for an infeasible group)
   * @throws IndexOutOfBoundsException when the index is out of range
   */
  public double hours(int account) {
    return hours[Objects.checkIndex(account, hours.length)];
  }

  /**
   * Returns the planned hours per year of an account.
   *
   * @param id an account id
   * @return the hours
   * @throws IllegalArgumentException when no account has that id
   */
  public double hours(String id) {
    return hours[problem.indexOf(id)];
  }

  /**
   * Returns the planned hours of all accounts.
   *
   * @return a copy, in problem order
   */
  public double[] hours() {
    return hours.clone();
  }

  /**
   * Returns the expected response {@code r_i(h_i)} of an account at its planned hours.
   *
   * @param account 0-based account index (problem order)
   * @return the response
   * @throws IndexOutOfBoundsException when the index is out of range
   */
  public double response(int account) {
    return response[Objects.checkIndex(account, response.length)];
  }

  /**
   * Returns the expected responses of all accounts.
   *
   * @return a copy, in problem order
   */
  public double[] responses() {
    return response.clone();
  }

  /**
   * Returns the marginal response of an account at its planned hours: the right derivative of its
   * (envelope) curve. It equals its group's {@link GroupPlan#marginalValue()} when the account is
   * strictly inside its bounds, is at least that at its maximum and at most that at its minimum (to
   * the solver's tolerance).
   *
   * @param account 0-based account index (problem order)
   * @return the marginal response per hour, {@code >= 0}, possibly {@code +Infinity}
   * @throws IndexOutOfBoundsException when the index is out of range
   */
  public double marginalResponse(int account) {
    return marginal[Objects.checkIndex(account, marginal.length)];
  }

  /**
   * Returns the total expected response {@code sum_i r_i(h_i)}.
   *
   * @return the compensated sum in account order
   */
  public double totalResponse() {
    return total;
  }

  /**
   * Returns the total envelope response {@code sum_i env_i(h_i)}: the optimum of the concave problem,
   * an upper bound on the best total response any feasible plan can reach (for feasible problems).
   *
   * @return the upper bound; equal to {@link #totalResponse()} when all curves are concave
   */
  public double upperBound() {
    return upperBound;
  }

  /**
   * Returns {@code upperBound() - totalResponse()}, a bound on how far the plan may be from the true
   * optimum; positive only when S-shaped ADBUDG accounts end on the linear part of their envelope.
   *
   * @return the gap, {@code >= 0}
   */
  public double gap() {
    return gap;
  }

  /**
   * Returns the groups in declaration order.
   *
   * @return an unmodifiable list
   */
  public List<GroupPlan> groups() {
    return groups;
  }

  /**
   * Returns the result of one group.
   *
   * @param name a group name
   * @return the group's result
   * @throws IllegalArgumentException when the group is unknown; the message lists the groups
   */
  public GroupPlan group(String name) {
    return groups.get(problem.groupIndexOf(name));
  }

  /**
   * Describes each infeasible group: its name, the hours its accounts need at least and the hours
   * available.
   *
   * @return one message per infeasible group, in group order; empty when the plan is feasible
   */
  public List<String> conflicts() {
    List<String> out = new ArrayList<>();
    for (GroupPlan g : groups) {
      if (g.status() == GroupStatus.INFEASIBLE) {
        out.add(g.conflict());
      }
    }
    return List.copyOf(out);
  }

  /**
   * Returns the per-account plan as a table: the problem's id column, then {@code group}
   * (categorical), {@code hours}, {@code response} and {@code marginal_response} (numeric). When the
   * id column has one of these names it is called {@code account} instead.
   *
   * @return a new table, one row per account in problem order
   */
  public AccountTable toTable() {
    int n = hours.length;
    String id = problem.idColumnName();
    if (List.of("group", "hours", "response", "marginal_response").contains(id)) {
      id = "account";
    }
    List<Integer> rows = IntStream.range(0, n).boxed().toList();
    return AccountTable.from(rows, problem::accountId)
        .idColumn(id)
        .categorical("group", problem::groupOf)
        .numeric("hours", i -> hours[i])
        .numeric("response", i -> response[i])
        .numeric("marginal_response", i -> marginal[i])
        .build();
  }

  /**
   * Writes the per-account plan ({@link #toTable()}) as CSV with the default options: a header, numbers
   * in the shortest form that reads back exactly (locale-independent, {@code '.'} decimals), LF line
   * ends. Reading the file back with {@link AccountTable#readCsv} gives the same hours.
   *
   * @param path the file, created or replaced
   * @throws UncheckedIOException when the file cannot be written; the message names the path
   */
  public void writeHoursCsv(Path path) {
    Objects.requireNonNull(path, "path");
    toTable().writeCsv(path);
  }

  /**
   * Writes the per-account plan as CSV to a writer, which is flushed but not closed; see
   * {@link #writeHoursCsv(Path)}.
   *
   * @param writer the destination
   * @throws UncheckedIOException when the writer fails
   */
  public void writeHoursCsv(Writer writer) {
    Objects.requireNonNull(writer, "writer");
    toTable().writeCsv(writer, CsvOptions.defaults());
  }

  /**
   * Compares the problem and the results.
   *
   * @param o the other object
   * @return {@code true} when both plans solve equal problems with identical numbers
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof CallTimePlan other
        && status == other.status
        && Arrays.equals(hours, other.hours)
        && Arrays.equals(response, other.response)
        && Arrays.equals(marginal, other.marginal)
        && groups.equals(other.groups)
        && Double.compare(total, other.total) == 0
        && Double.compare(upperBound, other.upperBound) == 0
        && problem.equals(other.problem);
  }

  /**
   * Hashes the results.
   *
   * @return the hash
   */
  @Override
  public int hashCode() {
    return (31 * Arrays.hashCode(hours) + groups.hashCode()) * 31 + status.hashCode();
  }

  /**
   * Prints the plan as aligned text: a summary line, one row per group (capacity, minimum hours, hours
   * used, marginal value of an hour, accounts, status), the conflicts, and the first 20 accounts
   * (group, bounds, hours, response, marginal response); numbers right-aligned with fixed decimals.
   *
   * @return the text
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    int n = hours.length;
    sb.append("CallTimePlan: ").append(status).append(", ").append(n)
        .append(n == 1 ? " account in " : " accounts in ").append(groups.size())
        .append(groups.size() == 1 ? " group" : " groups").append(", total response ")
        .append(format(total, decimals(Math.abs(total))));
    if (gap > 0) {
      sb.append(", upper bound ").append(format(upperBound, decimals(Math.abs(upperBound))))
          .append(" (gap ").append(format(gap, decimals(Math.abs(upperBound)))).append(')');
    }
    sb.append('\n');
    int shownGroups = Math.min(PRINTED_GROUPS, groups.size());
    double[][] gcols = new double[4][shownGroups];
    String[] gnames = new String[shownGroups];
    String[] gcount = new String[shownGroups];
    String[] gstatus = new String[shownGroups];
    for (int g = 0; g < shownGroups; g++) {
      GroupPlan gp = groups.get(g);
      gnames[g] = gp.name();
      gcols[0][g] = gp.capacityHours();
      gcols[1][g] = gp.minimumHours();
      gcols[2][g] = gp.hoursUsed();
      gcols[3][g] = gp.marginalValue();
      gcount[g] = Integer.toString(gp.accountCount());
      gstatus[g] = gp.status().name();
    }
    sb.append(render(
        new String[] {"group", "capacity", "min hours", "hours used", "marginal value", "accounts",
            "status"},
        new boolean[] {false, true, true, true, true, true, false},
        new String[][] {gnames, numbers(gcols[0]), numbers(gcols[1]), numbers(gcols[2]),
            numbers(gcols[3]), gcount, gstatus}));
    if (groups.size() > shownGroups) {
      sb.append("... ").append(groups.size() - shownGroups).append(" more groups\n");
    }
    for (String c : conflicts()) {
      sb.append(c.replace('\n', ' ')).append('\n');
    }
    int shown = Math.min(PRINTED_ACCOUNTS, n);
    if (shown > 0) {
      String[] ids = new String[shown];
      String[] grp = new String[shown];
      double[][] cols = new double[5][shown];
      for (int i = 0; i < shown; i++) {
        ids[i] = problem.accountId(i);
        grp[i] = problem.groupOf(i);
        cols[0][i] = problem.minHours(i);
        cols[1][i] = problem.maxHours(i);
        cols[2][i] = hours[i];
        cols[3][i] = response[i];
        cols[4][i] = marginal[i];
      }
      sb.append('\n').append(render(
          new String[] {problem.idColumnName(), "group", "min", "max", "hours", "response",
              "marginal"},
          new boolean[] {false, false, true, true, true, true, true},
          new String[][] {ids, grp, numbers(cols[0]), numbers(cols[1]), numbers(cols[2]),
              numbers(cols[3]), numbers(cols[4])}));
      if (n > shown) {
        sb.append("... ").append(n - shown).append(" more accounts\n");
      }
    }
    return sb.toString();
  }

  /** Decimals so that the largest finite value shows about 6 significant digits, 0 to 6. */
  private static int decimals(double maxAbs) {
    if (!(maxAbs > 0) || !Double.isFinite(maxAbs)) {
      return 2;
    }
    int digits = (int) Math.floor(Math.log10(maxAbs)) + 1;
    return Math.max(0, Math.min(6, 6 - digits));
  }

  private static String format(double x, int decimals) {
    if (x == Double.POSITIVE_INFINITY) {
      return "inf";
    }
    return String.format(Locale.ROOT, "%." + decimals + "f", x);
  }

  private static String[] numbers(double[] v) {
    double maxAbs = 0;
    for (double x : v) {
      if (Double.isFinite(x)) {
        maxAbs = Math.max(maxAbs, Math.abs(x));
      }
    }
    int d = decimals(maxAbs);
    String[] out = new String[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = format(v[i], d);
    }
    return out;
  }

  private static String cut(String s) {
    return s.codePointCount(0, s.length()) <= MAX_CELL
        ? s
        : s.substring(0, s.offsetByCodePoints(0, MAX_CELL - 3)) + "...";
  }

  private static int width(String s) {
    return s.codePointCount(0, s.length());
  }

  private static String render(String[] headers, boolean[] right, String[][] columns) {
    int c = headers.length;
    int rows = columns[0].length;
    int[] width = new int[c];
    for (int j = 0; j < c; j++) {
      width[j] = width(cut(headers[j]));
      for (int i = 0; i < rows; i++) {
        width[j] = Math.max(width[j], width(cut(columns[j][i])));
      }
    }
    StringBuilder sb = new StringBuilder();
    line(sb, headers, right, width);
    for (int j = 0; j < c; j++) {
      sb.append(j == 0 ? "" : "  ").append("-".repeat(width[j]));
    }
    sb.append('\n');
    String[] cells = new String[c];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < c; j++) {
        cells[j] = columns[j][i];
      }
      line(sb, cells, right, width);
    }
    return sb.toString();
  }

  private static void line(StringBuilder sb, String[] cells, boolean[] right, int[] width) {
    StringBuilder line = new StringBuilder();
    for (int j = 0; j < cells.length; j++) {
      String s = cut(cells[j]);
      String pad = " ".repeat(width[j] - width(s));
      line.append(j == 0 ? "" : "  ").append(right[j] ? pad + s : s + pad);
    }
    int end = line.length();
    while (end > 0 && line.charAt(end - 1) == ' ') {
      end--;
    }
    sb.append(line, 0, end).append('\n');
  }
}
