package dev.segmentation.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Criteria;
import dev.segmentation.core.criteria.FeatureMatrix;
import dev.segmentation.core.table.CsvOptions;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.JDKRandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * k-means quality on the bundled UCI wholesale data (440 clients, six spend columns, log1p then z-score).
 *
 * <p>The issue asks to be at least as good as scikit-learn's {@code KMeans(n_init=100)}; scikit-learn
 * cannot be installed on the build machines (no PyPI), so the in-JVM oracle is commons-math3's
 * {@code KMeansPlusPlusClusterer}: the best of 100 of its runs. Our figures are recorded below.
 */
class KMeansWholesaleTest {

  private static final String[] SPEND = {
    "Fresh", "Milk", "Grocery", "Frozen", "Detergents_Paper", "Delicassen"
  };

  /** Best inertia of 100 restarts with seed 42 for k = 3, 5, 8 (recorded from this test's first run). */
  private static final double[] RECORDED = {1553.3395380406255, 1266.1493615004904, 1022.7860391104704};
  // Same run: best of 100 commons-math3 runs = 1553.3395380406255 (k=3), 1266.14936150049 (k=5),
  // 1024.011512808785 (k=8): equal for k = 3 and 5, 0.12% worse than ours for k = 8.

  static AccountTable wholesale() throws URISyntaxException {
    Path p = Path.of(KMeansWholesaleTest.class.getResource("/data/wholesale_customers.csv").toURI());
    return AccountTable.readCsv(p, CsvOptions.defaults());
  }

  static Criteria spendCriteria() {
    Criteria.Steps b = Criteria.builder();
    for (String s : SPEND) {
      b = b.numeric(s).log1p().standardize();
    }
    return b.build();
  }

  @Test
  void atLeastAsGoodAsTheBestOf100CommonsMathRuns() throws URISyntaxException {
    AccountTable w = wholesale();
    Criteria c = spendCriteria();
    FeatureMatrix fm = c.fit(w).transform(w);
    List<DoublePoint> points = new ArrayList<>();
    for (int i = 0; i < fm.rowCount(); i++) {
      points.add(new DoublePoint(fm.row(i)));
    }
    int[] ks = {3, 5, 8};
    for (int q = 0; q < ks.length; q++) {
      int k = ks[q];
      KMeansModel ours = KMeans.builder().clusters(k).restarts(100).seed(42L).build().fit(w, c);
      double bestOracle = Double.POSITIVE_INFINITY;
      for (int run = 0; run < 100; run++) {
        JDKRandomGenerator rng = new JDKRandomGenerator();
        rng.setSeed(run);
        KMeansPlusPlusClusterer<DoublePoint> cm =
            new KMeansPlusPlusClusterer<>(k, 1000, new EuclideanDistance(), rng);
        bestOracle = Math.min(bestOracle, inertia(cm.cluster(points), fm));
      }
      assertTrue(ours.inertia() <= bestOracle * (1 + 1e-9),
          "k=" + k + ": ours " + ours.inertia() + " vs best of 100 commons-math3 runs " + bestOracle);
      assertEquals(RECORDED[q], ours.inertia(), 1e-9 * RECORDED[q], "recorded inertia for k=" + k);
      assertTrue(ours.converged(), "converged for k=" + k);
    }
  }

  /** Inertia of the oracle's centroids with every point at its nearest centroid. */
  private static double inertia(List<CentroidCluster<DoublePoint>> clusters, FeatureMatrix fm) {
    double total = 0;
    for (int i = 0; i < fm.rowCount(); i++) {
      double[] x = fm.row(i);
      double best = Double.POSITIVE_INFINITY;
      for (CentroidCluster<DoublePoint> cl : clusters) {
        double[] c = cl.getCenter().getPoint();
        double s = 0;
        for (int t = 0; t < x.length; t++) {
          s += (x[t] - c[t]) * (x[t] - c[t]);
        }
        best = Math.min(best, s);
      }
      total += best;
    }
    return total;
  }
}
