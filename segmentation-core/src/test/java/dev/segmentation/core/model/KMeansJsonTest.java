package dev.segmentation.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Criteria;
import dev.segmentation.core.ModelFormatException;
import dev.segmentation.core.criteria.MissingPolicy;
import dev.segmentation.core.json.ModelJson;
import dev.segmentation.testing.Gen;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KMeansJsonTest {

  static LongStream seeds() {
    return Gen.seeds(100);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void loadedModelEqualsSavedAndAssignsExactlyTheSame(long seed) {
    Gen g = new Gen(seed);
    int n = g.intBetween(8, 120);
    AccountTable t = g.spendTable(n, g.intBetween(1, 3), g.intBetween(0, 1), 0.1);
    Criteria.Steps b = Criteria.builder();
    for (String col : t.columnNames()) {
      if (col.startsWith("x")) {
        b = b.numeric(col).log1p().standardize().weight(g.pick(1.0, 2.0, 0.5));
      } else {
        b = b.categorical(col);
      }
    }
    Criteria criteria = b.missing(g.pick(MissingPolicy.MEDIAN, MissingPolicy.MARK_UNASSIGNED)).build();
    KMeansModel model;
    try {
      model = KMeans.builder().clusters(g.intBetween(1, 4)).restarts(2).seed(seed)
          .init(g.pick(KMeansInit.K_MEANS_PLUS_PLUS, KMeansInit.RANDOM)).parallelism(1).build()
          .fit(t, criteria);
    } catch (dev.segmentation.core.DataValidationException e) {
      return; // too few accounts or distinct rows for this k: covered elsewhere
    }
    String json = ModelJson.write(model);
    KMeansModel back = ModelJson.readKMeansModel(json);
    assertEquals(model, back, "JSON round trip gives an equal model, seed " + seed);
    assertEquals(json, ModelJson.write(back), "re-written JSON is identical, seed " + seed);
    assertEquals(model.assign(t), back.assign(t), "loaded model assigns as saved, seed " + seed);
    assertEquals(model, ModelJson.readModel(json), "readModel dispatches on kind, seed " + seed);
    AccountTable other = new Gen(seed + 1000).spendTable(20, 3, 1, 0.1);
    if (other.columnNames().containsAll(t.columnNames())) {
      try {
        assertEquals(model.assign(other), back.assign(other),
            "loaded model assigns new accounts as saved, seed " + seed);
      } catch (dev.segmentation.core.DataValidationException e) {
        // unseen category under the default ERROR policy: the same for both models
        assertThrows(dev.segmentation.core.DataValidationException.class, () -> back.assign(other));
      }
    }
  }

  @Test
  void goldenFileV1() throws IOException {
    KMeansModel fresh = KMeans.builder().clusters(3).restarts(10).seed(42L).build()
        .fit(KMeansTest.iris(), KMeansTest.rawIris());
    String golden;
    try (InputStream in = getClass().getResourceAsStream("/json/v1/kmeans-model.json")) {
      golden = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertEquals(fresh, ModelJson.readKMeansModel(golden), "golden v1 file reads as the fresh model");
    ObjectMapper m = new ObjectMapper();
    assertEquals(m.readTree(golden), m.readTree(ModelJson.write(fresh)),
        "fresh model writes the golden JSON tree");
    assertTrue(golden.contains("\"rng\": \"XO_RO_SHI_RO_128_PP\""), "RNG algorithm is stored");
  }

  @Test
  void badDocumentsNameThePath() throws IOException {
    KMeansModel model = KMeans.builder().clusters(2).seed(1L).build()
        .fit(KMeansTest.iris(), KMeansTest.rawIris());
    String json = ModelJson.write(model);
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> ModelJson.readKMeansModel(json.replace("\"rng\": \"XO_RO_SHI_RO_128_PP\"",
            "\"rng\": \"MT\"")));
    assertEquals("$.settings.rng", e.jsonPath().orElseThrow(), e.getMessage());
    ModelFormatException unknown = assertThrows(ModelFormatException.class,
        () -> ModelJson.readKMeansModel(json.replace("\"inertia\":", "\"foo\": 1, \"inertia\":")));
    assertTrue(unknown.getMessage().contains("foo"), unknown.getMessage());
    ModelFormatException kind = assertThrows(ModelFormatException.class,
        () -> ModelJson.readKMeansModel(json.replace("\"kmeans-model\"", "\"abc-model\"")));
    assertTrue(kind.getMessage().contains("kmeans-model"), kind.getMessage());
  }
}
