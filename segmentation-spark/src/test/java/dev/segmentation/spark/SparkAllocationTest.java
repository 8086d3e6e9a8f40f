package dev.segmentation.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.allocation.AllocationPlan;
import dev.segmentation.allocation.AllocationProblem;
import dev.segmentation.allocation.Objective;
import dev.segmentation.allocation.SolveLimits;
import dev.segmentation.allocation.SolveMethod;
import dev.segmentation.allocation.testing.AllocationInstances;
import dev.segmentation.core.AccountTable;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.table.Column;
import dev.segmentation.core.table.NumericColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Distributed coverage allocation: the plan equals the single-machine plan on the same accounts. */
class SparkAllocationTest {

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 3);
  }

  /** The problem's accounts as a dataset in table order (id, segment, numeric columns). */
  static Dataset<Row> dataset(AllocationProblem p, int partitions) {
    AccountTable t = p.accounts();
    StructType schema = new StructType().add("id", DataTypes.StringType, false)
        .add("segment", DataTypes.StringType, true);
    for (Column c : t.columns()) {
      schema = schema.add(c.name(), DataTypes.DoubleType, true);
    }
    List<Row> rows = new ArrayList<>(t.rowCount());
    for (int i = 0; i < t.rowCount(); i++) {
      Object[] v = new Object[t.columnCount() + 2];
      v[0] = t.id(i);
      v[1] = p.segmentOf(i).orElse(null);
      int j = 2;
      for (Column c : t.columns()) {
        v[j++] = ((NumericColumn) c).get(i);
      }
      rows.add(RowFactory.create(v));
    }
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
    return SparkTestSession.get().createDataFrame(sc.parallelize(rows, partitions), schema);
  }

  private static SparkAllocation spark(AllocationProblem p) {
    return SparkAllocation.builder(p).segmentColumn("segment").build();
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void planEqualsTheSingleMachinePlan(long seed) {
    int n = 3000 + (int) (seed * 1700);                  // 4,700 .. 9,800: several 4,096 blocks
    boolean correlated = seed % 2 == 0;
    double tightness = 0.3 + 0.15 * seed;
    boolean service = seed % 3 != 0;
    AllocationProblem.Builder b = AllocationInstances.generate(n, seed, correlated, tightness, service)
        .method(SolveMethod.LAGRANGIAN);
    if (seed == 2) {
      b.lock("acct-5", "none").lock("acct-4100", "partner");     // a lock in a shared block
    }
    if (seed == 3) {
      b.objective(Objective.PROFIT);
    }
    AllocationProblem p = b.build();
    SolveLimits limits = SolveLimits.defaults();
    AllocationPlan expected = p.solve(limits);
    int partitions = 1 + (int) (seed % 4) + 2;
    AllocationPlan actual = spark(p).solve(dataset(p, partitions), limits);
    String what = "seed " + seed + " (n=" + n + ", " + partitions + " partitions, "
        + expected.status() + ", " + expected.iterations() + " dual iterations)";
    assertEquals(expected.status(), actual.status(), what + ": status");
    assertEquals(expected.objective(), actual.objective(), 0.0, what + ": objective");
    assertEquals(expected.upperBound(), actual.upperBound(), 0.0, what + ": bound");
    assertEquals(expected, actual, what + ": whole plan, bit for bit");
  }

  @Test
  void iterationLimitedAndExactPlansAreEqualToo() {
    AllocationProblem small = AllocationInstances.generate(60, 11L, true, 0.5, true)
        .method(SolveMethod.AUTO).build();   // AUTO up to 200 accounts: branch and bound
    assertEquals(small.solve(), spark(small).solve(dataset(small, 3)), "exact (AUTO) plan");
    AllocationProblem big = AllocationInstances.generate(5000, 12L, false, 0.6, false)
        .method(SolveMethod.LAGRANGIAN).build();
    SolveLimits few = SolveLimits.defaults().maxIterations(5);
    AllocationPlan expected = big.solve(few);
    assertEquals(expected, spark(big).solve(dataset(big, 2), few), "plan after 5 dual iterations");
  }

  @Test
  void dataProblemsAreNamed() {
    AllocationProblem p = AllocationInstances.generate(50, 3L, false, 0.5, false).build();
    Dataset<Row> ds = dataset(p, 2);
    Dataset<Row> twice = ds.union(ds.limit(1));
    DataValidationException dup = assertThrows(DataValidationException.class,
        () -> spark(p).solve(twice));
    assertTrue(dup.getMessage().contains("Duplicate account id \"acct-0\""), dup.getMessage());
    AllocationProblem locked = AllocationInstances.generate(50, 3L, false, 0.5, false)
        .lock("acct-7", "none").build();
    IllegalArgumentException lock = assertThrows(IllegalArgumentException.class,
        () -> spark(locked).solve(ds.where("id <> 'acct-7'")));
    assertTrue(lock.getMessage().contains("acct-7"), lock.getMessage());
    DataValidationException missing = assertThrows(DataValidationException.class,
        () -> spark(p).solve(ds.drop("potential")));
    assertTrue(missing.getMessage().contains("potential"), missing.getMessage());
  }
}
