package dev.segmentation.allocation.calltime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.table.CsvOptions;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-checked examples, the table path, validation messages, text and CSV output. */
class CallTimeProblemTest {

  /**
   * Two accounts in one group of 10 hours, r1 = 100 (1 - e^(-h/5)), r2 = 60 (1 - e^(-h/10)).
   * Both get hours, so r1'(h1) = r2'(h2) = mu with h1 + h2 = 10:
   * 20 e^(-h1/5) = 6 e^(-h2/10)  =>  h1/5 - h2/10 = log(20/6)  =>  2 h1 - h2 = 10 log(10/3);
   * with h2 = 10 - h1: 3 h1 = 10 + 10 log(10/3), so h1 = 10 (1 + log(10/3)) / 3 = 7.346576...,
   * h2 = 2.653424..., mu = 20 e^(-h1/5) = 4.601660..., total = 100 + 60 - 5 mu - 10 mu
   * (since r(h) = c - s r'(h) for the exponential curve) = 160 - 15 mu = 90.975102...
   */
  @Test
  void twoExponentialAccountsMatchTheAnalyticSolution() {
    CallTimePlan plan = CallTimeProblem.builder()
        .group("g", 10)
        .account("A", "g", ResponseCurve.exponential(100, 5))
        .account("B", "g", ResponseCurve.exponential(60, 10))
        .build()
        .solve();
    double h1 = 10 * (1 + Math.log(10.0 / 3)) / 3;
    double mu = 20 * Math.exp(-h1 / 5);
    assertEquals(7.346576014419787, h1, 1e-15, "the closed form itself");
    assertEquals(h1, plan.hours("A"), 1e-12, "h1");
    assertEquals(10 - h1, plan.hours("B"), 1e-12, "h2");
    assertEquals(mu, plan.group("g").marginalValue(), 1e-12, "mu");
    assertEquals(160 - 15 * mu, plan.totalResponse(), 1e-11, "total");
    assertEquals(CallTimeStatus.OPTIMAL, plan.status(), "status");
    assertEquals(GroupStatus.BINDING, plan.group("g").status(), "group status");
    assertEquals(10.0, plan.group("g").hoursUsed(), 1e-13, "capacity used");
  }

  @Test
  void piecewiseTiesAreFilledLowestAccountFirst() {
    ResponseCurve same = ResponseCurve.piecewiseLinear(new double[] {0, 10, 20},
        new double[] {0, 100, 150}); // slopes 10, 5
    CallTimePlan plan = CallTimeProblem.builder()
        .group("g", 25)
        .account("A", "g", same)
        .account("B", "g", same)
        .account("C", "g", same)
        .build()
        .solve();
    // 30 hours of slope 10 exceed 25: mu = 10, the first two get 10 hours, the third 5
    assertArrayEquals(new double[] {10, 10, 5}, plan.hours(), 1e-12, "lowest index first");
    assertEquals(10.0, plan.group("g").marginalValue(), "mu is the tied slope");
    assertEquals(250.0, plan.totalResponse(), 1e-12, "total");
  }

  @Test
  void sShapedAccountsAreServedOneAtATime() {
    ResponseCurve s = ResponseCurve.adbudg(0, 100, 10, 2); // tangent at 10 h, envelope slope 5
    CallTimeProblem p = CallTimeProblem.builder()
        .group("g", 10)
        .account("A", "g", s)
        .account("B", "g", s)
        .build();
    CallTimePlan ten = p.solve();
    assertEquals(10.0, ten.hours("A"), 1e-9, "A gets the tangent hours");
    assertEquals(0.0, ten.hours("B"), 1e-9, "B gets nothing");
    assertEquals(CallTimeStatus.OPTIMAL, ten.status(), "no account on the line: optimal");
    assertEquals(50.0, ten.totalResponse(), 1e-9, "r(10) = 50");
    assertEquals(5.0, ten.group("g").marginalValue(), 1e-12, "mu = envelope slope");

    CallTimePlan fifteen = p.withCapacity("g", 15).solve();
    assertEquals(10.0, fifteen.hours("A"), 1e-9, "A at the tangent");
    assertEquals(5.0, fifteen.hours("B"), 1e-9, "B takes the rest, on the line");
    assertEquals(CallTimeStatus.FEASIBLE, fifteen.status(), "B on the line: gap");
    assertEquals(75.0, fifteen.upperBound(), 1e-9, "envelope optimum 50 + 25");
    assertEquals(70.0, fifteen.totalResponse(), 1e-9, "true response 50 + r(5) = 50 + 20");
    assertEquals(5.0, fifteen.gap(), 1e-9, "gap");
    // the true optimum here is (7.5, 7.5) with 72: within the reported gap, as documented
    assertTrue(2 * s.value(7.5) <= fifteen.upperBound(), "upper bound holds");
  }

