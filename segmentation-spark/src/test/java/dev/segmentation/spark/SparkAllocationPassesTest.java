package dev.segmentation.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.allocation.AllocationPlan;
import dev.segmentation.allocation.AllocationProblem;
import dev.segmentation.allocation.Cancellation;
import dev.segmentation.allocation.Channel;
import dev.segmentation.allocation.CoverageOption;
import dev.segmentation.allocation.LimitKind;
import dev.segmentation.allocation.LimitUsage;
import dev.segmentation.allocation.Objective;
import dev.segmentation.allocation.PlanStatus;
import dev.segmentation.allocation.ServiceLevel;
import dev.segmentation.allocation.SolveLimits;
import dev.segmentation.allocation.SolveMethod;
import dev.segmentation.allocation.internal.Compiled;
import dev.segmentation.allocation.internal.LocalAccounts;
import dev.segmentation.allocation.internal.Rounding;
import dev.segmentation.allocation.internal.Solver;
import dev.segmentation.allocation.json.AllocationJson;
import dev.segmentation.allocation.testing.AllocationInstances;
import dev.segmentation.core.internal.BlockExecutor;
import dev.segmentation.spark.internal.AllocationBlocks;
import dev.segmentation.spark.internal.RowBlockConverter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The distributed rounding: repair and improvement passes that move accounts, stopped and infeasible
 * solves, empty partitions, and what travels to the driver.
 */
class SparkAllocationPassesTest {

  static LongStream seeds() {
    return LongStream.of(21, 22);
  }

  private static SparkAllocation spark(AllocationProblem p) {
    return SparkAllocation.builder(p).segmentColumn("segment").build();
  }

