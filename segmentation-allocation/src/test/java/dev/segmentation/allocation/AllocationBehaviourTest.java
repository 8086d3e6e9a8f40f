package dev.segmentation.allocation;

import dev.segmentation.allocation.testing.AllocationInstances;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.allocation.internal.Compiled;
import dev.segmentation.allocation.internal.Mckp;
import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.UnassignedReason;
import dev.segmentation.core.model.Assignment;
import dev.segmentation.core.model.Condition;
import dev.segmentation.core.model.Segment;
import dev.segmentation.core.table.NumericColumn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Behaviour of allocation plans: limits, eligibility, objectives, explanations, limits of a solve. */
class AllocationBehaviourTest {

  static LongStream seeds() {
    return LongStream.range(0, 60);
  }

  static LongStream fewSeeds() {
    return LongStream.range(0, 20);
  }

  private static UniformRandomProvider rng(long seed) {
    return RandomSource.XO_RO_SHI_RO_128_PP.create(seed * 0x9E3779B97F4A7C15L + 17);
  }

  /**
   * The generator's problem plus an option open only to segment A ({@code key-visit}) and one open
   * only to accounts matching a condition ({@code quick-call}), solved by the Lagrangian method.
   */
  private static AllocationProblem.Builder withRestrictedOptions(
      int n, long seed, double tightness, boolean serviceLevel) {
    UniformRandomProvider r = rng(seed);
    return AllocationInstances.generate(n, seed, seed % 2 == 0, tightness, serviceLevel)
        .option(CoverageOption.builder("key-visit", Channel.FIELD).hours("field", 40).cost(2400)
            .retention(0.99).effort(16).segments("A").build())
        .option(CoverageOption.builder("quick-call", Channel.PHONE).hours("inside", 0.5).cost(5)
            .retention(0.9).effort(2)
            .eligibleWhen(String.format(Locale.ROOT, "travel > %.3f or revenue < 15000",
                0.6 + 1.5 * r.nextDouble()))
            .build())
        .method(SolveMethod.LAGRANGIAN);
  }

  /** Eligibility of each option for each row, re-evaluated from the problem's own rules. */
  private static boolean[][] eligibility(AllocationProblem p) {
    int n = p.accounts().rowCount();
    boolean[][] out = new boolean[n][p.options().size()];
    for (int q = 0; q < p.options().size(); q++) {
      CoverageOption o = p.options().get(q);
      IntPredicate when = o.eligibleWhen().isEmpty() ? i -> true
          : Condition.parse(o.eligibleWhen().get()).bind(p.accounts());
      for (int i = 0; i < n; i++) {
        boolean bySegment = o.segments().isEmpty()
            || p.segmentOf(i).map(o.segments()::contains).orElse(false);
        out[i][q] = o.channel() == Channel.NONE || bySegment && when.test(i);
      }
    }
    return out;
  }

  private static int optionIndex(AllocationProblem p, String id) {
    for (int q = 0; q < p.options().size(); q++) {
      if (p.options().get(q).id().equals(id)) {
        return q;
      }
    }
    throw new AssertionError("no option " + id);
  }

  // ---------------------------------------------------------------------------------------------
  // Locks and eligibility

