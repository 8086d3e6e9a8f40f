package dev.segmentation.allocation.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.segmentation.allocation.AllocationPlan;
import dev.segmentation.allocation.AllocationProblem;
import dev.segmentation.allocation.Channel;
import dev.segmentation.allocation.CoverageOption;
import dev.segmentation.allocation.LimitUsage;
import dev.segmentation.allocation.PerAccount;
import dev.segmentation.allocation.PlanStatus;
import dev.segmentation.allocation.ResponseModel;
import dev.segmentation.allocation.Role;
import dev.segmentation.allocation.ServiceLevel;
import dev.segmentation.allocation.SolveLimits;
import dev.segmentation.allocation.calltime.CallTimePlan;
import dev.segmentation.allocation.calltime.CallTimeProblem;
import dev.segmentation.allocation.calltime.ResponseCurve;
import dev.segmentation.allocation.capacity.CapacityPlan;
import dev.segmentation.allocation.capacity.CapacityPlanner;
import dev.segmentation.allocation.capacity.WhatIf;
import dev.segmentation.allocation.capacity.WhatIfCurve;
import dev.segmentation.allocation.json.AllocationJson;
import dev.segmentation.allocation.json.PlanningJson;
import dev.segmentation.allocation.json.TerritoryJson;
import dev.segmentation.allocation.quota.AttainmentReport;
import dev.segmentation.allocation.quota.AttainmentTracker;
import dev.segmentation.allocation.quota.QuotaPlan;
import dev.segmentation.allocation.quota.QuotaPlanner;
import dev.segmentation.allocation.quota.RepFigures;
import dev.segmentation.allocation.territory.TerritoryAccount;
import dev.segmentation.allocation.territory.TerritoryPlan;
import dev.segmentation.allocation.territory.TerritoryProblem;
import dev.segmentation.allocation.territory.TerritoryRep;
import dev.segmentation.core.AccountTable;
import dev.segmentation.core.ModelFormatException;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.SegmentationException;
import dev.segmentation.core.UnassignedReason;
import dev.segmentation.core.model.Segment;
import dev.segmentation.core.table.CategoricalColumn;
import dev.segmentation.core.table.NumericColumn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input matrix of the allocation module: allocation problems, call-time problems,
 * territories, capacity and what-if, quotas and attainment, each with awkward accounts and
 * impossible or degenerate options. Each case ends in a result that is checked (status, finite
 * numbers, limits kept, JSON that writes and reads back) or a documented exception with a message;
 * never an NPE, index or class-cast failure, a stack overflow, NaN in output or a hang. The matrix is
 * printed.
 */
@Timeout(30)
class AllocationBadInputMatrixTest {

  private static final Map<String, String> MATRIX = new TreeMap<>();

  /** One case: builds and runs, returns a description of the checked result. */
  interface Body {
    String run() throws Exception;
  }

  // ---------------------------------------------------------------- allocation

  /** Accounts with the given revenue, potential and field hours, segments cycling A, B. */
  private static Segmentation accounts(String[] ids, double[] revenue, double[] potential, double[] hours) {
    int n = ids.length;
    AccountTable t = AccountTable.of(ids, NumericColumn.of("revenue", revenue),
        NumericColumn.of("potential", potential), NumericColumn.of("fieldHours", hours));
    int[] seg = new int[n];
    for (int i = 0; i < n; i++) {
      seg[i] = i % 2;
    }
    return Segmentation.of(t, List.of(new Segment(0, "A", "A", "large"), new Segment(1, "B", "B", "small")),
        seg, new UnassignedReason[n], new String[n]);
  }

  private static Segmentation accounts(int n) {
    String[] ids = new String[n];
    double[] r = new double[n];
    double[] p = new double[n];
    double[] h = new double[n];
    for (int i = 0; i < n; i++) {
      ids[i] = "acc-" + i;
      r[i] = 1000 + 500 * i;
      p[i] = 3000 + 700 * i;
      h[i] = 10 + i;
    }
    return accounts(ids, r, p, h);
  }

  private static AllocationProblem.Builder problem(Segmentation s, double fieldHours, double budget) {
    return AllocationProblem.builder().accounts(s)
        .role(Role.of("field", fieldHours))
        .budget(budget)
        .option(CoverageOption.builder("field", Channel.FIELD).hours("field", PerAccount.column("fieldHours"))
            .cost(500).retention(0.95).effort(6).build())
        .option(CoverageOption.builder("phone", Channel.INSIDE).cost(50).retention(0.9).effort(2).build())
        .option(CoverageOption.builder("none", Channel.NONE).retention(0.7).build())
        .responseModel(new ResponseModel("revenue", "potential", 0.25, 4, 1.0));
  }

