package dev.segmentation.core.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.criteria.FeatureMatrix;
import dev.segmentation.core.criteria.FittedCriteria;
import dev.segmentation.core.json.InsightJson;
import dev.segmentation.core.table.NumericColumn;
import dev.segmentation.testing.Gen;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LookalikeTest {

  static LongStream seeds() {
    return Gen.seeds(80);
  }

  private static ReferenceSet everyThird() {
    return ReferenceSet.where("every third account", row -> row.index() % 3 == 0);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void scoresAreBoundedMonotoneAndReferenceScoresTop(long seed) {
    Gen g = new Gen(seed);
    int n = g.pick(1, 2, 3, g.intBetween(4, 30), g.intBetween(30, 300));
    AccountTable t = InsightFixtures.accounts(g, n, 0.15);
    FittedCriteria fitted = InsightFixtures.criteria(t);
    LookalikeScores s = Lookalike.builder(fitted).reference(everyThird()).build().score(t);
    FeatureMatrix x = fitted.transform(t);
    assertEquals(n, s.size(), "seed " + seed + ": one score per account");
    List<double[]> scored = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      LookalikeScore one = s.score(i);
      assertEquals(t.id(i), one.accountId(), "seed " + seed + ": table order");
      if (!x.isComplete(i)) {
        assertFalse(one.isScored(), "seed " + seed + ": account without features is not scored");
        assertTrue(one.reason().startsWith("MISSING_VALUE: criterion 'f1'"),
            "seed " + seed + ": explicit reason, was " + one.reason());
        continue;
      }
      assertTrue(one.score() >= 0 && one.score() <= 100,
          "seed " + seed + ": score in [0, 100], was " + one.score());
      if (i % 3 == 0) {
        assertEquals(100.0, one.score(), "seed " + seed + ": reference account " + t.id(i)
            + " scores exactly 100");
        assertEquals(0.0, one.distance(), "seed " + seed + ": reference account distance");
      }
      double shares = 0;
      for (ScoreDriver d : one.drivers()) {
        shares += d.share();
      }
      assertTrue(one.drivers().size() <= 3 && shares <= 1 + 1e-12,
          "seed " + seed + ": at most 3 drivers sharing at most the whole distance");
      scored.add(new double[] {one.distance(), one.score()});
    }
    scored.sort(Comparator.comparingDouble(v -> v[0]));
    for (int k = 1; k < scored.size(); k++) {
      assertTrue(scored.get(k)[1] <= scored.get(k - 1)[1],
          "seed " + seed + ": farther never scores higher");
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void distanceIsBruteForceNearestReferenceDistance(long seed) {
    Gen g = new Gen(seed);
    int n = g.intBetween(1, 120);
    AccountTable t = InsightFixtures.accounts(g, n, 0.1);
    FittedCriteria fitted = InsightFixtures.criteria(t);
    LookalikeScores s = Lookalike.builder(fitted).reference(everyThird()).build().score(t);
    FeatureMatrix x = fitted.transform(t);
    double[] loo = new double[n];
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (!x.isComplete(i)) {
        continue;
      }
      double best = Double.POSITIVE_INFINITY;
      double bestLoo = Double.POSITIVE_INFINITY;
      for (int r = 0; r < n; r += 3) {
        if (x.isComplete(r)) {
          double d = 0;
          for (int j = 0; j < x.columnCount(); j++) {
            double diff = x.get(r, j) - x.get(i, j);
            d += diff * diff;
          }
          best = Math.min(best, d);
          if (r != i) {
            bestLoo = Math.min(bestLoo, d);
          }
        }
      }
      assertEquals(Math.sqrt(best), s.score(i).distance(), "seed " + seed + " account " + i);
      if (i % 3 == 0 && bestLoo < Double.POSITIVE_INFINITY) {
        loo[m++] = Math.sqrt(bestLoo);
      }
    }
    Arrays.sort(loo, 0, m);
    double d50 = m == 0 ? 0 : (m % 2 == 1 ? loo[m / 2] : 0.5 * (loo[m / 2 - 1] + loo[m / 2]));
    assertEquals(d50, s.medianReferenceDistance(), 1e-12 * (1 + d50),
        "seed " + seed + ": d50 = median leave-one-out distance");
    assertTrue(s.halfDistance() > 0, "seed " + seed + ": half distance positive");
  }

  @Test
  void identicalForAnyThreadCount() {
    Gen g = new Gen(7);
    AccountTable t = InsightFixtures.accounts(g, 9_000, 0.05);
    FittedCriteria fitted = InsightFixtures.criteria(t);
    LookalikeScores one = Lookalike.builder(fitted).reference(everyThird()).build().score(t);
    LookalikeScores three =
        Lookalike.builder(fitted).reference(everyThird()).parallelism(3).build().score(t);
    assertEquals(one, three, "scores with 1 and 3 threads");
    assertTrue(Arrays.equals(one.scores(), three.scores()), "score arrays with 1 and 3 threads");
  }

  @Test
  void calibrationAndExplanationOnAHandExample() {
    // one numeric criterion x (no transform, weight 1) and region one-hot
    AccountTable t = AccountTable.builder()
        .numeric("x").numeric("revenue").categorical("region")
        .addRow("r1", 0.0, 100.0, "N")
        .addRow("r2", 1.0, 90.0, "N")
        .addRow("r3", 3.0, 80.0, "N")
        .addRow("p1", 1.0, 1.0, "N")      // distance 0 to r2
        .addRow("p2", 5.0, 1.0, "N")      // distance 2 to r3
        .addRow("p3", 0.0, 1.0, "S")      // distance sqrt(2) to r1, all from region
        .build();
    FittedCriteria fitted = dev.segmentation.core.Criteria.builder()
        .numeric("x").categorical("region").build().fit(t);
    LookalikeScores s = Lookalike.builder(fitted)
        .reference(ReferenceSet.topFraction("revenue", 0.5)).build().score(t);
    assertEquals("top 50% by revenue", s.referenceDescription(), "description");
    assertEquals(3, s.referenceCount(), "top half of 6 accounts");
    // leave-one-out distances 1, 1, 2 -> d50 = 1, h = 1
    assertEquals(1.0, s.medianReferenceDistance(), "d50");
    assertEquals(1.0, s.halfDistance(), "h");
    assertEquals(100.0, s.score(3).score(), "p1 on a reference account");
    assertEquals(50.0, s.score(4).score(), 1e-12, "p2: one h beyond d50 halves the score");
    assertEquals("r3", s.score(4).nearestReferenceId(), "p2 nearest reference");
    assertEquals(100 * Math.pow(2, -(Math.sqrt(2) - 1)), s.score(5).score(), 1e-12, "p3");
    ScoreDriver top = s.score(5).drivers().get(0);
    assertEquals("region", top.criterion(), "p3 is pulled down by region (one-hot grouped)");
    assertEquals(2.0, top.squaredDistance(), 1e-12, "both region columns differ");
    assertEquals(1.0, top.share(), 1e-12, "region is the whole distance");
    assertEquals(1, s.score(5).drivers().size(), "criteria without contribution are not drivers");
    assertTrue(s.toString().contains("region 100%"), "toString shows the drivers:\n" + s);
  }

  @Test
  void scoresProspectsAgainstAnotherTableAndRejectsEmptyReference() {
    Gen g = new Gen(3);
    AccountTable customers = InsightFixtures.accounts(g, 50, 0.0);
    AccountTable prospects = InsightFixtures.accounts(g, 20, 0.0);
    FittedCriteria fitted = InsightFixtures.criteria(customers);
    Lookalike l = Lookalike.builder(fitted).reference(ReferenceSet.topFraction("revenue", 0.1))
        .build();
    LookalikeScores s = l.score(prospects, customers);
    assertEquals(20, s.size(), "one score per prospect");
    assertEquals(5, s.referenceCount(), "top decile of 50 customers");
    Lookalike none = Lookalike.builder(fitted)
        .reference(ReferenceSet.ids(List.of("no-such-id"))).build();
    DataValidationException e =
        assertThrows(DataValidationException.class, () -> none.score(customers));
    assertTrue(e.getMessage().contains("at least one reference account"), e.getMessage());
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void jsonRoundTripIsExact(long seed) {
    Gen g = new Gen(seed);
    AccountTable t = InsightFixtures.accounts(g, g.intBetween(1, 40), 0.2);
    FittedCriteria fitted = InsightFixtures.criteria(t);
    LookalikeScores s = Lookalike.builder(fitted).reference(everyThird()).build().score(t);
    String json = InsightJson.write(s);
    LookalikeScores back = InsightJson.readLookalikeScores(json);
    assertEquals(s, back, "seed " + seed + ": JSON round trip");
    assertEquals(json, InsightJson.write(back), "seed " + seed + ": same bytes when re-written");
  }

  @Test
  void topFractionCountsExactlyAndBreaksTiesById() {
    AccountTable t = AccountTable.of(new String[] {"d", "c", "b", "a", "e"},
        NumericColumn.of("revenue", new double[] {5, 5, 5, Double.NaN, 1}));
    boolean[] top = ReferenceSet.topFraction("revenue", 0.5).resolve(t);
    // 4 accounts with a value -> 2; the tie at 5 goes to ids b and c
    assertTrue(Arrays.equals(new boolean[] {false, true, true, false, false}, top),
        Arrays.toString(top));
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void topFractionMatchesSortByValueThenId(long seed) {
    Gen g = new Gen(seed);
    int n = g.intBetween(0, 60);
    AccountTable t = InsightFixtures.accounts(g, n, 0.2);
    double q = g.pick(0.01, 0.1, 0.25, 0.5, 1.0, g.rng().nextDouble() + 1e-3);
    q = Math.min(q, 1.0);
    boolean[] got = ReferenceSet.topFraction("response", q).resolve(t);
    double[] v = t.numeric("response").toArray();
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (!Double.isNaN(v[i])) {
        rows.add(i);
      }
    }
    rows.sort((a, b) -> v[a] != v[b] ? Double.compare(v[b], v[a]) : t.id(a).compareTo(t.id(b)));
    int keep = (int) Math.ceil(q * rows.size() - 1e-9);
    boolean[] expected = new boolean[n];
    for (int k = 0; k < keep; k++) {
      expected[rows.get(k)] = true;
    }
    assertTrue(Arrays.equals(expected, got), "seed " + seed + ": top " + q + " by response");
  }
}
