package dev.segmentation.allocation.territory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.allocation.territory.TerritoryPlan.AccountAssignment;
import dev.segmentation.allocation.territory.TerritoryPlan.RepLoad;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TerritoryPropertyTest {

  static LongStream seeds() {
    return LongStream.range(0, 60);
  }

  /** A planted instance with settings that depend on the seed. */
  static TerritoryProblem.Builder instance(long seed, TerritoryInstances.Planted[] out) {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    int m = 2 + rng.nextInt(12);
    int n = m * (4 + rng.nextInt(16));
    TerritoryInstances.Planted p = TerritoryInstances.planted(seed, n, m, seed % 7 != 3,
        rng.nextDouble() * 0.2);
    out[0] = p;
    TerritoryProblem.Builder b = p.builder();
    b.balanceBy(BalanceMeasure.values()[(int) (seed % 3)]);
    b.tolerance(0.05 + 0.15 * rng.nextDouble());
    b.candidateReps(1 + rng.nextInt(6));
    b.disruptionCost(rng.nextInt(3) * 40.0);
    b.distanceWeight(rng.nextInt(4) == 0 ? 0.0 : 1.0);
    if (rng.nextInt(3) == 0) {
      b.scope(AccountScope.ALL);
    }
    return b;
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void plantedInstancesAreBalancedWithEveryAccountOnceAndLocksKept(long seed) {
    TerritoryInstances.Planted[] p = new TerritoryInstances.Planted[1];
    TerritoryProblem problem = instance(seed, p).build();
    TerritoryPlan plan = problem.solve();
    String msg = "seed " + seed + ": " + problem + "\n" + plan;

    assertEquals(problem.accounts().size(), plan.accounts().size(), msg);
    Map<String, TerritoryRep> reps = new HashMap<>();
    problem.reps().forEach(r -> reps.put(r.id(), r));
    for (int i = 0; i < problem.accounts().size(); i++) {
      TerritoryAccount a = problem.accounts().get(i);
      AccountAssignment x = plan.accounts().get(i);
      assertEquals(a.id(), x.accountId(), msg);
      boolean needsRep = a.workloadHours() > 0 || a.lockedRep().isPresent()
          || problem.scope() == AccountScope.ALL;
      assertEquals(needsRep, !x.rep().isEmpty(), msg + " account " + a.id() + " in scope");
      if (!x.rep().isEmpty()) {
        assertEquals("field", reps.get(x.rep()).role(), msg + " rep of the role for " + a.id());
      }
      a.lockedRep().ifPresent(r -> assertEquals(r, x.rep(), msg + " lock of " + a.id()));
    }
    assertEquals(TerritoryStatus.BALANCED, plan.status(), msg);
    assertTrue(plan.isBalanced(), msg);
    assertTrue(plan.maxDeviation() <= problem.tolerance() + 1e-9, msg);
    assertTrue(plan.explanation().isEmpty(), msg);
    assertFalse(Double.isNaN(plan.lowerBound()), msg);
    assertTrue(plan.lowerBound() <= plan.objective() + 1e-6 * Math.max(1, plan.objective()),
        msg + " lower bound " + plan.lowerBound() + " <= objective " + plan.objective());
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void reportedFiguresMatchAnIndependentRecomputation(long seed) {
    TerritoryInstances.Planted[] p = new TerritoryInstances.Planted[1];
    TerritoryProblem problem = instance(seed, p).build();
    TerritoryPlan plan = problem.solve();
    String msg = "seed " + seed;
    Map<String, TerritoryRep> reps = new HashMap<>();
    problem.reps().forEach(r -> reps.put(r.id(), r));
    Map<String, double[]> perRep = new HashMap<>(); // load-independent: workload, potential, km, n, book, kept
    double km = 0;
    int owned = 0;
    int kept = 0;
    for (TerritoryAccount a : problem.accounts()) {
      String rep = plan.repOf(a.id()).orElse("");
      if (rep.isEmpty()) {
        continue;
      }
      TerritoryRep r = reps.get(rep);
      double d = a.location().isPresent() && r.homeLocation().isPresent()
          ? textbookHaversine(a.location().get(), r.homeLocation().get()) : 0;
      km += d;
      double[] acc = perRep.computeIfAbsent(rep, x -> new double[6]);
      acc[0] += a.workloadHours();
      acc[1] += a.potential();
      acc[2] += d;
      acc[3]++;
      String owner = a.currentOwner().orElse("");
      if (reps.containsKey(owner) && reps.get(owner).role().equals("field")) {
        owned++;
        perRep.computeIfAbsent(owner, x -> new double[6])[4]++;
        if (owner.equals(rep)) {
          kept++;
          acc[5]++;
        }
      }
    }
    assertEquals(km, plan.totalDistanceKm(), 1e-9 * Math.max(1, km), msg + " total distance");
    assertEquals(owned, plan.ownedAccounts(), msg + " owned");
    assertEquals(kept, plan.keptAccounts(), msg + " kept");
    assertEquals(owned == 0 ? 1.0 : (double) kept / owned, plan.keptShare(), 1e-12, msg);
    assertEquals(problem.distanceWeight() * km + problem.disruptionCost() * (owned - kept),
        plan.objective(), 1e-9 * Math.max(1, plan.objective()), msg + " objective");
    double capSum = 0;
    for (RepLoad r : plan.reps()) {
      capSum += r.capacityHours();
    }
    double totalLoad = plan.reps().stream().mapToDouble(RepLoad::load).sum();
    double maxDev = 0;
    for (RepLoad r : plan.reps()) {
      double[] acc = perRep.getOrDefault(r.repId(), new double[6]);
      assertEquals(acc[0], r.workloadHours(), 1e-9 * Math.max(1, acc[0]), msg + " workload " + r.repId());
      assertEquals(acc[1], r.potential(), 1e-9 * Math.max(1, acc[1]), msg + " potential " + r.repId());
      assertEquals(acc[2], r.distanceKm(), 1e-9 * Math.max(1, acc[2]), msg + " km " + r.repId());
      assertEquals((int) acc[3], r.accounts(), msg + " accounts " + r.repId());
      assertEquals((int) acc[4], r.book(), msg + " book " + r.repId());
      assertEquals((int) acc[5], r.kept(), msg + " kept " + r.repId());
      double t = totalLoad * r.capacityHours() / capSum;
      assertEquals(t, r.target(), 1e-9 * Math.max(1, t), msg + " target " + r.repId());
      maxDev = Math.max(maxDev, Math.abs(r.load() - t) / t);
    }
    assertEquals(maxDev, plan.maxDeviation(), 1e-9, msg + " max deviation");
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void sameInputSameOutputForAnyParallelism(long seed) {
    if (seed % 5 != 0) {
      return;
    }
    TerritoryInstances.Planted[] p = new TerritoryInstances.Planted[1];
    TerritoryPlan one = instance(seed, p).parallelism(1).build().solve();
    TerritoryPlan again = instance(seed, p).parallelism(1).build().solve();
    TerritoryPlan three = instance(seed, p).parallelism(3).build().solve();
    assertEquals(one, again, "seed " + seed + ": same input, same plan");
    assertEquals(one, three, "seed " + seed + ": parallelism 3 gives the same plan as 1");
    assertEquals(one.toString(), three.toString(), "seed " + seed);
  }

  /** The textbook haversine, written independently of {@link Location}. */
  static double textbookHaversine(Location a, Location b) {
    double r = 6371.0088;
    double dLat = Math.toRadians(b.latitude() - a.latitude());
    double dLon = Math.toRadians(b.longitude() - a.longitude());
    double h = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(Math.toRadians(a.latitude()))
        * Math.cos(Math.toRadians(b.latitude())) * Math.pow(Math.sin(dLon / 2), 2);
    return 2 * r * Math.atan2(Math.sqrt(h), Math.sqrt(1 - h));
  }

}
