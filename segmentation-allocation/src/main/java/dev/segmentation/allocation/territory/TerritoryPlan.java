package dev.segmentation.allocation.territory;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.table.CategoricalColumn;
import dev.segmentation.core.internal.TextTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The result of a {@link TerritoryProblem}: the rep of each account, each rep's load against its
 * target band, travel, how much of each book was kept, the balance achieved and, where cheap, a lower
 * bound on the objective. There is always an assignment (the best found), also when the status is
 * {@link TerritoryStatus#INFEASIBLE} or {@link TerritoryStatus#UNBALANCED}; then
 * {@link #explanation()} says which accounts and reps stand in the way.
 *
 * <p><b>Definitions.</b> A rep's <em>deviation</em> is {@code (load - target) / target} (0 when the
 * target is 0). {@link #maxDeviation()} is the largest absolute deviation over the reps;
 * {@link #coefficientOfVariation()} is the population standard deviation (divisor = number of reps)
 * of {@code load / target} over reps with a positive target, divided by its mean.
 * {@link #totalDistanceKm()} sums the great-circle distance from each assigned account's rep home to
 * the account ({@link Location#distanceKm}); 0 km when either location is unknown.
 * <em>Owned</em> accounts are accounts in scope whose current owner is a rep of the role;
 * {@link #keptShare()} is kept / owned (1 when nothing is owned). {@link #objective()} is
 * {@code distanceWeight × totalDistanceKm + disruptionCost × movedAccounts}; {@link #lowerBound()}
 * bounds the objective of every assignment that meets all bands (and the minimum kept share) from
 * below.
 *
 * <p>Instances are immutable and safe to share between threads. Two plans are equal when every part
 * is equal, numbers compared bit for bit.
 *
 * @since 0.1
 */
public final class TerritoryPlan {

  private final TerritoryStatus status;
  private final String role;
  private final BalanceMeasure measure;
  private final double tolerance;
  private final double distanceWeight;
  private final double disruptionCost;
  private final double minKeptShare;
  private final int candidateReps;
  private final int iterations;
  private final double lowerBound;
  private final List<String> explanation;
  private final List<RepLoad> reps;
  private final List<AccountAssignment> accounts;
  // derived
  /** Account id to position; built on first use for plans of the solver (ids unique there). */
  private volatile Map<String, Integer> accountIndex;
  private final double maxDeviation;
  private final double cv;
  private final double totalDistanceKm;
  private final int owned;
  private final int kept;
  private final int requiredKept;
  private final boolean balanced;

  private TerritoryPlan(TerritoryStatus status, String role, BalanceMeasure measure, double tolerance,
      double distanceWeight, double disruptionCost, double minKeptShare, int candidateReps,
      int iterations, double lowerBound, List<String> explanation, List<RepLoad> reps,
      List<AccountAssignment> accounts, boolean checkIds) {
    this.status = status;
    this.role = role;
    this.measure = measure;
    this.tolerance = tolerance;
    this.distanceWeight = distanceWeight;
    this.disruptionCost = disruptionCost;
    this.minKeptShare = minKeptShare;
    this.candidateReps = candidateReps;
    this.iterations = iterations;
    this.lowerBound = lowerBound;
    this.explanation = explanation;
    this.reps = reps;
    this.accounts = accounts;
    Set<String> repIds = new HashSet<>();
    for (RepLoad r : reps) {
      if (!repIds.add(r.repId())) {
        throw new IllegalArgumentException("Duplicate rep \"" + r.repId() + "\" in TerritoryPlan.");
      }
    }
    if (checkIds) {
      this.accountIndex = index(accounts);
    }
    double dist = 0;
    int own = 0;
    int keep = 0;
    for (int i = 0; i < accounts.size(); i++) {
      AccountAssignment a = accounts.get(i);
      if (!a.rep().isEmpty() && !repIds.contains(a.rep())) {
        throw new IllegalArgumentException("Account \"" + a.accountId() + "\" is assigned to \""
            + a.rep() + "\", which is not a rep of the plan.");
      }
      dist += a.distanceKm();
      if (!a.rep().isEmpty() && repIds.contains(a.previousRep())) {
        own++;
        if (a.kept()) {
          keep++;
        }
      }
    }
    this.totalDistanceKm = dist;
    this.owned = own;
    this.kept = keep;
    this.requiredKept = requiredKept(minKeptShare, own);
    double maxDev = 0;
    double sum = 0;
    int cnt = 0;
    for (RepLoad r : reps) {
      maxDev = Math.max(maxDev, Math.abs(r.deviation()));
      if (r.target() > 0) {
        sum += r.load() / r.target();
        cnt++;
      }
    }
    double mean = cnt == 0 ? 0 : sum / cnt;
    double ss = 0;
    for (RepLoad r : reps) {
      if (r.target() > 0) {
        double d = r.load() / r.target() - mean;
        ss += d * d;
      }
    }
    this.maxDeviation = maxDev;
    this.cv = cnt == 0 || mean == 0 ? 0 : Math.sqrt(ss / cnt) / mean;
    this.balanced = balanced(reps, keep, requiredKept);
  }

  static int requiredKept(double share, int owned) {
    return (int) Math.ceil(share * owned - 1e-9);
  }

  /** Whether every rep is within its band and {@code kept >= required}: {@link #isBalanced()}. */
  static boolean balanced(List<RepLoad> reps, int kept, int required) {
    boolean inBands = true;
    for (RepLoad r : reps) {
      inBands &= r.withinBand();
    }
    return inBands && kept >= required;
  }

  /**
   * Rebuilds a plan from its parts, for example a plan saved as JSON; the parts are those the
   * accessors return, so {@code of(...)} with the parts of a plan {@code p} gives a plan equal to
   * {@code p}. Balance figures, distance, kept counts and the objective are derived from the parts.
   *
   * @param status how the solve ended
   * @param role the role
   * @param measure the balance measure
   * @param tolerance the band tolerance, in {@code [0, 1]}
   * @param distanceWeight cost per km, {@code >= 0}
   * @param disruptionCost cost per moved account, {@code >= 0}
   * @param minKeptShare minimum kept share, in {@code [0, 1]}
   * @param candidateReps the number of candidate reps per account the solve ended with, {@code >= 1}
   * @param iterations Lagrangian iterations, {@code >= 0}
   * @param lowerBound the lower bound, {@code NaN} when there is none
   * @param explanation conflicts or reps out of band, in words
   * @param reps one entry per rep of the role, unique ids
   * @param accounts one entry per account, unique ids; reps must be among {@code reps} or empty
   * @return the plan
   * @throws IllegalArgumentException when ids repeat, an account names a rep that is not in
   *     {@code reps}, or a number is out of range; the message names the entry
   */
  public static TerritoryPlan of(TerritoryStatus status, String role, BalanceMeasure measure,
      double tolerance, double distanceWeight, double disruptionCost, double minKeptShare,
      int candidateReps, int iterations, double lowerBound, List<String> explanation,
      List<RepLoad> reps, List<AccountAssignment> accounts) {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(measure, "measure");
    if (!(tolerance >= 0 && tolerance <= 1) || !(minKeptShare >= 0 && minKeptShare <= 1)) {
      throw new IllegalArgumentException("TerritoryPlan.of needs tolerance and minKeptShare in [0, 1], "
          + "was " + tolerance + " and " + minKeptShare + ".");
    }
    if (!(distanceWeight >= 0 && Double.isFinite(distanceWeight))
        || !(disruptionCost >= 0 && Double.isFinite(disruptionCost))) {
      throw new IllegalArgumentException("TerritoryPlan.of needs finite distanceWeight and "
          + "disruptionCost >= 0, was " + distanceWeight + " and " + disruptionCost + ".");
    }
    if (candidateReps < 1 || iterations < 0) {
      throw new IllegalArgumentException("TerritoryPlan.of needs candidateReps >= 1 and iterations >= 0,"
          + " was " + candidateReps + " and " + iterations + ".");
    }
    return new TerritoryPlan(status, role, measure, tolerance, distanceWeight, disruptionCost,
        minKeptShare, candidateReps, iterations, lowerBound, List.copyOf(explanation),
        List.copyOf(reps), List.copyOf(accounts), true);
  }

  /**
   * A plan of the solver: as {@link #of} without the duplicate-id check (the problem's ids are unique)
   * and with the id index built on first use, which keeps building the plan after a stop short.
   */
  static TerritoryPlan ofSolver(TerritoryStatus status, String role, BalanceMeasure measure,
      double tolerance, double distanceWeight, double disruptionCost, double minKeptShare,
      int candidateReps, int iterations, double lowerBound, List<String> explanation,
      List<RepLoad> reps, List<AccountAssignment> accounts) {
    return new TerritoryPlan(status, role, measure, tolerance, distanceWeight, disruptionCost,
        minKeptShare, candidateReps, iterations, lowerBound, List.copyOf(explanation),
        List.copyOf(reps), List.copyOf(accounts), false);
  }

  /** Maps each account id to its position; rejects a repeated id. */
  private static Map<String, Integer> index(List<AccountAssignment> accounts) {
    Map<String, Integer> m = new HashMap<>();
    for (int i = 0; i < accounts.size(); i++) {
      if (m.put(accounts.get(i).accountId(), i) != null) {
        throw new IllegalArgumentException(
            "Duplicate account \"" + accounts.get(i).accountId() + "\" in TerritoryPlan.");
      }
    }
    return m;
  }

  /** The id index, built once (a race builds equal maps; the field is volatile). */
  private Map<String, Integer> accountIndex() {
    Map<String, Integer> m = accountIndex;
    if (m == null) {
      m = index(accounts);
      accountIndex = m;
    }
    return m;
  }

  /**
   * Returns how the solve ended.
   *
   * @return the status
   */
  public TerritoryStatus status() {
    return status;
  }

  /**
   * Tells whether every rep is within its band (up to a relative {@code 1e-9}) and the minimum kept
   * share is met.
   *
   * @return {@code true} when balanced
   */
  public boolean isBalanced() {
    return balanced;
  }

  /**
   * Returns the role.
   *
   * @return the role name
   */
  public String role() {
    return role;
  }

  /**
   * Returns what loads are measured in.
   *
   * @return the measure
   */
  public BalanceMeasure balanceMeasure() {
    return measure;
  }

  /**
   * Returns the band tolerance.
   *
   * @return the tolerance
   */
  public double tolerance() {
    return tolerance;
  }

  /**
   * Returns the cost per km used in the objective.
   *
   * @return the weight
   */
  public double distanceWeight() {
    return distanceWeight;
  }

  /**
   * Returns the cost per moved account used in the objective.
   *
   * @return the cost
   */
  public double disruptionCost() {
    return disruptionCost;
  }

  /**
   * Returns the minimum kept share that was required.
   *
   * @return the share, 0 when none
   */
  public double minKeptShare() {
    return minKeptShare;
  }

  /**
   * Returns the number of nearest reps per account the solve ended with (it doubles when the bands
   * are not met with fewer); column generation may have added further reps to single accounts.
   *
   * @return K
   */
  public int candidateReps() {
    return candidateReps;
  }

  /**
   * Returns the number of Lagrangian iterations (evaluations of the dual function).
   *
   * @return the iterations
   */
  public int iterations() {
    return iterations;
  }

  /**
   * Returns a lower bound on the objective of every assignment meeting all bands: the best value of
   * the Lagrangian dual found (prices on the rep bands), with accounts' non-candidate reps bounded by
   * their distance to the K-th nearest rep.
   *
   * @return the bound, {@code NaN} when the plan is not balanced (then there is no feasible
   *     objective to compare with) or the problem is infeasible
   */
  public double lowerBound() {
    return lowerBound;
  }

  /**
   * Returns the conflicts that make the tolerance impossible ({@link TerritoryStatus#INFEASIBLE}), or
   * the reps out of band of an unbalanced plan, in words naming accounts and reps.
   *
   * @return an unmodifiable list, empty for a balanced plan
   */
  public List<String> explanation() {
    return explanation;
  }

  /**
   * Returns one entry per rep of the role, in the order the reps were given.
   *
   * @return an unmodifiable list
   */
  public List<RepLoad> reps() {
    return reps;
  }

  /**
   * Returns one entry per account, in the order the accounts were given.
   *
   * @return an unmodifiable list
   */
  public List<AccountAssignment> accounts() {
    return accounts;
  }

  /**
   * Returns the rep of an account.
   *
   * @param accountId an account id
   * @return the rep id, or empty for an account out of scope
   * @throws IllegalArgumentException for an unknown account
   */
  public Optional<String> repOf(String accountId) {
    Integer i = accountIndex().get(Objects.requireNonNull(accountId, "accountId"));
    if (i == null) {
      throw new IllegalArgumentException("Unknown account \"" + accountId + "\".");
    }
    String r = accounts.get(i).rep();
    return r.isEmpty() ? Optional.empty() : Optional.of(r);
  }

  /**
   * Returns the rep of every row of a table as a categorical column, to join territories to account
   * data: group priority lists, wallet reports or quotas by rep (for example {@code
   * table.withColumn(plan.repColumn(table, "rep"))}). Accounts out of scope, or not in this plan, get a
   * missing value.
   *
   * @param table the accounts, in any order; matched by id
   * @param name the column name
   * @return a column with one value per row of {@code table}
   */
  public CategoricalColumn repColumn(AccountTable table, String name) {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(name, "name");
    String[] values = new String[table.rowCount()];
    for (int row = 0; row < values.length; row++) {
      Integer i = accountIndex().get(table.id(row));
      String r = i == null ? "" : accounts.get(i).rep();
      values[row] = r.isEmpty() ? null : r;
    }
    return CategoricalColumn.of(name, values);
  }

  /**
   * Returns the accounts of a rep, in account order.
   *
   * @param repId a rep id
   * @return an unmodifiable list of account ids
   * @throws IllegalArgumentException for an unknown rep
   */
  public List<String> accountsOf(String repId) {
    Objects.requireNonNull(repId, "repId");
    if (reps.stream().noneMatch(r -> r.repId().equals(repId))) {
      throw new IllegalArgumentException("Unknown rep \"" + repId + "\".");
    }
    List<String> out = new ArrayList<>();
    for (AccountAssignment a : accounts) {
      if (a.rep().equals(repId)) {
        out.add(a.accountId());
      }
    }
    return List.copyOf(out);
  }

  /**
   * Returns the largest absolute relative deviation of a rep's load from its target.
   *
   * @return the deviation, e.g. 0.08 for 8%
   */
  public double maxDeviation() {
    return maxDeviation;
  }

  /**
   * Returns the coefficient of variation of {@code load / target} over reps with a positive target
   * (population standard deviation over mean).
   *
   * @return the coefficient, 0 for perfect balance
   */
  public double coefficientOfVariation() {
    return cv;
  }

  /**
   * Returns the total travel distance: sum over assigned accounts of the distance from the rep's home.
   *
   * @return km
   */
  public double totalDistanceKm() {
    return totalDistanceKm;
  }

  /**
   * Returns the number of owned accounts (in scope, current owner a rep of the role).
   *
   * @return the count
   */
  public int ownedAccounts() {
    return owned;
  }

  /**
   * Returns the number of owned accounts that stay with their owner.
   *
   * @return the count
   */
  public int keptAccounts() {
    return kept;
  }

  /**
   * Returns the number of owned accounts that move to another rep.
   *
   * @return {@code owned - kept}
   */
  public int movedAccounts() {
    return owned - kept;
  }

  /**
   * Returns the share of owned accounts kept with their owner.
   *
   * @return kept / owned, 1 when nothing is owned
   */
  public double keptShare() {
    return owned == 0 ? 1.0 : (double) kept / owned;
  }

  /**
   * Returns the objective: {@code distanceWeight × totalDistanceKm + disruptionCost × movedAccounts}.
   *
   * @return the objective
   */
  public double objective() {
    return distanceWeight * totalDistanceKm + disruptionCost * (owned - kept);
  }

  /**
   * Compares every part; numbers bit for bit.
   *
   * @param o the other object
   * @return {@code true} when equal
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof TerritoryPlan p && status == p.status && role.equals(p.role)
        && measure == p.measure && Double.compare(tolerance, p.tolerance) == 0
        && Double.compare(distanceWeight, p.distanceWeight) == 0
        && Double.compare(disruptionCost, p.disruptionCost) == 0
        && Double.compare(minKeptShare, p.minKeptShare) == 0 && candidateReps == p.candidateReps
        && iterations == p.iterations && Double.compare(lowerBound, p.lowerBound) == 0
        && explanation.equals(p.explanation) && reps.equals(p.reps) && accounts.equals(p.accounts);
  }

  /**
   * Hashes every compared part.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return Objects.hash(status, role, measure, tolerance, distanceWeight, disruptionCost, minKeptShare,
        candidateReps, iterations, lowerBound, explanation, reps, accounts);
  }

  /**
   * Prints a summary line, then one aligned row per rep (target, band, load, deviation, accounts,
   * workload, potential, km, book and kept), then the explanation.
   *
   * @return the text report
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    long assigned = accounts.stream().filter(a -> !a.rep().isEmpty()).count();
    sb.append(String.format(Locale.ROOT, "TerritoryPlan: %s, role '%s', %d of %d accounts assigned to "
        + "%d reps; balance %s ±%.1f%%: max deviation %.2f%%, CV %.4f; distance %.1f km; kept %d of %d "
        + "(%.1f%%); objective %.2f, lower bound %s%n", status, role, assigned, accounts.size(),
        reps.size(), measure, 100 * tolerance, 100 * maxDeviation, cv, totalDistanceKm, kept, owned,
        100 * keptShare(), objective(),
        Double.isNaN(lowerBound) ? "none" : String.format(Locale.ROOT, "%.2f", lowerBound)));
    TextTable t = new TextTable(List.of("rep", "capacity_h", "target", "lower", "upper", "load",
        "deviation", "accounts", "workload_h", "potential", "distance_km", "book", "kept"),
        new boolean[] {false, true, true, true, true, true, true, true, true, true, true, true, true});
    for (RepLoad r : reps) {
      t.addRow(r.repId(), f1(r.capacityHours()), f1(r.target()), f1(r.lowerLimit()),
          f1(r.upperLimit()), f1(r.load()),
          String.format(Locale.ROOT, "%+.2f%%%s", 100 * r.deviation(), r.withinBand() ? "" : " !"),
          Integer.toString(r.accounts()), f1(r.workloadHours()), f1(r.potential()),
          f1(r.distanceKm()), Integer.toString(r.book()), Integer.toString(r.kept()));
    }
    sb.append(t.render());
    for (String e : explanation) {
      sb.append("  ").append(e).append('\n');
    }
    return sb.toString();
  }

  private static String f1(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /**
   * One rep's territory.
   *
   * @param repId the rep id
   * @param capacityHours the rep's capacity hours per year
   * @param target the target load: total load × capacity share
   * @param lowerLimit {@code target × (1 - tolerance)}
   * @param upperLimit {@code target × (1 + tolerance)}
   * @param load the sum of the balance loads of the rep's accounts
   * @param workloadHours the sum of the workload hours of the rep's accounts
   * @param potential the sum of the potential of the rep's accounts
   * @param accounts the number of accounts
   * @param distanceKm the sum of the distances from the rep's home to its accounts
   * @param book the number of accounts in scope that the rep owned before
   * @param kept how many of them the rep keeps
   * @since 0.1
   */
  public record RepLoad(String repId, double capacityHours, double target, double lowerLimit,
      double upperLimit, double load, double workloadHours, double potential, int accounts,
      double distanceKm, int book, int kept) {

    /**
     * Validates.
     *
     * @param repId the rep id, non-blank
     * @param capacityHours capacity, finite
     * @param target target, finite
     * @param lowerLimit lower limit, finite
     * @param upperLimit upper limit, finite
     * @param load load, finite
     * @param workloadHours workload, finite
     * @param potential potential, finite
     * @param accounts accounts, {@code >= 0}
     * @param distanceKm distance, finite
     * @param book book size, {@code >= 0}
     * @param kept kept, in {@code [0, book]}
     * @throws IllegalArgumentException for a blank id, a non-finite number or a negative count
     */
    public RepLoad {
      Objects.requireNonNull(repId, "repId");
      double[] all = {capacityHours, target, lowerLimit, upperLimit, load, workloadHours, potential,
          distanceKm};
      for (double v : all) {
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("RepLoad \"" + repId + "\": numbers must be finite, was "
              + v + ".");
        }
      }
      if (repId.isBlank() || accounts < 0 || book < 0 || kept < 0 || kept > book) {
        throw new IllegalArgumentException("RepLoad \"" + repId + "\": needs a non-blank id and counts "
            + "0 <= kept <= book, accounts >= 0; was accounts=" + accounts + ", book=" + book
            + ", kept=" + kept + ".");
      }
    }

    /**
     * Returns the relative deviation {@code (load - target) / target}, 0 when the target is 0.
     *
     * @return the deviation
     */
    public double deviation() {
      return target > 0 ? (load - target) / target : 0.0;
    }

    /**
     * Tells whether the load is within {@code [lowerLimit, upperLimit]}, up to
     * {@code 1e-9 × max(1, target)}.
     *
     * @return {@code true} when within the band
     */
    public boolean withinBand() {
      double eps = 1e-9 * Math.max(1, target);
      return load >= lowerLimit - eps && load <= upperLimit + eps;
    }
  }

  /**
   * One account's assignment.
   *
   * @param accountId the account id
   * @param rep the assigned rep, {@code ""} for an account out of scope
   * @param previousRep the current owner given in the problem, {@code ""} when none
   * @param locked whether the account was locked to its rep
   * @param workloadHours the account's workload hours
   * @param potential the account's potential
   * @param load the account's balance load
   * @param distanceKm the distance from the rep's home, 0 when unknown or out of scope
   * @since 0.1
   */
  public record AccountAssignment(String accountId, String rep, String previousRep, boolean locked,
      double workloadHours, double potential, double load, double distanceKm) {

    /**
     * Validates.
     *
     * @param accountId the account id, non-blank
     * @param rep the rep or {@code ""}
     * @param previousRep the previous owner or {@code ""}
     * @param locked whether locked
     * @param workloadHours workload, finite
     * @param potential potential, finite
     * @param load balance load, finite
     * @param distanceKm distance, finite and {@code >= 0}
     * @throws IllegalArgumentException for a blank id or a bad number
     */
    public AccountAssignment {
      Objects.requireNonNull(accountId, "accountId");
      Objects.requireNonNull(rep, "rep");
      Objects.requireNonNull(previousRep, "previousRep");
      if (accountId.isBlank() || !Double.isFinite(workloadHours) || !Double.isFinite(potential)
          || !Double.isFinite(load) || !(distanceKm >= 0 && Double.isFinite(distanceKm))) {
        throw new IllegalArgumentException("AccountAssignment \"" + accountId + "\": needs a non-blank"
            + " id, finite amounts and a finite distance >= 0; was workloadHours=" + workloadHours
            + ", potential=" + potential + ", load=" + load + ", distanceKm=" + distanceKm + ".");
      }
    }

    /**
     * Tells whether the account stays with its current owner.
     *
     * @return {@code true} when assigned to its previous rep
     */
    public boolean kept() {
      return !rep.isEmpty() && rep.equals(previousRep);
    }
  }
}
