package dev.segmentation.core.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.criteria.FittedCriteria;
import dev.segmentation.core.model.FitLimits;
import dev.segmentation.core.model.FitStatus;
import dev.segmentation.core.model.FitStoppedException;
import dev.segmentation.testing.Gen;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Limits of {@link Whitespace#compute(AccountTable, FitLimits)} and the per-segment peer figures. */
class WhitespaceLimitsTest {

  static LongStream seeds() {
    return Gen.seeds(30);
  }

  private static Whitespace nearest(AccountTable t, int threads) {
    FittedCriteria f = InsightFixtures.criteria(t);
    return Whitespace.builder().revenue("revenue").potential("potential")
        .productLines(InsightFixtures.LINES).nearestPeers(f, 5).parallelism(threads).build();
  }

  private static Whitespace bySegment(AccountTable t) {
    return Whitespace.builder().revenue("revenue").potential("potential")
        .productLines(InsightFixtures.LINES).segmentPeers(InsightFixtures.segmentation(t)).build();
  }

  @Test
  void limitsThatDoNotFireGiveTheSameReport() {
    AccountTable t = InsightFixtures.accounts(new Gen(3), 10_000, 0.05);
    for (Whitespace w : List.of(nearest(t, 1), nearest(t, 3), bySegment(t))) {
      assertEquals(w.compute(t), w.compute(t, FitLimits.timeLimit(Duration.ofHours(1))
          .cancelWhen(() -> false)), w.toString());
    }
  }

  @Test
  void aCancellationAtItsNthPollThrowsUntilTheLastPoll() {
    // 10,000 accounts: 3 blocks of 4,096; nearest peers poll before the tree, per search block and
    // every 8 queries in it, after the search and per block of the per-account pass; segment peers
    // poll per segment and line (3 x 3) and per block (3): 12 polls
    AccountTable t = InsightFixtures.accounts(new Gen(5), 10_000, 0.05);
    for (Whitespace w : List.of(nearest(t, 1), bySegment(t))) {
      WhitespaceReport full = w.compute(t);
      AtomicInteger total = new AtomicInteger();
      assertEquals(full, w.compute(t, FitLimits.none().cancelWhen(() -> {
        total.incrementAndGet();
        return false;
      })), w.toString());
      assertTrue(total.get() >= 4, w + ": polled per block, " + total);
      int last = total.get();
      int[] at = last <= 50 ? java.util.stream.IntStream.rangeClosed(1, last).toArray()
          : new int[] {1, 2, 3, 9, last / 3, last / 2, last - 3, last - 1, last};
      for (int n : at) {
        int fireAt = n;
        AtomicInteger polls = new AtomicInteger();
        FitStoppedException e = assertThrows(FitStoppedException.class, () -> w.compute(t,
            FitLimits.none().cancelWhen(() -> polls.incrementAndGet() >= fireAt)), w + ", poll " + n);
        assertEquals(FitStatus.CANCELLED, e.status(), w + ", poll " + n);
        assertEquals(n, polls.get(), w + ": no poll after the one that fired, poll " + n);
        assertTrue(e.getMessage().contains("Whitespace of 10000 accounts"), e.getMessage());
      }
    }
  }

  @Test
  void parallelSearchStopsToo() {
    AccountTable t = InsightFixtures.accounts(new Gen(6), 20_000, 0.05);
    AtomicInteger polls = new AtomicInteger();
    FitStoppedException e = assertThrows(FitStoppedException.class, () -> nearest(t, 3)
        .compute(t, FitLimits.none().cancelWhen(() -> polls.incrementAndGet() > 2)));
    assertEquals(FitStatus.CANCELLED, e.status());
  }

  @Test
  void interruptStopsAndTheFlagStaysSet() {
    AccountTable t = InsightFixtures.accounts(new Gen(7), 5_000, 0.05);
    for (Whitespace w : List.of(nearest(t, 1), nearest(t, 2), bySegment(t))) {
      Thread.currentThread().interrupt();
      try {
        FitStoppedException e = assertThrows(FitStoppedException.class, () -> w.compute(t));
        assertEquals(FitStatus.CANCELLED, e.status(), w.toString());
        assertTrue(Thread.currentThread().isInterrupted(), w + ": interrupt flag kept");
      } finally {
        Thread.interrupted();
      }
    }
  }

  @Test
  void interruptWhileWaitingForThePoolThrowsAndKeepsTheFlag() {
    // the check interrupts the caller from a pool thread while the caller waits for the search
    AccountTable t = InsightFixtures.accounts(new Gen(9), 30_000, 0.05);
    Thread caller = Thread.currentThread();
    AtomicInteger polls = new AtomicInteger();
    Whitespace w = nearest(t, 2);
    try {
      FitStoppedException e = assertThrows(FitStoppedException.class, () -> w.compute(t,
          FitLimits.none().cancelWhen(() -> {
            if (Thread.currentThread() != caller && polls.incrementAndGet() == 5) {
              caller.interrupt();
            }
            return false;
          })));
      assertEquals(FitStatus.CANCELLED, e.status());
      assertTrue(Thread.currentThread().isInterrupted(), "interrupt flag kept");
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void expiredTimeLimit() {
    AccountTable t = InsightFixtures.accounts(new Gen(8), 5_000, 0.05);
    FitStoppedException e = assertThrows(FitStoppedException.class,
        () -> bySegment(t).compute(t, FitLimits.timeLimit(Duration.ofNanos(1))));
    assertEquals(FitStatus.TIME_LIMIT, e.status());
  }

  /** The segment peers' figures equal those from listing every other member of the segment. */
  @ParameterizedTest
  @MethodSource("seeds")
  void segmentPeersFollowTheDefinition(long seed) {
    Gen g = new Gen(seed);
    int n = g.intBetween(1, 80);
    AccountTable t = InsightFixtures.accounts(g, n, 0.1);
    Segmentation seg = InsightFixtures.segmentation(t);
    double threshold = g.pick(0.0, 100.0, -1.0);
    WhitespaceReport r = Whitespace.builder().revenue("revenue").potential("potential")
        .productLines(InsightFixtures.LINES).buyThreshold(threshold).segmentPeers(seg).build()
        .compute(t);
    for (int i = 0; i < n; i++) {
      AccountWhitespace a = r.account(i);
      String msg = "seed " + seed + ", account " + i;
      if (i % 4 == 3) {
        assertEquals(0, a.peers(), msg + ": unassigned, no peers");
        continue;
      }
      List<Integer> peers = new ArrayList<>();
      for (int q = 0; q < n; q++) {
        if (q != i && q % 4 == i % 4) {
          peers.add(q);
        }
      }
      assertEquals(peers.size(), a.peers(), msg + ": peers");
      List<CrossSell> expected = new ArrayList<>();
      for (String line : InsightFixtures.LINES) {
        double[] s = t.numeric(line).toArray();
        if (s[i] > threshold || peers.isEmpty()) {
          continue;
        }
        double[] v = peers.stream().mapToDouble(q -> s[q]).filter(x -> x > threshold).sorted().toArray();
        if (v.length == 0) {
          continue;
        }
        double h = (v.length - 1) * 0.5;
        int lo = (int) Math.floor(h);
        double med = h == lo ? v[lo] : v[lo] + (h - lo) * (v[lo + 1] - v[lo]);
        double share = (double) v.length / peers.size();
        expected.add(new CrossSell(line, v.length, share, med, share * med));
      }
      expected.sort((x, y) -> Double.compare(y.expectedValue(), x.expectedValue()));
      assertEquals(expected, a.crossSell(), msg + ": cross-sell " + Arrays.toString(
          InsightFixtures.LINES));
    }
  }
}