  @ParameterizedTest
  @MethodSource("seeds")
  void locksAreHonouredAndEveryOtherAccountGetsAnEligibleOption(long seed) {
    UniformRandomProvider r = rng(seed);
    int n = 30 + r.nextInt(120);
    AllocationProblem.Builder b = withRestrictedOptions(n, seed, 0.4 + 0.5 * r.nextDouble(),
        seed % 3 == 0);
    AllocationProblem probe = b.build();
    Map<String, String> locks = new HashMap<>();
    // lock a segment-C account on key-visit and field-12 (both closed to C), and two random ones
    String[] cLocks = {"key-visit", "field-12"};
    int c = 0;
    for (int i = 0; i < n && c < cLocks.length; i++) {
      if (probe.segmentOf(i).orElse("").equals("C")) {
        locks.put(probe.accounts().id(i), cLocks[c++]);
      }
    }
    String[] any = {"quick-call", "partner", "none", "inside-2"};
    for (int k = 0; k < 2; k++) {
      locks.put("acct-" + r.nextInt(n), any[r.nextInt(any.length)]);
    }
    locks.forEach(b::lock);
    AllocationProblem p = b.build();
    AllocationPlan plan = p.solve();
    String msg = "seed " + seed + ", locks " + locks;
    assertTrue(plan.isFeasible(), "feasible, " + msg + "\n" + plan);
    AllocationTest.assertFeasible(p, plan, msg);
    boolean[][] eligible = eligibility(p);
    for (int i = 0; i < n; i++) {
      String id = p.accounts().id(i);
      String locked = locks.get(id);
      if (locked != null) {
        assertEquals(locked, plan.option(i), "locked account " + id + " gets its option, " + msg);
        AllocationPlan.Explanation e = plan.explain(i);
        assertEquals("", e.runnerUp(), "a locked account has no runner-up, " + msg);
        assertEquals(Double.POSITIVE_INFINITY, e.margin(), "locked margin, " + msg);
      } else {
        assertTrue(eligible[i][optionIndex(p, plan.option(i))], "account " + id + " ("
            + p.segmentOf(i).orElse("-") + ") is eligible for its option " + plan.option(i) + ", "
            + msg);
      }
    }
  }

  @Test
  void restrictedOptionsAreUsedWhereAllowed() {
    // the property above would pass vacuously if the restricted options were never chosen
    int keyVisits = 0;
    int quickCalls = 0;
    for (long seed = 0; seed < 10; seed++) {
      AllocationPlan plan = withRestrictedOptions(120, seed, 0.9, false).build().solve();
      for (int i = 0; i < 120; i++) {
        keyVisits += plan.option(i).equals("key-visit") ? 1 : 0;
        quickCalls += plan.option(i).equals("quick-call") ? 1 : 0;
      }
    }
    assertTrue(keyVisits > 0 && quickCalls > 0,
        "key-visit chosen " + keyVisits + " times, quick-call " + quickCalls + " times");
  }

  // ---------------------------------------------------------------------------------------------
  // Service levels

  @ParameterizedTest
  @MethodSource("seeds")
  void serviceLevelsAreMetWheneverThePlanIsFeasible(long seed) {
    UniformRandomProvider r = rng(seed);
    int n = 40 + r.nextInt(200);
    double share = 0.2 + 0.6 * r.nextDouble();
    AllocationProblem p = withRestrictedOptions(n, seed, 0.3 + 0.6 * r.nextDouble(), true)
        .serviceLevel(ServiceLevel.ofOptions("B", share, "inside-6", "field-4", "field-12"))
        .serviceLevel(ServiceLevel.ofChannels("C", 0.25, Channel.INSIDE, Channel.PHONE))
        .build();
    AllocationPlan plan = p.solve();
    String msg = "seed " + seed;
    if (!plan.isFeasible()) {
      assertFalse(plan.conflicts().isEmpty(), "an infeasible plan names its conflicts, " + msg);
      return;
    }
    int slRow = 0;
    for (ServiceLevel sl : p.serviceLevels()) {
      int size = 0;
      int served = 0;
      for (int i = 0; i < n; i++) {
        if (p.segmentOf(i).orElse("").equals(sl.segment())) {
          size++;
          if (sl.qualifies(p.options().get(optionIndex(p, plan.option(i))))) {
            served++;
          }
        }
      }
      long required = (long) Math.ceil(sl.minShare() * size - 1e-9);
      assertTrue(served >= required, sl.name() + ": " + served + " of " + size + " accounts served, "
          + required + " required, " + msg);
      LimitUsage u = plan.limits().get(p.roles().size() + 1 + slRow++);
      assertEquals(sl.name(), u.name(), "limit order, " + msg);
      assertEquals(required, u.capacity(), 0.0, "required accounts of " + sl.name() + ", " + msg);
      assertEquals(served, u.used(), 0.0, "served accounts of " + sl.name() + ", " + msg);
    }
  }