  @Test
  void infeasibleGroupIsReportedAndOtherGroupsAreSolved() {
    CallTimePlan plan = CallTimeProblem.builder()
        .group("field-east", 10)
        .group("inside", 100)
        .account("A", "field-east", ResponseCurve.exponential(10, 1)).hours(8, 20)
        .account("B", "field-east", ResponseCurve.exponential(10, 1)).hours(4, 20)
        .account("C", "inside", ResponseCurve.exponential(10, 10))
        .build()
        .solve();
    assertEquals(CallTimeStatus.INFEASIBLE, plan.status(), "status");
    GroupPlan east = plan.group("field-east");
    assertEquals(GroupStatus.INFEASIBLE, east.status(), "east");
    assertEquals(12.0, east.minimumHours(), "hours needed");
    assertEquals(10.0, east.capacityHours(), "hours available");
    assertEquals(2.0, east.shortfallHours(), "shortfall");
    assertEquals(Double.POSITIVE_INFINITY, east.marginalValue(), "no finite price");
    assertEquals(8.0, plan.hours("A"), "minimum hours");
    assertEquals(1, plan.conflicts().size(), "one conflict");
    assertEquals("Group \"field-east\": the minimum hours of its 2 accounts (12.0) exceed its capacity"
        + " (10.0) by 2.0 hours.\nRaise the capacity or lower minimum hours by at least that much.",
        plan.conflicts().get(0), "conflict message");
    assertEquals(100.0, plan.hours("C"), 1e-12, "the other group is solved");
    assertEquals(GroupStatus.BINDING, plan.group("inside").status(), "inside");
    assertTrue(plan.toString().contains("INFEASIBLE"), plan.toString());
  }

  @Test
  void saturatedCurvesLeaveCapacityUnused() {
    CallTimePlan plan = CallTimeProblem.builder()
        .group("g", 100)
        .account("A", "g", ResponseCurve.piecewiseLinear(new double[] {0, 10}, new double[] {0, 50}))
        .account("B", "g", ResponseCurve.exponential(10, 1)).hours(0, 30)
        .build()
        .solve();
    GroupPlan g = plan.group("g");
    assertEquals(GroupStatus.NOT_BINDING, g.status(), "not binding");
    assertEquals(0.0, g.marginalValue(), "mu = 0");
    assertEquals(10.0, plan.hours("A"), "A stops where its curve turns flat");
    assertEquals(30.0, plan.hours("B"), "B at its maximum");
    assertEquals(60.0, g.slackHours(), 1e-12, "unused hours");
  }

  @Test
  void capacityEqualToMinimumHoursPinsEveryAccount() {
    CallTimePlan plan = CallTimeProblem.builder()
        .group("g", 5)
        .account("A", "g", ResponseCurve.adbudg(0, 10, 1, 0.5)).hours(2, 9)
        .account("B", "g", ResponseCurve.adbudg(0, 10, 1, 0.5)).hours(3, 9)
        .build()
        .solve();
    assertEquals(2.0, plan.hours("A"), "A at its minimum");
    assertEquals(3.0, plan.hours("B"), "B at its minimum");
    assertEquals(CallTimeStatus.OPTIMAL, plan.status(), "feasible");
    double mu = plan.group("g").marginalValue();
    assertEquals(ResponseCurve.adbudg(0, 10, 1, 0.5).derivative(2), mu, 1e-12 * mu,
        "mu is the largest marginal response at the minima");

    CallTimePlan zero = CallTimeProblem.builder()
        .group("g", 0)
        .account("A", "g", ResponseCurve.adbudg(0, 10, 1, 0.5))
        .build()
        .solve();
    assertEquals(0.0, zero.hours("A"), "no capacity, no hours");
    assertEquals(Double.POSITIVE_INFINITY, zero.group("g").marginalValue(),
        "r'(0) = inf for shape < 1, so the shadow price of the first hour is infinite");
  }

