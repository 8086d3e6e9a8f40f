package dev.segmentation.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmentation.allocation.AllocationProblem;
import dev.segmentation.allocation.internal.Compiled;
import dev.segmentation.allocation.internal.DualOracle;
import dev.segmentation.allocation.internal.Mckp;
import dev.segmentation.allocation.json.AllocationJson;
import dev.segmentation.allocation.testing.AllocationInstances;
import dev.segmentation.spark.internal.AllocationBlocks;
import dev.segmentation.spark.internal.RowBlockConverter;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;

/**
 * The distributed dual evaluation equals the single-machine one bit for bit, with blocks split
 * between partitions summed by per-account terms or continued in a second round.
 */
class SparkAllocationOracleTest {

  @Test
  void evaluationsEqualTheSingleMachineOnesWithOneOrTwoRounds() {
    AllocationProblem p = AllocationInstances.generate(14_000, 81L, true, 0.3, true).build();
    Mckp full = Compiled.compile(p).mckp;
    Dataset<Row> base = SparkAllocationTest.dataset(p, 1);
    List<Row> rows = base.collectAsList();
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
    // partitions: large ones across blocks, small ones inside one block, empty ones
    int[] cuts = {0, 5000, 5100, 5100, 6000, 9000, 12_500, 14_000};
    JavaRDD<Row> rdd = null;
    for (int q = 0; q + 1 < cuts.length; q++) {
      JavaRDD<Row> piece = sc.parallelize(new ArrayList<>(rows.subList(cuts[q], cuts[q + 1])), 1);
      rdd = rdd == null ? piece : rdd.union(piece);
    }
    Dataset<Row> ds = SparkTestSession.get().createDataFrame(rdd, base.schema());
    List<String> columns = new ArrayList<>();
    for (StructField f : ds.schema().fields()) {
      if (!f.name().equals("id") && !f.name().equals("segment")) {
        columns.add(f.name());
      }
    }
    JavaRDD<AllocationBlocks.Part> parts = AllocationBlocks.compile(ds.javaRDD(),
        AllocationJson.write(p), RowBlockConverter.of(ds.schema(), "id", columns), 1, 1000);
    parts.cache();
    try {
      int[] sizes = new int[cuts.length - 1];
      for (int q = 0; q < sizes.length; q++) {
        sizes[q] = cuts[q + 1] - cuts[q];
      }
      DualOracle one = AllocationBlocks.oracle(parts, sizes, full, Long.MAX_VALUE);
      DualOracle two = AllocationBlocks.oracle(parts, sizes, full, 0);
      UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(81L);
      for (int t = 0; t < 4; t++) {
        double[] lambda = new double[full.m];
        double[] tie = new double[full.m];
        for (int r = 0; r < full.m; r++) {
          lambda[r] = t == 0 ? 0 : rng.nextDouble() * 2;
          tie[r] = rng.nextDouble() * 1e-9;
        }
        Mckp.Eval expected = full.evaluate(lambda, tie);
        for (DualOracle oracle : new DualOracle[] {one, two}) {
          String what = (oracle == one ? "one round" : "two rounds") + ", evaluation " + t;
          Mckp.Eval actual = oracle.evaluate(lambda, tie);
          assertEquals(expected.bound, actual.bound, 0.0, what + ": bound");
          assertEquals(expected.value, actual.value, 0.0, what + ": value");
          assertArrayEquals(expected.usage, actual.usage, 0.0, what + ": usage");
        }
      }
    } finally {
      parts.unpersist(false);
    }
  }
}
