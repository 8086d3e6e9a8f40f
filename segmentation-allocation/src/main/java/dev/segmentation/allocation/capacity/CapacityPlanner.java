package dev.segmentation.allocation.capacity;

import dev.segmentation.allocation.AllocationPlan;
import dev.segmentation.allocation.AllocationProblem;
import dev.segmentation.allocation.Channel;
import dev.segmentation.allocation.CoverageOption;
import dev.segmentation.allocation.LimitKind;
import dev.segmentation.allocation.LimitUsage;
import dev.segmentation.allocation.PerAccount;
import dev.segmentation.allocation.Role;
import dev.segmentation.allocation.SegmentSummary;
import dev.segmentation.core.AccountTable;
import dev.segmentation.core.DataValidationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns a coverage policy or an allocation plan into hours and FTEs needed per role.
 *
 * <pre>{@code
 * CapacityPlanner planner = CapacityPlanner.builder()
 *     .hoursPerFte(1_600)                 // paid hours per person and year
 *     .utilisation(0.75)                  // share of them spent on coverage work
 *     .role("inside", 1_700, 0.85)        // another rule for one role
 *     .build();
 * CapacityPlan fromPlan = planner.fromPlan(plan);
 * CapacityPlan fromPolicy = planner.fromPolicy(problem, Map.of("A", "field-12", "B", "field-4",
 *     "C", "inside-2", "", "none"));
 * System.out.println(fromPolicy);         // role, hours needed, FTEs, headcount, gap; hours per segment
 * }</pre>
 *
 * <p>FTE arithmetic is defined in {@link RoleCapacity}: {@code FTE = hours needed / (hoursPerFte x
 * utilisation)}, headcount = FTE rounded up. Hours are summed in account order, so the same input gives
 * the same numbers.
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @since 0.1
 */
public final class CapacityPlanner {

  private final double hoursPerFte;
  private final double utilisation;
  private final Map<String, double[]> perRole;

  private CapacityPlanner(Builder b) {
    this.hoursPerFte = b.hoursPerFte;
    this.utilisation = b.utilisation;
    Map<String, double[]> m = new TreeMap<>();
    b.perRole.forEach((k, v) -> m.put(k, v.clone()));
    this.perRole = Collections.unmodifiableMap(m);
  }

  /**
   * Starts a planner.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the paid hours per year of one FTE of a role (its own value, else the default).
   *
   * @param role a role name
   * @return the hours per FTE
   */
  public double hoursPerFte(String role) {
    double[] v = perRole.get(Objects.requireNonNull(role, "role"));
    return v == null ? hoursPerFte : v[0];
  }

  /**
   * Returns the utilisation of a role (its own value, else the default).
   *
   * @param role a role name
   * @return the utilisation, in {@code (0, 1]}
   */
  public double utilisation(String role) {
    double[] v = perRole.get(Objects.requireNonNull(role, "role"));
    return v == null ? utilisation : v[1];
  }

  /**
   * Returns the productive hours one more rep of a role adds, {@code hoursPerFte(role) *
   * utilisation(role)}.
   *
   * @param role a role name
   * @return hours per year
   */
  public double productiveHoursPerFte(String role) {
    return hoursPerFte(role) * utilisation(role);
  }

  /**
   * Computes the capacity a plan needs: the hours every role gives its accounts under the plan,
   * against the role's hours in the plan's limits.
   *
   * @param plan a feasible plan
   * @return the capacity plan; segments as in {@link AllocationPlan#segmentSummary()}
   * @throws IllegalArgumentException when the plan is infeasible (it assigns no options)
   */
  public CapacityPlan fromPlan(AllocationPlan plan) {
    Objects.requireNonNull(plan, "plan");
    if (!plan.isFeasible()) {
      throw new IllegalArgumentException("CapacityPlanner.fromPlan needs a feasible plan; the plan is "
          + plan.status() + ": " + String.join(" ", plan.conflicts()));
    }
    List<String> roles = plan.roleNames();
    double[] needed = new double[roles.size()];
    for (int i = 0; i < plan.accountIds().size(); i++) {
      List<Double> h = plan.outcome(i).hours();
      for (int r = 0; r < needed.length; r++) {
        needed[r] += h.get(r);
      }
    }
    Map<String, Double> available = new HashMap<>();
    for (LimitUsage u : plan.limits()) {
      if (u.kind() == LimitKind.ROLE_HOURS) {
        available.put(u.name(), u.capacity());
      }
    }
    List<RoleCapacity> out = new ArrayList<>();
    for (int r = 0; r < needed.length; r++) {
      String role = roles.get(r);
      out.add(new RoleCapacity(role, needed[r], available.getOrDefault(role, 0.0), hoursPerFte(role),
          utilisation(role)));
    }
    List<SegmentDemand> segments = new ArrayList<>();
    for (SegmentSummary s : plan.segmentSummary()) {
      segments.add(new SegmentDemand(s.segment(), s.accounts(), s.hours()));
    }
    return new CapacityPlan(out, segments);
  }