  @Test
  void emptyProblemsAndEmptyGroupsAreFine() {
    CallTimePlan none = CallTimeProblem.builder().build().solve();
    assertEquals(0, none.accountCount(), "no accounts");
    assertEquals(0.0, none.totalResponse(), "total");
    assertEquals(CallTimeStatus.OPTIMAL, none.status(), "status");
    assertTrue(none.toString().startsWith("CallTimePlan: OPTIMAL, 0 accounts in 0 groups"), none.toString());
    CallTimePlan empty = CallTimeProblem.builder().group("idle", 40).build().solve();
    assertEquals(GroupStatus.NOT_BINDING, empty.group("idle").status(), "an empty group");
    assertEquals(0.0, empty.group("idle").hoursUsed(), "no hours used");
  }

  @Test
  void extremeScalesGiveFiniteOptimalPlans() {
    CallTimePlan plan = CallTimeProblem.builder()
        .group("g", 1e-6)
        .group("h", 1e6)
        .account("tiny", "g", ResponseCurve.exponential(1e-300, 1e-3))
        .account("huge", "g", ResponseCurve.exponential(1e300, 1e3))
        .account("s", "h", ResponseCurve.adbudg(-1e300, 1e300, 1e5, 3))
        .account("t", "h", ResponseCurve.adbudg(0, 1e-300, 1e-3, 0.2))
        .build()
        .solve();
    for (int i = 0; i < plan.accountCount(); i++) {
      assertTrue(Double.isFinite(plan.hours(i)) && Double.isFinite(plan.response(i)),
          "finite for " + plan.accountId(i) + ": " + plan.hours(i) + " h, " + plan.response(i));
    }
    assertTrue(plan.group("g").hoursUsed() <= 1e-6, "capacity g");
    assertTrue(plan.group("h").hoursUsed() <= 1e6, "capacity h");
    assertTrue(plan.hours("huge") > plan.hours("tiny"), "hours go where the value is");
  }

  // ------------------------------------------------------------------------------------ validation

