package dev.segmentation.allocation.territory;

import dev.segmentation.allocation.SolveLimits;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Territory assignment for one role: give every account that needs a rep of the role to exactly one
 * rep of that role so that each rep's load is within {@code ±tolerance} of its target, travel is low
 * and few accounts leave their current owner. Locked accounts stay with their rep. See
 * {@code docs/territories.md} for the formulation and the method.
 *
 * <pre>{@code
 * TerritoryPlan plan = TerritoryProblem.builder()
 *     .role("field")
 *     .rep(TerritoryRep.of("ana", "field", 1_600).home(48.14, 11.58))
 *     .rep(TerritoryRep.of("ben", "field", 1_200).home(48.78, 9.18))
 *     .accounts(accounts)                          // TerritoryAccount: workload, potential, location, owner
 *     .tolerance(0.10)                             // each rep within ±10% of its target
 *     .balanceBy(BalanceMeasure.WORKLOAD)
 *     .disruptionCost(50)                          // moving an account costs as much as 50 km
 *     .build()
 *     .solve();
 * System.out.println(plan);                        // one row per rep: target, load, deviation, km, kept
 * }</pre>
 *
 * <p><b>Objective.</b> Minimise {@code distanceWeight × Σ km(rep home → account) + disruptionCost ×
 * (accounts moved away from their current owner)} subject to {@code target_r (1 - tolerance) <= load_r
 * <= target_r (1 + tolerance)} for every rep, the locks, and (optionally) at least
 * {@code ceil(minKeptShare × owned)} accounts kept with their owner. {@code target_r = total load ×
 * capacity_r / Σ capacity}. A distance involving an account without location or a rep without home is
 * 0 km.
 *
 * <p>Instances are immutable and safe to share between threads; {@link #solve} is pure: the same
 * problem and limits give the same plan (a wall-time stop is not reproducible), for any
 * {@link Builder#parallelism(int) parallelism}.
 *
 * @since 0.1
 */
public final class TerritoryProblem {

  /** Default tolerance: each rep within ±10% of its target. */
  public static final double DEFAULT_TOLERANCE = 0.10;
  /** Default number of nearest reps each account may be assigned to (plus its current owner). */
  public static final int DEFAULT_CANDIDATE_REPS = 10;
  /** Default cost of moving one account away from its current owner, in km-equivalents. */
  public static final double DEFAULT_DISRUPTION_COST = 50.0;
  /** Default weight of workload in {@link BalanceMeasure#MIX}. */
  public static final double DEFAULT_MIX_WEIGHT = 0.5;

  private final String role;
  private final List<TerritoryRep> reps;
  private final List<TerritoryAccount> accounts;
  private final double tolerance;
  private final BalanceMeasure balance;
  private final double mixWeight;
  private final double distanceWeight;
  private final double disruptionCost;
  private final double minKeptShare;
  private final int candidateReps;
  private final AccountScope scope;
  private final int parallelism;

  private TerritoryProblem(Builder b) {
    this.role = b.role;
    this.reps = List.copyOf(b.reps);
    this.accounts = List.copyOf(b.accounts);
    this.tolerance = b.tolerance;
    this.balance = b.balance;
    this.mixWeight = b.mixWeight;
    this.distanceWeight = b.distanceWeight;
    this.disruptionCost = b.disruptionCost;
    this.minKeptShare = b.minKeptShare;
    this.candidateReps = b.candidateReps;
    this.scope = b.scope;
    this.parallelism = b.parallelism;
  }

  /**
   * Starts a problem.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the role whose reps are assigned.
   *
   * @return the role name
   */
  public String role() {
    return role;
  }

  /**
   * Returns every rep given, of any role (only reps of {@link #role()} receive accounts).
   *
   * @return an unmodifiable list in the order given
   */
  public List<TerritoryRep> reps() {
    return reps;
  }

  /**
   * Returns the accounts.
   *
   * @return an unmodifiable list in the order given
   */
  public List<TerritoryAccount> accounts() {
    return accounts;
  }

  /**
   * Returns the relative tolerance of every rep's band.
   *
   * @return the tolerance, in {@code [0, 1]}
   */
  public double tolerance() {
    return tolerance;
  }

  /**
   * Returns what loads are measured in.
   *
   * @return the measure
   */
  public BalanceMeasure balanceMeasure() {
    return balance;
  }

  /**
   * Returns the weight of workload in {@link BalanceMeasure#MIX}.
   *
   * @return the weight, in {@code [0, 1]}
   */
  public double mixWeight() {
    return mixWeight;
  }

  /**
   * Returns the cost of one km of travel.
   *
   * @return the weight, {@code >= 0}
   */
  public double distanceWeight() {
    return distanceWeight;
  }

  /**
   * Returns the cost of moving one account away from its current owner.
   *
   * @return the cost, {@code >= 0}
   */
  public double disruptionCost() {
    return disruptionCost;
  }

  /**
   * Returns the minimum share of owned accounts that must stay with their owner.
   *
   * @return the share, in {@code [0, 1]}; 0 when there is no minimum
   */
  public double minKeptShare() {
    return minKeptShare;
  }

  /**
   * Returns the number of nearest reps each account starts with as candidates.
   *
   * @return {@code K >= 1}
   */
  public int candidateReps() {
    return candidateReps;
  }

  /**
   * Returns which accounts need a rep.
   *
   * @return the scope
   */
  public AccountScope scope() {
    return scope;
  }

  /**
   * Returns the number of threads of a solve; the plan does not depend on it.
   *
   * @return the parallelism
   */
  public int parallelism() {
    return parallelism;
  }

  /**
   * Solves with the default limits ({@link SolveLimits#defaults()}).
   *
   * @return the plan; never {@code null}, with an assignment of every account in scope
   */
  public TerritoryPlan solve() {
    return solve(SolveLimits.defaults());
  }

  /**
   * Solves within limits: {@link SolveLimits#maxIterations()} bounds the Lagrangian iterations,
   * the wall-time limit and the cancellation token stop the search early with the best assignment so
   * far.
   *
   * @param limits the limits
   * @return the plan; never {@code null}, with an assignment of every account in scope
   */
  public TerritoryPlan solve(SolveLimits limits) {
    Objects.requireNonNull(limits, "limits");
    return TerritorySolver.solve(this, limits);
  }

  /**
   * One line with every parameter.
   *
   * @return the text
   */
  @Override
  public String toString() {
    return "TerritoryProblem[role=" + role + ", reps=" + reps.size() + ", accounts=" + accounts.size()
        + ", tolerance=" + tolerance + ", balance=" + balance + ", mixWeight=" + mixWeight
        + ", distanceWeight=" + distanceWeight + ", disruptionCost=" + disruptionCost
        + ", minKeptShare=" + minKeptShare + ", candidateReps=" + candidateReps + ", scope=" + scope
        + ", parallelism=" + parallelism + "]";
  }

  /**
   * Builder of {@link TerritoryProblem}. Mutable and not thread-safe; {@link #build()} validates and
   * copies, so a builder can be reused.
   *
   * @since 0.1
   */
  public static final class Builder {
    private String role;
    private final List<TerritoryRep> reps = new ArrayList<>();
    private final List<TerritoryAccount> accounts = new ArrayList<>();
    private double tolerance = DEFAULT_TOLERANCE;
    private BalanceMeasure balance = BalanceMeasure.WORKLOAD;
    private double mixWeight = DEFAULT_MIX_WEIGHT;
    private double distanceWeight = 1.0;
    private double disruptionCost = DEFAULT_DISRUPTION_COST;
    private double minKeptShare;
    private int candidateReps = DEFAULT_CANDIDATE_REPS;
    private AccountScope scope = AccountScope.WITH_WORKLOAD;
    private int parallelism = 1;

    private Builder() {}

    /**
     * Sets the role whose reps get the accounts (required).
     *
     * @param name the role name, non-blank
     * @return this builder
     * @throws IllegalArgumentException for a blank name
     */
    public Builder role(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("TerritoryProblem.role must be non-blank.");
      }
      this.role = name;
      return this;
    }

    /**
     * Adds a rep.
     *
     * @param rep the rep; ids must be unique
     * @return this builder
     */
    public Builder rep(TerritoryRep rep) {
      reps.add(Objects.requireNonNull(rep, "rep"));
      return this;
    }

    /**
     * Adds reps.
     *
     * @param list the reps, in order
     * @return this builder
     */
    public Builder reps(Collection<TerritoryRep> list) {
      for (TerritoryRep r : Objects.requireNonNull(list, "list")) {
        rep(r);
      }
      return this;
    }

    /**
     * Adds an account.
     *
     * @param account the account; ids must be unique
     * @return this builder
     */
    public Builder account(TerritoryAccount account) {
      accounts.add(Objects.requireNonNull(account, "account"));
      return this;
    }

    /**
     * Adds accounts.
     *
     * @param list the accounts, in order
     * @return this builder
     */
    public Builder accounts(Collection<TerritoryAccount> list) {
      for (TerritoryAccount a : Objects.requireNonNull(list, "list")) {
        account(a);
      }
      return this;
    }

    /**
     * Sets the relative tolerance of every rep's band (default 0.10).
     *
     * @param value in {@code [0, 1]}
     * @return this builder
     * @throws IllegalArgumentException for a value outside {@code [0, 1]}
     */
    public Builder tolerance(double value) {
      if (!(value >= 0 && value <= 1)) {
        throw new IllegalArgumentException(
            "TerritoryProblem.tolerance must be between 0 and 1, was " + value + ".");
      }
      this.tolerance = value;
      return this;
    }

    /**
     * Sets what loads are measured in (default {@link BalanceMeasure#WORKLOAD}).
     *
     * @param measure the measure
     * @return this builder
     */
    public Builder balanceBy(BalanceMeasure measure) {
      this.balance = Objects.requireNonNull(measure, "measure");
      return this;
    }

    /**
     * Sets the weight of workload in {@link BalanceMeasure#MIX} (default 0.5).
     *
     * @param weight in {@code [0, 1]}
     * @return this builder
     * @throws IllegalArgumentException for a value outside {@code [0, 1]}
     */
    public Builder mixWeight(double weight) {
      if (!(weight >= 0 && weight <= 1)) {
        throw new IllegalArgumentException(
            "TerritoryProblem.mixWeight must be between 0 and 1, was " + weight + ".");
      }
      this.mixWeight = weight;
      return this;
    }

    /**
     * Sets the cost of one km of travel (default 1).
     *
     * @param perKm finite and {@code >= 0}
     * @return this builder
     * @throws IllegalArgumentException for a negative or non-finite value
     */
    public Builder distanceWeight(double perKm) {
      if (!(Double.isFinite(perKm) && perKm >= 0)) {
        throw new IllegalArgumentException(
            "TerritoryProblem.distanceWeight must be finite and >= 0, was " + perKm + ".");
      }
      this.distanceWeight = perKm;
      return this;
    }

    /**
     * Sets the cost of moving one account away from its current owner, in the units of the distance
     * term (default {@value TerritoryProblem#DEFAULT_DISRUPTION_COST}: with distance weight 1, a move
     * costs as much as 50 km of travel).
     *
     * @param perAccount finite and {@code >= 0}
     * @return this builder
     * @throws IllegalArgumentException for a negative or non-finite value
     */
    public Builder disruptionCost(double perAccount) {
      if (!(Double.isFinite(perAccount) && perAccount >= 0)) {
        throw new IllegalArgumentException(
            "TerritoryProblem.disruptionCost must be finite and >= 0, was " + perAccount + ".");
      }
      this.disruptionCost = perAccount;
      return this;
    }

    /**
     * Requires that at least {@code ceil(share × owned)} of the accounts in scope whose current owner
     * is a rep of the role stay with that owner (default 0: no minimum).
     *
     * @param share in {@code [0, 1]}
     * @return this builder
     * @throws IllegalArgumentException for a value outside {@code [0, 1]}
     */
    public Builder minKeptShare(double share) {
      if (!(share >= 0 && share <= 1)) {
        throw new IllegalArgumentException(
            "TerritoryProblem.minKeptShare must be between 0 and 1, was " + share + ".");
      }
      this.minKeptShare = share;
      return this;
    }

    /**
     * Sets how many nearest reps (by home distance) each account may go to, besides its current owner
     * and reps without home (default {@value TerritoryProblem#DEFAULT_CANDIDATE_REPS}). When the bands
     * are not met with K candidates the solver retries with 2K, 4K, ... up to every rep.
     *
     * @param k at least 1
     * @return this builder
     * @throws IllegalArgumentException when {@code k < 1}
     */
    public Builder candidateReps(int k) {
      if (k < 1) {
        throw new IllegalArgumentException("TerritoryProblem.candidateReps must be >= 1, was " + k + ".");
      }
      this.candidateReps = k;
      return this;
    }

    /**
     * Sets which accounts need a rep (default {@link AccountScope#WITH_WORKLOAD}).
     *
     * @param value the scope
     * @return this builder
     */
    public Builder scope(AccountScope value) {
      this.scope = Objects.requireNonNull(value, "value");
      return this;
    }

    /**
     * Sets the number of threads of the Lagrangian phase (default 1: no thread pool). The plan does
     * not depend on it.
     *
     * @param n at least 1
     * @return this builder
     * @throws IllegalArgumentException when {@code n < 1}
     */
    public Builder parallelism(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("TerritoryProblem.parallelism must be >= 1, was " + n + ".");
      }
      this.parallelism = n;
      return this;
    }

    /**
     * Validates and builds the problem.
     *
     * @return the immutable problem
     * @throws IllegalStateException when the role is not set
     * @throws IllegalArgumentException when rep or account ids repeat, no rep has the role, an
     *     account is locked to a rep that is not a rep of the role, the total workload, potential
     *     or capacity exceeds {@code 1e300} (near the end of the {@code double} range, where the
     *     solver's arithmetic would overflow), or the costliest assignment (every account half the
     *     earth away from its rep and moved: {@code accounts * (distanceWeight * pi * 6371.0088 km +
     *     disruptionCost)}) exceeds {@code 1e300}; the message names them
     */
    public TerritoryProblem build() {
      final double maxTotal = 1e300; // headroom below Double.MAX_VALUE for the solver's products
      if (role == null) {
        throw new IllegalStateException("TerritoryProblem needs a role: role(\"field\").");
      }
      Map<String, TerritoryRep> byId = new HashMap<>();
      Set<String> roles = new LinkedHashSet<>();
      List<String> ofRole = new ArrayList<>();
      for (TerritoryRep r : reps) {
        if (byId.put(r.id(), r) != null) {
          throw new IllegalArgumentException("Duplicate rep id \"" + r.id() + "\"; rep ids must be unique.");
        }
        roles.add(r.role());
        if (r.role().equals(role)) {
          ofRole.add(r.id());
        }
      }
      if (ofRole.isEmpty()) {
        throw new IllegalArgumentException("No rep has role '" + role + "'; roles of the "
            + reps.size() + " reps given are: " + roles + ".");
      }
      Set<String> ids = new java.util.HashSet<>();
      for (TerritoryAccount a : accounts) {
        if (!ids.add(a.id())) {
          throw new IllegalArgumentException(
              "Duplicate account id \"" + a.id() + "\"; account ids must be unique.");
        }
        if (a.lockedRep().isPresent()) {
          TerritoryRep r = byId.get(a.lockedRep().get());
          if (r == null || !r.role().equals(role)) {
            throw new IllegalArgumentException("Account \"" + a.id() + "\" is locked to \""
                + a.lockedRep().get() + "\", which is not a rep of role '" + role + "'; reps are: "
                + (ofRole.size() <= 10 ? ofRole : ofRole.subList(0, 10) + " and " + (ofRole.size() - 10)
                + " more") + ".");
          }
        }
      }
      double workload = 0;
      double potential = 0;
      for (TerritoryAccount a : accounts) {
        workload += a.workloadHours();
        potential += a.potential();
      }
      double capacity = 0;
      for (TerritoryRep r : reps) {
        if (r.role().equals(role)) {
          capacity += r.capacityHours();
        }
      }
      if (!(workload <= maxTotal && potential <= maxTotal && capacity <= maxTotal)) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "TerritoryProblem totals are too large: workload %s hours and potential %s over %d"
                + " accounts, capacity %s hours over %d reps; expected each total <= %s.%nRescale the"
                + " accounts (for example potential in thousands).", workload, potential, accounts.size(),
            capacity, ofRole.size(), maxTotal));
      }
      // the costliest assignment: every account half the earth away and moved from its owner
      double worstCost = accounts.size()
          * (distanceWeight * Math.PI * Location.EARTH_RADIUS_KM + disruptionCost);
      if (!(worstCost <= maxTotal)) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "TerritoryProblem costs are too large: distanceWeight %s per km and disruptionCost %s per"
                + " account over %d accounts can cost %s; expected at most %s.%nLower the weights"
                + " (only their ratio matters for the assignment).", distanceWeight, disruptionCost,
            accounts.size(), worstCost, maxTotal));
      }
      return new TerritoryProblem(this);
    }
  }
}
