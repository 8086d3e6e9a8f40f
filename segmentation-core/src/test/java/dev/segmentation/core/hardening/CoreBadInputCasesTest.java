package dev.segmentation.core.hardening;

import static dev.segmentation.core.hardening.Outcomes.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.ConditionSyntaxException;
import dev.segmentation.core.Criteria;
import dev.segmentation.core.DataValidationException;
import dev.segmentation.core.ModelFormatException;
import dev.segmentation.core.criteria.FeatureMatrix;
import dev.segmentation.core.criteria.FittedCriteria;
import dev.segmentation.core.criteria.UnseenCategoryPolicy;
import dev.segmentation.core.json.InsightJson;
import dev.segmentation.core.json.ModelJson;
import dev.segmentation.core.model.KMeans;
import dev.segmentation.core.model.QuantileModel;
import dev.segmentation.core.model.RuleModel;
import dev.segmentation.core.table.CsvOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad-input cases of core's entry points that are not a table shape: builders, ids, CSV text, condition
 * text, option values, unseen categories and malformed, oversized, deeply nested and wrong-version JSON.
 * Each asserts the documented exception type (with a message) or a result with a reason.
 */
@Timeout(30)
class CoreBadInputCasesTest {

  @TempDir
  Path dir;

  // ---- AccountTable.builder / from ----

  @Test
  void builderRejectsDuplicateEmptyAndNullIds() {
    DataValidationException dup = assertThrows(DataValidationException.class,
        () -> AccountTable.builder().numeric("x").addRow("C-1", 1.0).addRow("C-1", 2.0).build());
    assertTrue(dup.getMessage().contains("C-1"), dup.getMessage());
    assertRejects("blank id", () -> AccountTable.builder().numeric("x").addRow(" ", 1.0).build().toString(),
        IllegalArgumentException.class, DataValidationException.class);
    assertRejects("empty id", () -> AccountTable.builder().numeric("x").addRow("", 1.0).build().toString(),
        IllegalArgumentException.class, DataValidationException.class);
    assertThrows(NullPointerException.class, () -> AccountTable.builder().numeric("x").addRow(null, 1.0));
  }

  @Test
  void builderRejectsWrongValuesAndColumns() {
    assertRejects("too few values", () -> AccountTable.builder().numeric("x").numeric("y")
        .addRow("a", 1.0).build().toString(), IllegalArgumentException.class);
    assertRejects("text in numeric", () -> AccountTable.builder().numeric("x")
        .addRow("a", "12,5").build().toString(), IllegalArgumentException.class);
    assertRejects("column twice", () -> AccountTable.builder().numeric("x").numeric("x").build().toString(),
        IllegalStateException.class);
    assertRejects("id column as data column", () -> AccountTable.builder().numeric("id")
        .addRow("a", 1.0).build().toString(), IllegalArgumentException.class, IllegalStateException.class);
  }

  @Test
  void unicodeIdsSurviveCsvRoundTrip() throws IOException {
    AccountTable t = AccountTable.builder().numeric("x").categorical("c")
        .addRow("Kunde-Ö", 1.0, "Île").addRow("客户", -0.0, "北").addRow("\uD83D\uDE00", 1e308, "a,\"b\"")
        .build();
    Path file = dir.resolve("u.csv");
    t.writeCsv(file);
    AccountTable back = AccountTable.readCsv(file, CsvOptions.defaults().idColumn("id"));
    assertEquals(t.ids(), back.ids(), "unicode ids after a CSV round trip");
    assertEquals(t, back, "table after a CSV round trip");
  }

  // ---- readCsv ----

  private static String csvOutcome(String name, String csv) {
    return Outcomes.run(name, () -> {
      AccountTable t = AccountTable.readCsv(new StringReader(csv), CsvOptions.defaults().idColumn("id"));
      return t.rowCount() + " rows, " + t.columnCount() + " columns";
    });
  }

  @Test
  void csvRejectsRaggedRowsBadQuotingAndBadIds() {
    String[][] bad = {
      {"ragged short", "id,x,y\na,1,2\nb,3\n"},
      {"ragged long", "id,x,y\na,1,2\nb,3,4,5\n"},
      {"unclosed quote", "id,x\na,\"1\nb,2\n"},
      {"duplicate id", "id,x\na,1\na,2\n"},
      {"empty id", "id,x\n,1\nb,2\n"},
      {"duplicate header", "id,x,x\na,1,2\n"},
      {"empty file", ""},
      {"no id column", "x,y\n1,2\n"},
    };
    for (String[] c : bad) {
      String o = csvOutcome(c[0], c[1]);
      assertTrue(o.startsWith("DataValidationException") || o.startsWith("IllegalArgumentException"),
          c[0] + ": expected a DataValidationException, was " + o);
    }
  }

