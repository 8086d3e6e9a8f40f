package dev.segmentation.allocation.calltime;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.Row;
import dev.segmentation.core.table.CategoricalColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * A call-time allocation problem in the style of CALLPLAN (Lodish 1971): choose the hours per year
 * {@code h_i} of every account to maximise the total response {@code sum_i r_i(h_i)} subject to
 * {@code sum of h_i over each group <= capacity of the group} and {@code min_i <= h_i <= max_i}.
 *
 * <p>A group is the role or rep that serves its accounts with a limited number of hours per year;
 * every account belongs to exactly one group, and groups are independent. Each {@code r_i} is a
 * {@link ResponseCurve}; S-shaped ADBUDG curves are replaced by their concave envelope (see
 * {@link ResponseCurve} and {@link CallTimePlan#gap()}).
 *
 * <p>Build a problem account by account:
 *
 * <pre>{@code
 * CallTimePlan plan = CallTimeProblem.builder()
 *     .group("field-east", 1600.0)
 *     .group("inside", 900.0)
 *     .account("A-1", "field-east", ResponseCurve.adbudg(0, 80_000, 30, 0.7)).hours(6, 120)
 *     .account("A-2", "field-east", ResponseCurve.exponential(50_000, 25))
 *     .account("A-3", "inside", ResponseCurve.piecewiseLinear(
 *         new double[] {0, 10, 40}, new double[] {0, 4_000, 7_000}))
 *     .build()
 *     .solve();
 * System.out.println(plan);
 * }</pre>
 *
 * <p>or from an {@link AccountTable} with a group column and parameter columns, the path for large
 * account bases (no per-account objects are kept):
 *
 * <pre>{@code
 * CallTimeProblem p = CallTimeProblem.fromTable(accounts)
 *     .groupColumn("rep")
 *     .group("rep-01", 1500).group("rep-02", 1400)
 *     .exponential("potential_margin", "saturation_hours")
 *     .hoursColumns("min_hours", "max_hours")
 *     .build();
 * }</pre>
 *
 * <p>Instances are immutable and safe to share between threads; {@link #solve()} is pure.
 *
 * @since 0.1
 */
public final class CallTimeProblem {

  private static final int PRINTED_GROUPS = 10;

  private final String idColumnName;
  private final String[] ids;
  private final int[] groupOf;
  private final double[] minHours;
  private final double[] maxHours;
  private final CurveSet curves;
  private final String[] groupNames;
  private final double[] capacity;
  /** Account indices grouped by group, in account order within a group. */
  private final int[] members;
  /** {@code members[groupStart[g] .. groupStart[g + 1])} are the accounts of group {@code g}. */
  private final int[] groupStart;
  private final Map<String, Integer> idIndex;
  private final Map<String, Integer> groupIndex;

  private CallTimeProblem(
      String idColumnName, String[] ids, int[] groupOf, double[] minHours, double[] maxHours,
      CurveSet curves, String[] groupNames, double[] capacity) {
    this.idColumnName = idColumnName;
    this.ids = ids;
    this.groupOf = groupOf;
    this.minHours = minHours;
    this.maxHours = maxHours;
    this.curves = curves;
    this.groupNames = groupNames;
    this.capacity = capacity;
    int g = groupNames.length;
    int[] start = new int[g + 1];
    for (int k : groupOf) {
      start[k + 1]++;
    }
    for (int k = 0; k < g; k++) {
      start[k + 1] += start[k];
    }
    int[] fill = Arrays.copyOf(start, g);
    int[] m = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      m[fill[groupOf[i]]++] = i;
    }
    this.members = m;
    this.groupStart = start;
    Map<String, Integer> index = new HashMap<>(Math.max(16, (int) (ids.length / 0.75f) + 1));
    for (int i = 0; i < ids.length; i++) {
      index.put(ids[i], i);
    }
    this.idIndex = index;
    Map<String, Integer> gi = new HashMap<>();
    for (int k = 0; k < g; k++) {
      gi.put(groupNames[k], k);
    }
    this.groupIndex = gi;
  }

  /**
   * Starts a fluent builder that declares groups and adds accounts one by one.
   *
   * <pre>{@code
   * CallTimeProblem p = CallTimeProblem.builder()
   *     .group("field-east", 1600.0)
   *     .account("A-1", "field-east", ResponseCurve.exponential(40_000, 20)).hours(4, 80)
   *     .build();
   * }</pre>
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a builder that reads accounts, groups, curve parameters and hour bounds from a table; the
   * accounts are the table's rows, in row order.
   *
   * <pre>{@code
   * CallTimeProblem p = CallTimeProblem.fromTable(accounts)
   *     .groupColumn("rep")
   *     .group("rep-01", 1500).group("rep-02", 1400)
   *     .adbudg(row -> 0.0, row -> row.numeric("potential"), row -> 30.0, row -> 0.8)
   *     .hours(2, 200)
   *     .build();
   * }</pre>
   *
   * @param accounts the accounts, one per row
   * @return a new builder
   */
  public static TableBuilder fromTable(AccountTable accounts) {
    return new TableBuilder(Objects.requireNonNull(accounts, "accounts"));
  }

  /**
   * Solves the problem by Lagrangian relaxation, group by group.
   *
   * <p>For a group with capacity {@code C} and multiplier {@code mu >= 0} every account takes
   * {@code h_i(mu) = clamp(curve_i.hoursAtMarginal(mu), min_i, max_i)}; the total
   * {@code S(mu) = sum_i h_i(mu)} is non-increasing in {@code mu}. The rules:
   *
   * <ul>
   *   <li>If {@code sum_i min_i > C} the group is {@linkplain GroupStatus#INFEASIBLE infeasible}: its
   *       accounts get their minimum hours and {@code mu = +Infinity}; no exception is thrown.
   *   <li>If {@code S(0) <= C} the capacity is not binding: {@code mu = 0} and every account gets the
   *       least hours beyond which an hour earns nothing (clamped to its bounds); spare hours stay
   *       unused.
   *   <li>Otherwise {@code mu} is found by bisection over the binary representation of the positive
   *       doubles (at most 64 halvings), ending with adjacent doubles {@code muLo < muHi} such that
   *       {@code S(muLo) > C >= S(muHi)}; {@code muHi} is reported. Accounts get {@code h_i(muHi)},
   *       and the remaining {@code C - S(muHi)} hours are handed out in account order, each account
   *       taking up to {@code h_i(muLo) - h_i(muHi)}. This splits ties (several accounts whose
   *       marginal response equals {@code mu} over an interval: piecewise-linear segments, identical
   *       S-shaped curves) by the documented rule "lowest account index first", so that S-shaped
   *       accounts are served fully one at a time and at most one per group ends on the linear part of
   *       its envelope.
   * </ul>
   *
   * <p>Tolerances: the multiplier is exact to one unit in the last place (adjacent doubles
   * {@code muLo < muHi}); each account's hours satisfy the optimality (KKT) conditions for a multiplier
   * in {@code [muLo, muHi]} up to the accuracy of {@link ResponseCurve#hoursAtMarginal} (exact closed
   * forms, or a Newton iteration run to convergence in double precision: marginal responses match
   * {@code mu} to a relative {@code 1e-12} or better). The hours used by a binding group equal its
   * capacity up to rounding: their compensated sum in account order never exceeds the capacity, and
   * a rounding excess of a few ulps is taken back from the last accounts of the group, so an account
   * may sit a relative {@code 1e-13} or so inside a bound it is meant to touch. Infeasibility is
   * decided exactly on the compensated sum of the minimum hours. Cost: at most 63 evaluations of
   * {@code S} per binding group, that is about {@code 63 * n} curve inversions for {@code n}
   * accounts; single-threaded and deterministic.
   *
   * @return the plan, with status {@link CallTimeStatus#INFEASIBLE} when a group's minimum hours exceed
   *     its capacity
   */
  public CallTimePlan solve() {
    return CallTimeSolver.solve(this);
  }

  /**
   * Returns the number of accounts.
   *
   * @return the number of accounts
   */
  public int accountCount() {
    return ids.length;
  }

  /**
   * Returns the name of the id column used when the plan is exported ({@code "id"} for problems built
   * with {@link #builder()}, the table's id column name for {@link #fromTable}).
   *
   * @return the id column name
   */
  public String idColumnName() {
    return idColumnName;
  }

  /**
   * Returns the account ids in problem order (builder order or table row order).
   *
   * @return an unmodifiable list of ids
   */
  public List<String> accountIds() {
    return Collections.unmodifiableList(Arrays.asList(ids));
  }

  /**
   * Returns the id of an account.
   *
   * @param account 0-based account index
   * @return the account id
   * @throws IndexOutOfBoundsException when the index is out of range
   */
  public String accountId(int account) {
    return ids[Objects.checkIndex(account, ids.length)];
  }

  /**
   * Returns the index of an account id.
   *
   * @param id an account id
   * @return its 0-based index
   * @throws IllegalArgumentException when no account has that id
   */
  public int indexOf(String id) {
    Integer i = idIndex.get(Objects.requireNonNull(id, "id"));
    if (i == null) {
      throw new IllegalArgumentException(
          "Unknown account \"" + id + "\"; the problem has " + ids.length + " accounts"
              + (ids.length == 0 ? "." : ", the first is \"" + ids[0] + "\"."));
    }
    return i;
  }

  /**
   * Returns the group of an account.
   *
   * @param account 0-based account index
   * @return the group name
   * @throws IndexOutOfBoundsException when the index is out of range
   */
  public String groupOf(int account) {
    return groupNames[groupOf[Objects.checkIndex(account, ids.length)]];
  }

  /**
   * Returns the response curve of an account (recreated from the stored parameters).
   *
   * @param account 0-based account index
   * @return the curve
   * @throws IndexOutOfBoundsException when the index is out of range
   */
  public ResponseCurve curve(int account) {
    return curves.curve(Objects.checkIndex(account, ids.length));
  }

  /**
   * Returns the minimum hours of an account.
   *
   * @param account 0-based account index
   * @return the minimum hours per year, finite and {@code >= 0}
   * @throws IndexOutOfBoundsException when the index is out of range
   */
  public double minHours(int account) {
    return minHours[Objects.checkIndex(account, ids.length)];
  }

  /**
   * Returns the maximum hours of an account.
   *
   * @param account 0-based account index
   * @return the maximum hours per year, {@code >= minHours(account)}, possibly {@code +Infinity}
   * @throws IndexOutOfBoundsException when the index is out of range
   */
  public double maxHours(int account) {
    return maxHours[Objects.checkIndex(account, ids.length)];
  }

  /**
   * Returns the group names in declaration order.
   *
   * @return an unmodifiable list of names
   */
  public List<String> groupNames() {
    return List.of(groupNames);
  }

  /**
   * Returns the capacity of a group.
   *
   * @param group a group name
   * @return the hours per year available to the group
   * @throws IllegalArgumentException when the group is unknown; the message lists the groups
   */
  public double capacityHours(String group) {
    return capacity[groupIndexOf(group)];
  }

  /**
   * Returns a problem equal to this one except for the capacity of one group, for what-if analysis.
   *
   * @param group a group name
   * @param capacityHours the new capacity, finite and {@code >= 0}
   * @return the new problem (this one is unchanged)
   * @throws IllegalArgumentException when the group is unknown or the capacity is negative, NaN or
   *     infinite
   */
  public CallTimeProblem withCapacity(String group, double capacityHours) {
    int g = groupIndexOf(group);
    checkCapacity(group, capacityHours);
    double[] c = capacity.clone();
    c[g] = capacityHours;
    return new CallTimeProblem(
        idColumnName, ids, groupOf, minHours, maxHours, curves, groupNames, c);
  }

  /** Index of a group; throws with the list of groups when unknown. */
  int groupIndexOf(String group) {
    Integer g = groupIndex.get(Objects.requireNonNull(group, "group"));
    if (g == null) {
      throw new IllegalArgumentException(
          "Unknown group \"" + group + "\"; groups are: " + String.join(", ", groupNames) + ".");
    }
    return g;
  }

  // package-private views for the solver and the plan (never modified)

  CurveSet curves() {
    return curves;
  }

  double[] minArray() {
    return minHours;
  }

  double[] maxArray() {
    return maxHours;
  }

  int[] groupOfArray() {
    return groupOf;
  }

  int[] members() {
    return members;
  }

  int[] groupStart() {
    return groupStart;
  }

  double[] capacityArray() {
    return capacity;
  }

  String groupName(int g) {
    return groupNames[g];
  }

  int groupCount() {
    return groupNames.length;
  }

  /**
   * Compares accounts, groups, capacities, bounds and curves.
   *
   * @param o the other object
   * @return {@code true} when both problems have the same content
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof CallTimeProblem other
        && idColumnName.equals(other.idColumnName)
        && Arrays.equals(ids, other.ids)
        && Arrays.equals(groupOf, other.groupOf)
        && Arrays.equals(minHours, other.minHours)
        && Arrays.equals(maxHours, other.maxHours)
        && Arrays.equals(groupNames, other.groupNames)
        && Arrays.equals(capacity, other.capacity)
        && curves.sameAs(other.curves);
  }

  /**
   * Hashes the content compared by {@link #equals}.
   *
   * @return the hash
   */
  @Override
  public int hashCode() {
    int h = Arrays.hashCode(ids);
    h = 31 * h + Arrays.hashCode(groupOf);
    h = 31 * h + Arrays.hashCode(minHours);
    h = 31 * h + Arrays.hashCode(maxHours);
    h = 31 * h + Arrays.hashCode(groupNames);
    h = 31 * h + Arrays.hashCode(capacity);
    return 31 * h + curves.contentHash();
  }

  /**
   * Describes the problem on one line, for example
   * {@code CallTimeProblem[accounts=3, groups={field-east=1600.0 h (2 accounts), inside=900.0 h (1
   * account)}]}; at most 10 groups are listed.
   *
   * @return the description
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("CallTimeProblem[accounts=").append(ids.length)
        .append(", groups={");
    int shown = Math.min(PRINTED_GROUPS, groupNames.length);
    for (int g = 0; g < shown; g++) {
      int count = groupStart[g + 1] - groupStart[g];
      sb.append(g == 0 ? "" : ", ").append(groupNames[g]).append('=').append(capacity[g])
          .append(" h (").append(count).append(count == 1 ? " account)" : " accounts)");
    }
    if (groupNames.length > shown) {
      sb.append(", ... ").append(groupNames.length - shown).append(" more");
    }
    return sb.append("}]").toString();
  }

  static void checkCapacity(String group, double capacityHours) {
    if (!(Double.isFinite(capacityHours) && capacityHours >= 0)) {
      throw new IllegalArgumentException(
          "Group \"" + group + "\": capacityHours must be a finite number >= 0, was " + capacityHours
              + ".");
    }
  }

  /** Returns an error message for bad bounds, or {@code null}. */
  static String checkBounds(double min, double max, String minLabel, String maxLabel) {
    if (!(Double.isFinite(min) && min >= 0)) {
      return minLabel + " must be a finite number >= 0, was " + min + ".";
    }
    if (Double.isNaN(max)) {
      return maxLabel + " must be a number >= " + minLabel + ", was NaN; use "
          + "Double.POSITIVE_INFINITY for no upper limit.";
    }
    if (max < min) {
      return maxLabel + " (" + max + ") must be >= " + minLabel + " (" + min + ").";
    }
    return null;
  }

  /**
   * Fluent builder that declares groups with their capacities and adds accounts with their curves and
   * hour bounds. Groups and accounts may come in any order; {@link #build()} checks that every account's
   * group is declared.
   *
   * <p>Builders are mutable and not thread-safe; {@link #build()} copies, so a builder may be reused.
   *
   * @since 0.1
   */
  public static final class Builder {

    private final List<String> groupNames = new ArrayList<>();
    private final List<Double> capacities = new ArrayList<>();
    private final Map<String, Integer> groupIndex = new HashMap<>();
    private final List<String> ids = new ArrayList<>();
    private final Map<String, Integer> idIndex = new HashMap<>();
    private final List<String> accountGroups = new ArrayList<>();
    private final List<ResponseCurve> curves = new ArrayList<>();
    private double[] min = new double[16];
    private double[] max = new double[16];

    private Builder() {}

    /**
     * Declares a group (a role or rep) and the hours per year it can spend on its accounts.
     *
     * @param name the group name, non-blank and unique
     * @param capacityHours the hours per year available, finite and {@code >= 0}
     * @return this builder
     * @throws IllegalArgumentException when the name is blank or the capacity negative, NaN or
     *     infinite; the message names the group
     * @throws IllegalStateException when the group is declared twice
     */
    public Builder group(String name, double capacityHours) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("Group name must be non-blank, was \"" + name + "\".");
      }
      checkCapacity(name, capacityHours);
      if (groupIndex.containsKey(name)) {
        throw new IllegalStateException(
            "Group \"" + name + "\" is declared twice (capacities "
                + capacities.get(groupIndex.get(name)) + " and " + capacityHours + ").");
      }
      groupIndex.put(name, groupNames.size());
      groupNames.add(name);
      capacities.add(capacityHours);
      return this;
    }

    /**
     * Adds an account served by a group, with hour bounds {@code [0, +Infinity)} unless
     * {@link AccountStep#hours} follows.
     *
     * @param id the account id, non-blank and unique
     * @param group the name of the group that serves it (declared before or after)
     * @param curve its response curve
     * @return a step that may set the account's hour bounds
     * @throws IllegalArgumentException when the id is blank
     * @throws IllegalStateException when the id was added before
     */
    public AccountStep account(String id, String group, ResponseCurve curve) {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(curve, "curve");
      if (id.isBlank()) {
        throw new IllegalArgumentException("Account id must be non-blank, was \"" + id + "\".");
      }
      if (idIndex.containsKey(id)) {
        throw new IllegalStateException(
            "Duplicate account id \"" + id + "\" (accounts " + idIndex.get(id) + " and "
                + ids.size() + "); ids must be unique.");
      }
      int i = ids.size();
      if (i == min.length) {
        min = Arrays.copyOf(min, 2 * i);
        max = Arrays.copyOf(max, 2 * i);
      }
      min[i] = 0;
      max[i] = Double.POSITIVE_INFINITY;
      idIndex.put(id, i);
      ids.add(id);
      accountGroups.add(group);
      curves.add(curve);
      return new AccountStep(this, i);
    }

    private void hours(int i, double minHours, double maxHours) {
      String problem = checkBounds(minHours, maxHours, "minHours", "maxHours");
      if (problem != null) {
        throw new IllegalArgumentException("Account \"" + ids.get(i) + "\": " + problem);
      }
      min[i] = minHours;
      max[i] = maxHours;
    }

    /**
     * Checks the accounts' groups and builds the problem.
     *
     * @return a new immutable problem
     * @throws IllegalArgumentException when an account names an undeclared group; the message names
     *     the account and lists the groups
     */
    public CallTimeProblem build() {
      int n = ids.size();
      int[] groupOf = new int[n];
      CurveSet.Builder cs = new CurveSet.Builder(n);
      for (int i = 0; i < n; i++) {
        Integer g = groupIndex.get(accountGroups.get(i));
        if (g == null) {
          throw new IllegalArgumentException(
              "Account \"" + ids.get(i) + "\": unknown group \"" + accountGroups.get(i)
                  + "\"; groups are: " + (groupNames.isEmpty() ? "(none)" : String.join(", ", groupNames))
                  + ".\nDeclare it with group(\"" + accountGroups.get(i) + "\", capacityHours).");
        }
        groupOf[i] = g;
        cs.add(curves.get(i));
      }
      double[] cap = new double[groupNames.size()];
      for (int g = 0; g < cap.length; g++) {
        cap[g] = capacities.get(g);
      }
      return new CallTimeProblem(
          AccountTable.DEFAULT_ID_COLUMN, ids.toArray(new String[0]), groupOf,
          Arrays.copyOf(min, n), Arrays.copyOf(max, n), cs.build(),
          groupNames.toArray(new String[0]), cap);
    }
  }

  /**
   * The step after {@link Builder#account}: optionally set the account's hour bounds, then continue
   * with the builder.
   *
   * <p>Not thread-safe, like its builder.
   *
   * @since 0.1
   */
  public static final class AccountStep {

    private final Builder builder;
    private final int account;

    private AccountStep(Builder builder, int account) {
      this.builder = builder;
      this.account = account;
    }

    /**
     * Sets the hours per year the account must get at least and may get at most.
     *
     * @param minHours the minimum, finite and {@code >= 0}
     * @param maxHours the maximum, {@code >= minHours}; {@code Double.POSITIVE_INFINITY} for no limit
     * @return the builder
     * @throws IllegalArgumentException when a bound is NaN, negative or {@code minHours > maxHours};
     *     the message names the account
     */
    public Builder hours(double minHours, double maxHours) {
      builder.hours(account, minHours, maxHours);
      return builder;
    }

    /**
     * Adds the next account, keeping this one's bounds at {@code [0, +Infinity)}; see
     * {@link Builder#account}.
     *
     * @param id the account id, non-blank and unique
     * @param group the name of the group that serves it
     * @param curve its response curve
     * @return a step that may set the new account's hour bounds
     * @throws IllegalArgumentException when the id is blank
     * @throws IllegalStateException when the id was added before
     */
    public AccountStep account(String id, String group, ResponseCurve curve) {
      return builder.account(id, group, curve);
    }

    /**
     * Declares a group; see {@link Builder#group}.
     *
     * @param name the group name, non-blank and unique
     * @param capacityHours the hours per year available, finite and {@code >= 0}
     * @return the builder
     * @throws IllegalArgumentException when the name is blank or the capacity is invalid
     * @throws IllegalStateException when the group is declared twice
     */
    public Builder group(String name, double capacityHours) {
      return builder.group(name, capacityHours);
    }

    /**
     * Builds the problem; see {@link Builder#build}.
     *
     * @return a new immutable problem
     * @throws IllegalArgumentException when an account names an undeclared group
     */
    public CallTimeProblem build() {
      return builder.build();
    }
  }

  /** A number per account: a numeric column or a function of the row. */
  private record Source(String name, String column, ToDoubleFunction<? super Row> function) {

    String label() {
      return column != null ? name + " (column '" + column + "')" : name;
    }

    double[] read(AccountTable t) {
      if (column != null) {
        return t.numeric(column).toArray();
      }
      int n = t.rowCount();
      double[] out = new double[n];
      for (int i = 0; i < n; i++) {
        try {
          out[i] = function.applyAsDouble(t.row(i));
        } catch (RuntimeException e) {
          throw new DataValidationException(
              "Account \"" + t.id(i) + "\" (row " + i + "): the " + name + " function failed: " + e,
              t.id(i), null, -1, e);
        }
      }
      return out;
    }
  }

  /**
   * Builds a problem from an {@link AccountTable}: one account per row (in row order), its group from
   * a categorical column, its curve parameters from numeric columns or functions of the row, and its
   * hour bounds from constants, columns or functions. The curve's parameters are read into arrays when
   * {@link #build()} runs; the solver then touches no per-account objects.
   *
   * <p>Builders are mutable and not thread-safe; {@link #build()} copies, so a builder may be reused.
   *
   * @since 0.1
   */
  public static final class TableBuilder {

    private enum Kind {
      EXPONENTIAL,
      ADBUDG,
      CUSTOM
    }

    private final AccountTable table;
    private String groupColumn;
    private final List<String> groupNames = new ArrayList<>();
    private final List<Double> capacities = new ArrayList<>();
    private Kind kind;
    private Source[] params;
    private Function<? super Row, ? extends ResponseCurve> curveFunction;
    private Source minSource;
    private Source maxSource;
    private double minConstant = 0;
    private double maxConstant = Double.POSITIVE_INFINITY;

    private TableBuilder(AccountTable table) {
      this.table = table;
    }

    /**
     * Names the categorical column that holds each account's group.
     *
     * @param column a categorical column of the table
     * @return this builder
     * @throws IllegalArgumentException when the column is unknown (the message lists the columns) or
     *     not categorical
     * @throws IllegalStateException when the group column was set before
     */
    public TableBuilder groupColumn(String column) {
      Objects.requireNonNull(column, "column");
      if (groupColumn != null) {
        throw new IllegalStateException(
            "The group column is already set to '" + groupColumn + "'; set it once.");
      }
      table.categorical(column);
      this.groupColumn = column;
      return this;
    }

    /**
     * Declares a group and its capacity; every group that occurs in the group column needs one.
     * Groups listed here without accounts are kept (with 0 hours used).
     *
     * @param name the group name, as it appears in the group column
     * @param capacityHours the hours per year available, finite and {@code >= 0}
     * @return this builder
     * @throws IllegalArgumentException when the name is blank or the capacity negative, NaN or
     *     infinite; the message names the group
     * @throws IllegalStateException when the group is declared twice
     */
    public TableBuilder group(String name, double capacityHours) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("Group name must be non-blank, was \"" + name + "\".");
      }
      checkCapacity(name, capacityHours);
      int at = groupNames.indexOf(name);
      if (at >= 0) {
        throw new IllegalStateException(
            "Group \"" + name + "\" is declared twice (capacities " + capacities.get(at) + " and "
                + capacityHours + ").");
      }
      groupNames.add(name);
      capacities.add(capacityHours);
      return this;
    }

    /**
     * Declares the groups and capacities of a map, in the map's iteration order (use a
     * {@code LinkedHashMap} or {@code TreeMap} for a stable group order).
     *
     * @param capacityHoursByGroup capacity per group name
     * @return this builder
     * @throws IllegalArgumentException when a name is blank or a capacity invalid
     * @throws IllegalStateException when a group is declared twice
     */
    public TableBuilder groups(Map<String, Double> capacityHoursByGroup) {
      Objects.requireNonNull(capacityHoursByGroup, "capacityHoursByGroup");
      for (Map.Entry<String, Double> e : capacityHoursByGroup.entrySet()) {
        group(e.getKey(), Objects.requireNonNull(e.getValue(), "capacity of " + e.getKey()));
      }
      return this;
    }

    private void setCurve(Kind k) {
      if (kind != null) {
        throw new IllegalStateException(
            "The response curve is already set (" + kind.name().toLowerCase(java.util.Locale.ROOT)
                + "); set it once.");
      }
      kind = k;
    }

    /**
     * Uses exponential saturation curves {@code r(h) = ceiling * (1 - exp(-h / scaleHours))} with
     * parameters from numeric columns.
     *
     * @param ceilingColumn numeric column of the ceiling (finite, {@code >= 0})
     * @param scaleHoursColumn numeric column of the e-folding hours (finite, {@code > 0})
     * @return this builder
     * @throws IllegalStateException when a curve was set before
     */
    public TableBuilder exponential(String ceilingColumn, String scaleHoursColumn) {
      setCurve(Kind.EXPONENTIAL);
      params = new Source[] {
        new Source("ceiling", Objects.requireNonNull(ceilingColumn, "ceilingColumn"), null),
        new Source("scaleHours", Objects.requireNonNull(scaleHoursColumn, "scaleHoursColumn"), null)
      };
      return this;
    }

    /**
     * Uses exponential saturation curves with parameters computed from each row (constants:
     * {@code row -> 20.0}).
     *
     * @param ceiling the ceiling of a row (finite, {@code >= 0})
     * @param scaleHours the e-folding hours of a row (finite, {@code > 0})
     * @return this builder
     * @throws IllegalStateException when a curve was set before
     */
    public TableBuilder exponential(
        ToDoubleFunction<? super Row> ceiling, ToDoubleFunction<? super Row> scaleHours) {
      setCurve(Kind.EXPONENTIAL);
      params = new Source[] {
        new Source("ceiling", null, Objects.requireNonNull(ceiling, "ceiling")),
        new Source("scaleHours", null, Objects.requireNonNull(scaleHours, "scaleHours"))
      };
      return this;
    }

    /**
     * Uses ADBUDG curves {@code r(h) = floor + (ceiling - floor) h^g / (d^g + h^g)} with parameters
     * from numeric columns; see {@link ResponseCurve#adbudg}.
     *
     * @param floorColumn numeric column of the response at 0 hours
     * @param ceilingColumn numeric column of the saturation response ({@code >= floor})
     * @param halfSaturationHoursColumn numeric column of {@code d > 0}
     * @param shapeColumn numeric column of {@code g > 0}
     * @return this builder
     * @throws IllegalStateException when a curve was set before
     */
    public TableBuilder adbudg(
        String floorColumn, String ceilingColumn, String halfSaturationHoursColumn,
        String shapeColumn) {
      setCurve(Kind.ADBUDG);
      params = new Source[] {
        new Source("floor", Objects.requireNonNull(floorColumn, "floorColumn"), null),
        new Source("ceiling", Objects.requireNonNull(ceilingColumn, "ceilingColumn"), null),
        new Source(
            "halfSaturationHours",
            Objects.requireNonNull(halfSaturationHoursColumn, "halfSaturationHoursColumn"), null),
        new Source("shape", Objects.requireNonNull(shapeColumn, "shapeColumn"), null)
      };
      return this;
    }

    /**
     * Uses ADBUDG curves with parameters computed from each row (constants: {@code row -> 0.8}).
     *
     * @param floor the response at 0 hours
     * @param ceiling the saturation response ({@code >= floor})
     * @param halfSaturationHours {@code d > 0}
     * @param shape {@code g > 0}
     * @return this builder
     * @throws IllegalStateException when a curve was set before
     */
    public TableBuilder adbudg(
        ToDoubleFunction<? super Row> floor, ToDoubleFunction<? super Row> ceiling,
        ToDoubleFunction<? super Row> halfSaturationHours, ToDoubleFunction<? super Row> shape) {
      setCurve(Kind.ADBUDG);
      params = new Source[] {
        new Source("floor", null, Objects.requireNonNull(floor, "floor")),
        new Source("ceiling", null, Objects.requireNonNull(ceiling, "ceiling")),
        new Source(
            "halfSaturationHours", null,
            Objects.requireNonNull(halfSaturationHours, "halfSaturationHours")),
        new Source("shape", null, Objects.requireNonNull(shape, "shape"))
      };
      return this;
    }

    /**
     * Uses any curve computed from each row, for example a piecewise-linear curve per segment. The
     * function runs once per row in {@link #build()}; the curves are then stored as arrays.
     *
     * @param curve the curve of a row, never {@code null}
     * @return this builder
     * @throws IllegalStateException when a curve was set before
     */
    public TableBuilder curve(Function<? super Row, ? extends ResponseCurve> curve) {
      setCurve(Kind.CUSTOM);
      this.curveFunction = Objects.requireNonNull(curve, "curve");
      return this;
    }

    /**
     * Sets the same hour bounds for every account (default {@code [0, +Infinity)}); replaces bounds
     * set before.
     *
     * @param minHours the minimum, finite and {@code >= 0}
     * @param maxHours the maximum, {@code >= minHours}; {@code Double.POSITIVE_INFINITY} for no limit
     * @return this builder
     * @throws IllegalArgumentException when a bound is NaN, negative or {@code minHours > maxHours}
     */
    public TableBuilder hours(double minHours, double maxHours) {
      String problem = checkBounds(minHours, maxHours, "minHours", "maxHours");
      if (problem != null) {
        throw new IllegalArgumentException(problem);
      }
      minSource = null;
      maxSource = null;
      minConstant = minHours;
      maxConstant = maxHours;
      return this;
    }

    /**
     * Reads the hour bounds from numeric columns; replaces bounds set before.
     *
     * @param minHoursColumn numeric column of minimum hours (finite, {@code >= 0})
     * @param maxHoursColumn numeric column of maximum hours ({@code >= min}; {@code +Infinity} allowed)
     * @return this builder
     */
    public TableBuilder hoursColumns(String minHoursColumn, String maxHoursColumn) {
      minSource = new Source("minHours", Objects.requireNonNull(minHoursColumn, "minHoursColumn"), null);
      maxSource = new Source("maxHours", Objects.requireNonNull(maxHoursColumn, "maxHoursColumn"), null);
      return this;
    }

    /**
     * Computes the hour bounds from each row; replaces bounds set before.
     *
     * @param minHours the minimum hours of a row (finite, {@code >= 0})
     * @param maxHours the maximum hours of a row ({@code >= min}; {@code +Infinity} allowed)
     * @return this builder
     */
    public TableBuilder hours(
        ToDoubleFunction<? super Row> minHours, ToDoubleFunction<? super Row> maxHours) {
      minSource = new Source("minHours", null, Objects.requireNonNull(minHours, "minHours"));
      maxSource = new Source("maxHours", null, Objects.requireNonNull(maxHours, "maxHours"));
      return this;
    }

    /**
     * Reads the table and builds the problem.
     *
     * @return a new immutable problem
     * @throws IllegalStateException when the group column or the curve is not set
     * @throws IllegalArgumentException when a named column is unknown or not numeric
     * @throws DataValidationException when an account's group is missing or has no declared capacity,
     *     a parameter or bound is NaN or out of range, or a curve function fails; the message names
     *     the account, its row and the column
     */
    public CallTimeProblem build() {
      if (groupColumn == null) {
        throw new IllegalStateException(
            "CallTimeProblem.fromTable(...) needs groupColumn(...) before build().");
      }
      if (kind == null) {
        throw new IllegalStateException(
            "CallTimeProblem.fromTable(...) needs a response curve before build(): exponential(...), "
                + "adbudg(...) or curve(...).");
      }
      int n = table.rowCount();
      String[] ids = table.ids().toArray(new String[0]);
      int[] groupOf = readGroups(n);
      double[] min;
      double[] max;
      if (minSource == null) {
        min = new double[n];
        max = new double[n];
        Arrays.fill(min, minConstant);
        Arrays.fill(max, maxConstant);
      } else {
        min = minSource.read(table);
        max = maxSource.read(table);
        for (int i = 0; i < n; i++) {
          String problem = checkBounds(min[i], max[i], minSource.label(), maxSource.label());
          if (problem != null) {
            String column = !(Double.isFinite(min[i]) && min[i] >= 0) ? minSource.column()
                : maxSource.column();
            throw new DataValidationException(
                "Account \"" + ids[i] + "\" (row " + i + "): " + problem, ids[i], column, -1, null);
          }
        }
      }
      CurveSet curves = readCurves(n, ids);
      double[] cap = new double[groupNames.size()];
      for (int g = 0; g < cap.length; g++) {
        cap[g] = capacities.get(g);
      }
      return new CallTimeProblem(
          table.idColumnName(), ids, groupOf, min, max, curves, groupNames.toArray(new String[0]),
          cap);
    }

    private int[] readGroups(int n) {
      CategoricalColumn col = table.categorical(groupColumn);
      List<String> levels = col.levels();
      int[] levelToGroup = new int[levels.size()];
      for (int l = 0; l < levels.size(); l++) {
        levelToGroup[l] = groupNames.indexOf(levels.get(l));
      }
      int[] groupOf = new int[n];
      for (int i = 0; i < n; i++) {
        int code = col.code(i);
        if (code == CategoricalColumn.MISSING_CODE) {
          throw new DataValidationException(
              "Account \"" + table.id(i) + "\" (row " + i + "): its group (column '" + groupColumn
                  + "') is missing; every account needs a group.",
              table.id(i), groupColumn, -1, null);
        }
        int g = levelToGroup[code];
        if (g < 0) {
          throw new DataValidationException(
              "Account \"" + table.id(i) + "\" (row " + i + "): group \"" + levels.get(code)
                  + "\" (column '" + groupColumn + "') has no capacity; declared groups are: "
                  + (groupNames.isEmpty() ? "(none)" : String.join(", ", groupNames))
                  + ".\nDeclare it with group(\"" + levels.get(code) + "\", capacityHours).",
              table.id(i), groupColumn, -1, null);
        }
        groupOf[i] = g;
      }
      return groupOf;
    }

    private CurveSet readCurves(int n, String[] ids) {
      CurveSet.Builder cs = new CurveSet.Builder(n);
      if (kind == Kind.CUSTOM) {
        for (int i = 0; i < n; i++) {
          ResponseCurve c;
          try {
            c = curveFunction.apply(table.row(i));
          } catch (RuntimeException e) {
            throw new DataValidationException(
                "Account \"" + ids[i] + "\" (row " + i + "): the curve function failed: "
                    + e.getMessage(),
                ids[i], null, -1, e);
          }
          if (c == null) {
            throw new DataValidationException(
                "Account \"" + ids[i] + "\" (row " + i + "): the curve function returned null; "
                    + "expected a ResponseCurve.",
                ids[i], null, -1, null);
          }
          cs.add(c);
        }
        return cs.build();
      }
      double[][] v = new double[params.length][];
      String[] labels = new String[params.length];
      for (int p = 0; p < params.length; p++) {
        v[p] = params[p].read(table);
        labels[p] = params[p].label();
      }
      for (int i = 0; i < n; i++) {
        if (kind == Kind.EXPONENTIAL) {
          int bad = CurveMath.badExponentialParameter(v[0][i], v[1][i]);
          if (bad >= 0) {
            throw badParameter(ids[i], i, bad, CurveMath.checkExponential(v[0][i], v[1][i], labels));
          }
          cs.exponential(v[0][i], v[1][i]);
        } else {
          int bad = CurveMath.badAdbudgParameter(v[0][i], v[1][i], v[2][i], v[3][i]);
          if (bad >= 0) {
            throw badParameter(
                ids[i], i, bad, CurveMath.checkAdbudg(v[0][i], v[1][i], v[2][i], v[3][i], labels));
          }
          cs.adbudg(v[0][i], v[1][i], v[2][i], v[3][i]);
        }
      }
      return cs.build();
    }

    private DataValidationException badParameter(String id, int row, int param, String message) {
      return new DataValidationException(
          "Account \"" + id + "\" (row " + row + "): " + message, id, params[param].column(), -1,
          null);
    }
  }
}
