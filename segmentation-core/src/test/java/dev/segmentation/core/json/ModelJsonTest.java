package dev.segmentation.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Criteria;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.ModelFormatException;
import dev.segmentation.core.criteria.Criterion;
import dev.segmentation.core.criteria.CriterionKind;
import dev.segmentation.core.criteria.FittedCriteria;
import dev.segmentation.core.criteria.FittedCriterion;
import dev.segmentation.core.criteria.FittedTransform;
import dev.segmentation.core.criteria.MissingPolicy;
import dev.segmentation.core.criteria.QuantileMethod;
import dev.segmentation.core.criteria.Transform;
import dev.segmentation.core.criteria.UnseenCategoryPolicy;
import dev.segmentation.core.table.NumericColumn;
import dev.segmentation.testing.Gen;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ModelJsonTest {

  /** Test-side Jackson, only to edit documents and compare them as trees. */
  private static final ObjectMapper TREES = new ObjectMapper();

  private static final String[] NAMES = {
    "turnover", "Öl & Gas", "客户", "a.b", "with \"quote\"", "tab\tnew\nline", "🙂 emoji", " padded",
    "back\\slash", "x"
  };

  static LongStream seeds() {
    return Gen.seeds(200);
  }

  // ---------------------------------------------------------------------------------------------
  // Properties

  @ParameterizedTest
  @MethodSource("seeds")
  void criteriaRoundTripIsExact(long seed) {
    Gen gen = new Gen(seed);
    Criteria criteria = randomCriteria(gen);
    String json = ModelJson.write(criteria);
    Criteria read = ModelJson.readCriteria(json);
    assertEquals(criteria, read, "seed " + seed + ": criteria read back from JSON\n" + json);
    assertEquals(json, ModelJson.write(read), "seed " + seed + ": JSON of the read-back criteria");
    assertEquals(json, ModelJson.write(criteria), "seed " + seed + ": JSON of a second write");
    assertNoNonFiniteTokens(json, seed);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void fittedCriteriaRoundTripTransformsExactly(long seed) {
    Gen gen = new Gen(seed);
    int num = gen.intBetween(1, 4);
    int cat = gen.intBetween(0, 2);
    double missingRate = gen.pick(0.0, 0.05, 0.15);
    AccountTable table = gen.spendTable(gen.intBetween(20, 60), num, cat, missingRate);
    Criteria criteria = fittableCriteria(gen, num, cat, missingRate > 0);
    FittedCriteria fitted = criteria.fit(table);

    String json = ModelJson.write(fitted);
    FittedCriteria read = ModelJson.readFittedCriteria(json);
    assertEquals(fitted, read, "seed " + seed + ": fitted criteria read back from JSON\n" + json);
    assertEquals(json, ModelJson.write(read), "seed " + seed + ": JSON of the read-back fitted criteria");
    assertEquals(json, ModelJson.write(fitted), "seed " + seed + ": JSON of a second write");
    assertNoNonFiniteTokens(json, seed);
    assertEquals(fitted.transform(table), read.transform(table),
        "seed " + seed + ": feature matrix of the training table under the loaded fitted criteria");

    AccountTable fresh = gen.spendTable(gen.intBetween(1, 30), num, cat, missingRate);
    assertEquals(outcome(fitted, fresh), outcome(read, fresh),
        "seed " + seed + ": feature matrix (or error) of new accounts under the loaded fitted criteria");
  }

  /** The matrix, or the message of the data error, so that both paths can be compared. */
  private static Object outcome(FittedCriteria fitted, AccountTable table) {
    try {
      return fitted.transform(table);
    } catch (DataValidationException e) {
      return e.getMessage();
    }
  }

  private static void assertNoNonFiniteTokens(String json, long seed) {
    assertFalse(json.contains("NaN"), "seed " + seed + ": JSON must not contain NaN");
    assertFalse(json.contains("Infinity"), "seed " + seed + ": JSON must not contain Infinity");
    assertFalse(json.contains("\r"), "seed " + seed + ": JSON line ends must be \\n");
  }

  // ---------------------------------------------------------------------------------------------
  // Golden files

  @Test
  void goldenCriteriaV1() throws Exception {
    String golden = resource("json/v1/criteria.json");
    assertEquals(goldenCriteria(), ModelJson.readCriteria(golden),
        "criteria read from json/v1/criteria.json");
    assertEquals(goldenCriteria(), ModelJson.readCriteria(resourcePath("json/v1/criteria.json")),
        "criteria read from the file json/v1/criteria.json");
    assertEquals(TREES.readTree(golden), TREES.readTree(ModelJson.write(goldenCriteria())),
        "re-written criteria compared with json/v1/criteria.json as JSON trees");
  }

  @Test
  void goldenFittedCriteriaV1() throws Exception {
    String golden = resource("json/v1/fitted-criteria.json");
    assertEquals(goldenFitted(), ModelJson.readFittedCriteria(golden),
        "fitted criteria read from json/v1/fitted-criteria.json");
    assertEquals(goldenFitted(),
        ModelJson.readFittedCriteria(resourcePath("json/v1/fitted-criteria.json")),
        "fitted criteria read from the file json/v1/fitted-criteria.json");
    assertEquals(TREES.readTree(golden), TREES.readTree(ModelJson.write(goldenFitted())),
        "re-written fitted criteria compared with json/v1/fitted-criteria.json as JSON trees");
  }

  @Test
  void layoutIsFixedPrettyPrintedAndUsesNullForMissingValues() {
    String json = ModelJson.write(goldenFitted());
    assertTrue(json.startsWith("{\n  \"schemaVersion\": 1,\n  \"kind\": \"fitted-criteria\",\n"
        + "  \"definition\": {\n    \"defaultMissingPolicy\": \"MEDIAN\",\n"), "document start\n" + json);
    assertTrue(json.contains("\"type\": \"clip\",\n          \"min\": 0.0,\n"
        + "          \"max\": null\n"), "unbounded clip side written as null\n" + json);
    assertTrue(json.contains("\"criterion\": \"whitespace\",\n      \"imputeValue\": null,"),
        "imputeValue without imputation written as null\n" + json);
    assertTrue(json.contains("\"transforms\": [],"), "empty arrays written as []\n" + json);
    assertFalse(json.endsWith("\n"), "no trailing line feed in the string form");
  }

  // ---------------------------------------------------------------------------------------------
  // Files

  @Test
  void filesRoundTrip(@TempDir Path dir) throws IOException {
    Path c = dir.resolve("criteria.json");
    ModelJson.write(goldenCriteria(), c);
    assertEquals(ModelJson.write(goldenCriteria()) + "\n", Files.readString(c), "criteria file text");
    assertEquals(goldenCriteria(), ModelJson.readCriteria(c), "criteria read from the file");
    Path f = dir.resolve("fitted.json");
    ModelJson.write(goldenFitted(), f);
    assertEquals(goldenFitted(), ModelJson.readFittedCriteria(f), "fitted criteria read from the file");
  }

  @Test
  void ioFailuresNameThePath(@TempDir Path dir) {
    Path missing = dir.resolve("no-such.json");
    UncheckedIOException read = assertThrows(UncheckedIOException.class,
        () -> ModelJson.readCriteria(missing));
    assertTrue(read.getMessage().contains(missing.toString()), "read message names the file: "
        + read.getMessage());
    Path notADir = dir.resolve("no-such-dir").resolve("x.json");
    UncheckedIOException write = assertThrows(UncheckedIOException.class,
        () -> ModelJson.write(goldenFitted(), notADir));
    assertTrue(write.getMessage().contains(notADir.toString()), "write message names the file: "
        + write.getMessage());
  }

  @Test
  void formatErrorInFileNamesFileAndPath(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, edit(ModelJson.write(goldenCriteria()),
        root -> ((ObjectNode) root.path("criteria").get(0)).put("weight", 0.0)));
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> ModelJson.readCriteria(file));
    assertTrue(e.getMessage().contains(file.toString()), "message names the file: " + e.getMessage());
    assertPath(e, "$.criteria[0].weight");
  }

  // ---------------------------------------------------------------------------------------------
  // Errors

  @Test
  void newerSchemaVersionIsRejected() {
    String json = edit(ModelJson.write(goldenCriteria()), root -> root.put("schemaVersion", 2));
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> ModelJson.readCriteria(json));
    assertTrue(e.getMessage().contains(
        "schemaVersion 2 is newer than this library supports (1); upgrade segmentation"),
        "message: " + e.getMessage());
    assertEquals(Optional.of("$.schemaVersion"), e.jsonPath(), "jsonPath()");
  }

  @Test
  void missingSchemaVersionIsRejected() {
    String json = edit(ModelJson.write(goldenCriteria()), root -> root.remove("schemaVersion"));
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> ModelJson.readCriteria(json));
    assertTrue(e.getMessage().contains("Missing field \"schemaVersion\""), "message: " + e.getMessage());
    assertPath(e, "$.schemaVersion");
  }

  @Test
  void invalidSchemaVersionsAreRejected() {
    String json = ModelJson.write(goldenCriteria());
    for (String bad : new String[] {"0", "-1", "1.0", "\"1\"", "null", "99999999999999999999"}) {
      String doc = json.replace("\"schemaVersion\": 1,", "\"schemaVersion\": " + bad + ",");
      ModelFormatException e = assertThrows(ModelFormatException.class,
          () -> ModelJson.readCriteria(doc), "schemaVersion " + bad);
      assertTrue(e.getMessage().contains("schemaVersion"), "schemaVersion " + bad + ": " + e.getMessage());
      assertEquals(Optional.of("$.schemaVersion"), e.jsonPath(), "jsonPath() for " + bad);
    }
  }

  @Test
  void wrongKindNamesExpectedAndActual() {
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> ModelJson.readCriteria(ModelJson.write(goldenFitted())));
    assertTrue(e.getMessage().contains("Expected a \"criteria\" document but \"kind\" at $.kind is "
        + "\"fitted-criteria\""), "message: " + e.getMessage());
    assertTrue(e.getMessage().contains("readFittedCriteria"), "advice: " + e.getMessage());
    assertPath(e, "$.kind");

    ModelFormatException f = assertThrows(ModelFormatException.class,
        () -> ModelJson.readFittedCriteria(ModelJson.write(goldenCriteria())));
    assertTrue(f.getMessage().contains("Expected a \"fitted-criteria\" document but \"kind\" at $.kind "
        + "is \"criteria\""), "message: " + f.getMessage());

    String unknown = edit(ModelJson.write(goldenCriteria()), root -> root.put("kind", "no-such-kind"));
    ModelFormatException g = assertThrows(ModelFormatException.class,
        () -> ModelJson.readCriteria(unknown));
    assertTrue(g.getMessage().contains("Known kinds are: ")
        && g.getMessage().contains(" criteria, fitted-criteria"), "message: " + g.getMessage());

    String missing = edit(ModelJson.write(goldenCriteria()), root -> root.remove("kind"));
    assertPath(assertThrows(ModelFormatException.class, () -> ModelJson.readCriteria(missing)),
        "$.kind");
  }

  @Test
  void unknownFieldIsReportedWithItsNestedPath() {
    String json = edit(ModelJson.write(goldenCriteria()),
        root -> ((ObjectNode) root.path("criteria").get(1).path("transforms").get(0)).put("foo", 1));
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> ModelJson.readCriteria(json));
    assertTrue(e.getMessage().contains("Unknown field \"foo\" at $.criteria[1].transforms[0].foo"),
        "message: " + e.getMessage());
    assertTrue(e.getMessage().contains("lower, method, upper"), "expected fields: " + e.getMessage());
    assertPath(e, "$.criteria[1].transforms[0].foo");
    assertNotNull(e.getCause(), "Jackson exception kept as the cause");
  }

  @Test
  void unknownFieldsAtOtherLevels() {
    String fitted = ModelJson.write(goldenFitted());
    assertPath(assertThrows(ModelFormatException.class, () -> ModelJson.readFittedCriteria(
        edit(fitted, root -> root.put("createdAt", "2026-01-01")))), "$.createdAt");
    assertPath(assertThrows(ModelFormatException.class, () -> ModelJson.readFittedCriteria(
        edit(fitted, root -> ((ObjectNode) root.path("fitted").get(0)).put("odd key", true)))),
        "$.fitted[0]['odd key']");
    assertPath(assertThrows(ModelFormatException.class, () -> ModelJson.readFittedCriteria(
        edit(fitted, root -> ((ObjectNode) root.path("definition").path("criteria").get(2)
            .path("source")).put("scale", 2)))), "$.definition.criteria[2].source.scale");
  }

  @Test
  void missingFieldIsReportedWithItsPath() {
    String json = edit(ModelJson.write(goldenCriteria()),
        root -> ((ObjectNode) root.path("criteria").get(0)).remove("weight"));
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> ModelJson.readCriteria(json));
    assertTrue(e.getMessage().contains("Missing field \"weight\" at $.criteria[0].weight; expected a "
        + "finite number"), "message: " + e.getMessage());
    assertPath(e, "$.criteria[0].weight");

    String fitted = edit(ModelJson.write(goldenFitted()),
        root -> ((ObjectNode) root.path("fitted").get(1).path("transforms").get(0)).remove("lowerValue"));
    assertPath(assertThrows(ModelFormatException.class, () -> ModelJson.readFittedCriteria(fitted)),
        "$.fitted[1].transforms[0].lowerValue");

    String noList = edit(ModelJson.write(goldenCriteria()), root -> root.remove("criteria"));
    assertPath(assertThrows(ModelFormatException.class, () -> ModelJson.readCriteria(noList)),
        "$.criteria");
  }

  @Test
  void wrongTypeIsReportedWithItsPath() {
    String json = edit(ModelJson.write(goldenCriteria()),
        root -> ((ObjectNode) root.path("criteria").get(0)).put("weight", "2.0"));
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> ModelJson.readCriteria(json));
    assertTrue(e.getMessage().contains("Wrong type at $.criteria[0].weight: expected a finite number, "
        + "found the string \"2.0\""), "message: " + e.getMessage());
    assertPath(e, "$.criteria[0].weight");

    String name = edit(ModelJson.write(goldenCriteria()),
        root -> ((ObjectNode) root.path("criteria").get(3)).put("name", 5));
    ModelFormatException n = assertThrows(ModelFormatException.class, () -> ModelJson.readCriteria(name));
    assertTrue(n.getMessage().contains("expected a string, found the number 5"), "message: " + n.getMessage());
    assertPath(n, "$.criteria[3].name");

    String rows = edit(ModelJson.write(goldenFitted()), root -> root.put("trainingRows", 6.5));
    assertPath(assertThrows(ModelFormatException.class, () -> ModelJson.readFittedCriteria(rows)),
        "$.trainingRows");

    String list = edit(ModelJson.write(goldenFitted()),
        root -> ((ObjectNode) root.path("fitted").get(4)).put("levels", "Horeca"));
    assertPath(assertThrows(ModelFormatException.class, () -> ModelJson.readFittedCriteria(list)),
        "$.fitted[4].levels");
  }

  @Test
  void nanStringWhereANumberIsExpectedIsRejected() {
    String json = edit(ModelJson.write(goldenFitted()),
        root -> ((ObjectNode) root.path("fitted").get(0).path("transforms").get(1)).put("mean", "NaN"));
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> ModelJson.readFittedCriteria(json));
    assertTrue(e.getMessage().contains("found the string \"NaN\""), "message: " + e.getMessage());
    assertPath(e, "$.fitted[0].transforms[1].mean");

    String impute = edit(ModelJson.write(goldenFitted()),
        root -> ((ObjectNode) root.path("fitted").get(0)).put("imputeValue", "Infinity"));
    assertPath(assertThrows(ModelFormatException.class, () -> ModelJson.readFittedCriteria(impute)),
        "$.fitted[0].imputeValue");

    String bare = ModelJson.write(goldenCriteria()).replace("\"weight\": 2.0", "\"weight\": NaN");
    ModelFormatException b = assertThrows(ModelFormatException.class, () -> ModelJson.readCriteria(bare));
    assertTrue(b.getMessage().startsWith("Malformed JSON at line "), "message: " + b.getMessage());
  }

  @Test
  void numberBeyondDoubleRangeIsRejected() {
    String json = ModelJson.write(goldenCriteria()).replace("\"weight\": 2.0", "\"weight\": 1e400");
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> ModelJson.readCriteria(json));
    assertTrue(e.getMessage().contains("beyond the range of a double"), "message: " + e.getMessage());
    assertPath(e, "$.criteria[0].weight");
  }

  @Test
  void nullWhereAValueIsRequiredIsRejected() {
    String json = edit(ModelJson.write(goldenCriteria()),
        root -> ((ObjectNode) root.path("criteria").get(0)).putNull("name"));
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> ModelJson.readCriteria(json));
    assertTrue(e.getMessage().contains("Null at $.criteria[0].name; expected a string"),
        "message: " + e.getMessage());
    assertPath(e, "$.criteria[0].name");

    String level = edit(ModelJson.write(goldenFitted()),
        root -> ((com.fasterxml.jackson.databind.node.ArrayNode) root.path("fitted").get(4)
            .path("levels")).insertNull(0));
    assertPath(assertThrows(ModelFormatException.class, () -> ModelJson.readFittedCriteria(level)),
        "$.fitted[4].levels[0]");

    String impute = edit(ModelJson.write(goldenFitted()),
        root -> ((ObjectNode) root.path("fitted").get(0)).putNull("imputeValue"));
    ModelFormatException i = assertThrows(ModelFormatException.class,
        () -> ModelJson.readFittedCriteria(impute));
    assertTrue(i.getMessage().contains("MEDIAN"), "policy named: " + i.getMessage());
    assertPath(i, "$.fitted[0].imputeValue");
  }

  @Test
  void truncatedJsonReportsLineAndColumn() {
    String json = ModelJson.write(goldenFitted());
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> ModelJson.readFittedCriteria(json.substring(0, json.length() / 2)));
    assertTrue(e.getMessage().matches("(?s)Malformed JSON at line \\d+, column \\d+: .*"),
        "message: " + e.getMessage());
    assertEquals(Optional.empty(), e.jsonPath(), "jsonPath of malformed JSON");
    assertNotNull(e.getCause(), "Jackson exception kept as the cause");
  }

  @Test
  void otherMalformedDocuments() {
    String json = ModelJson.write(goldenCriteria());
    assertThrows(ModelFormatException.class, () -> ModelJson.readCriteria(""), "empty document");
    assertPath(assertThrows(ModelFormatException.class, () -> ModelJson.readCriteria("[]")), "$");
    ModelFormatException trailing = assertThrows(ModelFormatException.class,
        () -> ModelJson.readCriteria(json + " {}"));
    assertTrue(trailing.getMessage().startsWith("Malformed JSON"), "trailing: " + trailing.getMessage());
    ModelFormatException duplicate = assertThrows(ModelFormatException.class,
        () -> ModelJson.readCriteria(json.replace("\"kind\": \"criteria\",",
            "\"kind\": \"criteria\", \"kind\": \"criteria\",")));
    assertTrue(duplicate.getMessage().contains("Duplicate field 'kind'"),
        "duplicate: " + duplicate.getMessage());
  }

  @Test
  void zeroWeightIsRejectedAtItsPath() {
    String json = edit(ModelJson.write(goldenCriteria()),
        root -> ((ObjectNode) root.path("criteria").get(2)).put("weight", 0.0));
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> ModelJson.readCriteria(json));
    assertTrue(e.getMessage().contains("weight must be finite and > 0, was 0.0"),
        "message: " + e.getMessage());
    assertPath(e, "$.criteria[2].weight");
    assertTrue(e.getCause() instanceof IllegalArgumentException, "domain exception kept as the cause");
  }

  @Test
  void otherDomainViolationsAreRejectedAtTheirPaths() {
    String crit = ModelJson.write(goldenCriteria());
    assertPath(assertThrows(ModelFormatException.class, () -> ModelJson.readCriteria(edit(crit,
        root -> ((ObjectNode) root.path("criteria").get(1).path("transforms").get(0))
            .put("lower", 0.99)))), "$.criteria[1].transforms[0]");
    assertPath(assertThrows(ModelFormatException.class, () -> ModelJson.readCriteria(edit(crit,
        root -> ((ObjectNode) root.path("criteria").get(3)).put("name", "turnover")))),
        "$.criteria[3].name");
    assertPath(assertThrows(ModelFormatException.class, () -> ModelJson.readCriteria(edit(crit,
        root -> root.putArray("criteria")))), "$.criteria");
    assertPath(assertThrows(ModelFormatException.class, () -> ModelJson.readCriteria(edit(crit,
        root -> ((ObjectNode) root.path("criteria").get(4).path("source")).put("column", " ")))),
        "$.criteria[4].source.column");
    assertPath(assertThrows(ModelFormatException.class, () -> ModelJson.readCriteria(edit(crit,
        root -> ((ObjectNode) root.path("criteria").get(4)).set("source",
            root.path("criteria").get(2).path("source"))))), "$.criteria[4].source");

    String fit = ModelJson.write(goldenFitted());
    assertPath(assertThrows(ModelFormatException.class, () -> ModelJson.readFittedCriteria(edit(fit,
        root -> ((ObjectNode) root.path("fitted").get(0).path("transforms").get(1))
            .put("std", -1.0)))), "$.fitted[0].transforms[1]");
    assertPath(assertThrows(ModelFormatException.class, () -> ModelJson.readFittedCriteria(edit(fit,
        root -> root.put("trainingRows", 0)))), "$.trainingRows");
    assertPath(assertThrows(ModelFormatException.class, () -> ModelJson.readFittedCriteria(edit(fit,
        root -> ((ObjectNode) root.path("fitted").get(4)).put("imputeLevel", 7)))),
        "$.fitted[4].imputeLevel");
    assertPath(assertThrows(ModelFormatException.class, () -> ModelJson.readFittedCriteria(edit(fit,
        root -> ((com.fasterxml.jackson.databind.node.ArrayNode) root.path("fitted").get(4)
            .path("levels")).add("Aardvark")))), "$.fitted[4].levels");
    assertPath(assertThrows(ModelFormatException.class, () -> ModelJson.readFittedCriteria(edit(fit,
        root -> ((com.fasterxml.jackson.databind.node.ArrayNode) root.path("fitted")).remove(5)))),
        "$.fitted");
  }

  @Test
  void unknownOrMissingTypeDiscriminator() {
    String json = edit(ModelJson.write(goldenCriteria()),
        root -> ((ObjectNode) root.path("criteria").get(0).path("transforms").get(0)).put("type", "sqrt"));
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> ModelJson.readCriteria(json));
    assertTrue(e.getMessage().contains("Unknown type the string \"sqrt\" at $.criteria[0].transforms[0]"
        + ".type; expected one of: log1p, standardize, minMax, robust, winsorize, clip"),
        "message: " + e.getMessage());
    assertPath(e, "$.criteria[0].transforms[0].type");

    String missing = edit(ModelJson.write(goldenCriteria()),
        root -> ((ObjectNode) root.path("criteria").get(2).path("source")).remove("type"));
    ModelFormatException m = assertThrows(ModelFormatException.class,
        () -> ModelJson.readCriteria(missing));
    assertTrue(m.getMessage().contains("Missing field \"type\" at $.criteria[2].source.type; "
        + "expected one of: column, ratio, difference"), "message: " + m.getMessage());
  }

  @Test
  void invalidEnumValueListsTheNames() {
    String json = edit(ModelJson.write(goldenCriteria()),
        root -> ((ObjectNode) root.path("criteria").get(1)).put("missingPolicy", "AVERAGE"));
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> ModelJson.readCriteria(json));
    assertTrue(e.getMessage().contains("Invalid value the string \"AVERAGE\" at $.criteria[1]"
        + ".missingPolicy; expected one of REJECT, MEDIAN, MEAN, CONSTANT, MARK_UNASSIGNED"),
        "message: " + e.getMessage());
    assertPath(e, "$.criteria[1].missingPolicy");
  }

  @Test
  void fittedValuesMustMatchTheDefinition() {
    String fit = ModelJson.write(goldenFitted());
    String wrongStep = edit(fit, root -> {
      ObjectNode step = (ObjectNode) root.path("fitted").get(0).path("transforms").get(1);
      step.removeAll();
      step.put("type", "minMax").put("min", 0.0).put("max", 1.0);
    });
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> ModelJson.readFittedCriteria(wrongStep));
    assertTrue(e.getMessage().contains("expected zscore"), "message: " + e.getMessage());
    assertPath(e, "$.fitted[0].transforms[1]");

    String wrongBounds = edit(fit, root -> ((ObjectNode) root.path("fitted").get(1)
        .path("transforms").get(0)).put("upper", 0.9));
    assertPath(assertThrows(ModelFormatException.class,
        () -> ModelJson.readFittedCriteria(wrongBounds)), "$.fitted[1].transforms[0]");

    String wrongName = edit(fit, root -> ((ObjectNode) root.path("fitted").get(1))
        .put("criterion", "turnover"));
    ModelFormatException n = assertThrows(ModelFormatException.class,
        () -> ModelJson.readFittedCriteria(wrongName));
    assertTrue(n.getMessage().contains("$.definition.criteria[1]"), "message: " + n.getMessage());
    assertPath(n, "$.fitted[1].criterion");

    String tooFewSteps = edit(fit, root -> ((com.fasterxml.jackson.databind.node.ArrayNode)
        root.path("fitted").get(0).path("transforms")).remove(1));
    assertPath(assertThrows(ModelFormatException.class,
        () -> ModelJson.readFittedCriteria(tooFewSteps)), "$.fitted[0].transforms");
  }

  @Test
  void customSourceCannotBeWritten() {
    Criteria criteria = Criteria.builder()
        .numeric("turnover")
        .derived("score", "RFM score", row -> 1.0).standardize()
        .build();
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> ModelJson.write(criteria));
    assertTrue(e.getMessage().contains("Criterion 'score'"), "message names the criterion: "
        + e.getMessage());
    assertTrue(e.getMessage().contains("ratio(") && e.getMessage().contains("difference(")
        && e.getMessage().contains("column"), "message gives advice: " + e.getMessage());
    assertPath(e, "$.criteria[1].source");

    AccountTable table = AccountTable.of(new String[] {"a", "b"},
        NumericColumn.of("turnover", new double[] {1, 2}));
    FittedCriteria fitted = criteria.fit(table);
    assertPath(assertThrows(ModelFormatException.class, () -> ModelJson.write(fitted)),
        "$.definition.criteria[1].source");
  }

  // ---------------------------------------------------------------------------------------------
  // Fixed objects of the golden files

  static Criteria goldenCriteria() {
    return Criteria.builder()
        .numeric("turnover").log1p().standardize().weight(2.0)
        .numeric("potential").winsorize(0.05, 0.95).robust(QuantileMethod.TYPE_8)
            .ifMissing(MissingPolicy.MEAN)
        .ratio("share_of_wallet", "turnover", "potential").clip(0.0, 1.0).minMax()
            .ifMissingImpute(0.5)
        .difference("whitespace", "potential", "turnover").clip(0.0, Double.POSITIVE_INFINITY)
            .ifMissing(MissingPolicy.MARK_UNASSIGNED)
        .categorical("Branche").unseen(UnseenCategoryPolicy.ALL_ZERO).weight(0.5)
        .categorical("region").ifMissing(MissingPolicy.CONSTANT)
        .missing(MissingPolicy.MEDIAN)
        .build();
  }

  /** Built from hand-picked values, so that the golden file does not depend on floating-point detail. */
  static FittedCriteria goldenFitted() {
    Criteria c = goldenCriteria();
    List<Criterion> d = c.criteria();
    return FittedCriteria.of(c, List.of(
        FittedCriterion.numeric(d.get(0), 1200.0,
            List.of(new FittedTransform.Log1p(), new FittedTransform.ZScore(7.125, 1.3))),
        FittedCriterion.numeric(d.get(1), 5432.5, List.of(
            new FittedTransform.Winsorize(0.05, 0.95, QuantileMethod.TYPE_7, 150.0, 98000.0),
            new FittedTransform.Robust(4200.0, 3100.25))),
        FittedCriterion.numeric(d.get(2), 0.5,
            List.of(new FittedTransform.Clip(0.0, 1.0), new FittedTransform.MinMax(0.01, 0.93))),
        FittedCriterion.numeric(d.get(3), Double.NaN,
            List.of(new FittedTransform.Clip(0.0, Double.POSITIVE_INFINITY))),
        FittedCriterion.categorical(d.get(4), List.of("Chemicals", "Horeca", "Öl & Gas", "日本"), 1),
        FittedCriterion.categorical(d.get(5), List.of("1"), -1)),
        List.of("Criterion 'region' has a single level \"1\" in training; its one-hot column is "
            + "constant."),
        6);
  }

  // ---------------------------------------------------------------------------------------------
  // Generators

  /** Any valid criteria: all sources but custom, any transform chain, awkward numbers and names. */
  static Criteria randomCriteria(Gen gen) {
    int k = gen.intBetween(1, 6);
    List<Criterion> out = new ArrayList<>();
    for (int j = 0; j < k; j++) {
      String name = gen.pick(NAMES) + j;
      MissingPolicy policy = gen.pick(MissingPolicy.values());
      double constant = policy == MissingPolicy.CONSTANT || gen.chance(0.1)
          ? gen.pick(1e-300, -0.0, 1e300, -1e300, Double.MIN_VALUE, gen.awkwardFinite()) : 0.0;
      double weight = gen.pick(1.0, 2.0, 0.5, 1e-300, 1e300, Double.MIN_VALUE,
          1 + gen.rng().nextDouble() * 10);
      UnseenCategoryPolicy unseen = gen.pick(UnseenCategoryPolicy.values());
      if (gen.chance(0.25)) {
        out.add(new Criterion(name, CriterionKind.CATEGORICAL,
            new Criterion.Source.ColumnValue(gen.pick(NAMES)), List.of(), weight, policy, constant,
            unseen));
        continue;
      }
      Criterion.Source source = switch (gen.intBetween(0, 2)) {
        case 0 -> new Criterion.Source.ColumnValue(gen.pick(NAMES));
        case 1 -> new Criterion.Source.Ratio(gen.pick(NAMES), gen.pick(NAMES));
        default -> new Criterion.Source.Difference(gen.pick(NAMES), gen.pick(NAMES));
      };
      List<Transform> steps = new ArrayList<>();
      int m = gen.intBetween(0, 4);
      for (int s = 0; s < m; s++) {
        steps.add(randomTransform(gen, true));
      }
      out.add(new Criterion(name, CriterionKind.NUMERIC, source, steps, weight, policy, constant,
          gen.chance(0.8) ? UnseenCategoryPolicy.ERROR : unseen));
    }
    return Criteria.of(out, gen.pick(MissingPolicy.values()));
  }

  private static Transform randomTransform(Gen gen, boolean log1p) {
    switch (gen.intBetween(log1p ? 0 : 1, 5)) {
      case 0:
        return new Transform.Log1p();
      case 1:
        return new Transform.Standardize();
      case 2:
        return new Transform.MinMax();
      case 3:
        return new Transform.Robust(gen.pick(QuantileMethod.values()));
      case 4: {
        double lower = gen.pick(0.0, 0.01, 0.05, 0.25, gen.rng().nextDouble() * 0.5);
        double upper = gen.pick(1.0, 0.99, 0.95, lower + (1 - lower) * gen.rng().nextDouble());
        return new Transform.Winsorize(lower, upper > lower ? upper : 1.0,
            gen.pick(QuantileMethod.values()));
      }
      default: {
        double a = gen.chance(0.2) ? Double.NEGATIVE_INFINITY : gen.awkwardFinite();
        double b = gen.chance(0.2) ? Double.POSITIVE_INFINITY : gen.awkwardFinite();
        double min = Math.min(a, b);
        double max = Math.max(a, b);
        return new Transform.Clip(min, min < max ? max : Math.nextUp(min));
      }
    }
  }

  /**
   * Criteria that fit on {@link Gen#spendTable} with {@code num} numeric and {@code cat} categorical
   * columns: log1p only as a first step on values {@code >= 0} (columns and ratios of spend), policies
   * that accept missing values when the table has some.
   */
  static Criteria fittableCriteria(Gen gen, int num, int cat, boolean missing) {
    MissingPolicy[] policies = missing
        ? new MissingPolicy[] {
          MissingPolicy.MEDIAN, MissingPolicy.MEAN, MissingPolicy.CONSTANT, MissingPolicy.MARK_UNASSIGNED}
        : MissingPolicy.values();
    int k = gen.intBetween(1, 5);
    List<Criterion> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int j = 0; j < k; j++) {
      MissingPolicy policy = gen.pick(policies);
      double weight = gen.pick(1.0, 2.0, 0.25, 1e-300, 1 + gen.rng().nextDouble() * 10);
      if (cat > 0 && gen.chance(0.3)) {
        String column = "c" + gen.intBetween(0, cat - 1);
        if (names.add(column)) {
          out.add(new Criterion(column, CriterionKind.CATEGORICAL,
              new Criterion.Source.ColumnValue(column), List.of(), weight, policy, 0.0,
              gen.pick(UnseenCategoryPolicy.values())));
        }
        continue;
      }
      String x = "x" + gen.intBetween(0, num - 1);
      String y = "x" + gen.intBetween(0, num - 1);
      Criterion.Source source;
      String name;
      switch (gen.intBetween(0, 2)) {
        case 0 -> {
          source = new Criterion.Source.ColumnValue(x);
          name = x;
        }
        case 1 -> {
          source = new Criterion.Source.Ratio(x, y);
          name = gen.pick(NAMES) + j;
        }
        default -> {
          source = new Criterion.Source.Difference(x, y);
          name = gen.pick(NAMES) + j;
        }
      }
      if (!names.add(name)) {
        continue;
      }
      boolean nonNegative = !(source instanceof Criterion.Source.Difference);
      List<Transform> steps = new ArrayList<>();
      if (nonNegative && gen.chance(0.5)) {
        steps.add(new Transform.Log1p());
      }
      int m = gen.intBetween(0, 3);
      for (int t = 0; t < m; t++) {
        steps.add(randomTransform(gen, false));
      }
      double constant = policy != MissingPolicy.CONSTANT ? 0.0 : nonNegative
          ? gen.pick(0.0, -0.0, 1e-300, 12.5, gen.spend())
          : gen.pick(-0.0, 1e-300, -3.5, 1e6, gen.spend());
      out.add(new Criterion(name, CriterionKind.NUMERIC, source, steps, weight, policy, constant,
          UnseenCategoryPolicy.ERROR));
    }
    if (out.isEmpty()) {
      out.add(new Criterion("x0", CriterionKind.NUMERIC, new Criterion.Source.ColumnValue("x0"),
          List.of(new Transform.Standardize()), 1.0, gen.pick(policies), 0.0,
          UnseenCategoryPolicy.ERROR));
    }
    return Criteria.of(out, gen.pick(MissingPolicy.values()));
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  private static void assertPath(ModelFormatException e, String path) {
    assertEquals(Optional.of(path), e.jsonPath(), "jsonPath() of: " + e.getMessage());
    assertTrue(e.getMessage().contains(path), "message names " + path + ": " + e.getMessage());
  }

  /** Parses a document with test-side Jackson, applies a change and writes it back. */
  private static String edit(String json, Consumer<ObjectNode> change) {
    try {
      ObjectNode root = (ObjectNode) TREES.readTree(json);
      change.accept(root);
      return TREES.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String resource(String name) throws IOException, URISyntaxException {
    return Files.readString(resourcePath(name), StandardCharsets.UTF_8);
  }

  private static Path resourcePath(String name) throws URISyntaxException {
    URL url = ModelJsonTest.class.getClassLoader().getResource(name);
    assertNotNull(url, "test resource " + name);
    return Path.of(url.toURI());
  }
}