  private static String solve(AllocationProblem.Builder b) {
    return checkPlan(b.build().solve(SolveLimits.defaults().maxIterations(20_000)));
  }

  static String checkPlan(AllocationPlan plan) {
    if (plan.isFeasible()) {
      finite("objective", plan.objective(), plan.value(), plan.cost());
    }
    for (LimitUsage u : plan.limits()) {
      if (plan.isFeasible()) {
        assertTrue(u.used() <= u.capacity() * (1 + 1e-9) + 1e-6, "limit kept: " + u);
      }
    }
    for (int i = 0; plan.isFeasible() && i < plan.accountIds().size(); i++) {
      assertFalse(plan.option(i).isEmpty(), "every account of a feasible plan has an option");
    }
    String json = AllocationJson.write(plan);
    assertEquals(plan, AllocationJson.readPlan(json), "plan JSON round trip");
    return plan.status() + ", " + plan.accountIds().size() + " accounts"
        + (plan.conflicts().isEmpty() ? "" : ", conflicts " + plan.conflicts().size());
  }

  static Map<String, Body> cases() {
    Map<String, Body> c = new LinkedHashMap<>();
    c.put("allocation: normal", () -> solve(problem(accounts(6), 30, 2000)));
    c.put("allocation: no accounts", () -> solve(problem(accounts(0), 30, 2000)));
    c.put("allocation: one account", () -> solve(problem(accounts(1), 30, 2000)));
    c.put("allocation: zero hours", () -> solve(problem(accounts(6), 0, 2000)));
    c.put("allocation: zero budget", () -> solve(problem(accounts(6), 30, 0)));
    c.put("allocation: negative hours", () -> solve(problem(accounts(6), -1, 2000)));
    c.put("allocation: negative budget", () -> solve(problem(accounts(6), 30, -1)));
    c.put("allocation: NaN budget", () -> solve(problem(accounts(6), 30, Double.NaN)));
    c.put("allocation: infinite hours", () -> solve(problem(accounts(6), Double.POSITIVE_INFINITY, 2000)));
    c.put("allocation: 1e308 hours and budget", () -> solve(problem(accounts(6), 1e308, 1e308)));
    c.put("allocation: NaN revenue", () -> solve(problem(accounts(new String[] {"a", "b"},
        new double[] {Double.NaN, 1}, new double[] {5, 5}, new double[] {1, 1}), 30, 2000)));
    c.put("allocation: infinite potential", () -> solve(problem(accounts(new String[] {"a", "b"},
        new double[] {1, 1}, new double[] {Double.POSITIVE_INFINITY, 5}, new double[] {1, 1}), 30, 2000)));
    c.put("allocation: 1e308 potential", () -> solve(problem(accounts(new String[] {"a", "b", "c"},
        new double[] {1e308, 1, 1}, new double[] {1e308, 1e308, 5}, new double[] {1, 1, 1}), 30, 2000)));
    c.put("allocation: -0.0 everywhere", () -> solve(problem(accounts(new String[] {"a", "b"},
        new double[] {-0.0, -0.0}, new double[] {-0.0, 0.0}, new double[] {-0.0, -0.0}), -0.0, -0.0)));
    c.put("allocation: NaN option hours", () -> solve(problem(accounts(new String[] {"a", "b"},
        new double[] {1, 1}, new double[] {5, 5}, new double[] {Double.NaN, 1}), 30, 2000)));
    c.put("allocation: negative option hours", () -> solve(problem(accounts(new String[] {"a", "b"},
        new double[] {1, 1}, new double[] {5, 5}, new double[] {-3, 1}), 30, 2000)));
    c.put("allocation: unicode ids", () -> solve(problem(accounts(new String[] {"Kunde-Ö", "客户", "\uD83D\uDE00"},
        new double[] {1, 2, 3}, new double[] {5, 6, 7}, new double[] {1, 2, 3}), 30, 2000)));
    c.put("allocation: option for unknown segment", () -> solve(problem(accounts(6), 30, 2000)
        .option(CoverageOption.builder("vip", Channel.FIELD).cost(1).retention(0.99).effort(9)
            .segments("Z").build())));
    c.put("allocation: option no account may take", () -> {
      AllocationProblem.Builder b = AllocationProblem.builder().accounts(accounts(4)).budget(100)
          .option(CoverageOption.builder("vip", Channel.FIELD).cost(1).retention(0.99).effort(9)
              .segments("A").build())
          .responseModel(new ResponseModel("revenue", "potential", 0.25, 4, 1.0));
      return solve(b);
    });
    c.put("allocation: duplicate option id", () -> solve(problem(accounts(6), 30, 2000)
        .option(CoverageOption.builder("phone", Channel.INSIDE).cost(5).build())));
    c.put("allocation: unknown hours column", () -> solve(problem(accounts(6), 30, 2000)
        .option(CoverageOption.builder("x", Channel.FIELD).hours("field", PerAccount.column("nope")).build())));
    c.put("allocation: unknown role in option", () -> solve(problem(accounts(6), 30, 2000)
        .option(CoverageOption.builder("x", Channel.FIELD).hours("ghost", 2).build())));
    c.put("allocation: service level cannot be met", () -> {
      AllocationProblem.Builder b = problem(accounts(6), 0, 2000)
          .serviceLevel(ServiceLevel.ofChannels("A", 1.0, Channel.FIELD));
      AllocationPlan plan = b.build().solve(SolveLimits.defaults().maxIterations(20_000));
      assertEquals(PlanStatus.INFEASIBLE, plan.status(), "an unmeetable service level is INFEASIBLE");
      assertFalse(plan.conflicts().isEmpty(), "the conflicts name the service level");
      return checkPlan(plan);
    });
    c.put("allocation: service level share 1.5", () -> solve(problem(accounts(6), 30, 2000)
        .serviceLevel(ServiceLevel.ofChannels("A", 1.5, Channel.FIELD))));
    c.put("allocation: service level unknown segment", () -> solve(problem(accounts(6), 30, 2000)
        .serviceLevel(ServiceLevel.ofChannels("Z", 0.5, Channel.FIELD))));
    c.put("allocation: maxIterations 0", () -> solve(problem(accounts(6), 30, 2000)
        .option(CoverageOption.builder("x", Channel.PARTNER).cost(1).build()))
        + checkPlan(problem(accounts(6), 30, 2000).build().solve(SolveLimits.defaults().maxIterations(0))));
    c.put("allocation: maxIterations 1", () -> checkPlan(problem(accounts(20), 30, 2000).build()
        .solve(SolveLimits.defaults().maxIterations(1))));
    c.put("allocation: JSON of a problem", () -> {
      AllocationProblem p = problem(accounts(6), 30, 2000).build();
      return checkPlan(AllocationJson.readProblem(AllocationJson.write(p)).solve());
    });

    // ---------------------------------------------------------------- call time
    c.put("calltime: normal", () -> callTime(CallTimeProblem.builder().group("g", 10)
        .account("a", "g", ResponseCurve.exponential(100, 5)).account("b", "g", ResponseCurve.exponential(60, 10))
        .build()));
    c.put("calltime: zero hours", () -> callTime(CallTimeProblem.builder().group("g", 0)
        .account("a", "g", ResponseCurve.exponential(100, 5)).build()));
    c.put("calltime: negative hours", () -> callTime(CallTimeProblem.builder().group("g", -1)
        .account("a", "g", ResponseCurve.exponential(100, 5)).build()));
    c.put("calltime: NaN hours", () -> callTime(CallTimeProblem.builder().group("g", Double.NaN)
        .account("a", "g", ResponseCurve.exponential(100, 5)).build()));
    c.put("calltime: 1e308 hours", () -> callTime(CallTimeProblem.builder().group("g", 1e308)
        .account("a", "g", ResponseCurve.exponential(1e308, 1e-300)).build()));
    c.put("calltime: no accounts", () -> callTime(CallTimeProblem.builder().group("g", 10).build()));
    c.put("calltime: unknown group", () -> callTime(CallTimeProblem.builder().group("g", 10)
        .account("a", "h", ResponseCurve.exponential(100, 5)).build()));
    c.put("calltime: duplicate account", () -> callTime(CallTimeProblem.builder().group("g", 10)
        .account("a", "g", ResponseCurve.exponential(100, 5)).account("a", "g", ResponseCurve.exponential(1, 5))
        .build()));
    c.put("calltime: NaN curve", () -> callTime(CallTimeProblem.builder().group("g", 10)
        .account("a", "g", ResponseCurve.exponential(Double.NaN, 5)).build()));
    c.put("calltime: zero scale", () -> callTime(CallTimeProblem.builder().group("g", 10)
        .account("a", "g", ResponseCurve.exponential(100, 0)).build()));
    c.put("calltime: min > max hours", () -> callTime(CallTimeProblem.builder().group("g", 10)
        .account("a", "g", ResponseCurve.exponential(100, 5)).hours(8, 2).build()));
    c.put("calltime: minimums exceed capacity", () -> callTime(CallTimeProblem.builder().group("g", 10)
        .account("a", "g", ResponseCurve.exponential(100, 5)).hours(8, 20)
        .account("b", "g", ResponseCurve.exponential(100, 5)).hours(8, 20).build()));

    // ---------------------------------------------------------------- territories
    c.put("territory: normal", () -> territory(twoReps().account(TerritoryAccount.of("a", 10, 100)
        .location(50, 8)).account(TerritoryAccount.of("b", 12, 50).location(50.5, 8))));
    c.put("territory: no accounts", () -> territory(twoReps()));
    c.put("territory: no reps", () -> territory(TerritoryProblem.builder().role("field")
        .account(TerritoryAccount.of("a", 10, 100))));
    c.put("territory: zero capacity", () -> territory(TerritoryProblem.builder().role("field")
        .rep(TerritoryRep.of("ana", "field", 0)).account(TerritoryAccount.of("a", 10, 100))));
    c.put("territory: negative capacity", () -> territory(TerritoryProblem.builder().role("field")
        .rep(TerritoryRep.of("ana", "field", -5)).account(TerritoryAccount.of("a", 10, 100))));
    c.put("territory: NaN workload", () -> territory(twoReps().account(TerritoryAccount.of("a", Double.NaN, 1))));
    c.put("territory: negative workload", () -> territory(twoReps().account(TerritoryAccount.of("a", -1, 1))));
    c.put("territory: 1e308 workload", () -> territory(twoReps().account(TerritoryAccount.of("a", 1e308, 1e308))
        .account(TerritoryAccount.of("b", 1e308, 1e308))));
    c.put("territory: latitude 200", () -> territory(twoReps().account(TerritoryAccount.of("a", 1, 1)
        .location(200, 8))));
    c.put("territory: duplicate account", () -> territory(twoReps().account(TerritoryAccount.of("a", 1, 1))
        .account(TerritoryAccount.of("a", 2, 1))));
    c.put("territory: lock to unknown rep", () -> territory(twoReps().account(TerritoryAccount.of("a", 1, 1)
        .lockedTo("zed"))));
    c.put("territory: owned by unknown rep", () -> territory(twoReps().account(TerritoryAccount.of("a", 1, 1)
        .ownedBy("zed"))));
    c.put("territory: locks make balance impossible", () -> {
      TerritoryProblem.Builder b = twoReps();
      for (int i = 0; i < 6; i++) {
        b.account(TerritoryAccount.of("a" + i, 10, 10).lockedTo("ana"));
      }
      return territory(b);
    });
    c.put("territory: tolerance -1", () -> territory(twoReps().tolerance(-1)
        .account(TerritoryAccount.of("a", 1, 1))));
    c.put("territory: unicode ids", () -> territory(TerritoryProblem.builder().role("field")
        .rep(TerritoryRep.of("Ænne", "field", 100)).rep(TerritoryRep.of("客", "field", 100))
        .account(TerritoryAccount.of("\uD83D\uDE00", 5, 1)).account(TerritoryAccount.of("Kunde-Ö", 5, 1))));

    // ---------------------------------------------------------------- capacity and what-if
    c.put("capacity: hoursPerFte 0", () -> CapacityPlanner.builder().hoursPerFte(0).build().toString());
    c.put("capacity: utilisation 1.5", () -> CapacityPlanner.builder().hoursPerFte(1600).utilisation(1.5)
        .build().toString());
    c.put("capacity: utilisation 0", () -> CapacityPlanner.builder().hoursPerFte(1600).utilisation(0)
        .build().toString());
    c.put("capacity: from a plan with zero hours", () -> capacity(CapacityPlanner.builder().hoursPerFte(1600)
        .utilisation(0.8).build().fromPlan(problem(accounts(6), 0, 2000).build().solve())));
    c.put("capacity: policy with unknown option", () -> capacity(CapacityPlanner.builder().hoursPerFte(1600)
        .build().fromPolicy(problem(accounts(6), 30, 2000).build(), Map.of("A", "nope"))));
    c.put("capacity: policy with unknown segment", () -> capacity(CapacityPlanner.builder().hoursPerFte(1600)
        .build().fromPolicy(problem(accounts(6), 30, 2000).build(), Map.of("Z", "field"))));
    c.put("what-if: budget grid from 0", () -> whatIf(WhatIf.builder().limits(SolveLimits.defaults()
        .maxIterations(2000)).build().budget(problem(accounts(6), 30, 2000).build(), WhatIf.grid(0, 4000, 3))));
    c.put("what-if: unknown role", () -> whatIf(WhatIf.builder().build()
        .roleHours(problem(accounts(6), 30, 2000).build(), "ghost", WhatIf.grid(0, 10, 3))));
    c.put("what-if: negative levels", () -> whatIf(WhatIf.builder().build()
        .budget(problem(accounts(6), 30, 2000).build(), new double[] {-5, 10})));
    c.put("what-if: NaN level", () -> whatIf(WhatIf.builder().build()
        .budget(problem(accounts(6), 30, 2000).build(), new double[] {Double.NaN})));
    c.put("what-if: empty grid", () -> whatIf(WhatIf.builder().build()
        .budget(problem(accounts(6), 30, 2000).build(), new double[0])));
    c.put("what-if: grid NaN bounds", () -> String.valueOf(WhatIf.grid(Double.NaN, 1, 3).length));

    // ---------------------------------------------------------------- quotas and attainment
    List<RepFigures> reps = List.of(RepFigures.of("ana", 1000, 500), RepFigures.of("ben", 0, 0),
        RepFigures.of("客", 2000, 100));
    c.put("quota: normal", () -> quota(QuotaPlanner.builder().target(1000).unit(10).build().split(reps)));
    c.put("quota: no reps", () -> quota(QuotaPlanner.builder().target(1000).unit(10).build().split(List.of())));
    c.put("quota: zero target", () -> quota(QuotaPlanner.builder().target(0).unit(10).build().split(reps)));
    c.put("quota: negative target", () -> quota(QuotaPlanner.builder().target(-1).unit(10).build().split(reps)));
    c.put("quota: NaN target", () -> quota(QuotaPlanner.builder().target(Double.NaN).build().split(reps)));
    c.put("quota: 1e308 target", () -> quota(QuotaPlanner.builder().target(1e308).unit(1).build().split(reps)));
    c.put("quota: unit 0", () -> quota(QuotaPlanner.builder().target(1000).unit(0).build().split(reps)));
    c.put("quota: target not a multiple of unit", () -> quota(QuotaPlanner.builder().target(1005).unit(10)
        .build().split(reps)));
    c.put("quota: all reps zero", () -> quota(QuotaPlanner.builder().target(1000).unit(10).build()
        .split(List.of(RepFigures.of("a", 0, 0), RepFigures.of("b", 0, 0)))));
    c.put("quota: duplicate reps", () -> quota(QuotaPlanner.builder().target(1000).unit(10).build()
        .split(List.of(RepFigures.of("a", 1, 1), RepFigures.of("a", 2, 2)))));
    c.put("quota: caps cannot hold", () -> quota(QuotaPlanner.builder().target(1_000_000).unit(10)
        .maxChange(0.01).build().split(List.of(RepFigures.of("a", 100, 100).withLastYearQuota(100),
            RepFigures.of("b", 100, 100).withLastYearQuota(100)))));
    c.put("quota: negative potential", () -> quota(QuotaPlanner.builder().target(1000).unit(10).build()
        .split(List.of(RepFigures.of("a", -5, 1)))));
    c.put("quota: infinite revenue", () -> quota(QuotaPlanner.builder().target(1000).unit(10).build()
        .split(List.of(RepFigures.of("a", 5, Double.POSITIVE_INFINITY)))));
    c.put("attainment: normal", () -> attainment(Map.of("ana", 500.0, "ben", 0.0, "cy", 200.0),
        new double[] {300, 50, 120, 10, 40, 100}));
    c.put("attainment: NaN quota", () -> attainment(Map.of("ana", Double.NaN), new double[] {1, 1, 1, 1, 1, 1}));
    c.put("attainment: negative quota", () -> attainment(Map.of("ana", -5.0), new double[] {1, 1, 1, 1, 1, 1}));
    c.put("attainment: infinite revenue", () -> attainment(Map.of("ana", 5.0),
        new double[] {Double.POSITIVE_INFINITY, 1, 1, 1, 1, 1}));
    c.put("attainment: 1e308 revenue", () -> attainment(Map.of("ana", 5.0),
        new double[] {1e308, 1e308, 1, 1, 1, 1e308}));
    c.put("attainment: NaN revenue", () -> attainment(Map.of("ana", 5.0),
        new double[] {Double.NaN, 1, 1, 1, 1, 1}));
    c.put("attainment: unknown column", () -> AttainmentTracker.builder().ownerColumn("nope")
        .revenueColumn("revenue").build().track(attainmentTable(new double[6]), Map.of()).toString());
    return c;
  }

