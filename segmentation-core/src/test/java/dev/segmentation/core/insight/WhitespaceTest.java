package dev.segmentation.core.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.criteria.FeatureMatrix;
import dev.segmentation.core.criteria.FittedCriteria;
import dev.segmentation.testing.Gen;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WhitespaceTest {

  static LongStream seeds() {
    return Gen.seeds(60);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void whitespaceIsNeverNegativeAndOverPotentialIsFlagged(long seed) {
    Gen g = new Gen(seed);
    AccountTable t = InsightFixtures.accounts(g, g.intBetween(1, 60), 0.15);
    WhitespaceReport r = Whitespace.builder().revenue("revenue").potential("potential").build()
        .compute(t);
    double[] rev = t.numeric("revenue").toArray();
    double[] pot = t.numeric("potential").toArray();
    int over = 0;
    int missing = 0;
    for (int i = 0; i < t.rowCount(); i++) {
      AccountWhitespace a = r.account(i);
      if (Double.isNaN(rev[i]) || Double.isNaN(pot[i])) {
        assertTrue(Double.isNaN(a.whitespace()), "seed " + seed + ": unknown whitespace");
        assertFalse(a.note().isEmpty(), "seed " + seed + ": note says what is missing");
        missing++;
        continue;
      }
      assertTrue(a.whitespace() >= 0, "seed " + seed + ": whitespace never negative");
      assertEquals(Math.max(0, pot[i] - rev[i]), a.whitespace(), "seed " + seed + ": definition");
      assertEquals(rev[i] > pot[i], a.overPotential(), "seed " + seed + ": over-potential flag");
      over += rev[i] > pot[i] ? 1 : 0;
    }
    assertEquals(over, r.overPotentialCount(), "seed " + seed + ": over-potential count");
    assertEquals(missing, r.missingCount(), "seed " + seed + ": missing count");
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void crossSellFollowsItsDefinitionWithNearestPeers(long seed) {
    Gen g = new Gen(seed);
    int n = g.intBetween(1, 50);
    AccountTable t = InsightFixtures.accounts(g, n, 0.1);
    FittedCriteria fitted = InsightFixtures.criteria(t);
    int k = g.intBetween(1, 6);
    WhitespaceReport r = Whitespace.builder().revenue("revenue").potential("potential")
        .productLines(InsightFixtures.LINES).nearestPeers(fitted, k).build().compute(t);
    FeatureMatrix x = fitted.transform(t);
    for (int i = 0; i < n; i++) {
      AccountWhitespace a = r.account(i);
      if (!x.isComplete(i)) {
        assertEquals(0, a.peers(), "seed " + seed + ": no features, no peers");
        assertTrue(a.crossSell().isEmpty() && a.note().contains("no peers"),
            "seed " + seed + ": explicit note, was " + a.note());
        continue;
      }
      // brute force: k nearest complete accounts other than i, ties by lowest row
      List<double[]> cand = new ArrayList<>();
      for (int q = 0; q < n; q++) {
        if (q != i && x.isComplete(q)) {
          double d = 0;
          for (int j = 0; j < x.columnCount(); j++) {
            double diff = x.get(q, j) - x.get(i, j);
            d += diff * diff;
          }
          cand.add(new double[] {d, q});
        }
      }
      cand.sort(Comparator.<double[]>comparingDouble(v -> v[0]).thenComparingDouble(v -> v[1]));
      int pc = Math.min(k, cand.size());
      assertEquals(pc, a.peers(), "seed " + seed + ": peer count");
      for (String line : InsightFixtures.LINES) {
        double[] spend = t.numeric(line).toArray();
        CrossSell c = a.crossSell().stream().filter(cs -> cs.productLine().equals(line))
            .findFirst().orElse(null);
        List<Double> buyers = new ArrayList<>();
        for (int p = 0; p < pc; p++) {
          double v = spend[(int) cand.get(p)[1]];
          if (v > 0) {
            buyers.add(v);
          }
        }
        if (spend[i] > 0 || buyers.isEmpty()) {
          assertEquals(null, c, "seed " + seed + ": no cross-sell of " + line);
          continue;
        }
        buyers.sort(null);
        int b = buyers.size();
        double med = b % 2 == 1 ? buyers.get(b / 2) : 0.5 * (buyers.get(b / 2 - 1) + buyers.get(b / 2));
        assertTrue(c != null, "seed " + seed + ": cross-sell of " + line);
        assertEquals(b, c.buyingPeers(), "seed " + seed + ": buying peers");
        assertEquals((double) b / pc, c.peerShare(), "seed " + seed + ": share");
        assertEquals(med, c.medianSpend(), 1e-9, "seed " + seed + ": median spend");
        assertEquals(c.peerShare() * c.medianSpend(), c.expectedValue(), "seed " + seed);
      }
      for (int j = 1; j < a.crossSell().size(); j++) {
        assertTrue(a.crossSell().get(j).expectedValue() <= a.crossSell().get(j - 1).expectedValue(),
            "seed " + seed + ": cross-sell by decreasing expected value");
      }
    }
  }

  @Test
  void segmentPeersAndThreadIndependence() {
    Gen g = new Gen(11);
    AccountTable t = InsightFixtures.accounts(g, 40, 0.0);
    Segmentation seg = InsightFixtures.segmentation(t);
    WhitespaceReport r = Whitespace.builder().revenue("revenue").potential("potential")
        .productLines("software").segmentPeers(seg).build().compute(t);
    assertEquals(9, r.account(0).peers(), "segment A has rows 0, 4, .., 36: 10 accounts");
    assertEquals("no peers: no segment", r.account(3).note(), "unassigned account");
    FittedCriteria fitted = InsightFixtures.criteria(t);
    Whitespace.Builder b = Whitespace.builder().revenue("revenue").potential("potential")
        .productLines(InsightFixtures.LINES).nearestPeers(fitted, 5);
    assertEquals(b.build().compute(t), b.parallelism(2).build().compute(t), "1 vs 2 threads");
    assertTrue(r.toString().startsWith("WhitespaceReport: 40 accounts"), r.toString());
  }

  @Test
  void validatesConfiguration() {
    assertThrows(IllegalStateException.class,
        () -> Whitespace.builder().revenue("revenue").productLines("a").build());
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Whitespace.builder().revenue("r").potential("p").productLines("a").build());
    assertTrue(e.getMessage().contains("needs peers"), e.getMessage());
    AccountTable t = InsightFixtures.accounts(new Gen(1), 3, 0);
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> Whitespace.builder().revenue("revenu").potential("potential").build().compute(t));
    assertTrue(bad.getMessage().startsWith("Unknown revenue column 'revenu'; numeric columns are:"),
        bad.getMessage());
  }
}
