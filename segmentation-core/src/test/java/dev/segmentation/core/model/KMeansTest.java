package dev.segmentation.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Criteria;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.Segmentation;
import dev.segmentation.core.UnassignedReason;
import dev.segmentation.core.criteria.MissingPolicy;
import dev.segmentation.core.table.Column;
import dev.segmentation.core.table.NumericColumn;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KMeansTest {

  static AccountTable iris() throws IOException {
    List<double[]> rows = new ArrayList<>();
    try (InputStream in = KMeansTest.class.getResourceAsStream("/data/iris.csv")) {
      String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
      for (int i = 1; i < lines.length; i++) {
        String[] p = lines[i].split(",");
        rows.add(new double[] {
          Double.parseDouble(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]),
          Double.parseDouble(p[3])
        });
      }
    }
    String[] names = {"sepal_length", "sepal_width", "petal_length", "petal_width"};
    Column[] cols = new Column[4];
    for (int j = 0; j < 4; j++) {
      double[] v = new double[rows.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = rows.get(i)[j];
      }
      cols[j] = NumericColumn.of(names[j], v);
    }
    String[] ids = new String[rows.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = Integer.toString(i + 1);
    }
    return AccountTable.of(ids, cols);
  }

  static Criteria rawIris() {
    return Criteria.builder()
        .numeric("sepal_length").numeric("sepal_width").numeric("petal_length").numeric("petal_width")
        .build();
  }

  @Test
  void irisInertiaMatchesScikitLearnAndR() throws IOException {
    AccountTable iris = iris();
    for (KMeansInit init : KMeansInit.values()) {
      if (init == KMeansInit.GIVEN) {
        continue;
      }
      KMeansModel m = KMeans.builder().clusters(3).restarts(10).init(init).seed(1L).build()
          .fit(iris, rawIris());
      assertEquals(78.85144142614601, m.inertia(), 78.85144142614601 * 1e-6,
          "iris k=3 inertia with init " + init);
      assertTrue(m.converged(), "iris run converged with init " + init);
      int[] sizes = m.clusterSizes();
      java.util.Arrays.sort(sizes);
      assertArrayEquals(new int[] {38, 50, 62}, sizes, "iris cluster sizes with init " + init);
    }
  }

  @Test
  void modelLabelsAreTheNearestCentroidsAndEveryAccountIsAssigned() throws IOException {
    AccountTable iris = iris();
    KMeansModel m = KMeans.builder().clusters(4).restarts(3).maxIterations(2).seed(7L).build()
        .fit(iris, rawIris());
    Segmentation seg = m.assign(iris);
    double[][] c = m.centroids();
    double total = 0;
    for (int i = 0; i < iris.rowCount(); i++) {
      int s = seg.segmentIndex(i);
      assertTrue(s >= 0 && s < 4, "label in [0, k) for row " + i);
      double[] x = {
        iris.numeric("sepal_length").get(i), iris.numeric("sepal_width").get(i),
        iris.numeric("petal_length").get(i), iris.numeric("petal_width").get(i)
      };
      double best = Double.POSITIVE_INFINITY;
      int arg = -1;
      for (int j = 0; j < 4; j++) {
        double dd = 0;
        for (int t = 0; t < 4; t++) {
          dd += (x[t] - c[j][t]) * (x[t] - c[j][t]);
        }
        if (dd < best) {
          best = dd;
          arg = j;
        }
      }
      assertEquals(arg, s, "label of row " + i + " is its nearest centroid (even at iteration limit)");
      total += best;
    }
    assertEquals(m.inertia(), total, 1e-9 * total, "reported inertia equals recomputed inertia");
    int[] sizes = m.clusterSizes();
    assertArrayEquals(seg.counts(), sizes, "cluster sizes equal training assignment counts");
  }

  @Test
  void kEqualsNGivesZeroInertia() {
    AccountTable t = AccountTable.of(new String[] {"a", "b", "c", "d"},
        NumericColumn.of("x", new double[] {1, 2, 4, 8}), NumericColumn.of("y", new double[] {0, 1, 0, 1}));
    Criteria c = Criteria.builder().numeric("x").numeric("y").build();
    KMeansModel m = KMeans.builder().clusters(4).restarts(2).build().fit(t, c);
    assertEquals(0.0, m.inertia(), "k = n gives inertia 0");
    assertEquals(4, java.util.Arrays.stream(m.assign(t).segmentIndices()).distinct().count(),
        "k = n puts every account in its own cluster");
  }

  @Test
  void moreClustersThanDistinctPointsIsAClearError() {
    AccountTable t = AccountTable.of(new String[] {"a", "b", "c", "d", "e"},
        NumericColumn.of("x", new double[] {1, 1, 2, 2, 2}));
    Criteria c = Criteria.builder().numeric("x").build();
    DataValidationException e = assertThrows(DataValidationException.class,
        () -> KMeans.builder().clusters(3).build().fit(t, c));
    assertTrue(e.getMessage().contains("only 2 distinct feature rows"), e.getMessage());
    KMeansModel ok = KMeans.builder().clusters(2).build().fit(t, c);
    assertEquals(0.0, ok.inertia(), "k = number of distinct points gives inertia 0");
    DataValidationException tooMany = assertThrows(DataValidationException.class,
        () -> KMeans.builder().clusters(6).build().fit(t, c));
    assertEquals("KMeans.clusters must be between 1 and the number of accounts (5), was 6.",
        tooMany.getMessage());
  }

  @Test
  void emptyClusterIsRepairedWithoutNaN() {
    AccountTable t = AccountTable.of(new String[] {"a", "b", "c", "d", "e", "f"},
        NumericColumn.of("x", new double[] {0, 0.1, 0.2, 10, 10.1, 10.2}));
    Criteria c = Criteria.builder().numeric("x").build();
    KMeansModel m = KMeans.builder().initialCentroids(new double[][] {{5}, {1000}, {-1000}})
        .build().fit(t, c);
    for (double[] row : m.centroids()) {
      assertTrue(Double.isFinite(row[0]), "centroids are finite after empty-cluster repair");
    }
    for (int s : m.clusterSizes()) {
      assertTrue(s > 0, "no cluster is left empty when a repair is possible");
    }
  }

  @Test
  void accountsWithoutFeaturesAreUnassignedWithTheirReason() {
    AccountTable t = AccountTable.of(new String[] {"a", "b", "c", "d", "e"},
        NumericColumn.of("x", new double[] {0, 1, Double.NaN, 10, 11}));
    Criteria c = Criteria.builder().numeric("x").ifMissing(MissingPolicy.MARK_UNASSIGNED).build();
    KMeansModel m = KMeans.builder().clusters(2).build().fit(t, c);
    Segmentation seg = m.assign(t);
    assertEquals(1, seg.unassignedCount(), "one account without features");
    assertEquals(UnassignedReason.MISSING_VALUE, seg.assignment(2).unassignedReason().orElseThrow(),
        "reason of the account without features");
    assertEquals(4, m.clusterSizes()[0] + m.clusterSizes()[1], "training used the 4 complete accounts");
  }

  @Test
  void defaultNamesDescribeDeviationsAndCanBeRenamed() throws IOException {
    KMeansModel m = KMeans.builder().clusters(3).seed(3L).build().fit(iris(), rawIris());
    for (Segment s : m.segments()) {
      assertFalse(s.name().isBlank(), "segment has a name");
      assertTrue(s.name().matches("(average|(high|low) [a-z_]+(, (high|low) [a-z_]+)?)( #\\d)?"),
          "default name shape: " + s.name());
    }
    KMeansModel renamed = m.withSegmentNames(List.of("Small", "Medium", "Large"));
    assertEquals("Medium", renamed.segments().get(1).name(), "renamed segment");
    assertEquals(m.segments().get(1).id(), renamed.segments().get(1).id(), "ids survive renaming");
  }

  @Test
  void configurationToStringListsEveryParameter() {
    KMeans k = KMeans.builder().clusters(5).restarts(10).maxIterations(300).seed(42L)
        .parallelism(2).build();
    assertEquals("KMeans[clusters=5, restarts=10, maxIterations=300, tolerance=0.0, seed=42, "
        + "init=K_MEANS_PLUS_PLUS, algorithm=HAMERLY, weights=none, parallelism=2]", k.toString());
    assertThrows(IllegalStateException.class, () -> KMeans.builder().build(), "clusters required");
    assertThrows(IllegalArgumentException.class, () -> KMeans.builder().clusters(0));
  }
}