  @Test
  void builderRejectsBadInputNamingTheGroupOrAccount() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CallTimeProblem.builder().group("field-east", -5));
    assertEquals("Group \"field-east\": capacityHours must be a finite number >= 0, was -5.0.",
        e.getMessage(), "negative capacity");
    assertThrows(IllegalArgumentException.class,
        () -> CallTimeProblem.builder().group("g", Double.NaN), "NaN capacity");
    assertThrows(IllegalArgumentException.class,
        () -> CallTimeProblem.builder().group("g", Double.POSITIVE_INFINITY), "infinite capacity");
    ResponseCurve c = ResponseCurve.exponential(1, 1);
    e = assertThrows(IllegalArgumentException.class,
        () -> CallTimeProblem.builder().group("g", 1).account("A-1", "g", c).hours(5, 2));
    assertEquals("Account \"A-1\": maxHours (2.0) must be >= minHours (5.0).", e.getMessage(), "min > max");
    e = assertThrows(IllegalArgumentException.class,
        () -> CallTimeProblem.builder().account("A-1", "g", c).hours(-1, 2));
    assertEquals("Account \"A-1\": minHours must be a finite number >= 0, was -1.0.", e.getMessage(),
        "negative min");
    e = assertThrows(IllegalArgumentException.class,
        () -> CallTimeProblem.builder().account("A-1", "g", c).hours(0, Double.NaN));
    assertTrue(e.getMessage().startsWith("Account \"A-1\": maxHours must be a number >= minHours, was NaN"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> CallTimeProblem.builder().group("field-east", 1).group("inside", 1)
            .account("A-1", "field-esat", c).build());
    assertEquals("Account \"A-1\": unknown group \"field-esat\"; groups are: field-east, inside.\n"
        + "Declare it with group(\"field-esat\", capacityHours).", e.getMessage(), "unknown group");
    IllegalStateException s = assertThrows(IllegalStateException.class,
        () -> CallTimeProblem.builder().group("g", 1).account("A", "g", c).account("A", "g", c));
    assertTrue(s.getMessage().contains("Duplicate account id \"A\""), s.getMessage());
    s = assertThrows(IllegalStateException.class,
        () -> CallTimeProblem.builder().group("g", 1).group("g", 2));
    assertTrue(s.getMessage().contains("Group \"g\" is declared twice"), s.getMessage());
    assertThrows(IllegalArgumentException.class, () -> CallTimeProblem.builder().account(" ", "g", c));
    assertThrows(NullPointerException.class, () -> CallTimeProblem.builder().account("A", "g", null));
  }

  @Test
  void builderIsReusableAndProblemsAreImmutable() {
    CallTimeProblem.Builder b = CallTimeProblem.builder().group("g", 10)
        .account("A", "g", ResponseCurve.exponential(10, 2)).hours(1, 8);
    CallTimeProblem first = b.build();
    b.account("B", "g", ResponseCurve.exponential(10, 2));
    CallTimeProblem second = b.build();
    assertEquals(1, first.accountCount(), "build() copies");
    assertEquals(2, second.accountCount(), "the builder continues");
    CallTimeProblem wider = first.withCapacity("g", 20);
    assertEquals(10.0, first.capacityHours("g"), "withCapacity leaves the original unchanged");
    assertEquals(20.0, wider.capacityHours("g"), "new capacity");
    assertNotEquals(first, wider, "different capacity, different problem");
    assertEquals(ResponseCurve.exponential(10, 2), first.curve(0), "curve round trip");
    assertEquals(1.0, first.minHours(0), "min");
    assertEquals(8.0, first.maxHours(0), "max");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> first.capacityHours("x"));
    assertEquals("Unknown group \"x\"; groups are: g.", e.getMessage(), "unknown group lookup");
    CallTimePlan plan = first.solve();
    double[] h = plan.hours();
    h[0] = -1;
    assertEquals(8.0, plan.hours(0), 1e-12, "hours() returns a copy");
    assertSame(first, plan.problem(), "plan keeps its problem");
    assertThrows(IllegalArgumentException.class, () -> plan.hours("nobody"));
    assertThrows(IllegalArgumentException.class, () -> plan.group("nobody"));
    assertTrue(first.toString().equals("CallTimeProblem[accounts=1, groups={g=10.0 h (1 account)}]"),
        first.toString());
  }

  // ------------------------------------------------------------------------------------ table path

  private static AccountTable accounts() {
    return AccountTable.builder()
        .categorical("rep").numeric("floor").numeric("ceiling").numeric("d").numeric("g")
        .numeric("min_h").numeric("max_h")
        .addRow("A-1", "east", 0.0, 1000.0, 20.0, 0.7, 2.0, 100.0)
        .addRow("A-2", "east", 0.0, 3000.0, 40.0, 0.9, 0.0, Double.POSITIVE_INFINITY)
        .addRow("A-3", "west", 100.0, 900.0, 10.0, 2.5, 0.0, 50.0)
        .addRow("A-4", "east", 50.0, 400.0, 5.0, 1.0, 1.0, 1.0)
        .build();
  }

  @Test
  void tablePathEqualsBuilderPath() {
    AccountTable t = accounts();
    CallTimeProblem fromTable = CallTimeProblem.fromTable(t)
        .groupColumn("rep")
        .group("east", 120).group("west", 30)
        .adbudg("floor", "ceiling", "d", "g")
        .hoursColumns("min_h", "max_h")
        .build();
    CallTimeProblem byHand = CallTimeProblem.builder()
        .group("east", 120).group("west", 30)
        .account("A-1", "east", ResponseCurve.adbudg(0, 1000, 20, 0.7)).hours(2, 100)
        .account("A-2", "east", ResponseCurve.adbudg(0, 3000, 40, 0.9))
        .account("A-3", "west", ResponseCurve.adbudg(100, 900, 10, 2.5)).hours(0, 50)
        .account("A-4", "east", ResponseCurve.adbudg(50, 400, 5, 1.0)).hours(1, 1)
        .build();
    assertEquals(byHand, fromTable, "same problem both ways");
    assertEquals(byHand.solve(), fromTable.solve(), "same plan both ways");
    CallTimeProblem lambdas = CallTimeProblem.fromTable(t)
        .groupColumn("rep")
        .groups(new LinkedHashMap<>(Map.of("east", 120.0)))
        .group("west", 30)
        .adbudg(r -> r.numeric("floor"), r -> r.numeric("ceiling"), r -> r.numeric("d"),
            r -> r.numeric("g"))
        .hours(r -> r.numeric("min_h"), r -> r.numeric("max_h"))
        .build();
    assertEquals(fromTable, lambdas, "functions of the row give the same problem");
    CallTimeProblem custom = CallTimeProblem.fromTable(t)
        .groupColumn("rep").group("east", 120).group("west", 30)
        .curve(r -> ResponseCurve.exponential(r.numeric("ceiling"), r.numeric("d")))
        .hours(0, 60)
        .build();
    assertEquals(ResponseCurve.exponential(900, 10), custom.curve(2), "custom curve per row");
    assertEquals(60.0, custom.maxHours(3), "constant bounds");
    CallTimeProblem exp = CallTimeProblem.fromTable(t)
        .groupColumn("rep").group("east", 120).group("west", 30)
        .exponential("ceiling", "d")
        .build();
    assertEquals(custom.curve(1), exp.curve(1), "exponential columns");
  }

  @Test
  void tablePathNamesAccountAndColumnOnBadData() {
    AccountTable t = accounts().withColumn(
        dev.segmentation.core.table.NumericColumn.of("g", new double[] {0.7, Double.NaN, 2, 1}));
    DataValidationException e = assertThrows(DataValidationException.class,
        () -> CallTimeProblem.fromTable(t).groupColumn("rep").group("east", 1).group("west", 1)
            .adbudg("floor", "ceiling", "d", "g").build());
    assertEquals("Account \"A-2\" (row 1): ADBUDG shape (column 'g') must be a finite number > 0, was NaN.",
        e.getMessage(), "NaN parameter");
    assertEquals("A-2", e.accountId().orElseThrow(), "account id");
    assertEquals("g", e.column().orElseThrow(), "column");

    e = assertThrows(DataValidationException.class,
        () -> CallTimeProblem.fromTable(accounts()).groupColumn("rep").group("east", 1)
            .exponential("ceiling", "d").build());
    assertEquals("Account \"A-3\" (row 2): group \"west\" (column 'rep') has no capacity; declared groups"
        + " are: east.\nDeclare it with group(\"west\", capacityHours).", e.getMessage(), "undeclared group");

    e = assertThrows(DataValidationException.class,
        () -> CallTimeProblem.fromTable(accounts()).groupColumn("rep").group("east", 1).group("west", 1)
            .exponential("ceiling", "d").hoursColumns("max_h", "min_h").build());
    assertTrue(e.getMessage().startsWith("Account \"A-1\" (row 0): maxHours (column 'min_h') (2.0) must be"
        + " >= minHours (column 'max_h') (100.0)"), e.getMessage());

    AccountTable missing = AccountTable.builder().categorical("rep").numeric("c")
        .addRow("X", null, 1.0).build();
    e = assertThrows(DataValidationException.class,
        () -> CallTimeProblem.fromTable(missing).groupColumn("rep").exponential("c", "c").build());
    assertTrue(e.getMessage().contains("Account \"X\" (row 0): its group (column 'rep') is missing"),
        e.getMessage());

    e = assertThrows(DataValidationException.class,
        () -> CallTimeProblem.fromTable(accounts()).groupColumn("rep").group("east", 1).group("west", 1)
            .curve(r -> ResponseCurve.piecewiseLinear(new double[] {0, 1, 2},
                new double[] {0, 1, r.numeric("ceiling")})).build());
    assertTrue(e.getMessage().startsWith("Account \"A-1\" (row 0): the curve function failed: "
        + "Piecewise-linear curve is not concave"), e.getMessage());
    assertTrue(e.getCause() instanceof IllegalArgumentException, "cause kept");

    IllegalStateException s = assertThrows(IllegalStateException.class,
        () -> CallTimeProblem.fromTable(accounts()).exponential("ceiling", "d").build());
    assertTrue(s.getMessage().contains("needs groupColumn"), s.getMessage());
    s = assertThrows(IllegalStateException.class,
        () -> CallTimeProblem.fromTable(accounts()).exponential("ceiling", "d").exponential("ceiling", "d"));
    assertTrue(s.getMessage().contains("already set"), s.getMessage());
    IllegalArgumentException a = assertThrows(IllegalArgumentException.class,
        () -> CallTimeProblem.fromTable(accounts()).groupColumn("ceiling"));
    assertTrue(a.getMessage().contains("expected CATEGORICAL"), a.getMessage());
    a = assertThrows(IllegalArgumentException.class,
        () -> CallTimeProblem.fromTable(accounts()).groupColumn("rep").group("east", 1).group("west", 1)
            .exponential("ceilign", "d").build());
    assertTrue(a.getMessage().contains("Unknown column 'ceilign'"), a.getMessage());
  }

  @Test
  void largeTablesSolveThroughTheArrayPath() {
    int n = 30_000;
    String[] ids = new String[n];
    String[] reps = new String[n];
    double[] potential = new double[n];
    double[] scale = new double[n];
    for (int i = 0; i < n; i++) {
      ids[i] = "C-" + i;
      reps[i] = "rep-" + (i % 50);
      potential[i] = 1_000 + (i * 7919L % 10_000);
      scale[i] = 5 + (i * 104729L % 40);
    }
    AccountTable t = AccountTable.of(ids,
        dev.segmentation.core.table.CategoricalColumn.of("rep", reps),
        dev.segmentation.core.table.NumericColumn.of("potential", potential),
        dev.segmentation.core.table.NumericColumn.of("scale", scale));
    CallTimeProblem.TableBuilder b = CallTimeProblem.fromTable(t).groupColumn("rep");
    for (int r = 0; r < 50; r++) {
      b.group("rep-" + r, 1_600);
    }
    CallTimePlan plan = b.exponential("potential", "scale").hours(0, 60).build().solve();
    for (GroupPlan g : plan.groups()) {
      assertTrue(g.hoursUsed() <= 1_600, "capacity of " + g);
      assertEquals(GroupStatus.BINDING, g.status(), "binding " + g);
    }
    for (int i = 0; i < n; i += 997) {
      double h = plan.hours(i);
      double mu = plan.group(reps[i]).marginalValue();
      if (h > 0 && h < 60) {
        assertEquals(mu, plan.marginalResponse(i), 1e-9 * mu, "KKT for " + ids[i]);
      }
    }
  }

  // ------------------------------------------------------------------------------------ output

  @Test
  void csvExportRoundTripsTheHours(@TempDir Path dir) {
    CallTimePlan plan = CallTimeProblem.fromTable(accounts())
        .groupColumn("rep").group("east", 120).group("west", 30)
        .adbudg("floor", "ceiling", "d", "g")
        .hoursColumns("min_h", "max_h")
        .build()
        .solve();
    StringWriter w = new StringWriter();
    plan.writeHoursCsv(w);
    String csv = w.toString();
    assertTrue(csv.startsWith("id,group,hours,response,marginal_response\nA-1,east,"), csv);
    AccountTable back = AccountTable.readCsv(new StringReader(csv), CsvOptions.defaults().idColumn("id"));
    assertArrayEquals(plan.hours(), back.numeric("hours").toArray(), "hours round trip exactly");
    assertArrayEquals(plan.responses(), back.numeric("response").toArray(), "responses round trip");
    assertEquals(plan.toTable(), back, "the table round trips");
    Path file = dir.resolve("plan.csv");
    plan.writeHoursCsv(file);
    assertTrue(Files.exists(file), "file written");
    assertEquals(plan.toTable(), AccountTable.readCsv(file, CsvOptions.defaults().idColumn("id")),
        "file round trip");
  }

  @Test
  void toStringIsAReadableTable() {
    CallTimeProblem.Builder b = CallTimeProblem.builder().group("field-east", 1600).group("inside", 900);
    for (int i = 0; i < 25; i++) {
      b.account("A-" + i, i % 3 == 0 ? "inside" : "field-east",
          ResponseCurve.exponential(10_000 + 100 * i, 20 + i)).hours(1, 200);
    }
    String text = b.build().solve().toString();
    String[] lines = text.split("\n");
    assertTrue(lines[0].startsWith("CallTimePlan: OPTIMAL, 25 accounts in 2 groups, total response "),
        lines[0]);
    assertTrue(lines[1].startsWith("group       capacity  min hours  hours used  marginal value  accounts"
        + "  status"), lines[1]);
    assertTrue(lines[3].startsWith("field-east   1600.00"), lines[3]);
    assertTrue(lines[3].endsWith("BINDING"), lines[3]);
    assertTrue(text.contains("\nid    group"), text);
    assertTrue(text.contains("\nA-0   inside"), text);
    assertTrue(text.endsWith("... 5 more accounts\n"), text);
  }
}