  @Test
  void impossibleServiceLevelIsInfeasibleAndNamesHoursNeededAndAvailable() {
    AllocationProblem p = AllocationInstances.generate(200, 7, false, 0.01, false)
        .serviceLevel(ServiceLevel.ofChannels("A", 1.0, Channel.FIELD))
        .method(SolveMethod.LAGRANGIAN)
        .build();
    AllocationPlan plan = p.solve();
    assertEquals(PlanStatus.INFEASIBLE, plan.status(), "status\n" + plan);
    assertFalse(plan.isFeasible(), "no plan");
    assertThrows(IllegalStateException.class, () -> plan.option(0), "no option when infeasible");
    assertTrue(Double.isNaN(plan.objective()), "objective of an infeasible plan is NaN");
    // the cheapest way to put every A account on a FIELD option is field-4 for each of them
    double needed = 0;
    int accounts = 0;
    NumericColumn field4 = p.accounts().numeric("field4");
    for (int i = 0; i < 200; i++) {
      if (p.segmentOf(i).orElse("").equals("A")) {
        needed += field4.get(i);
        accounts++;
      }
    }
    double available = p.roles().get(0).hours();
    Pattern pattern = Pattern.compile("^service:A>=100%\\[FIELD\\] \\((\\d+) accounts\\) needs "
        + "([0-9,]+\\.\\d) hours of role 'field'; ([0-9,]+\\.\\d) hours available\\.$");
    Matcher found = null;
    for (String c : plan.conflicts()) {
      Matcher m = pattern.matcher(c);
      if (m.matches()) {
        found = m;
      }
    }
    assertTrue(found != null, "a conflict names the service level and the field hours: "
        + plan.conflicts());
    assertEquals(accounts, Integer.parseInt(found.group(1)), "accounts required");
    assertEquals(needed, Double.parseDouble(found.group(2).replace(",", "")), 0.05 + 1e-9 * needed,
        "hours needed");
    assertEquals(available, Double.parseDouble(found.group(3).replace(",", "")), 0.05,
        "hours available");
    assertTrue(needed > available, "the service level really needs more than there is");
  }

  // ---------------------------------------------------------------------------------------------
  // Objectives

  @ParameterizedTest
  @MethodSource("seeds")
  void profitObjectiveMaximisesValueMinusCost(long seed) {
    UniformRandomProvider r = rng(seed);
    int n = 4 + r.nextInt(5);
    double tightness = 0.2 + 0.7 * r.nextDouble();
    boolean correlated = r.nextBoolean();
    AllocationPlan byValue = AllocationInstances.generate(n, seed, correlated, tightness, false)
        .method(SolveMethod.EXACT).build().solve();
    AllocationPlan byProfit = AllocationInstances.generate(n, seed, correlated, tightness, false)
        .method(SolveMethod.EXACT).objective(Objective.PROFIT).build().solve();
    String msg = "seed " + seed;
    assertEquals(PlanStatus.OPTIMAL, byValue.status(), "VALUE plan is optimal, " + msg);
    assertEquals(PlanStatus.OPTIMAL, byProfit.status(), "PROFIT plan is optimal, " + msg);
    double tol = 1e-9 * Math.max(1, Math.abs(byProfit.objective()));
    assertEquals(byProfit.value() - byProfit.cost(), byProfit.objective(), tol,
        "PROFIT objective is value minus cost, " + msg);
    assertEquals(byValue.value(), byValue.objective(), 0.0, "VALUE objective is the value, " + msg);
    assertTrue(byProfit.objective() >= byValue.value() - byValue.cost() - tol,
        "profit of the PROFIT plan " + byProfit.objective() + " >= profit of the VALUE plan "
            + (byValue.value() - byValue.cost()) + ", " + msg);
    assertTrue(byValue.value() >= byProfit.value() - tol,
        "value of the VALUE plan >= value of the PROFIT plan, " + msg);
  }

  @ParameterizedTest
  @MethodSource("fewSeeds")
  void profitBoundCoversTheProfitOfTheValuePlanOnLargerInstances(long seed) {
    int n = 300 + (int) seed * 37;
    AllocationPlan byValue = AllocationInstances.generate(n, seed, true, 0.5, seed % 2 == 0).build().solve();
    AllocationPlan byProfit = AllocationInstances.generate(n, seed, true, 0.5, seed % 2 == 0)
        .objective(Objective.PROFIT).build().solve();
    double profitOfValuePlan = byValue.value() - byValue.cost();
    String msg = "seed " + seed;
    assertTrue(profitOfValuePlan <= byProfit.upperBound() * (1 + 1e-9),
        "the PROFIT bound holds for the VALUE plan, " + msg);
    assertTrue(byProfit.objective() >= profitOfValuePlan
            - byProfit.gap() * Math.abs(byProfit.upperBound()) - 1e-6,
        "PROFIT plan's profit within its gap of the VALUE plan's profit or better, " + msg);
  }