  private static TerritoryProblem.Builder twoReps() {
    return TerritoryProblem.builder().role("field").rep(TerritoryRep.of("ana", "field", 100).home(50, 8))
        .rep(TerritoryRep.of("ben", "field", 100).home(50.5, 8));
  }

  private static String callTime(CallTimeProblem p) {
    CallTimePlan plan = p.solve();
    finite("call time", plan.totalResponse(), plan.upperBound());
    finite("hours", plan.hours());
    finite("responses", plan.responses());
    return plan.status() + ", " + plan.accountCount() + " accounts";
  }

  private static String territory(TerritoryProblem.Builder b) {
    TerritoryProblem p = b.build();
    TerritoryPlan plan = p.solve(SolveLimits.defaults().maxIterations(5_000));
    String json = TerritoryJson.write(plan);
    assertEquals(plan, TerritoryJson.readPlan(json), "territory plan JSON round trip");
    TerritoryJson.readProblem(TerritoryJson.write(p));
    return plan.status() + ", " + plan.accounts().size() + " accounts";
  }

  private static String capacity(CapacityPlan plan) {
    assertEquals(plan, PlanningJson.readCapacityPlan(PlanningJson.write(plan)), "capacity JSON round trip");
    return plan.roles().size() + " roles";
  }

  private static String whatIf(WhatIfCurve curve) {
    assertEquals(curve, PlanningJson.readWhatIfCurve(PlanningJson.write(curve)), "what-if JSON round trip");
    return curve.points().size() + " points";
  }

