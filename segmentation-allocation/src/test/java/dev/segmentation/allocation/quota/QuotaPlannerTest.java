package dev.segmentation.allocation.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.allocation.json.PlanningJson;
import dev.segmentation.core.AccountTable;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.table.CategoricalColumn;
import dev.segmentation.core.table.NumericColumn;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class QuotaPlannerTest {

  static LongStream seeds() {
    return LongStream.range(0, 400);
  }

  private static final double[] UNITS = {1, 100, 1000, 0.01, 0.5, 250};

  /** A random case: reps (some without history or potential), unit, target, weight and caps. */
  record Case(List<RepFigures> reps, QuotaPlanner planner) {}

  static Case generate(long seed) {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    int n = 1 + rng.nextInt(rng.nextBoolean() ? 4 : 40);
    List<RepFigures> reps = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      double potential = rng.nextInt(10) == 0 ? 0 : Math.floor(Math.exp(10 + 4 * rng.nextDouble()));
      double revenue = rng.nextInt(8) == 0 ? 0 : Math.floor(potential * rng.nextDouble());
      RepFigures f = RepFigures.of("rep-" + r, potential, revenue);
      if (rng.nextInt(4) != 0) {
        double q = rng.nextInt(20) == 0 ? 0 : Math.floor(revenue * (0.8 + 0.5 * rng.nextDouble()) + 1);
        f = f.withLastYearQuota(q);
      }
      reps.add(f);
    }
    double unit = UNITS[rng.nextInt(UNITS.length)];
    double last = reps.stream().mapToDouble(f -> f.lastYearQuota().orElse(f.lastYearRevenue())).sum();
    long targetUnits = (long) Math.floor(last * (0.7 + 0.6 * rng.nextDouble()) / unit);
    if (rng.nextInt(30) == 0) {
      targetUnits = 0;
    }
    double target = BigDecimal.valueOf(unit).multiply(BigDecimal.valueOf(targetUnits)).doubleValue();
    QuotaPlanner.Builder b = QuotaPlanner.builder().target(target).unit(unit)
        .potentialWeight(rng.nextInt(4) == 0 ? rng.nextInt(2) : rng.nextDouble());
    switch (rng.nextInt(4)) {
      case 0 -> { }
      case 1 -> b.maxChange(0.05 + 0.3 * rng.nextDouble());
      case 2 -> b.maxIncrease(0.1 * rng.nextInt(4));
      default -> b.maxDecrease(0.1 * rng.nextInt(11)).maxIncrease(0.25);
    }
    return new Case(reps, b.build());
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void quotasAddUpExactlyAndCapsHoldWhereAttainable(long seed) {
    Case c = generate(seed);
    QuotaPlanner p = c.planner();
    QuotaPlan plan = p.split(c.reps());
    BigDecimal unit = BigDecimal.valueOf(p.unit());
    BigDecimal target = BigDecimal.valueOf(p.target());
    long units = 0;
    BigDecimal sum = BigDecimal.ZERO;
    for (RepQuota q : plan.reps()) {
      units += q.units();
      sum = sum.add(plan.exactQuota(q.repId()));
      assertTrue(q.units() >= 0, "seed " + seed + ": non-negative quota of " + q.repId());
    }
    assertEquals(target.divide(unit).longValueExact(), units, "seed " + seed + ": units add up");
    assertEquals(0, target.compareTo(sum), "seed " + seed + ": exact quotas add up to the target");
    // attainability computed independently, in decimal arithmetic
    boolean hasLower = p.maxDecrease() < 1;
    boolean hasUpper = Double.isFinite(p.maxIncrease());
    BigDecimal lowSum = BigDecimal.ZERO;
    BigDecimal highSum = BigDecimal.ZERO;
    boolean unbounded = false;
    boolean gridless = false;
    for (RepFigures f : c.reps()) {
      if (f.lastYearQuota().isEmpty() || !(hasLower || hasUpper)) {
        unbounded = true;
        continue;
      }
      BigDecimal q0 = BigDecimal.valueOf(f.lastYearQuota().getAsDouble());
      BigDecimal lo = hasLower ? q0.multiply(BigDecimal.ONE.subtract(BigDecimal.valueOf(p.maxDecrease())))
          .divide(unit, 0, RoundingMode.CEILING) : BigDecimal.ZERO;
      BigDecimal hi = hasUpper ? q0.multiply(BigDecimal.ONE.add(BigDecimal.valueOf(p.maxIncrease())))
          .divide(unit, 0, RoundingMode.FLOOR) : null;
      if (hi == null) {
        unbounded = true;
      } else if (lo.compareTo(hi) > 0) {
        gridless = true;
      } else {
        highSum = highSum.add(hi);
      }
      lowSum = lowSum.add(lo);
    }
    BigDecimal n = BigDecimal.valueOf(units);
    boolean attainable = lowSum.compareTo(n) <= 0 && (unbounded || highSum.compareTo(n) >= 0);
    if (attainable && !gridless) {
      assertTrue(plan.capsAttainable(), "seed " + seed + ": caps attainable " + plan.notes());
    }
    if (plan.capsAttainable()) {
      for (RepQuota q : plan.reps()) {
        if (q.cap() == CapStatus.UNCAPPED) {
          continue;
        }
        BigDecimal quota = plan.exactQuota(q.repId());
        BigDecimal q0 = BigDecimal.valueOf(q.lastYearQuota().getAsDouble());
        boolean inside = (!hasLower || quota.compareTo(q0.multiply(
            BigDecimal.ONE.subtract(BigDecimal.valueOf(p.maxDecrease())))) >= 0)
            && (!hasUpper || quota.compareTo(q0.multiply(
                BigDecimal.ONE.add(BigDecimal.valueOf(p.maxIncrease())))) <= 0);
        assertEquals(q.cap() != CapStatus.BROKEN, inside,
            "seed " + seed + ": cap of " + q.repId() + " holds unless reported BROKEN: " + q);
        if (q.cap() == CapStatus.BROKEN) {
          assertFalse(plan.notes().isEmpty(), "seed " + seed + ": a broken cap comes with a note");
        }
      }
    } else {
      assertFalse(plan.notes().isEmpty(), "seed " + seed + ": unattainable caps are explained");
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void sameInputSameOutputAndJsonRoundTrip(long seed) {
    Case c = generate(seed);
    QuotaPlan a = c.planner().split(c.reps());
    QuotaPlan b = generate(seed).planner().split(generate(seed).reps());
    assertEquals(a, b, "seed " + seed + ": same input, same plan");
    String json = PlanningJson.write(a);
    assertEquals(json, PlanningJson.write(b), "seed " + seed + ": same bytes");
    assertEquals(a, PlanningJson.readQuotaPlan(json), "seed " + seed + ": JSON round trip");
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void withPotentialWeightOneSharesFollowPotential(long seed) {
    Case c = generate(seed);
    List<RepFigures> reps = c.reps();
    double sumP = reps.stream().mapToDouble(RepFigures::potential).sum();
    QuotaPlanner p = QuotaPlanner.builder().target(c.planner().target()).unit(c.planner().unit())
        .potentialWeight(1).build();
    QuotaPlan plan = p.split(reps);
    long n = plan.targetUnits();
    for (RepQuota q : plan.reps()) {
      double expected = sumP > 0 ? q.potential() / sumP : 1.0 / reps.size();
      assertEquals(expected, q.share(), 1e-12, "seed " + seed + ": share of " + q.repId());
      assertTrue(Math.abs(q.units() - n * expected) <= 1 + 1e-9 * n,
          "seed " + seed + ": quota of " + q.repId() + " is the potential share rounded: " + q.units()
              + " vs " + n * expected);
    }
  }

  @Test
  void handWorkedExample() {
    // shares: potential 50/30/20 %, revenue 40/40/20 %; w = 0.5 -> 45/35/20 % of 1,000,000
    List<RepFigures> reps = List.of(RepFigures.of("ana", 500, 400), RepFigures.of("ben", 300, 400),
        RepFigures.of("cy", 200, 200));
    QuotaPlan plan = QuotaPlanner.builder().target(1_000_000).unit(1_000).build().split(reps);
    assertEquals(Map.of("ana", 450_000.0, "ben", 350_000.0, "cy", 200_000.0), plan.quotasByRep(),
        "45/35/20 split");
    assertTrue(plan.capsAttainable(), "no caps");
    // largest remainder: 3 reps with equal shares of 100 units -> 34, 33, 33 (ties by input order)
    List<RepFigures> equal = List.of(RepFigures.of("a", 1, 1), RepFigures.of("b", 1, 1),
        RepFigures.of("c", 1, 1));
    QuotaPlan thirds = QuotaPlanner.builder().target(100).build().split(equal);
    assertEquals(List.of(34L, 33L, 33L), thirds.reps().stream().map(RepQuota::units).toList(),
        "largest remainder with ties broken by input order");
  }

  @Test
  void capsRedistributeTheExcessToUncappedReps() {
    // ana would get 600 of 1000 but is capped at +20% of 400 = 480; the 120 go to ben and cy by share
    List<RepFigures> reps = List.of(RepFigures.of("ana", 600, 600).withLastYearQuota(400),
        RepFigures.of("ben", 300, 300), RepFigures.of("cy", 100, 100));
    QuotaPlan plan = QuotaPlanner.builder().target(1000).maxIncrease(0.2).build().split(reps);
    assertEquals(Map.of("ana", 480.0, "ben", 390.0, "cy", 130.0), plan.quotasByRep(),
        "capped at 480, the rest 3:1");
    assertEquals(CapStatus.AT_MAX, plan.rep("ana").cap(), "ana at the cap");
    assertEquals(CapStatus.UNCAPPED, plan.rep("ben").cap(), "ben has no history");
    assertEquals(0.2, plan.rep("ana").change(), 1e-12, "ana +20%");
  }

  @Test
  void unattainableCapsAreReportedAndTheTargetIsStillMet() {
    List<RepFigures> reps = List.of(RepFigures.of("ana", 1, 1).withLastYearQuota(100),
        RepFigures.of("ben", 1, 1).withLastYearQuota(300));
    QuotaPlan plan = QuotaPlanner.builder().target(800).maxChange(0.1).build().split(reps);
    assertFalse(plan.capsAttainable(), "caps allow at most 440");
    assertEquals(800, plan.reps().stream().mapToLong(RepQuota::units).sum(), "target met");
    assertEquals(Map.of("ana", 200.0, "ben", 600.0), plan.quotasByRep(), "highs 110/330 scaled");
    assertTrue(plan.notes().get(0).contains("at most 440"), plan.notes().get(0));
    assertEquals(CapStatus.BROKEN, plan.rep("ana").cap(), "broken cap");
    assertTrue(plan.toString().contains("caps relaxed"), plan.toString());
  }

  @Test
  void targetMustBeAMultipleOfTheUnit() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> QuotaPlanner.builder().target(1_234_500).unit(1_000).build());
    assertTrue(e.getMessage().contains("not a whole multiple of the unit 1000")
        && e.getMessage().contains("1234000"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> QuotaPlanner.builder().build(), "no target");
    assertThrows(IllegalArgumentException.class,
        () -> QuotaPlanner.builder().target(100).potentialWeight(1.5).build(), "weight");
    assertThrows(IllegalArgumentException.class, () -> QuotaPlanner.builder().target(10).build()
        .split(List.of(RepFigures.of("a", 1, 1), RepFigures.of("a", 2, 2))), "repeated rep");
    // 0.1 + 0.2 style decimals are exact: 0.3 is 30 units of 0.01
    assertEquals(30, QuotaPlanner.builder().target(0.3).unit(0.01).build()
        .split(List.of(RepFigures.of("a", 1, 1))).targetUnits(), "decimal arithmetic");
  }

  @Test
  void repFiguresFromAccounts() {
    AccountTable t = AccountTable.of(new String[] {"c1", "c2", "c3"},
        CategoricalColumn.of("rep", new String[] {"ben", "ana", "ben"}),
        NumericColumn.of("potential", new double[] {100, 50, 30}),
        NumericColumn.of("revenue", new double[] {10, 20, 5}));
    List<RepFigures> reps = RepFigures.fromAccounts(t, "rep", "potential", "revenue",
        Map.of("ben", 20.0));
    assertEquals(List.of(RepFigures.of("ana", 50, 20), RepFigures.of("ben", 130, 15)
        .withLastYearQuota(20)), reps, "sums per rep, sorted by id");
    AccountTable unowned = AccountTable.of(new String[] {"c1", "c2"},
        CategoricalColumn.of("rep", new String[] {"ben", null}),
        NumericColumn.of("potential", new double[] {1, 2}),
        NumericColumn.of("revenue", new double[] {1, 2}));
    DataValidationException e = assertThrows(DataValidationException.class,
        () -> RepFigures.fromAccounts(unowned, "rep", "potential", "revenue"));
    assertTrue(e.getMessage().contains("\"c2\" has no owner"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> RepFigures.fromAccounts(t, "rep", "potential", "revenue", Map.of("zoe", 1.0)),
        "quota of a rep without accounts");
  }
}