  // ---------------------------------------------------------------------------------------------
  // Summaries and explanations

  @ParameterizedTest
  @MethodSource("seeds")
  void segmentSummaryAddsUpToThePlanTotals(long seed) {
    UniformRandomProvider r = rng(seed);
    int n = 50 + r.nextInt(250);
    AllocationProblem p = withRestrictedOptions(n, seed, 0.3 + 0.6 * r.nextDouble(), seed % 2 == 1)
        .objective(seed % 3 == 0 ? Objective.PROFIT : Objective.VALUE).build();
    AllocationPlan plan = p.solve();
    String msg = "seed " + seed;
    assertTrue(plan.isFeasible(), msg);
    int accounts = 0;
    double value = 0;
    double cost = 0;
    Map<String, Double> hours = new HashMap<>();
    Map<String, Integer> perOption = new HashMap<>();
    String previous = null;
    for (SegmentSummary s : plan.segmentSummary()) {
      assertTrue(previous == null || (s.segment().isEmpty() ? "\uffff" : s.segment())
          .compareTo(previous) > 0, "segments sorted, unsegmented last, " + msg);
      previous = s.segment().isEmpty() ? "\uffff" : s.segment();
      accounts += s.accounts();
      value += s.value();
      cost += s.cost();
      int inSegment = 0;
      for (Map.Entry<String, Integer> e : s.accountsPerOption().entrySet()) {
        perOption.merge(e.getKey(), e.getValue(), Integer::sum);
        inSegment += e.getValue();
      }
      assertEquals(s.accounts(), inSegment, "accounts per option add up in " + s.segment() + ", " + msg);
      s.hours().forEach((role, h) -> hours.merge(role, h, Double::sum));
    }
    assertEquals(n, accounts, "every account in one segment summary, " + msg);
    assertEquals(plan.value(), value, 1e-9 * Math.abs(plan.value()), "value adds up, " + msg);
    assertEquals(plan.cost(), cost, 1e-9 * Math.max(1, plan.cost()), "cost adds up, " + msg);
    for (Role role : p.roles()) {
      double used = plan.limits().stream().filter(u -> u.name().equals(role.name())).findFirst()
          .orElseThrow().used();
      assertEquals(used, hours.get(role.name()), 1e-9 * Math.max(1, used),
          "hours of role " + role.name() + " add up, " + msg);
    }
    Map<String, Integer> counted = new HashMap<>();
    for (int i = 0; i < n; i++) {
      counted.merge(plan.option(i), 1, Integer::sum);
    }
    assertEquals(counted, perOption, "accounts per option add up, " + msg);
  }

