package dev.segmentation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.cli.spec.ModelSpec;
import dev.segmentation.cli.spec.SegmentationSpec;
import dev.segmentation.cli.spec.SpecJson;
import dev.segmentation.core.ModelFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Reading and writing "segmentation-spec" documents. */
class SpecJsonTest {

  private static String resource(String name) throws IOException {
    try (InputStream in = SpecJsonTest.class.getResourceAsStream("/small/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"kselect-spec.json", "kmeans-spec.json", "quantile-spec.json",
      "abc-spec.json", "rule-spec.json"})
  void writeReadWriteIsStable(String name) throws IOException {
    SegmentationSpec spec = SpecJson.read(resource(name));
    String once = SpecJson.write(spec);
    SegmentationSpec again = SpecJson.read(once);
    assertEquals(once, SpecJson.write(again), "write(read(write(spec))) of " + name);
    assertEquals(spec.model().type(), again.model().type(), "model type of " + name);
    assertEquals(spec.criteria(), again.criteria(), "criteria of " + name);
    assertTrue(once.startsWith("{\n  \"schemaVersion\": 1,\n  \"kind\": \"segmentation-spec\","),
        once);
  }

  @Test
  void defaultsAreTheLibraryDefaults() throws IOException {
    ModelSpec.KMeansSpec k = assertInstanceOf(ModelSpec.KMeansSpec.class,
        SpecJson.read(resource("kselect-spec.json")).model());
    assertEquals(2, k.minK(), "from");
    assertEquals(4, k.maxK(), "to");
    assertTrue(k.selectK(), "kRange selects k");
    assertEquals(10, k.kmeans().restarts(), "restarts");
    assertEquals(300, k.kmeans().maxIterations(), "maxIterations");
    assertEquals(7L, k.kmeans().seed(), "seed");
    ModelSpec.AbcSpec a = assertInstanceOf(ModelSpec.AbcSpec.class,
        SpecJson.read("{\"schemaVersion\": 1, \"kind\": \"segmentation-spec\", \"model\": "
            + "{\"type\": \"abc\", \"column\": \"revenue\"}}").model());
    assertEquals(0.8, a.thresholds()[0], 0.0, "default first threshold");
    assertEquals(0.95, a.thresholds()[1], 0.0, "default second threshold");
  }

  @Test
  void errorsCarryTheJsonPath() {
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> SpecJson.read(
        "{\"schemaVersion\": 1, \"kind\": \"segmentation-spec\", \"model\": "
            + "{\"type\": \"kmeans\", \"clusters\": 2, \"kRange\": {\"from\": 2, \"to\": 3}}}"));
    assertEquals("$.criteria", e.jsonPath().orElseThrow(), e.getMessage());
    e = assertThrows(ModelFormatException.class, () -> SpecJson.read(
        "{\"schemaVersion\": 1, \"kind\": \"segmentation-spec\", \"model\": "
            + "{\"type\": \"quantile\", \"column\": \"x\", \"bins\": 1}}"));
    assertEquals("$.model.bins", e.jsonPath().orElseThrow(), e.getMessage());
    e = assertThrows(ModelFormatException.class, () -> SpecJson.read(
        "{\"schemaVersion\": 1, \"kind\": \"segmentation-spec\", \"model\": "
            + "{\"type\": \"quantile\", \"column\": \"x\", \"bins\": 4, \"method\": \"TYPE_10\"}}"));
    assertEquals("$.model.method", e.jsonPath().orElseThrow(), e.getMessage());
    assertTrue(e.getMessage().contains("TYPE_7"), "lists the valid values: " + e.getMessage());
    e = assertThrows(ModelFormatException.class, () -> SpecJson.read(
        "{\"schemaVersion\": 1, \"kind\": \"segmentation-spec\", \"model\": {\"type\": \"abc\", "
            + "\"column\": \"x\"}, \"model\": {}}"));
    assertTrue(e.getMessage().contains("Duplicate field 'model'"), e.getMessage());
  }
}
