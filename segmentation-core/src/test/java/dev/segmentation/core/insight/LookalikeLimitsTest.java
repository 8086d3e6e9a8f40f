package dev.segmentation.core.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Criteria;
import dev.segmentation.core.criteria.FittedCriteria;
import dev.segmentation.core.model.FitLimits;
import dev.segmentation.core.model.FitStatus;
import dev.segmentation.core.model.FitStoppedException;
import dev.segmentation.core.table.NumericColumn;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LookalikeLimitsTest {

  private static AccountTable table(int n) {
    String[] ids = new String[n];
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      ids[i] = "a" + i;
      x[i] = (i * 7919L) % 1000;
      y[i] = (i * 104729L) % 997;
    }
    return AccountTable.of(ids, NumericColumn.of("x", x), NumericColumn.of("y", y));
  }

  private static Lookalike scorer(AccountTable t, int threads) {
    FittedCriteria f = Criteria.builder().numeric("x").standardize().numeric("y").standardize()
        .build().fit(t);
    return Lookalike.builder(f).reference(ReferenceSet.topFraction("x", 0.1)).parallelism(threads)
        .build();
  }

  @Test
  void noLimitsGivesTheSameScoresAsTheUnlimitedCall() {
    AccountTable t = table(10_000);
    Lookalike l = scorer(t, 2);
    assertEquals(l.score(t), l.score(t, FitLimits.none().withTimeLimit(Duration.ofHours(1))));
  }

  @Test
  void cancellationStopsBetweenBlocks() {
    AccountTable t = table(20_000);
    AtomicInteger polls = new AtomicInteger();
    FitStoppedException e = assertThrows(FitStoppedException.class, () -> scorer(t, 1)
        .score(t, FitLimits.none().cancelWhen(() -> polls.incrementAndGet() > 2)));
    assertEquals(FitStatus.CANCELLED, e.status());
    assertTrue(polls.get() >= 3 && polls.get() <= 5, "polled once per block until it fired: " + polls);
  }

  @Test
  void interruptStopsAndTheFlagStaysSet() {
    AccountTable t = table(10_000);
    Lookalike l = scorer(t, 1);
    Thread.currentThread().interrupt();
    try {
      FitStoppedException e = assertThrows(FitStoppedException.class, () -> l.score(t, FitLimits.none()));
      assertEquals(FitStatus.CANCELLED, e.status());
      assertTrue(Thread.currentThread().isInterrupted(), "interrupt flag kept");
    } finally {
      Thread.interrupted();
    }
  }
}
