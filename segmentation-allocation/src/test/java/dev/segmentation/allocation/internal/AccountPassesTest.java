package dev.segmentation.allocation.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.allocation.testing.AllocationInstances;
import dev.segmentation.core.internal.BlockExecutor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The single-machine {@link AccountPasses}: the pieces a distributed implementation relies on (the
 * order of proposals, the selection of the core by parts, block sums, thread independence).
 */
class AccountPassesTest {

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 6);
  }

  private static Mckp instance(long seed) {
    int n = seed % 3 == 0 ? 9_000 : 300 + 97 * (int) seed;
    return Compiled.compile(AllocationInstances.generate(n, seed, seed % 2 == 0, 0.2 + 0.05 * seed,
        seed % 2 == 1).build()).mckp;
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void theCoreSelectedByPartsIsTheCoreOfAll(long seed) {
    Mckp p = instance(seed);
    double[] lambda = new double[p.m];
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    for (int r = 0; r < p.m; r++) {
      lambda[r] = rng.nextDouble() * 3;
    }
    int size = 48;
    double[] margin = new double[p.n];
    int[] index = new int[p.n];
    List<Integer> finite = new ArrayList<>();
    for (int i = 0; i < p.n; i++) {
      margin[i] = PassKernels.margin(p, i, lambda);
      index[i] = i;
      if (margin[i] != Double.POSITIVE_INFINITY) {
        finite.add(i);
      }
    }
    // brute force: sort by (margin, index)
    finite.sort(Comparator.<Integer>comparingDouble(i -> margin[i]).thenComparingInt(i -> i));
    int[] expected = finite.subList(0, Math.min(size, finite.size())).stream()
        .mapToInt(Integer::intValue).sorted().toArray();
    int[] all = PassKernels.smallest(margin, index, p.n, size);
    assertArrayEquals(expected, all, "seed " + seed + ": one selection");
    // by random parts (as partitions do), then over the union
    List<Double> mg = new ArrayList<>();
    List<Integer> ix = new ArrayList<>();
    int from = 0;
    while (from < p.n) {
      int to = Math.min(p.n, from + rng.nextInt(p.n / 3 + 1));
      double[] m2 = Arrays.copyOfRange(margin, from, to);
      int[] i2 = Arrays.copyOfRange(index, from, to);
      for (int q : PassKernels.smallest(m2, i2, to - from, size)) {
        mg.add(m2[q]);
        ix.add(i2[q]);
      }
      from = Math.max(to, from + 1);
    }
    double[] m3 = mg.stream().mapToDouble(Double::doubleValue).toArray();
    int[] i3 = ix.stream().mapToInt(Integer::intValue).toArray();
    int[] merged = Arrays.stream(PassKernels.smallest(m3, i3, m3.length, size)).map(q -> i3[q])
        .toArray();
    assertArrayEquals(expected, merged, "seed " + seed + ": selection by parts");
    try (BlockExecutor exec = BlockExecutor.create(2, null)) {
      LocalAccounts a = new LocalAccounts(p, null, null, exec, new int[p.n]);
      a.price(lambda, new double[p.m], new int[0]);
      assertArrayEquals(expected, a.core(lambda, size).account, "seed " + seed + ": core()");
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void proposalsComeInSortOrderOncePerAccountAndRoundingIsThreadIndependent(long seed) {
    Mckp p = instance(seed);
    int[][] results = new int[2][];
    for (int threads = 1; threads <= 2; threads++) {
      try (BlockExecutor exec = BlockExecutor.create(threads, null)) {
        LocalAccounts a = new LocalAccounts(p, null, null, exec, new int[p.n]);
        a.price(new double[p.m], new double[p.m], new int[0]);
        double[] usage = a.usage();
        double[] seq = Rounding.usage(p, a.choice());
        for (int r = 0; r < p.m; r++) {
          assertEquals(seq[r], usage[r], 1e-9 * Math.max(1, Math.abs(seq[r])), "usage, seed " + seed);
        }
        double[] scale = new double[p.m];
        Arrays.fill(scale, 1.0);
        AccountPasses.Proposals props = a.repairProposals(usage, scale,
            PassKernels.violation(p.rhs, usage, scale));
        long last = Long.MIN_VALUE;
        boolean[] seen = new boolean[p.n];
        int count = 0;
        for (int j = props.next(); j >= 0; j = props.next()) {
          int i = props.account(j);
          assertTrue(!seen[i], "one proposal per account, seed " + seed);
          seen[i] = true;
          count++;
          int k = p.start[i] + props.slot(j);
          assertTrue(k >= p.start[i] && k < p.start[i + 1], "a candidate of the account");
          for (int r = 0; r < p.m; r++) {
            assertEquals(p.use[k * p.m + r], props.to(j, r), 0.0, "to-use");
            assertEquals(p.use[a.choice()[i] * p.m + r], props.from(j, r), 0.0, "from-use");
          }
          double[] score = new double[1];
          PassKernels.repairMove(p, i, a.choice()[i], usage, scale,
              PassKernels.violation(p.rhs, usage, scale), new double[p.m], score);
          long key = Rounding.sortKey(score[0], false, i);
          assertTrue(key > last, "increasing sort keys, seed " + seed);
          last = key;
        }
        assertTrue(count > 0 || Rounding.feasible(p.rhs, usage), "an infeasible start proposes");
        int[] choice = a.choice();
        boolean ok = Rounding.repairAndImprove(a, new double[p.m], () -> false);
        if (ok) {
          assertTrue(Rounding.feasible(p, Rounding.usage(p, choice)), "feasible, seed " + seed);
        }
        results[threads - 1] = choice.clone();
      }
    }
    assertArrayEquals(results[0], results[1], "seed " + seed + ": 1 and 2 threads");
  }
}
