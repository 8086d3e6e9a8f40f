package dev.segmentation.allocation.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.allocation.AllocationProblem;
import dev.segmentation.allocation.Channel;
import dev.segmentation.allocation.ServiceLevel;
import dev.segmentation.allocation.testing.AllocationInstances;
import dev.segmentation.core.internal.BlockExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The fast repair used after a stop: feasible exactly when the least-using plan is, thread-independent. */
class RepairTowardsLeastUsingTest {

  private static final AtomicInteger REPAIRED = new AtomicInteger();
  private static final AtomicInteger REFUSED = new AtomicInteger();

  @AfterAll
  static void bothOutcomesOccur() {
    assertTrue(REPAIRED.get() >= 3 && REFUSED.get() >= 1,
        "repaired " + REPAIRED + ", refused " + REFUSED + " of the seeds");
  }

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 16);
  }

  private static Mckp instance(long seed) {
    int n = seed % 4 == 0 ? 8_500 : 60 + 23 * (int) seed;
    AllocationProblem.Builder b = AllocationInstances.generate(n, seed, seed % 2 == 0,
        0.05 + 0.06 * (seed % 6), seed % 3 != 0);
    if (seed % 5 == 0) {
      // a service level the least-using plan may not meet
      b.serviceLevel(ServiceLevel.ofChannels("B", 0.9, Channel.FIELD));
    }
    return Compiled.compile(b.build()).mckp;
  }

  private static int[] repaired(Mckp p, int[] start, int threads, boolean[] ok) {
    int[] choice = start.clone();
    try (BlockExecutor exec = BlockExecutor.create(threads, null)) {
      ok[0] = Rounding.repairTowardsLeastUsing(p, choice, exec);
    }
    return choice;
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void feasibleWhenTheLeastUsingPlanIsAndUnchangedOtherwise(long seed) {
    Mckp p = instance(seed);
    String msg = "seed " + seed;
    // the most valuable candidate of every account: the choice at zero multipliers
    int[] start = p.evaluate(new double[p.m], new double[p.m]).choice.clone();
    int[] target = new int[p.n];
    double[] w = Rounding.leastUsingWeights(p);
    for (int i = 0; i < p.n; i++) {
      target[i] = Rounding.leastUsing(p, i, w);
    }
    boolean expected = Rounding.feasible(p, Rounding.usage(p, start))
        || Rounding.feasible(p, Rounding.usage(p, target));
    boolean[] ok = new boolean[1];
    int[] one = repaired(p, start, 1, ok);
    assertEquals(expected, ok[0], msg);
    (ok[0] ? REPAIRED : REFUSED).incrementAndGet();
    if (ok[0]) {
      assertTrue(Rounding.feasible(p, Rounding.usage(p, one)), "feasible, " + msg);
      for (int i = 0; i < p.n; i++) {
        assertTrue(one[i] == start[i] || one[i] == target[i],
            "account " + i + " keeps its candidate or takes its least-using one, " + msg);
      }
    } else {
      assertArrayEquals(start, one, "unchanged when it fails, " + msg);
    }
    boolean[] ok3 = new boolean[1];
    assertArrayEquals(one, repaired(p, start, 3, ok3), "same with 3 threads, " + msg);
    assertEquals(ok[0], ok3[0], msg);
    if (ok[0]) {
      assertArrayEquals(one, repaired(p, one, 1, ok), "a feasible choice is left as it is, " + msg);
    }
  }
}