  private static String quota(QuotaPlan plan) {
    assertEquals(plan, PlanningJson.readQuotaPlan(PlanningJson.write(plan)), "quota JSON round trip");
    return plan.reps().size() + " reps";
  }

  private static AccountTable attainmentTable(double[] revenue) {
    return AccountTable.of(new String[] {"c1", "c2", "c3", "c4", "c5", "c6"},
        CategoricalColumn.of("rep", new String[] {"ana", "ana", "ben", "ben", null, "ana"}),
        NumericColumn.of("revenue", revenue),
        NumericColumn.of("potential", new double[] {1000, 0, 400, 0, 100, 500}));
  }

  private static String attainment(Map<String, Double> quotas, double[] revenue) {
    AttainmentReport r = AttainmentTracker.builder().ownerColumn("rep").revenueColumn("revenue")
        .potentialColumn("potential").build().track(attainmentTable(revenue), quotas);
    assertEquals(r, PlanningJson.readAttainmentReport(PlanningJson.write(r)), "attainment JSON round trip");
    return r.reps().size() + " reps";
  }

  static void finite(String what, double... values) {
    for (double v : values) {
      assertTrue(Double.isFinite(v), what + ": non-finite number " + v);
    }
  }

  static Stream<Arguments> names() {
    List<Arguments> out = new ArrayList<>();
    for (String name : cases().keySet()) {
      out.add(Arguments.of(name));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void entryPointWithBadInput(String name) {
    MATRIX.put(name, run(name, cases().get(name)));
  }

  /** Runs a case: "ok: ..." or the documented exception's name and first line; fails otherwise. */
  static String run(String name, Body body) {
    try {
      return "ok: " + body.run();
    } catch (SegmentationException | IllegalArgumentException | IllegalStateException e) {
      String m = e.getMessage();
      assertFalse(m == null || m.isBlank(), name + ": blank message from " + e.getClass().getName());
      if (e instanceof ModelFormatException && m.startsWith("Cannot write")) {
        fail(name + ": a result that cannot be written as JSON: " + m, e);
      }
      String first = m.lines().findFirst().orElse("");
      return e.getClass().getSimpleName() + ": " + (first.length() > 110 ? first.substring(0, 110) + "..." : first);
    } catch (Throwable t) {
      fail(name + ": undocumented failure " + t, t);
      throw new AssertionError(t);
    }
  }

  @AfterAll
  static void printMatrix() {
    StringBuilder sb = new StringBuilder("allocation bad-input matrix (case -> outcome)\n");
    MATRIX.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "%-48s %s%n", k, v)));
    System.out.print(sb);
  }
}