  @Test
  void segmentSummaryListsAccountsWithoutSegmentLast() {
    AccountTable t = AccountTable.of(new String[] {"u", "a", "b", "c"},
        NumericColumn.of("v", new double[] {1, 2, 3, 4}));
    Segmentation seg = Segmentation.of(t,
        List.of(new Segment(0, "B", "B", ""), new Segment(1, "A", "A", "")),
        new int[] {Assignment.UNASSIGNED, 0, 1, 1},
        new UnassignedReason[] {UnassignedReason.NO_RULE_MATCHED, null, null, null},
        new String[4]);
    AllocationPlan plan = AllocationProblem.builder()
        .accounts(seg)
        .option(CoverageOption.builder("call", Channel.PHONE).value(PerAccount.column("v")).build())
        .method(SolveMethod.LAGRANGIAN)
        .build()
        .solve();
    List<String> order = plan.segmentSummary().stream().map(SegmentSummary::segment).toList();
    assertEquals(List.of("A", "B", ""), order,
        "segment ids in sorted order, then accounts without segment (as documented)");
    assertEquals(2, plan.segmentSummary().get(0).accounts(), "accounts of A");
    assertEquals(1, plan.segmentSummary().get(2).accounts(), "accounts without segment");
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void explanationsMatchTheShadowPrices(long seed) {
    UniformRandomProvider r = rng(seed);
    int n = 20 + r.nextInt(150);
    AllocationProblem p = withRestrictedOptions(n, seed, 0.3 + 0.6 * r.nextDouble(), seed % 2 == 0)
        .lock("acct-0", "partner").build();
    AllocationPlan plan = p.solve();
    String msg = "seed " + seed;
    assertTrue(plan.isFeasible(), msg);
    double[] lambda = plan.limits().stream().mapToDouble(LimitUsage::shadowPrice).toArray();
    Mckp m = Compiled.compile(p).mckp;
    boolean[][] eligible = eligibility(p);
    int best = 0;
    for (int i = 0; i < n; i++) {
      AllocationPlan.Explanation e = plan.explain(i);
      String at = "account " + e.accountId() + ", " + msg;
      assertEquals(p.accounts().id(i), e.accountId(), at);
      assertEquals(plan.option(i), e.option(), at);
      double own = Double.NaN;
      double other = Double.NEGATIVE_INFINITY;
      for (int k = m.start[i]; k < m.start[i + 1]; k++) {
        double red = m.reduced(k, lambda);
        if (p.options().get(m.option[k]).id().equals(e.option())) {
          own = red;
        } else {
          other = Math.max(other, red);
        }
      }
      assertEquals(own, e.reducedValue(), 0.0, "reduced value of the chosen option, " + at);
      if (own >= other) {
        best++;
        assertTrue(e.margin() >= 0, "margin >= 0 for an account on its best option, " + at);
      }
      if (e.runnerUp().isEmpty()) {
        assertEquals(Double.NEGATIVE_INFINITY, other, "no runner-up only without another option, " + at);
        assertEquals(Double.POSITIVE_INFINITY, e.margin(), at);
        continue;
      }
      assertNotEquals(e.option(), e.runnerUp(), "runner-up is another option, " + at);
      assertTrue(eligible[i][optionIndex(p, e.runnerUp())], "runner-up " + e.runnerUp()
          + " is an eligible option, " + at);
      assertEquals(own - other, e.margin(), 0.0, "margin is chosen minus runner-up, " + at);
    }
    assertTrue(best >= n * 0.5, "most accounts are on their best option at the prices: " + best
        + " of " + n + ", " + msg);
  }

  // ---------------------------------------------------------------------------------------------
  // Determinism and limits of a solve

  @Test
  void planDoesNotDependOnParallelism() {
    for (int[] c : new int[][] {{20_000, 5}, {9_000, 8}}) {
      int n = c[0];
      long seed = c[1];
      List<AllocationPlan> plans = new ArrayList<>();
      for (int threads : new int[] {1, 2, 4}) {
        plans.add(AllocationInstances.generate(n, seed, true, 0.4, true).parallelism(threads).build().solve());
      }
      assertTrue(plans.get(0).isFeasible(), "feasible, n=" + n + ", seed " + seed);
      assertEquals(plans.get(0), plans.get(1), "1 and 2 threads give equal plans, n=" + n + ", seed "
          + seed);
      assertEquals(plans.get(0), plans.get(2), "1 and 4 threads give equal plans, n=" + n + ", seed "
          + seed);
    }
  }

  @ParameterizedTest
  @MethodSource("fewSeeds")
  void iterationLimitGivesAFeasibleReproduciblePlan(long seed) {
    // AUTO on a few tiny instances (exact search after the bound), LAGRANGIAN on the others
    boolean auto = seed % 5 == 0;
    int n = auto ? 6 + (int) seed / 5 : 40 + (int) seed * 23;
    AllocationProblem p = AllocationInstances.generate(n, seed, seed % 2 == 0, 0.4, seed % 3 == 0)
        .method(auto ? SolveMethod.AUTO : SolveMethod.LAGRANGIAN).build();
    SolveLimits limits = SolveLimits.defaults().maxIterations(3);
    AllocationPlan plan = p.solve(limits);
    String msg = "seed " + seed + ": " + plan.status() + ", converged " + plan.boundConverged();
    AllocationTest.assertFeasible(p, plan, msg);
    assertTrue(plan.iterations() <= 3, "at most 3 iterations, " + msg);
    if (plan.boundConverged()) {
      assertTrue(plan.status() == PlanStatus.OPTIMAL || plan.status() == PlanStatus.FEASIBLE, msg);
    } else {
      assertTrue(plan.status() == PlanStatus.ITERATION_LIMIT || plan.status() == PlanStatus.OPTIMAL,
          msg);
    }
    assertTrue(plan.objective() <= plan.upperBound() * (1 + 1e-9) + 1e-9,
        "the bound holds after 3 iterations, " + msg);
    assertEquals(plan, p.solve(limits), "an iteration-limited solve is reproducible, " + msg);
  }

  @ParameterizedTest
  @MethodSource("fewSeeds")
  void cancelledTokenGivesACancelledFeasiblePlan(long seed) {
    int n = 30 + (int) seed * 41;
    AllocationProblem p = AllocationInstances.generate(n, seed, seed % 2 == 0, 0.3 + 0.03 * seed,
        seed % 2 == 1).build();
    Cancellation token = Cancellation.create();
    token.cancel();
    AllocationPlan plan = p.solve(SolveLimits.defaults().cancellation(token));
    String msg = "seed " + seed;
    assertEquals(PlanStatus.CANCELLED, plan.status(), msg + "\n" + plan);
    AllocationTest.assertFeasible(p, plan, msg);
  }

  // ---------------------------------------------------------------------------------------------
  // Builder input

  private static AllocationProblem.Builder tiny() {
    AccountTable t = AccountTable.of(new String[] {"a", "b"},
        NumericColumn.of("v", new double[] {10, 8}));
    return AllocationProblem.builder()
        .accounts(t)
        .role(Role.of("field", 2))
        .option(CoverageOption.builder("visit", Channel.FIELD).hours("field", 1)
            .value(PerAccount.column("v")).build());
  }

  private static void assertRejected(AllocationProblem.Builder b, String... parts) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), "message contains \"" + part + "\": " + e.getMessage());
    }
  }

  @Test
  void badBuilderInputGivesClearExceptions() {
    assertRejected(tiny().option(CoverageOption.builder("call", Channel.PHONE).hours("ghost", 1)
        .value(PerAccount.of(1)).build()), "Option 'call'", "role 'ghost'", "roles are: [field]");
    assertRejected(tiny().option(CoverageOption.builder("visit", Channel.INSIDE)
        .value(PerAccount.of(1)).build()), "Coverage option id 'visit' is repeated");
    assertRejected(tiny().lock("nobody", "visit"), "Lock of unknown account \"nobody\"");
    assertRejected(tiny().lock("a", "teleport"), "account \"a\"", "unknown option 'teleport'",
        "visit");
    assertRejected(tiny().lock("a", "nonesuch"), "account \"a\"", "unknown option 'nonesuch'");
    assertRejected(tiny().serviceLevel(ServiceLevel.ofChannels("Z", 0.5, Channel.FIELD)),
        "segment 'Z'");
    assertRejected(tiny().role(Role.of("field", 3)), "Role name 'field'");
    assertRejected(tiny().role(Role.of("budget", 3)), "Role name 'budget'", "reserved");
    assertRejected(tiny().option(CoverageOption.builder("call", Channel.PHONE).build()),
        "Option 'call' has no value");
    IllegalArgumentException budget = assertThrows(IllegalArgumentException.class,
        () -> tiny().budget(-1));
    assertEquals("AllocationProblem.budget must be finite and >= 0, was -1.0.", budget.getMessage());
    assertThrows(IllegalArgumentException.class, () -> tiny().budget(Double.NaN), "NaN budget");
    IllegalArgumentException threads = assertThrows(IllegalArgumentException.class,
        () -> tiny().parallelism(0));
    assertTrue(threads.getMessage().contains("parallelism must be >= 1, was 0"), threads.getMessage());
    IllegalStateException noAccounts = assertThrows(IllegalStateException.class,
        () -> AllocationProblem.builder().build());
    assertTrue(noAccounts.getMessage().contains("needs accounts"), noAccounts.getMessage());
    assertEquals("none", tiny().lock("a", "none").build().solve().option("a"),
        "a lock on the added none option is honoured");
  }
}