  /**
   * Computes the capacity a coverage policy needs: every account gets the option its segment maps
   * to (a locked account keeps its locked option), and the hours of those options are summed per role
   * and segment. Eligibility conditions ({@code eligibleWhen}) and the problem's limits are not
   * applied: the policy is evaluated as given.
   *
   * @param problem the problem giving accounts, segments, options, roles and locks
   * @param optionPerSegment option id per segment id; the key {@code ""} is the option of accounts
   *     without segment. Every segment that has accounts needs an entry; every entry must name a
   *     segment that has accounts and an option of the problem that is open to that segment.
   * @return the capacity plan
   * @throws IllegalArgumentException when a segment has no entry, an entry names an unknown segment
   *     or option, or an option is restricted to other segments (the message names them)
   * @throws DataValidationException when a per-account hours column is missing, not finite or
   *     negative for an account (the message names the account and column)
   */
  public CapacityPlan fromPolicy(AllocationProblem problem, Map<String, String> optionPerSegment) {
    Objects.requireNonNull(problem, "problem");
    Map<String, String> policy = new TreeMap<>(optionPerSegment);
    AccountTable t = problem.accounts();
    int n = t.rowCount();
    Map<String, CoverageOption> options = new LinkedHashMap<>();
    for (CoverageOption o : problem.options()) {
      options.put(o.id(), o);
    }
    String[] segment = new String[n];
    TreeSet<String> present = new TreeSet<>();
    for (int i = 0; i < n; i++) {
      segment[i] = problem.segmentOf(i).orElse("");
      present.add(segment[i]);
    }
    for (Map.Entry<String, String> e : policy.entrySet()) {
      String seg = Objects.requireNonNull(e.getKey(), "segment id");
      String id = Objects.requireNonNull(e.getValue(), "option id");
      if (!present.contains(seg)) {
        throw new IllegalArgumentException("Policy names segment '" + seg
            + "', which no account belongs to; segments are: " + present
            + " (\"\" = accounts without segment).");
      }
      CoverageOption o = options.get(id);
      if (o == null) {
        throw new IllegalArgumentException("Policy of segment '" + seg + "' names unknown option '"
            + id + "'; options are: " + options.keySet() + ".");
      }
      if (o.channel() != Channel.NONE && !o.segments().isEmpty() && !o.segments().contains(seg)) {
        throw new IllegalArgumentException("Policy gives option '" + id + "' to segment '" + seg
            + "', but the option is restricted to segments " + o.segments() + ".");
      }
    }
    TreeSet<String> missing = new TreeSet<>(present);
    missing.removeAll(policy.keySet());
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("Policy has no option for segments " + missing
          + "; give one option for every segment with accounts: " + present
          + " (\"\" = accounts without segment).");
    }
    List<Role> roles = problem.roles();
    // hours of each (option, role) per account, resolved lazily once
    Map<String, double[]> resolved = new HashMap<>();
    Map<String, double[]> bySegment = new TreeMap<>(
        Comparator.comparing(String::isEmpty).thenComparing(Comparator.naturalOrder()));
    Map<String, int[]> countBySegment = new HashMap<>();
    double[] needed = new double[roles.size()];
    for (int i = 0; i < n; i++) {
      String id = problem.locks().getOrDefault(t.id(i), policy.get(segment[i]));
      CoverageOption o = options.get(id);
      double[] seg = bySegment.computeIfAbsent(segment[i], s -> new double[roles.size()]);
      countBySegment.computeIfAbsent(segment[i], s -> new int[1])[0]++;
      for (int r = 0; r < roles.size(); r++) {
        PerAccount h = o.hours().get(roles.get(r).name());
        if (h == null) {
          continue;
        }
        String role = roles.get(r).name();
        double[] v = resolved.computeIfAbsent(o.id() + "\u0000" + role,
            k -> amounts(t, h, "hours of role '" + role + "' of option '" + o.id() + "'"));
        needed[r] += v[i];
        seg[r] += v[i];
      }
    }
    List<RoleCapacity> out = new ArrayList<>();
    for (int r = 0; r < roles.size(); r++) {
      Role role = roles.get(r);
      out.add(new RoleCapacity(role.name(), needed[r], role.hours(), hoursPerFte(role.name()),
          utilisation(role.name())));
    }
    List<SegmentDemand> segments = new ArrayList<>();
    for (Map.Entry<String, double[]> e : bySegment.entrySet()) {
      Map<String, Double> hours = new LinkedHashMap<>();
      for (int r = 0; r < roles.size(); r++) {
        hours.put(roles.get(r).name(), e.getValue()[r]);
      }
      segments.add(new SegmentDemand(e.getKey(), countBySegment.get(e.getKey())[0], hours));
    }
    return new CapacityPlan(out, segments);
  }

  private static double[] amounts(AccountTable t, PerAccount a, String what) {
    int n = t.rowCount();
    double[] v = new double[n];
    if (a.columnName().isEmpty()) {
      java.util.Arrays.fill(v, a.constant());
      return v;
    }
    String name = a.columnName().get();
    double[] col;
    try {
      col = t.numeric(name).toArray();
    } catch (IllegalArgumentException e) {
      throw new DataValidationException("The " + what + " column: " + e.getMessage(), null, name, -1,
          e);
    }
    for (int i = 0; i < n; i++) {
      if (!(Double.isFinite(col[i]) && col[i] >= 0)) {
        throw new DataValidationException(String.format(Locale.ROOT,
            "Column '%s' (%s), account \"%s\": %s; expected a finite number >= 0.", name, what,
            t.id(i), Double.isNaN(col[i]) ? "the value is missing" : "the value is " + col[i]),
            t.id(i), name, -1, null);
      }
      v[i] = col[i];
    }
    return v;
  }

  static void checkFte(String role, double hoursPerFte, double utilisation) {
    if (!(Double.isFinite(hoursPerFte) && hoursPerFte > 0)) {
      throw new IllegalArgumentException("Hours per FTE of role '" + role
          + "' must be finite and > 0, was " + hoursPerFte + ".");
    }
    if (!(utilisation > 0 && utilisation <= 1)) {
      throw new IllegalArgumentException("Utilisation of role '" + role + "' must be in (0, 1], was "
          + utilisation + ".");
    }
  }

  /**
   * Describes the planner in one line.
   *
   * @return for example {@code CapacityPlanner[hoursPerFte=1600.0, utilisation=0.75, roles={}]}
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("CapacityPlanner[hoursPerFte=").append(hoursPerFte)
        .append(", utilisation=").append(utilisation).append(", roles={");
    String sep = "";
    for (Map.Entry<String, double[]> e : perRole.entrySet()) {
      sb.append(sep).append(e.getKey()).append("=").append(e.getValue()[0]).append("x")
          .append(e.getValue()[1]);
      sep = ", ";
    }
    return sb.append("}]").toString();
  }

  /**
   * Builder of {@link CapacityPlanner}. Mutable and not thread-safe; {@link #build()} validates.
   *
   * @since 0.1
   */
  public static final class Builder {
    private double hoursPerFte = Double.NaN;
    private double utilisation = 1.0;
    private final Map<String, double[]> perRole = new TreeMap<>();

    private Builder() {}

    /**
     * Sets the paid hours per year of one FTE (required), for every role without its own value.
     *
     * @param hours finite and {@code > 0}, for example 1,600
     * @return this builder
     * @throws IllegalArgumentException for a non-positive or non-finite value
     */
    public Builder hoursPerFte(double hours) {
      checkFte("*", hours, 1.0);
      this.hoursPerFte = hours;
      return this;
    }

    /**
     * Sets the share of paid hours spent on coverage work (default 1), for every role without its
     * own value.
     *
     * @param share in {@code (0, 1]}
     * @return this builder
     * @throws IllegalArgumentException for a value outside {@code (0, 1]}
     */
    public Builder utilisation(double share) {
      checkFte("*", 1.0, share);
      this.utilisation = share;
      return this;
    }

    /**
     * Sets hours per FTE and utilisation of one role.
     *
     * @param role the role name
     * @param hoursPerFte finite and {@code > 0}
     * @param utilisation in {@code (0, 1]}
     * @return this builder
     * @throws IllegalArgumentException for a value out of range
     * @throws IllegalStateException when the role was already given
     */
    public Builder role(String role, double hoursPerFte, double utilisation) {
      Objects.requireNonNull(role, "role");
      checkFte(role, hoursPerFte, utilisation);
      if (perRole.containsKey(role)) {
        throw new IllegalStateException("CapacityPlanner: role '" + role + "' is given twice.");
      }
      perRole.put(role, new double[] {hoursPerFte, utilisation});
      return this;
    }

    /**
     * Validates and builds the planner.
     *
     * @return the immutable planner
     * @throws IllegalStateException when {@link #hoursPerFte(double)} was not set
     */
    public CapacityPlanner build() {
      if (Double.isNaN(hoursPerFte)) {
        throw new IllegalStateException("CapacityPlanner needs hoursPerFte(...), for example 1600.");
      }
      return new CapacityPlanner(this);
    }
  }
}