  @Test
  void csvAcceptsAwkwardButValidText() {
    // a quote inside an unquoted field is kept as text (lenient, like most RFC 4180 readers)
    assertEquals("ok: 2 rows, 1 columns", csvOutcome("quote inside field", "id,x\na,1\"2\nb,3\n"));
    assertEquals("ok: 0 rows, 1 columns", csvOutcome("header only", "id,x\n"));
    assertEquals("ok: 2 rows, 1 columns", csvOutcome("CRLF and BOM", "\uFEFFid,x\r\na,1\r\nb,2\r\n"));
    AccountTable t = AccountTable.readCsv(new StringReader("id,x\na,NaN\nb,-0.0\nc,1e308\nd,\n"),
        CsvOptions.defaults());
    assertEquals(4, t.rowCount(), "rows");
    assertTrue(Double.isNaN(t.numeric("x").get(3)), "empty cell is missing");
    // documented: numbers are the correctly rounded double, so 1e400 reads as Infinity; every consumer
    // (criteria, models, insight) then rejects it naming the account (see CoreBadInputMatrixTest)
    AccountTable o = AccountTable.readCsv(new StringReader("id,x\na,1e400\nb,1\n"), CsvOptions.defaults());
    assertEquals(Double.POSITIVE_INFINITY, o.numeric("x").get(0), "1e400");
  }

