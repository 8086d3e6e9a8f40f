package dev.segmentation.allocation;

import dev.segmentation.allocation.internal.Compiled;
import dev.segmentation.allocation.internal.Solver;
import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.internal.BlockExecutor;
import dev.segmentation.core.model.Assignment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Coverage allocation: choose exactly one coverage option for every account so that the total value (or
 * profit) is as high as possible and no limit is broken — hours per role, the money budget, minimum
 * service levels — with some accounts possibly locked on an option. See {@code docs/allocation.md} for
 * the formulation.
 *
 * <pre>{@code
 * AllocationPlan plan = AllocationProblem.builder()
 *     .accounts(segmentation)                        // accounts and their segments
 *     .role(Role.of("field", 12_000))
 *     .role(Role.of("inside", 8_000))
 *     .budget(400_000)
 *     .option(CoverageOption.builder("field-12", Channel.FIELD).hours("field", 30).cost(2_160)
 *         .retention(0.97).effort(12).segments("A").build())
 *     .option(CoverageOption.builder("inside-4", Channel.INSIDE).hours("inside", 4)
 *         .retention(0.93).effort(4).build())
 *     .responseModel(new ResponseModel("revenue", "potential", 0.3, 6, 1))
 *     .serviceLevel(ServiceLevel.ofChannels("A", 0.6, Channel.FIELD))
 *     .build()
 *     .solve(SolveLimits.timeLimit(Duration.ofSeconds(5)));
 * }</pre>
 *
 * <p>A "none" option (no hours, no cost, value from the response model with retention 0 and effort 0,
 * i.e. 0) open to every account is added unless the problem already has an option of channel
 * {@link Channel#NONE}; options of channel NONE are open to every account regardless of segment. A
 * locked account gets its locked option whatever the eligibility rules say.
 *
 * <p>Instances are immutable and safe to share between threads; {@link #solve} is pure: the same
 * problem and iteration limit give the same plan.
 *
 * @since 0.1
 */
public final class AllocationProblem {

  /** Largest number of accounts that {@link SolveMethod#AUTO} solves exactly. */
  public static final int EXACT_AUTO_LIMIT = 200;

  private final AccountTable accounts;
  private final String[] segmentOf;
  private final List<Role> roles;
  private final double budget;
  private final List<CoverageOption> options;
  private final ResponseModel responseModel;
  private final ValueFunction valueFunction;
  private final Objective objective;
  private final List<ServiceLevel> serviceLevels;
  private final Map<String, String> locks;
  private final SolveMethod method;
  private final int parallelism;

  private AllocationProblem(Builder b) {
    this.accounts = b.accounts;
    this.segmentOf = b.segmentOf;
    this.roles = List.copyOf(b.roles);
    this.budget = b.budget;
    List<CoverageOption> opts = new ArrayList<>(b.options);
    if (opts.stream().noneMatch(o -> o.channel() == Channel.NONE)) {
      Set<String> taken = new HashSet<>();
      for (CoverageOption o : opts) {
        taken.add(o.id());
      }
      String id = "none";
      for (int q = 2; taken.contains(id); q++) {
        id = "none-" + q;
      }
      opts.add(CoverageOption.none(id));
    }
    this.options = List.copyOf(opts);
    this.responseModel = b.responseModel;
    this.valueFunction = b.valueFunction;
    this.objective = b.objective;
    this.serviceLevels = List.copyOf(b.serviceLevels);
    this.locks = Collections.unmodifiableMap(new TreeMap<>(b.locks));
    this.method = b.method;
    this.parallelism = b.parallelism;
  }

  private AllocationProblem(AllocationProblem p, List<Role> roles, double budget) {
    this.accounts = p.accounts;
    this.segmentOf = p.segmentOf;
    this.roles = List.copyOf(roles);
    this.budget = budget;
    this.options = p.options;
    this.responseModel = p.responseModel;
    this.valueFunction = p.valueFunction;
    this.objective = p.objective;
    this.serviceLevels = p.serviceLevels;
    this.locks = p.locks;
    this.method = p.method;
    this.parallelism = p.parallelism;
  }

  /**
   * Returns a copy of this problem with another money budget and everything else unchanged (the
   * accounts, options, roles, service levels and locks are shared, not copied). Used for what-if
   * curves over the budget.
   *
   * <pre>{@code
   * double more = problem.withBudget(500_000).solve().objective();
   * }</pre>
   *
   * @param amount the new budget per year, finite and {@code >= 0}; a problem without budget gets one
   * @return the new problem
   * @throws IllegalArgumentException for a negative or non-finite amount
   * @since 0.1
   */
  public AllocationProblem withBudget(double amount) {
    if (!(Double.isFinite(amount) && amount >= 0)) {
      throw new IllegalArgumentException(
          "AllocationProblem.withBudget: amount must be finite and >= 0, was " + amount + ".");
    }
    return new AllocationProblem(this, roles, amount);
  }

  /**
   * Returns a copy of this problem in which one role has another number of hours, everything else
   * unchanged. The role keeps its place in {@link #roles()}; a role listed as reps becomes a plain
   * total ({@link Role#of}), because its reps' hours no longer add up to the new total. Used for
   * what-if curves over the hours of a role.
   *
   * <pre>{@code
   * double withOneMoreRep = problem.withRoleHours("field", fieldHours + 1_600 * 0.8).solve().objective();
   * }</pre>
   *
   * @param role the role name
   * @param hours the new hours per year, finite and {@code >= 0}
   * @return the new problem
   * @throws IllegalArgumentException for an unknown role (the message lists the roles) or bad hours
   * @since 0.1
   */
  public AllocationProblem withRoleHours(String role, double hours) {
    Objects.requireNonNull(role, "role");
    if (!(Double.isFinite(hours) && hours >= 0)) {
      throw new IllegalArgumentException("AllocationProblem.withRoleHours: hours of role '" + role
          + "' must be finite and >= 0, was " + hours + ".");
    }
    List<Role> copy = new ArrayList<>(roles);
    for (int r = 0; r < copy.size(); r++) {
      if (copy.get(r).name().equals(role)) {
        copy.set(r, Role.of(role, hours));
        return new AllocationProblem(this, copy, budget);
      }
    }
    throw new IllegalArgumentException("AllocationProblem.withRoleHours: unknown role '" + role
        + "'; roles are: " + roles.stream().map(Role::name).toList() + ".");
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
   * Returns the accounts.
   *
   * @return the table
   */
  public AccountTable accounts() {
    return accounts;
  }

  /**
   * Returns the segment id of an account.
   *
   * @param row 0-based row
   * @return the segment id, or empty for an account without segment
   */
  public Optional<String> segmentOf(int row) {
    return Optional.ofNullable(segmentOf[Objects.checkIndex(row, segmentOf.length)]);
  }

  /**
   * Returns the roles.
   *
   * @return an unmodifiable list
   */
  public List<Role> roles() {
    return roles;
  }

  /**
   * Returns the money budget.
   *
   * @return the budget, {@code +Infinity} when there is none
   */
  public double budget() {
    return budget;
  }

  /**
   * Returns the options, including the added "none" option.
   *
   * @return an unmodifiable list
   */
  public List<CoverageOption> options() {
    return options;
  }

  /**
   * Returns the built-in response model.
   *
   * @return the model, or empty
   */
  public Optional<ResponseModel> responseModel() {
    return Optional.ofNullable(responseModel);
  }

  /**
   * Returns the value function.
   *
   * @return the function, or empty
   */
  public Optional<ValueFunction> valueFunction() {
    return Optional.ofNullable(valueFunction);
  }

  /**
   * Returns the objective.
   *
   * @return value or profit
   */
  public Objective objective() {
    return objective;
  }

  /**
   * Returns the service levels.
   *
   * @return an unmodifiable list
   */
  public List<ServiceLevel> serviceLevels() {
    return serviceLevels;
  }

  /**
   * Returns the locked choices.
   *
   * @return an unmodifiable map from account id to option id, sorted by account id
   */
  public Map<String, String> locks() {
    return locks;
  }

  /**
   * Returns the solve method.
   *
   * @return the method
   */
  public SolveMethod method() {
    return method;
  }

  /**
   * Returns the number of threads of a solve.
   *
   * @return the parallelism
   */
  public int parallelism() {
    return parallelism;
  }

  /**
   * Solves with the default limits.
   *
   * @return the plan
   * @throws dev.segmentation.core.DataValidationException when a value, hour or cost column is missing
   *     or non-finite for an account (the message names it)
   */
  public AllocationPlan solve() {
    return solve(SolveLimits.defaults());
  }

  /**
   * Solves within limits. The plan is always feasible unless its status is
   * {@link PlanStatus#INFEASIBLE}, in which case it names the conflicting limits.
   *
   * @param limits time, iteration and cancellation limits
   * @return the plan
   * @throws dev.segmentation.core.DataValidationException when a value, hour or cost column is missing
   *     or non-finite for an account (the message names it)
   */
  public AllocationPlan solve(SolveLimits limits) {
    Objects.requireNonNull(limits, "limits");
    long start = System.nanoTime();
    Compiled c;
    try (BlockExecutor exec = BlockExecutor.create(parallelism, null)) {
      c = Compiled.compile(this, exec);
    }
    SolveLimits rest = limits;
    if (limits.timeLimit().isPresent()) {
      // the time limit counts from this call, so compiling the accounts uses part of it
      java.time.Duration left = limits.timeLimit().get().minusNanos(System.nanoTime() - start);
      rest = limits.withTimeLimit(left.compareTo(java.time.Duration.ofNanos(1)) < 0
          ? java.time.Duration.ofNanos(1) : left);
    }
    Solver.Outcome o = Solver.solve(c, method, rest, parallelism);
    return AllocationPlan.create(this, c, o);
  }

  String[] segmentArray() {
    return segmentOf;
  }

  /**
   * Builder of {@link AllocationProblem}. Mutable and not thread-safe; {@link #build()} validates.
   *
   * @since 0.1
   */
  public static final class Builder {
    private AccountTable accounts;
    private String[] segmentOf;
    private final List<Role> roles = new ArrayList<>();
    private double budget = Double.POSITIVE_INFINITY;
    private final List<CoverageOption> options = new ArrayList<>();
    private ResponseModel responseModel;
    private ValueFunction valueFunction;
    private Objective objective = Objective.VALUE;
    private final List<ServiceLevel> serviceLevels = new ArrayList<>();
    private final Map<String, String> locks = new LinkedHashMap<>();
    private SolveMethod method = SolveMethod.AUTO;
    private int parallelism = Runtime.getRuntime().availableProcessors();

    private Builder() {}

    /**
     * Sets the accounts and their segments from a segmentation (unassigned accounts have no segment:
     * only options without segment restriction are open to them).
     *
     * @param segmentation an assigned table
     * @return this builder
     */
    public Builder accounts(Segmentation segmentation) {
      Objects.requireNonNull(segmentation, "segmentation");
      this.accounts = segmentation.table();
      this.segmentOf = new String[accounts.rowCount()];
      for (int i = 0; i < segmentOf.length; i++) {
        int s = segmentation.segmentIndex(i);
        segmentOf[i] = s == Assignment.UNASSIGNED ? null : segmentation.segments().get(s).id();
      }
      return this;
    }

    /**
     * Sets the accounts without segments.
     *
     * @param table the accounts
     * @return this builder
     */
    public Builder accounts(AccountTable table) {
      this.accounts = Objects.requireNonNull(table, "table");
      this.segmentOf = new String[table.rowCount()];
      return this;
    }

    /**
     * Adds a role with limited hours.
     *
     * @param role the role; names must be unique and differ from {@code "budget"}
     * @return this builder
     */
    public Builder role(Role role) {
      roles.add(Objects.requireNonNull(role, "role"));
      return this;
    }

    /**
     * Sets the money budget per year (default: none).
     *
     * @param amount finite and {@code >= 0}
     * @return this builder
     * @throws IllegalArgumentException for a negative or non-finite amount
     */
    public Builder budget(double amount) {
      if (!(Double.isFinite(amount) && amount >= 0)) {
        throw new IllegalArgumentException(
            "AllocationProblem.budget must be finite and >= 0, was " + amount + ".");
      }
      this.budget = amount;
      return this;
    }

    /**
     * Adds a coverage option.
     *
     * @param option the option; ids must be unique
     * @return this builder
     */
    public Builder option(CoverageOption option) {
      options.add(Objects.requireNonNull(option, "option"));
      return this;
    }

    /**
     * Sets the built-in response model, used for options without their own value.
     *
     * @param model the model
     * @return this builder
     */
    public Builder responseModel(ResponseModel model) {
      this.responseModel = Objects.requireNonNull(model, "model");
      return this;
    }

    /**
     * Sets a value function, used for options without their own value when there is no response model.
     *
     * @param function the function (pure, thread-safe)
     * @return this builder
     */
    public Builder valueFunction(ValueFunction function) {
      this.valueFunction = Objects.requireNonNull(function, "function");
      return this;
    }

    /**
     * Sets the objective (default {@link Objective#VALUE}).
     *
     * @param objective the objective
     * @return this builder
     */
    public Builder objective(Objective objective) {
      this.objective = Objects.requireNonNull(objective, "objective");
      return this;
    }

    /**
     * Adds a minimum service level.
     *
     * @param level the service level
     * @return this builder
     */
    public Builder serviceLevel(ServiceLevel level) {
      serviceLevels.add(Objects.requireNonNull(level, "level"));
      return this;
    }

    /**
     * Locks an account on an option.
     *
     * @param accountId the account id
     * @param optionId the option id
     * @return this builder
     */
    public Builder lock(String accountId, String optionId) {
      locks.put(Objects.requireNonNull(accountId, "accountId"),
          Objects.requireNonNull(optionId, "optionId"));
      return this;
    }

    /**
     * Sets the solve method (default {@link SolveMethod#AUTO}).
     *
     * @param method the method
     * @return this builder
     */
    public Builder method(SolveMethod method) {
      this.method = Objects.requireNonNull(method, "method");
      return this;
    }

    /**
     * Sets the number of threads used to evaluate the dual function; the plan does not depend on it.
     * Default: available processors (a private pool per solve, shut down when it ends).
     *
     * @param n at least 1
     * @return this builder
     * @throws IllegalArgumentException when {@code n < 1}
     */
    public Builder parallelism(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("AllocationProblem.parallelism must be >= 1, was " + n + ".");
      }
      this.parallelism = n;
      return this;
    }

    /**
     * Validates and builds the problem.
     *
     * @return the immutable problem
     * @throws IllegalStateException when the accounts or options are missing
     * @throws IllegalArgumentException when names repeat, an option takes hours of an unknown role, a
     *     lock names an unknown account or option, a service level names an unknown segment or option,
     *     or an option has no value source. An option restricted to segments that no account belongs
     *     to is allowed (see {@link CoverageOption.Builder#segments(String...)}): it is open to no
     *     account of this problem
     */
    public AllocationProblem build() {
      if (accounts == null) {
        throw new IllegalStateException("AllocationProblem needs accounts: accounts(segmentation).");
      }
      if (options.isEmpty()) {
        throw new IllegalStateException("AllocationProblem needs at least one coverage option.");
      }
      Set<String> roleNames = new HashSet<>();
      for (Role r : roles) {
        if (!roleNames.add(r.name()) || r.name().equals("budget")) {
          throw new IllegalArgumentException("Role name '" + r.name()
              + "' is repeated or reserved; role names must be unique and not \"budget\".");
        }
      }
      Set<String> optionIds = new HashSet<>();
      for (CoverageOption o : options) {
        if (!optionIds.add(o.id())) {
          throw new IllegalArgumentException("Coverage option id '" + o.id() + "' is repeated.");
        }
        for (String role : o.hours().keySet()) {
          if (!roleNames.contains(role)) {
            throw new IllegalArgumentException("Option '" + o.id() + "' takes hours of role '" + role
                + "', which is not defined; roles are: " + roleNames + ".");
          }
        }
        if (o.value().isEmpty() && responseModel == null && valueFunction == null
            && o.channel() != Channel.NONE) {
          throw new IllegalArgumentException("Option '" + o.id() + "' has no value: give it value(...) "
              + "or give the problem a responseModel(...) or valueFunction(...).");
        }
      }
      for (Map.Entry<String, String> e : locks.entrySet()) {
        if (accounts.indexOf(e.getKey()).isEmpty()) {
          throw new IllegalArgumentException("Lock of unknown account \"" + e.getKey() + "\".");
        }
        if (!optionIds.contains(e.getValue()) && !e.getValue().startsWith("none")) {
          throw new IllegalArgumentException("Lock of account \"" + e.getKey()
              + "\" names unknown option '" + e.getValue() + "'; options are: " + optionIds + ".");
        }
      }
      Set<String> segments = new HashSet<>();
      for (String s : segmentOf) {
        if (s != null) {
          segments.add(s);
        }
      }
      for (ServiceLevel sl : serviceLevels) {
        if (!segments.contains(sl.segment())) {
          throw new IllegalArgumentException("Service level names segment '" + sl.segment()
              + "', which no account belongs to; segments are: " + new java.util.TreeSet<>(segments)
              + ".");
        }
        for (String id : sl.options()) {
          if (!optionIds.contains(id)) {
            throw new IllegalArgumentException(
                "Service level of segment '" + sl.segment() + "' names unknown option '" + id + "'.");
          }
        }
      }
      AllocationProblem p = new AllocationProblem(this);
      for (Map.Entry<String, String> e : p.locks.entrySet()) {
        if (p.options.stream().noneMatch(o -> o.id().equals(e.getValue()))) {
          throw new IllegalArgumentException("Lock of account \"" + e.getKey()
              + "\" names unknown option '" + e.getValue() + "'.");
        }
      }
      return p;
    }
  }
}