  /** Moves applied by the repair and by the improvement passes of the single-machine rounding. */
  private static CountingPasses roundingMoves(AllocationProblem p) {
    Compiled c = Compiled.compile(p);
    Solver.Outcome o = Solver.solve(c, SolveMethod.LAGRANGIAN, SolveLimits.defaults(), 1);
    double[] rhs = c.mckp.rhs;
    double[] tie = new double[rhs.length];
    for (int r = 0; r < rhs.length; r++) {
      tie[r] = o.lambda[r] + 1e-12 / Math.max(1.0, Math.abs(rhs[r]));
    }
    try (BlockExecutor exec = BlockExecutor.create(1, null)) {
      LocalAccounts a = new LocalAccounts(c.mckp, null, null, exec, new int[c.mckp.n]);
      a.price(o.lambda, tie, new int[0]);
      CountingPasses counting = new CountingPasses(a);
      counting.feasible = Rounding.repairAndImprove(counting, o.lambda, () -> false);
      return counting;
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void repairAndImprovementMoveAccountsAndThePlanStaysEqual(long seed) {
    int n = 5000;
    AllocationProblem p = AllocationInstances.generate(n, seed, true, 0.25, true)
        .method(SolveMethod.LAGRANGIAN).build();
    CountingPasses moves = roundingMoves(p);
    assertTrue(moves.feasible, "seed " + seed + ": the rounding is feasible");
    String what = "seed " + seed + " (n=" + n + ", repair moves " + moves.repairMoves
        + ", improvement moves " + moves.improveMoves + ")";
    assertTrue(moves.repairMoves > 0, what + ": the repair moves accounts");
    assertTrue(moves.improveMoves > 0, what + ": the improvement moves accounts");
    AllocationPlan expected = p.solve(SolveLimits.defaults());
    AllocationPlan actual = spark(p).solve(SparkAllocationTest.dataset(p, 3), SolveLimits.defaults());
    assertEquals(expected, actual, what + ": whole plan, bit for bit");
  }

  /** Rows in table order, split over partitions with empty ones between and after them. */
  private static Dataset<Row> withEmptyPartitions(AllocationProblem p) {
    Dataset<Row> ds = SparkAllocationTest.dataset(p, 1);
    List<Row> rows = ds.collectAsList();
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
    int half = rows.size() / 2 + 123;
    JavaRDD<Row> rdd = sc.parallelize(new ArrayList<>(rows.subList(0, half)), 3)
        .union(sc.parallelize(new ArrayList<Row>(), 2))
        .union(sc.parallelize(new ArrayList<>(rows.subList(half, rows.size())), 2))
        .union(sc.parallelize(new ArrayList<Row>(), 1));
    return SparkTestSession.get().createDataFrame(rdd, ds.schema());
  }

  @Test
  void emptyPartitionsAndSmallBlocksGiveTheSamePlan() {
    AllocationProblem p = AllocationInstances.generate(9000, 31L, true, 0.3, true)
        .method(SolveMethod.LAGRANGIAN).build();
    Dataset<Row> ds = withEmptyPartitions(p);
    assertEquals(8, ds.javaRDD().getNumPartitions(), "partitions");
    AllocationPlan expected = p.solve();
    assertEquals(expected, spark(p).solve(ds), "empty partitions");
    AllocationPlan small = SparkAllocation.builder(p).segmentColumn("segment").blockSize(777).build()
        .solve(ds);
    assertEquals(expected, small, "empty partitions, blocks of 777 rows");
  }

  @Test
  void infeasibleProblemsReportTheSameConflicts() {
    // a service level that the field hours cannot carry (the check of pairs of rows)
    AllocationProblem service = AllocationInstances.generate(400, 5L, false, 0.05, false)
        .serviceLevel(ServiceLevel.ofChannels("B", 0.9, Channel.FIELD)).build();
    AllocationPlan expected = service.solve();
    assertEquals(PlanStatus.INFEASIBLE, expected.status(), "service level: status");
    assertFalse(expected.conflicts().isEmpty(), "service level: conflicts");
    assertEquals(expected, spark(service).solve(SparkAllocationTest.dataset(service, 3)),
        "service level: plan");
    // locked choices that alone exceed a role (the check of single rows)
    AllocationProblem.Builder b = AllocationInstances.generate(400, 6L, false, 0.05, false);
    for (int i = 0; i < 200; i++) {
      b.lock("acct-" + i, "inside-6");
    }
    AllocationProblem locked = b.build();
    AllocationPlan expectedLocked = locked.solve();
    assertEquals(PlanStatus.INFEASIBLE, expectedLocked.status(), "locks: status");
    assertEquals(expectedLocked, spark(locked).solve(SparkAllocationTest.dataset(locked, 2)),
        "locks: plan");
  }

  @Test
  void aLimitBeyondReachIsLoweredAsOnOneMachine() {
    // a budget far above what all accounts could spend: the solver lowers it to a sum over the
    // accounts in account order, which the driver then takes partition by partition
    AllocationProblem p = AllocationInstances.generate(6000, 71L, false, 0.3, false).budget(1e15)
        .method(SolveMethod.LAGRANGIAN).build();
    AllocationPlan expected = p.solve();
    assertEquals(expected, spark(p).solve(withEmptyPartitions(p)), "plan");
  }

  @Test
  void withoutAnyLimitThePlanIsEqualToo() {
    AllocationProblem base = AllocationInstances.generate(5000, 61L, false, 0.5, false).build();
    AllocationProblem free = AllocationProblem.builder().accounts(base.accounts())
        .option(CoverageOption.builder("partner", Channel.PARTNER).cost(400).retention(0.85).build())
        .option(CoverageOption.builder("none", Channel.NONE).retention(0.7).build())
        .responseModel(base.responseModel().orElseThrow()).objective(Objective.PROFIT)
        .method(SolveMethod.LAGRANGIAN).build();
    AllocationPlan expected = free.solve();
    assertEquals(0, expected.limits().size(), "no limit rows");
    assertEquals(expected, spark(free).solve(SparkAllocationTest.dataset(free, 3)), "plan");
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void aSolveCancelledBeforeItStartsGivesTheSamePlan(long seed) {
    // the dual stops after its first evaluation; the choice at zero prices is repaired by the fast
    // repair towards the least-using candidates, whose passes run in the partitions too
    AllocationProblem p = AllocationInstances.generate(2500 + (int) seed * 200, seed, seed % 2 == 0,
        0.3, true).method(SolveMethod.LAGRANGIAN).build();
    Compiled c = Compiled.compile(p);
    try (BlockExecutor exec = BlockExecutor.create(1, null)) {
      LocalAccounts a = new LocalAccounts(c.mckp, null, null, exec, new int[c.mckp.n]);
      a.price(new double[c.mckp.m], new double[c.mckp.m], new int[0]);
      int[] before = a.choice().clone();
      assertTrue(Rounding.repairTowardsLeastUsing(a), "seed " + seed + ": the fast repair applies");
      int moved = 0;
      for (int i = 0; i < before.length; i++) {
        moved += before[i] != a.choice()[i] ? 1 : 0;
      }
      assertTrue(moved > 0, "seed " + seed + ": the fast repair moves accounts");
    }
    Cancellation token = Cancellation.create();
    token.cancel();
    SolveLimits cancelled = SolveLimits.defaults().cancellation(token);
    AllocationPlan expected = p.solve(cancelled);
    assertEquals(PlanStatus.CANCELLED, expected.status(), "seed " + seed + ": status");
    AllocationPlan actual = spark(p).solve(withEmptyPartitions(p), cancelled);
    for (LimitUsage u : actual.limits()) {
      boolean service = u.kind() == LimitKind.SERVICE_LEVEL;
      assertTrue(service ? u.used() >= u.capacity() : u.used() <= u.capacity() * (1 + 1e-9),
          "seed " + seed + ": feasible: " + u);
    }
    assertEquals(expected, actual, "seed " + seed + ": whole plan, bit for bit");
  }

  /**
   * Bytes of task results (what travels to the driver) of the jobs run by {@code work}, by step (the
   * job description after {@link AllocationBlocks#JOB_PREFIX}).
   */
  private static Map<String, Long> resultBytes(Runnable work) {
    SparkContext sc = SparkTestSession.get().sparkContext();
    Map<Integer, String> stepOf = new ConcurrentHashMap<>();
    Map<String, Long> bytes = new ConcurrentHashMap<>();
    SparkListener listener = new SparkListener() {
      @Override
      public void onStageSubmitted(SparkListenerStageSubmitted e) {
        String d = e.properties() == null ? null : e.properties().getProperty("spark.job.description");
        stepOf.put(e.stageInfo().stageId(), d == null ? "other"
            : d.startsWith(AllocationBlocks.JOB_PREFIX)
                ? d.substring(AllocationBlocks.JOB_PREFIX.length()) : d);
      }

      @Override
      public void onTaskEnd(SparkListenerTaskEnd end) {
        if (end.taskMetrics() != null) {
          bytes.merge(stepOf.getOrDefault(end.stageId(), "other"), end.taskMetrics().resultSize(),
              Long::sum);
        }
      }
    };
    drain(sc);
    sc.addSparkListener(listener);
    try {
      work.run();
      drain(sc);
    } finally {
      sc.removeSparkListener(listener);
    }
    return new TreeMap<>(bytes);
  }

  /** Waits until the listeners have seen every event posted so far. */
  private static void drain(SparkContext sc) {
    try {
      sc.listenerBus().waitUntilEmpty();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Bytes of collecting every partition's compiled candidates, as the driver did before. */
  private static long candidateBytes(AllocationProblem p, Dataset<Row> ds) {
    List<String> columns = new ArrayList<>();
    for (StructField f : ds.schema().fields()) {
      if (!f.name().equals("id") && !f.name().equals("segment")) {
        columns.add(f.name());
      }
    }
    RowBlockConverter converter = RowBlockConverter.of(ds.schema(), "id", columns);
    JavaRDD<AllocationBlocks.Part> parts = AllocationBlocks.compile(ds.javaRDD(),
        AllocationJson.write(p), converter, 1, SparkAllocation.DEFAULT_BLOCK_SIZE);
    parts.cache();
    parts.count();
    try {
      return resultBytes(() -> AllocationBlocks.collect(parts)).values().stream()
          .mapToLong(Long::longValue).sum();
    } finally {
      parts.unpersist(false);
    }
  }

  /** The candidate bytes, then the solve's bytes by step. */
  private static Map<String, Long> traffic(int n, long seed, int partitions) {
    AllocationProblem p = AllocationInstances.generate(n, seed, false, 0.3, true)
        .method(SolveMethod.LAGRANGIAN).build();
    Dataset<Row> ds = SparkAllocationTest.dataset(p, partitions).cache();
    ds.count();
    try {
      long before = candidateBytes(p, ds);
      AllocationPlan[] plan = new AllocationPlan[1];
      Map<String, Long> after = new TreeMap<>(resultBytes(() -> plan[0] = spark(p).solve(ds)));
      assertEquals(p.solve(), plan[0], "plan, n=" + n);
      after.put("(candidates, as collected before)", before);
      return after;
    } finally {
      ds.unpersist();
    }
  }

  /** Bytes of the steps other than the dual evaluations and the candidates. */
  private static long rounding(Map<String, Long> bytes) {
    long sum = 0;
    for (Map.Entry<String, Long> e : bytes.entrySet()) {
      if (!e.getKey().startsWith("dual evaluation") && !e.getKey().startsWith("(")) {
        sum += e.getValue();
      }
    }
    return sum;
  }

  @Test
  void theDriverReceivesLessThanTheCandidates() {
    Map<String, Long> bytes = traffic(12_000, 51L, 2);
    // everything but the dual evaluations (which did not change): ids, proposals, core, plan rows
    long rest = rounding(bytes);
    long candidates = bytes.get("(candidates, as collected before)");
    assertTrue(rest < candidates, "bytes by step " + bytes);
    assertTrue(bytes.getOrDefault("collect candidates", 0L) == 0, "no candidates collected: " + bytes);
  }

  /** The figure of docs/spark.md: {@code -Dsegmentation.traffic=true}. */
  @Test
  @EnabledIfSystemProperty(named = "segmentation.traffic", matches = "true")
  void trafficFigure() {
    for (int n : new int[] {Integer.getInteger("segmentation.trafficAccounts", 100_000)}) {
      Map<String, Long> bytes = traffic(n, 52L, 4);
      System.out.printf(Locale.ROOT, "TRAFFIC n=%d: %s; all but the dual: %,d bytes%n", n, bytes,
          rounding(bytes));
    }
  }
}