  @Test
  void csvWithMixedEncodingsFailsNamingTheFileOrLine() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write("id,city,x\na,Köln,1\n".getBytes(StandardCharsets.UTF_8));
    bytes.write("b,K\u00f6ln,2\n".getBytes(StandardCharsets.ISO_8859_1));       // invalid UTF-8 byte
    bytes.write("c,\u5317,3\n".getBytes(StandardCharsets.UTF_16LE));            // NUL bytes
    Path file = dir.resolve("mixed.csv");
    Files.write(file, bytes.toByteArray());
    // documented: an undecodable file is an UncheckedIOException naming the path, with advice
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> AccountTable.readCsv(file));
    assertTrue(e.getMessage().contains("mixed.csv") && e.getMessage().contains("CsvOptions.charset"),
        e.getMessage());
    // as ISO-8859-1 every byte decodes; the UTF-16 line then is a ragged row, reported with its line
    DataValidationException ragged = assertThrows(DataValidationException.class, () -> AccountTable
        .readCsv(file, CsvOptions.defaults().charset(StandardCharsets.ISO_8859_1)));
    assertTrue(ragged.line().isPresent() || ragged.getMessage().contains("Line"), ragged.getMessage());
    assertThrows(UncheckedIOException.class, () -> AccountTable.readCsv(dir.resolve("missing.csv")));
  }

  // ---- Criteria ----

  @Test
  void criteriaRejectBadOptionsAndUnknownColumns() {
    AccountTable t = AccountTable.builder().numeric("x").categorical("c")
        .addRow("a", 1.0, "u").addRow("b", 2.0, "v").build();
    assertRejects("unknown column", () -> Criteria.builder().numeric("Grocry").build().fit(t).toString(),
        IllegalArgumentException.class, DataValidationException.class);
    assertRejects("categorical as numeric", () -> Criteria.builder().numeric("c").build().fit(t).toString(),
        IllegalArgumentException.class, DataValidationException.class);
    assertRejects("same criterion twice", () -> Criteria.builder().numeric("x").numeric("x").build().toString(),
        IllegalStateException.class, IllegalArgumentException.class);
    assertRejects("NaN weight", () -> Criteria.builder().numeric("x").weight(Double.NaN).build().toString(),
        IllegalArgumentException.class, IllegalStateException.class);
    assertRejects("negative weight", () -> Criteria.builder().numeric("x").weight(-1).build().toString(),
        IllegalArgumentException.class, IllegalStateException.class);
    assertRejects("winsorize reversed", () -> Criteria.builder().numeric("x").winsorize(0.9, 0.1).build()
        .toString(), IllegalArgumentException.class, IllegalStateException.class);
    assertRejects("clip NaN", () -> Criteria.builder().numeric("x").clip(Double.NaN, 1).build().toString(),
        IllegalArgumentException.class, IllegalStateException.class);
    assertRejects("empty criteria", () -> Criteria.builder().build().fit(t).toString(),
        IllegalArgumentException.class, IllegalStateException.class, DataValidationException.class);
  }

  @Test
  void unseenCategoriesFollowTheirPolicy() {
    AccountTable train = AccountTable.builder().categorical("c").addRow("a", "u").addRow("b", "v").build();
    AccountTable fresh = AccountTable.builder().categorical("c").addRow("n", "w").build();
    Function<UnseenCategoryPolicy, FittedCriteria> fit =
        p -> Criteria.builder().categorical("c").oneHot().unseen(p).build().fit(train);
    assertRejects("ERROR", () -> fit.apply(UnseenCategoryPolicy.ERROR).transform(fresh).toString(),
        DataValidationException.class);
    FeatureMatrix zero = fit.apply(UnseenCategoryPolicy.ALL_ZERO).transform(fresh);
    assertTrue(zero.isComplete(0), "ALL_ZERO keeps the row");
    assertEquals(0.0, java.util.Arrays.stream(zero.row(0)).sum(), "ALL_ZERO row");
    FeatureMatrix marked = fit.apply(UnseenCategoryPolicy.MARK_UNASSIGNED).transform(fresh);
    assertEquals(1, marked.issues().size(), "MARK_UNASSIGNED reports the row");
  }

  // ---- models: options no model may take ----

  @Test
  void modelBuildersRejectImpossibleOptions() {
    assertRejects("clusters 0", () -> KMeans.builder().clusters(0).build().toString(),
        IllegalArgumentException.class);
    assertRejects("clusters -1", () -> KMeans.builder().clusters(-1).build().toString(),
        IllegalArgumentException.class);
    assertRejects("restarts 0", () -> KMeans.builder().clusters(2).restarts(0).build().toString(),
        IllegalArgumentException.class);
    assertRejects("tolerance NaN", () -> KMeans.builder().clusters(2).tolerance(Double.NaN).build().toString(),
        IllegalArgumentException.class);
    assertRejects("bins 0", () -> QuantileModel.builder().column("x").bins(0).toString(),
        IllegalArgumentException.class);
    assertRejects("probability 1.5", () -> QuantileModel.builder().column("x").probabilities(1.5).toString(),
        IllegalArgumentException.class);
  }

  @Test
  void conditionsFailWithSyntaxErrorsNotStackOverflow() {
    for (String bad : List.of("x >", "x > > 1", "((x > 1)", "x in (", "\"unterminated", "x > 1e400x",
        "(".repeat(100_000) + "x > 1" + ")".repeat(100_000), "not ".repeat(100_000) + "x > 1")) {
      String shown = bad.length() > 30 ? bad.substring(0, 30) + "..." : bad;
      assertRejects("condition " + shown, () -> RuleModel.builder().segment("A").when(bad).build().toString(),
          ConditionSyntaxException.class);
    }
    RuleModel m = RuleModel.builder().segment("A").when("missing_column > 1").otherwise("B").build();
    AccountTable t = AccountTable.builder().numeric("x").addRow("a", 1.0).build();
    assertRejects("unknown column at assign", () -> m.assign(t).toString(),
        IllegalArgumentException.class, DataValidationException.class);
  }

  // ---- JSON readers ----

  private static final List<Function<String, Object>> READERS = List.of(ModelJson::readModel,
      ModelJson::readCriteria, ModelJson::readFittedCriteria, InsightJson::readPriorityList,
      InsightJson::readLookalikeScores);

  @Test
  void jsonReadersRejectMalformedTruncatedWrongVersionAndOversizedText() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    String deepObject = "{\"schemaVersion\":1,\"kind\":\"rule-model\",\"x\":" + "{\"a\":".repeat(100_000)
        + "1" + "}".repeat(100_000) + "}";
    String hugeString = "{\"schemaVersion\":1,\"kind\":\"rule-model\",\"rules\":\"" + "x".repeat(50_000_000)
        + "\"}";
    String hugeNumber = "{\"schemaVersion\":1,\"kind\":\"kmeans-model\",\"inertia\":1" + "0".repeat(5_000_000)
        + "}";
    List<String> docs = List.of("", " ", "null", "[]", "{}", "{", "{\"schemaVersion\":", "\uFEFF{}",
        "{\"schemaVersion\":2,\"kind\":\"rule-model\"}", "{\"schemaVersion\":0,\"kind\":\"rule-model\"}",
        "{\"schemaVersion\":\"1\",\"kind\":\"rule-model\"}", "{\"schemaVersion\":1.5,\"kind\":\"rule-model\"}",
        "{\"schemaVersion\":99999999999999999999,\"kind\":\"rule-model\"}",
        "{\"schemaVersion\":1,\"kind\":\"no-such-kind\"}", "{\"schemaVersion\":1,\"kind\":null}",
        "{\"kind\":\"rule-model\"}", "{\"schemaVersion\":1,\"kind\":\"rule-model\"} trailing",
        deep, deepObject, hugeString, hugeNumber);
    for (Function<String, Object> reader : READERS) {
      for (String doc : docs) {
        String shown = doc.length() > 40 ? doc.substring(0, 40) + "...(" + doc.length() + " chars)" : doc;
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> reader.apply(doc), shown);
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), shown);
        assertTrue(e.getMessage().length() < 2_000, shown + ": message repeats the input: "
            + e.getMessage().length() + " chars");
      }
    }
    assertThrows(NullPointerException.class, () -> ModelJson.readModel((String) null));
  }

  @Test
  void jsonFileReadersNameTheFile() throws IOException {
    Path file = dir.resolve("truncated.json");
    Files.writeString(file, "{\"schemaVersion\":1,\"kind\":\"crit");
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelJson.readCriteria(file));
    assertTrue(e.getMessage().contains("truncated.json"), e.getMessage());
    UncheckedIOException io = assertThrows(UncheckedIOException.class,
        () -> ModelJson.readCriteria(dir.resolve("nope.json")));
    assertTrue(io.getMessage().contains("nope.json"), io.getMessage());
  }
}
