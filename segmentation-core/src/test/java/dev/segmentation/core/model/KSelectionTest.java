package dev.segmentation.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Criteria;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.table.NumericColumn;
import dev.segmentation.testing.Gen;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class KSelectionTest {

  @Test
  void irisScoresMatchScikitLearn() throws IOException {
    KSelection.Result r = KSelection.builder()
        .kmeans(KMeans.builder().clusters(2).restarts(10).seed(5L).build())
        .range(2, 5)
        .build()
        .run(KMeansTest.iris(), KMeansTest.rawIris());
    // scikit-learn 1.x on load_iris().data:
    //   KMeans(2, n_init=10).fit(X).inertia_ = 152.3479517603579
    //   silhouette_score(X, KMeans(2).fit_predict(X)) = 0.6810461692117462
    //   silhouette_score(X, KMeans(3).fit_predict(X)) = 0.5528190123564095
    KSelection.Row k2 = r.rows().get(0);
    KSelection.Row k3 = r.rows().get(1);
    assertEquals(152.3479517603579, k2.inertia(), 1e-6 * 152.35, "iris k=2 inertia");
    assertEquals(78.85144142614601, k3.inertia(), 1e-6 * 78.85, "iris k=3 inertia");
    assertEquals(0.6810461692117462, k2.silhouette(), 1e-9, "iris k=2 silhouette");
    assertEquals(0.5528190123564095, k3.silhouette(), 1e-9, "iris k=3 silhouette");
    assertEquals(2, r.suggestedK(), "iris: highest silhouette at k=2");
    assertEquals(4, r.rows().size(), "one row per k");
    assertTrue(r.toString().contains("<- suggested"), r.toString());
    for (int q = 1; q < r.rows().size(); q++) {
      assertTrue(r.rows().get(q).inertia() <= r.rows().get(q - 1).inertia() * (1 + 1e-9),
          "best inertia decreases with k");
    }
    assertEquals(3, r.model(3).clusters(), "model for k=3 is kept");
  }

  @Test
  void separatedBlobsSuggestTheirNumber() {
    Gen g = new Gen(11);
    int n = 400;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      int c = i % 4;
      x[i] = (c % 2) * 100 + g.rng().nextDouble();
      y[i] = (c / 2) * 100 + g.rng().nextDouble();
    }
    AccountTable t = AccountTable.of(g.ids(n), NumericColumn.of("x", x), NumericColumn.of("y", y));
    KSelection.Result r = KSelection.builder()
        .kmeans(KMeans.builder().clusters(2).restarts(5).build())
        .range(2, 7).exactSilhouetteLimit(100).build()
        .run(t, Criteria.builder().numeric("x").numeric("y").build());
    assertTrue(r.sampled(), "400 accounts above the exact limit of 100: sampled silhouette");
    assertEquals(4, r.suggestedK(), "four separated blobs:\n" + r);
  }

  @Test
  void rangeMustLeaveRoomForTheSilhouette() {
    AccountTable t = AccountTable.of(new String[] {"a", "b", "c"},
        NumericColumn.of("x", new double[] {1, 2, 3}));
    KSelection s = KSelection.builder().kmeans(KMeans.builder().clusters(2).build()).range(2, 3).build();
    assertThrows(DataValidationException.class,
        () -> s.run(t, Criteria.builder().numeric("x").build()));
    assertThrows(IllegalArgumentException.class, () -> KSelection.builder().range(1, 3));
    assertThrows(IllegalStateException.class, () -> KSelection.builder().build());
  }
}
