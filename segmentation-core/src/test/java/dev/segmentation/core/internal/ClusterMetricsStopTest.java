package dev.segmentation.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** The stop checks of the silhouette: never firing changes nothing; firing throws. */
class ClusterMetricsStopTest {

  private static final int N = 2_000;
  private static final int D = 3;

  private static double[] x() {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(3L);
    double[] x = new double[N * D];
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.nextDouble() + (i / D) % 3;
    }
    return x;
  }

  private static int[] labels() {
    int[] l = new int[N];
    for (int i = 0; i < N; i++) {
      l[i] = i % 3;
    }
    return l;
  }

  @Test
  void aStopThatNeverFiresGivesTheSameValue() {
    double[] x = x();
    int[] l = labels();
    double exact = ClusterMetrics.silhouette(x, N, D, l, 3);
    assertEquals(exact, ClusterMetrics.silhouette(x, N, D, l, 3, 1, () -> false));
    assertEquals(exact, ClusterMetrics.silhouette(x, N, D, l, 3, 2, () -> false));
    assertEquals(ClusterMetrics.silhouetteSampled(x, N, D, l, 3, 500, 9L),
        ClusterMetrics.silhouetteSampled(x, N, D, l, 3, 500, 9L, () -> false));
  }

  @Test
  void aStopThatFiresThrowsCancellationOnOneThread() {
    double[] x = x();
    int[] l = labels();
    AtomicInteger polls = new AtomicInteger();
    assertThrows(CancellationException.class,
        () -> ClusterMetrics.silhouette(x, N, D, l, 3, 1, () -> polls.incrementAndGet() > 3));
    assertEquals(4, polls.get(), "polled once per 128-row block until it fired");
    assertThrows(CancellationException.class,
        () -> ClusterMetrics.silhouetteSampled(x, N, D, l, 3, 500, 9L, () -> true));
  }

  @Test
  void onSeveralThreadsAFiringStopEitherThrowsOrTheBlocksFinishedFirst() {
    double[] x = x();
    int[] l = labels();
    double exact = ClusterMetrics.silhouette(x, N, D, l, 3);
    try {
      assertEquals(exact, ClusterMetrics.silhouette(x, N, D, l, 3, 2, () -> true),
          "finished before the first poll");
    } catch (CancellationException expected) {
      // polled after 10 ms while blocks were still running
    }
  }
}
