package dev.segmentation.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Criteria;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.json.ModelJson;
import dev.segmentation.core.table.Column;
import dev.segmentation.core.table.NumericColumn;
import dev.segmentation.testing.Gen;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Limits, cancellation and interrupts of k-means and k selection; no timing assertions. */
class FitLimitsTest {

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  static LongStream seeds() {
    return Gen.seeds(12);
  }

  /** Gaussian blobs: {@code n} accounts, 3 numeric columns. */
  static AccountTable blobs(long seed, int n) {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    double[][] v = new double[3][n];
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      int c = rng.nextInt(5);
      for (int t = 0; t < 3; t++) {
        v[t][i] = 4.0 * ((c + t) % 5) + 2.0 * (rng.nextDouble() - 0.5) + rng.nextDouble();
      }
      ids[i] = "A" + i;
    }
    return AccountTable.of(ids, new Column[] {
      NumericColumn.of("a", v[0]), NumericColumn.of("b", v[1]), NumericColumn.of("c", v[2])});
  }

  static Criteria criteria() {
    return Criteria.builder().numeric("a").numeric("b").numeric("c").build();
  }

  static KMeans kmeans(int k) {
    return KMeans.builder().clusters(k).restarts(4).seed(7L).parallelism(1).build();
  }

  /** A cancellation check that fires from its {@code n}-th poll on (counted, so deterministic). */
  static BooleanSupplier firesAt(int n) {
    AtomicInteger polls = new AtomicInteger();
    return () -> polls.incrementAndGet() >= n;
  }

  @Test
  void limitsThatNeverFireGiveTheSameModelToTheByte() {
    AccountTable t = blobs(1, 2000);
    KMeansModel plain = kmeans(5).fit(t, criteria());
    KMeansModel limited = kmeans(5).fit(t, criteria(),
        FitLimits.timeLimit(Duration.ofHours(1)).cancelWhen(() -> false));
    assertEquals(ModelJson.write(plain), ModelJson.write(limited));
    assertEquals(FitStatus.CONVERGED, limited.status());
    assertEquals(plain, limited);
  }

  @Test
  void preCancelledTokenThrowsBeforeAnyResultExists() {
    FitStoppedException e = assertThrows(FitStoppedException.class,
        () -> kmeans(5).fit(blobs(2, 500), criteria(), FitLimits.none().cancelWhen(() -> true)));
    assertEquals(FitStatus.CANCELLED, e.status());
    assertTrue(e.getMessage().contains("KMeans.fit (k=5) was stopped (CANCELLED)"), e.getMessage());
  }

  @Test
  void interruptedThreadCancelsAndKeepsItsInterruptFlag() {
    AccountTable t = blobs(3, 500);
    Thread.currentThread().interrupt();
    FitStoppedException e = assertThrows(FitStoppedException.class,
        () -> kmeans(4).fit(t, criteria()));
    assertEquals(FitStatus.CANCELLED, e.status());
    assertTrue(Thread.interrupted(), "the interrupt flag is preserved");
  }

  @Test
  void interruptDuringLloydReturnsTheBestSoFarAndKeepsTheFlag() {
    AccountTable t = blobs(4, 3000);
    AtomicInteger polls = new AtomicInteger();
    // k = 4: polls 1..5 are the first seeding; poll 8 interrupts during the first restart's Lloyd run
    BooleanSupplier interrupter = () -> {
      if (polls.incrementAndGet() == 8) {
        Thread.currentThread().interrupt();
      }
      return false;
    };
    KMeansModel m = kmeans(4).fit(t, criteria(), FitLimits.none().cancelWhen(interrupter));
    assertTrue(Thread.interrupted(), "the interrupt flag is preserved");
    assertEquals(FitStatus.CANCELLED, m.status());
    assertFalse(m.converged());
    assertEquals(0, m.bestRestart());
    assertEquals(0, m.assign(t).unassignedCount(), "a cancelled model assigns everyone");
  }

  @Test
  void timeLimitStopsWithItsOwnStatus() {
    FitStoppedException e = assertThrows(FitStoppedException.class,
        () -> kmeans(5).fit(blobs(5, 500), criteria(), FitLimits.timeLimit(Duration.ofNanos(1))));
    assertEquals(FitStatus.TIME_LIMIT, e.status());
  }

  @Test
  void iterationLimitGivesMaxIterations() {
    AccountTable t = blobs(6, 3000);
    KMeansModel m = KMeans.builder().clusters(6).restarts(2).maxIterations(1).seed(3L)
        .parallelism(1).build().fit(t, criteria(), FitLimits.none());
    assertEquals(FitStatus.MAX_ITERATIONS, m.status());
    assertFalse(m.converged());
    assertEquals(1, m.iterations());
  }

  /**
   * A check that fires at poll {@code N} either stops before the first seeding is complete (exception)
   * or returns a valid model with status CANCELLED (its kept restart may be an earlier, converged one)
   * whose inertia is at least the full fit's (Lloyd
   * never raises the inertia and fewer restarts never lower the minimum); once {@code N} exceeds the
   * polls of a whole fit, the model is the full fit.
   */
  @ParameterizedTest
  @MethodSource("seeds")
  void cancellationAtEveryPollGivesAValidBestSoFar(long seed) {
    AccountTable t = blobs(seed, 1500);
    int k = 2 + (int) (seed % 4);
    KMeansModel full = kmeans(k).fit(t, criteria());
    boolean sawFull = false;
    for (int n = 1; n <= 400 && !sawFull; n++) {
      String msg = "seed " + seed + ", k " + k + ", stop at poll " + n;
      KMeansModel m;
      try {
        m = kmeans(k).fit(t, criteria(), FitLimits.none().cancelWhen(firesAt(n)));
      } catch (FitStoppedException e) {
        assertTrue(n <= k + 1, msg + ": only the first seeding may throw");
        assertEquals(FitStatus.CANCELLED, e.status(), msg);
        continue;
      }
      if (m.status() == FitStatus.CANCELLED) {
        // the kept restart may be an earlier, finished one (converged) or the interrupted one
        assertTrue(m.inertia() >= full.inertia() * (1 - 1e-12), msg + ": " + m.inertia());
        Segmentation s = m.assign(t);
        assertEquals(0, s.unassignedCount(), msg);
        for (double[] c : m.centroids()) {
          for (double v : c) {
            assertTrue(Double.isFinite(v), msg);
          }
        }
      } else {
        assertEquals(ModelJson.write(full), ModelJson.write(m), msg);
        sawFull = true;
      }
    }
    assertTrue(sawFull, "seed " + seed + ": a late enough check lets the fit finish");
  }

  @Test
  void cancelledModelRoundTripsThroughJson() {
    AccountTable t = blobs(8, 2000);
    KMeansModel m = kmeans(5).fit(t, criteria(), FitLimits.none().cancelWhen(firesAt(12)));
    assertEquals(FitStatus.CANCELLED, m.status());
    KMeansModel back = ModelJson.readKMeansModel(ModelJson.write(m));
    assertEquals(m, back, "status is not part of equals");
    assertEquals(back.converged() ? FitStatus.CONVERGED : FitStatus.MAX_ITERATIONS, back.status(),
        "read models derive it from converged");
    assertEquals(FitStatus.CANCELLED, m.withSegmentNames(
        java.util.List.of("a", "b", "c", "d", "e")).status());
  }

  @Test
  void kSelectionWithoutFiringLimitsIsUnchanged() {
    AccountTable t = blobs(9, 800);
    KSelection sel = KSelection.builder().kmeans(kmeans(2)).range(2, 5).build();
    KSelection.Result plain = sel.run(t, criteria());
    KSelection.Result limited = sel.run(t, criteria(), FitLimits.timeLimit(Duration.ofHours(1)));
    assertEquals(plain.toString(), limited.toString());
    assertTrue(limited.stoppedBy().isEmpty());
  }

  @Test
  void kSelectionStoppedMidRangeKeepsTheFinishedK() {
    AccountTable t = blobs(10, 800);
    KSelection sel = KSelection.builder().kmeans(kmeans(2)).range(2, 6).build();
    KSelection.Result full = sel.run(t, criteria());
    boolean sawPartial = false;
    for (int n = 1; n <= 300; n++) {
      String msg = "stop at poll " + n;
      KSelection.Result r;
      try {
        r = sel.run(t, criteria(), FitLimits.none().cancelWhen(firesAt(n)));
      } catch (FitStoppedException e) {
        assertFalse(sawPartial, msg + ": once a k finished, no exception");
        assertEquals(FitStatus.CANCELLED, e.status(), msg);
        continue;
      }
      if (r.stoppedBy().isEmpty()) {
        assertEquals(full.toString(), r.toString(), msg);
        break;
      }
      sawPartial = true;
      assertEquals(FitStatus.CANCELLED, r.stoppedBy().get(), msg);
      assertTrue(r.rows().size() < 5, msg);
      for (int q = 0; q < r.rows().size(); q++) {
        assertEquals(full.rows().get(q), r.rows().get(q), msg + ": finished k are scored as in full");
      }
      int suggested = r.suggestedK();
      assertTrue(r.rows().stream().anyMatch(row -> row.k() == suggested), msg);
      assertTrue(r.toString().contains("stopped early: CANCELLED"), msg);
    }
    assertTrue(sawPartial, "some poll stops the selection after a finished k");
  }

  @Test
  void kSelectionOnAnInterruptedThreadThrowsAndKeepsTheFlag() {
    AccountTable t = blobs(11, 300);
    Thread.currentThread().interrupt();
    FitStoppedException e = assertThrows(FitStoppedException.class,
        () -> KSelection.builder().kmeans(kmeans(2)).range(2, 4).build().run(t, criteria()));
    assertEquals(FitStatus.CANCELLED, e.status());
    assertTrue(Thread.interrupted());
  }
}
